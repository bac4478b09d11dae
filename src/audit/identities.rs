//! The identities between the tables (domain.md §2) that involve independently entered figures,
//! and the published totals a unit recorded.

use super::{Auditor, Severity, sides, w};
use crate::catalogue::Level;
use crate::derive::{Context, Scale};

/// 基本支出 per 项 and its split into 人员经费 and 公用经费: where a row gives `basic` and the
/// split, they agree; where the report prints the split per 项 (the central 05表), every row
/// gives it; where the report prints the 人员经费/公用经费 totals (06表, 情况说明六), they are
/// known, from the 经济分类 款 or from the split.
pub(super) fn split(a: &mut Auditor, ctx: &Context) {
    let loaded = a.loaded;
    let scale = Scale::of(&loaded.unit);
    let t05 = a.tables.name("t05");
    let printed: Vec<&str> = [("personnel", "人员经费"), ("public", "公用经费")]
        .into_iter()
        .filter(|(k, _)| a.tables.prints("t05", k))
        .map(|(_, label)| label)
        .collect();
    for (i, r) in loaded.unit.expenditure.iter().enumerate() {
        let g = r.general.resolve();
        if let Some(c) = g.conflict {
            let (b, s) = (scale.wan(c.basic), scale.wan(c.sum));
            let (bl, sl, d) = sides(b, s);
            a.push_cmp(
                Severity::Error,
                "general.basic",
                &format!("expenditure[{i}].general.basic"),
                format!(
                    "{} 的一般公共预算基本支出 basic {bl} ≠ 人员经费 personnel + 公用经费 public {sl}，相差 {d}：三个都填时必须相等。请改正其中一个；或只填 basic（不分人员经费、公用经费时），或只填 personnel 和 public（basic 由两者相加）",
                    r.code
                ),
                (b, s),
            );
        }
        if g.split.is_none() && !printed.is_empty() {
            a.push(
                Severity::Error,
                "general.split",
                &format!("expenditure[{i}].general"),
                format!(
                    "{t05} 列出{}：请在 expenditure[{i}].general 填写 personnel 和 public（{} 只填了基本支出 basic {}万元，报告不能自行拆分）",
                    printed.join("、"),
                    r.code,
                    w(scale.wan(g.basic))
                ),
            );
        }
    }
    let b = &ctx.text.basic;
    if !b.split_known && !b.total.is_zero() {
        a.push(
            Severity::Error,
            "general.split",
            "basic_by_economic",
            format!(
                "{} 列出人员经费合计和公用经费合计，情况说明六也写出这两个数，但本单位有一般公共预算财政拨款基本支出 {}万元，两者都无从得出：请按经济分类“款”填写 basic_by_economic（人员经费为 301、303 类），或在各“项”的 general 填写 personnel 和 public",
                a.tables.name("t06"),
                w(b.total)
            ),
        );
    }
}

