//! Consistency of the other disclosures: vehicles and the 三公 counts, 政府采购 (totals, awards,
//! reserved projects), 预算绩效管理 (grades, problems, scores, amounts), and the figures a
//! profile's template cannot do without (Shanghai's 十一（三） lists the vehicles).
//!
//! A count the unit does not know (`None`) is never compared: the report leaves it out, and no
//! rule guesses it is zero.

use super::{Auditor, Severity, w};
use crate::derive::{Context, Scale};
use crate::input::{PerformanceManagement, Procurement};
use crate::money::Amount;
use crate::profile::Prose;
use rust_decimal::Decimal;

pub(super) fn disclosures(a: &mut Auditor, ctx: &Context) {
    profile_needs(a);
    table_missing(a);
    sangong(a);
    reception_split(a);
    if let Some(pr) = &a.loaded.unit.procurement {
        procurement(a, ctx, pr);
    }
    if let Some(m) = &a.loaded.unit.performance.management {
        management(a, ctx, m);
    }
}

/// A figure a printed table needs that the unit did not give: the table would print an empty
/// cell that reads as 0, so the report is refused until it is filled (an unknown 三公 count is
/// not asked for: it prints empty by design, as the prose leaves it out).
fn table_missing(a: &mut Auditor) {
    let tables = a.tables;
    for t in tables.printed() {
        for m in &t.missing {
            a.push(
                Severity::Error,
                "table.missing",
                &m.path,
                format!(
                    "{} {} 印出“{}”的{}，本单位没有填写：请填写 {}（{}）",
                    t.number, t.title, m.row, m.column, m.path, m.hint
                ),
            );
        }
    }
}

/// 公务接待费 = 国内接待费 + 国（境）外接待费 (决算数, where the split is given), and 外事接待费
/// is a part of 国内接待费.
fn reception_split(a: &mut Auditor) {
    let unit = &a.loaded.unit;
    let s = &unit.sangong;
    let scale = Scale::of(unit);
    let wan = |d: Decimal| scale.wan(Amount(d));
    let whole = s.reception.actual.0;
    let (domestic, overseas) = (
        s.reception_domestic.map(|x| x.0),
        s.reception_overseas.map(|x| x.0),
    );
    match (domestic, overseas) {
        (Some(d), Some(o)) if d + o != whole => a.push_cmp(
            Severity::Error,
            "sangong.reception_split",
            "sangong.reception_domestic",
            format!(
                "国内接待费 {}万元 + 国（境）外接待费 {}万元 ≠ 公务接待费决算数 {}万元（sangong.reception.actual），相差 {}万元",
                w(wan(d)),
                w(wan(o)),
                w(wan(whole)),
                w(wan(d + o - whole))
            ),
            (wan(d + o), wan(whole)),
        ),
        (Some(part), None) | (None, Some(part)) if part > whole => {
            let (path, name) = if domestic.is_some() {
                ("sangong.reception_domestic", "国内接待费")
            } else {
                ("sangong.reception_overseas", "国（境）外接待费")
            };
            a.push_cmp(
                Severity::Error,
                "sangong.reception_split",
                path,
                format!(
                    "{name} {}万元 大于公务接待费决算数 {}万元（sangong.reception.actual）",
                    w(wan(part)),
                    w(wan(whole))
                ),
                (wan(part), wan(whole)),
            );
        }
        _ => {}
    }
    let (domestic, _) = crate::derive::tables::reception_split(s);
    if let Some(d) = domestic
        && (s.reception_domestic.is_some() || s.reception_overseas.is_some())
        && s.foreign_amount.0 > d
        && d >= Decimal::ZERO
        && d <= whole
    {
        a.push_cmp(
            Severity::Error,
            "sangong.foreign",
            "sangong.foreign_amount",
            format!(
                "外事接待费 {}万元 大于国内接待费 {}万元（外事接待费是国内接待费的一部分）",
                w(wan(s.foreign_amount.0)),
                w(wan(d))
            ),
            (wan(s.foreign_amount.0), wan(d)),
        );
    }
}

