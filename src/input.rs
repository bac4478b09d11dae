//! The input types: one YAML file per unit and year, mirrored one to one by these serde
//! structs. Every figure is entered once, at the finest level (项, 经济分类款); every 款, 类,
//! 合计 and table total is derived later by [`crate::derive`].
//!
//! The doc comments are in Chinese because they become the titles and descriptions of the
//! JSON Schema that editors show a finance officer while typing.

use crate::money::Amount;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// 一个单位一个年度的决算原始数据。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "juesuan 决算数据文件")]
pub struct UnitFile {
    /// 单位基本情况：名称、年度、职责、机构、人员。
    pub unit: UnitProfile,
    /// 生成设置（金额单位、百分比小数位等），可省略，均有默认值。
    #[serde(default)]
    pub settings: Settings,
    /// 收入：按支出功能分类“项”（7位编码）逐行填写各来源收入。
    #[serde(default)]
    pub income: Vec<IncomeRow>,
    /// 支出：按支出功能分类“项”（7位编码）逐行填写，按资金来源分列。
    #[serde(default)]
    pub expenditure: Vec<ExpenditureRow>,
    /// 结转结余：年初/年末结转和结余、使用非财政拨款结余、结余分配。
    #[serde(default)]
    pub balances: Balances,
    /// 一般公共预算财政拨款基本支出按经济分类“款”（5位编码）填写（公开06表）。
    #[serde(default)]
    pub basic_by_economic: Vec<EconomicRow>,
    /// 预算数合计及总体说明（各“项”的预算数填在支出行的 budget 下）。
    #[serde(default)]
    pub budget: BudgetTotals,
    /// 财政拨款“三公”经费及会议费、培训费。
    #[serde(default)]
    pub sangong: Sangong,
    /// 机关运行经费。
    #[serde(default)]
    pub operating_costs: Option<OperatingCosts>,
    /// 政府采购情况。
    #[serde(default)]
    pub procurement: Option<Procurement>,
    /// 国有资产占用情况（公开10表）。
    #[serde(default)]
    pub assets: Option<Assets>,
    /// 预算绩效：部门整体及项目支出绩效自评。
    #[serde(default)]
    pub performance: Performance,
    /// 各项变化的主要原因（总体层面）。具体“项”的原因写在对应支出行上。
    #[serde(default)]
    pub reasons: Reasons,
    /// 上年数据（用于同比），与本年格式相同，各部分均可省略。
    #[serde(default)]
    pub previous: Option<PreviousYear>,
    /// 上年决算数据文件的路径（相对本文件），与 previous 二选一或同时使用（previous 中的数优先）。
    #[serde(default)]
    pub previous_file: Option<String>,
    /// 名词解释：补充或覆盖标准名词解释。
    #[serde(default)]
    pub glossary: Vec<GlossaryEntry>,
    /// 其他需要说明的事项（情况说明最后一节），不填则写“无”。
    #[serde(default)]
    pub other_matters: Vec<String>,
    /// 科目目录中没有的“类”“款”的名称（“项”的名称直接写在收支行的 name 上）。
    #[serde(default)]
    pub code_names: Vec<CodeName>,
    /// 已公布报告中的合计数（可选）。只用于审核：与由各“项”汇总出的数不一致时给出提示（尾差为警告），
    /// 报告中始终使用汇总出的数。
    #[serde(default)]
    pub published: Option<Published>,
}

/// 已公布（或会计系统导出）的合计数，用于与汇总结果核对。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Published {
    /// 收入支出总计（公开01表）。
    #[serde(default)]
    pub total: Option<Amount>,
    /// 本年收入合计。
    #[serde(default)]
    pub income: Option<Amount>,
    /// 本年支出合计。
    #[serde(default)]
    pub expenditure: Option<Amount>,
    /// 基本支出（公开03表合计行）。
    #[serde(default)]
    pub basic: Option<Amount>,
    /// 项目支出（公开03表合计行）。
    #[serde(default)]
    pub project: Option<Amount>,
    /// 财政拨款收入支出总计（公开04表）。
    #[serde(default)]
    pub fiscal_total: Option<Amount>,
    /// 一般公共预算财政拨款支出合计（公开05表）。
    #[serde(default)]
    pub general: Option<Amount>,
    /// 人员经费合计（公开05表）。
    #[serde(default)]
    pub personnel: Option<Amount>,
    /// 公用经费合计（公开05表）。
    #[serde(default)]
    pub public: Option<Amount>,
    /// 公开05表各“类”“款”行的合计数。
    #[serde(default)]
    pub general_rows: Vec<PublishedRow>,
}

