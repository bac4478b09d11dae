//! Regression tests of issue #15: the wording, audit and input bugs found with real reports. Each
//! test is named after what it guards.

use crate::common::{HEAD, juesuan, markdown, root, rules, run, tempdir};
use juesuan::audit::Severity;
use std::fs;

/// A balanced unit: 100 of general income spent as 80 personnel + 20 public, with 06 detail.
fn balanced() -> String {
    format!(
        "{HEAD}income:\n  - {{code: 2101501, general: 100.00}}\nexpenditure:\n  - code: 2101501\n    general: {{personnel: 80.00, public: 20.00}}\nbasic_by_economic:\n  - {{code: 30101, amount: 80.00}}\n  - {{code: 30201, amount: 20.00}}\n"
    )
}

fn finding<'a>(f: &'a [juesuan::audit::Finding], rule: &str) -> Option<&'a juesuan::audit::Finding> {
    f.iter().find(|x| x.rule == rule)
}

// 1
#[test]
fn a_share_of_a_zero_total_is_never_printed() {
    let y = balanced()
        + "sangong:\n  abroad: {budget_initial: 2.00, actual: 0}\n  reception: {budget_initial: 1.00, actual: 0}\n";
    let (ctx, _) = run(&y);
    assert!(ctx.text.sangong.parts.iter().all(|p| p.share.is_none()));
    let md = markdown(&y);
    assert!(!md.contains("占0.00%"), "{md}");
    assert!(md.contains("本部门2023年度无财政拨款“三公”经费支出。"), "{md}");
    // Shares of a zero income total are absent in the context too.
    let (ctx, _) = run(&format!(
        "{HEAD}sangong:\n  reception: {{budget_initial: 1.00}}\n"
    ));
    assert!(ctx.text.income.sources.iter().all(|s| s.share.is_none()));
}

// 2
#[test]
fn a_zero_prior_year_is_worded_with_the_subjects_noun() {
    let y = balanced() + "previous:\n  totals: {income: 0, expenditure: 0}\n";
    let md = markdown(&y);
    let income = md
        .lines()
        .find(|l| l.contains("年度本年收入合计100.00万元"))
        .unwrap();
    assert!(income.contains("上年无此项收入，不计算增长率"), "{income}");
    assert!(!income.contains("上年无此项支出"), "{income}");
    let spending = md
        .lines()
        .find(|l| l.contains("年度本年支出合计100.00万元"))
        .unwrap();
    assert!(spending.contains("上年无此项支出，不计算增长率"), "{spending}");
}

// 3
#[test]
fn a_unit_set_up_this_year_says_there_is_no_last_year() {
    let y = balanced().replace("year: 2023\n", "year: 2023\n  established: 2023\n")
        + "reasons: {income_change: 新设立}\n";
    let (_, f) = run(&y);
    let md = markdown(&y);
    assert!(
        md.contains("本年收入合计100.00万元，无上年数据可比（本部门2023年新设立）。"),
        "{md}"
    );
    assert!(!md.contains("比上年"), "{md}");
    assert!(!rules(&f).contains(&"reason.change"), "{f:#?}");
    // The reason given anyway is reported, not dropped in silence.
    let unused = finding(&f, "reason.unused").expect("reason.unused");
    assert_eq!(unused.path, "reasons.income_change");
    assert!(unused.message.contains("新设立"), "{}", unused.message);
    // Last year's figures for a unit with no last year contradict each other.
    let (_, f) = run(&(y.clone() + "previous:\n  totals: {total: 50.00}\n"));
    assert_eq!(
        finding(&f, "unit.established").map(|x| x.severity),
        Some(Severity::Error)
    );
    let (_, f) = run(&balanced().replace("year: 2023\n", "year: 2023\n  established: 2024\n"));
    assert_eq!(
        finding(&f, "unit.established").map(|x| x.severity),
        Some(Severity::Error)
    );
}

// 3 (the other half): with no prior data at all, reasons are reported, not dropped.
#[test]
fn reasons_without_last_years_figures_are_reported() {
    let (_, f) = run(&(balanced() + "reasons: {total_change: 业务增加}\n"));
    let unused = finding(&f, "reason.unused").expect("reason.unused");
    assert_eq!(unused.path, "reasons.total_change");
    assert!(unused.message.contains("没有上年数据"), "{}", unused.message);
}

// 4
#[test]
fn one_quantity_is_never_printed_with_two_values() {
    // 05表 公用经费 184.65 from the 项, 06表 184.67 from the 款: one real report printed both.
    let y = balanced().replace("{code: 30201, amount: 20.00}", "{code: 30201, amount: 20.02}");
    let (_, f) = run(&y);
    let e = finding(&f, "t05_t06.public").expect("t05_t06.public");
    assert_eq!(e.severity, Severity::Error);
    assert!(
        e.message.contains("两个值") && e.message.contains("元"),
        "{}",
        e.message
    );
    assert!(!rules(&f).contains(&"tail_difference"), "{f:#?}");
}

