//! The mapping: which sheet, row and column of a workbook feeds which field of the unit file.
//! It is data (YAML, the format the unit files already use, so a finance officer edits both with
//! the same editor and the same comments; no second parser is needed), not code: a real export
//! that differs from the built-in layout is fitted by editing a copy (`--print-mapping`) and
//! passing it with `--mapping`.
//!
//! Rows and columns are found by their keys, never by position: a sheet by the code its name
//! starts with (`Z08_1`), a row by its 科目编码, 行次 or label, a column by its 栏次 or header text.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// The built-in mapping: the 2024 export of the 部门决算报表软件.
pub const BUILTIN_EXPORT: &str = include_str!("../../data/import/mapping-2024.yaml");
/// The built-in mapping of last year's published tables in the central layout (公开01–09表, 万元).
pub const BUILTIN_PUBLISHED: &str = include_str!("../../data/import/published-central.yaml");
/// The built-in mapping of last year's published tables in the Shanghai layout (nine tables,
/// 07表 三公, 08表 政府性基金, 09表 国有资本经营 收入支出, no 行次/栏次, 万元).
pub const BUILTIN_PUBLISHED_SHANGHAI: &str = include_str!("../../data/import/published-shanghai.yaml");

/// The built-in mappings, by the name `--print-mapping` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// The accounting software's export (`export`, the default).
    Export,
    /// Last year's published tables, central layout (`published-central`).
    PublishedCentral,
    /// Last year's published tables, Shanghai layout (`published-shanghai`).
    PublishedShanghai,
}

impl Builtin {
    /// Every built-in mapping, in the order `--print-mapping` lists them.
    pub const ALL: [Builtin; 3] = [
        Builtin::Export,
        Builtin::PublishedCentral,
        Builtin::PublishedShanghai,
    ];

    /// The name given to `--print-mapping`.
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Export => "export",
            Builtin::PublishedCentral => "published-central",
            Builtin::PublishedShanghai => "published-shanghai",
        }
    }

    /// The mapping's YAML text (with its comments).
    pub fn text(self) -> &'static str {
        match self {
            Builtin::Export => BUILTIN_EXPORT,
            Builtin::PublishedCentral => BUILTIN_PUBLISHED,
            Builtin::PublishedShanghai => BUILTIN_PUBLISHED_SHANGHAI,
        }
    }

    /// The built-in mapping of this name.
    pub fn by_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.name() == name.trim())
    }

    /// The parsed mapping (the built-in texts are tested to parse).
    pub fn mapping(self) -> Mapping {
        parse(self.text()).expect("the built-in mappings parse")
    }
}

/// A whole mapping file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Version of this mapping format; 1.
    pub format: u32,
    /// What the mapping is for, shown in messages.
    pub name: String,
    /// The unit of the workbook's amounts.
    pub amount_unit: WorkbookUnit,
    /// The sheets the workbook has.
    pub sheets: Vec<SheetSpec>,
    /// Figures per 功能分类“项” (one row per 7-digit code).
    #[serde(default)]
    pub items: BTreeMap<ItemField, Vec<Term>>,
    /// Single figures (totals, balances, 三公).
    #[serde(default)]
    pub totals: BTreeMap<TotalField, Vec<Term>>,
    /// Counts (团组数, 人次, 车辆数).
    #[serde(default)]
    pub counts: BTreeMap<CountField, Term>,
    /// 一般公共预算财政拨款基本支出 by 经济分类“款”, read from the column headers of one row.
    #[serde(default)]
    pub economic: Option<EconomicSpec>,
    /// Identities the figures must satisfy (the software's own 公式审核).
    #[serde(default)]
    pub checks: Vec<Check>,
}

/// The unit of the amounts in a workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum WorkbookUnit {
    /// 元 (the accounting software's export).
    #[serde(rename = "元")]
    Yuan,
    /// 万元 (published tables).
    #[serde(rename = "万元")]
    TenThousand,
}

/// One sheet of the workbook.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetSpec {
    /// The code the sheet's name starts with (`Z08_1`), or a 表号 printed in its first rows
    /// (`公开05表`).
    pub code: String,
    /// The table's title, for messages.
    pub title: String,
    /// The sheet may be missing (then its figures are zero).
    #[serde(default)]
    pub optional: bool,
}

