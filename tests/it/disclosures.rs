//! The other disclosures (issue #12): the structured 预算绩效管理 sentence, the Shanghai forms of
//! 七 三公, 十一（一）机关运行经费, （二）政府采购 and （三）国有资产, unknown 三公 counts, the
//! reference to the 附件 only where the document has one, and every audit rule of these figures.

use crate::common::{errors, rules, run};
use juesuan::audit::{Finding, Severity};
use juesuan::render::{Format, Renderer};

/// A unit of 2024 with 700.00 of 一般公共预算 spending, 600.00 of it 项目支出.
const UNIT: &str = "unit:\n  name: 上海市普陀区财政局\n  year: 2024\n  duties: [负责本区财政工作。]\nincome:\n  - {code: 2010601, general: 700.00}\nexpenditure:\n  - code: 2010601\n    general: {personnel: 80.00, public: 20.00, project: 600.00}\nbasic_by_economic:\n  - {code: 30101, amount: 80.00}\n  - {code: 30201, amount: 20.00}\n";

/// Seed 005's 十 as structured fields.
const MANAGEMENT: &str = "performance:\n  management:\n    systems: 本部门制定了普陀区财政局预算绩效管理实施办法，建立了普陀区财政局预算绩效管理工作机制\n    goals: {projects: 4, amount: 598.42}\n    tracking: {projects: 4, amount: 598.42}\n    self_evaluation: {projects: 4, amount: 598.42, average_score: 99.43}\n    grades: {excellent: 4, good: 0, pass: 0, fail: 0}\n    problems: {found: 0, rectified: 0, rectifying: 0}\n";

/// Seed 005's 十一（二） as structured fields (its published total 251.25 is not the sum of its
/// parts, 251.26).
const PROCUREMENT: &str = "procurement:\n  goods: 4.79\n  works: 0\n  services: 246.47\n  total: 251.25\n  reserved_sme: 246.47\n  reserved_small_micro: 0\n  reserved_sme_awarded: 246.47\n  reserved_small_micro_awarded: 0\n  other_sme_awarded: 4.79\n";

const ASSETS: &str =
    "assets: {vehicles_total: 3, vehicles_principal: 1, vehicles_other: 2, equipment_over_million: 2}\n";

fn render(yaml: &str, profile: &str) -> String {
    let (ctx, _) = run(yaml);
    Renderer::new(None)
        .unwrap()
        .render(&ctx, profile, Format::Markdown)
        .unwrap()
}

fn central(yaml: &str) -> String {
    render(yaml, "central")
}

fn shanghai(yaml: &str) -> String {
    render(yaml, "shanghai")
}

/// The findings of `yaml` under `profile` (its `settings.profile`, as `check` and `render` audit).
fn findings_under(yaml: &str, profile: &str) -> Vec<Finding> {
    run(&format!("{yaml}settings: {{profile: {profile}}}\n")).1
}

fn finding<'a>(f: &'a [Finding], rule: &str) -> Option<&'a Finding> {
    f.iter().find(|x| x.rule == rule)
}

/// The text of a section: from its heading to the next heading of the same level.
fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .find(heading)
        .unwrap_or_else(|| panic!("no “{heading}” in:\n{md}"));
    let rest = &md[start + heading.len()..];
    let end = rest
        .find("\n### ")
        .or_else(|| rest.find("\n## "))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The paragraphs after a sub-head, up to the next sub-head or heading.
fn under<'a>(md: &'a str, head: &str) -> &'a str {
    let rest = section(md, head);
    let end = rest.find("\n**（").unwrap_or(rest.len());
    rest[..end].trim()
}

const SEED_MANAGEMENT: &str = "上海市普陀区财政局2024年度预算绩效管理工作开展情况如下：本部门制定了普陀区财政局预算绩效管理实施办法，建立了普陀区财政局预算绩效管理工作机制；实行全过程绩效管理实施情况跟踪：编报绩效目标的2024年度项目4个，涉及预算金额598.42万元；绩效跟踪评价的2024年度项目4个，涉及预算金额598.42万元；绩效自评的2024年度项目4个，涉及预算金额598.42万元，平均得分99.43分（其中，绩效评级为“优”的项目4个；绩效评级为“良”的项目0个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个。绩效自评中共发现问题0个，已经完成整改的0个，正在整改的0个）。";

