//! The figures of the 情况说明 (第三部分), section by section: one submodule per group of
//! sections, the shared ones here.

mod disclosures;
mod general;
mod performance;
mod sangong;

pub use disclosures::{AssetsText, Award, AwardKind, OperatingText, ProcurementText, VehicleLine};
pub use general::{BasicText, ClassLine, FundText, GeneralText, ItemLine};
pub use performance::{
    EvaluationView, FundsRow, IndicatorView, ManagementText, PerformanceText, PerformanceView, Stage,
    StageKind, funds_weight, performance_view,
};
pub use sangong::{SangongCounts, SangongPart, SangongText};

use super::compare::{BudgetCompare, Change, Noun, Share, ratio, shares};
use super::figures::{EXPENDITURE_KINDS, INCOME_SOURCES, Scale, UnitFigures};
use super::names::SubjectNames;
use super::prior::PriorFigures;

use crate::input::{ItemBudget, UnitFile};
use crate::money::Amount;
use rust_decimal::Decimal;
use serde::Serialize;

/// Figures of every 情况说明 section.
#[derive(Debug, Clone, Serialize)]
pub struct Text {
    /// 一、收入支出决算总体情况.
    pub overall: Overall,
    /// 二、收入决算情况.
    pub income: IncomeText,
    /// 三、支出决算情况.
    pub spending: SpendingText,
    /// 四、财政拨款收入支出决算总体情况.
    pub fiscal: FiscalText,
    /// 五、一般公共预算财政拨款支出决算情况.
    pub general: GeneralText,
    /// 六、一般公共预算财政拨款基本支出决算情况.
    pub basic: BasicText,
    /// 七、政府性基金预算财政拨款收入支出决算情况.
    pub fund: FundText,
    /// 八、国有资本经营预算财政拨款支出决算情况.
    pub state_capital: FundText,
    /// 九、财政拨款“三公”经费支出决算情况.
    pub sangong: SangongText,
    /// 十、机关运行经费 (absent when not given).
    pub operating_costs: Option<OperatingText>,
    /// 十一、政府采购 (absent when not given).
    pub procurement: Option<ProcurementText>,
    /// 十二、国有资产占用 (absent when not given).
    pub assets: Option<AssetsText>,
    /// 十三、预算绩效.
    pub performance: PerformanceText,
    /// 十四、其他需要说明的事项 (empty: 无).
    pub other_matters: Vec<String>,
}

/// 一、总体.
#[derive(Debug, Clone, Serialize)]
pub struct Overall {
    /// 收入总计 (= 支出总计 when balanced).
    pub income_grand_total: Decimal,
    /// 支出总计.
    pub spending_grand_total: Decimal,
    /// 本年收入合计.
    pub income_total: Decimal,
    /// 使用非财政拨款结余.
    pub non_fiscal_used: Decimal,
    /// 年初结转和结余.
    pub opening: Decimal,
    /// 本年支出合计.
    pub spending_total: Decimal,
    /// 结余分配.
    pub surplus_distribution: Decimal,
    /// 年末结转和结余.
    pub closing: Decimal,
    /// 总计 against last year.
    pub change: Change,
    /// 年初结转和结余 against last year.
    pub opening_change: Change,
}

/// 二、收入.
#[derive(Debug, Clone, Serialize)]
pub struct IncomeText {
    /// 本年收入合计.
    pub total: Decimal,
    /// 本年收入合计 against last year.
    pub change: Change,
    /// 财政拨款收入, 上级补助, 事业, 经营, 附属单位上缴, 其他 with shares of 本年收入合计.
    pub sources: Vec<Share>,
    /// The three fiscal funds with shares of 财政拨款收入.
    pub fiscal_sources: Vec<Share>,
}

/// 三、支出.
#[derive(Debug, Clone, Serialize)]
pub struct SpendingText {
    /// 本年支出合计.
    pub total: Decimal,
    /// 本年支出合计 against last year.
    pub change: Change,
    /// 基本, 项目, 上缴上级, 经营, 对附属单位补助 with shares.
    pub kinds: Vec<Share>,
    /// 基本支出.
    pub basic: Decimal,
    /// 项目支出.
    pub project: Decimal,
    /// 基本支出 against last year.
    pub basic_change: Change,
    /// 项目支出 against last year.
    pub project_change: Change,
}

