//! The `check` audit: the identities of the official 表内/表间审核公式 (domain.md §2) on exact
//! values, the structural rules of the classification codes, and the warnings a disclosure
//! checker raises (missing reasons, vehicles, procurement, 绩效 weights …).
//!
//! Every finding names its rule, the YAML path (and line), both values and the difference, so a
//! finance officer can go straight to the figure. All findings are collected, never just the
//! first.

use crate::catalogue::{self, BASIC_ECONOMIC_CLASSES, Classification, Level};
use crate::derive::{BudgetCompare, Change, Context};
use crate::input::{Code, InputUnit, UnitNature};
use crate::load::Loaded;
use crate::money::format_fixed;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
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

struct Auditor<'a> {
    loaded: &'a Loaded,
    findings: Vec<Finding>,
    /// Rounding tolerance per rounded term: 0.005 万元 for 万元 input (tail differences of published
    /// figures), zero for 元 input (exact).
    per_term: Decimal,
}

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
            line: self.loaded.index.line(path),
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
    codes(&mut a);
    identities(&mut a, ctx);
    consistency(&mut a, ctx);
    reasons(&mut a, ctx);
    published(&mut a, ctx);
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

fn codes(a: &mut Auditor) {
    let unit = &a.loaded.unit;
    let lists: [(&str, Vec<CodeRef>); 3] = [
        (
            "income",
            unit.income
                .iter()
                .map(|r| (&r.code, r.name.as_ref()))
                .collect(),
        ),
        (
            "expenditure",
            unit.expenditure
                .iter()
                .map(|r| (&r.code, r.name.as_ref()))
                .collect(),
        ),
        (
            "balances.fund_items",
            unit.balances
                .fund_items
                .iter()
                .map(|r| (&r.code, r.name.as_ref()))
                .collect(),
        ),
    ];
    let given_names: BTreeMap<&str, &str> = unit
        .code_names
        .iter()
        .map(|c| (c.code.0.as_str(), c.name.as_str()))
        .collect();
    for (list, rows) in &lists {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, (code, name)) in rows.iter().enumerate() {
            let path = format!("{list}[{i}].code");
            if let Some(first) = seen.insert(code.0.as_str(), i) {
                a.push(
                    Severity::Error,
                    "code.duplicate",
                    &path,
                    format!("科目 {code} 重复：已在 {list}[{first}] 填写过，同一“项”只能写一行"),
                );
            }
            function_code(a, &path, code, *name, &given_names);
        }
    }
    for (i, r) in unit.code_names.iter().enumerate() {
        let path = format!("code_names[{i}]");
        if !matches!(r.code.0.len(), 3 | 5) {
            a.push(
                Severity::Error,
                "code.structure",
                &path,
                format!("code_names 只用于3位“类”或5位“款”编码，{} 不是", r.code),
            );
        } else if let Some(known) = catalogue::name_of(Classification::Function, &r.code.0)
            && known != r.name.trim()
        {
            a.push(
                Severity::Error,
                "code.name_mismatch",
                &path,
                format!("科目 {} 的名称应为“{known}”，写的是“{}”", r.code, r.name),
            );
        }
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, r) in unit.basic_by_economic.iter().enumerate() {
        let path = format!("basic_by_economic[{i}].code");
        let c = r.code.0.as_str();
        if let Some(first) = seen.insert(c, i) {
            a.push(
                Severity::Error,
                "code.duplicate",
                &path,
                format!("经济分类 {c} 重复：已在 basic_by_economic[{first}] 填写过"),
            );
        }
        if c.len() != 5 {
            a.push(
                Severity::Error,
                "economic.structure",
                &path,
                format!("经济分类应填5位“款”编码（如 30101），{c} 是{}位", c.len()),
            );
            continue;
        }
        if !BASIC_ECONOMIC_CLASSES.contains(&&c[..3]) {
            a.push(
                Severity::Error,
                "economic.structure",
                &path,
                format!("{c} 不属于基本支出可用的经济分类（301、302、303、307、309、310、311、312、399）"),
            );
        }
        match (catalogue::name_of(Classification::Economic, c), &r.name) {
            (Some(known), Some(n)) if known != n.trim() => a.push(
                Severity::Error,
                "code.name_mismatch",
                &format!("basic_by_economic[{i}].name"),
                format!("经济分类 {c} 的名称应为“{known}”，写的是“{n}”"),
            ),
            (None, None) => a.push(
                Severity::Error,
                "code.name_missing",
                &path,
                format!(
                    "经济分类 {c} 不在科目目录中，请核对编码{}，或用 name 写明科目名称",
                    suggest(Classification::Economic, c)
                ),
            ),
            (None, Some(_)) => a.push(
                Severity::Warning,
                "code.unknown",
                &path,
                format!("经济分类 {c} 不在内置科目目录中（目录不完整），已采用填写的名称，请核对"),
            ),
            _ => {}
        }
    }
    for (i, r) in unit.expenditure.iter().enumerate() {
        if let Some(fund) = catalogue::reserved_fund(&r.code.0) {
            let g = &r.general;
            let general = g.personnel.0 + g.public.0 + g.project.0;
            if !general.is_zero() {
                a.push(
                    Severity::Error,
                    "fund_type",
                    &format!("expenditure[{i}].general"),
                    format!(
                        "科目 {} 是{fund}安排的支出，不能列入一般公共预算财政拨款（公开05表）：请改填在 {}",
                        r.code,
                        if fund == "政府性基金" { "fund" } else { "state_capital" }
                    ),
                );
            }
        }
    }
}

