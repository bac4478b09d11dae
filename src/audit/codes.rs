//! Codes: structure (7-digit 项 under 5-digit 款 under 3-digit 类), the catalogue's names,
//! duplicates, and the fund-type rule (rule 10 of domain.md §2).

use super::{Auditor, Severity};
use crate::catalogue::{self, BASIC_ECONOMIC_CLASSES, Classification, Level};
use crate::input::Code;
use std::collections::BTreeMap;

pub(super) fn codes(a: &mut Auditor) {
    let unit = &a.loaded.unit;
    let lists: [(&str, Vec<CodeRef>); 4] = [
        (
            "income",
            unit.income.iter().map(|r| (&r.code, r.name.as_ref())).collect(),
        ),
        (
            "expenditure",
            unit.expenditure
                .iter()
                .map(|r| (&r.code, r.name.as_ref()))
                .collect(),
        ),
        (
            "balances.fund_items",
            unit.balances
                .fund_items
                .iter()
                .map(|r| (&r.code, r.name.as_ref()))
                .collect(),
        ),
        (
            "balances.state_capital_items",
            unit.balances
                .state_capital_items
                .iter()
                .map(|r| (&r.code, r.name.as_ref()))
                .collect(),
        ),
    ];
    let given_names: BTreeMap<&str, &str> = unit
        .code_names
        .iter()
        .map(|c| (c.code.0.as_str(), c.name.as_str()))
        .collect();
    for (list, rows) in &lists {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, (code, name)) in rows.iter().enumerate() {
            let path = format!("{list}[{i}].code");
            if let Some(first) = seen.insert(code.0.as_str(), i) {
                a.push(
                    Severity::Error,
                    "code.duplicate",
                    &path,
                    format!("科目 {code} 重复：已在 {list}[{first}] 填写过，同一“项”只能写一行"),
                );
            }
            function_code(a, &path, code, *name, &given_names);
        }
    }
    for (i, r) in unit.code_names.iter().enumerate() {
        let path = format!("code_names[{i}]");
        if !matches!(r.code.0.len(), 3 | 5) {
            a.push(
                Severity::Error,
                "code.structure",
                &path,
                format!("code_names 只用于3位“类”或5位“款”编码，{} 不是", r.code),
            );
        } else if let Some(known) = catalogue::name_of(Classification::Function, &r.code.0)
            && known != r.name.trim()
        {
            a.push(
                Severity::Error,
                "code.name_mismatch",
                &path,
                format!("科目 {} 的名称应为“{known}”，写的是“{}”", r.code, r.name),
            );
        }
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, r) in unit.basic_by_economic.iter().enumerate() {
        let path = format!("basic_by_economic[{i}].code");
        let c = r.code.0.as_str();
        if let Some(first) = seen.insert(c, i) {
            a.push(
                Severity::Error,
                "code.duplicate",
                &path,
                format!("经济分类 {c} 重复：已在 basic_by_economic[{first}] 填写过"),
            );
        }
        if c.len() != 5 {
            a.push(
                Severity::Error,
                "economic.structure",
                &path,
                format!("经济分类应填5位“款”编码（如 30101），{c} 是{}位", c.len()),
            );
            continue;
        }
        let Some(code) = crate::validate::SectionCode::new(c) else {
            continue;
        };
        if !BASIC_ECONOMIC_CLASSES.contains(&code.class()) {
            a.push(
                Severity::Error,
                "economic.structure",
                &path,
                format!("{c} 不属于基本支出可用的经济分类（301、302、303、307、309、310、311、312、399）"),
            );
        }
        match (catalogue::name_of(Classification::Economic, c), &r.name) {
            (Some(known), Some(n)) if known != n.trim() => a.push(
                Severity::Error,
                "code.name_mismatch",
                &format!("basic_by_economic[{i}].name"),
                format!("经济分类 {c} 的名称应为“{known}”，写的是“{n}”"),
            ),
            (None, None) => a.push(
                Severity::Error,
                "code.name_missing",
                &path,
                format!(
                    "经济分类 {c} 不在科目目录中，请核对编码{}，或用 name 写明科目名称",
                    suggest(Classification::Economic, c)
                ),
            ),
            (None, Some(_)) => a.push(
                Severity::Warning,
                "code.unknown",
                &path,
                format!("经济分类 {c} 不在内置科目目录中（目录不完整），已采用填写的名称，请核对"),
            ),
            _ => {}
        }
    }
    for (i, r) in unit.expenditure.iter().enumerate() {
        if let Some(fund) = catalogue::reserved_fund(&r.code.0) {
            let g = &r.general;
            let general = g.resolve().basic.0 + g.project.0;
            if !general.is_zero() {
                a.push(
                    Severity::Error,
                    "fund_type",
                    &format!("expenditure[{i}].general"),
                    format!(
                        "科目 {} 是{fund}安排的支出，不能列入一般公共预算财政拨款（{}）：请改填在 {}",
                        r.code,
                        a.tables.name("t05"),
                        if fund == "政府性基金" {
                            "fund"
                        } else {
                            "state_capital"
                        }
                    ),
                );
            }
        }
    }
}