fn sangong(a: &mut Auditor) {
    let unit = &a.loaded.unit;
    let s = &unit.sangong;
    if let Some(assets) = &unit.assets {
        // u64: counts are u32 and eight of them may not fit one.
        let sum: u64 = crate::phrases::vehicle_counts(assets)
            .iter()
            .map(|k| u64::from(*k))
            .sum();
        if sum != u64::from(assets.vehicles_total) {
            a.push(
                Severity::Error,
                "assets.vehicles",
                "assets.vehicles_total",
                format!(
                    "车辆总数 {} 辆 ≠ 各类车辆之和 {} 辆，相差 {} 辆",
                    assets.vehicles_total,
                    sum,
                    i128::from(assets.vehicles_total) - i128::from(sum)
                ),
            );
        }
        if let Some(held) = s.vehicles_held
            && assets.vehicles_total != held
            && s.fleet_note.is_none()
        {
            a.push(
                Severity::Warning,
                "assets.vehicles_vs_sangong",
                "sangong.vehicles_held",
                format!(
                    "国有资产车辆数 {} 辆 ≠ “三公”公务用车保有量 {held} 辆：如确有原因（如车辆由机关统一调配），请在 sangong.fleet_note 说明",
                    assets.vehicles_total
                ),
            );
        }
    }
    if s.foreign_amount > s.reception.actual {
        let scale = Scale::of(unit);
        let (foreign, reception) = (scale.wan(s.foreign_amount), scale.wan(s.reception.actual));
        a.push_cmp(
            Severity::Error,
            "sangong.foreign",
            "sangong.foreign_amount",
            format!(
                "外事接待费 {}万元 大于公务接待费 {}万元",
                w(foreign),
                w(reception)
            ),
            (foreign, reception),
        );
    }
    let pairs = [
        (
            "sangong.foreign_batches",
            "外事接待批次",
            s.foreign_batches,
            "公务接待总批次",
            s.reception_batches,
        ),
        (
            "sangong.foreign_people",
            "外事接待人次",
            s.foreign_people,
            "公务接待总人次",
            s.reception_people,
        ),
    ];
    for (path, part_name, part, whole_name, whole) in pairs {
        if let (Some(part), Some(whole)) = (part, whole)
            && part > whole
        {
            a.push(
                Severity::Error,
                "sangong.foreign",
                path,
                format!("{part_name} {part} 大于{whole_name} {whole}（外事接待是公务接待的一部分）"),
            );
        }
    }
    if !s.vehicle_purchase.actual.0.is_zero() && s.vehicles_bought == Some(0) {
        a.push(
            Severity::Warning,
            "sangong.vehicles_bought",
            "sangong.vehicles_bought",
            "有公务用车购置费但购置数为 0 辆：请填写购置的辆数（不知道时删去这个键，报告就不写辆数）".into(),
        );
    }
    if !s.vehicle_running.actual.0.is_zero() && s.vehicles_held == Some(0) {
        a.push(
            Severity::Warning,
            "sangong.vehicles_held",
            "sangong.vehicles_held",
            "有公务用车运行维护费但保有量为 0 辆：请填写 vehicles_held，或在 fleet_note 说明".into(),
        );
    }
}

/// One 政府采购 amount the rules compare: its YAML path, its name, its value in 万元.
struct Figure {
    path: &'static str,
    name: &'static str,
    value: Decimal,
}

