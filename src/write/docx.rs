//! DOCX writer: the whole report as an editable Word document, WordprocessingML written directly
//! into a zip.
//!
//! What Word (and WPS, LibreOffice) get:
//! - the cover on a page of its own without a page number, then pages numbered from 1 in the
//!   footer (a `PAGE` field);
//! - the 目录 as Word's built-in `TOC` field, pre-filled with the document's outline (each entry
//!   a link to its heading with a `PAGEREF` page number), so it reads right before anyone presses
//!   "更新域" and updates like any Word TOC (the settings ask Word to update fields on opening).
//!   Where a heading's 目录 text differs from its page text (the Shanghai tables: "一、收入支出决算
//!   总表" in the 目录, "收入支出决算总表" on the page) the field is built from `TC` fields, one in
//!   each listed heading carrying the 目录's text, so an updated TOC lists what the others list;
//! - headings in the built-in styles Heading 1–4 (`heading 1` …), so the navigation pane and the
//!   TOC work; a heading the 目录 does not list keeps its style but has outline level "body
//!   text", so an updated TOC lists exactly what the other formats list;
//! - paragraphs in Body Text (宋体 12 pt, first line indented two characters), lists with Word
//!   numbering, bold and italic runs, line breaks;
//! - tables with fixed column widths for Chinese text, merged header cells both ways
//!   (`gridSpan`, `vMerge`), header rows repeated on every page (`tblHeader`), rows that never
//!   split across pages, names indented as each cell says, the title, caption line and notes;
//! - East Asian fonts: 宋体 for text, 黑体 for headings and titles (Times New Roman for Latin);
//! - A4 portrait, with each wide table in a landscape section of its own;
//! - page breaks where the document has them (none doubled by a section break).
//!
//! Charts are not drawn: each chart is its caption and its figures in words, the text the HTML
//! gives screen readers (an image would need a rasterizer, or SVG that only Word 2016+ shows).
//!
//! Every text is XML-escaped and stripped of characters XML 1.0 cannot carry. The output is
//! deterministic: fixed part order, zip timestamps at the zip epoch, and no dates in the core
//! properties.

use crate::document::{
    Block, Chart, ChartKind, ColumnKind, Cover, Document, Heading, Inline, List, RowKind, Table, Value,
};
use crate::money::format_fixed;
use crate::write::layout::{self, Placed};
use crate::write::{Format, WriteError, Writer};
use std::fmt::Write as _;
use std::io::Write as _;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Writes a document as a DOCX file.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocxWriter;

impl Writer for DocxWriter {
    fn format(&self) -> Format {
        Format::Docx
    }

    fn write(&self, doc: &Document) -> Result<Vec<u8>, WriteError> {
        package(doc).map_err(|e| WriteError {
            format: Format::Docx,
            message: e.to_string(),
        })
    }
}

/// A4 in twentieths of a point.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// Page margin on every side (2.54 cm).
const MARGIN: u32 = 1440;

/// The text width of a page, portrait or landscape.
fn text_width(landscape: bool) -> u32 {
    if landscape {
        PAGE_H - 2 * MARGIN
    } else {
        PAGE_W - 2 * MARGIN
    }
}

fn package(doc: &Document) -> zip::result::ZipResult<Vec<u8>> {
    let body = body(doc);
    let parts: [(&str, String); 11] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core_props(doc)),
        ("docProps/app.xml", app_props(doc)),
        ("word/document.xml", body.document),
        ("word/styles.xml", styles()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/numbering.xml", numbering(&body.lists)),
        ("word/fontTable.xml", FONT_TABLE.to_string()),
        ("word/footer1.xml", FOOTER.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
    ];
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, xml) in parts {
        zip.start_file(name, options)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Escapes text for XML character data and attribute values, dropping the characters XML 1.0
/// cannot hold (control characters other than tab, line feed and carriage return).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Run properties.
#[derive(Debug, Clone, Copy, Default)]
struct RunStyle {
    bold: bool,
    italic: bool,
}

impl RunStyle {
    fn rpr(self) -> String {
        let mut s = String::new();
        if self.bold {
            s.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            s.push_str("<w:i/><w:iCs/>");
        }
        if s.is_empty() {
            s
        } else {
            format!("<w:rPr>{s}</w:rPr>")
        }
    }
}

/// Runs for `text`: line feeds become breaks, tabs become tabs.
fn runs(text: &str, style: RunStyle) -> String {
    let mut out = String::new();
    let rpr = style.rpr();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            let _ = write!(out, "<w:r>{rpr}<w:br/></w:r>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                let _ = write!(out, "<w:r>{rpr}<w:tab/></w:r>");
            }
            let piece = piece.trim_end_matches('\r');
            if !piece.is_empty() {
                let _ = write!(
                    out,
                    "<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                    esc(piece)
                );
            }
        }
    }
    out
}

