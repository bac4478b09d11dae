//! Subject names: what a 功能分类 code is called in this report. The unit's own names (on its
//! rows, in `code_names`, or on last year's rows) win over the catalogue's; a code neither knows is
//! named by its code (the audit has already said so).

use crate::catalogue::{self, Classification};
use crate::input::{Code, UnitFile};
use std::collections::BTreeMap;

/// The names of the codes a unit uses (功能分类 and 经济分类).
#[derive(Debug, Clone, Default)]
pub struct SubjectNames {
    given: BTreeMap<String, String>,
    economic: BTreeMap<String, String>,
}

impl SubjectNames {
    /// Collects the names a unit gives.
    pub fn new(unit: &UnitFile) -> SubjectNames {
        let mut given = BTreeMap::new();
        for c in &unit.code_names {
            given.insert(c.code.0.clone(), c.name.trim().to_string());
        }
        let mut rows: Vec<(&Code, &Option<String>)> = Vec::new();
        rows.extend(unit.expenditure.iter().map(|r| (&r.code, &r.name)));
        rows.extend(unit.income.iter().map(|r| (&r.code, &r.name)));
        rows.extend(unit.balances.fund_items.iter().map(|r| (&r.code, &r.name)));
        rows.extend(
            unit.balances
                .state_capital_items
                .iter()
                .map(|r| (&r.code, &r.name)),
        );
        if let Some(p) = &unit.previous {
            rows.extend(p.expenditure.iter().flatten().map(|r| (&r.code, &r.name)));
            rows.extend(p.totals.general_items.iter().map(|r| (&r.code, &r.name)));
        }
        for (code, name) in rows {
            if let Some(n) = name {
                given
                    .entry(code.0.clone())
                    .or_insert_with(|| n.trim().to_string());
            }
        }
        let mut economic: BTreeMap<String, String> = unit
            .basic_by_economic
            .iter()
            .filter_map(|r| r.name.as_ref().map(|n| (r.code.0.clone(), n.trim().to_string())))
            .collect();
        for c in &unit.code_names {
            economic
                .entry(c.code.0.clone())
                .or_insert_with(|| c.name.trim().to_string());
        }
        SubjectNames { given, economic }
    }

    /// The name of a 类, 款 or 项 code.
    pub fn function(&self, code: &str) -> String {
        self.given
            .get(code)
            .cloned()
            .or_else(|| catalogue::name_of(Classification::Function, code).map(str::to_string))
            .unwrap_or_else(|| format!("科目{code}"))
    }

    /// The name of an 经济分类 类 or 款 code.
    pub fn economic(&self, code: &str) -> String {
        self.economic
            .get(code)
            .cloned()
            .or_else(|| catalogue::name_of(Classification::Economic, code).map(str::to_string))
            .unwrap_or_else(|| format!("科目{code}"))
    }

    /// A 项 in full: “类名（类）款名（款）项名（项）”.
    pub fn item_term(&self, code: &crate::validate::ItemCode) -> String {
        format!(
            "{}（类）{}（款）{}（项）",
            self.function(code.class()),
            self.function(code.section()),
            self.function(code)
        )
    }
}
