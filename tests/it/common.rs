//! Shared helpers for the integration tests.
#![allow(dead_code)]

use juesuan::audit::{self, Finding, Severity};
use juesuan::derive::{self, Context};
use juesuan::load;
use juesuan::render::{Format, Renderer};
use std::path::PathBuf;

/// A minimal valid unit header; tests append their own sections.
pub const HEAD: &str = "unit:\n  name: 测试局\n  year: 2023\n  duties: [负责本单位的各项工作。]\n";

/// Loads, derives and audits YAML text.
pub fn run(yaml: &str) -> (Context, Vec<Finding>) {
    let loaded = load::load_str("test.yaml", yaml).unwrap_or_else(|e| panic!("{e}"));
    let ctx = derive::derive(&loaded);
    let findings = audit::audit(&loaded, &ctx);
    (ctx, findings)
}

/// The rule ids of the error findings.
pub fn errors(findings: &[Finding]) -> Vec<&'static str> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule)
        .collect()
}

/// The rule ids of all findings.
pub fn rules(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.rule).collect()
}

/// Renders YAML text to Markdown with the built-in central profile.
pub fn markdown(yaml: &str) -> String {
    let (ctx, _) = run(yaml);
    Renderer::new(None)
        .unwrap()
        .render(&ctx, "central", Format::Markdown)
        .unwrap()
}

/// Renders YAML text to HTML with the built-in central profile.
pub fn html(yaml: &str) -> String {
    let (ctx, _) = run(yaml);
    Renderer::new(None)
        .unwrap()
        .render(&ctx, "central", Format::Html)
        .unwrap()
}

/// Renders the example `examples/<name>.yaml` (as `juesuan render` does, with the central
/// profile) in `format`.
pub fn render_example(name: &str, format: Format) -> String {
    let path = root().join(format!("examples/{name}.yaml"));
    let loaded = load::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let ctx = derive::derive(&loaded);
    Renderer::new(None)
        .unwrap()
        .render(&ctx, "central", format)
        .unwrap()
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The juesuan binary, run from the repository root.
pub fn juesuan() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("juesuan").unwrap();
    c.current_dir(root());
    c
}

/// Runs a command to its end: the exit code (-1 when a signal ended it), stdout and stderr.
pub fn outcome(c: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh temporary directory for one test.
pub fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("juesuan-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `examples/<name>.yaml` as the unit of year `to` (its `unit.year` rewritten, its own
/// `previous` block and what follows dropped): last year's report for the import round trips.
pub fn example_as_of(name: &str, from: u16, to: u16) -> String {
    let text = std::fs::read_to_string(root().join(format!("examples/{name}.yaml"))).unwrap();
    let text = text.replacen(&format!("  year: {from}"), &format!("  year: {to}"), 1);
    text[..text
        .find("\nprevious:")
        .expect("the example has a previous block")]
        .to_string()
}

/// Renders `yaml` (written as `<dir>/<name>.yaml`) as xlsx in `dir`; the workbook's path.
pub fn render_xlsx(dir: &std::path::Path, name: &str, yaml: &str) -> PathBuf {
    let unit = dir.join(format!("{name}.yaml"));
    std::fs::write(&unit, yaml).unwrap();
    let (code, _, err) = outcome(
        juesuan()
            .arg("render")
            .arg(&unit)
            .args(["--format", "xlsx", "-o"])
            .arg(dir),
    );
    assert_eq!(code, 0, "{err}");
    dir.join(format!("{name}.xlsx"))
}
