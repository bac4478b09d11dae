//! The Shanghai profile's prose (seed 005, official-format.md §3): each sentence shape of 一～六,
//! 八, 九 on small purpose-made units, the additions (content the Shanghai template does not
//! have) on and off under both profiles, the budget wording against the 全年预算, 第一部分 (the
//! duties' lead paragraph, the 单位构成 lead sentence, the 预算级次 column, notes by section) and
//! the 11 Shanghai terms of 名词解释.

use crate::common::{render_example, run};
use juesuan::render::{Format, Renderer};

/// Renders YAML text to Markdown under `profile`.
fn md(yaml: &str, profile: &str) -> String {
    let (ctx, _) = run(yaml);
    Renderer::new(None)
        .unwrap()
        .render(&ctx, profile, Format::Markdown)
        .unwrap()
}

/// Renders YAML text to HTML under `profile`.
fn html(yaml: &str, profile: &str) -> String {
    let (ctx, _) = run(yaml);
    Renderer::new(None)
        .unwrap()
        .render(&ctx, profile, Format::Html)
        .unwrap()
}

/// The section of `md` under the heading that starts with `head`, up to the next heading of
/// level 2 or 3.
fn section<'a>(md: &'a str, head: &str) -> &'a str {
    let start = md
        .find(&format!("\n### {head}"))
        .or_else(|| md.find(&format!("\n## {head}")))
        .unwrap_or_else(|| panic!("no heading {head}: {md}"));
    let body = &md[start + 1..];
    let body = &body[body.find('\n').unwrap_or(body.len())..];
    let end = body
        .find("\n### ")
        .into_iter()
        .chain(body.find("\n## "))
        .min()
        .unwrap_or(body.len());
    &body[..end]
}

/// A unit shaped like seed 005 (a 区财政局, 2024): two 项 of general-budget spending, one with a
/// budget above the actual and one equal to it, 其他收入 kept as a balance, and last year's
/// totals `prev_total` (收入支出总计) and `prev_fiscal` (财政拨款收入支出总计).
fn putuo(prev_total: &str, prev_fiscal: &str, settings: &str) -> String {
    format!(
        "unit:
  name: 某区财政局
  year: 2024
  duties: [负责本区财政工作。]
{settings}income:
  - {{code: 2010601, general: 90.00, other: 10.00}}
  - {{code: 2080505, general: 10.00}}
expenditure:
  - code: 2010601
    general: {{personnel: 60.00, public: 20.00, project: 10.00}}
    budget: {{initial: 95.00}}
    purpose: 局本部人员经费及公用经费等的基本支出
    budget_reason: 人员进出及退休变化
    change_reason: 人员减少
  - code: 2080505
    general: {{personnel: 10.00}}
    budget: {{initial: 10.00}}
    purpose: 在职人员的基本养老保险支出
basic_by_economic:
  - {{code: 30101, amount: 50.00}}
  - {{code: 30102, amount: 10.00}}
  - {{code: 30108, amount: 10.00}}
  - {{code: 30201, amount: 20.00}}
balances:
  closing: {{other: 10.00}}
reasons:
  total_change: 人员进出及退休变化
  fiscal_change: 合同支付进度
  general_change: 项目支付减少
  income_change: 其他收入增加
  general_basic_change: 人员减少
previous:
  totals:
    total: {prev_total}
    fiscal_total: {prev_fiscal}
    income: 105.00
    expenditure: 100.00
    basic: 95.00
    project: 5.00
    general: 120.00
    general_basic: 90.00
"
    )
}

#[test]
fn overall_and_fiscal_decrease_in_the_seeds_shape() {
    let m = md(&putuo("120.00", "100.00", ""), "shanghai");
    assert_eq!(
        section(&m, "一、收入支出决算总体情况说明").trim(),
        "某区财政局2024年度收入支出总计110.00万元。与2023年度相比，收入支出总计减少10.00万元，下降8.33%。主要原因：人员进出及退休变化。"
    );
    // 04表 总计 = 本年财政拨款收入 100.00 (no fiscal balances): 持平 with last year, no reason.
    assert_eq!(
        section(&m, "四、财政拨款收入支出决算总体情况说明").trim(),
        "某区财政局2024年度财政拨款收入支出总计100.00万元。与2023年度相比，财政拨款收入支出总计持平。"
    );
}

