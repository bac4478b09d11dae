//! The other disclosures: 三公, 机关运行经费, 政府采购, 国有资产, 绩效, reasons, glossary.

use crate::money::Amount;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// “三公”经费及会议费、培训费（财政拨款）。
///
/// 各项次数、人次、辆数未知时不填（或写 null）：报告不写这一句，而不是写成 0；确实为 0 的写 0。
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
    /// 因公出国（境）团组数（个）（未知时不填，不要写 0）。
    #[serde(default)]
    pub abroad_groups: Option<u32>,
    /// 因公出国（境）人次（未知时不填，不要写 0）。
    #[serde(default)]
    pub abroad_people: Option<u32>,
    /// 公务用车购置数（辆）（未知时不填，不要写 0）。
    #[serde(default)]
    pub vehicles_bought: Option<u32>,
    /// 公务用车保有量（辆）（未知时不填，不要写 0）。
    #[serde(default)]
    pub vehicles_held: Option<u32>,
    /// 国内公务接待批次（含外事）（未知时不填，不要写 0）。
    #[serde(default)]
    pub reception_batches: Option<u32>,
    /// 国内公务接待人次（含外事）（未知时不填，不要写 0）。
    #[serde(default)]
    pub reception_people: Option<u32>,
    /// 其中：外事接待批次（未知时不填，不要写 0）。
    #[serde(default)]
    pub foreign_batches: Option<u32>,
    /// 其中：外事接待人次（未知时不填，不要写 0）。
    #[serde(default)]
    pub foreign_people: Option<u32>,
    /// 其中：外事接待费（国内接待费的一部分）。
    #[serde(default)]
    pub foreign_amount: Amount,
    /// 公务接待费中的国内接待费决算数（含外事接待费）。只有按接待地分列的09表（江西格式：国内接待费、
    /// 其中外事接待费、国（境）外接待费各一行）用到；与 reception_overseas 填一个即可，另一个由公务接待费
    /// 决算数减得，两个都填时两者之和必须等于公务接待费决算数。
    #[serde(default)]
    pub reception_domestic: Option<Amount>,
    /// 公务接待费中的国（境）外接待费决算数（在国（境）外发生的接待）。没有的写 0；该表列出这一行而公务
    /// 接待费不为 0 时，与 reception_domestic 至少填一个，否则 `check` 报错（不把未知的数印成 0）。
    #[serde(default)]
    pub reception_overseas: Option<Amount>,
    /// 国（境）外公务接待批次（个）（未知时不填，不要写 0）。
    #[serde(default)]
    pub overseas_batches: Option<u32>,
    /// 国（境）外公务接待人次（人）（未知时不填，不要写 0）。
    #[serde(default)]
    pub overseas_people: Option<u32>,
    /// 会议次数（个）（未知时不填，不要写 0）。
    #[serde(default)]
    pub meetings: Option<u32>,
    /// 会议人次（未知时不填，不要写 0）。
    #[serde(default)]
    pub meeting_people: Option<u32>,
    /// 培训次数（个）（未知时不填，不要写 0）。
    #[serde(default)]
    pub trainings: Option<u32>,
    /// 培训人次（未知时不填，不要写 0）。
    #[serde(default)]
    pub training_people: Option<u32>,
    /// “三公”经费合计与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub change_reason: Option<String>,
    /// “三公”经费合计决算数与预算数差异的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub budget_reason: Option<String>,
    /// 公务用车保有量与资产中车辆数不一致的原因（可选）。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
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
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub content: Option<String>,
    /// 与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub change_reason: Option<String>,
    /// 决算数与预算数差异的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub budget_reason: Option<String>,
}

/// 机关运行经费。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OperatingCosts {
    /// 本年机关运行经费支出。
    pub amount: Amount,
    /// 与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub change_reason: Option<String>,
    /// 主要用途说明（可选），如“办公费、印刷费、邮电费……”。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub content: Option<String>,
}

