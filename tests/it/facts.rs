//! The arithmetic facts of domain.md §4, through the derived context, on purpose-made units that
//! carry the published figures each fact is computed from.

use crate::common::{HEAD, run};

fn s(d: &impl ToDecimal) -> String {
    d.decimal().to_string()
}

/// An amount or a share (a share is absent only for a zero whole, which these facts never have).
trait ToDecimal {
    fn decimal(&self) -> rust_decimal::Decimal;
}

impl ToDecimal for rust_decimal::Decimal {
    fn decimal(&self) -> rust_decimal::Decimal {
        *self
    }
}

impl ToDecimal for Option<rust_decimal::Decimal> {
    fn decimal(&self) -> rust_decimal::Decimal {
        self.expect("a share of a non-zero whole")
    }
}

#[test]
fn wuerhe_001() {
    let y = format!(
        "{HEAD}income:\n  - {{code: 2101501, general: 46.26}}\nexpenditure:\n  - {{code: 2080505, general: {{personnel: 2.92}}}}\n  - {{code: 2101501, general: {{personnel: 23.57, public: 4.64, project: 10.25}}}}\n  - {{code: 2210201, general: {{personnel: 4.88}}}}\nbudget: {{fiscal_initial: 132.00}}\nsangong:\n  vehicle_running: {{actual: 1.36}}\n  reception: {{actual: 0.96}}\nprevious:\n  totals: {{total: 37.70, income: 37.70, fiscal_total: 37.70, sangong: 1.06}}\n"
    );
    let (ctx, _) = run(&y);
    let t = &ctx.text;
    assert_eq!(
        (
            s(&t.income.change.amount),
            t.income.change.rate.map(|r| r.to_string())
        ),
        ("8.56".into(), Some("22.71".into()))
    );
    let k = &t.spending.kinds;
    assert_eq!(
        (s(&k[0].amount), s(&k[0].share), s(&k[1].amount), s(&k[1].share)),
        ("36.01".into(), "77.84".into(), "10.25".into(), "22.16".into())
    );
    assert_eq!(
        t.fiscal.budget.diff_rate.map(|r| r.to_string()),
        Some("-64.95".into())
    );
    assert_eq!(
        t.sangong.change.rate.map(|r| r.to_string()),
        Some("118.87".into())
    );
    let p = &t.sangong.parts;
    assert_eq!(
        (s(&p[1].share), s(&p[2].share), s(&p[0].share)),
        ("58.62".into(), "41.38".into(), "0.00".into())
    );
    let classes: Vec<String> = t.general.classes.iter().map(|c| s(&c.share.share)).collect();
    assert_eq!(classes, ["6.31", "83.14", "10.55"]);
}

#[test]
fn wuerhe_001_item_decrease() {
    let y = format!(
        "{HEAD}expenditure:\n  - {{code: 2101501, general: {{public: 26.20}}}}\nprevious:\n  totals:\n    general_items: [{{code: 2101501, amount: 33.92}}]\n"
    );
    let (ctx, _) = run(&y);
    let c = &ctx.text.general.items[0].change;
    assert_eq!(
        (s(&c.amount), c.rate.map(|r| r.to_string())),
        ("7.72".into(), Some("22.76".into()))
    );
}

#[test]
fn anyi_002() {
    let y = format!(
        "{HEAD}income:\n  - {{code: 2080505, general: 51.95}}\n  - {{code: 2101501, general: 958.82, other: 2.52}}\n  - {{code: 2210201, general: 40.33}}\nexpenditure:\n  - {{code: 2080505, general: {{personnel: 51.95}}}}\n  - {{code: 2101501, general: {{personnel: 384.67, public: 38.15, project: 536.00}}, other: {{basic: 33.01}}}}\n  - {{code: 2210201, general: {{personnel: 40.33}}}}\nbalances:\n  opening: {{other: 49.18}}\n  closing: {{other: 18.69}}\n  non_fiscal_surplus_used: 0\nbudget:\n  general_initial: 706.72\n  classes: [{{code: 210, initial: 620.68}}]\nprevious:\n  totals: {{opening: 131.44}}\n"
    );
    let (ctx, _) = run(&y);
    let t = &ctx.text;
    assert_eq!(
        t.overall.opening_change.rate.map(|r| r.to_string()),
        Some("62.58".into())
    );
    assert_eq!(
        t.general.budget.completion.map(|r| r.to_string()),
        Some("148.73".into())
    );
    let health = t.general.classes.iter().find(|c| c.share.key == "210").unwrap();
    assert_eq!(
        health.budget.completion.map(|r| r.to_string()),
        Some("154.48".into())
    );
    let k = &t.spending.kinds;
    assert_eq!(
        (s(&k[0].amount), s(&k[0].share), s(&k[1].amount), s(&k[1].share)),
        ("548.11".into(), "50.56".into(), "536.00".into(), "49.44".into())
    );
}

