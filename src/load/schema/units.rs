//! `units.yaml`: the party organisations, with each đảng bộ's cells nested under it.

use super::fields::{Fields, Sink, items};
use super::types::{Count, Id, OneOf, Text};
use crate::load::yaml::Node;
use crate::model::{Unit, UnitKind};

/// The kinds a top-level unit may have.
const TOP_KINDS: OneOf<UnitKind> =
    OneOf(&[("dang_bo_co_so", UnitKind::DangBoCoSo), ("chi_bo_co_so", UnitKind::ChiBoCoSo)]);

/// Read the list of units, cells flattened right after their đảng bộ.
pub fn read(node: &Node, sink: &mut Sink) -> Vec<Unit> {
    let mut out = Vec::new();
    for n in items(node, "a list of units", sink) {
        unit(n, sink, &mut out);
    }
    out
}

fn unit(n: &Node, sink: &mut Sink, out: &mut Vec<Unit>) {
    let Some(mut f) = Fields::new(n, "this unit", sink) else { return };
    let id = f.req_sp(sink, "id", Id);
    let name = f.req(sink, "name", Text);
    let kind = match f.node("kind") {
        Some(k) if k.display() == "chi_bo_truc_thuoc" => {
            let d = sink.error(
                k.pos,
                crate::msg::content::cell_at_top(),
                crate::msg::content::expected_label(&super::types::Ty::expected(&TOP_KINDS)),
            );
            d.help = Some(crate::msg::content::cell_at_top_help());
            None
        }
        Some(k) => super::types::Ty::read(&TOP_KINDS, k, sink),
        None => {
            f.absent(sink, "kind", &super::types::Ty::expected(&TOP_KINDS));
            None
        }
    };
    let details = Details::read(&mut f, sink);
    let cells_key = f.key_pos("cells");
    let cells_node = f.node("cells");
    f.finish(sink);
    let unit = match (id, name, kind) {
        (Some(id), Some(name), Some(kind)) => Some(Unit {
            id,
            name,
            kind,
            parent: None,
            secretary: details.secretary,
            members: details.members,
            address: details.address,
            loc: sink.loc(n.pos),
        }),
        _ => None,
    };
    let parent = unit.as_ref().map(|u| u.id.value.clone());
    if let Some(u) = unit {
        out.push(u);
    }
    let Some(cells) = cells_node else { return };
    if kind.is_some_and(|k| k != UnitKind::DangBoCoSo) {
        let pos = cells_key.unwrap_or(cells.pos);
        let d = sink.error(
            pos,
            crate::msg::content::cells_under_cell(),
            crate::msg::content::cells_under_cell_label(),
        );
        d.help = Some(crate::msg::content::cells_under_cell_help());
        return;
    }
    for c in items(cells, "a list of cells (chi bộ trực thuộc)", sink) {
        if let Some(cell) = cell(c, sink, parent.as_deref()) {
            out.push(cell);
        }
    }
}

fn cell(n: &Node, sink: &mut Sink, parent: Option<&str>) -> Option<Unit> {
    let mut f = Fields::new(n, "this cell", sink)?;
    let id = f.req_sp(sink, "id", Id);
    let name = f.req(sink, "name", Text);
    let details = Details::read(&mut f, sink);
    f.finish(sink);
    Some(Unit {
        id: id?,
        name: name?,
        kind: UnitKind::ChiBoTrucThuoc,
        parent: Some(parent?.to_string()),
        secretary: details.secretary,
        members: details.members,
        address: details.address,
        loc: sink.loc(n.pos),
    })
}

/// The optional keys units and cells share.
struct Details {
    secretary: Option<String>,
    members: Option<u32>,
    address: Option<String>,
}

impl Details {
    fn read(f: &mut Fields, sink: &mut Sink) -> Self {
        Details {
            secretary: f.opt_text(sink, "secretary"),
            members: f.opt(sink, "members", Count),
            address: f.opt_text(sink, "address"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::read_as;

    fn run(yaml: &str) -> (Vec<Unit>, Vec<String>) {
        read_as("content/units.yaml", yaml, read)
    }

    #[test]
    fn flattens_cells_after_their_dang_bo() {
        let (u, e) = run(
            "- id: db-a\n  name: ĐB A\n  kind: dang_bo_co_so\n  secretary: P\n  members: 142\n  address: X\n  cells:\n    - { id: cb-a1, name: CB A1, members: 18 }\n    - { id: cb-a2, name: CB A2 }\n- id: cb-b\n  name: CB B\n  kind: chi_bo_co_so\n",
        );
        assert!(e.is_empty(), "{e:?}");
        let ids: Vec<&str> = u.iter().map(|u| u.id.value.as_str()).collect();
        assert_eq!(ids, ["db-a", "cb-a1", "cb-a2", "cb-b"]);
        assert_eq!(u[0].members, Some(142));
        assert_eq!(u[1].kind, UnitKind::ChiBoTrucThuoc);
        assert_eq!(u[1].parent.as_deref(), Some("db-a"));
        assert_eq!(u[1].members, Some(18));
        assert_eq!(u[3].kind, UnitKind::ChiBoCoSo);
        assert_eq!(u[3].parent, None);
    }

    #[test]
    fn kinds_and_cells_are_checked() {
        let (_, e) = run(
            "- id: a\n  name: A\n  kind: chi_bo_truc_thuoc\n- id: b\n  name: B\n  kind: chi_bo_co_so\n  cells:\n    - { id: c, name: C }\n- id: d\n  name: D\n  kind: dang_bo\n- id: e\n  name: E\n  kind: dang_bo_co_so\n  cells:\n    - { id: f, name: F, kind: chi_bo_co_so }\n",
        );
        assert_eq!(
            e,
            [
                "3:9 invalid value `chi_bo_truc_thuoc` at the top level",
                "7:3 `cells` under a chi_bo_co_so",
                "11:9 invalid value `dang_bo`",
                "16:25 unknown key `kind`",
            ]
        );
    }

    #[test]
    fn missing_kind() {
        let (_, e) = run("- id: a\n  name: A\n");
        assert_eq!(e, ["1:3 missing key `kind`"]);
    }
}
