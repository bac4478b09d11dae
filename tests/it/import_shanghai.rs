//! `juesuan import --previous` with last year's tables in the Shanghai layout (nine tables, 07表
//! 三公, 08表 政府性基金, 09表 国有资本经营 收入支出, no 行次/栏次): juesuan's own xlsx of a Shanghai
//! unit comes back as the same figures, the central layout is still told apart, and a damaged
//! workbook is named by sheet and cell.

use crate::common::{example_as_of, juesuan, outcome, render_xlsx, root, tempdir};
use juesuan::input::UnitFile;
use juesuan::load;
use juesuan::money::Amount;
use rust_decimal::{Decimal, RoundingStrategy};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn export_2023() -> PathBuf {
    root().join("tests/fixtures/import/dehui-2023.xls")
}

/// The putuo example as a 2022 unit (its own previous and published blocks dropped), with one
/// 政府性基金 and one 国有资本经营 项 added so that the 08 and 09表 carry figures.
fn putuo_2022() -> String {
    let mut text = example_as_of("putuo-caizhengju-2024", 2024, 2022);
    for (list, row) in [
        (
            "\nincome:\n",
            "  - code: 2296013\n    fund: 123456\n  - code: 2230199\n    name: 其他国有资本经营预算支出\n    state_capital: 78901\n",
        ),
        (
            "\nexpenditure:\n",
            "  - code: 2296013\n    fund: {project: 123456}\n  - code: 2230199\n    name: 其他国有资本经营预算支出\n    state_capital: {basic: 8901, project: 70000}\n",
        ),
    ] {
        assert!(text.contains(list), "{list}");
        text = text.replacen(list, &format!("{list}{row}"), 1);
    }
    text.push_str("\ncode_names:\n  - {code: 22301, name: 解决历史遗留问题及改革成本支出}\n");
    text
}

fn import_with_previous(previous: &Path) -> (i32, String, String) {
    outcome(
        juesuan()
            .arg("import")
            .arg(export_2023())
            .arg("--previous")
            .arg(previous),
    )
}

/// What a 万元 table with two decimals shows of an amount in 元, back in 元 (四舍五入).
fn as_published(a: Amount) -> Decimal {
    let wan = a.0 / Decimal::from(10_000);
    wan.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero) * Decimal::from(10_000)
}

fn opt(a: Option<Amount>) -> Decimal {
    a.unwrap_or_default().0
}

