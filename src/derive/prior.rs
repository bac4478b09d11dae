//! Last year's figures, from whatever the unit gave: the inline `previous` section (rows or
//! totals), and/or last year's own file named by `previous_file`. Inline figures win over the
//! file; row data wins over a stated total. A figure nobody gave stays unknown, and no comparison
//! is printed.

use super::figures::{Scale, UnitFigures};
use crate::input::{PreviousTotals, PreviousYear, Sangong, UnitFile};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Last year's figures, each known or not.
#[derive(Debug, Clone, Default)]
pub struct PriorFigures {
    /// 收入支出总计 (01表 总计).
    pub total: Option<Decimal>,
    /// 本年收入合计.
    pub income: Option<Decimal>,
    /// Income by source.
    pub income_sources: Option<crate::derive::figures::Income>,
    /// 本年支出合计.
    pub spending: Option<Decimal>,
    /// 基本支出.
    pub basic: Option<Decimal>,
    /// 项目支出.
    pub project: Option<Decimal>,
    /// 年初结转和结余.
    pub opening: Option<Decimal>,
    /// 年末结转和结余.
    pub closing: Option<Decimal>,
    /// 财政拨款收入支出总计 (04表 总计).
    pub fiscal_total: Option<Decimal>,
    /// 一般公共预算财政拨款支出.
    pub general: Option<Decimal>,
    /// 一般公共预算财政拨款基本支出.
    pub general_basic: Option<Decimal>,
    /// 人员经费.
    pub personnel: Option<Decimal>,
    /// 公用经费.
    pub public: Option<Decimal>,
    /// 政府性基金预算财政拨款支出.
    pub fund: Option<Decimal>,
    /// 一般公共预算 per 项; `None` when last year's 项 are not known at all.
    pub general_items: Option<BTreeMap<String, Decimal>>,
    /// 一般公共预算 per 类.
    pub general_classes: Option<BTreeMap<String, Decimal>>,
    /// 三公 合计.
    pub sangong_total: Option<Decimal>,
    /// 三公 parts: 出国, 车购置, 车运行, 接待.
    pub sangong_parts: Option<[Decimal; 4]>,
    /// 会议费, 培训费.
    pub meeting_training: [Option<Decimal>; 2],
    /// 机关运行经费.
    pub operating_costs: Option<Decimal>,
    /// The unit was set up in the report year: there is no last year to compare with.
    pub no_prior_year: bool,
}

/// The four 三公 parts of a [`Sangong`] in 万元.
pub fn sangong_parts(s: &Sangong, scale: Scale) -> [Decimal; 4] {
    [
        scale.wan(s.abroad.actual),
        scale.wan(s.vehicle_purchase.actual),
        scale.wan(s.vehicle_running.actual),
        scale.wan(s.reception.actual),
    ]
}

/// A total stated in `previous.totals` that disagrees with the same figure summed from the
/// `previous` rows (the rows win; the audit reports the disagreement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatedTotalConflict {
    /// The key under `previous.totals`, e.g. `income`.
    pub key: &'static str,
    /// The stated total (万元).
    pub stated: Decimal,
    /// The figure from the rows (万元).
    pub from_rows: Decimal,
}

/// The keys of `previous.totals` in the order of [`PriorFigures::total_slots`].
const TOTAL_KEYS: [&str; 14] = [
    "total",
    "income",
    "expenditure",
    "basic",
    "project",
    "opening",
    "closing",
    "fiscal_total",
    "general",
    "general_basic",
    "personnel",
    "public",
    "fund",
    "sangong",
];

fn stated_totals(t: &PreviousTotals, scale: Scale) -> [Option<Decimal>; 14] {
    [
        t.total,
        t.income,
        t.expenditure,
        t.basic,
        t.project,
        t.opening,
        t.closing,
        t.fiscal_total,
        t.general,
        t.general_basic,
        t.personnel,
        t.public,
        t.fund,
        t.sangong,
    ]
    .map(|a| a.map(|a| scale.wan(a)))
}

impl PriorFigures {
    /// Builds last year's figures for `unit` from its `previous` section and `file` (the unit
    /// named by `previous_file`, if any). Precedence, lowest first: the file, the stated
    /// `previous.totals`, the `previous` rows (income, expenditure, balances, 三公, 机关运行经费).
    /// A unit set up in the report year (`unit.established`) has no last year at all.
    pub fn build(unit: &UnitFile, file: Option<&UnitFile>) -> PriorFigures {
        if unit.unit.established == Some(unit.unit.year) {
            return PriorFigures {
                no_prior_year: true,
                ..PriorFigures::default()
            };
        }
        let mut p = file.map(from_full_unit).unwrap_or_default();
        if let Some(prev) = &unit.previous {
            let scale = Scale::of(unit);
            for (slot, stated) in p
                .total_slots()
                .into_iter()
                .zip(stated_totals(&prev.totals, scale))
            {
                fill(slot, stated);
            }
            let t = &prev.totals;
            if !t.general_items.is_empty() && prev.expenditure.is_none() {
                let items: BTreeMap<String, Decimal> = t
                    .general_items
                    .iter()
                    .map(|i| (i.code.0.clone(), scale.wan(i.amount)))
                    .collect();
                p.general_classes = Some(by_class(&items));
                p.general_items = Some(items);
            }
            p.overlay_previous_rows(prev, scale);
        }
        p
    }

