//! A small site and its judgement built in code, for the renderer's unit tests.

use crate::derive::Judgement;
use crate::model::*;
use chrono::{NaiveDate, NaiveTime};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn sp<T>(v: T) -> Sp<T> {
    Sp::new(v, Loc::default())
}

fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

fn person(n: &str, t: &str) -> Person {
    Person { name: n.into(), title: t.into() }
}

fn unit(id: &str, name: &str, kind: UnitKind, parent: Option<&str>) -> Unit {
    Unit {
        id: sp(id.into()),
        name: name.into(),
        kind,
        parent: parent.map(Into::into),
        secretary: Some("Phạm Văn D".into()),
        members: Some(20),
        address: None,
        loc: Loc::default(),
    }
}

fn visit(team: &str, kind: VisitKind, unit: &str, m: YearMonth, date: Option<NaiveDate>) -> Visit {
    Visit {
        id: sp(format!("{team}-{m}-{}", kind.slug())),
        team: sp(team.into()),
        kind: sp(kind),
        unit: sp(unit.into()),
        month: sp(m),
        date: date.map(sp),
        time: date.map(|_| NaiveTime::from_hms_opt(14, 0, 0).unwrap()),
        place: None,
        status: PlanStatus::Planned,
        note: None,
        loc: Loc::default(),
    }
}

fn report(visit: &str, held: NaiveDate, submitted: NaiveDate, restricted: bool, body: &str) -> Report {
    Report {
        visit: sp(visit.into()),
        held_on: sp(held),
        started_at: Some(sp(NaiveTime::from_hms_opt(14, 0, 0).unwrap())),
        ended_at: Some(sp(NaiveTime::from_hms_opt(16, 0, 0).unwrap())),
        submitted_on: sp(submitted),
        author: "Nguyễn Văn A".into(),
        accompanied_by: None,
        chair: None,
        meeting: MeetingKind::DinhKy,
        topic: None,
        attendance: sp(Attendance { total: 18, exempt: 1, present: 15, excused: 2, unexcused: 0 }),
        speakers: Some(7),
        rating: Rating::Tot,
        score: Some(92),
        restricted,
        body: body.into(),
        body_line: 1,
        loc: Loc::default(),
    }
}

/// Two teams, three units, four visits (one restricted report), one draft and one
/// restricted page; judged (by `derive::judge`) on 2024-04-20.
pub fn site() -> (Site, Judgement) {
    let config = Config {
        title: "Kế hoạch dự sinh hoạt chi bộ năm 2024".into(),
        organization: "Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh Lào Cai".into(),
        issuer: "Ban Thường vụ Đảng ủy Khối".into(),
        base_url: "/".into(),
        theme: "default".into(),
        language: "vi".into(),
        period_from: ym(2024, 3),
        period_to: ym(2024, 4),
        deadline: sp(d(2024, 11, 10)),
        report_due_days: 10,
        as_of: Some(d(2024, 4, 20)),
        require: Require { dang_uy: 1, chi_bo: 1 },
        team_size: sp(2),
        loc: Loc::default(),
    };
    let plan = Plan {
        title: "Kế hoạch dự sinh hoạt chi bộ, sinh hoạt cấp ủy năm 2024".into(),
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
    let teams = vec![
        Team {
            id: sp("to-1".into()),
            name: "Tổ công tác số 1".into(),
            leader: person("Nguyễn Văn A", "Phó Bí thư"),
            members: vec![person("Trần Thị B", "Phó Trưởng Ban")],
            phone: None,
            loc: Loc::default(),
        },
        Team {
            id: sp("to-2".into()),
            name: "Tổ công tác số 2".into(),
            leader: person("Lê Văn C", "Ủy viên"),
            members: vec![person("Đỗ Thị E", "Chuyên viên")],
            phone: Some("0214 3 800 000".into()),
            loc: Loc::default(),
        },
    ];
    let units = vec![
        unit("db-dien-luc", "Đảng bộ Công ty Điện lực", UnitKind::DangBoCoSo, None),
        unit("cb-dl-ky-thuat", "Chi bộ Phòng Kỹ thuật", UnitKind::ChiBoTrucThuoc, Some("db-dien-luc")),
        unit("cb-ngan-hang", "Chi bộ Ngân hàng Nhà nước", UnitKind::ChiBoCoSo, None),
        unit("cb-an-ninh", "Chi bộ Ăn uống", UnitKind::ChiBoCoSo, None),
    ];
    let m3 = ym(2024, 3);
    let m4 = ym(2024, 4);
    let visits = vec![
        visit("to-1", VisitKind::DangUy, "db-dien-luc", m3, Some(d(2024, 3, 14))),
        visit("to-1", VisitKind::ChiBo, "cb-dl-ky-thuat", m3, Some(d(2024, 3, 25))),
        visit("to-2", VisitKind::ChiBo, "cb-ngan-hang", m3, None),
        visit("to-1", VisitKind::ChiBo, "cb-ngan-hang", m4, None),
    ];
    let reports = vec![
        report(
            "to-1-2024-03-dang-uy",
            d(2024, 3, 14),
            d(2024, 3, 20),
            false,
            "## Nội dung\nTốt.\n## Đề xuất, kiến nghị\nĐề nghị tăng cường kiểm tra.\n",
        ),
        report(
            "to-1-2024-03-chi-bo",
            d(2024, 3, 25),
            d(2024, 4, 10),
            true,
            "## Đề xuất, kiến nghị\nBÍ MẬT NỘI BỘ XYZ.\n",
        ),
    ];
    let pages = vec![
        Page {
            slug: "huong-dan".into(),
            title: "Hướng dẫn chuẩn bị".into(),
            menu_title: None,
            weight: 1,
            draft: false,
            restricted: false,
            body: "Chuẩn bị [kế hoạch](/ke-hoach/).".into(),
            body_line: 1,
            loc: Loc::default(),
        },
        Page {
            slug: "nhap".into(),
            title: "Bản nháp".into(),
            menu_title: None,
            weight: 2,
            draft: true,
            restricted: false,
            body: "NHÁP QWE".into(),
            body_line: 1,
            loc: Loc::default(),
        },
        Page {
            slug: "mat".into(),
            title: "Trang mật".into(),
            menu_title: None,
            weight: 3,
            draft: false,
            restricted: true,
            body: "MẬT ASD".into(),
            body_line: 1,
            loc: Loc::default(),
        },
    ];
    let site = Site { config, plan, teams, units, visits, reports, pages, static_files: vec![] };
    let judgement = crate::derive::judge(&site, d(2024, 4, 20));
    (site, judgement)
}
