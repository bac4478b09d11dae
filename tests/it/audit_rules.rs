//! Every audit rule, with a passing and a failing case each. Identities of domain.md §2 that
//! juesuan guarantees by construction (款 = Σ项, 合计 = Σ类, 03 row sums, 09 合计) are checked on
//! the derived context instead.

use crate::common::{HEAD, errors, rules, run};
use juesuan::audit::Severity;

/// A balanced unit: 100 of general income spent as 80 personnel + 20 public, with 06 detail.
fn balanced() -> String {
    format!(
        "{HEAD}income:\n  - {{code: 2101501, general: 100.00}}\nexpenditure:\n  - code: 2101501\n    general: {{personnel: 80.00, public: 20.00}}\nbasic_by_economic:\n  - {{code: 30101, amount: 80.00}}\n  - {{code: 30201, amount: 20.00}}\n"
    )
}

fn has(yaml: &str, rule: &str, severity: Severity) -> bool {
    let (_, f) = run(yaml);
    f.iter().any(|x| x.rule == rule && x.severity == severity)
}

#[test]
fn balanced_unit_is_clean() {
    let (_, f) = run(&balanced());
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn income_total_must_equal_expenditure_total() {
    let y = balanced().replace("general: 100.00}", "general: 90.00}");
    let (_, f) = run(&y);
    let e = f
        .iter()
        .find(|x| x.rule == "balance.total")
        .expect("balance.total");
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(e.difference.unwrap().to_string(), "-10.00");
    assert!(
        e.message
            .contains("收入总计 90.00万元 ≠ 支出总计 100.00万元，相差 -10.00万元"),
        "{}",
        e.message
    );
    assert_eq!(e.path, "balances");
    // Closing balance makes it whole again.
    let fixed = y.replace("income:", "balances:\n  opening: {general: 10.00}\nincome:");
    assert!(errors(&run(&fixed).1).is_empty(), "{:?}", run(&fixed).1);
}

#[test]
fn each_fiscal_fund_balances() {
    let y = balanced() + "balances:\n  opening: {other: 5.00}\n  closing: {general: 5.00}\n";
    assert!(has(&y, "balance.general", Severity::Error));
    let ok = balanced() + "balances:\n  opening: {general: 5.00}\n  closing: {general: 5.00}\n";
    assert!(errors(&run(&ok).1).is_empty());
}

#[test]
fn table07_rows_balance() {
    let base = format!(
        "{HEAD}income:\n  - {{code: 2296013, fund: 50.00}}\nexpenditure:\n  - {{code: 2296013, fund: {{project: 40.00}}}}\n"
    );
    let ok = base.clone() + "balances:\n  fund_items:\n    - {code: 2296013, opening: 0, closing: 10.00}\n";
    assert!(errors(&run(&ok).1).is_empty(), "{:?}", run(&ok).1);
    let bad = base + "balances:\n  fund_items:\n    - {code: 2296013, opening: 0, closing: 12.00}\n";
    let r = errors(&run(&bad).1);
    assert!(r.contains(&"t07.balance"), "{r:?}");
}

#[test]
fn table05_matches_table06() {
    let y = balanced().replace("{code: 30101, amount: 80.00}", "{code: 30101, amount: 70.00}");
    assert!(has(&y, "t05_t06.personnel", Severity::Error));
    let y = balanced().replace("{code: 30201, amount: 20.00}", "{code: 30201, amount: 25.00}");
    assert!(has(&y, "t05_t06.public", Severity::Error));
}

#[test]
fn tail_difference_is_a_warning() {
    // A published total one cent off the derived sum is a tail difference: the report prints the
    // derived sum only.
    let y = balanced() + "published: {general: 100.01}\n";
    let (_, f) = run(&y);
    let w = f
        .iter()
        .find(|x| x.rule == "tail_difference")
        .expect("tail difference");
    assert_eq!(w.severity, Severity::Warning);
    assert!(w.message.contains("尾差"), "{}", w.message);
}

#[test]
fn fund_subjects_may_not_be_general_budget() {
    // 000 filed 2296013 (彩票公益金) under the general budget.
    let y = format!(
        "{HEAD}income:\n  - {{code: 2296013, general: 60.00}}\nexpenditure:\n  - {{code: 2296013, general: {{project: 60.00}}}}\n"
    );
    assert!(errors(&run(&y).1).contains(&"fund_type"));
    let ok = y
        .replace("general: 60.00}", "fund: 60.00}")
        .replace("general: {project: 60.00}", "fund: {project: 60.00}");
    assert!(!rules(&run(&ok).1).contains(&"fund_type"));
}

#[test]
fn codes_are_checked() {
    let row = |code: &str, extra: &str| {
        format!("{HEAD}expenditure:\n  - {{code: {code}, general: {{project: 1.00}}{extra}}}\n")
    };
    assert!(errors(&run(&row("21015", "")).1).contains(&"code.level"));
    assert!(errors(&run(&row("280505", "")).1).contains(&"code.structure"));
    assert!(
        run(&row("280505", ""))
            .1
            .iter()
            .any(|f| f.message.contains("2080505")),
        "suggests the near code"
    );
    assert!(errors(&run(&row("2101501", ", name: 事业运行")).1).contains(&"code.name_mismatch"));
    assert!(errors(&run(&row("2101598", "")).1).contains(&"code.name_missing"));
    let named = run(&row("2101598", ", name: 某新增科目")).1;
    assert!(rules(&named).contains(&"code.unknown"), "{named:?}");
    assert!(
        !errors(&named).iter().any(|r| r.starts_with("code.")),
        "{named:?}"
    );
    let dup = format!(
        "{HEAD}expenditure:\n  - {{code: 2101501, general: {{project: 1.00}}}}\n  - {{code: 2101501, general: {{project: 2.00}}}}\n"
    );
    assert!(errors(&run(&dup).1).contains(&"code.duplicate"));
    let econ = format!(
        "{HEAD}basic_by_economic:\n  - {{code: 301, amount: 1.00}}\n  - {{code: 50101, amount: 1.00}}\n"
    );
    let e = errors(&run(&econ).1);
    assert_eq!(
        e.iter().filter(|r| **r == "economic.structure").count(),
        2,
        "{e:?}"
    );
    let unknown_parent =
        format!("{HEAD}expenditure:\n  - {{code: 2139901, name: 某项, general: {{project: 1.00}}}}\n");
    assert!(errors(&run(&unknown_parent).1).contains(&"code.name_missing"));
    let given = unknown_parent.clone() + "code_names:\n  - {code: 21399, name: 某款}\n";
    assert!(
        !errors(&run(&given).1).iter().any(|r| r.starts_with("code.")),
        "{:?}",
        run(&given).1
    );
}

#[test]
fn vehicles_and_procurement() {
    let y =
        format!("{HEAD}assets: {{vehicles_total: 2, vehicles_other: 1}}\nsangong: {{vehicles_held: 2}}\n");
    assert!(errors(&run(&y).1).contains(&"assets.vehicles"));
    let ok =
        format!("{HEAD}assets: {{vehicles_total: 2, vehicles_other: 2}}\nsangong: {{vehicles_held: 2}}\n");
    assert!(run(&ok).1.is_empty(), "{:?}", run(&ok).1);
    let differ =
        format!("{HEAD}assets: {{vehicles_total: 1, vehicles_other: 1}}\nsangong: {{vehicles_held: 2}}\n");
    assert!(has(&differ, "assets.vehicles_vs_sangong", Severity::Warning));
    let noted = format!(
        "{HEAD}assets: {{vehicles_total: 1, vehicles_other: 1}}\nsangong: {{vehicles_held: 2, fleet_note: 车辆由机关统一调配}}\n"
    );
    assert!(!rules(&run(&noted).1).contains(&"assets.vehicles_vs_sangong"));
    let p = |sme: &str, micro: &str, total: &str| {
        format!(
            "{HEAD}procurement: {{goods: 10.00, services: 5.00, sme: {sme}, small_micro: {micro}{total}}}\n"
        )
    };
    assert!(run(&p("8.00", "6.00", "")).1.is_empty());
    assert!(errors(&run(&p("5.00", "6.00", "")).1).contains(&"procurement.small_micro"));
    assert!(errors(&run(&p("16.00", "6.00", "")).1).contains(&"procurement.sme"));
    assert!(errors(&run(&p("8.00", "6.00", ", total: 16.00")).1).contains(&"procurement.total"));
    assert!(run(&p("8.00", "6.00", ", total: 15.00")).1.is_empty());
}

#[test]
fn operating_costs_against_public_funds_for_administrative_units() {
    let admin = balanced().replace("unit:\n", "unit:\n  nature: 行政\n");
    let y = admin.clone() + "operating_costs: {amount: 20.00}\n";
    assert!(run(&y).1.is_empty(), "{:?}", run(&y).1);
    let off = admin + "operating_costs: {amount: 15.00}\n";
    assert!(has(&off, "operating_costs.public", Severity::Warning));
    let institution = off.replace("nature: 行政", "nature: 事业");
    assert!(!rules(&run(&institution).1).contains(&"operating_costs.public"));
}

#[test]
fn performance_tables() {
    let ev = |w: &str, s: &str, total: &str| {
        format!(
            "{HEAD}performance:\n  projects:\n    - name: 项目\n      funds_weight: 10\n      funds_score: 10\n      indicators:\n        - {{level1: 产出指标, level2: 数量指标, level3: 人数, weight: {w}, score: {s}}}\n      score: {total}\n"
        )
    };
    assert!(
        run(&ev("90", "85", "95")).1.is_empty(),
        "{:?}",
        run(&ev("90", "85", "95")).1
    );
    assert!(has(
        &ev("80", "80", "90"),
        "performance.weights",
        Severity::Warning
    ));
    assert!(errors(&run(&ev("90", "95", "105")).1).contains(&"performance.score_over_weight"));
    assert!(errors(&run(&ev("90", "85", "99")).1).contains(&"performance.score_sum"));
}

#[test]
fn missing_reasons_are_warnings() {
    let y = balanced() + "previous:\n  totals: {total: 50.00, general: 50.00}\n";
    let r = rules(&run(&y).1);
    assert!(r.contains(&"reason.change"), "{r:?}");
    let with = y.clone() + "reasons: {total_change: 新增业务, general_change: 新增业务}\n";
    assert!(!rules(&run(&with).1).contains(&"reason.change"));
    let small = balanced() + "previous:\n  totals: {total: 98.00, general: 98.00}\n";
    assert!(
        !rules(&run(&small).1).contains(&"reason.change"),
        "2% is under the 10% threshold"
    );
    let budget = balanced() + "budget: {general_initial: 150.00}\n";
    assert!(rules(&run(&budget).1).contains(&"reason.budget"));
}

#[test]
fn published_totals_are_compared() {
    let y = balanced() + "published: {total: 100.01, general: 100.00}\n";
    let (_, f) = run(&y);
    assert_eq!(
        f.iter().filter(|x| x.rule == "tail_difference").count(),
        1,
        "{f:?}"
    );
    let bad = balanced() + "published: {total: 120.00}\n";
    assert!(errors(&run(&bad).1).contains(&"published.total"));
}

#[test]
fn findings_point_at_lines() {
    let y = balanced().replace("{code: 30101, amount: 80.00}", "{code: 30101, amount: 70.00}");
    let (_, f) = run(&y);
    let e = f.iter().find(|x| x.rule == "t05_t06.personnel").unwrap();
    assert_eq!(e.line, Some(10), "{e:?}");
}

#[test]
fn derived_hierarchy_sums_hold() {
    let y = format!(
        "{HEAD}expenditure:\n  - {{code: 2101501, general: {{personnel: 1.10, public: 2.20}}, other: {{operating: 0.30}}}}\n  - {{code: 2101550, general: {{project: 3.30}}}}\n  - {{code: 2080505, general: {{personnel: 0.01}}}}\n"
    );
    let (ctx, _) = run(&y);
    let t03 = &ctx.tables.t03;
    let total: rust_decimal::Decimal = t03
        .rows
        .iter()
        .filter(|r| r.level == juesuan::catalogue::Level::Class)
        .map(|r| r.cells[0])
        .sum();
    assert_eq!(total, t03.total[0]);
    for row in &t03.rows {
        let parts: rust_decimal::Decimal = row.cells[1..].iter().copied().sum();
        assert_eq!(parts, row.cells[0], "03 row {} sums its kinds", row.code);
    }
    let sec = t03.rows.iter().find(|r| r.code == "21015").unwrap();
    assert_eq!(sec.cells[0].to_string(), "6.90");
    assert_eq!(
        ctx.tables.t09.actual.total,
        ctx.tables.t09.actual.abroad + ctx.tables.t09.actual.vehicle + ctx.tables.t09.actual.reception
    );
}

#[test]
fn missing_duties_and_operating_costs_are_warnings() {
    let (_, f) = run("unit:\n  name: 测试局\n  year: 2023\n");
    assert!(rules(&f).contains(&"unit.duties"));
    let admin = HEAD.replace("unit:\n", "unit:\n  nature: 行政\n");
    let r = rules(&run(&admin).1);
    assert!(
        r.contains(&"operating_costs.missing") && !r.contains(&"unit.duties"),
        "{r:?}"
    );
    let given = admin + "operating_costs: {amount: 0}\n";
    assert!(!rules(&run(&given).1).contains(&"operating_costs.missing"));
}
