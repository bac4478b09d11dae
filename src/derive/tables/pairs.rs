//! Tables 01 and 04: income on the left, expenditure by 类 on the right, with 行次.

use super::differs;
use crate::catalogue::STANDARD_CLASSES;
use crate::derive::figures::{INCOME_SOURCES, UnitFigures};
use crate::derive::names::SubjectNames;
use crate::input::CategoryRows;
use crate::input::UnitFile;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One side of a line of tables 01/04.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// The label (without the 一、 numbering, which templates add when `numbered`).
    pub name: String,
    /// 行次.
    pub line: u32,
    /// The cells (one for 01, four on 04's expenditure side); None prints as an empty cell.
    pub cells: Vec<Option<Decimal>>,
    /// Whether the label takes a Chinese numeral (一、…) in front.
    pub numbered: bool,
    /// What kind of line it is.
    pub style: LineStyle,
}

/// The kind of a line of tables 01/04.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineStyle {
    /// An ordinary line.
    Plain,
    /// A 合计 or 总计 line.
    Total,
    /// An indented sub-line (the three 财政拨款 under 结转和结余 in 04表).
    Sub,
}

/// A printed line of tables 01/04: income on the left, expenditure on the right.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    /// 收入 side.
    pub left: Option<Line>,
    /// 支出 side.
    pub right: Option<Line>,
}

/// Tables 01 and 04: pairs of lines.
#[derive(Debug, Clone, Serialize)]
pub struct PairTable {
    /// The printed lines.
    pub pairs: Vec<Pair>,
    /// Whether the table has no figures at all.
    pub empty: bool,
    /// Whether a displayed total differs from the sum of its displayed parts.
    pub tail_difference: bool,
}

/// The 类 rows for tables 01/04 (`settings.compact_category_rows`): the standard 26, only the
/// non-empty ones, or the listed ones and the non-empty ones; plus any other 类 with figures.
fn class_list(unit: &UnitFile, with_figures: &BTreeSet<String>) -> Vec<String> {
    let mut list: Vec<String> = match &unit.settings.compact_category_rows {
        CategoryRows::All => STANDARD_CLASSES.iter().map(|s| s.to_string()).collect(),
        CategoryRows::WithFigures => Vec::new(),
        CategoryRows::Always(codes) => codes.clone(),
    };
    for c in with_figures {
        if !list.contains(c) {
            list.push(c.clone());
        }
    }
    list.sort();
    list
}

fn line(name: &str, line: u32, cells: Vec<Option<Decimal>>, numbered: bool, style: LineStyle) -> Line {
    Line {
        name: name.to_string(),
        line,
        cells,
        numbered,
        style,
    }
}

pub(super) fn table01(unit: &UnitFile, f: &UnitFigures, names: &SubjectNames) -> PairTable {
    let mut by_class: BTreeMap<String, Decimal> = BTreeMap::new();
    for (code, it) in &f.items {
        let t = it.spending_total();
        if !t.is_zero() {
            *by_class.entry(code.class().to_string()).or_default() += t;
        }
    }
    let classes = class_list(unit, &by_class.keys().cloned().collect());
    let income: Vec<(&str, Decimal)> = INCOME_SOURCES
        .iter()
        .zip(f.income.values())
        .map(|((_, n), v)| (*n, v))
        .collect();
    let rows = classes.len().max(income.len()) as u32;
    let right_start = rows + 5;
    let mut pairs = body(&income, &classes, rows, right_start, names, |c| {
        vec![by_class.get(c).copied().and_then(nz)]
    });
    let footer = [
        (
            ("本年收入合计", f.income_total()),
            ("本年支出合计", f.spending_total()),
            LineStyle::Total,
        ),
        (
            ("使用非财政拨款结余（含专用结余）", f.non_fiscal_used),
            ("结余分配", f.surplus_distribution),
            LineStyle::Plain,
        ),
        (
            ("年初结转和结余", f.opening_total()),
            ("年末结转和结余", f.closing_total()),
            LineStyle::Plain,
        ),
        (
            ("总计", f.income_grand_total()),
            ("总计", f.spending_grand_total()),
            LineStyle::Total,
        ),
    ];
    for (k, ((ln, lv), (rn, rv), style)) in footer.into_iter().enumerate() {
        let k = k as u32;
        pairs.push(Pair {
            left: Some(line(ln, rows + 1 + k, vec![nz(lv)], false, style)),
            right: Some(line(rn, right_start + rows + k, vec![nz(rv)], false, style)),
        });
    }
    let tail = {
        let parts: Vec<Decimal> = f.income.values().collect();
        differs(&[f.income_total()], parts.iter().map(std::slice::from_ref))
            || differs(&[f.spending_total()], by_class.values().map(std::slice::from_ref))
    };
    PairTable {
        pairs,
        empty: f.income_grand_total().is_zero() && f.spending_grand_total().is_zero(),
        tail_difference: tail,
    }
}

