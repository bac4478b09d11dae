//! The identities between the tables (domain.md §2) that involve independently entered figures,
//! and the published totals a unit recorded.

use super::{Auditor, Severity, w};
use crate::catalogue::Level;
use crate::derive::Context;

pub(super) fn identities(a: &mut Auditor, ctx: &Context) {
    let o = &ctx.text.overall;
    a.same_quantity(
        "balance.total",
        "balances",
        "收入总计应等于支出总计（公开01表）",
        ("收入总计", o.income_grand_total),
        ("支出总计", o.spending_grand_total),
        "请核对收入、支出和结转结余；按万元填写时各格的尾差会使两边不等，这时请改按元填写（settings.input_unit: 元）",
    );
    let fund_paths = [
        "balances.opening.general",
        "balances.fund_items",
        "balances.opening.state_capital",
    ];
    for (i, fl) in ctx.text.fiscal.funds.iter().enumerate() {
        a.same_quantity(
            ["balance.general", "balance.fund", "balance.state_capital"][i],
            fund_paths[i],
            &format!(
                "{}：年初结转和结余 + 本年收入 应等于 本年支出 + 年末结转和结余（公开04表）",
                fl.name
            ),
            ("年初结转和结余+本年收入", fl.opening + fl.income),
            ("本年支出+年末结转和结余", fl.spending + fl.closing),
            "公开04表的收入总计与支出总计会不相等。请核对该资金的收入、支出和结转结余；按万元填写有尾差时请改按元填写",
        );
    }
    for row in ctx.tables.t07.rows.iter().filter(|r| r.level == Level::Item) {
        let c = |key| row.cell(ctx.tables.t07.columns, key);
        let i = a
            .loaded
            .unit
            .balances
            .fund_items
            .iter()
            .position(|r| r.code.0 == row.code);
        let path = i
            .map(|i| format!("balances.fund_items[{i}]"))
            .unwrap_or_else(|| "balances.fund_items".into());
        a.equal(
            "t07.balance",
            &path,
            &format!(
                "公开07表 {} {}：年初结转和结余 + 本年收入 − 本年支出 应等于 年末结转和结余",
                row.code, row.name
            ),
            ("年初+收入−支出", c("opening") + c("income") - c("spending")),
            ("年末结转和结余", c("closing")),
            4,
        );
    }
    let t06 = &ctx.tables.t06;
    let b = &ctx.text.basic;
    if a.loaded.unit.basic_by_economic.is_empty() {
        if !b.total.is_zero() {
            a.push(
                Severity::Warning,
                "t06.missing",
                "basic_by_economic",
                format!(
                    "有一般公共预算财政拨款基本支出 {}万元，但未按经济分类填写 basic_by_economic：公开06表将为空，情况说明六不能列出经费构成",
                    w(b.total)
                ),
            );
        }
    } else {
        let fix = "公开05表（各“项”的 general.personnel / general.public 之和）与公开06表（basic_by_economic 各“款”之和）必须一致。请使两处相加相等；原始数据按元记账时，改按元填写（settings.input_unit: 元）即可消除万元尾差";
        a.same_quantity(
            "t05_t06.personnel",
            "basic_by_economic",
            "公开05表人员经费应等于公开06表人员经费合计（301+303）",
            ("05表人员经费", b.personnel),
            ("06表人员经费合计", t06.personnel_total),
            fix,
        );
        a.same_quantity(
            "t05_t06.public",
            "basic_by_economic",
            "公开05表公用经费应等于公开06表公用经费合计（302+307+309+310+311+312+399）",
            ("05表公用经费", b.public),
            ("06表公用经费合计", t06.public_total),
            fix,
        );
    }
}

/// Compares the totals a unit recorded as published with the ones juesuan derives from its 项.
pub(super) fn published(a: &mut Auditor, ctx: &Context) {
    let Some(p) = a.loaded.unit.published.clone() else {
        return;
    };
    let t = &ctx.text;
    let n = (a.loaded.unit.expenditure.len() + a.loaded.unit.income.len()).max(1) as u32;
    let checks = [
        ("total", p.total, t.overall.income_grand_total, "收入支出总计"),
        (
            "total_spending",
            p.total_spending,
            t.overall.spending_grand_total,
            "支出总计",
        ),
        ("income", p.income, t.overall.income_total, "本年收入合计"),
        (
            "expenditure",
            p.expenditure,
            t.overall.spending_total,
            "本年支出合计",
        ),
        ("basic", p.basic, t.spending.basic, "基本支出"),
        ("project", p.project, t.spending.project, "项目支出"),
        (
            "fiscal_total",
            p.fiscal_total,
            t.fiscal.grand_total,
            "财政拨款收入支出总计",
        ),
        ("general", p.general, t.general.total, "一般公共预算财政拨款支出"),
        ("personnel", p.personnel, t.basic.personnel, "人员经费"),
        ("public", p.public, t.basic.public, "公用经费"),
    ];
    for (key, given, derived, what) in checks {
        if let Some(g) = given {
            a.published(
                "published.total",
                &format!("published.{key}"),
                &format!("公布的{what}与各“项”汇总数不一致"),
                ("公布数", g),
                ("汇总数", derived),
                n,
            );
        }
    }
    for (i, r) in p.general_rows.iter().enumerate() {
        let derived = ctx
            .tables
            .t05
            .rows
            .iter()
            .find(|row| row.code == r.code.0)
            .map(|row| row.cell(ctx.tables.t05.columns, "total"));
        match derived {
            Some(d) => a.published(
                "published.row",
                &format!("published.general_rows[{i}]"),
                &format!("公开05表 {} 行公布的合计数与其下各“项”之和不一致", r.code),
                ("公布数", r.amount),
                ("各项之和", d),
                n,
            ),
            None => a.push(
                Severity::Error,
                "published.row",
                &format!("published.general_rows[{i}].code"),
                format!(
                    "公开05表中没有 {} 行：请核对编码（应为有一般公共预算支出的“类”或“款”）",
                    r.code
                ),
            ),
        }
    }
}
