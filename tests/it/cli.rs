//! End-to-end tests of the binary: exit codes, messages, JSON findings, schema, init, templates.

use crate::common::{juesuan, outcome, root, tempdir};
use std::fs;

#[test]
fn every_example_passes_check_without_errors() {
    for entry in fs::read_dir(root().join("examples")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "yaml") {
            let (code, out, err) = outcome(juesuan().arg("check").arg(&p));
            assert_eq!(code, 0, "{}:\n{out}{err}", p.display());
            assert!(out.contains("0 个错误"), "{out}");
        }
    }
}

#[test]
fn check_exit_codes() {
    let d = tempdir("exit");
    let bad_audit = d.join("bad.yaml");
    fs::write(
        &bad_audit,
        "unit: {name: 甲, year: 2023}\nincome:\n  - {code: 2101501, general: 5.00}\n",
    )
    .unwrap();
    let (code, out, _) = outcome(juesuan().arg("check").arg(&bad_audit));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("错误[balance.total]"), "{out}");
    assert!(out.contains("bad.yaml"), "{out}");

    let unreadable = d.join("broken.yaml");
    fs::write(&unreadable, "unit:\n  name: 甲\n  year: 2023\n  nmae: x\n").unwrap();
    let (code, _, err) = outcome(juesuan().arg("check").arg(&unreadable));
    assert_eq!(code, 2);
    assert!(err.contains("broken.yaml"), "{err}");
    assert!(err.contains("第4行"), "{err}");
    assert!(err.contains("未知的键 `nmae`") && err.contains("`name`"), "{err}");
    assert!(err.contains('^'), "caret under the error: {err}");

    let (code, _, err) = outcome(juesuan().arg("check").arg(d.join("missing.yaml")));
    assert_eq!(code, 2);
    assert!(err.contains("文件不存在"), "{err}");
    // All files are checked, the worst outcome decides the exit code.
    let (code, out, _) = outcome(
        juesuan()
            .arg("check")
            .arg("examples/minimal.yaml")
            .arg(&bad_audit),
    );
    assert_eq!(code, 1);
    assert!(out.contains("minimal.yaml：0 个错误"), "{out}");
}

#[test]
fn check_json_is_machine_readable() {
    let d = tempdir("json");
    let f = d.join("u.yaml");
    fs::write(
        &f,
        "unit: {name: 甲, year: 2023}\nincome:\n  - {code: 2101501, general: 5.00}\n",
    )
    .unwrap();
    let (code, out, _) = outcome(juesuan().args(["check", "--format", "json"]).arg(&f));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["errors"], 2);
    let first = &v["findings"][0];
    for key in [
        "severity",
        "rule",
        "file",
        "path",
        "line",
        "message",
        "left",
        "right",
        "difference",
    ] {
        assert!(first.get(key).is_some(), "missing {key}: {first}");
    }
    assert_eq!(first["severity"], "error");
}

