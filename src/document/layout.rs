//! Table layouts: what differs between jurisdictions in one official table, kept as a TOML file
//! next to the templates (`tables/t05.toml`, or `profiles/<name>/tables/t05.toml` for one
//! profile) so that IT staff edit and version it like any template.
//!
//! A layout names the columns by key (what a column means: `total`, `basic`, `income.amount` …,
//! `code` for the whole code or `code.class` / `code.section` / `code.item` for a code split into
//! 类 / 款 / 项 columns), gives each its header path (the nested header cells above it, top
//! first), and settles the table's title, its caption line (表号/编制单位/年度/单位, or the unit
//! alone), the note and empty-table wording, whether a 栏次 row is printed, where the 合计 row
//! stands, how a zero prints, where leaf header cells stand, which rows are printed (the rows
//! with figures, a template's full 款 list, or for 三公 a row per side), the 06表's column groups,
//! how the note's lines print (joined, numbered, a note each) and when the 尾差 sentence is added,
//! and whether the table is wide. A variant can start from another variant (`base`). Which keys a table
//! offers is fixed by its data source (see [`super::tables::source_keys`]); a layout naming any
//! other key, or a malformed file, is an error naming the file and line.

use super::model::{CaptionLine, ColumnKind, HeaderCell};
use crate::catalogue::{self, Classification};
use serde::Deserialize;
use std::fmt;
use std::ops::Range;

/// A parsed, checked table layout.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The official title ("一般公共预算财政拨款支出决算表").
    pub title: String,
    /// Whether the report prints the table at all (TOML `print`, default true): `false` in a
    /// variant for a jurisdiction whose table set has no such table (the central 10表, whose
    /// figures the 情况说明 states anyway).
    pub print: bool,
    /// The unit line ("金额单位：万元", "单位：万元").
    pub unit: String,
    /// What the caption line above the table prints: 表号, 编制单位, 年度 and the unit, or the
    /// unit alone (TOML `caption = false`).
    pub caption: CaptionLine,
    /// Whether the heading on the table's page carries its number ("一、收入支出决算总表") or is
    /// the bare title while the 目录 keeps the number (TOML `heading_number = false`, the
    /// Shanghai template: seed 005).
    pub page_heading: PageHeading,
    /// Whether the table is wide (landscape in paged formats).
    pub wide: bool,
    /// Whether a 栏次 row (column numbers) is printed under the header.
    pub column_numbers: bool,
    /// Where the 合计 row stands.
    pub total_row: TotalRow,
    /// How a zero amount prints.
    pub zero: ZeroCells,
    /// Where leaf header cells stand when header paths differ in depth.
    pub leaf_headers: LeafHeaders,
    /// Which rows are printed.
    pub rows: RowSet,
    /// Tables 01/04: which side prints the "其中" sub-lines (the three 财政拨款 under 结转和结余).
    pub sub_lines: SubLines,
    /// Tables 01/04: whether the sub-lines are numbered 一、二、三 (the Shanghai 04表) rather than
    /// only indented.
    pub sub_numbers: bool,
    /// 06表: the column groups the 款 list is laid out in, each a list of 经济分类 类 (TOML
    /// `blocks = [["301", "303"], ["302"], [...]]`, columns `block1.code` …); empty: the two
    /// groups 人员经费 (`personnel.*`) | 公用经费 (`public.*`).
    pub blocks: Vec<Vec<String>>,
    /// What the body of split code columns (`code.class` / `code.section` / `code.item`) holds.
    pub code_cells: CodeCells,
    /// The fixed note under the table, its lines (TOML `note`, a string or a list of strings;
    /// `{kind}`, `{year}`, `{unit}` are replaced); empty when the layout has none: a table with
    /// figures then has no note, an empty one its empty note.
    pub note: Vec<String>,
    /// How the note's lines and the generated sentences (empty table, 尾差) are printed.
    pub note_lines: NoteLines,
    /// What the unit did not have when the table is empty ("无一般公共预算财政拨款支出"), the
    /// `{empty}` of [`Layout::empty_note`].
    pub empty: String,
    /// The sentence added to the note of an empty table: placeholders `{unit}` (the unit's
    /// name), `{kind}`, `{year}`, `{empty}`. Default "本{kind}{year}年度{empty}，故本表为空表。".
    pub empty_note: String,
    /// When the 尾差 sentence is added (TOML `tail_note`: `true`, the default, when a displayed
    /// total differs from the sum of its displayed parts; `false` never, as in the Shanghai
    /// template; `"always"` under every table, as the Shaanxi tables print it).
    pub tail_note: TailNote,
    /// The reason the 表目录 gives for an empty table ("本年度无收入").
    pub empty_reason: String,
    /// The leaf columns, left to right.
    pub columns: Vec<LayoutColumn>,
    /// The named variants a unit can select instead (`settings.tables: {t06: 基本支出决算表}`),
    /// each a whole layout: the file's keys with its `[variants.<name>]` keys in their place.
    pub variants: Vec<(String, Layout)>,
}

impl Layout {
    /// The layout of variant `name` (None: the file's own), or the names of the variants there are.
    pub fn variant(&self, name: Option<&str>) -> Result<&Layout, Vec<&str>> {
        match name {
            None => Ok(self),
            Some(n) => self
                .variants
                .iter()
                .find(|(v, _)| v == n)
                .map(|(_, l)| l)
                .ok_or_else(|| self.variants.iter().map(|(v, _)| v.as_str()).collect()),
        }
    }
}

