// Every chart of a built site in a real browser (Debian's Chromium,
// headless, driven by playwright-core), at 390×844 and 1280×800: each
// chart shows exactly one of its pictures; every text of it renders at
// 12 CSS px or more, none is cut ("…"), none spills out of its picture and
// no two overlap; every table of figures fits the page or scrolls in its
// own box, which shows a cue (a shadow at the edge) and can take the
// keyboard's focus; and axe-core finds no WCAG 2.2 A/AA violation on the
// pages with charts, in light and dark. Prints the smallest chart text
// per site and width. Usage: node charts.mjs SITE_DIR [SITE_DIR …]
// Run by .ci/run (tests/browser/charts.sh installs the npm packages).
import { createServer } from "node:http";
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, extname, normalize, relative } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

function serve(root) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    let file = join(root, path);
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" })
      .end(readFileSync(file));
  });
  return new Promise((ready) => server.listen(0, "127.0.0.1", () => ready(server)));
}

// Every page holding an SVG picture or a table of figures; on a big site
// (more than MAX pages) every measure page, the timeline, the network and
// an even sample of the others.
const MAX = Number(process.env.CHART_PAGES || 120);
function chartPages(root) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".html")) {
        const html = readFileSync(path, "utf8");
        if (html.includes("<svg") || html.includes("class=\"figures\"")) found.push("/" + relative(root, path));
      }
    }
  };
  walk(root);
  if (found.length <= MAX) return found;
  const always = found.filter((p) => /^\/(measures|timeline|network)\//.test(p) && !/index-\d+\.html$/.test(p) && !/^\/timeline\/\d/.test(p));
  const others = found.filter((p) => !always.includes(p));
  const step = Math.max(1, Math.ceil(others.length / Math.max(1, MAX - always.length)));
  return always.concat(others.filter((_, i) => i % step === 0));
}

const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});

// What one page shows at the current width.
function measure() {
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const result = { texts: 0, smallest: Infinity, smallestText: "", problems: [] };
  const figures = [...document.querySelectorAll("figure.chart-figure")];
  for (const figure of figures) {
    const pictures = [...figure.querySelectorAll("svg[role=img], svg[role=group]")].filter(shown);
    if (pictures.length !== 1) result.problems.push(`a chart shows ${pictures.length} pictures, not one`);
  }
  for (const svg of document.querySelectorAll("svg")) {
    if (!shown(svg) || svg.closest("[aria-hidden=true]") && !svg.matches("[role=img], [role=group]")) continue;
    const box = svg.getBoundingClientRect();
    const boxes = [];
    for (const text of svg.querySelectorAll("text")) {
      if (!shown(text) || !text.textContent.trim()) continue;
      const ctm = text.getScreenCTM();
      const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b);
      result.texts += 1;
      if (px < result.smallest) { result.smallest = px; result.smallestText = text.textContent; }
      const label = text.textContent.trim().slice(0, 40);
      if (px < 12) result.problems.push(`"${label}" at ${px.toFixed(1)} px`);
      if (/…|\.\.\./.test(text.textContent)) result.problems.push(`"${label}" is cut`);
      const r = text.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        result.problems.push(`"${label}" spills out of its picture (${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} of ${Math.round(box.width)})`);
      }
      // Glyph boxes, a little inset: the line box is taller than the ink.
      const inset = { left: r.left + 1, right: r.right - 1, top: r.top + r.height * 0.2, bottom: r.bottom - r.height * 0.2, label };
      for (const other of boxes) {
        if (inset.left < other.right && other.left < inset.right && inset.top < other.bottom && other.top < inset.bottom) {
          result.problems.push(`"${label}" overlaps "${other.label}"`);
        }
      }
      boxes.push(inset);
    }
  }
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) result.problems.push(`${page.scrollWidth - page.clientWidth} px of horizontal overflow`);
  for (const table of document.querySelectorAll("main table")) {
    const wrap = table.closest(".table-wrap");
    const label = table.caption ? table.caption.textContent.slice(0, 40) : "a table";
    if (!wrap) { result.problems.push(`${label}: no scroll box`); continue; }
    const style = getComputedStyle(wrap);
    if (wrap.getBoundingClientRect().right > page.clientWidth + 1) result.problems.push(`${label}: its box is wider than the page`);
    if (table.getBoundingClientRect().width > wrap.clientWidth + 1) {
      if (!/auto|scroll/.test(style.overflowX)) result.problems.push(`${label}: wider than its box, which does not scroll`);
      if (!/gradient/.test(style.backgroundImage)) result.problems.push(`${label}: scrolls with no cue`);
      if (wrap.tabIndex < 0 && !wrap.querySelector("a[href]")) result.problems.push(`${label}: its box takes no focus`);
      result.scrolling = (result.scrolling || 0) + 1;
    }
  }
  return result;
}

const summary = [];
for (const root of process.argv.slice(2)) {
  const server = await serve(root);
  const base = `http://127.0.0.1:${server.address().port}`;
  const pages = chartPages(root);
  const smallest = {};
  let texts = 0;
  let scrolling = 0;
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on("pageerror", (error) => fail(root, `script error: ${error.message}`));
    for (const path of pages) {
      await page.goto(base + path, { waitUntil: "load" });
      if (scheme === "light") {
        for (const [width, height] of [[390, 844], [1280, 800]]) {
          await page.setViewportSize({ width, height });
          const r = await page.evaluate(measure);
          for (const p of r.problems) fail(`${root}${path} at ${width} px`, p);
          texts += r.texts;
          scrolling += r.scrolling || 0;
          if (r.texts && (!(width in smallest) || r.smallest < smallest[width].px)) {
            smallest[width] = { px: r.smallest, text: r.smallestText, path };
          }
        }
        await page.setViewportSize({ width: 1280, height: 800 });
      }
      if (!/<svg/.test(readFileSync(join(root, path.endsWith("/") ? path + "index.html" : path), "utf8"))) continue;
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const result = await window.axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
          });
          return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
        });
        for (const v of violations) fail(`${root}${path} (${scheme}, ${width} px)`, `axe: ${v}`);
      }
    }
    await context.close();
  }
  server.close();
  const line = [390, 1280].map((w) => smallest[w]
    ? `${smallest[w].px.toFixed(1)} px at ${w} ("${smallest[w].text.slice(0, 30)}", ${smallest[w].path})`
    : `no chart text at ${w}`).join("; ");
  summary.push(`${root}: ${pages.length} pages, ${texts} chart texts measured, ${scrolling} scrolling tables; smallest ${line}`);
}
await browser.close();
console.log(summary.join("\n"));
if (failures.length) {
  console.error(failures.slice(0, 200).join("\n"));
  console.error(`${failures.length} problem(s)`);
  process.exit(1);
}
console.log("every chart text is at least 12 px at 390 and 1280, none cut, spilled or overlapping; tables scroll in their own box");
