//! Applying a mapping to a workbook: every figure the mapping names, read exactly from its cells,
//! with the cells it came from (for the comments of the unit file and for messages).

mod checks;

use super::cell::{Pos, column_name};
use super::locate::{Table, normalize, sheet_matches};
use super::mapping::{CountField, ItemField, Mapping, SheetSpec, Term, TotalField, WorkbookUnit};
use super::workbook::Sheet;
use crate::catalogue::{self, Classification, PERSONNEL_CLASSES};
use crate::money::format_fixed;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// One cell that went into a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Subtracted rather than added.
    pub minus: bool,
    /// `Z03!E12`.
    pub cite: String,
}

/// An exact figure in 元 and where it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figure {
    /// The value in 元.
    pub value: Decimal,
    /// The cells, in mapping order.
    pub sources: Vec<Source>,
}

impl Figure {
    /// `Z04!F12 − Z08!G12`, for a comment.
    pub fn cite(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.sources.iter().enumerate() {
            match (i, s.minus) {
                (0, false) => {}
                (0, true) => out.push('−'),
                (_, false) => out.push_str(" + "),
                (_, true) => out.push_str(" − "),
            }
            out.push_str(&s.cite);
        }
        out
    }

    fn add(&mut self, minus: bool, value: Decimal, cite: String) {
        if minus {
            self.value -= value;
        } else {
            self.value += value;
        }
        self.sources.push(Source { minus, cite });
    }
}

/// The figures of one 功能分类“项”.
#[derive(Debug, Clone, Default)]
pub struct Item {
    /// The 科目名称 the workbook prints.
    pub name: Option<String>,
    /// The figures the mapping names.
    pub fields: BTreeMap<ItemField, Figure>,
}

/// 基本支出 of one 经济分类“款”.
#[derive(Debug, Clone)]
pub struct EconomicItem {
    /// 5-digit code.
    pub code: String,
    /// The amount.
    pub figure: Figure,
}

/// A count and its cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// The number.
    pub value: u32,
    /// `F01!D20`.
    pub cite: String,
}

/// Everything read from one workbook.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The unit's name from the title rows (`编制单位：…`), with its cell.
    pub unit_name: Option<(String, String)>,
    /// The year from the title rows (`2024年度`).
    pub year: Option<u16>,
    /// 7-digit code → figures.
    pub items: BTreeMap<String, Item>,
    /// The names the workbook prints for the 3- and 5-digit codes of its 科目 rows.
    pub group_names: BTreeMap<String, String>,
    /// Single figures.
    pub totals: BTreeMap<TotalField, Figure>,
    /// Counts.
    pub counts: BTreeMap<CountField, Count>,
    /// 基本支出 by 经济分类“款”, in code order, zeros left out.
    pub economic: Vec<EconomicItem>,
    /// Sheets the mapping allows to be missing and that are.
    pub missing_optional: Vec<String>,
}

/// Reads `sheets` with `mapping`; every problem found is listed (the messages name the sheet and
/// the cell), not just the first.
pub fn extract(sheets: &[Sheet], mapping: &Mapping) -> Result<Extracted, Vec<String>> {
    let mut x = Extractor {
        mapping,
        tables: BTreeMap::new(),
        errors: Vec::new(),
        columns: BTreeMap::new(),
        bad: BTreeSet::new(),
    };
    let mut out = Extracted::default();
    for spec in &mapping.sheets {
        match find_sheet(sheets, spec) {
            Ok(Some(sheet)) => match Table::new(&spec.code, sheet) {
                Ok(t) => {
                    x.tables.insert(spec.code.clone(), t);
                }
                Err(e) => x.errors.push(e),
            },
            Ok(None) => out.missing_optional.push(spec.code.clone()),
            Err(e) => x.errors.push(e),
        }
    }
    if !x.errors.is_empty() {
        return Err(x.errors);
    }
    x.title(&mut out);
    x.items(&mut out);
    x.totals(&mut out);
    x.counts(&mut out);
    x.economic(&mut out);
    x.hierarchy();
    x.checks();
    if x.errors.is_empty() {
        Ok(out)
    } else {
        // Several terms read the same missing column: say it once.
        let mut seen = BTreeSet::new();
        x.errors.retain(|e| seen.insert(e.clone()));
        Err(x.errors)
    }
}

