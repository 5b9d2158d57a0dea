// Crawl every page of each build and require every link and every request to resolve
// inside the site: served at "/", served under "/sinhhoat/", opened from disk, and the
// include-restricted build.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { crawl, pagesOnDisk } from '../lib/crawl.mjs';
import { hasSite, listFiles } from '../lib/site.mjs';
import { norm } from '../lib/pages.mjs';

/** Fail with every problem listed, one a line. */
export function assertNoProblems(problems, what) {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 60).map((p) => `  - ${p}`);
  if (problems.length > 60) shown.push(`  … and ${problems.length - 60} more`);
  assert.fail(`${problems.length} problem(s) ${what}:\n${shown.join('\n')}`);
}

export async function crawlAndCheck(t, { base, mode, dir, unlinked = () => false }) {
  const r = await crawl({ base, mode, dir });
  t.diagnostic(`${r.pages.length} pages, ${r.resources.length} other files, ${r.requests.length} requests, ${r.external.length} external links`);
  const reached = new Set(r.pages.map(norm));
  const onDisk = pagesOnDisk(dir, base, listFiles(dir, (p) => p.endsWith('.html')), mode).map(norm);
  const unreached = onDisk.filter((u) => !reached.has(u) && !unlinked(u));
  const problems = [...r.problems, ...unreached.map((u) => `page not reachable by links from the home page: ${u}`)];
  const origin = mode === 'file' ? null : new URL(base).origin;
  for (const u of r.requests) {
    const ok = mode === 'file' ? u.startsWith(base) || u.startsWith('data:') : u.startsWith('data:') || new URL(u).origin === origin;
    if (!ok) problems.push(`the browser requested ${u}`);
  }
  assertNoProblems([...new Set(problems)], `crawling ${base}`);
  assert.ok(r.pages.length >= 10, `only ${r.pages.length} pages reached from ${base}`);
}

export function crawlTests(env) {
  test('crawl: the root-served build (base_url /) has no broken link and loads nothing from elsewhere', async (t) => {
    await crawlAndCheck(t, { base: env.root.base, mode: 'http', dir: env.dirs.root });
  });

  test('crawl: the sub-path build served under /sinhhoat/ stays under /sinhhoat/', async (t) => {
    await crawlAndCheck(t, { base: env.sub.base, mode: 'http', dir: env.dirs.sub });
  });

  test('crawl: the build opened from disk (file://) links existing files only', async (t) => {
    const base = pathToFileURL(env.dirs.root + path.sep).href;
    await crawlAndCheck(t, { base, mode: 'file', dir: env.dirs.root });
  });

  test('crawl: the include-restricted build', { skip: !hasSite('restricted') && 'no restricted build' }, async (t) => {
    await crawlAndCheck(t, { base: env.restricted.base, mode: 'http', dir: env.dirs.restricted });
  });
}