/// 四、财政拨款总体.
#[derive(Debug, Clone, Serialize)]
pub struct FiscalText {
    /// 本年财政拨款收入.
    pub income: Decimal,
    /// 年初财政拨款结转和结余.
    pub opening: Decimal,
    /// 本年财政拨款支出.
    pub spending: Decimal,
    /// 年末财政拨款结转和结余.
    pub closing: Decimal,
    /// 财政拨款收入总计 (= 支出总计).
    pub grand_total: Decimal,
    /// 财政拨款支出总计.
    pub spending_grand_total: Decimal,
    /// 总计 against last year.
    pub change: Change,
    /// 本年财政拨款支出 against 年初/全年预算.
    pub budget: BudgetCompare,
    /// Per fund: name, income, spending.
    pub funds: Vec<FundLine>,
}

/// One fiscal fund's year.
#[derive(Debug, Clone, Serialize)]
pub struct FundLine {
    /// Fund name.
    pub name: &'static str,
    /// 年初结转和结余.
    pub opening: Decimal,
    /// 本年收入.
    pub income: Decimal,
    /// 本年支出.
    pub spending: Decimal,
    /// 年末结转和结余.
    pub closing: Decimal,
}

/// Builds the 情况说明 figures.
pub fn build(unit: &UnitFile, f: &UnitFigures, p: &PriorFigures, names: &SubjectNames, dp: u32) -> Text {
    let scale = Scale::of(unit);
    let r = &unit.reasons;
    let ch =
        |cur: Decimal, prev: Option<Decimal>, reason: Option<&String>| Change::new(cur, prev, dp, reason);
    let overall = Overall {
        income_grand_total: f.income_grand_total(),
        spending_grand_total: f.spending_grand_total(),
        income_total: f.income_total(),
        non_fiscal_used: f.non_fiscal_used,
        opening: f.opening_total(),
        spending_total: f.spending_total(),
        surplus_distribution: f.surplus_distribution,
        closing: f.closing_total(),
        change: ch(f.income_grand_total(), p.total, r.total_change.as_ref()).of(Noun::Total),
        opening_change: ch(f.opening_total(), p.opening, r.opening_change.as_ref()).of(Noun::Balance),
    };
    let fiscal_income: Decimal = f.fiscal_income().total();
    let mut source_parts = vec![("fiscal".to_string(), "财政拨款收入".to_string(), fiscal_income)];
    let by_source = || INCOME_SOURCES.iter().zip(f.income.values());
    for ((k, n), v) in by_source().skip(3) {
        source_parts.push((k.to_string(), n.to_string(), v));
    }
    let fiscal_parts = by_source()
        .take(3)
        .map(|((k, n), v)| (k.to_string(), n.to_string(), v))
        .collect();
    let income = IncomeText {
        total: f.income_total(),
        change: ch(f.income_total(), p.income, r.income_change.as_ref()).of(Noun::Income),
        sources: shares(source_parts, dp),
        fiscal_sources: shares(fiscal_parts, dp),
    };
    let kinds = EXPENDITURE_KINDS
        .iter()
        .zip(f.spending.values())
        .map(|((k, n), v)| (k.to_string(), n.to_string(), v))
        .collect();
    let spending = SpendingText {
        total: f.spending_total(),
        change: ch(f.spending_total(), p.spending, r.expenditure_change.as_ref()),
        kinds: shares(kinds, dp),
        basic: f.spending.basic,
        project: f.spending.project,
        basic_change: ch(f.spending.basic, p.basic, r.basic_change.as_ref()),
        project_change: ch(f.spending.project, p.project, r.project_change.as_ref()),
    };
    let fs = f.fiscal_spending();
    let fiscal_spending: Decimal = fs.total();
    let b = &unit.budget;
    let general_items = general::general_items(unit, f, p, names, dp);
    let sum_budget = |items: &[ItemLine], full: bool| -> Option<Decimal> {
        let vals: Option<Vec<Decimal>> = items
            .iter()
            .map(|i| {
                if full {
                    i.budget.full.or(i.budget.initial)
                } else {
                    i.budget.initial
                }
            })
            .collect();
        vals.filter(|v| !v.is_empty()).map(|v| v.into_iter().sum())
    };
    let w = |a: Option<Amount>| a.map(|a| scale.wan(a));
    let general_initial = w(b.general_initial).or_else(|| sum_budget(&general_items, false));
    let general_full = w(b.general_full).or_else(|| {
        general_items
            .iter()
            .any(|i| i.budget.full.is_some())
            .then(|| sum_budget(&general_items, true))
            .flatten()
    });
    let only_general = fs.fund.is_zero() && fs.state_capital.is_zero();
    let fiscal_initial = w(b.fiscal_initial).or(if only_general { general_initial } else { None });
    let fiscal_full = w(b.fiscal_full).or(if only_general { general_full } else { None });
    let fund_names = crate::phrases::FISCAL_FUNDS;
    let fiscal = FiscalText {
        income: fiscal_income,
        opening: f.opening.fiscal().total(),
        spending: fiscal_spending,
        closing: f.closing.fiscal().total(),
        grand_total: f.fiscal_grand_total(),
        spending_grand_total: f.fiscal_spending_grand_total(),
        change: ch(f.fiscal_grand_total(), p.fiscal_total, r.fiscal_change.as_ref()).of(Noun::FiscalTotal),
        budget: BudgetCompare::new(
            fiscal_spending,
            fiscal_initial,
            fiscal_full,
            dp,
            r.fiscal_budget.as_ref(),
        ),
        funds: (0..3)
            .map(|i| FundLine {
                name: fund_names[i],
                opening: f.opening.fiscal().array()[i],
                income: f.income.fiscal().array()[i],
                spending: fs.array()[i],
                closing: f.closing.fiscal().array()[i],
            })
            .collect(),
    };
    let general = GeneralText {
        total: f.general_total(),
        share_of_spending: ratio(f.general_total(), f.spending_total(), dp),
        change: ch(f.general_total(), p.general, r.general_change.as_ref()),
        budget: BudgetCompare::new(
            f.general_total(),
            general_initial,
            general_full,
            dp,
            r.general_budget.as_ref(),
        ),
        classes: general::class_lines(unit, &general_items, p, dp),
        items: general_items,
    };
    let basic = general::basic_text(unit, f, p, names, dp);
    let fund = general::fund_text(unit, f, p, names, dp, true);
    let state_capital = general::fund_text(unit, f, p, names, dp, false);
    let sangong = sangong::sangong_text(unit, p, dp);
    let operating_costs = disclosures::operating(unit, p, dp);
    let procurement = disclosures::procurement(unit, dp);
    let assets = disclosures::assets(unit);
    let mut text = Text {
        overall,
        income,
        spending,
        fiscal,
        general,
        basic,
        fund,
        state_capital,
        sangong,
        operating_costs,
        procurement,
        assets,
        performance: performance::performance_text(unit, f, dp),
        other_matters: unit.other_matters.clone(),
    };
    if p.no_prior_year {
        for c in text.changes_mut() {
            c.without_prior_year();
        }
    }
    text
}

