/* kehoach search: matches the query against the prebuilt index (the files under
 * search/, see src/search/mod.rs) without any network request but the index's own
 * scripts, so it works from disk and under a Content-Security-Policy of 'self'.
 *
 * The page holds <form role="search"><input name="q" id="q"></form> and
 * <div id="search-results" data-root="../" data-index="../search/"></div> (data-root: the
 * site root relative to the page; data-index: the index's folder). The query comes from
 * ?q= and from typing; ?plan=ID (and a <select name="plan">, added when the site has
 * several plans) keeps the results of one plan. Every query term must match (AND) the
 * start of a word of the title or text (a term of one letter: the whole word); results
 * whose words carry the marks the query carries come first, then a title that is the
 * query, then more terms in the title, then more occurrences. Results are built with
 * DOM APIs only (textContent, never innerHTML).
 *
 * Every file of the index registers its JSON on self.KEHOACH_SEARCH[name]: "index" (the
 * manifest, loaded by the page), "t/<key>" (the terms whose folded form starts with key),
 * "d/<k>" (display entries of documents 16k…16k+15). This script loads the ones a query
 * needs by adding <script src> elements.
 *
 * fold() is THE folding rule, the same as src/search/fold.rs: NFD, drop U+0300-U+036F,
 * đ/Đ -> d, lowercase. A Rust test loads this file in node and compares the two.
 */
