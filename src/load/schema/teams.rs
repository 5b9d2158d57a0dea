//! `teams.yaml`: the working groups.

use super::fields::{Fields, Sink, items};
use super::types::{Id, Text};
use crate::load::yaml::{Node, Value};
use crate::model::{Person, Team};

/// Read the list of teams; the teams that read cleanly (errors go to `sink`).
pub fn read(node: &Node, sink: &mut Sink) -> Vec<Team> {
    items(node, "a list of teams", sink).iter().filter_map(|n| team(n, sink)).collect()
}

fn team(n: &Node, sink: &mut Sink) -> Option<Team> {
    let mut f = Fields::new(n, "this team", sink)?;
    let id = f.req_sp(sink, "id", Id);
    let name = f.req(sink, "name", Text);
    let leader = f
        .req_map(sink, "leader", "the leader", "a mapping { name: …, title: … }")
        .and_then(|p| person(p, sink));
    let members = match f.node("members") {
        Some(m) if matches!(m.value, Value::Seq(_)) => {
            let list = items(m, "a list of members", sink);
            let people: Vec<Option<Person>> = list
                .iter()
                .map(|p| Fields::new(p, "this member", sink).and_then(|p| person(p, sink)))
                .collect();
            people.into_iter().collect::<Option<Vec<_>>>()
        }
        Some(m) => {
            items(m, "a list of members, each { name: …, title: … }", sink);
            None
        }
        None => Some(Vec::new()),
    };
    let phone = f.opt_text(sink, "phone");
    f.finish(sink);
    Some(Team { id: id?, name: name?, leader: leader?, members: members?, phone, loc: sink.loc(n.pos) })
}

fn person(mut f: Fields, sink: &mut Sink) -> Option<Person> {
    let name = f.req(sink, "name", Text);
    let title = f.req(sink, "title", Text);
    f.finish(sink);
    Some(Person { name: name?, title: title? })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::read_as;

    fn run(yaml: &str) -> (Vec<Team>, Vec<String>) {
        read_as("content/teams.yaml", yaml, read)
    }

    #[test]
    fn reads_teams() {
        let (t, e) = run(
            "- id: to-1\n  name: Tổ 1\n  leader: { name: A, title: PBT }\n  members:\n    - { name: B, title: PTB }\n  phone: 0214 3 800 000\n\
             - id: to-2\n  name: Tổ 2\n  leader: { name: C, title: UV }\n",
        );
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].id.value, "to-1");
        assert_eq!((t[0].id.loc.pos.line, t[0].id.loc.pos.col), (1, 7));
        assert_eq!(t[0].size(), 2);
        assert_eq!(t[0].phone.as_deref(), Some("0214 3 800 000"));
        assert_eq!(t[1].members, []);
        assert_eq!(t[1].loc.pos.line, 7);
    }

    #[test]
    fn errors_in_several_teams() {
        let (t, e) = run(
            "- id: To-1\n  name: Tổ 1\n  leader: { name: A }\n- id: to-2\n  name: [x]\n  leader: { name: C, title: UV }\n  members: B\n",
        );
        assert_eq!(t.len(), 0);
        assert_eq!(
            e,
            [
                "1:7 invalid id `To-1`",
                "3:11 missing key `title`",
                "5:9 expected a string, found a list",
                "7:12 expected a list of members, each { name: …, title: … }, found a string `B`",
            ]
        );
    }

    #[test]
    fn not_a_list() {
        let (_, e) = run("id: to-1\n");
        assert_eq!(e, ["1:1 expected a list of teams, found a mapping"]);
    }
}
