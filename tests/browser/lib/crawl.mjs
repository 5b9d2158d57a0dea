// Breadth-first crawl of a built site in the browser.
//
// Starting at the home page, every page is opened in Chromium; every a[href], link[href],
// script[src] and img[src] on it must resolve: pages (folders and .html) are opened in
// turn, other files (CSS, JS, images, feeds, data, attachments) are fetched (http) or
// looked up on disk (file://). Every request the browser makes is recorded, and any to
// another origin is a problem. Links to #fragments must name an element of their page.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { guardedContext } from './browser.mjs';
import { norm } from './pages.mjs';

const SKIP_SCHEMES = ['mailto:', 'tel:', 'sms:'];
const TABS = Number(process.env.KEHOACH_CRAWL_TABS ?? 3);

function isPageUrl(u) {
  const p = u.pathname;
  return p.endsWith('/') || p.endsWith('.html') || !path.posix.basename(p).includes('.');
}

function stripHash(u) {
  const c = new URL(u);
  c.hash = '';
  return c.href;
}

/** Links of the page, resolved by the browser, with the page's element ids. */
async function readPage(page) {
  return page.evaluate(() => {
    const links = [];
    const take = (sel, attr) => {
      for (const el of document.querySelectorAll(sel)) {
        const raw = el.getAttribute(attr);
        if (raw === null) continue;
        let abs;
        try {
          abs = new URL(raw, document.baseURI).href;
        } catch {
          abs = null;
        }
        links.push({ tag: el.tagName.toLowerCase(), rel: el.getAttribute('rel') ?? '', raw, abs });
      }
    };
    take('a[href]', 'href');
    take('link[href]', 'href');
    take('script[src]', 'src');
    take('img[src]', 'src');
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    const names = [...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'));
    return { links, ids: [...ids, ...names] };
  });
}

/**
 * Crawl a site. `base` is the URL of the home page's folder ("http://127.0.0.1:N/sinhhoat/"
 * or "file:///…/root/"); in file mode pages are opened as …/index.html.
 * Returns { pages: [url], resources: [url], external: [url], problems: [string], requests }.
 */
export async function crawl({ base, mode = 'http', dir }) {
  const baseUrl = new URL(base);
  const inBase = (u) => u.startsWith(baseUrl.href);
  const guard = await guardedContext((u) => (mode === 'file' ? inBase(u) : new URL(u).origin === baseUrl.origin));
  const problems = guard.problems;
  const start = mode === 'file' ? new URL('index.html', baseUrl).href : baseUrl.href;
  const queue = [start];
  const seen = new Set([norm(start)]); // a folder and its index.html are one page
  const pages = [];
  const resources = new Map(); // url -> first page linking it
  const external = new Set();
  const fragments = []; // { page, id, from }
  const idsOf = new Map();
  const onDisk = (u) => {
    const p = fileURLToPath(u);
    if (!fs.existsSync(p)) return 'missing';
    return fs.statSync(p).isDirectory() ? 'folder' : 'file';
  };

  const visit = async (page, url) => {
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load', timeout: 20000 });
    } catch (e) {
      problems.push(`could not open ${url}: ${e.message.split('\n')[0]}`);
      return;
    }
    if (mode === 'http' && response?.status() !== 200) {
      problems.push(`page ${url} answered ${response?.status()}`);
      return;
    }
    if (mode === 'http' && response.request().redirectedFrom()) {
      problems.push(`page ${url} is redirected to ${response.url()} (link the final address)`);
    }
    // The fonts a page's layout asked for may still be loading after `load`: wait for
    // them, or leaving the page cuts their requests short.
    await page.evaluate(() => document.fonts.ready.then(() => undefined)).catch(() => {});
    pages.push(url);
    const { links, ids } = await readPage(page);
    idsOf.set(norm(url), new Set(ids));
    for (const l of links) {
      const where = `<${l.tag}${l.rel ? ` rel="${l.rel}"` : ''}> "${l.raw}" on ${url}`;
      if (SKIP_SCHEMES.some((s) => l.raw.trim().toLowerCase().startsWith(s))) continue;
      if (l.abs === null) {
        problems.push(`unparsable address ${where}`);
        continue;
      }
      const u = new URL(l.abs);
      if (u.protocol === 'javascript:') {
        problems.push(`javascript: address ${where}`);
        continue;
      }
      const sameOrigin = mode === 'file' ? u.protocol === 'file:' : u.origin === baseUrl.origin;
      if (!sameOrigin) {
        if (l.tag === 'a') external.add(u.href);
        else problems.push(`loads from another origin: ${where}`);
        continue;
      }
      const target = stripHash(u.href);
      if (!inBase(target)) {
        problems.push(`points outside the site (${baseUrl.href}): ${where}`);
        continue;
      }
      if (u.hash.length > 1) {
        fragments.push({ page: target, id: decodeURIComponent(u.hash.slice(1)), from: where });
      }
      if (mode === 'file') {
        const state = onDisk(target);
        if (state === 'missing') {
          problems.push(`no such file ${fileURLToPath(target)}: ${where}`);
          continue;
        }
        if (state === 'folder') {
          problems.push(`links a folder (opened from disk the browser lists the folder; link its index.html): ${where}`);
          continue;
        }
      }
      if (norm(target) === norm(url)) continue;
      if (isPageUrl(new URL(target)) && l.tag === 'a') {
        if (!seen.has(norm(target))) {
          seen.add(norm(target));
          queue.push(target);
        }
      } else if (!resources.has(target)) {
        resources.set(target, where);
      }
    }
  };

  // A few tabs take pages off the queue in turn (breadth-first order, visited concurrently).
  let busy = 0;
  const worker = async () => {
    const page = await guard.context.newPage();
    try {
      for (;;) {
        const url = queue.shift();
        if (url === undefined) {
          if (busy === 0) return;
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        busy++;
        try {
          await visit(page, url);
        } finally {
          busy--;
        }
      }
    } finally {
      await page.close();
    }
  };
  await Promise.all(Array.from({ length: TABS }, worker));

  if (mode === 'http') {
    for (const [u, where] of resources) {
      if (seen.has(norm(u))) continue;
      const r = await fetch(u, { redirect: 'manual' });
      await r.arrayBuffer();
      if (r.status !== 200) problems.push(`HTTP ${r.status} for ${where}`);
    }
  }
  for (const f of fragments) {
    const ids = idsOf.get(norm(f.page));
    if (ids && !ids.has(f.id)) problems.push(`no element id="${f.id}" on ${f.page}: ${f.from}`);
  }
  const requests = guard.requests;
  await guard.context.close();
  return { pages, resources: [...resources.keys()], external: [...external], problems, requests };
}

/** Every page of a build folder, as URLs under base (folders for index.html, else the file). */
export function pagesOnDisk(dir, base, htmlFiles, mode = 'http') {
  return htmlFiles
    .filter((f) => f !== '404.html')
    .map((f) => {
      if (mode === 'file') return pathToFileURL(path.join(dir, f)).href;
      return new URL(f.endsWith('index.html') ? f.slice(0, -'index.html'.length) : f, base).href;
    });
}