/// A code as written in a row, with the name the row gives it.
type CodeRef<'a> = (&'a Code, Option<&'a String>);

fn suggest(class: Classification, code: &str) -> String {
    // A mistyped code is often one digit short or long (000 typed 280505 for 2080505).
    let lengths = [code.len().saturating_sub(1), code.len(), code.len() + 1];
    let near: Vec<&str> = lengths
        .iter()
        .flat_map(|&len| catalogue::codes_like(class, len))
        .filter(|c| crate::yaml::edit_distance(c, code) <= 1)
        .take(3)
        .collect();
    if near.is_empty() {
        String::new()
    } else {
        format!("（相近的编码：{}）", near.join("、"))
    }
}

fn function_code(
    a: &mut Auditor,
    path: &str,
    code: &Code,
    name: Option<&String>,
    given: &BTreeMap<&str, &str>,
) {
    let c = code.0.as_str();
    match Level::of(c) {
        Some(Level::Item) => {}
        Some(level) => {
            a.push(
                Severity::Error,
                "code.level",
                path,
                format!("此处应填7位“项”编码，{c} 是{}位“{}”编码：“款”“类”由各“项”汇总得出，不要直接填写", c.len(), level.label()),
            );
            return;
        }
        None => {
            let hint = if c.len() == 6 || c.len() == 8 {
                suggest(Classification::Function, c)
            } else {
                String::new()
            };
            a.push(
                Severity::Error,
                "code.structure",
                path,
                format!(
                    "科目编码 {c} 长度为{}位：功能分类“项”应为7位（类3位+款2位+项2位）{hint}",
                    c.len()
                ),
            );
            return;
        }
    }
    let name_path = path.replace(".code", ".name");
    match (catalogue::name_of(Classification::Function, c), name) {
        (Some(known), Some(n)) if known != n.trim() => a.push(
            Severity::Error,
            "code.name_mismatch",
            &name_path,
            format!(
                "科目 {c} 的名称应为“{known}”，写的是“{}”：请核对编码或名称",
                n.trim()
            ),
        ),
        (None, None) => a.push(
            Severity::Error,
            "code.name_missing",
            path,
            format!(
                "科目 {c} 不在内置科目目录中（目录不完整）{}：请核对编码，或用 name 写明科目名称",
                suggest(Classification::Function, c)
            ),
        ),
        (None, Some(_)) => a.push(
            Severity::Warning,
            "code.unknown",
            path,
            format!("科目 {c} 不在内置科目目录中（目录不完整），已采用填写的名称，请核对"),
        ),
        _ => {}
    }
    for parent in [&c[..3], &c[..5]] {
        if catalogue::name_of(Classification::Function, parent).is_none()
            && !given.contains_key(parent)
        {
            a.push(
                Severity::Error,
                "code.name_missing",
                path,
                format!("上级科目 {parent} 不在内置科目目录中：请在 code_names 中写明它的名称"),
            );
        }
    }
}

