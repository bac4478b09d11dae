//! The table layout engine under the Shanghai profile (seed 005, 上海市普陀区财政局 2024): one test
//! per layout capability, on the document model and on the Markdown and HTML the writers make from
//! it, plus the new per-项 国有资本经营 balances and their audits.

use crate::common::{HEAD, errors, root, run, tempdir};
use juesuan::document::{CaptionLine, Document, RowKind, Table, Value};
use juesuan::render::{Format, Renderer};
use std::fs;

/// A unit with general-budget spending on two 项 of two 类, 经济分类 detail including a 款 the
/// Shanghai template does not list (30306 救济费), and asset data.
fn unit() -> String {
    format!(
        "{HEAD}income:\n  - {{code: 2010601, general: 90.00}}\n  - {{code: 2080505, general: 10.00}}\n\
         expenditure:\n  - code: 2010601\n    general: {{personnel: 60.00, public: 20.00, project: 10.00}}\n  \
         - code: 2080505\n    general: {{personnel: 10.00}}\n\
         basic_by_economic:\n  - {{code: 30101, amount: 60.00}}\n  - {{code: 30306, amount: 10.00}}\n  \
         - {{code: 30201, amount: 20.00}}\n\
         assets:\n  vehicles_total: 0\n  equipment_over_million: 2\n"
    )
}

fn document(yaml: &str, profile: &str) -> Document {
    let (ctx, f) = run(yaml);
    assert!(errors(&f).is_empty(), "{f:#?}");
    Renderer::new(None).unwrap().document(&ctx, profile).unwrap()
}

fn render(yaml: &str, profile: &str, format: Format) -> String {
    let (ctx, _) = run(yaml);
    Renderer::new(None)
        .unwrap()
        .render(&ctx, profile, format)
        .unwrap()
}

fn table<'a>(doc: &'a Document, key: &str) -> &'a Table {
    doc.tables()
        .find(|t| t.key == key)
        .unwrap_or_else(|| panic!("no table {key}"))
}

/// The header grid as "text:colspan×rowspan" cells, row by row.
fn header(t: &Table) -> Vec<String> {
    t.header
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| format!("{}:{}x{}", c.text, c.colspan, c.rowspan))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// A body row's cells as printed.
fn cells(t: &Table, i: usize) -> Vec<String> {
    t.rows[i].cells.iter().map(|c| c.value.display()).collect()
}

#[test]
fn shanghai_tables_print_only_the_unit_line_above_them() {
    let doc = document(&unit(), "shanghai");
    let t = table(&doc, "t01");
    let c = t.caption.as_ref().unwrap();
    assert_eq!(c.printed, CaptionLine::UnitOnly);
    assert_eq!(c.line(), "单位：万元");
    let md = render(&unit(), "shanghai", Format::Markdown);
    // The page prints the bare title (seed 005), the 目录 the numbered one.
    assert!(md.contains("### 收入支出决算总表\n\n单位：万元\n"), "{md}");
    assert!(md.contains("\n  - 一、收入支出决算总表\n"), "{md}");
    assert!(!md.contains("编制单位"), "no 编制单位 line under Shanghai");
    let html = render(&unit(), "shanghai", Format::Html);
    assert!(
        html.contains("<p class=\"caption unit\">单位：万元</p>"),
        "{html}"
    );
    assert!(!html.contains("公开01表"), "no 表号 under Shanghai");
    // Central keeps its full caption line.
    let central = document(&unit(), "central");
    assert_eq!(
        table(&central, "t01").caption.as_ref().unwrap().line(),
        "公开01表　编制单位：测试局　2023年度　金额单位：万元"
    );
}