fn procurement(a: &mut Auditor, ctx: &Context, pr: &Procurement) {
    let Some(p) = &ctx.text.procurement else {
        return;
    };
    let scale = Scale::of(&a.loaded.unit);
    let fig = |path, name, v: Option<Amount>| {
        v.map(|v| Figure {
            path,
            name,
            value: scale.wan(v),
        })
    };
    if let Some(t) = pr.total {
        a.published(
            "procurement.total",
            "procurement.total",
            "政府采购金额（报告印出的是货物+工程+服务之和）应等于货物+工程+服务",
            ("填写的总额", t),
            ("货物+工程+服务", p.total),
            3,
        );
    }
    let sme = fig("procurement.sme", "授予中小企业合同金额", pr.sme);
    let reserved_awarded = fig(
        "procurement.reserved_sme_awarded",
        "预留项目中由中小企业中标或成交的金额",
        pr.reserved_sme_awarded,
    );
    let other_awarded = fig(
        "procurement.other_sme_awarded",
        "其他项目中由中小企业中标或成交的金额",
        pr.other_sme_awarded,
    );
    // 授予中小企业合同金额 is the awards to 中小企业 in reserved and in other projects.
    if let Some(sme) = &sme {
        match (&reserved_awarded, &other_awarded) {
            (Some(r), Some(o)) if r.value + o.value != sme.value => a.push_cmp(
                Severity::Error,
                "procurement.sme_parts",
                sme.path,
                format!(
                    "{} {}万元 ≠ {} {}万元 + {} {}万元：同一个数有两个值，可只填后两项（sme 由它们相加得出）",
                    sme.name,
                    w(sme.value),
                    r.name,
                    w(r.value),
                    o.name,
                    w(o.value)
                ),
                (sme.value, r.value + o.value),
            ),
            (Some(part), None) | (None, Some(part)) => no_more_than(
                a,
                "procurement.sme_parts",
                part,
                sme,
                "授予中小企业的合同包括预留项目和其他项目中由中小企业中标或成交的",
            ),
            _ => {}
        }
    }
    let small_micro = fig("procurement.small_micro", "授予小微企业合同金额", pr.small_micro);
    let derived_sme = p.sme.map(|value| Figure {
        path: if pr.sme.is_some() {
            "procurement.sme"
        } else {
            "procurement.reserved_sme_awarded"
        },
        name: "授予中小企业合同金额",
        value,
    });
    if let (Some(small), Some(sme)) = (&small_micro, &derived_sme) {
        no_more_than(
            a,
            "procurement.small_micro",
            small,
            sme,
            "小微企业是中小企业的一部分",
        );
    }
    // Every award to 中小企业 is part of the procurement the report prints (the sum of the
    // parts) and of the total the unit wrote.
    let printed = Figure {
        path: "procurement",
        name: "政府采购金额（货物+工程+服务）",
        value: p.total,
    };
    let stated = fig("procurement.total", "填写的政府采购总额", pr.total);
    let awards: Vec<&Figure> = match &derived_sme {
        Some(s) => vec![s],
        None => reserved_awarded.iter().chain(other_awarded.iter()).collect(),
    };
    // The stated total is a published figure, compared at its own precision: above a 万元 figure
    // by no more than the rounding of its three parts is the tail difference `procurement.total`
    // already reports (seed 005: 246.47 + 4.79 awarded against a published 251.25).
    let tail = match &stated {
        Some(t) if crate::money::round_half_up(t.value, 2) == t.value => Decimal::new(15, 3),
        _ => Decimal::ZERO,
    };
    for award in awards {
        let over = |t: &&Figure| {
            let slack = if std::ptr::eq(*t, &printed) {
                Decimal::ZERO
            } else {
                tail
            };
            award.value - t.value > slack
        };
        if let Some(total) = std::iter::once(&printed).chain(stated.iter()).find(over) {
            a.push_cmp(
                Severity::Error,
                "procurement.sme",
                award.path,
                format!(
                    "{} {}万元 大于{} {}万元（授予中小企业的合同是政府采购的一部分）",
                    award.name,
                    w(award.value),
                    total.name,
                    w(total.value)
                ),
                (award.value, total.value),
            );
        }
    }
    let reserved_sme = fig(
        "procurement.reserved_sme",
        "面向中小企业预留项目预算金额",
        pr.reserved_sme,
    );
    let reserved_small = fig(
        "procurement.reserved_small_micro",
        "面向小微企业预留项目预算金额",
        pr.reserved_small_micro,
    );
    let reserved_small_awarded = fig(
        "procurement.reserved_small_micro_awarded",
        "小微企业预留项目中由小微企业中标或成交的金额",
        pr.reserved_small_micro_awarded,
    );
    let within = [
        (
            &reserved_small,
            &reserved_sme,
            "面向小微企业预留的项目是面向中小企业预留项目的一部分",
        ),
        (
            &reserved_awarded,
            &reserved_sme,
            "中标或成交的金额不超过预留项目的预算金额",
        ),
        (
            &reserved_small_awarded,
            &reserved_small,
            "中标或成交的金额不超过预留项目的预算金额",
        ),
        (
            &reserved_small_awarded,
            &reserved_awarded,
            "小微企业预留项目是中小企业预留项目的一部分，小微企业是中小企业的一部分",
        ),
    ];
    for (part, whole, why) in within {
        if let (Some(part), Some(whole)) = (part, whole) {
            no_more_than(a, "procurement.reserved", part, whole, why);
        }
    }
}

