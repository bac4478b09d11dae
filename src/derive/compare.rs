//! Comparisons the 情况说明 states: year-over-year changes, budget completion, and shares.
//! Each carries flags so that wording picks exactly one rule per situation (up, down, 持平,
//! prior zero, budget zero) and never computes a rate against zero.

use crate::money::{largest_remainder_shares, round_fixed, round_half_up};
use rust_decimal::Decimal;
use serde::Serialize;

/// How a figure moved against last year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Increased from a non-zero prior value.
    Up,
    /// Decreased.
    Down,
    /// Equal to last year (持平).
    Equal,
    /// Last year was zero and this year is not: no growth rate exists.
    New,
    /// Last year's figure is not known: no comparison is printed.
    Unknown,
    /// The unit was set up in the report year (`unit.established`): there is no last year, and
    /// the report says so instead of comparing.
    NoPriorYear,
}

/// What a compared figure is, for the wording of a change from a zero prior year ("上年无此项收入"
/// for income, "上年无此项支出" for spending …). The words live in the `change` filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Noun {
    /// An income figure (本年收入合计, a source of income).
    Income,
    /// A spending figure (本年支出合计, a 项, 三公, 机关运行经费 …).
    #[default]
    Spending,
    /// 收入支出总计 (01表).
    Total,
    /// 财政拨款收入支出总计 (04表).
    FiscalTotal,
    /// 结转和结余.
    Balance,
}

/// A year-over-year comparison of one figure (万元).
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// This year's value.
    pub current: Decimal,
    /// Last year's value, when known.
    pub previous: Option<Decimal>,
    /// up / down / equal / new / unknown / no_prior_year.
    pub direction: Direction,
    /// What the figure is (income, spending, a total …), for the wording of `new`.
    pub noun: Noun,
    /// |current − previous| (0 when unknown).
    pub amount: Decimal,
    /// amount / previous in percent, rounded to the report's decimals; absent when previous is
    /// zero or unknown.
    pub rate: Option<Decimal>,
    /// The exact rate (unrounded), for thresholds.
    #[serde(skip)]
    pub exact_rate: Option<Decimal>,
    /// 主要原因 from the YAML.
    pub reason: Option<String>,
    /// A reason the YAML gives for a comparison that cannot be made (a unit set up this year):
    /// kept out of the report, for the audit to report.
    #[serde(skip)]
    pub withheld_reason: Option<String>,
}

impl Change {
    /// Compares `current` with `previous` (None: unknown), rounding rates to `dp` decimals.
    pub fn new(current: Decimal, previous: Option<Decimal>, dp: u32, reason: Option<&String>) -> Change {
        let reason = reason.filter(|r| !r.trim().is_empty()).cloned();
        let Some(prev) = previous else {
            return Change {
                current,
                previous,
                direction: Direction::Unknown,
                noun: Noun::default(),
                amount: Decimal::ZERO,
                rate: None,
                exact_rate: None,
                reason,
                withheld_reason: None,
            };
        };
        let diff = current - prev;
        // The wording follows the printed (万元, 2 decimals) change: a change that rounds to 0.00 is
        // 持平, never "增加0.00万元".
        let direction = if round_half_up(diff.abs(), 2).is_zero() {
            Direction::Equal
        } else if prev.is_zero() {
            Direction::New
        } else if diff > Decimal::ZERO {
            Direction::Up
        } else {
            Direction::Down
        };
        let moved = matches!(direction, Direction::Up | Direction::Down);
        let exact_rate = (moved && !prev.is_zero()).then(|| diff.abs() * Decimal::ONE_HUNDRED / prev);
        Change {
            current,
            previous,
            direction,
            noun: Noun::default(),
            amount: diff.abs(),
            rate: exact_rate.map(|r| round_fixed(r, dp)),
            exact_rate,
            reason,
            withheld_reason: None,
        }
    }

    /// The same comparison, of a figure that is `noun`.
    pub fn of(mut self, noun: Noun) -> Change {
        self.noun = noun;
        self
    }

    /// Marks the comparison as impossible because the unit has no last year (set up this year).
    pub fn without_prior_year(&mut self) {
        self.previous = None;
        self.direction = Direction::NoPriorYear;
        self.amount = Decimal::ZERO;
        self.rate = None;
        self.exact_rate = None;
        self.withheld_reason = self.reason.take();
    }

    /// Whether the change is large enough to need a stated reason under `threshold` percent.
    pub fn needs_reason(&self, threshold: u8) -> bool {
        match self.direction {
            Direction::New => true,
            Direction::Up | Direction::Down => self.exact_rate.is_some_and(|r| r >= Decimal::from(threshold)),
            Direction::Equal | Direction::Unknown | Direction::NoPriorYear => false,
        }
    }