/// Where one figure (or one part of a figure) is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The sheet's code.
    pub sheet: String,
    /// The column: its 栏次 (a number) or its header text (`基本支出/人员经费`: the headers
    /// from top to bottom, the last one exactly).
    pub column: ColumnKey,
    /// For single figures: the row's label (`年初结转和结余>一般公共预算财政拨款`: a label,
    /// then the first row below it with the next label); `合计` is the total row of a table.
    #[serde(default)]
    pub row: Option<String>,
    /// For single figures: the row's 行次.
    #[serde(default)]
    pub line: Option<u32>,
    /// Subtract this term instead of adding it.
    #[serde(default)]
    pub minus: bool,
}

/// How a column is found.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum ColumnKey {
    /// By its 栏次.
    Number(u32),
    /// By its header text.
    Header(String),
    /// The first of these that the table has (`[合计, 1]`: the 合计 column, or where a
    /// table heads it 小计, the one of 栏次 1).
    Any(Vec<ColumnKey>),
}

impl fmt::Display for ColumnKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnKey::Number(n) => write!(f, "栏次 {n}"),
            ColumnKey::Header(h) => write!(f, "表头“{h}”"),
            ColumnKey::Any(keys) => {
                let all: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
                f.write_str(&all.join("或"))
            }
        }
    }
}

/// 基本支出 by 经济分类: the row whose cells under each 经济分类 column header are the amounts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EconomicSpec {
    /// The sheet's code.
    pub sheet: String,
    /// The row's label (`合计`).
    pub row: String,
    /// Where the 人员经费 total is, to check the 经济分类 301 and 303 columns against.
    #[serde(default)]
    pub personnel: Option<Term>,
    /// Where the 公用经费 total is, to check the other 经济分类 columns against.
    #[serde(default)]
    pub public: Option<Term>,
}

/// An identity between figures: `left` = `right`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// What the identity says, in the words of the 公式审核.
    pub what: String,
    /// Check it on every 科目 row (and the 合计 row) rather than once: the terms then have no
    /// `row`/`line`.
    #[serde(default)]
    pub each_row: bool,
    /// One side.
    pub left: Vec<Term>,
    /// The other side.
    pub right: Vec<Term>,
}

/// Declares a field enum whose YAML names are the unit file's paths.
macro_rules! fields {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $key)] $variant,)*
        }
        impl $name {
            /// Every field, in the order the unit file lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// The field's path in the unit file.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)* }
            }
        }
    };
}

fields! {
    /// A figure of one 功能分类“项”.
    ItemField {
        /// income[].general
        IncomeGeneral = "income.general",
        /// income[].fund
        IncomeFund = "income.fund",
        /// income[].state_capital
        IncomeStateCapital = "income.state_capital",
        /// income[].superior
        IncomeSuperior = "income.superior",
        /// income[].business
        IncomeBusiness = "income.business",
        /// income[].operating
        IncomeOperating = "income.operating",
        /// income[].affiliated
        IncomeAffiliated = "income.affiliated",
        /// income[].other
        IncomeOther = "income.other",
        /// expenditure[].general.basic (when a table gives 基本支出 without 人员经费/公用经费)
        GeneralBasic = "expenditure.general.basic",
        /// expenditure[].general.personnel
        GeneralPersonnel = "expenditure.general.personnel",
        /// expenditure[].general.public
        GeneralPublic = "expenditure.general.public",
        /// expenditure[].general.project
        GeneralProject = "expenditure.general.project",
        /// expenditure[].fund.basic
        FundBasic = "expenditure.fund.basic",
        /// expenditure[].fund.project
        FundProject = "expenditure.fund.project",
        /// expenditure[].state_capital.basic
        StateCapitalBasic = "expenditure.state_capital.basic",
        /// expenditure[].state_capital.project
        StateCapitalProject = "expenditure.state_capital.project",
        /// expenditure[].other.basic
        OtherBasic = "expenditure.other.basic",
        /// expenditure[].other.project
        OtherProject = "expenditure.other.project",
        /// expenditure[].other.to_superior
        OtherToSuperior = "expenditure.other.to_superior",
        /// expenditure[].other.operating
        OtherOperating = "expenditure.other.operating",
        /// expenditure[].other.to_affiliated
        OtherToAffiliated = "expenditure.other.to_affiliated",
        /// expenditure[].budget.initial
        BudgetInitial = "expenditure.budget.initial",
        /// expenditure[].budget.full (0 means not given)
        BudgetFull = "expenditure.budget.full",
        /// expenditure[].fund_budget.initial
        FundBudgetInitial = "expenditure.fund_budget.initial",
        /// expenditure[].fund_budget.full (0 means not given)
        FundBudgetFull = "expenditure.fund_budget.full",
        /// balances.fund_items[].opening
        FundOpening = "balances.fund_items.opening",
        /// balances.fund_items[].closing
        FundClosing = "balances.fund_items.closing",
        /// balances.state_capital_items[].opening
        StateCapitalOpening = "balances.state_capital_items.opening",
        /// balances.state_capital_items[].closing
        StateCapitalClosing = "balances.state_capital_items.closing",
    }
}

