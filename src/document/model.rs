//! The document model: the report of one unit under one profile as an ordered list of typed
//! blocks. The document stage builds it; every writer (Markdown, HTML, PDF, XLSX, DOCX) reads
//! it and nothing else, so a sentence, a figure and a table exist once and every format says the
//! same thing.
//!
//! Text in the model is plain text as the reader sees it: no Markdown, no HTML, no escapes.
//! Each writer escapes it for the format it lands in. Amounts are exact decimals in the table's
//! unit; writers print them with [`crate::money::format_fixed`] (四舍五入 to 2 places), so every
//! format shows the same figure.

use rust_decimal::Decimal;
use serde::Serialize;

/// One unit's report under one profile.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Facts about the whole document (title, author, dates) for writers' metadata.
    pub meta: DocumentMeta,
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
}

/// Document-wide facts: what a PDF's or DOCX's metadata and a cover page carry.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentMeta {
    /// The report title, e.g. "某某局2024年度部门决算".
    pub title: String,
    /// The unit's full name (the document's author).
    pub unit_name: String,
    /// The report year.
    pub year: u16,
    /// "部门" or "单位".
    pub kind: String,
    /// The publication date as the unit wrote it, when given.
    pub date: Option<String>,
    /// The generator and its version ("juesuan 0.1.0").
    pub generator: String,
    /// The profile the document was built with ("central", "shanghai", …).
    pub profile: String,
}

/// One block of the document.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// The cover: the report title and, when given, the date. Paged formats give it a page
    /// of its own without a page number.
    Cover(Cover),
    /// The 目录: writers list here the headings whose `in_toc` is set (with page numbers where
    /// the format has pages).
    Toc,
    /// A heading.
    Heading(Heading),
    /// A paragraph.
    Paragraph(Paragraph),
    /// A bulleted or numbered list.
    List(List),
    /// A table with its heading, title line and notes.
    Table(Box<Table>),
    /// A chart (drawn from the same figures the text prints).
    Chart(Chart),
    /// Layout hint: what follows starts on a new page (each 部分 does).
    PageBreak,
}

/// The cover.
#[derive(Debug, Clone, Serialize)]
pub struct Cover {
    /// The title line, e.g. "某某局2024年度部门决算".
    pub title: String,
    /// Lines under the title (the date, the publishing organ), possibly none.
    pub lines: Vec<String>,
}

/// A heading. Level 1 is the report title, 2 a 部分, 3 a section or a table, 4 below.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    /// 1 to 4.
    pub level: u8,
    /// The text the page prints, numbering included where the page prints it
    /// ("一、收入支出决算总表"; the Shanghai table pages print the bare "收入支出决算总表").
    pub text: String,
    /// The text the 目录 (and every outline: PDF bookmarks, Word's TOC) lists when it differs
    /// from `text`: the Shanghai 目录 numbers the tables ("一、收入支出决算总表") whose pages print
    /// the bare title (seed 005). None: the 目录 lists `text`. Read it through
    /// [`Heading::toc_entry`].
    pub toc_text: Option<String>,
    /// A stable anchor, unique in the document ("h1", "h2", … in order).
    pub id: String,
    /// Whether the 目录 lists it.
    pub in_toc: bool,
}

impl Heading {
    /// What the 目录 lists for this heading: its `toc_text`, else (also when that is empty) the
    /// text on the page.
    pub fn toc_entry(&self) -> &str {
        self.distinct_toc_text().unwrap_or(&self.text)
    }

    /// The 目录's text when it differs from the page's (None when the two are the same, or the
    /// `toc_text` is absent or empty).
    pub fn distinct_toc_text(&self) -> Option<&str> {
        self.toc_text
            .as_deref()
            .filter(|t| !t.is_empty() && *t != self.text)
    }
}

/// A paragraph: inline runs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Paragraph {
    /// The runs, in order.
    pub inlines: Vec<Inline>,
}

impl Paragraph {
    /// A paragraph of one plain run.
    pub fn plain(text: impl Into<String>) -> Paragraph {
        Paragraph {
            inlines: vec![Inline::Text(text.into())],
        }
    }

    /// The paragraph's text without emphasis, as a reader sees it.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for i in &self.inlines {
            i.push_text(&mut s);
        }
        s
    }
}

/// An inline run.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", content = "content", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Bold text (the （一）… sub-heads are written bold in running text).
    Strong(Vec<Inline>),
    /// Italic text.
    Emphasis(Vec<Inline>),
    /// A forced line break inside the paragraph.
    LineBreak,
}