#[test]
fn shanghai_01_and_04_have_no_line_numbers() {
    let doc = document(&unit(), "shanghai");
    let t01 = table(&doc, "t01");
    assert_eq!(
        header(t01),
        ["收入:2x1 支出:2x1", "项目:1x1 决算数:1x1 项目:1x1 决算数:1x1"]
    );
    assert!(t01.rows.iter().all(|r| r.kind != RowKind::ColumnNumbers));
    // 8 income lines beside the 26 类, then the four footer lines.
    assert_eq!(t01.rows.len(), 26 + 4);
    assert_eq!(
        cells(t01, 0),
        [
            "一、一般公共预算财政拨款收入",
            "100.00",
            "一、一般公共服务支出",
            "90.00"
        ]
    );
    assert_eq!(cells(t01, 25)[2], "二十六、抗疫特别国债安排的支出");
    assert_eq!(cells(t01, 29), ["总计", "100.00", "总计", "100.00"]);
    let t04 = table(&doc, "t04");
    assert_eq!(
        header(t04),
        [
            "收入:2x1 支出:5x1",
            "项目:1x1 决算数:1x1 项目:1x1 合计:1x1 一般公共预算财政拨款:1x1 政府性基金预算财政拨款:1x1 国有资本经营预算财政拨款:1x1"
        ]
    );
    assert!(t04.rows.iter().all(|r| r.kind != RowKind::ColumnNumbers));
    let labels: Vec<String> = (26..t04.rows.len()).map(|i| cells(t04, i)[0].clone()).collect();
    assert_eq!(labels[0], "本年收入合计");
    assert_eq!(labels[1], "年初财政拨款结转和结余");
    // The three funds under 年初 are numbered and only on the income side.
    assert_eq!(
        labels[2..5],
        [
            "一、一般公共预算财政拨款",
            "二、政府性基金预算财政拨款",
            "三、国有资本经营预算财政拨款"
        ]
    );
    assert!(
        cells(t04, 28)[2..].iter().all(String::is_empty),
        "{:?}",
        cells(t04, 28)
    );
    let central = document(&unit(), "central");
    let c04 = table(&central, "t04");
    let sub = c04.rows.iter().find(|r| r.kind == RowKind::Sub).unwrap();
    assert_eq!(sub.cells[0].value.display(), "一般公共预算财政拨款");
    assert_eq!(labels.last().unwrap(), "总计");
}

#[test]
fn function_codes_split_into_class_section_and_item_columns() {
    let doc = document(&unit(), "shanghai");
    let t = table(&doc, "t02");
    assert_eq!(
        header(t),
        [
            "项目:4x1 本年收入合计:1x3 财政拨款收入:1x3 上级补助收入:1x3 事业收入:1x3 经营收入:1x3 附属单位上缴收入:1x3 其他收入:1x3",
            "支出功能分类科目编码:3x1 科目名称:1x2",
            "类:1x1 款:1x1 项:1x1",
        ]
    );
    // 合计 first, spanning the three code columns and the name.
    assert_eq!(t.rows[0].kind, RowKind::Total);
    assert_eq!(t.rows[0].cells[0].colspan, 4);
    assert_eq!(cells(t, 0)[..2], ["合计", "100.00"]);
    // A 类 row prints only 类, a 款 row 类 and 款, a 项 row all three.
    assert_eq!(cells(t, 1)[..4], ["201", "", "", "一般公共服务支出"]);
    assert_eq!(cells(t, 2)[..4], ["201", "06", "", "财政事务"]);
    assert_eq!(cells(t, 3)[..4], ["201", "06", "01", "行政运行"]);
    assert!(
        matches!(t.rows[3].cells[0].value, Value::Code(_)),
        "codes stay text"
    );
    // Zero cells are blank, as the seed prints them.
    assert_eq!(cells(t, 3)[6], "");
    let html = render(&unit(), "shanghai", Format::Html);
    assert!(
        html.contains("<th colspan=\"3\">支出功能分类科目编码</th>"),
        "{html}"
    );
    assert!(html.contains("<td colspan=\"4\">合计</td>"), "{html}");
}

