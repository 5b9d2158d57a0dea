// Readers (issue 22, part B), in a real browser: on a 360 px phone the menu is one line
// (a <details> that opens without JavaScript) and the tables of visits show status and
// dates first, in view; on a desktop the menu shows whole; printed on A4, the plan and the
// synthesis use the theme's own serif (loaded from the site) and number their pages from
// page 2, centred at the top; the plan prints its annexes after it.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ARTIFACTS } from '../lib/site.mjs';
import { guardedContext } from '../lib/browser.mjs';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

function hasPdftotext() {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The text of each page of a PDF (pdftotext, layout kept). */
function pdfPages(file) {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
}

export function readersTests(env) {
  describe('readers', () => {
    const ctxs = {};
    before(async () => {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const allowed = (u) => new URL(u).origin === env.root.origin;
      ctxs.phone = await guardedContext(allowed, { viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
      ctxs.desktop = await guardedContext(allowed, { viewport: DESKTOP });
    });
    after(async () => {
      await ctxs.phone?.context.close();
      await ctxs.desktop?.context.close();
    });

    test('phone: the menu is one line, and opens with a tap (no JavaScript)', async () => {
      const p = await ctxs.phone.context.newPage();
      try {
        await p.goto(new URL('theo-doi/', env.root.base).href);
        const menu = await p.$eval('nav.menu', (n) => n.getBoundingClientRect().height);
        assert.ok(menu <= 40, `the closed menu is ${menu}px tall`);
        const header = await p.$eval('.site-header', (n) => n.getBoundingClientRect().height);
        assert.ok(header <= 200, `the header is ${header}px tall on a phone`);
        assert.equal(await p.locator('nav.menu a').first().isVisible(), false, 'links hidden until tapped');
        await p.locator('nav.menu summary').tap();
        assert.equal(await p.locator('nav.menu a[aria-current="page"]').isVisible(), true, 'the tap opens the menu');
        await p.screenshot({ path: path.join(ARTIFACTS, 'readers-menu-open-360.png') });
      } finally {
        await p.close();
      }
    });

    test('desktop: the whole menu shows without a tap', async () => {
      const p = await ctxs.desktop.context.newPage();
      try {
        await p.goto(new URL('theo-doi/', env.root.base).href);
        const links = await p.locator('nav.menu a').count();
        for (let i = 0; i < links; i++) assert.ok(await p.locator('nav.menu a').nth(i).isVisible(), `menu link ${i} hidden`);
        assert.equal(await p.locator('nav.menu summary').isVisible(), false);
      } finally {
        await p.close();
      }
    });

    for (const rel of ['to-cong-tac/to-1/', 'theo-doi/']) {
      test(`phone: /${rel} shows each visit's status and dates first, in view`, async () => {
        const p = await ctxs.phone.context.newPage();
        try {
          await p.goto(new URL(rel, env.root.base).href);
          const rows = await p.$$eval('table.stack tbody tr', (trs) =>
            trs.slice(0, 5).map((tr) => {
              const box = (sel) => tr.querySelector(sel)?.getBoundingClientRect();
              const [status, when, other] = [box('.c-status'), box('.c-when'), box('.c-unit') ?? box('.c-kind')];
              return { status, when, other, right: tr.getBoundingClientRect().right };
            }));
          assert.ok(rows.length > 0, `no table of visits on /${rel}`);
          for (const r of rows) {
            assert.ok(r.right <= 360 + 1, `a row ends at ${r.right}px`);
            assert.ok(r.status.top < r.when.top && r.when.top < r.other.top, 'status, then the dates, then the rest');
            assert.ok(r.status.right <= 360 && r.when.right <= 360, 'status and dates in view');
          }
          await p.screenshot({ path: path.join(ARTIFACTS, `readers-${rel.replace(/\//g, '_')}360.png`), fullPage: false });
        } finally {
          await p.close();
        }
      });
    }

    for (const rel of ['ke-hoach/', 'tong-hop/']) {
      test(`print: /${rel} in the theme's serif, pages numbered from page 2`, async (t) => {
        const p = await ctxs.desktop.context.newPage();
        const fonts = [];
        p.on('response', (r) => {
          if (r.url().endsWith('.woff2')) fonts.push([new URL(r.url()).pathname, r.status()]);
        });
        try {
          await p.goto(new URL(rel, env.root.base).href);
          await p.emulateMedia({ media: 'print' });
          await p.evaluate(() => document.fonts.ready);
          const loaded = await p.evaluate(() => [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Kehoach Serif' && f.status === 'loaded').length);
          assert.ok(loaded >= 2, `the theme's serif is not loaded (${loaded} faces)`);
          assert.ok(fonts.length >= 2 && fonts.every(([u, s]) => u.startsWith('/static/fonts/') && s === 200), JSON.stringify(fonts));
          const family = await p.$eval('main', (m) => getComputedStyle(m).fontFamily);
          assert.match(family, /Kehoach Serif/);
          const file = path.join(ARTIFACTS, `readers-${rel.replace(/\//g, '')}.pdf`);
          const pdf = await p.pdf({ path: file, format: 'A4', printBackground: true });
          assert.match(pdf.toString('latin1'), /\/BaseFont\s*\/[A-Z]{6}\+LiberationSerif/, 'the serif is embedded');
          if (!hasPdftotext()) {
            t.diagnostic('pdftotext not found (poppler-utils): page numbers not read');
            return;
          }
          const pages = pdfPages(file);
          assert.ok(pages.length >= 3, `${pages.length} pages`);
          const firstLine = (page) => page.split('\n').find((l) => l.trim() !== '')?.trim();
          assert.notEqual(firstLine(pages[0]), '1', 'no number on the first page');
          for (let i = 1; i < pages.length; i++) assert.equal(firstLine(pages[i]), String(i + 1), `page ${i + 1} is numbered at the top`);
          if (rel === 'ke-hoach/') {
            const annex1 = pages.findIndex((pg) => pg.includes('Phụ lục 1'));
            const annex2 = pages.findIndex((pg) => pg.includes('Phụ lục 2'));
            const signer = pages.findIndex((pg) => pg.includes('Nơi nhận'));
            assert.ok(signer >= 0 && annex1 > signer && annex2 > annex1, `annexes after the plan: ${signer}, ${annex1}, ${annex2}`);
            assert.match(pages[annex1], /DANH SÁCH TỔ CÔNG TÁC/);
          } else {
            const all = pages.join('\n');
            assert.ok(!/\d{2}\/\d{2}\/\d{4}, báo cáo/.test(all), 'no link word "báo cáo" printed after a source');
            assert.ok(!all.includes('xem báo cáo'), 'no "xem báo cáo" on paper');
          }
        } finally {
          await p.close();
        }
      });
    }
  });
}
