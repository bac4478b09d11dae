//! Finding things in a sheet by their keys: the title rows, the header rows and the 栏次 row, the
//! columns (by 栏次 or header text), the 科目 rows (by 科目编码, merged or split over 类/款/项
//! columns), and single rows by label or 行次. Nothing is found by a fixed offset, so extra title
//! rows, merged cells and moved columns do not matter.

use super::cell::{Pos, Value, column_name};
use super::mapping::ColumnKey;
use super::workbook::Sheet;
use std::collections::BTreeMap;

/// How far down the header and the 栏次 row may be.
const HEADER_SEARCH_ROWS: u32 = 60;
/// Most header rows above the 栏次 row.
const MAX_HEADER_ROWS: u32 = 8;

/// Normalises a label or header for comparison: no whitespace, half-width brackets and colon,
/// no quotes, and no leading numbering (`一、` `（一）` `1.` `(1)` `其中：`).
pub fn normalize(text: &str) -> String {
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !"“”\"‘’'".contains(*c))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '．' => '.',
            _ => c,
        })
        .collect();
    loop {
        let before = s.len();
        s = strip_numbering(&s).to_string();
        if s.len() == before {
            return s;
        }
    }
}

fn strip_numbering(s: &str) -> &str {
    const NUMERALS: &str = "一二三四五六七八九十";
    if let Some(rest) = s.strip_prefix("其中:") {
        return rest;
    }
    // 一、 十二、
    let n = s.chars().take_while(|c| NUMERALS.contains(*c)).count();
    if n > 0 {
        let after: String = s.chars().skip(n).take(1).collect();
        if after == "、" || after == "." {
            let skip = s.char_indices().nth(n + 1).map(|(i, _)| i).unwrap_or(s.len());
            return &s[skip..];
        }
    }
    // 1、 1. 12.
    let d = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    if d > 0 && d < s.len() {
        let rest = &s[d..];
        for sep in ["、", "."] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r;
            }
        }
    }
    // (一) (1)
    if let Some(rest) = s.strip_prefix('(')
        && let Some(close) = rest.find(')')
    {
        let inner = &rest[..close];
        if !inner.is_empty() && inner.chars().all(|c| NUMERALS.contains(c) || c.is_ascii_digit()) {
            return &rest[close + 1..];
        }
    }
    s
}

/// The header of one column.
#[derive(Debug, Clone, Default)]
pub struct ColumnHead {
    /// Header texts from top to bottom, normalised, merged cells repeated.
    pub headers: Vec<String>,
    /// The column's 栏次, when the 栏次 row gives one.
    pub lanci: Option<u32>,
}

/// A sheet with its structure found.
#[derive(Debug)]
pub struct Table<'a> {
    /// The mapping's code for the sheet.
    pub code: String,
    /// The sheet.
    pub sheet: &'a Sheet,
    /// Rows before the header (title, 表号, 编制单位).
    pub title_rows: std::ops::Range<u32>,
    /// First row of data.
    pub data_start: u32,
    /// The header of every column that has one.
    pub columns: BTreeMap<u32, ColumnHead>,
    /// Columns holding the 科目编码.
    pub code_cols: Vec<u32>,
    /// The column of the 科目名称 (or 项目).
    pub label_col: Option<u32>,
    /// 科目编码 → its row.
    pub code_rows: BTreeMap<String, u32>,
    /// The 合计 row.
    pub total_row: Option<u32>,
    /// Normalised text → the data cells that show it (for rows found by label).
    labels: std::collections::HashMap<String, Vec<Pos>>,
}

/// Most 科目 rows a table may have (a unit's tables have a few hundred).
pub const MAX_CODE_ROWS: usize = 20_000;

/// Something a lookup could not find or found twice; the message says what and where.
pub type LocateError = String;

