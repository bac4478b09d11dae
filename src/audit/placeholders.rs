//! Placeholders left unfilled: `juesuan import` writes 【待填写：…】 where the export holds
//! nothing (主要职责, 机构, reasons, 政府采购, 绩效); the unit file must not pass `check` until every
//! one of them is replaced by real text.

use super::{Auditor, Severity};

/// The mark that opens a placeholder. One place for it: the importer writes it, this rule finds it.
pub const PLACEHOLDER_MARK: &str = "【待填写";

/// A placeholder text: the mark, what goes there, and the closing bracket.
pub fn placeholder(what: &str) -> String {
    format!("{PLACEHOLDER_MARK}：{what}】")
}

pub(super) fn placeholders(a: &mut Auditor) {
    // Fast path: the mark cannot be anywhere in the figures if it is not in the text.
    if !a.loaded.text.contains(PLACEHOLDER_MARK) {
        return;
    }
    let value = serde_json::to_value(&a.loaded.unit).expect("the unit file always serializes");
    let mut found = Vec::new();
    walk(&value, String::new(), &mut found);
    for (path, text) in found {
        a.push(
            Severity::Error,
            "placeholder",
            &path,
            format!("还有待填写的内容：{text}（请改为实际内容；不适用的请删除这一项）"),
        );
    }
}

fn walk(v: &serde_json::Value, path: String, found: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) if s.contains(PLACEHOLDER_MARK) => found.push((path, s.clone())),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, format!("{path}[{i}]"), found);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(item, p, found);
            }
        }
        _ => {}
    }
}
