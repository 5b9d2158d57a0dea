// A tiny static file server for the built site, on 127.0.0.1 and a random port.
//
// It serves one folder under a prefix ("/" or "/sinhhoat/"): a folder answers with its
// index.html (a folder asked for without its trailing slash is redirected, as real servers
// do), anything else answers 404 with the site's own 404.html when it has one.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

async function statOrNull(p) {
  try {
    return await fs.stat(p);
  } catch {
    return null;
  }
}

/**
 * Serve `root` under `prefix` (which starts and ends with "/").
 * Returns { origin, base, close() } where base = origin + prefix.
 */
export async function serve(root, prefix = '/') {
  const rootAbs = path.resolve(root);
  const notFound = async (res) => {
    const page = path.join(rootAbs, '404.html');
    const body = (await statOrNull(page))?.isFile() ? await fs.readFile(page) : Buffer.from('404 Not Found');
    res.writeHead(404, { 'content-type': TYPES['.html'] });
    res.end(body);
  };
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return notFound(res);
      }
      if (!pathname.startsWith(prefix) && pathname + '/' !== prefix) return notFound(res);
      const rel = pathname.slice(prefix.length - 1);
      const file = path.join(rootAbs, rel);
      if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) return notFound(res);
      const st = await statOrNull(file);
      if (st?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { location: url.pathname + '/' + url.search });
          return res.end();
        }
        const index = path.join(file, 'index.html');
        if (!(await statOrNull(index))?.isFile()) return notFound(res);
        res.writeHead(200, { 'content-type': TYPES['.html'] });
        return res.end(req.method === 'HEAD' ? undefined : await fs.readFile(index));
      }
      if (!st?.isFile()) return notFound(res);
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'content-length': st.size });
      return res.end(req.method === 'HEAD' ? undefined : await fs.readFile(file));
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    base: origin + prefix,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}