fn is_title_text(t: &str) -> bool {
    let has_year = t
        .char_indices()
        .any(|(i, c)| c == '年' && i >= 4 && t[..i].chars().rev().take(4).all(|d| d.is_ascii_digit()));
    ["编制单位", "单位:", "单位：", "部门:", "部门：", "表"]
        .iter()
        .any(|m| t.contains(m))
        || has_year
}

fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e9 => Some(*f as i64),
        Value::Text(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn digits(v: &Value) -> Option<String> {
    let t = v.text();
    let t = t.trim();
    (!t.is_empty() && t.len() <= 7 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.to_string())
}

impl<'a> Table<'a> {
    /// Finds the structure of `sheet`.
    pub fn new(code: &str, sheet: &'a Sheet) -> Result<Table<'a>, LocateError> {
        let end = sheet.end_row().min(HEADER_SEARCH_ROWS);
        let lanci_row = (0..end).find(|&r| {
            sheet.row(r).any(|(_, v)| normalize(&v.text()) == "栏次") || {
                let ints: Vec<i64> = sheet.row(r).filter_map(|(_, v)| integer(v)).collect();
                ints.len() >= 3 && ints.windows(2).all(|w| w[1] == w[0] + 1) && ints[0] == 1
            }
        });
        // The first data row: a 科目编码 in the first columns, or a 合计 that has figures beside it
        // (a 合计 without figures is a header cell, as over the 三公 table's columns).
        let first_data = |from: u32| {
            (from..sheet.end_row()).find(|&r| {
                let has_figure = || {
                    sheet
                        .row(r)
                        .any(|(_, v)| matches!(v, Value::Int(_) | Value::Float(_)))
                };
                sheet.row(r).take(4).any(|(p, v)| {
                    p.col < 4
                        && (digits(v).is_some_and(|d| [3, 5, 7].contains(&d.len()))
                            || (normalize(&v.text()) == "合计" && has_figure()))
                })
            })
        };
        // Failing both, the first row with a figure (a one-row table such as 三公).
        let first_figures = || {
            (0..sheet.end_row()).find(|&r| {
                sheet
                    .row(r)
                    .any(|(_, v)| matches!(v, Value::Int(_) | Value::Float(_)))
            })
        };
        // A table without 栏次 and without any figure (the Shanghai layout's empty 政府性基金 table,
        // or a 三公 table of zeros left blank): the header ends at its 类/款/项 row, or else at the
        // last row with text that is not a note (注：…).
        let empty_table_data = || {
            let texts = |r: u32| -> Vec<String> { sheet.row(r).map(|(_, v)| normalize(&v.text())).collect() };
            let end = sheet.end_row().min(HEADER_SEARCH_ROWS);
            (0..end)
                .find(|&r| {
                    let t = texts(r);
                    t.iter().any(|x| x == "类") && t.iter().any(|x| x == "款")
                })
                .or_else(|| {
                    (0..end).rev().find(|&r| {
                        let t = texts(r);
                        t.iter().any(|x| !x.is_empty()) && !t.iter().any(|x| x.starts_with("注"))
                    })
                })
                .map(|r| r + 1)
        };
        let (anchor, data_start) = match lanci_row {
            Some(r) => (r, r + 1),
            None => match first_data(0).or_else(first_figures).or_else(empty_table_data) {
                Some(r) => (r, r),
                None => {
                    return Err(format!(
                        "表“{}”中找不到“栏次”行，也找不到科目编码或“合计”行：无法确定表头在哪里",
                        sheet.name
                    ));
                }
            },
        };
        let mut header_start = anchor;
        while header_start > 0 && anchor - header_start < MAX_HEADER_ROWS {
            let r = header_start - 1;
            let texts: Vec<String> = sheet.row(r).map(|(_, v)| v.text()).collect();
            if texts.iter().all(|t| t.trim().is_empty()) || texts.iter().any(|t| is_title_text(t)) {
                break;
            }
            header_start = r;
        }
        let mut columns = BTreeMap::new();
        for col in 0..sheet.end_col() {
            let mut head = ColumnHead::default();
            for row in header_start..anchor {
                let t = normalize(&sheet.shown_text(Pos { row, col }));
                if !t.is_empty() && head.headers.last() != Some(&t) {
                    head.headers.push(t);
                }
            }
            if let Some(r) = lanci_row {
                head.lanci = sheet
                    .value(Pos { row: r, col })
                    .and_then(integer)
                    .and_then(|i| u32::try_from(i).ok());
            }
            if !head.headers.is_empty() || head.lanci.is_some() {
                columns.insert(col, head);
            }
        }
        let code_cols: Vec<u32> = columns
            .iter()
            .filter(|(_, h)| {
                h.headers
                    .iter()
                    .any(|t| t.contains("编码") || ["类", "款", "项"].contains(&t.as_str()))
            })
            .map(|(c, _)| *c)
            .collect();
        let label_col = columns
            .iter()
            .find(|(_, h)| {
                h.headers
                    .last()
                    .is_some_and(|t| t.contains("名称") || t == "项目")
            })
            .map(|(c, _)| *c)
            .or_else(|| code_cols.last().map(|c| c + 1));
        let mut table = Table {
            code: code.to_string(),
            sheet,
            title_rows: 0..header_start,
            data_start,
            columns,
            code_cols,
            label_col,
            code_rows: BTreeMap::new(),
            total_row: None,
            labels: std::collections::HashMap::new(),
        };
        table.find_rows()?;
        for (p, v) in sheet.cells() {
            if p.row >= data_start
                && let Value::Text(t) = v
            {
                table.labels.entry(normalize(t)).or_default().push(p);
            }
        }
        Ok(table)
    }

    fn find_rows(&mut self) -> Result<(), LocateError> {
        let sheet = self.sheet;
        for row in self.data_start..sheet.end_row() {
            let mut code = String::new();
            for &col in &self.code_cols {
                if let Some(d) = sheet.value(Pos { row, col }).and_then(digits) {
                    code.push_str(&d);
                }
            }
            if [3, 5, 7].contains(&code.len()) {
                if self.code_rows.len() >= MAX_CODE_ROWS {
                    return Err(format!(
                        "表“{}”的科目行超过 {MAX_CODE_ROWS} 行，不像是一个单位的决算表",
                        sheet.name
                    ));
                }
                if let Some(first) = self.code_rows.insert(code.clone(), row) {
                    return Err(format!(
                        "表“{}”中科目编码 {code} 出现了两次（第{}行和第{}行）",
                        sheet.name,
                        first + 1,
                        row + 1
                    ));
                }
                continue;
            }
            let label_cols = self.code_cols.iter().copied().chain(self.label_col);
            let is_total = label_cols
                .clone()
                .any(|col| normalize(&sheet.shown_text(Pos { row, col })) == "合计");
            if is_total && self.total_row.is_none() {
                self.total_row = Some(row);
            }
        }
        Ok(())
    }

    /// Where in the workbook: `表“Z03 收入决算表”E12`.
    pub fn at(&self, p: Pos) -> String {
        format!("表“{}”{p}", self.sheet.name)
    }

    /// The short source reference written into the unit file's comments: `Z03!E12`.
    pub fn cite(&self, p: Pos) -> String {
        format!("{}!{p}", self.code)
    }

    /// The name printed next to a 科目编码.
    pub fn name_of(&self, row: u32) -> Option<String> {
        let col = self.label_col?;
        let t = self.sheet.shown_text(Pos { row, col });
        let t = t.trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    fn matches(head: &ColumnHead, key: &ColumnKey) -> bool {
        match key {
            ColumnKey::Number(n) => head.lanci == Some(*n),
            ColumnKey::Header(h) => {
                let parts: Vec<String> = h.split('/').map(normalize).filter(|p| !p.is_empty()).collect();
                let Some(last) = parts.last() else { return false };
                if head.headers.last() != Some(last) {
                    return false;
                }
                let mut it = head.headers.iter();
                parts.iter().all(|p| it.any(|h| h == p))
            }
            ColumnKey::Any(keys) => keys.iter().any(|k| Self::matches(head, k)),
        }
    }

    /// The first alternative of `key` that the table has a column for (`key` itself when it
    /// has none).
    fn chosen<'k>(&self, key: &'k ColumnKey) -> &'k ColumnKey {
        match key {
            ColumnKey::Any(keys) => keys
                .iter()
                .map(|k| self.chosen(k))
                .find(|k| self.columns.values().any(|h| Self::matches(h, k)))
                .unwrap_or(key),
            _ => key,
        }
    }

    /// The one column of the table with this key (for figures read on every 科目 row).
    pub fn column(&self, key: &ColumnKey) -> Result<u32, LocateError> {
        let key = self.chosen(key);
        let found: Vec<u32> = self
            .columns
            .iter()
            .filter(|(_, h)| Self::matches(h, key))
            .map(|(c, _)| *c)
            .collect();
        match found.as_slice() {
            [c] => Ok(*c),
            [] => Err(format!(
                "表“{}”中找不到{key}的列；表头有：{}",
                self.sheet.name,
                self.describe_columns()
            )),
            many => Err(format!(
                "表“{}”中{key}不唯一（{} 列都是）：请写得更具体，如“上层表头/{}”",
                self.sheet.name,
                many.iter()
                    .map(|c| column_name(*c))
                    .collect::<Vec<_>>()
                    .join("、"),
                match key {
                    ColumnKey::Header(h) => h.clone(),
                    ColumnKey::Number(n) => n.to_string(),
                    other => other.to_string(),
                }
            )),
        }
    }

    /// The first column at or right of `from` with this key (for single figures, whose row label
    /// sits at the left of its block).
    pub fn column_from(&self, from: u32, key: &ColumnKey) -> Result<u32, LocateError> {
        let key = self.chosen(key);
        self.columns
            .range(from..)
            .find(|(_, h)| Self::matches(h, key))
            .map(|(c, _)| *c)
            .ok_or_else(|| {
                format!(
                    "表“{}”中 {} 列及其右边找不到{key}的列；表头有：{}",
                    self.sheet.name,
                    column_name(from),
                    self.describe_columns()
                )
            })
    }

    fn describe_columns(&self) -> String {
        let list: Vec<String> = self
            .columns
            .iter()
            .filter(|(c, _)| !self.code_cols.contains(c) && Some(**c) != self.label_col)
            .take(40)
            .map(|(c, h)| {
                let lanci = h.lanci.map(|n| format!("（栏次{n}）")).unwrap_or_default();
                format!("{} {}{lanci}", column_name(*c), h.headers.join("/"))
            })
            .collect();
        if list.is_empty() {
            "（没有）".to_string()
        } else {
            list.join("，")
        }
    }

    /// The cell starting a row found by label path (`年初结转和结余>一般公共预算财政拨款`).
    pub fn row_by_label(&self, path: &str) -> Result<Pos, LocateError> {
        let parts: Vec<String> = path.split('>').map(normalize).filter(|p| !p.is_empty()).collect();
        let Some(first) = parts.first() else {
            return Err("行的名称是空的".to_string());
        };
        let hits: Vec<Pos> = self.labels.get(first).cloned().unwrap_or_default();
        let mut at = match hits.as_slice() {
            [p] => *p,
            [] => {
                return Err(format!("表“{}”中找不到名称为“{}”的行", self.sheet.name, first));
            }
            many => {
                return Err(format!(
                    "表“{}”中名称为“{first}”的行不唯一（{}）：请用“上一行名称>{first}”或 line（行次）指明",
                    self.sheet.name,
                    many.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("、")
                ));
            }
        };
        for part in &parts[1..] {
            let below = at;
            at = self
                .labels
                .get(part)
                .and_then(|ps| {
                    ps.iter()
                        .copied()
                        .filter(|p| p.col == below.col && p.row > below.row)
                        .min()
                })
                .ok_or_else(|| {
                    format!(
                        "表“{}”中“{}”（{below}）下面找不到名称为“{part}”的行",
                        self.sheet.name, path
                    )
                })?;
        }
        Ok(at)
    }

    /// The cell of a row found by its 行次 (in a column headed 行次).
    pub fn row_by_line(&self, line: u32) -> Result<Pos, LocateError> {
        let line_cols: Vec<u32> = self
            .columns
            .iter()
            .filter(|(_, h)| h.headers.last().is_some_and(|t| t == "行次"))
            .map(|(c, _)| *c)
            .collect();
        if line_cols.is_empty() {
            return Err(format!("表“{}”中没有“行次”列，不能按行次找行", self.sheet.name));
        }
        // Only the cells of the 行次 columns, column by column.
        let mut hits: Vec<Pos> = Vec::new();
        for &col in &line_cols {
            for row in self.data_start..self.sheet.end_row() {
                let p = Pos { row, col };
                if self.sheet.value(p).and_then(integer) == Some(i64::from(line)) {
                    hits.push(p);
                }
            }
        }
        match hits.as_slice() {
            [p] => Ok(*p),
            [] => Err(format!("表“{}”中找不到行次为 {line} 的行", self.sheet.name)),
            many => Err(format!(
                "表“{}”中行次 {line} 出现了不止一次（{}）",
                self.sheet.name,
                many.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("、")
            )),
        }
    }

    /// Texts of the title rows (and of the header, for tables without one), for the unit's name
    /// and the year.
    pub fn title_texts(&self) -> Vec<(Pos, String)> {
        self.sheet
            .cells()
            .take_while(|(p, _)| p.row < self.data_start.min(self.title_rows.end + 2))
            .map(|(p, v)| (p, v.text()))
            .collect()
    }
}

/// Does the sheet's name start with `code` (not followed by a letter, digit or `_`), or does one of
/// its first rows print `code` (a 表号 like `公开05表`)?
pub fn sheet_matches(sheet: &Sheet, code: &str) -> bool {
    let name = sheet.name.trim();
    if let Some(rest) = name.strip_prefix(code)
        && !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return true;
    }
    if code.is_ascii() {
        return false;
    }
    name.contains(code)
        || sheet
            .cells()
            .take_while(|(p, _)| p.row < 6)
            .any(|(_, v)| normalize(&v.text()).contains(code))
}