/// 公开05表中一个“类”或“款”行的公布数。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishedRow {
    /// “类”（3位）或“款”（5位）编码。
    pub code: Code,
    /// 公布的合计数。
    pub amount: Amount,
}

/// 一个科目编码的名称。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeName {
    /// 科目编码（3位类或5位款）。
    pub code: Code,
    /// 科目名称。
    pub name: String,
}

/// 单位概况。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitProfile {
    /// 单位全称，如“龙井市医疗保险经办中心”。
    pub name: String,
    /// 决算年度，如 2024。
    pub year: u16,
    /// 报告类型：部门（部门决算）或 单位（单位决算）。默认 部门。
    #[serde(default)]
    pub kind: ReportKind,
    /// 单位性质：行政、参公、事业。用于核对机关运行经费。
    #[serde(default)]
    pub nature: Option<UnitNature>,
    /// 主要职责，每条一项。
    #[serde(default)]
    pub duties: Vec<String>,
    /// 内设机构名称列表。
    #[serde(default)]
    pub offices: Vec<String>,
    /// 纳入本决算的单位（决算单位构成）。
    #[serde(default)]
    pub members: Vec<MemberUnit>,
    /// 人员情况。
    #[serde(default)]
    pub staff: Option<Staff>,
    /// 概况中补充说明的段落（可选）。
    #[serde(default)]
    pub notes: Vec<String>,
    /// 发布日期（可选），如“2024年9月”。
    #[serde(default)]
    pub date: Option<String>,
}

/// 报告类型。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ReportKind {
    /// 部门决算
    #[default]
    #[serde(rename = "部门")]
    Department,
    /// 单位决算
    #[serde(rename = "单位")]
    Unit,
}

/// 单位性质。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum UnitNature {
    /// 行政单位
    #[serde(rename = "行政")]
    Administrative,
    /// 参照公务员法管理的事业单位
    #[serde(rename = "参公")]
    CivilServiceManaged,
    /// 事业单位
    #[serde(rename = "事业")]
    Institution,
}

/// 纳入决算的一个单位。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberUnit {
    /// 单位名称。
    pub name: String,
    /// 预算级次，如“一级”“二级”。
    #[serde(default)]
    pub level: Option<String>,
    /// 单位性质或备注，如“行政单位”“预算不单列，并入本级”。
    #[serde(default)]
    pub note: Option<String>,
}

/// 人员情况（人数）。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    /// 行政编制人数。
    #[serde(default)]
    pub authorized_admin: Option<u32>,
    /// 事业编制人数。
    #[serde(default)]
    pub authorized_institution: Option<u32>,
    /// 其他编制（工勤等）人数。
    #[serde(default)]
    pub authorized_other: Option<u32>,
    /// 实有人数合计。
    #[serde(default)]
    pub actual: Option<u32>,
    /// 在职人员。
    #[serde(default)]
    pub active: Option<u32>,
    /// 离休人员。
    #[serde(default)]
    pub retired_cadre: Option<u32>,
    /// 退休人员。
    #[serde(default)]
    pub retired: Option<u32>,
    /// 其他人员。
    #[serde(default)]
    pub other: Option<u32>,
}

/// 生成设置。
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// 本文件金额的单位：万元（默认）或 元。按元填写时，表中各格四舍五入到万元显示。
    pub input_unit: InputUnit,
    /// 百分比保留小数位：2（默认）或 1。
    pub percent_decimals: u8,
    /// 正文中的金额是否使用千分位分隔符（表格中总是使用）。默认否。
    pub text_thousands: bool,
    /// 公开01表、04表是否只列有数的“类”（默认否：列出全部标准“类”）。
    pub compact_category_rows: bool,
    /// 变化幅度超过该百分比且未填写原因时，检查给出警告。默认 10。
    pub reason_threshold: u8,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            input_unit: InputUnit::TenThousand,
            percent_decimals: 2,
            text_thousands: false,
            compact_category_rows: false,
            reason_threshold: 10,
        }
    }
}

