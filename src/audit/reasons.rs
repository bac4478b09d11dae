//! Missing reasons: a change or a budget difference beyond the threshold without a 主要原因.

use super::{Auditor, Severity, w};
use crate::derive::{BudgetCompare, Change, Context};

pub(super) fn reasons(a: &mut Auditor, ctx: &Context) {
    let threshold = a.loaded.unit.settings.reason_threshold;
    let t = &ctx.text;
    let change = |a: &mut Auditor, path: &str, what: &str, c: &Change| {
        if c.reason.is_none() && c.needs_reason(threshold) {
            let prev = c.previous.map(w).unwrap_or_default();
            a.push(
                Severity::Warning,
                "reason.change",
                path,
                format!(
                    "{what}比上年变化较大（{} → {}万元）但没有填写主要原因",
                    prev,
                    w(c.current)
                ),
            );
        }
    };
    change(a, "reasons.total_change", "收入支出总计", &t.overall.change);
    change(
        a,
        "reasons.fiscal_change",
        "财政拨款收入支出总计",
        &t.fiscal.change,
    );
    change(
        a,
        "reasons.general_change",
        "一般公共预算财政拨款支出",
        &t.general.change,
    );
    change(a, "sangong.change_reason", "“三公”经费", &t.sangong.change);
    if let Some(op) = &t.operating_costs {
        change(a, "operating_costs.change_reason", "机关运行经费", &op.change);
    }
    let budget = |a: &mut Auditor, path: &str, what: &str, b: &BudgetCompare| {
        if b.reason.is_none() && b.needs_reason(threshold) {
            a.push(
                Severity::Warning,
                "reason.budget",
                path,
                format!(
                    "{what}决算数 {}万元 与预算数 {}万元 差异较大，但没有填写主要原因",
                    w(b.actual),
                    b.budget.map(w).unwrap_or_else(|| "0.00".into())
                ),
            );
        }
    };
    budget(a, "reasons.fiscal_budget", "财政拨款", &t.fiscal.budget);
    budget(
        a,
        "reasons.general_budget",
        crate::phrases::FISCAL_FUNDS[0],
        &t.general.budget,
    );
    budget(a, "sangong.budget_reason", "“三公”经费", &t.sangong.total);
    for item in &t.general.items {
        let i = a
            .loaded
            .unit
            .expenditure
            .iter()
            .position(|r| r.code.0 == item.code);
        let base = i
            .map(|i| format!("expenditure[{i}]"))
            .unwrap_or_else(|| "previous".into());
        let what = format!("{} {}", item.code, item.name);
        change(a, &format!("{base}.change_reason"), &what, &item.change);
        budget(a, &format!("{base}.budget_reason"), &what, &item.budget);
    }
}
