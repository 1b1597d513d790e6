// Every page type of a built site in a real browser (Debian's Chromium,
// headless, driven by playwright-core), in light and dark: axe-core finds no
// WCAG 2.2 A/AA violation, nothing overflows at 320 px, no console error, no
// failed request, HTML within 100 KB and CSS within 30 KB, layout shift
// ≤ 0.1 and largest contentful paint ≤ 2.5 s. Then what a reader meets
// first (READER.md): the header at most 120 px tall at 390 px, its menu a
// disclosure that opens from the keyboard (and overflows nothing at 320 px
// open), the navigation shown without it at 1280; breadcrumbs that never
// repeat the title; long pages (over three screens at 390×844) starting
// with contents listing their sections; at 1280 the margin used (margin
// notes right of the text column; content and margin spanning over 900 px
// on briefs, actors, claims, measures and the guide); right-to-left text
// set right to left; the first sentence of the bottom line inside the
// first screen at 390×844 on every brief of the site (and at 1280×800);
// printed pages' margin boxes in the body's font (no serif in the PDF).
//
// Usage: node reading.mjs [--file] SITE_DIR [[--file] SITE_DIR …]
// A site is served by a plain static server, or with --file opened from
// disk over file:// (a --portable build; 404.html, whose links are
// absolute, is left out there). Run by .ci/run through reading.sh.
import { createServer } from "node:http";
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, extname, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

// READER.md's numbers.
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 800 };
const HEADER_MAX = 120;
const MARGIN_SPAN = 900;

// A static server over one output folder, as a host would serve it.
function serve(root) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    let file = join(root, path);
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"] }).end(readFileSync(join(root, "404.html")));
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" })
      .end(readFileSync(file));
  });
  return new Promise((ready) => server.listen(0, "127.0.0.1", () => ready(server)));
}

// The entries of a section that have a page of their own (redirects from
// old ids left out).
const pageFolders = (root, section) => existsSync(join(root, section))
  ? readdirSync(join(root, section)).sort().filter((name) => {
    const file = join(root, section, name, "index.html");
    return existsSync(file) && !readFileSync(file, "utf8").includes('http-equiv="refresh"');
  })
  : [];

// One page of each type: the lists, the first entry of each section, and
// the pages outside them.
function pagesOf(root, fromDisk) {
  const pages = ["/", "/search/", "/network/", "/timeline/"];
  if (existsSync(join(root, "map", "index.html"))) pages.push("/map/");
  if (!fromDisk) pages.splice(1, 0, "/404.html");
  for (const section of ["briefs", "actors", "claims", "measures", "tags", "incidents"]) {
    if (!existsSync(join(root, section))) continue;
    pages.push(`/${section}/`);
    const first = pageFolders(root, section)[0];
    if (first) pages.push(`/${section}/${first}/`);
  }
  // Second pages of lists, and the lists only busy actors, tags and
  // measures get.
  for (const [section, file] of [["briefs", "index-2.html"], ["claims", "index-2.html"], ["claims", "claimants.html"],
    ["tags", "*/index-2.html"], ["actors", "*/claims.html"], ["actors", "*/briefs-2.html"], ["measures", "*/figures.html"]]) {
    if (!existsSync(join(root, section))) continue;
    const [folder, name] = file.includes("/") ? file.split("/") : ["", file];
    const candidates = folder
      ? readdirSync(join(root, section)).sort().map((entry) => `${entry}/${name}`)
      : [name];
    const found = candidates.find((candidate) => existsSync(join(root, section, candidate)));
    if (found) pages.push(`/${section}/${found}`);
  }
  // The ways into the claims: a verdict's list, a grade's, a month's.
  for (const [section, pattern] of [["claims", /^(confirmed|corroborated|reported|disputed|misleading|false|retracted|superseded)\.html$/],
    ["claims", /^grade-[a-f][1-6]\.html$/], ["timeline", /^\d{4}-\d{2}\.html$/]]) {
    if (!existsSync(join(root, section))) continue;
    const found = readdirSync(join(root, section)).sort().find((name) => pattern.test(name));
    if (found) pages.push(`/${section}/${found}`);
  }
  // The reading guide, and a free-standing page.
  if (existsSync(join(root, "how-to-read", "index.html"))) pages.push("/how-to-read/");
  const skip = new Set(["briefs", "actors", "claims", "measures", "tags", "search", "network", "timeline", "how-to-read", "incidents", "map"]);
  for (const name of readdirSync(root).sort()) {
    if (!skip.has(name) && existsSync(join(root, name, "index.html"))) { pages.push(`/${name}/`); break; }
  }
  // An actor with a name in a right-to-left script, if any: its direction
  // is checked.
  const rtl = pageFolders(root, "actors").find((id) =>
    /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(readFileSync(join(root, "actors", id, "index.html"), "utf8")));
  if (rtl && !pages.includes(`/actors/${rtl}/`)) pages.push(`/actors/${rtl}/`);
  return [...new Set(pages)];
}