/// One leaf column of a layout.
#[derive(Debug, Clone)]
pub struct LayoutColumn {
    /// What the column holds (a key of the table's data source).
    pub key: String,
    /// The header cells above it, top first.
    pub header: Vec<String>,
    /// The header flattened to one line (for GFM): the layout's `label`, or the header path joined with "/".
    pub label: String,
    /// The kind of value.
    pub kind: ColumnKind,
    /// Whether the column is left out when the unit has no figure for it (会议费/培训费 in 三公).
    pub optional: bool,
}

/// Where a 合计 row stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TotalRow {
    /// Above the 类 rows.
    First,
    /// Below them.
    Last,
}

/// Where a leaf header cell stands when the header paths of a table differ in depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeafHeaders {
    /// A short path's leaf reaches down to the body (rowspan): the central tables.
    Down,
    /// Every leaf stands in the bottom header row; the cell above a short path's leaf reaches
    /// down to it (Shanghai's 三公 table: 合计 over 预算数 | 决算数).
    Bottom,
}

/// What the body of split code columns holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeCells {
    /// Each column its part of the code: "208" | "05" | "05" (Shanghai).
    Parts,
    /// The whole code in one cell across the code columns, under the 类 | 款 | 项 header
    /// (the Jiangxi tables, seed 002).
    Whole,
}

/// How the parts of a note are printed: the layout's note lines, then the generated sentences
/// (the empty table's, the 尾差 sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteLines {
    /// One note: "注：" and every part run together (the central tables).
    Joined,
    /// One numbered note: "注：1. …", "2. …", a line each (a single part is not numbered).
    Numbered,
    /// A note per part, each "注：…" on its own line.
    Separate,
}

/// When a table's note adds the 尾差 sentence ("本表金额转换为万元时，因四舍五入可能存在尾差。").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TailNote {
    /// Never (TOML `false`).
    Never,
    /// When a displayed total differs from the sum of its displayed parts (TOML `true`).
    WhenDifferent,
    /// Under every table, figures or not (TOML `"always"`).
    Always,
}

impl<'de> Deserialize<'de> for TailNote {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TailNote, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = TailNote;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true、false 或 \"always\"")
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<TailNote, E> {
                Ok(if b {
                    TailNote::WhenDifferent
                } else {
                    TailNote::Never
                })
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<TailNote, E> {
                match s {
                    "always" => Ok(TailNote::Always),
                    _ => Err(E::custom(format!(
                        "tail_note 应为 true（有尾差时）、false（不写）或 \"always\"（每张表都写），不是“{s}”"
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// What the heading on a table's page prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageHeading {
    /// The numbered heading, as the 目录 lists it ("一、收入支出决算总表"; TOML
    /// `heading_number = true`, the default): the central template.
    Numbered,
    /// The bare title ("收入支出决算总表"); the 目录 still lists the numbered heading (TOML
    /// `heading_number = false`): the Shanghai template, seed 005.
    Bare,
}

impl<'de> Deserialize<'de> for PageHeading {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<PageHeading, D::Error> {
        struct V;
        fn wrong<E: serde::de::Error>(what: impl fmt::Display) -> E {
            E::custom(format!(
                "heading_number 应为 true（表页标题带序号，如“一、收入支出决算总表”）或 false（表页只印表名，目录仍带序号），不是 {what}"
            ))
        }
        impl serde::de::Visitor<'_> for V {
            type Value = PageHeading;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("heading_number 应为 true 或 false")
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<PageHeading, E> {
                Ok(if b {
                    PageHeading::Numbered
                } else {
                    PageHeading::Bare
                })
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<PageHeading, E> {
                Err(wrong(format_args!("\"{s}\"")))
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<PageHeading, E> {
                Err(wrong(n))
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<PageHeading, E> {
                Err(wrong(n))
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<PageHeading, E> {
                Err(wrong(n))
            }
        }
        d.deserialize_any(V)
    }
}

/// A note in TOML: one string or a list of lines.
#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum RawNote {
    One(String),
    Lines(Vec<String>),
}

impl RawNote {
    fn lines(self) -> Vec<String> {
        match self {
            RawNote::One(s) => vec![s],
            RawNote::Lines(v) => v,
        }
    }
}

/// Which side of a 01/04 table prints the sub-lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubLines {
    /// Both the income (年初) and the spending (年末) side: the central 04表.
    Both,
    /// Only the income side; the spending side of those lines is blank (the Shanghai 04表, whose
    /// 年末 split is in the columns of the 年末 line).
    Income,
}

/// Which rows a table prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowSet {
    /// The rows with figures (and their parents).
    Figures,
    /// The template's full 款 list (zeros included) with their 类, plus any 款 the unit has
    /// outside it, in code order (06表, TOML `rows = "full"` with `sections = [...]`).
    Full(Vec<String>),
    /// 三公: a row per side (预算数, 决算数), the heads as columns (TOML `rows = "sides"`, columns
    /// `name`, `total`, `abroad` …).
    Sides,
    /// 三公: a row per item and per count, in the layout's order (TOML `rows = "items"` with
    /// `[[lines]]`), the columns `name`, `line` (栏次), `budget_initial`, `budget_full`, `actual`
    /// (the Jiangxi 09表, seed 002).
    Items(Vec<ItemLine>),
}

/// One row of a table whose rows are items (`rows = "items"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemLine {
    /// The label as printed ("1.因公出国（境）费").
    pub name: String,
    /// The figure the row prints (a key of the table's [`Offer::lines`]); None for a heading row
    /// ("二、相关统计数"), whose figure cells are all not applicable.
    pub key: Option<String>,
    /// Indentation of the label: 0, 1 or 2.
    pub indent: u8,
}

/// How a zero amount prints in a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZeroCells {
    /// As "0.00".
    Zero,
    /// As an empty cell.
    Blank,
}

/// A layout file that cannot be used.
#[derive(Debug, Clone)]
pub struct LayoutError {
    /// The file, as the user named it.
    pub file: String,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "表格式文件 {}:{l} 有错误：{}", self.file, self.message),
            None => write!(f, "表格式文件 {} 有错误：{}", self.file, self.message),
        }
    }
}