#[test]
fn a_shanghai_units_own_workbook_imports_as_last_year() {
    let d = tempdir("import-shanghai-round-trip");
    let text = putuo_2022();
    let xlsx = render_xlsx(&d, "putuo-2022", &text);
    let (code, out, err) = import_with_previous(&xlsx);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("上年数据按公开表（已公开的部门决算表（上海格式"),
        "{err}"
    );
    // The year is read from the 表目录's title, so a wrong year would be refused.
    assert!(!err.contains("没有年度"), "{err}");
    let written: UnitFile = load::load_str("putuo-2022.yaml", &text).unwrap().unit;
    let imported = load::load_str("imported.yaml", &out).unwrap().unit;
    let prev = imported.previous.expect("previous");

    // 收入 by 项 and source (02表, with 08/09表's 本年收入 taken out of 财政拨款收入).
    let income = prev.income.expect("previous income");
    let mut compared = 0;
    for r in &written.income {
        let back = income
            .iter()
            .find(|b| b.code == r.code)
            .unwrap_or_else(|| panic!("income {} missing", r.code));
        for (what, w, b) in [
            ("general", r.general, back.general),
            ("fund", r.fund, back.fund),
            ("state_capital", r.state_capital, back.state_capital),
            ("superior", r.superior, back.superior),
            ("business", r.business, back.business),
            ("operating", r.operating, back.operating),
            ("affiliated", r.affiliated, back.affiliated),
            ("other", r.other, back.other),
        ] {
            assert_eq!(b.0, as_published(w), "income {} {what}", r.code);
        }
        compared += 1;
    }
    assert_eq!(compared, income.len(), "no 项 invented");
    assert!(compared >= 10, "compared {compared}");

    // 支出 by 项: 05表 gives 基本支出 and 项目支出 only: general.basic, never a split.
    let rows = prev.expenditure.expect("previous expenditure");
    let mut compared = 0;
    for r in &written.expenditure {
        let back = rows
            .iter()
            .find(|b| b.code == r.code)
            .unwrap_or_else(|| panic!("expenditure {} missing", r.code));
        let basic = r.general.resolve().basic;
        assert_eq!(opt(back.general.basic), as_published(basic), "{} basic", r.code);
        assert_eq!(
            back.general.personnel, None,
            "{}: 人员经费 is not published per 项",
            r.code
        );
        assert_eq!(
            back.general.public, None,
            "{}: 公用经费 is not published per 项",
            r.code
        );
        for (what, w, b) in [
            ("general.project", r.general.project, back.general.project),
            ("fund.basic", r.fund.basic, back.fund.basic),
            ("fund.project", r.fund.project, back.fund.project),
            (
                "state_capital.basic",
                r.state_capital.basic,
                back.state_capital.basic,
            ),
            (
                "state_capital.project",
                r.state_capital.project,
                back.state_capital.project,
            ),
            ("other.basic", r.other.basic, back.other.basic),
            ("other.project", r.other.project, back.other.project),
        ] {
            assert_eq!(b.0, as_published(w), "expenditure {} {what}", r.code);
        }
        compared += 1;
    }
    assert_eq!(compared, rows.len(), "no 项 invented");
    let fund = rows.iter().find(|r| r.code.0 == "2296013").unwrap();
    assert_eq!(fund.fund.project.0, Decimal::from(123_500));
    let sc = rows.iter().find(|r| r.code.0 == "2230199").unwrap();
    assert_eq!(
        (sc.state_capital.basic.0, sc.state_capital.project.0),
        (Decimal::from(8_900), Decimal::from(70_000))
    );

    // 结转结余 (01/04表).
    let (wb, bb) = (
        &written.balances,
        prev.balances.as_ref().expect("previous balances"),
    );
    for (what, w, b) in [
        ("opening.general", wb.opening.general, bb.opening.general),
        (
            "opening.state_capital",
            wb.opening.state_capital,
            bb.opening.state_capital,
        ),
        ("opening.other", wb.opening.other, bb.opening.other),
        ("closing.general", wb.closing.general, bb.closing.general),
        (
            "closing.state_capital",
            wb.closing.state_capital,
            bb.closing.state_capital,
        ),
        ("closing.other", wb.closing.other, bb.closing.other),
        (
            "non_fiscal_surplus_used",
            wb.non_fiscal_surplus_used,
            bb.non_fiscal_surplus_used,
        ),
        (
            "surplus_distribution",
            wb.surplus_distribution,
            bb.surplus_distribution,
        ),
    ] {
        assert_eq!(b.0, as_published(w), "balances.{what}");
    }
    assert!(!bb.opening.general.0.is_zero() && !bb.closing.other.0.is_zero());

    // 三公 (07表): the 决算数 columns, not the 预算数 ones (公务接待费 预算数 0.95, 决算数 0).
    let ws = &written.sangong;
    let s = prev.sangong.expect("previous sangong");
    assert!(!ws.reception.budget_initial.unwrap_or_default().0.is_zero());
    for (what, w, b) in [
        ("abroad", &ws.abroad, &s.abroad),
        ("vehicle_purchase", &ws.vehicle_purchase, &s.vehicle_purchase),
        ("vehicle_running", &ws.vehicle_running, &s.vehicle_running),
        ("reception", &ws.reception, &s.reception),
    ] {
        assert_eq!(b.actual.0, as_published(w.actual), "sangong.{what}");
    }
    assert!(
        s.meeting.is_none() && s.training.is_none(),
        "会议费、培训费 are not in the tables"
    );
    assert_eq!(prev.operating_costs, None, "机关运行经费 is not in the tables");

    // 人员经费合计 / 公用经费合计 (06表) as stated totals; the 06表 prints them from the 经济分类.
    let published = |codes: &[&str]| -> Decimal {
        as_published(Amount(
            written
                .basic_by_economic
                .iter()
                .filter(|e| codes.iter().any(|c| e.code.0.starts_with(c)))
                .map(|e| e.amount.0)
                .sum(),
        ))
    };
    assert_eq!(opt(prev.totals.personnel), published(&["301", "303"]));
    assert_eq!(
        opt(prev.totals.public),
        published(&["302", "307", "309", "310", "399"])
    );
    assert!(out.contains("basic: 15035200   # 公开05表!F9"), "{out}");
}

