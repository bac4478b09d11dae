//! The 三公 table as a row per item and per count (`rows = "items"` with `[[lines]]`, the Jiangxi
//! 09表 of seed 002), the 公务接待费 split it prints (`sangong.reception_domestic` /
//! `reception_overseas`, 国（境）外 counts) and their audits: a printed figure the unit did not give
//! is asked for (`table.missing`), an unknown count prints empty, never 0.

use crate::common::{HEAD, errors, root, run, tempdir};
use juesuan::audit::Finding;
use juesuan::document::layout::{self, Offer};
use juesuan::document::tables::{item_lines, source_keys};
use juesuan::document::{Document, NOT_APPLICABLE, RowKind, Table};
use juesuan::render::{Format, Renderer};
use std::fs;

/// A unit with 三公 spending (万元) and the Jiangxi 09表; `sangong` is the rest of its `sangong:`.
fn unit(sangong: &str) -> String {
    format!(
        "{HEAD}settings:\n  tables: {{central: {{t09: 江西}}}}\n\
         income:\n  - {{code: 2101101, general: 100.00}}\n\
         expenditure:\n  - code: 2101101\n    general: {{personnel: 90.00, public: 10.00}}\n\
         basic_by_economic:\n  - {{code: 30101, amount: 90.00}}\n  - {{code: 30201, amount: 10.00}}\n\
         sangong:\n  abroad: {{budget_initial: 0, actual: 0}}\n  \
         vehicle_purchase: {{budget_initial: 0, actual: 0}}\n  \
         vehicle_running: {{budget_initial: 2.00, budget_full: 2.50, actual: 2.40}}\n  \
         reception: {{budget_initial: 1.00, actual: 0.80}}\n  foreign_amount: 0.10\n{sangong}"
    )
}

fn document(yaml: &str) -> (Document, Vec<Finding>) {
    let (ctx, f) = run(yaml);
    (Renderer::new(None).unwrap().document(&ctx, "central").unwrap(), f)
}

fn t09(doc: &Document) -> &Table {
    doc.tables().find(|t| t.key == "t09").expect("09表")
}