(function (root) {
  'use strict';

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

  var SPLIT = /[^\p{L}\p{N}]+/u;

  /* Query terms, folded: split on anything that is not a letter or digit (for marking). */
  function terms(query) {
    var seen = {};
    return fold(query)
      .split(SPLIT)
      .filter(function (t) {
        if (!t || seen[t]) return false;
        seen[t] = true;
        return true;
      });
  }

  /* Query terms as the index matches them: {f: folded, w: as typed (NFC, lowercase),
   * marked: whether it carries marks (or đ), one: whether it is a single letter}. */
  function queryTerms(query) {
    var seen = {};
    var out = [];
    String(query)
      .normalize('NFC')
      .toLowerCase()
      .split(SPLIT)
      .forEach(function (w) {
        if (!w || seen[w]) return;
        seen[w] = true;
        var f = fold(w);
        out.push({ f: f, w: w, marked: f !== w, one: Array.from(f).length === 1 });
      });
    return out;
  }

  /* A shard's key as a file name, as src/search/terms.rs names it. */
  function shardName(key) {
    return key.replace(/[^a-z0-9]/gu, function (c) {
      return '_' + c.codePointAt(0).toString(16) + '_';
    });
  }

  /* The names of the shards term t needs: those whose key starts with it, or is a prefix
   * of it (for a one-letter term: its own). */
  function shardsFor(manifest, t) {
    return manifest.keys
      .filter(function (k) {
        if (t.one) return k === t.f;
        return k.lastIndexOf(t.f, 0) === 0 || t.f.lastIndexOf(k, 0) === 0;
      })
      .map(function (k) {
        return 't/' + shardName(k);
      });
  }

  /* For term t, from its shards' data: document -> [occurrences, in title, marks match]. */
  function postings(t, shards) {
    var acc = new Map();
    shards.forEach(function (sh) {
      if (!sh) return;
      Object.keys(sh).forEach(function (term) {
        if (t.one ? term !== t.f : term.lastIndexOf(t.f, 0) !== 0) return;
        sh[term].forEach(function (form) {
          var ok = t.marked && (form[0] || term).lastIndexOf(t.w, 0) === 0 ? 1 : 0;
          var p = form[1];
          var doc = 0;
          for (var i = 0; i < p.length; i += 2) {
            doc += p[i];
            var a = acc.get(doc);
            if (!a) acc.set(doc, (a = [0, 0, 0]));
            a[0] += p[i + 1] >> 1;
            a[1] |= p[i + 1] & 1;
            a[2] |= ok;
          }
        });
      });
    });
    return acc;
  }

  /* The documents [from, to) of the plan with id `plan`, or null for every plan. */
  function planRange(manifest, plan) {
    var from = 0;
    for (var i = 0; i < manifest.plans.length; i++) {
      var p = manifest.plans[i];
      if (plan && p.id === plan) return [from, from + p.n];
      from += p.n;
    }
    return null;
  }

  function planOf(manifest, doc) {
    var from = 0;
    for (var i = 0; i < manifest.plans.length; i++) {
      from += manifest.plans[i].n;
      if (doc < from) return manifest.plans[i];
    }
    return null;
  }

  /* The documents holding every term (ts, with the data of each term's shards), best
   * first: marks as typed, the title is the query, terms in the title, occurrences, order. */
  function rank(manifest, ts, shardsOf, plan) {
    if (!ts.length) return [];
    var accs = ts.map(function (t, i) {
      return postings(t, shardsOf[i]);
    });
    var range = planRange(manifest, plan);
    var smallest = accs.reduce(function (a, b) {
      return b.size < a.size ? b : a;
    });
    var hits = [];
    smallest.forEach(function (_, doc) {
      if (range && (doc < range[0] || doc >= range[1])) return;
      var n = 0;
      var inTitle = 0;
      var marks = 0;
      for (var i = 0; i < accs.length; i++) {
        var a = accs[i].get(doc);
        if (!a) return;
        n += a[0];
        inTitle += a[1];
        marks += a[2];
      }
      var words = parseInt(manifest.tw.charAt(doc), 36);
      var exact = inTitle === ts.length && words === ts.length ? 1 : 0;
      hits.push([marks, exact, inTitle, n, doc]);
    });
    hits.sort(function (a, b) {
      return b[0] - a[0] || b[1] - a[1] || b[2] - a[2] || b[3] - a[3] || a[4] - b[4];
    });
    return hits.map(function (h) {
      return h[4];
    });
  }

  /* The display entry of document `doc`, with its plan, from the loaded files. */
  function entry(store, manifest, doc) {
    var chunk = store['d/' + Math.floor(doc / manifest.chunk)];
    var e = chunk && chunk[doc % manifest.chunk];
    if (!e) return null;
    var p = planOf(manifest, doc);
    return { u: e.u, t: e.t, k: e.k, x: e.x, plan: p && p.id, planTitle: p && p.t, doc: doc };
  }

  /* Search the loaded files of `store` at once (every file needed must be there; tests
   * load the whole index): the entries of the results, best first. */
  function search(store, query, plan) {
    var manifest = store.index;
    var ts = queryTerms(query);
    var ranked = rank(manifest, ts, ts.map(function (t) {
      return shardsFor(manifest, t).map(function (n) {
        return store[n];
      });
    }), plan);
    return ranked.map(function (doc) {
      return entry(store, manifest, doc);
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

  /* --- The page: loading the index's files, showing the results. --- */

  function store() {
    return root.KEHOACH_SEARCH || (root.KEHOACH_SEARCH = {});
  }

  var loading = {};

  /* The data of the index's file `name` (under the folder `base`), loaded once, by a
   * <script src> (CSP script-src 'self' allows it; fetch() is refused from disk). */
  function load(base, name) {
    if (Object.prototype.hasOwnProperty.call(store(), name)) return Promise.resolve(store()[name]);
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = base + name + '.js';
        s.onload = function () {
          resolve(store()[name]);
        };
        s.onerror = function () {
          delete loading[name];
          reject(new Error(name));
        };
        document.head.appendChild(s);
      });
    }
    return loading[name];
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

  /* The results of `query` in plan `plan` (null: every plan): loads the shards of its
   * terms, ranks, loads the display entries of the first LIMIT. */
  function results(base, manifest, query, plan) {
    var ts = queryTerms(query);
    return Promise.all(
      ts.map(function (t) {
        return Promise.all(
          shardsFor(manifest, t).map(function (n) {
            return load(base, n);
          })
        );
      })
    ).then(function (shardsOf) {
      var ranked = rank(manifest, ts, shardsOf, plan);
      var shown = ranked.slice(0, LIMIT);
      var chunks = {};
      shown.forEach(function (doc) {
        chunks['d/' + Math.floor(doc / manifest.chunk)] = true;
      });
      return Promise.all(
        Object.keys(chunks).map(function (n) {
          return load(base, n);
        })
      ).then(function () {
        return {
          total: ranked.length,
          docs: shown.map(function (doc) {
            return entry(store(), manifest, doc);
          })
        };
      });
    });
  }

  function clear(box) {
    while (box.firstChild) box.removeChild(box.firstChild);
  }

  /* Show `found`, the results of `query`; the box names the query it shows (data-shown). */
  function show(box, manifest, query, found) {
    clear(box);
    box.setAttribute('data-shown', query);
    var ts = terms(query);
    var rootPath = box.getAttribute('data-root') || '../';
    var status = document.createElement('p');
    status.className = 'search-status';
    status.setAttribute('role', 'status');
    status.textContent = found.total
      ? 'Tìm thấy ' + found.total + ' kết quả cho “' + query.trim() + '”' +
        (found.total > LIMIT ? '; hiện ' + LIMIT + ' kết quả đầu.' : '.')
      : 'Không tìm thấy kết quả nào cho “' + query.trim() + '”.';
    box.appendChild(status);
    if (!found.total) return;
    var several = manifest.plans.length > 1;
    var ol = document.createElement('ol');
    ol.className = 'search-list';
    found.docs.forEach(function (d) {
      if (!d) return;
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = href(rootPath, d.u);
      appendParts(a, snippet(d.t, ts, 200));
      li.appendChild(a);
      var kind = document.createElement('span');
      kind.className = 'search-kind';
      kind.textContent = d.k;
      li.appendChild(document.createTextNode(' '));
      li.appendChild(kind);
      if (several && d.planTitle) {
        var plan = document.createElement('span');
        plan.className = 'search-kind search-plan';
        plan.textContent = d.planTitle;
        li.appendChild(document.createTextNode(' '));
        li.appendChild(plan);
      }
      var p = document.createElement('p');
      p.className = 'search-snippet';
      appendParts(p, snippet(d.x, ts, 180));
      li.appendChild(p);
      ol.appendChild(li);
    });
    box.appendChild(ol);
  }

  /* A choice of plan in the form, when the site has several: <select name="plan">. */
  function planChoice(form, manifest, chosen) {
    if (!form || manifest.plans.length < 2) return null;
    var label = document.createElement('label');
    label.className = 'search-plan-label';
    label.setAttribute('for', 'search-plan');
    label.textContent = 'Kế hoạch';
    var select = document.createElement('select');
    select.name = 'plan';
    select.id = 'search-plan';
    var all = document.createElement('option');
    all.value = '';
    all.textContent = 'Tất cả kế hoạch';
    select.appendChild(all);
    manifest.plans.forEach(function (p) {
      var o = document.createElement('option');
      o.value = p.id;
      o.textContent = p.t;
      select.appendChild(o);
    });
    select.value = chosen || '';
    var button = form.querySelector('button');
    form.insertBefore(label, button);
    form.insertBefore(select, button);
    return select;
  }

  function start() {
    var box = document.getElementById('search-results');
    var input = document.getElementById('q');
    if (!box || !input) return;
    var base = box.getAttribute('data-index') || (box.getAttribute('data-root') || '../') + 'search/';
    load(base, 'index').then(function (manifest) {
      if (!manifest || !manifest.keys) throw new Error('index');
      begin(box, input, base, manifest);
    }).catch(function () {
      box.textContent = 'Không tải được chỉ mục tìm kiếm (' + base + 'index.js).';
    });
  }

  function begin(box, input, base, manifest) {
    var params = new URLSearchParams(location.search);
    var q = params.get('q') || '';
    if (q && !input.value) input.value = q;
    /* ?plan=ID, else the plan whose search page this is (data-plan). */
    if (!params.get('plan') && box.getAttribute('data-plan')) params.set('plan', box.getAttribute('data-plan'));
    var select = planChoice(input.form, manifest, params.get('plan'));
    var asked = 0;
    function plan() {
      if (select) return select.value || null;
      var p = params.get('plan');
      return manifest.plans.some(function (x) { return x.id === p; }) ? p : null;
    }
    function run() {
      var query = input.value;
      var mine = ++asked;
      if (!queryTerms(query).length) {
        clear(box);
        box.setAttribute('data-shown', query);
        return;
      }
      results(base, manifest, query, plan()).then(function (found) {
        if (mine === asked) show(box, manifest, query, found);
      }).catch(function () {
        if (mine === asked) box.textContent = 'Không tải được một phần chỉ mục tìm kiếm; đồng chí thử tải lại trang.';
      });
    }
    function remember() {
      try {
        var url = new URL(location.href);
        if (input.value) url.searchParams.set('q', input.value);
        else url.searchParams.delete('q');
        if (select && select.value) url.searchParams.set('plan', select.value);
        else if (select) url.searchParams.delete('plan');
        history.replaceState(null, '', url.toString());
      } catch (e) {
        /* history is not writable from some file:// pages; the results still show */
      }
    }
    run();
    /* While a word is being typed its first letters would load shards it will not need
     * (the shards of "ch" are every word that starts so): typing searches once it pauses. */
    var typing = null;
    input.addEventListener('input', function () {
      clearTimeout(typing);
      typing = setTimeout(run, 120);
      remember();
    });
    if (select) {
      select.addEventListener('change', function () {
        run();
        remember();
      });
    }
    if (input.form) {
      input.form.addEventListener('submit', function (e) {
        e.preventDefault();
        clearTimeout(typing);
        run();
      });
    }
  }

  var api = {
    fold: fold, terms: terms, queryTerms: queryTerms, shardName: shardName, find: find,
    search: search, snippet: snippet
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  root.kehoachSearch = api;
  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }
})(typeof globalThis !== 'undefined' ? globalThis : typeof self !== 'undefined' ? self : this);