// 5
#[test]
fn an_unbalanced_grand_total_is_an_error_not_a_tail() {
    // Seed 004 printed 总计 288.84 on the income side and 288.83 on the spending side.
    let y = balanced() + "balances:\n  opening: {general: 0.01}\n";
    let (_, f) = run(&y);
    let e = finding(&f, "balance.total").expect("balance.total");
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(e.difference.map(|d| d.to_string()), Some("0.01".into()));
    // A published imbalance is recorded as a finding against the balanced figures.
    let (_, f) = run(&(balanced() + "published: {total: 100.00, total_spending: 99.99}\n"));
    let w = finding(&f, "tail_difference").expect("tail_difference");
    assert_eq!(w.path, "published.total_spending");
}

// 7
#[test]
fn yuan_input_compares_published_figures_at_their_precision() {
    let yuan = format!(
        "{HEAD}settings: {{input_unit: 元}}\nincome:\n  - {{code: 2101501, general: 29953912}}\nexpenditure:\n  - code: 2101501\n    general: {{project: 29953912}}\n"
    );
    // 2995.3912万元 prints as 2995.39: the published 2995.39 is the same figure.
    let (_, f) =
        run(&(yuan.clone()
            + "published: {income: 29953900}\nprocurement: {goods: 29953912, total: 29953900}\n"));
    assert!(
        !f.iter()
            .any(|x| x.path.starts_with("published") || x.path.starts_with("procurement")),
        "{f:#?}"
    );
    // 2995.40 is a tail (88 元 off), stated in 元, never as "相差 0.00万元".
    let (_, f) = run(&(yuan.clone() + "published: {income: 29954000}\n"));
    let w = finding(&f, "tail_difference").expect("tail_difference");
    assert_eq!(w.severity, Severity::Warning);
    assert!(w.message.contains("相差 88.00元"), "{}", w.message);
    assert!(!w.message.contains("0.00万元"), "{}", w.message);
    // A figure given to the 元 must agree exactly.
    let (_, f) = run(&(yuan + "published: {income: 29953911}\n"));
    assert_eq!(
        finding(&f, "published.total").map(|x| x.severity),
        Some(Severity::Error)
    );
}

// 8
#[test]
fn every_printed_change_asks_for_its_reason() {
    let y = balanced()
        + "previous:\n  totals: {income: 30.00, expenditure: 30.00, basic: 30.00, project: 0, opening: 5.00, general_basic: 30.00}\n";
    let (_, f) = run(&y);
    let asked: Vec<&str> = f
        .iter()
        .filter(|x| x.rule == "reason.change")
        .map(|x| x.path.as_str())
        .collect();
    for path in [
        "reasons.income_change",
        "reasons.expenditure_change",
        "reasons.basic_change",
        "reasons.opening_change",
        "reasons.general_basic_change",
    ] {
        assert!(asked.contains(&path), "{path} not asked: {asked:?}");
    }
    let md = markdown(&(y + "reasons: {basic_change: 人员增加}\n"));
    assert!(md.contains("主要原因是：人员增加"), "{md}");
}

// 9
#[test]
fn stated_prior_totals_never_override_prior_rows() {
    let y = balanced()
        + "previous:\n  income:\n    - {code: 2101501, general: 40.00}\n  totals: {income: 10.00}\n";
    let (ctx, f) = run(&y);
    assert_eq!(
        ctx.text.income.change.previous.map(|d| d.to_string()),
        Some("40.00".into())
    );
    assert!(!markdown(&y).contains("增长900.00%"));
    let e = finding(&f, "previous.totals").expect("previous.totals");
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(e.path, "previous.totals.income");
}

// 10
#[test]
fn an_sme_award_above_the_procurement_total_is_an_error() {
    let y = balanced() + "procurement: {goods: 10.00, sme: 5.00, total: 3.00}\n";
    let (_, f) = run(&y);
    let e = finding(&f, "procurement.sme").expect("procurement.sme");
    assert_eq!(e.severity, Severity::Error);
    let y = balanced() + "procurement: {goods: 10.00, sme: 12.00}\n";
    assert!(finding(&run(&y).1, "procurement.sme").is_some());
}

