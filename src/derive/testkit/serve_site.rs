//! A small site for the unit tests of serve and scaffold, made with the kit's
//! `SiteBuilder`: its report and page live in files of their own, as the tests of what an
//! edited file affects need.

use crate::derive::testkit::{self, SiteBuilder, VisitExt, loc, visit};
use crate::model::*;

fn person(name: &str, title: &str) -> Person {
    Person { name: name.into(), title: title.into() }
}

/// A report at `file` on `visit`, held and submitted on `held`: 10 members all present,
/// rated khá.
pub fn report(file: &str, visit: &str, held: (i32, u32, u32)) -> Report {
    let held = format!("{}-{:02}-{:02}", held.0, held.1, held.2);
    let r = testkit::report(visit, &held, &held);
    let at = loc(file, 0, 0);
    Report {
        visit: Sp::new(r.visit.value, at.clone()),
        held_on: Sp::new(r.held_on.value, at.clone()),
        submitted_on: Sp::new(r.submitted_on.value, at.clone()),
        attendance: Sp::new(
            Attendance { total: 10, exempt: 0, present: 10, excused: 0, unexcused: 0 },
            at.clone(),
        ),
        rating: Rating::Kha,
        body: "## Nội dung sinh hoạt\n".into(),
        loc: at,
        ..r
    }
}

/// A page at `file` with `slug`.
pub fn page(file: &str, slug: &str) -> Page {
    Page {
        slug: slug.into(),
        title: format!("Trang {slug}"),
        menu_title: None,
        weight: 0,
        draft: false,
        restricted: false,
        body: "Nội dung".into(),
        body_line: 4,
        loc: loc(file, 0, 0),
    }
}

/// Two teams, a đảng bộ with one cell and a chi bộ cơ sở, four visits, one report, one page.
pub fn site() -> Site {
    use VisitKind::{ChiBo, DangUy};
    let mut site = SiteBuilder::new()
        .config(|c| {
            c.title = "Kế hoạch".into();
            c.issuer = "Ban Thường vụ".into();
            c.period_to = testkit::ym("2024-04");
        })
        .team("to-1", 2)
        .team("to-2", 2)
        .unit("db-dien-luc", UnitKind::DangBoCoSo)
        .cell("cb-ky-thuat", "db-dien-luc")
        .unit("cb-ngan-hang", UnitKind::ChiBoCoSo)
        .visit(visit("to-1", DangUy, "db-dien-luc", "2024-03").on("2024-03-14").at("14:00"))
        .visit(visit("to-1", ChiBo, "cb-ky-thuat", "2024-03").on("2024-03-25").at("08:00"))
        .visit(visit("to-2", ChiBo, "cb-ngan-hang", "2024-04"))
        .visit(visit("to-2", DangUy, "db-dien-luc", "2024-04").on("2024-04-10").at("23:00"))
        .report(report("content/reports/2024-03/r1.md", "to-1-2024-03-chi-bo", (2024, 3, 25)))
        .page(page("content/pages/huong-dan.md", "huong-dan"))
        .build();
    for (team, leader) in site.teams.iter_mut().zip(["Nguyễn Văn A", "Lê Văn C"]) {
        team.leader = person(leader, "Phó Bí thư");
        team.members = vec![person("Trần Thị B", "Phó Trưởng Ban")];
    }
    for (unit, (secretary, members)) in
        site.units.iter_mut().zip([(Some("Phạm Văn D"), Some(142)), (Some("Hoàng Thị E"), Some(18))])
    {
        unit.secretary = secretary.map(Into::into);
        unit.members = members;
    }
    site
}