/// Is `title` the sheet's title: its name (after the 表号) or a cell of its first rows, compared
/// normalised and whole (so 支出决算表 is not the title of 一般公共预算财政拨款支出决算表)?
pub fn title_matches(sheet: &Sheet, title: &str) -> bool {
    let want = normalize(title);
    if want.is_empty() {
        return false;
    }
    let name = normalize(&sheet.name);
    // The name is “公开07表 财政拨款“三公”经费支出决算表” (normalised without the space): the title
    // ends it, right after the 表号.
    let by_name = name
        .strip_suffix(want.as_str())
        .is_some_and(|before| before.is_empty() || before.ends_with('表'));
    by_name
        || name == want
        || sheet
            .cells()
            .take_while(|(p, _)| p.row < 6)
            .any(|(_, v)| normalize(&v.text()) == want)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_numbering_and_brackets() {
        assert_eq!(
            normalize("一、一般公共预算财政拨款收入"),
            "一般公共预算财政拨款收入"
        );
        assert_eq!(normalize("一般公共服务支出"), "一般公共服务支出");
        assert_eq!(normalize("  其中：一般公共预算财政拨款"), "一般公共预算财政拨款");
        assert_eq!(normalize("（一）因公出国（境）费"), "因公出国(境)费");
        assert_eq!(normalize("1.公务用车购置费"), "公务用车购置费");
        assert_eq!(normalize("二十三、“三公”经费"), "三公经费");
        assert_eq!(normalize("2024年"), "2024年");
    }
}
