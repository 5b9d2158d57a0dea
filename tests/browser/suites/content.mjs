// What a person sees: the words and structure each page must show, read as text, roles
// and links (not CSS classes), checked against the site's own data files
// (data/visits.json, data/summary.json) and the content it was built from.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CONTENT, plainYamlValue, readJson, visits as readVisits, pageKinds, pageDirs } from '../lib/site.mjs';
import { guardedContext } from '../lib/browser.mjs';
import { links, listNames, readTables, squash, dmy, STATUS_LABEL, occurrences, norm } from '../lib/pages.mjs';

const WEEKDAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

/** The sections of the menu: address and a word its link must say. */
const SECTIONS = [
  ['ke-hoach/', /kế hoạch/iu],
  ['to-cong-tac/', /tổ/iu],
  ['don-vi/', /đơn vị/iu],
  ['lich/', /lịch/iu],
  ['bao-cao/', /báo cáo/iu],
  ['theo-doi/', /theo dõi/iu],
  ['tong-hop/', /tổng hợp/iu],
];

/** "2024-03" -> a pattern for how a column or heading may name that month. */
function monthPattern(ym) {
  const [y, m] = ym.split('-').map(Number);
  return new RegExp(`(tháng|th\\.?|t)\\s*0?${m}(?!\\d)|(?<!\\d)0?${m}\\s*[/.-]\\s*${y}`, 'iu');
}