fn inline_runs(inlines: &[Inline], style: RunStyle, out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) => out.push_str(&runs(t, style)),
            Inline::Strong(v) => inline_runs(v, RunStyle { bold: true, ..style }, out),
            Inline::Emphasis(v) => inline_runs(
                v,
                RunStyle {
                    italic: true,
                    ..style
                },
                out,
            ),
            Inline::LineBreak => out.push_str("<w:r><w:br/></w:r>"),
        }
    }
}

/// A paragraph of `style` holding `content` (runs), with extra paragraph properties.
fn para(style: &str, ppr_extra: &str, content: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{ppr_extra}</w:pPr>{content}</w:p>")
}

/// `text` as a quoted field argument: `"` and `\` escaped with a backslash, as Word's field
/// syntax wants (the caller XML-escapes the result).
fn field_text(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('"');
    s
}

/// A bookmark name Word accepts for a heading id: `_Toc` (hidden, as Word's own TOC
/// bookmarks are) and the id's letters and digits, at most 40 characters.
fn bookmark(id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let mut name = format!("_Toc_{clean}");
    name.truncate(40);
    name
}

/// The list instances of a document, in order: `None` bulleted, `Some(start)` numbered. List
/// *i* has numbering id *i + 1*.
type Lists = Vec<Option<u64>>;

/// The document part and what the other parts need from it.
struct Built {
    document: String,
    lists: Lists,
}

/// Builds `word/document.xml`, keeping track of sections (portrait, landscape) and pending
/// page breaks.
struct Body<'a> {
    doc: &'a Document,
    out: String,
    lists: Lists,
    /// The open section is landscape.
    landscape: bool,
    /// The open section has content.
    has_content: bool,
    /// A page break is due before the next content.
    pending_break: bool,
    /// Sections closed so far (the first, when it holds the cover, has no page number).
    sections: usize,
    /// The open section is the cover's.
    cover_section: bool,
    /// Bookmark ids given out.
    bookmarks: u32,
    /// Whether Word's TOC is built from `TC` fields (one in each listed heading, with the text
    /// the 目录 lists) rather than from the heading paragraphs: so when a heading's 目录 text
    /// differs from its page text (the Shanghai tables), an updated TOC still lists the 目录's.
    toc_from_entries: bool,
}

fn body(doc: &Document) -> Built {
    let mut b = Body {
        doc,
        out: String::new(),
        lists: Vec::new(),
        landscape: false,
        has_content: false,
        pending_break: false,
        sections: 0,
        cover_section: false,
        bookmarks: 0,
        toc_from_entries: doc.outline().iter().any(|h| h.distinct_toc_text().is_some()),
    };
    for block in &doc.blocks {
        b.block(block);
    }
    if b.out.ends_with("</w:tbl>") {
        // The body ends with a paragraph, as Word's own files do.
        b.out.push_str(&para("TableText", "", ""));
    }
    let last = b.sect_pr();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>{}{last}</w:body></w:document>",
        b.out
    );
    Built {
        document,
        lists: b.lists,
    }
}