#[test]
fn the_performance_management_sentence_is_derived_from_its_fields() {
    let y = format!("{UNIT}{ASSETS}{MANAGEMENT}");
    let (_, f) = run(&y);
    assert!(errors(&f).is_empty(), "{f:#?}");
    assert!(!rules(&f).contains(&"performance.management_amount"), "{f:#?}");
    let sh = shanghai(&y);
    assert_eq!(section(&sh, "### 十、预算绩效管理情况").trim(), SEED_MANAGEMENT);
    // The central profile prints the same sentence in its 绩效 section.
    assert!(
        section(&central(&y), "### 十三、预算绩效管理情况说明").contains(SEED_MANAGEMENT),
        "{}",
        central(&y)
    );
}

#[test]
fn performance_management_amounts_follow_the_input_unit_and_parts_left_out_are_not_printed() {
    let y = format!(
        "{UNIT}settings: {{input_unit: 元}}\nperformance:\n  management:\n    goals: {{projects: 2, amount: 1234567.80}}\n"
    )
    .replace("700.00", "7000000")
    .replace("600.00", "6000000")
    .replace("80.00", "800000")
    .replace("20.00", "200000");
    let text = section(&shanghai(&format!("{y}{ASSETS}")), "### 十、预算绩效管理情况")
        .trim()
        .to_string();
    assert_eq!(
        text,
        "上海市普陀区财政局2024年度预算绩效管理工作开展情况如下：实行全过程绩效管理实施情况跟踪：编报绩效目标的2024年度项目2个，涉及预算金额123.46万元。"
    );
    // Grades without a score: no 平均得分, no problems clause.
    let y = format!(
        "{UNIT}performance:\n  management:\n    self_evaluation: {{projects: 2, amount: 10.00}}\n    grades: {{excellent: 1, good: 1}}\n"
    );
    let text = section(&central(&y), "### 十三、预算绩效管理情况说明").to_string();
    assert!(
        text.contains("绩效自评的2024年度项目2个，涉及预算金额10.00万元（其中，绩效评级为“优”的项目1个；绩效评级为“良”的项目1个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个）。"),
        "{text}"
    );
    assert!(!text.contains("平均得分") && !text.contains("发现问题"), "{text}");
    // A block of nulls (as `init` writes it) says nothing.
    let y = format!(
        "{UNIT}performance:\n  management: {{systems: null, goals: null, tracking: null, self_evaluation: null, grades: null, problems: null}}\n"
    );
    let text = section(&central(&y), "### 十三、预算绩效管理情况说明").to_string();
    assert!(!text.contains("工作开展情况如下"), "{text}");
    assert!(text.contains("未开展预算绩效自评"), "{text}");
}