pub(super) fn identities(a: &mut Auditor, ctx: &Context) {
    let o = &ctx.text.overall;
    a.same_quantity(
        "balance.total",
        "balances",
        &format!("收入总计应等于支出总计（{}）", a.tables.name("t01")),
        ("收入总计", o.income_grand_total),
        ("支出总计", o.spending_grand_total),
        "请核对收入、支出和结转结余；按万元填写时各格的尾差会使两边不等，这时请改按元填写（settings.input_unit: 元）",
    );
    let fund_paths = [
        "balances.opening.general",
        "balances.fund_items",
        "balances.opening.state_capital",
    ];
    let t04 = a.tables.name("t04");
    for (i, fl) in ctx.text.fiscal.funds.iter().enumerate() {
        a.same_quantity(
            ["balance.general", "balance.fund", "balance.state_capital"][i],
            fund_paths[i],
            &format!(
                "{}：年初结转和结余 + 本年收入 应等于 本年支出 + 年末结转和结余（{t04}）",
                fl.name
            ),
            ("年初结转和结余+本年收入", fl.opening + fl.income),
            ("本年支出+年末结转和结余", fl.spending + fl.closing),
            &format!(
                "{}的收入总计与支出总计会不相等。请核对该资金的收入、支出和结转结余；按万元填写有尾差时请改按元填写",
                a.tables.number("t04")
            ),
        );
    }
    let t07 = a.tables.number("t07");
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
                "{t07} {} {}：年初结转和结余 + 本年收入 − 本年支出 应等于 年末结转和结余",
                row.code, row.name
            ),
            ("年初+收入−支出", c("opening") + c("income") - c("spending")),
            ("年末结转和结余", c("closing")),
            4,
        );
    }
    state_capital_items(a, ctx);
    let t06 = &ctx.tables.t06;
    let b = &ctx.text.basic;
    let (n05, n06) = (a.tables.number("t05"), a.tables.number("t06"));
    if a.loaded.unit.basic_by_economic.is_empty() {
        if !b.total.is_zero() && b.split_known {
            a.push(
                Severity::Warning,
                "t06.missing",
                "basic_by_economic",
                format!(
                    "有一般公共预算财政拨款基本支出 {}万元，但未按经济分类填写 basic_by_economic：{n06}将为空，情况说明六不能列出经费构成",
                    w(b.total)
                ),
            );
        }
    } else if let Some(split) = b.item_split {
        // The per-项 split, where given, and the 经济分类 款 state 人员经费 and 公用经费 twice.
        let (personnel, public) = if a.tables.prints("t05", "personnel") {
            (format!("{n05}人员经费"), format!("{n05}公用经费"))
        } else {
            ("各“项”人员经费之和".to_string(), "各“项”公用经费之和".to_string())
        };
        let fix = format!(
            "各“项”的 general.personnel / general.public 之和与{n06}（basic_by_economic 各“款”之和）必须一致。请使两处相加相等；原始数据按元记账时，改按元填写（settings.input_unit: 元）即可消除万元尾差"
        );
        a.same_quantity(
            "t05_t06.personnel",
            "basic_by_economic",
            &format!("{personnel}应等于{n06}人员经费合计（301+303）"),
            (&personnel, split.personnel),
            (&format!("{n06}人员经费合计"), t06.personnel_total),
            &fix,
        );
        a.same_quantity(
            "t05_t06.public",
            "basic_by_economic",
            &format!("{public}应等于{n06}公用经费合计（302+307+309+310+311+312+399）"),
            (&public, split.public),
            (&format!("{n06}公用经费合计"), t06.public_total),
            &fix,
        );
    } else {
        // Without a split, the 基本支出 of the 项 and the 款 state the 基本支出 twice.
        a.same_quantity(
            "t05_t06.basic",
            "basic_by_economic",
            &format!("{n05}基本支出应等于{n06}人员经费合计与公用经费合计之和"),
            (&format!("{n05}基本支出"), b.total),
            (
                &format!("{n06}人员经费合计+公用经费合计"),
                t06.personnel_total + t06.public_total,
            ),
            &format!(
                "各“项”的 general.basic 之和与{n06}（basic_by_economic 各“款”之和）必须一致。请使两处相加相等；原始数据按元记账时，改按元填写（settings.input_unit: 元）即可消除万元尾差"
            ),
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
    let n05 = a.tables.number("t05");
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
                &format!("{n05} {} 行公布的合计数与其下各“项”之和不一致", r.code),
                ("公布数", r.amount),
                ("各项之和", d),
                n,
            ),
            None => a.push(
                Severity::Error,
                "published.row",
                &format!("published.general_rows[{i}].code"),
                format!(
                    "{n05}中没有 {} 行：请核对编码（应为有一般公共预算支出的“类”或“款”）",
                    r.code
                ),
            ),
        }
    }
}

/// `balances.state_capital_items` (the per-项 balances of the 国有资本经营预算 table the Shanghai
/// template prints): given at all, they add up to the fund's 年初/年末结转和结余, and each 项
/// balances (年初 + 收入 − 支出 = 年末), as the 政府性基金 items do.
fn state_capital_items(a: &mut Auditor, ctx: &Context) {
    let items = &a.loaded.unit.balances.state_capital_items;
    let fund = &ctx.text.fiscal.funds[2];
    let table = a.tables.name("t08");
    if items.is_empty() {
        // A report whose 国有资本经营 table prints the balances per 项 needs them.
        if a.tables.prints("t08", "opening") && !(fund.opening.is_zero() && fund.closing.is_zero()) {
            a.push(
                Severity::Error,
                "state_capital_items.missing",
                "balances",
                format!(
                    "{table}按“项”列出年初、年末结转和结余（本单位合计 {}万元 / {}万元），但未填写 balances.state_capital_items：请按“项”填写 [{{code, opening, closing}}]，各“项”之和等于 balances.opening/closing.state_capital",
                    w(fund.opening),
                    w(fund.closing)
                ),
            );
        }
        return;
    }
    let n = items.len() as u32;
    let t = &ctx.tables.t08;
    let rows: Vec<_> = t.rows.iter().filter(|r| r.level == Level::Item).collect();
    let sum = |key| {
        rows.iter()
            .map(|r| r.cell(t.columns, key))
            .sum::<rust_decimal::Decimal>()
    };
    for (key, side, total, path) in [
        (
            "opening",
            "年初结转和结余",
            fund.opening,
            "balances.opening.state_capital",
        ),
        (
            "closing",
            "年末结转和结余",
            fund.closing,
            "balances.closing.state_capital",
        ),
    ] {
        a.equal(
            "state_capital_items.sum",
            path,
            &format!(
                "国有资本经营预算财政拨款{side}：balances.state_capital_items 各“项”之和应等于 {path}（{table}）"
            ),
            ("各“项”之和", sum(key)),
            (side, total),
            n,
        );
    }
    for row in rows {
        let c = |key| row.cell(t.columns, key);
        let path = items
            .iter()
            .position(|r| r.code.0 == row.code)
            .map(|i| format!("balances.state_capital_items[{i}]"))
            .unwrap_or_else(|| "balances.state_capital_items".into());
        a.equal(
            "t08.balance",
            &path,
            &format!(
                "{table} {} {}：年初结转和结余 + 本年收入 − 本年支出 应等于 年末结转和结余",
                row.code, row.name
            ),
            ("年初+收入−支出", c("opening") + c("income") - c("total")),
            ("年末结转和结余", c("closing")),
            4,
        );
    }
}
