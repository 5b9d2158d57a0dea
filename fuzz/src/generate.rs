//! A whole site generated from fuzz bytes: YAML of the right shape whose values are mostly
//! valid, and now and then (1 in 256) odd (bad dates, unknown ids, huge numbers, wrong
//! types). Values that are valid but unusual (HTML, emoji, empty strings, dates outside
//! their month, attendance that does not add up) come as often as plain ones, so that the
//! fuzzer reaches the checks, the findings and the outputs, not only the first YAML error.

/// Reads choices off the fuzz input; zeros once it runs out.
pub struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data }
    }
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }
    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::from(self.byte()) % n.max(1)
    }
    /// One of `good`, or (when the byte is 255) one of `odd`, chosen by the next byte.
    pub fn pick<'p>(&mut self, good: &[&'p str], odd: &[&'p str]) -> &'p str {
        let b = self.byte();
        if b == 255 && !odd.is_empty() {
            odd[self.below(odd.len())]
        } else {
            good[usize::from(b) % good.len()]
        }
    }
    pub fn chance(&mut self) -> bool {
        self.byte() & 1 == 1
    }
}

const NONE: &[&str] = &[];
const TEAMS: &[&str] = &["to-1", "to-2", "to-3"];
const ODD_IDS: &[&str] = &["to-9", "TO-1", "\"\"", "[a]", "x y", "đ"];
const MONTHS: &[&str] = &["2024-03", "2024-04", "2024-05", "2024-10", "2024-11"];
const ODD_MONTHS: &[&str] = &["2023-12", "2024-13", "2024-3", "9999-12", "0000-01", "2024-00", "\"\""];
const DAYS: &[&str] = &["01", "05", "14", "15", "20", "28"];
const ODD_DAYS: &[&str] = &["29", "30", "31", "32", "00", "1"];
const TIMES: &[&str] = &["\"08:00\"", "\"14:00\"", "\"16:30\"", "\"09:45\"", "\"13:30\"", "\"17:00\""];
const ODD_TIMES: &[&str] = &["\"24:00\"", "\"7:5\"", "14:00:00", "\"\"", "1400"];
const TEXT: &[&str] = &[
    "Nguyễn Văn A",
    "Trần Thị B",
    "\"<script>alert(1)</script>\"",
    "\"<img src=x onerror=alert(1)>\"",
    "Đảng ủy",
    "\"javascript:alert(1)\"",
    "\"x\\ny\"",
    "'it''s'",
    "\"🇻🇳 Lào Cai\"",
    "\"a,b;c\\\\d\"",
    "\"=1+1\"",
];
const ODD_TEXT: &[&str] = &["\"\"", "\"a\\u0000b\"", "12", "[x]", "{a: 1}", "~", "true"];
const NUMBERS: &[&str] = &["0", "1", "2", "15", "18", "90", "100"];
const ODD_NUMBERS: &[&str] = &["-1", "4294967295", "9223372036854775807", "1e309", "0.5", "x", "\"3\"", "~"];
const BODY: &[&str] = &[
    "## Nội dung sinh hoạt\nChi bộ đã đánh giá.\n",
    "## Đề xuất, kiến nghị\n- Đề nghị mở lớp.\n",
    "<script>alert(1)</script>\n",
    "[x](javascript:alert(1))\n",
    "<img src=x onerror=alert(1)>\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "```\ncode\n```\n",
    "# \n## \n### Ưu điểm\n",
    "> quote\n> > nested\n",
    "[^1]\n\n[^1]: note\n",
    "<div style=\"x\">raw</div>\n",
    "---\n",
    "**bold _it_**\n",
    "![a](../static/x.png)\n",
    "<a href=\"/\" onclick=\"x()\">a</a>\n",
];

/// The files of a generated site, by path.
pub struct Site {
    pub files: Vec<(String, String)>,
}

fn date(b: &mut Bytes) -> String {
    format!("{}-{}", b.pick(MONTHS, ODD_MONTHS), b.pick(DAYS, ODD_DAYS))
}