#[test]
fn every_performance_management_rule_has_its_failing_input() {
    let with = |m: &str| format!("{UNIT}performance:\n  management:\n{m}");
    let grades = with(
        "    self_evaluation: {projects: 4, amount: 10.00}\n    grades: {excellent: 3, good: 0, pass: 0, fail: 0}\n",
    );
    let f = run(&grades).1;
    let e = finding(&f, "performance.grades").expect("performance.grades");
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(e.path, "performance.management.grades");
    assert!(
        e.line.is_some() && e.message.contains("3 个") && e.message.contains("4 个"),
        "{e}"
    );

    let problems = with(
        "    problems: {found: 3, rectified: 1, rectifying: 1}\n    self_evaluation: {projects: 1, amount: 1.00}\n",
    );
    let e = finding(&run(&problems).1, "performance.problems")
        .cloned()
        .expect("performance.problems");
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(e.path, "performance.management.problems");

    let score = with("    self_evaluation: {projects: 1, amount: 1.00, average_score: 100.01}\n");
    let e = finding(&run(&score).1, "performance.average_score")
        .cloned()
        .expect("performance.average_score");
    assert_eq!(e.path, "performance.management.self_evaluation.average_score");
    assert_eq!(e.severity, Severity::Error);
    let full_marks = with("    self_evaluation: {projects: 1, amount: 1.00, average_score: 100}\n");
    assert!(errors(&run(&full_marks).1).is_empty());

    let orphan = with("    grades: {excellent: 1}\n");
    let e = finding(&run(&orphan).1, "performance.management")
        .cloned()
        .expect("performance.management");
    assert_eq!(e.severity, Severity::Error);

    for key in ["goals", "tracking", "self_evaluation"] {
        let over = with(&format!("    {key}: {{projects: 1, amount: 600.01}}\n"));
        let f = run(&over).1;
        let e = finding(&f, "performance.management_amount").expect(key);
        assert_eq!(e.path, format!("performance.management.{key}.amount"));
        assert_eq!(e.severity, Severity::Warning);
        assert_eq!(e.right.map(|d| d.to_string()), Some("600.00".into()));
        let within = with(&format!("    {key}: {{projects: 1, amount: 600.00}}\n"));
        assert!(!rules(&run(&within).1).contains(&"performance.management_amount"));
    }
}

#[test]
fn the_shanghai_procurement_sentence_is_seed_005s() {
    let y = format!("{UNIT}{ASSETS}{PROCUREMENT}");
    let (ctx, f) = run(&y);
    // The published total differs from its parts by a tail: one value is printed, the finding
    // gives both.
    assert!(errors(&f).is_empty(), "{f:#?}");
    let tail = f
        .iter()
        .find(|x| x.path == "procurement.total")
        .expect("the stated total is reported");
    assert_eq!(tail.left.map(|d| d.to_string()), Some("251.25".into()));
    assert_eq!(tail.right.map(|d| d.to_string()), Some("251.26".into()));
    assert_eq!(
        ctx.text
            .procurement
            .as_ref()
            .and_then(|p| p.sme)
            .map(|d| d.to_string()),
        Some("251.26".into()),
        "sme defaults to the awards to 中小企业"
    );
    assert_eq!(
        under(&shanghai(&y), "**（二）政府采购支出情况**"),
        "上海市普陀区财政局2024年度政府采购金额（以合同签订为准）为251.26万元，其中：货物采购金额4.79万元、工程采购金额0.00万元、服务采购金额246.47万元。2024年度本部门面向中小企业预留政府采购项目预算金额246.47万元，面向小微企业预留政府采购项目预算金额0.00万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额246.47万元；在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额0.00万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额4.79万元。"
    );
    // The central wording takes the derived 中小企业 amount.
    assert!(
        central(&y).contains("授予中小企业合同金额251.26万元，占政府采购支出总额的100.00%"),
        "{}",
        central(&y)
    );
    // An award left out is left out of the sentence, the others keep their order.
    let partial = y.replace("  reserved_small_micro_awarded: 0\n", "");
    let text = under(&shanghai(&partial), "**（二）政府采购支出情况**").to_string();
    assert!(!text.contains("由小微企业供应商"), "{text}");
    assert!(
        text.contains(
            "采购金额246.47万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额4.79万元。"
        ),
        "{text}"
    );
    // No 中小企业 amount at all: the central clause is left out, never "0.00万元".
    let none = format!("{UNIT}procurement: {{goods: 4.79}}\n");
    assert!(!central(&none).contains("授予中小企业"), "{}", central(&none));
}

