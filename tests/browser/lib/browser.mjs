// The one Chromium the suite uses (Debian's /usr/bin/chromium driven by playwright-core),
// and a guard that records every request a page makes.

import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let launched = null;

/** The shared browser, launched on first use. */
export function browser() {
  launched ??= chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return launched;
}

export async function closeBrowser() {
  if (launched) {
    const b = await launched;
    launched = null;
    await b.close();
  }
}

/**
 * A fresh context whose every request is recorded; requests outside `allowed(url)` are
 * problems, as are HTTP errors and failed loads. (The test machine has no network, and
 * Chromium runs without background networking, so nothing waits on another origin.)
 */
export async function guardedContext(allowed, options = {}) {
  const ctx = await (await browser()).newContext({ locale: 'vi-VN', ...options });
  const guard = { requests: [], problems: [], context: ctx };
  ctx.on('request', (r) => {
    const url = r.url();
    guard.requests.push(url);
    if (!(url.startsWith('data:') || url.startsWith('blob:') || allowed(url))) {
      guard.problems.push(`request to another origin: ${url} (from ${r.frame()?.url() ?? '?'})`);
    }
  });
  ctx.on('requestfailed', (r) => {
    // Cut short because the page went away: a navigation, serve's reload stream, a font
    // still loading when a test moves on, the page's icon (whether fonts and the icon load
    // is tested by the crawl, which waits for them, and by serve.test.mjs).
    const aborted = r.failure()?.errorText === 'net::ERR_ABORTED';
    if (aborted && ['document', 'eventsource', 'font'].includes(r.resourceType())) return;
    if (aborted && r.url().endsWith('/static/favicon.svg')) return;
    guard.problems.push(`request failed: ${r.url()}: ${r.failure()?.errorText} (from ${r.frame()?.url() ?? '?'})`);
  });
  ctx.on('response', (r) => {
    const expected404 = r.request().resourceType() === 'document' && guard.expect404?.has(r.url());
    if (r.status() >= 400 && !expected404) {
      guard.problems.push(`HTTP ${r.status()} for ${r.url()} (from ${r.frame()?.url() ?? '?'})`);
    }
  });
  return guard;
}
