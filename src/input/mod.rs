//! The input types: one YAML file per unit and year, mirrored one to one by these serde
//! structs. Every figure is entered once, at the finest level (项, 经济分类款); every 款, 类,
//! 合计 and table total is derived later by [`crate::derive`].
//!
//! The doc comments are in Chinese because they become the titles and descriptions of the
//! JSON Schema that editors show a finance officer while typing.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

mod disclosures;
mod figures;
mod previous;
mod summary;
pub mod text;

pub use disclosures::*;
pub use figures::*;
pub use previous::*;
pub use summary::{SummaryItem, leading_number};

/// The years juesuan accepts for a report, its `previous_file` and `unit.established`; anything
/// outside is a typing error (and keeps year arithmetic far from overflow).
pub const YEARS: std::ops::RangeInclusive<u16> = 1990..=2100;

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
    #[serde(default, deserialize_with = "crate::input::text::rows")]
    pub income: Vec<IncomeRow>,
    /// 支出：按支出功能分类“项”（7位编码）逐行填写，按资金来源分列。
    #[serde(default, deserialize_with = "crate::input::text::rows")]
    pub expenditure: Vec<ExpenditureRow>,
    /// 结转结余：年初/年末结转和结余、使用非财政拨款结余、结余分配。
    #[serde(default)]
    pub balances: Balances,
    /// 一般公共预算财政拨款基本支出按经济分类“款”（5位编码）填写（一般公共预算财政拨款基本支出决算明细表，
    /// 上海模板称基本支出决算表，公开06表）。
    #[serde(default, deserialize_with = "crate::input::text::rows")]
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
    /// 国有资产占用情况（国有资产占用情况表：中央格式公开10表；上海模板无此表，写在情况说明十一（三））。
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
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub previous_file: Option<String>,
    /// 名词解释：补充或覆盖标准名词解释。
    #[serde(default, deserialize_with = "crate::input::text::rows")]
    pub glossary: Vec<GlossaryEntry>,
    /// 其他需要说明的事项（情况说明最后一节），不填则写“无”。
    #[serde(default, deserialize_with = "crate::input::text::paragraphs")]
    pub other_matters: Vec<String>,
    /// 科目目录中没有的“类”“款”的名称（“项”的名称直接写在收支行的 name 上）。
    #[serde(default, deserialize_with = "crate::input::text::rows")]
    pub code_names: Vec<CodeName>,
    /// 已公布报告中的合计数（可选）。只用于审核：与由各“项”汇总出的数不一致时给出提示（尾差为警告），
    /// 报告中始终使用汇总出的数。
    #[serde(default)]
    pub published: Option<Published>,
}

/// 单位概况。
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitProfile {
    /// 单位全称，如“龙井市医疗保险经办中心”。
    #[serde(deserialize_with = "crate::input::text::line")]
    pub name: String,
    /// 决算年度，如 2024（1990 至 2100 之间）。
    pub year: u16,
    /// 设立年份（可选）。本年度新设立的单位没有上年，填本年度：同比各句写“无上年数据可比”，
    /// 不要求填写变化原因，也不能再填写上年数据（previous、previous_file）。
    #[serde(default)]
    pub established: Option<u16>,
    /// 报告类型：部门（部门决算）或 单位（单位决算）。默认 部门。
    #[serde(default)]
    pub kind: ReportKind,
    /// 单位性质：行政、参公、事业。用于核对机关运行经费。
    #[serde(default)]
    pub nature: Option<UnitNature>,
    /// 主要职责，每条一项。
    #[serde(default, deserialize_with = "crate::input::text::paragraphs")]
    pub duties: Vec<String>,
    /// 内设机构名称列表。
    #[serde(default, deserialize_with = "crate::input::text::lines")]
    pub offices: Vec<String>,
    /// 纳入本决算的单位（决算单位构成）。
    #[serde(default, deserialize_with = "crate::input::text::rows")]
    pub members: Vec<MemberUnit>,
    /// 人员情况。
    #[serde(default)]
    pub staff: Option<Staff>,
    /// 主要职责（职能）之前的段落（可选），如“第一条 根据……，制定本规定。”；
    /// 写了它就不再印“某某的主要职责是：”，由最后一段引出各条职责。
    #[serde(default, deserialize_with = "crate::input::text::paragraphs")]
    pub duties_lead: Vec<String>,
    /// 概况中补充说明的段落（可选），按所在的节填写：duties（主要职责之后）、
    /// composition（决算单位构成之后）、staff（人员情况之后；没有人员情况一节的方案不印）。
    #[serde(default)]
    pub notes: UnitNotes,
    /// 发布日期（可选），如“2024年9月”。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub date: Option<String>,
}