impl std::error::Error for LayoutError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    title: String,
    #[serde(default = "default_unit")]
    unit: String,
    #[serde(default = "yes")]
    caption: bool,
    #[serde(default = "default_page_heading")]
    heading_number: PageHeading,
    #[serde(default = "default_leaves")]
    leaf_headers: LeafHeaders,
    #[serde(default)]
    rows: Option<toml::Spanned<String>>,
    #[serde(default = "default_sub_lines")]
    sub_lines: SubLines,
    #[serde(default)]
    sub_numbers: bool,
    #[serde(default = "default_code_cells")]
    code_cells: CodeCells,
    #[serde(default)]
    blocks: Option<toml::Spanned<Vec<Vec<toml::Spanned<String>>>>>,
    #[serde(default)]
    sections: Option<toml::Spanned<Vec<toml::Spanned<String>>>>,
    #[serde(default)]
    lines: Option<toml::Spanned<Vec<RawLine>>>,
    #[serde(default)]
    wide: bool,
    #[serde(default)]
    column_numbers: bool,
    #[serde(default = "default_total_row")]
    total_row: TotalRow,
    #[serde(default = "default_zero")]
    zero: ZeroCells,
    #[serde(default)]
    note: Option<RawNote>,
    #[serde(default = "default_note_lines")]
    note_lines: NoteLines,
    empty: String,
    #[serde(default = "default_empty_note")]
    empty_note: String,
    #[serde(default = "default_tail")]
    tail_note: TailNote,
    #[serde(default = "yes")]
    print: bool,
    empty_reason: String,
    columns: Vec<RawColumn>,
    #[serde(default)]
    variants: std::collections::BTreeMap<String, toml::Spanned<RawVariant>>,
}

/// A `[variants.<name>]` table: any of the layout's keys, replacing the file's.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    /// Another variant of the file whose keys this one starts from (instead of the file's).
    base: Option<toml::Spanned<String>>,
    title: Option<String>,
    unit: Option<String>,
    caption: Option<bool>,
    heading_number: Option<PageHeading>,
    leaf_headers: Option<LeafHeaders>,
    rows: Option<toml::Spanned<String>>,
    sub_lines: Option<SubLines>,
    sub_numbers: Option<bool>,
    code_cells: Option<CodeCells>,
    blocks: Option<toml::Spanned<Vec<Vec<toml::Spanned<String>>>>>,
    sections: Option<toml::Spanned<Vec<toml::Spanned<String>>>>,
    lines: Option<toml::Spanned<Vec<RawLine>>>,
    wide: Option<bool>,
    column_numbers: Option<bool>,
    total_row: Option<TotalRow>,
    zero: Option<ZeroCells>,
    note: Option<RawNote>,
    note_lines: Option<NoteLines>,
    empty: Option<String>,
    empty_note: Option<String>,
    tail_note: Option<TailNote>,
    print: Option<bool>,
    empty_reason: Option<String>,
    columns: Option<Vec<RawColumn>>,
    /// New headers for some columns, by key (the columns themselves stay); the one-line label of
    /// such a column is its `labels` entry, else the header's last cell.
    headers: Option<std::collections::BTreeMap<String, toml::Spanned<Vec<String>>>>,
    labels: Option<std::collections::BTreeMap<String, String>>,
}

/// A `[[lines]]` entry: a row of a table whose rows are items.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawLine {
    name: String,
    key: Option<toml::Spanned<String>>,
    indent: Option<toml::Spanned<u8>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawColumn {
    key: toml::Spanned<String>,
    header: toml::Spanned<Vec<String>>,
    label: Option<String>,
    #[serde(default)]
    optional: bool,
}

fn default_unit() -> String {
    "金额单位：万元".into()
}
fn yes() -> bool {
    true
}
fn default_sub_lines() -> SubLines {
    SubLines::Both
}
fn default_leaves() -> LeafHeaders {
    LeafHeaders::Down
}
fn default_empty_note() -> String {
    "本{kind}{year}年度{empty}，故本表为空表。".into()
}
fn default_code_cells() -> CodeCells {
    CodeCells::Parts
}
fn default_note_lines() -> NoteLines {
    NoteLines::Joined
}
fn default_tail() -> TailNote {
    TailNote::WhenDifferent
}
fn default_page_heading() -> PageHeading {
    PageHeading::Numbered
}
fn default_total_row() -> TotalRow {
    TotalRow::First
}
fn default_zero() -> ZeroCells {
    ZeroCells::Zero
}

