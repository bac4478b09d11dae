//! Invariants under random data: proptest generates valid units (any mix of 项, money sources,
//! balances, prior-year figures, 三公, procurement and vehicles) and checks that every identity of
//! domain.md §2 holds in the derived context, shares listed together total exactly 100, the change
//! wording matches the sign of the change, and both formats render, identically every time.

use juesuan::audit::Severity;
use juesuan::catalogue::Level;
use juesuan::derive::{Change, CodeTable, Context, Direction, Share};
use juesuan::render::{Format, Renderer};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::sync::OnceLock;

/// 项 codes the catalogue knows, across several 类 and 款.
const CODES: [&str; 12] = [
    "2010601", "2080505", "2080506", "2101101", "2101102", "2101103", "2101501", "2101502", "2101550",
    "2101599", "2109999", "2210201",
];

fn cents(c: u64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

#[derive(Debug, Clone)]
struct Row {
    code: usize,
    personnel: u64,
    public: u64,
    project: u64,
    other_basic: u64,
    operating: u64,
    prior: Option<u64>,
    initial: Option<u64>,
}

fn row() -> impl Strategy<Value = Row> {
    (
        0..CODES.len(),
        0u64..5_000_000,
        0u64..500_000,
        prop_oneof![Just(0u64), 0u64..3_000_000],
        prop_oneof![Just(0u64), 0u64..200_000],
        prop_oneof![Just(0u64), 0u64..100_000],
        prop::option::of(prop_oneof![Just(0u64), 0u64..5_000_000]),
        prop::option::of(prop_oneof![Just(0u64), 0u64..6_000_000]),
    )
        .prop_map(
            |(code, personnel, public, project, other_basic, operating, prior, initial)| Row {
                code,
                personnel,
                public,
                project,
                other_basic,
                operating,
                prior,
                initial,
            },
        )
}

#[derive(Debug, Clone)]
struct Unit {
    rows: Vec<Row>,
    opening: u64,
    other_opening: u64,
    sangong: [u64; 4],
    sangong_budget: [u64; 4],
    prior_sangong: Option<[u64; 4]>,
    procurement: (u64, u64, u64, u64, u64),
    vehicles: [u32; 8],
    one_decimal: bool,
    yuan: bool,
}

fn unit() -> impl Strategy<Value = Unit> {
    (
        prop::collection::vec(row(), 1..10),
        0u64..1_000_000,
        0u64..1_000_000,
        prop::array::uniform4(0u64..50_000),
        prop::array::uniform4(0u64..60_000),
        prop::option::of(prop::array::uniform4(0u64..50_000)),
        (
            0u64..500_000,
            0u64..500_000,
            0u64..500_000,
            0u64..=100,
            0u64..=100,
        ),
        prop::array::uniform8(0u32..3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(
                rows,
                opening,
                other_opening,
                sangong,
                sangong_budget,
                prior_sangong,
                procurement,
                vehicles,
                one_decimal,
                yuan,
            )| {
                // One row per code.
                let mut seen = std::collections::BTreeSet::new();
                let rows = rows.into_iter().filter(|r| seen.insert(r.code)).collect();
                Unit {
                    rows,
                    opening,
                    other_opening,
                    sangong,
                    sangong_budget,
                    prior_sangong,
                    procurement,
                    vehicles,
                    one_decimal,
                    yuan,
                }
            },
        )
}

/// A balanced unit as YAML: income per 项 equals its spending by source, balances carried unchanged.
fn yaml(u: &Unit) -> String {
    // In 元 mode the same digits are read as 元 (so every amount has 0–2 decimals either way).
    let mut y = format!(
        "unit: {{name: 随机单位, year: 2024}}\nsettings: {{percent_decimals: {}, input_unit: {}}}\nincome:\n",
        if u.one_decimal { 1 } else { 2 },
        if u.yuan { "元" } else { "万元" }
    );
    for r in &u.rows {
        let general = r.personnel + r.public + r.project;
        y.push_str(&format!(
            "  - {{code: {}, general: {}, other: {}}}\n",
            CODES[r.code],
            cents(general),
            cents(r.other_basic + r.operating)
        ));
    }
    y.push_str("expenditure:\n");
    for r in &u.rows {
        y.push_str(&format!(
            "  - code: {}\n    general: {{personnel: {}, public: {}, project: {}}}\n    other: {{basic: {}, operating: {}}}\n",
            CODES[r.code],
            cents(r.personnel),
            cents(r.public),
            cents(r.project),
            cents(r.other_basic),
            cents(r.operating)
        ));
        if let Some(i) = r.initial {
            y.push_str(&format!("    budget: {{initial: {}}}\n", cents(i)));
        }
    }
    let personnel: u64 = u.rows.iter().map(|r| r.personnel).sum();
    let public: u64 = u.rows.iter().map(|r| r.public).sum();
    let half = personnel / 2;
    y.push_str(&format!(
        "basic_by_economic:\n  - {{code: 30101, amount: {}}}\n  - {{code: 30102, amount: {}}}\n  - {{code: 30201, amount: {}}}\n",
        cents(half),
        cents(personnel - half),
        cents(public)
    ));
    y.push_str(&format!(
        "balances:\n  opening: {{general: {0}, other: {1}}}\n  closing: {{general: {0}, other: {1}}}\n",
        cents(u.opening),
        cents(u.other_opening)
    ));
    let names = ["abroad", "vehicle_purchase", "vehicle_running", "reception"];
    y.push_str("sangong:\n");
    for (i, n) in names.iter().enumerate() {
        y.push_str(&format!(
            "  {n}: {{budget_initial: {}, actual: {}, change_reason: 原因, budget_reason: 原因}}\n",
            cents(u.sangong_budget[i]),
            cents(u.sangong[i])
        ));
    }
    let total_vehicles: u32 = u.vehicles.iter().sum();
    y.push_str(&format!(
        "  vehicles_held: {total_vehicles}\n  vehicles_bought: {}\n",
        u32::from(u.sangong[1] > 0)
    ));
    let (g, w, s, sme_pct, micro_pct) = u.procurement;
    let sme = (g + w + s) * sme_pct / 100;
    let micro = sme * micro_pct / 100;
    y.push_str(&format!(
        "procurement: {{goods: {}, works: {}, services: {}, sme: {}, small_micro: {}}}\n",
        cents(g),
        cents(w),
        cents(s),
        cents(sme),
        cents(micro)
    ));
    let kinds = [
        "leader",
        "principal",
        "confidential",
        "emergency",
        "enforcement",
        "special",
        "retired",
        "other",
    ];
    y.push_str(&format!("assets: {{vehicles_total: {total_vehicles}"));
    for (k, n) in kinds.iter().zip(u.vehicles) {
        y.push_str(&format!(", vehicles_{k}: {n}"));
    }
    y.push_str("}\n");
    y.push_str("previous:\n  totals:\n    general_items: [");
    let prior: Vec<String> = u
        .rows
        .iter()
        .filter_map(|r| {
            r.prior
                .map(|p| format!("{{code: {}, amount: {}}}", CODES[r.code], cents(p)))
        })
        .collect();
    y.push_str(&prior.join(", "));
    y.push_str("]\n");
    if let Some(p) = u.prior_sangong {
        y.push_str("  sangong:\n");
        for (i, n) in names.iter().enumerate() {
            y.push_str(&format!("    {n}: {{actual: {}}}\n", cents(p[i])));
        }
    }
    y
}

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| Renderer::new(None).unwrap())
}