impl Body<'_> {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Cover(c) => self.cover(c),
            Block::Toc => self.toc(),
            Block::Heading(h) => {
                self.orient(false);
                let ppr = self.take_break();
                let p = self.heading(h, &ppr);
                self.push(&p);
            }
            Block::Paragraph(p) => {
                self.orient(false);
                let ppr = self.take_break();
                let mut content = String::new();
                inline_runs(&p.inlines, RunStyle::default(), &mut content);
                self.push(&para("BodyText", &ppr, &content));
            }
            Block::List(l) => self.list(l),
            Block::Table(t) => self.table(t),
            Block::Chart(c) => self.chart(c),
            Block::PageBreak => {
                if self.has_content {
                    self.pending_break = true;
                }
            }
        }
    }

    fn push(&mut self, xml: &str) {
        self.out.push_str(xml);
        self.has_content = true;
    }

    /// The paragraph property that carries a pending page break (`pageBreakBefore`), once.
    fn take_break(&mut self) -> String {
        if std::mem::take(&mut self.pending_break) {
            "<w:pageBreakBefore/>".into()
        } else {
            String::new()
        }
    }

    /// Makes the open section portrait or landscape, closing it first when it has content in
    /// the other orientation. A section break starts a new page, so a pending page break is
    /// dropped with it.
    fn orient(&mut self, landscape: bool) {
        if self.landscape != landscape {
            if self.has_content {
                self.close_section();
            }
            self.landscape = landscape;
        }
    }

    fn close_section(&mut self) {
        let sect = self.sect_pr();
        // The section's properties ride on a paragraph of its own, made as small as possible.
        let _ = write!(
            self.out,
            "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr>{sect}</w:pPr></w:p>"
        );
        self.sections += 1;
        self.has_content = false;
        self.pending_break = false;
        self.cover_section = false;
    }

    /// The properties of the open section.
    fn sect_pr(&self) -> String {
        let (w, h, orient) = if self.landscape {
            (PAGE_H, PAGE_W, " w:orient=\"landscape\"")
        } else {
            (PAGE_W, PAGE_H, "")
        };
        let footer = if self.cover_section {
            String::new()
        } else {
            "<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>".into()
        };
        // Pages are numbered from 1 after the cover.
        let restart = if !self.cover_section && self.sections == 1 && self.first_was_cover() {
            "<w:pgNumType w:start=\"1\"/>"
        } else {
            ""
        };
        format!(
            "<w:sectPr>{footer}<w:type w:val=\"nextPage\"/><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>{restart}<w:cols w:space=\"425\"/><w:docGrid w:linePitch=\"312\"/></w:sectPr>"
        )
    }

    fn first_was_cover(&self) -> bool {
        matches!(self.doc.blocks.first(), Some(Block::Cover(_)))
    }

    fn cover(&mut self, c: &Cover) {
        if self.has_content {
            self.close_section();
        }
        self.landscape = false;
        self.cover_section = true;
        let title = para("Title", "", &runs(&c.title, RunStyle::default()));
        self.push(&title);
        for line in &c.lines {
            let p = para("Subtitle", "", &runs(line, RunStyle::default()));
            self.push(&p);
        }
        self.close_section();
    }

    fn heading(&mut self, h: &Heading, ppr_extra: &str) -> String {
        let level = h.level.clamp(1, 4);
        let mut ppr = ppr_extra.to_string();
        if !h.in_toc {
            // Keeps the heading's look but out of an updated TOC.
            ppr.push_str("<w:outlineLvl w:val=\"9\"/>");
        }
        self.bookmarks += 1;
        let id = self.bookmarks;
        let name = bookmark(&h.id);
        // The TOC entry this heading makes, where the TOC is built from entries: a `TC` field
        // (no result, so nothing shows on the page) just before the text, as Word places one.
        let entry = if self.toc_from_entries && h.in_toc {
            format!(
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TC {} \\l {level} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
                esc(&field_text(h.toc_entry()))
            )
        } else {
            String::new()
        };
        let content = format!(
            "<w:bookmarkStart w:id=\"{id}\" w:name=\"{name}\"/>{entry}{}<w:bookmarkEnd w:id=\"{id}\"/>",
            runs(&h.text, RunStyle::default())
        );
        para(&format!("Heading{level}"), &ppr, &content)
    }

    fn toc(&mut self) {
        self.orient(false);
        // The document gives the 目录 its own heading; the field follows it. A pending page
        // break rides on the field's first paragraph.
        let ppr = self.take_break();
        // From the heading paragraphs (`\o`, `\u`), or, where a 目录 text differs from its
        // heading's, from the headings' `TC` fields alone (`\f`, levels 1–4).
        let switches = if self.toc_from_entries {
            r#"\f \l "1-4" \h \z"#
        } else {
            r#"\o "1-4" \h \z \u"#
        };
        let begin = format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC {switches} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        );
        let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
        let outline = self.doc.outline();
        if outline.is_empty() {
            let p = para("TOC1", &ppr, &format!("{begin}{end}"));
            self.push(&p);
            return;
        }
        let n = outline.len();
        let mut xml = String::new();
        for (i, h) in outline.iter().enumerate() {
            let name = bookmark(&h.id);
            let entry = format!(
                "<w:hyperlink w:anchor=\"{name}\" w:history=\"1\">{}<w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGEREF {name} \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t></w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:hyperlink>",
                runs(h.toc_entry(), RunStyle::default())
            );
            let content = match (i == 0, i + 1 == n) {
                (true, true) => format!("{begin}{entry}{end}"),
                (true, false) => format!("{begin}{entry}"),
                (false, true) => format!("{entry}{end}"),
                (false, false) => entry,
            };
            let ppr = if i == 0 { ppr.as_str() } else { "" };
            xml.push_str(&para(&format!("TOC{}", h.level.clamp(1, 4)), ppr, &content));
        }
        self.push(&xml);
    }

    fn list(&mut self, l: &List) {
        self.orient(false);
        self.lists.push(l.start);
        let num = self.lists.len();
        for item in &l.items {
            let mut ppr = self.take_break();
            let _ = write!(
                ppr,
                "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr>"
            );
            let mut content = String::new();
            inline_runs(&item.inlines, RunStyle::default(), &mut content);
            self.push(&para("ListParagraph", &ppr, &content));
        }
    }

    fn chart(&mut self, c: &Chart) {
        let words: Vec<String> = match &c.kind {
            ChartKind::Ring { parts } => parts
                .iter()
                .filter(|p| !p.amount.is_zero())
                .map(|p| {
                    format!(
                        "{}{}万元，占{}%",
                        p.name,
                        format_fixed(p.amount, 2, true),
                        format_fixed(p.share, c.percent_decimals, false)
                    )
                })
                .collect(),
            ChartKind::Bars { groups } => {
                if groups.iter().all(|g| g.bars.iter().all(|b| b.1.is_zero())) {
                    Vec::new()
                } else {
                    groups
                        .iter()
                        .map(|g| {
                            let bars: Vec<String> = g
                                .bars
                                .iter()
                                .map(|(n, v)| format!("{n}{}万元", format_fixed(*v, 2, true)))
                                .collect();
                            format!("{}：{}", g.label, bars.join("，"))
                        })
                        .collect()
                }
            }
        };
        // The other formats draw nothing for a chart of zeros; neither does this one.
        if words.is_empty() {
            return;
        }
        self.orient(false);
        let ppr = self.take_break();
        let cap = para("Caption", &ppr, &runs(&c.caption, RunStyle::default()));
        self.push(&cap);
        let p = para(
            "BodyText",
            "",
            &runs(&format!("{}。", words.join("；")), RunStyle::default()),
        );
        self.push(&p);
    }

    fn table(&mut self, t: &Table) {
        self.orient(t.wide);
        let width = text_width(self.landscape);
        let mut ppr = self.take_break();
        // A heading that prints the bare title (the Shanghai tables) is the title line itself,
        // centred as the title is; the title is then not printed a second time.
        let titled = t.heading.as_ref().is_some_and(|h| h.text == t.title);
        if let Some(h) = &t.heading {
            let extra = if titled {
                format!("{ppr}<w:jc w:val=\"center\"/>")
            } else {
                ppr.clone()
            };
            let p = self.heading(h, &extra);
            self.push(&p);
            ppr.clear();
        }
        if !t.title.is_empty() && !titled {
            self.push(&para("TableTitle", &ppr, &runs(&t.title, RunStyle::default())));
            ppr.clear();
        }
        if let Some(c) = t.caption.as_ref().filter(|c| !c.full()) {
            self.push(&para(
                "TableCaption",
                &format!("{ppr}<w:jc w:val=\"right\"/>"),
                &runs(&c.unit, RunStyle::default()),
            ));
            ppr.clear();
        }
        if let Some(c) = t.caption.as_ref().filter(|c| c.full()) {
            self.push(&para(
                "TableCaption",
                &format!("{ppr}<w:jc w:val=\"right\"/>"),
                &runs(&c.number, RunStyle::default()),
            ));
            ppr.clear();
            let tabs = format!(
                "<w:tabs><w:tab w:val=\"center\" w:pos=\"{}\"/><w:tab w:val=\"right\" w:pos=\"{width}\"/></w:tabs>",
                width / 2
            );
            let line = format!("编制单位：{}\t{}\t{}", c.organisation, c.period, c.unit);
            self.push(&para("TableCaption", &tabs, &runs(&line, RunStyle::default())));
        }
        if !ppr.is_empty() {
            // A table cannot carry a page break itself: an empty paragraph does.
            self.push(&para("TableText", &ppr, ""));
        }
        if !t.columns.is_empty() {
            // Word joins two tables with nothing between them into one: keep them apart.
            if self.out.ends_with("</w:tbl>") {
                self.push(&para("TableText", "", ""));
            }
            let xml = table_xml(t, width);
            self.push(&xml);
        }
        for note in &t.notes {
            self.push(&para("TableNote", "", &runs(note, RunStyle::default())));
        }
    }
}

