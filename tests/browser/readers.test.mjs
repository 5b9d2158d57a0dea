// The readers suite (issue 22, part B) on the built sample site: the phone menu and tables,
// the desktop menu, the printed plan and synthesis. One Chromium for the file; the site
// is built by scripts/test into target/browser-sites/root and served here on 127.0.0.1.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { browser, closeBrowser } from './lib/browser.mjs';
import { siteDir, hasSite, SITES } from './lib/site.mjs';
import { readersTests } from './suites/readers.mjs';

const env = { root: null, dirs: {} };

if (!hasSite('root')) {
  test('browser: the built sample site exists', () => {
    assert.fail(`no built site in ${SITES}/root: run scripts/test (it builds it first)`);
  });
} else describe('browser', { timeout: 600_000 }, () => {
  before(async () => {
    env.dirs.root = siteDir('root');
    env.root = await serve(env.dirs.root, '/');
    await browser();
  });
  after(async () => {
    await closeBrowser();
    await env.root?.close();
  });

  readersTests(env);
});
