//! The editor of `kehoach serve` over HTTP, in-process, on a copy of the sample site: every
//! status code it answers (200, 303, 403, 409, 413, 422), that a refused or invalid save
//! writes nothing, and that what it writes passes the build's load and check.

use kehoach::derive::testkit::sample;
use kehoach::serve::editor::{self, Editor, guard::Guard};
use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

const TOKEN: &str = "0123456789abcdef0123456789abcdef";
const NEW: &str = "to-1-2024-08-chi-bo";
const NEW_FILE: &str = "content/reports/2024-08/to-1-2024-08-chi-bo.md";
const OLD: &str = "to-1-2024-03-chi-bo";
const OLD_FILE: &str = "content/reports/2024-03/to-1-2024-03-chi-bo.md";

struct Server {
    addr: SocketAddr,
    site: tempfile::TempDir,
    _rt: tokio::runtime::Runtime,
}

impl Server {
    fn root(&self) -> &Path {
        self.site.path()
    }
    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.addr.port())
    }
    fn read(&self, rel: &str) -> Option<String> {
        std::fs::read_to_string(self.root().join(rel)).ok()
    }
}

fn start_with(site: tempfile::TempDir) -> Server {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut ed = Editor::new(site.path().to_path_buf(), addr.port(), None);
    ed.guard = Guard::with_token(addr.port(), TOKEN);
    let app = editor::router(Arc::new(ed));
    rt.spawn(async move { axum::serve(listener, app).await });
    Server { addr, site, _rt: rt }
}

fn start() -> Server {
    start_with(sample().write())
}

