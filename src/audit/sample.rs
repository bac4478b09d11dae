//! Sample data left from `juesuan init`: the scaffold passes every identity so that `check` runs
//! on it at once, but its duties, staff and figures are examples. Each section that is still
//! exactly the scaffold's is a warning (`scaffold.sample`) until the officer replaces it.

use super::{Auditor, Severity};
use crate::input::UnitFile;
use serde_json::Value;
use std::sync::OnceLock;

/// The scaffold as parsed input (its name and year do not matter: the compared sections do not
/// contain them).
fn scaffold() -> Option<&'static UnitFile> {
    static SCAFFOLD: OnceLock<Option<UnitFile>> = OnceLock::new();
    SCAFFOLD
        .get_or_init(|| {
            let text = crate::scaffold::scaffold("示例单位", 2024, crate::scaffold::DEFAULT_SCHEMA);
            crate::yaml::parse_unit(&text).ok()
        })
        .as_ref()
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
    let Some(s) = scaffold() else {
        return;
    };
    let mine = sections(&a.loaded.unit);
    for ((path, what, value), (_, _, sample)) in mine.into_iter().zip(sections(s)) {
        let empty = matches!(&value, Value::Null) || value.as_array().is_some_and(Vec::is_empty);
        if !empty && value == sample {
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
