//! The identities checked on import: 类 = Σ款 = Σ项 and 合计 = Σ类 in every column in use, and
//! the mapping's `checks` (the software's own 公式审核). The workbook passed them before it was
//! exported, so a failure means the mapping does not fit the file; every message names the cells.

use super::{Extractor, Figure, RowKey};
use crate::import::cell::Pos;
use crate::import::mapping::{Check, Term};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

impl Extractor<'_, '_> {
    /// 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类 in every item-table column in use.
    pub(super) fn hierarchy(&mut self) {
        let columns = std::mem::take(&mut self.columns);
        for (sheet, cols) in &columns {
            let Some(table) = self.tables.get(sheet) else {
                continue;
            };
            let rows: Vec<(String, u32)> = table.code_rows.iter().map(|(c, r)| (c.clone(), *r)).collect();
            let total_row = table.total_row;
            for &col in cols {
                let mut value: BTreeMap<String, Decimal> = BTreeMap::new();
                for (code, row) in &rows {
                    let d = self.amount_in(sheet, Pos { row: *row, col });
                    value.insert(code.clone(), d);
                }
                let column_cites: Vec<String> = rows
                    .iter()
                    .map(|(_, r)| *r)
                    .chain(total_row)
                    .map(|row| self.tables[sheet].cite(Pos { row, col }))
                    .collect();
                if column_cites.iter().any(|c| self.bad.contains(c)) {
                    continue;
                }
                let children = |parent: &str, len: usize| -> Option<(Decimal, usize)> {
                    // Codes sort by prefix: a parent's descendants follow it in one run.
                    let kids: Vec<Decimal> = value
                        .range(parent.to_string()..)
                        .take_while(|(c, _)| c.starts_with(parent))
                        .filter(|(c, _)| c.len() == len)
                        .map(|(_, d)| *d)
                        .collect();
                    (!kids.is_empty()).then(|| (kids.iter().copied().sum(), kids.len()))
                };
                let mut problems = Vec::new();
                for (code, d) in &value {
                    let sum = match code.len() {
                        5 => children(code, 7),
                        3 => children(code, 5).or_else(|| children(code, 7)),
                        _ => None,
                    };
                    if let Some((sum, n)) = sum
                        && !self.agrees(*d, sum, n)
                    {
                        let row = self.tables[sheet].code_rows.get(code).copied().unwrap_or(0);
                        problems.push((code.clone(), Pos { row, col }, *d, sum));
                    }
                }
                if let Some(row) = total_row {
                    let p = Pos { row, col };
                    let total = self.amount_in(sheet, p);
                    let sum = children("", 3)
                        .or_else(|| children("", 5))
                        .or_else(|| children("", 7));
                    if let Some((sum, n)) = sum
                        && !self.agrees(total, sum, n)
                    {
                        problems.push(("合计".to_string(), p, total, sum));
                    }
                }
                let table = &self.tables[sheet];
                let head = table
                    .columns
                    .get(&col)
                    .map(|h| h.headers.join("/"))
                    .unwrap_or_default();
                for (code, p, d, sum) in problems {
                    self.errors.push(format!(
                        "核对未通过：{}（{code}，“{head}”列）为 {}，其下各级科目之和为 {}，相差 {}",
                        table.at(p),
                        self.money(d),
                        self.money(sum),
                        self.money(d - sum)
                    ));
                }
            }
        }
        self.columns = columns;
    }

    pub(super) fn checks(&mut self) {
        let mapping = self.mapping;
        for check in &mapping.checks {
            if check.each_row {
                self.check_rows(check);
            } else {
                let left = self.single(&check.left);
                let right = self.single(&check.right);
                if left.sources.is_empty() && right.sources.is_empty() {
                    continue;
                }
                let n = left.sources.len() + right.sources.len();
                if !self.agrees(left.value, right.value, n)
                    && !self.unreadable(&left)
                    && !self.unreadable(&right)
                {
                    let mut absent: Vec<&str> = check
                        .left
                        .iter()
                        .chain(&check.right)
                        .filter(|t| !self.tables.contains_key(&t.sheet))
                        .map(|t| t.sheet.as_str())
                        .collect();
                    absent.dedup();
                    let absent = if absent.is_empty() {
                        String::new()
                    } else {
                        format!("（工作簿中没有{}）", absent.join("、"))
                    };
                    self.errors.push(format!(
                        "核对未通过：{}：{} {} ≠ {} {}，相差 {}{absent}",
                        check.what,
                        side(&left),
                        self.money(left.value),
                        side(&right),
                        self.money(right.value),
                        self.money(left.value - right.value)
                    ));
                }
            }
        }
    }

    fn check_rows(&mut self, check: &Check) {
        let terms: Vec<&Term> = check.left.iter().chain(&check.right).collect();
        // Every row key any present table has.
        let mut keys: BTreeSet<RowKey> = BTreeSet::new();
        for t in &terms {
            if let Some(table) = self.tables.get(&t.sheet) {
                keys.extend(table.code_rows.keys().cloned().map(RowKey::Code));
                if table.total_row.is_some() {
                    keys.insert(RowKey::Total);
                }
            }
        }
        let mut cols: Vec<Option<u32>> = Vec::new();
        for t in &terms {
            if !self.tables.contains_key(&t.sheet) {
                cols.push(None);
                continue;
            }
            match self.item_column(t) {
                Some(c) => cols.push(Some(c)),
                None => return,
            }
        }
        let n_left = check.left.len();
        for key in keys {
            let mut sides = [Figure::default(), Figure::default()];
            for (i, t) in terms.iter().enumerate() {
                let Some(col) = cols[i] else { continue };
                let table = &self.tables[&t.sheet];
                let row = match &key {
                    RowKey::Total => table.total_row,
                    RowKey::Code(c) => table.code_rows.get(c).copied(),
                };
                let Some(row) = row else { continue };
                let p = Pos { row, col };
                let cite = table.cite(p);
                let d = self.amount_in(&t.sheet, p);
                sides[usize::from(i >= n_left)].add(t.minus, d, cite);
            }
            let [left, right] = sides;
            let n = left.sources.len() + right.sources.len();
            if !self.agrees(left.value, right.value, n) && !self.unreadable(&left) && !self.unreadable(&right)
            {
                self.errors.push(format!(
                    "核对未通过：{}：{key}：{} {} ≠ {} {}，相差 {}",
                    check.what,
                    side(&left),
                    self.money(left.value),
                    side(&right),
                    self.money(right.value),
                    self.money(left.value - right.value)
                ));
            }
        }
    }
}

fn side(f: &Figure) -> String {
    if f.sources.is_empty() {
        "（无）".to_string()
    } else {
        f.cite()
    }
}
