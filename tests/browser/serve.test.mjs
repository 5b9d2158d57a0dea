// `kehoach serve` in a real browser: the page reloads by itself after a save, a broken
// file shows the error overlay in view, fixing it takes the overlay away, and the site's
// Content-Security-Policy (script-src 'self'; style-src 'self') blocks nothing serve adds.
// And the theme's icon: a sub-path build names its icon, so no page asks for /favicon.ico
// at the server's root.
//
// Runs the kehoach binary on a temporary copy of the valid fixture site: KEHOACH_BIN, else
// target/release/kehoach, else target/debug/kehoach.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { REPO } from './lib/site.mjs';
import { browser, closeBrowser, guardedContext } from './lib/browser.mjs';
import { serve } from './lib/server.mjs';

const BIN =
  process.env.KEHOACH_BIN ??
  ['release', 'debug'].map((p) => path.join(REPO, 'target', p, 'kehoach')).find((p) => fs.existsSync(p));
const FIXTURE = path.join(REPO, 'tests/fixtures/valid');
const REPORT = 'content/reports/2024-03/to-1-2024-03-chi-bo.md';

/** Start `kehoach serve --port 0` on `root`; resolves to { origin, stop() } once it listens. */
function startServe(root) {
  const child = spawn(BIN, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Stop it, or the test file never ends.
      child.kill();
      reject(new Error(`kehoach serve did not start:\n${out}`));
    }, 60_000);
    const onData = (d) => {
      out += d;
      const m = out.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({
          origin: `http://${m[1]}`,
          output: () => out,
          stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGINT'); }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => { out += d; });
    child.once('exit', (code) => reject(new Error(`kehoach serve exited (${code}):\n${out}`)));
  });
}

function edit(root, rel, from, to) {
  const p = path.join(root, rel);
  const text = fs.readFileSync(p, 'utf8');
  assert.ok(text.includes(from), `${rel} holds no ${from}`);
  fs.writeFileSync(p, text.replace(from, to));
}

/** Poll `probe` (which may throw while the page navigates) until it returns a truthy value. */
async function until(what, probe, ms = 30_000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what} (last: ${last})`);
}

/** Console errors and page errors, among them every CSP violation. */
function recordConsole(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

if (!BIN) {
  test('serve in a browser: the kehoach binary exists', () => assert.fail('no target/{release,debug}/kehoach: run cargo build'));
} else describe('serve in a browser', { timeout: 300_000 }, () => {
  let tmp;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-serve-'));
    fs.cpSync(FIXTURE, path.join(tmp, 'site'), { recursive: true });
    await browser();
  });
  after(async () => {
    await closeBrowser();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('a save reloads the page by itself; a broken file shows the overlay in view until it is fixed', async () => {
    const root = path.join(tmp, 'site');
    const s = await startServe(root);
    try {
      const guard = await guardedContext((u) => u.startsWith(s.origin), { viewport: { width: 1024, height: 700 } });
      const page = await guard.context.newPage();
      const errors = recordConsole(page);
      await page.goto(`${s.origin}/bao-cao/to-1-2024-03-chi-bo/`);
      assert.match(await page.innerText('main'), /Chuẩn bị nội dung chu đáo/);
      // The event stream is open before the save (it opens on load).
      await until('the event stream', () => guard.requests.some((u) => u.includes('/__kehoach/events?gen=')));

      // 1. Save a change: the page reloads itself and shows it.
      await page.evaluate(() => { window.__notReloaded = true; });
      edit(root, REPORT, 'Chuẩn bị nội dung chu đáo', 'Chuẩn bị nội dung rất chu đáo');
      await until('the page to reload with the change', async () =>
        (await page.evaluate(() => !window.__notReloaded && document.body.innerText.includes('rất chu đáo'))));

      // 2. Break a file: the overlay is in the viewport, styled, naming the file.
      edit(root, 'content/teams.yaml', '  name: Tổ công tác số 1', '  nme: Tổ công tác số 1');
      const overlay = page.locator('#kehoach-overlay');
      await until('the overlay', async () => (await overlay.count()) === 1);
      const box = await overlay.boundingBox();
      const vp = page.viewportSize();
      assert.ok(box && box.height > 20 && box.y >= 0 && box.y + box.height <= vp.height + 1, `overlay out of view: ${JSON.stringify(box)}`);
      assert.equal(await overlay.evaluate((e) => getComputedStyle(e).position), 'fixed', 'the overlay style sheet applies');
      assert.match(await overlay.innerText(), /content\/teams\.yaml:\d+:\d+/);
      // Its close button works (the script, not an inline handler).
      await overlay.locator('button').click();
      assert.equal(await overlay.count(), 0, 'the close button removes the overlay');
      await page.reload();
      await until('the overlay after a reload', async () => (await page.locator('#kehoach-overlay').count()) === 1);

      // 3. Fix it: the page reloads and the overlay goes.
      edit(root, 'content/teams.yaml', '  nme: Tổ công tác số 1', '  name: Tổ công tác số 1');
      await until('the overlay to go', async () => (await page.locator('#kehoach-overlay').count()) === 0);
      assert.match(await page.innerText('main'), /rất chu đáo/);

      assert.deepEqual(errors, [], 'no console error (no CSP violation)');
      const problems = guard.problems.filter((p) => !/__kehoach\/events/.test(p));
      assert.deepEqual(problems, []);
      assert.ok(guard.requests.every((u) => !u.endsWith('/favicon.ico')), 'no request for /favicon.ico');
      await guard.context.close();
    } finally {
      await s.stop();
    }
  });

  test('under a sub-path every page names the theme icon, which is found', async () => {
    const out = path.join(tmp, 'sub');
    execFileSync(BIN, ['build', '--root', path.join(tmp, 'site'), '--output', out, '--base-url', '/sinhhoat/'], { stdio: 'pipe' });
    const srv = await serve(out, '/sinhhoat/');
    try {
      const guard = await guardedContext((u) => u.startsWith(srv.origin));
      const page = await guard.context.newPage();
      const errors = recordConsole(page);
      for (const p of ['', 'to-cong-tac/', 'bao-cao/to-1-2024-03-chi-bo/', 'khong-co-trang-nay/']) {
        if (p.startsWith('khong')) guard.expect404 = new Set([`${srv.base}${p}`]);
        await page.goto(`${srv.base}${p}`);
        const icon = await page.$eval('link[rel="icon"]', (l) => l.href);
        assert.ok(icon.startsWith(srv.base), `${p}: icon ${icon} outside ${srv.base}`);
        const res = await page.request.get(icon);
        assert.equal(res.status(), 200, `${icon}`);
        assert.match(res.headers()['content-type'], /image\/svg\+xml/);
        // The missing page's own 404 is expected; nothing else may fail.
        const unexpected = errors.filter((e) => !(p.startsWith('khong') && /status of 404/.test(e)));
        assert.deepEqual(unexpected, [], `${p}: console errors`);
        errors.length = 0;
      }
      assert.deepEqual(guard.problems, []);
      assert.ok(guard.requests.every((u) => !u.endsWith('/favicon.ico')), 'no request for /favicon.ico');
      await guard.context.close();
    } finally {
      await srv.close();
    }
  });
});