impl Text {
    /// Every year-over-year comparison of the 情况说明, printed or not.
    pub fn changes_mut(&mut self) -> Vec<&mut Change> {
        let mut out: Vec<&mut Change> = vec![
            &mut self.overall.change,
            &mut self.overall.opening_change,
            &mut self.income.change,
            &mut self.spending.change,
            &mut self.spending.basic_change,
            &mut self.spending.project_change,
            &mut self.fiscal.change,
            &mut self.general.change,
            &mut self.basic.change,
            &mut self.basic.personnel_change,
            &mut self.basic.public_change,
            &mut self.fund.change,
            &mut self.state_capital.change,
        ];
        out.extend(self.general.classes.iter_mut().map(|c| &mut c.change));
        out.extend(self.general.items.iter_mut().map(|i| &mut i.change));
        out.extend(self.fund.items.iter_mut().map(|i| &mut i.change));
        out.extend(self.state_capital.items.iter_mut().map(|i| &mut i.change));
        let sg = &mut self.sangong;
        out.push(&mut sg.change);
        out.extend(sg.parts.iter_mut().map(|p| &mut p.change));
        out.push(&mut sg.vehicle_purchase.change);
        out.push(&mut sg.vehicle_running.change);
        out.extend(sg.meeting.iter_mut().map(|p| &mut p.change));
        out.extend(sg.training.iter_mut().map(|p| &mut p.change));
        out.extend(self.operating_costs.iter_mut().map(|o| &mut o.change));
        out
    }
}

/// A 项's budget figures in 万元.
pub(super) fn item_budget(b: Option<&ItemBudget>, scale: Scale) -> (Option<Decimal>, Option<Decimal>) {
    match b {
        Some(b) => (b.initial.map(|a| scale.wan(a)), b.full.map(|a| scale.wan(a))),
        None => (None, None),
    }
}
