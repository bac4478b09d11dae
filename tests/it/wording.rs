//! The wording of each situation, on small purpose-made units: one rule per situation (up, down,
//! 持平, prior zero, budget zero, full budget, unknown), never a rate against zero.

use crate::common::{HEAD, markdown};

/// A unit with one 项 of general-budget spending `amount`, last year's `prev` for that 项 and
/// for the totals, and an optional 年初预算 / 全年预算.
fn unit(amount: &str, prev: Option<&str>, initial: Option<&str>, full: Option<&str>) -> String {
    let mut y = format!(
        "{HEAD}income:\n  - {{code: 2101501, general: {amount}}}\nexpenditure:\n  - code: 2101501\n    general: {{public: {amount}}}\n    change_reason: 业务量变化\n    budget_reason: 预算调整\n"
    );
    if initial.is_some() || full.is_some() {
        y.push_str("    budget:\n");
        if let Some(i) = initial {
            y.push_str(&format!("      initial: {i}\n"));
        }
        if let Some(f) = full {
            y.push_str(&format!("      full: {f}\n"));
        }
    }
    y.push_str(&format!(
        "basic_by_economic:\n  - {{code: 30201, amount: {amount}}}\n"
    ));
    if let Some(p) = prev {
        y.push_str(&format!(
            "previous:\n  totals:\n    total: {p}\n    income: {p}\n    expenditure: {p}\n    general: {p}\n    general_items:\n      - {{code: 2101501, amount: {p}}}\n"
        ));
    }
    y
}

#[test]
fn increase() {
    let md = markdown(&unit("46.26", Some("37.70"), None, None));
    assert!(
        md.contains("收入、支出总计比上年增加8.56万元，增长22.71%。"),
        "{md}"
    );
    assert!(
        md.contains("支出决算为46.26万元，比上年增加8.56万元，增长22.71%，主要原因是：业务量变化。"),
        "{md}"
    );
}

#[test]
fn decrease() {
    let md = markdown(&unit("945.84", Some("1533.59"), None, None));
    assert!(md.contains("比上年减少587.75万元，下降38.33%"), "{md}");
}

#[test]
fn equal_says_chiping_without_reason() {
    let md = markdown(&unit("10.00", Some("10.00"), None, None));
    assert!(md.contains("收入、支出总计与上年持平。"), "{md}");
    assert!(!md.contains("与上年持平，主要原因"), "{md}");
    assert!(!md.contains("增加0.00"), "{md}");
}

#[test]
fn prior_zero_has_no_growth_rate() {
    let md = markdown(&unit("1.64", Some("0"), None, None));
    assert!(
        md.contains("比上年增加1.64万元（上年无此项支出，不计算增长率）"),
        "{md}"
    );
    assert!(!md.contains("增长100"), "{md}");
}

#[test]
fn unknown_prior_says_nothing_about_last_year() {
    let md = markdown(&unit("5.00", None, None, None));
    assert!(!md.contains("比上年"), "{md}");
    assert!(!md.contains("与上年"), "{md}");
}

#[test]
fn budget_completion_against_initial() {
    let md = markdown(&unit("1051.10", None, Some("706.72"), None));
    assert!(md.contains("年初预算为706.72万元，支出决算为1051.10万元，完成年初预算的148.73%，决算数大于预算数的主要原因是：预算调整"), "{md}");
}

#[test]
fn zero_initial_budget_uses_full_budget() {
    let md = markdown(&unit("10.00", None, Some("0"), Some("8.00")));
    assert!(
        md.contains("年初未安排预算，全年预算为8.00万元，支出决算为10.00万元，完成全年预算的125.00%"),
        "{md}"
    );
    assert!(!md.contains("完成年初预算的0"), "{md}");
}

#[test]
fn zero_budget_never_gives_a_rate() {
    let md = markdown(&unit("10.00", None, Some("0"), None));
    assert!(
        md.contains("年初未安排预算，支出决算为10.00万元，主要原因是：预算调整"),
        "{md}"
    );
    assert!(!md.contains("完成年初预算的0"), "{md}");
    assert!(!md.contains("完成年初预算的%"), "{md}");
}