/** The months of the plan's period (site.yaml `period: { from, to }`), else those of the visits. */
function periodMonths(visits) {
  const file = path.join(CONTENT, 'site.yaml');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const from = text.match(/^\s*(?:period:.*\b)?from:\s*["']?(\d{4}-\d{2})/m)?.[1];
  const to = text.match(/^\s*(?:period:.*\b)?to:\s*["']?(\d{4}-\d{2})/m)?.[1];
  if (!from || !to) return [...new Set(visits.map((v) => v.month))].sort();
  const out = [];
  for (let [y, m] = from.split('-').map(Number); `${y}-${String(m).padStart(2, '0')}` <= to; m === 12 ? (y++, (m = 1)) : m++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

/** The plan's title, as written in content/plan.md (front matter) or content/site.yaml. */
function planTitle() {
  for (const f of ['plan.md', 'site.yaml']) {
    const file = path.join(CONTENT, f);
    if (fs.existsSync(file)) {
      const t = plainYamlValue(file, 'title');
      if (t) return t;
    }
  }
  throw new Error(`no title in ${CONTENT}/plan.md or site.yaml`);
}

export function contentTests(env) {
  describe('what a person sees', () => {
    let guard;
    let page;
    let data;
    const url = (rel) => new URL(rel, env.root.base).href;
    const text = async () => squash(await page.innerText('main'));

    before(async () => {
      guard = await guardedContext((u) => new URL(u).origin === env.root.origin, { viewport: { width: 1280, height: 800 } });
      page = await guard.context.newPage();
      const dir = env.dirs.root;
      const visits = readVisits(dir);
      data = {
        dir,
        visits,
        summary: readJson(dir, 'data/summary.json'),
        teams: await listNames(page, env.root.base, 'to-cong-tac', pageDirs(dir, 'to-cong-tac')),
        units: await listNames(page, env.root.base, 'don-vi', pageDirs(dir, 'don-vi')),
        reportPages: new Set(pageDirs(dir, 'bao-cao')),
      };
    });
    after(async () => guard?.context.close());

    test('home shows the plan title and the progress of the reports', async () => {
      await page.goto(url(''));
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
      const title = squash(planTitle());
      const headings = (await page.getByRole('heading').allInnerTexts()).map(squash);
      assert.ok(
        headings.some((h) => h.includes(title)),
        `no heading on the home page says "${title}"; headings: ${JSON.stringify(headings)}`,
      );
      const { reported, planned } = data.summary;
      const body = squash(await page.innerText('body'));
      const pct = planned ? (100 * reported) / planned : 0;
      const pcts = new Set([Math.round(pct), Math.floor(pct), pct.toFixed(1).replace('.', ','), pct.toFixed(1)].map(String));
      const asRatio = new RegExp(`(?<!\\d)${reported}\\s*/\\s*${planned}(?!\\d)`).test(body);
      const asPercent = [...pcts].some((p) => new RegExp(`(?<![\\d,.])${p.replace('.', '\\.')}\\s*%`).test(body));
      const asMeter = await page.$$eval(
        'progress, meter, [role="progressbar"]',
        (els, [r, p]) =>
          els.some((e) => {
            const v = Number(e.getAttribute('value') ?? e.getAttribute('aria-valuenow'));
            const max = Number(e.getAttribute('max') ?? e.getAttribute('aria-valuemax'));
            return (v === r && max === p) || (max === 100 && Math.abs(v - (100 * r) / p) < 1);
          }),
        [reported, planned],
      );
      assert.ok(
        asRatio || asPercent || asMeter,
        `the home page shows no progress of ${reported} reported out of ${planned} planned visits ("${reported}/${planned}", "${[...pcts][0]}%" or a progress bar)`,
      );
    });

    test('the menu leads from home to every section', async () => {
      for (const [rel, word] of SECTIONS) {
        await page.goto(url(''));
        const nav = page.getByRole('navigation');
        assert.ok((await nav.count()) >= 1, 'the home page has no navigation landmark');
        const target = url(rel);
        const navLinks = await links(page, 'nav');
        const link = navLinks.find((l) => l.href === target);
        assert.ok(link, `the menu has no link to ${target}; it links ${navLinks.map((l) => `${l.name} → ${l.href}`).join(', ')}`);
        assert.match(link.name, word, `the menu's link to ${rel} is named "${link.name}"`);
        const index = await page.$$eval('nav a[href]', (as, t) => as.findIndex((a) => a.href === t || a.href === t + 'index.html'), target);
        await Promise.all([page.waitForURL((u) => norm(u.href) === target), page.locator('nav a[href]').nth(index).click()]);
        const h1 = squash(await page.locator('h1').first().innerText());
        assert.ok(h1.length > 0, `${target} has no main heading`);
      }
    });

    test('the dashboard /theo-doi/ shows a matrix of teams by month with text statuses', async () => {
      await page.goto(url('theo-doi/'));
      const tables = await readTables(page);
      const months = periodMonths(data.visits);
      const missing = (t) => months.filter((m) => !t.head.flat().some((c) => monthPattern(m).test(c.text)));
      assert.ok(tables.length > 0, 'the dashboard has no table');
      // The matrix (or one matrix per kind of visit): every month of the period has a column.
      const matrices = tables.filter((t) => missing(t).length === 0);
      const best = [...tables].sort((a, b) => missing(a).length - missing(b).length)[0];
      assert.ok(
        matrices.length > 0,
        `no table has a column for every month ${months.join(', ')}; missing ${missing(best).join(', ')} in ${JSON.stringify(best.head.map((r) => r.map((c) => c.text)))}`,
      );
      for (const matrix of matrices) {
        const rowNames = matrix.body.map((r) => r[0]?.text ?? '');
        for (const [id, name] of data.teams) {
          assert.ok(rowNames.some((n) => n.includes(name)), `no row for team ${id} "${name}"; rows: ${JSON.stringify(rowNames)}`);
        }
      }
      const cells = matrices.flatMap((m) => m.body.flatMap((r) => r.slice(1).map((c) => c.text))).join(' | ');
      for (const status of ['overdue', 'reported', 'upcoming', 'awaiting']) {
        const expected = data.visits.filter((v) => v.status === status && months.includes(v.month)).length;
        const shown = occurrences(cells, STATUS_LABEL[status]);
        assert.equal(shown, expected, `the matrix shows "${STATUS_LABEL[status]}" ${shown} times; data/visits.json has ${expected} ${status} visits`);
      }
    });

    test('the month /lich/<YYYY-MM>/ is a Monday-first grid with each visit on its day', async () => {
      const month = pageKinds(data.dir).find((k) => k.kind === 'month').path;
      assert.ok(month, 'the build has no month page');
      const ym = month.match(/(\d{4}-\d{2})/)[1];
      await page.goto(url(month));
      const h1 = squash(await page.locator('h1').first().innerText());
      assert.match(h1, monthPattern(ym), `the heading of ${month} is "${h1}"`);
      const grid = (await readTables(page)).find((t) => t.head.some((r) => r.some((c) => c.text.includes('Thứ Hai'))));
      assert.ok(grid, `no table headed by weekdays on ${month}`);
      const headRow = grid.head.find((r) => r.some((c) => c.text.includes('Thứ Hai')));
      const monday = headRow.find((c) => c.text.includes('Thứ Hai')).col;
      const head = headRow.filter((c) => c.col >= monday).slice(0, 7).map((c) => c.text.toLowerCase());
      assert.deepEqual(head, WEEKDAYS.map((w) => w.toLowerCase()), 'the weekday headers, Monday first');

      const [y, m] = ym.split('-').map(Number);
      const weekday = (d) => monday + ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7); // column
      const dayCells = (d) => grid.body.flat().filter((c) => Number(c.text.match(/(?<!\d)\d{1,2}(?!\d)/)?.[0]) === d);
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      for (const d of [1, 15, last]) {
        assert.ok(dayCells(d).some((c) => c.col === weekday(d)), `day ${d}/${m}/${y} is not in the ${WEEKDAYS[weekday(d) - monday]} column`);
      }
      const dated = data.visits.filter((v) => v.date?.startsWith(ym) && v.status !== 'cancelled');
      assert.ok(dated.length > 0, `no dated visit in ${ym} to look for (pick a month with visits)`);
      for (const v of dated) {
        const d = Number(v.date.slice(8));
        const names = [data.teams.get(v.team), data.units.get(v.unit)];
        const here = dayCells(d).filter((c) => c.col === weekday(d));
        assert.ok(
          here.some((c) => names.some((n) => n && c.text.includes(n))),
          `visit ${v.id} on ${dmy(v.date)}: the day's cell does not name "${names.join('" or "')}"; cell: ${JSON.stringify(here.map((c) => c.text))}`,
        );
      }
    });

    test('a team page lists its visits with unit, date, status and report', async () => {
      const team = pageKinds(data.dir).find((k) => k.kind === 'team').path;
      const id = team.split('/')[1];
      await page.goto(url(team));
      const h1 = squash(await page.locator('h1').first().innerText());
      assert.ok(h1.includes(data.teams.get(id)), `the heading of ${team} is "${h1}", not the team's name "${data.teams.get(id)}"`);
      const mine = data.visits.filter((v) => v.team === id);
      assert.ok(mine.length > 0, `data/visits.json has no visit of ${id}`);
      const body = await text();
      const pageLinks = await links(page, 'main');
      for (const v of mine) {
        const unitUrl = url(`don-vi/${v.unit}/`);
        assert.ok(
          pageLinks.some((l) => l.href === unitUrl && l.name.includes(data.units.get(v.unit))),
          `visit ${v.id}: no link "${data.units.get(v.unit)}" to ${unitUrl}`,
        );
        if (v.date) assert.ok(body.includes(dmy(v.date)), `visit ${v.id}: its date ${dmy(v.date)} is not shown`);
        assert.match(body, monthPattern(v.month), `visit ${v.id}: its month ${v.month} is not shown`);
        if (data.reportPages.has(v.id)) {
          assert.ok(pageLinks.some((l) => l.href === url(`bao-cao/${v.id}/`)), `visit ${v.id}: no link to its report`);
        }
      }
      for (const status of Object.keys(STATUS_LABEL)) {
        const n = mine.filter((v) => v.status === status).length;
        const shown = occurrences(body, STATUS_LABEL[status]);
        assert.ok(shown >= n, `"${STATUS_LABEL[status]}" shown ${shown} times; the team has ${n} ${status} visits`);
      }
    });

    test('the synthesis /tong-hop/ gathers the "Đề xuất, kiến nghị" of the published reports', async () => {
      const proposals = [];
      for (const id of data.reportPages) {
        await page.goto(url(`bao-cao/${id}/`));
        const first = await page.$$eval('main h1, main h2, main h3, main h4', (hs) => {
          const h = hs.find((x) => /^đề xuất,? kiến nghị$/iu.test(x.innerText.trim()));
          if (!h) return null;
          const level = Number(h.tagName[1]);
          for (let el = h.nextElementSibling; el; el = el.nextElementSibling) {
            if (/^H[1-6]$/.test(el.tagName) && Number(el.tagName[1]) <= level) return null;
            const t = el.innerText.trim();
            if (t) return t.split('\n')[0];
          }
          return null;
        });
        if (first) proposals.push({ id, text: squash(first).slice(0, 80) });
      }
      assert.ok(proposals.length > 0, 'no published report has a "Đề xuất, kiến nghị" section with text (the sample should have some)');
      await page.goto(url('tong-hop/'));
      const body = await text();
      const absent = proposals.filter((p) => !body.includes(p.text));
      assert.deepEqual(absent, [], 'proposals of these reports are not in the synthesis');
    });

    test('the teams and units lists link every team and unit page by name', async () => {
      assert.ok(data.teams.size >= 1 && data.units.size >= 1);
      for (const [id, name] of [...data.teams, ...data.units]) {
        const sub = data.teams.has(id) ? 'to-cong-tac' : 'don-vi';
        await page.goto(url(`${sub}/${id}/`));
        const h1 = squash(await page.locator('h1').first().innerText());
        assert.ok(h1.includes(name), `${sub}/${id}/ is headed "${h1}" but listed as "${name}"`);
      }
    });

    test('an unknown address answers 404 with the site\'s own page', async () => {
      guard.expect404 = new Set([url('khong-co-trang-nay/')]);
      const res = await page.goto(url('khong-co-trang-nay/'));
      assert.equal(res.status(), 404);
      assert.equal(await page.getAttribute('html', 'lang'), 'vi');
      const all = await links(page);
      assert.ok(all.some((l) => l.href === url('')), 'the 404 page has no link to the home page');
    });

    test('the 404 page works at any depth (its links and styles do not depend on where it is served)', async () => {
      const where = url('khong/co/trang-nay/');
      guard.expect404 = new Set([where]);
      const before = guard.problems.length;
      const res = await page.goto(where);
      assert.equal(res.status(), 404);
      const broken = [];
      for (const l of await links(page)) {
        if (!l.href.startsWith(env.root.origin)) continue;
        const r = await fetch(l.href);
        await r.arrayBuffer();
        if (r.status !== 200) broken.push(`"${l.name}" → ${l.href} (${r.status})`);
      }
      const loads = guard.problems.slice(before);
      assert.deepEqual([...broken, ...loads], [], `broken on the 404 page served at ${where}`);
    });
  });
}
