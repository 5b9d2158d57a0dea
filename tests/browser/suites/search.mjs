// Search as a person uses it on the built sample: the box on a page leads to /tim-kiem/
// with the results; typing without tone marks finds the Vietnamese words and marks them;
// results link to pages of the site (served at "/", under "/sinhhoat/", from disk);
// without JavaScript the page says so and links to the indexes; the default build's
// index holds no restricted report.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT, hasSite, listFiles, plainYamlValue } from '../lib/site.mjs';
import { guardedContext } from '../lib/browser.mjs';
import { norm, squash } from '../lib/pages.mjs';

/** The fold of search.js and src/search/fold.rs: no tone marks, đ -> d, lowercase. */
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

/** What the results list shows: [{ title, href (absolute), kind, snippet, marks }], once
 * it shows the results of what the box holds (the page names that query: data-shown). */
async function results(page) {
  await page.waitForFunction(
    () => document.getElementById('search-results')?.getAttribute('data-shown') === document.getElementById('q').value,
    null,
    { timeout: 5000 },
  );
  await page.waitForSelector('#search-results .search-status', { timeout: 5000 });
  return page.$$eval('#search-results li', (lis) =>
    lis.map((li) => ({
      title: li.querySelector('a').textContent,
      href: li.querySelector('a').href,
      kind: li.querySelector('.search-kind')?.textContent ?? '',
      snippet: li.querySelector('.search-snippet')?.textContent ?? '',
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
    })),
  );
}

/** What the file `search/<name>.js` of a built site registers (see src/search/mod.rs). */
function indexFile(dir, name) {
  const js = fs.readFileSync(path.join(dir, 'search', `${name}.js`), 'utf8');
  const open = `(self.KEHOACH_SEARCH=self.KEHOACH_SEARCH||{})["${name}"]=`;
  assert.ok(js.startsWith(open) && js.endsWith(';\n'), `search/${name}.js registers itself`);
  return JSON.parse(js.slice(open.length, -2));
}

/** The display entries of a built site's search index, in document order. */
function indexEntries(dir) {
  const n = fs.readdirSync(path.join(dir, 'search', 'd')).length;
  return Array.from({ length: n }, (_, k) => indexFile(dir, `d/${k}`)).flat();
}

/** Every file of a built site's search index, one string. */
function indexText(dir) {
  return listFiles(path.join(dir, 'search')).map((f) => fs.readFileSync(path.join(dir, 'search', f), 'utf8')).join('\n');
}