fn line_of(text: &str, span: Option<Range<usize>>) -> Option<usize> {
    span.map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
}

/// What a table's data source offers a layout.
#[derive(Debug, Clone, Copy)]
pub struct Offer<'a> {
    /// The column keys, with the kind of each.
    pub keys: &'a [(&'a str, ColumnKind)],
    /// Whether the table can print a template's full 款 list (`rows = "full"`).
    pub full_rows: bool,
    /// Whether the table can print its two column groups as two rows (`rows = "sides"`).
    pub side_rows: bool,
    /// The figures a row of `rows = "items"` can print (the `key` of a `[[lines]]` entry); empty
    /// when the table cannot have its rows as items.
    pub lines: &'a [&'a str],
}

/// Parses and checks a layout against what its table's data source offers.
pub fn parse(file: &str, text: &str, offer: Offer<'_>) -> Result<Layout, LayoutError> {
    let fail = |span: Option<Range<usize>>, message: String| LayoutError {
        file: file.to_string(),
        line: line_of(text, span),
        message,
    };
    let mut raw: RawLayout = toml::from_str(text).map_err(|e| {
        fail(
            e.span(),
            format!("{}（格式见内置的 tables/*.toml）", e.message().trim()),
        )
    })?;
    let variants = std::mem::take(&mut raw.variants);
    let mut layout = checked(raw.clone_base(), offer, &fail)?;
    // Variants that start from another variant (`base`) are merged after the ones they start from.
    let (plain, based): (Vec<_>, Vec<_>) = variants
        .into_iter()
        .partition(|(_, v)| v.get_ref().base.is_none());
    let mut merged_raw: Vec<(String, RawLayout)> = Vec::new();
    for (name, v) in plain.into_iter().chain(based) {
        let span = v.span();
        let mut v = v.into_inner();
        let has_base = v.base.is_some();
        let base = match v.base.take() {
            None => raw.clone_base(),
            Some(b) => match merged_raw.iter().find(|(n, _)| *n == *b.get_ref()) {
                Some((_, r)) => r.clone_base(),
                None => {
                    let there: Vec<&str> = merged_raw.iter().map(|(n, _)| n.as_str()).collect();
                    return Err(fail(
                        Some(b.span()),
                        format!(
                            "变体“{name}”：base = “{}” 不是本文件中没有 base 的变体；可写：{}",
                            b.get_ref(),
                            if there.is_empty() {
                                "（无）".to_string()
                            } else {
                                there.join("、")
                            }
                        ),
                    ));
                }
            },
        };
        let mut columns = v.columns.unwrap_or(base.columns);
        let mut labels = v.labels.unwrap_or_default();
        for (key, header) in v.headers.unwrap_or_default() {
            let Some(c) = columns.iter_mut().find(|c| *c.key.get_ref() == key) else {
                let known: Vec<&str> = columns.iter().map(|c| c.key.get_ref().as_str()).collect();
                return Err(fail(
                    Some(header.span()),
                    format!(
                        "变体“{name}”：headers 中的“{key}”不是本表的列，本表的列：{}",
                        known.join("、")
                    ),
                ));
            };
            c.label = labels.remove(&key).or_else(|| header.get_ref().last().cloned());
            c.header = header;
        }
        if let Some(key) = labels.keys().next() {
            return Err(fail(
                Some(span.clone()),
                format!("变体“{name}”：labels 中的“{key}”没有对应的 headers 项"),
            ));
        }
        let merged = RawLayout {
            title: v.title.unwrap_or(base.title),
            unit: v.unit.unwrap_or(base.unit),
            caption: v.caption.unwrap_or(base.caption),
            heading_number: v.heading_number.unwrap_or(base.heading_number),
            leaf_headers: v.leaf_headers.unwrap_or(base.leaf_headers),
            rows: v.rows.or(base.rows),
            sub_lines: v.sub_lines.unwrap_or(base.sub_lines),
            sub_numbers: v.sub_numbers.unwrap_or(base.sub_numbers),
            code_cells: v.code_cells.unwrap_or(base.code_cells),
            blocks: v.blocks.or(base.blocks),
            sections: v.sections.or(base.sections),
            lines: v.lines.or(base.lines),
            wide: v.wide.unwrap_or(base.wide),
            column_numbers: v.column_numbers.unwrap_or(base.column_numbers),
            total_row: v.total_row.unwrap_or(base.total_row),
            zero: v.zero.unwrap_or(base.zero),
            note: v.note.or(base.note),
            note_lines: v.note_lines.unwrap_or(base.note_lines),
            empty: v.empty.unwrap_or(base.empty),
            empty_note: v.empty_note.unwrap_or(base.empty_note),
            tail_note: v.tail_note.unwrap_or(base.tail_note),
            print: v.print.unwrap_or(base.print),
            empty_reason: v.empty_reason.unwrap_or(base.empty_reason),
            columns,
            variants: Default::default(),
        };
        let vfail =
            |s: Option<Range<usize>>, m: String| fail(s.or(Some(span.clone())), format!("变体“{name}”：{m}"));
        let keep = merged.clone_base();
        let l = checked(merged, offer, &vfail)?;
        layout.variants.push((name.clone(), l));
        if !has_base {
            merged_raw.push((name, keep));
        }
    }
    layout.variants.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(layout)
}

