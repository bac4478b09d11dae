//! `juesuan diff OLD NEW`: what a correction does before it is published. Lists the figures whose
//! values changed (by YAML path, rows named by their code) and the report sentences that change
//! as a result.

use crate::app::{self, EXIT_INPUT, EXIT_OK};
use crate::pipeline::{self, Checked};
use crate::render::Format;
use crate::terminal::safe;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Flattens a JSON value into `path → text` leaves. Array elements that have a `code` are named
/// by it (`expenditure[2101501].general.project`), others by position.
pub fn flatten(v: &Value) -> BTreeMap<String, String> {
    fn go(v: &Value, path: String, out: &mut BTreeMap<String, String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    go(x, p, out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let key = x
                        .get("code")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                        .unwrap_or_else(|| i.to_string());
                    go(x, format!("{path}[{key}]"), out);
                }
            }
            Value::Null => {}
            Value::String(s) => {
                out.insert(path, s.clone());
            }
            other => {
                out.insert(path, other.to_string());
            }
        }
    }
    let mut out = BTreeMap::new();
    go(v, String::new(), &mut out);
    out
}

/// One changed figure or text field: path, old value, new value (None: absent).
pub type Change = (String, Option<String>, Option<String>);

/// The fields that differ between two flattened documents.
pub fn changed_fields(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Vec<Change> {
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| old.get(*k) != new.get(*k))
        .map(|k| (k.clone(), old.get(k).cloned(), new.get(k).cloned()))
        .collect()
}

/// The lines of the report that differ, each with the heading it stands under: (heading, old
/// line or None, new line or None) in report order.
pub fn changed_sentences(old: &str, new: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut groups: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    let mut heading = String::new();
    for change in diff.iter_all_changes() {
        let line = change.value().trim_end().to_string();
        if change.tag() != similar::ChangeTag::Insert && line.starts_with('#') {
            heading = line.trim_start_matches('#').trim().to_string();
        }
        if line.trim().is_empty() || change.tag() == similar::ChangeTag::Equal {
            continue;
        }
        if groups.last().is_none_or(|g| g.0 != heading) {
            groups.push((heading.clone(), Vec::new(), Vec::new()));
        }
        let g = groups.last_mut().expect("just pushed");
        match change.tag() {
            similar::ChangeTag::Delete => g.1.push(line),
            similar::ChangeTag::Insert => g.2.push(line),
            similar::ChangeTag::Equal => {}
        }
    }
    groups
}

/// Runs `diff` and prints the result. Each file is taken through its own profile unless
/// `profile` names one for both.
pub fn run(old: &Path, new: &Path, profile: Option<&str>, out: &mut dyn Write) -> i32 {
    let Some(renderer) = app::renderer(None, profile) else {
        return EXIT_INPUT;
    };
    let (a, b) = match (
        pipeline::check_unit(&renderer, old, profile),
        pipeline::check_unit(&renderer, new, profile),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            for e in [a.err(), b.err()].into_iter().flatten() {
                app::say(e);
            }
            return EXIT_INPUT;
        }
    };
    let fa = flatten(&serde_json::to_value(&a.loaded.unit).expect("input serializes"));
    let fb = flatten(&serde_json::to_value(&b.loaded.unit).expect("input serializes"));
    let fields = changed_fields(&fa, &fb);
    let _ = writeln!(out, "改动的数据（{} 处）：", fields.len());
    if fields.is_empty() {
        let _ = writeln!(out, "  无");
    }
    for (path, o, n) in &fields {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "（无）".into());
        let _ = writeln!(out, "{}", safe(&format!("  {path}：{} → {}", show(o), show(n))));
    }
    let render = |c: &Checked| renderer.write(&c.document, Format::Markdown);
    let (ma, mb) = match (render(&a), render(&b)) {
        (Ok(x), Ok(y)) => (
            String::from_utf8_lossy(&x).into_owned(),
            String::from_utf8_lossy(&y).into_owned(),
        ),
        (x, y) => {
            for e in [x.err(), y.err()].into_iter().flatten() {
                app::say(e);
            }
            return EXIT_INPUT;
        }
    };
    let groups = changed_sentences(&ma, &mb);
    let _ = writeln!(out, "\n报告中因此改变的内容（{} 处）：", groups.len());
    if groups.is_empty() {
        let _ = writeln!(out, "  无");
    }
    for (heading, removed, added) in groups {
        let _ = writeln!(
            out,
            "\n【{}】",
            if heading.is_empty() { "标题" } else { &heading }
        );
        for l in removed {
            let _ = writeln!(out, "- {l}");
        }
        for l in added {
            let _ = writeln!(out, "+ {l}");
        }
    }
    for (label, c) in [("原文件", &a), ("新文件", &b)] {
        let errors = c
            .findings
            .iter()
            .filter(|f| f.severity == crate::audit::Severity::Error)
            .count();
        if errors > 0 {
            let _ = writeln!(
                out,
                "\n注意：{label}审核有 {errors} 个错误，`juesuan render` 不会生成它的报告。"
            );
        }
    }
    EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_named_by_code() {
        let v: Value = serde_json::json!({"expenditure": [{"code": "2101501", "general": {"project": "1.00"}}], "unit": {"year": 2023}});
        let f = flatten(&v);
        assert_eq!(
            f.get("expenditure[2101501].general.project").map(String::as_str),
            Some("1.00")
        );
        assert_eq!(f.get("unit.year").map(String::as_str), Some("2023"));
    }

    #[test]
    fn sentences_are_grouped_by_heading() {
        let g = changed_sentences("# T\n\n## A\n\n甲1。\n\n乙。\n", "# T\n\n## A\n\n甲2。\n\n乙。\n");
        assert_eq!(
            g,
            vec![(
                "A".to_string(),
                vec!["甲1。".to_string()],
                vec!["甲2。".to_string()]
            )]
        );
    }
}
