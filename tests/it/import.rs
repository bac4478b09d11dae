//! `juesuan import`: the export fixtures of `tests/fixtures/import/` (made by
//! `scripts/import-fixtures/generate.py` from examples/dehui-2023.yaml) → unit files.

use crate::common::{example_as_of, juesuan, outcome, render_xlsx, root, tempdir};
use juesuan::derive;
use juesuan::input::{
    BalanceParts, Balances, ExpenditureRow, FundSpending, GeneralSpending, IncomeRow, ItemBudget,
    OtherSpending, SangongItem, UnitFile,
};
use juesuan::load;
use juesuan::money::Amount;
use juesuan::render::{Format, Renderer};
use rust_decimal::Decimal;
use std::fs;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/import").join(name)
}

/// Imports to standard output; panics unless it succeeds.
fn import(args: &[&str]) -> String {
    let (code, out, err) = outcome(juesuan().arg("import").args(args));
    assert_eq!(code, 0, "{err}");
    out
}

/// The YAML without comments: the figures only.
fn figures(yaml: &str) -> String {
    yaml.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| match l.find("   # ") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Replaces every placeholder string by real-looking text.
fn fill(yaml: &str) -> String {
    let mut out = String::new();
    for line in yaml.lines() {
        match (line.find("\"【待填写"), line.rfind("】\"")) {
            (Some(a), Some(b)) => {
                out.push_str(&line[..a]);
                out.push_str("已核实的内容");
                out.push_str(&line[b + "】\"".len()..]);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[test]
fn xls_and_a_rearranged_xlsx_give_the_same_figures() {
    // The xlsx has two extra title rows, numbers stored as text with thousands separators, the
    // 科目编码 split over 类/款/项 columns and 上级补助收入/事业收入 swapped; the xls has merged
    // code cells and “—” in empty cells.
    let xls = import(&[fixture("dehui-2023.xls").to_str().unwrap()]);
    let xlsx = import(&[fixture("dehui-2023.xlsx").to_str().unwrap()]);
    assert_eq!(figures(&xls), figures(&xlsx));
    assert!(xls.contains("general: 3115300   # Z03!G15"), "{xls}");
    assert!(xlsx.contains("general: 3115300   # Z03!G17"), "{xlsx}");
    assert!(xls.contains("name: \"德惠市医疗保险经办中心\""));
    assert!(xls.contains("year: 2023"));
    assert!(xls.contains("input_unit: 元"));
    // Every amount names its cell.
    for line in xls.lines() {
        let t = line.trim_start().trim_start_matches("- ");
        let is_amount = [
            "general:",
            "fund:",
            "personnel:",
            "public:",
            "project:",
            "initial:",
            "actual:",
            "amount:",
        ]
        .iter()
        .any(|k| t.starts_with(k))
            && t.split(':')
                .nth(1)
                .is_some_and(|v| v.trim().starts_with(|c: char| c.is_ascii_digit()));
        if is_amount {
            assert!(
                line.contains("   # Z") || line.contains("   # F"),
                "no source cell: {line}"
            );
        }
    }
}

#[test]
fn the_import_is_refused_by_check_until_the_placeholders_are_filled() {
    let dir = tempdir("import-fill");
    let out = dir.join("德惠-2023.yaml");
    let (code, _, err) = outcome(
        juesuan()
            .arg("import")
            .arg(fixture("dehui-2023.xls"))
            .arg("-o")
            .arg(&out),
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("处【待填写】"), "{err}");
    let (code, stdout, _) = outcome(juesuan().arg("check").arg(&out));
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("错误[placeholder]"), "{stdout}");
    assert!(stdout.contains("(unit.duties[0])"), "{stdout}");
    assert!(stdout.contains("(procurement.note)"), "{stdout}");
    let (code, _, err) = outcome(juesuan().arg("render").arg(&out).arg("-o").arg(dir.join("out")));
    assert_eq!(code, 1, "{err}");
    assert!(!dir.join("out/德惠-2023.md").exists());
    let filled = dir.join("filled.yaml");
    fs::write(&filled, fill(&fs::read_to_string(&out).unwrap())).unwrap();
    let (code, stdout, err) = outcome(juesuan().arg("check").arg(&filled));
    assert_eq!(code, 0, "{stdout}{err}");
    let (code, _, err) = outcome(
        juesuan()
            .arg("render")
            .arg(&filled)
            .arg("-o")
            .arg(dir.join("out")),
    );
    assert_eq!(code, 0, "{err}");
    let md = fs::read_to_string(dir.join("out/filled.md")).unwrap();
    assert!(md.contains("德惠市医疗保险经办中心"));
    assert!(md.contains("583.13"), "total in 万元");
}

fn wan(a: Amount) -> Amount {
    Amount(a.0 / Decimal::from(10_000))
}

fn wan_opt(a: Option<Amount>) -> Option<Amount> {
    a.map(wan)
}

fn wan_budget(b: &Option<ItemBudget>) -> Option<ItemBudget> {
    b.as_ref().map(|b| ItemBudget {
        initial: wan_opt(b.initial),
        full: wan_opt(b.full),
    })
}

fn wan_sangong(s: &SangongItem, keep: &SangongItem) -> SangongItem {
    SangongItem {
        budget_initial: wan_opt(s.budget_initial),
        budget_full: wan_opt(s.budget_full),
        actual: wan(s.actual),
        ..keep.clone()
    }
}

/// The example with every figure the export holds taken from the import (元 → 万元), everything
/// else (prose, reasons, previous year, settings) kept.
fn merge(example: &UnitFile, imported: &UnitFile) -> UnitFile {
    let mut m = example.clone();
    m.income = imported
        .income
        .iter()
        .map(|r| IncomeRow {
            code: r.code.clone(),
            name: example
                .income
                .iter()
                .find(|e| e.code == r.code)
                .and_then(|e| e.name.clone()),
            general: wan(r.general),
            fund: wan(r.fund),
            state_capital: wan(r.state_capital),
            superior: wan(r.superior),
            business: wan(r.business),
            operating: wan(r.operating),
            affiliated: wan(r.affiliated),
            other: wan(r.other),
        })
        .collect();
    m.expenditure = imported
        .expenditure
        .iter()
        .map(|r| {
            let keep = example
                .expenditure
                .iter()
                .find(|e| e.code == r.code)
                .cloned()
                .unwrap_or_default();
            ExpenditureRow {
                code: r.code.clone(),
                general: GeneralSpending {
                    basic: r.general.basic.map(wan),
                    personnel: r.general.personnel.map(wan),
                    public: r.general.public.map(wan),
                    project: wan(r.general.project),
                },
                fund: FundSpending {
                    basic: wan(r.fund.basic),
                    project: wan(r.fund.project),
                },
                state_capital: FundSpending {
                    basic: wan(r.state_capital.basic),
                    project: wan(r.state_capital.project),
                },
                other: OtherSpending {
                    basic: wan(r.other.basic),
                    project: wan(r.other.project),
                    to_superior: wan(r.other.to_superior),
                    operating: wan(r.other.operating),
                    to_affiliated: wan(r.other.to_affiliated),
                },
                budget: wan_budget(&r.budget),
                fund_budget: wan_budget(&r.fund_budget),
                ..keep
            }
        })
        .collect();
    let parts = |p: &BalanceParts| BalanceParts {
        general: wan(p.general),
        state_capital: wan(p.state_capital),
        other: wan(p.other),
    };
    m.balances = Balances {
        opening: parts(&imported.balances.opening),
        closing: parts(&imported.balances.closing),
        fund_items: Vec::new(),
        state_capital_items: Vec::new(),
        non_fiscal_surplus_used: wan(imported.balances.non_fiscal_surplus_used),
        surplus_distribution: wan(imported.balances.surplus_distribution),
    };
    m.basic_by_economic = imported
        .basic_by_economic
        .iter()
        .map(|r| {
            let mut row = r.clone();
            row.amount = wan(r.amount);
            row.name = example
                .basic_by_economic
                .iter()
                .find(|e| e.code == r.code)
                .and_then(|e| e.name.clone());
            row
        })
        .collect();
    m.budget.fiscal_initial = wan_opt(imported.budget.fiscal_initial);
    m.budget.fiscal_full = wan_opt(imported.budget.fiscal_full);
    m.budget.general_initial = wan_opt(imported.budget.general_initial);
    m.budget.general_full = wan_opt(imported.budget.general_full);
    let (s, i) = (&example.sangong, &imported.sangong);
    m.sangong.abroad = wan_sangong(&i.abroad, &s.abroad);
    m.sangong.vehicle_purchase = wan_sangong(&i.vehicle_purchase, &s.vehicle_purchase);
    m.sangong.vehicle_running = wan_sangong(&i.vehicle_running, &s.vehicle_running);
    m.sangong.reception = wan_sangong(&i.reception, &s.reception);
    m.sangong.abroad_groups = i.abroad_groups;
    m.sangong.vehicles_held = i.vehicles_held;
    m.sangong.reception_batches = i.reception_batches;
    m.sangong.reception_people = i.reception_people;
    if let (Some(mo), Some(io)) = (m.operating_costs.as_mut(), imported.operating_costs.as_ref()) {
        mo.amount = wan(io.amount);
    }
    if let (Some(ma), Some(ia)) = (m.assets.as_mut(), imported.assets.as_ref()) {
        ma.vehicles_total = ia.vehicles_total;
        ma.equipment_over_million = ia.equipment_over_million;
    }
    m
}

fn render_both(unit: &UnitFile) -> (String, String, serde_json::Value) {
    // Through YAML text (JSON is YAML), as a unit file on disk would be read.
    let text = serde_json::to_string(unit).unwrap();
    let loaded = load::load_str("unit.yaml", &text).unwrap_or_else(|e| panic!("{e}"));
    let ctx = derive::derive(&loaded);
    let r = Renderer::new(None).unwrap();
    let md = r.render(&ctx, "central", Format::Markdown).unwrap();
    let html = r.render(&ctx, "central", Format::Html).unwrap();
    (md, html, serde_json::to_value(&ctx).unwrap())
}

/// The paths where two JSON values differ, with both values.
fn json_diff(a: &serde_json::Value, b: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    use serde_json::Value::{Array, Object};
    match (a, b) {
        (Object(x), Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let null = serde_json::Value::Null;
                json_diff(
                    x.get(k).unwrap_or(&null),
                    y.get(k).unwrap_or(&null),
                    &format!("{path}.{k}"),
                    out,
                );
            }
        }
        (Array(x), Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                json_diff(p, q, &format!("{path}[{i}]"), out);
            }
        }
        // The context keeps each decimal's scale (60.00 from 万元 text, 60 from 元 ÷ 10,000): the
        // same quantity.
        (serde_json::Value::String(x), serde_json::Value::String(y))
            if x.parse::<Decimal>()
                .ok()
                .is_some_and(|d| Some(d) == y.parse::<Decimal>().ok()) => {}
        _ if a != b => out.push(format!("{path}: {a} ≠ {b}")),
        _ => {}
    }
}

#[test]
fn an_imported_export_renders_the_same_report_as_the_hand_entered_example() {
    let example_text = fs::read_to_string(root().join("examples/dehui-2023.yaml")).unwrap();
    let example = load::load_str("dehui-2023.yaml", &example_text).unwrap().unit;
    let yaml = import(&[fixture("dehui-2023.xls").to_str().unwrap()]);
    let imported = load::load_str("imported.yaml", &yaml).unwrap().unit;
    // Every figure at the finest level, exactly (元 ×10,000 of the example's 万元).
    assert_eq!(imported.income.len(), example.income.len());
    assert_eq!(imported.basic_by_economic.len(), example.basic_by_economic.len());
    let mut want: Vec<_> = example
        .basic_by_economic
        .iter()
        .map(|e| (e.code.0.clone(), e.amount.0 * Decimal::from(10_000)))
        .collect();
    want.sort();
    let got: Vec<_> = imported
        .basic_by_economic
        .iter()
        .map(|e| (e.code.0.clone(), e.amount.0))
        .collect();
    assert_eq!(got, want);
    // The export states the 财政拨款 年初预算 (一般公共预算 523.13 + 政府性基金 60.00, the sum of
    // the 项 budgets); the hand-entered example leaves it out on purpose (see its comment), so the
    // comparison does too.
    assert_eq!(
        imported.budget.fiscal_initial.map(|a| a.0),
        Some(Decimal::from(5_831_300))
    );
    let mut merged = merge(&example, &imported);
    assert_eq!(example.budget.fiscal_initial, None);
    merged.budget.fiscal_initial = None;
    let (md_a, html_a, ctx_a) = render_both(&example);
    let (md_b, html_b, ctx_b) = render_both(&merged);
    let mut diffs = Vec::new();
    json_diff(&ctx_a, &ctx_b, "", &mut diffs);
    assert!(
        diffs.is_empty(),
        "the derived figures differ:\n{}",
        diffs.join("\n")
    );
    assert_eq!(md_a, md_b);
    assert_eq!(html_a, html_b);
}

#[test]
fn previous_comes_from_last_years_export() {
    let yaml = import(&[
        fixture("dehui-2023.xls").to_str().unwrap(),
        "--previous",
        fixture("dehui-2022.xls").to_str().unwrap(),
    ]);
    let unit = load::load_str("imported.yaml", &yaml).unwrap().unit;
    let prev = unit.previous.expect("previous");
    let rows = prev.expenditure.expect("previous expenditure");
    let row = rows.iter().find(|r| r.code.0 == "2101550").unwrap();
    // 80 % of 2,722,900 and 392,400, as the generator made last year.
    assert_eq!(
        row.general.personnel.unwrap_or_default().0,
        Decimal::from(2_178_320)
    );
    assert_eq!(row.general.public.unwrap_or_default().0, Decimal::from(313_920));
    // The changes are large: the reasons are placeholders check refuses.
    assert!(
        yaml.contains("change_reason: \"【待填写：主要原因（2101550 事业运行比上年变化较大"),
        "{yaml}"
    );
    assert!(yaml.contains("上年数据（previous）取自“dehui-2022.xls”"));
}

#[test]
fn previous_comes_from_last_years_published_tables() {
    let (code, out, err) = outcome(
        juesuan()
            .arg("import")
            .arg(fixture("dehui-2023.xls"))
            .arg("--previous")
            .arg(fixture("dehui-2022-published.xlsx")),
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("上年数据按公开表"), "{err}");
    let unit = load::load_str("imported.yaml", &out).unwrap().unit;
    let prev = unit.previous.expect("previous");
    let rows = prev.expenditure.expect("previous expenditure");
    let row = rows.iter().find(|r| r.code.0 == "2101550").unwrap();
    // The published tables are in 万元: 217.8320 → 217.83万元 = 2,178,300元.
    assert_eq!(
        row.general.personnel.unwrap_or_default().0,
        Decimal::from(2_178_300)
    );
    let income = prev.income.expect("previous income");
    let fund = income.iter().find(|r| r.code.0 == "2296013").unwrap();
    assert_eq!(
        (fund.general.0, fund.fund.0),
        (Decimal::ZERO, Decimal::from(480_000))
    );
    assert!(out.contains("# 公开05表!"), "{out}");
}

#[test]
fn previous_of_the_wrong_year_is_refused() {
    let (code, _, err) = outcome(
        juesuan()
            .arg("import")
            .arg(fixture("dehui-2023.xls"))
            .arg("--previous")
            .arg(fixture("dehui-2023.xlsx")),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("上年文件的年度是 2023 年，本年导出文件是 2023 年：--previous 应为 2022 年的文件"),
        "{err}"
    );
}

#[test]
fn bad_workbooks_get_clear_messages_and_exit_2() {
    let cases: &[(&str, &[&str])] = &[
        (
            "missing-sheet.xlsx",
            &["找不到表 Z08", "工作簿中的表：“Z01 收入支出决算总表(财决01表)”"],
        ),
        (
            "fraction-of-cent.xlsx",
            &["表“Z04 支出决算表(财决04表)”E6：金额 5831300.005 不是整分"],
        ),
        (
            "garbage-text.xlsx",
            &["E8：内容“约三十万”不是金额数字：应为金额（单位：元）"],
        ),
        (
            "inconsistent.xlsx",
            &[
                "核对未通过",
                "G14（21015",
                "相差 -100.00元",
                "科目 2101550：Z07!H15 3,115,300.00元 ≠ Z03!G15 3,115,400.00元",
            ],
        ),
        ("password.xlsx", &["加密 Excel 文件"]),
        ("password.xls", &["密码保护"]),
        ("html.xls", &["网页（HTML）文件，只是扩展名为 .xls"]),
        ("spreadsheetml.xls", &["Excel 2003 XML 表格"]),
        ("text.xls", &["文本文件"]),
        ("truncated.xlsx", &["工作簿已损坏"]),
        ("does-not-exist.xls", &["文件不存在"]),
        (
            "huge-extent.xls",
            &["工作簿过大（各表所占的区域至少 33554432 个单元格，上限 4000000）"],
        ),
        ("zip-bomb.xlsx", &["工作簿过大（解压后超过 128 MB）"]),
        (
            "huge-merge.xlsx",
            &["工作簿过大（合并单元格共覆盖超过 1000000 个单元格）"],
        ),
        // Found by fuzzing: a DIMENSIONS record claiming a huge area (calamine reserved 2.9 GB).
        ("fuzz-dimensions.xls", &["工作簿过大（各表所占的区域至少"]),
        // Found by fuzzing: cells far apart in a sheet calamine reads from its BOUNDSHEET position,
        // which a sequential scan of the stream did not see as one sheet (calamine asked for 4.9 GB).
        ("fuzz-boundsheet.xls", &["工作簿过大（各表所占的区域至少"]),
    ];
    for (file, fragments) in cases {
        let (code, out, err) = outcome(juesuan().arg("import").arg(fixture(file)));
        assert_eq!(code, 2, "{file}: {err}");
        assert!(out.is_empty(), "{file}: no unit file on stdout");
        assert!(err.contains(file), "{file}: the message names the file: {err}");
        for f in *fragments {
            assert!(err.contains(f), "{file}: expected “{f}” in:\n{err}");
        }
        assert!(err.contains("未生成单位数据文件"), "{err}");
    }
}

#[test]
fn mapping_errors_name_the_sheet_and_the_headers_there_are() {
    let (code, _, err) = outcome(
        juesuan()
            .arg("import")
            .arg(fixture("dehui-2023.xls"))
            .arg("--mapping")
            .arg(fixture("mapping-wrong-header.yaml")),
    );
    assert_eq!(code, 2);
    assert!(err.contains("对照表错误：表“Z08 一般公共预算财政拨款支出决算明细表(财决08表)”中找不到表头“基本支出/人员费”的列；表头有："), "{err}");
    assert!(err.contains("G 基本支出/人员经费（栏次3）"), "{err}");
    let (code, _, err) = outcome(
        juesuan()
            .arg("import")
            .arg(fixture("dehui-2023.xls"))
            .arg("--mapping")
            .arg(fixture("mapping-ambiguous.yaml")),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("表“Z01 收入支出决算总表(财决01表)”中表头“决算数”不唯一（D、H 列都是）：请写得更具体"),
        "{err}"
    );
    let (code, _, err) = outcome(
        juesuan()
            .arg("import")
            .arg(fixture("dehui-2023.xls"))
            .arg("--mapping")
            .arg(fixture("mapping-wrong-column.yaml")),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("mapping-wrong-column.yaml：导入的数不满足勾稽关系，对照表可能读错了单元格"),
        "{err}"
    );
    let dir = tempdir("import-mapping");
    let bad = dir.join("bad.yaml");
    fs::write(
        &bad,
        "format: 1\nname: x\namount_unit: 元\nsheets: []\nitems:\n  income.genral: []\n",
    )
    .unwrap();
    let (code, _, err) = outcome(
        juesuan()
            .arg("import")
            .arg(fixture("dehui-2023.xls"))
            .arg("--mapping")
            .arg(&bad),
    );
    assert_eq!(code, 2);
    assert!(err.contains("bad.yaml") && err.contains("对照表有误"), "{err}");
}

#[test]
fn columns_found_by_lanci_or_by_header_agree() {
    let by_header = import(&[fixture("dehui-2023.xlsx").to_str().unwrap()]);
    let by_lanci = import(&[
        fixture("dehui-2023.xlsx").to_str().unwrap(),
        "--mapping",
        fixture("mapping-by-lanci.yaml").to_str().unwrap(),
    ]);
    assert_eq!(figures(&by_header), figures(&by_lanci));
}

#[test]
fn the_printed_mapping_is_the_builtin_one_and_works_when_edited() {
    let printed = import(&["--print-mapping"]);
    assert_eq!(
        printed,
        fs::read_to_string(root().join("data/import/mapping-2024.yaml")).unwrap()
    );
    let dir = tempdir("import-print");
    let copy = dir.join("mine.yaml");
    fs::write(
        &copy,
        printed.replace("name: 部门决算报表软件 2024 年度导出", "name: 本省改过的对照表"),
    )
    .unwrap();
    let yaml = import(&[
        fixture("dehui-2023.xls").to_str().unwrap(),
        "--mapping",
        copy.to_str().unwrap(),
    ]);
    assert!(yaml.contains("对照表：本省改过的对照表"), "{yaml}");
}

#[test]
fn the_output_never_overwrites_a_file_a_link_or_an_input() {
    let dir = tempdir("import-out");
    let out = dir.join("unit.yaml");
    fs::write(&out, "已填写的内容\n").unwrap();
    let (code, _, err) = outcome(
        juesuan()
            .arg("import")
            .arg(fixture("dehui-2023.xls"))
            .arg("-o")
            .arg(&out),
    );
    assert_eq!(code, 2);
    assert!(err.contains("文件已存在，未覆盖"), "{err}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "已填写的内容\n");
    let (code, _, err) = outcome(
        juesuan()
            .arg("import")
            .arg(fixture("dehui-2023.xls"))
            .arg("-o")
            .arg(&out)
            .arg("--force"),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .contains("德惠市医疗保险经办中心")
    );
    #[cfg(unix)]
    {
        let target = dir.join("target.txt");
        fs::write(&target, "keep").unwrap();
        let link = dir.join("link.yaml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let (code, _, err) = outcome(
            juesuan()
                .arg("import")
                .arg(fixture("dehui-2023.xls"))
                .arg("-o")
                .arg(&link)
                .arg("--force"),
        );
        assert_eq!(code, 2);
        assert!(err.contains("符号链接"), "{err}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
    }
    let input = dir.join("export.xls");
    fs::copy(fixture("dehui-2023.xls"), &input).unwrap();
    let before = fs::read(&input).unwrap();
    let (code, _, err) = outcome(
        juesuan()
            .arg("import")
            .arg(&input)
            .arg("-o")
            .arg(&input)
            .arg("--force"),
    );
    assert_eq!(code, 2);
    assert!(err.contains("输出文件就是输入文件"), "{err}");
    assert_eq!(fs::read(&input).unwrap(), before);
    let names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        names.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")),
        "{names:?}"
    );
}

#[test]
fn hostile_names_cannot_break_out_of_the_yaml() {
    // A unit name with a quote, a newline and a YAML comment sign stays one string, on one line.
    let sheets = vec![juesuan::import::workbook::Sheet::new(
        "Z01 收入支出决算总表".into(),
        [(
            juesuan::import::cell::Pos { row: 0, col: 0 },
            juesuan::import::cell::Value::Text("编制单位：某局\"\n# x: 1".into()),
        )]
        .into_iter()
        .collect(),
        Vec::new(),
    )];
    let mapping =
        juesuan::import::mapping::parse("format: 1\nname: t\namount_unit: 元\nsheets: []\n").unwrap();
    let mut x = juesuan::import::extract::extract(&sheets, &mapping).unwrap();
    x.unit_name = Some(("某局\"\n# x: 1".into(), "Z01!A1\nfoo: 2".into()));
    let header = juesuan::import::writer::Header {
        source: "a\nb.xls",
        mapping: "m",
        previous_source: None,
    };
    let yaml = juesuan::import::writer::write(&x, None, &header, &Default::default());
    let unit = load::load_str("t.yaml", &yaml)
        .unwrap_or_else(|e| panic!("{e}\n{yaml}"))
        .unit;
    // The name is a single-line field: the cell's line break becomes a space.
    assert_eq!(unit.unit.name, "某局\" # x: 1");
}

mod mutations {
    //! Damaged workbooks (bytes flipped, cut, or cells garbled) never panic the importer: they are
    //! read, or refused with a message. In process, through the same functions the fuzz target
    //! (`fuzz/fuzz_targets/import.rs`) drives.
    use super::fixture;
    use juesuan::import::{self, mapping};
    use proptest::prelude::*;

    fn try_import(bytes: &[u8]) {
        let Ok(sheets) = import::read_workbook_bytes(bytes) else {
            return;
        };
        let mapping = mapping::parse(mapping::BUILTIN_EXPORT).unwrap();
        let Ok(figures) = import::extract::extract(&sheets, &mapping) else {
            return;
        };
        let header = import::writer::Header {
            source: "m.xls",
            mapping: "m",
            previous_source: None,
        };
        if let Ok((yaml, _)) = import::unit_file(&figures, None, &header, &mut Vec::new()) {
            juesuan::load::load_str("m.yaml", &yaml).expect("an imported unit file always loads");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn flipped_bytes_never_panic(xlsx in any::<bool>(), flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
            let name = if xlsx { "dehui-2023.xlsx" } else { "dehui-2023.xls" };
            let mut bytes = std::fs::read(fixture(name)).unwrap();
            for (at, b) in flips {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            try_import(&bytes);
        }

        #[test]
        fn cut_files_never_panic(xlsx in any::<bool>(), keep in any::<prop::sample::Index>()) {
            let name = if xlsx { "dehui-2023.xlsx" } else { "dehui-2023.xls" };
            let bytes = std::fs::read(fixture(name)).unwrap();
            try_import(&bytes[..keep.index(bytes.len())]);
        }
    }
}

/// The `previous` block `import` makes of the dehui 2023 export with `workbook` as last year.
fn previous_from(workbook: &std::path::Path) -> juesuan::input::PreviousYear {
    let (code, out, err) = outcome(
        juesuan()
            .arg("import")
            .arg(fixture("dehui-2023.xls"))
            .arg("--previous")
            .arg(workbook),
    );
    assert_eq!(code, 0, "{}: {err}", workbook.display());
    let imported = load::load_str("imported.yaml", &out).unwrap().unit;
    imported.previous.expect("previous")
}

/// The round trip of issue 17: the workbook juesuan writes (`--format xlsx`) is last year's
/// publication; `import --previous` reads it back into `previous` with the same figures.
#[test]
fn juesuans_own_workbook_imports_as_last_year() {
    let d = crate::common::tempdir("import-round-trip");
    // Last year's report: the dehui example as 2022 (its own previous-year block dropped).
    let text = example_as_of("dehui-2023", 2023, 2022);
    let workbook = render_xlsx(&d, "dehui-2022", &text);
    let prev = previous_from(&workbook);
    let rows = prev.expenditure.expect("previous expenditure");
    let written = load::load_str("dehui-2022.yaml", &text).unwrap().unit;
    // Every 项 of last year's 05表 comes back, in 元 (the workbook is in 万元, 2 decimals).
    let to_yuan = |d: Decimal| d * Decimal::from(10_000);
    let mut compared = 0;
    for r in written
        .expenditure
        .iter()
        .filter(|r| !r.general.personnel.unwrap_or_default().0.is_zero())
    {
        let back = rows
            .iter()
            .find(|b| b.code == r.code)
            .unwrap_or_else(|| panic!("{} missing from the imported previous", r.code));
        assert_eq!(
            back.general.personnel.unwrap_or_default().0,
            to_yuan(r.general.personnel.unwrap_or_default().0),
            "{}",
            r.code
        );
        assert_eq!(
            back.general.public.unwrap_or_default().0,
            to_yuan(r.general.public.unwrap_or_default().0),
            "{}",
            r.code
        );
        assert_eq!(back.general.project.0, to_yuan(r.general.project.0), "{}", r.code);
        compared += 1;
    }
    assert!(compared >= 3, "compared {compared} rows");
}

/// The 05表's 合计 column is headed 合计 in the central layout and 小计 in seeds 000/003/004
/// (`t05: 小计`, where it shares its name with 基本支出/小计): last year's workbook imports the same
/// either way, and the 合计 check still runs (a wrong 合计 is reported).
#[test]
fn a_published_05_total_headed_xiaoji_imports_like_heji() {
    let d = crate::common::tempdir("import-xiaoji");
    let text = example_as_of("dehui-2023", 2023, 2022);
    assert!(text.contains("{t05: 小计, t10: 不印}"), "dehui selects t05: 小计");
    let mut previous = Vec::new();
    for (name, yaml) in [
        ("xiaoji", text.to_string()),
        (
            "heji",
            text.replacen("{central: {t05: 小计, t10: 不印}}", "{central: {t10: 不印}}", 1),
        ),
    ] {
        let dir = d.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let prev = previous_from(&render_xlsx(&dir, "dehui-2022", &yaml));
        previous.push(format!("{:?}", prev.expenditure));
    }
    assert_eq!(previous[0], previous[1]);
}
