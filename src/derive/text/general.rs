//! 五、一般公共预算, 六、基本支出, 七/八、政府性基金 and 国有资本经营: the figures per 类 and 项.

use super::item_budget;
use crate::catalogue;
use crate::derive::compare::{BudgetCompare, Change, Share, shares};
use crate::derive::figures::{BasicProject, ItemFigures, Scale, UnitFigures};
use crate::derive::names::SubjectNames;
use crate::derive::prior::PriorFigures;
use crate::input::UnitFile;
use crate::validate::ItemCode;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// 五、一般公共预算财政拨款支出.
#[derive(Debug, Clone, Serialize)]
pub struct GeneralText {
    /// 一般公共预算财政拨款支出.
    pub total: Decimal,
    /// 占本年支出合计的比例.
    pub share_of_spending: Option<Decimal>,
    /// Against last year.
    pub change: Change,
    /// Against 年初/全年预算.
    pub budget: BudgetCompare,
    /// Each 类 with its share (largest remainder), budget and change.
    pub classes: Vec<ClassLine>,
    /// Each 项 with figures this year or last year.
    pub items: Vec<ItemLine>,
}

/// One 类 of the general budget.
#[derive(Debug, Clone, Serialize)]
pub struct ClassLine {
    /// Code, name, amount and share.
    #[serde(flatten)]
    pub share: Share,
    /// Against the 类's budget (known when every 项 under it has one).
    pub budget: BudgetCompare,
    /// Against last year.
    pub change: Change,
}

/// One 项 of the general budget (五（三）).
#[derive(Debug, Clone, Serialize)]
pub struct ItemLine {
    /// 7-digit code.
    pub code: ItemCode,
    /// 类 name.
    pub class_name: String,
    /// 款 name.
    pub section_name: String,
    /// 项 name.
    pub name: String,
    /// 决算数.
    pub amount: Decimal,
    /// 基本支出 part.
    pub basic: Decimal,
    /// 项目支出 part.
    pub project: Decimal,
    /// Against budget.
    pub budget: BudgetCompare,
    /// Against last year.
    pub change: Change,
    /// 主要用于.
    pub purpose: Option<String>,
}

/// 六、基本支出.
#[derive(Debug, Clone, Serialize)]
pub struct BasicText {
    /// 一般公共预算财政拨款基本支出.
    pub total: Decimal,
    /// 人员经费 (the 06表's 301 + 303 款; from the per-项 split when no 款 are given; zero when
    /// neither is known).
    pub personnel: Decimal,
    /// 公用经费 (the 06表's other 款, likewise).
    pub public: Decimal,
    /// Whether 人员经费 and 公用经费 are known at all (from the 06表 款 or the per-项 split).
    pub split_known: bool,
    /// Σ over the 项 of the 人员经费/公用经费 split the rows give, when every 项 gives it (the
    /// central 05表's columns; the audit compares it with the 06表).
    pub item_split: Option<ItemSplit>,
    /// Names of the 经济分类 款 with figures under 人员经费, in code order.
    pub personnel_items: Vec<String>,
    /// Names of the 款 with figures under 公用经费.
    pub public_items: Vec<String>,
    /// 基本支出 against last year.
    pub change: Change,
    /// 人员经费 against last year.
    pub personnel_change: Change,
    /// 公用经费 against last year.
    pub public_change: Change,
}

/// 人员经费 and 公用经费 summed over the 项.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ItemSplit {
    /// 人员经费.
    pub personnel: Decimal,
    /// 公用经费.
    pub public: Decimal,
}

/// 七/八、政府性基金 or 国有资本经营.
#[derive(Debug, Clone, Serialize)]
pub struct FundText {
    /// Whether there is any income, spending or balance.
    pub present: bool,
    /// 年初结转和结余.
    pub opening: Decimal,
    /// 本年收入.
    pub income: Decimal,
    /// 本年支出.
    pub spending: Decimal,
    /// 年末结转和结余.
    pub closing: Decimal,
    /// 本年支出 against last year.
    pub change: Change,
    /// Each 项 with spending.
    pub items: Vec<ItemLine>,
}

