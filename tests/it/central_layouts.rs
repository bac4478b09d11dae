//! The central layout variants of seeds 002–004 and the layout keys they brought: a note printed
//! as numbered lines or as a note per part (`note_lines`), a note of several lines (`note = [...]`),
//! the 尾差 sentence under every table (`tail_note = "always"`), the whole code across split 类 | 款 |
//! 项 columns (`code_cells = "whole"`), a variant built on another (`base`) and a table a
//! jurisdiction's set does not have (`print = false`).

use crate::common::{HEAD, errors, root, run, tempdir};
use juesuan::document::{Document, Table};
use juesuan::render::Renderer;
use std::fs;

/// A unit with general-budget spending on two 项 of one 类 (no 政府性基金, no 国有资本经营), the
/// central variants `settings` selects.
fn unit(settings: &str) -> String {
    format!(
        "{HEAD}settings:\n  tables: {{central: {{{settings}}}}}\n\
         income:\n  - {{code: 2080505, general: 30.00}}\n  - {{code: 2101102, general: 70.00}}\n\
         expenditure:\n  - code: 2080505\n    general: {{personnel: 30.00}}\n  \
         - code: 2101102\n    general: {{personnel: 50.00, project: 20.00}}\n"
    )
}

fn document(yaml: &str) -> Document {
    let (ctx, f) = run(yaml);
    assert!(errors(&f).is_empty(), "{f:#?}");
    Renderer::new(None).unwrap().document(&ctx, "central").unwrap()
}

fn table<'a>(doc: &'a Document, key: &str) -> &'a Table {
    doc.tables()
        .find(|t| t.key == key)
        .unwrap_or_else(|| panic!("no table {key}"))
}

#[test]
fn a_numbered_note_puts_each_line_under_its_number() {
    let doc = document(&unit("t07: 江西, t01: 吉林"));
    // The empty 07表: two fixed lines, numbered; no empty sentence of juesuan's added.
    assert_eq!(
        table(&doc, "t07").notes,
        vec![
            "注：1. 本表反映部门(单位)本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
            "2. 当此表数据为零时，即本部门(单位)无政府性基金预算财政拨款收入、支出。",
        ]
    );
    assert_eq!(
        table(&doc, "t01").notes,
        vec![
            "注：1. 本表反映部门本年度的总收支和年末结转结余情况。",
            "2. 本套报表金额单位转换时可能存在尾数误差。",
        ]
    );
    // One part only: not numbered (江西 02表).
    let doc = document(&unit("t02: 江西"));
    assert_eq!(
        table(&doc, "t02").notes,
        vec!["注：本表反映部门（单位）本年度取得的各项收入情况。"]
    );
}

#[test]
fn a_separate_note_gives_the_empty_sentence_its_own_line() {
    let doc = document(&unit("t08: 吉林"));
    assert_eq!(
        table(&doc, "t08").notes,
        vec![
            "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
            "注：本单位没有国有资本经营预算财政拨款。",
        ]
    );
    // The default joins the parts into one note.
    let doc = document(&unit(""));
    assert_eq!(
        table(&doc, "t08").notes,
        vec![
            "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。本部门2023年度无国有资本经营预算财政拨款支出，故本表为空表。"
        ]
    );
}

#[test]
fn tail_note_always_prints_the_sentence_under_every_table() {
    let tail = "本表金额转换为万元时，因四舍五入可能存在尾差。";
    // No displayed total differs from its parts here: the default prints no 尾差 sentence …
    let doc = document(&unit(""));
    assert!(!table(&doc, "t05").notes.concat().contains(tail));
    // … "always" does, under a table with figures and under an empty one.
    let doc = document(&unit("t05: 陕西, t08: 陕西"));
    assert_eq!(
        table(&doc, "t05").notes,
        vec![format!(
            "注：本表反映单位本年度一般公共预算财政拨款实际支出情况。{tail}"
        )]
    );
    assert_eq!(
        table(&doc, "t08").notes,
        vec![format!(
            "注：本表反映单位本年度国有资本经营预算财政拨款支出情况。{tail}"
        )]
    );
}

