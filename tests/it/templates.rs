//! Overrides as IT staff make them: a table layout and a prose template each change the output;
//! a broken layout, a layout naming an unknown column and an override file whose name matches no
//! built-in template are clear errors (exit 2) naming the file; a new profile can bring its own
//! layouts; a component call with an unknown or missing argument is an error when the templates
//! load, and an overridden component changes every call.

use crate::common::{root, tempdir};
use assert_cmd::Command;
use std::fs;
use std::path::Path;

fn render(tpl: &Path, out: &Path, extra: &[&str]) -> (i32, String) {
    let o = Command::cargo_bin("juesuan")
        .unwrap()
        .current_dir(root())
        .args([
            "render",
            "examples/wuerhe-2023.yaml",
            "--format",
            "md",
            "--templates",
        ])
        .arg(tpl)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn builtin(name: &str) -> String {
    fs::read_to_string(root().join("templates").join(name)).unwrap()
}

#[test]
fn a_layout_override_changes_the_table() {
    let d = tempdir("layout-override");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("tables")).unwrap();
    // Drop the 项目支出 column, rename a header and print zeros blank.
    let t05 = builtin("tables/t05.toml")
        .replace(
            "title = \"一般公共预算财政拨款支出决算表\"",
            "title = \"一般公共预算财政拨款支出表（调整）\"\nzero = \"blank\"",
        )
        .replace("label = \"基本支出小计\"", "label = \"基本支出合计\"");
    let cut = t05.find("[[columns]]\nkey = \"project\"").unwrap();
    fs::write(tpl.join("tables/t05.toml"), &t05[..cut]).unwrap();
    let (code, err) = render(&tpl, &d.join("out"), &[]);
    assert_eq!(code, 0, "{err}");
    let md = fs::read_to_string(d.join("out/wuerhe-2023.md")).unwrap();
    let at = md
        .find("### 五、一般公共预算财政拨款支出表（调整）")
        .expect("new title");
    let table = &md[at..at + md[at..].find("注：").unwrap()];
    assert!(table.contains("| 基本支出合计 |"), "{table}");
    assert!(!table.contains("项目支出"), "column removed: {table}");
    assert!(
        md.contains("公开05表 一般公共预算财政拨款支出表（调整）"),
        "表目录 follows the layout"
    );
}

#[test]
fn a_prose_override_changes_the_text() {
    let d = tempdir("prose-override");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("sections")).unwrap();
    fs::write(
        tpl.join("sections/income.md"),
        "本{{ unit.kind }}收入合计{{ text.income.total | wan }}万元（自定义模板）。\n",
    )
    .unwrap();
    let (code, err) = render(&tpl, &d.join("out"), &[]);
    assert_eq!(code, 0, "{err}");
    let md = fs::read_to_string(d.join("out/wuerhe-2023.md")).unwrap();
    assert!(md.contains("本部门收入合计46.26万元（自定义模板）。"), "{md}");
}

#[test]
fn a_layout_with_an_unknown_column_names_file_and_line() {
    let d = tempdir("layout-unknown");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("tables")).unwrap();
    let t05 = builtin("tables/t05.toml").replace("key = \"personnel\"", "key = \"personel\"");
    let line = t05.lines().position(|l| l.contains("personel")).unwrap() + 1;
    fs::write(tpl.join("tables/t05.toml"), t05).unwrap();
    let (code, err) = render(&tpl, &d.join("out"), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&format!("t05.toml:{line}")), "{err}");
    assert!(err.contains("personel") && err.contains("personnel"), "{err}");
    assert!(
        !d.join("out/wuerhe-2023.md").exists(),
        "nothing rendered with a broken layout"
    );
}

#[test]
fn a_malformed_layout_names_file_and_line() {
    let d = tempdir("layout-malformed");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("tables")).unwrap();
    fs::write(tpl.join("tables/t02.toml"), "title = \"收入决算表\"\nwide = 是\n").unwrap();
    let (code, err) = render(&tpl, &d.join("out"), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("t02.toml:2"), "{err}");
}

#[test]
fn an_override_matching_no_template_is_an_error() {
    let d = tempdir("override-misnamed");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("sections")).unwrap();
    fs::write(tpl.join("sections/othr.md"), "本单位无其他需要说明的事项。\n").unwrap();
    let (code, err) = render(&tpl, &d.join("out"), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("othr.md"), "{err}");
    assert!(err.contains("sections/other.md"), "suggests the near name: {err}");
}

#[test]
fn a_new_profile_brings_its_own_layout() {
    let d = tempdir("new-profile");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("profiles/beijing/tables")).unwrap();
    fs::write(tpl.join("profiles/beijing.md"), builtin("profiles/central.md")).unwrap();
    let t08 = builtin("tables/t08.toml").replace(
        "title = \"国有资本经营预算财政拨款支出决算表\"",
        "title = \"北京市国有资本经营预算财政拨款支出决算表\"",
    );
    fs::write(tpl.join("profiles/beijing/tables/t08.toml"), t08).unwrap();
    let (code, err) = render(&tpl, &d.join("out"), &["--profile", "beijing"]);
    assert_eq!(code, 0, "{err}");
    let md = fs::read_to_string(d.join("out/wuerhe-2023.md")).unwrap();
    assert!(
        md.contains("### 八、北京市国有资本经营预算财政拨款支出决算表"),
        "{md}"
    );
    // The central profile keeps the built-in layout (wuerhe selects its 收入支出 variant there,
    // and its own table order: the 国有资本经营 table is 九).
    let (code, err) = render(&tpl, &d.join("central"), &[]);
    assert_eq!(code, 0, "{err}");
    let md = fs::read_to_string(d.join("central/wuerhe-2023.md")).unwrap();
    assert!(!md.contains("北京市"), "{md}");
    assert!(
        md.contains("### 九、国有资本经营预算财政拨款收入支出决算表"),
        "{md}"
    );
}

