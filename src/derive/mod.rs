//! Derive stage: the loaded figures → one serializable [`Context`] holding every number the
//! report prints (tables 01–10 and the 情况说明), every share, change and budget comparison.
//! Templates only format what is here; this is the only place that does arithmetic on money.
//!
//! All amounts in the context are exact decimals in 万元 (input in 元 is divided by 10,000
//! exactly); they are rounded only when formatted.

pub mod compare;
mod figures;
mod glossary;
pub mod names;
pub mod prior;
pub mod tables;
pub mod text;

pub use compare::{BudgetBasis, BudgetCompare, Change, Direction, Noun, Relation, Share};
pub use figures::{General, ItemFigures, Scale, Split, UnitFigures};
pub use tables::{
    AssetLine, CodeRow, CodeTable, Line, LineStyle, Pair, PairTable, SangongColumns, Table06, Table09,
    Table10, Tables,
};
pub use text::{Text, funds_weight};

use crate::input::{InputUnit, ReportKind, UnitFile};
use crate::load::Loaded;
use serde::Serialize;

/// Everything a template sees (`juesuan context FILE` prints it as JSON). Every field is
/// described by its doc comment here and in the submodules; amounts are exact decimal strings in
/// 万元, rates and shares are percentages already rounded to `meta.percent_decimals`.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    /// Report-wide facts and settings.
    pub meta: Meta,
    /// The unit's profile (第一部分).
    pub unit: UnitView,
    /// Tables 01–10 (第二部分).
    pub tables: Tables,
    /// Figures of the 情况说明 (第三部分), section by section.
    pub text: Text,
    /// 名词解释 (第四部分): standard terms, one per 项 with figures, and the unit's own.
    pub glossary: Vec<glossary::Term>,
    /// 绩效自评表 (附件).
    pub performance: text::PerformanceView,
}

/// Report-wide facts and settings.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The report year.
    pub year: u16,
    /// The year before (the comparison year).
    pub prev_year: u16,
    /// "部门" or "单位".
    pub kind: &'static str,
    /// Decimals of percentages (2 or 1).
    pub percent_decimals: u32,
    /// Whether text amounts use thousands separators.
    pub text_thousands: bool,
    /// The unit's own choice of the additions the profile's template may lack (None: the
    /// profile's default); `settings.charts` counts as `additions.charts`. The document stage
    /// resolves them against the profile ([`crate::templates::ProfileAdditions`]).
    pub additions: crate::input::Additions,
    /// The table layout variants the unit selects (`settings.tables`).
    pub table_variants: Vec<TableVariant>,
    /// The order the unit gives its tables under a profile (`settings.table_order`).
    pub table_orders: Vec<TableOrder>,
    /// The variant of the 情况说明 the unit selects under a profile (`settings.sections`).
    pub section_variants: Vec<SectionVariant>,
    /// "万元" or "元": what the YAML was written in (the report is always in 万元).
    pub input_unit: &'static str,
    /// Whether any table has a tail difference (尾差) from rounding 元 to 万元.
    pub tail_difference: bool,
    /// Whether last year's figures were given at all.
    pub has_previous: bool,
    /// The year the unit was set up, when given (`unit.established`); when it is the report
    /// year, every comparison with last year is `no_prior_year`.
    pub established: Option<u16>,
    /// The generator and its version, for the report's footer.
    pub generator: String,
    /// The profile the report is rendered under (the pipeline sets the one it chose; derived
    /// alone, the unit's `settings.profile` or the default).
    pub profile: String,
}

/// One `settings.tables` entry: under `profile`, table `key` is printed in its layout's variant `name`.
#[derive(Debug, Clone, Serialize)]
pub struct TableVariant {
    /// The profile the entry is for ("central").
    pub profile: String,
    /// The table ("t06", "index").
    pub key: String,
    /// The variant's name.
    pub name: String,
    /// The line of the entry in the unit file, when known.
    pub line: Option<usize>,
}

/// One `settings.sections` entry: under `profile`, the 情况说明 follows its variant `name`.
#[derive(Debug, Clone, Serialize)]
pub struct SectionVariant {
    /// The profile the entry is for ("central").
    pub profile: String,
    /// The variant's name ("吉林").
    pub name: String,
    /// The line of the entry in the unit file, when known.
    pub line: Option<usize>,
}

/// One `settings.table_order` entry: the tables of `profile`, in the order the unit's template
/// prints them.
#[derive(Debug, Clone, Serialize)]
pub struct TableOrder {
    /// The profile the entry is for ("central").
    pub profile: String,
    /// The table keys in order ("t01" … "t10").
    pub keys: Vec<String>,
    /// The line of the entry in the unit file, when known.
    pub line: Option<usize>,
}

