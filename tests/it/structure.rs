//! The structure of every rendered example: all parts, all tables, all sections, a 目录 that lists
//! them, valid GFM tables (every row as wide as its header), and HTML tables with the official
//! multi-level headers.

use crate::common::{HEAD, html, markdown, render_example, root};
use juesuan::render::Format;

const PARTS: [&str; 4] = [
    "## 第一部分",
    "## 第二部分",
    "## 第三部分",
    "## 第四部分 名词解释",
];
const TABLES: [&str; 9] = [
    "公开01表",
    "公开02表",
    "公开03表",
    "公开04表",
    "公开05表",
    "公开06表",
    "公开07表",
    "公开08表",
    "公开09表",
];
const SECTIONS: [&str; 14] = [
    "### 一、收入支出决算总体情况说明",
    "### 二、收入决算情况说明",
    "### 三、支出决算情况说明",
    "### 四、财政拨款收入支出决算总体情况说明",
    "### 五、一般公共预算财政拨款支出决算情况说明",
    "### 六、一般公共预算财政拨款基本支出决算情况说明",
    "### 七、政府性基金预算财政拨款收入支出决算情况说明",
    "### 八、国有资本经营预算财政拨款支出决算情况说明",
    "### 九、财政拨款“三公”经费支出决算情况说明",
    "### 十、机关运行经费支出情况说明",
    "### 十一、政府采购支出情况说明",
    "### 十二、国有资产占用情况说明",
    "### 十三、预算绩效管理情况说明",
    "### 十四、其他需要说明的事项",
];

/// The example rendered now (not the committed golden file, which could be stale).
fn expected(name: &str, ext: &str) -> String {
    render_example(
        name,
        if ext == "md" {
            Format::Markdown
        } else {
            Format::Html
        },
    )
}

const EXAMPLES: [&str; 6] = [
    "dehui-2023",
    "wuerhe-2023",
    "anyi-2023",
    "beilin-2023",
    "longjing-2024",
    "minimal",
];

#[test]
fn every_example_has_every_part_table_and_section() {
    for name in EXAMPLES {
        let md = expected(name, "md");
        // An example whose template has its own sections (`settings.sections`) is compared
        // with its seed's headings in tests/it/seeds.rs; the others print the central ones.
        let own_sections = std::fs::read_to_string(root().join(format!("examples/{name}.yaml")))
            .unwrap()
            .contains("\n  sections: {central:");
        let sections: &[&str] = if own_sections { &[] } else { &SECTIONS };
        for p in PARTS.iter().chain(TABLES.iter()).chain(sections.iter()) {
            assert!(md.contains(p), "{name}: missing {p}");
        }
        for t in TABLES {
            let at = md.find(t).unwrap();
            assert!(md[at..].contains("注：本表反映"), "{name}: {t} has no note");
        }
        let toc = md.split("## 第一部分").next().unwrap();
        let three = &md[md.find("## 第三部分").unwrap()..md.find("## 第四部分").unwrap()];
        for h in three.lines().filter_map(|l| l.strip_prefix("### ")) {
            assert!(toc.contains(h), "{name}: 目录 lacks {h}");
        }
        for s in sections {
            assert!(
                toc.contains(s.trim_start_matches("### ")),
                "{name}: 目录 lacks {s}"
            );
        }
    }
}

#[test]
fn asset_table_and_appendix_appear_when_there_is_data() {
    let with_assets = expected("anyi-2023", "md");
    assert!(with_assets.contains("公开10表"));
    assert!(
        !expected("minimal", "md").contains("公开10表"),
        "no asset data, no table 10"
    );
    let appendix = expected("beilin-2023", "md");
    assert!(appendix.contains("## 附件 绩效自评表"));
    assert!(appendix.contains("部门整体支出绩效自评表") && appendix.contains("项目支出绩效自评表"));
}

/// Every GFM table row has as many cells as its header (pulldown-cmark silently drops extra cells).
#[test]
fn markdown_tables_are_well_formed() {
    fn cells(line: &str) -> usize {
        let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
        inner.split('|').count()
    }
    for name in EXAMPLES {
        let md = expected(name, "md");
        let mut header: Option<usize> = None;
        for (i, line) in md.lines().enumerate() {
            if !line.starts_with('|') {
                header = None;
                continue;
            }
            match header {
                None => header = Some(cells(line)),
                Some(n) => assert_eq!(cells(line), n, "{name}.md line {}: {line}", i + 1),
            }
        }
    }
}

