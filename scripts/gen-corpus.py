#!/usr/bin/env python3
"""Write a valid kehoach site of any size, and the equivalent Hugo site, for benchmarks.

    scripts/gen-corpus.py OUT [--reports N] [--seed S] [--plans K]

writes OUT/kehoach/content/** (a site `kehoach build --root OUT/kehoach` builds) and
OUT/hugo/** (a Hugo site with the same reports as Markdown pages, a list page per team and
per unit, one page template and one list template; no taxonomies, RSS or sitemap).
With --plans K (K > 1), the kehoach site holds K plans (FORMAT.md, "Several plans in one
site"): the 84 months cut into K consecutive periods, each plan in content/<its first month>/
with its own site.yaml, the same teams and units, and the visits and reports of its months.
Seeded: the same arguments always write the same files.
"""
import argparse
import os
import random

MONTHS = 84  # 2018-01 .. 2024-12
FIRST_YEAR = 2018

SENTENCES = [
    "Chi bộ đã đánh giá kết quả thực hiện nhiệm vụ chính trị tháng trước và đề ra phương hướng tháng tới.",
    "Đồng chí bí thư chi bộ quán triệt các văn bản mới của cấp trên đến toàn thể đảng viên.",
    "Các đảng viên tham gia ý kiến sôi nổi, thẳng thắn, đúng trọng tâm vấn đề.",
    "Công tác thu nộp đảng phí được thực hiện đầy đủ, đúng quy định.",
    "Chi bộ thảo luận chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Việc phát triển đảng viên mới được quan tâm, có kế hoạch bồi dưỡng quần chúng ưu tú.",
    "Nội dung sinh hoạt còn nặng về thông báo, chưa dành nhiều thời gian cho thảo luận.",
    "Đảng viên đến muộn vẫn còn, cần chấn chỉnh kỷ luật sinh hoạt.",
    "Biên bản sinh hoạt ghi chép đầy đủ, rõ ràng, đúng mẫu hướng dẫn.",
    "Tổ công tác ghi nhận sự chuẩn bị chu đáo của chi ủy về tài liệu và địa điểm.",
    "Đề nghị Đảng ủy Khối tiếp tục mở lớp bồi dưỡng nghiệp vụ công tác đảng cho bí thư chi bộ.",
    "Chi bộ cần đổi mới hình thức sinh hoạt chuyên đề, gắn với nhiệm vụ chuyên môn của đơn vị.",
    "Tự phê bình và phê bình được thực hiện nghiêm túc, có tính xây dựng.",
    "Kết quả sản xuất kinh doanh sáu tháng đầu năm đạt và vượt kế hoạch đề ra.",
    "Ban Tổ chức Đảng ủy Khối sẽ tổng hợp và báo cáo Ban Thường vụ tại phiên họp thường kỳ.",
    "Đồng chí đảng ủy viên phụ trách chi bộ đã cùng dự và phát biểu chỉ đạo.",
]
WORDS = ("công tác đảng viên chi bộ sinh hoạt nghị quyết lãnh đạo chỉ đạo kiểm tra giám sát "
         "tổ chức cán bộ đoàn kết kỷ luật nhiệm vụ chính trị chuyên môn đơn vị tỉnh Lào Cai "
         "Đà Nẵng phát triển nâng cao chất lượng thực hiện").split()
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Quang", "Thanh"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga", "Phúc", "Quân",
         "Sơn", "Tâm", "Uyên", "Vinh", "Xuân", "Yến"]


def name(rng):
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def month(i):
    return f"{FIRST_YEAR + i // 12:04d}-{i % 12 + 1:02d}"


def paragraph(rng, n):
    return " ".join(rng.choice(SENTENCES) for _ in range(n))


