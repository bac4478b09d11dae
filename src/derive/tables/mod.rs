//! Tables 01–10: every row and cell, with 类/款 rows and 合计 summed from the 项.

use super::figures::{ItemFigures, UnitFigures};
use super::names::SubjectNames;
use crate::catalogue::Level;
use crate::input::UnitFile;
use crate::money::round_half_up;
use crate::validate::ItemCode;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

mod details;
mod pairs;

pub use details::{
    AssetLine, SangongColumns, SangongItems, SangongKnown, SangongTallies, Table06, Table09, Table10,
    reception_split,
};
use details::{table06, table09, table10};
pub use pairs::{Line, LineStyle, Pair, PairTable};
use pairs::{table01, table04};

/// All tables.
#[derive(Debug, Clone, Serialize)]
pub struct Tables {
    /// 公开01表 收入支出决算总表.
    pub t01: PairTable,
    /// 公开02表 收入决算表: cells 本年收入合计, 财政拨款收入, 上级补助收入, 事业收入, 经营收入,
    /// 附属单位上缴收入, 其他收入.
    pub t02: CodeTable,
    /// 公开03表 支出决算表: cells 本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出,
    /// 对附属单位补助支出.
    pub t03: CodeTable,
    /// 公开04表 财政拨款收入支出决算总表.
    pub t04: PairTable,
    /// 公开05表 一般公共预算财政拨款支出决算表: cells 合计, 基本支出小计, 人员经费, 公用经费, 项目支出.
    pub t05: CodeTable,
    /// 公开06表 一般公共预算财政拨款基本支出决算明细表.
    pub t06: Table06,
    /// 公开07表 政府性基金预算财政拨款收入支出决算表: cells 年初结转和结余, 本年收入, 本年支出合计,
    /// 基本支出, 项目支出, 年末结转和结余.
    pub t07: CodeTable,
    /// 公开08表 国有资本经营预算财政拨款支出决算表: cells 年初结转和结余, 本年收入, 本年支出合计,
    /// 基本支出, 项目支出, 年末结转和结余 (the central table prints only the spending; the
    /// Shanghai 收入支出决算表 all six).
    pub t08: CodeTable,
    /// 公开09表 财政拨款“三公”经费支出决算表.
    pub t09: Table09,
    /// 公开10表 国有资产占用情况表 (present when the unit gave asset data).
    pub t10: Option<Table10>,
}

impl Tables {
    /// Whether any table shows a tail difference.
    pub fn any_tail_difference(&self) -> bool {
        [&self.t02, &self.t03, &self.t05, &self.t07, &self.t08]
            .iter()
            .any(|t| t.tail_difference)
            || self.t01.tail_difference
            || self.t04.tail_difference
            || self.t06.tail_difference
    }
}

/// A row of a table keyed by 功能分类 (类/款/项) or 经济分类 (类/款).
#[derive(Debug, Clone, Serialize)]
pub struct CodeRow {
    /// The code.
    pub code: String,
    /// The subject name.
    pub name: String,
    /// 类, 款 or 项.
    pub level: Level,
    /// The cells, in the table's column order.
    pub cells: Vec<Decimal>,
}

impl CodeRow {
    /// The cell of column `key` (one of the table's `columns`); zero for a key the table does not
    /// have.
    pub fn cell(&self, columns: &[&str], key: &str) -> Decimal {
        columns
            .iter()
            .position(|c| *c == key)
            .and_then(|i| self.cells.get(i).copied())
            .unwrap_or_default()
    }
}

/// A table of 类/款/项 rows under a 合计 row.
#[derive(Debug, Clone, Serialize)]
pub struct CodeTable {
    /// What each cell of a row holds, in order: the column keys that table layouts name
    /// (`templates/tables/tNN.toml`).
    pub columns: &'static [&'static str],
    /// The 合计 row's cells.
    pub total: Vec<Decimal>,
    /// 类, 款 and 项 rows in code order, each parent before its children.
    pub rows: Vec<CodeRow>,
    /// Whether the table has no figures at all (本单位无…，故本表为空表).
    pub empty: bool,
    /// Whether a displayed total differs from the sum of its displayed parts (尾差).
    pub tail_difference: bool,
    /// The same per column (in `columns` order): a layout that leaves a column out does not
    /// speak of its 尾差.
    pub tail_columns: Vec<bool>,
}

/// The cells of 02表 rows: 本年收入合计, 财政拨款收入, 上级补助收入, 事业收入, 经营收入,
/// 附属单位上缴收入, 其他收入.
pub const T02_COLUMNS: &[&str] = &[
    "total",
    "fiscal",
    "superior",
    "business",
    "operating",
    "affiliated",
    "other",
];
/// The cells of 03表 rows: 本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出.
pub const T03_COLUMNS: &[&str] = &["total", "basic", "project", "upper", "operating", "affiliated"];
/// The cells of 05表 rows: 合计, 基本支出小计, 人员经费, 公用经费, 项目支出.
pub const T05_COLUMNS: &[&str] = &["total", "basic", "personnel", "public", "project"];
/// The cells of 05表 rows when the unit did not split 基本支出 into 人员经费 and 公用经费.
pub const T05_BASIC_COLUMNS: &[&str] = &["total", "basic", "project"];
/// The cells of 07表 rows: 年初结转和结余, 本年收入, 本年支出合计, 基本支出, 项目支出, 年末结转和结余.
pub const T07_COLUMNS: &[&str] = &["opening", "income", "spending", "basic", "project", "closing"];
/// The cells of 08表 rows: 年初结转和结余, 本年收入, 本年支出合计, 基本支出, 项目支出, 年末结转和结余.
pub const T08_COLUMNS: &[&str] = &["opening", "income", "total", "basic", "project", "closing"];