fields! {
    /// A single figure.
    TotalField {
        /// balances.opening.general
        OpeningGeneral = "balances.opening.general",
        /// balances.opening.state_capital
        OpeningStateCapital = "balances.opening.state_capital",
        /// balances.opening.other
        OpeningOther = "balances.opening.other",
        /// balances.closing.general
        ClosingGeneral = "balances.closing.general",
        /// balances.closing.state_capital
        ClosingStateCapital = "balances.closing.state_capital",
        /// balances.closing.other
        ClosingOther = "balances.closing.other",
        /// balances.non_fiscal_surplus_used
        NonFiscalSurplusUsed = "balances.non_fiscal_surplus_used",
        /// balances.surplus_distribution
        SurplusDistribution = "balances.surplus_distribution",
        /// budget.fiscal_initial
        FiscalInitial = "budget.fiscal_initial",
        /// budget.fiscal_full (0 means not given)
        FiscalFull = "budget.fiscal_full",
        /// budget.general_initial
        GeneralInitial = "budget.general_initial",
        /// budget.general_full (0 means not given)
        GeneralFull = "budget.general_full",
        /// sangong.abroad.budget_initial
        AbroadBudgetInitial = "sangong.abroad.budget_initial",
        /// sangong.abroad.budget_full
        AbroadBudgetFull = "sangong.abroad.budget_full",
        /// sangong.abroad.actual
        AbroadActual = "sangong.abroad.actual",
        /// sangong.vehicle_purchase.budget_initial
        VehiclePurchaseBudgetInitial = "sangong.vehicle_purchase.budget_initial",
        /// sangong.vehicle_purchase.budget_full
        VehiclePurchaseBudgetFull = "sangong.vehicle_purchase.budget_full",
        /// sangong.vehicle_purchase.actual
        VehiclePurchaseActual = "sangong.vehicle_purchase.actual",
        /// sangong.vehicle_running.budget_initial
        VehicleRunningBudgetInitial = "sangong.vehicle_running.budget_initial",
        /// sangong.vehicle_running.budget_full
        VehicleRunningBudgetFull = "sangong.vehicle_running.budget_full",
        /// sangong.vehicle_running.actual
        VehicleRunningActual = "sangong.vehicle_running.actual",
        /// sangong.reception.budget_initial
        ReceptionBudgetInitial = "sangong.reception.budget_initial",
        /// sangong.reception.budget_full
        ReceptionBudgetFull = "sangong.reception.budget_full",
        /// sangong.reception.actual
        ReceptionActual = "sangong.reception.actual",
        /// sangong.meeting.budget_initial
        MeetingBudgetInitial = "sangong.meeting.budget_initial",
        /// sangong.meeting.budget_full
        MeetingBudgetFull = "sangong.meeting.budget_full",
        /// sangong.meeting.actual
        MeetingActual = "sangong.meeting.actual",
        /// sangong.training.budget_initial
        TrainingBudgetInitial = "sangong.training.budget_initial",
        /// sangong.training.budget_full
        TrainingBudgetFull = "sangong.training.budget_full",
        /// sangong.training.actual
        TrainingActual = "sangong.training.actual",
        /// sangong.foreign_amount
        ForeignAmount = "sangong.foreign_amount",
        /// operating_costs.amount
        OperatingCosts = "operating_costs.amount",
        /// assets.fixed_assets_value
        FixedAssetsValue = "assets.fixed_assets_value",
        /// previous.totals.personnel: last year's 人员经费 total (only in the `previous` block)
        PreviousPersonnel = "previous.totals.personnel",
        /// previous.totals.public: last year's 公用经费 total (only in the `previous` block)
        PreviousPublic = "previous.totals.public",
    }
}