const failures = [];
const worst = { html: 0, cls: 0, lcp: 0, header: 0, sentence: 0 };
// This site's figures, printed after it: the tallest header at 390 px and
// where each brief's first sentence ends.
let siteHeader = 0;
const fail = (where, what) => failures.push(`${where}: ${what}`);

// Measures taken inside pages, installed in each before its own scripts.
const HELPERS = `window.reading = {
  // The bottom of the bottom line's first sentence, in the page's
  // coordinates: from its first text to the first full stop (or question
  // or exclamation mark) followed by a space, across links and emphasis;
  // the whole bottom line if it has none.
  firstSentenceBottom() {
    const summary = document.querySelector(".bluf .summary");
    if (!summary) return null;
    const walker = document.createTreeWalker(summary, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let started = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!started) {
        if (!node.data.trim()) continue;
        range.setStart(node, 0);
        started = true;
      }
      const stop = node.data.search(/[.!?](\\s|$)/);
      if (stop >= 0) {
        range.setEnd(node, stop + 1);
        return range.getBoundingClientRect().bottom + window.scrollY;
      }
    }
    return started ? summary.getBoundingClientRect().bottom + window.scrollY : null;
  },
  headerHeight() {
    return document.querySelector("body > header").getBoundingClientRect().height;
  },
  // Links a reader can see: rendered (not in a closed disclosure), not
  // hidden.
  visibleLinks(selector) {
    return [...document.querySelectorAll(selector)]
      .filter((a) => a.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })).length;
  },
};`;

async function menuChecks(page, where) {
  await page.focus("details.site-menu > summary");
  await page.keyboard.press("Enter");
  const opened = await page.evaluate(() => ({
    open: document.querySelector("details.site-menu").open,
    links: window.reading.visibleLinks(".site-nav a"),
    focused: document.activeElement?.matches("details.site-menu > summary") ?? false,
  }));
  if (!opened.open || opened.links < 7) fail(where, `Enter on Menu showed ${opened.links} navigation links`);
  if (!opened.focused) fail(where, "the focus left the Menu button when it opened");
  await page.setViewportSize({ width: 320, height: 800 });
  const openOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (openOverflow > 0) fail(where, `${openOverflow} px of horizontal overflow at 320 px with the menu open`);
  await page.keyboard.press("Enter");
  if (await page.evaluate(() => document.querySelector("details.site-menu").open)) fail(where, "Enter did not close the menu");
}

