//! [`Document`] → Typst source. The fixed page style is `preamble.typ`; this module emits one
//! call per block. Every text of the document is emitted as a Typst string literal ([`lit`]):
//! string data, never markup, so no character of user text can change the layout.
//!
//! Layout decisions (all presentation, none of content):
//! - the cover and the 目录 are pages without numbers; page 1 is the first page after them;
//! - each table with a heading or an official caption starts on a page of its own and the page
//!   after it starts afresh, so one table page holds one table; a wide table gets landscape
//!   pages;
//! - header rows repeat on every page a table spans; no row is split across pages;
//! - the notes are a row of the table itself, outside its ruled grid, bound to the last body row
//!   by an invisible unbreakable cell in a zero-width column: they never start a page alone;
//! - headings stick to what follows (never the last line of a page).

use crate::document::{
    Block, Cell, Chart, ColumnKind, Document, Heading, Inline, List, Paragraph, Row, RowKind, Table, Value,
};
use std::fmt::Write;

/// The page style and the helper functions the generated calls use.
const PREAMBLE: &str = include_str!("preamble.typ");

/// `s` as a Typst string literal: `"` and `\` escaped, control characters as `\u{…}`.
pub fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An optional text as a literal or `none`.
fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "none".to_string(), lit)
}

/// The whole source of `doc`, laid out with the given font families.
pub fn document(doc: &Document, body_font: &str, heading_font: &str) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = writeln!(out, "#let body-font = {}", lit(body_font));
    let _ = writeln!(out, "#let heading-font = {}", lit(heading_font));
    out.push_str(PREAMBLE);
    let _ = writeln!(
        out,
        "\n#set document(title: {}, author: ({},))",
        lit(&doc.meta.title),
        lit(&doc.meta.unit_name)
    );
    let depth = doc
        .outline()
        .iter()
        .map(|h| h.level)
        .max()
        .unwrap_or(3)
        .clamp(1, 4);
    for block in &doc.blocks {
        match block {
            Block::Cover(c) => {
                let title = cover_title(&c.title, &doc.meta.unit_name);
                let _ = writeln!(
                    out,
                    "#cover(({}), ({}))",
                    list_of(&title),
                    list_of(&c.lines.iter().map(String::as_str).collect::<Vec<_>>())
                );
            }
            Block::Toc => {
                let _ = writeln!(out, "#toc({depth})");
            }
            Block::Heading(h) => heading(&mut out, h),
            Block::Paragraph(p) => {
                let _ = writeln!(out, "#par({})", inlines(&p.inlines));
            }
            Block::List(l) => list(&mut out, l),
            Block::Table(t) => table(&mut out, t),
            Block::Chart(c) => chart(&mut out, c),
            Block::PageBreak => out.push_str("#pagebreak(weak: true)\n"),
        }
    }
    out
}

/// The cover title in lines: the unit's name on a line of its own when the title starts with it.
fn cover_title<'a>(title: &'a str, unit: &str) -> Vec<&'a str> {
    match title.strip_prefix(unit) {
        Some(rest) if !unit.is_empty() && !rest.is_empty() => vec![&title[..unit.len()], rest],
        _ => vec![title],
    }
}

/// Literals joined as the items of a Typst array (with the trailing comma a one-item array needs).
fn list_of(items: &[&str]) -> String {
    let mut s = String::new();
    for i in items {
        s.push_str(&lit(i));
        s.push_str(", ");
    }
    s
}

/// A heading. Its body is what the 目录 lists: the outline and the PDF bookmarks read the body.
/// Where the page prints another text (a Shanghai table's bare title under a numbered 目录 entry),
/// a show rule scoped to the heading replaces the body's text on the page ([`page_text_rule`]).
fn heading(out: &mut String, h: &Heading) {
    let call = format!(
        "heading(level: {}, outlined: {o}, bookmarked: {o}, {})",
        h.level.clamp(1, 6),
        lit(h.toc_entry()),
        o = h.in_toc
    );
    match page_text_rule(h) {
        Some(rule) => {
            let _ = writeln!(out, "#{{\n  {rule}\n  {call}\n}}");
        }
        None => {
            let _ = writeln!(out, "#{call}");
        }
    }
}

/// For a heading whose page text differs from its 目录 text: the show rule that prints the page
/// text where the body (the 目录 text) would print. A text show rule, not a heading show rule, so
/// the look the preamble's and `table-head`'s heading rules give stays as it is, and the heading
/// stays one element (one tagged heading, one bookmark, one outline entry, the link target).
fn page_text_rule(h: &Heading) -> Option<String> {
    h.distinct_toc_text()
        .map(|toc| format!("show {}: {}", lit(toc), lit(&h.text)))
}

