// Drives headless Chromium over the DevTools protocol (--remote-debugging-pipe, so no
// extra package): opens a page, types a query into #q key by key, and prints the search
// results as JSON: [{title, href, kind, snippet, marks: [...]}].
//
// usage: node type_search.js <page-url> <query> [chromium]
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [url, query, chromium = process.env.CHROMIUM || '/usr/bin/chromium'] = process.argv.slice(2);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kehoach-chromium-'));
const browser = spawn(
  chromium,
  [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank',
  ],
  { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] }
);
const toBrowser = browser.stdio[3];
const fromBrowser = browser.stdio[4];

let nextId = 1;
const waiting = new Map();
let buffer = '';
fromBrowser.on('data', (chunk) => {
  buffer += chunk.toString('utf8');
  let end;
  while ((end = buffer.indexOf('\0')) !== -1) {
    const msg = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (msg.id && waiting.has(msg.id)) {
      const { resolve, reject } = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.error) reject(new Error(JSON.stringify(msg.error)));
      else resolve(msg.result);
    }
  }
});

function send(method, params = {}, sessionId) {
  const id = nextId++;
  const msg = { id, method, params };
  if (sessionId) msg.sessionId = sessionId;
  toBrowser.write(JSON.stringify(msg) + '\0');
  return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const evaluate = async (expression) => {
    const r = await send('Runtime.evaluate', { expression, returnByValue: true }, sessionId);
    if (r.exceptionDetails) throw new Error(expression + ': ' + JSON.stringify(r.exceptionDetails));
    return r.result.value;
  };
  await send('Page.navigate', { url }, sessionId);
  const loaded = "location.href !== 'about:blank' && document.readyState === 'complete'";
  for (let i = 0; i < 200 && !(await evaluate(loaded)); i++) await sleep(50);
  await evaluate("document.getElementById('q').focus()");
  for (const ch of query) {
    await send('Input.dispatchKeyEvent', { type: 'keyDown', text: ch, unmodifiedText: ch }, sessionId);
    await send('Input.dispatchKeyEvent', { type: 'keyUp' }, sessionId);
  }
  // Results come once the index's files for the query are loaded: the page names the
  // query they are for (data-shown).
  const shown = "document.getElementById('search-results').getAttribute('data-shown') === document.getElementById('q').value";
  for (let i = 0; i < 200 && !(await evaluate(shown)); i++) await sleep(25);
  const results = await evaluate(`JSON.stringify({
    value: document.getElementById('q').value,
    status: (document.querySelector('#search-results .search-status') || {}).textContent || null,
    plan: (document.querySelector('form select[name=plan]') || {}).value ?? null,
    plans: Array.from(document.querySelectorAll('form select[name=plan] option')).map(o => o.textContent),
    results: Array.from(document.querySelectorAll('#search-results li')).map(li => ({
      title: li.querySelector('a').textContent,
      href: li.querySelector('a').getAttribute('href'),
      kind: li.querySelector('.search-kind').textContent,
      planTitle: (li.querySelector('.search-plan') || {}).textContent ?? null,
      snippet: li.querySelector('.search-snippet').textContent,
      marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent),
    })),
  })`);
  process.stdout.write(results + '\n');
}

const exited = new Promise((r) => browser.on('exit', r));

async function run() {
  try {
    await main();
  } catch (e) {
    process.stderr.write(String((e && e.stack) || e) + '\n');
    process.exitCode = 1;
  }
  send('Browser.close').catch(() => {});
  const timer = setTimeout(() => browser.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
  fs.rmSync(profile, { recursive: true, force: true });
  process.exit();
}

run();
