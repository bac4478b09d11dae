//! The figures: income and expenditure per 项, balances, 经济分类, budgets, published totals.

use super::Code;
use crate::money::Amount;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 收入：一个功能分类“项”的各来源收入。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeRow {
    /// 功能分类“项”编码（7位）。
    pub code: Code,
    /// 科目名称（可省略，从科目目录取；填写时会核对）。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub name: Option<String>,
    /// 一般公共预算财政拨款收入。
    #[serde(default)]
    pub general: Amount,
    /// 政府性基金预算财政拨款收入。
    #[serde(default)]
    pub fund: Amount,
    /// 国有资本经营预算财政拨款收入。
    #[serde(default)]
    pub state_capital: Amount,
    /// 上级补助收入。
    #[serde(default)]
    pub superior: Amount,
    /// 事业收入。
    #[serde(default)]
    pub business: Amount,
    /// 经营收入。
    #[serde(default)]
    pub operating: Amount,
    /// 附属单位上缴收入。
    #[serde(default)]
    pub affiliated: Amount,
    /// 其他收入。
    #[serde(default)]
    pub other: Amount,
}

/// 支出：一个功能分类“项”的支出，按资金来源分列。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpenditureRow {
    /// 功能分类“项”编码（7位）。
    pub code: Code,
    /// 科目名称（可省略，从科目目录取；填写时会核对）。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub name: Option<String>,
    /// 一般公共预算财政拨款安排的支出。
    #[serde(default)]
    pub general: GeneralSpending,
    /// 政府性基金预算财政拨款安排的支出。
    #[serde(default)]
    pub fund: FundSpending,
    /// 国有资本经营预算财政拨款安排的支出。
    #[serde(default)]
    pub state_capital: FundSpending,
    /// 非财政拨款资金（上级补助、事业、经营、其他等）安排的支出。
    #[serde(default)]
    pub other: OtherSpending,
    /// 本“项”一般公共预算财政拨款的预算数。
    #[serde(default)]
    pub budget: Option<ItemBudget>,
    /// 本“项”政府性基金/国有资本经营预算财政拨款的预算数（有基金支出时填写）。
    #[serde(default)]
    pub fund_budget: Option<ItemBudget>,
    /// 主要用于（用途说明），如“医保经办机构基本运转”。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub purpose: Option<String>,
    /// 与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub change_reason: Option<String>,
    /// 决算数与预算数差异的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub budget_reason: Option<String>,
}

/// 一般公共预算财政拨款支出的构成。基本支出填 basic，或分填人员经费 personnel 和公用经费 public
/// （基本支出 = 人员经费 + 公用经费）；三个都填时必须相等。只有所用模板的一般公共预算财政拨款支出决算表
/// （公开05表）列出人员经费、公用经费时才必须分填（中央格式列出）；上海2024模板不列，只填 basic 即可。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GeneralSpending {
    /// 基本支出（人员经费 + 公用经费）。不分人员经费、公用经费时只填这一项。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic: Option<Amount>,
    /// 基本支出—人员经费（一般公共预算财政拨款支出决算表（公开05表）列出人员经费时必填，如中央格式）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personnel: Option<Amount>,
    /// 基本支出—公用经费（一般公共预算财政拨款支出决算表（公开05表）列出公用经费时必填，如中央格式）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<Amount>,
    /// 项目支出。
    #[serde(default)]
    pub project: Amount,
}

/// The 基本支出 of a row's `general` as the unit gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GeneralBasic {
    /// 基本支出: `basic` when given, else `personnel + public`.
    pub basic: Amount,
    /// 人员经费 and 公用经费, when known: given (a missing one of the two is zero), or both zero
    /// because there is no 基本支出 at all.
    pub split: Option<GivenSplit>,
    /// `basic` was given and differs from `personnel + public`.
    pub conflict: Option<BasicConflict>,
}

/// A row's 基本支出 split into 人员经费 and 公用经费.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GivenSplit {
    /// 人员经费.
    pub personnel: Amount,
    /// 公用经费.
    pub public: Amount,
}

