#!/usr/bin/env bash
# Search in a real browser, beyond search_from_disk.sh: builds the example
# site with one more actor (as search_from_disk.sh does) for file://, and a
# generated corpus of $BRIEFS briefs (1,000 by default; run it by hand with
# BRIEFS=10000 for the large case) to serve; installs playwright-core,
# axe-core and lighthouse from npm (pinned; no browser download: Debian's
# /usr/bin/chromium is used) and runs search.mjs over both.
# Run by .ci/run; needs chromium, node and npm.
set -euo pipefail
cd "$(dirname "$0")/../.."
briefs="${BRIEFS:-1000}"

work="$(mktemp -d)"
mkdir -p "$work/site"
cp -R site.yaml content "$work/site/"
cat >"$work/site/content/actors/sauli-niinisto.md" <<'MD'
---
name: Sauli Niinistö
kind: person
role: President of Finland, 2012–2024
aliases:
  - {name: 尼尼斯托, lang: zh}
  - {name: ニーニスト, lang: ja}
---
Finland's president when it joined NATO.
MD
# Names in many scripts and spellings, which search.js must fold and split
# as dossier does (search.mjs looks each up in the browser).
cat >"$work/site/content/actors/spellings.md" <<'MD'
---
name: Spellings
kind: other
aliases: [İstanbul, ΟΔΟΣ, Straße, ﬁnal, Ｔｏｋｙｏ, हिन्दी, ภาษาไทย, שָׁלוֹם, مُحَمَّد, 北朝鮮の軍, Ǆemal, Quốc]
---
MD
cargo run --release --locked -q -- build --root "$work/site" --portable --out "$work/disk"
cargo run --release --locked -q --example gen_corpus -- --briefs "$briefs" --out "$work/corpus-site" >/dev/null
cargo run --release --locked -q -- build --root "$work/corpus-site" --out "$work/corpus"

(cd "$work" && npm init -y >/dev/null \
  && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund \
    playwright-core@1.49.1 axe-core@4.10.2 lighthouse@12.8.2 >/dev/null)
cp tests/browser/search.mjs "$work/"
CHROME_PATH="${CHROMIUM:-/usr/bin/chromium}" node "$work/search.mjs" "$work/disk" "$work/corpus"