fn assert_tree_sums(t: &CodeTable) {
    let width = t.total.len();
    for col in 0..width {
        let classes: Decimal = t
            .rows
            .iter()
            .filter(|r| r.level == Level::Class)
            .map(|r| r.cells[col])
            .sum();
        assert_eq!(classes, t.total[col], "合计 = Σ类");
    }
    for parent in t.rows.iter().filter(|r| r.level != Level::Item) {
        let child_level = if parent.level == Level::Class {
            Level::Section
        } else {
            Level::Item
        };
        for col in 0..width {
            let sum: Decimal = t
                .rows
                .iter()
                .filter(|r| r.level == child_level && r.code.starts_with(&parent.code))
                .map(|r| r.cells[col])
                .sum();
            assert_eq!(sum, parent.cells[col], "{} = Σ children", parent.code);
        }
    }
}

fn assert_shares(list: &[Share], dp: u32) {
    let total: Decimal = list.iter().map(|s| s.amount).sum();
    if total.is_zero() {
        return;
    }
    let shares: Decimal = list
        .iter()
        .map(|s| s.share.expect("a share of a non-zero whole"))
        .sum();
    assert_eq!(shares, Decimal::ONE_HUNDRED, "shares {list:?}");
    for s in list {
        assert_eq!(s.share.map(|s| s.scale()), Some(dp), "shares carry {dp} decimals");
    }
}

fn assert_direction(c: &Change) {
    let shown = |d: Decimal| juesuan::money::round_half_up(d, 2);
    let expected = match c.previous {
        None => Direction::Unknown,
        Some(p) if shown((c.current - p).abs()).is_zero() => Direction::Equal,
        Some(p) if p.is_zero() => Direction::New,
        Some(p) if c.current > p => Direction::Up,
        Some(_) => Direction::Down,
    };
    assert_eq!(c.direction, expected, "{c:?}");
    assert_eq!(
        c.rate.is_some(),
        matches!(c.direction, Direction::Up | Direction::Down),
        "rate only for up/down: {c:?}"
    );
}