/// A `basic` that is not `personnel + public`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BasicConflict {
    /// `basic` as given.
    pub basic: Amount,
    /// `personnel + public`.
    pub sum: Amount,
}

impl GeneralSpending {
    /// The 基本支出 and its split as the row gives them (see [`GeneralBasic`]).
    pub fn resolve(&self) -> GeneralBasic {
        let given = self.personnel.is_some() || self.public.is_some();
        let sum = Amount(self.personnel.unwrap_or_default().0 + self.public.unwrap_or_default().0);
        let basic = self.basic.unwrap_or(sum);
        let split = if given {
            Some(GivenSplit {
                personnel: self.personnel.unwrap_or_default(),
                public: self.public.unwrap_or_default(),
            })
        } else if basic.0.is_zero() {
            Some(GivenSplit {
                personnel: Amount::default(),
                public: Amount::default(),
            })
        } else {
            None
        };
        let conflict = self
            .basic
            .filter(|b| given && b.0 != sum.0)
            .map(|basic| BasicConflict { basic, sum });
        GeneralBasic {
            basic,
            split,
            conflict,
        }
    }
}

/// 政府性基金或国有资本经营预算财政拨款支出的构成。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundSpending {
    /// 基本支出。
    #[serde(default)]
    pub basic: Amount,
    /// 项目支出。
    #[serde(default)]
    pub project: Amount,
}

/// 非财政拨款资金安排的支出。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherSpending {
    /// 基本支出。
    #[serde(default)]
    pub basic: Amount,
    /// 项目支出。
    #[serde(default)]
    pub project: Amount,
    /// 上缴上级支出。
    #[serde(default)]
    pub to_superior: Amount,
    /// 经营支出。
    #[serde(default)]
    pub operating: Amount,
    /// 对附属单位补助支出。
    #[serde(default)]
    pub to_affiliated: Amount,
}

/// 预算数。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemBudget {
    /// 年初预算数。
    #[serde(default)]
    pub initial: Option<Amount>,
    /// 全年预算数（调整后预算数）。
    #[serde(default)]
    pub full: Option<Amount>,
}

/// 结转结余情况。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Balances {
    /// 年初结转和结余（政府性基金的按“项”填在 fund_items）。
    #[serde(default)]
    pub opening: BalanceParts,
    /// 年末结转和结余（政府性基金的按“项”填在 fund_items）。
    #[serde(default)]
    pub closing: BalanceParts,
    /// 政府性基金预算财政拨款年初、年末结转和结余，按“项”填写（政府性基金预算财政拨款收入支出决算表：
    /// 中央格式公开07表，上海模板公开08表）。
    #[serde(default, deserialize_with = "crate::input::text::rows")]
    pub fund_items: Vec<FundBalanceRow>,
    /// 国有资本经营预算财政拨款年初、年末结转和结余，按“项”填写（上海格式的国有资本经营预算财政拨款
    /// 收入支出决算表按“项”列出）。可省略；填写时各“项”之和应等于 opening/closing.state_capital。
    #[serde(default, deserialize_with = "crate::input::text::rows")]
    pub state_capital_items: Vec<FundBalanceRow>,
    /// 使用非财政拨款结余（含专用结余）。
    #[serde(default)]
    pub non_fiscal_surplus_used: Amount,
    /// 结余分配。
    #[serde(default)]
    pub surplus_distribution: Amount,
}

/// 结转和结余按资金性质的构成。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BalanceParts {
    /// 一般公共预算财政拨款结转和结余。
    #[serde(default)]
    pub general: Amount,
    /// 国有资本经营预算财政拨款结转和结余。
    #[serde(default)]
    pub state_capital: Amount,
    /// 非财政拨款结转和结余。
    #[serde(default)]
    pub other: Amount,
}

/// 政府性基金（或国有资本经营预算）一个“项”的结转结余。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundBalanceRow {
    /// 功能分类“项”编码（7位）。
    pub code: Code,
    /// 科目名称（可省略）。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub name: Option<String>,
    /// 年初结转和结余。
    #[serde(default)]
    pub opening: Amount,
    /// 年末结转和结余。
    #[serde(default)]
    pub closing: Amount,
}

