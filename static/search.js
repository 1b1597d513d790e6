/* dossier search: indexes the documents that search/<kind>.js files add,
   and answers the query of the page's form (?q=...). Words are Unicode
   letters and digits, composed (NFC, as dossier writes its pages) and
   lower-cased; every query word must match the start
   of a word of the document's name or other names. No network: the data
   arrive as <script src> files, so this works from disk too. */
(function () {
  "use strict";
  var docs = [];
  var words = new Map();
  var kinds = [];
  var done = 0;

  function tokens(text) {
    return (text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) || []);
  }

  function query() {
    var input = document.getElementById("search-q");
    return input ? input.value.trim() : "";
  }

  function search(text) {
    var wanted = tokens(text);
    if (!wanted.length) return [];
    var found = null;
    wanted.forEach(function (w) {
      var hits = new Set();
      words.forEach(function (ids, word) {
        if (word.startsWith(w)) ids.forEach(function (id) { hits.add(id); });
      });
      found = found === null ? hits : new Set(Array.from(found).filter(function (id) { return hits.has(id); }));
    });
    return Array.from(found || []);
  }

  /* The part of the document that matched: its title, or the other name. */
  function matched(doc, text) {
    var wanted = tokens(text);
    var inTitle = wanted.every(function (w) { return tokens(doc.title).some(function (t) { return t.startsWith(w); }); });
    if (inTitle || !doc.text) return null;
    var parts = doc.text.split(/\s*[·,]\s*/);
    for (var i = 0; i < parts.length; i++) {
      if (tokens(parts[i]).some(function (t) { return wanted.some(function (w) { return t.startsWith(w); }); })) return parts[i];
    }
    return null;
  }

  function render() {
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!results || !status) return;
    var text = query();
    results.textContent = "";
    if (!text) { status.textContent = ""; return; }
    var ids = search(text);
    var loading = done < kinds.length ? " (still loading)" : "";
    status.textContent = ids.length === 1 ? "1 result" + loading : ids.length + " results" + loading;
    kinds.forEach(function (kind) {
      var hits = ids.filter(function (id) { return docs[id].kind === kind.name; });
      if (!hits.length) return;
      var section = document.createElement("section");
      var heading = document.createElement("h2");
      heading.textContent = kind.heading + " (" + hits.length + ")";
      section.appendChild(heading);
      var list = document.createElement("ul");
      hits.slice(0, 100).forEach(function (id) {
        var doc = docs[id];
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = doc.url;
        link.textContent = doc.title;
        item.appendChild(link);
        var other = matched(doc, text);
        if (other) {
          var note = document.createElement("span");
          note.className = "search-match";
          note.textContent = " — " + other;
          item.appendChild(note);
        }
        list.appendChild(item);
      });
      section.appendChild(list);
      results.appendChild(section);
    });
  }

  window.dossierSearch = {
    /* The documents matching `text`: {kind, title, url, text}. */
    find: function (text) {
      return search(text).map(function (id) { return docs[id]; });
    },
    add: function (kind, entries) {
      entries.forEach(function (entry) {
        var id = docs.length;
        docs.push({ kind: kind, title: entry[0], url: entry[1], text: entry[2] || "" });
        tokens(entry[0] + " " + (entry[2] || "")).forEach(function (word) {
          var ids = words.get(word);
          if (!ids) { ids = new Set(); words.set(word, ids); }
          ids.add(id);
        });
      });
      done += 1;
      render();
    }
  };

  var results = document.getElementById("search-results");
  if (results) {
    results.getAttribute("data-kinds").split(",").forEach(function (pair) {
      var at = pair.indexOf(":");
      kinds.push({ name: pair.slice(0, at), heading: pair.slice(at + 1) });
    });
  }
  var input = document.getElementById("search-q");
  if (input) {
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) input.value = q;
    input.addEventListener("input", render);
  }
})();