impl RawLayout {
    /// The file's own keys (without its variants).
    fn clone_base(&self) -> RawLayout {
        RawLayout {
            title: self.title.clone(),
            unit: self.unit.clone(),
            caption: self.caption,
            heading_number: self.heading_number,
            leaf_headers: self.leaf_headers,
            rows: self.rows.clone(),
            sub_lines: self.sub_lines,
            sub_numbers: self.sub_numbers,
            code_cells: self.code_cells,
            blocks: self.blocks.clone(),
            sections: self.sections.clone(),
            lines: self.lines.clone(),
            wide: self.wide,
            column_numbers: self.column_numbers,
            total_row: self.total_row,
            zero: self.zero,
            note: self.note.clone(),
            note_lines: self.note_lines,
            empty: self.empty.clone(),
            empty_note: self.empty_note.clone(),
            tail_note: self.tail_note,
            print: self.print,
            empty_reason: self.empty_reason.clone(),
            columns: self.columns.clone(),
            variants: Default::default(),
        }
    }
}

/// Checks one layout's columns against the keys its table offers.
fn checked(
    raw: RawLayout,
    offer: Offer<'_>,
    fail: &dyn Fn(Option<Range<usize>>, String) -> LayoutError,
) -> Result<Layout, LayoutError> {
    let keys = offer.keys;
    if raw.columns.is_empty() {
        return Err(fail(None, "没有列（columns）".into()));
    }
    let mut columns = Vec::with_capacity(raw.columns.len());
    let spans: Vec<Range<usize>> = raw.columns.iter().map(|c| c.key.span()).collect();
    for c in raw.columns {
        let key = c.key.get_ref().clone();
        let Some((_, kind)) = keys.iter().find(|(k, _)| *k == key) else {
            let known: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
            return Err(fail(
                Some(c.key.span()),
                format!("本表没有名为“{key}”的列，可用的列：{}", known.join("、")),
            ));
        };
        if columns.iter().any(|x: &LayoutColumn| x.key == key) {
            return Err(fail(Some(c.key.span()), format!("列“{key}”出现了两次")));
        }
        let header = c.header.get_ref().clone();
        if header.is_empty() || header.iter().any(|h| h.trim().is_empty()) {
            return Err(fail(
                Some(c.header.span()),
                format!("列“{key}”的表头（header）不能为空，也不能有空的一层"),
            ));
        }
        let label = c.label.unwrap_or_else(|| header.join("/"));
        columns.push(LayoutColumn {
            key,
            header,
            label,
            kind: *kind,
            optional: c.optional,
        });
    }
    let blocks = checked_blocks(raw.blocks.as_ref(), offer, &columns, &spans, fail)?;
    if let Some(l) = &raw.lines
        && raw.rows.as_ref().is_none_or(|r| r.get_ref() != "items")
    {
        return Err(fail(
            Some(l.span()),
            "lines（逐行列出的项目）只用于 rows = \"items\"".into(),
        ));
    }
    let rows = match (&raw.rows, raw.sections) {
        (Some(r), sections) if r.get_ref() == "items" => {
            if offer.lines.is_empty() {
                return Err(fail(
                    Some(r.span()),
                    "rows = \"items\"（各项目、统计数各一行）只用于财政拨款“三公”经费支出决算表".into(),
                ));
            }
            if let Some(s) = sections {
                return Err(fail(
                    Some(s.span()),
                    "sections（款的清单）只用于 rows = \"full\"".into(),
                ));
            }
            RowSet::Items(checked_lines(raw.lines.as_ref(), r.span(), offer, fail)?)
        }
        (None, None) => RowSet::Figures,
        (Some(r), sections) if r.get_ref() == "figures" => {
            if let Some(s) = sections {
                return Err(fail(
                    Some(s.span()),
                    "sections（款的清单）只用于 rows = \"full\"".into(),
                ));
            }
            RowSet::Figures
        }
        (Some(r), sections) if r.get_ref() == "sides" => {
            if !offer.side_rows {
                return Err(fail(
                    Some(r.span()),
                    "rows = \"sides\"（预算数、决算数各一行）只用于财政拨款“三公”经费支出决算表".into(),
                ));
            }
            if let Some(s) = sections {
                return Err(fail(
                    Some(s.span()),
                    "sections（款的清单）只用于 rows = \"full\"".into(),
                ));
            }
            RowSet::Sides
        }
        (Some(r), sections) if r.get_ref() == "full" => {
            if !offer.full_rows {
                return Err(fail(
                    Some(r.span()),
                    "rows = \"full\"（列出模板的全部“款”）只用于一般公共预算财政拨款基本支出决算表（按经济分类）".into(),
                ));
            }
            let Some(list) = sections else {
                return Err(fail(
                    Some(r.span()),
                    "rows = \"full\" 需要 sections：模板列出的全部经济分类“款”编码（5位），如 sections = [\"30101\", \"30102\"]".into(),
                ));
            };
            let mut codes: Vec<String> = Vec::with_capacity(list.get_ref().len());
            for c in list.get_ref() {
                let code = c.get_ref();
                if code.len() != 5 || catalogue::name_of(Classification::Economic, code).is_none() {
                    return Err(fail(
                        Some(c.span()),
                        format!("sections 中的“{code}”不是经济分类科目目录中的“款”（5位编码）"),
                    ));
                }
                if codes.iter().any(|x| x == code) {
                    return Err(fail(Some(c.span()), format!("sections 中的“{code}”出现了两次")));
                }
                codes.push(code.clone());
            }
            codes.sort();
            RowSet::Full(codes)
        }
        (Some(r), _) => {
            return Err(fail(
                Some(r.span()),
                format!(
                    "rows 应为 \"figures\"（有数的行）、\"full\"（模板的全部“款”）、\"sides\"（三公：预算数、决算数各一行）或 \"items\"（三公：各项目、统计数各一行），不是“{}”",
                    r.get_ref()
                ),
            ));
        }
        (None, Some(s)) => {
            return Err(fail(
                Some(s.span()),
                "sections（款的清单）只用于 rows = \"full\"".into(),
            ));
        }
    };
    Ok(Layout {
        title: raw.title,
        unit: raw.unit,
        caption: if raw.caption {
            CaptionLine::Full
        } else {
            CaptionLine::UnitOnly
        },
        page_heading: raw.heading_number,
        leaf_headers: raw.leaf_headers,
        rows,
        sub_lines: raw.sub_lines,
        sub_numbers: raw.sub_numbers,
        code_cells: raw.code_cells,
        blocks,
        wide: raw.wide,
        column_numbers: raw.column_numbers,
        total_row: raw.total_row,
        zero: raw.zero,
        note: raw.note.map(RawNote::lines).unwrap_or_default(),
        note_lines: raw.note_lines,
        empty: raw.empty,
        empty_note: raw.empty_note,
        tail_note: raw.tail_note,
        print: raw.print,
        empty_reason: raw.empty_reason,
        columns,
        variants: Vec::new(),
    })
}