/// 政府采购（以合同签订为准）。报告中的政府采购金额是货物+工程+服务之和（一个数）；填写的
/// `total` 与之不同时 `check` 报告两个数。
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
    /// 授予中小企业合同金额（中央格式）。不填时为 reserved_sme_awarded + other_sme_awarded（填了这两项时）；
    /// 同时填写而不相等时 `check` 报错。
    #[serde(default)]
    pub sme: Option<Amount>,
    /// 其中：授予小微企业合同金额（中央格式，可选）。
    #[serde(default)]
    pub small_micro: Option<Amount>,
    /// 政府采购总额（可选，填写时核对是否等于货物+工程+服务）。
    #[serde(default)]
    pub total: Option<Amount>,
    /// 面向中小企业预留政府采购项目预算金额（上海格式）。
    #[serde(default)]
    pub reserved_sme: Option<Amount>,
    /// 其中：面向小微企业预留政府采购项目预算金额（上海格式）。
    #[serde(default)]
    pub reserved_small_micro: Option<Amount>,
    /// 面向中小企业预留的项目中，由中小企业供应商中标或成交的采购金额（上海格式）。
    #[serde(default)]
    pub reserved_sme_awarded: Option<Amount>,
    /// 面向小微企业预留的项目中，由小微企业供应商中标或成交的采购金额（上海格式）。
    #[serde(default)]
    pub reserved_small_micro_awarded: Option<Amount>,
    /// 其他政府采购项目中，由中小企业供应商中标或成交的采购金额（上海格式）。
    #[serde(default)]
    pub other_sme_awarded: Option<Amount>,
    /// 补充说明（可选）。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
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
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub building_area: Option<String>,
    /// 补充说明（可选）。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub note: Option<String>,
}

/// 预算绩效。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Performance {
    /// 绩效管理工作概述（制度建设、全过程管理等），每项一段文字；或带小标题的一节：
    /// `{title: 绩效评价工作开展情况, paragraphs: [……]}`，小标题由 juesuan 编号（（一）（二）……）。
    #[serde(default, deserialize_with = "crate::input::summary::items")]
    pub summary: Vec<crate::input::SummaryItem>,
    /// 预算绩效管理工作开展情况（上海格式“十、预算绩效管理情况”的各项数）：制度建设，编报绩效目标、
    /// 绩效跟踪、绩效自评的项目，评级和问题整改。
    #[serde(default)]
    pub management: Option<PerformanceManagement>,
    /// 部门整体支出绩效自评表。
    #[serde(default)]
    pub overall: Option<Evaluation>,
    /// 项目支出绩效自评表，每个项目一项。
    #[serde(default, deserialize_with = "crate::input::text::rows")]
    pub projects: Vec<Evaluation>,
}

/// 预算绩效管理工作开展情况。每一项都可省略：省略的一项报告不写（而不是写成 0）。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerformanceManagement {
    /// 制度建设，一段话，末尾不加标点，如“本部门制定了……实施办法，建立了……工作机制”。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub systems: Option<String>,
    /// 编报绩效目标的本年度项目。
    #[serde(default)]
    pub goals: Option<ProjectsCovered>,
    /// 绩效跟踪评价的本年度项目。
    #[serde(default)]
    pub tracking: Option<ProjectsCovered>,
    /// 绩效自评的本年度项目及平均得分。
    #[serde(default)]
    pub self_evaluation: Option<SelfEvaluation>,
    /// 绩效自评评级为优、良、合格、不合格的项目个数（合计应等于 self_evaluation.projects）。
    #[serde(default)]
    pub grades: Option<Grades>,
    /// 绩效自评发现的问题及整改（已完成整改 + 正在整改 = 发现问题）。
    #[serde(default)]
    pub problems: Option<Problems>,
}

impl PerformanceManagement {
    /// Whether nothing is given (a block of nulls, as `juesuan init` writes it).
    pub fn is_empty(&self) -> bool {
        self.systems.is_none()
            && self.goals.is_none()
            && self.tracking.is_none()
            && self.self_evaluation.is_none()
            && self.grades.is_none()
            && self.problems.is_none()
    }
}

/// 一类绩效管理涉及的项目：个数和预算金额。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectsCovered {
    /// 项目个数。
    pub projects: u32,
    /// 涉及预算金额。
    pub amount: Amount,
}

/// 绩效自评的项目：个数、预算金额、平均得分。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfEvaluation {
    /// 项目个数。
    pub projects: u32,
    /// 涉及预算金额。
    pub amount: Amount,
    /// 平均得分（0–100，最多两位小数；未知时不填）。
    #[serde(default)]
    pub average_score: Option<Score>,
}

