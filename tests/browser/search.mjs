// Search in a real browser (Debian's Chromium, headless, driven by
// playwright-core), beyond what search_from_disk.sh reads from the DOM:
//
// - from disk (file://), on the example site: results show kind, date,
//   verdict, claimant, relays and a snippet with the words marked; axe-core
//   finds no WCAG 2.2 A/AA violation on a page of results in light and
//   dark, nothing overflows at 320 px, no console error; typing finds as
//   you type; the search page loads no chunk before a query, a query only
//   the chunks of its words and the fragments of the results shown; the
//   "more" button takes the keyboard to the first new result;
// - served (gzip, as hosts do), on a generated corpus: the search page
//   loads at most 300 KB compressed before the first query, a query loads
//   what it needs only, and Lighthouse's mobile performance score (the
//   median of three runs) is at least 90 for the search page, with and
//   without a query.
//
// Usage: node search.mjs DISK_SITE CORPUS_SITE (tests/browser/search.sh
// builds both and installs the npm packages). Prints the figures.
import { createServer } from "node:http";
import { readFileSync, statSync, existsSync } from "node:fs";
import { join, extname, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--no-first-run"];
const BUDGET = 300 * 1024; // bytes, compressed, before the first query
const SHOWN = 10; // results shown at a time (search.js)
const PREFIX_CHUNKS = 4; // chunks a word may load (search.js)

const [disk, corpus] = process.argv.slice(2);
const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);
const check = (ok, where, what) => { if (!ok) fail(where, what); };

const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });

// The search scripts a page has added so far.
const added = (page) => page.evaluate(() => {
  const src = Array.from(document.querySelectorAll("script[src]")).map((s) => s.getAttribute("src"));
  return {
    chunks: src.filter((s) => s.includes("search/index/")),
    fragments: src.filter((s) => s.includes("search/docs/")),
  };
});

async function open(context, url, where) {
  const page = await context.newPage();
  page.on("console", (msg) => { if (msg.type() === "error") fail(where, `console error: ${msg.text()}`); });
  page.on("pageerror", (error) => fail(where, `script error: ${error.message}`));
  await page.goto(url, { waitUntil: "load" });
  return page;
}

// Waits until the status says how many results (or none) `query` has,
// and its first results are shown.
async function settled(page, query) {
  await page.waitForFunction((q) => {
    const s = document.getElementById("search-status").textContent;
    return s.includes(`“${q}”`) && /result/.test(s)
      && (/No results/.test(s) || document.querySelector(".search-hit"));
  }, query, { timeout: 20000 });
}

// ---- From disk, on the example site ----
const searchPage = pathToFileURL(join(disk, "search/index.html")).href;
for (const scheme of ["light", "dark"]) {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
  const where = `file:// ?q=KCNA (${scheme})`;
  const page = await open(context, `${searchPage}?q=KCNA`, where);
  await settled(page, "KCNA");
  const hits = await page.$$eval(".search-hit", (items) => items.map((li) => ({
    href: li.querySelector("h2 a").getAttribute("href"),
    kind: li.querySelector(".search-kind")?.textContent,
    date: li.querySelector("time")?.getAttribute("datetime"),
    by: li.querySelector(".search-by")?.textContent,
    verdict: li.querySelector(".badge.status")?.textContent,
    snippet: li.querySelector(".search-snippet")?.textContent,
  })));
  for (const claim of ["kim-acknowledges-deployment", "cmc-kursk-liberated", "cmc-ukrainian-troops-neo-nazi",
    "cmc-dprk-important-contribution"]) {
    const hit = hits.find((h) => h.href === `../claims/${claim}/index.html`);
    if (!hit) { fail(where, `no result for the claim ${claim}: ${JSON.stringify(hits)}`); continue; }
    check(hit.kind === "Claim" && /^\d{4}-\d{2}-\d{2}$/.test(hit.date || "") && /via Korean Central News Agency/.test(hit.by || "")
      && /^Status: \w+/.test(hit.verdict || "") && hit.snippet, where, `the claim ${claim} lacks kind, date, claimant, verdict or snippet: ${JSON.stringify(hit)}`);
  }
  check(hits[0] && hits[0].href === "../actors/kcna/index.html", where, `KCNA itself is not the first result: ${hits[0]?.href}`);
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // No preload: axe would fetch the stylesheet, which browsers refuse
    // from disk (and report as a console error of the page).
    const result = await window.axe.run(document, {
      preload: false,
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  for (const v of violations) fail(where, `axe: ${v}`);
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(overflow <= 0, where, `${overflow} px of horizontal overflow at 320 px`);
  await context.close();
}

{
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const where = "file:// typing";
  const page = await open(context, searchPage, where);
  const before = await added(page);
  check(before.chunks.length === 0 && before.fragments.length === 0, where,
    `the search page loaded parts of the index before any query: ${JSON.stringify(before)}`);
  await page.fill("#search-q", "niinis");
  await settled(page, "niinis");
  const first = await page.$eval(".search-hit h2", (h) => h.innerHTML);
  check(first.includes("<mark>Niinistö</mark>"), where, `typing "niinis" does not find Niinistö first: ${first}`);
  const after = await added(page);
  check(after.chunks.length >= 1 && after.chunks.length <= PREFIX_CHUNKS, where, `one word loaded ${after.chunks.length} chunks`);
  check(after.fragments.length >= 1 && after.fragments.length <= SHOWN, where, `${after.fragments.length} fragments for one result`);
  console.log(`file://: "niinis" loaded ${after.chunks.length} chunk(s) and ${after.fragments.length} fragment(s)`);

  // search.js folds and splits as dossier does: every spelling finds the
  // actor that has it, written as indexed or as a reader would type it.
  const spellings = ["İstanbul", "istanbul", "ΟΔΟΣ", "οδος", "Straße", "strasse", "ﬁnal", "final", "Ｔｏｋｙｏ",
    "tokyo", "हिन्दी", "ภาษาไทย", "שָׁלוֹם", "שלום", "مُحَمَّد", "محمد", "北朝鮮", "朝鮮の", "Ǆemal", "dzemal", "Quốc", "quoc"];
  for (const spelling of spellings) {
    const found = await page.evaluate((q) => window.dossierSearch.find(q, 3), spelling);
    check(found.some((d) => d.u === "../actors/spellings/index.html"), where,
      `dossierSearch.find("${spelling}") does not find the actor with that spelling: ${JSON.stringify(found.map((d) => d.t))}`);
  }

  // More than one screen of results: the button takes the focus along.
  await page.fill("#search-q", "korea");
  await settled(page, "korea");
  const shown = await page.$$eval(".search-hit", (items) => items.length);
  const more = await page.$("#search-more:not([hidden])");
  if (!more) fail(where, `"korea" shows ${shown} results and no button for more`);
  else {
    await more.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => document.querySelectorAll(".search-hit").length > n, shown, { timeout: 10000 });
    const focused = await page.evaluate(() => {
      const hits = Array.from(document.querySelectorAll(".search-hit"));
      return hits.findIndex((li) => li.contains(document.activeElement));
    });
    check(focused === shown, where, `after "more", the focus is on result ${focused}, not ${shown}`);
  }
  await context.close();
}

// ---- Served, on a generated corpus ----
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8" };
const server = await new Promise((ready) => {
  const s = createServer((req, res) => {
    let file = join(corpus, normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if (!file.startsWith(corpus)) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404).end(); return; }
    let body = readFileSync(file);
    const headers = { "content-type": TYPES[extname(file)] || "application/octet-stream", "cache-control": "no-cache" };
    if (/\bgzip\b/.test(req.headers["accept-encoding"] || "")) { body = gzipSync(body); headers["content-encoding"] = "gzip"; }
    res.writeHead(200, headers).end(body);
  });
  s.listen(0, "127.0.0.1", () => ready(s));
});
const base = `http://127.0.0.1:${server.address().port}`;