pub(super) fn general_items(
    unit: &UnitFile,
    f: &UnitFigures,
    p: &PriorFigures,
    names: &SubjectNames,
    dp: u32,
) -> Vec<ItemLine> {
    let scale = Scale::of(unit);
    let mut codes: BTreeSet<ItemCode> = f
        .items
        .iter()
        .filter(|(_, it)| !it.general_total().is_zero())
        .map(|(c, _)| c.clone())
        .collect();
    let budgeted = unit.expenditure.iter().filter(|r| r.budget.is_some());
    codes.extend(budgeted.filter_map(|r| ItemCode::new(&r.code.0)));
    if let Some(prev) = &p.general_items {
        codes.extend(
            prev.iter()
                .filter(|(_, v)| !v.is_zero())
                .filter_map(|(c, _)| ItemCode::new(c)),
        );
    }
    codes
        .into_iter()
        .map(|code| {
            let it = f.items.get(&code).cloned().unwrap_or_default();
            let row = unit.expenditure.iter().find(|r| r.code.0 == *code);
            let (initial, full) = item_budget(row.and_then(|r| r.budget.as_ref()), scale);
            let amount = it.general_total();
            let prev = p
                .general_items
                .as_ref()
                .map(|m| m.get(&*code).copied().unwrap_or_default());
            ItemLine {
                class_name: names.function(code.class()),
                section_name: names.function(code.section()),
                name: names.function(&code),
                amount,
                basic: it.general.basic,
                project: it.general.project,
                budget: BudgetCompare::new(
                    amount,
                    initial,
                    full,
                    dp,
                    row.and_then(|r| r.budget_reason.as_ref()),
                ),
                change: Change::new(amount, prev, dp, row.and_then(|r| r.change_reason.as_ref())),
                purpose: row.and_then(|r| r.purpose.clone()),
                code: code.clone(),
            }
        })
        .collect()
}

/// A 类 of the general budget being summed from its 项.
struct ClassSum {
    name: String,
    amount: Decimal,
    /// Σ 年初预算, known while every 项 has one.
    initial: Option<Decimal>,
    /// Σ 全年预算 (年初 where no 全年 is given).
    full: Option<Decimal>,
    /// Whether any 项 gives a 全年预算.
    any_full: bool,
}

pub(super) fn class_lines(unit: &UnitFile, items: &[ItemLine], p: &PriorFigures, dp: u32) -> Vec<ClassLine> {
    let scale = Scale::of(unit);
    let mut by_class: BTreeMap<String, ClassSum> = BTreeMap::new();
    for i in items {
        let e = by_class.entry(i.code.class().to_string()).or_insert(ClassSum {
            name: i.class_name.clone(),
            amount: Decimal::ZERO,
            initial: Some(Decimal::ZERO),
            full: Some(Decimal::ZERO),
            any_full: false,
        });
        e.amount += i.amount;
        e.initial = e.initial.zip(i.budget.initial).map(|(a, b)| a + b);
        e.full = e.full.zip(i.budget.full.or(i.budget.initial)).map(|(a, b)| a + b);
        e.any_full |= i.budget.full.is_some();
    }
    by_class.retain(|_, v| !v.amount.is_zero());
    let parts = by_class
        .iter()
        .map(|(c, v)| (c.clone(), v.name.clone(), v.amount))
        .collect();
    shares(parts, dp)
        .into_iter()
        .map(|share| {
            let v = &by_class[&share.key];
            let prev = p
                .general_classes
                .as_ref()
                .map(|m| m.get(&share.key).copied().unwrap_or_default());
            let entry = unit.budget.classes.iter().find(|c| c.code.0 == share.key);
            let budget = match entry {
                Some(c) if c.initial.is_some() || c.full.is_some() => BudgetCompare::new(
                    share.amount,
                    c.initial.map(|a| scale.wan(a)),
                    c.full.map(|a| scale.wan(a)),
                    dp,
                    c.budget_reason.as_ref(),
                ),
                _ => BudgetCompare::new(
                    share.amount,
                    v.initial,
                    if v.any_full { v.full } else { None },
                    dp,
                    entry.and_then(|c| c.budget_reason.as_ref()),
                ),
            };
            ClassLine {
                budget,
                change: Change::new(share.amount, prev, dp, None),
                share,
            }
        })
        .collect()
}