fn find_sheet<'s>(sheets: &'s [Sheet], spec: &SheetSpec) -> Result<Option<&'s Sheet>, String> {
    let mut found: Vec<&Sheet> = sheets.iter().filter(|s| sheet_matches(s, &spec.code)).collect();
    // A workbook's 目录 sheet prints every 表号 in its first rows too: when several sheets match,
    // the ones that carry the code in their name are the tables themselves.
    if found.len() > 1 && found.iter().any(|s| s.name.contains(spec.code.as_str())) {
        found.retain(|s| s.name.contains(spec.code.as_str()));
    }
    match found.as_slice() {
        [s] => Ok(Some(s)),
        [] if spec.optional => Ok(None),
        [] => Err(format!(
            "找不到表 {}（{}）：工作簿中没有名称以“{}”开头的表。工作簿中的表：{}",
            spec.code,
            spec.title,
            spec.code,
            sheets
                .iter()
                .map(|s| format!("“{}”", s.name))
                .collect::<Vec<_>>()
                .join("、")
        )),
        many => Err(format!(
            "表 {}（{}）不唯一：{} 都以“{}”开头",
            spec.code,
            spec.title,
            many.iter()
                .map(|s| format!("“{}”", s.name))
                .collect::<Vec<_>>()
                .join("、"),
            spec.code
        )),
    }
}

struct Extractor<'m, 's> {
    mapping: &'m Mapping,
    tables: BTreeMap<String, Table<'s>>,
    errors: Vec<String>,
    /// Item-table columns in use: sheet code → columns, for the 类 = Σ款 = Σ项 check.
    columns: BTreeMap<String, BTreeSet<u32>>,
    /// Cells that could not be read (already reported): checks involving them are skipped.
    bad: BTreeSet<String>,
}

/// How a row of an item table is named in checks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum RowKey {
    Total,
    Code(String),
}

impl std::fmt::Display for RowKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RowKey::Total => f.write_str("合计行"),
            RowKey::Code(c) => write!(f, "科目 {c}"),
        }
    }
}

impl Extractor<'_, '_> {
    fn scale(&self, d: Decimal) -> Decimal {
        match self.mapping.amount_unit {
            WorkbookUnit::Yuan => d,
            WorkbookUnit::TenThousand => d * Decimal::from(10_000),
        }
    }

    /// Do two sides agree? Exactly for 元; within 0.005 万元 per rounded term for 万元 tables, whose
    /// cells were each rounded from 元 (尾差).
    fn agrees(&self, left: Decimal, right: Decimal, terms: usize) -> bool {
        let tolerance = match self.mapping.amount_unit {
            WorkbookUnit::Yuan => Decimal::ZERO,
            WorkbookUnit::TenThousand => Decimal::from(50) * Decimal::from(terms.max(1) as u64),
        };
        (left - right).abs() <= tolerance
    }

