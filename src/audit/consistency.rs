//! Consistency of the other disclosures: vehicles, 三公 counts, procurement, 机关运行经费, 绩效
//! tables and budget totals.

use super::{Auditor, Severity, w};
use crate::derive::Context;
use crate::input::UnitNature;
use rust_decimal::Decimal;

pub(super) fn consistency(a: &mut Auditor, ctx: &Context) {
    let st = &a.loaded.unit.settings;
    if let (Some(old), Some(new)) = (st.charts, st.additions.charts)
        && old != new
    {
        a.push(
            Severity::Error,
            "settings.charts",
            "settings.charts",
            format!(
                "settings.charts（{old}）与 settings.additions.charts（{new}）矛盾：两者是同一个设置，只写 settings.additions.charts"
            ),
        );
    }
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
        // u64: counts are u32 and eight of them may not fit one.
        let sum: u64 = kinds.iter().map(|k| u64::from(*k)).sum();
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
        let scale = crate::derive::Scale::of(unit);
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
            "有公务用车运行维护费但保有量为 0 辆：请填写 vehicles_held，或在 fleet_note 说明".into(),
        );
    }
    if let Some(p) = &ctx.text.procurement {
        let stated = unit.procurement.as_ref().and_then(|p| p.total);
        if let Some(t) = stated {
            a.published(
                "procurement.total",
                "procurement.total",
                "政府采购总额应等于货物+工程+服务",
                ("填写的总额", t),
                ("货物+工程+服务", p.total),
                3,
            );
        }
        if p.small_micro > p.sme {
            a.push_cmp(
                Severity::Error,
                "procurement.small_micro",
                "procurement.small_micro",
                format!(
                    "授予小微企业金额 {}万元 大于授予中小企业金额 {}万元（小微企业是中小企业的一部分）",
                    w(p.small_micro),
                    w(p.sme)
                ),
                (p.small_micro, p.sme),
            );
        }
        // The 中小企业 award is part of the procurement total, whichever total is meant: the
        // derived one the report prints, and the one the unit wrote.
        let stated_wan = stated.map(|t| crate::derive::Scale::of(unit).wan(t));
        let totals = [
            Some(("货物+工程+服务", p.total)),
            stated_wan.map(|t| ("填写的总额", t)),
        ];
        if let Some((name, total)) = totals.into_iter().flatten().find(|(_, t)| p.sme > *t) {
            a.push_cmp(
                Severity::Error,
                "procurement.sme",
                "procurement.sme",
                format!(
                    "授予中小企业金额 {}万元 大于政府采购总额（{name}）{}万元",
                    w(p.sme),
                    w(total)
                ),
                (p.sme, total),
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
            a.push_cmp(
                Severity::Warning,
                "operating_costs.public",
                "operating_costs.amount",
                format!(
                    "行政（参公）单位的机关运行经费 {}万元 通常等于{}公用经费合计 {}万元，相差 {}万元：请核对",
                    w(op.amount),
                    a.tables.number("t06"),
                    w(public),
                    w(op.amount - public)
                ),
                (op.amount, public),
            );
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
                    <= Decimal::new(1, 1) * Decimal::from(e.indicators.len().max(1) as u32) / Decimal::TEN;
                a.push(
                    if tail { Severity::Warning } else { Severity::Error },
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
    let project = ctx.text.spending.project;
    if pf.covered > project {
        a.push_cmp(
            Severity::Warning,
            "performance.covered",
            "performance.projects",
            format!(
                "绩效自评项目的全年预算合计 {}万元 大于本年项目支出 {}万元：自评涉及资金应为项目支出的一部分，请核对（情况说明不列占比）",
                w(pf.covered),
                w(project)
            ),
            (pf.covered, project),
        );
    }
    let b = &unit.budget;
    if let (Some(given), Some(sum)) = (b.general_initial, items_initial_sum(ctx)) {
        let given = crate::derive::Scale::of(unit).wan(given);
        if given != sum {
            let (l, r, d) = super::sides(given, sum);
            a.push_cmp(
                Severity::Warning,
                "budget.items",
                "budget.general_initial",
                format!("一般公共预算年初预算合计 {l} ≠ 各“项”年初预算之和 {r}，相差 {d}"),
                (given, sum),
            );
        }
    }
}

fn items_initial_sum(ctx: &Context) -> Option<Decimal> {
    let items = &ctx.text.general.items;
    let v: Option<Vec<Decimal>> = items.iter().map(|i| i.budget.initial).collect();
    v.filter(|v| !v.is_empty()).map(|v| v.into_iter().sum())
}