#[test]
fn overall_increase_and_unknown_prior_year() {
    let m = md(&putuo("100.00", "80.00", ""), "shanghai");
    assert!(
        m.contains("收入支出总计110.00万元。与2023年度相比，收入支出总计增加10.00万元，增长10.00%。主要原因：人员进出及退休变化。"),
        "{m}"
    );
    assert!(
        m.contains("与2023年度相比，财政拨款收入支出总计增加20.00万元，增长25.00%。主要原因：合同支付进度。"),
        "{m}"
    );
    let none = putuo("100.00", "80.00", "").replace(
        "previous:\n  totals:\n    total: 100.00\n    fiscal_total: 80.00\n",
        "previous:\n  totals:\n",
    );
    let m = md(&none, "shanghai");
    assert_eq!(
        section(&m, "一、收入支出决算总体情况说明").trim(),
        "某区财政局2024年度收入支出总计110.00万元。"
    );
}

#[test]
fn income_spending_and_basic_list_the_non_zero_parts_without_yoy() {
    let m = md(&putuo("120.00", "100.00", ""), "shanghai");
    assert_eq!(
        section(&m, "二、收入决算情况说明").trim(),
        "本年收入合计110.00万元，其中：财政拨款收入100.00万元，占90.91%；其他收入10.00万元，占9.09%。"
    );
    assert_eq!(
        section(&m, "三、支出决算情况说明").trim(),
        "本年支出合计100.00万元，其中：基本支出90.00万元，占90.00%；项目支出10.00万元，占10.00%。"
    );
    assert_eq!(
        section(&m, "六、一般公共预算财政拨款基本支出决算情况说明").trim(),
        "一般公共预算财政拨款基本支出90.00万元。其中：人员经费70.00万元，主要包括：基本工资、津贴补贴、机关事业单位基本养老保险缴费；公用经费20.00万元，主要包括：办公费。"
    );
}

#[test]
fn general_budget_section_in_the_seeds_words() {
    let m = md(&putuo("120.00", "100.00", ""), "shanghai");
    let five = section(&m, "五、一般公共预算财政拨款支出决算情况说明");
    assert!(
        five.contains("一般公共预算财政拨款支出100.00万元，占本年支出合计的100.00%。与2023年度相比，一般公共预算财政拨款支出减少20.00万元，下降16.67%。主要原因：项目支付减少。"),
        "{five}"
    );
    assert!(
        five.contains("一般公共预算财政拨款支出100.00万元，主要用于以下方面：一般公共服务支出（类）90.00万元，占90.00%；社会保障和就业支出（类）10.00万元，占10.00%。"),
        "{five}"
    );
    assert!(
        five.contains("一般公共预算财政拨款支出年初预算为105.00万元，支出决算为100.00万元，完成年初预算的95.24%。决算数小于预算数。其中："),
        "{five}"
    );
    assert!(
        five.contains("1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：局本部人员经费及公用经费等的基本支出。年初预算为95.00万元，支出决算为90.00万元。决算数小于预算数的主要原因：人员进出及退休变化。"),
        "{five}"
    );
    assert!(
        five.contains("（项）。主要用于：在职人员的基本养老保险支出。年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。"),
        "{five}"
    );
    // Content the Shanghai template does not have.
    assert!(!five.contains("分类来看"), "{five}");
    assert!(!five.contains("与上年"), "{five}");
}

#[test]
fn funds_none_and_with_figures() {
    let m = md(&putuo("120.00", "100.00", ""), "shanghai");
    assert_eq!(
        section(&m, "八、政府性基金预算财政拨款收入支出决算情况说明").trim(),
        "某区财政局2024年度无政府性基金预算财政拨款收入和支出。"
    );
    assert_eq!(
        section(&m, "九、国有资本经营预算财政拨款收入支出决算情况说明").trim(),
        "某区财政局2024年度无国有资本经营预算财政拨款收入和支出。"
    );
    let with_fund = putuo("120.00", "100.00", "")
        .replace(
            "  - {code: 2080505, general: 10.00}\n",
            "  - {code: 2080505, general: 10.00}\n  - {code: 2296013, fund: 30.00}\n",
        )
        .replace(
            "basic_by_economic:",
            "  - code: 2296013\n    fund: {project: 30.00}\n    fund_budget: {initial: 40.00}\n    purpose: 城乡医疗救助\n    budget_reason: 项目延期\nbasic_by_economic:",
        );
    let m = md(&with_fund, "shanghai");
    assert_eq!(
        section(&m, "八、政府性基金预算财政拨款收入支出决算情况说明").trim(),
        "某区财政局2024年度政府性基金预算财政拨款收入30.00万元，支出30.00万元，支出具体情况如下：\n\n1、其他支出（类）彩票公益金安排的支出（款）用于城乡医疗救助的彩票公益金（项）。主要用于：城乡医疗救助。年初预算为40.00万元，支出决算为30.00万元。决算数小于预算数的主要原因：项目延期。"
    );
}