// 11
#[test]
fn years_out_of_range_are_errors_without_overflow() {
    let d = tempdir("cents-years");
    fs::write(d.join("prev.yaml"), "unit:\n  name: 测试局\n  year: 65535\n").unwrap();
    fs::write(
        d.join("unit.yaml"),
        "unit:\n  name: 测试局\n  year: 65535\n  duties: [x]\nprevious_file: prev.yaml\n",
    )
    .unwrap();
    let out = juesuan().arg("check").arg(d.join("unit.yaml")).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("错误[unit.year]") && text.contains("错误[previous.year]"),
        "{text}"
    );
    let out = juesuan().args(["init", "--year", "65535"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

// 12
#[test]
fn check_json_is_one_typed_document_whatever_fails() {
    let d = tempdir("cents-json");
    fs::create_dir_all(d.join("empty")).unwrap();
    let unit = d.join("unit.yaml");
    fs::write(
        &unit,
        balanced().replace("unit:\n", "unit:\n  nature: 行政\n") + "operating_costs: {amount: 5.00}\n",
    )
    .unwrap();
    let out = juesuan()
        .args(["check", "--format", "json"])
        .arg(d.join("empty"))
        .arg(&unit)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    let doc: serde_json::Value = serde_json::from_str(&text).expect("one JSON document");
    assert!(
        text.trim_start()
            .starts_with("{\n  \"version\": 1,\n  \"errors\""),
        "{text}"
    );
    assert_eq!(
        doc["unreadable"][0]["file"],
        d.join("empty").display().to_string()
    );
    let op = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "operating_costs.public")
        .expect("operating_costs.public");
    assert_eq!(
        (op["left"].as_str(), op["right"].as_str()),
        (Some("5.00"), Some("20.00"))
    );
    assert_eq!(op["difference"].as_str(), Some("-15.00"));
}

// 13
#[test]
fn init_lists_every_key_of_the_schema_and_marks_its_samples() {
    let out = juesuan().args(["init", "--name", "某某局"]).output().unwrap();
    let scaffold = String::from_utf8(out.stdout).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("schemas/juesuan.schema.json")).unwrap())
            .unwrap();
    let mut keys = std::collections::BTreeSet::new();
    fn walk(v: &serde_json::Value, keys: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(serde_json::Value::Object(p)) = m.get("properties") {
                    keys.extend(p.keys().cloned());
                }
                m.values().for_each(|x| walk(x, keys));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, keys)),
            _ => {}
        }
    }
    walk(&schema, &mut keys);
    let missing: Vec<&String> = keys
        .iter()
        .filter(|k| {
            !scaffold
                .match_indices(k.as_str())
                .any(|(i, _)| !scaffold[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
        })
        .collect();
    assert!(missing.is_empty(), "keys init does not list: {missing:?}");
    let (_, f) = run(&scaffold);
    assert!(f.iter().all(|x| x.severity == Severity::Warning), "{f:#?}");
    assert!(rules(&f).contains(&"scaffold.sample"));
    // Replacing the sample duties silences that warning.
    let mine = scaffold.replace(
        "（示例，请替换）贯彻执行国家有关法律法规和政策。",
        "负责本地区医疗保障工作。",
    );
    assert!(!run(&mine).1.iter().any(|x| x.path == "unit.duties"));
}

// 14
#[test]
fn init_writes_a_schema_path_that_resolves_next_to_the_unit_file() {
    let out = juesuan().args(["init"]).output().unwrap();
    let scaffold = String::from_utf8(out.stdout).unwrap();
    let first = scaffold.lines().next().unwrap();
    assert_eq!(first, "# yaml-language-server: $schema=juesuan.schema.json");
    assert!(
        scaffold.contains("juesuan schema > juesuan.schema.json"),
        "{scaffold}"
    );
}

// 15
#[test]
fn the_guide_says_what_to_do_when_published_items_do_not_add_up() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let guide = &readme[readme.find("## 使用指南").unwrap()..readme.find("## Commands").unwrap()];
    assert!(
        guide.contains("尾差") && guide.contains("input_unit: 元"),
        "{guide}"
    );
}

// 16
#[test]
fn a_blank_amount_gets_an_amount_message() {
    let y = format!("{HEAD}income:\n  - code: 2101501\n    general:\n");
    let e = juesuan::load::load_str("t.yaml", &y).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("金额不能为空"), "{msg}");
    assert!(!msg.contains("引号"), "{msg}");
}

// 6 and 5
#[test]
fn seeds_reproduce_their_right_published_figures() {
    let beilin = markdown(&fs::read_to_string(root().join("examples/beilin-2023.yaml")).unwrap());
    assert!(
        beilin.contains("收入、支出总计比上年减少587.75万元，下降38.33%"),
        "beilin"
    );
    assert!(
        beilin.contains("本年支出合计945.84万元") && !beilin.contains("945.85"),
        "beilin"
    );
    assert!(beilin.contains("基本支出160.74万元，占16.99%"), "beilin");
    assert!(
        beilin.contains("完成年初预算的88.32%") && beilin.contains("完成年初预算的0.77%"),
        "beilin"
    );
    let longjing = markdown(&fs::read_to_string(root().join("examples/longjing-2024.yaml")).unwrap());
    assert!(
        longjing.contains("| 总计 | 13 | 288.84 | 总计 | 26 | 288.84 |"),
        "longjing"
    );
    assert!(!longjing.contains("288.83"), "longjing");
}