/// A code as written in a row, with the name the row gives it.
type CodeRef<'a> = (&'a Code, Option<&'a String>);

fn suggest(class: Classification, code: &str) -> String {
    // A mistyped code is often one digit short or long (000 typed 280505 for 2080505).
    let lengths = [code.len().saturating_sub(1), code.len(), code.len() + 1];
    let near: Vec<&str> = lengths
        .iter()
        .flat_map(|&len| catalogue::codes_like(class, len))
        .filter(|c| crate::yaml::edit_distance(c, code) <= 1)
        .take(3)
        .collect();
    if near.is_empty() {
        String::new()
    } else {
        format!("（相近的编码：{}）", near.join("、"))
    }
}

fn function_code(
    a: &mut Auditor,
    path: &str,
    code: &Code,
    name: Option<&String>,
    given: &BTreeMap<&str, &str>,
) {
    let c = code.0.as_str();
    match Level::of(c) {
        Some(Level::Item) => {}
        Some(level) => {
            a.push(
                Severity::Error,
                "code.level",
                path,
                format!(
                    "此处应填7位“项”编码，{c} 是{}位“{}”编码：“款”“类”由各“项”汇总得出，不要直接填写",
                    c.len(),
                    level.label()
                ),
            );
            return;
        }
        None => {
            let hint = if c.len() == 6 || c.len() == 8 {
                suggest(Classification::Function, c)
            } else {
                String::new()
            };
            a.push(
                Severity::Error,
                "code.structure",
                path,
                format!(
                    "科目编码 {c} 长度为{}位：功能分类“项”应为7位（类3位+款2位+项2位）{hint}",
                    c.len()
                ),
            );
            return;
        }
    }
    let name_path = path.replace(".code", ".name");
    match (catalogue::name_of(Classification::Function, c), name) {
        (Some(known), Some(n)) if known != n.trim() => a.push(
            Severity::Error,
            "code.name_mismatch",
            &name_path,
            format!(
                "科目 {c} 的名称应为“{known}”，写的是“{}”：请核对编码或名称",
                n.trim()
            ),
        ),
        (None, None) => a.push(
            Severity::Error,
            "code.name_missing",
            path,
            format!(
                "科目 {c} 不在内置科目目录中（目录不完整）{}：请核对编码，或用 name 写明科目名称",
                suggest(Classification::Function, c)
            ),
        ),
        (None, Some(_)) => a.push(
            Severity::Warning,
            "code.unknown",
            path,
            format!("科目 {c} 不在内置科目目录中（目录不完整），已采用填写的名称，请核对"),
        ),
        _ => {}
    }
    let Some(code) = crate::validate::ItemCode::new(c) else {
        return;
    };
    for parent in [code.class(), code.section()] {
        if catalogue::name_of(Classification::Function, parent).is_none() && !given.contains_key(parent) {
            a.push(
                Severity::Error,
                "code.name_missing",
                path,
                format!("上级科目 {parent} 不在内置科目目录中：请在 code_names 中写明它的名称"),
            );
        }
    }
}