#[test]
fn html_is_standalone_with_official_headers() {
    for name in EXAMPLES {
        let h = expected(name, "html");
        assert!(h.starts_with("<!DOCTYPE html>"));
        assert!(h.contains("<style>"), "inline CSS");
        assert!(
            !h.contains("<link") && !h.contains("<script") && !h.contains("src=\"http"),
            "{name}: external asset"
        );
        assert!(
            h.matches("<table class=\"report").count() >= 9,
            "{name}: all tables are HTML tables"
        );
        // The default central headers; an example that selects another layout of the table
        // (settings.tables) prints its seed's header instead.
        let yaml = std::fs::read_to_string(crate::common::root().join(format!("examples/{name}.yaml")))
            .unwrap_or_default();
        let default = |key: &str| !yaml.contains(&format!("{key}: "));
        assert!(
            !default("t05") || h.contains("<th colspan=\"3\">基本支出</th>"),
            "05 has the 基本支出 group header"
        );
        assert!(
            !default("t02") || h.contains("<th rowspan=\"2\">本年收入合计</th>"),
            "02 header spans two rows"
        );
        assert!(
            !h.contains("&lt;table") && !h.contains("&lt;tr"),
            "{name}: a table leaked as text"
        );
        assert!(
            h.contains("Content-Security-Policy") && h.contains("default-src 'none'"),
            "{name}: the page forbids loading anything"
        );
    }
}

#[test]
fn glossary_lists_items_with_figures_and_takes_overrides() {
    let y = format!(
        "{HEAD}income:\n  - {{code: 2210201, general: 5.00}}\nexpenditure:\n  - {{code: 2210201, general: {{personnel: 5.00}}}}\nglossary:\n  - {{term: 事业收入, definition: 本单位无事业收入。}}\n  - {{term: 医保经办, definition: 指医疗保障经办服务。}}\n"
    );
    let md = markdown(&y);
    let g = md.split("## 第四部分 名词解释").nth(1).unwrap();
    assert!(
        g.contains("住房保障支出（类）住房改革支出（款）住房公积金（项）：反映"),
        "{g}"
    );
    assert!(
        g.contains("事业收入：本单位无事业收入。"),
        "override replaces the standard entry: {g}"
    );
    assert!(!g.contains("事业收入：指事业单位"), "{g}");
    assert!(g.contains("医保经办：指医疗保障经办服务。"), "{g}");
    assert!(!g.contains("行政运行（项）"), "only 项 with figures: {g}");
}

#[test]
fn compact_setting_prints_only_nonempty_classes() {
    let y = format!(
        "{HEAD}income:\n  - {{code: 2210201, general: 5.00}}\nexpenditure:\n  - {{code: 2210201, general: {{personnel: 5.00}}}}\n"
    );
    let full = markdown(&y);
    assert!(full.contains("二十六、抗疫特别国债安排的支出"));
    let compact = markdown(&(y.clone() + "settings: {compact_category_rows: true}\n"));
    assert!(!compact.contains("外交支出"), "compact lists only non-empty 类");
    assert!(compact.contains("一、住房保障支出"), "{compact}");
    let h = html(HEAD);
    assert!(h.contains("<td class=\"line\">1</td>"), "行次 column");
    // A list: these 类 always (zero or not, in code order), the others only with figures.
    let listed = markdown(&(y.clone() + "settings: {compact_category_rows: [202, 201]}\n"));
    assert!(
        listed.contains("| 一、一般公共服务支出 |")
            && listed.contains("| 二、外交支出 |")
            && listed.contains("三、住房保障支出")
            && !listed.contains("国防支出"),
        "{listed}"
    );
    for (bad, want) in [
        ("[201, 999]", "“999”不是标准的“类”编码"),
        ("[2010101]", "不是标准的“类”编码"),
        ("全部", "true、false 或“类”编码"),
        ("201", "true、false 或“类”编码"),
        ("{a: 1}", "true、false 或“类”编码"),
    ] {
        let text = format!("{y}settings:\n  compact_category_rows: {bad}\n");
        let e = juesuan::load::load_str("u.yaml", &text)
            .expect_err(bad)
            .to_string();
        assert!(
            e.contains(want) && e.contains("第10行") && e.contains("compact_category_rows:"),
            "{bad}: {e}"
        );
    }
}