fn identities(a: &mut Auditor, ctx: &Context) {
    let o = &ctx.text.overall;
    let rows = |n: usize| n as u32;
    a.equal(
        "balance.total",
        "balances",
        "收入总计应等于支出总计（公开01表）",
        ("收入总计", o.income_grand_total),
        ("支出总计", o.spending_grand_total),
        rows(a.loaded.unit.income.len() + a.loaded.unit.expenditure.len() + 4),
    );
    let fund_paths = [
        "balances.opening.general",
        "balances.fund_items",
        "balances.opening.state_capital",
    ];
    for (i, fl) in ctx.text.fiscal.funds.iter().enumerate() {
        a.equal(
            ["balance.general", "balance.fund", "balance.state_capital"][i],
            fund_paths[i],
            &format!(
                "{}：年初结转和结余 + 本年收入 应等于 本年支出 + 年末结转和结余（公开04表）",
                fl.name
            ),
            ("年初结转和结余+本年收入", fl.opening + fl.income),
            ("本年支出+年末结转和结余", fl.spending + fl.closing),
            rows(a.loaded.unit.expenditure.len() + 3),
        );
    }
    for row in ctx
        .tables
        .t07
        .rows
        .iter()
        .filter(|r| r.level == Level::Item)
    {
        let c = &row.cells;
        let i = a
            .loaded
            .unit
            .balances
            .fund_items
            .iter()
            .position(|r| r.code.0 == row.code);
        let path = i
            .map(|i| format!("balances.fund_items[{i}]"))
            .unwrap_or_else(|| "balances.fund_items".into());
        a.equal(
            "t07.balance",
            &path,
            &format!(
                "公开07表 {} {}：年初结转和结余 + 本年收入 − 本年支出 应等于 年末结转和结余",
                row.code, row.name
            ),
            ("年初+收入−支出", c[0] + c[1] - c[2]),
            ("年末结转和结余", c[5]),
            4,
        );
    }
    let t06 = &ctx.tables.t06;
    let b = &ctx.text.basic;
    if a.loaded.unit.basic_by_economic.is_empty() {
        if !b.total.is_zero() {
            a.push(
                Severity::Warning,
                "t06.missing",
                "basic_by_economic",
                format!(
                    "有一般公共预算财政拨款基本支出 {}万元，但未按经济分类填写 basic_by_economic：公开06表将为空，情况说明六不能列出经费构成",
                    w(b.total)
                ),
            );
        }
    } else {
        let terms = rows(a.loaded.unit.basic_by_economic.len() + a.loaded.unit.expenditure.len());
        a.equal(
            "t05_t06.personnel",
            "basic_by_economic",
            "公开05表人员经费应等于公开06表人员经费合计（301+303）",
            ("05表人员经费", b.personnel),
            ("06表人员经费合计", t06.personnel_total),
            terms,
        );
        a.equal(
            "t05_t06.public",
            "basic_by_economic",
            "公开05表公用经费应等于公开06表公用经费合计（302+307+309+310+312+399）",
            ("05表公用经费", b.public),
            ("06表公用经费合计", t06.public_total),
            terms,
        );
    }
}

