//! Reading each kind of value, and the forms people type.

use super::*;
use crate::load::yaml::parse;
use std::sync::Arc;

fn read<T: Ty>(ty: T, yaml: &str) -> (Option<T::Out>, Vec<String>) {
    let n = parse(yaml).unwrap();
    let mut s = Sink::new(&Arc::from("content/x.yaml"));
    let v = ty.read(&n, &mut s);
    (v, s.errors.iter().map(|e| format!("{} / {}", e.message, e.label)).collect())
}

#[test]
fn dates() {
    assert_eq!(read(Date, "2024-02-29").0, NaiveDate::from_ymd_opt(2024, 2, 29));
    assert_eq!(
        read(Date, "2024-02-30").1,
        ["invalid date `2024-02-30` / expected a date YYYY-MM-DD (or DD/MM/YYYY)"]
    );
    assert_eq!(
        read(Date, "'2024-3-1'").1,
        ["invalid date `2024-3-1` / expected a date YYYY-MM-DD (or DD/MM/YYYY)"]
    );
    assert_eq!(
        read(Date, "20240314").1,
        [
            "expected a date YYYY-MM-DD (or DD/MM/YYYY), found an integer `20240314` / expected a date YYYY-MM-DD (or DD/MM/YYYY)"
        ]
    );
}

proptest::proptest! {
    #[test]
    fn dates_are_read_as_chrono_reads_them(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}") {
        proptest::prop_assert_eq!(Date::parse(&s), NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
    }
}

#[test]
fn months_and_times() {
    assert_eq!(read(Month, "2024-03").0, YearMonth::new(2024, 3));
    assert_eq!(read(Month, "2024-13").1, ["invalid month `2024-13` / expected a month YYYY-MM"]);
    assert_eq!(read(Time, "14:00").0, NaiveTime::from_hms_opt(14, 0, 0));
    assert_eq!(read(Time, "\"9:30\"").0, NaiveTime::from_hms_opt(9, 30, 0));
    assert_eq!(read(Time, "25:00").1, ["invalid time `25:00` / expected a time HH:MM (24-hour, or 14h00)"]);
    assert_eq!(read(Time, "14x").1.len(), 1);
    assert_eq!(read(Time, "'14:0'").1.len(), 1);
}

#[test]
fn the_forms_people_type_are_read() {
    let d = NaiveDate::from_ymd_opt(2024, 8, 14);
    assert_eq!(read(Date, "14/08/2024").0, d);
    assert_eq!(read(Date, "'14/8/2024'").0, d);
    assert_eq!(read(Date, "2024-08-14").0, d);
    assert_eq!(Date::parse("14/08/2024"), None, "the canonical parser stays strict");
    assert_eq!(read(Date, "08/14/2024").1.len(), 1, "day first: there is no month 14");
    assert_eq!(read(Date, "14/08/24").1.len(), 1, "a year of two digits is ambiguous");
    let t = NaiveTime::from_hms_opt(14, 0, 0);
    assert_eq!(read(Time, "14h00").0, t);
    assert_eq!(read(Time, "14h").0, t);
    assert_eq!(read(Time, "14H").0, t);
    assert_eq!(read(Time, "7h30").0, NaiveTime::from_hms_opt(7, 30, 0));
    assert_eq!(read(Time, "14h5").1.len(), 1);
    assert_eq!(read(Time, "25h").1.len(), 1);
    let meetings = OneOf(&[("dinh_ky", 1), ("chuyen_de", 2), ("ket_hop", 3)]);
    for (typed, want) in [("định kỳ", 1), ("Định kỳ", 1), ("dinh ky", 1), ("Chuyên đề", 2), ("kết hợp", 3)]
    {
        assert_eq!(read(meetings, typed).0, Some(want), "{typed}");
    }
    let ratings = OneOf(&[("tot", 1), ("kha", 2), ("trung_binh", 3), ("kem", 4)]);
    for (typed, want) in [("Tốt", 1), ("khá", 2), ("Trung bình", 3), ("trung-binh", 3), ("kém", 4)] {
        assert_eq!(read(ratings, typed).0, Some(want), "{typed}");
    }
    let kinds = OneOf(&[("dang_uy", 1), ("chi_bo", 2)]);
    assert_eq!(read(kinds, "Đảng ủy").0, Some(1));
    assert_eq!(read(kinds, "đảng uỷ").0, Some(1), "the old placement of the mark");
    assert_eq!(read(kinds, "chi bộ").0, Some(2));
    let statuses = OneOf(&[("planned", 1), ("cancelled", 2)]);
    assert_eq!(read(statuses, "đã hủy").0, Some(2));
    assert_eq!(read(statuses, "Kế hoạch").0, Some(1));
    assert_eq!(read(statuses, "xong").1.len(), 1);
}

