//! `schedule.yaml` (or each `schedule/*.yaml`): the visits.

use super::fields::{Fields, Sink, items};
use super::types::{Date, Id, Month, OneOf, Time, Ty};
use crate::load::yaml::{Node, Value};
use crate::model::{PlanStatus, Sp, Visit, VisitKind};

pub const KINDS: OneOf<VisitKind> = OneOf(&[("dang_uy", VisitKind::DangUy), ("chi_bo", VisitKind::ChiBo)]);
const STATUSES: OneOf<PlanStatus> =
    OneOf(&[("planned", PlanStatus::Planned), ("cancelled", PlanStatus::Cancelled)]);

/// Read one schedule file's list of visits.
pub fn read(node: &Node, sink: &mut Sink) -> Vec<Visit> {
    items(node, "a list of visits", sink).iter().filter_map(|n| visit(n, sink)).collect()
}

/// The id a visit gets when it has none: `to-1-2024-03-dang-uy`.
pub fn default_id(team: &str, month: &str, kind: VisitKind) -> String {
    format!("{team}-{month}-{}", kind.slug())
}

fn visit(n: &Node, sink: &mut Sink) -> Option<Visit> {
    let mut f = Fields::new(n, "this visit", sink)?;
    let team = f.req_sp(sink, "team", Id);
    let kind = f.req_sp(sink, "kind", KINDS);
    let unit = f.req_sp(sink, "unit", Id);
    let month = f.req_sp(sink, "month", Month);
    let date = f.opt_sp(sink, "date", Date);
    let time = f.opt(sink, "time", Time);
    let place = f.opt_text(sink, "place");
    let status = f.opt(sink, "status", STATUSES).unwrap_or(PlanStatus::Planned);
    let note = f.opt_text(sink, "note");
    let explicit = match f.node("id") {
        Some(Node { value: Value::Str(s), .. }) if s.trim().is_empty() => None,
        Some(idn) => Some(Id.read(idn, sink).map(|v| Sp::new(v, sink.loc(idn.pos)))),
        None => None,
    };
    f.finish(sink);
    let (team, kind, unit, month) = (team?, kind?, unit?, month?);
    let id = match explicit {
        Some(id) => id?,
        None => Sp::new(default_id(&team, &month.value.to_string(), kind.value), sink.loc(n.pos)),
    };
    Some(Visit { id, team, kind, unit, month, date, time, place, status, note, loc: sink.loc(n.pos) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::read_as;

    fn run(yaml: &str) -> (Vec<Visit>, Vec<String>) {
        read_as("content/schedule.yaml", yaml, read)
    }

    #[test]
    fn reads_visits_with_default_and_explicit_ids() {
        let (v, e) = run(
            "- team: to-1\n  kind: dang_uy\n  unit: db-a\n  month: 2024-03\n  date: 2024-03-14\n  time: 14:00\n  place: HT\n\
             - team: to-1\n  kind: chi_bo\n  unit: cb-b\n  month: 2024-03\n  status: cancelled\n  note: lý do\n  id: ''\n\
             - { team: to-2, kind: chi_bo, unit: cb-b, month: 2024-04, id: dac-biet, time: \"9:30\" }\n",
        );
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(v[0].id.value, "to-1-2024-03-dang-uy");
        assert_eq!(v[0].id.loc, v[0].loc);
        assert_eq!(v[0].date.as_ref().unwrap().value.to_string(), "2024-03-14");
        assert_eq!(v[0].time.unwrap().to_string(), "14:00:00");
        assert_eq!(v[0].status, PlanStatus::Planned);
        assert_eq!(v[1].id.value, "to-1-2024-03-chi-bo");
        assert_eq!(v[1].status, PlanStatus::Cancelled);
        assert_eq!(v[1].note.as_deref(), Some("lý do"));
        assert_eq!(v[2].id.value, "dac-biet");
        assert_ne!(v[2].id.loc, v[2].loc);
        assert_eq!(v[2].kind.value, VisitKind::ChiBo);
    }

    #[test]
    fn every_bad_value() {
        let (v, e) = run(
            "- team: To 1\n  kind: dang\n  unit: db-a\n  month: 2024-3\n  date: 2024-02-30\n  time: 25:00\n  status: done\n  id: X\n  temas: 1\n- kind: chi_bo\n",
        );
        assert!(v.is_empty());
        assert_eq!(
            e,
            [
                "1:9 invalid id `To 1`",
                "2:9 invalid value `dang`",
                "4:10 invalid month `2024-3`",
                "5:9 invalid date `2024-02-30`",
                "6:9 invalid time `25:00`",
                "7:11 invalid value `done`",
                "8:7 invalid id `X`",
                "9:3 unknown key `temas`",
                "10:3 missing key `team`",
                "10:3 missing key `unit`",
                "10:3 missing key `month`",
            ]
        );
    }
}