/// Checks the `[[lines]]` of a `rows = "items"` layout: at least one, each with a label, a known
/// figure key (or none, for a heading row), each key once, an indent of 0–2.
fn checked_lines(
    lines: Option<&toml::Spanned<Vec<RawLine>>>,
    rows_span: Range<usize>,
    offer: Offer<'_>,
    fail: &dyn Fn(Option<Range<usize>>, String) -> LayoutError,
) -> Result<Vec<ItemLine>, LayoutError> {
    let Some(list) = lines.filter(|l| !l.get_ref().is_empty()) else {
        return Err(fail(
            Some(rows_span),
            "rows = \"items\" 需要 [[lines]]：每行的 name（印出的项目名称）和 key（该行的数）".into(),
        ));
    };
    let mut out: Vec<ItemLine> = Vec::with_capacity(list.get_ref().len());
    for l in list.get_ref() {
        let span = l.key.as_ref().map(|k| k.span()).unwrap_or_else(|| list.span());
        if l.name.trim().is_empty() {
            return Err(fail(Some(span), "lines 中有一行的 name 为空".into()));
        }
        let key = match &l.key {
            None => None,
            Some(k) => {
                let key = k.get_ref();
                if !offer.lines.contains(&key.as_str()) {
                    return Err(fail(
                        Some(k.span()),
                        format!(
                            "lines 中“{}”的 key “{key}”不是本表的数，可用的：{}",
                            l.name,
                            offer.lines.join("、")
                        ),
                    ));
                }
                if out.iter().any(|x| x.key.as_deref() == Some(key.as_str())) {
                    return Err(fail(Some(k.span()), format!("lines 中 key “{key}”出现了两次")));
                }
                Some(key.clone())
            }
        };
        let indent = l.indent.as_ref().map_or(0, |i| *i.get_ref());
        if indent > 2 {
            return Err(fail(
                l.indent.as_ref().map(|i| i.span()),
                format!("lines 中“{}”的 indent 应为 0、1 或 2，不是 {indent}", l.name),
            ));
        }
        out.push(ItemLine {
            name: l.name.clone(),
            key,
            indent,
        });
    }
    Ok(out)
}

/// The most column groups a 06表 layout can have (`block1` … `block4`).
pub const MAX_BLOCKS: usize = 4;

