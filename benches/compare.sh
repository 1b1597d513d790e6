#!/usr/bin/env bash
# Build-speed benchmark: dossier against Hugo on the same generated corpus.
#
#   benches/compare.sh [SIZES...]        default: 1000 10000 100000
#
# For each size it generates a corpus with examples/gen_corpus.rs (fixed
# seed, so every run builds the same content) and reports, as Markdown
# tables on standard output:
#   - dossier's cold build (no output folder yet): wall time, CPU time
#     (user + system), peak memory, pages and bytes written;
#   - a second build of the unchanged content: wall time, and how many
#     files it rewrote (files newer than a stamp taken between the builds);
#   - one-brief edits through serve's incremental session (benches/rebuild.rs);
#   - Hugo's cold build of the same corpus (actors, claims and tags as
#     taxonomies), when `hugo` is installed and SIZE <= HUGO_MAX, as a ratio.
#
# Environment: BENCH_DIR (default: a new folder under /tmp) holds corpora
# and outputs, which are removed at the end unless KEEP=1 (not before:
# on ext4 without a journal, creating files soon after many were deleted
# is much slower, which would slow the next size's builds); HUGO_MAX
# (default 10000) is the largest size Hugo is run at, EDIT_MAX (default
# 10000) the largest the serve session is (it holds the whole site in
# memory).
# Needs GNU time (/usr/bin/time; Debian package `time`).
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
hugo_max=${HUGO_MAX:-10000}
edit_max=${EDIT_MAX:-10000}
work=${BENCH_DIR:-$(mktemp -d /tmp/dossier-bench.XXXXXX)}
mkdir -p "$work"
[ -x /usr/bin/time ] || { echo "compare.sh needs GNU time: apt-get install -y time" >&2; exit 2; }

cargo build --release --quiet --bin dossier --example gen_corpus
cargo bench --quiet --bench rebuild --no-run 2>/dev/null
dossier=$PWD/target/release/dossier
gen=$PWD/target/release/examples/gen_corpus
hugo=$(command -v hugo || true)

# run OUT_PREFIX CMD...: runs CMD under GNU time; prints "wall cpu rss_mb".
measure() {
    local prefix=$1
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$prefix.time" "$@" >"$prefix.out" 2>"$prefix.err" || {
        echo "failed: $*" >&2
        tail -20 "$prefix.err" >&2
        exit 1
    }
    read -r wall user sys rss <"$prefix.time"
    awk -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
        'BEGIN { printf "%.2f %.2f %.0f\n", w, u + s, r / 1024 }'
}

# The bytes of the files under a folder (folders themselves not counted).
bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }

cold=()
second=()
edits=()
for n in "${sizes[@]}"; do
    site=$work/site-$n
    hugo_site=$work/hugo-$n
    rm -rf "$site" "$hugo_site" "$site.public" "$hugo_site.public"
    hugo_args=()
    if [ -n "$hugo" ] && [ "$n" -le "$hugo_max" ]; then
        hugo_args=(--hugo "$hugo_site")
    fi
    echo "== $n briefs: generating" >&2
    "$gen" --briefs "$n" --out "$site" "${hugo_args[@]}" >&2

    echo "== $n briefs: dossier cold build" >&2
    read -r wall cpu rss < <(measure "$work/cold-$n" "$dossier" build --root "$site" --out "$site.public")
    pages=$(grep -o 'built [0-9]* pages' "$work/cold-$n.err" | grep -o '[0-9]*')
    out_bytes=$(bytes "$site.public")
    dossier_wall=$wall
    cold+=("| $n | dossier | $pages | $(mb "$out_bytes") | ${wall} s | ${cpu} s | ${rss} MB | 1 |")

    echo "== $n briefs: dossier second build, content unchanged" >&2
    touch "$work/stamp-$n"
    sleep 1
    read -r wall2 cpu2 rss2 < <(measure "$work/second-$n" "$dossier" build --root "$site" --out "$site.public")
    rewritten=$(find "$site.public" -newer "$work/stamp-$n" -type f | wc -l)
    second+=("| $n | ${dossier_wall} s | ${wall2} s | ${cpu2} s | ${rss2} MB | $rewritten |")

    if [ ${#hugo_args[@]} -gt 0 ]; then
        echo "== $n briefs: Hugo cold build" >&2
        read -r hwall hcpu hrss < <(measure "$work/hugo-$n" "$hugo" --source "$hugo_site" --destination "$hugo_site.public" --quiet)
        hpages=$(find "$hugo_site.public" -name '*.html' | wc -l)
        hbytes=$(bytes "$hugo_site.public")
        ratio=$(awk -v h="$hwall" -v d="$dossier_wall" 'BEGIN { printf "%.1f", h / d }')
        cold+=("| $n | Hugo $("$hugo" version | grep -o 'v[0-9.]*' | head -1) | $hpages | $(mb "$hbytes") | ${hwall} s | ${hcpu} s | ${hrss} MB | ${ratio} |")
    elif [ -z "$hugo" ]; then
        cold+=("| $n | Hugo | not installed (apt-get install hugo) | | | | | |")
    else
        cold+=("| $n | Hugo | not run above HUGO_MAX=$hugo_max | | | | | |")
    fi

    if [ "$n" -le "$edit_max" ]; then
        echo "== $n briefs: one-brief edits through the serve session" >&2
        row=$(cargo bench --quiet --bench rebuild -- --site "$site" 2>/dev/null | tail -1)
        edits+=("| $n |$(cut -d'|' -f3- <<<"$row")")
    fi
done

machine="$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM, $(df -T "$work" | awk 'NR == 2 { print $2 }') file system under $work, Linux $(uname -r)"
echo "Machine: $machine."
echo
echo "Cold builds (no output folder yet); the last column is the other generator's wall time over dossier's:"
echo
echo "| briefs | generator | pages | output | wall | CPU | peak memory | time vs dossier |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${cold[@]}"
echo
echo "Second build of unchanged content:"
echo
echo "| briefs | first build | second build | CPU | peak memory | files rewritten |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${second[@]}"
echo
echo "One-brief edits through serve's incremental session (median of three; the page on disk checked):"
echo
echo "| briefs | pages | cold build in the session | body edit | title edit | claim edit | new brief |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${edits[@]}"

if [ "${KEEP:-0}" != 1 ]; then
    rm -rf "$work"
fi