#[test]
fn context_is_json_with_exact_amounts() {
    let (code, out, _) = outcome(juesuan().args(["context", "examples/wuerhe-2023.yaml"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The example is in 元: the context keeps the exact value in 万元 (no rounding before display).
    assert_eq!(v["meta"]["input_unit"], "元");
    assert_eq!(v["text"]["income"]["total"], "46.2595");
    assert_eq!(v["text"]["income"]["change"]["rate"], "22.71");
    assert_eq!(v["text"]["income"]["change"]["direction"], "up");
}

#[test]
fn schema_command_matches_committed_file() {
    let (code, out, _) = outcome(juesuan().arg("schema"));
    assert_eq!(code, 0);
    assert_eq!(
        out,
        fs::read_to_string(root().join("schemas/juesuan.schema.json")).unwrap()
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(v["additionalProperties"], false);
}

#[test]
fn init_scaffold_passes_check_and_renders() {
    let d = tempdir("init");
    let (code, out, _) = outcome(juesuan().args(["init", "--name", "某某局", "--year", "2024"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("# yaml-language-server: $schema="), "{out}");
    assert!(out.contains("name: \"某某局\""));
    // Every key line carries a Chinese comment (or is a list item under a commented key).
    let bare: Vec<&str> = out.lines().filter(|l| l.trim_end().ends_with(':')).collect();
    assert!(bare.is_empty(), "keys without a comment: {bare:?}");
    let f = d.join("scaffold.yaml");
    fs::write(&f, &out).unwrap();
    let (code, out, err) = outcome(juesuan().arg("check").arg(&f));
    assert_eq!(code, 0, "{out}{err}");
    // No errors; the sample data warns until it is replaced.
    assert!(out.contains("0 个错误"), "{out}");
    assert!(out.contains("scaffold.sample"), "{out}");
    let (code, _, err) = outcome(juesuan().arg("render").arg(&f).arg("-o").arg(d.join("out")));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn render_writes_both_formats_and_refuses_on_errors() {
    let d = tempdir("render");
    let out = d.join("out");
    let (code, _, err) = outcome(
        juesuan()
            .args(["render", "examples/minimal.yaml", "-o"])
            .arg(&out),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.join("minimal.md").exists() && out.join("minimal.html").exists());

    let bad = d.join("bad.yaml");
    fs::write(
        &bad,
        "unit: {name: 甲, year: 2023}\nincome:\n  - {code: 2101501, general: 5.00}\n",
    )
    .unwrap();
    let (code, _, err) = outcome(juesuan().arg("render").arg(&bad).arg("-o").arg(&out));
    assert_eq!(code, 1);
    assert!(err.contains("未生成报告"), "{err}");
    assert!(!out.join("bad.md").exists());

    let only_md = d.join("md");
    let (code, _, _) = outcome(
        juesuan()
            .args(["render", "examples/minimal.yaml", "--format", "md", "-o"])
            .arg(&only_md),
    );
    assert_eq!(code, 0);
    assert!(only_md.join("minimal.md").exists() && !only_md.join("minimal.html").exists());
}

#[test]
fn rendering_twice_is_byte_identical() {
    let d = tempdir("twice");
    for sub in ["a", "b"] {
        let (code, _, err) = outcome(
            juesuan()
                .args(["render", "examples/wuerhe-2023.yaml", "-o"])
                .arg(d.join(sub)),
        );
        assert_eq!(code, 0, "{err}");
    }
    for ext in ["md", "html"] {
        let a = fs::read(d.join("a").join(format!("wuerhe-2023.{ext}"))).unwrap();
        let b = fs::read(d.join("b").join(format!("wuerhe-2023.{ext}"))).unwrap();
        assert!(a == b, "{ext} differs between runs");
    }
}

#[test]
fn overriding_one_template_changes_the_output() {
    let d = tempdir("override");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("sections")).unwrap();
    fs::write(
        tpl.join("sections/other.md"),
        "本单位特别说明：{{ unit.name }}。\n",
    )
    .unwrap();
    let (code, _, err) = outcome(
        juesuan()
            .args(["render", "examples/minimal.yaml", "--format", "md", "--templates"])
            .arg(&tpl)
            .arg("-o")
            .arg(d.join("out")),
    );
    assert_eq!(code, 0, "{err}");
    let md = fs::read_to_string(d.join("out/minimal.md")).unwrap();
    assert!(md.contains("本单位特别说明：示例单位。"), "{md}");
    assert!(
        md.contains("一、收入支出决算总体情况说明"),
        "the other templates are still the built-in ones"
    );
}

#[test]
fn template_errors_name_the_file_and_line() {
    let d = tempdir("tplerr");
    let tpl = d.join("tpl");
    fs::create_dir_all(tpl.join("sections")).unwrap();
    fs::write(tpl.join("sections/other.md"), "第一行\n{% if %}\n").unwrap();
    let (code, _, err) = outcome(
        juesuan()
            .args(["render", "examples/minimal.yaml", "--templates"])
            .arg(&tpl)
            .arg("-o")
            .arg(d.join("out")),
    );
    assert_eq!(code, 2);
    assert!(err.contains("sections/other.md"), "{err}");
    assert!(err.contains(":2:"), "line of the error: {err}");
}

#[test]
fn templates_export_writes_every_builtin() {
    let d = tempdir("export");
    let (code, out, _) = outcome(juesuan().args(["templates", "export"]).arg(d.join("t")));
    assert_eq!(code, 0, "{out}");
    assert!(d.join("t/profiles/central.md").exists());
    assert!(d.join("t/page.html").exists());
    // Exported templates used as an override give the same report.
    let (c1, _, _) = outcome(
        juesuan()
            .args(["render", "examples/wuerhe-2023.yaml", "-o"])
            .arg(d.join("a")),
    );
    let (c2, _, e2) = outcome(
        juesuan()
            .args(["render", "examples/wuerhe-2023.yaml", "--templates"])
            .arg(d.join("t"))
            .arg("-o")
            .arg(d.join("b")),
    );
    assert_eq!((c1, c2), (0, 0), "{e2}");
    assert_eq!(
        fs::read(d.join("a/wuerhe-2023.html")).unwrap(),
        fs::read(d.join("b/wuerhe-2023.html")).unwrap()
    );
}

#[test]
fn unknown_profile_is_a_usage_error() {
    let (code, _, err) = outcome(juesuan().args([
        "render",
        "examples/minimal.yaml",
        "--profile",
        "beijing",
        "-o",
        "target/x",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("central") && err.contains("shanghai"), "{err}");
}

#[test]
fn shanghai_profile_orders_sangong_as_table_07() {
    let d = tempdir("sh");
    let (code, _, err) = outcome(
        juesuan()
            .args([
                "render",
                "examples/wuerhe-2023.yaml",
                "--profile",
                "shanghai",
                "--format",
                "md",
                "-o",
            ])
            .arg(d.join("o")),
    );
    assert_eq!(code, 0, "{err}");
    let md = fs::read_to_string(d.join("o/wuerhe-2023.md")).unwrap();
    assert!(
        md.contains("\n  - 七、财政拨款“三公”经费支出决算表\n")
            && md.contains("### 财政拨款“三公”经费支出决算表\n\n单位：万元\n"),
        "{md}"
    );
    assert!(md.contains("### 十一、其他重要事项的情况说明"), "{md}");
    let glossary = md.split("## 第四部分 名词解释").nth(1).unwrap();
    assert!(
        glossary.contains("十一、机关运行经费："),
        "11 glossary terms: {glossary}"
    );
    assert!(
        !glossary.contains("十二、"),
        "no more than 11 glossary terms: {glossary}"
    );
}

#[test]
fn user_text_is_inert_in_both_formats() {
    let d = tempdir("xss");
    let f = d.join("x.yaml");
    fs::write(
        &f,
        "unit:\n  name: \"<script>alert(1)</script>局|*x*\"\n  year: 2023\n  duties: [\"</table>{{ meta }}{% if true %}`code`\"]\nother_matters: [\"<img src=x onerror=alert(1)>\"]\n",
    )
    .unwrap();
    let (code, _, err) = outcome(juesuan().arg("render").arg(&f).arg("-o").arg(d.join("o")));
    assert_eq!(code, 0, "{err}");
    let html = fs::read_to_string(d.join("o/x.html")).unwrap();
    assert!(!html.contains("<script>alert"), "script tag leaked");
    assert!(!html.contains("<img src=x"), "img tag leaked");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;局|*x*"),
        "name shown as text"
    );
    assert!(
        html.contains("{{ meta }}{% if true %}"),
        "template syntax in data is data"
    );
    let md = fs::read_to_string(d.join("o/x.md")).unwrap();
    assert!(
        md.contains("&lt;script&gt;alert(1)&lt;/script&gt;局&#124;&#42;x&#42;"),
        "{md}"
    );
    assert!(!md.contains("<script>"));
}

#[test]
fn completions_and_version() {
    let (code, out, _) = outcome(juesuan().args(["completions", "bash"]));
    assert_eq!(code, 0);
    assert!(out.contains("juesuan"));
    let (code, out, _) = outcome(juesuan().arg("--version"));
    assert_eq!(code, 0);
    assert!(out.starts_with("juesuan "));
}

#[test]
fn previous_file_is_followed_and_cycles_are_refused() {
    let d = tempdir("prev");
    fs::write(d.join("2022.yaml"), "unit: {name: 甲, year: 2022}\nincome:\n  - {code: 2101501, general: 40.00}\nexpenditure:\n  - {code: 2101501, general: {project: 40.00}}\n").unwrap();
    fs::write(d.join("2023.yaml"), "unit: {name: 甲, year: 2023}\nprevious_file: 2022.yaml\nincome:\n  - {code: 2101501, general: 50.00}\nexpenditure:\n  - {code: 2101501, general: {project: 50.00}}\nreasons: {total_change: 新增项目, general_change: 新增项目}\n").unwrap();
    let (code, out, _) = outcome(juesuan().args(["context"]).arg(d.join("2023.yaml")));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["text"]["overall"]["change"]["rate"], "25.00");
    fs::write(
        d.join("self.yaml"),
        "unit: {name: 甲, year: 2023}\nprevious_file: self.yaml\n",
    )
    .unwrap();
    let (code, _, err) = outcome(juesuan().arg("check").arg(d.join("self.yaml")));
    assert_eq!(code, 2);
    assert!(err.contains("本文件自身"), "{err}");
    fs::write(
        d.join("a.yaml"),
        "unit: {name: 甲, year: 2023}\nprevious_file: b.yaml\n",
    )
    .unwrap();
    fs::write(
        d.join("b.yaml"),
        "unit: {name: 甲, year: 2022}\nprevious_file: a.yaml\n",
    )
    .unwrap();
    let (code, _, err) = outcome(juesuan().arg("check").arg(d.join("a.yaml")));
    assert_eq!(code, 2);
    assert!(err.contains("循环"), "{err}");
    fs::write(
        d.join("c.yaml"),
        "unit: {name: 甲, year: 2023}\nprevious_file: nowhere.yaml\n",
    )
    .unwrap();
    let (code, _, err) = outcome(juesuan().arg("check").arg(d.join("c.yaml")));
    assert_eq!(code, 2);
    assert!(err.contains("nowhere.yaml") && err.contains("不存在"), "{err}");
}
