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
mod identities;
mod reasons;

/// Collects findings about one loaded unit.
struct Auditor<'a> {
    loaded: &'a Loaded,
    findings: Vec<Finding>,
    /// Rounding tolerance per rounded term: 0.005 万元 for 万元 input (tail differences of published
    /// figures), zero for 元 input (exact).
    per_term: Decimal,
}

/// An amount as findings print it.
fn w(d: Decimal) -> String {
    format_fixed(d, 2, false)
}

impl Auditor<'_> {
    fn push(&mut self, severity: Severity, rule: &'static str, path: &str, message: String) {
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
        let diff = left - right;
        if diff.is_zero() {
            return;
        }
        let tail = diff.abs() <= self.per_term * Decimal::from(terms);
        let (severity, kind) = if tail {
            (Severity::Warning, "（在四舍五入尾差范围内）")
        } else {
            (Severity::Error, "")
        };
        let message = format!(
            "{what}：{ln} {}万元 ≠ {rn} {}万元，相差 {}万元{kind}",
            w(left),
            w(right),
            w(diff)
        );
        self.push(
            severity,
            if tail { "tail_difference" } else { rule },
            path,
            message,
        );
        let last = self.findings.last_mut().expect("just pushed");
        last.left = Some(left);
        last.right = Some(right);
        last.difference = Some(diff);
        if tail {
            last.message.push_str(&format!("（规则 {rule}）"));
        }
    }
}

/// Runs every audit rule on a loaded unit and its derived context.
pub fn audit(loaded: &Loaded, ctx: &Context) -> Vec<Finding> {
    let per_term = match loaded.unit.settings.input_unit {
        InputUnit::TenThousand => Decimal::new(5, 3),
        InputUnit::Yuan => Decimal::ZERO,
    };
    let mut a = Auditor {
        loaded,
        findings: Vec::new(),
        per_term,
    };
    profile(&mut a);
    codes::codes(&mut a);
    identities::identities(&mut a, ctx);
    identities::published(&mut a, ctx);
    consistency::consistency(&mut a, ctx);
    reasons::reasons(&mut a, ctx);
    previous(&mut a);
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
    if !(1990..=2100).contains(&u.year) {
        a.push(
            Severity::Error,
            "unit.year",
            "unit.year",
            format!("年度 {} 不合理：应为四位年份，如 2024", u.year),
        );
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

fn previous(a: &mut Auditor) {
    let Some(prev) = &a.loaded.previous else {
        return;
    };
    let (y, py) = (a.loaded.unit.unit.year, prev.unit.unit.year);
    if py + 1 != y {
        a.push(
            Severity::Error,
            "previous.year",
            "previous_file",
            format!(
                "previous_file 指向的是 {py} 年度的数据，上年应为 {} 年度",
                y.saturating_sub(1)
            ),
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