/// 金额单位。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum InputUnit {
    /// 万元
    #[default]
    #[serde(rename = "万元")]
    TenThousand,
    /// 元
    #[serde(rename = "元")]
    Yuan,
}

/// 支出功能分类科目编码（3、5 或 7 位数字）或经济分类编码（3 或 5 位）。
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[schemars(
    title = "科目编码",
    description = "科目编码，纯数字：功能分类 类3位/款5位/项7位，经济分类 类3位/款5位"
)]
pub struct Code(#[schemars(regex(pattern = r"^[0-9]{3,7}$"))] pub String);

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Code;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("科目编码（纯数字，如 2101501）")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Code, E> {
                let v = v.trim();
                if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::custom(format!("“{v}”不是科目编码：编码只能由数字组成")));
                }
                Ok(Code(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Code, E> {
                Ok(Code(v.to_string()))
            }
        }
        d.deserialize_str(V)
    }
}

/// 收入：一个功能分类“项”的各来源收入。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncomeRow {
    /// 功能分类“项”编码（7位）。
    pub code: Code,
    /// 科目名称（可省略，从科目目录取；填写时会核对）。
    #[serde(default)]
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
    #[serde(default)]
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
    #[serde(default)]
    pub purpose: Option<String>,
    /// 与上年相比变化的主要原因。
    #[serde(default)]
    pub change_reason: Option<String>,
    /// 决算数与预算数差异的主要原因。
    #[serde(default)]
    pub budget_reason: Option<String>,
}

/// 一般公共预算财政拨款支出的构成。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GeneralSpending {
    /// 基本支出—人员经费。
    #[serde(default)]
    pub personnel: Amount,
    /// 基本支出—公用经费。
    #[serde(default)]
    pub public: Amount,
    /// 项目支出。
    #[serde(default)]
    pub project: Amount,
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
    /// 政府性基金预算财政拨款年初、年末结转和结余，按“项”填写（公开07表）。
    #[serde(default)]
    pub fund_items: Vec<FundBalanceRow>,
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

/// 政府性基金一个“项”的结转结余。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundBalanceRow {
    /// 功能分类“项”编码（7位）。
    pub code: Code,
    /// 科目名称（可省略）。
    #[serde(default)]
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
    #[serde(default)]
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
    #[serde(default)]
    pub classes: Vec<ClassBudget>,
}

/// 一个“类”的一般公共预算预算数。
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
    #[serde(default)]
    pub budget_reason: Option<String>,
}

/// “三公”经费及会议费、培训费（财政拨款）。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sangong {
    /// 因公出国（境）费。
    #[serde(default)]
    pub abroad: SangongItem,
    /// 公务用车购置费。
    #[serde(default)]
    pub vehicle_purchase: SangongItem,
    /// 公务用车运行维护费。
    #[serde(default)]
    pub vehicle_running: SangongItem,
    /// 公务接待费（含外事接待）。
    #[serde(default)]
    pub reception: SangongItem,
    /// 会议费（可选）。
    #[serde(default)]
    pub meeting: Option<SangongItem>,
    /// 培训费（可选）。
    #[serde(default)]
    pub training: Option<SangongItem>,
    /// 因公出国（境）团组数（个）。
    #[serde(default)]
    pub abroad_groups: u32,
    /// 因公出国（境）人次。
    #[serde(default)]
    pub abroad_people: u32,
    /// 公务用车购置数（辆）。
    #[serde(default)]
    pub vehicles_bought: u32,
    /// 公务用车保有量（辆）。
    #[serde(default)]
    pub vehicles_held: u32,
    /// 国内公务接待批次（含外事）。
    #[serde(default)]
    pub reception_batches: u32,
    /// 国内公务接待人次（含外事）。
    #[serde(default)]
    pub reception_people: u32,
    /// 其中：外事接待批次。
    #[serde(default)]
    pub foreign_batches: u32,
    /// 其中：外事接待人次。
    #[serde(default)]
    pub foreign_people: u32,
    /// 其中：外事接待费。
    #[serde(default)]
    pub foreign_amount: Amount,
    /// 会议次数（个）。
    #[serde(default)]
    pub meetings: u32,
    /// 会议人次。
    #[serde(default)]
    pub meeting_people: u32,
    /// 培训次数（个）。
    #[serde(default)]
    pub trainings: u32,
    /// 培训人次。
    #[serde(default)]
    pub training_people: u32,
    /// “三公”经费合计与上年相比变化的主要原因。
    #[serde(default)]
    pub change_reason: Option<String>,
    /// “三公”经费合计决算数与预算数差异的主要原因。
    #[serde(default)]
    pub budget_reason: Option<String>,
    /// 公务用车保有量与资产中车辆数不一致的原因（可选）。
    #[serde(default)]
    pub fleet_note: Option<String>,
}