#[test]
fn equal_budget_needs_no_reason() {
    let md = markdown(&unit("10.00", None, Some("10.00"), None));
    assert!(md.contains("完成年初预算的100.00%，决算数与预算数持平"), "{md}");
}

#[test]
fn one_decimal_percent_setting() {
    let y = unit("46.26", Some("37.70"), None, None) + "settings: {percent_decimals: 1}\n";
    let md = markdown(&y);
    assert!(md.contains("增长22.7%"), "{md}");
}

#[test]
fn text_thousands_setting() {
    let y = unit("1051.10", None, None, None) + "settings: {text_thousands: true}\n";
    assert!(markdown(&y).contains("本年收入合计1,051.10万元"));
    let plain = markdown(&unit("1051.10", None, None, None));
    assert!(plain.contains("本年收入合计1051.10万元"), "{plain}");
    assert!(plain.contains("| 1,051.10 |"), "tables always use separators");
}

#[test]
fn dates_come_from_the_report_year() {
    let y = format!("{HEAD}assets: {{vehicles_total: 0}}\n");
    let md = markdown(&y);
    assert!(md.contains("截至2023年12月31日"), "{md}");
    assert!(!md.contains("2022年12月31日"), "{md}");
}

#[test]
fn no_placeholders_or_instructions_anywhere() {
    for y in [
        unit("46.26", Some("37.70"), Some("50.00"), None),
        HEAD.to_string(),
    ] {
        let md = markdown(&y);
        for bad in [
            "XX",
            "××",
            "如持平作持平表述",
            "不涉及的不列",
            "待补充",
            "{{",
            "{%",
            "202 年",
            "占%",
        ] {
            assert!(!md.contains(bad), "leftover {bad:?} in:\n{md}");
        }
    }
}

#[test]
fn empty_sections_still_present_with_none() {
    let md = markdown(HEAD);
    for heading in [
        "七、政府性基金预算财政拨款收入支出决算情况说明",
        "九、财政拨款“三公”经费支出决算情况说明",
        "十四、其他需要说明的事项",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(md.contains("本部门2023年度无财政拨款“三公”经费支出"), "{md}");
    assert!(md.contains("本部门2023年度无政府采购支出。"));
    assert!(md.contains("本部门2023年度无机关运行经费支出。"));
    assert!(md.contains("故本表为空表。"));
}

#[test]
fn shares_listed_together_total_one_hundred() {
    // 004: 44.84 / 218.33 / 20.68 rounds naively to 100.01.
    let y = format!(
        "{HEAD}settings: {{percent_decimals: 2}}\nexpenditure:\n  - {{code: 2080505, general: {{personnel: 44.84}}}}\n  - {{code: 2101501, general: {{public: 218.33}}}}\n  - {{code: 2210201, general: {{personnel: 20.68}}}}\n"
    );
    let md = markdown(&y);
    assert!(md.contains("社会保障和就业支出（类）44.84万元，占15.80%；卫生健康支出（类）218.33万元，占76.92%；住房保障支出（类）20.68万元，占7.28%"), "{md}");
    let one =
        markdown(&(y + "settings: {percent_decimals: 1}\n").replace("settings: {percent_decimals: 2}\n", ""));
    assert!(
        one.contains("占15.8%") && one.contains("占76.9%") && one.contains("占7.3%"),
        "{one}"
    );
}

#[test]
fn sangong_without_budgets_states_the_actual_once() {
    let y = format!("{HEAD}sangong:\n  reception: {{actual: 0.96}}\n  training: {{actual: 1.20}}\n");
    let md = markdown(&y);
    assert!(
        md.contains("2023年度“三公”经费财政拨款支出决算为0.96万元。"),
        "{md}"
    );
    assert!(md.contains("2023年度培训费支出决算为1.20万元"), "{md}");
    assert!(!md.contains("支出支出"), "{md}");
    let budgeted =
        format!("{HEAD}sangong:\n  reception: {{budget_initial: 1.00, actual: 0.96, budget_reason: 节约}}\n");
    assert!(
        markdown(&budgeted)
            .contains("“三公”经费财政拨款支出年初预算为1.00万元，决算为0.96万元，完成年初预算的96.00%")
    );
}