{
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const where = `${corpus} served`;
  const page = await context.newPage();
  const loaded = [];
  page.on("response", async (res) => {
    const url = new URL(res.url());
    let file = join(corpus, decodeURIComponent(url.pathname));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (existsSync(file)) loaded.push({ path: url.pathname, gzip: gzipSync(readFileSync(file)).length });
  });
  await page.goto(`${base}/search/`, { waitUntil: "load" });
  await page.waitForTimeout(300);
  const before = loaded.reduce((sum, r) => sum + r.gzip, 0);
  check(before <= BUDGET, where, `${Math.round(before / 1024)} KB compressed before the first query, over ${BUDGET / 1024} KB`);
  check(!loaded.some((r) => r.path.includes("/search/index/") || r.path.includes("/search/docs/")), where,
    "parts of the index loaded before any query");
  const count = loaded.length;
  await page.fill("#search-q", "security council");
  await settled(page, "security council");
  const query = loaded.slice(count);
  const chunks = query.filter((r) => r.path.includes("/search/index/"));
  const fragments = query.filter((r) => r.path.includes("/search/docs/"));
  check(chunks.length <= 2 * PREFIX_CHUNKS, where, `a two-word query loaded ${chunks.length} chunks`);
  check(fragments.length <= SHOWN, where, `${fragments.length} fragments for ${SHOWN} results`);
  const bytes = query.reduce((sum, r) => sum + r.gzip, 0);
  console.log(`${corpus}: ${(before / 1024).toFixed(1)} KB compressed before the first query `
    + `(${loaded.slice(0, count).map((r) => `${r.path} ${(r.gzip / 1024).toFixed(1)}`).join(", ")}); `
    + `"security council" then loaded ${chunks.length} chunks and ${fragments.length} fragments, ${(bytes / 1024).toFixed(1)} KB`);
  await context.close();
}
await browser.close();

// Lighthouse, mobile (its default: a mid-range phone, throttled network and CPU).
const { default: lighthouse } = await import("lighthouse");
const chromeLauncher = await import("chrome-launcher");
for (const path of ["/search/", "/search/?q=sec"]) {
  const scores = [];
  for (let run = 0; run < 3; run++) {
    const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
    try {
      const result = await lighthouse(base + path, { port: chrome.port, onlyCategories: ["performance"], logLevel: "error" });
      const lhr = result.lhr;
      if (lhr.runtimeError) fail(path, `Lighthouse: ${lhr.runtimeError.message}`);
      scores.push({
        score: Math.round(lhr.categories.performance.score * 100),
        lcp: lhr.audits["largest-contentful-paint"].numericValue,
        tbt: lhr.audits["total-blocking-time"].numericValue,
        cls: lhr.audits["cumulative-layout-shift"].numericValue,
      });
    } finally {
      await chrome.kill();
    }
  }
  scores.sort((a, b) => a.score - b.score);
  const median = scores[1];
  console.log(`Lighthouse mobile performance ${path}: ${scores.map((s) => s.score).join(", ")} (median ${median.score}: `
    + `LCP ${Math.round(median.lcp)} ms, TBT ${Math.round(median.tbt)} ms, CLS ${median.cls.toFixed(3)})`);
  check(median.score >= 90, `${corpus}${path}`, `Lighthouse mobile performance ${median.score} < 90`);
}
server.close();

if (failures.length) {
  console.error(failures.join("\n"));
  console.error(`${failures.length} problem(s)`);
  process.exit(1);
}
console.log("search works from disk and served, within its budgets");