#[test]
fn a_variant_on_a_base_keeps_the_bases_columns() {
    // 陕西 05表 is 三栏 (小计/基本支出/项目支出) with its own note.
    let doc = document(&unit("t05: 陕西"));
    let t = table(&doc, "t05");
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["code", "name", "total", "basic", "project"]);
    let base = document(&unit("t05: 三栏"));
    let labels = |t: &Table| t.columns.iter().map(|c| c.label.clone()).collect::<Vec<_>>();
    assert_eq!(labels(t), labels(table(&base, "t05")));
    assert_ne!(t.notes, table(&base, "t05").notes);
}

#[test]
fn the_whole_code_spans_the_class_section_and_item_columns() {
    let doc = document(&unit("t03: 江西"));
    let t = table(&doc, "t03");
    let head: Vec<String> = t
        .header
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| format!("{}:{}x{}", c.text, c.colspan, c.rowspan))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(head[1], "支出功能分类科目编码:3x1 科目名称:1x2");
    assert_eq!(head[2], "类:1x1 款:1x1 项:1x1");
    // Body: the 栏次 row, 合计 over the four label columns, then each code whole in one cell
    // spanning 类 | 款 | 项, its name in the next.
    let row = |i: usize| -> Vec<(String, u16)> {
        t.rows[i]
            .cells
            .iter()
            .take(2)
            .map(|c| (c.value.display(), c.colspan))
            .collect()
    };
    assert_eq!(row(1)[0], ("合计".to_string(), 4));
    assert_eq!(
        row(3),
        vec![("20805".to_string(), 3), ("行政事业单位养老支出".to_string(), 1)]
    );
    assert_eq!(row(4)[0], ("2080505".to_string(), 3));
    // The Shanghai layouts keep each part in its own column.
    let (ctx, _) = run(&unit(""));
    let sh = Renderer::new(None).unwrap().document(&ctx, "shanghai").unwrap();
    let t = table(&sh, "t03");
    let parts: Vec<String> = t.rows[2]
        .cells
        .iter()
        .take(3)
        .map(|c| c.value.display())
        .collect();
    assert_eq!(parts, ["208", "05", ""]);
}

#[test]
fn bad_note_and_code_keys_name_the_file_and_line() {
    let d = tempdir("central-layout-keys");
    let tpl = d.join("tpl");
    let unit = d.join("u.yaml");
    fs::write(&unit, HEAD).unwrap();
    let builtin = |name: &str| fs::read_to_string(root().join("templates").join(name)).unwrap();
    let cases = [
        ("t02.toml", "tail_note = \"sometimes\"", "sometimes"),
        ("t02.toml", "note_lines = \"bullets\"", "bullets"),
        ("t02.toml", "code_cells = \"half\"", "half"),
        // Rows per side only in the 三公 table.
        ("t02.toml", "rows = \"sides\"", "sides"),
    ];
    let mut texts: Vec<(&str, String, String)> = cases
        .iter()
        .map(|(f, key, word)| {
            (
                *f,
                builtin(&format!("tables/{f}")).replacen("wide = true", &format!("wide = true\n{key}"), 1),
                word.to_string(),
            )
        })
        .collect();
    // Groups that leave out a 类, mix 人员经费 with 公用经费, split 人员经费, or a group column without
    // groups.
    let t06 = builtin("tables/t06.toml");
    texts.push((
        "t06.toml",
        t06.replacen(
            "\"311\", \"312\", \"399\"]]\nsections",
            "\"312\", \"399\"]]\nsections",
            1,
        ),
        "blocks = [[\"301\", \"303\"], [\"302\"], [\"307\", \"309\", \"310\", \"312\"".to_string(),
    ));
    texts.push((
        "t06.toml",
        t06.replacen(
            "blocks = [[\"301\", \"303\"], [\"302\"]",
            "blocks = [[\"301\"], [\"302\", \"303\"]",
            1,
        ),
        "blocks = [[\"301\"], [\"302\", \"303\"]".to_string(),
    ));
    texts.push((
        "t06.toml",
        t06.replacen(
            "blocks = [[\"301\", \"303\"], [\"302\"]",
            "blocks = [[\"301\"], [\"303\"], [\"302\"]",
            1,
        ),
        "blocks = [[\"301\"], [\"303\"], [\"302\"]".to_string(),
    ));
    texts.push((
        "t06.toml",
        t06.replacen("key = \"public.amount\"", "key = \"block2.amount\"", 1),
        "key = \"block2.amount\"".to_string(),
    ));
    // A base that is no variant of the file.
    texts.push((
        "t07.toml",
        builtin("tables/t07.toml").replacen(
            "base = \"科目代码\"\nnote = \"本表反映单位",
            "base = \"科目编码\"\nnote = \"本表反映单位",
            1,
        ),
        "base = \"科目编码\"".to_string(),
    ));
    for (file, text, needle) in texts {
        let _ = fs::remove_dir_all(tpl.join("tables"));
        fs::create_dir_all(tpl.join("tables")).unwrap();
        fs::write(tpl.join("tables").join(file), &text).unwrap();
        let line = text.lines().position(|l| l.contains(needle.as_str())).unwrap() + 1;
        let word = if needle.starts_with("base = ") {
            needle.trim_start_matches("base = ").trim_matches('"')
        } else if needle.starts_with("blocks") || needle.starts_with("key") {
            "block"
        } else {
            needle.as_str()
        };
        let (code, _, err) = crate::common::outcome(
            crate::common::juesuan()
                .arg("render")
                .arg(&unit)
                .arg("--templates")
                .arg(&tpl)
                .arg("-o")
                .arg(d.join("out")),
        );
        assert_eq!(code, 2, "{file} {needle}: {err}");
        assert!(
            err.contains(&format!("{file}:{line}")) && err.contains(word),
            "{file} line {line}: {err}"
        );
    }
}

