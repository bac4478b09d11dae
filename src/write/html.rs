//! The HTML writer: one standalone page (inline CSS, inline SVG charts, no scripts, nothing
//! loaded from anywhere: the page's Content-Security-Policy forbids it). Tables are written from
//! the model with their official multi-level headers (`rowspan`/`colspan`); the 栏次 row stands
//! in the `<thead>`, so print repeats it with the header on every page.
//!
//! The page shell is the `page.html` template (Tera), which IT staff can override; it receives
//! `title`, `meta` (the document's metadata) and `body` (the report, already escaped).

use super::{Format, WriteError, Writer, svg};
use crate::document::{
    Block, Cell, ColumnKind, Document, Inline, List, Paragraph, RowKind, Slot, Table, Value,
};
use std::fmt::Write as _;
use tera::Tera;

/// Writes standalone HTML pages.
pub struct HtmlWriter {
    tera: Tera,
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped for HTML.
pub fn push_escaped(out: &mut String, s: &str) {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        out.push_str(s);
        return;
    }
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn inlines(v: &[Inline], out: &mut String) {
    for i in v {
        match i {
            Inline::Text(t) => push_escaped(out, t),
            Inline::Strong(v) => {
                out.push_str("<strong>");
                inlines(v, out);
                out.push_str("</strong>");
            }
            Inline::Emphasis(v) => {
                out.push_str("<em>");
                inlines(v, out);
                out.push_str("</em>");
            }
            Inline::LineBreak => out.push_str("<br>\n"),
        }
    }
}

fn paragraph(p: &Paragraph, out: &mut String) {
    out.push_str("<p>");
    inlines(&p.inlines, out);
    out.push_str("</p>\n");
}

fn list(l: &List, out: &mut String) {
    match l.start {
        Some(1) => out.push_str("<ol>\n"),
        Some(n) => {
            let _ = writeln!(out, "<ol start=\"{n}\">");
        }
        None => out.push_str("<ul>\n"),
    }
    for item in &l.items {
        out.push_str("<li>");
        inlines(&item.inlines, out);
        out.push_str("</li>\n");
    }
    out.push_str(if l.start.is_some() { "</ol>\n" } else { "</ul>\n" });
}

fn row_class(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Total => " class=\"total\"",
        RowKind::Class => " class=\"class\"",
        RowKind::Section => " class=\"section\"",
        RowKind::Item => " class=\"item\"",
        RowKind::Sub => " class=\"sub\"",
        RowKind::Subtotal => " class=\"subtotal\"",
        RowKind::ColumnNumbers => " class=\"numbers\"",
        RowKind::Plain => "",
    }
}

fn spans(out: &mut String, colspan: u16, rowspan: u16) {
    if colspan > 1 {
        let _ = write!(out, " colspan=\"{colspan}\"");
    }
    if rowspan > 1 {
        let _ = write!(out, " rowspan=\"{rowspan}\"");
    }
}

fn cell(c: &Cell, kind: ColumnKind, header: bool, out: &mut String) {
    let tag = if header || c.label { "th" } else { "td" };
    let _ = write!(out, "<{tag}");
    spans(out, c.colspan, c.rowspan);
    let mut classes = Vec::new();
    if !header && !c.label {
        if matches!(c.value, Value::Amount(_) | Value::Count(_) | Value::Rate(_))
            && kind != ColumnKind::Ordinal
        {
            classes.push("num");
        } else if kind == ColumnKind::Ordinal || c.value == Value::NotApplicable {
            classes.push("line");
        }
    }
    match c.indent {
        0 => {}
        1 => classes.push("indent-1"),
        _ => classes.push("indent-2"),
    }
    if !classes.is_empty() {
        let _ = write!(out, " class=\"{}\"", classes.join(" "));
    }
    out.push('>');
    match &c.value {
        Value::Text(t) | Value::Code(t) => push_escaped(out, t),
        v => out.push_str(&v.display()),
    }
    let _ = write!(out, "</{tag}>");
}

