//! Which charts a report carries and what they draw, decided here from the derived figures (a
//! template only places a chart by name). A chart draws only figures the text also prints, and
//! is left out where it would draw nothing: no prior year for a comparison, or only zeros.

use super::model::{BarGroup, Chart, ChartKind, ChartPart};
use crate::derive::{Change, Context, Direction, Share};
use rust_decimal::Decimal;

fn ring(id: &str, caption: &str, shares: &[Share], dp: u32) -> Option<Chart> {
    let parts: Vec<ChartPart> = shares
        .iter()
        .map(|s| ChartPart {
            name: s.name.clone(),
            amount: s.amount,
            // A ring is drawn only when some part is not zero, so every share is known.
            share: s.share.unwrap_or_default(),
        })
        .collect();
    parts.iter().any(|p| !p.amount.is_zero()).then(|| Chart {
        id: id.to_string(),
        caption: caption.to_string(),
        kind: ChartKind::Ring { parts },
        percent_decimals: dp,
    })
}

fn bars(id: &str, caption: &str, groups: Vec<BarGroup>, dp: u32) -> Option<Chart> {
    groups
        .iter()
        .flat_map(|g| &g.bars)
        .any(|(_, v)| !v.is_zero())
        .then(|| Chart {
            id: id.to_string(),
            caption: caption.to_string(),
            kind: ChartKind::Bars { groups },
            percent_decimals: dp,
        })
}

/// Last year against this year, when last year is known (not for an unknown prior year, nor for
/// a unit set up this year).
fn year_over_year(ctx: &Context, id: &str, caption: &str, label: &str, c: &Change) -> Option<Chart> {
    if matches!(c.direction, Direction::Unknown | Direction::NoPriorYear) {
        return None;
    }
    let groups = vec![BarGroup {
        label: label.to_string(),
        bars: vec![
            (
                format!("{}年度", ctx.meta.prev_year),
                c.previous.unwrap_or_default(),
            ),
            (format!("{}年度", ctx.meta.year), c.current),
        ],
    }];
    bars(id, caption, groups, ctx.meta.percent_decimals)
}

/// The chart `name` (one of [`crate::templates::CHART_NAMES`]) for this unit, or None when the
/// chart would draw nothing. (Whether charts are drawn at all is the `charts` addition, decided
/// by the document stage.)
pub fn build(name: &str, ctx: &Context) -> Option<Chart> {
    let dp = ctx.meta.percent_decimals;
    let t = &ctx.text;
    match name {
        "overall" => year_over_year(
            ctx,
            "chart-overall",
            "收入、支出总计对比图（单位：万元）",
            "收入支出总计",
            &t.overall.change,
        ),
        "income" => ring("chart-income", "收入结构图", &t.income.sources, dp),
        "spending" => ring("chart-spending", "支出结构图", &t.spending.kinds, dp),
        "fiscal" => year_over_year(
            ctx,
            "chart-fiscal",
            "财政拨款收入、支出总计对比图（单位：万元）",
            "财政拨款收支总计",
            &t.fiscal.change,
        ),
        "general-change" => year_over_year(
            ctx,
            "chart-general-change",
            "一般公共预算财政拨款支出对比图（单位：万元）",
            "一般公共预算财政拨款支出",
            &t.general.change,
        ),
        "general" => {
            let groups = t
                .general
                .classes
                .iter()
                .map(|cl| BarGroup {
                    label: cl.share.name.clone(),
                    bars: vec![("决算".to_string(), cl.share.amount)],
                })
                .collect();
            bars(
                "chart-general",
                "一般公共预算财政拨款支出结构图（按类，单位：万元）",
                groups,
                dp,
            )
        }
        "sangong" => {
            let sg = &t.sangong;
            if !sg.present {
                return None;
            }
            let groups = sg
                .parts
                .iter()
                .zip(["因公出国（境）费", "公务用车", "公务接待费"])
                .map(|(p, label)| BarGroup {
                    label: label.to_string(),
                    bars: vec![
                        ("预算".to_string(), p.budget.budget.unwrap_or(Decimal::ZERO)),
                        ("决算".to_string(), p.actual),
                    ],
                })
                .collect();
            bars(
                "chart-sangong",
                "“三公”经费预算与决算对比图（单位：万元）",
                groups,
                dp,
            )
        }
        _ => None,
    }
}