    fn unit_word(&self) -> &'static str {
        match self.mapping.amount_unit {
            WorkbookUnit::Yuan => "元",
            WorkbookUnit::TenThousand => "万元",
        }
    }

    /// The column of an item term, remembered for the hierarchy check; `None` (with the error
    /// noted) when it cannot be found.
    fn item_column(&mut self, t: &Term) -> Option<u32> {
        let table = self.tables.get(&t.sheet)?;
        match table.column(&t.column) {
            Ok(c) => {
                self.columns.entry(t.sheet.clone()).or_default().insert(c);
                Some(c)
            }
            Err(e) => {
                self.errors.push(format!("对照表错误：{e}"));
                None
            }
        }
    }

    fn title(&self, out: &mut Extracted) {
        for spec in &self.mapping.sheets {
            let Some(table) = self.tables.get(&spec.code) else {
                continue;
            };
            let texts = table.title_texts();
            for (i, (p, t)) in texts.iter().enumerate() {
                if out.unit_name.is_none() {
                    for key in ["编制单位", "单位名称", "部门名称", "部门"] {
                        if let Some(at) = t.find(key) {
                            // The label must be followed by a colon: “编制单位：某局”.
                            let after = t[at + key.len()..].trim_start_matches([' ', '\u{3000}']);
                            let Some(rest) = after.strip_prefix([':', '：']) else {
                                continue;
                            };
                            let rest = rest.trim_start_matches([' ', '\u{3000}']);
                            let name = rest.split(['\u{3000}', '\t']).next().unwrap_or("");
                            let name = name.split("  ").next().unwrap_or("").trim();
                            let name = if name.is_empty() {
                                texts
                                    .get(i + 1)
                                    .filter(|(q, _)| q.row == p.row)
                                    .map(|(_, n)| n.trim())
                                    .unwrap_or("")
                            } else {
                                name
                            };
                            if !name.is_empty() && !name.contains("单位：") {
                                out.unit_name = Some((name.to_string(), table.cite(*p)));
                                break;
                            }
                        }
                    }
                }
                if out.unit_name.is_none()
                    && let Some(name) = name_before_year(t)
                {
                    out.unit_name = Some((name, table.cite(*p)));
                }
                if out.year.is_none() {
                    out.year = year_in(t);
                }
            }
        }
    }

    fn items(&mut self, out: &mut Extracted) {
        let item_sheets: BTreeSet<String> = self
            .mapping
            .items
            .values()
            .flatten()
            .map(|t| t.sheet.clone())
            .collect();
        let mut codes: BTreeSet<String> = BTreeSet::new();
        for s in &item_sheets {
            if let Some(t) = self.tables.get(s) {
                codes.extend(t.code_rows.keys().filter(|c| c.len() == 7).cloned());
            }
        }
        for code in &codes {
            let name = item_sheets
                .iter()
                .filter_map(|s| self.tables.get(s))
                .find_map(|t| t.code_rows.get(code).and_then(|r| t.name_of(*r)));
            out.items.insert(
                code.clone(),
                Item {
                    name,
                    fields: BTreeMap::new(),
                },
            );
        }
        for s in &item_sheets {
            let Some(t) = self.tables.get(s) else { continue };
            for (code, row) in &t.code_rows {
                if code.len() < 7
                    && !out.group_names.contains_key(code)
                    && let Some(name) = t.name_of(*row)
                {
                    out.group_names.insert(code.clone(), name);
                }
            }
        }
        let mapping = self.mapping;
        for (field, terms) in &mapping.items {
            for term in terms {
                let Some(col) = self.item_column(term) else {
                    continue;
                };
                let rows: Vec<(String, u32)> = {
                    let table = &self.tables[&term.sheet];
                    codes
                        .iter()
                        .filter_map(|c| table.code_rows.get(c).map(|r| (c.clone(), *r)))
                        .collect()
                };
                for (code, row) in rows {
                    let p = Pos { row, col };
                    let value = self.amount_in(&term.sheet, p);
                    let cite = self.tables[&term.sheet].cite(p);
                    let item = out.items.get_mut(&code).expect("every code has an item");
                    item.fields
                        .entry(*field)
                        .or_default()
                        .add(term.minus, value, cite);
                }
            }
        }
        for (code, item) in &out.items {
            for (field, fig) in &item.fields {
                if fig.value.is_sign_negative() && !fig.value.is_zero() && !self.unreadable(fig) {
                    self.errors.push(format!(
                        "科目 {code} 的 {} 算出为负数 {}（{}）：各表的数不一致，或对照表不适合这个文件",
                        field.key(),
                        self.money(fig.value),
                        fig.cite()
                    ));
                }
            }
        }
    }

    fn money(&self, d: Decimal) -> String {
        format!("{}元", format_fixed(d, 2, true))
    }

    /// The cell a single-figure term points at, or `None` when its sheet is missing (optional)
    /// or it cannot be found (error noted).
    fn single_cell(&mut self, t: &Term) -> Option<Pos> {
        let table = self.tables.get(&t.sheet)?;
        let total = table
            .total_row
            .filter(|_| t.row.as_deref().is_some_and(|l| normalize(l) == "合计"));
        let anchor = match (total, &t.row, t.line) {
            (Some(row), _, _) => Ok(Pos {
                row,
                col: table.code_cols.first().copied().or(table.label_col).unwrap_or(0),
            }),
            (None, Some(label), _) => table.row_by_label(label),
            (None, None, Some(line)) => table.row_by_line(line),
            // No row named: the first data row (a one-row table such as 公开09表).
            (None, None, None) => Ok(Pos {
                row: table.data_start,
                col: 0,
            }),
        };
        let found = anchor.and_then(|a| {
            table
                .column_from(a.col, &t.column)
                .map(|col| Pos { row: a.row, col })
        });
        match found {
            Ok(p) => Some(p),
            Err(e) => {
                self.errors.push(format!("对照表错误：{e}"));
                None
            }
        }
    }

    fn single(&mut self, terms: &[Term]) -> Figure {
        let mut fig = Figure::default();
        for t in terms {
            let Some(p) = self.single_cell(t) else { continue };
            let d = self.amount_in(&t.sheet, p);
            let cite = self.tables[&t.sheet].cite(p);
            fig.add(t.minus, d, cite);
        }
        fig
    }

    fn totals(&mut self, out: &mut Extracted) {
        let mapping = self.mapping;
        for (field, terms) in &mapping.totals {
            let fig = self.single(terms);
            if fig.value.is_sign_negative() && !fig.value.is_zero() {
                self.errors.push(format!(
                    "{} 算出为负数 {}（{}）",
                    field.key(),
                    self.money(fig.value),
                    fig.cite()
                ));
            }
            if !fig.sources.is_empty() {
                out.totals.insert(*field, fig);
            }
        }
    }

    fn counts(&mut self, out: &mut Extracted) {
        let mapping = self.mapping;
        for (field, term) in &mapping.counts {
            let Some(p) = self.single_cell(term) else { continue };
            let table = &self.tables[&term.sheet];
            match table.sheet.value(p).map(|v| v.count()).unwrap_or(Ok(0)) {
                Ok(n) => {
                    out.counts.insert(
                        *field,
                        Count {
                            value: n,
                            cite: table.cite(p),
                        },
                    );
                }
                Err(e) => {
                    let at = table.at(p);
                    self.errors.push(format!("{at}：{e}"));
                }
            }
        }
    }

    fn economic(&mut self, out: &mut Extracted) {
        let Some(spec) = &self.mapping.economic else {
            return;
        };
        let Some(table) = self.tables.get(&spec.sheet) else {
            return;
        };
        let total = table.total_row.filter(|_| normalize(&spec.row) == "合计");
        let row = match total
            .map(Ok)
            .unwrap_or_else(|| table.row_by_label(&spec.row).map(|p| p.row))
        {
            Ok(row) => row,
            Err(e) => {
                self.errors.push(format!("对照表错误：{e}"));
                return;
            }
        };
        let first_data_col = table.label_col.map(|c| c + 1).unwrap_or(0);
        let mut class: Option<&'static str> = None;
        // (code, column) of every 经济分类 column; the 合计 column.
        let mut cols: Vec<(String, u32)> = Vec::new();
        let mut total_col = None;
        for (&col, head) in table.columns.range(first_data_col..) {
            let Some(text) = head.headers.last() else { continue };
            if text == "合计" || text == "小计" {
                total_col.get_or_insert(col);
                continue;
            }
            match economic_code(text, class) {
                Some(code) => {
                    if code.len() == 3 {
                        class = catalogue_code(&code);
                    }
                    cols.push((code, col));
                }
                None => self.errors.push(format!(
                    "表“{}”{} 列的表头“{}”不是部门预算支出经济分类科目的名称（应为如“基本工资”或“30101 基本工资”）",
                    table.sheet.name,
                    column_name(col),
                    head.headers.join("/")
                )),
            }
        }
        let mut values: BTreeMap<String, Figure> = BTreeMap::new();
        for (code, col) in &cols {
            let p = Pos { row, col: *col };
            let d = self.amount_in(&spec.sheet, p);
            let cite = self.tables[&spec.sheet].cite(p);
            if values.contains_key(code) {
                let t = &self.tables[&spec.sheet];
                self.errors.push(format!(
                    "表“{}”中经济分类 {code} 有两列（{}）",
                    t.sheet.name,
                    column_name(*col)
                ));
                continue;
            }
            let mut f = Figure::default();
            f.add(false, d, cite);
            values.insert(code.clone(), f);
        }
        // 类 columns = Σ 款 columns; 合计 = Σ 类 columns (or Σ 款 when there are no 类 columns).
        let classes: Vec<&String> = values.keys().filter(|c| c.len() == 3).collect();
        for class in &classes {
            let sum: Decimal = values
                .iter()
                .filter(|(c, _)| c.len() == 5 && c.starts_with(class.as_str()))
                .map(|(_, f)| f.value)
                .sum();
            let f = &values[*class];
            let n = values
                .keys()
                .filter(|c| c.len() == 5 && c.starts_with(class.as_str()))
                .count();
            if !self.agrees(f.value, sum, n) {
                self.errors.push(format!(
                    "核对未通过：经济分类 {class} 类 {}（{}）≠ 其下各“款”之和 {}，相差 {}",
                    self.money(f.value),
                    f.cite(),
                    self.money(sum),
                    self.money(f.value - sum)
                ));
            }
        }
        if let Some(col) = total_col {
            let p = Pos { row, col };
            let total = self.amount_in(&spec.sheet, p);
            let level = if classes.is_empty() { 5 } else { 3 };
            let sum: Decimal = values
                .iter()
                .filter(|(c, _)| c.len() == level)
                .map(|(_, f)| f.value)
                .sum();
            let n = values.keys().filter(|c| c.len() == level).count();
            if !self.agrees(total, sum, n) {
                let cite = self.tables[&spec.sheet].cite(p);
                self.errors.push(format!(
                    "核对未通过：{cite} 合计 {} ≠ 各经济分类“{}”之和 {}，相差 {}",
                    self.money(total),
                    if level == 3 { "类" } else { "款" },
                    self.money(sum),
                    self.money(total - sum)
                ));
            }
        }
        let personnel: Decimal = values
            .iter()
            .filter(|(c, _)| c.len() == 5 && PERSONNEL_CLASSES.iter().any(|p| c.starts_with(p)))
            .map(|(_, f)| f.value)
            .sum();
        let public: Decimal = values
            .iter()
            .filter(|(c, _)| c.len() == 5 && !PERSONNEL_CLASSES.iter().any(|p| c.starts_with(p)))
            .map(|(_, f)| f.value)
            .sum();
        for (term, sum, what) in [
            (&spec.personnel, personnel, "人员经费（301、303类）"),
            (&spec.public, public, "公用经费（其他各类）"),
        ] {
            let Some(term) = term else { continue };
            let fig = self.single(std::slice::from_ref(term));
            if !fig.sources.is_empty() && !self.agrees(fig.value, sum, values.len()) {
                self.errors.push(format!(
                    "核对未通过：{} 各经济分类“款”的{what}之和 {} ≠ {} 的 {}，相差 {}",
                    self.tables[&spec.sheet].code,
                    self.money(sum),
                    fig.cite(),
                    self.money(fig.value),
                    self.money(sum - fig.value)
                ));
            }
        }
        out.economic = values
            .into_iter()
            .filter(|(c, f)| c.len() == 5 && !f.value.is_zero())
            .map(|(code, figure)| EconomicItem { code, figure })
            .collect();
    }

    fn amount_in(&mut self, sheet: &str, p: Pos) -> Decimal {
        let table = &self.tables[sheet];
        let v = table
            .sheet
            .value(p)
            .map(|v| v.amount())
            .unwrap_or(Ok(Decimal::ZERO));
        match v {
            Ok(d) => self.scale(d),
            Err(e) => {
                let at = table.at(p);
                if self.bad.insert(table.cite(p)) {
                    self.errors
                        .push(format!("{at}：{e}：应为金额（单位：{}）", self.unit_word()));
                }
                Decimal::ZERO
            }
        }
    }

    /// Does a figure rest on a cell that could not be read? (Then comparing it says nothing new.)
    fn unreadable(&self, f: &Figure) -> bool {
        f.sources.iter().any(|s| self.bad.contains(&s.cite))
    }
}

