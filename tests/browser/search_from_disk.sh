#!/usr/bin/env bash
# Search in a real browser, from a zip: builds the example site with
# --portable, zips it, unzips it elsewhere, opens search/index.html?q=…
# over file:// in headless Chromium (Debian's, never a downloaded one) and
# checks the results it renders.
# Run by .ci/run; needs /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."

built="$(mktemp -d)/briefing"
cargo run --release --locked -q -- build --portable --out "$built"
unpacked="$(mktemp -d)"
python3 - "$built" "$unpacked" <<'PY'
import pathlib, shutil, sys, zipfile
built, unpacked = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
archive = unpacked / "briefing.zip"
shutil.make_archive(str(archive.with_suffix("")), "zip", built.parent, built.name)
zipfile.ZipFile(archive).extractall(unpacked)
PY
out="$unpacked/briefing"

# One headless Chromium run printing the page's DOM after its scripts ran.
# A browser that crashes (killed by a signal: exit status above 128) is
# started again, up to three times, saying so; a page that loads but shows
# the wrong results still fails at once. One CI run saw Chromium die of
# SIGSEGV on the fifth of five identical starts.
search() {
  local query="$1"
  local encoded status
  encoded="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$query")"
  for attempt in 1 2 3; do
    status=0
    timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
      --disable-background-networking --disable-component-update --no-first-run \
      --user-data-dir="$(mktemp -d)" \
      --dump-dom "file://$out/search/index.html?q=$encoded" 2>/dev/null || status=$?
    [ "$status" -le 128 ] && return "$status"
    echo "chromium crashed (exit status $status) on attempt $attempt for '$query'" >&2
  done
  return "$status"
}

expect() {
  local query="$1" wanted="$2"
  local dom
  dom="$(search "$query")"
  if ! grep -qF -- "$wanted" <<<"$dom"; then
    echo "search for '$query' from file:// does not show: $wanted" >&2
    grep -o '<div id="search-results".*' <<<"$dom" | head -c 2000 >&2 || true
    exit 1
  fi
  echo "search '$query': found $wanted"
}

# An English word, the Korean and the Arabic name of an actor (prefixes).
expect "kursk" '<h2>Briefs (1)</h2>'
expect "kursk" 'North Korea in Kursk: first casualty count after Pyongyang goes public</a>'
expect "김정" '<a href="../actors/kim-jong-un/index.html">Kim Jong Un</a><span class="search-match"> — 김정은</span>'
expect "كيم" '<a href="../actors/kim-jong-un/index.html">Kim Jong Un</a><span class="search-match"> — كيم جونغ أون</span>'
# Nothing for a word that is nowhere.
expect "zzyzxq" '<p id="search-status" class="search-status" role="status" aria-live="polite">0 results</p>'
echo "search works from disk"
