//! The `check` audit: the identities of the official 表内/表间审核公式 (domain.md §2) on exact
//! values, the structural rules of the classification codes, and the warnings a disclosure
//! checker raises (missing reasons, vehicles, procurement, 绩效 weights …).
//!
//! Every finding names its rule, the YAML path (and line), both values and the difference, so a
//! finance officer can go straight to the figure. All findings are collected, never just the
//! first.

use crate::derive::Context;
use crate::input::InputUnit;
use crate::load::Loaded;
use crate::money::format_fixed;
use crate::profile::{Printed, TableNames};
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The report would be wrong: `render` refuses.
    Error,
    /// Worth a look; the report is still produced.
    Warning,
}

/// One audit finding.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// error or warning.
    pub severity: Severity,
    /// Stable rule id, e.g. `balance.total`.
    pub rule: &'static str,
    /// The file the finding is about.
    pub file: String,
    /// YAML path of the figure, e.g. `expenditure[2].general.project`.
    pub path: String,
    /// 1-based line of that path in the file, when known.
    pub line: Option<usize>,
    /// What is wrong, in Chinese.
    pub message: String,
    /// The two sides compared, when the finding compares figures (万元, exact).
    pub left: Option<Decimal>,
    /// The other side.
    pub right: Option<Decimal>,
    /// left − right.
    pub difference: Option<Decimal>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        write!(f, "{sev}[{}] {}", self.rule, self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if !self.path.is_empty() {
            write!(f, " ({})", self.path)?;
        }
        write!(f, "：{}", self.message)
    }
}

mod codes;
mod consistency;
mod disclosures;
mod identities;
pub mod placeholders;
mod reasons;
mod sample;
mod unprinted;

/// Collects findings about one loaded unit.
struct Auditor<'a> {
    loaded: &'a Loaded,
    /// The official tables of the unit's report under its profile: what messages name a table by.
    tables: &'a TableNames,
    /// What the report prints under that profile (its prose, additions and document).
    report: &'a Printed,
    findings: Vec<Finding>,
    /// Rounding tolerance per rounded term: 0.005 万元 for 万元 input (tail differences of published
    /// figures), zero for 元 input (exact).
    per_term: Decimal,
    /// Per rule: findings made, and the most severe one beyond [`MAX_FINDINGS_PER_RULE`].
    counts: std::collections::BTreeMap<&'static str, (usize, Option<Severity>)>,
}

/// Findings of one rule listed one by one; the rest are counted in one closing finding, so a
/// file with thousands of the same mistake stays readable and fast to check.
pub const MAX_FINDINGS_PER_RULE: usize = 100;

/// An amount as findings print it.
fn w(d: Decimal) -> String {
    format_fixed(d, 2, false)
}

/// The two sides of a comparison as a message prints them: in 万元, or in 元 when they differ by
/// less than 0.01 万元 (so that "相差 0.00万元" is never printed).
fn sides(left: Decimal, right: Decimal) -> (String, String, String) {
    let diff = left - right;
    if !diff.is_zero() && diff.abs() < Decimal::new(1, 2) {
        let yuan = |d: Decimal| format!("{}元", format_fixed(d * Decimal::from(10_000), 2, false));
        (yuan(left), yuan(right), yuan(diff))
    } else {
        let wan = |d: Decimal| format!("{}万元", w(d));
        (wan(left), wan(right), wan(diff))
    }
}