/// One request: (status, head, body).
fn request(
    s: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, String) {
    let mut c = TcpStream::connect(s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: {}\r\n", s.host()));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    c.write_all(head.as_bytes()).unwrap();
    let _ = c.write_all(body);
    crate::support::http::read_response(&mut c)
}

fn get(s: &Server, path: &str) -> (u16, String, String) {
    request(s, "GET", path, &[], b"")
}

fn encode(fields: &[(&str, &str)]) -> Vec<u8> {
    let esc = |x: &str| {
        x.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
                b' ' => "+".into(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields.iter().map(|(k, v)| format!("{}={}", esc(k), esc(v))).collect::<Vec<_>>().join("&").into_bytes()
}

fn post(s: &Server, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
    let origin = format!("http://{}", s.host());
    request(
        s,
        "POST",
        path,
        &[("Content-Type", "application/x-www-form-urlencoded"), ("Origin", &origin)],
        &encode(fields),
    )
}

/// A valid new report on [`NEW`], as a person fills the form.
fn report_fields(hash: &str) -> Vec<(&'static str, String)> {
    [
        ("_token", TOKEN),
        ("held_on", "2024-08-14"),
        ("started_at", "14:00"),
        ("ended_at", "16:00"),
        ("submitted_on", "2024-08-16"),
        ("author", "Nguyễn Văn A"),
        ("chair", "Giàng Công R"),
        ("meeting", "dinh_ky"),
        ("topic", ""),
        ("attendance.total", "29"),
        ("attendance.exempt", "1"),
        ("attendance.present", "27"),
        ("attendance.excused", "1"),
        ("attendance.unexcused", "0"),
        ("speakers", "6"),
        ("rating", "tot"),
        ("score", ""),
        ("body", "## Nội dung sinh hoạt\r\n\r\nChi bộ sinh hoạt đủ ba phần.\r\n\r\n## Đề xuất, kiến nghị\r\n\r\nKhông.\r\n"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .chain([("_hash", hash.to_string())])
    .collect()
}

fn with(fields: &[(&'static str, String)], key: &'static str, value: &str) -> Vec<(&'static str, String)> {
    let mut f: Vec<_> = fields.iter().filter(|(k, _)| *k != key).cloned().collect();
    f.push((key, value.to_string()));
    f
}

fn as_refs<'a>(f: &'a [(&'static str, String)]) -> Vec<(&'a str, &'a str)> {
    f.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn form_hash(page: &str) -> String {
    let at = page.find("name=\"_hash\" value=\"").expect("a hash field") + "name=\"_hash\" value=\"".len();
    page[at..].split('"').next().unwrap().to_string()
}

/// The messages shown beside the field `id` (its `<p id="…-loi">`).
fn messages_of<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page.find(&format!("id=\"{id}-loi\"")).unwrap_or_else(|| panic!("no messages for {id}"));
    let end = page[start..].find("</p>").map(|e| start + e).unwrap_or(page.len());
    &page[start..end]
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[test]
fn list_and_forms_are_served_in_vietnamese_with_the_token() {
    let s = start();
    let (status, head, body) = get(&s, "/__kehoach/soan/");
    assert_eq!(status, 200, "{body}");
    assert!(header(&head, "content-security-policy").unwrap().contains("script-src 'self'"));
    assert!(
        body.contains("Lượt dự chưa có báo cáo") && body.contains(&format!("/__kehoach/soan/bao-cao/{NEW}/"))
    );
    assert!(body.contains("Quá hạn") || body.contains("Chờ báo cáo"));
    assert!(body.contains(&format!("/__kehoach/soan/bao-cao/{OLD}/")), "every existing report is listed");
    assert!(!body.contains("<script>") && !body.contains("style=\""), "no inline script or style");

    let (status, _, form) = get(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/"));
    assert_eq!(status, 200);
    assert!(form.contains(&format!("name=\"_token\" value=\"{TOKEN}\"")));
    for name in [
        "held_on",
        "started_at",
        "ended_at",
        "submitted_on",
        "author",
        "chair",
        "meeting",
        "topic",
        "attendance.total",
        "attendance.exempt",
        "attendance.present",
        "attendance.excused",
        "attendance.unexcused",
        "speakers",
        "rating",
        "score",
        "restricted",
        "body",
    ] {
        assert!(form.contains(&format!("name=\"{name}\"")), "field {name}");
    }
    assert!(
        form.contains("type=\"date\" id=\"held_on\"") && form.contains("type=\"time\" id=\"started_at\"")
    );
    assert!(form.contains(">Sinh hoạt định kỳ</option>") && form.contains(">Trung bình</option>"));
    assert!(
        form.contains("## Nội dung sinh hoạt") && form.contains("## Đề xuất, kiến nghị"),
        "standard headings"
    );
    assert!(form.contains("value=\"Nguyễn Văn A\""), "pre-filled as `new report` does");
    assert_eq!(form_hash(&form), "", "a new file");

    // A chi bộ trực thuộc: the companion field, with the đảng bộ named.
    let (_, _, old) = get(&s, &format!("/__kehoach/soan/bao-cao/{OLD}/"));
    assert!(old.contains("name=\"accompanied_by\"") && old.contains("value=\"Phan Văn E\""));
    assert!(old.contains("đảng ủy viên của Đảng bộ"), "{old}");
    assert!(!form.contains("name=\"accompanied_by\""), "not offered for a chi bộ cơ sở");

    let (status, _, _) = get(&s, "/__kehoach/soan/bao-cao/khong-co/");
    assert_eq!(status, 404);
    let (status, _, js) = get(&s, "/__kehoach/soan/tai-nguyen/soan-thao.js");
    assert_eq!(status, 200);
    assert!(js.contains("kiem-tra"));
}

#[test]
fn a_valid_report_is_written_and_redirected_to_its_page() {
    let s = start();
    let fields = report_fields("");
    let (status, head, body) = post(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/"), &as_refs(&fields));
    assert_eq!(status, 303, "{body}");
    assert_eq!(header(&head, "location"), Some(format!("/bao-cao/{NEW}/").as_str()));
    let text = s.read(NEW_FILE).expect("written");
    assert!(
        text.starts_with(&format!("---\nvisit: {NEW}\nheld_on: 2024-08-14\nstarted_at: \"14:00\"")),
        "{text}"
    );
    assert!(text.contains("\nattendance: { total: 29, exempt: 1, present: 27, excused: 1, unexcused: 0 }\n"));
    assert!(text.ends_with("## Đề xuất, kiến nghị\n\nKhông.\n"), "line ends as the file's: {text:?}");
    let loaded = kehoach::build::load(s.root()).expect("what the editor wrote passes the check");
    let r = loaded.site.reports.iter().find(|r| *r.visit.value == *NEW).unwrap();
    assert_eq!(r.speakers, Some(6));
    let leftovers: Vec<_> = std::fs::read_dir(s.root().join("content/reports/2024-08"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left");

    // Opened again: filled from the file; a finding (the meeting is only 60 minutes) is a warning.
    let short = with(
        &with(&fields, "ended_at", "15:00"),
        "_hash",
        &form_hash(&get(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/")).2),
    );
    let (status, _, _) = post(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/"), &as_refs(&short));
    assert_eq!(status, 303);
    // The page it led to is told what was saved, and the findings (the served link's script asks).
    let (status, _, note) = get(&s, &format!("/__kehoach/soan/sau-khi-luu?trang=/bao-cao/{NEW}/"));
    assert_eq!(status, 200);
    let note: serde_json::Value = serde_json::from_str(&note).unwrap();
    assert!(note["saved"].as_str().unwrap().contains("Chi bộ Sở Công Thương"), "{note}");
    assert!(note["warnings"][0].as_str().unwrap().contains("60 phút"), "{note}");
    assert_eq!(note["form"], format!("/__kehoach/soan/bao-cao/{NEW}/"));
    let (_, _, none) = get(&s, "/__kehoach/soan/sau-khi-luu?trang=/to-cong-tac/to-1/");
    assert_eq!(none, "{}");
    let (_, _, form) = get(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/"));
    assert!(form.contains("Sửa báo cáo") && form.contains("value=\"15:00\""));
    assert!(form.contains("Lưu ý theo quy định") && form.contains("60 phút"), "{form}");

    // Submitted after the due day (07/03 + 10 days): late, said as the dashboard says it.
    let path = format!("/__kehoach/soan/bao-cao/{OLD}/");
    let (_, _, form) = get(&s, &path);
    let mut values = kehoach::serve::editor::report_file::values_of(&s.read(OLD_FILE).unwrap());
    values.insert("submitted_on".into(), "2024-03-20".into());
    let hash = form_hash(&form);
    let mut late: Vec<(&str, &str)> = vec![("_token", TOKEN), ("_hash", &hash)];
    late.extend(values.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let (status, _, _) = post(&s, &path, &late);
    assert_eq!(status, 303);
    let (_, _, form) = get(&s, &path);
    assert!(form.contains("Báo cáo nộp muộn: hạn nộp là 17/03/2024."), "{form}");
}

#[test]
fn a_report_not_yet_counted_on_as_of_leads_back_to_the_list() {
    // The sample is judged on 20/08/2024: a report that reached the Ban Tổ chức on 25/08
    // is written, but the site does not publish it yet, so there is no page to go to.
    let s = start();
    let fields = with(&report_fields(""), "submitted_on", "2024-08-25");
    let (status, head, body) = post(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/"), &as_refs(&fields));
    assert_eq!(status, 303, "{body}");
    let to = header(&head, "location").unwrap_or_default().to_string();
    assert!(to.starts_with("/__kehoach/soan/?da-luu="), "{to}");
    assert!(s.read(NEW_FILE).unwrap().contains("submitted_on: 2024-08-25"));
    let (status, _, list) = get(&s, &to);
    assert_eq!(status, 200);
    assert!(list.contains("Đã lưu báo cáo"), "{list}");
}

#[test]
fn invalid_values_get_422_beside_their_field_and_nothing_written() {
    let s = start();
    let fields =
        with(&with(&report_fields(""), "held_on", "2024-08-41"), "author", "<script>alert(1)</script>");
    let (status, _, body) = post(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/"), &as_refs(&fields));
    assert_eq!(status, 422, "{body}");
    assert!(s.read(NEW_FILE).is_none(), "nothing written");
    assert!(messages_of(&body, "held_on").contains("2024-08-41"), "the message is beside its field");
    assert!(body.contains("Chưa lưu: có 1 lỗi"));
    assert!(body.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), "the form as filled, escaped");
    assert!(!body.contains("<script>alert"));
    assert!(body.contains("Chi bộ sinh hoạt đủ ba phần."), "the body as filled");
    assert!(
        body.contains("type=\"text\" id=\"held_on\" name=\"held_on\" value=\"2024-08-41\""),
        "kept as typed"
    );

    // The same check answers as the user types, as JSON, and writes nothing.
    let (status, _, json) = post(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/kiem-tra"), &as_refs(&fields));
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["errors"]["held_on"][0].as_str().unwrap().contains("2024-08-41"), "{json}");
    assert!(s.read(NEW_FILE).is_none());

    // An unknown meeting kind is the load's error too.
    let bad = with(&report_fields(""), "meeting", "hop_mat");
    let (status, _, body) = post(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/"), &as_refs(&bad));
    assert_eq!(status, 422);
    assert!(messages_of(&body, "meeting").contains("hop_mat"), "{body}");
}

#[test]
fn posts_without_the_token_or_from_another_site_get_403_and_nothing_written() {
    let s = start();
    let path = format!("/__kehoach/soan/bao-cao/{NEW}/");
    let good = report_fields("");
    for fields in [with(&good, "_token", ""), with(&good, "_token", "00000000000000000000000000000000")] {
        let (status, _, body) = post(&s, &path, &as_refs(&fields));
        assert_eq!(status, 403, "{body}");
        assert!(body.contains("mã phiên"));
    }
    let body = encode(&as_refs(&good));
    let ct = ("Content-Type", "application/x-www-form-urlencoded");
    let (status, _, _) = request(&s, "POST", &path, &[ct, ("Origin", "http://evil.example")], &body);
    assert_eq!(status, 403, "another origin");
    let (status, _, _) = request(&s, "POST", &path, &[ct, ("Host", "evil.example")], &body);
    assert_eq!(status, 403, "DNS rebinding: another host name");
    let (status, _, page) = request(&s, "GET", &path, &[("Host", "evil.example:80")], b"");
    assert_eq!(status, 403, "the token is not shown to another host name");
    assert!(!page.contains(TOKEN));
    let (status, _, _) = request(&s, "POST", "/__kehoach/soan/ghi-nhan", &[ct], b"_token=x");
    assert_eq!(status, 403);
    assert!(s.read(NEW_FILE).is_none(), "nothing written");
    // Without an Origin header (not a browser), the token and the host suffice.
    let (status, _, _) = request(&s, "POST", &path, &[ct], &body);
    assert_eq!(status, 303);
}

#[test]
fn a_form_too_large_gets_413_and_nothing_written() {
    let s = start();
    let big = "a".repeat(editor::MAX_FORM + 10);
    let fields = with(&report_fields(""), "body", &big);
    let (status, _, body) = post(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/"), &as_refs(&fields));
    assert_eq!(status, 413, "{body}");
    assert!(s.read(NEW_FILE).is_none());
}

#[test]
fn a_file_changed_since_the_form_was_opened_is_not_overwritten() {
    let s = start();
    let path = format!("/__kehoach/soan/bao-cao/{OLD}/");
    let (_, _, form) = get(&s, &path);
    let hash = form_hash(&form);
    assert_eq!(hash.len(), 16);
    let before = s.read(OLD_FILE).unwrap();
    let edited = before.replace("rating: kha", "rating: tot # sửa tay");
    std::fs::write(s.root().join(OLD_FILE), &edited).unwrap();
    let fields = with(&with(&report_fields(&hash), "held_on", "2024-03-07"), "submitted_on", "2024-03-08");
    let (status, _, body) = post(&s, &path, &as_refs(&fields));
    assert_eq!(status, 409, "{body}");
    assert_eq!(s.read(OLD_FILE).unwrap(), edited, "the other edit is kept");
    assert!(
        body.contains("Tệp đã bị sửa ở nơi khác") && body.contains("rating: tot # sửa tay"),
        "both shown"
    );
    assert!(body.contains("Chi bộ sinh hoạt đủ ba phần."), "the form as filled");
    // Saved again from that page (it carries the file's new fingerprint): written.
    let again = with(&fields, "_hash", &form_hash(&body));
    let (status, _, _) = post(&s, &path, &as_refs(&again));
    assert_eq!(status, 303);
    assert!(s.read(OLD_FILE).unwrap().contains("Chi bộ sinh hoạt đủ ba phần."));
}

#[test]
fn saving_an_existing_report_unchanged_keeps_every_byte() {
    let s = start();
    let path = format!("/__kehoach/soan/bao-cao/{OLD}/");
    let before = s.read(OLD_FILE).unwrap();
    let (_, _, form) = get(&s, &path);
    // The fields as the browser would send them back, read from the page.
    let values = kehoach::serve::editor::report_file::values_of(&before);
    let mut fields: Vec<(&str, String)> = vec![("_token", TOKEN.into()), ("_hash", form_hash(&form))];
    for (k, v) in &values {
        fields.push((k.as_str(), if k == "body" { v.replace('\n', "\r\n") } else { v.clone() }));
    }
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, body) = post(&s, &path, &refs);
    assert_eq!(status, 303, "{body}");
    assert_eq!(s.read(OLD_FILE).unwrap(), before);
}

#[test]
fn a_visit_is_rescheduled_or_cancelled_in_its_own_lines_only() {
    let s = start();
    let file = "content/schedule/to-2.yaml";
    let before = s.read(file).unwrap();
    let id = "to-2-2024-09-chi-bo";
    let (status, _, form) = get(&s, &format!("/__kehoach/soan/lich/{id}/"));
    assert_eq!(status, 200, "{form}");
    assert!(form.contains("name=\"status\"") && form.contains(">Đã hủy</option>"));
    let hash = form_hash(&form);
    let bad = [("_token", TOKEN), ("_hash", hash.as_str()), ("date", "2024-09-31"), ("status", "planned")];
    let (status, _, body) = post(&s, &format!("/__kehoach/soan/lich/{id}/"), &bad);
    assert_eq!(status, 422, "{body}");
    assert!(messages_of(&body, "date").contains("2024-09-31"), "{body}");
    assert_eq!(s.read(file).unwrap(), before, "nothing written");
    let fields = [
        ("_token", TOKEN),
        ("_hash", hash.as_str()),
        ("date", ""),
        ("time", ""),
        ("place", ""),
        ("status", "cancelled"),
        ("note", "Đơn vị đề nghị lùi sang tháng sau: trùng lịch đại hội"),
    ];
    let (status, head, body) = post(&s, &format!("/__kehoach/soan/lich/{id}/"), &fields);
    assert_eq!(status, 303, "{body}");
    assert_eq!(header(&head, "location"), Some("/to-cong-tac/to-2/"));
    let after = s.read(file).unwrap();
    let changed: Vec<_> = diff_lines(&before, &after);
    assert!(!changed.is_empty() && changed.len() <= 8, "{changed:#?}");
    assert!(
        after.contains(
            "  status: cancelled\n  note: \"Đơn vị đề nghị lùi sang tháng sau: trùng lịch đại hội\"\n"
        ),
        "{after}"
    );
    let loaded = kehoach::build::load(s.root()).expect("valid");
    let v = loaded.site.visits.iter().find(|v| *v.id.value == *id).unwrap();
    assert!(v.is_cancelled() && v.date.is_none());
    assert_eq!(
        before.lines().filter(|l| l.starts_with('#')).count(),
        after.lines().filter(|l| l.starts_with('#')).count(),
        "comments kept"
    );
}

/// The lines of `a` and `b` that differ (a rough diff: common prefix and suffix cut).
fn diff_lines(a: &str, b: &str) -> Vec<String> {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let pre = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
    let suf = x.iter().rev().zip(y.iter().rev()).take_while(|(p, q)| p == q).count();
    let mut out: Vec<String> =
        x[pre..x.len().saturating_sub(suf).max(pre)].iter().map(|l| format!("-{l}")).collect();
    out.extend(y[pre..y.len().saturating_sub(suf).max(pre)].iter().map(|l| format!("+{l}")));
    out
}

#[test]
fn ghi_nhan_commits_exactly_the_files_written_when_in_git() {
    let site = sample().write();
    let root = site.path().to_path_buf();
    crate::support::git(&root, &["init", "-q"], None);
    crate::support::git(&root, &["config", "user.name", "Cán bộ Ban Tổ chức"], None);
    crate::support::git(&root, &["config", "user.email", "btc@example.vn"], None);
    crate::support::git(&root, &["config", "commit.gpgsign", "false"], None);
    crate::support::git(&root, &["add", "-A"], None);
    crate::support::git(&root, &["commit", "-qm", "đầu"], None);
    std::fs::write(root.join("content/pages/khac.md"), "---\ntitle: Khác\n---\nx\n").unwrap();
    let s = start_with(site);
    let (_, _, list) = get(&s, "/__kehoach/soan/");
    assert!(!list.contains("ghi-nhan"), "nothing written yet: no action");
    let (status, _, _) = post(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/"), &as_refs(&report_fields("")));
    assert_eq!(status, 303);
    let (_, _, list) = get(&s, "/__kehoach/soan/");
    assert!(list.contains("Ghi nhận") && list.contains(NEW_FILE), "{list}");
    let (status, head, _) = post(&s, "/__kehoach/soan/ghi-nhan", &[("_token", TOKEN)]);
    assert_eq!(status, 303);
    assert!(header(&head, "location").unwrap().contains("ghi-nhan=1"));
    let log = crate::support::git(&root, &["log", "-1", "--format=%s", "--name-only"], None);
    assert!(log.contains(&format!("báo cáo {NEW}")) && log.contains(NEW_FILE), "{log}");
    assert!(!log.contains("khac.md"), "only the files the editor wrote");
}

#[test]
fn the_preview_is_the_sites_own_rendering_and_writes_nothing() {
    let s = start();
    let fields = with(
        &report_fields(""),
        "body",
        "## Nội dung sinh hoạt\r\n\r\nChi bộ **đoàn kết**.<script>alert(1)</script>\r\n",
    );
    let (status, _, body) = post(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/xem-truoc"), &as_refs(&fields));
    assert_eq!(status, 200, "{body}");
    let at = body.find("Xem trước nội dung (chưa lưu)").expect("a preview");
    assert!(body[at..].contains("<strong>đoàn kết</strong>"), "{body}");
    assert!(!body.contains("<script>alert"), "sanitised, as the site renders it");
    assert!(s.read(NEW_FILE).is_none(), "nothing written");
    let (status, _, _) = post(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/xem-truoc"), &[("_token", "sai")]);
    assert_eq!(status, 403);
}

#[test]
fn a_build_holds_no_trace_of_the_editor() {
    let files = crate::support::build_outside_git(crate::support::SAMPLE, &[]);
    assert!(files.len() > 50);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("__kehoach") && !text.contains("kehoach-soan-thao"),
            "{path} mentions the editor"
        );
    }
}

#[test]
fn a_companion_written_where_none_is_needed_is_kept_not_lost() {
    let file = "content/reports/2024-03/to-1-2024-03-dang-uy.md";
    let site = sample();
    let text = site.text(file);
    let with_companion = text.replacen("\nmeeting:", "\naccompanied_by: Lê Văn C\nmeeting:", 1);
    assert_ne!(text, with_companion);
    let s = start_with(site.with_file(file, &with_companion).write());
    let path = "/__kehoach/soan/bao-cao/to-1-2024-03-dang-uy/";
    let (_, _, form) = get(&s, path);
    assert!(form.contains("name=\"accompanied_by\" value=\"Lê Văn C\""), "shown to keep it");
    let values = kehoach::serve::editor::report_file::values_of(&with_companion);
    let mut fields: Vec<(&str, String)> = vec![("_token", TOKEN.into()), ("_hash", form_hash(&form))];
    fields.extend(values.iter().map(|(k, v)| (k.as_str(), v.clone())));
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, body) = post(&s, path, &refs);
    assert_eq!(status, 303, "{body}");
    assert_eq!(s.read(file).unwrap(), with_companion);
}

#[test]
fn while_another_file_has_errors_a_save_gets_422_and_writes_nothing() {
    let s = start_with(
        sample()
            .edit("content/units.yaml", |units| {
                format!("{units}\n- id: Sai Id\n  name: X\n  kind: chi_bo_co_so\n")
            })
            .write(),
    );
    let (status, _, body) =
        post(&s, &format!("/__kehoach/soan/bao-cao/{NEW}/"), &as_refs(&report_fields("")));
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("Nội dung đang có lỗi") && body.contains("content/units.yaml"), "{body}");
    assert!(s.read(NEW_FILE).is_none());
    let (status, _, list) = get(&s, "/__kehoach/soan/");
    assert_eq!(status, 200);
    assert!(list.contains("Sai Id"));
}

#[test]
fn a_report_with_an_error_opens_with_the_error_beside_its_field_and_is_mended() {
    let site = sample();
    let text = site.text(OLD_FILE);
    let broken = text.replacen("held_on: 2024-03-07", "held_on: 2024-03-45", 1);
    assert_ne!(broken, text);
    let s = start_with(site.with_file(OLD_FILE, &broken).write());
    let path = format!("/__kehoach/soan/bao-cao/{OLD}/");
    let (status, _, form) = get(&s, &path);
    assert_eq!(status, 200, "{form}");
    assert!(form.contains("value=\"2024-03-45\"") && form.contains("Sửa báo cáo"));
    assert!(messages_of(&form, "held_on").contains("2024-03-45"), "{form}");
    let mut values = kehoach::serve::editor::report_file::values_of(&broken);
    values.insert("held_on".into(), "2024-03-07".into());
    let hash = form_hash(&form);
    let mut fields: Vec<(&str, &str)> = vec![("_token", TOKEN), ("_hash", &hash)];
    fields.extend(values.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let (status, _, body) = post(&s, &path, &fields);
    assert_eq!(status, 303, "{body}");
    assert_eq!(s.read(OLD_FILE).unwrap(), text, "mended to the very text it had");
}

/// In a site holding several plans the editor writes to the current plan (or the one
/// `serve --plan` names), and sends the reader to the page under the plan's folder.
#[test]
fn in_a_site_of_several_plans_the_editor_writes_into_the_plan() {
    let s = start_with(kehoach::derive::testkit::fixture("plans").write());
    let visit = "to-1-2025-03-chi-bo";
    let (status, _, list) = get(&s, "/__kehoach/soan/");
    assert_eq!(status, 200, "{list}");
    assert!(list.contains(&format!("/__kehoach/soan/bao-cao/{visit}/")), "{list}");
    assert!(!list.contains("/__kehoach/soan/bao-cao/to-1-2024-05-chi-bo/"), "not another plan's visits");
    let fields = report_fields("");
    let fields = with(&with(&fields, "held_on", "2025-03-20"), "submitted_on", "2025-03-22");
    let (status, head, body) = post(&s, &format!("/__kehoach/soan/bao-cao/{visit}/"), &as_refs(&fields));
    assert_eq!(status, 303, "{body}");
    assert_eq!(header(&head, "location"), Some(format!("/2025/bao-cao/{visit}/").as_str()));
    assert!(s.read(&format!("content/2025/reports/2025-03/{visit}.md")).is_some());
    assert!(!s.root().join("content/reports").exists(), "nothing at the top of content/");
    kehoach::build::load_at(s.root(), "content/2025").expect("what the editor wrote passes the check");
}