/// The unit's profile as the report prints it.
#[derive(Debug, Clone, Serialize)]
pub struct UnitView {
    /// Full name.
    pub name: String,
    /// "部门" or "单位".
    pub kind: &'static str,
    /// 行政 / 参公 / 事业, when given.
    pub nature: Option<&'static str>,
    /// Duties, one per entry.
    pub duties: Vec<String>,
    /// Internal offices.
    pub offices: Vec<String>,
    /// Units consolidated into the report.
    pub members: Vec<crate::input::MemberUnit>,
    /// Staff figures, when given.
    pub staff: Option<StaffView>,
    /// Paragraphs before the duties (they lead into them instead of "某某的主要职责是：").
    pub duties_lead: Vec<String>,
    /// Extra paragraphs for 概况, by the subsection they end.
    pub notes: crate::input::UnitNotes,
    /// Whether some member unit gives a 预算级次 (the 单位构成 table prints the column only then).
    pub members_have_level: bool,
    /// Publication date, when given.
    pub date: Option<String>,
}

/// Staff figures with the total of 编制.
#[derive(Debug, Clone, Serialize)]
pub struct StaffView {
    /// The figures as given.
    #[serde(flatten)]
    pub staff: crate::input::Staff,
    /// 核定编制 in total, when any kind of 编制 is given.
    pub authorized_total: Option<u64>,
}

/// Derives the context of a loaded unit.
pub fn derive(loaded: &Loaded) -> Context {
    let unit = &loaded.unit;
    let dp = u32::from(unit.settings.percent_decimals.clamp(1, 2));
    let figures = UnitFigures::from_unit(unit);
    let previous = prior::PriorFigures::build(unit, loaded.previous.as_deref().map(|l| &l.unit));
    let tables = tables::build(unit, &figures);
    let names = names::SubjectNames::new(unit);
    let text = text::build(unit, &figures, &previous, &names, dp);
    let glossary = glossary::build(unit, &figures, &names);
    let performance = text::performance_view(unit, dp);
    Context {
        meta: Meta {
            year: unit.unit.year,
            prev_year: unit.unit.year.saturating_sub(1),
            kind: kind_label(unit),
            percent_decimals: dp,
            text_thousands: unit.settings.text_thousands,
            additions: crate::input::Additions {
                charts: unit.settings.additions.charts.or(unit.settings.charts),
                ..unit.settings.additions
            },
            table_variants: unit
                .settings
                .tables
                .iter()
                .flat_map(|(profile, tables)| {
                    tables.iter().map(move |(key, name)| TableVariant {
                        profile: profile.clone(),
                        key: key.clone(),
                        name: name.clone(),
                        line: loaded.line(&format!("settings.tables.{profile}.{key}")),
                    })
                })
                .collect(),
            table_orders: unit
                .settings
                .table_order
                .iter()
                .map(|(profile, keys)| TableOrder {
                    profile: profile.clone(),
                    keys: keys.clone(),
                    line: loaded.line(&format!("settings.table_order.{profile}")),
                })
                .collect(),
            section_variants: unit
                .settings
                .sections
                .iter()
                .map(|(profile, name)| SectionVariant {
                    profile: profile.clone(),
                    name: name.clone(),
                    line: loaded.line(&format!("settings.sections.{profile}")),
                })
                .collect(),
            input_unit: match unit.settings.input_unit {
                InputUnit::TenThousand => "万元",
                InputUnit::Yuan => "元",
            },
            tail_difference: tables.any_tail_difference(),
            has_previous: previous.any_known(),
            established: unit.unit.established,
            generator: format!("juesuan {}", env!("CARGO_PKG_VERSION")),
            profile: unit
                .settings
                .profile
                .clone()
                .unwrap_or_else(|| crate::profile::DEFAULT.to_string()),
        },
        unit: unit_view(unit),
        tables,
        text,
        glossary,
        performance,
    }
}

fn kind_label(unit: &UnitFile) -> &'static str {
    match unit.unit.kind {
        ReportKind::Department => "部门",
        ReportKind::Unit => "单位",
    }
}

fn unit_view(unit: &UnitFile) -> UnitView {
    use crate::input::UnitNature::*;
    let p = &unit.unit;
    UnitView {
        name: p.name.trim().to_string(),
        kind: kind_label(unit),
        nature: p.nature.map(|n| match n {
            Administrative => "行政",
            CivilServiceManaged => "参公",
            Institution => "事业",
        }),
        duties: p.duties.clone(),
        offices: p.offices.clone(),
        members: p.members.clone(),
        staff: p.staff.clone().map(|s| StaffView {
            authorized_total: [s.authorized_admin, s.authorized_institution, s.authorized_other]
                .iter()
                .any(Option::is_some)
                .then(|| {
                    [s.authorized_admin, s.authorized_institution, s.authorized_other]
                        .iter()
                        .flatten()
                        .map(|n| u64::from(*n))
                        .sum()
                }),
            staff: s,
        }),
        duties_lead: p.duties_lead.clone(),
        notes: p.notes.clone(),
        members_have_level: p
            .members
            .iter()
            .any(|m| m.level.as_deref().is_some_and(|l| !l.trim().is_empty())),
        date: p.date.clone(),
    }
}