/// `part` must not exceed `whole` (an error of `rule`); the finding says `why`.
fn no_more_than(a: &mut Auditor, rule: &'static str, part: &Figure, whole: &Figure, why: &str) {
    if part.value > whole.value {
        a.push_cmp(
            Severity::Error,
            rule,
            part.path,
            format!(
                "{}（{}）{}万元 大于{}（{}）{}万元：{why}",
                part.name,
                part.path,
                w(part.value),
                whole.name,
                whole.path,
                w(whole.value)
            ),
            (part.value, whole.value),
        );
    }
}

fn management(a: &mut Auditor, ctx: &Context, m: &PerformanceManagement) {
    const PATH: &str = "performance.management";
    let evaluated = m.self_evaluation.as_ref();
    if evaluated.is_none() && (m.grades.is_some() || m.problems.is_some()) {
        a.push(
            Severity::Error,
            "performance.management",
            &format!("{PATH}.self_evaluation"),
            "填写了绩效评级（grades）或问题整改（problems），但没有绩效自评的项目（self_evaluation）：评级和问题写在绩效自评的句子里，请填写 self_evaluation 的 projects 和 amount".into(),
        );
    }
    if let (Some(g), Some(e)) = (&m.grades, evaluated) {
        let sum = u64::from(g.excellent) + u64::from(g.good) + u64::from(g.pass) + u64::from(g.fail);
        if sum != u64::from(e.projects) {
            a.push(
                Severity::Error,
                "performance.grades",
                &format!("{PATH}.grades"),
                format!(
                    "评级为优、良、合格、不合格的项目共 {sum} 个（{}+{}+{}+{}）≠ 绩效自评的项目 {} 个（{PATH}.self_evaluation.projects）",
                    g.excellent, g.good, g.pass, g.fail, e.projects
                ),
            );
        }
    }
    if let Some(pb) = &m.problems {
        let done = u64::from(pb.rectified) + u64::from(pb.rectifying);
        if done != u64::from(pb.found) {
            a.push(
                Severity::Error,
                "performance.problems",
                &format!("{PATH}.problems"),
                format!(
                    "已经完成整改 {} 个 + 正在整改 {} 个 = {done} 个 ≠ 发现问题 {} 个：每个问题或已整改、或正在整改",
                    pb.rectified, pb.rectifying, pb.found
                ),
            );
        }
    }
    if let Some(score) = evaluated.and_then(|e| e.average_score)
        && score.0 > Decimal::ONE_HUNDRED
    {
        a.push(
            Severity::Error,
            "performance.average_score",
            &format!("{PATH}.self_evaluation.average_score"),
            format!("平均得分 {} 分超出 0 至 100 分", score.0.normalize()),
        );
    }
    // The amounts are budgets of this year's projects, of every fund: compared with the year's
    // 项目支出 (公开03表, all sources). A budget may exceed what was spent (money carried over),
    // so this is a warning.
    let project = ctx.text.spending.project;
    let scale = Scale::of(&a.loaded.unit);
    let amounts = [
        ("goals", "编报绩效目标的项目", m.goals.as_ref().map(|g| g.amount)),
        (
            "tracking",
            "绩效跟踪评价的项目",
            m.tracking.as_ref().map(|g| g.amount),
        ),
        ("self_evaluation", "绩效自评的项目", evaluated.map(|g| g.amount)),
    ];
    for (key, what, amount) in amounts {
        let Some(amount) = amount.map(|v| scale.wan(v)) else {
            continue;
        };
        if amount > project {
            a.push_cmp(
                Severity::Warning,
                "performance.management_amount",
                &format!("{PATH}.{key}.amount"),
                format!(
                    "{what}涉及预算金额 {}万元 大于本年项目支出 {}万元：应是本年项目支出的预算，请核对",
                    w(amount),
                    w(project)
                ),
                (amount, project),
            );
        }
    }
}