// What the reader meets at 390×844, 1280×800 and 320 px, on one page.
async function readerChecks(page, where) {
  await page.setViewportSize(PHONE);
  await page.evaluate(() => window.scrollTo(0, 0));
  const phone = await page.evaluate(() => {
    const h1 = document.querySelector("main h1");
    const crumbs = document.querySelector("nav.breadcrumbs");
    const collapse = (text) => text.replace(/\s+/g, " ").trim();
    return {
      header: window.reading.headerHeight(),
      navShown: window.reading.visibleLinks(".site-nav a"),
      summary: !!document.querySelector("details.site-menu > summary")?.getClientRects().length,
      crumbs: crumbs ? collapse(crumbs.textContent) : "",
      title: h1 ? collapse(h1.textContent) : "",
    };
  });
  worst.header = Math.max(worst.header, phone.header);
  siteHeader = Math.max(siteHeader, phone.header);
  if (phone.header > HEADER_MAX) fail(where, `the header is ${Math.round(phone.header)} px tall at 390 px (at most ${HEADER_MAX})`);
  if (!phone.summary) fail(where, "no Menu button in the header at 390 px");
  if (phone.navShown) fail(where, `${phone.navShown} navigation links shown with the menu closed at 390 px`);
  if (phone.title && phone.crumbs.includes(phone.title)) fail(where, `the breadcrumb "${phone.crumbs}" repeats the title`);

  // The menu opens from the keyboard, shows the navigation, fits 320 px
  // open, and closes again.
  if (phone.summary) await menuChecks(page, where);

  // Long pages start with contents listing their sections.
  await page.setViewportSize(PHONE);
  const contents = await page.evaluate(() => {
    const main = document.querySelector("main");
    const skip = new Set(["bottom_line", "key_judgements", "toc_heading", "facets_heading"]);
    const sections = [...main.querySelectorAll("h2[id]")].filter((h) => !skip.has(h.id) && h.getClientRects().length);
    const toc = main.querySelector("nav.toc");
    return {
      height: document.documentElement.scrollHeight,
      sections: sections.map((h) => h.id),
      listed: toc ? [...toc.querySelectorAll("a[href*='#']")].map((a) => a.getAttribute("href").split("#")[1]) : null,
      before: toc ? sections.every((h) => toc.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING) : false,
    };
  });
  if (contents.height > 3 * PHONE.height && contents.sections.length >= 2) {
    if (!contents.listed) fail(where, `${Math.round(contents.height)} px long at 390 px, ${contents.sections.length} sections and no contents`);
    else {
      const missing = contents.sections.filter((id) => !contents.listed.includes(id));
      if (missing.length) fail(where, `the contents leave out ${missing.map((id) => `#${id}`).join(", ")}`);
      if (!contents.before) fail(where, "the contents come after a section they list");
    }
  }

  // Wide screens: the navigation without opening anything, the margin used.
  await page.setViewportSize(WIDE);
  const wide = await page.evaluate(() => {
    const main = document.querySelector("main");
    const box = main.getBoundingClientRect();
    const text = Math.min(box.width, 40 * parseFloat(getComputedStyle(document.documentElement).fontSize));
    const asides = [...main.querySelectorAll(".aside")].filter((a) => a.getClientRects().length);
    let right = box.left;
    for (const element of main.querySelectorAll("*")) {
      const r = element.getBoundingClientRect();
      if (r.width && r.height) right = Math.max(right, r.right);
    }
    return {
      nav: window.reading.visibleLinks(".site-nav a"),
      kind: document.body.className,
      span: right - box.left,
      misplaced: asides.filter((a) => a.getBoundingClientRect().left < box.left + text - 1).map((a) => a.className),
    };
  });
  if (wide.nav < 7) fail(where, `${wide.nav} navigation links shown at 1280 px`);
  for (const aside of wide.misplaced) fail(where, `.${aside.replace(/ /g, ".")} is not in the margin at 1280 px`);
  if (/kind-(brief|actor|claim|measure|how-to-read)\b/.test(wide.kind) && wide.span <= MARGIN_SPAN) {
    fail(where, `content and margin span ${Math.round(wide.span)} px at 1280 px (more than ${MARGIN_SPAN} wanted)`);
  }

  // Right-to-left text is set right to left: every run of text whose
  // first strong character is Hebrew, Arabic, Syriac, Thaana or N'Ko.
  const wrong = await page.evaluate(() => {
    const strong = /[A-Za-z\u00C0-\u02AF\u0370-\u052F\u0900-\u0DFF\u1100-\u11FF\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]|([\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])/;
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const match = node.data.match(strong);
      if (!match || !match[1]) continue;
      const element = node.parentElement;
      if (element.closest("script, style, svg, .vh")) continue;
      if (getComputedStyle(element).direction !== "rtl") found.push(`${element.tagName.toLowerCase()} "${node.data.trim().slice(0, 30)}"`);
    }
    return found;
  });
  for (const text of wrong.slice(0, 5)) fail(where, `right-to-left text set left to right: ${text}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});

const args = process.argv.slice(2);
const sites = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--file") sites.push({ root: resolve(args[++i]), fromDisk: true });
  else sites.push({ root: resolve(args[i]), fromDisk: false });
}

for (const { root, fromDisk } of sites) {
  const server = fromDisk ? null : await serve(root);
  const base = fromDisk ? pathToFileURL(root).href : `http://127.0.0.1:${server.address().port}`;
  const url = (path) => base + (fromDisk && path.endsWith("/") ? `${path}index.html` : path);
  const label = fromDisk ? `${root} (file://)` : root;
  const pages = pagesOf(root, fromDisk);
  siteHeader = 0;
  const listen = (page, where, path) => {
    page.on("console", (msg) => { if (msg.type() === "error") fail(where, `console error: ${msg.text()}`); });
    page.on("pageerror", (error) => fail(where, `script error: ${error.message}`));
    page.on("requestfailed", (req) => fail(where, `request failed: ${req.url()}`));
    page.on("response", (res) => {
      if (!fromDisk && res.status() >= 400 && !(path === "/404.html" && res.url().endsWith("/404.html"))) {
        fail(where, `HTTP ${res.status()} for ${res.url()}`);
      }
    });
    page.on("request", (req) => {
      if (!req.url().startsWith(base) && !req.url().startsWith("data:")) fail(where, `request to another host: ${req.url()}`);
    });
  };
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: WIDE });
    await context.addInitScript({ content: HELPERS });
    for (const path of pages) {
      const where = `${label}${path} (${scheme})`;
      const page = await context.newPage();
      listen(page, where, path);
      const response = await page.goto(url(path), { waitUntil: "load" });

      // READER.md's budgets: HTML at most 100 KB a page, good Core Web Vitals.
      if (!fromDisk) {
        const html = (await response.body()).length;
        if (html > 100 * 1024) fail(where, `${Math.round(html / 1024)} KB of HTML, over the 100 KB budget`);
        worst.html = Math.max(worst.html, html);
      }
      const vitals = await page.evaluate(() => new Promise((resolve) => {
        let cls = 0;
        let lcp = null;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) cls += entry.value;
        }).observe({ type: "layout-shift", buffered: true });
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          lcp = entries[entries.length - 1].startTime;
        }).observe({ type: "largest-contentful-paint", buffered: true });
        // At least 200 ms, and on a loaded machine until the first paint
        // has been reported (at most 5 s): the budget is judged on the
        // reported time, not on how long the wait took.
        const started = performance.now();
        const settle = () => (lcp !== null && performance.now() - started >= 200) || performance.now() - started > 5000
          ? resolve({ cls, lcp })
          : setTimeout(settle, 50);
        setTimeout(settle, 200);
      }));
      if (vitals.cls > 0.1) fail(where, `cumulative layout shift ${vitals.cls.toFixed(3)} > 0.1`);
      if (vitals.lcp === null) fail(where, "no largest contentful paint reported");
      else if (vitals.lcp > 2500) fail(where, `largest contentful paint at ${Math.round(vitals.lcp)} ms > 2500 ms`);
      worst.cls = Math.max(worst.cls, vitals.cls);
      worst.lcp = Math.max(worst.lcp, vitals.lcp ?? 0);

      await page.addScriptTag({ content: axeSource });
      // From disk, axe may not fetch the stylesheet (Chromium refuses
      // file:// requests); it reads the styles the page has applied.
      const violations = await page.evaluate(async (preload) => {
        const result = await window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
          preload,
        });
        return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
      }, !fromDisk);
      for (const v of violations) fail(where, `axe: ${v}`);

      await page.setViewportSize({ width: 320, height: 800 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) fail(where, `${overflow} px of horizontal overflow at 320 px`);

      if (scheme === "light") await readerChecks(page, where);

      if (/^\/briefs\/[^/]+\/$/.test(path)) {
        for (const { width, height } of [PHONE, WIDE]) {
          await page.setViewportSize({ width, height });
          await page.evaluate(() => window.scrollTo(0, 0));
          const bottom = await page.evaluate(() => window.reading.firstSentenceBottom());
          if (width >= 1056) {
            // Wide screens: the date line sits in the margin, beside the text.
            const beside = await page.evaluate(() => {
              const meta = document.querySelector(".brief .page-meta");
              const bluf = document.querySelector(".bluf");
              return !meta || !bluf || meta.getBoundingClientRect().left >= bluf.getBoundingClientRect().right;
            });
            if (!beside) fail(where, `the date line is not in the margin at ${width}×${height}`);
          }
          if (bottom === null) fail(where, "no bottom line");
          else if (bottom > height) fail(where, `the bottom line's first sentence ends at ${Math.round(bottom)} px, below the first screen at ${width}×${height}`);
        }
      }
      await page.close();
    }
    await context.close();
  }

  // Every brief: the first sentence of its bottom line inside the first
  // screen of a phone, under a header of at most 120 px.
  const briefs = pageFolders(root, "briefs");
  const context = await browser.newContext({ viewport: PHONE });
  await context.addInitScript({ content: HELPERS });
  const page = await context.newPage();
  const sentences = [];
  for (const id of briefs) {
    const where = `${label}/briefs/${id}/ (390×844)`;
    await page.goto(url(`/briefs/${id}/`), { waitUntil: "load" });
    const { bottom, header } = await page.evaluate(() => ({
      bottom: window.reading.firstSentenceBottom(),
      header: window.reading.headerHeight(),
    }));
    if (header > HEADER_MAX) fail(where, `the header is ${Math.round(header)} px tall`);
    siteHeader = Math.max(siteHeader, header);
    if (bottom !== null) {
      sentences.push([id, Math.round(bottom)]);
      worst.sentence = Math.max(worst.sentence, bottom);
      if (bottom > PHONE.height) fail(where, `the bottom line's first sentence ends at ${Math.round(bottom)} px, below the first screen`);
    }
  }
  // Printed, the sheet's address and number are in the body's font: a
  // margin box left to the browser's default would embed a serif face.
  if (briefs.length && !fromDisk) {
    await page.goto(url(`/briefs/${briefs[0]}/`), { waitUntil: "load" });
    const pdf = (await page.pdf({ format: "A4" })).toString("latin1");
    const fonts = [...new Set(pdf.match(/\/BaseFont\s*\/[\w+,-]+/g) ?? [])].map((f) => f.split("+").pop());
    const serif = fonts.filter((f) => /serif|times/i.test(f) && !/sans/i.test(f));
    if (serif.length) fail(`${label}/briefs/${briefs[0]}/ (print)`, `a serif font in the printed page: ${serif.join(", ")}`);
  }
  // A brief reads at a glance: its claims are compact lines, so a brief
  // is at most 8,000 px tall at 1280 px and prints on at most 8 A4 pages
  // (the example's 16 claims included). Checked on the briefs of small
  // sites (a corpus's are alike).
  if (briefs.length <= 20 && !fromDisk) {
    for (const id of briefs) {
      await page.setViewportSize(WIDE);
      await page.goto(url(`/briefs/${id}/`), { waitUntil: "load" });
      const tall = await page.evaluate(() => document.documentElement.scrollHeight);
      const pdf = (await page.pdf({ format: "A4" })).toString("latin1");
      const sheets = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      if (tall > 8000) fail(`${label}/briefs/${id}/ (1280)`, `${tall} px tall, over 8,000`);
      if (sheets > 8) fail(`${label}/briefs/${id}/ (print)`, `${sheets} A4 pages, over 8`);
      console.log(`  brief ${id}: ${tall} px at 1280 px, ${sheets} A4 page${sheets === 1 ? "" : "s"}`);
    }
    await page.setViewportSize(PHONE);
  }
  await context.close();

  if (server) server.close();
  console.log(`${label}: ${pages.length} pages checked in light and dark, and ${briefs.length} briefs' first screens`);
  const ends = sentences.map(([, y]) => y);
  const each = sentences.length <= 12
    ? sentences.map(([id, y]) => `${id} ${y}`).join(", ")
    : `${Math.min(...ends)} to ${Math.max(...ends)} over ${sentences.length} briefs`;
  console.log(`  header at most ${Math.round(siteHeader)} px at 390 px; first sentence of the bottom line ends at (px, 390×844): ${each || "no briefs"}`);
  const stylesheet = statSync(join(root, "style.css")).size;
  if (stylesheet > 30 * 1024) fail(`${root}/style.css`, `${Math.round(stylesheet / 1024)} KB, over the 30 KB budget`);
}
await browser.close();

if (failures.length) {
  console.error(failures.join("\n"));
  console.error(`${failures.length} problem(s)`);
  process.exit(1);
}
console.log(`largest page ${Math.round(worst.html / 1024)} KB, largest contentful paint at most ${Math.round(worst.lcp)} ms, layout shift at most ${worst.cls.toFixed(3)}`);
console.log(`header at most ${Math.round(worst.header)} px at 390 px; the bottom line's first sentence ends by ${Math.round(worst.sentence)} px on every brief`);
console.log("every page is accessible, fits 320 px, loads cleanly and within budget, and reads at a glance");
