//! 九、“三公”经费: the total and each part against budget and last year, shares, counts.

use crate::derive::compare::{BudgetCompare, Change};
use crate::derive::figures::Scale;
use crate::derive::prior::{PriorFigures, sangong_parts};
use crate::input::{SangongItem, UnitFile};
use crate::money::Amount;
use rust_decimal::Decimal;
use serde::Serialize;

/// 九、三公.
#[derive(Debug, Clone, Serialize)]
pub struct SangongText {
    /// Whether any 三公 budget or spending exists.
    pub present: bool,
    /// 合计 against budget.
    pub total: BudgetCompare,
    /// 合计 against last year.
    pub change: Change,
    /// 因公出国（境）费, 公务用车购置及运行维护费, 公务接待费 with shares of the 合计.
    pub parts: Vec<SangongPart>,
    /// 公务用车购置费.
    pub vehicle_purchase: SangongPart,
    /// 公务用车运行维护费.
    pub vehicle_running: SangongPart,
    /// 会议费 (when given).
    pub meeting: Option<SangongPart>,
    /// 培训费 (when given).
    pub training: Option<SangongPart>,
    /// Counts and notes, as given.
    pub counts: SangongCounts,
}

/// One 三公 part.
#[derive(Debug, Clone, Serialize)]
pub struct SangongPart {
    /// Stable key: abroad, vehicle, vehicle_purchase, vehicle_running, reception, meeting, training.
    pub key: &'static str,
    /// Display name.
    pub name: &'static str,
    /// 决算数.
    pub actual: Decimal,
    /// Share of the 三公 合计 (the three parts listed together total 100); absent for a part
    /// that is not listed with the others, and when the 合计 is zero.
    pub share: Option<Decimal>,
    /// Against budget.
    pub budget: BudgetCompare,
    /// Against last year.
    pub change: Change,
    /// 开支内容.
    pub content: Option<String>,
}

/// 三公 counts: None where the unit does not know the count (the report then leaves the clause
/// out rather than printing 0).
#[derive(Debug, Clone, Serialize)]
pub struct SangongCounts {
    /// 外事接待费.
    pub foreign_amount: Decimal,
    /// 国内接待费（不含外事）.
    pub domestic_amount: Decimal,
    /// 国内接待费（含外事）: the 公务接待费 less its 国（境）外 part where the split is known, else
    /// all of it.
    pub domestic: Decimal,
    /// 国（境）外接待费 where the split is known (given, or derived from the other part).
    pub overseas: Option<Decimal>,
    /// 保有量与资产车辆数差异的说明.
    pub fleet_note: Option<String>,
    /// The counts (团组, 人次, 车辆, 批次 …).
    #[serde(flatten)]
    pub tallies: crate::derive::tables::SangongTallies,
}

pub(super) fn sangong_text(unit: &UnitFile, p: &PriorFigures, dp: u32) -> SangongText {
    let s = &unit.sangong;
    let scale = Scale::of(unit);
    let w = |a: Amount| scale.wan(a);
    let prev = p.sangong_parts;
    let prev_at = |i: usize| prev.map(|v| v[i]);
    let part = |key, name, items: &[&SangongItem], prev: Option<Decimal>, share: Option<Decimal>| {
        let actual: Decimal = items.iter().map(|i| w(i.actual)).sum();
        let (initial, full) = sangong_budget(items, scale);
        SangongPart {
            key,
            name,
            actual,
            share,
            budget: BudgetCompare::new(
                actual,
                initial,
                full,
                dp,
                joined(items, |i| &i.budget_reason).as_ref(),
            ),
            change: Change::new(actual, prev, dp, joined(items, |i| &i.change_reason).as_ref()),
            content: joined(items, |i| &i.content),
        }
    };
    let actual = sangong_parts(s, scale);
    let three = [actual[0], actual[1] + actual[2], actual[3]];
    let sh = crate::derive::compare::share_list(&three, dp);
    let vehicle = part(
        "vehicle",
        "公务用车购置及运行维护费",
        &[&s.vehicle_purchase, &s.vehicle_running],
        prev.map(|v| v[1] + v[2]),
        sh[1],
    );
    let parts = vec![
        part("abroad", "因公出国（境）费", &[&s.abroad], prev_at(0), sh[0]),
        vehicle,
        part("reception", "公务接待费", &[&s.reception], prev_at(3), sh[2]),
    ];
    let total_actual: Decimal = actual.iter().copied().sum();
    let all = [&s.abroad, &s.vehicle_purchase, &s.vehicle_running, &s.reception];
    let (initial, full) = sangong_budget(&all, scale);
    let nonzero = |d: Option<Decimal>| d.is_some_and(|d| !d.is_zero());
    let present = !total_actual.is_zero() || nonzero(initial) || nonzero(full);
    let mt = |item: &Option<SangongItem>, key, name, prev: Option<Decimal>| {
        item.as_ref().map(|i| part(key, name, &[i], prev, None))
    };
    let split = crate::derive::tables::reception_split(s);
    let given = s.reception_domestic.is_some() || s.reception_overseas.is_some();
    let overseas = split.1.filter(|_| given).map(|o| w(Amount(o)));
    let domestic = actual[3] - overseas.unwrap_or_default();
    SangongText {
        present,
        total: BudgetCompare::new(total_actual, initial, full, dp, s.budget_reason.as_ref()),
        change: Change::new(total_actual, p.sangong_total, dp, s.change_reason.as_ref()),
        parts,
        vehicle_purchase: part(
            "vehicle_purchase",
            "公务用车购置费",
            &[&s.vehicle_purchase],
            prev_at(1),
            None,
        ),
        vehicle_running: part(
            "vehicle_running",
            "公务用车运行维护费",
            &[&s.vehicle_running],
            prev_at(2),
            None,
        ),
        meeting: mt(&s.meeting, "meeting", "会议费", p.meeting_training[0]),
        training: mt(&s.training, "training", "培训费", p.meeting_training[1]),
        counts: SangongCounts {
            foreign_amount: w(s.foreign_amount),
            domestic_amount: domestic - w(s.foreign_amount),
            domestic,
            overseas,
            fleet_note: s.fleet_note.clone(),
            tallies: crate::derive::tables::SangongTallies::of(s),
        },
    }
}

/// The texts of some 三公 items (reasons, contents) that are given, joined with “；”; None when none is.
fn joined(items: &[&SangongItem], text: impl Fn(&SangongItem) -> &Option<String>) -> Option<String> {
    let given: Vec<&str> = items.iter().filter_map(|i| text(i).as_deref()).collect();
    (!given.is_empty()).then(|| given.join("；"))
}

/// The 年初预算 and 全年预算 of some 三公 items together: each known when any item gives it (an
/// item without it counts as zero; a missing 全年预算 counts as its 年初预算).
fn sangong_budget(items: &[&SangongItem], scale: Scale) -> (Option<Decimal>, Option<Decimal>) {
    let w = |a: Option<Amount>| a.map(|a| scale.wan(a)).unwrap_or_default();
    let initial = items
        .iter()
        .any(|i| i.budget_initial.is_some())
        .then(|| items.iter().map(|i| w(i.budget_initial)).sum());
    let full = items
        .iter()
        .any(|i| i.budget_full.is_some())
        .then(|| items.iter().map(|i| w(i.budget_full.or(i.budget_initial))).sum());
    (initial, full)
}
