// Layout: screenshots of every kind of page on a phone (360×740) and a desktop (1280×800)
// into target/browser-artifacts/, no sideways scrolling of the page on the phone (a wide
// table may scroll inside its own container), and A4 prints of the plan and the synthesis.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, siteDir, pageKinds } from '../lib/site.mjs';
import { guardedContext } from '../lib/browser.mjs';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const TOLERANCE = 2; // px

/** The elements that stick out to the right of the viewport, outside any scrolling box. */
function overflowing() {
  const vw = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if ((ox === 'auto' || ox === 'scroll' || ox === 'hidden') && p !== document.body && p !== document.documentElement) return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > vw + 2 && r.width > 0 && !scrolls(el)) {
      out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(r.right)}px): ${(el.innerText ?? '').trim().slice(0, 60)}`);
    }
  }
  return out.slice(0, 10);
}

export function layoutTests(env) {
  describe('layout', () => {
    const ctxs = {};
    before(async () => {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const allowed = (u) => new URL(u).origin === env.root.origin;
      ctxs.phone = await guardedContext(allowed, { viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
      ctxs.desktop = await guardedContext(allowed, { viewport: DESKTOP });
      ctxs.phonePage = await ctxs.phone.context.newPage();
      ctxs.desktopPage = await ctxs.desktop.context.newPage();
    });
    after(async () => {
      await ctxs.phone?.context.close();
      await ctxs.desktop?.context.close();
    });

    for (const { kind, path: rel } of pageKinds(siteDir('root'))) {
      test(`layout: ${kind} page fits a 360px phone (screenshots at 360 and 1280)`, async () => {
        assert.ok(rel !== null, `the build has no ${kind} page`);
        const url = new URL(rel, env.root.base).href;
        const shot = (w) => path.join(ARTIFACTS, `${kind}-${w}.png`);

        await ctxs.desktopPage.goto(url);
        await ctxs.desktopPage.screenshot({ path: shot(DESKTOP.width), fullPage: true });

        const p = ctxs.phonePage;
        await p.goto(url);
        await p.screenshot({ path: shot(PHONE.width), fullPage: true });
        const width = await p.evaluate(() => document.documentElement.scrollWidth);
        if (width > PHONE.width + TOLERANCE) {
          const culprits = await p.evaluate(overflowing);
          assert.fail(`${url} is ${width}px wide on a ${PHONE.width}px phone; sticking out:\n  ${culprits.join('\n  ')}`);
        }
      });
    }

    for (const rel of ['ke-hoach/', 'tong-hop/']) {
      test(`print: /${rel} prints on A4 without the site's navigation`, async () => {
        const name = rel.replace(/\/$/, '');
        const url = new URL(rel, env.root.base).href;
        const p = await ctxs.desktop.context.newPage();
        try {
          await p.goto(url);
          const file = path.join(ARTIFACTS, `${name}.pdf`);
          const pdf = await p.pdf({ path: file, format: 'A4', printBackground: true });
          assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
          const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
          assert.ok(pages >= 1, `${file} has no page`);

          await p.emulateMedia({ media: 'print' });
          await p.setViewportSize({ width: 718, height: 1000 }); // A4 less 1 cm margins, in CSS px
          const navShown = await p.$$eval('nav, [role="navigation"]', (ns) => ns.filter((n) => n.getClientRects().length > 0 && getComputedStyle(n).visibility !== 'hidden').length);
          assert.equal(navShown, 0, `the site's navigation is printed on ${url}`);
          const h1 = await p.$$eval('h1', (hs) => hs.filter((h) => h.getClientRects().length > 0).length);
          assert.ok(h1 >= 1, `no heading is printed on ${url}`);
          const width = await p.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= 718 + TOLERANCE, `${url} is ${width}px wide when printed on A4 (718px)`);
        } finally {
          await p.close();
        }
      });
    }
  });
}