/// “三公”经费的一项。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SangongItem {
    /// 年初预算数（未知时不填；年初未安排预算填 0）。
    #[serde(default)]
    pub budget_initial: Option<Amount>,
    /// 全年预算数（不填则等于年初预算数）。
    #[serde(default)]
    pub budget_full: Option<Amount>,
    /// 决算数。
    #[serde(default)]
    pub actual: Amount,
    /// 开支内容，如“燃料费、维修费等”。
    #[serde(default)]
    pub content: Option<String>,
    /// 与上年相比变化的主要原因。
    #[serde(default)]
    pub change_reason: Option<String>,
    /// 决算数与预算数差异的主要原因。
    #[serde(default)]
    pub budget_reason: Option<String>,
}

/// 机关运行经费。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OperatingCosts {
    /// 本年机关运行经费支出。
    pub amount: Amount,
    /// 与上年相比变化的主要原因。
    #[serde(default)]
    pub change_reason: Option<String>,
    /// 主要用途说明（可选），如“办公费、印刷费、邮电费……”。
    #[serde(default)]
    pub content: Option<String>,
}

/// 政府采购（以合同签订为准）。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    /// 货物采购金额。
    #[serde(default)]
    pub goods: Amount,
    /// 工程采购金额。
    #[serde(default)]
    pub works: Amount,
    /// 服务采购金额。
    #[serde(default)]
    pub services: Amount,
    /// 授予中小企业合同金额。
    #[serde(default)]
    pub sme: Amount,
    /// 其中：授予小微企业合同金额。
    #[serde(default)]
    pub small_micro: Amount,
    /// 政府采购总额（可选，填写时核对是否等于货物+工程+服务）。
    #[serde(default)]
    pub total: Option<Amount>,
    /// 补充说明（可选）。
    #[serde(default)]
    pub note: Option<String>,
}

/// 国有资产占用情况。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    /// 车辆总数（辆），核对是否等于各类车辆之和。
    #[serde(default)]
    pub vehicles_total: u32,
    /// 副部（省）级及以上领导用车。
    #[serde(default)]
    pub vehicles_leader: u32,
    /// 主要负责人用车。
    #[serde(default)]
    pub vehicles_principal: u32,
    /// 机要通信用车。
    #[serde(default)]
    pub vehicles_confidential: u32,
    /// 应急保障用车。
    #[serde(default)]
    pub vehicles_emergency: u32,
    /// 执法执勤用车。
    #[serde(default)]
    pub vehicles_enforcement: u32,
    /// 特种专业技术用车。
    #[serde(default)]
    pub vehicles_special: u32,
    /// 离退休干部服务用车。
    #[serde(default)]
    pub vehicles_retired: u32,
    /// 其他用车。
    #[serde(default)]
    pub vehicles_other: u32,
    /// 单价100万元（含）以上设备（不含车辆），台（套）。
    #[serde(default)]
    pub equipment_over_million: u32,
    /// 固定资产原值（可选）。
    #[serde(default)]
    pub fixed_assets_value: Option<Amount>,
    /// 房屋面积（平方米，可选）。
    #[serde(default)]
    pub building_area: Option<String>,
    /// 补充说明（可选）。
    #[serde(default)]
    pub note: Option<String>,
}

