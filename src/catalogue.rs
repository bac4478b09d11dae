//! The embedded classification catalogue: 支出功能分类科目 (类/款/项) and 部门预算支出经济分类科目
//! (类/款), from `data/` (partial; see `data/SOURCE.md`), plus the structural rules that hold
//! whatever the catalogue knows.

use std::collections::BTreeMap;
use std::sync::OnceLock;

const FUNCTION_CSV: &str = include_str!("../data/function_classification_partial.csv");
const ECONOMIC_CSV: &str = include_str!("../data/economic_classification_dept.csv");

/// Which of the two classifications a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Classification {
    /// 支出功能分类
    Function,
    /// 部门预算支出经济分类
    Economic,
}

/// The level of a function-classification code, by its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Level {
    /// 类 (3 digits)
    #[serde(rename = "类")]
    Class,
    /// 款 (5 digits)
    #[serde(rename = "款")]
    Section,
    /// 项 (7 digits; economic classification has no 项)
    #[serde(rename = "项")]
    Item,
}

impl Level {
    /// The level of a code by its number of digits, if the length is a valid one.
    pub fn of(code: &str) -> Option<Level> {
        match code.len() {
            3 => Some(Level::Class),
            5 => Some(Level::Section),
            7 => Some(Level::Item),
            _ => None,
        }
    }

    /// 类, 款 or 项.
    pub fn label(self) -> &'static str {
        match self {
            Level::Class => "类",
            Level::Section => "款",
            Level::Item => "项",
        }
    }
}

struct Catalogue {
    function: BTreeMap<&'static str, &'static str>,
    economic: BTreeMap<&'static str, &'static str>,
}

fn parse(csv: &'static str) -> BTreeMap<&'static str, &'static str> {
    csv.lines()
        .skip(1)
        .filter_map(|l| {
            let mut it = l.split(',');
            Some((it.next()?.trim(), it.next()?.trim()))
        })
        .collect()
}

fn catalogue() -> &'static Catalogue {
    static CAT: OnceLock<Catalogue> = OnceLock::new();
    CAT.get_or_init(|| Catalogue {
        function: parse(FUNCTION_CSV),
        economic: parse(ECONOMIC_CSV),
    })
}

/// The catalogue's name for `code`, if it knows the code.
pub fn name_of(class: Classification, code: &str) -> Option<&'static str> {
    let c = catalogue();
    match class {
        Classification::Function => c.function.get(code).copied(),
        Classification::Economic => c.economic.get(code).copied(),
    }
}

/// Known codes of a classification that start with `prefix` and have `len` digits (for suggesting
/// near codes).
pub fn codes_like(class: Classification, len: usize) -> Vec<&'static str> {
    let c = catalogue();
    let map = match class {
        Classification::Function => &c.function,
        Classification::Economic => &c.economic,
    };
    map.keys().copied().filter(|k| k.len() == len).collect()
}

/// The 26 standard 类 that tables 01 and 04 list (in order), as real reports print them.
pub const STANDARD_CLASSES: [&str; 26] = [
    "201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215", "216",
    "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234",
];

/// 款 (and 类) whose spending is by law financed from a 政府性基金 or the 国有资本经营 budget and
/// so may never appear in the 一般公共预算 table 05 (rule 10 of the audit).
pub const FUND_ONLY_PREFIXES: [(&str, &str); 8] = [
    ("20707", "政府性基金"),
    ("21208", "政府性基金"),
    ("21213", "政府性基金"),
    ("21214", "政府性基金"),
    ("22904", "政府性基金"),
    ("22908", "政府性基金"),
    ("22960", "政府性基金"),
    ("223", "国有资本经营预算"),
];

/// The fund a code is reserved for, if it is one of [`FUND_ONLY_PREFIXES`].
pub fn reserved_fund(code: &str) -> Option<&'static str> {
    FUND_ONLY_PREFIXES
        .iter()
        .find(|(p, _)| code.starts_with(p))
        .map(|(_, f)| *f)
}

/// Economic 类 whose 款 make up 人员经费 in table 06; the others make up 公用经费.
pub const PERSONNEL_CLASSES: [&str; 2] = ["301", "303"];

/// Economic 类 allowed in 基本支出 (table 06).
pub const BASIC_ECONOMIC_CLASSES: [&str; 9] = ["301", "302", "303", "307", "309", "310", "311", "312", "399"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_common_codes() {
        assert_eq!(name_of(Classification::Function, "2101501"), Some("行政运行"));
        assert_eq!(name_of(Classification::Function, "210"), Some("卫生健康支出"));
        assert_eq!(name_of(Classification::Economic, "30101"), Some("基本工资"));
        assert_eq!(name_of(Classification::Function, "9999999"), None);
        for c in STANDARD_CLASSES {
            assert!(name_of(Classification::Function, c).is_some(), "{c}");
        }
    }

    #[test]
    fn levels_and_reserved_funds() {
        assert_eq!(Level::of("210"), Some(Level::Class));
        assert_eq!(Level::of("21015"), Some(Level::Section));
        assert_eq!(Level::of("2101501"), Some(Level::Item));
        assert_eq!(Level::of("2101"), None);
        assert_eq!(reserved_fund("2296013"), Some("政府性基金"));
        assert_eq!(reserved_fund("2101501"), None);
    }
}
