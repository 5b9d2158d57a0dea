// HTML validity: the Nu HTML Checker (vnu-jar) finds no error in any page of the builds,
// checked in one run of the checker.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { REPO, SITES, hasSite, listFiles } from './lib/site.mjs';

const VNU = path.join(REPO, 'node_modules/vnu-jar/build/dist/vnu.jar');

test('html: the Nu HTML Checker finds no error in any page', { timeout: 600_000 }, (t) => {
  assert.ok(fs.existsSync(VNU), `no ${VNU} (npm ci installs it)`);
  const builds = ['root', 'restricted'].filter(hasSite);
  assert.ok(builds.includes('root'), `no built site in ${SITES}/root: run scripts/test`);
  const files = builds.flatMap((b) => listFiles(path.join(SITES, b), (p) => p.endsWith('.html')).map((f) => path.join(SITES, b, f)));
  assert.ok(files.length > 0, 'no .html file in the builds');
  const r = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(r.error, undefined, `could not run java: ${r.error}`);
  const out = (r.stderr || r.stdout || '').trim();
  let messages;
  try {
    messages = JSON.parse(out).messages;
  } catch {
    assert.fail(`the checker said (exit ${r.status}):\n${out.slice(0, 4000)}`);
  }
  t.diagnostic(`${files.length} pages checked (${builds.join(', ')})`);
  const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal');
  if (errors.length) {
    const shown = errors.slice(0, 50).map((m) => {
      const file = m.url ? path.relative(SITES, decodeURIComponent(new URL(m.url).pathname)) : '?';
      const at = m.lastLine ? `:${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? ''}` : '';
      return `  ${file}${at}: ${m.message}${m.extract ? `\n      ${m.extract.replace(/\n/g, ' ').trim()}` : ''}`;
    });
    if (errors.length > 50) shown.push(`  … and ${errors.length - 50} more`);
    assert.fail(`${errors.length} HTML error(s):\n${shown.join('\n')}`);
  }
  assert.equal(r.status, 0, `the checker exited ${r.status}: ${out.slice(0, 2000)}`);
});
