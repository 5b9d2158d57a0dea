// The editor of `kehoach serve`, as a person uses it: `kehoach serve` runs on a copy of the
// sample site; the report form is filled by its labels and the keyboard, saved, the report
// page shows it, and the team page shows the visit's new status. A visit is cancelled
// through the schedule form. axe-core finds no violation on the editor's pages, and the
// form's screenshot goes to target/browser-artifacts/ (docs/images/editor.png is one).
//
// The binary: target/release/kehoach (built by scripts/test); KEHOACH_BIN overrides it.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { browser, closeBrowser, guardedContext } from './lib/browser.mjs';
import { REPO, CONTENT, ARTIFACTS } from './lib/site.mjs';

const BIN = path.resolve(process.env.KEHOACH_BIN ?? path.join(REPO, 'target/release/kehoach'));
const AXE = path.join(REPO, 'node_modules/axe-core/axe.min.js');
const VISIT = 'to-1-2024-08-chi-bo'; // no report yet in the sample
const UNIT = 'Chi bộ Sở Công Thương';
const CANCEL = 'to-2-2024-09-chi-bo';

/** Start `kehoach serve` on a copy of the sample site; resolves once it serves. */
function startServe(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => {
      // Stop it, or the test file never ends.
      child.kill();
      reject(new Error(`kehoach serve did not start:\n${out}`));
    }, 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ child, origin: m[1], log: () => out });
      }
    });
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`kehoach serve exited (${code}):\n${out}`)));
  });
}

async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return await axe.run(document, { resultTypes: ['violations'] });
  });
  return res.violations.map((v) => `[${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join('\n    ')}`);
}