fields! {
    /// A count.
    CountField {
        /// sangong.abroad_groups
        AbroadGroups = "sangong.abroad_groups",
        /// sangong.abroad_people
        AbroadPeople = "sangong.abroad_people",
        /// sangong.vehicles_bought
        VehiclesBought = "sangong.vehicles_bought",
        /// sangong.vehicles_held
        VehiclesHeld = "sangong.vehicles_held",
        /// sangong.reception_batches
        ReceptionBatches = "sangong.reception_batches",
        /// sangong.reception_people
        ReceptionPeople = "sangong.reception_people",
        /// sangong.foreign_batches
        ForeignBatches = "sangong.foreign_batches",
        /// sangong.foreign_people
        ForeignPeople = "sangong.foreign_people",
        /// sangong.meetings
        Meetings = "sangong.meetings",
        /// sangong.meeting_people
        MeetingPeople = "sangong.meeting_people",
        /// sangong.trainings
        Trainings = "sangong.trainings",
        /// sangong.training_people
        TrainingPeople = "sangong.training_people",
        /// assets.vehicles_total
        VehiclesTotal = "assets.vehicles_total",
        /// assets.vehicles_leader
        VehiclesLeader = "assets.vehicles_leader",
        /// assets.vehicles_principal
        VehiclesPrincipal = "assets.vehicles_principal",
        /// assets.vehicles_confidential
        VehiclesConfidential = "assets.vehicles_confidential",
        /// assets.vehicles_emergency
        VehiclesEmergency = "assets.vehicles_emergency",
        /// assets.vehicles_enforcement
        VehiclesEnforcement = "assets.vehicles_enforcement",
        /// assets.vehicles_special
        VehiclesSpecial = "assets.vehicles_special",
        /// assets.vehicles_retired
        VehiclesRetired = "assets.vehicles_retired",
        /// assets.vehicles_other
        VehiclesOther = "assets.vehicles_other",
        /// Devices of 50万元 or more (通用设备): with the next, bounds assets.equipment_over_million.
        GeneralEquipmentOver500k = "assets.general_equipment_over_500k",
        /// Devices of 100万元 or more (专用设备).
        SpecialEquipmentOverMillion = "assets.special_equipment_over_million",
    }
}

/// Parses a mapping file's text; the message names the YAML line.
pub fn parse(text: &str) -> Result<Mapping, String> {
    let mapping: Mapping = crate::yaml::parse_as(text).map_err(|e| e.to_string())?;
    if mapping.format != 1 {
        return Err(format!(
            "对照表格式版本为 {}，本程序只认识版本 1（format: 1）",
            mapping.format
        ));
    }
    let known = |code: &str| mapping.sheets.iter().any(|s| s.code == code);
    let mut problems = Vec::new();
    let sheet_of = |t: &Term, field: &str, problems: &mut Vec<String>| {
        if !known(&t.sheet) {
            problems.push(format!("{field} 引用的表 {} 不在 sheets 中", t.sheet));
        }
    };
    for (f, terms) in &mapping.items {
        for t in terms {
            sheet_of(t, f.key(), &mut problems);
            if t.row.is_some() || t.line.is_some() {
                problems.push(format!("{} 是按“项”的数，不能写 row 或 line", f.key()));
            }
        }
    }
    for (f, terms) in &mapping.totals {
        for t in terms {
            sheet_of(t, f.key(), &mut problems);
        }
    }
    for (f, t) in &mapping.counts {
        sheet_of(t, f.key(), &mut problems);
    }
    for c in &mapping.checks {
        for t in c.left.iter().chain(&c.right) {
            sheet_of(t, &c.what, &mut problems);
            if c.each_row && (t.row.is_some() || t.line.is_some()) {
                problems.push(format!(
                    "核对“{}”逐行进行（each_row），其中不能写 row 或 line",
                    c.what
                ));
            }
        }
    }
    if let Some(e) = &mapping.economic {
        if !known(&e.sheet) {
            problems.push(format!("economic 引用的表 {} 不在 sheets 中", e.sheet));
        }
        for t in e.personnel.iter().chain(&e.public) {
            sheet_of(t, "economic", &mut problems);
        }
    }
    let mut unknown = problems;
    if !unknown.is_empty() {
        unknown.dedup();
        return Err(unknown.join("；"));
    }
    Ok(mapping)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_mappings_parse() {
        for b in Builtin::ALL {
            parse(b.text()).unwrap_or_else(|e| panic!("{}: {e}", b.name()));
            assert_eq!(Builtin::by_name(b.name()), Some(b));
        }
    }
}
