//! The Markdown writer: GitHub-flavoured Markdown, one file per report. Multi-level table
//! headers are flattened to one header row (each column's `label`), spans are written as the
//! cell followed by empty cells, and the 栏次 row is the first body row. Charts are left out:
//! the text states the same figures.

use super::{Format, WriteError, Writer};
use crate::document::{Block, Cell, Document, Inline, List, Paragraph, Slot, Table, Value};
use std::fmt::Write as _;

/// Writes GFM.
pub struct MarkdownWriter;

/// Escapes plain text for Markdown: Markdown's and HTML's special characters become character
/// references, which every renderer shows as the character itself; line breaks become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped for Markdown.
fn push_escaped(out: &mut String, s: &str) {
    const SPECIAL: [char; 16] = [
        '&', '<', '>', '"', '*', '_', '|', '[', ']', '\\', '`', '~', '#', '\n', '\r', '\t',
    ];
    if !s.contains(SPECIAL) {
        out.push_str(s);
        return;
    }
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '*' => out.push_str("&#42;"),
            '_' => out.push_str("&#95;"),
            '|' => out.push_str("&#124;"),
            '[' => out.push_str("&#91;"),
            ']' => out.push_str("&#93;"),
            '\\' => out.push_str("&#92;"),
            '`' => out.push_str("&#96;"),
            '~' => out.push_str("&#126;"),
            '#' => out.push_str("&#35;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// Escapes the start of a block, where Markdown would read a list item, a rule, a heading
/// underline, a block quote or an indented code block (`1. `, `- `, `+ `, `---`, `===`, spaces).
fn escape_block_start(s: String) -> String {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let first = s.chars().next();
    let risky = match first {
        Some('-' | '+' | '=' | ' ') => true,
        Some(c) if c.is_ascii_digit() => matches!(s.as_bytes().get(digits), Some(b'.' | b')')),
        _ => false,
    };
    if !risky {
        return s;
    }
    if digits > 0 {
        let (num, rest) = s.split_at(digits);
        let mark = if rest.starts_with('.') { "&#46;" } else { "&#41;" };
        return format!("{num}{mark}{}", &rest[1..]);
    }
    let c = first.unwrap_or(' ');
    format!("&#{};{}", c as u32, &s[c.len_utf8()..])
}

fn inlines(v: &[Inline], out: &mut String) {
    for i in v {
        match i {
            Inline::Text(t) => push_escaped(out, t),
            Inline::Strong(v) => {
                out.push_str("**");
                inlines(v, out);
                out.push_str("**");
            }
            Inline::Emphasis(v) => {
                out.push('*');
                inlines(v, out);
                out.push('*');
            }
            Inline::LineBreak => out.push_str("\\\n"),
        }
    }
}

fn paragraph(p: &Paragraph) -> String {
    let mut s = String::new();
    inlines(&p.inlines, &mut s);
    escape_block_start(s)
}

fn list(l: &List, out: &mut String) {
    for (i, item) in l.items.iter().enumerate() {
        match l.start {
            Some(n) => {
                let _ = writeln!(out, "{}. {}", n + i as u64, paragraph(item));
            }
            None => {
                let _ = writeln!(out, "- {}", paragraph(item));
            }
        }
    }
}

fn push_cell(out: &mut String, c: &Cell) {
    for _ in 0..c.indent {
        out.push('　');
    }
    match &c.value {
        Value::Text(t) | Value::Code(t) => push_escaped(out, t),
        v => out.push_str(&v.display()),
    }
}

/// One GFM row: a cell spanning rows is repeated in each (GFM has no row spans, and a reader
/// of one row must see its 一级指标); a cell spanning columns is followed by empty cells.
fn table_row(slots: &[Option<Slot<'_, Cell>>], out: &mut String) {
    out.push('|');
    for s in slots {
        match s {
            Some(Slot::Start(c)) | Some(Slot::Covered { by: c, above: true }) => {
                out.push(' ');
                push_cell(out, c);
                out.push_str(" |");
            }
            _ => out.push_str("  |"),
        }
    }
    out.push('\n');
}

/// A GFM table (without the heading, caption and notes).
fn gfm(t: &Table, out: &mut String) {
    let body = t.body_slots();
    let mut rows = body.iter();
    if t.header.is_empty() {
        // A form without a header (绩效自评表): its first row heads the GFM table.
        if let Some(first) = rows.next() {
            table_row(first, out);
        }
    } else {
        out.push('|');
        for c in &t.columns {
            let _ = write!(out, " {} |", escape(&c.label));
        }
        out.push('\n');
    }
    out.push('|');
    for c in &t.columns {
        out.push_str(
            if c.kind.is_numeric() || c.kind == crate::document::ColumnKind::Ordinal {
                "---:|"
            } else {
                "---|"
            },
        );
    }
    out.push('\n');
    for r in rows {
        table_row(r, out);
    }
}

impl MarkdownWriter {
    /// The report as Markdown text.
    pub fn text(&self, doc: &Document) -> String {
        let mut out = String::with_capacity(64 * 1024);
        let block = |out: &mut String, s: &str| {
            out.push_str(s.trim_end_matches('\n'));
            out.push_str("\n\n");
        };
        for b in &doc.blocks {
            match b {
                Block::Cover(c) => {
                    block(&mut out, &format!("# {}", escape(&c.title)));
                    for l in &c.lines {
                        block(&mut out, &escape_block_start(escape(l)));
                    }
                }
                Block::Toc => {
                    let mut s = String::new();
                    for h in doc.outline() {
                        let indent = if h.level <= 2 { "" } else { "  " };
                        let _ = writeln!(s, "{indent}- {}", escape(h.toc_entry()));
                    }
                    block(&mut out, &s);
                }
                Block::Heading(h) => block(
                    &mut out,
                    &format!(
                        "{} {}",
                        "#".repeat(usize::from(h.level.clamp(1, 6))),
                        escape(&h.text)
                    ),
                ),
                Block::Paragraph(p) => block(&mut out, &paragraph(p)),
                Block::List(l) => {
                    let mut s = String::new();
                    list(l, &mut s);
                    block(&mut out, &s);
                }
                Block::Table(t) => {
                    if let Some(h) = &t.heading {
                        block(&mut out, &format!("### {}", escape(&h.text)));
                    }
                    if let Some(c) = &t.caption {
                        block(&mut out, &escape_block_start(escape(&c.line())));
                    }
                    let mut s = String::new();
                    gfm(t, &mut s);
                    block(&mut out, &s);
                    for n in &t.notes {
                        block(&mut out, &escape_block_start(escape(n)));
                    }
                }
                Block::Chart(_) | Block::PageBreak => {}
            }
        }
        let trimmed = out.trim_end_matches('\n').len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }
}

impl Writer for MarkdownWriter {
    fn format(&self) -> Format {
        Format::Markdown
    }

    fn write(&self, doc: &Document) -> Result<Vec<u8>, WriteError> {
        Ok(self.text(doc).into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_starts_that_markdown_would_read_are_escaped() {
        assert_eq!(escape_block_start("1. 甲".into()), "1&#46; 甲");
        assert_eq!(escape_block_start("12) 甲".into()), "12&#41; 甲");
        assert_eq!(escape_block_start("- 甲".into()), "&#45; 甲");
        assert_eq!(escape_block_start("    代码".into()), "&#32;   代码");
        assert_eq!(escape_block_start("2024年度".into()), "2024年度");
        assert_eq!(escape("a|b<c>*"), "a&#124;b&lt;c&gt;&#42;");
    }
}