fn catalogue_code(code: &str) -> Option<&'static str> {
    catalogue::codes_like(Classification::Economic, 3)
        .into_iter()
        .find(|c| *c == code)
}

/// The 经济分类 code of a column header: a leading code (`30101 基本工资`, `30101基本工资`), or the
/// name of a 类, or the name of a 款 (within the 类 of the columns before it when the name is
/// used under several 类).
fn economic_code(header: &str, class: Option<&str>) -> Option<String> {
    let digits: String = header.chars().take_while(|c| c.is_ascii_digit()).collect();
    if (digits.len() == 3 || digits.len() == 5)
        && catalogue::name_of(Classification::Economic, &digits).is_some()
    {
        return Some(digits);
    }
    let name = normalize(header);
    let named = |len: usize| -> Vec<&'static str> {
        catalogue::codes_like(Classification::Economic, len)
            .into_iter()
            .filter(|c| catalogue::name_of(Classification::Economic, c).is_some_and(|n| normalize(n) == name))
            .collect()
    };
    let kuan = named(5);
    // A 款 of the current 类 first: 399 其他支出 has a 款 39999 of the same name.
    if let Some(class) = class
        && let Some(c) = kuan.iter().find(|c| c.starts_with(class))
    {
        return Some(c.to_string());
    }
    if let [c] = named(3).as_slice() {
        return Some(c.to_string());
    }
    match kuan.as_slice() {
        [c] => Some(c.to_string()),
        _ => None,
    }
}