impl Inline {
    fn push_text(&self, s: &mut String) {
        match self {
            Inline::Text(t) => s.push_str(t),
            Inline::Strong(v) | Inline::Emphasis(v) => v.iter().for_each(|i| i.push_text(s)),
            Inline::LineBreak => s.push('\n'),
        }
    }
}

/// A list.
#[derive(Debug, Clone, Serialize)]
pub struct List {
    /// Numbered (`Some(first number)`) or bulleted (`None`).
    pub start: Option<u64>,
    /// The items, each one paragraph.
    pub items: Vec<Paragraph>,
}

/// A table: its heading (listed in the 目录), the official title line, the header grid, the
/// body rows and the notes under it.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// Which table this is ("t01" … "t10" for the official tables, "members", "table_index",
    /// "evaluation" … for the others). Stable: XLSX sheet names and tests key on it.
    pub key: String,
    /// The heading above the table ("一、收入支出决算总表"), when it has one of its own.
    pub heading: Option<Heading>,
    /// The official title ("收入支出决算总表"); empty for a table inside prose.
    pub title: String,
    /// The line between the heading and the table: 表号, 编制单位, 年度, 金额单位. None for a
    /// table inside prose.
    pub caption: Option<TableCaption>,
    /// The leaf columns, left to right: what each column holds.
    pub columns: Vec<Column>,
    /// The header grid, top row first: each row lists its cells left to right, skipping the
    /// positions covered by a cell above that spans down (as HTML does). Every row covers
    /// exactly `columns.len()` positions.
    pub header: Vec<Vec<HeaderCell>>,
    /// The body rows, top to bottom.
    pub rows: Vec<Row>,
    /// Paragraphs under the table (the fixed note, the empty-table statement, the 尾差 note).
    pub notes: Vec<String>,
    /// Whether the table has no figures at all.
    pub empty: bool,
    /// Layout hint: the table is wide (landscape page in paged formats).
    pub wide: bool,
    /// Cells the layout prints whose figure the unit did not give (printed empty): the audit
    /// refuses the report and asks for each (`table.missing`). Empty for a complete table.
    pub missing: Vec<MissingFigure>,
    /// The figure each row of a table whose rows are items prints (its layout's `[[lines]]`
    /// keys, `rows = "items"`); empty for the other tables.
    pub lines: Vec<String>,
}

/// A figure a table prints that the unit did not give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingFigure {
    /// The row's label ("3.公务接待费").
    pub row: String,
    /// The column's header ("年初预算数").
    pub column: String,
    /// The YAML path to fill.
    pub path: String,
    /// What to write there, in Chinese ("年初未安排预算的写 0").
    pub hint: &'static str,
}

/// The title line of an official table.
#[derive(Debug, Clone, Serialize)]
pub struct TableCaption {
    /// What the line prints: everything, or the unit alone (the Shanghai template). The number,
    /// organisation and period stay known either way (the 表目录 and sheet names use the number).
    pub printed: CaptionLine,
    /// "公开01表".
    pub number: String,
    /// 编制单位: the unit's name.
    pub organisation: String,
    /// "2024年度".
    pub period: String,
    /// "金额单位：万元" or "单位：台、辆、套".
    pub unit: String,
}

/// What the caption line of an official table prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptionLine {
    /// 表号, 编制单位, 年度 and the unit ("公开01表　编制单位：某局　2024年度　金额单位：万元").
    Full,
    /// The unit line alone ("单位：万元"), right-aligned under the title.
    UnitOnly,
}

impl TableCaption {
    /// The caption as one line, as the reports print it.
    pub fn line(&self) -> String {
        match self.printed {
            CaptionLine::Full => format!(
                "{}　编制单位：{}　{}　{}",
                self.number, self.organisation, self.period, self.unit
            ),
            CaptionLine::UnitOnly => self.unit.clone(),
        }
    }

    /// Whether the line prints the 表号, 编制单位 and 年度 (not the unit alone).
    pub fn full(&self) -> bool {
        self.printed == CaptionLine::Full
    }
}

impl Column {
    /// A column with its key, one-line label and kind.
    pub fn new(key: impl Into<String>, label: impl Into<String>, kind: ColumnKind) -> Column {
        Column {
            key: key.into(),
            label: label.into(),
            kind,
        }
    }
}

/// What a leaf column holds.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// The column's key, as the layout file names it ("code", "name", "basic.personnel", …).
    pub key: String,
    /// The column's header flattened to one line ("基本支出/人员经费"), for formats with one
    /// header row (GFM).
    pub label: String,
    /// The kind of value: decides alignment and number formats.
    pub kind: ColumnKind,
}

