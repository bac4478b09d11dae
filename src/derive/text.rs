//! The figures of the 情况说明 (第三部分), section by section, and the 绩效自评表 views.

use super::compare::{BudgetCompare, Change, Share, ratio, shares};
use super::figures::{EXPENDITURE_KINDS, INCOME_SOURCES, Scale, UnitFigures};
use super::prior::{PriorFigures, sangong_parts};
use super::tables::Tables;
use crate::catalogue::{self, Classification};
use crate::input::{Evaluation, ItemBudget, SangongItem, UnitFile};
use crate::money::{Amount, round_half_up};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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
    pub code: String,
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
    /// 人员经费.
    pub personnel: Decimal,
    /// 公用经费.
    pub public: Decimal,
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

/// 九、三公.
#[derive(Debug, Clone, Serialize)]
pub struct SangongText {
    /// Whether any 三公 budget or spending exists.
    pub present: bool,
    /// 合计 against budget.
    pub total: BudgetCompare,
    /// 合计 against last year.
    pub change: Change,
    /// 因公出国（境）费, 公务用车购置及运行维护费, 公务接待费 with shares of the 合计.
    pub parts: Vec<SangongPart>,
    /// 公务用车购置费.
    pub vehicle_purchase: SangongPart,
    /// 公务用车运行维护费.
    pub vehicle_running: SangongPart,
    /// 会议费 (when given).
    pub meeting: Option<SangongPart>,
    /// 培训费 (when given).
    pub training: Option<SangongPart>,
    /// Counts and notes, as given.
    pub counts: SangongCounts,
}

/// One 三公 part.
#[derive(Debug, Clone, Serialize)]
pub struct SangongPart {
    /// Stable key: abroad, vehicle, vehicle_purchase, vehicle_running, reception, meeting, training.
    pub key: &'static str,
    /// Display name.
    pub name: &'static str,
    /// 决算数.
    pub actual: Decimal,
    /// Share of the 三公 合计 (parts listed together total 100).
    pub share: Decimal,
    /// Against budget.
    pub budget: BudgetCompare,
    /// Against last year.
    pub change: Change,
    /// 开支内容.
    pub content: Option<String>,
}

/// 三公 counts.
#[derive(Debug, Clone, Serialize)]
pub struct SangongCounts {
    /// 团组数.
    pub abroad_groups: u32,
    /// 出国人次.
    pub abroad_people: u32,
    /// 购置数.
    pub vehicles_bought: u32,
    /// 保有量.
    pub vehicles_held: u32,
    /// 接待批次.
    pub reception_batches: u32,
    /// 接待人次.
    pub reception_people: u32,
    /// 外事接待批次.
    pub foreign_batches: u32,
    /// 外事接待人次.
    pub foreign_people: u32,
    /// 外事接待费.
    pub foreign_amount: Decimal,
    /// 国内接待费（不含外事）.
    pub domestic_amount: Decimal,
    /// 会议次数.
    pub meetings: u32,
    /// 会议人次.
    pub meeting_people: u32,
    /// 培训次数.
    pub trainings: u32,
    /// 培训人次.
    pub training_people: u32,
    /// 保有量与资产车辆数差异的说明.
    pub fleet_note: Option<String>,
}

/// 十、机关运行经费.
#[derive(Debug, Clone, Serialize)]
pub struct OperatingText {
    /// Amount.
    pub amount: Decimal,
    /// Against last year.
    pub change: Change,
    /// 主要用途.
    pub content: Option<String>,
}

/// 十一、政府采购.
#[derive(Debug, Clone, Serialize)]
pub struct ProcurementText {
    /// 货物+工程+服务.
    pub total: Decimal,
    /// 货物.
    pub goods: Decimal,
    /// 工程.
    pub works: Decimal,
    /// 服务.
    pub services: Decimal,
    /// 授予中小企业合同金额.
    pub sme: Decimal,
    /// 其中授予小微企业.
    pub small_micro: Decimal,
    /// 中小企业 share of the total.
    pub sme_share: Option<Decimal>,
    /// 小微企业 share of the 中小企业 amount.
    pub small_micro_share: Option<Decimal>,
    /// Note.
    pub note: Option<String>,
}