/** Console errors (a CSP violation is one) and uncaught exceptions of `page`, from now on. */
function watchConsole(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** The visit ids of the sample's restricted reports. */
function restrictedVisits() {
  const dir = path.join(CONTENT, 'reports');
  if (!fs.existsSync(dir)) return [];
  return listFiles(dir, (p) => p.endsWith('.md'))
    .map((rel) => path.join(dir, rel))
    .filter((f) => /^restricted:\s*true\s*$/m.test(fs.readFileSync(f, 'utf8').split(/^---\s*$/m)[1] ?? ''))
    .map((f) => plainYamlValue(f, 'visit'));
}

export function searchTests(env) {
  describe('search', () => {
    let guard;
    let page;
    let consoleErrors;
    before(async () => {
      guard = await guardedContext(
        (u) => u.startsWith('file:') || [env.root.origin, env.sub.origin].includes(new URL(u).origin),
        { viewport: { width: 1280, height: 800 } },
      );
      page = await guard.context.newPage();
      consoleErrors = watchConsole(page);
    });
    after(async () => guard?.context.close());

    test('the box on the home page leads to /tim-kiem/ with results for words typed without tone marks', async () => {
      await page.goto(env.root.base);
      const box = page.getByRole('search').getByRole('searchbox');
      await box.fill('sinh hoat');
      await box.press('Enter');
      await page.waitForURL(/\/tim-kiem\/(index\.html)?\?q=sinh/);
      const found = await results(page);
      assert.ok(found.length >= 5, `only ${found.length} results for "sinh hoat"`);
      assert.equal(await page.inputValue('#q'), 'sinh hoat');
      for (const r of found) {
        assert.ok(r.title && r.kind, `a result without title or kind: ${JSON.stringify(r)}`);
        assert.ok(r.marks.length > 0, `nothing highlighted in ${JSON.stringify(r)}`);
        for (const m of r.marks) assert.ok(['sinh', 'hoat'].some((t) => t.startsWith(fold(m))), `"${m}" marked for "sinh hoat"`);
        assert.ok(r.href.startsWith(env.root.base), r.href);
      }
      assert.ok(found.flatMap((r) => r.marks).includes('hoạt'), 'the tone-marked "hoạt" is highlighted');
      const status = squash(await page.innerText('#search-results [role=status]'));
      const total = Number(status.match(/^Tìm thấy (\d+) kết quả/)?.[1]);
      assert.ok(total >= found.length, `"${status}" for ${found.length} results shown`);
      if (total > found.length) assert.match(status, new RegExp(`hiện ${found.length} kết quả đầu`));
      // The first result opens a page of the site.
      const res = await page.goto(found[0].href);
      assert.equal(res.status(), 200);
      assert.deepEqual(guard.problems, []);
    });

    test('typing "da" finds Đảng and Đà; a unit searched by its name comes first', async () => {
      await page.goto(new URL('tim-kiem/', env.root.base).href);
      await page.locator('#q').pressSequentially('da');
      const marks = (await results(page)).flatMap((r) => r.marks);
      assert.ok(marks.some((m) => m.startsWith('Đả')), `no "Đả" marked: ${marks.slice(0, 20)}`);
      assert.ok(marks.some((m) => m.startsWith('Đà')), `no "Đà" marked: ${marks.slice(0, 20)}`);

      const unit = indexEntries(env.dirs.root).find((d) => d.u.startsWith('don-vi/'));
      await page.locator('#q').fill(fold(unit.t).toUpperCase());
      const found = await results(page);
      assert.equal(found[0].title, unit.t);
      assert.equal(norm(found[0].href), norm(new URL(unit.u, env.root.base).href));
    });

    test('a query with marks ranks the words written with those marks first', async () => {
      // A word of the sample written two ways that fold alike (e.g. "Dương" and "đường").
      const manifest = indexFile(env.dirs.root, 'index');
      const shardName = (k) => k.replace(/[^a-z0-9]/gu, (c) => `_${c.codePointAt(0).toString(16)}_`);
      let pick = null;
      for (const key of manifest.keys) {
        const shard = indexFile(env.dirs.root, `t/${shardName(key)}`);
        for (const [folded, forms] of Object.entries(shard)) {
          const written = forms.filter((f) => f[0] && f[0] !== folded);
          if (forms.length < 2 || !written.length || [...folded].length < 3) continue;
          // The written form in fewer documents than the others together: ranking matters.
          const docs = (f) => f[1].length / 2;
          const form = written.reduce((a, b) => (docs(b) < docs(a) ? b : a));
          const others = forms.filter((f) => f !== form).reduce((n, f) => n + docs(f), 0);
          if (others > docs(form) && (!pick || docs(form) > pick.n)) pick = { word: form[0], n: docs(form) };
        }
      }
      assert.ok(pick, 'the sample has a word written with and without some marks');
      await page.goto(new URL(`tim-kiem/index.html?q=${encodeURIComponent(pick.word)}`, env.root.base).href);
      const found = await results(page);
      assert.ok(found.length > pick.n, `"${pick.word}" also finds the words written otherwise`);
      // The first results are pages where the word is written as typed.
      for (const r of found.slice(0, Math.min(pick.n, 3))) {
        const html = await (await page.request.get(r.href)).text();
        const text = squash(html.replace(/<[^>]*>/g, ' ')).normalize('NFC').toLowerCase();
        assert.ok(new RegExp(`(^|[^\\p{L}\\p{N}])${pick.word}`, 'u').test(text), `${r.href} does not have "${pick.word}"`);
      }
      assert.equal(await page.locator('select[name=plan]').count(), 0, 'one plan: no choice of plan');
      assert.deepEqual(consoleErrors, []);
    });

    test('results link inside the site under /sinhhoat/ and from disk', async () => {
      const sub = new URL('tim-kiem/index.html?q=to%20cong%20tac', env.sub.base).href;
      await page.goto(sub);
      const served = await results(page);
      assert.ok(served.length > 0);
      for (const r of served) assert.ok(r.href.startsWith(env.sub.base), r.href);

      const disk = pathToFileURL(path.join(env.dirs.root, 'tim-kiem', 'index.html')).href;
      await page.goto(`${disk}?q=to%20cong%20tac`);
      const local = await results(page);
      assert.equal(local.length, served.length);
      for (const r of local) {
        assert.ok(r.href.startsWith('file:') && r.href.endsWith('/index.html'), r.href);
        const file = new URL(r.href).pathname;
        assert.ok(fs.existsSync(decodeURIComponent(file)), `${r.href} does not exist`);
      }
      // From disk too the index's files are scripts of the site: no CSP or console error.
      const loaded = await page.evaluate(() => [...document.scripts].map((s) => s.src));
      assert.ok(loaded.some((u) => /\/search\/t\/[^/]+\.js$/.test(u)), `no shard loaded: ${loaded}`);
      assert.ok(loaded.some((u) => /\/search\/d\/\d+\.js$/.test(u)), `no display entries loaded: ${loaded}`);
      assert.deepEqual(guard.problems, []);
      assert.deepEqual(consoleErrors, []);
    });

    test('without JavaScript the search page says so and links to the indexes', async () => {
      const noJs = await guardedContext((u) => new URL(u).origin === env.root.origin, { javaScriptEnabled: false });
      try {
        const p = await noJs.context.newPage();
        await p.goto(new URL('tim-kiem/?q=sinh+hoat', env.root.base).href);
        const text = squash(await p.innerText('main'));
        assert.match(text, /JavaScript/);
        const hrefs = await p.$$eval('main a[href]', (as) => as.map((a) => a.href));
        for (const sub of ['ke-hoach/', 'to-cong-tac/', 'don-vi/', 'bao-cao/']) {
          const target = norm(new URL(sub, env.root.base).href);
          assert.ok(hrefs.map(norm).includes(target), `no link to ${sub} without JavaScript: ${hrefs}`);
        }
        assert.deepEqual(noJs.problems, []);
      } finally {
        await noJs.context.close();
      }
    });

    test('the default index holds no restricted report; the full build\'s does', { skip: !hasSite('restricted') && 'no restricted build' }, () => {
      const visits = restrictedVisits();
      assert.ok(visits.length > 0, 'the sample has a restricted report');
      const index = indexText;
      for (const v of visits) {
        assert.ok(!index(env.dirs.root).includes(`bao-cao/${v}/`), `${v} is in the default index`);
        assert.ok(index(env.dirs.restricted).includes(`bao-cao/${v}/`), `${v} is missing from the full index`);
      }
    });
  });
}
