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
    #[serde(default, deserialize_with = "crate::input::text::opt_rows")]
    pub income: Option<Vec<IncomeRow>>,
    /// 上年支出（按“项”）。
    #[serde(default, deserialize_with = "crate::input::text::opt_rows")]
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
    /// 只知道合计数时填写的上年数（有按“项”数据时以按“项”数据为准，不一致时 check 提示）。
    #[serde(default)]
    pub totals: PreviousTotals,
}

/// 上年合计数（只知道合计、不知道明细时使用）。优先级由低到高：previous_file 文件中的数、这里的合计数、
/// previous 中按“项”填写的数；合计数与按“项”之和不一致时 check 会提示。每个键对应的句子写在各键的说明中；
/// 某个数不填，对应的句子就不作同比。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousTotals {
    /// 上年收入支出总计（收入支出决算总表，公开01表，总计）→ 情况说明一“收入、支出总计比上年…”及对比图。
    #[serde(default)]
    pub total: Option<Amount>,
    /// 上年本年收入合计 → 情况说明二“本年收入合计…比上年…”。
    #[serde(default)]
    pub income: Option<Amount>,
    /// 上年本年支出合计 → 情况说明三“本年支出合计…比上年…”。
    #[serde(default)]
    pub expenditure: Option<Amount>,
    /// 上年基本支出 → 情况说明三中基本支出的同比。
    #[serde(default)]
    pub basic: Option<Amount>,
    /// 上年项目支出 → 情况说明三中项目支出的同比。
    #[serde(default)]
    pub project: Option<Amount>,
    /// 上年年初结转和结余 → 情况说明一中年初结转和结余的同比（括号内）。
    #[serde(default)]
    pub opening: Option<Amount>,
    /// 上年年末结转和结余。报告中没有句子比较年末结转和结余，此数只出现在 juesuan context 中。
    #[serde(default)]
    pub closing: Option<Amount>,
    /// 上年财政拨款收入支出总计（财政拨款收入支出决算总表，公开04表，总计）→ 情况说明四“财政拨款收入、支出总计比上年…”及对比图。
    #[serde(default)]
    pub fiscal_total: Option<Amount>,
    /// 上年一般公共预算财政拨款支出 → 情况说明五（一）的同比及对比图。
    #[serde(default)]
    pub general: Option<Amount>,
    /// 上年一般公共预算财政拨款基本支出 → 情况说明六的同比。
    #[serde(default)]
    pub general_basic: Option<Amount>,
    /// 上年人员经费。报告中没有句子比较人员经费，此数只出现在 juesuan context 中。
    #[serde(default)]
    pub personnel: Option<Amount>,
    /// 上年公用经费。报告中没有句子比较公用经费，此数只出现在 juesuan context 中。
    #[serde(default)]
    pub public: Option<Amount>,
    /// 上年政府性基金预算财政拨款支出 → 情况说明七中本年支出的同比。
    #[serde(default)]
    pub fund: Option<Amount>,
    /// 上年“三公”经费合计 → 情况说明九（一）的同比（各项的同比需要 previous.sangong）。
    #[serde(default)]
    pub sangong: Option<Amount>,
    /// 上年各“项”一般公共预算财政拨款支出 → 情况说明五（三）各“项”的同比（填写 previous.expenditure 时以它为准）。
    #[serde(default, deserialize_with = "crate::input::text::rows")]
    pub general_items: Vec<PreviousItem>,
}

/// 上年一个“项”的一般公共预算财政拨款支出。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviousItem {
    /// 功能分类“项”编码（7位）。
    pub code: Code,
    /// 科目名称（可省略）。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub name: Option<String>,
    /// 上年决算数。
    pub amount: Amount,
}