impl Auditor<'_> {
    /// Records a finding (only counted once its rule is over the cap).
    fn push(&mut self, severity: Severity, rule: &'static str, path: &str, message: String) {
        self.record(severity, rule, path, message);
    }

    /// Records a finding; returns false when it is only counted (its rule is over the cap).
    fn record(&mut self, severity: Severity, rule: &'static str, path: &str, message: String) -> bool {
        let (n, worst) = self.counts.entry(rule).or_insert((0, None));
        *n += 1;
        if *n > MAX_FINDINGS_PER_RULE {
            *worst = Some(worst.map_or(severity, |w| w.min(severity)));
            return false;
        }
        self.findings.push(Finding {
            severity,
            rule,
            file: self.loaded.path.display().to_string(),
            path: path.to_string(),
            line: self.loaded.line(path),
            message,
            left: None,
            right: None,
            difference: None,
        });
        true
    }

    /// Pushes a finding that compares two amounts (万元): `left`, `right` and `difference` are set.
    fn push_cmp(
        &mut self,
        severity: Severity,
        rule: &'static str,
        path: &str,
        message: String,
        (left, right): (Decimal, Decimal),
    ) {
        if !self.record(severity, rule, path, message) {
            return;
        }
        let last = self.findings.last_mut().expect("just pushed");
        last.left = Some(left);
        last.right = Some(right);
        last.difference = Some(left - right);
    }

    /// Checks `left == right`; a difference within rounding of `terms` rounded figures is a
    /// tail-difference warning, beyond it an error.
    fn equal(
        &mut self,
        rule: &'static str,
        path: &str,
        what: &str,
        (ln, left): (&str, Decimal),
        (rn, right): (&str, Decimal),
        terms: u32,
    ) {
        let tolerance = self.per_term * Decimal::from(terms);
        self.compare(rule, path, what, (ln, left), (rn, right), tolerance);
    }

    /// Compares two figures with a tolerance: equal is fine, within `tolerance` a tail-difference
    /// warning, beyond it an error.
    fn compare(
        &mut self,
        rule: &'static str,
        path: &str,
        what: &str,
        (ln, left): (&str, Decimal),
        (rn, right): (&str, Decimal),
        tolerance: Decimal,
    ) {
        let diff = left - right;
        if diff.is_zero() {
            return;
        }
        let tail = diff.abs() <= tolerance;
        let (severity, kind) = if tail {
            (Severity::Warning, "（在四舍五入尾差范围内）")
        } else {
            (Severity::Error, "")
        };
        let (l, r, d) = sides(left, right);
        let mut message = format!("{what}：{ln} {l} ≠ {rn} {r}，相差 {d}{kind}");
        if tail {
            message.push_str(&format!("（规则 {rule}）"));
        }
        self.push_cmp(
            severity,
            if tail { "tail_difference" } else { rule },
            path,
            message,
            (left, right),
        );
    }

    /// Checks two figures the report prints for one and the same quantity (收入总计 and 支出总计,
    /// 05表 and 06表 公用经费 …): any difference is an error, never a tail, because the published
    /// report would state two values for one thing. `fix` says how to make them agree.
    fn same_quantity(
        &mut self,
        rule: &'static str,
        path: &str,
        what: &str,
        (ln, left): (&str, Decimal),
        (rn, right): (&str, Decimal),
        fix: &str,
    ) {
        if left == right {
            return;
        }
        let (l, r, d) = sides(left, right);
        let message = format!("{what}：{ln} {l} ≠ {rn} {r}，相差 {d}。报告会对同一个数印出两个值：{fix}");
        self.push_cmp(Severity::Error, rule, path, message, (left, right));
    }

    /// Compares a total the unit recorded as published (`given`, in the unit's input unit) with
    /// the one juesuan derives, at the precision of the published figure: a 万元 figure (two
    /// decimals in 万元, so whole hundreds with 元 input) agrees when the derived figure rounds to
    /// it; otherwise a difference within the rounding of `terms` 万元 cells is a tail-difference
    /// warning and beyond it an error. A figure given to the 元 must agree exactly.
    fn published(
        &mut self,
        rule: &'static str,
        path: &str,
        what: &str,
        (ln, given): (&str, crate::money::Amount),
        (rn, derived): (&str, Decimal),
        terms: u32,
    ) {
        let given = crate::derive::Scale::of(&self.loaded.unit).wan(given);
        let in_wan = crate::money::round_half_up(given, 2) == given;
        if in_wan && crate::money::round_half_up(derived, 2) == given {
            return;
        }
        let tolerance = if in_wan {
            Decimal::new(5, 3) * Decimal::from(terms.max(1))
        } else {
            Decimal::ZERO
        };
        self.compare(rule, path, what, (ln, given), (rn, derived), tolerance);
    }
}

