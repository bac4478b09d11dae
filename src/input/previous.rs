//! Last year's figures, in the same shape as this year's, every part optional.

use super::Code;
use super::disclosures::Sangong;
use super::figures::{Balances, ExpenditureRow, IncomeRow};
use crate::money::Amount;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// 上年数据：与本年格式相同，各部分均可省略；只知道合计数时填在 totals 下。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousYear {
    /// 上年收入（按“项”）。
    #[serde(default)]
    pub income: Option<Vec<IncomeRow>>,
    /// 上年支出（按“项”）。
    #[serde(default)]
    pub expenditure: Option<Vec<ExpenditureRow>>,
    /// 上年结转结余。
    #[serde(default)]
    pub balances: Option<Balances>,
    /// 上年“三公”经费。
    #[serde(default)]
    pub sangong: Option<Sangong>,
    /// 上年机关运行经费。
    #[serde(default)]
    pub operating_costs: Option<Amount>,
    /// 只知道合计数时填写的上年数（有按“项”数据时以按“项”数据为准）。
    #[serde(default)]
    pub totals: PreviousTotals,
}

/// 上年合计数（只知道合计、不知道明细时使用）。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousTotals {
    /// 上年收入支出总计（公开01表总计）。
    #[serde(default)]
    pub total: Option<Amount>,
    /// 上年本年收入合计。
    #[serde(default)]
    pub income: Option<Amount>,
    /// 上年本年支出合计。
    #[serde(default)]
    pub expenditure: Option<Amount>,
    /// 上年基本支出。
    #[serde(default)]
    pub basic: Option<Amount>,
    /// 上年项目支出。
    #[serde(default)]
    pub project: Option<Amount>,
    /// 上年年初结转和结余。
    #[serde(default)]
    pub opening: Option<Amount>,
    /// 上年年末结转和结余。
    #[serde(default)]
    pub closing: Option<Amount>,
    /// 上年财政拨款收入支出总计（公开04表总计）。
    #[serde(default)]
    pub fiscal_total: Option<Amount>,
    /// 上年一般公共预算财政拨款支出。
    #[serde(default)]
    pub general: Option<Amount>,
    /// 上年一般公共预算财政拨款基本支出。
    #[serde(default)]
    pub general_basic: Option<Amount>,
    /// 上年人员经费。
    #[serde(default)]
    pub personnel: Option<Amount>,
    /// 上年公用经费。
    #[serde(default)]
    pub public: Option<Amount>,
    /// 上年政府性基金预算财政拨款支出。
    #[serde(default)]
    pub fund: Option<Amount>,
    /// 上年“三公”经费合计。
    #[serde(default)]
    pub sangong: Option<Amount>,
    /// 上年各“项”一般公共预算财政拨款支出。
    #[serde(default, deserialize_with = "crate::input::null_as_empty")]
    pub general_items: Vec<PreviousItem>,
}

/// 上年一个“项”的一般公共预算财政拨款支出。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousItem {
    /// 功能分类“项”编码（7位）。
    pub code: Code,
    /// 科目名称（可省略）。
    #[serde(default)]
    pub name: Option<String>,
    /// 上年决算数。
    pub amount: Amount,
}