#[test]
fn every_procurement_rule_has_its_failing_input() {
    let p = |fields: &str| format!("{UNIT}procurement: {{goods: 10.00, services: 5.00, {fields}}}\n");
    let error_at = |yaml: &str, rule: &str, path: &str| {
        let f = run(yaml).1;
        let e = f
            .iter()
            .find(|x| x.rule == rule && x.path == path)
            .unwrap_or_else(|| panic!("{rule} at {path}: {f:#?}"));
        assert_eq!(e.severity, Severity::Error, "{e}");
        assert!(e.line.is_some(), "{e}");
        assert!(e.left.is_some() && e.right.is_some(), "{e}");
    };
    // Both 中小企业 amounts given and different.
    error_at(
        &p("sme: 9.00, reserved_sme_awarded: 5.00, other_sme_awarded: 3.00"),
        "procurement.sme_parts",
        "procurement.sme",
    );
    assert!(
        run(&p(
            "sme: 8.00, reserved_sme_awarded: 5.00, other_sme_awarded: 3.00"
        ))
        .1
        .is_empty()
    );
    error_at(
        &p("sme: 4.00, reserved_sme_awarded: 5.00"),
        "procurement.sme_parts",
        "procurement.reserved_sme_awarded",
    );
    // 小微 ≤ 中小, also against the derived 中小企业 amount.
    error_at(
        &p("reserved_sme_awarded: 2.00, other_sme_awarded: 1.00, small_micro: 4.00"),
        "procurement.small_micro",
        "procurement.small_micro",
    );
    // Awards ≤ the printed total (the sum of the parts) and ≤ the stated total.
    error_at(
        &p("reserved_sme_awarded: 10.00, other_sme_awarded: 5.01"),
        "procurement.sme",
        "procurement.reserved_sme_awarded",
    );
    error_at(
        &p("other_sme_awarded: 15.01"),
        "procurement.sme",
        "procurement.other_sme_awarded",
    );
    error_at(
        &p("sme: 15.00, total: 14.00"),
        "procurement.sme",
        "procurement.sme",
    );
    // Reserved amounts and their awards.
    error_at(
        &p("reserved_sme: 5.00, reserved_small_micro: 6.00"),
        "procurement.reserved",
        "procurement.reserved_small_micro",
    );
    error_at(
        &p("reserved_sme: 5.00, reserved_sme_awarded: 6.00"),
        "procurement.reserved",
        "procurement.reserved_sme_awarded",
    );
    error_at(
        &p("reserved_small_micro: 2.00, reserved_small_micro_awarded: 3.00"),
        "procurement.reserved",
        "procurement.reserved_small_micro_awarded",
    );
    error_at(
        &p("reserved_sme_awarded: 2.00, reserved_small_micro_awarded: 3.00"),
        "procurement.reserved",
        "procurement.reserved_small_micro_awarded",
    );
    let fine = p(
        "reserved_sme: 12.00, reserved_small_micro: 4.00, reserved_sme_awarded: 10.00, reserved_small_micro_awarded: 3.00, other_sme_awarded: 5.00, small_micro: 3.00",
    );
    assert!(run(&fine).1.is_empty(), "{:#?}", run(&fine).1);
}

