//! Prose: the Markdown that the profile's templates write → document blocks. Marker lines
//! (`[[juesuan:table:t05]]`, see [`crate::templates`]) split the text into pieces; each Markdown
//! piece is parsed with pulldown-cmark into headings, paragraphs, lists and (GFM) tables.
//!
//! What the reader sees is plain text: raw HTML in a template is kept as literal text, never
//! markup, and a soft line break inside a paragraph joins the lines (Chinese text has no spaces
//! between words), so a long sentence can be written over several template lines.

use super::model::{
    Block, Cell, Column, ColumnKind, HeaderCell, Heading, Inline, List, Paragraph, Row, RowKind, Table,
};
use crate::templates::MARKER;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A piece of the templates' output.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    /// Markdown text.
    Markdown(&'a str),
    /// A marker line: what it places and its argument.
    Marker {
        /// "table", "chart", "toc", "cover", "table_index", "evaluation".
        what: &'a str,
        /// The table key, chart name, project number; empty where none.
        arg: &'a str,
    },
}

/// Splits the templates' output at marker lines.
pub fn split(md: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for line in md.split_inclusive('\n') {
        let t = line.trim();
        if let Some(inner) = t.strip_prefix(MARKER).and_then(|r| r.strip_suffix("]]")) {
            if pos > start {
                out.push(Piece::Markdown(&md[start..pos]));
            }
            let (what, arg) = inner.split_once(':').unwrap_or((inner, ""));
            out.push(Piece::Marker { what, arg });
            start = pos + line.len();
        }
        pos += line.len();
    }
    if md.len() > start {
        out.push(Piece::Markdown(&md[start..]));
    }
    out
}

/// The Markdown options juesuan reads prose with (one place).
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Inline runs being collected, innermost last.
struct Inlines {
    stack: Vec<(Option<bool>, Vec<Inline>)>,
}

impl Inlines {
    fn new() -> Inlines {
        Inlines {
            stack: vec![(None, Vec::new())],
        }
    }
    fn push(&mut self, i: Inline) {
        if let Some((_, v)) = self.stack.last_mut() {
            // Adjacent text runs join, so a paragraph is one run where nothing is emphasised.
            if let (Inline::Text(new), Some(Inline::Text(prev))) = (&i, v.last_mut()) {
                prev.push_str(new);
                return;
            }
            v.push(i);
        }
    }
    fn open(&mut self, strong: bool) {
        self.stack.push((Some(strong), Vec::new()));
    }
    fn close(&mut self) {
        if self.stack.len() > 1 {
            let (kind, v) = self.stack.pop().unwrap_or_default();
            let i = if kind == Some(true) {
                Inline::Strong(v)
            } else {
                Inline::Emphasis(v)
            };
            if let Some((_, outer)) = self.stack.last_mut() {
                outer.push(i);
            }
        }
    }
    fn take(&mut self) -> Vec<Inline> {
        while self.stack.len() > 1 {
            self.close();
        }
        let mut v = std::mem::take(&mut self.stack[0].1);
        if let Some(Inline::Text(t)) = v.last_mut() {
            let trimmed = t.trim_end().len();
            t.truncate(trimmed);
        }
        v
    }
}

fn level_of(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        _ => 4,
    }
}

/// A GFM table being collected.
struct GfmTable {
    aligns: Vec<Alignment>,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    in_head: bool,
}

impl GfmTable {
    fn into_table(self) -> Table {
        let columns: Vec<Column> = self
            .head
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let kind = match self.aligns.get(i) {
                    Some(Alignment::Right) => ColumnKind::Rate,
                    _ => ColumnKind::Text,
                };
                Column::new(format!("c{}", i + 1), h.clone(), kind)
            })
            .collect();
        let width = columns.len();
        Table {
            key: "prose".into(),
            heading: None,
            title: String::new(),
            caption: None,
            header: vec![
                self.head
                    .iter()
                    .map(|h| HeaderCell::new(h.clone(), 1, 1))
                    .collect(),
            ],
            columns,
            rows: self
                .rows
                .into_iter()
                .map(|r| Row {
                    kind: RowKind::Plain,
                    cells: r
                        .into_iter()
                        .chain(std::iter::repeat(String::new()))
                        .take(width)
                        .map(|t| {
                            if t.is_empty() {
                                Cell::empty()
                            } else {
                                Cell::text(t)
                            }
                        })
                        .collect(),
                })
                .collect(),
            notes: Vec::new(),
            empty: false,
            wide: false,
            missing: Vec::new(),
            lines: Vec::new(),
        }
    }
}

