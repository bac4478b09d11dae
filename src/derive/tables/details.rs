//! Tables 06 (经济分类), 09 (三公) and 10 (国有资产).

use super::{CodeRow, differs};
use crate::catalogue::{Level, PERSONNEL_CLASSES};
use crate::derive::compare::BudgetBasis;
use crate::derive::figures::{Scale, UnitFigures};
use crate::derive::names::SubjectNames;
use crate::input::UnitFile;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// Table 06.
#[derive(Debug, Clone, Serialize)]
pub struct Table06 {
    /// 人员经费 rows (301, 303 类 and their 款 with figures).
    pub personnel: Vec<CodeRow>,
    /// 公用经费 rows (302, 307, 309, 310, 312, 399 …).
    pub public: Vec<CodeRow>,
    /// Side-by-side layout: personnel and public rows line by line.
    pub pairs: Vec<(Option<CodeRow>, Option<CodeRow>)>,
    /// 人员经费合计.
    pub personnel_total: Decimal,
    /// 公用经费合计.
    pub public_total: Decimal,
    /// Whether the table has no figures.
    pub empty: bool,
    /// Whether the unit gave no 经济分类 detail although it has 基本支出 (the totals then come from
    /// table 05 and the note says the detail is missing).
    pub detail_missing: bool,
    /// Whether a displayed total differs from the sum of its displayed parts.
    pub tail_difference: bool,
}

/// One column group of table 09.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SangongColumns {
    /// 合计.
    pub total: Decimal,
    /// 因公出国（境）费.
    pub abroad: Decimal,
    /// 公务用车购置及运行维护费 小计.
    pub vehicle: Decimal,
    /// 公务用车购置费.
    pub vehicle_purchase: Decimal,
    /// 公务用车运行维护费.
    pub vehicle_running: Decimal,
    /// 公务接待费.
    pub reception: Decimal,
    /// 会议费 (when published).
    pub meeting: Option<Decimal>,
    /// 培训费 (when published).
    pub training: Option<Decimal>,
}

/// Table 09.
#[derive(Debug, Clone, Serialize)]
pub struct Table09 {
    /// 年初预算数.
    pub budget: SangongColumns,
    /// 全年预算数 (年初 where no adjustment was given).
    pub full_budget: SangongColumns,
    /// 决算数.
    pub actual: SangongColumns,
    /// Whether 会议费/培训费 columns are printed.
    pub has_meeting_training: bool,
    /// What the 预算数 column holds: `initial` (年初预算) or `full` (全年预算, when the unit gave
    /// no 年初预算).
    pub budget_basis: BudgetBasis,
    /// Whether all figures are zero.
    pub empty: bool,
    /// 年初预算数 of each head as given: None where the unit gave no 年初预算 for some part of it
    /// (a table with a 年初预算数 column cannot print it; `budget` then holds the 全年预算).
    pub initial: SangongKnown,
    /// 全年预算数 of each head known (given, or its 年初预算 given).
    pub full: SangongKnown,
    /// The 公务接待费 split and the counts a table with a row per item prints (`rows = "items"`).
    pub items: SangongItems,
}

/// Which heads of table 09 have a known 年初预算数.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SangongKnown {
    /// 因公出国（境）费.
    pub abroad: bool,
    /// 公务用车购置费.
    pub vehicle_purchase: bool,
    /// 公务用车运行维护费.
    pub vehicle_running: bool,
    /// 公务接待费.
    pub reception: bool,
    /// 会议费.
    pub meeting: bool,
    /// 培训费.
    pub training: bool,
}

/// The figures of table 09 beyond its columns (决算数 only; the counts None where unknown).
#[derive(Debug, Clone, Default, Serialize)]
pub struct SangongItems {
    /// 国内接待费 (含外事接待费), 万元; None when neither part of the split is given and
    /// 公务接待费 is not zero.
    pub reception_domestic: Option<Decimal>,
    /// 其中：外事接待费.
    pub reception_foreign: Decimal,
    /// 国（境）外接待费; None as for `reception_domestic`.
    pub reception_overseas: Option<Decimal>,
    /// The counts (团组, 人次, 车辆, 批次 …).
    #[serde(flatten)]
    pub tallies: SangongTallies,
}