#[test]
fn the_layout_of_last_years_tables_is_told_apart() {
    let d = tempdir("import-shanghai-detect");
    // A central unit's workbook still reads with the central mapping (人员经费 per 项).
    let central = render_xlsx(&d, "dehui-2022", &example_as_of("dehui-2023", 2023, 2022));
    let (code, out, err) = import_with_previous(&central);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("上年数据按公开表（已公开的部门决算表（中央格式"),
        "{err}"
    );
    let prev = load::load_str("imported.yaml", &out)
        .unwrap()
        .unit
        .previous
        .unwrap();
    assert!(
        prev.expenditure
            .unwrap()
            .iter()
            .any(|r| r.general.personnel.is_some() && r.general.basic.is_none())
    );
    // A Shanghai workbook whose sheets were renamed to bare 表号 (no titles in the names) is
    // still told by the titles in its first rows.
    let shanghai = render_xlsx(&d, "putuo-2022", &putuo_2022());
    let renamed = d.join("renamed.xlsx");
    rewrite_xlsx(&shanghai, &renamed, |name, xml| {
        if name == "xl/workbook.xml" {
            let mut out = xml.to_string();
            for (n, title) in [
                ("07", "财政拨款“三公”经费支出决算表"),
                ("08", "政府性基金预算财政拨款收入支出决算表"),
                ("09", "国有资本经营预算财政拨款收入支出决算表"),
            ] {
                out = out.replace(&format!("公开{n}表 {title}"), &format!("公开{n}表"));
            }
            assert_ne!(out, xml, "the sheet names were found");
            out
        } else {
            xml.to_string()
        }
    });
    let (code, _, err) = import_with_previous(&renamed);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("上海格式"), "{err}");
    // Without 07–09表 (sheets renamed beyond recognition) the titles of 01–05表 fit both layouts:
    // the central one is tried first, fails on the 05表 (no 人员经费 column), and the Shanghai one
    // reads the workbook; the note says so.
    let hide_07_to_09 = |name: &str, xml: &str| {
        if name == "xl/workbook.xml" {
            xml.replace("公开07表 财政拨款“三公”经费支出决算表", "附表一")
                .replace("公开08表 政府性基金预算财政拨款收入支出决算表", "附表二")
                .replace("公开09表 国有资本经营预算财政拨款收入支出决算表", "附表三")
        } else {
            xml.to_string()
        }
    };
    let plain = d.join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let plain = render_xlsx(
        &plain,
        "putuo-2022",
        &example_as_of("putuo-caizhengju-2024", 2024, 2022),
    );
    let bare = d.join("bare.xlsx");
    rewrite_xlsx(&plain, &bare, hide_07_to_09);
    let (code, out, err) = import_with_previous(&bare);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("表名不能区分中央格式与上海格式（各有 5 张相符），按中央格式读不通，按上海格式读取"),
        "{err}"
    );
    let prev = load::load_str("imported.yaml", &out)
        .unwrap()
        .unit
        .previous
        .unwrap();
    assert!(prev.sangong.is_none(), "no 三公 table, no 三公 figures");
    // The same with 政府性基金 and 国有资本经营 figures in the 04表: their tables are not there, so
    // reading them as zero would be wrong; the message says which layout it tried and what is missing.
    let bare = d.join("bare-with-funds.xlsx");
    rewrite_xlsx(&shanghai, &bare, hide_07_to_09);
    let (code, _, err) = import_with_previous(&bare);
    assert_eq!(code, 2, "{err}");
    for e in [
        "两种都读不通；以下是按“已公开的部门决算表（上海格式",
        "公开04表!G32 78,900.00元 ≠ （无） 0.00元，相差 78,900.00元（工作簿中没有公开09表）",
        "（工作簿中没有公开08表）",
    ] {
        assert!(err.contains(e), "{e:?} not in {err}");
    }
}