/// The kind of values in a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Text, left-aligned (names, labels).
    Text,
    /// A classification code, left-aligned, never a number.
    Code,
    /// A 行次 or 序号, centred.
    Ordinal,
    /// An amount, right-aligned with two decimals and thousands separators.
    Amount,
    /// A count (车辆数, 人数), right-aligned, whole.
    Count,
    /// A percentage or score, right-aligned.
    Rate,
}

impl ColumnKind {
    /// Whether the column is right-aligned (figures).
    pub fn is_numeric(self) -> bool {
        matches!(self, ColumnKind::Amount | ColumnKind::Count | ColumnKind::Rate)
    }
}

/// A cell of the header grid.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderCell {
    /// The text.
    pub text: String,
    /// Columns covered (≥ 1).
    pub colspan: u16,
    /// Header rows covered (≥ 1).
    pub rowspan: u16,
}

impl HeaderCell {
    /// A header cell covering `colspan` columns and `rowspan` header rows.
    pub fn new(text: impl Into<String>, colspan: u16, rowspan: u16) -> HeaderCell {
        HeaderCell {
            text: text.into(),
            colspan,
            rowspan,
        }
    }
}

/// A body row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// What the row is (decides weight and indentation).
    pub kind: RowKind,
    /// The cells left to right, skipping positions covered by a cell that spans from the left or
    /// from above (as HTML does).
    pub cells: Vec<Cell>,
}

/// What a body row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A 合计 / 总计 row (bold).
    Total,
    /// A 类 row (bold).
    Class,
    /// A 款 row (name indented once).
    Section,
    /// A 项 row (name indented twice).
    Item,
    /// An indented sub-line ("其中：…").
    Sub,
    /// A sub-total row.
    Subtotal,
    /// The 栏次 row of column numbers under the header.
    ColumnNumbers,
    /// An ordinary row.
    Plain,
}

/// A body cell.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The value.
    pub value: Value,
    /// Columns covered (≥ 1).
    pub colspan: u16,
    /// Rows covered (≥ 1).
    pub rowspan: u16,
    /// Whether the cell is a label cell (a `<th>` in HTML: the 项目资金 label of a 绩效自评表).
    pub label: bool,
    /// Indentation of a name: 0, 1 (a 款 or a "其中" sub-line), 2 (a 项). Per cell, because a
    /// row of a side-by-side table (06) can hold a 类 on the left and a 款 on the right.
    pub indent: u8,
}

impl Cell {
    /// A one-position cell.
    pub fn new(value: Value) -> Cell {
        Cell {
            value,
            colspan: 1,
            rowspan: 1,
            label: false,
            indent: 0,
        }
    }

    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::new(Value::Text(s.into()))
    }

    /// An empty cell.
    pub fn empty() -> Cell {
        Cell::new(Value::Empty)
    }

    /// The same cell spanning `n` columns.
    pub fn span(mut self, n: u16) -> Cell {
        self.colspan = n.max(1);
        self
    }

    /// The same cell spanning `n` rows.
    pub fn down(mut self, n: u16) -> Cell {
        self.rowspan = n.max(1);
        self
    }

    /// The same cell indented `n` steps.
    pub fn indented(mut self, n: u8) -> Cell {
        self.indent = n;
        self
    }

    /// The same cell as a label cell.
    pub fn as_label(mut self) -> Cell {
        self.label = true;
        self
    }
}

/// A cell's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Value {
    /// Nothing printed.
    Empty,
    /// Text as printed.
    Text(String),
    /// A classification code ("2010101"): text that is never a number.
    Code(String),
    /// An exact amount; printed rounded to 2 decimals with thousands separators.
    Amount(Decimal),
    /// A whole count.
    Count(u64),
    /// An already-formatted rate, score or percentage as printed ("98.50%", "95.5").
    Rate(String),
    /// A cell the form has no figure for (the budget cells of a count row in the Jiangxi 09表),
    /// printed as [`NOT_APPLICABLE`]: never a figure, never a blank that could be read as one.
    NotApplicable,
}

/// How a [`Value::NotApplicable`] cell prints (seed 002's 09表).
pub const NOT_APPLICABLE: &str = "---";

impl Value {
    /// The value as the report prints it in a table cell.
    pub fn display(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) | Value::Code(s) | Value::Rate(s) => s.clone(),
            Value::Amount(d) => crate::money::format_fixed(*d, 2, true),
            Value::Count(n) => n.to_string(),
            Value::NotApplicable => NOT_APPLICABLE.to_string(),
        }
    }
}