/// The unit of [`unit`] with 经济分类 detail: 30101 (人员经费) and 30201, 31002 (公用经费).
fn unit_with_detail(settings: &str) -> String {
    format!(
        "{}basic_by_economic:\n  - {{code: 30101, amount: 80.00}}\n  - {{code: 30201, amount: 0.00}}\n",
        unit(settings)
    )
}

#[test]
fn the_06_list_in_three_groups_puts_each_class_in_its_group() {
    let doc = document(&unit_with_detail("t06: 吉林"));
    let t = table(&doc, "t06");
    assert_eq!(t.columns.len(), 9);
    let first: Vec<String> = t.rows[0].cells.iter().map(|c| c.value.display()).collect();
    assert_eq!(
        first,
        [
            "301",
            "工资福利支出",
            "80.00",
            "302",
            "商品和服务支出",
            "",
            "307",
            "债务利息及费用支出",
            ""
        ]
    );
    // 303 follows 301's 款 in the first group; the third group runs 307, 310, 399.
    let codes = |col: usize| -> Vec<String> {
        t.rows
            .iter()
            .filter_map(|r| r.cells.get(col))
            .map(|c| c.value.display())
            .filter(|s| s.len() == 3)
            .collect()
    };
    assert_eq!(codes(0), ["301", "303"]);
    assert_eq!(codes(6), ["307", "310", "399"]);
    // The totals: 人员经费合计 over the first group's labels, 公用经费合计 across the second and
    // third groups up to the last amount.
    let total = t.rows.last().unwrap();
    let cells: Vec<(String, u16)> = total
        .cells
        .iter()
        .map(|c| (c.value.display(), c.colspan))
        .collect();
    assert_eq!(
        cells,
        [
            ("人员经费合计".to_string(), 2),
            ("80.00".to_string(), 1),
            ("公用经费合计".to_string(), 5),
            // zero = "blank": the unit has no 公用经费.
            (String::new(), 1),
        ]
    );
    // Without blocks the central 06表 keeps its two groups and only the rows with figures.
    let doc = document(&unit_with_detail(""));
    let t = table(&doc, "t06");
    assert_eq!(t.columns.len(), 6);
    assert!(
        t.rows
            .iter()
            .all(|r| r.cells.iter().all(|c| c.value.display() != "307"))
    );
}

