//! Asking only for what the profile prints: a 项 may give its 基本支出 without the 人员经费/公用经费
//! split where the profile's 05表 does not print it; `settings.profile` chooses a unit's profile
//! (`--profile` wins); audit messages name each table by the profile's own number and title.

use crate::common::{HEAD, errors, juesuan, outcome, tempdir};
use juesuan::audit::{Finding, Severity};
use juesuan::pipeline::{self, Checked};
use juesuan::render::{Format, Renderer};
use std::fs;
use std::path::Path;

/// A balanced unit whose one 项 gives 基本支出 only, with its 经济分类 款; `settings` is inserted
/// under `settings:` (e.g. "  profile: shanghai\n"). 三公 spends 12 against a budget of 20 and
/// gives no reason, so the audit asks for one, naming the 三公 table. It has no vehicles or
/// equipment (`assets: {}`: the Shanghai 十一（三） needs the figures).
fn unit(settings: &str, general: &str) -> String {
    format!(
        "{HEAD}settings:\n  reason_threshold: 10\n{settings}\
income:\n  - code: 2101501\n    general: 100\n\
expenditure:\n  - code: 2101501\n    general: {general}\n\
basic_by_economic:\n  - code: 30101\n    amount: 50\n  - code: 30201\n    amount: 10\n\
sangong:\n  reception: {{budget_initial: 20, actual: 12}}\n\
assets: {{}}\n"
    )
}

const BASIC_ONLY: &str = "{basic: 60, project: 40}";
const SPLIT: &str = "{personnel: 50, public: 10, project: 40}";

fn write(dir: &Path, name: &str, yaml: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, yaml).unwrap();
    p
}

fn check(path: &Path, profile: Option<&str>) -> Checked {
    check_with(Renderer::builtin(), path, profile)
}

fn check_with(r: &Renderer, path: &Path, profile: Option<&str>) -> Checked {
    pipeline::check_unit(r, path, profile).unwrap_or_else(|e| panic!("{e}"))
}

/// A templates directory whose Shanghai 05表 is the template's: 合计, 基本支出, 项目支出, no split
/// (so these tests do not depend on how the built-in Shanghai layout is written).
fn shanghai_templates(dir: &Path) -> std::path::PathBuf {
    let t = dir.join("templates");
    fs::create_dir_all(t.join("profiles/shanghai/tables")).unwrap();
    fs::write(
        t.join("profiles/shanghai/tables/t05.toml"),
        "title = \"一般公共预算财政拨款支出决算表\"\nnote = \"\"\nempty = \"无一般公共预算财政拨款支出\"\n\
         empty_reason = \"本年度无一般公共预算财政拨款支出\"\n\
         [[columns]]\nkey = \"name\"\nheader = [\"科目名称\"]\n\
         [[columns]]\nkey = \"total\"\nheader = [\"合计\"]\n\
         [[columns]]\nkey = \"basic\"\nheader = [\"基本支出\"]\n\
         [[columns]]\nkey = \"project\"\nheader = [\"项目支出\"]\n",
    )
    .unwrap();
    t
}

fn with_rule<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// The ordinal of the 三公 table in a Markdown report's 目录 ("七" for "  - 七、财政拨款…"; the
/// Shanghai page prints the bare title).
fn sangong_ordinal(md: &str) -> String {
    let entry = md
        .lines()
        .find(|l| l.trim_start().starts_with("- ") && l.contains("“三公”经费支出决算表"))
        .unwrap_or_else(|| panic!("no 三公 table in the 目录: {md}"));
    let text = entry.trim_start().trim_start_matches("- ");
    text.split('、').next().unwrap_or_default().to_string()
}

#[test]
fn basic_only_rows_render_and_audit_under_shanghai() {
    let d = tempdir("split-shanghai");
    let r = Renderer::new(Some(&shanghai_templates(&d))).unwrap();
    let p = write(&d, "u.yaml", &unit("  profile: shanghai\n", BASIC_ONLY));
    let c = check_with(&r, &p, None);
    assert_eq!(c.profile.name, "shanghai");
    assert!(errors(&c.findings).is_empty(), "{:#?}", c.findings);
    let md = String::from_utf8(r.write(&c.document, Format::Markdown).unwrap()).unwrap();
    // 基本支出 60 prints; the 人员经费/公用经费 the 06表 states come from the 款, never from the 05表.
    assert!(md.contains("60.00"), "{md}");
    assert_eq!(c.context.text.basic.personnel.to_string(), "50");
    assert_eq!(c.context.text.basic.public.to_string(), "10");
    assert!(c.context.text.basic.item_split.is_none());
    assert_eq!(c.context.tables.t05.columns, ["total", "basic", "project"]);
}