/// Widths of the table's columns in twentieths of a point, filling `width`.
fn grid(t: &Table, width: u32) -> Vec<u32> {
    let want = layout::column_widths(t);
    let total: f64 = want.iter().sum();
    let mut cols: Vec<u32> = want
        .iter()
        .map(|w| (w / total * f64::from(width)).floor() as u32)
        .collect();
    let used: u32 = cols.iter().sum();
    if let Some(last) = cols.last_mut() {
        *last += width - used;
    }
    cols
}

/// One position of a table row: a cell starting here, or the continuation of a cell above.
enum Position<'a, C> {
    Start(Placed<'a, C>),
    Continue { colspan: usize },
}

/// The slots of each of `height` rows, left to right.
fn slots<'a, C>(placed: Vec<Placed<'a, C>>, height: usize) -> Vec<Vec<(usize, Position<'a, C>)>> {
    let mut rows: Vec<Vec<(usize, Position<'a, C>)>> = (0..height).map(|_| Vec::new()).collect();
    for p in placed {
        for row in rows.iter_mut().skip(p.row + 1).take(p.rowspan - 1) {
            row.push((p.col, Position::Continue { colspan: p.colspan }));
        }
        rows[p.row].push((p.col, Position::Start(p)));
    }
    for r in &mut rows {
        r.sort_by_key(|(c, _)| *c);
    }
    rows
}

/// Cell properties, in schema order (`tcW`, `gridSpan`, `vMerge`, then `extra` — borders or
/// shading — and `vAlign`).
fn tc_pr(cols: &[u32], col: usize, colspan: usize, vmerge: &str, extra: &str) -> String {
    let w: u32 = cols[col..col + colspan].iter().sum();
    let span = if colspan > 1 {
        format!("<w:gridSpan w:val=\"{colspan}\"/>")
    } else {
        String::new()
    };
    format!(
        "<w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{span}{vmerge}{extra}<w:vAlign w:val=\"center\"/></w:tcPr>"
    )
}

fn vmerge(rowspan: usize) -> &'static str {
    if rowspan > 1 {
        "<w:vMerge w:val=\"restart\"/>"
    } else {
        ""
    }
}

