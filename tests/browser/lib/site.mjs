// Where the built sample sites are, and what is in them.
//
// scripts/test builds the sample site into target/browser-sites/{root,sub,restricted};
// KEHOACH_SITES points elsewhere (e.g. a hand-made folder while developing).
// Representative addresses of each kind of page are found in the build itself,
// and the published data files (data/visits.json, data/summary.json) say what the
// pages must show.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SITES = path.resolve(process.env.KEHOACH_SITES ?? path.join(REPO, 'target/browser-sites'));
export const ARTIFACTS = path.resolve(process.env.KEHOACH_ARTIFACTS ?? path.join(REPO, 'target/browser-artifacts'));
export const CONTENT = path.resolve(process.env.KEHOACH_CONTENT ?? path.join(REPO, 'content'));

/** The folder of one build: 'root' (base_url /), 'sub' (/sinhhoat/), 'restricted'. */
export function siteDir(name) {
  const dir = path.join(SITES, name);
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`no built site at ${dir} (scripts/test builds it: kehoach build --output ${dir} ...)`);
  }
  return dir;
}

export function hasSite(name) {
  return fs.existsSync(path.join(SITES, name, 'index.html'));
}

/** Every file under dir (relative paths with "/"), sorted. */
export function listFiles(dir, pred = () => true) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (pred(p)) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Sorted names of the sub-folders of dir/sub that hold an index.html. */
export function pageDirs(dir, sub) {
  const d = path.join(dir, sub);
  if (!fs.existsSync(d)) return [];
  return fs
    .readdirSync(d, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(d, e.name, 'index.html')))
    .map((e) => e.name)
    .sort();
}

export function readJson(dir, rel) {
  return JSON.parse(fs.readFileSync(path.join(dir, rel), 'utf8'));
}

/** The published visits (data/visits.json), one row per visit. */
export function visits(dir) {
  const v = readJson(dir, 'data/visits.json');
  return Array.isArray(v) ? v : v.visits;
}

/** The id (folder name) of a team/unit/report that has the most visits, else the first folder. */
function busiest(dir, sub, key) {
  const names = pageDirs(dir, sub);
  if (names.length === 0) return null;
  let counts = new Map();
  try {
    for (const v of visits(dir)) if (v[key]) counts.set(v[key], (counts.get(v[key]) ?? 0) + 1);
  } catch {
    counts = new Map();
  }
  return [...names].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b))[0];
}

/**
 * The representative page of each kind: [{ kind, path }] with paths relative to the
 * site's base ("" is the home page). Kinds whose folder is missing are listed with
 * path null, so that a test can say which one is missing.
 */
export function pageKinds(dir) {
  const first = (sub) => {
    const names = pageDirs(dir, sub);
    return names.length ? `${sub}/${names[0]}/` : null;
  };
  const months = pageDirs(dir, 'lich').filter((m) => /^\d{4}-\d{2}$/.test(m));
  const team = busiest(dir, 'to-cong-tac', 'team');
  const unit = busiest(dir, 'don-vi', 'unit');
  const kinds = [
    { kind: 'home', path: '' },
    { kind: 'plan', path: 'ke-hoach/' },
    { kind: 'teams', path: 'to-cong-tac/' },
    { kind: 'team', path: team && `to-cong-tac/${team}/` },
    { kind: 'units', path: 'don-vi/' },
    { kind: 'unit', path: unit && `don-vi/${unit}/` },
    { kind: 'calendar', path: 'lich/' },
    { kind: 'month', path: months.includes('2024-03') ? 'lich/2024-03/' : months[0] && `lich/${months[0]}/` },
    { kind: 'reports', path: 'bao-cao/' },
    { kind: 'report', path: first('bao-cao') },
    { kind: 'dashboard', path: 'theo-doi/' },
    { kind: 'synthesis', path: 'tong-hop/' },
    { kind: 'page', path: first('trang') },
    { kind: '404', path: 'khong-co-trang-nay/' },
  ];
  for (const s of ['tim-kiem', 'search']) {
    if (fs.existsSync(path.join(dir, s, 'index.html'))) kinds.push({ kind: 'search', path: `${s}/` });
  }
  return kinds;
}

/** A top-level `key: value` of a YAML file or front matter, read plainly (enough for titles). */
export function plainYamlValue(file, key) {
  const text = fs.readFileSync(file, 'utf8');
  const m = text.match(new RegExp(`^${key}:[ \\t]*(.+?)[ \\t]*$`, 'm'));
  if (!m) return null;
  let v = m[1].replace(/\s+#.*$/, '');
  if (/^".*"$|^'.*'$/.test(v)) v = v.slice(1, -1);
  return v;
}