fn check_context(ctx: &Context) {
    let t = &ctx.tables;
    for table in [&t.t02, &t.t03, &t.t05, &t.t07, &t.t08] {
        assert_tree_sums(table);
    }
    for r in t.t03.rows.iter() {
        assert_eq!(
            r.cells[1..].iter().copied().sum::<Decimal>(),
            r.cells[0],
            "03 row sums its kinds"
        );
    }
    for r in t.t05.rows.iter() {
        assert_eq!(r.cells[2] + r.cells[3], r.cells[1], "05 基本 = 人员 + 公用");
        assert_eq!(r.cells[1] + r.cells[4], r.cells[0], "05 合计 = 基本 + 项目");
    }
    let x = &ctx.text;
    assert_eq!(
        x.overall.income_grand_total, x.overall.spending_grand_total,
        "01 收入总计 = 支出总计"
    );
    assert_eq!(t.t05.total[0], x.general.total, "04 一般公共预算 = 05 合计");
    assert_eq!(t.t05.total[2], t.t06.personnel_total, "05 人员经费 = 06");
    assert_eq!(t.t05.total[3], t.t06.public_total, "05 公用经费 = 06");
    assert_eq!(t.t02.total[0], x.income.total, "02 合计 = 01 本年收入");
    assert_eq!(t.t03.total[0], x.spending.total, "03 合计 = 01 本年支出");
    let s = &t.t09.actual;
    assert_eq!(
        s.total,
        s.abroad + s.vehicle_purchase + s.vehicle_running + s.reception,
        "09 合计"
    );
    for f in &x.fiscal.funds {
        assert_eq!(
            f.opening + f.income,
            f.spending + f.closing,
            "{} balances",
            f.name
        );
    }
    let dp = ctx.meta.percent_decimals;
    assert_shares(&x.income.sources, dp);
    assert_shares(&x.spending.kinds, dp);
    let classes: Vec<Share> = x.general.classes.iter().map(|c| c.share.clone()).collect();
    assert_shares(&classes, dp);
    let parts: Vec<Share> = x
        .sangong
        .parts
        .iter()
        .map(|p| Share {
            key: p.key.into(),
            name: p.name.into(),
            amount: p.actual,
            share: p.share,
        })
        .collect();
    assert_shares(&parts, dp);
    for i in &x.general.items {
        assert_direction(&i.change);
    }
    assert_direction(&x.sangong.change);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn identities_shares_and_wording_hold(u in unit()) {
        let text = yaml(&u);
        let (ctx, findings) = crate::common::run(&text);
        let errors: Vec<_> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{errors:#?}\n{text}");
        check_context(&ctx);
        let md = renderer().render(&ctx, "central", Format::Markdown).unwrap();
        let html = renderer().render(&ctx, "central", Format::Html).unwrap();
        prop_assert_eq!(&md, &renderer().render(&ctx, "central", Format::Markdown).unwrap());
        prop_assert_eq!(&html, &renderer().render(&ctx, "central", Format::Html).unwrap());
        for item in &ctx.text.general.items {
            let key = format!("{}（类）{}（款）{}（项）：", item.class_name, item.section_name, item.name);
            let line = md.lines().find(|l| l.contains(&key) && !l.contains("反映")).unwrap_or("");
            match item.change.direction {
                Direction::Up => prop_assert!(line.contains("增加") && line.contains("增长"), "{line}"),
                Direction::Down => prop_assert!(line.contains("减少") && line.contains("下降"), "{line}"),
                Direction::Equal => prop_assert!(line.contains("持平") && !line.contains("，增长"), "{line}"),
                Direction::New => prop_assert!(line.contains("上年无此项支出") && !line.contains("，增长"), "new: {line} {:?}", item.change),
                Direction::Unknown => prop_assert!(!line.contains("上年"), "unknown: {line} {:?}", item.change),
                Direction::NoPriorYear => prop_assert!(line.contains("无上年数据可比"), "no prior year: {line}"),
            }
        }
        // A rate against a zero 年初预算 is never printed (the generator makes zero budgets often).
        prop_assert!(
            !md.lines().any(|l| l.contains("年初预算为0.00万元") && l.contains("完成年初预算")),
            "rate against a zero budget"
        );
    }

    #[test]
    fn unbalanced_units_are_errors(u in unit(), extra in 1u64..1_000_000) {
        let text = yaml(&u).replace("income:\n", &format!("income:\n  - {{code: 2109999, other: {}}}\n", cents(extra)));
        // 2109999 may already be a row: a duplicate is an error too.
        let (_, findings) = crate::common::run(&text);
        prop_assert!(findings.iter().any(|f| f.severity == Severity::Error), "{text}");
    }
}
