#!/usr/bin/env bash
# Renders every example to HTML and a typeset PDF (the built-in Typst engine) and checks each PDF
# against its HTML with poppler and pdfplumber (see check.py): page sizes and orientation, fonts
# embedded, the text layer in both extractors, each official table read back by pdfplumber's
# lattice extraction, PNGs of every page. Needs a CJK font (fonts-noto-cjk), poppler-utils and
# Python 3; installs pdfplumber (PyPI) itself.
# Usage: scripts/pdf-check/run.sh [OUT_DIR]   (default target/pdf-check)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/target/pdf-check}"

rm -rf "$out" && mkdir -p "$out"
(cd "$root" && cargo build --release --locked -q)
if ! "$root/target/release/juesuan" render "$root/examples" --format html,pdf -q -o "$out" 2>"$out/render.log"; then
  cat "$out/render.log" >&2
  exit 1
fi
python3 -c "import pdfplumber" 2>/dev/null || python3 -m pip install --quiet pdfplumber
python3 "$here/check.py" "$out"
echo "PDF check passed; pages as PNG in $out"
