/* dossier search: answers the search page's query (?q=…, and as you type)
   from the index dossier writes under search/ (see src/render/search.rs):
   search/entry.js says which chunk of search/index/ holds a term; the
   chunks a query's words need are loaded, then the fragments of
   search/docs/ holding the results shown. Every file is a script added
   with <script src> (never fetched), so this works from disk too.
   fold() and terms() follow src/render/search/words.rs exactly. */
(function () {
  "use strict";
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var MAX_TERM = 40;
  var DROPPED = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]/g;
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var PAIRED = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;
  var MARK = /\p{M}/u;
  var ASCII = /^[\x00-\x7f]*$/;
  var SHOWN = 10; /* results shown at a time */
  var PREFIX_CHUNKS = 4; /* the most chunks a word's prefix may load */
  var MAX_WORDS = 20; /* a pasted paragraph is searched by its first words */
  var NAME_BOOST = 3;
  var PREFIX_FACTOR = 0.5;
  var CONTEXT = 90; /* characters of snippet on each side of a match */

  var value = {};
  for (var d = 0; d < DIGITS.length; d++) value[DIGITS.charCodeAt(d)] = d;

  function fold(text) {
    if (ASCII.test(text)) return text.toLowerCase();
    return text.normalize("NFKD").toLowerCase().replace(DROPPED, "").normalize("NFC")
      .replace(/ß/g, "ss").replace(/ς/g, "σ");
  }

  /* The words of a query: each {text, paired, terms}; see words.rs. */
  function words(text) {
    var out = [];
    (fold(text).match(WORD) || []).forEach(function (run) {
      if (ASCII.test(run)) {
        if (run.length <= MAX_TERM) out.push({ text: run, paired: false, terms: [run] });
        return;
      }
      var units = [];
      Array.from(run).forEach(function (ch) {
        if (units.length && MARK.test(ch)) units[units.length - 1].text += ch;
        else units.push({ text: ch, paired: PAIRED.test(ch) });
      });
      for (var i = 0; i < units.length;) {
        var j = i;
        while (j + 1 < units.length && units[j + 1].paired === units[i].paired) j++;
        var part = units.slice(i, j + 1).map(function (u) { return u.text; });
        if (!units[i].paired) {
          var word = part.join("");
          if (Array.from(word).length <= MAX_TERM) out.push({ text: word, paired: false, terms: [word] });
        } else {
          var terms = [];
          if (part.length === 1) terms.push(part[0]);
          for (var k = 0; k + 1 < part.length; k++) terms.push(part[k] + part[k + 1]);
          out.push({ text: part.join(""), paired: true, terms: terms });
        }
        i = j + 1;
      }
    });
    return out;
  }

  function decode(text) {
    var docs = [], values = [], previous = -1, i = 0;
    while (i < text.length) {
      var n = 0, digit;
      do {
        digit = value[text.charCodeAt(i++)];
        n = n * 32 + (digit & 31);
      } while (digit >= 32);
      previous += n + 1;
      docs.push(previous);
      values.push(value[text.charCodeAt(i++)]);
    }
    return { docs: docs, values: values };
  }

  /* JavaScript compares strings by UTF-16 code units, as the index sorts. */
  function chunkOf(term) {
    var lo = 0, hi = entry.chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (entry.chunks[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /* The chunks holding the terms that start with `prefix`. */
  function prefixChunks(prefix) {
    var first = chunkOf(prefix), out = [first];
    for (var i = first + 1; i < entry.chunks.length && entry.chunks[i].startsWith(prefix); i++) out.push(i);
    return out;
  }

  var entry = null;
  var base = "";
  var chunks = {}; /* n → Map(term → postings string or decoded) */
  var named = {}; /* a chunk's file name → n */
  var sorted = {}; /* n → sorted terms */
  var fragments = {}; /* n → documents */
  var loading = {};
  var kinds = {};

  function load(path) {
    var url = base + path + "?v=" + entry.version;
    if (!loading[url]) {
      loading[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        script.onerror = function () { delete loading[url]; reject(new Error(url)); };
        document.head.appendChild(script);
      });
    }
    return loading[url];
  }

  function postings(n, term) {
    var map = chunks[n];
    var found = map && map.get(term);
    if (typeof found === "string") { found = decode(found); map.set(term, found); }
    return found;
  }

  function idf(df) {
    return Math.log(1 + (entry.docs - df + 0.5) / (df + 0.5));
  }

  /* For one query term: document → best score, over the term itself and
     (when `prefix`) the terms it starts. */
  function scores(term, prefix, plan) {
    var best = new Map();
    function add(t, factor) {
      var list = postings(chunkOf(t), t);
      if (!list) return;
      var weight = idf(list.docs.length) * factor;
      for (var i = 0; i < list.docs.length; i++) {
        var v = list.values[i];
        var s = weight * (v & 15) / 15 * (v >= 16 ? NAME_BOOST : 1);
        var doc = list.docs[i];
        if (!(best.get(doc) >= s)) best.set(doc, s);
      }
    }
    add(term, 1);
    if (prefix) {
      plan.forEach(function (n) {
        var terms = sorted[n];
        var i = lowerBound(terms, term);
        for (; i < terms.length && terms[i].startsWith(term); i++) if (terms[i] !== term) add(terms[i], PREFIX_FACTOR);
      });
    }
    return best;
  }

  function lowerBound(list, term) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < term) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* What a query needs: its terms, each with the chunks to load. */
  function plan(query) {
    var list = [];
    var found = words(query);
    /* A lone letter ("KCNA's", "Kim Jong Un s") narrows nothing; it is
       searched only when it is all there is. */
    var letters = /^[a-z]$/;
    if (found.some(function (w) { return !letters.test(w.text); })) {
      found = found.filter(function (w) { return !letters.test(w.text); });
    }
    found.slice(0, MAX_WORDS).forEach(function (word) {
      word.terms.forEach(function (term) {
        if (list.some(function (t) { return t.term === term; })) return;
        var wanted = [chunkOf(term)];
        /* A word also finds the words it starts (one ASCII letter alone
           does not); a short start of many words, only the first of them. */
        var prefix = term.length > 1 || !ASCII.test(term);
        if (prefix) wanted = prefixChunks(term).slice(0, PREFIX_CHUNKS);
        list.push({ term: term, prefix: prefix, chunks: wanted, word: word });
      });
    });
    return list;
  }

  /* Ranked documents: [{id, score}], those having every term first; `all`
     says whether they have. */
  function rank(terms) {
    var maps = terms.map(function (t) { return scores(t.term, t.prefix, t.chunks); });
    var totals = new Map();
    maps.forEach(function (map) {
      map.forEach(function (s, doc) {
        var t = totals.get(doc);
        if (t) { t.score += s; t.count += 1; } else totals.set(doc, { id: doc, score: s, count: 1 });
      });
    });
    var hits = Array.from(totals.values());
    var all = hits.filter(function (h) { return h.count === terms.length; });
    if (all.length || !hits.length) hits = all;
    hits.sort(function (a, b) { return b.count - a.count || b.score - a.score || b.id - a.id; });
    return { hits: hits, all: all.length > 0 || !hits.length };
  }

  /* The page's elements and state. */
  var input, status, results, more;
  var generation = 0;
  var current = null; /* {query, terms, hits, shown} */

  function say(text) { if (status) status.textContent = text; }

  /* Ranks the documents for `query`, loading the chunks its words need:
     {terms, hits: [{id, score, count}], all}. */
  function search(query) {
    var terms = entry.chunks.length ? plan(query) : [];
    var needed = {};
    terms.forEach(function (t) { t.chunks.forEach(function (n) { needed[n] = true; }); });
    return Promise.all(Object.keys(needed).map(function (n) { return load("index/" + entry.files[n] + ".js"); }))
      .then(function () {
        var ranked = terms.length ? rank(terms) : { hits: [], all: true };
        return { terms: terms, hits: ranked.hits, all: ranked.all };
      });
  }

  /* The documents of `hits`, loading the fragments that hold them. */
  function records(hits) {
    var needed = {};
    hits.forEach(function (h) { needed[Math.floor(h.id / entry.per)] = true; });
    return Promise.all(Object.keys(needed).map(function (n) { return load("docs/" + n + ".js"); }))
      .then(function () {
        return hits.map(function (h) { return fragments[Math.floor(h.id / entry.per)][h.id % entry.per]; });
      });
  }

  var waiting = [];
  var missing = false; /* the page loaded, the entry did not */
  function ready() {
    return entry ? Promise.resolve() : new Promise(function (resolve) { waiting.push(resolve); });
  }

  function run(query) {
    var mine = ++generation;
    query = query.trim();
    if (results) results.textContent = "";
    if (more) more.hidden = true;
    current = null;
    if (!query) { say(""); return Promise.resolve(); }
    if (!entry) {
      say(missing ? "The search index could not be loaded." : "Loading the search index…");
      return Promise.resolve();
    }
    say("Searching…");
    return search(query)
      .then(function (found) {
        if (mine !== generation) return;
        current = { query: query, terms: found.terms, hits: found.hits, shown: 0 };
        var n = found.hits.length;
        var counted = n === 1 ? "1 result" : n + " results";
        if (!n) say("No results for “" + query + "”.");
        else if (found.all) say(counted + " for “" + query + "”.");
        else say("No result has every word of “" + query + "”; " + counted + " have some of them.");
        return show(mine, false);
      })
      .catch(function () {
        if (mine === generation) say("The search index could not be loaded.");
      });
  }

  /* Shows the next results; `focus` moves the focus to the first of them. */
  function show(mine, focus) {
    var batch = current.hits.slice(current.shown, current.shown + SHOWN);
    current.shown += batch.length;
    return records(batch)
      .then(function (docs) {
        if (mine !== generation) return;
        var list = results.querySelector("ol");
        if (!list) {
          list = document.createElement("ol");
          list.className = "search-hits";
          results.appendChild(list);
        }
        var first = null;
        docs.forEach(function (doc) {
          var item = hit(doc, current.terms);
          list.appendChild(item);
          first = first || item.querySelector("a");
        });
        if (more) {
          var left = current.hits.length - current.shown;
          more.hidden = left <= 0;
          more.textContent = "Show " + Math.min(left, SHOWN) + " more of " + left;
        }
        if (focus && first) first.focus();
      });
  }

  /* Whether a folded token matches a query term. */
  function matches(token, terms) {
    return terms.some(function (t) {
      if (t.word.paired) return false;
      return token === t.term || (t.prefix && token.startsWith(t.term));
    });
  }

  /* `text` as nodes, query words marked. */
  function marked(text, terms) {
    var frag = document.createDocumentFragment();
    var ranges = [];
    var m, re = new RegExp(WORD.source, "gu");
    while ((m = re.exec(text))) {
      var token = m[0];
      var ascii = ASCII.test(token);
      var folded = ascii ? token.toLowerCase() : fold(token);
      var hitWhole = ascii ? matches(folded, terms)
        : words(token).some(function (w) { return !w.paired && matches(w.text, terms); });
      if (hitWhole) { ranges.push([m.index, m.index + token.length]); continue; }
      if (ascii) continue;
      terms.forEach(function (t) {
        if (!t.word.paired || folded.length !== token.length) return;
        var at = folded.indexOf(t.word.text);
        while (at >= 0) {
          ranges.push([m.index + at, m.index + at + t.word.text.length]);
          at = folded.indexOf(t.word.text, at + 1);
        }
      });
    }
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] < at) return;
      if (r[0] > at) frag.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      frag.appendChild(mark);
      at = r[1];
    });
    if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
    return { nodes: frag, count: ranges.length, first: ranges.length ? ranges[0][0] : -1 };
  }

  /* The passage that matches most, cut around its first match. */
  function snippet(doc, terms) {
    var passages = doc.p || [];
    if (!passages.length) return null;
    /* The passage holding most query terms (a quick look), then where in
       it the first word matches. */
    var best = passages[0], most = 0;
    passages.forEach(function (p) {
      var folded = fold(p), count = 0;
      terms.forEach(function (t) { if (folded.indexOf(t.term) >= 0) count++; });
      if (count > most) { best = p; most = count; }
    });
    var text = best;
    best = { first: most ? marked(text, terms).first : -1 };
    var start = 0, end = text.length;
    if (best.first > CONTEXT) {
      start = text.lastIndexOf(" ", best.first - CONTEXT / 2);
      start = start < 0 ? 0 : start + 1;
    }
    if (end - start > 2 * CONTEXT) {
      end = text.indexOf(" ", start + 2 * CONTEXT);
      if (end < 0) end = text.length;
    }
    var cut = (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
    var p = document.createElement("p");
    p.className = "search-snippet";
    p.appendChild(marked(cut, terms).nodes);
    return p;
  }

  function span(className, text) {
    var s = document.createElement("span");
    s.className = className;
    s.textContent = text;
    return s;
  }

  /* One result: title (a link, in a heading), then kind, date, verdict,
     claimant and relays, then the snippet. */
  function hit(doc, terms) {
    var item = document.createElement("li");
    item.className = "search-hit search-" + doc.k;
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = doc.u;
    link.appendChild(marked(doc.t, terms).nodes);
    heading.appendChild(link);
    item.appendChild(heading);
    var meta = document.createElement("p");
    meta.className = "search-meta";
    var parts = [span("search-kind", (kinds[doc.k] || doc.k) + (doc.s ? " · " + doc.s : ""))];
    if (doc.d) {
      var time = document.createElement("time");
      time.setAttribute("datetime", doc.d[0]);
      time.textContent = doc.d[1];
      parts.push(time);
    }
    if (doc.by || doc.via) {
      parts.push(span("search-by", (doc.by ? "by " + doc.by.join(", ") : "") +
        (doc.by && doc.via ? " " : "") + (doc.via ? "via " + doc.via.join(", ") : "")));
    }
    if (doc.v) {
      var badge = span("badge status status-" + doc.v[0], doc.v[1]);
      badge.insertBefore(span("vh", "Status: "), badge.firstChild);
      parts.push(badge);
    }
    parts.forEach(function (part, i) {
      if (i) meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(part);
    });
    item.appendChild(meta);
    var text = snippet(doc, terms);
    if (text) item.appendChild(text);
    return item;
  }

  function query() {
    var q = new URLSearchParams(window.location.search).get("q");
    return q || "";
  }

  function start() {
    input = document.getElementById("search-q");
    status = document.getElementById("search-status");
    results = document.getElementById("search-results");
    if (!input || !results) return;
    (results.getAttribute("data-kinds") || "").split(",").forEach(function (pair) {
      var at = pair.indexOf(":");
      if (at > 0) kinds[pair.slice(0, at)] = pair.slice(at + 1);
    });
    more = document.getElementById("search-more");
    if (more) {
      more.addEventListener("click", function () {
        if (current) {
          show(generation, true).catch(function () { say("The search results could not be loaded."); });
        }
      });
    }
    var q = query();
    if (q) input.value = q;
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 120);
    });
    var form = input.form;
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        clearTimeout(timer);
        try {
          history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
        } catch (e) { /* some browsers refuse it on file:// */ }
        run(input.value);
      });
    }
    if (input.value.trim()) run(input.value);
  }

  window.dossierSearch = {
    /* search/entry.js: the index's shape. */
    init: function (data) {
      entry = data;
      named = {};
      data.files.forEach(function (name, n) { named[name] = n; });
      var script = document.currentScript;
      base = script && script.src ? script.src.replace(/entry\.js(\?.*)?$/, "") : "";
      waiting.splice(0).forEach(function (resolve) { resolve(); });
      if (input && input.value.trim()) run(input.value);
    },
    /* search/index/<name>.js: terms and their postings. */
    chunk: function (name, list) {
      var n = named[name];
      if (n === undefined) return;
      var map = new Map();
      var terms = [];
      for (var i = 0; i < list.length; i += 2) {
        map.set(list[i], list[i + 1]);
        terms.push(list[i]);
      }
      chunks[n] = map;
      sorted[n] = terms;
    },
    /* search/docs/<n>.js: documents n·per… */
    docs: function (n, list) { fragments[n] = list; },
    /* For other scripts: the best `limit` (10) documents for `text`, as
       a promise of their records ({k, t, u, …, score}; see search.rs). */
    find: function (text, limit) {
      return ready().then(function () { return search(String(text)); }).then(function (found) {
        var hits = found.hits.slice(0, limit || SHOWN);
        return records(hits).then(function (docs) {
          return docs.map(function (doc, i) { return Object.assign({ score: hits[i].score }, doc); });
        });
      });
    },
    /* The query's words as search.js reads them. */
    words: words,
    fold: fold
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.addEventListener("load", function () {
    if (entry) return;
    missing = true;
    if (input && input.value.trim()) run(input.value);
  });
})();