/// Builds every table.
pub fn build(unit: &UnitFile, f: &UnitFigures) -> Tables {
    let names = SubjectNames::new(unit);
    let t02 = code_table(f, &names, T02_COLUMNS, |it| {
        let i = &it.income;
        vec![
            i.total(),
            i.fiscal().total(),
            i.superior,
            i.business,
            i.operating,
            i.affiliated,
            i.other,
        ]
    });
    let t03 = code_table(f, &names, T03_COLUMNS, |it| {
        let mut v = vec![it.spending_total()];
        v.extend(it.spending.values());
        v
    });
    // 人员经费 and 公用经费 are columns only when every 项 gives them: a split nobody entered is
    // never made up (the audit says which table needs it).
    let t05 = match f.split {
        Some(_) => code_table(f, &names, T05_COLUMNS, |it| {
            let (g, s) = (it.general, it.split().unwrap_or_default());
            vec![g.total(), g.basic, s.personnel, s.public, g.project]
        }),
        None => code_table(f, &names, T05_BASIC_COLUMNS, |it| {
            let g = it.general;
            vec![g.total(), g.basic, g.project]
        }),
    };
    let t07 = code_table(f, &names, T07_COLUMNS, |it| {
        vec![
            it.fund_balance.opening,
            it.income.fund,
            it.fund.total(),
            it.fund.basic,
            it.fund.project,
            it.fund_balance.closing,
        ]
    });
    let t08 = code_table(f, &names, T08_COLUMNS, |it| {
        let s = it.state_capital;
        vec![
            it.state_capital_balance.opening,
            it.income.state_capital,
            s.total(),
            s.basic,
            s.project,
            it.state_capital_balance.closing,
        ]
    });
    Tables {
        t01: table01(unit, f, &names),
        t02,
        t03,
        t04: table04(unit, f, &names),
        t05,
        t06: table06(f, &names),
        t07,
        t08,
        t09: table09(unit),
        t10: unit.assets.as_ref().map(table10),
    }
}

/// Builds a 类/款/项 table from per-项 cells; 项 with all-zero cells are left out.
fn code_table(
    f: &UnitFigures,
    names: &SubjectNames,
    columns: &'static [&'static str],
    cells: impl Fn(&ItemFigures) -> Vec<Decimal>,
) -> CodeTable {
    let width = columns.len();
    let items: Vec<(&ItemCode, Vec<Decimal>)> = f
        .items
        .iter()
        .map(|(c, it)| (c, cells(it)))
        .filter(|(_, v)| v.iter().any(|x| !x.is_zero()))
        .collect();
    let zero = || vec![Decimal::ZERO; width];
    let add = |acc: &mut Vec<Decimal>, v: &[Decimal]| {
        for (a, x) in acc.iter_mut().zip(v) {
            *a += *x;
        }
    };
    let mut total = zero();
    let mut classes: BTreeMap<&str, Vec<Decimal>> = BTreeMap::new();
    let mut sections: BTreeMap<&str, Vec<Decimal>> = BTreeMap::new();
    for (code, v) in &items {
        add(&mut total, v);
        add(classes.entry(code.class()).or_insert_with(zero), v);
        add(sections.entry(code.section()).or_insert_with(zero), v);
    }
    let mut rows = Vec::new();
    let mut tail = vec![false; width];
    let note = |t: &mut Vec<bool>, more: Vec<bool>| {
        for (a, b) in t.iter_mut().zip(more) {
            *a |= b;
        }
    };
    for (class, cv) in &classes {
        rows.push(CodeRow {
            code: class.to_string(),
            name: names.function(class),
            level: Level::Class,
            cells: cv.clone(),
        });
        let secs: Vec<_> = sections.iter().filter(|(s, _)| s.starts_with(class)).collect();
        note(
            &mut tail,
            differs_by_column(cv, secs.iter().map(|(_, v)| v.as_slice())),
        );
        for (sec, sv) in secs {
            rows.push(CodeRow {
                code: sec.to_string(),
                name: names.function(sec),
                level: Level::Section,
                cells: sv.clone(),
            });
            let its: Vec<_> = items.iter().filter(|(c, _)| c.starts_with(sec)).collect();
            note(
                &mut tail,
                differs_by_column(sv, its.iter().map(|(_, v)| v.as_slice())),
            );
            for (code, v) in its {
                rows.push(CodeRow {
                    code: code.to_string(),
                    name: names.function(code),
                    level: Level::Item,
                    cells: v.clone(),
                });
            }
        }
    }
    note(
        &mut tail,
        differs_by_column(&total, classes.values().map(Vec::as_slice)),
    );
    CodeTable {
        columns,
        empty: items.is_empty(),
        total,
        rows,
        tail_difference: tail.iter().any(|t| *t),
        tail_columns: tail,
    }
}

/// Whether, column by column, the rounded `whole` differs from the sum of rounded `parts`.
pub(super) fn differs<'a>(whole: &[Decimal], parts: impl Iterator<Item = &'a [Decimal]>) -> bool {
    differs_by_column(whole, parts).into_iter().any(|d| d)
}

/// For each column, whether the rounded `whole` differs from the sum of rounded `parts`.
fn differs_by_column<'a>(whole: &[Decimal], parts: impl Iterator<Item = &'a [Decimal]>) -> Vec<bool> {
    let mut sums = vec![Decimal::ZERO; whole.len()];
    for p in parts {
        for (s, x) in sums.iter_mut().zip(p) {
            *s += round_half_up(*x, 2);
        }
    }
    whole
        .iter()
        .zip(&sums)
        .map(|(w, s)| round_half_up(*w, 2) != *s)
        .collect()
}