#[test]
fn unknown_sangong_counts_are_not_printed_and_known_zeros_are() {
    let spent = "sangong:\n  abroad: {budget_initial: 2.00, actual: 1.00}\n  vehicle_purchase: {budget_initial: 0, actual: 0}\n  vehicle_running: {budget_initial: 1.00, actual: 1.00}\n  reception: {budget_initial: 1.00, actual: 1.00}\n";
    let unknown = format!("{UNIT}{ASSETS}{spent}  abroad_groups: null\n");
    let (_, f) = run(&unknown);
    assert!(errors(&f).is_empty(), "{f:#?}");
    // Unknown 保有量: no comparison with the asset figures.
    assert!(!rules(&f).contains(&"assets.vehicles_vs_sangong"), "{f:#?}");
    let c = central(&unknown);
    let sg = section(&c, "### 九、财政拨款“三公”经费支出决算情况说明");
    for absent in ["团组", "人次", "购置公务用车", "保有量", "批次"] {
        assert!(!sg.contains(absent), "{absent}: {sg}");
    }
    assert!(
        sg.contains("其中：公务用车购置费0.00万元；公务用车运行维护费1.00万元。"),
        "{sg}"
    );
    assert!(
        sg.contains("其中：国内公务接待支出1.00万元（含外事接待支出0.00万元）。"),
        "{sg}"
    );
    let s = shanghai(&unknown);
    let detail = section(&s, "**（二）“三公”经费财政拨款支出决算具体情况说明。**");
    for absent in ["团组", "人次", "购置公务用车", "保有量", "批次"] {
        assert!(!detail.contains(absent), "{absent}: {detail}");
    }

    let known = format!(
        "{UNIT}{ASSETS}{spent}  abroad_groups: 0\n  abroad_people: 0\n  vehicles_bought: 0\n  vehicles_held: 3\n  reception_batches: 2\n  reception_people: 10\n"
    );
    let c = central(&known);
    let sg = section(&c, "### 九、财政拨款“三公”经费支出决算情况说明");
    assert!(sg.contains("全年安排因公出国（境）团组0个，累计0人次。"), "{sg}");
    assert!(sg.contains("购置公务用车0辆"), "{sg}");
    assert!(sg.contains("公务用车保有量为3辆。"), "{sg}");
    // Only the counts given: the 外事 counts are unknown and left out.
    assert!(
        sg.contains("（含外事接待支出0.00万元），共接待2批次、10人次。"),
        "{sg}"
    );
    let s = shanghai(&known);
    let detail = section(&s, "**（二）“三公”经费财政拨款支出决算具体情况说明。**");
    assert!(
        detail.contains("1、因公出国（境）费支出1.00万元。全年安排因公出国（境）团组0个、累计0人次。"),
        "{detail}"
    );
    assert!(
        detail.contains("所属各预算单位开支财政拨款的公务用车保有量为3辆。"),
        "{detail}"
    );
    assert!(detail.contains("，共接待2批次、10人次。"), "{detail}");
    // One of a pair known.
    let one = format!("{UNIT}{ASSETS}{spent}  abroad_people: 3\n");
    assert!(
        central(&one).contains("全年安排因公出国（境）累计3人次。"),
        "{}",
        central(&one)
    );
}

#[test]
fn sangong_count_rules_compare_only_known_counts() {
    let y = |counts: &str| format!("{UNIT}sangong: {{{counts}}}\n");
    let f = run(&y("foreign_batches: 3, reception_batches: 2")).1;
    let e = finding(&f, "sangong.foreign").expect("sangong.foreign");
    assert_eq!(
        (e.severity, e.path.as_str()),
        (Severity::Error, "sangong.foreign_batches")
    );
    let f = run(&y("foreign_people: 3, reception_people: 2")).1;
    assert_eq!(
        finding(&f, "sangong.foreign").map(|e| e.path.as_str()),
        Some("sangong.foreign_people")
    );
    assert!(!rules(&run(&y("foreign_batches: 3")).1).contains(&"sangong.foreign"));
    let held = format!("{UNIT}{ASSETS}sangong: {{vehicles_held: 2}}\n");
    assert!(rules(&run(&held).1).contains(&"assets.vehicles_vs_sangong"));
    let running = format!("{UNIT}sangong:\n  vehicle_running: {{actual: 1.00}}\n");
    assert!(!rules(&run(&running).1).contains(&"sangong.vehicles_held"));
    let zero = format!("{UNIT}sangong:\n  vehicle_running: {{actual: 1.00}}\n  vehicles_held: 0\n");
    assert!(rules(&run(&zero).1).contains(&"sangong.vehicles_held"));
}

#[test]
fn the_appendix_is_referred_to_only_when_the_document_has_it() {
    let y = format!(
        "{UNIT}{ASSETS}performance:\n  projects:\n    - name: 财政信息化建设\n      fiscal: {{initial: 100.00, full: 100.00, actual: 90.00}}\n      score: 95\n"
    );
    let c = central(&y);
    assert!(c.contains("\n\n绩效自评表见附件。\n\n"), "{c}");
    assert!(c.contains("## 附件 绩效自评表"), "{c}");
    let s = shanghai(&y);
    assert!(!s.contains("附件"), "{s}");
    assert!(
        section(&s, "### 十、预算绩效管理情况").contains("财政信息化建设自评得分95分"),
        "{s}"
    );
    // Without any 绩效自评表 neither profile refers to one.
    let none = format!("{UNIT}performance: {{summary: [本部门开展了绩效管理。]}}\n");
    assert!(!central(&none).contains("见附件"), "{}", central(&none));
}