#[test]
fn shanghai_05_has_three_columns_and_its_total_last() {
    let doc = document(&unit(), "shanghai");
    let t = table(&doc, "t05");
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "code.class",
            "code.section",
            "code.item",
            "name",
            "total",
            "basic",
            "project"
        ]
    );
    assert_eq!(t.rows.last().unwrap().kind, RowKind::Total);
    assert_eq!(cells(t, t.rows.len() - 1), ["合计", "100.00", "90.00", "10.00"]);
    assert_eq!(t.rows.last().unwrap().cells[0].colspan, 4);
    assert!(t.rows.iter().all(|r| r.kind != RowKind::ColumnNumbers));
    assert!(
        t.notes.is_empty(),
        "no fixed note under a table with data: {:?}",
        t.notes
    );
    let md = render(&unit(), "shanghai", Format::Markdown);
    let t05 = md.split("### 一般公共预算财政拨款支出决算表\n").nth(1).unwrap();
    let t05 = t05.split("###").next().unwrap();
    assert!(!t05.contains("人员经费") && !t05.contains("公用经费"), "{t05}");
}

#[test]
fn shanghai_06_prints_the_full_standard_list_and_keeps_the_units_own() {
    let doc = document(&unit(), "shanghai");
    let t = table(&doc, "t06");
    assert_eq!(
        header(t),
        [
            "经济分类科目编码:2x1 科目名称:1x2 决算数:1x2 经济分类科目编码:2x1 科目名称:1x2 决算数:1x2",
            "类:1x1 款:1x1 类:1x1 款:1x1",
        ]
    );
    let side = |from: usize| -> Vec<String> {
        t.rows
            .iter()
            .filter(|r| r.kind != RowKind::Total)
            .filter_map(|r| {
                let c: Vec<String> = r.cells.iter().map(|c| c.value.display()).collect();
                let code = format!("{}{}", c[from], c[from + 1]);
                (!code.is_empty()).then_some(code)
            })
            .collect()
    };
    let left = side(0);
    let right = side(4);
    // Every standard 款, zero ones included, with their 类, in code order.
    for code in ["301", "30101", "30103", "30199", "303", "30301", "30399"] {
        assert!(left.contains(&code.to_string()), "{code} missing: {left:?}");
    }
    for code in ["302", "30201", "30231", "30299", "310", "31001", "31099"] {
        assert!(right.contains(&code.to_string()), "{code} missing: {right:?}");
    }
    assert_eq!(
        left.len(),
        1 + 13 + 1 + 11 + 1,
        "the template's 26 lines and the unit's 30306"
    );
    assert_eq!(right.len(), 1 + 27 + 1 + 9);
    // The unit's 30306 救济费 is outside the 2024 list: printed, in code order, never dropped.
    let i = left.iter().position(|c| c == "30306").expect("30306 kept");
    assert_eq!(left[i - 1], "30305");
    assert_eq!(left[i + 1], "30307");
    // Zero cells are blank; 人员经费合计 | 公用经费合计 at the bottom.
    let zero = t
        .rows
        .iter()
        .find(|r| r.cells[0].value.display() == "301" && r.cells[1].value.display() == "03")
        .unwrap();
    assert_eq!(zero.cells[3].value.display(), "");
    let last = t.rows.last().unwrap();
    assert_eq!(last.kind, RowKind::Total);
    let shown: Vec<String> = last.cells.iter().map(|c| c.value.display()).collect();
    assert_eq!(shown, ["人员经费合计", "70.00", "公用经费合计", "20.00"]);
    assert_eq!(last.cells[0].colspan, 3);
    // A 类 of the list with no figures is still printed, with its (blank) total.
    let r310 = t
        .rows
        .iter()
        .find(|r| {
            r.cells.len() > 4 && r.cells[4].value.display() == "310" && r.cells[5].value.display().is_empty()
        })
        .expect("310 row");
    assert_eq!(r310.cells[6].value.display(), "资本性支出");
    // Central prints only the 款 with figures: 301, 30101, 303, 30306 beside 302, 30201.
    let central = document(&unit(), "central");
    assert_eq!(table(&central, "t06").rows.len(), 4 + 1);
}