#[test]
fn additions_are_off_under_shanghai_and_on_under_central_by_default() {
    let y = putuo("120.00", "100.00", "");
    let sh = md(&y, "shanghai");
    let four = section(&sh, "四、财政拨款收入支出决算总体情况说明");
    assert!(
        !four.contains("预决算差异率") && !four.contains("与预算相比"),
        "{four}"
    );
    assert!(!section(&sh, "二、收入决算情况说明").contains("比上年"), "{sh}");
    assert!(!html(&y, "shanghai").contains("<svg"), "Shanghai has no charts");
    let c = md(&y, "central");
    assert!(c.contains("预决算差异率为"), "{c}");
    assert!(c.contains("本年收入合计110.00万元，比上年增加5.00万元"), "{c}");
    assert!(html(&y, "central").contains("<svg"), "central draws charts");
}

#[test]
fn a_unit_turns_each_addition_on_or_off_under_either_profile() {
    let on = "settings:\n  additions: {category_completion: true, deviation_rate: true, yoy_clauses: true, charts: true}\n";
    let y = putuo("120.00", "100.00", on);
    let sh = md(&y, "shanghai");
    assert!(
        section(&sh, "四、财政拨款收入支出决算总体情况说明").contains("预决算差异率为-4.76%"),
        "{sh}"
    );
    assert!(
        section(&sh, "五、一般公共预算财政拨款支出决算情况说明").contains("分类来看："),
        "{sh}"
    );
    assert!(
        section(&sh, "二、收入决算情况说明").contains(
            "本年收入合计110.00万元，比上年增加5.00万元，增长4.76%，主要原因是：其他收入增加，其中："
        ),
        "{sh}"
    );
    assert!(
        section(&sh, "三、支出决算情况说明").contains(
            "本年支出合计100.00万元，与上年持平，其中：基本支出90.00万元，占90.00%，比上年减少5.00万元，下降5.26%；项目支出10.00万元，占10.00%，比上年增加5.00万元，增长100.00%。"
        ),
        "{sh}"
    );
    assert!(
        section(&sh, "六、一般公共预算财政拨款基本支出决算情况说明")
            .contains("基本支出90.00万元，与上年持平。"),
        "{sh}"
    );
    assert!(html(&y, "shanghai").contains("<svg"));

    let off = "settings:\n  additions: {category_completion: false, deviation_rate: false, yoy_clauses: false, charts: false}\n";
    let y = putuo("120.00", "100.00", off);
    let c = md(&y, "central");
    assert!(!c.contains("预决算差异率") && !c.contains("分类来看"), "{c}");
    assert!(!section(&c, "二、收入决算情况说明").contains("比上年"), "{c}");
    assert!(!section(&c, "三、支出决算情况说明").contains("比上年"), "{c}");
    assert!(
        !section(&c, "六、一般公共预算财政拨款基本支出决算情况说明").contains("上年"),
        "{c}"
    );
    assert!(!html(&y, "central").contains("<svg"));
    // The old spelling still works, and contradicting the new one is an error.
    assert!(
        !html(
            &putuo("120.00", "100.00", "settings:\n  charts: false\n"),
            "central"
        )
        .contains("<svg")
    );
    assert!(
        html(
            &putuo("120.00", "100.00", "settings:\n  charts: true\n"),
            "shanghai"
        )
        .contains("<svg")
    );
    let (_, findings) = run(&putuo(
        "120.00",
        "100.00",
        "settings:\n  charts: false\n  additions: {charts: true}\n",
    ));
    assert!(
        findings.iter().any(|f| f.rule == "settings.charts"),
        "{findings:?}"
    );
}

