// Small helpers for reading what a page shows: normalised addresses, links by target,
// the text of tables.

/** An address without its #fragment and without a trailing index.html. */
export function norm(u) {
  const c = new URL(u);
  c.hash = '';
  c.search = '';
  if (c.pathname.endsWith('/index.html')) c.pathname = c.pathname.slice(0, -'index.html'.length);
  return c.href;
}

/** Collapse runs of white space, as a person reads the text. */
export function squash(s) {
  return (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Every a[href] of the page (or of the part matched by `within`) as { href (normalised), name }. */
export async function links(page, within = 'body') {
  const raw = await page.$$eval(`${within} a[href]`, (as) =>
    as.map((a) => ({ href: a.href, name: (a.innerText || a.getAttribute('aria-label') || a.title || '').trim() })),
  );
  return raw.map((l) => ({ href: norm(l.href), name: squash(l.name) }));
}

/**
 * The names that a list page gives to the pages under it: Map id -> link text,
 * e.g. listNames(page, base, 'to-cong-tac', ['to-1']) -> Map { 'to-1' => 'Tổ công tác số 1' }.
 * Throws when the list page does not link one of the ids.
 */
export async function listNames(page, base, sub, ids) {
  await page.goto(new URL(`${sub}/`, base).href);
  const all = await links(page, 'main');
  const names = new Map();
  const missing = [];
  for (const id of ids) {
    const target = new URL(`${sub}/${id}/`, base).href;
    const l = all.find((x) => x.href === target && x.name);
    if (l) names.set(id, l.name);
    else missing.push(id);
  }
  if (missing.length) throw new Error(`${sub}/ does not link (with a name, inside <main>) ${missing.join(', ')}`);
  return names;
}

/** A table as text: { head: [[cell]], body: [[{ text, col, tag }]] } with column positions honouring colspan. */
export async function readTables(page, within = 'main') {
  return page.$$eval(`${within} table`, (tables) =>
    tables.map((t) => {
      const rowsOf = (rows) =>
        rows.map((r) => {
          let col = 0;
          return [...r.cells].map((c) => {
            const cell = { text: c.innerText.replace(/\s+/g, ' ').trim(), col, tag: c.tagName.toLowerCase(), span: c.colSpan };
            col += c.colSpan;
            return cell;
          });
        });
      const all = [...t.rows];
      const headRows = all.filter((r) => r.parentElement.tagName === 'THEAD' || [...r.cells].every((c) => c.tagName === 'TH'));
      const bodyRows = all.filter((r) => !headRows.includes(r));
      return { caption: t.caption?.innerText.trim() ?? '', head: rowsOf(headRows), body: rowsOf(bodyRows) };
    }),
  );
}

/** "2024-03-14" -> "14/03/2024" */
export function dmy(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The labels the pages show for a visit's status (src/derive/mod.rs Status::label). */
export const STATUS_LABEL = {
  reported: 'Đã báo cáo',
  upcoming: 'Sắp tới',
  awaiting: 'Chờ báo cáo',
  overdue: 'Quá hạn',
  cancelled: 'Đã hủy',
};

/** How many times `needle` occurs in `text`. */
export function occurrences(text, needle) {
  return text.split(needle).length - 1;
}