#[test]
fn basic_only_rows_under_central_name_the_table_that_needs_the_split() {
    let d = tempdir("split-central");
    let p = write(&d, "u.yaml", &unit("", BASIC_ONLY));
    let c = check(&p, None);
    let f = with_rule(&c.findings, "general.split");
    assert_eq!(f.len(), 1, "{:#?}", c.findings);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].path, "expenditure[0].general");
    assert!(f[0].line.is_some());
    assert!(
        f[0].message.starts_with(
            "公开05表 一般公共预算财政拨款支出决算表 列出人员经费、公用经费：请在 expenditure[0].general 填写 personnel 和 public"
        ),
        "{}",
        f[0].message
    );
    // render refuses: the split would be invented.
    let (code, _, err) = outcome(
        juesuan()
            .args(["render", "--format", "md", "-o"])
            .arg(d.join("o"))
            .arg(&p),
    );
    assert_eq!(code, 1, "{err}");
    assert!(!d.join("o/u.md").exists());
}

#[test]
fn split_and_basic_must_agree() {
    let d = tempdir("split-conflict");
    let p = write(
        &d,
        "u.yaml",
        &unit("", "{basic: 61, personnel: 50, public: 10, project: 39}"),
    );
    let c = check(&p, None);
    let f = with_rule(&c.findings, "general.basic");
    assert_eq!(f.len(), 1, "{:#?}", c.findings);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].path, "expenditure[0].general.basic");
    assert!(
        f[0].message.contains("61.00万元") && f[0].message.contains("60.00万元"),
        "{}",
        f[0].message
    );
    assert_eq!(f[0].difference.map(|d| d.to_string()), Some("1".into()));
    // All three agreeing is fine, and renders as the split alone does.
    let agree = write(
        &d,
        "agree.yaml",
        &unit("", "{basic: 60, personnel: 50, public: 10, project: 40}"),
    );
    let alone = write(&d, "alone.yaml", &unit("", SPLIT));
    let (a, b) = (check(&agree, None), check(&alone, None));
    assert!(errors(&a.findings).is_empty(), "{:#?}", a.findings);
    let md = |c: &Checked| Renderer::builtin().write(&c.document, Format::Markdown).unwrap();
    assert_eq!(md(&a), md(&b));
}

#[test]
fn basic_only_rows_are_checked_against_the_economic_detail() {
    let d = tempdir("split-economic");
    let r = Renderer::new(Some(&shanghai_templates(&d))).unwrap();
    // 基本支出 61 against 款 of 60: one quantity stated twice.
    let p = write(
        &d,
        "u.yaml",
        &unit("  profile: shanghai\n", "{basic: 61, project: 39}"),
    );
    let c = check_with(&r, &p, None);
    assert_eq!(errors(&c.findings), ["t05_t06.basic"], "{:#?}", c.findings);
    // Without 款 and without a split, the 06表 totals are unknown: refused, naming the 06表.
    let yaml = unit("  profile: shanghai\n", BASIC_ONLY);
    let cut = yaml.find("basic_by_economic:").unwrap();
    let end = yaml.find("sangong:").unwrap();
    let p = write(&d, "none.yaml", &format!("{}{}", &yaml[..cut], &yaml[end..]));
    let c = check_with(&r, &p, None);
    let f = with_rule(&c.findings, "general.split");
    assert_eq!(f.len(), 1, "{:#?}", c.findings);
    assert!(f[0].message.starts_with("公开06表 "), "{}", f[0].message);
    assert!(!c.findings.iter().any(|f| f.rule == "t06.missing"));
}

#[test]
fn messages_name_the_sangong_table_by_the_profiles_number() {
    let d = tempdir("split-numbers");
    let sh = write(&d, "sh.yaml", &unit("  profile: shanghai\n", SPLIT));
    let ce = write(&d, "ce.yaml", &unit("", SPLIT));
    let message = |c: &Checked| {
        with_rule(&c.findings, "reason.budget")
            .iter()
            .find(|f| f.path == "sangong.budget_reason")
            .map(|f| f.message.clone())
            .unwrap_or_else(|| panic!("{:#?}", c.findings))
    };
    let sh_msg = message(&check(&sh, None));
    assert!(
        sh_msg.starts_with("“三公”经费（公开07表 财政拨款“三公”经费支出决算表）"),
        "{sh_msg}"
    );
    let ce_msg = message(&check(&ce, None));
    assert!(
        ce_msg.starts_with("“三公”经费（公开09表 财政拨款“三公”经费支出决算表）"),
        "{ce_msg}"
    );
    // The command line wins over the file.
    assert!(message(&check(&sh, Some("central"))).contains("公开09表"));
    // `check` takes the file's profile too.
    let (code, out, err) = outcome(juesuan().args(["check", "--format", "json"]).arg(&sh));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("公开07表 财政拨款“三公”经费支出决算表"), "{out}");
    let (_, out, err) = outcome(
        juesuan()
            .args(["check", "--format", "json", "--profile", "central"])
            .arg(&sh),
    );
    assert!(out.contains("公开09表 财政拨款“三公”经费支出决算表"), "{out}");
    assert!(
        err.contains("未采用单位文件中的 settings.profile") && err.contains("（shanghai）"),
        "{err}"
    );
}