/// A site from `data`.
pub fn site(data: &[u8]) -> Site {
    let mut b = Bytes::new(data);
    let mut files = Vec::new();
    let from = b.pick(&["2024-03", "2024-04"], ODD_MONTHS);
    let to = b.pick(&["2024-05", "2024-10"], ODD_MONTHS);
    let base = b.pick(&["/", "/sinhhoat/", "https://x.vn/a/"], &["", "//evil", "javascript:x"]);
    let as_of = if b.chance() { format!("as_of: {}\n", date(&mut b)) } else { String::new() };
    files.push((
        "content/site.yaml".into(),
        format!(
            "title: {}\norganization: Đảng ủy Khối\nissuer: Ban Thường vụ\nbase_url: \"{base}\"\ntheme: default\n\
             language: vi\nperiod: {{ from: {from}, to: {to} }}\ndeadline: 2024-11-{}\nreport_due_days: {}\n\
             {as_of}require: {{ dang_uy: {}, chi_bo: {} }}\nteam_size: {}\n",
            b.pick(TEXT, ODD_TEXT),
            b.pick(DAYS, ODD_DAYS),
            b.pick(&["0", "5", "10", "30"], ODD_NUMBERS),
            b.pick(&["0", "1", "2"], ODD_NUMBERS),
            b.pick(&["0", "1", "2"], ODD_NUMBERS),
            b.pick(&["1", "2", "3"], ODD_NUMBERS),
        ),
    ));
    files.push((
        "content/plan.md".into(),
        format!("---\ntitle: {}\nnumber: 1-KH\n---\n{}", b.pick(TEXT, ODD_TEXT), b.pick(BODY, NONE)),
    ));
    let mut teams = String::new();
    let team_ids = &TEAMS[..1 + b.below(TEAMS.len())];
    for id in team_ids {
        teams.push_str(&format!(
            "- id: {}\n  name: {}\n  leader: {{ name: {}, title: Phó Bí thư }}\n  members:\n",
            b.pick(&[id], ODD_IDS),
            b.pick(TEXT, ODD_TEXT),
            b.pick(TEXT, ODD_TEXT)
        ));
        for _ in 0..b.below(3) {
            teams.push_str(&format!("    - {{ name: {}, title: Ủy viên }}\n", b.pick(TEXT, ODD_TEXT)));
        }
    }
    files.push(("content/teams.yaml".into(), teams));
    // db-a (cell cb-a-1), db-b (cell cb-b-1), cb-x: the first one, two or three.
    let mut units = String::new();
    let mut unit_ids = Vec::new();
    for (id, cell) in
        [("db-a", Some("cb-a-1")), ("cb-x", None), ("db-b", Some("cb-b-1"))].into_iter().take(1 + b.below(3))
    {
        let kind = if cell.is_some() { "dang_bo_co_so" } else { "chi_bo_co_so" };
        units.push_str(&format!(
            "- id: {}\n  name: {}\n  kind: {}\n  members: {}\n",
            b.pick(&[id], ODD_IDS),
            b.pick(TEXT, ODD_TEXT),
            b.pick(&[kind], &["chi_bo_truc_thuoc", "x", "dang_bo_co_so", "chi_bo_co_so"]),
            b.pick(NUMBERS, ODD_NUMBERS)
        ));
        unit_ids.push(id);
        if let Some(cell) = cell.filter(|_| b.chance()) {
            units.push_str(&format!(
                "  cells:\n    - {{ id: {}, name: Chi bộ, members: 3 }}\n",
                b.pick(&[cell], ODD_IDS)
            ));
            unit_ids.push(cell);
        }
    }
    files.push(("content/units.yaml".into(), units));
    let mut schedule = String::new();
    let mut ids: Vec<String> = Vec::new();
    for i in 0..b.below(16) {
        let team = b.pick(team_ids, ODD_IDS);
        let kind = b.pick(&["dang_uy", "chi_bo"], &["chi-bo", "x"]);
        let month = b.pick(MONTHS, ODD_MONTHS);
        schedule.push_str(&format!(
            "- team: {team}\n  kind: {kind}\n  unit: {}\n  month: {month}\n",
            b.pick(&unit_ids, ODD_IDS)
        ));
        if b.chance() {
            // Mostly in its month; sometimes another.
            let m = if b.byte() < 200 { month } else { b.pick(MONTHS, ODD_MONTHS) };
            schedule.push_str(&format!("  date: {m}-{}\n", b.pick(DAYS, ODD_DAYS)));
        }
        if b.chance() {
            schedule.push_str(&format!(
                "  time: {}\n  place: {}\n",
                b.pick(TIMES, ODD_TIMES),
                b.pick(TEXT, ODD_TEXT)
            ));
        }
        if b.byte().is_multiple_of(5) {
            schedule.push_str(&format!("  status: cancelled\n  note: {}\n", b.pick(TEXT, ODD_TEXT)));
        }
        let default = format!("{team}-{month}-{}", kind.replace('_', "-"));
        let id = if ids.contains(&default) || b.byte() == 255 {
            let id = b.pick(&[&format!("v-{i}")], &["v-1", "to-1-2024-03-chi-bo", "A"]).to_string();
            schedule.push_str(&format!("  id: {id}\n"));
            id
        } else {
            default
        };
        ids.push(id);
    }
    files.push(("content/schedule.yaml".into(), if schedule.is_empty() { "[]\n".into() } else { schedule }));
    let mut reported: Vec<String> = Vec::new();
    for i in 0..b.below(ids.len() + 1) {
        let mut visit = if b.byte() == 255 { "unknown".to_string() } else { ids[b.below(ids.len())].clone() };
        if reported.contains(&visit) && b.byte() != 255 {
            // Two reports on one visit are an error; now and then is enough.
            match ids.iter().find(|v| !reported.contains(v)) {
                Some(v) => visit = v.clone(),
                None => break,
            }
        }
        reported.push(visit.clone());
        let mut r = format!(
            "---\nvisit: {visit}\nheld_on: {}\nsubmitted_on: {}\nauthor: {}\nmeeting: {}\n",
            date(&mut b),
            date(&mut b),
            b.pick(TEXT, ODD_TEXT),
            b.pick(&["dinh_ky", "chuyen_de", "ket_hop"], &["x"]),
        );
        if b.chance() {
            r.push_str(&format!(
                "started_at: {}\nended_at: {}\n",
                b.pick(TIMES, ODD_TIMES),
                b.pick(TIMES, ODD_TIMES)
            ));
        }
        if b.chance() {
            r.push_str(&format!(
                "accompanied_by: {}\nchair: {}\n",
                b.pick(TEXT, ODD_TEXT),
                b.pick(TEXT, ODD_TEXT)
            ));
        }
        r.push_str(&format!(
            "topic: {}\nattendance: {{ total: {}, exempt: {}, present: {}, excused: {}, unexcused: {} }}\n",
            b.pick(TEXT, ODD_TEXT),
            b.pick(NUMBERS, ODD_NUMBERS),
            b.pick(NUMBERS, ODD_NUMBERS),
            b.pick(NUMBERS, ODD_NUMBERS),
            b.pick(NUMBERS, ODD_NUMBERS),
            b.pick(NUMBERS, ODD_NUMBERS),
        ));
        r.push_str(&format!(
            "rating: {}\nscore: {}\nrestricted: {}\n---\n",
            b.pick(&["tot", "kha", "trung_binh", "kem"], &["gioi"]),
            b.pick(NUMBERS, ODD_NUMBERS),
            b.pick(&["true", "false"], &["yes", "1"]),
        ));
        for _ in 0..b.below(4) {
            r.push_str(b.pick(BODY, NONE));
        }
        files.push((format!("content/reports/r{i}.md"), r));
    }
    for i in 0..b.below(3) {
        let mut p = format!(
            "---\ntitle: {}\nweight: {}\nrestricted: {}\ndraft: {}\n---\n",
            b.pick(TEXT, ODD_TEXT),
            b.pick(NUMBERS, ODD_NUMBERS),
            b.pick(&["true", "false"], &["yes"]),
            b.pick(&["true", "false"], &["no"]),
        );
        for _ in 0..b.below(4) {
            p.push_str(b.pick(BODY, NONE));
        }
        files.push((format!("content/pages/p{i}.md"), p));
    }
    Site { files }
}