#[test]
fn shanghai_assets_list_every_category_with_zeros_and_are_required() {
    let y = format!("{UNIT}{ASSETS}");
    let s = shanghai(&y);
    let text = under(&s, "**（三）国有资产占有使用情况说明**").to_string();
    assert_eq!(
        text,
        "截至2024年12月31日，上海市普陀区财政局共有车辆3辆，其中：部级领导干部用车0辆、主要领导干部用车1辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车2辆。单价100万元（含）以上设备（不含车辆）2台（套）。"
    );
    let none = format!("{UNIT}assets: {{}}\n");
    let text = under(&shanghai(&none), "**（三）国有资产占有使用情况说明**").to_string();
    assert!(
        text.contains("共有车辆0辆，其中：部级领导干部用车0辆、"),
        "{text}"
    );
    assert!(
        text.contains("其他用车0辆。单价100万元（含）以上设备（不含车辆）0台（套）。"),
        "{text}"
    );
    // The central names stay the central template's.
    assert!(
        central(&y).contains("其中：副部（省）级及以上领导用车0辆、主要负责人用车1辆、"),
        "{}",
        central(&y)
    );
    // Under Shanghai, no assets is an error (the template requires the paragraph); not under
    // the central profile, which says so in its own sentence.
    let f = findings_under(UNIT, "shanghai");
    let e = finding(&f, "profile.assets").expect("profile.assets");
    assert_eq!((e.severity, e.path.as_str()), (Severity::Error, "assets"));
    assert!(finding(&findings_under(UNIT, "central"), "profile.assets").is_none());
    assert!(finding(&findings_under(&y, "shanghai"), "profile.assets").is_none());
    // The Shanghai sentences that need the other fields say which are missing.
    let f = findings_under(&format!("{y}procurement: {{goods: 1.00}}\n"), "shanghai");
    let w = finding(&f, "profile.procurement").expect("profile.procurement");
    assert!(
        w.message.contains("reserved_sme") && w.severity == Severity::Warning,
        "{w}"
    );
    assert!(
        finding(
            &findings_under(&format!("{y}{PROCUREMENT}"), "shanghai"),
            "profile.procurement"
        )
        .is_none()
    );
    assert!(finding(&f, "profile.performance").is_some());
    assert!(
        finding(
            &findings_under(&format!("{y}{MANAGEMENT}"), "shanghai"),
            "profile.performance"
        )
        .is_none()
    );
}

#[test]
fn render_under_shanghai_refuses_a_unit_without_assets() {
    let d = crate::common::tempdir("sh-assets");
    std::fs::write(d.join("u.yaml"), UNIT).unwrap();
    let (code, _, err) = crate::common::outcome(
        crate::common::juesuan()
            .args(["render", "--profile", "shanghai", "--quiet", "-o"])
            .arg(d.join("o"))
            .arg(d.join("u.yaml")),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("profile.assets") && err.contains("请填写 assets"),
        "{err}"
    );
    assert!(!d.join("o/u.md").exists());
}