/// Checks a 06表's `blocks`: every 类 of basic spending in exactly one group, no group mixing
/// 人员经费 (301, 303) and 公用经费 类, and columns that use the groups there are (`blockN.*`
/// with blocks, `personnel.*` / `public.*` without).
fn checked_blocks(
    blocks: Option<&toml::Spanned<Vec<Vec<toml::Spanned<String>>>>>,
    offer: Offer<'_>,
    columns: &[LayoutColumn],
    spans: &[Range<usize>],
    fail: &dyn Fn(Option<Range<usize>>, String) -> LayoutError,
) -> Result<Vec<Vec<String>>, LayoutError> {
    let block_of = |key: &str| -> Option<usize> {
        key.strip_prefix("block")
            .and_then(|r| r.split('.').next())
            .and_then(|n| n.parse::<usize>().ok())
    };
    let Some(b) = blocks else {
        if let Some(i) = columns.iter().position(|c| block_of(&c.key).is_some()) {
            let c = &columns[i];
            return Err(fail(
                spans.get(i).cloned(),
                format!("列“{}”属于分组（block），但本表格式没有 blocks", c.key),
            ));
        }
        return Ok(Vec::new());
    };
    if !offer.full_rows {
        return Err(fail(
            Some(b.span()),
            "blocks（款的分组）只用于一般公共预算财政拨款基本支出决算表（按经济分类）".into(),
        ));
    }
    let list = b.get_ref();
    if list.is_empty() || list.len() > MAX_BLOCKS {
        return Err(fail(
            Some(b.span()),
            format!("blocks 应有 1 至 {MAX_BLOCKS} 组，现有 {} 组", list.len()),
        ));
    }
    let mut out: Vec<Vec<String>> = Vec::new();
    for group in list {
        let mut classes = Vec::new();
        for c in group {
            let code = c.get_ref();
            if !catalogue::BASIC_ECONOMIC_CLASSES.contains(&code.as_str()) {
                return Err(fail(
                    Some(c.span()),
                    format!(
                        "blocks 中的“{code}”不是基本支出的经济分类“类”；可写：{}",
                        catalogue::BASIC_ECONOMIC_CLASSES.join("、")
                    ),
                ));
            }
            if out.iter().chain([&classes]).any(|g| g.contains(code)) {
                return Err(fail(Some(c.span()), format!("blocks 中的“{code}”出现了两次")));
            }
            classes.push(code.clone());
        }
        let personnel = classes
            .iter()
            .filter(|c| catalogue::PERSONNEL_CLASSES.contains(&c.as_str()))
            .count();
        if personnel != 0 && personnel != classes.len() {
            return Err(fail(
                Some(b.span()),
                format!(
                    "blocks 的一组（{}）把人员经费（301、303）和公用经费的“类”放在了一起",
                    classes.join("、")
                ),
            ));
        }
        out.push(classes);
    }
    // The 人员经费合计 stands under the one group of 人员经费 and the 公用经费合计 spans the others,
    // so 301 and 303 go in one group.
    if out
        .iter()
        .filter(|g| {
            g.iter()
                .any(|c| catalogue::PERSONNEL_CLASSES.contains(&c.as_str()))
        })
        .count()
        > 1
    {
        return Err(fail(
            Some(b.span()),
            "blocks 把人员经费的“类”（301、303）分在了两组：它们要在同一组（表下的人员经费合计只印在一组下）"
                .into(),
        ));
    }
    let missing: Vec<&str> = catalogue::BASIC_ECONOMIC_CLASSES
        .iter()
        .copied()
        .filter(|c| !out.iter().any(|g| g.iter().any(|x| x == c)))
        .collect();
    if !missing.is_empty() {
        return Err(fail(
            Some(b.span()),
            format!(
                "blocks 没有列出“类” {}：每个“类”都要放进一组（没有数、不在 sections 里的“类”不会印出）",
                missing.join("、")
            ),
        ));
    }
    if let Some(i) = columns
        .iter()
        .position(|c| block_of(&c.key).is_none_or(|n| n == 0 || n > out.len()))
    {
        let c = &columns[i];
        return Err(fail(
            spans.get(i).cloned(),
            format!(
                "有 blocks 时列只能是 block1 … block{} 的列，“{}”不是",
                out.len(),
                c.key
            ),
        ));
    }
    Ok(out)
}

