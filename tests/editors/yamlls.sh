#!/usr/bin/env bash
# The YAML language server over dossier's JSON Schemas, headless: installs
# yaml-language-server from npm (pinned), writes the schemas with
# `dossier schema`, and runs yamlls.mjs over the example site (expects no
# diagnostic) and over a claim `dossier new` wrote with `said` misspelt
# `siad` (expects exactly that one). Run by .ci/run; needs node and npm.
set -euo pipefail
cd "$(dirname "$0")/../.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo run --release --locked -q -- schema --out "$work/schemas"
cargo run --release --locked -q -- init "$work/site" 2>/dev/null
cargo run --release --locked -q -- new claim a-claim --root "$work/site" 2>/dev/null
claim="$work/site/content/claims/a-claim.md"
sed -i 's/^said: /siad: /' "$claim"
grep -q '^siad: ' "$claim"

(cd "$work" && npm init -y >/dev/null \
  && npm install --silent --no-audit --no-fund yaml-language-server@1.25.0 >/dev/null)
node tests/editors/yamlls.mjs "$work/node_modules/yaml-language-server/bin/yaml-language-server" \
  "$work/schemas" . "$claim" siad