/// A chart, drawn from figures the text also prints.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// A stable id ("chart-income").
    pub id: String,
    /// The caption ("收入决算结构图（单位：万元）").
    pub caption: String,
    /// What is drawn.
    pub kind: ChartKind,
    /// Decimals of printed shares.
    pub percent_decimals: u32,
}

/// What a chart draws.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChartKind {
    /// A ring of parts of a whole.
    Ring {
        /// The parts.
        parts: Vec<ChartPart>,
    },
    /// Groups of bars.
    Bars {
        /// The groups.
        groups: Vec<BarGroup>,
    },
}

/// One part of a ring chart.
#[derive(Debug, Clone, Serialize)]
pub struct ChartPart {
    /// Name.
    pub name: String,
    /// Amount.
    pub amount: Decimal,
    /// Share in percent, as the text prints it (largest remainder).
    pub share: Decimal,
}

/// A group of bars.
#[derive(Debug, Clone, Serialize)]
pub struct BarGroup {
    /// Label under the group.
    pub label: String,
    /// The bars: series name and amount.
    pub bars: Vec<(String, Decimal)>,
}

impl Document {
    /// The headings the 目录 lists, in order: section headings and table headings.
    pub fn outline(&self) -> Vec<&Heading> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h),
                Block::Table(t) => t.heading.as_ref(),
                _ => None,
            })
            .filter(|h| h.in_toc)
            .collect()
    }

    /// The official tables, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t.as_ref()),
            _ => None,
        })
    }
}

/// Something that covers a rectangle of a table grid.
pub trait Spanning {
    /// Columns covered.
    fn colspan(&self) -> u16;
    /// Rows covered.
    fn rowspan(&self) -> u16;
}

impl Spanning for Cell {
    fn colspan(&self) -> u16 {
        self.colspan
    }
    fn rowspan(&self) -> u16 {
        self.rowspan
    }
}

impl Spanning for HeaderCell {
    fn colspan(&self) -> u16 {
        self.colspan
    }
    fn rowspan(&self) -> u16 {
        self.rowspan
    }
}

/// One position of a table grid: the cell that starts there, or a position covered by a cell
/// that starts above or to the left.
#[derive(Debug)]
pub enum Slot<'a, T> {
    /// A cell starts here.
    Start(&'a T),
    /// Covered by a spanning cell.
    Covered {
        /// The spanning cell.
        by: &'a T,
        /// Whether the position is straight below the cell's start (the first column of a cell
        /// that spans rows): where a format without row spans repeats the cell.
        above: bool,
    },
}

impl<T> Clone for Slot<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Slot<'_, T> {}

/// Places rows of spanning cells (as HTML lists them) on a grid `width` positions wide: the
/// positions each cell starts at, and the covered ones. Cells beyond the width are dropped; a
/// short row is padded with `None`, so every grid row has exactly `width` slots.
pub fn place<'a, T: Spanning + 'a>(
    rows: impl IntoIterator<Item = &'a [T]>,
    width: usize,
) -> Vec<Vec<Option<Slot<'a, T>>>> {
    let mut grid: Vec<Vec<Option<Slot<'a, T>>>> = Vec::new();
    // For each column: the cell that covers it from above, and for how many more rows.
    let mut down: Vec<Option<(&'a T, u16, bool)>> = vec![None; width];
    for row in rows {
        let mut line: Vec<Option<Slot<'a, T>>> = (0..width).map(|_| None).collect();
        for (c, d) in down.iter_mut().enumerate() {
            if let Some((by, n, first)) = *d {
                line[c] = Some(Slot::Covered { by, above: first });
                *d = (n > 1).then_some((by, n - 1, first));
            }
        }
        let mut col = 0;
        for cell in row {
            while col < width && line[col].is_some() {
                col += 1;
            }
            if col >= width {
                break;
            }
            let span = usize::from(cell.colspan().max(1)).min(width - col);
            line[col] = Some(Slot::Start(cell));
            for c in col..col + span {
                if c > col {
                    line[c] = Some(Slot::Covered {
                        by: cell,
                        above: false,
                    });
                }
                if cell.rowspan() > 1 {
                    down[c] = Some((cell, cell.rowspan() - 1, c == col));
                }
            }
            col += span;
        }
        grid.push(line);
    }
    grid
}

impl Table {
    /// The header rows on the grid.
    pub fn header_slots(&self) -> Vec<Vec<Option<Slot<'_, HeaderCell>>>> {
        place(self.header.iter().map(Vec::as_slice), self.columns.len())
    }

    /// The body rows on the grid.
    pub fn body_slots(&self) -> Vec<Vec<Option<Slot<'_, Cell>>>> {
        place(self.rows.iter().map(|r| r.cells.as_slice()), self.columns.len())
    }
}