fn consistency(a: &mut Auditor, ctx: &Context) {
    let unit = &a.loaded.unit;
    let s = &unit.sangong;
    if let Some(assets) = &unit.assets {
        let kinds = [
            assets.vehicles_leader,
            assets.vehicles_principal,
            assets.vehicles_confidential,
            assets.vehicles_emergency,
            assets.vehicles_enforcement,
            assets.vehicles_special,
            assets.vehicles_retired,
            assets.vehicles_other,
        ];
        let sum: u32 = kinds.iter().sum();
        if sum != assets.vehicles_total {
            a.push(
                Severity::Error,
                "assets.vehicles",
                "assets.vehicles_total",
                format!(
                    "车辆总数 {} 辆 ≠ 各类车辆之和 {} 辆，相差 {} 辆",
                    assets.vehicles_total,
                    sum,
                    i64::from(assets.vehicles_total) - i64::from(sum)
                ),
            );
        }
        if assets.vehicles_total != s.vehicles_held && s.fleet_note.is_none() {
            a.push(
                Severity::Warning,
                "assets.vehicles_vs_sangong",
                "sangong.vehicles_held",
                format!(
                    "国有资产车辆数 {} 辆 ≠ “三公”公务用车保有量 {} 辆：如确有原因（如车辆由机关统一调配），请在 sangong.fleet_note 说明",
                    assets.vehicles_total, s.vehicles_held
                ),
            );
        }
    }
    if s.foreign_amount > s.reception.actual {
        a.push(
            Severity::Error,
            "sangong.foreign",
            "sangong.foreign_amount",
            format!(
                "外事接待费 {}万元 大于公务接待费 {}万元",
                w(s.foreign_amount.0),
                w(s.reception.actual.0)
            ),
        );
    }
    if s.foreign_batches > s.reception_batches || s.foreign_people > s.reception_people {
        a.push(
            Severity::Error,
            "sangong.foreign",
            "sangong.foreign_batches",
            "外事接待批次或人次大于公务接待总批次或人次".into(),
        );
    }
    if !s.vehicle_purchase.actual.0.is_zero() && s.vehicles_bought == 0 {
        a.push(
            Severity::Warning,
            "sangong.vehicles_bought",
            "sangong.vehicles_bought",
            "有公务用车购置费但购置数为 0 辆：请填写 vehicles_bought".into(),
        );
    }
    if !s.vehicle_running.actual.0.is_zero() && s.vehicles_held == 0 {
        a.push(
            Severity::Warning,
            "sangong.vehicles_held",
            "sangong.vehicles_held",
            "有公务用车运行维护费但保有量为 0 辆：请填写 vehicles_held，或在 fleet_note 说明"
                .into(),
        );
    }
    if let Some(p) = &ctx.text.procurement {
        if let Some(t) = unit.procurement.as_ref().and_then(|p| p.total) {
            let given = crate::derive::figures_scale(unit).wan(t);
            a.equal(
                "procurement.total",
                "procurement.total",
                "政府采购总额应等于货物+工程+服务",
                ("填写的总额", given),
                ("货物+工程+服务", p.total),
                4,
            );
        }
        if p.small_micro > p.sme {
            a.push(Severity::Error, "procurement.small_micro", "procurement.small_micro", format!(
                "授予小微企业金额 {}万元 大于授予中小企业金额 {}万元（小微企业是中小企业的一部分）", w(p.small_micro), w(p.sme)));
        }
        if p.sme > p.total {
            a.push(
                Severity::Error,
                "procurement.sme",
                "procurement.sme",
                format!(
                    "授予中小企业金额 {}万元 大于政府采购总额 {}万元",
                    w(p.sme),
                    w(p.total)
                ),
            );
        }
    }
    if let (Some(op), Some(nature)) = (&ctx.text.operating_costs, unit.unit.nature) {
        let public = ctx.tables.t06.public_total;
        let administrative = matches!(
            nature,
            UnitNature::Administrative | UnitNature::CivilServiceManaged
        );
        if administrative && !unit.basic_by_economic.is_empty() && op.amount != public {
            a.push(Severity::Warning, "operating_costs.public", "operating_costs.amount", format!(
                "行政（参公）单位的机关运行经费 {}万元 通常等于公开06表公用经费合计 {}万元，相差 {}万元：请核对",
                w(op.amount), w(public), w(op.amount - public)));
        }
    }
    let evals = unit
        .performance
        .overall
        .iter()
        .map(|e| ("performance.overall".to_string(), e))
        .chain(
            unit.performance
                .projects
                .iter()
                .enumerate()
                .map(|(i, e)| (format!("performance.projects[{i}]"), e)),
        );
    for (path, e) in evals.collect::<Vec<_>>() {
        let funds_weight = crate::derive::funds_weight(e);
        let weights: Decimal = funds_weight
            + e.indicators
                .iter()
                .filter_map(|i| i.weight)
                .map(|x| x.0)
                .sum::<Decimal>();
        let has_weights = e.indicators.iter().any(|i| i.weight.is_some());
        if has_weights && weights != Decimal::ONE_HUNDRED {
            a.push(
                Severity::Warning,
                "performance.weights",
                &path,
                format!(
                    "绩效自评表分值合计应为 100，实际为 {}（预算执行 {} + 各指标分值）",
                    weights.normalize(),
                    funds_weight.normalize()
                ),
            );
        }
        for (k, ind) in e.indicators.iter().enumerate() {
            if let (Some(wt), Some(sc)) = (ind.weight, ind.score)
                && sc > wt
            {
                a.push(
                    Severity::Error,
                    "performance.score_over_weight",
                    &format!("{path}.indicators[{k}].score"),
                    format!(
                        "指标“{}”得分 {} 超过分值 {}",
                        ind.level3,
                        sc.0.normalize(),
                        wt.0.normalize()
                    ),
                );
            }
        }
        let has_scores = e.indicators.iter().any(|i| i.score.is_some()) || e.funds_score.is_some();
        if let (Some(given), true) = (e.score, has_scores) {
            let sum = e.funds_score.map(|x| x.0).unwrap_or_default()
                + e.indicators
                    .iter()
                    .filter_map(|i| i.score)
                    .map(|x| x.0)
                    .sum::<Decimal>();
            if given.0 != sum {
                let tail = (given.0 - sum).abs()
                    <= Decimal::new(1, 1) * Decimal::from(e.indicators.len().max(1) as u32)
                        / Decimal::TEN;
                a.push(
                    if tail {
                        Severity::Warning
                    } else {
                        Severity::Error
                    },
                    "performance.score_sum",
                    &format!("{path}.score"),
                    format!(
                        "自评总分 {} ≠ 各项得分之和 {}，相差 {}",
                        given.0.normalize(),
                        sum.normalize(),
                        (given.0 - sum).normalize()
                    ),
                );
            }
        }
    }
    let pf = &ctx.text.performance;
    if pf.covered > ctx.text.spending.kinds[1].amount {
        a.push(Severity::Warning, "performance.covered", "performance.projects", format!(
            "绩效自评项目的全年预算合计 {}万元 大于本年项目支出 {}万元：自评涉及资金应为项目支出的一部分，请核对（情况说明不列占比）",
            w(pf.covered), w(ctx.text.spending.kinds[1].amount)));
    }
    let b = &unit.budget;
    if let (Some(given), Some(sum)) = (b.general_initial, items_initial_sum(ctx)) {
        let given = crate::derive::figures_scale(unit).wan(given);
        if given != sum {
            a.push(
                Severity::Warning,
                "budget.items",
                "budget.general_initial",
                format!(
                    "一般公共预算年初预算合计 {}万元 ≠ 各“项”年初预算之和 {}万元，相差 {}万元",
                    w(given),
                    w(sum),
                    w(given - sum)
                ),
            );
        }
    }
}