/// Runs every audit rule on a loaded unit and its derived context, naming the tables as the
/// built-in templates print them under the unit's own profile (`settings.profile`, else the
/// default; one it does not know counts as the default: the pipeline refuses it before this).
pub fn audit(loaded: &Loaded, ctx: &Context) -> Vec<Finding> {
    let r = crate::render::Renderer::builtin();
    let profile = crate::profile::choose(None, loaded, &r.profiles())
        .map(|c| c.name)
        .unwrap_or_else(|_| crate::profile::DEFAULT.to_string());
    let report = match r.document(ctx, &profile) {
        Ok(d) => r.printed(&d, ctx, &profile),
        Err(_) => Printed::without_document(&profile, r.prose(&profile), r.additions(ctx, &profile)),
    };
    audit_with(loaded, ctx, &report)
}

/// Runs every audit rule on a loaded unit and its derived context; `report` is what its report
/// prints under its profile: messages name a table by its number and title there, a figure is
/// asked for where a printed column needs it, a reason where a printed sentence uses it, and
/// what the unit gave that the report leaves out is said (`reason.unused`, `profile.unprinted`).
pub fn audit_with(loaded: &Loaded, ctx: &Context, report: &Printed) -> Vec<Finding> {
    let per_term = match loaded.unit.settings.input_unit {
        InputUnit::TenThousand => Decimal::new(5, 3),
        InputUnit::Yuan => Decimal::ZERO,
    };
    let mut a = Auditor {
        loaded,
        tables: &report.tables,
        report,
        findings: Vec::new(),
        per_term,
        counts: Default::default(),
    };
    profile(&mut a);
    codes::codes(&mut a);
    identities::split(&mut a, ctx);
    identities::identities(&mut a, ctx);
    identities::published(&mut a, ctx);
    consistency::consistency(&mut a, ctx);
    disclosures::disclosures(&mut a, ctx);
    reasons::reasons(&mut a, ctx);
    unprinted::unprinted(&mut a);
    previous(&mut a);
    sample::sample_values(&mut a);
    placeholders::placeholders(&mut a);
    for (rule, (n, worst)) in std::mem::take(&mut a.counts) {
        if let Some(severity) = worst {
            let more = n - MAX_FINDINGS_PER_RULE;
            a.findings.push(Finding {
                severity,
                rule,
                file: loaded.path.display().to_string(),
                path: String::new(),
                line: None,
                message: format!(
                    "同类问题（规则 {rule}）另有 {more} 条未逐条列出（只列出前 {MAX_FINDINGS_PER_RULE} 条）：请先改正上面列出的，再重新检查"
                ),
                left: None,
                right: None,
                difference: None,
            });
        }
    }
    let mut f = a.findings;
    f.sort_by(|x, y| x.severity.cmp(&y.severity).then(x.line.cmp(&y.line)));
    f
}