#[test]
fn against_the_full_budget_the_words_say_full_budget() {
    let y = putuo("120.00", "100.00", "")
        .replace("budget: {initial: 95.00}", "budget: {full: 95.00}")
        .replace("budget: {initial: 10.00}", "budget: {full: 10.00}");
    let sh = md(&y, "shanghai");
    assert!(
        sh.contains(
            "全年预算为95.00万元，支出决算为90.00万元。决算数小于全年预算数的主要原因：人员进出及退休变化。"
        ),
        "{sh}"
    );
    assert!(sh.contains("决算数与全年预算数基本持平。"), "{sh}");
    assert!(
        sh.contains("一般公共预算财政拨款支出全年预算为105.00万元，支出决算为100.00万元，完成全年预算的95.24%。决算数小于全年预算数。"),
        "{sh}"
    );
    let c = md(&y, "central");
    assert!(
        c.contains("全年预算为95.00万元，支出决算为90.00万元，完成全年预算的94.74%，决算数小于全年预算数的主要原因是：人员进出及退休变化。"),
        "{c}"
    );
    // Against the 年初预算 it stays 预算数.
    let c = md(&putuo("120.00", "100.00", ""), "central");
    assert!(
        c.contains("完成年初预算的94.74%，决算数小于预算数的主要原因是"),
        "{c}"
    );
    assert!(
        !section(&c, "五、一般公共预算财政拨款支出决算情况说明").contains("全年预算数"),
        "{c}"
    );
}

#[test]
fn overview_duties_lead_composition_and_level_column() {
    let y = putuo("120.00", "100.00", "").replace(
        "  duties: [负责本区财政工作。]\n",
        "  duties_lead:\n    - 第一条 根据《某区机构改革方案》，制定本规定。\n    - 第二条 某区财政局的主要职责是：\n  duties: [负责本区财政工作。, 完成区政府交办的其他任务。]\n  members:\n    - {name: 某区财政局（本级）}\n    - {name: 某区财政局财政所, note: 预算不单列，并入本级}\n  staff: {actual: 5}\n  notes:\n    duties: [职责补充说明。]\n    composition: [构成补充说明。]\n    staff: [人员补充说明。]\n",
    );
    let sh = md(&y, "shanghai");
    let one = section(&sh, "一、主要职能");
    assert!(
        one.contains("第一条 根据《某区机构改革方案》，制定本规定。\n\n第二条 某区财政局的主要职责是：\n\n（一）负责本区财政工作。\n\n（二）完成区政府交办的其他任务。\n\n职责补充说明。"),
        "{one}"
    );
    assert!(!one.contains("某区财政局的主要职责是：\n\n第一条"), "{one}");
    let two = section(&sh, "二、部门决算单位构成");
    assert!(
        two.contains("从预算单位构成看，某区财政局部门决算包括：某区财政局本级决算、下属行政事业单位决算。纳入某区财政局2024年度部门决算编制范围的单位包括："),
        "{two}"
    );
    assert!(two.contains("| 序号 | 单位名称 | 备注 |"), "{two}");
    assert!(!two.contains("预算级次"), "{two}");
    assert!(two.contains("构成补充说明。"), "{two}");
    // Shanghai has no 人员情况: neither the section nor its notes.
    assert!(!sh.contains("人员情况") && !sh.contains("人员补充说明"), "{sh}");

    let c = md(&y, "central");
    assert!(section(&c, "三、人员情况").contains("人员补充说明。"), "{c}");
    assert!(
        !section(&c, "二、机构设置及决算单位构成").contains("人员补充说明"),
        "{c}"
    );
    assert!(
        !section(&c, "二、机构设置及决算单位构成").contains("预算级次"),
        "{c}"
    );
    assert!(section(&c, "一、主要职责").contains("第一条 根据"), "{c}");

    let leveled = y.replace(
        "{name: 某区财政局（本级）}",
        "{name: 某区财政局（本级）, level: 一级}",
    );
    let two = md(&leveled, "shanghai");
    assert!(
        section(&two, "二、部门决算单位构成").contains("| 序号 | 单位名称 | 预算级次 | 备注 |"),
        "{two}"
    );
}

#[test]
fn notes_as_a_plain_list_say_where_to_put_them() {
    let y = putuo("120.00", "100.00", "").replace(
        "  duties: [负责本区财政工作。]\n",
        "  duties: [负责本区财政工作。]\n  notes:\n    - 一段说明。\n",
    );
    let msg = match juesuan::load::load_str("u.yaml", &y) {
        Ok(_) => panic!("a plain list of notes is refused"),
        Err(e) => e.to_string(),
    };
    assert!(msg.contains("composition") && msg.contains("u.yaml"), "{msg}");
}