    /// Whether the report prints the reason of this change when one is given (it does for a
    /// change; not for 持平, an unknown prior year or a unit without a last year).
    pub fn prints_reason(&self) -> bool {
        matches!(self.direction, Direction::Up | Direction::Down | Direction::New)
    }
}

/// Which budget a completion rate is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetBasis {
    /// 年初预算 (non-zero).
    Initial,
    /// 全年预算, used because 年初预算 is zero.
    Full,
    /// Budget stated as zero: 年初未安排预算.
    Unbudgeted,
    /// No budget figure given: nothing is said about the budget.
    Unknown,
}

/// Actual against budget.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetCompare {
    /// 决算数.
    pub actual: Decimal,
    /// 年初预算数, when given.
    pub initial: Option<Decimal>,
    /// 全年预算数, when given.
    pub full: Option<Decimal>,
    /// initial / full / unbudgeted / unknown.
    pub basis: BudgetBasis,
    /// The budget figure the rates use (initial or full).
    pub budget: Option<Decimal>,
    /// 完成预算的比例, percent, rounded.
    pub completion: Option<Decimal>,
    /// 预决算差异率 = (决算 − 预算) / 预算, percent, rounded (signed).
    pub diff_rate: Option<Decimal>,
    /// over / under / equal (决算数大于/小于/等于预算数); absent without a budget.
    pub relation: Option<Relation>,
    /// |决算 − 预算|.
    pub difference: Option<Decimal>,
    /// 主要原因 from the YAML.
    pub reason: Option<String>,
}

impl BudgetCompare {
    /// Compares `actual` with the budget figures given (None: not given).
    pub fn new(
        actual: Decimal,
        initial: Option<Decimal>,
        full: Option<Decimal>,
        dp: u32,
        reason: Option<&String>,
    ) -> BudgetCompare {
        let reason = reason.filter(|r| !r.trim().is_empty()).cloned();
        // A budget that prints as 0.00万元 (a few 元 with 元 input) is no budget: a rate against it
        // would contradict the printed figures.
        let printed = |d: &Decimal| !round_half_up(*d, 2).is_zero();
        let (basis, budget) = match (initial, full) {
            (Some(i), _) if printed(&i) => (BudgetBasis::Initial, Some(i)),
            (_, Some(f)) if printed(&f) => (BudgetBasis::Full, Some(f)),
            (None, None) => (BudgetBasis::Unknown, None),
            _ => (BudgetBasis::Unbudgeted, None),
        };
        let completion = budget.map(|b| round_fixed(actual * Decimal::ONE_HUNDRED / b, dp));
        let diff_rate = budget.map(|b| round_fixed((actual - b) * Decimal::ONE_HUNDRED / b, dp));
        // As for changes, a difference that prints as 0.00万元 is 持平.
        let relation = budget.map(|b| {
            if round_half_up((actual - b).abs(), 2).is_zero() {
                Relation::Equal
            } else if actual > b {
                Relation::Over
            } else {
                Relation::Under
            }
        });
        BudgetCompare {
            actual,
            initial,
            full,
            basis,
            budget,
            completion,
            diff_rate,
            relation,
            difference: budget.map(|b| (actual - b).abs()),
            reason,
        }
    }

    /// Whether the report prints the reason of this difference when one is given (not when there
    /// is no budget figure, nor when 决算 equals 预算).
    pub fn prints_reason(&self) -> bool {
        match self.basis {
            BudgetBasis::Initial | BudgetBasis::Full => self.relation != Some(Relation::Equal),
            BudgetBasis::Unbudgeted => true,
            BudgetBasis::Unknown => false,
        }
    }

    /// Whether a reason must be stated: a difference beyond `threshold` percent of the budget, or
    /// spending with no budget at all.
    pub fn needs_reason(&self, threshold: u8) -> bool {
        match (self.basis, self.budget) {
            (BudgetBasis::Unbudgeted, _) => !self.actual.is_zero(),
            (_, Some(b)) => {
                (self.actual - b).abs() * Decimal::ONE_HUNDRED >= b * Decimal::from(threshold)
                    && self.relation != Some(Relation::Equal)
            }
            _ => false,
        }
    }
}

/// How an actual figure stands to its budget (as printed: a difference that rounds to 0.00万元
/// is `equal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// 决算数大于预算数.
    Over,
    /// 决算数小于预算数.
    Under,
    /// 决算数等于预算数.
    Equal,
}

/// One part of a whole, with its share.
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    /// Stable key (e.g. `basic`, `210`).
    pub key: String,
    /// Display name.
    pub name: String,
    /// The amount (万元).
    pub amount: Decimal,
    /// Percent of the whole, by largest remainder among the parts listed together; absent when
    /// the whole is zero (a share of nothing is never printed).
    pub share: Option<Decimal>,
}

