#!/usr/bin/env bash
# Office check: renders every example to XLSX and DOCX, converts each file to PDF with
# LibreOffice (headless), and checks the PDFs: every page A4, the unit name and every table
# title in the text layer, landscape pages where wide tables are. Writes a PNG of every page
# next to the PDFs, to look at. Needs libreoffice-writer, libreoffice-calc, poppler-utils and a
# CJK font (fonts-wqy-zenhei). Usage: scripts/office-check/run.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-target/office-check}"
rm -rf "$out"
mkdir -p "$out/files" "$out/docx" "$out/xlsx"
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-writer libreoffice-calc" >&2; exit 1; }
command -v pdftotext >/dev/null || { echo "pdftotext not found: apt-get install poppler-utils" >&2; exit 1; }

cargo run --locked --release -q -- render examples -o "$out/files" --format xlsx,docx --quiet \
  >"$out/render.log" 2>&1 || { cat "$out/render.log" >&2; exit 1; }

# One LibreOffice process per kind (starting it is most of the cost); its own profile directory
# so a desktop instance is neither used nor disturbed.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
lo() { soffice "-env:UserInstallation=file://$profile" --headless --convert-to pdf --outdir "$@" >/dev/null 2>&1; }
lo "$out/docx" "$out"/files/*.docx
lo "$out/xlsx" "$out"/files/*.xlsx

fail=0
check() { # kind pdf
  local kind=$1 pdf=$2 stem
  stem=$(basename "$pdf" .pdf)
  local pages text
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  if [ "${pages:-0}" -lt 2 ]; then echo "FAIL $kind $stem: $pages pages"; fail=1; return; fi
  # Every page A4, portrait or landscape.
  if pdfinfo -f 1 -l "$pages" "$pdf" | awk '/^Page +[0-9]+ size:/ {print $4, $6}' |
      grep -vqE '^(595\.[0-9]+ 841\.[0-9]+|841\.[0-9]+ 595\.[0-9]+)$'; then
    echo "FAIL $kind $stem: a page that is not A4"; fail=1
  fi
  local landscape
  landscape=$(pdfinfo -f 1 -l "$pages" "$pdf" | awk '/^Page +[0-9]+ size:/ && $4 > $6' | wc -l)
  text=$(pdftotext "$pdf" - | tr -d ' \n')
  for want in "决算" "收入支出决算总表" "收入决算表" "支出决算表" "财政拨款收入支出决算总表" "基本支出"; do
    if ! grep -qF "$want" <<<"$text"; then echo "FAIL $kind $stem: \"$want\" not in the text"; fail=1; fi
  done
  if [ "$kind" = docx ] && ! grep -qF "情况说明" <<<"$text"; then echo "FAIL $kind $stem: 情况说明 missing"; fail=1; fi
  [ "$landscape" -gt 0 ] || { echo "FAIL $kind $stem: no landscape page for the wide tables"; fail=1; }
  pdftoppm -r 50 -png "$pdf" "${pdf%.pdf}"
  echo "ok   $kind $stem: $pages pages, $landscape landscape"
}
for f in "$out"/docx/*.pdf; do check docx "$f"; done
for f in "$out"/xlsx/*.pdf; do check xlsx "$f"; done
n_docx=$(ls "$out"/files/*.docx | wc -l); n_pdf=$(ls "$out"/docx/*.pdf "$out"/xlsx/*.pdf | wc -l)
[ "$n_pdf" -eq $((2 * n_docx)) ] || { echo "FAIL: $n_pdf PDFs for $n_docx units"; fail=1; }
exit $fail