#[test]
fn a_bad_component_call_is_an_error_even_in_a_branch_no_unit_reaches() {
    // wuerhe has no 政府性基金, so Tera itself would never run this call.
    let d = tempdir("component-call");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("sections")).unwrap();
    let fund = builtin("sections/fund.md").replace("<change_clause c=", "<change_clause change=");
    let line = fund.lines().position(|l| l.contains("change=")).unwrap() + 1;
    fs::write(tpl.join("sections/fund.md"), fund).unwrap();
    let (code, err) = render(&tpl, &d.join("out"), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("sections/fund.md") && err.contains(&format!("第{line}行")),
        "{err}"
    );
    assert!(err.contains("没有参数 `change`") && err.contains("`c`"), "{err}");
}

#[test]
fn a_component_override_changes_every_call() {
    let d = tempdir("component-override");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("parts")).unwrap();
    fs::write(
        tpl.join("parts/change_clause.md"),
        "{% component change_clause(c: map, lead: string = \"，\", @meta: map) -%}\n\
         {%- if c.direction != \"unknown\" %}{{ lead }}{{ c | change }}（自定义）{% endif -%}\n\
         {%- endcomponent change_clause %}\n",
    )
    .unwrap();
    let (code, err) = render(&tpl, &d.join("out"), &[]);
    assert_eq!(code, 0, "{err}");
    let md = fs::read_to_string(d.join("out/wuerhe-2023.md")).unwrap();
    assert!(
        md.contains("收入、支出总计比上年增加8.56万元，增长22.71%（自定义）。"),
        "{md}"
    );
}

#[test]
fn a_component_without_meta_is_an_error_not_default_settings() {
    // A component sees only its arguments; the filters read the report's settings from `meta`.
    let d = tempdir("component-meta");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("parts")).unwrap();
    fs::write(
        tpl.join("parts/change_clause.md"),
        "{% component change_clause(c: map, lead: string = \"，\") -%}\n\
         {{ lead }}{{ c | change }}\n\
         {%- endcomponent change_clause %}\n",
    )
    .unwrap();
    let (code, err) = render(&tpl, &d.join("out"), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("@meta: map") && err.contains("parts/change_clause.md"),
        "{err}"
    );
}

/// User prose is plain text in every format: a paragraph that begins like a Markdown list, rule,
/// heading or code block stays that text (issue 16).
#[test]
fn user_prose_that_looks_like_markdown_stays_text() {
    use crate::common::{HEAD, html, markdown};
    let notes = [
        "1. 第一条",
        "- 一项",
        "---",
        "    缩进四格",
        "# 不是标题",
        "> 不是引用",
    ];
    let yaml = format!(
        "{HEAD}  notes:\n    duties:\n{}",
        notes
            .iter()
            .map(|n| format!("      - \"{n}\"\n"))
            .collect::<String>()
    );
    let h = html(&yaml);
    for n in notes {
        let shown = n.replace('>', "&gt;");
        assert!(
            h.contains(&format!("<p>{}</p>", shown.trim_start())) || h.contains(&format!("<p>{shown}</p>")),
            "{n} in HTML"
        );
    }
    assert!(!h.contains("<ol") && !h.contains("<hr") && !h.contains("<pre") && !h.contains("<blockquote"));
    let md = markdown(&yaml);
    // Read back, the Markdown shows the same text, never a list, rule, heading or code block.
    let body = juesuan::document::prose::parse(&md);
    for n in notes {
        let found = body.iter().any(|b| match b {
            juesuan::document::Block::Paragraph(p) => p.text().trim() == n.trim(),
            _ => false,
        });
        assert!(found, "{n} is not a plain paragraph in the Markdown:\n{md}");
    }
}

#[test]
fn a_table_placed_twice_appears_once() {
    let d = tempdir("table-twice");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("profiles")).unwrap();
    let central = builtin("profiles/central.md").replace(
        "{{ table(key=\"t05\") }}",
        "{{ table(key=\"t05\") }}\n{{ table(key=\"t05\") }}",
    );
    fs::write(tpl.join("profiles/central.md"), central).unwrap();
    let (code, err) = render(&tpl, &d.join("out"), &[]);
    assert_eq!(code, 0, "{err}");
    let md = fs::read_to_string(d.join("out/wuerhe-2023.md")).unwrap();
    assert_eq!(
        md.matches("### 五、一般公共预算财政拨款支出决算表").count(),
        1,
        "{md}"
    );
    assert!(md.contains("### 六、"), "numbering goes on");
}