#[test]
fn the_eleven_shanghai_terms_in_shanghai_words() {
    let y = putuo("120.00", "100.00", "")
        + "glossary:\n  - {term: 事业收入, definition: 本单位无事业收入。}\n  - {term: 财政所, definition: 指本局的派出机构。}\n";
    let sh = md(&y, "shanghai");
    let g = &sh[sh.find("## 第四部分 名词解释").unwrap()..];
    let heads: Vec<&str> = g
        .lines()
        .filter(|l| l.contains('、') && l.contains('：'))
        .map(|l| l.split('：').next().unwrap())
        .collect();
    assert_eq!(
        heads,
        [
            "一、财政拨款收入",
            "二、事业收入",
            "三、经营收入",
            "四、其他收入",
            "五、年初结转和结余",
            "六、年末结转和结余",
            "七、基本支出",
            "八、项目支出",
            "九、经营支出",
            "十、“三公”经费",
            "十一、机关运行经费",
            "十二、财政所",
        ]
    );
    assert!(g.contains("二、事业收入：本单位无事业收入。"), "{g}");
    assert!(
        g.contains("五、年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。\n"),
        "{g}"
    );
    assert!(g.contains("十一、机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。"), "{g}");
    assert!(
        g.contains("公务用车购置及运行维护费反映编制内公务车辆的报废更新"),
        "{g}"
    );
    // The central glossary keeps its own words, and the unit's override there too, once.
    let c = md(&y, "central");
    let g = &c[c.find("## 第四部分 名词解释").unwrap()..];
    assert!(g.contains("年初结转和结余：指单位以前年度尚未完成"), "{g}");
    assert_eq!(g.matches("本单位无事业收入。").count(), 1, "{g}");
    assert_eq!(g.matches("财政所：").count(), 1, "{g}");
}

#[test]
fn shanghai_headings_of_part_three_and_the_sub_heads_of_five() {
    let sh = render_example_with("longjing-2024", "shanghai");
    for h in [
        "## 第三部分 龙井市医疗保险经办中心2024年度部门决算情况说明",
        "### 一、收入支出决算总体情况说明",
        "### 二、收入决算情况说明",
        "### 三、支出决算情况说明",
        "### 四、财政拨款收入支出决算总体情况说明",
        "### 五、一般公共预算财政拨款支出决算情况说明",
        "### 六、一般公共预算财政拨款基本支出决算情况说明",
        "### 八、政府性基金预算财政拨款收入支出决算情况说明",
        "### 九、国有资本经营预算财政拨款收入支出决算情况说明",
        "### 十一、其他重要事项的情况说明",
        "**（一）一般公共预算财政拨款支出决算总体情况**",
        "**（二）一般公共预算财政拨款支出决算结构情况**",
        "**（三）一般公共预算财政拨款支出决算具体情况**",
        "## 第一部分 龙井市医疗保险经办中心概况\n\n### 一、主要职能",
        "## 第四部分 名词解释\n\n一、财政拨款收入：",
    ] {
        assert!(sh.contains(h), "{h}\n{sh}");
    }
    // The central rendering of the same example is its golden file (tests/it/golden.rs): there
    // the unit's `settings.sections: {central: 吉林}` applies, under Shanghai it does not.
    assert!(sh.contains("### 十、预算绩效管理情况"), "{sh}");
    let central = render_example("longjing-2024", Format::Markdown);
    assert!(
        central.contains("### 十、关于2024年度绩效评价情况说明"),
        "{central}"
    );
    assert!(central.contains("### 十一、其他重要事项情况说明"), "{central}");
}

/// Renders `examples/<name>.yaml` under `profile`.
fn render_example_with(name: &str, profile: &str) -> String {
    let path = crate::common::root().join(format!("examples/{name}.yaml"));
    let loaded = juesuan::load::load(&path).unwrap();
    let ctx = juesuan::derive::derive(&loaded);
    Renderer::new(None)
        .unwrap()
        .render(&ctx, profile, Format::Markdown)
        .unwrap()
}

#[test]
fn a_profiles_defaults_are_a_file_that_templates_override() {
    let dir = crate::common::tempdir("additions-override");
    let file = dir.join("profiles/shanghai/additions.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        "category_completion = false\ndeviation_rate = true\nyoy_clauses = false\ncharts = false\n",
    )
    .unwrap();
    let (ctx, _) = run(&putuo("120.00", "100.00", ""));
    let r = Renderer::new(Some(&dir)).unwrap();
    let m = r.render(&ctx, "shanghai", Format::Markdown).unwrap();
    assert!(
        section(&m, "四、财政拨款收入支出决算总体情况说明").contains("预决算差异率为-4.76%"),
        "{m}"
    );
    std::fs::write(&file, "category_completion = false\ncharts = \"否\"\n").unwrap();
    let e = Renderer::new(Some(&dir))
        .err()
        .expect("a bad defaults file is refused")
        .to_string();
    assert!(e.contains("additions.toml") && e.contains("第 2 行"), "{e}");
}