#[test]
fn impossible_dates_and_months_say_why() {
    let n = parse("2024-02-30").unwrap();
    let mut s = Sink::new(&Arc::from("content/x.yaml"));
    assert_eq!(Date.read(&n, &mut s), None);
    assert_eq!(s.errors[0].help.as_deref(), Some(m::month_has_days(2024, 2, 29).as_str()));
    assert_eq!(m::month_has_days(2024, 2, 29), "February 2024 has 29 days");
    let n = parse("31/04/2024").unwrap();
    Date.read(&n, &mut s);
    assert_eq!(s.errors[1].help.as_deref(), Some("April 2024 has 30 days"));
    let n = parse("2024-13").unwrap();
    Month.read(&n, &mut s);
    assert_eq!(s.errors[2].help.as_deref(), Some(m::month_out_of_range(13).as_str()));
    let (v, e) = read(Id, "tổ-1");
    assert_eq!(v, None);
    assert_eq!(e.len(), 1);
    let n = parse("tổ-1").unwrap();
    Id.read(&n, &mut s);
    assert_eq!(s.errors[3].help.as_deref(), Some("write it as `to-1`"));
    assert_eq!(Id::suggest("Chi bộ Đảng ủy 2"), "chi-bo-dang-uy-2");
}

#[test]
fn numbers() {
    assert_eq!(read(Count, "18").0, Some(18));
    assert_eq!(read(Count, "'18'").0, Some(18));
    assert_eq!(read(Count, "-1").1, ["invalid number `-1` / expected a whole number ≥ 0"]);
    assert_eq!(read(Count, "1.5").1.len(), 1);
    assert_eq!(read(Count, "1000000").0, Some(MAX_COUNT));
    assert_eq!(
        read(Count, "1000001").1,
        ["invalid number `1000001` / expected a whole number from 0 to 1000000"]
    );
    assert_eq!(read(Count, "99999999999999999999999").1.len(), 1);
    assert_eq!(read(Count, "many").1, ["invalid number `many` / expected a whole number ≥ 0"]);
    assert_eq!(read(Range(0, 100), "101").1.len(), 1);
    assert_eq!(read(Range(0, 100), "100").0, Some(100));
    assert_eq!(read(Int, "-3").0, Some(-3));
}

#[test]
fn flags_text_ids() {
    assert_eq!(read(Flag, "true").0, Some(true));
    assert_eq!(
        read(Flag, "yes").1,
        ["expected true or false, found a string `yes` / expected true or false"]
    );
    assert_eq!(read(Text, "0214 3 800 000").0.as_deref(), Some("0214 3 800 000"));
    assert_eq!(read(Text, "42").0.as_deref(), Some("42"));
    assert_eq!(read(Text, "[a]").1, ["expected a string, found a list / expected a string"]);
    assert_eq!(read(Id, "to-1").0.as_deref(), Some("to-1"));
    let (v, e) = read(Id, "To 1");
    assert_eq!(v, None);
    assert_eq!(e, ["invalid id `To 1` / expected an id of lowercase letters a-z, digits and `-`"]);
    let (v, e) = read(Id, "-to-1");
    assert_eq!(v, None);
    assert_eq!(
        e,
        [
            "the id `-to-1` starts with `-` / expected an id of lowercase letters a-z, digits and `-`, not starting with `-`"
        ]
    );
    assert!(!Id::is_valid("-"));
}

#[test]
fn enums_and_lists() {
    let kinds = OneOf(&[("dang_uy", 1), ("chi_bo", 2)]);
    assert_eq!(read(kinds, "chi_bo").0, Some(2));
    assert_eq!(read(kinds, "dangu_uy").1, ["invalid value `dangu_uy` / expected dang_uy or chi_bo"]);
    let three = OneOf(&[("a", 1), ("b", 2), ("c", 3)]);
    assert_eq!(three.expected(), "one of a, b, c");
    assert_eq!(read(List(Text), "[a, b]").0, Some(vec!["a".to_string(), "b".to_string()]));
    assert_eq!(read(List(Text), "[a, [b], {c: 1}]").1.len(), 2);
    assert_eq!(List(Text).expected(), "a list, each item a string");
}

#[test]
fn a_value_far_from_every_key_is_told_the_vietnamese_names() {
    let ratings = OneOf(&[("tot", 1), ("kha", 2), ("trung_binh", 3), ("kem", 4)]);
    let n = parse("xuất sắc").unwrap();
    let mut s = Sink::new(&Arc::from("content/x.yaml"));
    assert_eq!(ratings.read(&n, &mut s), None);
    assert_eq!(
        s.errors[0].help.as_deref(),
        Some("the Vietnamese names are read too: tốt, khá, trung bình, kém")
    );
    // Every name in the table is read back as its key.
    for key in [
        "dinh_ky",
        "chuyen_de",
        "ket_hop",
        "tot",
        "kha",
        "trung_binh",
        "kem",
        "dang_uy",
        "chi_bo",
        "dang_bo_co_so",
        "chi_bo_co_so",
        "planned",
        "cancelled",
    ] {
        let one = OneOf(Box::leak(Box::new([(key, 7)])));
        let name = m::vi_name(key).unwrap();
        assert_eq!(read(one, name).0, Some(7), "{name}");
    }
}