pub(super) fn basic_text(
    unit: &UnitFile,
    f: &UnitFigures,
    p: &PriorFigures,
    names: &SubjectNames,
    dp: u32,
) -> BasicText {
    let items = |personnel: bool| -> Vec<String> {
        f.economic
            .iter()
            .filter(|(_, v)| !v.is_zero())
            .filter(|(c, _)| catalogue::PERSONNEL_CLASSES.contains(&c.class()) == personnel)
            .map(|(c, _)| names.economic(c))
            .collect()
    };
    let totals = f.personnel_public();
    let known = totals.unwrap_or_default();
    BasicText {
        total: f.general_basic(),
        personnel: known.personnel,
        public: known.public,
        split_known: totals.is_some(),
        item_split: f.split.map(|s| ItemSplit {
            personnel: s.personnel,
            public: s.public,
        }),
        personnel_items: items(true),
        public_items: items(false),
        change: Change::new(
            f.general_basic(),
            p.general_basic,
            dp,
            unit.reasons.general_basic_change.as_ref(),
        ),
        personnel_change: Change::new(
            known.personnel,
            p.personnel.filter(|_| totals.is_some()),
            dp,
            None,
        ),
        public_change: Change::new(known.public, p.public.filter(|_| totals.is_some()), dp, None),
    }
}

pub(super) fn fund_text(
    unit: &UnitFile,
    f: &UnitFigures,
    p: &PriorFigures,
    names: &SubjectNames,
    dp: u32,
    government_fund: bool,
) -> FundText {
    let scale = Scale::of(unit);
    let (pick, opening, income, closing): (fn(&ItemFigures) -> BasicProject, _, _, _) = if government_fund {
        (|it| it.fund, f.opening.fund, f.income.fund, f.closing.fund)
    } else {
        (
            |it| it.state_capital,
            f.opening.state_capital,
            f.income.state_capital,
            f.closing.state_capital,
        )
    };
    let items: Vec<ItemLine> = f
        .items
        .iter()
        .filter(|(_, it)| !pick(it).is_zero())
        .map(|(code, it)| {
            let BasicProject { basic, project } = pick(it);
            let row = unit.expenditure.iter().find(|r| r.code.0 == **code);
            let (initial, full) = item_budget(row.and_then(|r| r.fund_budget.as_ref()), scale);
            ItemLine {
                code: code.clone(),
                class_name: names.function(code.class()),
                section_name: names.function(code.section()),
                name: names.function(code),
                amount: basic + project,
                basic,
                project,
                budget: BudgetCompare::new(
                    basic + project,
                    initial,
                    full,
                    dp,
                    row.and_then(|r| r.budget_reason.as_ref()),
                ),
                change: Change::new(
                    basic + project,
                    None,
                    dp,
                    row.and_then(|r| r.change_reason.as_ref()),
                ),
                purpose: row.and_then(|r| r.purpose.clone()),
            }
        })
        .collect();
    let spending: Decimal = items.iter().map(|i| i.amount).sum();
    let prev = if government_fund { p.fund } else { None };
    FundText {
        present: !(opening.is_zero() && income.is_zero() && spending.is_zero() && closing.is_zero()),
        opening,
        income,
        spending,
        closing,
        change: Change::new(
            spending,
            prev,
            dp,
            government_fund
                .then_some(unit.reasons.fund_change.as_ref())
                .flatten(),
        ),
        items,
    }
}
