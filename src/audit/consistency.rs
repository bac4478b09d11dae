//! Consistency of 机关运行经费, the 绩效自评表 and the budget totals (vehicles, 三公 counts,
//! 政府采购 and 预算绩效管理 are in [`super::disclosures`]).

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