/// 概况中补充说明的段落，按所在的节。
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitNotes {
    /// 印在“主要职责（职能）”一节末尾的段落。
    #[serde(default)]
    pub duties: Vec<String>,
    /// 印在“决算单位构成”一节末尾的段落。
    #[serde(default)]
    pub composition: Vec<String>,
    /// 印在“人员情况”一节末尾的段落（没有这一节的方案不印）。
    #[serde(default)]
    pub staff: Vec<String>,
}

impl<'de> Deserialize<'de> for UnitNotes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ByPlace {
            #[serde(default, deserialize_with = "crate::input::text::paragraphs")]
            duties: Vec<String>,
            #[serde(default, deserialize_with = "crate::input::text::paragraphs")]
            composition: Vec<String>,
            #[serde(default, deserialize_with = "crate::input::text::paragraphs")]
            staff: Vec<String>,
        }
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = UnitNotes;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("按节填写的段落：duties、composition、staff")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<UnitNotes, E> {
                Ok(UnitNotes::default())
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<UnitNotes, E> {
                Ok(UnitNotes::default())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<UnitNotes, A::Error> {
                Err(serde::de::Error::custom(
                    "unit.notes 要写明每段放在哪一节：duties（主要职责之后）、composition（决算单位构成之后）、\
                     staff（人员情况之后），如 notes: {composition: [\"……\"]}",
                ))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, m: A) -> Result<UnitNotes, A::Error> {
                let b = ByPlace::deserialize(serde::de::value::MapAccessDeserializer::new(m))?;
                Ok(UnitNotes {
                    duties: b.duties,
                    composition: b.composition,
                    staff: b.staff,
                })
            }
        }
        d.deserialize_any(V)
    }
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
    #[serde(deserialize_with = "crate::input::text::line")]
    pub name: String,
    /// 预算级次，如“一级”“二级”。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
    pub level: Option<String>,
    /// 单位性质或备注，如“行政单位”“预算不单列，并入本级”。
    #[serde(default, deserialize_with = "crate::input::text::opt_line")]
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
    /// 收入支出决算总表（公开01表）、财政拨款收入支出决算总表（公开04表）列哪些“类”：false（默认）列出
    /// 全部标准“类”；true 只列有数的“类”；“类”编码的列表（如 [201, 202, 203, 204, 205, 206]）总是列出这些
    /// “类”（零也列），其余只列有数的。
    pub compact_category_rows: CategoryRows,
    /// 变化幅度超过该百分比且未填写原因时，检查给出警告。默认 10。
    pub reason_threshold: u8,
    /// 旧写法，等同 `additions.charts`（两处都写且不一致时报错）。
    pub charts: Option<bool>,
    /// 模板方案：central（中央格式，默认）或 shanghai（上海2024模板）。决定报告的表、节和表号
    /// （如财政拨款“三公”经费支出决算表在中央格式是公开09表，在上海模板是公开07表），以及哪些数必须
    /// 填写（如人员经费、公用经费只在中央格式按“项”列出）。命令行 --profile 优先于这里。
    #[serde(deserialize_with = "crate::input::text::opt_line")]
    pub profile: Option<String>,
    /// 模板方案本身没有的内容是否印出：不填的按模板方案的默认（central 全印，shanghai 全不印）。
    pub additions: Additions,
    /// 决算表选用的格式变体，按模板方案分：方案名 → {表的代号（t01…t10，表目录为 index）→ 变体名称}，
    /// 如 `{central: {t06: 基本支出决算表}}`。每张表可选的变体写在其格式文件（tables/tNN.toml）的
    /// `[variants.<名称>]` 中；不写则用默认格式；用别的方案生成时，只用该方案下的项。
    pub tables: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    /// 决算表的排列顺序，按模板方案分：方案名 → 表的代号（t01…t10）依次排列，如新疆2023模板把“三公”表
    /// 排在第七：`{central: [t01, t02, t03, t04, t05, t06, t09, t07, t08, t10]}`。必须正好是该方案放置的
    /// 全部表（只换顺序）；表号、目录、表目录随之。不写则按方案的顺序。
    pub table_order: std::collections::BTreeMap<String, Vec<String>>,
    /// 情况说明（第三部分）各节的格式，按模板方案分：方案名 → 格式名，如吉林的模板把机关运行经费、政府采购、
    /// 国有资产三节合为“其他重要事项情况说明”：`{central: 吉林}`。可选的格式写在方案的
    /// profiles/<方案>/sections.toml 中（节的顺序、标题、小节、合并）；不写则用方案本身的节。
    pub sections: std::collections::BTreeMap<String, String>,
}

