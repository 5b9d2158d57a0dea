// Accessibility: axe-core finds no violation on any kind of page.

import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO, siteDir, pageKinds } from '../lib/site.mjs';
import { guardedContext } from '../lib/browser.mjs';

const AXE = path.join(REPO, 'node_modules/axe-core/axe.min.js');

function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 8)
        .map((n) => `      at ${n.target.join(' ')}\n        ${n.html.slice(0, 160)}\n        ${(n.failureSummary ?? '').replace(/\n/g, '\n        ')}`)
        .join('\n');
      const more = v.nodes.length > 8 ? `\n      … and ${v.nodes.length - 8} more` : '';
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join('\n');
}

export function axeTests(env) {
  describe('axe', () => axeSuite(env));
}

function axeSuite(env) {
  let guard;
  let page;
  const open = async () => {
    if (!page) {
      // bypassCSP: the site's Content-Security-Policy (script-src 'self') rightly refuses the
      // axe script this test injects; only this audit context lifts it.
      guard = await guardedContext((u) => new URL(u).origin === env.root.origin, {
        viewport: { width: 1280, height: 800 },
        bypassCSP: true,
      });
      page = await guard.context.newPage();
    }
    return page;
  };

  for (const { kind, path: rel } of pageKinds(siteDir('root'))) {
    test(`axe: ${kind} page has no accessibility violation`, async () => {
      assert.ok(rel !== null, `the build has no ${kind} page`);
      const p = await open();
      const url = new URL(rel, env.root.base).href;
      const res = await p.goto(url);
      assert.equal(res.status(), kind === '404' ? 404 : 200, `status of ${url}`);
      await p.addScriptTag({ path: AXE });
      const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      if (result.violations.length) {
        assert.fail(`${result.violations.length} axe violation(s) on ${url}:\n${describeViolations(result.violations)}`);
      }
    });
  }

  after(async () => {
    await guard?.context.close();
    page = null;
  });
}
