"""Checks the typeset PDFs juesuan wrote (the Typst engine) against the HTML report of the same
unit, which is written from the same document:

- every page A4, portrait or landscape, and every official table's pages landscape exactly when
  the HTML marks the table wide; a sane page count;
- every font embedded, with a ToUnicode map (pdffonts);
- the text layer, in both pdftotext and pdfplumber: the unit name, every heading and every table
  title exactly, no code point in U+2E80–U+2EFF or U+2F00–U+2FDF;
- each official table, extracted by pdfplumber with the lattice settings the disclosure checkers
  use, comes back as one table per page whose header cells and body rows are the table's own
  (compared with the HTML table, all its pages together);
- a PNG of every page for a person to look at.

Usage: python3 check.py DIR
  DIR holds <stem>.html and <stem>.pdf pairs (searched recursively). A table is wide (landscape)
  when its HTML table has the class `wide` (from its layout, the profile's own where it has one).
"""
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber

LATTICE = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "intersection_tolerance": 3}
RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
OFFICIAL = re.compile(r"^t\d\d$")


def flat(s):
    return re.sub(r"\s+", "", s or "")


class Report(HTMLParser):
    """The headings and the tables of the HTML report: for each table its key, the heading
    before it, whether it is wide, its header cells and its body rows (cell texts)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.tables = [], []
        self.title = ""
        self._heading = None
        self._last_heading = None
        self._table = None
        self._part = None
        self._row = None
        self._cell = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "title" and not self.title:
            self._in_title = True
        if re.fullmatch(r"h[1-4]", tag):
            self._heading = ""
        elif tag == "table":
            self._table = {"key": a.get("data-table", ""), "heading": self._last_heading,
                           "wide": "wide" in (a.get("class") or "").split(),
                           "header": [], "body": []}
        elif self._table is not None and tag in ("thead", "tbody", "tfoot"):
            self._part = tag
        elif self._table is not None and tag == "tr":
            self._row = []
        elif self._row is not None and tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if re.fullmatch(r"h[1-4]", tag) and self._heading is not None:
            text = self._heading.strip()
            self.headings.append(text)
            self._last_heading = text
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(flat(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            target = self._table["header"] if self._part == "thead" else self._table["body"]
            target.append(self._row)
            self._row = None
        elif tag == "table" and self._table is not None:
            # The 栏次 row is a body row of the document (the HTML puts it in its thead): the
            # PDF repeats only the header proper.
            while self._table["header"] and self._table["header"][-1][:1] == ["栏次"]:
                self._table["body"].insert(0, self._table["header"].pop())
            self.tables.append(self._table)
            self._table = None
            self._part = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._heading is not None:
            self._heading += data
        if self._cell is not None:
            self._cell += data


def cells(row):
    """The non-empty cell texts of an extracted row, whitespace removed (merged cells are None)."""
    return [flat(c) for c in row if c is not None and flat(c)]


def check(pdf, html):
    problems = []
    report = Report()
    report.feed(html.read_text(encoding="utf-8"))
    official = [t for t in report.tables if OFFICIAL.match(t["key"])]
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    if not 3 <= len(sizes) <= 40 + 4 * len(report.tables):
        problems.append(f"{len(sizes)} pages")
    for i, (w, h) in enumerate(sizes, 1):
        if sorted((round(w), round(h))) != [595, 842]:
            problems.append(f"page {i} is {w} x {h} pt, not A4")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    if not fonts:
        problems.append("no fonts")
    for line in fonts:
        col = line.split()
        if len(col) < 7 or col[-5] != "yes" or col[-3] != "yes":
            problems.append(f"font not embedded or without ToUnicode: {line}")
    poppler = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    with pdfplumber.open(pdf) as doc:
        pages = [p.extract_text() or "" for p in doc.pages]
        extracted = [p.extract_tables(LATTICE) for p in doc.pages]
    needles = [report.title] + report.headings
    needles += [t["heading"] for t in official if t["heading"]]
    for label, text in [("pdftotext", poppler), ("pdfplumber", "\n".join(pages))]:
        f = flat(text)
        for needle in needles:
            if needle and flat(needle) not in f:
                problems.append(f"{label}: missing {needle!r}")
        bad = RADICALS.findall(text)
        if bad:
            problems.append(f"{label}: {len(bad)} radical code points, e.g. {''.join(sorted(set(bad))[:8])}")

    # Each official table: its first page is the page with its heading; it continues on the
    # following pages until its rows are all there.
    starts = {}
    for t in official:
        for i, text in enumerate(pages):
            # The page with the heading and a ruled table (the 目录 names the table too).
            if t["heading"] and flat(t["heading"]) in flat(text) and extracted[i] and i not in starts.values():
                starts[t["key"]] = i
                break
    for t in official:
        key = t["key"]
        if key not in starts:
            problems.append(f"{key}: heading {t['heading']!r} on no page")
            continue
        want_header = [c for row in t["header"] for c in row if c]
        want_body = [[c for c in row if c] for row in t["body"]]
        want_body = [r for r in want_body if r]
        got_body = []
        i = starts[key]
        while len(got_body) < len(want_body) and i < len(pages):
            tables = extracted[i]
            w, h = sizes[i]
            if (w > h) != t["wide"]:
                problems.append(f"{key}: page {i + 1} is {'landscape' if w > h else 'portrait'}")
            if len(tables) != 1:
                problems.append(f"{key}: page {i + 1} has {len(tables)} lattice tables, not 1")
                break
            rows = [cells(r) for r in tables[0]]
            header_rows = len(t["header"])
            got_header = [c for r in rows[:header_rows] for c in r]
            if got_header != want_header:
                problems.append(f"{key}: page {i + 1} header {got_header} != {want_header}")
                break
            got_body += [r for r in rows[header_rows:] if r]
            i += 1
        if got_body != want_body:
            for n, (g, w) in enumerate(zip(got_body, want_body)):
                if g != w:
                    problems.append(f"{key}: body row {n + 1} {g} != {w}")
                    break
            else:
                problems.append(f"{key}: {len(got_body)} body rows extracted, {len(want_body)} in the table")
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
    return len(sizes), len(official), problems


def main():
    out = Path(sys.argv[1])
    failed = 0
    pdfs = sorted(out.rglob("*.pdf"))
    if not pdfs:
        print(f"no PDF under {out}")
        sys.exit(1)
    for pdf in pdfs:
        n, tables, problems = check(pdf, pdf.with_suffix(".html"))
        if problems:
            failed += 1
            for p in problems:
                print(f"FAIL {pdf.name}: {p}")
        else:
            print(f"ok   {pdf.name}: {n} A4 pages, {tables} tables read back by pdfplumber, clean text layer")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