/// The numbered body of tables 01/04: income lines on the left (行次 from 1, blank lines below
/// them), 类 on the right (行次 from `right_start`), `rows` lines in all.
fn body(
    income: &[(&str, Decimal)],
    classes: &[String],
    rows: u32,
    right_start: u32,
    names: &SubjectNames,
    right_cells: impl Fn(&str) -> Vec<Option<Decimal>>,
) -> Vec<Pair> {
    (0..rows as usize)
        .map(|i| {
            let no = i as u32 + 1;
            let left = match income.get(i) {
                Some((n, v)) => line(n, no, vec![nz(*v)], true, LineStyle::Plain),
                None => line("", no, vec![None], false, LineStyle::Plain),
            };
            let right = classes.get(i).map(|c| {
                line(
                    &names.function(c),
                    right_start + i as u32,
                    right_cells(c),
                    true,
                    LineStyle::Plain,
                )
            });
            Pair {
                left: Some(left),
                right,
            }
        })
        .collect()
}

fn nz(v: Decimal) -> Option<Decimal> {
    (!v.is_zero()).then_some(v)
}

pub(super) fn table04(unit: &UnitFile, f: &UnitFigures, names: &SubjectNames) -> PairTable {
    let mut by_class: BTreeMap<String, [Decimal; 3]> = BTreeMap::new();
    for (code, it) in &f.items {
        let v = [it.general_total(), it.fund.total(), it.state_capital.total()];
        if v.iter().any(|x| !x.is_zero()) {
            let e = by_class.entry(code.class().to_string()).or_default();
            for i in 0..3 {
                e[i] += v[i];
            }
        }
    }
    let classes = class_list(unit, &by_class.keys().cloned().collect());
    let four = |v: [Decimal; 3]| {
        let t: Decimal = v.iter().copied().sum();
        vec![nz(t), nz(v[0]), nz(v[1]), nz(v[2])]
    };
    let income = [
        (crate::phrases::FISCAL_FUNDS[0], f.income.general),
        (crate::phrases::FISCAL_FUNDS[1], f.income.fund),
        (crate::phrases::FISCAL_FUNDS[2], f.income.state_capital),
    ];
    let rows = classes.len().max(3) as u32;
    let footer_len = 6;
    let right_start = rows + footer_len + 1;
    let mut pairs = body(&income, &classes, rows, right_start, names, |c| {
        four(by_class.get(c).copied().unwrap_or_default())
    });
    let fi = f.fiscal_income().array();
    let fs = f.fiscal_spending().array();
    let open = f.opening.fiscal().array();
    let close = f.closing.fiscal().array();
    let sum3 = |v: [Decimal; 3]| v.iter().copied().sum::<Decimal>();
    let fund_names = crate::phrases::FISCAL_FUNDS;
    let mut footer: Vec<(Line, Line)> = vec![
        (
            line(
                "本年收入合计",
                rows + 1,
                vec![nz(sum3(fi))],
                false,
                LineStyle::Total,
            ),
            line(
                "本年支出合计",
                right_start + rows,
                four(fs),
                false,
                LineStyle::Total,
            ),
        ),
        (
            line(
                "年初财政拨款结转和结余",
                rows + 2,
                vec![nz(sum3(open))],
                false,
                LineStyle::Plain,
            ),
            line(
                "年末财政拨款结转和结余",
                right_start + rows + 1,
                four(close),
                false,
                LineStyle::Plain,
            ),
        ),
    ];
    for k in 0..3 {
        let mut only = [Decimal::ZERO; 3];
        only[k] = close[k];
        footer.push((
            line(
                fund_names[k],
                rows + 3 + k as u32,
                vec![nz(open[k])],
                false,
                LineStyle::Sub,
            ),
            line(
                fund_names[k],
                right_start + rows + 2 + k as u32,
                four(only),
                false,
                LineStyle::Sub,
            ),
        ));
    }
    footer.push((
        line(
            "总计",
            rows + footer_len,
            vec![nz(f.fiscal_grand_total())],
            false,
            LineStyle::Total,
        ),
        line(
            "总计",
            right_start + rows + footer_len - 1,
            four([fs[0] + close[0], fs[1] + close[1], fs[2] + close[2]]),
            false,
            LineStyle::Total,
        ),
    ));
    for (l, r) in footer {
        pairs.push(Pair {
            left: Some(l),
            right: Some(r),
        });
    }
    let empty = f.fiscal_grand_total().is_zero() && f.fiscal_spending_grand_total().is_zero();
    let class_totals: Vec<Decimal> = by_class.values().map(|v| sum3(*v)).collect();
    let tail = differs(&[sum3(fs)], class_totals.iter().map(std::slice::from_ref))
        || differs(&[fs[0]], by_class.values().map(|v| std::slice::from_ref(&v[0])));
    PairTable {
        pairs,
        empty,
        tail_difference: tail,
    }
}
