// The browser suite: the built sample site as a person and a browser see it.
//
// One Chromium for the whole file; each suite opens its own contexts. The sites are
// built by scripts/test into target/browser-sites/ (root: base_url "/", sub: base_url
// "/sinhhoat/", restricted: --include-restricted), and served here on 127.0.0.1.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { browser, closeBrowser } from './lib/browser.mjs';
import { siteDir, hasSite, SITES } from './lib/site.mjs';
import { crawlTests } from './suites/crawl.mjs';
import { axeTests } from './suites/axe.mjs';
import { layoutTests } from './suites/layout.mjs';
import { contentTests } from './suites/content.mjs';

/** Shared by the suites; filled in by `before`. */
const env = { root: null, sub: null, restricted: null, dirs: {} };

if (!hasSite('root') || !hasSite('sub')) {
  test('browser: the built sample sites exist', () => {
    assert.fail(`no built sites in ${SITES}/{root,sub}: run scripts/test (it builds them first)`);
  });
} else describe('browser', { timeout: 900_000 }, () => {
  before(async () => {
    env.dirs.root = siteDir('root');
    env.dirs.sub = siteDir('sub');
    env.root = await serve(env.dirs.root, '/');
    env.sub = await serve(env.dirs.sub, '/sinhhoat/');
    if (hasSite('restricted')) {
      env.dirs.restricted = siteDir('restricted');
      env.restricted = await serve(env.dirs.restricted, '/');
    }
    await browser();
  });
  after(async () => {
    await closeBrowser();
    for (const s of [env.root, env.sub, env.restricted]) await s?.close();
  });

  crawlTests(env);
  contentTests(env);
  axeTests(env);
  layoutTests(env);
});