#[test]
fn each_unit_of_a_batch_renders_under_its_own_profile() {
    let d = tempdir("split-batch");
    let templates = shanghai_templates(&d);
    let units = d.join("units");
    fs::create_dir_all(&units).unwrap();
    write(&units, "sh.yaml", &unit("  profile: shanghai\n", BASIC_ONLY));
    write(&units, "ce.yaml", &unit("", SPLIT));
    let (code, _, err) = outcome(
        juesuan()
            .args(["render", "--format", "md", "--templates"])
            .arg(&templates)
            .arg("-o")
            .arg(d.join("o"))
            .arg(&units),
    );
    assert_eq!(code, 0, "{err}");
    let md = |n: &str| fs::read_to_string(d.join(format!("o/{n}.md"))).unwrap();
    assert_eq!(sangong_ordinal(&md("sh")), "七");
    assert_eq!(sangong_ordinal(&md("ce")), "九");
    assert!(!err.contains("settings.profile"), "no override, no note: {err}");
    // --profile overrides every unit's own, and says so once.
    let (code, _, err) = outcome(
        juesuan()
            .args(["render", "--format", "md", "--profile", "shanghai", "-o"])
            .arg(d.join("p"))
            .arg(units.join("ce.yaml")),
    );
    assert_eq!(code, 0, "{err}");
    let md = fs::read_to_string(d.join("p/ce.md")).unwrap();
    assert_eq!(sangong_ordinal(&md), "七");
    assert!(
        !err.contains("settings.profile"),
        "ce.yaml names no profile: {err}"
    );
    let (code, _, err) = outcome(
        juesuan()
            .args(["render", "--format", "md", "--profile", "central", "--templates"])
            .arg(&templates)
            .arg("-o")
            .arg(d.join("q"))
            .arg(&units),
    );
    // sh.yaml gives no split: under central its 05表 needs one.
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("公开05表 一般公共预算财政拨款支出决算表 列出人员经费、公用经费"),
        "{err}"
    );
    assert_eq!(
        err.matches("未采用单位文件中的 settings.profile").count(),
        1,
        "{err}"
    );
}

#[test]
fn context_and_diff_follow_the_files_profile() {
    let d = tempdir("split-context");
    let p = write(&d, "u.yaml", &unit("  profile: shanghai\n", SPLIT));
    let (code, out, err) = outcome(juesuan().arg("context").arg(&p));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["meta"]["profile"], "shanghai");
    let changed = unit("  profile: shanghai\n", SPLIT).replace("actual: 12", "actual: 13");
    let q = write(&d, "v.yaml", &changed);
    let (code, out, err) = outcome(juesuan().arg("diff").arg(&p).arg(&q));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("sangong.reception.actual：12 → 13"), "{out}");
    // The sentences are the Shanghai report's: its 三公 page prints the bare title (seed 005).
    assert!(out.contains("【财政拨款“三公”经费支出决算表】"), "{out}");
    let (_, out, _) = outcome(juesuan().args(["diff", "--profile", "central"]).arg(&p).arg(&q));
    assert!(out.contains("【九、财政拨款“三公”经费支出决算表】"), "{out}");
}

#[test]
fn unknown_profile_in_the_file_names_its_line() {
    let d = tempdir("split-unknown");
    let p = write(&d, "u.yaml", &unit("  profile: shanghia\n", SPLIT));
    let line = fs::read_to_string(&p)
        .unwrap()
        .lines()
        .position(|l| l.contains("shanghia"))
        .unwrap()
        + 1;
    for args in [
        vec!["check"],
        vec!["render", "-o", "/nonexistent-juesuan-out"],
        vec!["context"],
    ] {
        let (code, _, err) = outcome(juesuan().args(&args).arg(&p));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(&format!(":{line}")) || err.contains(&format!("第{line}行")),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("settings.profile")
                && err.contains("“shanghia”")
                && err.contains("central、shanghai"),
            "{args:?}: {err}"
        );
    }
    let (code, out, _) = outcome(juesuan().args(["check", "--format", "json"]).arg(&p));
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["unreadable"][0]["line"], line);
    assert!(
        v["unreadable"][0]["message"]
            .as_str()
            .unwrap()
            .contains("settings.profile")
    );
}
