//! The dashboard month by month (FORMAT.md, "The dashboard month by month"): a page and a
//! summary for each month of the period ended by `as_of`, each judged exactly as a build
//! `--as-of` that month's last day judges it.

use crate::support::*;

/// The month pages and summaries a build writes.
fn month_files(f: &Files) -> Vec<String> {
    let mut out: Vec<String> = f
        .keys()
        .filter(|p| {
            (p.starts_with("theo-doi/20") && p.ends_with("/index.html"))
                || (p.starts_with("data/summary-") && p.ends_with(".json"))
        })
        .cloned()
        .collect();
    out.sort();
    out
}

#[test]
fn a_page_and_a_summary_for_each_month_ended_by_as_of() {
    // The valid fixture's period is 2024-03 to 2024-05, as_of 2024-05-20: March and April
    // have ended, May has not.
    let f = build(VALID, &[]);
    assert_eq!(
        month_files(&f),
        [
            "data/summary-2024-03.json",
            "data/summary-2024-04.json",
            "theo-doi/2024-03/index.html",
            "theo-doi/2024-04/index.html",
        ]
    );
    let f = build(VALID, &["--as-of", "2024-05-31"]);
    assert_eq!(month_files(&f).len(), 6, "May has ended on its last day");
    let f = build(VALID, &["--as-of", "2024-03-30"]);
    assert_eq!(month_files(&f), Vec::<String>::new(), "no month has ended yet");
}

#[test]
fn each_month_is_judged_as_as_of_its_last_day_would_judge_it() {
    let months = build(VALID, &["--as-of", "2024-05-31"]);
    for (m, day) in [("2024-03", "2024-03-31"), ("2024-04", "2024-04-30"), ("2024-05", "2024-05-31")] {
        let then = build(VALID, &["--as-of", day]);
        assert_eq!(
            json(&months, &format!("data/summary-{m}.json")),
            json(&then, "data/summary.json"),
            "summary at the end of {m}"
        );
        let page = text(&months, &format!("theo-doi/{m}/index.html"));
        let dashboard = text(&then, "theo-doi/index.html");
        // The figures and every list of the dashboard of that day, in the same words.
        let figures = |html: &str| {
            let start = html.find("<h2 id=\"so-lieu\">").expect("figures");
            let end = html.find("<h2 id=\"theo-thang\">").or_else(|| html.find("<h2 id=\"bang\">")).unwrap();
            html[start..end].to_string()
        };
        assert_eq!(figures(&page), figures(&dashboard), "figures at the end of {m}");
        let rest = |html: &str| {
            html[html.find("<h2 id=\"qua-han\">").unwrap()..html.find("</main>").unwrap()].to_string()
        };
        assert_eq!(rest(&page), rest(&dashboard).replace("../", "../../"), "lists at the end of {m}");
        // The grid of teams × months: that month's column, as the dashboard of that day has it.
        let grid = &page[page.find("<h2 id=\"bang\">").unwrap()..page.find("<h2 id=\"qua-han\">").unwrap()];
        assert_eq!(grid.matches("<th scope=\"col\"><a href=").count(), 1, "one month: {grid}");
        let column = |html: &str, k: usize| -> Vec<String> {
            let table = &html[html.find("<table class=\"matrix\">").unwrap()..];
            let table = &table[..table.find("</table>").unwrap()];
            table
                .split("<tr><th scope=\"row\">")
                .skip(1)
                .map(|row| row.split("<td>").nth(k + 1).unwrap_or("").to_string())
                .collect()
        };
        let k = ["2024-03", "2024-04", "2024-05"].iter().position(|x| *x == m).unwrap();
        let theirs: Vec<String> = column(&dashboard, k).iter().map(|c| c.replace("../", "../../")).collect();
        let ours: Vec<String> = column(grid, 0);
        let cell = |c: &String| c.split("</td>").next().unwrap_or("").to_string();
        assert_eq!(
            ours.iter().map(cell).collect::<Vec<_>>(),
            theirs.iter().map(cell).collect::<Vec<_>>(),
            "grid at the end of {m}"
        );
    }
}

#[test]
fn the_dashboard_links_every_month_and_charts_them() {
    let f = build(VALID, &["--as-of", "2024-05-31"]);
    let d = text(&f, "theo-doi/index.html");
    for (m, label) in
        [("2024-03", "Hết tháng 3/2024"), ("2024-04", "Hết tháng 4/2024"), ("2024-05", "Hết tháng 5/2024")]
    {
        assert!(d.contains(&format!("<a href=\"../theo-doi/{m}/index.html\">{label}</a>")), "link to {m}");
    }
    assert_eq!(d.matches("<rect class=\"c-rep\"").count(), 3, "a bar of reported visits per month");
    assert!(d.contains(
        "<desc id=\"chart-d\">Số cuộc đã báo cáo và quá hạn báo cáo vào cuối mỗi tháng: hết tháng 3/2024:"
    ));
    let april = text(&f, "theo-doi/2024-04/index.html");
    assert!(april.contains("<h1>Theo dõi thực hiện kế hoạch đến hết tháng 4/2024</h1>"));
    assert!(april.contains("<strong aria-current=\"page\">Hết tháng 4/2024</strong>"));
    assert!(
        april.contains("Số liệu tính đến 30/04/2024") || april.contains("Thứ Ba, 30/04/2024"),
        "the footer states the month's last day"
    );
    assert!(!april.contains("Số liệu tính đến Thứ Sáu, 31/05/2024"));
}