/// The 三公 counts as the unit gives them, None where unknown (an unknown count is left out of
/// the prose and prints an empty cell, never 0): one set for the 情况说明 and the 三公 table.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SangongTallies {
    /// 因公出国（境）团组数.
    pub abroad_groups: Option<u32>,
    /// 因公出国（境）人次数.
    pub abroad_people: Option<u32>,
    /// 公务用车购置数.
    pub vehicles_bought: Option<u32>,
    /// 公务用车保有量.
    pub vehicles_held: Option<u32>,
    /// 国内公务接待批次.
    pub reception_batches: Option<u32>,
    /// 国内公务接待人次.
    pub reception_people: Option<u32>,
    /// 其中：外事接待批次.
    pub foreign_batches: Option<u32>,
    /// 其中：外事接待人次.
    pub foreign_people: Option<u32>,
    /// 国（境）外公务接待批次.
    pub overseas_batches: Option<u32>,
    /// 国（境）外公务接待人次.
    pub overseas_people: Option<u32>,
    /// 会议次数.
    pub meetings: Option<u32>,
    /// 会议人次.
    pub meeting_people: Option<u32>,
    /// 培训次数.
    pub trainings: Option<u32>,
    /// 培训人次.
    pub training_people: Option<u32>,
}

impl SangongTallies {
    /// The counts of the unit's `sangong`.
    pub fn of(s: &crate::input::Sangong) -> SangongTallies {
        SangongTallies {
            abroad_groups: s.abroad_groups,
            abroad_people: s.abroad_people,
            vehicles_bought: s.vehicles_bought,
            vehicles_held: s.vehicles_held,
            reception_batches: s.reception_batches,
            reception_people: s.reception_people,
            foreign_batches: s.foreign_batches,
            foreign_people: s.foreign_people,
            overseas_batches: s.overseas_batches,
            overseas_people: s.overseas_people,
            meetings: s.meetings,
            meeting_people: s.meeting_people,
            trainings: s.trainings,
            training_people: s.training_people,
        }
    }
}

/// The 公务接待费 split (国内, 国（境）外) in the unit's input unit: each part as given, or the
/// whole less the other part; both None when neither is given and the whole is not zero (both
/// zero when it is: amounts are never negative).
pub fn reception_split(s: &crate::input::Sangong) -> (Option<Decimal>, Option<Decimal>) {
    let whole = s.reception.actual.0;
    let (d, o) = (
        s.reception_domestic.map(|a| a.0),
        s.reception_overseas.map(|a| a.0),
    );
    match (d, o) {
        (Some(d), Some(o)) => (Some(d), Some(o)),
        (Some(d), None) => (Some(d), Some(whole - d)),
        (None, Some(o)) => (Some(whole - o), Some(o)),
        (None, None) if whole.is_zero() => (Some(Decimal::ZERO), Some(Decimal::ZERO)),
        (None, None) => (None, None),
    }
}

/// A line of table 10.
#[derive(Debug, Clone, Serialize)]
pub struct AssetLine {
    /// The label as printed ("1．副部（省）级及以上领导用车").
    pub name: String,
    /// 栏次.
    pub line: u32,
    /// The count.
    pub count: u32,
    /// Whether it is a sub-line of the 车辆数合计 (indented).
    pub sub: bool,
}

/// Table 10.
#[derive(Debug, Clone, Serialize)]
pub struct Table10 {
    /// The lines in official order, the 车辆数合计 first.
    pub lines: Vec<AssetLine>,
    /// Whether all counts are zero.
    pub empty: bool,
}

pub(super) fn table06(f: &UnitFigures, names: &SubjectNames) -> Table06 {
    let name = |c: &str| names.economic(c);
    let mut classes: BTreeMap<String, Vec<(String, Decimal)>> = BTreeMap::new();
    for (code, v) in f.economic.iter().filter(|(_, v)| !v.is_zero()) {
        classes
            .entry(code.class().to_string())
            .or_default()
            .push((code.to_string(), *v));
    }
    let (mut personnel, mut public) = (Vec::new(), Vec::new());
    let (mut pt, mut qt) = (Decimal::ZERO, Decimal::ZERO);
    let mut tail = false;
    for (class, secs) in &classes {
        let total: Decimal = secs.iter().map(|(_, v)| *v).sum();
        tail |= differs(&[total], secs.iter().map(|(_, v)| std::slice::from_ref(v)));
        let is_personnel = PERSONNEL_CLASSES.contains(&class.as_str());
        let target = if is_personnel { &mut personnel } else { &mut public };
        if is_personnel {
            pt += total
        } else {
            qt += total
        }
        target.push(CodeRow {
            code: class.clone(),
            name: name(class),
            level: Level::Class,
            cells: vec![total],
        });
        for (code, v) in secs {
            target.push(CodeRow {
                code: code.clone(),
                name: name(code),
                level: Level::Section,
                cells: vec![*v],
            });
        }
    }
    let n = personnel.len().max(public.len());
    let pairs = (0..n)
        .map(|i| (personnel.get(i).cloned(), public.get(i).cloned()))
        .collect();
    let detail_missing = classes.is_empty() && !f.general_basic().is_zero();
    if detail_missing {
        // Without 经济分类 detail the totals come from the per-项 split; without that either
        // they are unknown (zero here, and the audit refuses the report).
        let s = f.personnel_public().unwrap_or_default();
        pt = s.personnel;
        qt = s.public;
    }
    Table06 {
        empty: classes.is_empty() && !detail_missing,
        personnel,
        public,
        pairs,
        personnel_total: pt,
        public_total: qt,
        detail_missing,
        tail_difference: tail,
    }
}