/// Compares the totals a unit recorded as published with the ones juesuan derives from its 项.
fn published(a: &mut Auditor, ctx: &Context) {
    let Some(p) = a.loaded.unit.published.clone() else {
        return;
    };
    let scale = crate::derive::figures_scale(&a.loaded.unit);
    let t = &ctx.text;
    let n = (a.loaded.unit.expenditure.len() + a.loaded.unit.income.len()).max(1) as u32;
    let checks = [
        (
            "total",
            p.total,
            t.overall.income_grand_total,
            "收入支出总计",
        ),
        ("income", p.income, t.overall.income_total, "本年收入合计"),
        (
            "expenditure",
            p.expenditure,
            t.overall.spending_total,
            "本年支出合计",
        ),
        ("basic", p.basic, t.spending.kinds[0].amount, "基本支出"),
        ("project", p.project, t.spending.kinds[1].amount, "项目支出"),
        (
            "fiscal_total",
            p.fiscal_total,
            t.fiscal.grand_total,
            "财政拨款收入支出总计",
        ),
        (
            "general",
            p.general,
            t.general.total,
            "一般公共预算财政拨款支出",
        ),
        ("personnel", p.personnel, t.basic.personnel, "人员经费"),
        ("public", p.public, t.basic.public, "公用经费"),
    ];
    for (key, given, derived, what) in checks {
        if let Some(g) = given {
            a.equal(
                "published.total",
                &format!("published.{key}"),
                &format!("公布的{what}与各“项”汇总数不一致"),
                ("公布数", scale.wan(g)),
                ("汇总数", derived),
                n,
            );
        }
    }
    for (i, r) in p.general_rows.iter().enumerate() {
        let derived = ctx
            .tables
            .t05
            .rows
            .iter()
            .find(|row| row.code == r.code.0)
            .map(|row| row.cells[0]);
        match derived {
            Some(d) => a.equal(
                "published.row",
                &format!("published.general_rows[{i}]"),
                &format!("公开05表 {} 行公布的合计数与其下各“项”之和不一致", r.code),
                ("公布数", scale.wan(r.amount)),
                ("各项之和", d),
                n,
            ),
            None => a.push(
                Severity::Error,
                "published.row",
                &format!("published.general_rows[{i}].code"),
                format!(
                    "公开05表中没有 {} 行：请核对编码（应为有一般公共预算支出的“类”或“款”）",
                    r.code
                ),
            ),
        }
    }
}