if (!fs.existsSync(BIN)) {
  test('editor: the kehoach binary exists', () => assert.fail(`no ${BIN}: cargo build --release (or set KEHOACH_BIN)`));
} else describe('editor', { timeout: 300_000 }, () => {
  let site;
  let serve;
  let guard;
  let page;
  const failedResources = [];

  before(async () => {
    site = fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-editor-'));
    fs.cpSync(CONTENT, path.join(site, 'content'), { recursive: true });
    fs.cpSync(path.join(REPO, 'themes'), path.join(site, 'themes'), { recursive: true });
    serve = await startServe(site);
    await browser();
    guard = await guardedContext((u) => new URL(u).origin === serve.origin, { viewport: { width: 1280, height: 900 } });
    page = await guard.context.newPage();
    // The resources the console says failed (the icon a page does not name is one: Chromium
    // asks for /favicon.ico, and the guard's request events do not see that request).
    page.on('console', (m) => {
      if (m.type() === 'error') failedResources.push(m.location()?.url ?? '');
    });
  });
  after(async () => {
    await closeBrowser();
    serve?.child.kill('SIGTERM');
    if (site) fs.rmSync(site, { recursive: true, force: true });
  });

  test('served pages link to the editor, which lists the visits without a report', async () => {
    await page.goto(`${serve.origin}/`);
    await page.getByRole('link', { name: 'Soạn thảo' }).first().click();
    await page.waitForURL(`${serve.origin}/__kehoach/soan/`);
    assert.equal(await page.locator('h1').innerText(), 'Việc cần soạn');
    const row = page.locator('tr', { hasText: UNIT }).first();
    assert.match(await row.innerText(), /hạn nộp/);
    await row.getByRole('link', { name: /Viết báo cáo/ }).click();
    await page.waitForURL(`${serve.origin}/__kehoach/soan/bao-cao/${VISIT}/`);
  });

  test('the form is checked as the user types, by the server', async () => {
    // A new report leaves blank what only its author knows; while they are blank the
    // server names each one beside its field.
    await page.locator('#rating-loi span').first().waitFor({ timeout: 15_000 }).catch(() => {});
    await page.getByLabel('Ngày nộp báo cáo').fill('2024-08-19');
    for (const [label, n] of [['Có mặt', '26'], ['Vắng có lý do', '2'], ['Vắng không lý do', '0']]) {
      await page.getByLabel(label, { exact: true }).fill(n);
    }
    await page.getByLabel('Đánh giá của tổ').selectOption({ label: 'Khá' });
    const ended = page.getByLabel('Giờ kết thúc');
    await ended.fill('16:30');
    await ended.fill('17:00');
    // One hour: the build's own rule says so, as a warning, while nothing is saved.
    await page.locator('#st-tong-hop .st-canh-bao', { hasText: '60 phút' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Ngày sinh hoạt').fill('');
    await page.locator('#held_on-loi span').first().waitFor({ timeout: 15_000 });
    assert.equal(await page.getByLabel('Ngày sinh hoạt').getAttribute('aria-invalid'), 'true');
    assert.ok(!fs.existsSync(path.join(site, `content/reports/2024-08/${VISIT}.md`)), 'nothing written while checking');
  });

  test('a report is written with labels and the keyboard, saved, and shown', async () => {
    await page.getByLabel('Ngày sinh hoạt').fill('2024-08-14');
    await page.getByLabel('Giờ kết thúc').fill('18:00');
    await page.getByLabel('Ngày nộp báo cáo').fill('2024-08-19');
    const author = page.getByLabel('Người viết báo cáo');
    await author.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Nguyễn Văn A');
    await page.getByLabel('Hình thức sinh hoạt').selectOption({ label: 'Sinh hoạt chuyên đề' });
    await page.getByLabel('Chủ đề').click();
    await page.keyboard.type('Nâng cao chất lượng sinh hoạt chi bộ');
    for (const [label, n] of [['Tổng số', '29'], ['Miễn sinh hoạt', '1'], ['Có mặt', '26'], ['Vắng có lý do', '2'], ['Vắng không lý do', '0']]) {
      await page.getByLabel(label, { exact: true }).fill(n);
    }
    await page.getByLabel('Đánh giá của tổ').selectOption({ label: 'Tốt' });
    await page.getByLabel('Số đảng viên phát biểu').fill('8');
    const body = page.getByLabel('Nội dung báo cáo');
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Chi bộ đề nghị được tập huấn nghiệp vụ công tác đảng.');
    await page.locator('#st-tong-hop .st-canh-bao').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    // The last check answered: no message left from the empty date above.
    await page.waitForFunction(() => document.querySelectorAll('.st-loi span').length === 0, null, { timeout: 15_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, 'editor.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'editor-full.png'), fullPage: true });

    await Promise.all([page.waitForURL(`${serve.origin}/bao-cao/${VISIT}/`), page.getByRole('button', { name: 'Lưu báo cáo' }).click()]);
    await page.getByText('Chi bộ đề nghị được tập huấn nghiệp vụ công tác đảng.').waitFor({ timeout: 20_000 });
    // The served page says what was saved (the link's script asks the editor), and the
    // "Soạn thảo" link leads back to this report's form.
    await page.locator('#kehoach-da-luu', { hasText: 'Đã lưu báo cáo' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('#kehoach-soan-thao').getAttribute('href'), `/__kehoach/soan/bao-cao/${VISIT}/`);
    const text = fs.readFileSync(path.join(site, `content/reports/2024-08/${VISIT}.md`), 'utf8');
    assert.match(text, /^---\nvisit: to-1-2024-08-chi-bo\n/);
    assert.match(text, /\nmeeting: chuyen_de\n/);

    await page.goto(`${serve.origin}/to-cong-tac/to-1/`);
    assert.match(await page.locator(`tr#${VISIT}`).innerText(), /Đã báo cáo/);
  });

  test('a visit is cancelled through the schedule form', async () => {
    await page.goto(`${serve.origin}/__kehoach/soan/lich/${CANCEL}/`);
    await page.getByLabel('Tình trạng').selectOption({ label: 'Đã hủy' });
    await page.getByLabel('Ghi chú').fill('Đơn vị xin lùi do trùng lịch đại hội');
    await Promise.all([page.waitForURL(`${serve.origin}/to-cong-tac/to-2/`), page.getByRole('button', { name: 'Lưu lịch' }).click()]);
    await page.waitForFunction((id) => /Đã hủy/.test(document.getElementById(id)?.innerText ?? ''), CANCEL, { timeout: 20_000 });
  });

  test('axe: the editor pages have no accessibility violation', async () => {
    const ctx = await guardedContext((u) => new URL(u).origin === serve.origin, { bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const p = await ctx.context.newPage();
    const found = [];
    for (const rel of ['/__kehoach/soan/', `/__kehoach/soan/bao-cao/${VISIT}/`, '/__kehoach/soan/bao-cao/to-1-2024-03-chi-bo/', `/__kehoach/soan/lich/${CANCEL}/`]) {
      await p.goto(`${serve.origin}${rel}`);
      for (const v of await axeViolations(p)) found.push(`${rel}: ${v}`);
    }
    // A form with errors (422) too.
    await p.goto(`${serve.origin}/__kehoach/soan/bao-cao/${VISIT}/`);
    await p.getByLabel('Ngày nộp báo cáo').fill('');
    await Promise.all([p.waitForLoadState('load'), p.getByRole('button', { name: 'Lưu báo cáo' }).click()]);
    await p.locator('.st-loi-chung').first().waitFor();
    for (const v of await axeViolations(p)) found.push(`(422): ${v}`);
    await ctx.context.close();
    assert.deepEqual(found, []);
  });

  test('no request left the server and no page failed unexpectedly', () => {
    // A check still on its way when the form is sent is cut short by the navigation: harmless.
    const aborted = (p) => /\/kiem-tra: net::ERR_ABORTED/.test(p);
    assert.deepEqual(guard.problems.filter((p) => !aborted(p)), []);
    // The editor's pages name the site's icon: no request for /favicon.ico (a 404).
    assert.deepEqual(failedResources.filter((u) => u.endsWith('/favicon.ico')), []);
  });
});