#[test]
fn shanghai_sangong_table_puts_budget_and_actual_at_the_bottom() {
    let doc = document(&unit(), "shanghai");
    let t = table(&doc, "t09");
    assert_eq!(t.title, "财政拨款“三公”经费支出决算表");
    assert_eq!(
        header(t),
        [
            "财政拨款“三公”经费:12x1",
            "合计:2x2 因公出国（境）费:2x2 公务用车购置及运行费:6x1 公务接待费:2x2",
            "小计:2x1 公务用车购置费:2x1 公务用车运行费:2x1",
            &["预算数:1x1 决算数:1x1"; 6].join(" "),
        ]
    );
    assert_eq!(t.rows.len(), 1, "one data row");
    // Central keeps 预算数/决算数 on top.
    let central = document(&unit(), "central");
    assert!(header(table(&central, "t09"))[0].starts_with("预算数:"));
}

#[test]
fn empty_tables_name_the_unit_and_tables_with_data_have_no_fixed_note() {
    let doc = document(&unit(), "shanghai");
    assert_eq!(
        table(&doc, "t07").notes,
        ["注：测试局无政府性基金预算财政拨款支出，故本表无数据。"]
    );
    assert_eq!(
        table(&doc, "t08").notes,
        ["注：测试局无国有资本经营预算财政拨款支出，故本表无数据。"]
    );
    // The empty table keeps its format: the header and a 合计 row with blank cells.
    let t = table(&doc, "t07");
    assert_eq!(t.rows.len(), 1);
    assert_eq!(cells(t, 0)[0], "合计");
    assert!(cells(t, 0)[1..].iter().all(String::is_empty));
    assert!(table(&doc, "t02").notes.is_empty());
    let central = document(&unit(), "central");
    assert!(table(&central, "t02").notes[0].starts_with("注：本表反映"));
}

#[test]
fn shanghai_has_nine_tables_and_no_assets_table() {
    let doc = document(&unit(), "shanghai");
    let keys: Vec<&str> = doc
        .tables()
        .filter(|t| t.caption.is_some())
        .map(|t| t.key.as_str())
        .collect();
    assert_eq!(
        keys,
        ["t01", "t02", "t03", "t04", "t05", "t06", "t09", "t07", "t08"]
    );
    let numbers: Vec<String> = doc
        .tables()
        .filter_map(|t| t.caption.as_ref().map(|c| c.number.clone()))
        .collect();
    assert_eq!(numbers[6], "公开07表");
    assert_eq!(numbers[8], "公开09表");
    let md = render(&unit(), "shanghai", Format::Markdown);
    assert!(
        md.contains("\n  - 九、国有资本经营预算财政拨款收入支出决算表\n")
            && md.contains("\n### 国有资本经营预算财政拨款收入支出决算表\n"),
        "{md}"
    );
    assert!(!md.contains("国有资产占用情况表"), "{md}");
    // Central prints the 10表 for the same unit.
    let central = document(&unit(), "central");
    assert!(central.tables().any(|t| t.key == "t10"));
}

/// A unit with 国有资本经营 income, spending and per-项 balances.
fn state_capital(opening: &str, closing: &str, items: &str) -> String {
    format!(
        "{HEAD}income:\n  - {{code: 2010601, state_capital: 30.00}}\n\
         expenditure:\n  - code: 2010601\n    state_capital: {{basic: 5.00, project: 20.00}}\n\
         balances:\n  opening: {{state_capital: {opening}}}\n  closing: {{state_capital: {closing}}}\n  \
         state_capital_items:\n{items}"
    )
}