/// Row `label`'s cells after the label, as printed.
fn cells(t: &Table, label: &str) -> Vec<String> {
    let r = t
        .rows
        .iter()
        .find(|r| r.cells[0].value.display() == label)
        .unwrap_or_else(|| panic!("no row {label}"));
    r.cells[1..].iter().map(|c| c.value.display()).collect()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn each_item_and_count_is_a_row_with_its_line_number() {
    let (doc, f) = document(&unit(
        "  reception_overseas: 0.20\n  abroad_groups: 0\n  reception_batches: 3\n  overseas_batches: 1\n",
    ));
    assert!(errors(&f).is_empty(), "{f:#?}");
    let t = t09(&doc);
    let header: Vec<&str> = t.header[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(header, ["项目", "栏次", "年初预算数", "全年预算数", "决算数"]);
    assert_eq!(t.rows[0].kind, RowKind::ColumnNumbers);
    assert_eq!(t.rows.len(), 21);
    // Zeros blank (the Jiangxi form), 全年预算 defaults to the 年初预算.
    assert_eq!(cells(t, "一、“三公”经费支出"), s(&["1", "3.00", "3.50", "3.20"]));
    assert_eq!(cells(t, "1.因公出国（境）费"), s(&["2", "", "", ""]));
    assert_eq!(
        cells(t, "2.公务用车购置及运行维护费"),
        s(&["3", "2.00", "2.50", "2.40"])
    );
    assert_eq!(cells(t, "3.公务接待费"), s(&["6", "1.00", "1.00", "0.80"]));
    // The parts of 公务接待费 have only a 决算数: 国内 = 公务接待费 − 国（境）外.
    let na = NOT_APPLICABLE;
    assert_eq!(cells(t, "（1）国内接待费"), s(&["7", na, na, "0.60"]));
    assert_eq!(cells(t, "其中：外事接待费"), s(&["8", na, na, "0.10"]));
    assert_eq!(cells(t, "（2）国（境）外接待费"), s(&["9", na, na, "0.20"]));
    assert_eq!(cells(t, "二、相关统计数"), s(&["10", na, na, na]));
    // Counts: a known count prints (0 blank like a zero amount), an unknown one is empty.
    assert_eq!(cells(t, "5.国内公务接待批次（个）"), s(&["15", na, na, "3"]));
    assert_eq!(
        cells(t, "7.国（境）外公务接待批次（个）"),
        s(&["19", na, na, "1"])
    );
    assert_eq!(cells(t, "1.因公出国（境）团组数（个）"), s(&["11", na, na, ""]));
    assert_eq!(cells(t, "8.国（境）外公务接待人次（人）"), s(&["20", na, na, ""]));
    assert!(t.missing.is_empty(), "{:?}", t.missing);
    // The prose states the 国内 part and the 国（境）外 part with its count.
    let text = Renderer::new(None)
        .unwrap()
        .render(
            &run(&unit(
                "  reception_overseas: 0.20\n  reception_batches: 3\n  overseas_batches: 1\n",
            ))
            .0,
            "central",
            Format::Markdown,
        )
        .unwrap();
    assert!(
        text.contains("其中：国内公务接待支出0.60万元（含外事接待支出0.10万元），共接待3批次；国（境）外公务接待支出0.20万元，共接待1批次。"),
        "{text}"
    );
}

#[test]
fn a_printed_figure_the_unit_did_not_give_is_asked_for_with_the_table_row_and_path() {
    // No split of a 公务接待费 that is not 0, and no 年初预算 for 因公出国（境）费.
    let yaml = unit("").replace("abroad: {budget_initial: 0, actual: 0}", "abroad: {actual: 0}");
    let (doc, f) = document(&yaml);
    let missing: Vec<&Finding> = f.iter().filter(|f| f.rule == "table.missing").collect();
    assert_eq!(missing.len(), 2, "{f:#?}");
    let m = missing
        .iter()
        .find(|f| f.path == "sangong.reception_overseas")
        .unwrap();
    assert!(
        m.message.contains("公开09表 财政拨款“三公”经费支出决算表")
            && m.message.contains("（1）国内接待费")
            && m.message.contains("决算数"),
        "{}",
        m.message
    );
    // The line is the nearest given key's (sangong).
    assert_eq!(
        m.line,
        Some(yaml.lines().position(|l| l == "sangong:").unwrap() + 1)
    );
    let m = missing
        .iter()
        .find(|f| f.path == "sangong.abroad.budget_initial")
        .unwrap();
    assert!(
        m.message.contains("年初预算数") && m.message.contains("写 0"),
        "{}",
        m.message
    );
    // The cells are empty, never 0, and the table records them.
    let t = t09(&doc);
    assert_eq!(cells(t, "（1）国内接待费")[3], "");
    assert_eq!(t.missing.len(), 2);
    // The central 09表 (one row of columns) needs neither.
    let (_, f) = run(&yaml.replace("settings:\n  tables: {central: {t09: 江西}}\n", ""));
    assert!(!f.iter().any(|f| f.rule == "table.missing"), "{f:#?}");
    // A 公务接待费 of 0 needs no split (both parts are 0).
    let (_, f) = run(&yaml
        .replace("actual: 0.80", "actual: 0")
        .replace("foreign_amount: 0.10", "foreign_amount: 0"));
    assert!(
        !f.iter().any(|f| f.path == "sangong.reception_overseas"),
        "{f:#?}"
    );
}

#[test]
fn the_split_adds_up_to_the_reception_and_holds_the_foreign_part() {
    let rules = |extra: &str| -> Vec<(&'static str, String)> {
        run(&unit(extra))
            .1
            .into_iter()
            .filter(|f| f.rule.starts_with("sangong.") && f.severity == juesuan::audit::Severity::Error)
            .map(|f| (f.rule, f.path))
            .collect()
    };
    assert!(rules("  reception_domestic: 0.50\n  reception_overseas: 0.30\n").is_empty());
    assert_eq!(
        rules("  reception_domestic: 0.50\n  reception_overseas: 0.20\n"),
        [(
            "sangong.reception_split",
            "sangong.reception_domestic".to_string()
        )]
    );
    assert_eq!(
        rules("  reception_overseas: 0.90\n"),
        [(
            "sangong.reception_split",
            "sangong.reception_overseas".to_string()
        )]
    );
    // 外事 (0.10) within 国内 (0.80 − 0.75 = 0.05): refused.
    assert_eq!(
        rules("  reception_overseas: 0.75\n"),
        [("sangong.foreign", "sangong.foreign_amount".to_string())]
    );
    let (_, f) = run(&unit("  reception_domestic: 0.50\n  reception_overseas: 0.20\n"));
    let m = f.iter().find(|f| f.rule == "sangong.reception_split").unwrap();
    assert_eq!(
        (m.left, m.right),
        (Some("0.70".parse().unwrap()), Some("0.80".parse().unwrap()))
    );
}

#[test]
fn items_layout_keys_are_checked_with_file_and_line() {
    let keys = source_keys("t09").unwrap();
    let keys: Vec<(&str, _)> = keys.iter().map(|(k, c)| (k.as_str(), *c)).collect();
    let offer = |lines| Offer {
        keys: &keys,
        full_rows: false,
        side_rows: true,
        lines,
    };
    let head = "title = \"表\"\nempty = \"无\"\nempty_reason = \"无\"\n\
                [[columns]]\nkey = \"name\"\nheader = [\"项目\"]\n\
                [[columns]]\nkey = \"actual\"\nheader = [\"决算数\"]\n";
    // The keys go before the columns (a TOML key after [[columns]] belongs to the last column).
    let parse = |extra: &str, lines| {
        let (rows, rest) = extra
            .split_once("[[lines]]")
            .map_or((extra, String::new()), |(a, b)| (a, format!("[[lines]]{b}")));
        layout::parse("t09.toml", &format!("{rows}{head}{rest}"), offer(lines))
    };
    // An unknown key names its line and the keys there are.
    let e = parse(
        "rows = \"items\"\n[[lines]]\nname = \"合计\"\nkey = \"total\"\n[[lines]]\nname = \"x\"\nkey = \"recepton\"\n",
        item_lines("t09"),
    )
    .unwrap_err();
    assert_eq!(e.line, Some(16), "{e}");
    assert!(
        e.message.contains("recepton") && e.message.contains("reception_overseas"),
        "{e}"
    );
    for (extra, needle) in [
        ("rows = \"items\"\n", "[[lines]]"),
        ("[[lines]]\nname = \"合计\"\n", "rows = \"items\""),
        (
            "rows = \"items\"\n[[lines]]\nname = \"a\"\nkey = \"total\"\n[[lines]]\nname = \"b\"\nkey = \"total\"\n",
            "两次",
        ),
        (
            "rows = \"items\"\n[[lines]]\nname = \"a\"\nkey = \"total\"\nindent = 3\n",
            "indent",
        ),
    ] {
        let e = parse(extra, item_lines("t09")).unwrap_err();
        assert!(e.message.contains(needle) && e.line.is_some(), "{extra}: {e}");
    }
    // Only the 三公 table offers rows per item.
    assert!(item_lines("t05").is_empty());
    let e = parse(
        "rows = \"items\"\n[[lines]]\nname = \"合计\"\nkey = \"total\"\n",
        &[],
    )
    .unwrap_err();
    assert!(e.message.contains("三公"), "{e}");
    // A renamed, reordered row set is plain layout data.
    let l = parse(
        "rows = \"items\"\n[[lines]]\nname = \"公务接待费\"\nkey = \"reception\"\n[[lines]]\nname = \"统计数\"\n",
        item_lines("t09"),
    )
    .unwrap();
    assert!(matches!(&l.rows, layout::RowSet::Items(v) if v.len() == 2 && v[1].key.is_none()));
}

#[test]
fn every_item_line_has_its_figures() {
    // Every key a layout may name prints something for a unit that gives every figure: a count
    // row its count, an amount row its amount; none is left at the fallback.
    let counts = "  abroad_groups: 1\n  abroad_people: 2\n  vehicles_bought: 3\n  vehicles_held: 4\n  \
                  reception_batches: 6\n  foreign_batches: 5\n  reception_people: 8\n  foreign_people: 7\n  \
                  overseas_batches: 9\n  overseas_people: 10\n  meetings: 11\n  meeting_people: 12\n  \
                  trainings: 13\n  training_people: 14\n  reception_overseas: 0.20\n  \
                  meeting: {budget_initial: 1.00, actual: 0.50}\n  training: {budget_initial: 1.00, actual: 0.70}\n";
    let d = tempdir("items-all");
    let tpl = d.join("tpl/tables");
    fs::create_dir_all(&tpl).unwrap();
    let builtin = fs::read_to_string(root().join("templates/tables/t09.toml")).unwrap();
    let mut extra = String::new();
    for k in item_lines("t09") {
        extra.push_str(&format!(
            "\n[[variants.\"江西\".lines]]\nname = \"行{k}\"\nkey = \"{k}\"\n"
        ));
    }
    let cut = builtin.find("[[variants.\"江西\".lines]]").unwrap();
    fs::write(tpl.join("t09.toml"), format!("{}{extra}", &builtin[..cut])).unwrap();
    let yaml = unit(counts)
        .replace(
            "abroad: {budget_initial: 0, actual: 0}",
            "abroad: {budget_initial: 1.00, actual: 0.90}",
        )
        .replace(
            "vehicle_purchase: {budget_initial: 0, actual: 0}",
            "vehicle_purchase: {budget_initial: 9.00, actual: 8.00}",
        );
    let (ctx, f) = run(&yaml);
    assert!(errors(&f).is_empty(), "{f:#?}");
    let doc = Renderer::new(Some(&d.join("tpl")))
        .unwrap()
        .document(&ctx, "central")
        .unwrap();
    let t = t09(&doc);
    for (i, k) in item_lines("t09").iter().enumerate() {
        let actual = cells(t, &format!("行{k}"))[3].clone();
        assert!(!actual.is_empty(), "{k}: 决算数 empty");
        if i >= 11 {
            // The counts given above: 1, 2, … in the order of the keys, the 外事 ones swapped with
            // their whole (a part is never more than its whole).
            let n = match i - 10 {
                5 => 6,
                6 => 5,
                7 => 8,
                8 => 7,
                n => n,
            };
            assert_eq!(actual, n.to_string(), "{k}");
        }
    }
    assert!(t.missing.is_empty(), "{:?}", t.missing);
}
