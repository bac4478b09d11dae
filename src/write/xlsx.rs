//! XLSX writer: the official tables of a [`Document`] as an Excel workbook, the attachment portals
//! post beside the report ("…年度决算报表.xlsx").
//!
//! One workbook per unit: a first sheet 表目录 listing the tables (表号, 表名, 是否空表, the
//! 空表理由 where the document's own 表目录 gives them, a link to the sheet), then one sheet per
//! official table (a table block whose `caption` is set) in document order, named for its 表号
//! ("公开01表 收入支出决算总表"). Each sheet is the
//! official table: title, 表号, the 编制单位/年度/金额单位 line, the multi-level header with
//! merged cells, the body (codes as text, names indented as each cell says, amounts as numbers
//! with `#,##0.00`), and the notes under it. Print setup: A4, landscape for wide tables, header
//! rows repeated on every page, fit to the page width; panes frozen below the header.
//!
//! An amount cell holds the figure the report prints: the exact decimal rounded 四舍五入 to 2
//! places, converted to the file's f64 through its decimal string (the nearest double to the
//! printed figure, which reads back as the same 2-place decimal). No cell is ever a formula:
//! every text is a string cell, and a text beginning with `=`, `+`, `-` or `@` also carries
//! Excel's quote prefix so that editing the cell keeps it text. The workbook's creation time is
//! fixed and the zip entries carry rust_xlsxwriter's fixed timestamp, so the same document
//! always gives the same bytes.

use crate::document::{Block, ColumnKind, Document, RowKind, Table, Value};
use crate::money::round_half_up;
use crate::write::layout::{self, Placed};
use crate::write::{Format, WriteError, Writer};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format as Style, FormatAlign, FormatBorder, Url, Workbook, Worksheet,
    XlsxError,
};
use std::collections::HashSet;

/// Writes the official tables of a document as an XLSX workbook.
#[derive(Debug, Clone, Copy, Default)]
pub struct XlsxWriter;

impl Writer for XlsxWriter {
    fn format(&self) -> Format {
        Format::Xlsx
    }

    fn write(&self, doc: &Document) -> Result<Vec<u8>, WriteError> {
        workbook(doc).map_err(|e| WriteError {
            format: Format::Xlsx,
            message: e.to_string(),
        })
    }
}

/// Excel's limit on a sheet name, in UTF-16 code units.
const SHEET_NAME_MAX: usize = 31;
/// The name of the first sheet.
const INDEX_SHEET: &str = "表目录";
/// The number format of amounts: thousands separators, two decimals.
pub const AMOUNT_FORMAT: &str = "#,##0.00";
/// The number format of counts.
pub const COUNT_FORMAT: &str = "#,##0";
/// The font of every cell (the body font of the report).
const FONT: &str = "宋体";
/// The font of titles.
const TITLE_FONT: &str = "黑体";
/// A4 in Excel's paper-size codes.
const PAPER_A4: u8 = 9;

/// The official tables of `doc`: the table blocks that carry a caption, in document order.
pub fn official_tables(doc: &Document) -> Vec<&Table> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) if t.caption.is_some() => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

fn workbook(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title(&doc.meta.title)
        .set_author(&doc.meta.unit_name)
        .set_comment(&doc.meta.generator)
        // A fixed creation time (the zip epoch): the file carries no clock reading, so runs
        // are byte-identical.
        .set_creation_datetime(&ExcelDateTime::from_ymd(1980, 1, 1)?);
    wb.set_properties(&props);

    let tables = official_tables(doc);
    let names = sheet_names(&tables);
    let index = wb.add_worksheet();
    index.set_name(INDEX_SHEET)?;
    write_index(index, doc, &tables, &names)?;
    for (table, name) in tables.iter().zip(&names) {
        let sheet = wb.add_worksheet();
        sheet.set_name(name)?;
        write_table(sheet, table)?;
    }
    wb.save_to_buffer()
}