/// Copies an xlsx, passing every XML part through `edit`.
fn rewrite_xlsx(from: &Path, to: &Path, edit: impl Fn(&str, &str) -> String) {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name.ends_with(".xml") {
            bytes = edit(&name, std::str::from_utf8(&bytes).unwrap()).into_bytes();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(&bytes).unwrap();
    }
    zout.finish().unwrap();
}

/// The worksheet part of the sheet named `公开05表 …` (rust_xlsxwriter writes sheetN in order; the
/// 表目录 is sheet1).
const SHEET_05: &str = "xl/worksheets/sheet6.xml";

#[test]
fn a_damaged_shanghai_workbook_is_named_by_sheet_and_cell() {
    let d = tempdir("import-shanghai-damaged");
    let xlsx = render_xlsx(&d, "putuo-2022", &putuo_2022());
    let sheet_05 = "表“公开05表 一般公共预算财政拨款支出决算表”";
    // (case, cell of the 05表, the cell's new XML, what the message must name)
    let cases: [(&str, &str, &str, Vec<&str>); 3] = [
        // A figure typed as text.
        (
            "text",
            "F9",
            r#"<c r="F9" t="inlineStr"><is><t>一千五百</t></is></c>"#,
            vec![sheet_05, "F9", "应为金额（单位：万元）"],
        ),
        // A figure changed: 款 20106 no longer equals the sum of its 项.
        (
            "changed",
            "F9",
            r#"<c r="F9"><v>1603.52</v></c>"#,
            vec!["核对未通过", sheet_05, "20106", "基本支出"],
        ),
        // A header renamed: the 基本支出 column cannot be found.
        (
            "header",
            "F4",
            r#"<c r="F4" t="inlineStr"><is><t>基本经费</t></is></c>"#,
            vec!["找不到表头“基本支出”的列", sheet_05, "表头有：", "基本经费"],
        ),
    ];
    for (name, cell, new_cell, expect) in cases {
        let damaged = d.join(format!("{name}.xlsx"));
        rewrite_xlsx(&xlsx, &damaged, |part, xml| {
            if part != SHEET_05 {
                return xml.to_string();
            }
            let at = xml
                .find(&format!("<c r=\"{cell}\""))
                .unwrap_or_else(|| panic!("{name}: no cell {cell} in {part}"));
            let end = at + xml[at..].find("</c>").expect("the cell ends") + "</c>".len();
            format!("{}{new_cell}{}", &xml[..at], &xml[end..])
        });
        let (code, out, err) = import_with_previous(&damaged);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(out.is_empty(), "{name}");
        assert!(err.contains(&format!("{name}.xlsx")), "{name}: {err}");
        for e in expect {
            assert!(err.contains(e), "{name}: {e:?} not in {err}");
        }
        assert!(err.contains("未生成单位数据文件"), "{name}: {err}");
        let lines: Vec<&str> = err.lines().collect();
        let mut unique = lines.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), lines.len(), "{name}: a message repeated: {err}");
    }
}

#[test]
fn every_builtin_mapping_can_be_printed_and_the_bare_option_prints_the_export_one() {
    let print = |args: &[&str]| {
        let (code, out, err) = outcome(juesuan().arg("import").arg("--print-mapping").args(args));
        assert_eq!(code, 0, "{err}");
        out
    };
    let data = |name: &str| std::fs::read_to_string(root().join("data/import").join(name)).unwrap();
    assert_eq!(print(&[]), data("mapping-2024.yaml"));
    assert_eq!(print(&["export"]), data("mapping-2024.yaml"));
    assert_eq!(print(&["published-central"]), data("published-central.yaml"));
    assert_eq!(print(&["published-shanghai"]), data("published-shanghai.yaml"));
    let (code, _, err) = outcome(juesuan().args(["import", "--print-mapping", "published-beijing"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("published-shanghai"), "{err}");
}
