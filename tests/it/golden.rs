//! Golden outputs: the real binary renders every example in every format and the result is
//! compared with `tests/expected/`: Markdown and HTML byte for byte; the Excel workbook and the
//! Word document as the text of their zip parts (`NAME.xlsx.txt`, `NAME.docx.txt`: every part's
//! name and content, one XML element per line, so a change shows as a readable hunk); the PDF as the
//! Typst source it is compiled from (`NAME.typ`, see `typst_source`: the PDF's bytes depend on the
//! fonts installed, the source does not). `JUESUAN_BLESS=1 cargo test --test it golden::`
//! rewrites the expected files; an expected file that no example produces fails the test.

use crate::common::{root, tempdir};
use assert_cmd::Command;
use std::collections::BTreeSet;
use std::fs;

fn examples() -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn examples_match_expected_outputs() {
    let bless = std::env::var_os("JUESUAN_BLESS").is_some();
    let expected_dir = root().join("tests/expected");
    let out = tempdir("golden");
    let mut produced = BTreeSet::new();
    let mut mismatches = Vec::new();
    for name in examples() {
        let status = Command::cargo_bin("juesuan")
            .unwrap()
            .current_dir(root())
            .args(["render", &format!("examples/{name}.yaml"), "-o"])
            .arg(&out)
            .args(["--format", "md,html,xlsx,docx"])
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        let typst = (format!("{name}.typ"), typst_source(&name).into_bytes());
        for ext in ["md", "html", "xlsx", "docx", "typ"] {
            let (file, got) = match ext {
                "typ" => typst.clone(),
                "xlsx" | "docx" => {
                    let bytes = fs::read(out.join(format!("{name}.{ext}"))).unwrap();
                    (format!("{name}.{ext}.txt"), zip_text(&bytes).into_bytes())
                }
                _ => (
                    format!("{name}.{ext}"),
                    fs::read(out.join(format!("{name}.{ext}"))).unwrap(),
                ),
            };
            produced.insert(file.clone());
            let want_path = expected_dir.join(&file);
            if bless {
                fs::create_dir_all(&expected_dir).unwrap();
                fs::write(&want_path, &got).unwrap();
            } else {
                let want = fs::read(&want_path).unwrap_or_default();
                if want != got {
                    mismatches.push(format!(
                        "{file}:\n{}",
                        first_differences(&String::from_utf8_lossy(&want), &String::from_utf8_lossy(&got))
                    ));
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "rendered output differs from tests/expected (- expected, + rendered); if the change is \
         intended, re-bless with JUESUAN_BLESS=1 cargo test --test it golden::\n\n{}",
        mismatches.join("\n")
    );
    let stale: Vec<String> = fs::read_dir(&expected_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| !produced.contains(f))
        .collect();
    assert!(
        stale.is_empty(),
        "expected files no example produces any more: {stale:?}"
    );
}

/// The Typst source the PDF of an example is compiled from (with the example's own profile), with placeholder font names (the
/// names of the fonts found on a machine are the only part of the source that depends on it).
fn typst_source(name: &str) -> String {
    let path = root().join(format!("examples/{name}.yaml"));
    let loaded = juesuan::load::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let ctx = juesuan::derive::derive(&loaded);
    let profile = loaded.unit.settings.profile.as_deref().unwrap_or("central");
    let doc = juesuan::render::Renderer::new(None)
        .unwrap()
        .document(&ctx, profile)
        .unwrap();
    juesuan::write::pdf::source::document(&doc, "正文字体", "标题字体")
}

/// The parts of an Office file (a zip) as text: each part's name on a line of its own, then its
/// content with a line break between XML elements. Byte-for-byte determinism of the file itself is
/// tested in `office`.
fn zip_text(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let mut content = String::new();
        part.read_to_string(&mut content).unwrap();
        text.push_str(&format!("=== {} ===\n", part.name().unwrap()));
        text.push_str(&content.replace("><", ">\n<"));
        text.push('\n');
    }
    text
}

/// A unified diff of the first differing lines (the first hunk, with 3 lines of context), so
/// a failure shows what changed instead of only which file.
fn first_differences(want: &str, got: &str) -> String {
    let diff = similar::TextDiff::from_lines(want, got);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .iter_hunks()
        .next()
        .map(|h| h.to_string())
        .unwrap_or_else(|| "(only line endings differ)".into());
    text.chars().take(4000).collect()
}

/// Renders one example to Markdown and returns the text.
fn rendered(name: &str) -> String {
    let out = tempdir(&format!("facts-{name}"));
    let status = Command::cargo_bin("juesuan")
        .unwrap()
        .current_dir(root())
        .args(["render", &format!("examples/{name}.yaml"), "--format", "md", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    fs::read_to_string(out.join(format!("{name}.md"))).unwrap()
}

fn assert_all(md: &str, name: &str, facts: &[&str]) {
    let missing: Vec<&&str> = facts.iter().filter(|f| !md.contains(**f)).collect();
    assert!(missing.is_empty(), "{name}: missing {missing:?}");
}

/// The figures of domain.md §4 appear in the rendered reports (the seeds with 尾差 are entered in
/// 元 with reconstructed digits, so their published totals come out; examples/README.md lists the
/// one figure that cannot).
#[test]
fn domain_facts_appear_in_the_rendered_reports() {
    assert_all(
        &rendered("wuerhe-2023"),
        "wuerhe",
        &[
            "本年收入合计46.26万元，比上年增加8.56万元，增长22.71%",
            "基本支出36.01万元，占77.84%",
            "项目支出10.25万元，占22.16%",
            "预决算差异率为-64.95%",
            "比上年增加1.26万元，增长118.87%",
            "公务用车购置及运行维护费支出1.36万元，占58.62%",
            "公务接待费支出0.96万元，占41.38%",
            "社会保障和就业支出（类）2.92万元，占6.31%；卫生健康支出（类）38.46万元，占83.14%；住房保障支出（类）4.88万元，占10.55%",
            "比上年减少7.72万元，下降22.76%",
            "比上年增加1.64万元（上年无此项支出，不计算增长率）",
        ],
    );
    assert_all(
        &rendered("anyi-2023"),
        "anyi",
        &[
            "年初结转和结余49.18万元（比上年减少82.26万元，下降62.58%）",
            "完成年初预算的148.73%",
            "卫生健康支出（类）年初预算为620.68万元，支出决算为958.82万元，完成年初预算的154.48%",
            "支出总计1102.79万元",
            "本年收入合计1053.61万元，比上年减少225.54万元",
            "完成年初预算的113.62%",
            "占50.56%",
            "项目支出536.00万元，占49.44%",
        ],
    );
    assert_all(
        &rendered("beilin-2023"),
        "beilin",
        &[
            "完成年初预算的75.90%",
            "比上年减少587.75万元，下降38.33%",
            "基本支出160.74万元，占16.99%",
            "项目支出785.10万元，占83.01%",
            "完成年初预算的136.61%",
            "完成年初预算的0.77%",
        ],
    );
    assert_all(
        &rendered("longjing-2024"),
        "longjing",
        &[
            "占本年支出合计的98.5%",
            "占15.8%",
            "占76.9%",
            "占7.3%",
            "收入总计288.84万元",
            "支出总计288.84万元",
            "支出决算为283.85万元",
        ],
    );
    let dehui = rendered("dehui-2023");
    assert_all(&dehui, "dehui", &["截至2023年12月31日"]);
    assert!(!dehui.contains("截至2022年12月31日"));
    for name in examples() {
        let md = rendered(&name);
        // A completion rate never follows a zero budget in its sentence ("完成年初预算的0.00%" of
        // a budget that is not zero, e.g. putuo's 三公 0.00 of 0.95, is a rate like any other).
        assert!(
            !md.contains("完成年初预算的0%"),
            "{name}: rate against a zero budget"
        );
        for sentence in md.split(['。', '\n']).filter(|s| s.contains("完成年初预算的")) {
            assert!(
                !sentence.contains("预算为0.00万元") && !sentence.contains("预算为0万元"),
                "{name}: rate against a zero budget: {sentence}"
            );
        }
        // No example doubles a figure, so 增长100% could only be a rate from zero.
        assert!(
            !md.contains("增长100.00%") && !md.contains("增长100.0%"),
            "{name}: growth rate from zero"
        );
    }
}

/// examples/README.md lists every finding the audit reports on each example.
#[test]
fn examples_readme_lists_every_finding() {
    let readme = fs::read_to_string(root().join("examples/README.md")).unwrap();
    for name in examples() {
        let out = Command::cargo_bin("juesuan")
            .unwrap()
            .current_dir(root())
            .args(["check", "--format", "json", &format!("examples/{name}.yaml")])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for f in v["findings"].as_array().unwrap() {
            let needle = format!(
                "`{}` `{}`: {}",
                f["rule"].as_str().unwrap(),
                f["path"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            );
            assert!(
                readme.contains(&needle),
                "examples/README.md does not list {needle}"
            );
        }
    }
}