/// 十二、国有资产.
#[derive(Debug, Clone, Serialize)]
pub struct AssetsText {
    /// (kind name, count) of the 8 vehicle kinds.
    pub vehicles: Vec<(&'static str, u32)>,
    /// 车辆总数.
    pub vehicles_total: u32,
    /// 单价100万元以上设备.
    pub equipment: u32,
    /// 固定资产原值 (万元).
    pub fixed_assets_value: Option<Decimal>,
    /// 房屋面积.
    pub building_area: Option<String>,
    /// Note.
    pub note: Option<String>,
}

/// 十三、预算绩效.
#[derive(Debug, Clone, Serialize)]
pub struct PerformanceText {
    /// Paragraphs from the YAML.
    pub summary: Vec<String>,
    /// Number of projects self-evaluated.
    pub project_count: usize,
    /// 涉及资金 (全年预算 of the evaluated projects).
    pub covered: Decimal,
    /// Share of 项目支出 covered.
    pub covered_share: Option<Decimal>,
    /// Average self-evaluation score of projects.
    pub average_score: Option<Decimal>,
    /// Whether a 部门整体 self-evaluation exists.
    pub has_overall: bool,
    /// 部门整体 score.
    pub overall_score: Option<Decimal>,
    /// (name, score, grade) per project.
    pub projects: Vec<(String, Option<Decimal>, Option<String>)>,
}

/// Builds the 情况说明 figures.
pub fn build(unit: &UnitFile, f: &UnitFigures, p: &PriorFigures, tables: &Tables, dp: u32) -> Text {
    let _ = tables;
    let scale = Scale(unit.settings.input_unit);
    let r = &unit.reasons;
    let ch = |cur: Decimal, prev: Option<Decimal>, reason: Option<&String>| {
        Change::new(cur, prev, dp, reason)
    };
    let overall = Overall {
        income_grand_total: f.income_grand_total(),
        spending_grand_total: f.spending_grand_total(),
        income_total: f.income_total(),
        non_fiscal_used: f.non_fiscal_used,
        opening: f.opening_total(),
        spending_total: f.spending_total(),
        surplus_distribution: f.surplus_distribution,
        closing: f.closing_total(),
        change: ch(f.income_grand_total(), p.total, r.total_change.as_ref()),
        opening_change: ch(f.opening_total(), p.opening, None),
    };
    let fiscal_income: Decimal = f.fiscal_income().iter().copied().sum();
    let mut source_parts = vec![(
        "fiscal".to_string(),
        "财政拨款收入".to_string(),
        fiscal_income,
    )];
    for (i, (k, n)) in INCOME_SOURCES.iter().enumerate().skip(3) {
        source_parts.push((k.to_string(), n.to_string(), f.income[i]));
    }
    let fiscal_parts = (0..3)
        .map(|i| {
            (
                INCOME_SOURCES[i].0.to_string(),
                INCOME_SOURCES[i].1.to_string(),
                f.income[i],
            )
        })
        .collect();
    let income = IncomeText {
        total: f.income_total(),
        change: ch(f.income_total(), p.income, r.income_change.as_ref()),
        sources: shares(source_parts, dp),
        fiscal_sources: shares(fiscal_parts, dp),
    };
    let kinds = EXPENDITURE_KINDS
        .iter()
        .zip(f.spending)
        .map(|((k, n), v)| (k.to_string(), n.to_string(), v))
        .collect();
    let spending = SpendingText {
        total: f.spending_total(),
        change: ch(
            f.spending_total(),
            p.spending,
            r.expenditure_change.as_ref(),
        ),
        kinds: shares(kinds, dp),
        basic_change: ch(f.spending[0], p.basic, r.basic_change.as_ref()),
        project_change: ch(f.spending[1], p.project, r.project_change.as_ref()),
    };
    let fs = f.fiscal_spending();
    let fiscal_spending: Decimal = fs.iter().copied().sum();
    let b = &unit.budget;
    let general_items = general_items(unit, f, p, dp);
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
    let only_general = fs[1].is_zero() && fs[2].is_zero();
    let fiscal_initial = w(b.fiscal_initial).or(if only_general { general_initial } else { None });
    let fiscal_full = w(b.fiscal_full).or(if only_general { general_full } else { None });
    let fund_names = [
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ];
    let fiscal = FiscalText {
        income: fiscal_income,
        opening: f.opening[0] + f.opening[1] + f.opening[2],
        spending: fiscal_spending,
        closing: f.closing[0] + f.closing[1] + f.closing[2],
        grand_total: f.fiscal_grand_total(),
        spending_grand_total: f.fiscal_spending_grand_total(),
        change: ch(
            f.fiscal_grand_total(),
            p.fiscal_total,
            r.fiscal_change.as_ref(),
        ),
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
                opening: f.opening[i],
                income: f.income[i],
                spending: fs[i],
                closing: f.closing[i],
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
        classes: class_lines(unit, &general_items, p, dp),
        items: general_items,
    };
    let basic = basic_text(unit, f, p, dp);
    let fund = fund_text(unit, f, p, dp, true);
    let state_capital = fund_text(unit, f, p, dp, false);
    let sangong = sangong_text(unit, p, dp);
    let operating_costs = unit.operating_costs.as_ref().map(|o| OperatingText {
        amount: scale.wan(o.amount),
        change: ch(
            scale.wan(o.amount),
            p.operating_costs,
            o.change_reason.as_ref(),
        ),
        content: o.content.clone(),
    });
    let procurement = unit.procurement.as_ref().map(|pr| {
        let (g, wk, s) = (
            scale.wan(pr.goods),
            scale.wan(pr.works),
            scale.wan(pr.services),
        );
        let total = g + wk + s;
        ProcurementText {
            total,
            goods: g,
            works: wk,
            services: s,
            sme: scale.wan(pr.sme),
            small_micro: scale.wan(pr.small_micro),
            sme_share: ratio(scale.wan(pr.sme), total, dp),
            small_micro_share: ratio(scale.wan(pr.small_micro), scale.wan(pr.sme), dp),
            note: pr.note.clone(),
        }
    });
    let assets = unit.assets.as_ref().map(|a| AssetsText {
        vehicles: vec![
            ("副部（省）级及以上领导用车", a.vehicles_leader),
            ("主要负责人用车", a.vehicles_principal),
            ("机要通信用车", a.vehicles_confidential),
            ("应急保障用车", a.vehicles_emergency),
            ("执法执勤用车", a.vehicles_enforcement),
            ("特种专业技术用车", a.vehicles_special),
            ("离退休干部服务用车", a.vehicles_retired),
            ("其他用车", a.vehicles_other),
        ],
        vehicles_total: a.vehicles_total,
        equipment: a.equipment_over_million,
        fixed_assets_value: a.fixed_assets_value.map(|v| scale.wan(v)),
        building_area: a.building_area.clone(),
        note: a.note.clone(),
    });
    Text {
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
        performance: performance_text(unit, f, dp),
        other_matters: unit.other_matters.clone(),
    }
}

fn function_name(unit: &UnitFile, code: &str) -> String {
    let given = unit
        .expenditure
        .iter()
        .filter(|r| r.code.0 == code)
        .find_map(|r| r.name.clone())
        .or_else(|| {
            unit.code_names
                .iter()
                .find(|c| c.code.0 == code)
                .map(|c| c.name.clone())
        })
        .or_else(|| {
            unit.previous
                .as_ref()
                .and_then(|p| p.totals.general_items.iter().find(|i| i.code.0 == code))
                .and_then(|i| i.name.clone())
        });
    given
        .map(|s| s.trim().to_string())
        .or_else(|| catalogue::name_of(Classification::Function, code).map(str::to_string))
        .unwrap_or_else(|| format!("科目{code}"))
}

fn item_budget(b: Option<&ItemBudget>, scale: Scale) -> (Option<Decimal>, Option<Decimal>) {
    match b {
        Some(b) => (
            b.initial.map(|a| scale.wan(a)),
            b.full.map(|a| scale.wan(a)),
        ),
        None => (None, None),
    }
}

fn general_items(unit: &UnitFile, f: &UnitFigures, p: &PriorFigures, dp: u32) -> Vec<ItemLine> {
    let scale = Scale(unit.settings.input_unit);
    let mut codes: BTreeSet<String> = f
        .items
        .iter()
        .filter(|(_, it)| !it.general_total().is_zero())
        .map(|(c, _)| c.clone())
        .collect();
    let budgeted = unit
        .expenditure
        .iter()
        .filter(|r| r.budget.is_some() && r.code.0.len() == 7);
    codes.extend(budgeted.map(|r| r.code.0.clone()));
    if let Some(prev) = &p.general_items {
        codes.extend(
            prev.iter()
                .filter(|(c, v)| !v.is_zero() && c.len() == 7)
                .map(|(c, _)| c.clone()),
        );
    }
    codes
        .into_iter()
        .map(|code| {
            let it = f.items.get(&code).cloned().unwrap_or_default();
            let row = unit.expenditure.iter().find(|r| r.code.0 == code);
            let (initial, full) = item_budget(row.and_then(|r| r.budget.as_ref()), scale);
            let amount = it.general_total();
            let prev = p
                .general_items
                .as_ref()
                .map(|m| m.get(&code).copied().unwrap_or_default());
            ItemLine {
                class_name: function_name(unit, &code[..3]),
                section_name: function_name(unit, &code[..5]),
                name: function_name(unit, &code),
                amount,
                basic: it.general[0] + it.general[1],
                project: it.general[2],
                budget: BudgetCompare::new(
                    amount,
                    initial,
                    full,
                    dp,
                    row.and_then(|r| r.budget_reason.as_ref()),
                ),
                change: Change::new(amount, prev, dp, row.and_then(|r| r.change_reason.as_ref())),
                purpose: row.and_then(|r| r.purpose.clone()),
                code,
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

fn class_lines(unit: &UnitFile, items: &[ItemLine], p: &PriorFigures, dp: u32) -> Vec<ClassLine> {
    let scale = Scale(unit.settings.input_unit);
    let mut by_class: BTreeMap<String, ClassSum> = BTreeMap::new();
    for i in items {
        let e = by_class.entry(i.code[..3].to_string()).or_insert(ClassSum {
            name: i.class_name.clone(),
            amount: Decimal::ZERO,
            initial: Some(Decimal::ZERO),
            full: Some(Decimal::ZERO),
            any_full: false,
        });
        e.amount += i.amount;
        e.initial = e.initial.zip(i.budget.initial).map(|(a, b)| a + b);
        e.full = e
            .full
            .zip(i.budget.full.or(i.budget.initial))
            .map(|(a, b)| a + b);
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
            let budget = match unit.budget.classes.iter().find(|c| c.code.0 == share.key) {
                Some(c) => BudgetCompare::new(
                    share.amount,
                    c.initial.map(|a| scale.wan(a)),
                    c.full.map(|a| scale.wan(a)),
                    dp,
                    c.budget_reason.as_ref(),
                ),
                None => BudgetCompare::new(
                    share.amount,
                    v.initial,
                    if v.any_full { v.full } else { None },
                    dp,
                    None,
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

fn basic_text(unit: &UnitFile, f: &UnitFigures, p: &PriorFigures, dp: u32) -> BasicText {
    let names = |personnel: bool| -> Vec<String> {
        f.economic
            .iter()
            .filter(|(c, v)| c.len() == 5 && !v.is_zero())
            .filter(|(c, _)| catalogue::PERSONNEL_CLASSES.contains(&&c[..3]) == personnel)
            .map(|(c, _)| {
                unit.basic_by_economic
                    .iter()
                    .find(|r| &r.code.0 == c)
                    .and_then(|r| r.name.clone())
                    .or_else(|| catalogue::name_of(Classification::Economic, c).map(str::to_string))
                    .unwrap_or_else(|| format!("科目{c}"))
            })
            .collect()
    };
    BasicText {
        total: f.general_basic(),
        personnel: f.general[0],
        public: f.general[1],
        personnel_items: names(true),
        public_items: names(false),
        change: Change::new(f.general_basic(), p.general_basic, dp, None),
        personnel_change: Change::new(f.general[0], p.personnel, dp, None),
        public_change: Change::new(f.general[1], p.public, dp, None),
    }
}

fn fund_text(
    unit: &UnitFile,
    f: &UnitFigures,
    p: &PriorFigures,
    dp: u32,
    government_fund: bool,
) -> FundText {
    let scale = Scale(unit.settings.input_unit);
    let (k, pick): (usize, fn(&super::figures::ItemFigures) -> [Decimal; 2]) = if government_fund {
        (1, |it| it.fund)
    } else {
        (2, |it| it.state_capital)
    };
    let items: Vec<ItemLine> = f
        .items
        .iter()
        .filter(|(_, it)| pick(it).iter().any(|v| !v.is_zero()))
        .map(|(code, it)| {
            let [basic, project] = pick(it);
            let row = unit.expenditure.iter().find(|r| &r.code.0 == code);
            let (initial, full) = item_budget(row.and_then(|r| r.fund_budget.as_ref()), scale);
            ItemLine {
                code: code.clone(),
                class_name: function_name(unit, &code[..3]),
                section_name: function_name(unit, &code[..5]),
                name: function_name(unit, code),
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
        present: !(f.opening[k].is_zero()
            && f.income[k].is_zero()
            && spending.is_zero()
            && f.closing[k].is_zero()),
        opening: f.opening[k],
        income: f.income[k],
        spending,
        closing: f.closing[k],
        change: Change::new(spending, prev, dp, None),
        items,
    }
}

fn sangong_text(unit: &UnitFile, p: &PriorFigures, dp: u32) -> SangongText {
    let s = &unit.sangong;
    let scale = Scale(unit.settings.input_unit);
    let w = |a: Amount| scale.wan(a);
    let prev = p.sangong_parts;
    let prev_at = |i: usize| prev.map(|v| v[i]);
    let part = |key, name, items: &[&SangongItem], prev: Option<Decimal>, share: Decimal| {
        let actual: Decimal = items.iter().map(|i| w(i.actual)).sum();
        let (initial, full) = sangong_budget(items, scale);
        let one = items.len() == 1;
        SangongPart {
            key,
            name,
            actual,
            share,
            budget: BudgetCompare::new(
                actual,
                initial,
                full,
                dp,
                if one {
                    items[0].budget_reason.as_ref()
                } else {
                    None
                },
            ),
            change: Change::new(
                actual,
                prev,
                dp,
                if one {
                    items[0].change_reason.as_ref()
                } else {
                    None
                },
            ),
            content: if one { items[0].content.clone() } else { None },
        }
    };
    let actual = sangong_parts(s, scale);
    let three = [actual[0], actual[1] + actual[2], actual[3]];
    let sh = crate::money::largest_remainder_shares(&three, dp);
    let mut vehicle = part(
        "vehicle",
        "公务用车购置及运行维护费",
        &[&s.vehicle_purchase, &s.vehicle_running],
        prev.map(|v| v[1] + v[2]),
        sh[1],
    );
    let reasons: Vec<&String> = [&s.vehicle_purchase, &s.vehicle_running]
        .iter()
        .filter_map(|i| i.change_reason.as_ref())
        .collect();
    vehicle.change.reason = (!reasons.is_empty()).then(|| {
        reasons
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join("；")
    });
    let breasons: Vec<&String> = [&s.vehicle_purchase, &s.vehicle_running]
        .iter()
        .filter_map(|i| i.budget_reason.as_ref())
        .collect();
    vehicle.budget.reason = (!breasons.is_empty()).then(|| {
        breasons
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join("；")
    });
    let contents: Vec<&String> = [&s.vehicle_purchase, &s.vehicle_running]
        .iter()
        .filter_map(|i| i.content.as_ref())
        .collect();
    vehicle.content = (!contents.is_empty()).then(|| {
        contents
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join("；")
    });
    let parts = vec![
        part(
            "abroad",
            "因公出国（境）费",
            &[&s.abroad],
            prev_at(0),
            sh[0],
        ),
        vehicle,
        part(
            "reception",
            "公务接待费",
            &[&s.reception],
            prev_at(3),
            sh[2],
        ),
    ];
    let total_actual: Decimal = actual.iter().copied().sum();
    let all = [
        &s.abroad,
        &s.vehicle_purchase,
        &s.vehicle_running,
        &s.reception,
    ];
    let (initial, full) = sangong_budget(&all, scale);
    let nonzero = |d: Option<Decimal>| d.is_some_and(|d| !d.is_zero());
    let present = !total_actual.is_zero() || nonzero(initial) || nonzero(full);
    let mt = |item: &Option<SangongItem>, key, name, prev: Option<Decimal>| {
        item.as_ref()
            .map(|i| part(key, name, &[i], prev, Decimal::ZERO))
    };
    SangongText {
        present,
        total: BudgetCompare::new(total_actual, initial, full, dp, s.budget_reason.as_ref()),
        change: Change::new(total_actual, p.sangong_total, dp, s.change_reason.as_ref()),
        parts,
        vehicle_purchase: part(
            "vehicle_purchase",
            "公务用车购置费",
            &[&s.vehicle_purchase],
            prev_at(1),
            Decimal::ZERO,
        ),
        vehicle_running: part(
            "vehicle_running",
            "公务用车运行维护费",
            &[&s.vehicle_running],
            prev_at(2),
            Decimal::ZERO,
        ),
        meeting: mt(&s.meeting, "meeting", "会议费", p.meeting_training[0]),
        training: mt(&s.training, "training", "培训费", p.meeting_training[1]),
        counts: SangongCounts {
            abroad_groups: s.abroad_groups,
            abroad_people: s.abroad_people,
            vehicles_bought: s.vehicles_bought,
            vehicles_held: s.vehicles_held,
            reception_batches: s.reception_batches,
            reception_people: s.reception_people,
            foreign_batches: s.foreign_batches,
            foreign_people: s.foreign_people,
            foreign_amount: w(s.foreign_amount),
            domestic_amount: actual[3] - w(s.foreign_amount),
            meetings: s.meetings,
            meeting_people: s.meeting_people,
            trainings: s.trainings,
            training_people: s.training_people,
            fleet_note: s.fleet_note.clone(),
        },
    }
}

/// The 年初预算 and 全年预算 of some 三公 items together: each known when any item gives it (an
/// item without it counts as zero; a missing 全年预算 counts as its 年初预算).
fn sangong_budget(items: &[&SangongItem], scale: Scale) -> (Option<Decimal>, Option<Decimal>) {
    let w = |a: Option<Amount>| a.map(|a| scale.wan(a)).unwrap_or_default();
    let initial = items
        .iter()
        .any(|i| i.budget_initial.is_some())
        .then(|| items.iter().map(|i| w(i.budget_initial)).sum());
    let full = items.iter().any(|i| i.budget_full.is_some()).then(|| {
        items
            .iter()
            .map(|i| w(i.budget_full.or(i.budget_initial)))
            .sum()
    });
    (initial, full)
}

/// One 绩效自评表, with every derived figure.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationView {
    /// 项目名称 (the unit's name for the 部门整体 table when not given).
    pub name: String,
    /// 主管部门.
    pub department: Option<String>,
    /// 实施单位.
    pub implementer: Option<String>,
    /// 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金.
    pub funds: Vec<FundsRow>,
    /// 预算执行的分值.
    pub funds_weight: Decimal,
    /// 预算执行的得分.
    pub funds_score: Option<Decimal>,
    /// 预期目标.
    pub goal: Option<String>,
    /// 实际完成情况.
    pub achieved: Option<String>,
    /// Indicators with group spans for merged cells.
    pub indicators: Vec<IndicatorView>,
    /// Σ weights (funds + indicators).
    pub weight_total: Decimal,
    /// Σ scores (funds + indicators).
    pub score_total: Decimal,
    /// The score stated in YAML, else the sum.
    pub score: Decimal,
    /// 等级.
    pub grade: Option<String>,
    /// 结论.
    pub conclusion: Option<String>,
}

/// A funds line of a 绩效自评表.
#[derive(Debug, Clone, Serialize)]
pub struct FundsRow {
    /// Row label.
    pub label: &'static str,
    /// 年初预算数.
    pub initial: Decimal,
    /// 全年预算数.
    pub full: Decimal,
    /// 全年执行数.
    pub actual: Decimal,
    /// 执行率 (percent), absent when 全年预算数 is zero.
    pub rate: Option<Decimal>,
}

/// An indicator with the spans of its 一级/二级 groups (0: inside a group already opened).
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    /// The indicator as given.
    #[serde(flatten)]
    pub indicator: crate::input::Indicator,
    /// Rows the 一级 cell spans from here (0 when continuing).
    pub level1_span: usize,
    /// Rows the 二级 cell spans from here (0 when continuing).
    pub level2_span: usize,
}

/// The weight of 预算执行 in a 绩效自评表: as given; 10 (the national style) when only a score is
/// given; 0 when the table has no 预算执行 score at all (indicators then carry the 100).
pub fn funds_weight(e: &Evaluation) -> Decimal {
    match (e.funds_weight, e.funds_score) {
        (Some(w), _) => w.0,
        (None, Some(_)) => Decimal::TEN,
        (None, None) => Decimal::ZERO,
    }
}

/// The 附件: all 绩效自评表.
#[derive(Debug, Clone, Serialize)]
pub struct PerformanceView {
    /// 部门整体支出绩效自评表.
    pub overall: Option<EvaluationView>,
    /// 项目支出绩效自评表.
    pub projects: Vec<EvaluationView>,
}

/// Builds the views of all 绩效自评表.
pub fn performance_view(unit: &UnitFile, _f: &UnitFigures, dp: u32) -> PerformanceView {
    let scale = Scale(unit.settings.input_unit);
    let view = |e: &Evaluation| evaluation_view(e, &unit.unit.name, scale, dp);
    PerformanceView {
        overall: unit.performance.overall.as_ref().map(view),
        projects: unit.performance.projects.iter().map(view).collect(),
    }
}

fn evaluation_view(e: &Evaluation, unit_name: &str, scale: Scale, dp: u32) -> EvaluationView {
    let w = |a: Amount| scale.wan(a);
    let row = |label, i: Decimal, f: Decimal, a: Decimal| FundsRow {
        label,
        initial: i,
        full: f,
        actual: a,
        rate: ratio(a, f, dp),
    };
    let parts = [
        ("当年财政拨款", &e.fiscal),
        ("上年结转资金", &e.carried),
        ("其他资金", &e.other),
    ];
    let mut funds = vec![row(
        "年度资金总额",
        parts.iter().map(|p| w(p.1.initial)).sum(),
        parts.iter().map(|p| w(p.1.full)).sum(),
        parts.iter().map(|p| w(p.1.actual)).sum(),
    )];
    funds.extend(
        parts
            .iter()
            .map(|(l, p)| row(l, w(p.initial), w(p.full), w(p.actual))),
    );
    let inds = &e.indicators;
    let span = |i: usize, same: &dyn Fn(usize, usize) -> bool| {
        if i > 0 && same(i - 1, i) {
            0
        } else {
            (i..inds.len()).take_while(|&j| same(i, j)).count()
        }
    };
    let indicators = (0..inds.len())
        .map(|i| IndicatorView {
            indicator: inds[i].clone(),
            level1_span: span(i, &|a, b| inds[a].level1 == inds[b].level1),
            level2_span: span(i, &|a, b| {
                inds[a].level1 == inds[b].level1 && inds[a].level2 == inds[b].level2
            }),
        })
        .collect();
    let funds_weight = funds_weight(e);
    let weight_total = funds_weight
        + inds
            .iter()
            .filter_map(|i| i.weight)
            .map(|a| a.0)
            .sum::<Decimal>();
    let score_total = e.funds_score.map(|a| a.0).unwrap_or_default()
        + inds
            .iter()
            .filter_map(|i| i.score)
            .map(|a| a.0)
            .sum::<Decimal>();
    EvaluationView {
        name: e.name.clone().unwrap_or_else(|| unit_name.to_string()),
        department: e.department.clone(),
        implementer: e.implementer.clone(),
        funds,
        funds_weight,
        funds_score: e.funds_score.map(|a| a.0),
        goal: e.goal.clone(),
        achieved: e.achieved.clone(),
        indicators,
        weight_total,
        score_total,
        score: e.score.map(|a| a.0).unwrap_or(score_total),
        grade: e.grade.clone(),
        conclusion: e.conclusion.clone(),
    }
}

fn performance_text(unit: &UnitFile, f: &UnitFigures, dp: u32) -> PerformanceText {
    let view = performance_view(unit, f, dp);
    let covered: Decimal = view.projects.iter().map(|p| p.funds[0].full).sum();
    let scores: Vec<Decimal> = view.projects.iter().map(|p| p.score).collect();
    let average_score = (!scores.is_empty()).then(|| {
        round_half_up(
            scores.iter().copied().sum::<Decimal>() / Decimal::from(scores.len()),
            2,
        )
    });
    PerformanceText {
        summary: unit.performance.summary.clone(),
        project_count: view.projects.len(),
        covered,
        // A share above 100% means the evaluated money is not all 项目支出 of this year: say nothing.
        covered_share: ratio(covered, f.spending[1], dp).filter(|r| *r <= Decimal::ONE_HUNDRED),
        average_score,
        has_overall: view.overall.is_some(),
        overall_score: view.overall.as_ref().map(|o| o.score),
        projects: view
            .projects
            .iter()
            .map(|p| (p.name.clone(), Some(p.score), p.grade.clone()))
            .collect(),
    }
}
