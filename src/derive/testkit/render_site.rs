//! A small site and its judgement built in code (with the derive test kit), for the
//! renderer's unit tests.

use crate::derive::Judgement;
use crate::derive::testkit::{self, ReportExt, SiteBuilder, VisitExt, visit, ym};
use crate::model::*;
use chrono::NaiveDate;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn person(n: &str, t: &str) -> Person {
    Person { name: n.into(), title: t.into() }
}

/// A report from 14:00 to 16:00, 7 speakers, score 92, with `body`.
fn report(visit: &str, held: &str, submitted: &str, body: &str) -> Report {
    Report {
        speakers: Some(7),
        score: Some(92),
        body: body.into(),
        body_line: 1,
        ..testkit::report(visit, held, submitted).times("14:00", "16:00")
    }
}

fn page(slug: &str, title: &str, weight: i64, body: &str) -> Page {
    Page {
        slug: slug.into(),
        title: title.into(),
        menu_title: None,
        weight,
        draft: false,
        restricted: false,
        body: body.into(),
        body_line: 1,
        loc: Loc::default(),
    }
}

/// Two teams, three units, four visits (one restricted report), one draft and one
/// restricted page; judged (by `derive::judge`) on 2024-04-20.
pub fn site() -> (Site, Judgement) {
    let mut site = SiteBuilder::new()
        .config(|c| {
            c.organization = "Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh Lào Cai".into();
            c.period_to = ym("2024-04");
            c.as_of = Some(d(2024, 4, 20));
        })
        .team("to-1", 2)
        .team("to-2", 2)
        .unit("db-dien-luc", UnitKind::DangBoCoSo)
        .cell("cb-dl-ky-thuat", "db-dien-luc")
        .unit("cb-ngan-hang", UnitKind::ChiBoCoSo)
        .unit("cb-an-ninh", UnitKind::ChiBoCoSo)
        .visit(visit("to-1", VisitKind::DangUy, "db-dien-luc", "2024-03").on("2024-03-14").at("14:00"))
        .visit(visit("to-1", VisitKind::ChiBo, "cb-dl-ky-thuat", "2024-03").on("2024-03-25").at("14:00"))
        .visit(visit("to-2", VisitKind::ChiBo, "cb-ngan-hang", "2024-03"))
        .visit(visit("to-1", VisitKind::ChiBo, "cb-ngan-hang", "2024-04"))
        .report(report(
            "to-1-2024-03-dang-uy",
            "2024-03-14",
            "2024-03-20",
            "## Nội dung\nTốt.\n## Đề xuất, kiến nghị\nĐề nghị tăng cường kiểm tra.\n",
        ))
        .report(
            report(
                "to-1-2024-03-chi-bo",
                "2024-03-25",
                "2024-04-10",
                "## Đề xuất, kiến nghị\nBÍ MẬT NỘI BỘ XYZ.\n",
            )
            .restricted(),
        )
        .build();
    site.plan = Plan {
        title: "Kế hoạch dự sinh hoạt chi bộ, sinh hoạt cấp ủy năm 2024".into(),
        superior: None,
        number: Some("123-KH/ĐUK".into()),
        issued_on: Some(d(2024, 2, 5)),
        place: Some("Lào Cai".into()),
        signer: Some(Signer {
            name: "Hoàng Văn X".into(),
            title: "Bí thư".into(),
            on_behalf_of: Some("T/M Ban Thường vụ".into()),
        }),
        recipients: vec!["Ban Tổ chức Tỉnh ủy".into(), "Lưu VPĐUK".into()],
        body: "## I. Mục đích\nNội dung <script>x()</script> kế hoạch.".into(),
        loc: Loc::default(),
    };
    let crews = [
        ("Tổ công tác số 1", ("Nguyễn Văn A", "Phó Bí thư"), ("Trần Thị B", "Phó Trưởng Ban"), None),
        ("Tổ công tác số 2", ("Lê Văn C", "Ủy viên"), ("Đỗ Thị E", "Chuyên viên"), Some("0214 3 800 000")),
    ];
    for (team, (name, leader, member, phone)) in site.teams.iter_mut().zip(crews) {
        team.name = name.into();
        team.leader = person(leader.0, leader.1);
        team.members = vec![person(member.0, member.1)];
        team.phone = phone.map(Into::into);
    }
    let names =
        ["Đảng bộ Công ty Điện lực", "Chi bộ Phòng Kỹ thuật", "Chi bộ Ngân hàng Nhà nước", "Chi bộ Ăn uống"];
    for (unit, name) in site.units.iter_mut().zip(names) {
        unit.name = name.into();
        unit.secretary = Some("Phạm Văn D".into());
        unit.members = Some(20);
    }
    site.pages = vec![
        page("huong-dan", "Hướng dẫn chuẩn bị", 1, "Chuẩn bị [kế hoạch](/ke-hoach/)."),
        Page { draft: true, ..page("nhap", "Bản nháp", 2, "NHÁP QWE") },
        Page { restricted: true, ..page("mat", "Trang mật", 3, "MẬT ASD") },
    ];
    let judgement = crate::derive::judge(&site, d(2024, 4, 20));
    (site, judgement)
}