fn table_xml(t: &Table, width: u32) -> String {
    let n = t.columns.len();
    let cols = grid(t, width);
    let mut x = String::new();
    let _ = write!(
        x,
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{width}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
    );
    for c in &cols {
        let _ = write!(x, "<w:gridCol w:w=\"{c}\"/>");
    }
    x.push_str("</w:tblGrid>");

    let header: Vec<&[_]> = t.header.iter().map(Vec::as_slice).collect();
    let placed = layout::place(&header, n);
    for row in slots(placed, t.header.len()) {
        x.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (col, slot) in row {
            match slot {
                Position::Start(p) => {
                    let pr = tc_pr(
                        &cols,
                        col,
                        p.colspan,
                        vmerge(p.rowspan),
                        "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>",
                    );
                    let text = runs(
                        &p.cell.text,
                        RunStyle {
                            bold: true,
                            italic: false,
                        },
                    );
                    let _ = write!(
                        x,
                        "<w:tc>{pr}{}</w:tc>",
                        para("TableText", "<w:jc w:val=\"center\"/>", &text)
                    );
                }
                Position::Continue { colspan } => {
                    let pr = tc_pr(
                        &cols,
                        col,
                        colspan,
                        "<w:vMerge/>",
                        "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>",
                    );
                    let _ = write!(x, "<w:tc>{pr}{}</w:tc>", para("TableText", "", ""));
                }
            }
        }
        x.push_str("</w:tr>");
    }

    let body: Vec<&[_]> = t.rows.iter().map(|r| r.cells.as_slice()).collect();
    let placed = layout::place(&body, n);
    for (r, row) in slots(placed, t.rows.len()).into_iter().enumerate() {
        let kind = t.rows[r].kind;
        x.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (col, slot) in row {
            match slot {
                Position::Start(p) => {
                    let pr = tc_pr(&cols, col, p.colspan, vmerge(p.rowspan), "");
                    let column = t.columns.get(col).map(|c| c.kind).unwrap_or(ColumnKind::Text);
                    let bold =
                        p.cell.label || matches!(kind, RowKind::Total | RowKind::Class | RowKind::Subtotal);
                    let jc = match (&p.cell.value, column) {
                        (_, ColumnKind::Ordinal) | (Value::NotApplicable, _) => "center",
                        (Value::Amount(_) | Value::Count(_) | Value::Rate(_), _) => "right",
                        _ if kind == RowKind::ColumnNumbers || p.cell.label => "center",
                        (_, k) if k.is_numeric() => "right",
                        _ => "left",
                    };
                    // Schema order: w:ind before w:jc.
                    let mut ppr = String::new();
                    let indent = p.cell.indent;
                    if indent > 0 && jc == "left" {
                        let chars = u32::from(indent) * 100;
                        let _ = write!(ppr, "<w:ind w:leftChars=\"{chars}\" w:left=\"{}\"/>", chars * 2);
                    }
                    let _ = write!(ppr, "<w:jc w:val=\"{jc}\"/>");
                    let text = runs(&p.cell.value.display(), RunStyle { bold, italic: false });
                    let _ = write!(x, "<w:tc>{pr}{}</w:tc>", para("TableText", &ppr, &text));
                }
                Position::Continue { colspan } => {
                    let pr = tc_pr(&cols, col, colspan, "<w:vMerge/>", "");
                    let _ = write!(x, "<w:tc>{pr}{}</w:tc>", para("TableText", "", ""));
                }
            }
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

// ---------------------------------------------------------------------------------------------
// The fixed parts.

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:updateFields w:val="true"/><w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const FONT_TABLE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font><w:font w:name="黑体"><w:altName w:val="SimHei"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font></w:fonts>"#;

const FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#;

fn core_props(doc: &Document) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:description>{}</dc:description><dc:language>zh-CN</dc:language></cp:coreProperties>",
        esc(&doc.meta.title),
        esc(&doc.meta.unit_name),
        esc(&doc.meta.generator)
    )
}

fn app_props(doc: &Document) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>{}</Application></Properties>",
        esc(&doc.meta.generator)
    )
}

