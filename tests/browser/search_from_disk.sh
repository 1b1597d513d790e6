#!/usr/bin/env bash
# Search in a real browser, from a zip: builds the example site (with one
# more actor, Sauli Niinistö, whose name has an accent and whose aliases
# are Chinese and Japanese) with --portable, zips it, unzips it elsewhere,
# opens search/index.html?q=… over file:// in headless Chromium (Debian's,
# never a downloaded one) and checks the results it renders: words of a
# key judgement, a relay (via), folded accents, Hangul, Arabic, Chinese
# and Japanese aliases, prefixes, and kind, date, verdict, claimant and a
# snippet on each result.
# Run by .ci/run; needs /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."

site="$(mktemp -d)/site"
mkdir -p "$site"
cp -R site.yaml content "$site/"
cat >"$site/content/actors/sauli-niinisto.md" <<'MD'
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
built="$(mktemp -d)/briefing"
cargo run --release --locked -q -- build --root "$site" --portable --out "$built"
unpacked="$(mktemp -d)"
python3 - "$built" "$unpacked" <<'PY'
import pathlib, shutil, sys, zipfile
built, unpacked = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
archive = unpacked / "briefing.zip"
shutil.make_archive(str(archive.with_suffix("")), "zip", built.parent, built.name)
zipfile.ZipFile(archive).extractall(unpacked)
PY
out="$unpacked/briefing"

# One headless Chromium run printing the page's DOM after its scripts ran
# (the virtual time budget lets the index's parts load first).
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
      --user-data-dir="$(mktemp -d)" --virtual-time-budget=10000 \
      --dump-dom "file://$out/search/index.html?q=$encoded" 2>/dev/null || status=$?
    [ "$status" -le 128 ] && return "$status"
    echo "chromium crashed (exit status $status) on attempt $attempt for '$query'" >&2
  done
  return "$status"
}

# expect QUERY TEXT…: the page of results for QUERY shows every TEXT.
expect() {
  local query="$1" dom wanted
  shift
  dom="$(search "$query")"
  for wanted in "$@"; do
    if ! grep -qF -- "$wanted" <<<"$dom"; then
      echo "search for '$query' from file:// does not show: $wanted" >&2
      grep -o '<p id="search-status".*' <<<"$dom" | head -c 3000 >&2 || true
      exit 1
    fi
  done
  echo "search '$query': found $# things"
}

brief='<h2><a href="../briefs/dprk-troops-russia-casualties/index.html">North Korea in Kursk: first casualty count after Pyongyang goes public</a></h2>'
# A word of a key judgement finds the brief, marked in the snippet; the
# result says it is a brief, and its date.
expect "lethal" "$brief" \
  '<span class="search-kind">Brief</span> · <time datetime="2025-04-30">30 April 2025</time>' \
  '<mark>lethal</mark>'
# A relay finds the claims it relayed, with date, claimant, relay, verdict.
expect "KCNA" \
  '<a href="../actors/kcna/index.html">Korean Central News Agency</a>' \
  '<a href="../claims/kim-acknowledges-deployment/index.html">' \
  '<a href="../claims/cmc-kursk-liberated/index.html">' \
  '<a href="../claims/cmc-ukrainian-troops-neo-nazi/index.html">' \
  '<a href="../claims/cmc-dprk-important-contribution/index.html">' \
  '<span class="search-kind">Claim</span> · <time datetime="2025-04-28">28 April 2025</time> · <span class="search-by">by Kim Jong Un via Korean Central News Agency</span> · <span class="badge status status-confirmed"><span class="vh">Status: </span>Confirmed</span>' \
  '<p class="search-snippet">'
# A possessive's lone "s" narrows nothing (this claim has no word "s").
expect "KCNA's" '<a href="../claims/cmc-ukrainian-troops-neo-nazi/index.html">'
# Accents fold both ways; case too.
expect "niinisto" '<a href="../actors/sauli-niinisto/index.html">Sauli <mark>Niinistö</mark></a>'
expect "SAULI NIINISTÖ" '<a href="../actors/sauli-niinisto/index.html"><mark>Sauli</mark> <mark>Niinistö</mark></a>'
# Prefixes of a word, in any script; aliases in Hangul, Arabic, Chinese
# and Japanese, marked where they matched.
expect "kurs" '<a href="../briefs/dprk-troops-russia-casualties/index.html">North Korea in <mark>Kursk</mark>:'
expect "김정" '<a href="../actors/kim-jong-un/index.html">Kim Jong Un</a>' '<mark>김정은</mark>'
expect "كيم" '<a href="../actors/kim-jong-un/index.html">Kim Jong Un</a>' '<mark>كيم</mark>'
expect "尼尼" '<a href="../actors/sauli-niinisto/index.html">' '<mark>尼尼</mark>斯托'
expect "ニースト" '<a href="../actors/sauli-niinisto/index.html">'
expect "ニーニスト" '<mark>ニーニスト</mark>'
# A word of a brief's body only, marked in context.
expect "deniability" "$brief" '<mark>deniability</mark>'
# Nothing for a word that is nowhere.
expect "zzyzxq" '<p id="search-status" class="search-status" role="status" aria-live="polite">No results for “zzyzxq”.</p>'
echo "search works from disk"
