//! `reports/**/*.md`: the written report on one visit.

use super::fields::{Fields, Sink};
use super::types::{Count, Date, Flag, Id, OneOf, Range, Text, Time};
use crate::load::yaml::Node;
use crate::model::Pos;
use crate::model::{Attendance, MeetingKind, Rating, Report, Sp};

const MEETINGS: OneOf<MeetingKind> = OneOf(&[
    ("dinh_ky", MeetingKind::DinhKy),
    ("chuyen_de", MeetingKind::ChuyenDe),
    ("ket_hop", MeetingKind::KetHop),
]);
const RATINGS: OneOf<Rating> = OneOf(&[
    ("tot", Rating::Tot),
    ("kha", Rating::Kha),
    ("trung_binh", Rating::TrungBinh),
    ("kem", Rating::Kem),
]);

/// Read a report from its front matter and body; `None` after reporting errors.
pub fn read(node: &Node, body: &str, body_line: u32, sink: &mut Sink) -> Option<Report> {
    let before = sink.errors.len();
    let mut f = Fields::new(node, "a report", sink)?;
    let visit = f.req_sp(sink, "visit", Id);
    let held_on = f.req_sp(sink, "held_on", Date);
    let started_at = f.opt_sp(sink, "started_at", Time);
    let ended_at = f.opt_sp(sink, "ended_at", Time);
    let submitted_on = f.req_sp(sink, "submitted_on", Date);
    let author = f.req(sink, "author", Text);
    let accompanied_by = f.opt_text(sink, "accompanied_by");
    let chair = f.opt_text(sink, "chair");
    let meeting = f.req(sink, "meeting", MEETINGS);
    let topic = f.opt_text(sink, "topic");
    let attendance = attendance(&mut f, sink);
    let speakers = f.opt(sink, "speakers", Count);
    let rating = f.req(sink, "rating", RATINGS);
    let score = f.opt(sink, "score", Range(0, 100));
    let restricted = f.opt(sink, "restricted", Flag).unwrap_or(false);
    f.finish(sink);
    if sink.errors.len() > before {
        return None;
    }
    Some(Report {
        visit: visit?,
        held_on: held_on?,
        started_at,
        ended_at,
        submitted_on: submitted_on?,
        author: author?,
        accompanied_by,
        chair,
        meeting: meeting?,
        topic,
        attendance: attendance?,
        speakers,
        rating: rating?,
        score,
        restricted,
        body: body.into(),
        body_line,
        loc: sink.loc(Pos { line: 1, col: 1, len: 0 }),
    })
}

fn attendance(f: &mut Fields, sink: &mut Sink) -> Option<Sp<Attendance>> {
    let expected = "a mapping { total, exempt, present, excused, unexcused }";
    let pos = f.key_pos("attendance");
    let mut a = f.req_map(sink, "attendance", "attendance", expected)?;
    let total = a.req(sink, "total", Count);
    let exempt = a.req(sink, "exempt", Count);
    let present = a.req(sink, "present", Count);
    let excused = a.req(sink, "excused", Count);
    let unexcused = a.req(sink, "unexcused", Count);
    let map_pos = a.pos();
    a.finish(sink);
    let value = Attendance {
        total: total?,
        exempt: exempt?,
        present: present?,
        excused: excused?,
        unexcused: unexcused?,
    };
    Some(Sp::new(value, sink.loc(pos.unwrap_or(map_pos))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::read_as;

    const FULL: &str = "visit: to-1-2024-03-chi-bo\nheld_on: 2024-03-25\nstarted_at: \"14:00\"\nended_at: 16:00\n\
        submitted_on: 2024-03-29\nauthor: Nguyễn Văn A\naccompanied_by: Lê Văn C\nchair: Phạm Thị E\n\
        meeting: ket_hop\ntopic: Học tập\nattendance: { total: 18, exempt: 1, present: 15, excused: 2, unexcused: 0 }\n\
        speakers: 7\nrating: tot\nscore: 92\nrestricted: true\n";

    fn run(yaml: &str) -> (Option<Report>, Vec<String>) {
        read_as("content/reports/a.md", yaml, |n, s| read(n, "## Body\n", 17, s))
    }

    #[test]
    fn reads_every_key() {
        let (r, e) = run(FULL);
        assert!(e.is_empty(), "{e:?}");
        let r = r.unwrap();
        assert_eq!(r.visit.value, "to-1-2024-03-chi-bo");
        assert_eq!(r.ended_at.unwrap().value.to_string(), "16:00:00");
        assert_eq!(r.meeting, MeetingKind::KetHop);
        assert_eq!(r.topic.as_deref(), Some("Học tập"));
        assert_eq!(r.attendance.value.present, 15);
        assert_eq!(r.attendance.loc.pos.line, 11);
        assert_eq!((r.rating, r.score, r.speakers, r.restricted), (Rating::Tot, Some(92), Some(7), true));
        assert_eq!((&*r.body, r.body_line), ("## Body\n", 17));
    }

    #[test]
    fn optional_keys_default() {
        let (r, e) = run(
            "visit: v\nheld_on: 2024-03-25\nsubmitted_on: 2024-03-29\nauthor: A\nmeeting: dinh_ky\n\
             topic: ''\nattendance: { total: 1, exempt: 0, present: 1, excused: 0, unexcused: 0 }\nrating: kha\n",
        );
        assert!(e.is_empty(), "{e:?}");
        let r = r.unwrap();
        assert_eq!((r.topic, r.score, r.restricted, r.started_at), (None, None, false, None));
    }

    #[test]
    fn errors() {
        let (r, e) =
            run("visit: v\nheld_on: 2024-03-25\nsubmitted_on: 2024-03-29\nauthor: A\nmeeting: dinhky\n\
             attendance: { total: 1, present: x }\nrating: good\nscore: 120\n");
        assert!(r.is_none());
        assert_eq!(
            e,
            [
                "5:10 invalid value `dinhky`",
                "6:13 missing key `exempt`",
                "6:34 invalid number `x`",
                "6:13 missing key `excused`",
                "6:13 missing key `unexcused`",
                "7:9 invalid value `good`",
                "8:8 invalid number `120`",
            ]
        );
    }
}
