// A site holding several plans (tests/fixtures/plans, built by scripts/test into
// target/browser-sites/plans-root and plans-sub): every page reached by links, nothing
// loaded from elsewhere, served at "/", under "/sinhhoat/" and from disk; no axe
// violation on the site's own pages and a plan's page; an old address leads on to its
// page without a script.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from './lib/server.mjs';
import { browser, closeBrowser, guardedContext } from './lib/browser.mjs';
import { REPO, siteDir, hasSite, listFiles, SITES } from './lib/site.mjs';
import { pagesOnDisk } from './lib/crawl.mjs';
import { norm } from './lib/pages.mjs';
import { crawlAndCheck } from './suites/crawl.mjs';

const AXE = path.join(REPO, 'node_modules/axe-core/axe.min.js');

/** The pages left at the old addresses (a refresh to the plan's page): linked from nowhere. */
function redirects(dir, base, mode) {
  const files = listFiles(dir, (p) => p.endsWith('.html')).filter((f) =>
    fs.readFileSync(path.join(dir, f), 'utf8').includes('http-equiv="refresh"'),
  );
  // Each plan's 404 page too: served for a missing address, linked from nowhere.
  const notFound = listFiles(dir, (p) => p.endsWith(`${path.sep}404.html`));
  return new Set(pagesOnDisk(dir, base, [...files, ...notFound], mode).map(norm));
}

const env = { root: null, sub: null, dirs: {} };

if (!hasSite('plans-root') || !hasSite('plans-sub')) {
  test('plans: the built multi-plan sites exist', () => {
    assert.fail(`no built sites in ${SITES}/plans-{root,sub}: run scripts/test (it builds them first)`);
  });
} else describe('several plans', { timeout: 600_000 }, () => {
  before(async () => {
    env.dirs.root = siteDir('plans-root');
    env.dirs.sub = siteDir('plans-sub');
    env.root = await serve(env.dirs.root, '/');
    env.sub = await serve(env.dirs.sub, '/sinhhoat/');
    await browser();
  });
  after(async () => {
    await closeBrowser();
    for (const s of [env.root, env.sub]) await s?.close();
  });

  test('plans: crawl at / (every page reached, old addresses aside)', async (t) => {
    const { base } = env.root;
    const old = redirects(env.dirs.root, base, 'http');
    assert.ok(old.size > 20, `only ${old.size} old addresses`);
    await crawlAndCheck(t, { base, mode: 'http', dir: env.dirs.root, unlinked: (u) => old.has(u) });
  });

  test('plans: crawl under /sinhhoat/', async (t) => {
    const { base } = env.sub;
    const old = redirects(env.dirs.sub, base, 'http');
    await crawlAndCheck(t, { base, mode: 'http', dir: env.dirs.sub, unlinked: (u) => old.has(u) });
  });

  test('plans: crawl from disk (file://)', async (t) => {
    const base = pathToFileURL(env.dirs.root + path.sep).href;
    const old = redirects(env.dirs.root, base, 'file');
    await crawlAndCheck(t, { base, mode: 'file', dir: env.dirs.root, unlinked: (u) => old.has(u) });
  });

  test('plans: an old address leads on to the page of its plan, without a script', async () => {
    const guard = await guardedContext((u) => new URL(u).origin === env.sub.origin);
    try {
      const page = await guard.context.newPage();
      await page.goto(new URL('to-cong-tac/to-1/', env.sub.base).href);
      await page.waitForURL(/\/sinhhoat\/2024\/to-cong-tac\/to-1\/(index\.html)?$/, { timeout: 10_000 });
      await page.getByRole('heading', { level: 1, name: 'Tổ công tác số 1' }).waitFor();
      assert.match(await page.locator('nav.plans').innerText(), /Trang này thuộc Kế hoạch 2024/);
      assert.deepEqual(guard.problems, []);
    } finally {
      await guard.context.close();
    }
  });

  test('plans: the plans menu opens the same page of another plan', async () => {
    const guard = await guardedContext((u) => new URL(u).origin === env.root.origin);
    try {
      const page = await guard.context.newPage();
      await page.goto(new URL('2024/to-cong-tac/to-1/', env.root.base).href);
      await page.locator('nav.plans').getByRole('link', { name: 'Kế hoạch 2025' }).click();
      await page.waitForURL(/\/2025\/to-cong-tac\/to-1\/index\.html$/);
      assert.match(await page.locator('nav.plans').innerText(), /Trang này thuộc Kế hoạch 2025/);
      assert.deepEqual(guard.problems, []);
    } finally {
      await guard.context.close();
    }
  });

  test('plans: search finds every plan, names each result\'s plan, and a plan\'s page keeps to its plan', async () => {
    const guard = await guardedContext((u) => new URL(u).origin === env.sub.origin);
    try {
      const page = await guard.context.newPage();
      await page.goto(new URL('tim-kiem/?q=%C4%90i%E1%BB%87n%20l%E1%BB%B1c', env.sub.base).href);
      const plans = page.locator('#search-results .search-plan');
      await plans.first().waitFor({ timeout: 15_000 });
      const shown = new Set(await plans.allInnerTexts());
      for (const id of ['2023', '2024', '2025']) assert.ok(shown.has(`Kế hoạch ${id}`), [...shown].join(', '));
      assert.equal(await page.locator('select[name="plan"]').count(), 1);
      await page.goto(new URL('2024/tim-kiem/?q=%C4%90i%E1%BB%87n%20l%E1%BB%B1c', env.sub.base).href);
      await plans.first().waitFor({ timeout: 15_000 });
      assert.deepEqual([...new Set(await plans.allInnerTexts())], ['Kế hoạch 2024']);
      assert.equal(await page.locator('select[name="plan"]').inputValue(), '2024');
      assert.deepEqual(guard.problems, []);
    } finally {
      await guard.context.close();
    }
  });

  for (const rel of ['', 'don-vi/', 'don-vi/cb-kho-bac/', '2024/to-cong-tac/to-1/', '2023/don-vi/cb-kho-bac/', 'tim-kiem/']) {
    test(`plans: axe finds no violation on /${rel}`, async () => {
      const guard = await guardedContext((u) => new URL(u).origin === env.root.origin, { bypassCSP: true });
      try {
        const page = await guard.context.newPage();
        const res = await page.goto(new URL(rel, env.root.base).href);
        assert.equal(res.status(), 200);
        await page.addScriptTag({ path: AXE });
        const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        const v = r.violations.map((x) => `${x.id}: ${x.help} at ${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        assert.deepEqual(v, []);
      } finally {
        await guard.context.close();
      }
    });
  }
});