/// 预算绩效。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    /// 绩效管理工作概述（制度建设、全过程管理等），每段一项。
    #[serde(default)]
    pub summary: Vec<String>,
    /// 部门整体支出绩效自评表。
    #[serde(default)]
    pub overall: Option<Evaluation>,
    /// 项目支出绩效自评表，每个项目一项。
    #[serde(default)]
    pub projects: Vec<Evaluation>,
}

/// 一张绩效自评表（部门整体或项目）。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// 项目名称（部门整体自评可省略，默认为单位名称）。
    #[serde(default)]
    pub name: Option<String>,
    /// 主管部门。
    #[serde(default)]
    pub department: Option<String>,
    /// 实施单位。
    #[serde(default)]
    pub implementer: Option<String>,
    /// 资金：当年财政拨款。
    #[serde(default)]
    pub fiscal: EvalFunds,
    /// 资金：上年结转资金。
    #[serde(default)]
    pub carried: EvalFunds,
    /// 资金：其他资金。
    #[serde(default)]
    pub other: EvalFunds,
    /// 预算执行的分值（默认 10）。
    #[serde(default)]
    pub funds_weight: Option<Amount>,
    /// 预算执行的得分。
    #[serde(default)]
    pub funds_score: Option<Amount>,
    /// 年度总体目标—预期目标。
    #[serde(default)]
    pub goal: Option<String>,
    /// 年度总体目标—实际完成情况。
    #[serde(default)]
    pub achieved: Option<String>,
    /// 绩效指标。
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// 自评总分（填写时核对是否等于各项得分之和）。
    #[serde(default)]
    pub score: Option<Amount>,
    /// 自评等级（优、良、中、差），可选。
    #[serde(default)]
    pub grade: Option<String>,
    /// 结论或主要问题及改进措施（可选）。
    #[serde(default)]
    pub conclusion: Option<String>,
}

/// 资金的年初预算数、全年预算数、全年执行数。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvalFunds {
    /// 年初预算数。
    #[serde(default)]
    pub initial: Amount,
    /// 全年预算数。
    #[serde(default)]
    pub full: Amount,
    /// 全年执行数。
    #[serde(default)]
    pub actual: Amount,
}

/// 一个三级绩效指标。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 一级指标，如“产出指标”。
    pub level1: String,
    /// 二级指标，如“数量指标”。
    pub level2: String,
    /// 三级指标，如“参保人数”。
    pub level3: String,
    /// 年度指标值。
    #[serde(default)]
    pub target: Option<String>,
    /// 实际完成值。
    #[serde(default)]
    pub actual: Option<String>,
    /// 分值。
    #[serde(default)]
    pub weight: Option<Amount>,
    /// 得分。
    #[serde(default)]
    pub score: Option<Amount>,
    /// 偏差原因分析及改进措施。
    #[serde(default)]
    pub deviation: Option<String>,
}

/// 总体层面变化原因。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reasons {
    /// 收入支出总计与上年相比变化的主要原因。
    #[serde(default)]
    pub total_change: Option<String>,
    /// 本年收入合计与上年相比变化的主要原因。
    #[serde(default)]
    pub income_change: Option<String>,
    /// 本年支出合计与上年相比变化的主要原因。
    #[serde(default)]
    pub expenditure_change: Option<String>,
    /// 财政拨款收入支出总计与上年相比变化的主要原因。
    #[serde(default)]
    pub fiscal_change: Option<String>,
    /// 财政拨款决算数与年初预算数差异的主要原因。
    #[serde(default)]
    pub fiscal_budget: Option<String>,
    /// 一般公共预算财政拨款支出与上年相比变化的主要原因。
    #[serde(default)]
    pub general_change: Option<String>,
    /// 一般公共预算财政拨款支出决算数与预算数差异的主要原因。
    #[serde(default)]
    pub general_budget: Option<String>,
    /// 基本支出与上年相比变化的主要原因。
    #[serde(default)]
    pub basic_change: Option<String>,
    /// 项目支出与上年相比变化的主要原因。
    #[serde(default)]
    pub project_change: Option<String>,
}

/// 名词解释条目。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    /// 名词，如“事业收入”。与标准名词同名时覆盖标准解释。
    pub term: String,
    /// 解释。
    pub definition: String,
}

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
    #[serde(default)]
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