fn profile(a: &mut Auditor) {
    let u = &a.loaded.unit.unit;
    if u.name.trim().is_empty() {
        a.push(
            Severity::Error,
            "unit.name",
            "unit.name",
            "单位名称为空：请填写单位全称".into(),
        );
    }
    let years = crate::input::YEARS;
    if !years.contains(&u.year) {
        a.push(
            Severity::Error,
            "unit.year",
            "unit.year",
            format!(
                "年度 {} 不合理：应为 {} 至 {} 之间的四位年份，如 2024",
                u.year,
                years.start(),
                years.end()
            ),
        );
    }
    if let Some(e) = u.established {
        if !years.contains(&e) || e > u.year {
            a.push(
                Severity::Error,
                "unit.established",
                "unit.established",
                format!(
                    "设立年份 {e} 不合理：应为 {} 至决算年度 {} 之间的年份",
                    years.start(),
                    u.year
                ),
            );
        } else if e == u.year && (previous_given(&a.loaded.unit) || a.loaded.unit.previous_file.is_some()) {
            a.push(
                Severity::Error,
                "unit.established",
                "unit.established",
                format!(
                    "本单位 {e} 年新设立，没有上年，但又填写了上年数据（previous 或 previous_file）：新设立的单位请删去上年数据；如果本单位由原单位改设、上年数据可比，请删去 unit.established"
                ),
            );
        }
    }
    if u.duties.iter().all(|d| d.trim().is_empty()) {
        a.push(
            Severity::Warning,
            "unit.duties",
            "unit.duties",
            "未填写主要职责：报告第一部分将写“主要职责未列出”，请在 unit.duties 中逐条填写".into(),
        );
    }
    let administrative = matches!(
        u.nature,
        Some(crate::input::UnitNature::Administrative | crate::input::UnitNature::CivilServiceManaged)
    );
    if administrative && a.loaded.unit.operating_costs.is_none() {
        a.push(
            Severity::Warning,
            "operating_costs.missing",
            "operating_costs",
            "行政（参公）单位应公开机关运行经费：未填写 operating_costs，报告将写“无机关运行经费支出”".into(),
        );
    }
    let s = &a.loaded.unit.settings;
    if !(1..=2).contains(&s.percent_decimals) {
        a.push(
            Severity::Error,
            "settings.percent_decimals",
            "settings.percent_decimals",
            format!("百分比小数位只能是 1 或 2，写的是 {}", s.percent_decimals),
        );
    }
}

/// Whether the unit wrote any figure of last year under `previous` (a `previous` of nulls, as
/// `init` writes it, gives none).
fn previous_given(u: &crate::input::UnitFile) -> bool {
    u.previous.as_ref().is_some_and(|p| {
        serde_json::to_value(p).ok() != serde_json::to_value(crate::input::PreviousYear::default()).ok()
    })
}

fn previous(a: &mut Auditor) {
    for c in crate::derive::prior::PriorFigures::stated_total_conflicts(&a.loaded.unit) {
        let path = format!("previous.totals.{}", c.key);
        let what = format!(
            "上年数据 previous.totals.{} 与 previous 中按“项”填写的数不一致（报告使用按“项”的数）",
            c.key
        );
        let terms = a
            .loaded
            .unit
            .previous
            .as_ref()
            .map(|p| p.income.as_ref().map_or(0, Vec::len) + p.expenditure.as_ref().map_or(0, Vec::len))
            .unwrap_or(0)
            .max(1) as u32;
        a.equal(
            "previous.totals",
            &path,
            &what,
            ("填写的合计", c.stated),
            ("各“项”之和", c.from_rows),
            terms,
        );
    }
    let Some(prev) = &a.loaded.previous else {
        return;
    };
    let (y, py) = (a.loaded.unit.unit.year, prev.unit.unit.year);
    // In u32: a year of 65535 plus one must not overflow.
    if u32::from(py) + 1 != u32::from(y) {
        let expected = if crate::input::YEARS.contains(&y) {
            format!("上年应为 {} 年度", y - 1)
        } else {
            "本年度不在合理范围内".to_string()
        };
        a.push(
            Severity::Error,
            "previous.year",
            "previous_file",
            format!("previous_file 指向的是 {py} 年度的数据，{expected}"),
        );
    }
    if prev.unit.unit.name.trim() != a.loaded.unit.unit.name.trim() {
        a.push(
            Severity::Warning,
            "previous.name",
            "previous_file",
            format!(
                "上年文件的单位名称“{}”与本年“{}”不同：请确认是同一单位",
                prev.unit.unit.name, a.loaded.unit.unit.name
            ),
        );
    }
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}
