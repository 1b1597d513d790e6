#!/usr/bin/env bash
# The chart checks in a real browser: builds the example site, the small
# fixture site and a generated corpus, installs playwright-core and
# axe-core from npm (pinned; no browser download: Debian's /usr/bin/chromium
# is used) and runs charts.mjs over the three. Run by .ci/run; needs
# chromium, node and npm.
set -euo pipefail
cd "$(dirname "$0")/../.."

work="$(mktemp -d)"
cargo run --release --locked -q -- build --out "$work/example"
cargo run --release --locked -q -- build --root tests/fixtures/small-site --out "$work/fixture"
cargo run --release --locked -q --example gen_corpus -- --briefs 800 --out "$work/corpus-site" >/dev/null
cargo run --release --locked -q -- build --root "$work/corpus-site" --out "$work/corpus"

(cd "$work" && npm init -y >/dev/null \
  && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund \
    playwright-core@1.49.1 axe-core@4.10.2 >/dev/null)
cp tests/browser/charts.mjs "$work/"
node "$work/charts.mjs" "$work/example" "$work/fixture" "$work/corpus"