/// 绩效评级为优、良、合格、不合格的项目个数。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grades {
    /// 评级为“优”的项目个数。
    #[serde(default)]
    pub excellent: u32,
    /// 评级为“良”的项目个数。
    #[serde(default)]
    pub good: u32,
    /// 评级为“合格”的项目个数。
    #[serde(default)]
    pub pass: u32,
    /// 评级为“不合格”的项目个数。
    #[serde(default)]
    pub fail: u32,
}

/// 绩效自评中发现的问题个数及整改情况。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Problems {
    /// 发现问题个数。
    #[serde(default)]
    pub found: u32,
    /// 已经完成整改的个数。
    #[serde(default)]
    pub rectified: u32,
    /// 正在整改的个数。
    #[serde(default)]
    pub rectifying: u32,
}

/// A score (绩效自评得分): a non-negative number with at most two decimals, read exactly like an
/// amount but never converted by `settings.input_unit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(from = "Amount", into = "Amount")]
pub struct Score(pub Decimal);

impl From<Amount> for Score {
    fn from(a: Amount) -> Score {
        Score(a.0)
    }
}

impl From<Score> for Amount {
    fn from(s: Score) -> Amount {
        Amount(s.0)
    }
}

impl JsonSchema for Score {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Score".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "title": "得分",
            "description": "得分，0 至 100，最多两位小数，如 99.43",
            "type": ["number", "string"],
            "pattern": "^[0-9]{1,3}(\\.[0-9]{1,2})?$",
            "minimum": 0,
            "maximum": 100
        })
    }
}

/// 一张绩效自评表（部门整体或项目）。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// 项目名称（部门整体自评可省略，默认为单位名称）。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub name: Option<String>,
    /// 主管部门。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub department: Option<String>,
    /// 实施单位。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
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
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub goal: Option<String>,
    /// 年度总体目标—实际完成情况。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub achieved: Option<String>,
    /// 绩效指标。
    #[serde(default, deserialize_with = "crate::input::text::rows")]
    pub indicators: Vec<Indicator>,
    /// 自评总分（填写时核对是否等于各项得分之和）。
    #[serde(default)]
    pub score: Option<Amount>,
    /// 自评等级（优、良、中、差），可选。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub grade: Option<String>,
    /// 结论或主要问题及改进措施（可选）。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
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
    #[serde(deserialize_with = "crate::input::text::line")]
    pub level1: String,
    /// 二级指标，如“数量指标”。
    #[serde(deserialize_with = "crate::input::text::line")]
    pub level2: String,
    /// 三级指标，如“参保人数”。
    #[serde(deserialize_with = "crate::input::text::line")]
    pub level3: String,
    /// 年度指标值。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub target: Option<String>,
    /// 实际完成值。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub actual: Option<String>,
    /// 分值。
    #[serde(default)]
    pub weight: Option<Amount>,
    /// 得分。
    #[serde(default)]
    pub score: Option<Amount>,
    /// 偏差原因分析及改进措施。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub deviation: Option<String>,
}

/// 总体层面变化原因。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reasons {
    /// 收入支出总计与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub total_change: Option<String>,
    /// 本年收入合计与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub income_change: Option<String>,
    /// 本年支出合计与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub expenditure_change: Option<String>,
    /// 财政拨款收入支出总计与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub fiscal_change: Option<String>,
    /// 财政拨款决算数与年初预算数差异的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub fiscal_budget: Option<String>,
    /// 一般公共预算财政拨款支出与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub general_change: Option<String>,
    /// 一般公共预算财政拨款支出决算数与预算数差异的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub general_budget: Option<String>,
    /// 基本支出与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub basic_change: Option<String>,
    /// 项目支出与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub project_change: Option<String>,
    /// 年初结转和结余与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub opening_change: Option<String>,
    /// 一般公共预算财政拨款基本支出（情况说明六）与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub general_basic_change: Option<String>,
    /// 政府性基金预算财政拨款支出（情况说明七）与上年相比变化的主要原因。
    #[serde(default, deserialize_with = "crate::input::text::opt_paragraph")]
    pub fund_change: Option<String>,
}

/// 名词解释条目。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    /// 名词，如“事业收入”。与标准名词同名时覆盖标准解释。
    #[serde(deserialize_with = "crate::input::text::line")]
    pub term: String,
    /// 解释。
    #[serde(deserialize_with = "crate::input::text::paragraph")]
    pub definition: String,
}