pub(super) fn table09(unit: &UnitFile) -> Table09 {
    let s = &unit.sangong;
    let scale = Scale::of(unit);
    let w = |a| scale.wan(a);
    let has_mt = s.meeting.is_some() || s.training.is_some();
    let cols = |pick: &dyn Fn(&crate::input::SangongItem) -> Decimal| {
        let (a, p, r, c) = (
            pick(&s.abroad),
            pick(&s.vehicle_purchase),
            pick(&s.vehicle_running),
            pick(&s.reception),
        );
        SangongColumns {
            total: a + p + r + c,
            abroad: a,
            vehicle: p + r,
            vehicle_purchase: p,
            vehicle_running: r,
            reception: c,
            meeting: s.meeting.as_ref().map(pick),
            training: s.training.as_ref().map(pick),
        }
    };
    // 预算数 is the 年初预算; a unit that only knows the 全年预算 gets that instead.
    let all = [&s.abroad, &s.vehicle_purchase, &s.vehicle_running, &s.reception];
    let initial_known = all.iter().any(|i| i.budget_initial.is_some());
    let budget = cols(&|i| {
        w(if initial_known {
            i.budget_initial.unwrap_or_default()
        } else {
            i.budget_full.unwrap_or_default()
        })
    });
    let full_budget = cols(&|i| w(i.budget_full.or(i.budget_initial).unwrap_or_default()));
    let actual = cols(&|i| w(i.actual));
    let zero = |c: &SangongColumns| {
        c.total.is_zero()
            && c.meeting.unwrap_or_default().is_zero()
            && c.training.unwrap_or_default().is_zero()
    };
    let empty = zero(&budget) && zero(&full_budget) && zero(&actual);
    let known = |given: &dyn Fn(&crate::input::SangongItem) -> bool| SangongKnown {
        abroad: given(&s.abroad),
        vehicle_purchase: given(&s.vehicle_purchase),
        vehicle_running: given(&s.vehicle_running),
        reception: given(&s.reception),
        meeting: s.meeting.as_ref().is_some_and(given),
        training: s.training.as_ref().is_some_and(given),
    };
    let initial = known(&|i| i.budget_initial.is_some());
    let full = known(&|i| i.budget_full.is_some() || i.budget_initial.is_some());
    let (domestic, overseas) = reception_split(s);
    let items = SangongItems {
        reception_domestic: domestic.map(|d| w(crate::money::Amount(d))),
        reception_foreign: w(s.foreign_amount),
        reception_overseas: overseas.map(|d| w(crate::money::Amount(d))),
        tallies: SangongTallies::of(s),
    };
    Table09 {
        initial,
        full,
        items,
        budget,
        full_budget,
        actual,
        has_meeting_training: has_mt,
        budget_basis: if initial_known {
            BudgetBasis::Initial
        } else {
            BudgetBasis::Full
        },
        empty,
    }
}

pub(super) fn table10(a: &crate::input::Assets) -> Table10 {
    let line = |name: String, line: u32, count: u32, sub: bool| AssetLine {
        name,
        line,
        count,
        sub,
    };
    let mut lines = vec![line(
        "一、车辆数合计（台、辆）".into(),
        1,
        a.vehicles_total,
        false,
    )];
    for (i, (name, n)) in crate::phrases::vehicles(a).into_iter().enumerate() {
        lines.push(line(format!("{}．{name}", i + 1), i as u32 + 2, n, true));
    }
    lines.push(line(
        "二、单价100万元（含）以上设备（不含车辆）（台、套）".into(),
        10,
        a.equipment_over_million,
        false,
    ));
    let empty = lines.iter().all(|l| l.count == 0);
    Table10 { lines, empty }
}
