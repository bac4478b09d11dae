//! Sample data left from `juesuan init`: the scaffold passes every identity so that `check` runs
//! on it at once, but its duties, staff and figures are examples. Each section that is still
//! exactly the scaffold's is a warning (`scaffold.sample`) until the officer replaces it.

use super::{Auditor, Severity};
use crate::input::UnitFile;
use serde_json::Value;
use std::sync::OnceLock;

/// The scaffold's sample sections as JSON, committed next to this file so that no process has
/// to parse the scaffold's YAML (that took a tenth of a whole render). A unit test checks it is
/// the scaffold's and rewrites it with `JUESUAN_BLESS=1 cargo test --lib sample`.
const SAMPLE_SECTIONS: &str = include_str!("sample_sections.json");

/// The sample sections, in [`sections`] order.
fn samples() -> Option<&'static [Value]> {
    static SAMPLES: OnceLock<Option<Vec<Value>>> = OnceLock::new();
    SAMPLES
        .get_or_init(|| serde_json::from_str::<Vec<Value>>(SAMPLE_SECTIONS).ok())
        .as_deref()
}

/// The sample sections computed from the scaffold itself (its name and year do not matter: the
/// compared sections do not contain them).
#[cfg(test)]
fn scaffold_sections() -> Option<Vec<Value>> {
    let text = crate::scaffold::scaffold("示例单位", 2024, crate::scaffold::DEFAULT_SCHEMA);
    let unit = crate::yaml::parse_unit(&text).ok()?;
    Some(sections(&unit).into_iter().map(|(_, _, v)| v).collect())
}

/// Any input section as JSON, for comparison.
fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// The sections of a unit that hold sample values in the scaffold: YAML path, name, value.
fn sections(u: &UnitFile) -> [(&'static str, &'static str, Value); 9] {
    [
        ("unit.duties", "主要职责", json(&u.unit.duties)),
        ("unit.offices", "内设机构", json(&u.unit.offices)),
        ("unit.staff", "人员情况", json(&u.unit.staff)),
        ("income", "收入", json(&u.income)),
        ("expenditure", "支出", json(&u.expenditure)),
        (
            "basic_by_economic",
            "基本支出经济分类",
            json(&u.basic_by_economic),
        ),
        ("sangong", "“三公”经费", json(&u.sangong)),
        ("operating_costs", "机关运行经费", json(&u.operating_costs)),
        ("assets", "国有资产", json(&u.assets)),
    ]
}

pub(super) fn sample_values(a: &mut Auditor) {
    let Some(samples) = samples() else {
        return;
    };
    let mine = sections(&a.loaded.unit);
    for ((path, what, value), sample) in mine.into_iter().zip(samples) {
        let empty = matches!(&value, Value::Null) || value.as_array().is_some_and(Vec::is_empty);
        if !empty && value == *sample {
            a.push(
                Severity::Warning,
                "scaffold.sample",
                path,
                format!(
                    "{what}（{path}）仍是 juesuan init 生成的示例数据：请换成本单位的实际内容，不需要的删去"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_sample_sections_are_the_scaffolds() {
        let computed = scaffold_sections().expect("the scaffold parses");
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/audit/sample_sections.json");
        if std::env::var_os("JUESUAN_BLESS").is_some() {
            let text = serde_json::to_string_pretty(&computed).unwrap();
            std::fs::write(path, text + "\n").unwrap();
            return;
        }
        assert_eq!(
            samples().map(<[Value]>::to_vec),
            Some(computed),
            "src/audit/sample_sections.json is stale: JUESUAN_BLESS=1 cargo test --lib sample"
        );
    }
}