/// The unit's name in a report title: `上海市普陀区财政局2022年度部门决算` → 上海市普陀区财政局
/// (juesuan's own 表目录 sheet, the only place the Shanghai tables name the unit).
fn name_before_year(text: &str) -> Option<String> {
    let text = text.trim();
    let at = ["年度部门决算", "年度单位决算"]
        .iter()
        .find_map(|k| text.find(k))?;
    let before = &text[..at];
    let year_start = before.len().checked_sub(4)?;
    if !before.is_char_boundary(year_start) || !before[year_start..].bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let name = before[..year_start].trim();
    (!name.is_empty() && !name.contains(['：', ':'])).then(|| name.to_string())
}

/// `2024年度` → 2024.
fn year_in(text: &str) -> Option<u16> {
    let chars: Vec<char> = text.chars().collect();
    for i in 4..chars.len() {
        if chars[i] == '年'
            && chars[i - 4..i].iter().all(|c| c.is_ascii_digit())
            && (i < 5 || !chars[i - 5].is_ascii_digit())
        {
            let y: String = chars[i - 4..i].iter().collect();
            let y: u16 = y.parse().ok()?;
            if (1990..=2100).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn economic_headers() {
        assert_eq!(economic_code("基本工资", None).as_deref(), Some("30101"));
        assert_eq!(economic_code("30101 基本工资", None).as_deref(), Some("30101"));
        assert_eq!(economic_code("工资福利支出", None).as_deref(), Some("301"));
        assert_eq!(
            economic_code("办公设备购置", Some("310")).as_deref(),
            Some("31002")
        );
        assert_eq!(economic_code("不存在的支出", None), None);
    }

    #[test]
    fn years() {
        assert_eq!(year_in("2024年度"), Some(2024));
        assert_eq!(year_in("编制单位：某局    2023年"), Some(2023));
        assert_eq!(year_in("12024年"), None);
        assert_eq!(year_in("年"), None);
    }

    #[test]
    fn names_in_report_titles() {
        assert_eq!(
            name_before_year("上海市普陀区财政局2022年度部门决算").as_deref(),
            Some("上海市普陀区财政局")
        );
        assert_eq!(name_before_year("2022年度部门决算"), None);
        assert_eq!(name_before_year("某局22年度部门决算"), None);
        assert_eq!(name_before_year("收入支出决算总表"), None);
    }
}