/// 模板方案本身没有、juesuan 可以加上的内容。每项不填（null）时按 `--profile` 所选方案的默认
/// （方案目录下的 additions.toml）；填 true / false 时本单位总是印出 / 不印。
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Additions {
    /// 五（二）中各“类”的预算完成情况（“分类来看：……”）。
    pub category_completion: Option<bool>,
    /// 四中与预算的对比及预决算差异率（“与预算相比，……预决算差异率为……”）。
    pub deviation_rate: Option<bool>,
    /// 二、三、六中与上年的对比（“比上年增加……”）。
    pub yoy_clauses: Option<bool>,
    /// HTML 报告中的结构图、对比图。
    pub charts: Option<bool>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            input_unit: InputUnit::TenThousand,
            percent_decimals: 2,
            text_thousands: false,
            compact_category_rows: CategoryRows::All,
            reason_threshold: 10,
            charts: None,
            additions: Additions::default(),
            profile: None,
            tables: Default::default(),
            table_order: Default::default(),
            sections: Default::default(),
        }
    }
}

/// The 类 rows of tables 01 and 04 (`settings.compact_category_rows`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CategoryRows {
    /// Every standard 类 (`false`, the default).
    #[default]
    All,
    /// Only the 类 with figures (`true`).
    WithFigures,
    /// These 类 always (zero or not), the others only with figures (a list of codes; seed 004's
    /// 201–206).
    Always(Vec<String>),
}

impl Serialize for CategoryRows {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            CategoryRows::All => s.serialize_bool(false),
            CategoryRows::WithFigures => s.serialize_bool(true),
            CategoryRows::Always(codes) => codes.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for CategoryRows {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        const WANT: &str = "true、false 或“类”编码（3位）的列表，如 [201, 202, 203]";
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = CategoryRows;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(WANT)
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<CategoryRows, E> {
                Ok(if b {
                    CategoryRows::WithFigures
                } else {
                    CategoryRows::All
                })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<CategoryRows, A::Error> {
                let mut codes: Vec<String> = Vec::new();
                while let Some(c) = seq.next_element::<Code>()? {
                    let c = c.0;
                    if !crate::catalogue::STANDARD_CLASSES.contains(&c.as_str()) {
                        return Err(serde::de::Error::custom(format!(
                            "“{}”不是标准的“类”编码（{}）",
                            crate::error::shown(&c),
                            WANT
                        )));
                    }
                    if codes.len() >= crate::catalogue::STANDARD_CLASSES.len() {
                        return Err(serde::de::Error::custom("“类”编码列得太多"));
                    }
                    if !codes.contains(&c) {
                        codes.push(c);
                    }
                }
                codes.sort();
                Ok(CategoryRows::Always(codes))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for CategoryRows {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CategoryRows".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "false：全部标准“类”；true：只列有数的“类”；“类”编码的列表：总是列出这些，其余只列有数的",
            "anyOf": [
                {"type": "boolean"},
                {"type": "array", "items": {"type": ["integer", "string"], "pattern": "^[0-9]{3}$"}}
            ]
        })
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
                if v.len() > 16 && v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::custom(format!(
                        "科目编码有 {} 位，过长：功能分类“项”为7位，经济分类“款”为5位",
                        v.len()
                    )));
                }
                if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::custom(format!(
                        "“{}”不是科目编码：编码只能由数字组成",
                        crate::error::shown(v)
                    )));
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
