// The search of the built sample sites, in its own file (and so with its own time budget,
// beside site.test.mjs): served at "/" and under "/sinhhoat/", opened from disk, without
// JavaScript, and the include-restricted build's index. Sites built by scripts/test.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { browser, closeBrowser } from './lib/browser.mjs';
import { siteDir, hasSite, SITES } from './lib/site.mjs';
import { searchTests } from './suites/search.mjs';

const env = { root: null, sub: null, restricted: null, dirs: {} };

if (!hasSite('root') || !hasSite('sub')) {
  test('search: the built sample sites exist', () => {
    assert.fail(`no built sites in ${SITES}/{root,sub}: run scripts/test (it builds them first)`);
  });
} else describe('browser', { timeout: 120_000 }, () => {
  before(async () => {
    env.dirs.root = siteDir('root');
    env.dirs.sub = siteDir('sub');
    env.root = await serve(env.dirs.root, '/');
    env.sub = await serve(env.dirs.sub, '/sinhhoat/');
    if (hasSite('restricted')) env.dirs.restricted = siteDir('restricted');
    await browser();
  });
  after(async () => {
    await closeBrowser();
    for (const s of [env.root, env.sub]) await s?.close();
  });

  searchTests(env);
});
