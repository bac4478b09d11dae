"""Checks the PDFs juesuan printed: every page A4, a sane page count, table headers repeated on
every page that carries table rows, and a clean text layer in both pdftotext and pdfplumber: the
unit name and every heading of the report (parts, tables, 情况说明 sections, read from its Markdown) present exactly, and no Kangxi-radical or
CJK-radical-supplement code point (what Type 3 CJK fonts turn into). Writes a PNG of every page.
Usage: python3 pdf-check.py DIR"""
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber

RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")


def headings(md_path):
    """Every part, table and section heading of the report (its Markdown, written from the same
    document as the HTML that was printed), so each profile's own titles are checked."""
    return [re.sub(r"^#+\s*", "", line).strip() for line in md_path.read_text(encoding="utf-8").splitlines()
            if re.match(r"^#{2,3} ", line) and line.strip() not in ("## 目录",)]


def unit_name(md_path):
    first = md_path.read_text(encoding="utf-8").splitlines()[0]
    return re.sub(r"^# ", "", re.sub(r"\d{4}年度(部门|单位)决算$", "", first))


def check(pdf, md):
    problems = []
    name = unit_name(md)
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    if not 3 <= len(sizes) <= 120:
        problems.append(f"{len(sizes)} pages")
    for i, (w, h) in enumerate(sizes, 1):
        if abs(float(w) - 595.3) > 2 or abs(float(h) - 841.9) > 2:
            problems.append(f"page {i} is {w} x {h} pt, not A4")
    poppler = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    with pdfplumber.open(pdf) as doc:
        pages = [p.extract_text() or "" for p in doc.pages]
    plumber = "\n".join(pages)
    for label, text in [("pdftotext", poppler), ("pdfplumber", plumber)]:
        flat = re.sub(r"\s+", "", text)
        for needle in [name] + [re.sub(r"\s+", "", h) for h in headings(md)]:
            if needle not in flat:
                problems.append(f"{label}: missing {needle}")
        bad = RADICALS.findall(text)
        if bad:
            problems.append(f"{label}: {len(bad)} radical code points, e.g. {''.join(sorted(set(bad))[:8])}")
    for i, text in enumerate(pages, 1):
        body_rows = re.findall(r"^\s*\d{7}\s", text, re.M)
        if body_rows and not re.search(r"科目名称|项目", text):
            problems.append(f"page {i}: table rows without the repeated header")
    subprocess.run(["pdftoppm", "-r", "45", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
    return len(sizes), problems


def main():
    out = Path(sys.argv[1])
    failed = 0
    for pdf in sorted(out.glob("*.pdf")):
        n, problems = check(pdf, pdf.with_suffix(".md"))
        if problems:
            failed += 1
            for p in problems:
                print(f"FAIL {pdf.name}: {p}")
        else:
            print(f"ok   {pdf.name}: {n} A4 pages, clean text layer")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
