/* kehoach search: matches the query against the prebuilt index (search-index.js,
 * global KEHOACH_SEARCH_INDEX) without any network access, so it works from disk.
 *
 * The page holds <form role="search"><input name="q" id="q"></form> and
 * <div id="search-results" data-root="../"></div> (data-root: the site root relative to
 * the page). The query comes from ?q= and from typing. Every query term must match
 * (AND) the start of a word of the title or text; title matches rank first. Results are
 * built with DOM APIs only (textContent, never innerHTML).
 *
 * fold() is THE folding rule, the same as src/search/fold.rs: NFD, drop U+0300-U+036F,
 * đ/Đ -> d, lowercase. A Rust test loads this file in node and compares the two. The
 * index holds each title and text as shown; they are folded here, once (see folded()).
 */
(function (root) {
  'use strict';

  /* A loop over the NFD text rather than two regular-expression replacements: it folds
   * every title and text of the index (26 MB for 10,000 reports) in half the time. */
  var units = new Uint16Array(1024);
  function fold(s) {
    var d = String(s).normalize('NFD');
    if (units.length < d.length) units = new Uint16Array(d.length + 1024);
    var n = 0;
    for (var i = 0; i < d.length; i++) {
      var c = d.charCodeAt(i);
      if (c >= 0x300 && c <= 0x36f) continue;
      units[n++] = c === 0x110 || c === 0x111 ? 0x64 : c;
    }
    var out = '';
    for (var k = 0; k < n; k += 4096) {
      out += String.fromCharCode.apply(null, units.subarray(k, Math.min(n, k + 4096)));
    }
    return out.toLowerCase();
  }

  /* The document with its title and text folded (ft, fx), folding them the first time. */
  function folded(d) {
    if (d.fx === undefined) {
      d.ft = fold(d.t);
      d.fx = fold(d.x);
    }
    return d;
  }

  /* Fold every document a few hundred at a time, after the page has shown, so that the
   * first search need not wait for it (search() folds any still left). */
  function foldSoon(docs) {
    var i = 0;
    (function step() {
      var end = Math.min(docs.length, i + 400);
      for (; i < end; i++) folded(docs[i]);
      if (i < docs.length) setTimeout(step, 0);
    })();
  }

  /* Query terms: folded, split on anything that is not a letter or digit. */
  function terms(query) {
    var seen = {};
    return fold(query)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(function (t) {
        if (!t || seen[t]) return false;
        seen[t] = true;
        return true;
      });
  }

  var WORD = /[\p{L}\p{N}]/u;

  /* Where `term` next occurs at the start of a word of `hay` (folded), from `from`; -1
   * when it does not. Terms match word prefixes: "an" finds "An" but not "Văn". */
  function find(hay, term, from) {
    var i = hay.indexOf(term, from || 0);
    while (i > 0 && WORD.test(hay.charAt(i - 1))) i = hay.indexOf(term, i + 1);
    return i;
  }

  function count(hay, term) {
    var n = 0;
    var i = find(hay, term, 0);
    while (i !== -1) {
      n += 1;
      i = find(hay, term, i + term.length);
    }
    return n;
  }

  /* Documents that contain every term, best first: the title is the query (a unit or team
   * searched by its name), then the whole query as a phrase in the title, then more terms
   * in the title, then the phrase in the text, then more
   * occurrences, then index order. */
  function search(index, query) {
    var ts = terms(query);
    if (!ts.length || !index || !index.docs) return [];
    var phrase = ts.join(' ');
    var hits = [];
    index.docs.forEach(function (d, order) {
      folded(d);
      var inTitle = 0;
      var n = 0;
      for (var i = 0; i < ts.length; i++) {
        var t = count(d.ft, ts[i]);
        var x = count(d.fx, ts[i]);
        if (!t && !x) return;
        if (t) inTitle += 1;
        n += t + x;
      }
      hits.push({
        doc: d,
        exact: d.ft === phrase ? 1 : 0,
        titlePhrase: find(d.ft, phrase, 0) !== -1 ? 1 : 0,
        inTitle: inTitle,
        textPhrase: find(d.fx, phrase, 0) !== -1 ? 1 : 0,
        n: n,
        order: order
      });
    });
    hits.sort(function (a, b) {
      return (
        b.exact - a.exact ||
        b.titlePhrase - a.titlePhrase ||
        b.inTitle - a.inTitle ||
        b.textPhrase - a.textPhrase ||
        b.n - a.n ||
        a.order - b.order
      );
    });
    return hits.map(function (h) {
      return h.doc;
    });
  }

  /* The folded text of s, character by character, with where each folded unit came from,
   * so a match in the folded text can be highlighted in the original. */
  function foldMap(s) {
    var folded = '';
    var from = [];
    var i = 0;
    while (i < s.length) {
      var cp = s.codePointAt(i);
      var ch = String.fromCodePoint(cp);
      var f = fold(ch);
      for (var k = 0; k < f.length; k++) from.push(i);
      folded += f;
      i += ch.length;
    }
    from.push(s.length);
    return { folded: folded, from: from };
  }

  /* Up to `width` characters of text around the first match of any term, as a list of
   * [text, isMatch] parts. */
  function snippet(text, ts, width) {
    var m = foldMap(text);
    var first = -1;
    ts.forEach(function (t) {
      var i = find(m.folded, t, 0);
      if (i !== -1 && (first === -1 || i < first)) first = i;
    });
    var startO = 0;
    if (first !== -1) startO = Math.max(0, m.from[first] - Math.floor(width / 3));
    var endO = Math.min(text.length, startO + width);
    if (startO > 0) {
      var sp = text.indexOf(' ', startO);
      if (sp !== -1 && sp < startO + 20) startO = sp + 1;
    }
    /* Marked ranges in original offsets. */
    var marks = [];
    ts.forEach(function (t) {
      var i = find(m.folded, t, 0);
      while (i !== -1) {
        var a = m.from[i];
        var b = m.from[i + t.length];
        if (b > startO && a < endO) marks.push([Math.max(a, startO), Math.min(b, endO)]);
        i = find(m.folded, t, i + t.length);
      }
    });
    marks.sort(function (x, y) {
      return x[0] - y[0] || y[1] - x[1];
    });
    var parts = [];
    var pos = startO;
    if (startO > 0) parts.push(['… ', false]);
    marks.forEach(function (r) {
      if (r[1] <= pos) return;
      var a = Math.max(r[0], pos);
      if (a > pos) parts.push([text.slice(pos, a), false]);
      parts.push([text.slice(a, r[1]), true]);
      pos = r[1];
    });
    if (pos < endO) parts.push([text.slice(pos, endO), false]);
    if (endO < text.length) parts.push([' …', false]);
    return parts;
  }

  function appendParts(el, parts) {
    parts.forEach(function (p) {
      if (p[1]) {
        var mark = document.createElement('mark');
        mark.textContent = p[0];
        el.appendChild(mark);
      } else {
        el.appendChild(document.createTextNode(p[0]));
      }
    });
  }

  function href(rootPath, url) {
    var u = rootPath + url;
    if (location.protocol === 'file:' && /\/$/.test(u)) u += 'index.html';
    return u;
  }

  var LIMIT = 50;

  function render(box, index, query) {
    while (box.firstChild) box.removeChild(box.firstChild);
    var ts = terms(query);
    if (!ts.length) return;
    var docs = search(index, query);
    var rootPath = box.getAttribute('data-root') || '../';
    var status = document.createElement('p');
    status.className = 'search-status';
    status.setAttribute('role', 'status');
    status.textContent = docs.length
      ? 'Tìm thấy ' + docs.length + ' kết quả cho “' + query.trim() + '”' +
        (docs.length > LIMIT ? '; hiện ' + LIMIT + ' kết quả đầu.' : '.')
      : 'Không tìm thấy kết quả nào cho “' + query.trim() + '”.';
    box.appendChild(status);
    if (!docs.length) return;
    var ol = document.createElement('ol');
    ol.className = 'search-list';
    docs.slice(0, LIMIT).forEach(function (d) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = href(rootPath, d.u);
      appendParts(a, snippet(d.t, ts, 200));
      var kind = document.createElement('span');
      kind.className = 'search-kind';
      kind.textContent = d.k;
      var p = document.createElement('p');
      p.className = 'search-snippet';
      appendParts(p, snippet(d.x, ts, 180));
      li.appendChild(a);
      li.appendChild(document.createTextNode(' '));
      li.appendChild(kind);
      li.appendChild(p);
      ol.appendChild(li);
    });
    box.appendChild(ol);
  }

  function start() {
    var box = document.getElementById('search-results');
    var input = document.getElementById('q');
    var index = root.KEHOACH_SEARCH_INDEX;
    if (!box || !input) return;
    if (!index) {
      box.textContent = 'Không tải được chỉ mục tìm kiếm (search-index.js).';
      return;
    }
    var q = new URLSearchParams(location.search).get('q') || '';
    if (q && !input.value) input.value = q;
    render(box, index, input.value);
    if (index.docs) foldSoon(index.docs);
    input.addEventListener('input', function () {
      render(box, index, input.value);
      try {
        var url = new URL(location.href);
        if (input.value) url.searchParams.set('q', input.value);
        else url.searchParams.delete('q');
        history.replaceState(null, '', url.toString());
      } catch (e) {
        /* history is not writable from some file:// pages; the results still show */
      }
    });
    var form = input.form;
    if (form) {
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        render(box, index, input.value);
      });
    }
  }

  var api = { fold: fold, terms: terms, find: find, search: search, snippet: snippet };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  root.kehoachSearch = api;
  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }
})(typeof globalThis !== 'undefined' ? globalThis : typeof self !== 'undefined' ? self : this);