#[test]
fn beilin_003() {
    let y = format!(
        "{HEAD}income:\n  - {{code: 2101550, general: 945.84}}\nexpenditure:\n  - {{code: 2101550, general: {{personnel: 160.74, project: 785.10}}}}\n  - {{code: 2101199, name: 其他行政事业单位医疗支出, general: {{project: 0}}, budget: {{initial: 7.32}}}}\nbudget: {{general_initial: 1246.16}}\nprevious:\n  totals: {{total: 1533.59}}\n"
    );
    let (ctx, _) = run(&y);
    let t = &ctx.text;
    assert_eq!(
        (
            s(&t.overall.change.amount),
            t.overall.change.rate.map(|r| r.to_string())
        ),
        ("587.75".into(), Some("38.33".into()))
    );
    assert_eq!(
        t.general.budget.completion.map(|r| r.to_string()),
        Some("75.90".into())
    );
    let k = &t.spending.kinds;
    assert_eq!((s(&k[0].share), s(&k[1].share)), ("16.99".into(), "83.01".into()));
    // Per-项 completion rates of the seed: 10.00 of 7.32 and 1.55 of 201.14.
    let b = juesuan::derive::BudgetCompare::new(
        "10.00".parse().unwrap(),
        Some("7.32".parse().unwrap()),
        None,
        2,
        None,
    );
    assert_eq!(b.completion.map(|r| r.to_string()), Some("136.61".into()));
    let b = juesuan::derive::BudgetCompare::new(
        "1.55".parse().unwrap(),
        Some("201.14".parse().unwrap()),
        None,
        2,
        None,
    );
    assert_eq!(b.completion.map(|r| r.to_string()), Some("0.77".into()));
}

#[test]
fn longjing_004() {
    let y = format!(
        "{HEAD}settings: {{percent_decimals: 2}}\nincome:\n  - {{code: 2101550, general: 283.79, other: 4.31}}\nexpenditure:\n  - {{code: 2080505, general: {{personnel: 44.84}}}}\n  - {{code: 2101550, general: {{personnel: 209.46, public: 8.87}}, other: {{basic: 4.31}}}}\n  - {{code: 2210201, general: {{personnel: 20.68}}}}\nbalances:\n  opening: {{general: 0.74}}\n  closing: {{general: 0.68}}\nbudget: {{general_initial: 253.56}}\n"
    );
    let (ctx, _) = run(&y);
    let t = &ctx.text;
    assert_eq!(
        t.general.share_of_spending.map(|r| r.to_string()),
        Some("98.50".into())
    );
    assert_eq!(s(&t.spending.total), "288.16");
    assert_eq!(
        (
            s(&t.overall.income_grand_total),
            s(&t.overall.spending_grand_total)
        ),
        ("288.84".into(), "288.84".into())
    );
    let classes: Vec<String> = t.general.classes.iter().map(|c| s(&c.share.share)).collect();
    assert_eq!(classes, ["15.80", "76.92", "7.28"]);
    // Budget completion is measured on 支出 283.85, not 收入 283.79.
    assert_eq!(s(&t.general.budget.actual), "283.85");
    let one = run(&y.replace("percent_decimals: 2", "percent_decimals: 1")).0;
    let classes: Vec<String> = one
        .text
        .general
        .classes
        .iter()
        .map(|c| s(&c.share.share))
        .collect();
    assert_eq!(classes, ["15.8", "76.9", "7.3"]);
}

/// Last year's rows that give 基本支出 unsplit (a Shanghai 05表, or `import --previous` from one)
/// keep the 人员经费/公用经费 totals written beside them (last year's 06表): 六 compares them.
#[test]
fn unsplit_previous_rows_keep_the_personnel_and_public_totals() {
    let y = format!(
        "{}expenditure:\n  - {{code: 2010101, general: {{personnel: 80.00, public: 20.00}}}}\n\
         previous:\n  expenditure:\n    - {{code: 2010101, general: {{basic: 90.00}}}}\n  totals:\n    personnel: 70.00\n    public: 20.00\n",
        crate::common::HEAD
    );
    let (ctx, _) = crate::common::run(&y);
    let b = &ctx.text.basic;
    assert_eq!(b.personnel_change.previous, Some(rust_decimal::Decimal::from(70)));
    assert_eq!(b.public_change.previous, Some(rust_decimal::Decimal::from(20)));
}