#[test]
fn shanghai_sangong_heads_and_wording_follow_the_template() {
    // Seed 005: a budget of 0.95 for 公务接待费 only, nothing spent, the same as last year.
    let y = format!(
        "{UNIT}{ASSETS}sangong:\n  abroad: {{budget_initial: 0, actual: 0}}\n  vehicle_purchase: {{budget_initial: 0, actual: 0}}\n  vehicle_running: {{budget_initial: 0, actual: 0}}\n  reception: {{budget_initial: 0.95, actual: 0}}\n  budget_reason: 当年度无“三公”经费支出\nprevious:\n  sangong:\n    abroad: {{actual: 0}}\n    vehicle_purchase: {{actual: 0}}\n    vehicle_running: {{actual: 0}}\n    reception: {{actual: 0}}\n"
    );
    let s = shanghai(&y);
    let seven = section(&s, "### 七、财政拨款“三公”经费支出决算情况说明");
    let overall = "**（一）“三公”经费财政拨款支出决算总体情况说明。**";
    let detail = "**（二）“三公”经费财政拨款支出决算具体情况说明。**";
    assert!(seven.contains(overall) && seven.contains(detail), "{seven}");
    let one = under(&s, overall);
    assert!(
        one.contains("“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0.00%，其中：因公出国（境）费年初未安排预算，决算为0.00万元；"),
        "{one}"
    );
    assert!(
        one.contains("公务接待费支出决算为0.00万元，完成预算的0.00%。"),
        "{one}"
    );
    assert!(
        one.contains("2024年度“三公”经费支出决算数小于预算数的主要原因：当年度无“三公”经费支出。"),
        "{one}"
    );
    assert!(
        one.contains("2024年度“三公”经费财政拨款支出决算数与2023年度持平。其中：因公出国（境）费支出决算持平；公务用车购置及运行维护费支出决算持平；公务接待费支出决算持平。"),
        "{one}"
    );
    assert!(!one.contains("0/0") && !one.contains("完成预算的0%"), "{one}");
    let two = section(&s, detail);
    assert_eq!(two.trim(), "上海市普陀区财政局2024年度无“三公”经费财政拨款支出。");
    // With spending: the shares and the numbered items.
    let spent = format!(
        "{UNIT}{ASSETS}sangong:\n  abroad: {{budget_initial: 2.00, actual: 1.00}}\n  vehicle_running: {{budget_initial: 1.00, actual: 1.00}}\n  reception: {{budget_initial: 2.00, actual: 2.00}}\n"
    );
    let s = shanghai(&spent);
    let two = section(&s, detail);
    assert!(
        two.contains("2024年度“三公”经费财政拨款支出决算中，因公出国（境）费支出决算1.00万元，占25.00%；公务用车购置及运行维护费支出决算1.00万元，占25.00%；公务接待费支出决算2.00万元，占50.00%。具体情况如下："),
        "{two}"
    );
    assert!(two.contains("\n2、公务用车购置及运行维护费支出1.00万元。其中：公务用车购置支出为0.00万元。公务用车运行维护支出1.00万元。"), "{two}");
    // No year-over-year paragraph without last year's figures.
    assert!(!under(&s, overall).contains("2023年度"), "{s}");
}

#[test]
fn shanghai_other_important_matters_have_the_templates_heads_and_wording() {
    let y = format!(
        "{UNIT}{ASSETS}operating_costs:\n  amount: 184.65\n  change_reason: 优化办公环境、提升照明效率，更换了老旧照明设施，导致相关支出略有增加\nprevious:\n  operating_costs: 182.10\n"
    );
    let s = shanghai(&y);
    let eleven = section(&s, "### 十一、其他重要事项的情况说明");
    let heads: Vec<&str> = eleven.lines().filter(|l| l.starts_with("**（")).collect();
    assert_eq!(
        heads,
        [
            "**（一）机关运行经费支出情况**",
            "**（二）政府采购支出情况**",
            "**（三）国有资产占有使用情况说明**"
        ]
    );
    assert!(
        eleven.contains("\n机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。主要原因是优化办公环境、提升照明效率，更换了老旧照明设施，导致相关支出略有增加。\n"),
        "{eleven}"
    );
    assert!(
        eleven.contains("上海市普陀区财政局2024年度无政府采购支出。"),
        "{eleven}"
    );
    let none = format!("{UNIT}{ASSETS}");
    assert!(
        shanghai(&none).contains("上海市普陀区财政局2024年度无机关运行经费支出。"),
        "{}",
        shanghai(&none)
    );
}