/// Inline runs as one content expression.
fn inlines(runs: &[Inline]) -> String {
    let mut s = String::from("{");
    for r in runs {
        match r {
            Inline::Text(t) => s.push_str(&lit(t)),
            Inline::Strong(v) => {
                let _ = write!(s, "strong({})", inlines(v));
            }
            Inline::Emphasis(v) => {
                let _ = write!(s, "emph({})", inlines(v));
            }
            Inline::LineBreak => s.push_str("linebreak()"),
        }
        s.push(';');
    }
    s.push('}');
    s
}

fn paragraph(p: &Paragraph) -> String {
    inlines(&p.inlines)
}

fn list(out: &mut String, l: &List) {
    let items: String = l.items.iter().map(|p| format!("{}, ", paragraph(p))).collect();
    match l.start {
        Some(n) => {
            let _ = writeln!(out, "#enum(start: {n}, numbering: \"1.\", {items})");
        }
        None => {
            let _ = writeln!(out, "#list({items})");
        }
    }
}

fn chart(out: &mut String, c: &Chart) {
    let svg = crate::write::svg::svg(c);
    if !svg.is_empty() {
        let _ = writeln!(out, "#chart({}, {})", lit(&svg), lit(&c.caption));
    }
}

/// Whether a table gets pages of its own (official tables and tables with a heading).
fn own_page(t: &Table) -> bool {
    t.caption.is_some() || t.heading.is_some()
}

fn table(out: &mut String, t: &Table) {
    let own = own_page(t);
    if t.wide {
        out.push_str("#page(flipped: true, {\n");
    } else if own {
        out.push_str("#pagebreak(weak: true)\n#{\n");
    } else {
        out.push_str("#{\n");
    }
    table_head(out, t);
    grid(out, t);
    if t.wide {
        out.push_str("})\n");
    } else if own {
        out.push_str("}\n#pagebreak(weak: true)\n");
    } else {
        out.push_str("}\n");
    }
}

/// The title lines above the table.
fn table_head(out: &mut String, t: &Table) {
    let title = (!t.title.is_empty()).then_some(t.title.as_str());
    // The heading is printed as the table's title line; the official title only when the
    // heading (as the page prints it) does not already say it.
    let shown_title = match (&t.heading, title) {
        (Some(h), Some(title)) if h.text.contains(title) => None,
        (_, title) => title,
    };
    if t.heading.is_none() && shown_title.is_none() && t.caption.is_none() {
        return;
    }
    let (level, text, outlined) = match &t.heading {
        Some(h) => (h.level.clamp(1, 6), Some(h.toc_entry()), h.in_toc),
        None => (3, None, false),
    };
    let c = t.caption.as_ref();
    // The 表号, 编制单位 and 年度 only where the caption prints them; the unit always.
    let full = c.filter(|c| c.full());
    let rule = t.heading.as_ref().and_then(page_text_rule);
    if let Some(rule) = &rule {
        let _ = writeln!(out, "{{\n{rule}");
    }
    let _ = writeln!(
        out,
        "table-head({level}, {}, {outlined}, {}, {}, {}, {}, {})",
        opt(text),
        opt(shown_title),
        opt(full.map(|c| c.number.as_str())),
        opt(full.map(|c| c.organisation.as_str())),
        lit(full.map_or("", |c| c.period.as_str())),
        lit(c.map_or("", |c| c.unit.as_str())),
    );
    if rule.is_some() {
        out.push_str("}\n");
    }
}

/// Column widths: codes and ordinals as wide as their text, names wider than figures.
fn widths(t: &Table) -> String {
    let mut s = String::from("(");
    for c in &t.columns {
        s.push_str(match c.kind {
            ColumnKind::Code | ColumnKind::Ordinal => "auto",
            ColumnKind::Text => "1.7fr",
            ColumnKind::Amount | ColumnKind::Count | ColumnKind::Rate => "1fr",
        });
        s.push_str(", ");
    }
    // The zero-width column holding the cell that binds the notes to the last row.
    s.push_str("0pt)");
    s
}