    /// The totals stated in `unit.previous.totals` that disagree with the `previous` rows.
    pub fn stated_total_conflicts(unit: &UnitFile) -> Vec<StatedTotalConflict> {
        let Some(prev) = &unit.previous else {
            return Vec::new();
        };
        let scale = Scale::of(unit);
        let mut rows = PriorFigures::default();
        rows.overlay_previous_rows(prev, scale);
        let stated = stated_totals(&prev.totals, scale);
        let mut out: Vec<StatedTotalConflict> = TOTAL_KEYS
            .iter()
            .zip(stated)
            .zip(rows.total_slots())
            .filter_map(|((key, stated), from_rows)| match (stated, *from_rows) {
                (Some(s), Some(r)) if s != r => Some(StatedTotalConflict {
                    key,
                    stated: s,
                    from_rows: r,
                }),
                _ => None,
            })
            .collect();
        if let Some(items) = &rows.general_items {
            for i in &prev.totals.general_items {
                let from_rows = items.get(&i.code.0).copied().unwrap_or_default();
                if scale.wan(i.amount) != from_rows {
                    out.push(StatedTotalConflict {
                        key: "general_items",
                        stated: scale.wan(i.amount),
                        from_rows,
                    });
                }
            }
        }
        out
    }

    /// The figures `previous.totals` can state, in the order of `TOTAL_KEYS`.
    fn total_slots(&mut self) -> [&mut Option<Decimal>; 14] {
        [
            &mut self.total,
            &mut self.income,
            &mut self.spending,
            &mut self.basic,
            &mut self.project,
            &mut self.opening,
            &mut self.closing,
            &mut self.fiscal_total,
            &mut self.general,
            &mut self.general_basic,
            &mut self.personnel,
            &mut self.public,
            &mut self.fund,
            &mut self.sangong_total,
        ]
    }

    /// Overlays the figures of the `previous` rows (they win over everything else).
    fn overlay_previous_rows(&mut self, prev: &PreviousYear, scale: Scale) {
        if prev.income.is_some() || prev.expenditure.is_some() || prev.balances.is_some() {
            let income = prev.income.as_deref().unwrap_or(&[]);
            let exp = prev.expenditure.as_deref().unwrap_or(&[]);
            let f = UnitFigures::from_rows(scale, income, exp, prev.balances.as_ref());
            self.overlay_rows(
                &f,
                prev.income.is_some(),
                prev.expenditure.is_some(),
                prev.balances.is_some(),
            );
        }
        if let Some(s) = &prev.sangong {
            self.set_sangong(s, scale);
        }
        if let Some(o) = prev.operating_costs {
            self.operating_costs = Some(scale.wan(o));
        }
    }

    /// Whether any prior figure is known.
    pub fn any_known(&self) -> bool {
        self.total.is_some()
            || self.income.is_some()
            || self.spending.is_some()
            || self.general.is_some()
            || self.sangong_total.is_some()
            || self.operating_costs.is_some()
            || self.general_items.is_some()
    }

    fn overlay_rows(&mut self, f: &UnitFigures, income: bool, spending: bool, balances: bool) {
        if income {
            self.income = Some(f.income_total());
            self.income_sources = Some(f.income);
        }
        if spending {
            self.spending = Some(f.spending_total());
            self.basic = Some(f.spending.basic);
            self.project = Some(f.spending.project);
            self.general = Some(f.general_total());
            self.general_basic = Some(f.general_basic());
            // Rows that do not split 基本支出 (a Shanghai 05表) keep the 人员经费/公用经费 totals
            // given beside them (last year's 06表), rather than making them unknown.
            if let Some(split) = f.personnel_public() {
                self.personnel = Some(split.personnel);
                self.public = Some(split.public);
            }
            self.fund = Some(f.fund.total());
            let items: BTreeMap<String, Decimal> = f
                .items
                .iter()
                .map(|(c, it)| (c.to_string(), it.general_total()))
                .collect();
            self.general_classes = Some(by_class(&items));
            self.general_items = Some(items);
        }
        if balances {
            self.opening = Some(f.opening_total());
            self.closing = Some(f.closing_total());
        }
        if income && spending && balances {
            self.total = Some(f.income_grand_total());
            self.fiscal_total = Some(f.fiscal_grand_total());
        }
    }

    fn set_sangong(&mut self, s: &Sangong, scale: Scale) {
        let parts = sangong_parts(s, scale);
        self.sangong_parts = Some(parts);
        self.sangong_total = Some(parts.iter().copied().sum());
        self.meeting_training = [
            s.meeting.as_ref().map(|m| scale.wan(m.actual)),
            s.training.as_ref().map(|m| scale.wan(m.actual)),
        ];
    }
}

fn fill(slot: &mut Option<Decimal>, value: Option<Decimal>) {
    if value.is_some() {
        *slot = value;
    }
}

fn by_class(items: &BTreeMap<String, Decimal>) -> BTreeMap<String, Decimal> {
    let mut m = BTreeMap::new();
    for (code, v) in items {
        *m.entry(code[..3.min(code.len())].to_string())
            .or_insert(Decimal::ZERO) += *v;
    }
    m
}

fn from_full_unit(u: &UnitFile) -> PriorFigures {
    let f = UnitFigures::from_unit(u);
    let scale = Scale::of(u);
    let mut p = PriorFigures::default();
    p.overlay_rows(&f, true, true, true);
    p.set_sangong(&u.sangong, scale);
    p.operating_costs = u.operating_costs.as_ref().map(|o| scale.wan(o.amount));
    p
}