def body(rng):
    """About 400 words: headings, a list and a table."""
    rows = "\n".join(
        f"| {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} | {rng.randint(1, 40)} | {rng.choice(['Tốt', 'Khá', 'Đạt'])} |"
        for _ in range(4)
    )
    items = "\n".join(f"- {rng.choice(SENTENCES)}" for _ in range(4))
    return (
        f"## Nội dung sinh hoạt\n\n{paragraph(rng, 6)}\n\n{items}\n\n"
        f"| Nội dung | Số ý kiến | Đánh giá |\n| --- | ---: | --- |\n{rows}\n\n"
        f"## Nhận xét, đánh giá\n\n### Ưu điểm\n\n{paragraph(rng, 4)}\n\n"
        f"### Hạn chế\n\n{paragraph(rng, 3)}\n\n"
        f"## Đề xuất, kiến nghị\n\n{paragraph(rng, 3)}\n"
    )


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--plans", type=int, default=1)
    a = ap.parse_args()
    k = max(1, min(a.plans, MONTHS))
    # Plan p covers months [starts[p], starts[p + 1]).
    starts = [MONTHS * p // k for p in range(k)] + [MONTHS]
    plan_of = [max(p for p in range(k) if starts[p] <= m) for m in range(MONTHS)]
    rng = random.Random(a.seed)
    n = a.reports
    teams = max(6, -(-n // (2 * MONTHS)))
    n_db = max(10, n // 40)  # đảng bộ cơ sở, each with 3 cells; plus as many chi bộ cơ sở
    site = os.path.join(a.out, "kehoach", "content")
    hugo = os.path.join(a.out, "hugo")

    top = site
    plan_dirs = [site] if k == 1 else [os.path.join(top, month(starts[p])) for p in range(k)]
    if k > 1:
        write(os.path.join(top, "site.yaml"), f"""title: Các kế hoạch dự sinh hoạt (corpus {n})
organization: Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh Lào Cai
base_url: /
""")
    for p, pd in enumerate(plan_dirs):
        first, last = (0, MONTHS - 1) if k == 1 else (starts[p], starts[p + 1] - 1)
        end_year = FIRST_YEAR + (last + 1) // 12
        end_month = (last + 1) % 12 + 1
        head = (f"title: Kế hoạch dự sinh hoạt (corpus {n})\norganization: Đảng ủy Khối Cơ quan - Doanh nghiệp tỉnh Lào Cai\n"
                f"issuer: Ban Thường vụ Đảng ủy Khối\nbase_url: /\n" if k == 1
                else f"title: Kế hoạch dự sinh hoạt {month(first)}\nissuer: Ban Thường vụ Đảng ủy Khối\n")
        write(os.path.join(pd, "site.yaml"), f"""{head}period: {{ from: {month(first)}, to: {month(last)} }}
deadline: {end_year}-{end_month:02d}-10
report_due_days: 10
as_of: {FIRST_YEAR + MONTHS // 12}-02-01
team_size: 2
""")
        write(os.path.join(pd, "plan.md"), f"---\ntitle: Kế hoạch dự sinh hoạt\n---\n{paragraph(rng, 20)}\n")
    team_ids = [f"to-{i + 1}" for i in range(teams)]
    teams_yaml = "".join(
        f"- id: {t}\n  name: Tổ công tác số {i + 1}\n  leader: {{ name: {name(rng)}, title: Ủy viên Ban Thường vụ }}\n"
        f"  members:\n    - {{ name: {name(rng)}, title: Chuyên viên Ban Tổ chức }}\n"
        for i, t in enumerate(team_ids))
    for pd in plan_dirs:
        write(os.path.join(pd, "teams.yaml"), teams_yaml)
    dbs, cells, cbs = [], [], []
    units_yaml = []
    for i in range(n_db):
        d = f"db-{i + 1}"
        dbs.append(d)
        cs = [f"cb-{i + 1}-{j + 1}" for j in range(3)]
        cells += cs
        units_yaml.append(
            f"- id: {d}\n  name: Đảng bộ đơn vị số {i + 1}\n  kind: dang_bo_co_so\n  secretary: {name(rng)}\n  members: {rng.randint(40, 300)}\n  cells:\n"
            + "".join(f"    - {{ id: {c}, name: Chi bộ phòng {j + 1} đơn vị {i + 1}, members: {rng.randint(8, 40)} }}\n" for j, c in enumerate(cs)))
    for i in range(n_db):
        c = f"cbcs-{i + 1}"
        cbs.append(c)
        units_yaml.append(f"- id: {c}\n  name: Chi bộ cơ sở số {i + 1}\n  kind: chi_bo_co_so\n  members: {rng.randint(8, 40)}\n")
    for pd in plan_dirs:
        write(os.path.join(pd, "units.yaml"), "".join(units_yaml))
    chi_bo_units = cells + cbs
    unit_name = {}
    for i, d in enumerate(dbs):
        unit_name[d] = f"Đảng bộ đơn vị số {i + 1}"
    for c in chi_bo_units:
        unit_name[c] = c

    # Visits: every team, every month, both kinds; reports for the first n of them.
    visits = []
    sched = {(p, t): [] for p in range(k) for t in team_ids}
    for m in range(MONTHS):
        for ti, t in enumerate(team_ids):
            for kind, pool in (("dang_uy", dbs), ("chi_bo", chi_bo_units)):
                unit = pool[(ti * 7 + m * 3) % len(pool)]
                day = 5 + (ti + m) % 20
                ym = month(m)
                vid = f"{t}-{ym}-{kind.replace('_', '-')}"
                visits.append((vid, t, kind, unit, ym, day, plan_of[m]))
                sched[(plan_of[m], t)].append(f"- {{ team: {t}, kind: {kind}, unit: {unit}, month: {ym}, date: {ym}-{day:02d}, time: \"14:00\" }}\n")
    for (p, t), lines in sched.items():
        write(os.path.join(plan_dirs[p], "schedule", f"{t}.yaml"), "".join(lines))

    write(os.path.join(hugo, "hugo.toml"), f"""baseURL = "/"
title = "Corpus {n}"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = false
""")
    write(os.path.join(hugo, "layouts", "_default", "single.html"),
          "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>"
          "<body><h1>{{ .Title }}</h1><p>{{ .Params.team }} · {{ .Params.unit }} · {{ .Params.held_on }}</p>"
          "{{ .Content }}</body></html>\n")
    write(os.path.join(hugo, "layouts", "_default", "list.html"),
          "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>"
          "<body><h1>{{ .Title }}</h1><ul>"
          "{{ $pages := .Pages }}{{ with .Params.unit }}"
          "{{ $pages = index (partialCached \"by-unit.html\" site \"by-unit\") . }}{{ end }}"
          "{{ range $pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}"
          "</ul></body></html>\n")
    # The reports of each unit, grouped once per build (not filtered once per unit page):
    # the idiomatic way to index pages by a parameter without taxonomies.
    write(os.path.join(hugo, "layouts", "partials", "by-unit.html"),
          "{{ $s := newScratch }}{{ range site.RegularPages.GroupByParam \"unit\" }}"
          "{{ $s.SetInMap \"u\" .Key .Pages }}{{ end }}{{ return $s.Get \"u\" }}\n")
    write(os.path.join(hugo, "content", "_index.md"), "---\ntitle: Trang chủ\n---\n")
    for t in team_ids:
        write(os.path.join(hugo, "content", "to-cong-tac", t, "_index.md"), f"---\ntitle: Tổ {t}\n---\n")
    for u in dbs + chi_bo_units:
        write(os.path.join(hugo, "content", "don-vi", u, "_index.md"), f"---\ntitle: Đơn vị {u}\nunit: {u}\n---\n")

    for (vid, t, kind, unit, ym, day, p) in visits[:n]:
        held = f"{ym}-{day:02d}"
        sub_day = min(day + rng.choice([2, 5, 8, 15]), 28)
        text = body(rng)
        acc = "accompanied_by: " + name(rng) + "\n" if unit.startswith("cb-") else ""
        fm = (f"visit: {vid}\nheld_on: {held}\nstarted_at: \"14:00\"\nended_at: \"16:00\"\nsubmitted_on: {ym}-{sub_day:02d}\n"
              f"author: {name(rng)}\n{acc}meeting: dinh_ky\nattendance: {{ total: 20, exempt: 1, present: 17, excused: 2, unexcused: 0 }}\n"
              f"rating: {rng.choice(['tot', 'kha', 'trung_binh'])}\n")
        write(os.path.join(plan_dirs[p], "reports", ym, f"{vid}.md"), f"---\n{fm}---\n{text}")
        write(os.path.join(hugo, "content", "to-cong-tac", t, f"{vid}.md"),
              f"---\ntitle: Báo cáo {vid}\nteam: {t}\nunit: {unit}\nheld_on: {held}\n---\n{text}")
    print(f"wrote {min(n, len(visits))} reports, {len(visits)} visits, {teams} teams, "
          f"{len(dbs) + len(chi_bo_units)} units, {k} plan(s) under {a.out}")


if __name__ == "__main__":
    main()