/// 基本支出的一个经济分类“款”。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EconomicRow {
    /// 经济分类“款”编码（5位），如 30101。
    pub code: Code,
    /// 科目名称（可省略，从科目目录取；填写时会核对）。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub name: Option<String>,
    /// 决算数。
    pub amount: Amount,
}

/// 预算数合计（不填则由各“项”的预算数加总）。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetTotals {
    /// 财政拨款（三项资金合计）年初预算数。
    #[serde(default)]
    pub fiscal_initial: Option<Amount>,
    /// 财政拨款全年预算数。
    #[serde(default)]
    pub fiscal_full: Option<Amount>,
    /// 一般公共预算财政拨款年初预算数。
    #[serde(default)]
    pub general_initial: Option<Amount>,
    /// 一般公共预算财政拨款全年预算数。
    #[serde(default)]
    pub general_full: Option<Amount>,
    /// 按“类”的一般公共预算预算数（只知道“类”一级预算时填写；各“项”填了预算的以“项”为准）。
    #[serde(default, deserialize_with = "crate::input::text::rows")]
    pub classes: Vec<ClassBudget>,
}

/// 一个“类”的一般公共预算预算数。只填 budget_reason、不填预算数时，预算数由该类各“项”的预算数加总，
/// 这里只给出差异原因。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassBudget {
    /// “类”编码（3位）。
    pub code: Code,
    /// 年初预算数。
    #[serde(default)]
    pub initial: Option<Amount>,
    /// 全年预算数。
    #[serde(default)]
    pub full: Option<Amount>,
    /// 决算数与预算数差异的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub budget_reason: Option<String>,
}

/// 一个科目编码的名称。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeName {
    /// 科目编码（3位类或5位款）。
    pub code: Code,
    /// 科目名称。
    #[serde(deserialize_with = "crate::input::text::line")]
    pub name: String,
}

/// 已公布（或会计系统导出）的合计数，用于与汇总结果核对。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Published {
    /// 收入支出总计（收入支出决算总表，公开01表；收入总计）。
    #[serde(default)]
    pub total: Option<Amount>,
    /// 收入支出决算总表（公开01表）支出一方的支出总计：只在原报告收、支总计不相等时填写，用来记录这一不平衡
    /// （报告只印出一个总计）。
    #[serde(default)]
    pub total_spending: Option<Amount>,
    /// 本年收入合计。
    #[serde(default)]
    pub income: Option<Amount>,
    /// 本年支出合计。
    #[serde(default)]
    pub expenditure: Option<Amount>,
    /// 基本支出（支出决算表，公开03表，合计行）。
    #[serde(default)]
    pub basic: Option<Amount>,
    /// 项目支出（支出决算表，公开03表，合计行）。
    #[serde(default)]
    pub project: Option<Amount>,
    /// 财政拨款收入支出总计（财政拨款收入支出决算总表，公开04表）。
    #[serde(default)]
    pub fiscal_total: Option<Amount>,
    /// 一般公共预算财政拨款支出合计（一般公共预算财政拨款支出决算表，公开05表）。
    #[serde(default)]
    pub general: Option<Amount>,
    /// 人员经费合计（一般公共预算财政拨款基本支出决算（明细）表，公开06表；中央格式的公开05表也列出）。
    #[serde(default)]
    pub personnel: Option<Amount>,
    /// 公用经费合计（一般公共预算财政拨款基本支出决算（明细）表，公开06表；中央格式的公开05表也列出）。
    #[serde(default)]
    pub public: Option<Amount>,
    /// 一般公共预算财政拨款支出决算表（公开05表）各“类”“款”行的合计数。
    #[serde(default, deserialize_with = "crate::input::text::rows")]
    pub general_rows: Vec<PublishedRow>,
}

/// 一般公共预算财政拨款支出决算表（公开05表）中一个“类”或“款”行的公布数。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedRow {
    /// “类”（3位）或“款”（5位）编码。
    pub code: Code,
    /// 公布的合计数。
    pub amount: Amount,
}
