// Every page type of a built site in a real browser (Debian's Chromium,
// headless, driven by playwright-core), in light and dark: axe-core finds no
// WCAG 2.2 A/AA violation, nothing overflows at 320 px, no console error, no
// failed request, HTML within 100 KB and CSS within 30 KB, layout shift
// ≤ 0.1 and largest contentful paint ≤ 2.5 s, and a brief's bottom line's
// first sentence ends inside the first screen at 390×844 and 1280×800. Usage: node reading.mjs SITE_DIR [SITE_DIR …]
// Run by .ci/run (tests/browser/reading.sh installs the npm packages).
import { createServer } from "node:http";
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, extname, normalize } from "node:path";
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

// One page of each type: the lists, the first entry of each section, and
// the pages outside them.
function pagesOf(root) {
  const pages = ["/", "/404.html", "/search/", "/network/", "/timeline/"];
  for (const section of ["briefs", "actors", "claims", "measures", "tags"]) {
    if (!existsSync(join(root, section))) continue;
    pages.push(`/${section}/`);
    const first = readdirSync(join(root, section))
      .filter((name) => existsSync(join(root, section, name, "index.html")))
      .sort()[0];
    if (first) pages.push(`/${section}/${first}/`);
  }
  // Second pages of lists, and the lists only busy actors, tags and
  // measures get.
  for (const [section, file] of [["briefs", "index-2.html"], ["claims", "index-2.html"], ["timeline", "index-2.html"],
    ["tags", "*/index-2.html"], ["actors", "*/claims.html"], ["actors", "*/briefs-2.html"], ["measures", "*/figures.html"]]) {
    if (!existsSync(join(root, section))) continue;
    const [folder, name] = file.includes("/") ? file.split("/") : ["", file];
    const candidates = folder
      ? readdirSync(join(root, section)).sort().map((entry) => `${entry}/${name}`)
      : [name];
    const found = candidates.find((candidate) => existsSync(join(root, section, candidate)));
    if (found) pages.push(`/${section}/${found}`);
  }
  const skip = new Set(["briefs", "actors", "claims", "measures", "tags", "search", "network", "timeline"]);
  for (const name of readdirSync(root).sort()) {
    if (!skip.has(name) && existsSync(join(root, name, "index.html"))) { pages.push(`/${name}/`); break; }
  }
  return pages;
}

const failures = [];
const worst = { html: 0, cls: 0, lcp: 0 };
const fail = (where, what) => failures.push(`${where}: ${what}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});

for (const root of process.argv.slice(2)) {
  const server = await serve(root);
  const base = `http://127.0.0.1:${server.address().port}`;
  const pages = pagesOf(root);
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    for (const path of pages) {
      const where = `${root}${path} (${scheme})`;
      const page = await context.newPage();
      page.on("console", (msg) => { if (msg.type() === "error") fail(where, `console error: ${msg.text()}`); });
      page.on("pageerror", (error) => fail(where, `script error: ${error.message}`));
      page.on("requestfailed", (req) => fail(where, `request failed: ${req.url()}`));
      page.on("response", (res) => {
        if (res.status() >= 400 && !(path === "/404.html" && res.url().endsWith("/404.html"))) {
          fail(where, `HTTP ${res.status()} for ${res.url()}`);
        }
      });
      page.on("request", (req) => {
        if (!req.url().startsWith(base) && !req.url().startsWith("data:")) fail(where, `request to another host: ${req.url()}`);
      });
      const response = await page.goto(base + path, { waitUntil: "load" });

      // READER.md's budgets: HTML at most 100 KB a page, good Core Web Vitals.
      const html = (await response.body()).length;
      if (html > 100 * 1024) fail(where, `${Math.round(html / 1024)} KB of HTML, over the 100 KB budget`);
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
        setTimeout(() => resolve({ cls, lcp }), 200);
      }));
      if (vitals.cls > 0.1) fail(where, `cumulative layout shift ${vitals.cls.toFixed(3)} > 0.1`);
      if (vitals.lcp === null) fail(where, "no largest contentful paint reported");
      else if (vitals.lcp > 2500) fail(where, `largest contentful paint at ${Math.round(vitals.lcp)} ms > 2500 ms`);
      worst.html = Math.max(worst.html, html);
      worst.cls = Math.max(worst.cls, vitals.cls);
      worst.lcp = Math.max(worst.lcp, vitals.lcp ?? 0);

      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
        });
        return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
      });
      for (const v of violations) fail(where, `axe: ${v}`);

      await page.setViewportSize({ width: 320, height: 800 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 0) fail(where, `${overflow} px of horizontal overflow at 320 px`);

      if (/^\/briefs\/[^/]+\/$/.test(path)) {
        for (const [width, height] of [[390, 844], [1280, 800]]) {
          await page.setViewportSize({ width, height });
          await page.evaluate(() => window.scrollTo(0, 0));
          // The bottom of the bottom line's first sentence (or of its first
          // run of text, if the sentence spans elements).
          const bottom = await page.evaluate(() => {
            const summary = document.querySelector(".bluf .summary");
            if (!summary) return null;
            const walker = document.createTreeWalker(summary, NodeFilter.SHOW_TEXT, {
              acceptNode: (node) => (node.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
            });
            const text = walker.nextNode();
            if (!text) return null;
            const stop = text.data.search(/[.!?](\s|$)/);
            const range = document.createRange();
            range.setStart(text, 0);
            range.setEnd(text, stop < 0 ? text.data.length : stop + 1);
            return range.getBoundingClientRect().bottom;
          });
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
  server.close();
  console.log(`${root}: ${pages.length} pages checked in light and dark`);
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
console.log("every page is accessible, fits 320 px, loads cleanly and within budget");