/// Parses one Markdown piece into blocks. Heading ids are left empty (the document assigns
/// them in order).
pub fn parse(md: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut inl = Inlines::new();
    let mut heading: Option<u8> = None;
    let mut list: Option<List> = None;
    let mut table: Option<GfmTable> = None;
    let mut cell = String::new();
    let mut row: Vec<String> = Vec::new();
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level_of(level)),
            Event::End(TagEnd::Heading(_)) => {
                let text = Paragraph { inlines: inl.take() }.text();
                let level = heading.take().unwrap_or(4);
                blocks.push(Block::Heading(Heading {
                    level,
                    text,
                    toc_text: None,
                    id: String::new(),
                    in_toc: false,
                }));
            }
            Event::Start(Tag::List(start)) => {
                list = Some(List {
                    start,
                    items: Vec::new(),
                })
            }
            Event::End(TagEnd::Item) => {
                let p = Paragraph { inlines: inl.take() };
                if let Some(l) = list.as_mut() {
                    l.items.push(p);
                }
            }
            Event::End(TagEnd::List(_)) => {
                if let Some(l) = list.take() {
                    blocks.push(Block::List(l));
                }
            }
            Event::End(TagEnd::Paragraph) if list.is_none() => {
                let inlines = inl.take();
                if !inlines.is_empty() {
                    blocks.push(Block::Paragraph(Paragraph { inlines }));
                }
            }
            Event::Start(Tag::Table(aligns)) => {
                table = Some(GfmTable {
                    aligns,
                    head: Vec::new(),
                    rows: Vec::new(),
                    in_head: false,
                })
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.in_head = true;
                }
            }
            Event::End(TagEnd::TableCell) => {
                let text = Paragraph { inlines: inl.take() }.text();
                cell.clear();
                row.push(text.trim().to_string());
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.head = std::mem::take(&mut row);
                    t.in_head = false;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.rows.push(std::mem::take(&mut row));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    blocks.push(Block::Table(Box::new(t.into_table())));
                }
            }
            Event::Start(Tag::Strong) => inl.open(true),
            Event::Start(Tag::Emphasis) => inl.open(false),
            Event::End(TagEnd::Strong) | Event::End(TagEnd::Emphasis) => inl.close(),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                inl.push(Inline::Text(t.to_string()))
            }
            Event::HardBreak => inl.push(Inline::LineBreak),
            Event::SoftBreak => {}
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {
                let inlines = inl.take();
                if !inlines.is_empty() {
                    blocks.push(Block::Paragraph(Paragraph { inlines }));
                }
            }
            _ => {}
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_split_the_text() {
        let md = "甲\n\n[[juesuan:table:t05]]\n\n乙\n[[juesuan:toc:]]\n";
        assert_eq!(
            split(md),
            vec![
                Piece::Markdown("甲\n\n"),
                Piece::Marker {
                    what: "table",
                    arg: "t05"
                },
                Piece::Markdown("\n乙\n"),
                Piece::Marker { what: "toc", arg: "" },
            ]
        );
        // An escaped marker (user text) is text, not a marker.
        assert_eq!(split("&#91;&#91;juesuan:toc:&#93;&#93;\n").len(), 1);
    }

    #[test]
    fn prose_becomes_blocks() {
        let b = parse(
            "## 第一部分\n\n**（一）总体**\n\n本年收入\n合计1.00万元。\n\n1. 甲\n2. 乙\n\n| 序号 | 名称 |\n|---:|---|\n| 1 | 某 |\n\n<b>x</b>\n",
        );
        let kinds: Vec<&str> = b
            .iter()
            .map(|b| match b {
                Block::Heading(_) => "h",
                Block::Paragraph(_) => "p",
                Block::List(_) => "l",
                Block::Table(_) => "t",
                _ => "?",
            })
            .collect();
        assert_eq!(kinds, ["h", "p", "p", "l", "t", "p"]);
        let Block::Paragraph(p) = &b[2] else { panic!() };
        assert_eq!(p.text(), "本年收入合计1.00万元。", "soft breaks join CJK lines");
        let Block::Paragraph(p) = &b[5] else { panic!() };
        assert_eq!(p.text(), "<b>x</b>", "raw HTML stays text");
    }

    #[test]
    fn escaped_user_text_comes_back_verbatim() {
        let mut out = Vec::new();
        let user = "1. <b>甲</b> *乙* | [链接](x) ---";
        crate::templates::filters::escape_md(user, &mut out).unwrap();
        let md = String::from_utf8(out).unwrap();
        let b = parse(&md);
        let Block::Paragraph(p) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(p.text(), user);
    }
}