fn grid(out: &mut String, t: &Table) {
    let n = t.columns.len();
    if n == 0 {
        notes_only(out, t);
        return;
    }
    let size = if t.wide || n > 8 { "9pt" } else { "10.5pt" };
    let rows_total = t.header.len() + t.rows.len();
    let has_notes = !t.notes.is_empty();
    let _ = writeln!(
        out,
        "set text(size: {size}, number-width: \"tabular\")\nset par(first-line-indent: 0em, justify: false, leading: 0.5em)\nset table.cell(breakable: false)\ntable(columns: {}, inset: (x: 4pt, y: 4pt), align: horizon,",
        widths(t)
    );
    // Ruled grid over the header and body; nothing around the notes row or the binding column.
    let _ = writeln!(
        out,
        "stroke: (x, y) => if x < {n} and y < {rows_total} {{ rule }} else {{ none }},"
    );
    if !t.header.is_empty() {
        out.push_str("table.header(repeat: true,\n");
        for (i, row) in t.header.iter().enumerate() {
            for h in row {
                let _ = write!(
                    out,
                    "table.cell(colspan: {}, rowspan: {}, align: center + horizon, text(font: heading-font, {})), ",
                    h.colspan.max(1),
                    h.rowspan.max(1),
                    lit(&h.text)
                );
            }
            if i == 0 {
                let _ = write!(out, "table.cell(rowspan: {}, []), ", t.header.len());
            }
            out.push('\n');
        }
        out.push_str("),\n");
    }
    let mut cover = Coverage::new(n);
    let last = t.rows.len().saturating_sub(1);
    for (i, row) in t.rows.iter().enumerate() {
        body_row(out, t, row, &mut cover);
        let bind = if i == last && has_notes { 2 } else { 1 };
        let _ = writeln!(out, "table.cell(rowspan: {bind}, []),");
    }
    let _ = writeln!(out, "table.vline(x: {n}, end: {rows_total}, stroke: rule),");
    let _ = writeln!(out, "table.hline(y: {rows_total}, end: {n}, stroke: rule),");
    if has_notes {
        let notes: String = t.notes.iter().map(|s| format!("flat({}); ", lit(s))).collect();
        let _ = writeln!(
            out,
            "table.cell(colspan: {n}, inset: (x: 0pt, top: 6pt, bottom: 0pt), align: left, {{ set text(size: 10.5pt); {notes} }}),"
        );
        if t.rows.is_empty() {
            // No body row to bind the notes to: the binding column's cell of the notes row.
            out.push_str("[],\n");
        }
    }
    out.push_str(")\n");
}

/// A table without columns: only its notes.
fn notes_only(out: &mut String, t: &Table) {
    for s in &t.notes {
        let _ = writeln!(out, "flat({})", lit(s));
    }
}

/// Which columns are still covered by a cell spanning down from an earlier body row.
struct Coverage {
    left: Vec<u16>,
}

impl Coverage {
    fn new(n: usize) -> Coverage {
        Coverage { left: vec![0; n] }
    }

    /// The starting column of each cell of the next row, marking the rows its cells cover.
    fn place(&mut self, row: &Row) -> Vec<usize> {
        let n = self.left.len();
        let mut starts = Vec::with_capacity(row.cells.len());
        let mut x = 0;
        for cell in &row.cells {
            while x < n && self.left[x] > 0 {
                x += 1;
            }
            starts.push(x.min(n.saturating_sub(1)));
            let span = usize::from(cell.colspan.max(1));
            for c in x..(x + span).min(n) {
                self.left[c] = cell.rowspan.max(1);
            }
            x += span;
        }
        for l in &mut self.left {
            *l = l.saturating_sub(1);
        }
        starts
    }
}

fn body_row(out: &mut String, t: &Table, row: &Row, cover: &mut Coverage) {
    let starts = cover.place(row);
    let strong = matches!(row.kind, RowKind::Total | RowKind::Class | RowKind::Subtotal);
    for (cell, &x) in row.cells.iter().zip(&starts) {
        let kind = t.columns.get(x).map_or(ColumnKind::Text, |c| c.kind);
        // The model indents per cell (a 06表 row holds a 类 on one side and a 款 on the other).
        let indent = match cell.indent {
            0 => "0em",
            1 => "1em",
            _ => "2em",
        };
        body_cell(out, cell, kind, row.kind, strong, indent);
    }
    out.push('\n');
}

fn body_cell(out: &mut String, cell: &Cell, kind: ColumnKind, row: RowKind, strong: bool, indent: &str) {
    let align = if row == RowKind::ColumnNumbers
        || kind == ColumnKind::Ordinal
        || matches!(cell.value, Value::NotApplicable)
    {
        "center"
    } else if kind.is_numeric() && !matches!(cell.value, Value::Text(_)) {
        "right"
    } else if kind.is_numeric() {
        "center"
    } else {
        "left"
    };
    let text = cell.value.display();
    let mut content = lit(&text);
    if strong || cell.label {
        content = format!("strong({content})");
    }
    if kind == ColumnKind::Text && indent != "0em" && !text.is_empty() {
        content = format!("pad(left: {indent}, {content})");
    }
    let _ = write!(
        out,
        "table.cell(colspan: {}, rowspan: {}, align: {align} + horizon, {content}), ",
        cell.colspan.max(1),
        cell.rowspan.max(1),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(lit("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(lit("x\ny\u{7}"), "\"x\\ny\\u{7}\"");
        assert_eq!(lit("#*_$@<>[]{}`/"), "\"#*_$@<>[]{}`/\"");
    }

    #[test]
    fn cover_title_splits_off_the_unit() {
        assert_eq!(
            cover_title("某局2024年度部门决算", "某局"),
            vec!["某局", "2024年度部门决算"]
        );
        assert_eq!(cover_title("年度决算", "某局"), vec!["年度决算"]);
        assert_eq!(cover_title("某局", "某局"), vec!["某局"]);
    }
}