/// The header grid of `columns`: adjacent columns sharing a header prefix share the cell
/// (colspan); where a column's path is shorter than the deepest, its leaf reaches down
/// ([`LeafHeaders::Down`]) or the cell above the leaf does, so that every leaf stands in the
/// bottom row ([`LeafHeaders::Bottom`]) (rowspan).
pub fn header_grid(columns: &[&LayoutColumn], leaves: LeafHeaders) -> Vec<Vec<HeaderCell>> {
    let depth = columns.iter().map(|c| c.header.len()).max().unwrap_or(0);
    // For each column and header row: which element of the column's path stands there.
    let levels: Vec<Vec<usize>> = columns
        .iter()
        .map(|c| {
            let len = c.header.len();
            let stretch = match leaves {
                LeafHeaders::Down => len - 1,
                LeafHeaders::Bottom => len.saturating_sub(2),
            };
            let pad = depth - len;
            (0..depth)
                .map(|d| {
                    if d <= stretch {
                        d
                    } else if d <= stretch + pad {
                        stretch
                    } else {
                        d - pad
                    }
                })
                .collect()
        })
        .collect();
    let at = |col: usize, d: usize| levels[col][d];
    let rows_of = |col: usize, d: usize| (d..depth).take_while(|&e| at(col, e) == at(col, d)).count();
    let covered = |col: usize, d: usize| d > 0 && at(col, d - 1) == at(col, d);
    let mut grid = Vec::with_capacity(depth);
    for d in 0..depth {
        let mut row: Vec<HeaderCell> = Vec::new();
        let mut i = 0;
        while i < columns.len() {
            if covered(i, d) {
                // Covered by a cell above that reaches down.
                i += 1;
                continue;
            }
            let k = at(i, d);
            let path = &columns[i].header;
            let rowspan = rows_of(i, d);
            let mut j = i + 1;
            // A leaf ends in one column only: it never merges with a sibling.
            if k + 1 < path.len() {
                while j < columns.len()
                    && !covered(j, d)
                    && at(j, d) == k
                    && k + 1 < columns[j].header.len()
                    && columns[j].header[..=k] == path[..=k]
                    && rows_of(j, d) == rowspan
                {
                    j += 1;
                }
            }
            row.push(HeaderCell::new(path[k].clone(), (j - i) as u16, rowspan as u16));
            i = j;
        }
        grid.push(row);
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[(&str, ColumnKind)] = &[
        ("code", ColumnKind::Code),
        ("name", ColumnKind::Text),
        ("total", ColumnKind::Amount),
        ("basic", ColumnKind::Amount),
        ("personnel", ColumnKind::Amount),
    ];

    fn layout(cols: &str) -> Result<Layout, LayoutError> {
        let text = format!("title = \"表\"\nnote = \"注\"\nempty = \"无\"\nempty_reason = \"无\"\n{cols}");
        parse(
            "t.toml",
            &text,
            Offer {
                keys: KEYS,
                full_rows: false,
                side_rows: false,
                lines: &[],
            },
        )
    }

    #[test]
    fn header_paths_become_spans() {
        let l = layout(
            "[[columns]]\nkey = \"code\"\nheader = [\"项目\", \"编码\"]\n\
             [[columns]]\nkey = \"name\"\nheader = [\"项目\", \"名称\"]\n\
             [[columns]]\nkey = \"total\"\nheader = [\"支出\", \"合计\"]\n\
             [[columns]]\nkey = \"basic\"\nheader = [\"支出\", \"基本支出\", \"小计\"]\n\
             [[columns]]\nkey = \"personnel\"\nheader = [\"支出\", \"基本支出\", \"人员经费\"]\n",
        )
        .unwrap();
        let cols: Vec<&LayoutColumn> = l.columns.iter().collect();
        let g = header_grid(&cols, LeafHeaders::Down);
        let show = |r: &Vec<HeaderCell>| {
            r.iter()
                .map(|c| format!("{}:{}x{}", c.text, c.colspan, c.rowspan))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(show(&g[0]), "项目:2x1 支出:3x1");
        assert_eq!(show(&g[1]), "编码:1x2 名称:1x2 合计:1x2 基本支出:2x1");
        assert_eq!(show(&g[2]), "小计:1x1 人员经费:1x1");
    }

    #[test]
    fn unknown_column_names_the_line() {
        let e = layout("[[columns]]\nkey = \"code\"\nheader = [\"编码\"]\n[[columns]]\nkey = \"totl\"\nheader = [\"合计\"]\n")
            .unwrap_err();
        assert_eq!(e.line, Some(9), "{e}");
        assert!(e.message.contains("totl") && e.message.contains("total"), "{e}");
    }

    #[test]
    fn a_variant_replaces_the_keys_it_names_and_keeps_the_rest() {
        let l = layout(
            "[[columns]]\nkey = \"code\"\nheader = [\"项目\", \"编码\"]\n\
             [[columns]]\nkey = \"total\"\nheader = [\"合计\"]\n\
             [variants.\"小计\"]\ntitle = \"另一表\"\ncolumn_numbers = true\n\
             headers = { total = [\"小计\"] }\n",
        )
        .unwrap();
        let v = l.variant(Some("小计")).unwrap();
        assert_eq!((v.title.as_str(), v.column_numbers), ("另一表", true));
        assert_eq!(v.columns[1].header, vec!["小计".to_string()]);
        assert_eq!(v.columns[0].header, l.columns[0].header);
        assert_eq!(v.note, l.note);
        // The file's own layout is unchanged, and an unknown name lists the variants.
        assert_eq!((l.title.as_str(), l.columns[1].label.as_str()), ("表", "合计"));
        assert_eq!(l.variant(Some("合计")).unwrap_err(), vec!["小计"]);
        assert_eq!(l.variant(None).unwrap().title, "表");
    }

    #[test]
    fn a_variant_naming_no_column_names_its_line() {
        let e = layout(
            "[[columns]]\nkey = \"code\"\nheader = [\"编码\"]\n\
             [variants.v]\nheaders = { totl = [\"小计\"] }\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(9), "{e}");
        assert!(e.message.contains("totl") && e.message.contains("code"), "{e}");
        let e = layout(
            "[[columns]]\nkey = \"code\"\nheader = [\"编码\"]\n\
             [variants.v]\n[[variants.v.columns]]\nkey = \"totl\"\nheader = [\"小计\"]\n",
        )
        .unwrap_err();
        assert!(e.message.contains("变体“v”") && e.message.contains("totl"), "{e}");
    }

    #[test]
    fn malformed_file_names_the_line() {
        let e = layout("[[columns]]\nkey = \"code\"\nheader = \"编码\"\nwidth = 3\n").unwrap_err();
        assert!(e.line.is_some(), "{e}");
        let e = parse(
            "t.toml",
            "title = [",
            Offer {
                keys: KEYS,
                full_rows: false,
                side_rows: false,
                lines: &[],
            },
        )
        .unwrap_err();
        assert_eq!(e.line, Some(1), "{e}");
    }
}
