#!/usr/bin/env bash
# Renders every example to Markdown, HTML and PDF and checks them in a real Chromium and with two
# PDF text extractors. Needs: chromium, fonts-wqy-zenhei, poppler-utils (Debian), Node.js, Python 3.
# Usage: scripts/browser-check/run.sh [OUT_DIR]   (default target/browser-check)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/target/browser-check}"
chromium="${JUESUAN_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$chromium" ] || { echo "chromium not found: apt-get install chromium fonts-wqy-zenhei poppler-utils" >&2; exit 2; }

rm -rf "$out" && mkdir -p "$out"
(cd "$root" && cargo build --release --locked -q)
"$root/target/release/juesuan" render "$root/examples" --format md,html,pdf --pdf-engine chromium --chromium "$chromium" -q -o "$out"

(cd "$here" && [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --silent)
# No charts are expected where the unit's report turns them off (the resolved `additions.charts`
# of `juesuan context`: the profile's default with the unit's settings, e.g. a Shanghai unit), and
# in minimal, which has too few figures for a chart.
no_charts="minimal"
for f in "$root"/examples/*.yaml; do
  stem="$(basename "$f" .yaml)"
  if "$root/target/release/juesuan" context "$f" 2>/dev/null \
      | python3 -c 'import json, sys; sys.exit(0 if json.load(sys.stdin)["additions"]["charts"] else 1)'; then :; else
    no_charts="$no_charts,$stem"
  fi
done
NO_CHARTS="$no_charts" node "$here/dom-check.mjs" "$out" "$chromium"
python3 -c "import pdfplumber" 2>/dev/null || python3 -m pip install --quiet pdfplumber
python3 "$here/pdf-check.py" "$out"
echo "browser check passed; pages as PNG in $out"