/// The sheet name of each table: its 表号 and title, `"<表号> <title>"`, e.g. "公开01表
/// 收入支出决算总表" (a sheet named for its 表号 is how published workbooks, and `juesuan import
/// --previous`, find a table), within Excel's 31 characters, with its forbidden characters
/// `[]:*?/\` replaced by their full-width forms, unique (case-insensitively, as Excel compares)
/// and never the index sheet's name.
pub fn sheet_names(tables: &[&Table]) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::from([INDEX_SHEET.to_lowercase(), "history".into()]);
    let mut out = Vec::new();
    for (i, t) in tables.iter().enumerate() {
        let number = t
            .caption
            .as_ref()
            .map(|c| c.number.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("{:02}", i + 1));
        let title = if t.title.trim().is_empty() {
            t.key.as_str()
        } else {
            t.title.trim()
        };
        let base = clean_sheet_name(&format!("{number} {title}"));
        let mut name = truncate_utf16(&base, SHEET_NAME_MAX);
        let mut n = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!("({n})");
            name = format!("{}{suffix}", truncate_utf16(&base, SHEET_NAME_MAX - suffix.len()));
            n += 1;
        }
        taken.insert(name.to_lowercase());
        out.push(name);
    }
    out
}

fn clean_sheet_name(s: &str) -> String {
    let replaced: String = s
        .chars()
        .map(|c| match c {
            '[' => '［',
            ']' => '］',
            ':' => '：',
            '*' => '＊',
            '?' => '？',
            '/' => '／',
            '\\' => '＼',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    replaced
        .trim_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_string()
}

fn truncate_utf16(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in s.chars() {
        len += c.len_utf16();
        if len > max {
            break;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

fn base() -> Style {
    Style::new().set_font_name(FONT).set_font_size(10)
}

fn bordered() -> Style {
    base()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
}

/// A text cell's style: the quote prefix when Excel would otherwise take the text for a formula
/// on editing.
fn guarded(style: Style, text: &str) -> Style {
    if text.starts_with(['=', '+', '-', '@']) {
        style.set_quote_prefix()
    } else {
        style
    }
}

/// Writes `text` as a string cell over a range (merged when it covers more than one cell).
fn put_text(
    ws: &mut Worksheet,
    (r0, c0, r1, c1): (u32, u16, u32, u16),
    text: &str,
    style: &Style,
) -> Result<(), XlsxError> {
    let style = guarded(style.clone(), text);
    if r0 != r1 || c0 != c1 {
        ws.merge_range(r0, c0, r1, c1, "", &style)?;
    }
    if text.is_empty() {
        ws.write_blank(r0, c0, &style)?;
    } else {
        ws.write_string_with_format(r0, c0, text, &style)?;
    }
    Ok(())
}

/// The number an amount cell holds: the printed figure (四舍五入 to 2 places), converted
/// through its decimal string so the double is the one nearest the printed decimal.
pub fn amount_number(d: rust_decimal::Decimal) -> f64 {
    let rounded = round_half_up(d, 2);
    rounded
        .to_string()
        .parse()
        .expect("a decimal's string is a valid f64 literal")
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The height in points of a row whose text of display width `w` wraps in a range `avail`
/// character cells wide.
fn wrapped_height(w: usize, avail: f64) -> f64 {
    let per_line = (avail - 1.0).max(1.0);
    let lines = ((w as f64) / per_line).ceil().max(1.0);
    (lines * 14.0 + 2.0).min(MAX_ROW_HEIGHT)
}

/// Excel's tallest row, in points.
const MAX_ROW_HEIGHT: f64 = 409.0;

/// The 空表理由 of each official table, from the document's own 表目录 (the `table_index`
/// table, when the profile has one and it lists the same tables).
fn empty_reasons(doc: &Document, tables: &[&Table]) -> Option<Vec<String>> {
    let index = doc.tables().find(|t| t.key == "table_index")?;
    let col = index.columns.iter().position(|c| c.key == "reason")?;
    if index.rows.len() != tables.len() {
        return None;
    }
    let rows: Vec<&[_]> = index.rows.iter().map(|r| r.cells.as_slice()).collect();
    let mut reasons = vec![String::new(); tables.len()];
    for p in layout::place(&rows, index.columns.len()) {
        if p.col == col {
            reasons[p.row] = p.cell.value.display();
        }
    }
    Some(reasons)
}

/// The headers of the 表目录 sheet; 空表理由 only where the document's 表目录 gives it.
pub fn index_headers(with_reasons: bool) -> Vec<&'static str> {
    let mut h = vec!["序号", "表号", "表名", "是否空表"];
    if with_reasons {
        h.push("空表理由");
    }
    h.push("工作表");
    h
}

fn write_index(
    ws: &mut Worksheet,
    doc: &Document,
    tables: &[&Table],
    names: &[String],
) -> Result<(), XlsxError> {
    let reasons = empty_reasons(doc, tables);
    let headers = index_headers(reasons.is_some());
    let mut widths = vec![6.0, 12.0, 46.0, 10.0];
    if reasons.is_some() {
        widths.push(40.0);
    }
    widths.push(44.0);
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(col(i), *w)?;
    }
    let last = col(widths.len() - 1);
    let title = base()
        .set_font_name(TITLE_FONT)
        .set_font_size(14)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    put_text(ws, (0, 0, 0, last), &doc.meta.title, &title)?;
    ws.set_row_height(0, 24)?;
    put_text(
        ws,
        (1, 0, 1, last),
        "决算表目录",
        &title.clone().set_font_size(12),
    )?;
    let head = bordered()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    for (i, h) in headers.iter().enumerate() {
        put_text(ws, (2, col(i), 2, col(i)), h, &head)?;
    }
    let cell = bordered().set_text_wrap();
    let centred = bordered().set_align(FormatAlign::Center);
    let link_style = bordered()
        .set_font_color(rust_xlsxwriter::Color::RGB(0x0563C1))
        .set_underline(rust_xlsxwriter::FormatUnderline::Single);
    for (i, (t, name)) in tables.iter().zip(names).enumerate() {
        let r = row(3 + i);
        ws.write_number_with_format(r, 0, (i + 1) as f64, &centred)?;
        let number = t.caption.as_ref().map(|c| c.number.as_str()).unwrap_or("");
        put_text(ws, (r, 1, r, 1), number, &centred)?;
        put_text(ws, (r, 2, r, 2), &t.title, &cell)?;
        put_text(ws, (r, 3, r, 3), if t.empty { "是" } else { "否" }, &centred)?;
        let mut c = 4;
        let mut height = wrapped_height(layout::text_width(&t.title), widths[2]);
        if let Some(reasons) = &reasons {
            put_text(ws, (r, c, r, c), &reasons[i], &cell)?;
            height = height.max(wrapped_height(layout::text_width(&reasons[i]), widths[4]));
            c += 1;
        }
        ws.set_row_height(r, height)?;
        let link = Url::new(format!("internal:'{}'!A1", name.replace('\'', "''"))).set_text(name);
        ws.write_url_with_format(r, c, link, &link_style)?;
    }
    ws.set_repeat_rows(2, 2)?;
    ws.set_freeze_panes(3, 0)?;
    ws.set_paper_size(PAPER_A4);
    if reasons.is_some() {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

fn write_table(ws: &mut Worksheet, t: &Table) -> Result<(), XlsxError> {
    let n = t.columns.len().max(1);
    let last = col(n - 1);
    let widths = if t.columns.is_empty() {
        vec![40.0]
    } else {
        layout::column_widths(t)
    };
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(col(i), *w)?;
    }
    let total: f64 = widths.iter().sum();

    // Title, 表号, the 编制单位/年度/金额单位 line.
    let title = base()
        .set_font_name(TITLE_FONT)
        .set_font_size(14)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    put_text(ws, (0, 0, 0, last), &t.title, &title)?;
    ws.set_row_height(
        0,
        wrapped_height(layout::text_width(&t.title) * 14 / 10, total).max(24.0),
    )?;
    let mut r = 1u32;
    if let Some(c) = t.caption.as_ref().filter(|c| !c.full()) {
        // The unit line alone, right-aligned where the 编制单位 line stands (the row of the 表号
        // stays empty, so the header starts on the same row in every profile).
        r += 1;
        put_text(
            ws,
            (r, 0, r, last),
            &c.unit,
            &base().set_align(FormatAlign::Right),
        )?;
        r += 1;
    }
    if let Some(c) = t.caption.as_ref().filter(|c| c.full()) {
        let right = base().set_align(FormatAlign::Right);
        put_text(ws, (r, 0, r, last), &c.number, &right)?;
        r += 1;
        let org = format!("编制单位：{}", c.organisation);
        let left = base().set_align(FormatAlign::Left);
        let centre = base().set_align(FormatAlign::Center);
        match n {
            1 => put_text(ws, (r, 0, r, 0), &c.line(), &left.set_text_wrap())?,
            2 => {
                put_text(ws, (r, 0, r, 0), &org, &left)?;
                put_text(ws, (r, 1, r, 1), &format!("{}　{}", c.period, c.unit), &right)?;
            }
            _ => {
                // Left half the organisation, then the period, the unit in the last column.
                let a = col((n / 2).max(1));
                let b = col((n - 1).max(usize::from(a) + 1));
                put_text(ws, (r, 0, r, a - 1), &org, &left)?;
                put_text(ws, (r, a, r, b - 1), &c.period, &centre)?;
                put_text(ws, (r, b, r, last), &c.unit, &right)?;
            }
        }
        r += 1;
    }

    // The header grid, merged as the model spans it.
    let header_top = r;
    let head = bordered()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_text_wrap()
        .set_background_color(0xF2F2F2);
    let rows: Vec<&[_]> = t.header.iter().map(Vec::as_slice).collect();
    let mut heights = vec![16.0f64; t.header.len()];
    for p in layout::place(&rows, n) {
        let range = span_range(header_top, &p);
        put_text(ws, range, &p.cell.text, &head)?;
        let avail: f64 = widths[p.col..p.col + p.colspan].iter().sum();
        let h = wrapped_height(layout::text_width(&p.cell.text), avail) / p.rowspan as f64;
        for hh in heights.iter_mut().skip(p.row).take(p.rowspan) {
            *hh = hh.max(h);
        }
    }
    for (i, h) in heights.iter().enumerate() {
        ws.set_row_height(header_top + row(i), *h)?;
    }
    r += row(t.header.len());
    if !t.header.is_empty() {
        ws.set_repeat_rows(header_top, r - 1)?;
    }
    let body_top = r;
    ws.set_freeze_panes(body_top, 0)?;

    // The body. Rows whose text wraps get the height it needs (spreadsheets do not grow a row
    // for wrapped text on their own when the file sets none).
    let rows: Vec<&[_]> = t.rows.iter().map(|row| row.cells.as_slice()).collect();
    let mut heights = vec![0.0f64; t.rows.len()];
    for p in layout::place(&rows, n) {
        if p.rowspan == 1
            && let Value::Text(s) = &p.cell.value
        {
            let avail: f64 = widths[p.col..p.col + p.colspan].iter().sum();
            let w = layout::text_width(s) + 2 * usize::from(p.cell.indent);
            heights[p.row] = heights[p.row].max(wrapped_height(w, avail));
        }
        let kind = t.rows[p.row].kind;
        let column = t.columns.get(p.col).map(|c| c.kind).unwrap_or(ColumnKind::Text);
        let range = span_range(body_top, &p);
        let mut style = bordered();
        if matches!(kind, RowKind::Total | RowKind::Class | RowKind::Subtotal) || p.cell.label {
            style = style.set_bold();
        }
        match &p.cell.value {
            Value::Amount(d) => {
                let style = style.set_num_format(AMOUNT_FORMAT).set_align(FormatAlign::Right);
                number(ws, range, amount_number(*d), &style)?;
            }
            Value::Count(c) => {
                // A 行次 or 序号 is centred, a count right-aligned.
                let align = if column == ColumnKind::Ordinal {
                    FormatAlign::Center
                } else {
                    FormatAlign::Right
                };
                let style = style.set_num_format(COUNT_FORMAT).set_align(align);
                number(ws, range, *c as f64, &style)?;
            }
            Value::Code(s) => put_text(
                ws,
                range,
                s,
                &style.set_num_format("@").set_align(FormatAlign::Left),
            )?,
            Value::Rate(s) => put_text(ws, range, s, &style.set_align(FormatAlign::Right))?,
            Value::Empty => put_text(ws, range, "", &style)?,
            Value::NotApplicable => put_text(
                ws,
                range,
                crate::document::NOT_APPLICABLE,
                &style.set_align(FormatAlign::Center),
            )?,
            Value::Text(s) => {
                let style = if kind == RowKind::ColumnNumbers || column == ColumnKind::Ordinal || p.cell.label
                {
                    style.set_align(FormatAlign::Center)
                } else if column.is_numeric() {
                    style.set_align(FormatAlign::Right)
                } else {
                    style.set_indent(p.cell.indent).set_text_wrap()
                };
                put_text(ws, range, s, &style)?;
            }
        }
    }
    for (i, h) in heights.iter().enumerate() {
        // One line is the default height; only taller rows are set.
        if *h > wrapped_height(1, 2.0) {
            ws.set_row_height(body_top + row(i), *h)?;
        }
    }
    r += row(t.rows.len());

    // The notes, each a merged row wrapping over the table's width.
    let note = base().set_text_wrap().set_align(FormatAlign::Top);
    for text in &t.notes {
        put_text(ws, (r, 0, r, last), text, &note)?;
        ws.set_row_height(r, wrapped_height(layout::text_width(text), total))?;
        r += 1;
    }

    ws.set_paper_size(PAPER_A4);
    if t.wide {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

fn span_range<C>(top: u32, p: &Placed<'_, C>) -> (u32, u16, u32, u16) {
    let r0 = top + row(p.row);
    let c0 = col(p.col);
    (r0, c0, r0 + row(p.rowspan) - 1, c0 + col(p.colspan) - 1)
}

fn number(
    ws: &mut Worksheet,
    (r0, c0, r1, c1): (u32, u16, u32, u16),
    value: f64,
    style: &Style,
) -> Result<(), XlsxError> {
    if r0 != r1 || c0 != c1 {
        ws.merge_range(r0, c0, r1, c1, "", style)?;
    }
    ws.write_number_with_format(r0, c0, value, style)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn amounts_are_the_printed_figures() {
        for (exact, printed) in [("2.345", 2.35), ("1051.10", 1051.1), ("-0.005", -0.01)] {
            assert_eq!(amount_number(Decimal::from_str(exact).unwrap()), printed);
        }
    }

    #[test]
    fn rows_never_exceed_excels_height() {
        assert_eq!(wrapped_height(1_000_000, 10.0), MAX_ROW_HEIGHT);
        assert_eq!(wrapped_height(3, 10.0), 16.0);
    }

    #[test]
    fn sheet_names_obey_excel() {
        assert_eq!(clean_sheet_name("01 a/b:c[d]*?\\'"), "01 a／b：c［d］＊？＼");
        let long = "很".repeat(40);
        assert_eq!(truncate_utf16(&long, 31).chars().count(), 31);
        // An astral character is two UTF-16 units.
        assert_eq!(truncate_utf16("𠀀𠀀", 3), "𠀀");
    }
}