/// What a profile's template cannot be written without.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    /// 十一（三） lists every vehicle category (no asset table elsewhere): `assets`.
    Assets,
    /// 十一（二） states the 预留 amounts and the awards: `procurement.reserved_*` and the awards.
    ProcurementReserved,
    /// 十 is the 预算绩效管理 sentence: `performance.management`.
    PerformanceManagement,
}

/// The inputs a prose family's template needs beyond the common ones.
fn needs_of(prose: Prose) -> &'static [Needs] {
    match prose {
        Prose::Central => &[],
        Prose::Shanghai => &[
            Needs::Assets,
            Needs::ProcurementReserved,
            Needs::PerformanceManagement,
        ],
    }
}

/// What the prose of the unit's profile (`a.report.prose`) needs and the unit lacks:
/// Shanghai's 十一（三） is the only place its asset figures appear, so a missing `assets` is an
/// error there; its 十一（二） and 十 sentences need the 预留 figures and `performance.management`.
fn profile_needs(a: &mut Auditor) {
    let needs = needs_of(a.report.prose);
    let profile = a.report.profile.clone();
    let unit = &a.loaded.unit;
    for need in needs {
        match need {
            Needs::Assets if unit.assets.is_none() => a.push(
                Severity::Error,
                "profile.assets",
                "assets",
                format!(
                    "模板方案 {profile} 的“十一（三）国有资产占有使用情况说明”逐类列出车辆数和单价100万元（含）以上设备数（本方案没有资产表，这些数只在这里出现）：请填写 assets，没有的各项写 0"
                ),
            ),
            Needs::ProcurementReserved => {
                let Some(pr) = &unit.procurement else {
                    continue;
                };
                let missing: Vec<&str> = [
                    ("reserved_sme", pr.reserved_sme.is_none()),
                    ("reserved_small_micro", pr.reserved_small_micro.is_none()),
                    ("reserved_sme_awarded", pr.reserved_sme_awarded.is_none()),
                    (
                        "reserved_small_micro_awarded",
                        pr.reserved_small_micro_awarded.is_none(),
                    ),
                    ("other_sme_awarded", pr.other_sme_awarded.is_none()),
                ]
                .into_iter()
                .filter_map(|(k, m)| m.then_some(k))
                .collect();
                let bought = !(pr.goods.0 + pr.works.0 + pr.services.0).is_zero();
                if bought && !missing.is_empty() {
                    a.push(
                        Severity::Warning,
                        "profile.procurement",
                        "procurement",
                        format!(
                            "模板方案 {profile} 的“十一（二）政府采购支出情况”写面向中小企业、小微企业预留项目的预算金额和中标或成交金额：未填写 procurement 的 {}，报告不写这几项（为 0 的请写 0）",
                            missing.join("、")
                        ),
                    );
                }
            }
            Needs::PerformanceManagement
                if unit.performance.management.as_ref().is_none_or(|m| m.is_empty()) =>
            {
                a.push(
                    Severity::Warning,
                    "profile.performance",
                    "performance",
                    format!(
                        "模板方案 {profile} 的“十、预算绩效管理情况”写绩效目标、绩效跟踪、绩效自评的项目个数和金额、评级和问题整改：未填写 performance.management，报告只写 performance.summary 的文字"
                    ),
                );
            }
            _ => {}
        }
    }
}