/// Fonts of a style: Latin, East Asian.
fn fonts(latin: &str, east_asia: &str) -> String {
    format!("<w:rFonts w:ascii=\"{latin}\" w:hAnsi=\"{latin}\" w:eastAsia=\"{east_asia}\" w:cs=\"{latin}\"/>")
}

fn styles() -> String {
    let song = fonts("Times New Roman", "宋体");
    let hei = fonts("Times New Roman", "黑体");
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    let _ = write!(
        s,
        "<w:docDefaults><w:rPrDefault><w:rPr>{song}<w:kern w:val=\"2\"/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"360\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    );
    s.push_str("<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:widowControl w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr></w:style>");
    s.push_str("<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>");
    s.push_str("<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");
    s.push_str("<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/><w:semiHidden/></w:style>");
    // Headings: 黑体, centred for the title and the 部分, left below.
    for (level, size, centred) in [(1u8, 44u32, true), (2, 32, true), (3, 30, false), (4, 28, false)] {
        let jc = if centred { "center" } else { "left" };
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"120\" w:line=\"360\" w:lineRule=\"auto\"/><w:jc w:val=\"{jc}\"/><w:outlineLvl w:val=\"{}\"/></w:pPr><w:rPr>{hei}<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>",
            level - 1
        );
    }
    let _ = write!(
        s,
        "<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"480\"/></w:pPr></w:style>"
    );
    let _ = write!(
        s,
        "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Subtitle\"/><w:qFormat/><w:pPr><w:spacing w:before=\"4800\" w:after=\"1200\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>{hei}<w:sz w:val=\"52\"/><w:szCs w:val=\"52\"/></w:rPr></w:style>"
    );
    let _ = write!(
        s,
        "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:before=\"240\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
    );
    for level in 1..=4u32 {
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\" w:styleId=\"TOC{level}\"><w:name w:val=\"toc {level}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"39\"/><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{}\"/></w:tabs><w:ind w:left=\"{}\"/></w:pPr></w:style>",
            text_width(false),
            (level - 1) * 420
        );
    }
    let _ = write!(
        s,
        "<w:style w:type=\"paragraph\" w:styleId=\"TableTitle\"><w:name w:val=\"表格标题\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"120\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>{hei}<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
    );
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"TableCaption\"><w:name w:val=\"表格表头说明\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>");
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"表格文字\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>");
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"TableNote\"><w:name w:val=\"表注\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"60\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>");
    let _ = write!(
        s,
        "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"BodyText\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"60\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>{hei}<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr></w:style>"
    );
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:left=\"840\"/></w:pPr></w:style>");
    s.push_str("<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr></w:style>");
    s.push_str("<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr></w:style>");
    s.push_str("</w:styles>");
    s
}