#[test]
fn the_sangong_table_in_rows_has_a_row_per_side_and_the_heads_as_columns() {
    let y = format!(
        "{}sangong:\n  reception:\n    budget_full: 5.00\n    actual: 3.00\n  meeting:\n    budget_full: 2.00\n    actual: 1.00\n",
        unit("t09: 陕西")
    );
    let doc = document(&y);
    let t = table(&doc, "t09");
    let row = |i: usize| -> Vec<String> { t.rows[i].cells.iter().map(|c| c.value.display()).collect() };
    // The 栏次 row, then 预算数 and 决算数; 会议费 is printed because the unit gave it, 培训费 too
    // (both or neither).
    assert_eq!(row(0)[0], "栏次");
    assert_eq!(row(1)[0], "预算数");
    assert_eq!(row(2)[0], "决算数");
    let col = |key: &str| t.columns.iter().position(|c| c.key == key).unwrap();
    assert_eq!(row(1)[col("reception")], "5.00");
    assert_eq!(row(2)[col("reception")], "3.00");
    assert_eq!(row(1)[col("total")], "5.00");
    assert_eq!(row(2)[col("meeting")], "1.00");
    assert_eq!(t.header[0][0].text, "项目");
    assert_eq!(t.header[0][0].rowspan, 3);
    // The central default keeps one row with 预算数 | 决算数 as the upper headers.
    let doc = document(&y.replace("t09: 陕西", ""));
    let t = table(&doc, "t09");
    assert_eq!(t.header[0][0].text, "预算数");
    assert_eq!(t.rows.len(), 1);
}

#[test]
fn a_table_the_variant_does_not_print_leaves_the_set_and_the_numbers_close_up() {
    let with_assets = |settings: &str| {
        format!(
            "{}assets: {{vehicles_total: 1, vehicles_other: 1, equipment_over_million: 2}}\n",
            unit(settings)
        )
    };
    let all = document(&with_assets("t06: 基本支出决算表"));
    assert!(
        all.tables().any(|t| t.key == "t10"),
        "the central 10表 with asset data"
    );
    let nine = document(&with_assets("t10: 不印"));
    assert!(
        !nine.tables().any(|t| t.key == "t10"),
        "t10: 不印 leaves the 10表 out"
    );
    assert_eq!(nine.tables().filter(|t| t.caption.is_some()).count(), 9);
    let md = juesuan::render::Renderer::new(None)
        .unwrap()
        .write(&nine, juesuan::render::Format::Markdown)
        .unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(
        !md.contains("国有资产占用情况表"),
        "neither the table nor its 表目录 line"
    );
    assert!(
        md.contains("共有车辆1辆"),
        "the 情况说明 still states the figures"
    );
}

#[test]
fn a_units_table_order_renumbers_the_tables_and_a_wrong_one_is_refused() {
    let order = |list: &str| {
        unit("t06: 基本支出决算表").replace(
            "settings:\n",
            &format!("settings:\n  table_order: {{central: [{list}]}}\n"),
        )
    };
    let doc = document(&order("t01, t02, t03, t04, t05, t06, t09, t07, t08, t10"));
    let numbered: Vec<(String, String)> = doc
        .tables()
        .filter_map(|t| t.caption.as_ref().map(|c| (t.key.clone(), c.number.clone())))
        .collect();
    assert_eq!(
        numbered[6],
        ("t09".to_string(), "公开07表".to_string()),
        "{numbered:?}"
    );
    assert_eq!(
        numbered[7],
        ("t07".to_string(), "公开08表".to_string()),
        "{numbered:?}"
    );
    assert_eq!(
        numbered[8],
        ("t08".to_string(), "公开09表".to_string()),
        "{numbered:?}"
    );

    let (ctx, _) = run(&order("t01, t02, t03, t04, t05, t06, t09, t07, t08"));
    let err = Renderer::new(None)
        .unwrap()
        .document(&ctx, "central")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("settings.table_order.central") && err.contains("第 ") && err.contains("t10"),
        "a list without t10 names the entry, its line and the tables: {err}"
    );
}