fn table(t: &Table, out: &mut String) {
    if let Some(h) = &t.heading {
        let _ = writeln!(out, "<h3 id=\"{}\">{}</h3>", escape(&h.id), escape(&h.text));
    }
    if let Some(c) = &t.caption {
        let class = if c.full() { "caption" } else { "caption unit" };
        let _ = writeln!(out, "<p class=\"{class}\">{}</p>", escape(&c.line()));
    }
    // `wide` marks a table that paged formats print landscape (the PDF check reads it too).
    let class = match (t.caption.is_some(), t.wide) {
        (true, true) => "report wide",
        (true, false) => "report",
        (false, _) => "plain",
    };
    let _ = writeln!(out, "<table class=\"{class}\" data-table=\"{}\">", escape(&t.key));
    let numbers = t
        .rows
        .iter()
        .take_while(|r| r.kind == RowKind::ColumnNumbers)
        .count();
    if !t.header.is_empty() || numbers > 0 {
        out.push_str("<thead>\n");
        for r in &t.header {
            out.push_str("<tr>");
            for h in r {
                out.push_str("<th");
                spans(out, h.colspan, h.rowspan);
                let _ = write!(out, ">{}</th>", escape(&h.text));
            }
            out.push_str("</tr>\n");
        }
    }
    let kinds: Vec<ColumnKind> = t.columns.iter().map(|c| c.kind).collect();
    let mut in_head = !t.header.is_empty() || numbers > 0;
    for (i, (r, slots)) in t.rows.iter().zip(t.body_slots()).enumerate() {
        if in_head && i == numbers {
            out.push_str("</thead>\n<tbody>\n");
            in_head = false;
        } else if i == 0 && !in_head {
            out.push_str("<tbody>\n");
        }
        let _ = write!(out, "<tr{}>", row_class(r.kind));
        for (col, slot) in slots.iter().enumerate() {
            if let Some(Slot::Start(c)) = slot {
                cell(
                    c,
                    kinds.get(col).copied().unwrap_or(ColumnKind::Text),
                    i < numbers,
                    out,
                );
            }
        }
        out.push_str("</tr>\n");
    }
    if in_head {
        out.push_str("</thead>\n<tbody>\n");
    } else if t.rows.is_empty() {
        out.push_str("<tbody>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    for n in &t.notes {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(n));
    }
}

impl HtmlWriter {
    /// A writer with `page` (the `page.html` template's source) as the page shell.
    pub fn new(page: &str) -> Result<HtmlWriter, crate::templates::TemplateError> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        tera.add_raw_template("page.html", page)
            .map_err(|e| crate::templates::TemplateError {
                template: "page.html".into(),
                message: e.to_string(),
            })?;
        Ok(HtmlWriter { tera })
    }

    /// The report's body: every block as HTML.
    pub fn body(&self, doc: &Document) -> String {
        let mut out = String::with_capacity(128 * 1024);
        for b in &doc.blocks {
            match b {
                Block::Cover(c) => {
                    let _ = writeln!(out, "<h1>{}</h1>", escape(&c.title));
                    for l in &c.lines {
                        let _ = writeln!(out, "<p class=\"date\">{}</p>", escape(l));
                    }
                }
                Block::Toc => {
                    out.push_str("<ul class=\"toc\">\n");
                    for h in doc.outline() {
                        let _ = writeln!(
                            out,
                            "<li class=\"toc-{}\"><a href=\"#{}\">{}</a></li>",
                            h.level,
                            escape(&h.id),
                            escape(h.toc_entry())
                        );
                    }
                    out.push_str("</ul>\n");
                }
                Block::Heading(h) => {
                    let l = h.level.clamp(1, 6);
                    if h.id.is_empty() {
                        let _ = writeln!(out, "<h{l}>{}</h{l}>", escape(&h.text));
                    } else {
                        let _ = writeln!(out, "<h{l} id=\"{}\">{}</h{l}>", escape(&h.id), escape(&h.text));
                    }
                }
                Block::Paragraph(p) => paragraph(p, &mut out),
                Block::List(l) => list(l, &mut out),
                Block::Table(t) => table(t, &mut out),
                Block::Chart(c) => out.push_str(&svg::figure_html(c)),
                Block::PageBreak => {}
            }
        }
        out
    }

    /// The whole page.
    pub fn page(&self, doc: &Document) -> Result<String, WriteError> {
        let mut ctx = tera::Context::new();
        ctx.insert("title", &doc.meta.title);
        ctx.insert("meta", &doc.meta);
        ctx.insert("body", &tera::Value::safe_string(&self.body(doc)));
        self.tera.render("page.html", &ctx).map_err(|e| WriteError {
            format: Format::Html,
            message: format!("页面模板 page.html 出错：{e}"),
        })
    }
}

impl Writer for HtmlWriter {
    fn format(&self) -> Format {
        Format::Html
    }

    fn write(&self, doc: &Document) -> Result<Vec<u8>, WriteError> {
        Ok(self.page(doc)?.into_bytes())
    }
}