fn numbering(lists: &Lists) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    );
    s.push_str("<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"840\" w:hanging=\"420\"/></w:pPr></w:lvl></w:abstractNum>");
    s.push_str("<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"840\" w:hanging=\"420\"/></w:pPr></w:lvl></w:abstractNum>");
    for (i, l) in lists.iter().enumerate() {
        let id = i + 1;
        match l {
            None => {
                let _ = write!(
                    s,
                    "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"0\"/></w:num>"
                );
            }
            Some(start) => {
                let _ = write!(
                    s,
                    "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>"
                );
            }
        }
    }
    s.push_str("</w:numbering>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml_and_drops_what_xml_cannot_hold() {
        assert_eq!(esc("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&apos;c");
    }

    #[test]
    fn runs_turn_line_feeds_into_breaks() {
        let r = runs("一\n二", RunStyle::default());
        assert_eq!(r.matches("<w:br/>").count(), 1);
        assert!(r.contains(">一<") && r.contains(">二<"));
    }

    #[test]
    fn field_arguments_escape_quotes_and_backslashes() {
        assert_eq!(field_text("一、收入支出决算总表"), "\"一、收入支出决算总表\"");
        assert_eq!(field_text(r#"甲"乙\丙"#), r#""甲\"乙\\丙""#);
    }

    #[test]
    fn bookmarks_are_word_names() {
        assert_eq!(bookmark("h-1 é"), "_Toc_h_1__");
        assert!(bookmark(&"x".repeat(80)).len() <= 40);
    }
}