/// Shares of `parts` (key, name, amount) that total exactly 100 at `dp` decimals; every share is
/// absent when the parts add up to zero.
pub fn shares(parts: Vec<(String, String, Decimal)>, dp: u32) -> Vec<Share> {
    let amounts: Vec<Decimal> = parts.iter().map(|p| p.2).collect();
    let s = share_list(&amounts, dp);
    parts
        .into_iter()
        .zip(s)
        .map(|((key, name, amount), share)| Share {
            key,
            name,
            amount,
            share,
        })
        .collect()
}

/// Shares of `parts` by largest remainder, each absent when the parts add up to zero.
pub fn share_list(parts: &[Decimal], dp: u32) -> Vec<Option<Decimal>> {
    let total: Decimal = parts.iter().copied().sum();
    let s = largest_remainder_shares(parts, dp);
    s.into_iter().map(|x| (!total.is_zero()).then_some(x)).collect()
}

/// `part / whole` in percent rounded to `dp`, or None when `whole` is zero.
pub fn ratio(part: Decimal, whole: Decimal, dp: u32) -> Option<Decimal> {
    (!whole.is_zero()).then(|| round_fixed(part * Decimal::ONE_HUNDRED / whole, dp))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn change_directions() {
        let c = Change::new(d("46.26"), Some(d("37.70")), 2, None);
        assert_eq!(
            (c.direction, c.amount, c.rate),
            (Direction::Up, d("8.56"), Some(d("22.71")))
        );
        let c = Change::new(d("945.84"), Some(d("1533.59")), 2, None);
        assert_eq!(
            (c.direction, c.amount, c.rate),
            (Direction::Down, d("587.75"), Some(d("38.33")))
        );
        let c = Change::new(d("1.64"), Some(d("0")), 2, None);
        assert_eq!((c.direction, c.rate), (Direction::New, None));
        assert!(c.needs_reason(10));
        let c = Change::new(d("0"), Some(d("0")), 2, None);
        assert_eq!(c.direction, Direction::Equal);
        let c = Change::new(d("5"), None, 2, None);
        assert_eq!(c.direction, Direction::Unknown);
        let c = Change::new(d("0"), Some(d("0.35")), 2, None);
        assert_eq!((c.direction, c.rate), (Direction::Down, Some(d("100.00"))));
        // A change that prints as 0.00万元 (元 input) is 持平, not "增加0.00万元".
        let c = Change::new(d("1.000001"), Some(d("1.00")), 2, None);
        assert_eq!(c.direction, Direction::Equal);
        let c = Change::new(d("0.000049"), Some(d("0")), 2, None);
        assert_eq!(c.direction, Direction::Equal);
    }

    #[test]
    fn budget_rules() {
        let b = BudgetCompare::new(d("1051.10"), Some(d("706.72")), None, 2, None);
        assert_eq!((b.basis, b.completion), (BudgetBasis::Initial, Some(d("148.73"))));
        let b = BudgetCompare::new(d("46.26"), Some(d("132.00")), None, 2, None);
        assert_eq!(b.diff_rate, Some(d("-64.95")));
        assert_eq!(b.relation, Some(Relation::Under));
        let b = BudgetCompare::new(d("10"), Some(d("0")), Some(d("8")), 2, None);
        assert_eq!((b.basis, b.completion), (BudgetBasis::Full, Some(d("125.00"))));
        let b = BudgetCompare::new(d("10"), Some(d("0")), None, 2, None);
        assert_eq!((b.basis, b.completion), (BudgetBasis::Unbudgeted, None));
        assert!(b.needs_reason(10));
        let b = BudgetCompare::new(d("10"), None, None, 2, None);
        assert_eq!(b.basis, BudgetBasis::Unknown);
        let b = BudgetCompare::new(d("10"), Some(d("10")), None, 2, None);
        assert_eq!(b.relation, Some(Relation::Equal));
        assert!(!b.needs_reason(10));
        // 30 元 of budget prints as 0.00万元: no rate against it.
        let b = BudgetCompare::new(d("10"), Some(d("0.003")), None, 2, None);
        assert_eq!((b.basis, b.completion), (BudgetBasis::Unbudgeted, None));
    }

    #[test]
    fn shares_and_ratio() {
        let s = shares(
            vec![
                ("a".into(), "a".into(), d("36.01")),
                ("b".into(), "b".into(), d("10.25")),
            ],
            2,
        );
        assert_eq!((s[0].share, s[1].share), (Some(d("77.84")), Some(d("22.16"))));
        let zero = shares(
            vec![("a".into(), "a".into(), d("0")), ("b".into(), "b".into(), d("0"))],
            2,
        );
        assert!(zero.iter().all(|s| s.share.is_none()));
        assert_eq!(ratio(d("283.85"), d("288.16"), 2), Some(d("98.50")));
        assert_eq!(ratio(d("1"), d("0"), 2), None);
    }
}