fn items_initial_sum(ctx: &Context) -> Option<Decimal> {
    let items = &ctx.text.general.items;
    let v: Option<Vec<Decimal>> = items.iter().map(|i| i.budget.initial).collect();
    v.filter(|v| !v.is_empty()).map(|v| v.into_iter().sum())
}

fn reasons(a: &mut Auditor, ctx: &Context) {
    let threshold = a.loaded.unit.settings.reason_threshold;
    let t = &ctx.text;
    let change = |a: &mut Auditor, path: &str, what: &str, c: &Change| {
        if c.reason.is_none() && c.needs_reason(threshold) {
            let prev = c.previous.map(w).unwrap_or_default();
            a.push(
                Severity::Warning,
                "reason.change",
                path,
                format!(
                    "{what}比上年变化较大（{} → {}万元）但没有填写主要原因",
                    prev,
                    w(c.current)
                ),
            );
        }
    };
    change(a, "reasons.total_change", "收入支出总计", &t.overall.change);
    change(
        a,
        "reasons.fiscal_change",
        "财政拨款收入支出总计",
        &t.fiscal.change,
    );
    change(
        a,
        "reasons.general_change",
        "一般公共预算财政拨款支出",
        &t.general.change,
    );
    change(a, "sangong.change_reason", "“三公”经费", &t.sangong.change);
    if let Some(op) = &t.operating_costs {
        change(
            a,
            "operating_costs.change_reason",
            "机关运行经费",
            &op.change,
        );
    }
    let budget = |a: &mut Auditor, path: &str, what: &str, b: &BudgetCompare| {
        if b.reason.is_none() && b.needs_reason(threshold) {
            a.push(
                Severity::Warning,
                "reason.budget",
                path,
                format!(
                    "{what}决算数 {}万元 与预算数 {}万元 差异较大，但没有填写主要原因",
                    w(b.actual),
                    b.budget.map(w).unwrap_or_else(|| "0.00".into())
                ),
            );
        }
    };
    budget(a, "reasons.fiscal_budget", "财政拨款", &t.fiscal.budget);
    budget(
        a,
        "reasons.general_budget",
        "一般公共预算财政拨款",
        &t.general.budget,
    );
    budget(a, "sangong.budget_reason", "“三公”经费", &t.sangong.total);
    for item in &t.general.items {
        let i = a
            .loaded
            .unit
            .expenditure
            .iter()
            .position(|r| r.code.0 == item.code);
        let base = i
            .map(|i| format!("expenditure[{i}]"))
            .unwrap_or_else(|| "previous".into());
        let what = format!("{} {}", item.code, item.name);
        change(a, &format!("{base}.change_reason"), &what, &item.change);
        budget(a, &format!("{base}.budget_reason"), &what, &item.budget);
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