#[test]
fn shanghai_09_is_the_state_capital_income_and_spending_table() {
    let y = state_capital(
        "2.00",
        "7.00",
        "    - {code: 2010601, opening: 2.00, closing: 7.00}\n",
    );
    let doc = document(&y, "shanghai");
    let t = table(&doc, "t08");
    assert_eq!(t.title, "国有资本经营预算财政拨款收入支出决算表");
    assert_eq!(
        header(t),
        [
            "项目:4x1 年初结转和结余:1x3 本年收入:1x3 本年支出:3x1 年末结转和结余:1x3",
            "支出功能分类科目编码:3x1 科目名称:1x2 小计:1x2 基本支出:1x2 项目支出:1x2",
            "类:1x1 款:1x1 项:1x1",
        ]
    );
    assert_eq!(
        cells(t, 0),
        ["合计", "2.00", "30.00", "25.00", "5.00", "20.00", "7.00"]
    );
    assert_eq!(cells(t, 3)[..4], ["201", "06", "01", "行政运行"]);
    assert_eq!(
        cells(t, 3)[4..],
        ["2.00", "30.00", "25.00", "5.00", "20.00", "7.00"]
    );
    assert!(t.notes.is_empty(), "{:?}", t.notes);
    // Central keeps its spending-only table.
    let central = document(&y, "central");
    let c = table(&central, "t08");
    assert_eq!(c.title, "国有资本经营预算财政拨款支出决算表");
    assert_eq!(c.columns.len(), 5);
}

#[test]
fn state_capital_items_are_audited() {
    // The items must add up to balances.opening/closing.state_capital.
    let y = state_capital(
        "3.00",
        "8.00",
        "    - {code: 2010601, opening: 2.00, closing: 7.00}\n",
    );
    let (_, f) = run(&y);
    let e = errors(&f);
    assert_eq!(
        e.iter().filter(|r| **r == "state_capital_items.sum").count(),
        2,
        "{f:#?}"
    );
    // Each 项 balances: 年初 + 收入 − 支出 = 年末 (2 + 30 − 25 = 7, not 9).
    let y = state_capital(
        "2.00",
        "9.00",
        "    - {code: 2010601, opening: 2.00, closing: 9.00}\n",
    );
    let (_, f) = run(&y);
    assert!(errors(&f).contains(&"t08.balance"), "{f:#?}");
    // A duplicate 项 is refused as in the other lists.
    let y = state_capital(
        "2.00",
        "7.00",
        "    - {code: 2010601, opening: 1.00, closing: 3.50}\n    - {code: 2010601, opening: 1.00, closing: 3.50}\n",
    );
    let (_, f) = run(&y);
    assert!(errors(&f).contains(&"code.duplicate"), "{f:#?}");
    // Without items nothing per 项 is checked (the central table does not need them).
    let y = format!(
        "{HEAD}income:\n  - {{code: 2010601, state_capital: 30.00}}\n\
         expenditure:\n  - code: 2010601\n    state_capital: {{basic: 5.00, project: 20.00}}\n\
         balances:\n  opening: {{state_capital: 2.00}}\n  closing: {{state_capital: 7.00}}\n"
    );
    let (_, f) = run(&y);
    assert!(errors(&f).is_empty(), "{f:#?}");
    // Under a profile whose table prints the balances per 项 (Shanghai 09表), they are needed,
    // and the message names the table by that profile's number.
    let sh = y.replacen("unit:\n", "settings:\n  profile: shanghai\nunit:\n", 1);
    let (_, f) = run(&sh);
    let missing = f
        .iter()
        .find(|x| x.rule == "state_capital_items.missing")
        .unwrap_or_else(|| panic!("{f:#?}"));
    assert!(
        missing
            .message
            .contains("公开09表 国有资本经营预算财政拨款收入支出决算表"),
        "{}",
        missing.message
    );
}

#[test]
fn bad_layout_keys_name_the_file_and_line() {
    let d = tempdir("layout-keys");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("tables")).unwrap();
    let unit = d.join("u.yaml");
    fs::write(&unit, crate::common::HEAD).unwrap();
    let builtin = |name: &str| fs::read_to_string(root().join("templates").join(name)).unwrap();
    let cases = [
        // rows = "full" on a table that cannot print a 款 list.
        (
            "t02.toml",
            builtin("tables/t02.toml").replacen("wide = true", "wide = true\nrows = \"full\"", 1),
            "rows = \"full\"",
        ),
        // A code that is no 款 of the catalogue.
        (
            "t06.toml",
            builtin("tables/t06.toml").replacen(
                "wide = true",
                "wide = true\nrows = \"full\"\nsections = [\"30101\",\n  \"30198\"]",
                1,
            ),
            "30198",
        ),
        // An unknown value of leaf_headers.
        (
            "t09.toml",
            builtin("tables/t09.toml").replacen("wide = true", "wide = true\nleaf_headers = \"top\"", 1),
            "leaf_headers = \"top\"",
        ),
    ];
    for (file, text, needle) in cases {
        let _ = fs::remove_dir_all(tpl.join("tables"));
        fs::create_dir_all(tpl.join("tables")).unwrap();
        fs::write(tpl.join("tables").join(file), &text).unwrap();
        let line = text.lines().position(|l| l.contains(needle)).unwrap() + 1;
        let (code, _, err) = crate::common::outcome(
            crate::common::juesuan()
                .arg("render")
                .arg(&unit)
                .arg("--templates")
                .arg(&tpl)
                .arg("-o")
                .arg(d.join("out")),
        );
        assert_eq!(code, 2, "{file}: {err}");
        assert!(
            err.contains(&format!("{file}:{line}")),
            "{file} line {line}: {err}"
        );
    }
}

#[test]
fn the_tail_note_is_a_layout_choice() {
    // Two 项 of 44元 each: each prints 0.00万元, their 合计 of 88元 prints 0.01万元.
    let y = format!(
        "{HEAD}settings:\n  input_unit: 元\nincome:\n  - {{code: 2010601, general: 44}}\n  - {{code: 2010602, general: 44}}\n\
         expenditure:\n  - code: 2010601\n    general: {{project: 44}}\n  - code: 2010602\n    general: {{project: 44}}\n"
    );
    let tail = "本表金额转换为万元时，因四舍五入可能存在尾差。";
    let central = document(&y, "central");
    assert!(
        table(&central, "t02").notes[0].ends_with(tail),
        "{:?}",
        table(&central, "t02").notes
    );
    let shanghai = document(&y, "shanghai");
    assert!(
        table(&shanghai, "t02").notes.is_empty(),
        "{:?}",
        table(&shanghai, "t02").notes
    );
}

#[test]
fn putuo_under_shanghai_has_the_titles_and_notes_of_seed_005() {
    let path = root().join("examples/putuo-caizhengju-2024.yaml");
    let loaded = juesuan::load::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let ctx = juesuan::derive::derive(&loaded);
    let doc = Renderer::new(None).unwrap().document(&ctx, "shanghai").unwrap();
    let official: Vec<&Table> = doc.tables().filter(|t| t.caption.is_some()).collect();
    let titles: Vec<&str> = official.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "收入支出决算总表",
            "收入决算表",
            "支出决算表",
            "财政拨款收入支出决算总表",
            "一般公共预算财政拨款支出决算表",
            "一般公共预算财政拨款基本支出决算表",
            "财政拨款“三公”经费支出决算表",
            "政府性基金预算财政拨款收入支出决算表",
            "国有资本经营预算财政拨款收入支出决算表",
        ]
    );
    assert!(
        official
            .iter()
            .all(|t| t.caption.as_ref().unwrap().line() == "单位：万元")
    );
    // The seed prints exactly two notes, under the two empty tables.
    let notes: Vec<&String> = official.iter().flat_map(|t| &t.notes).collect();
    assert_eq!(
        notes,
        [
            "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。",
            "注：上海市普陀区财政局无国有资本经营预算财政拨款支出，故本表无数据。",
        ]
    );
    // 06表: 26 lines on the left, 38 on the right, then 人员经费合计 2,152.26 | 公用经费合计 184.65.
    let t06 = official[5];
    assert_eq!(t06.rows.len(), 38 + 1);
    assert_eq!(
        cells(t06, 38),
        ["人员经费合计", "2,152.26", "公用经费合计", "184.65"]
    );
    // 07表 (三公): one row, the 0.95 budget of 合计 and of 公务接待费, the rest blank.
    let t07 = official[6];
    let mut want = vec![String::new(); 12];
    want[0] = "0.95".into();
    want[10] = "0.95".into();
    assert_eq!(cells(t07, 0), want);
}
