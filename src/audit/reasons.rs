//! Reasons: every change against last year and every 预决算差异 the report prints asks for its
//! 主要原因 once it passes the threshold (`reason.change`, `reason.budget`), and a reason the
//! report would not print (no last year, 持平, no budget figure, a sentence the profile's
//! template does not have or an addition that is off) is reported instead of being dropped in
//! silence (`reason.unused`). Which sentence prints which reason is [`crate::profile::Prose::prints`]
//! with the report's resolved additions: the same description decides both.

use super::{Auditor, Severity, w};
use crate::derive::{BudgetBasis, BudgetCompare, Change, Context};
use crate::profile::{Printed, Sentence};
use std::collections::BTreeMap;

/// A comparison the report may print, and where its reason is entered.
enum Compared<'a> {
    /// A year-over-year change.
    Change(&'a Change),
    /// Actual against budget.
    Budget(&'a BudgetCompare),
}

impl Compared<'_> {
    fn has_reason(&self) -> bool {
        match self {
            Compared::Change(c) => c.reason.is_some() || c.withheld_reason.is_some(),
            Compared::Budget(b) => b.reason.is_some(),
        }
    }

    fn prints_reason(&self) -> bool {
        match self {
            Compared::Change(c) => c.prints_reason(),
            Compared::Budget(b) => b.prints_reason(),
        }
    }

    /// Why a given reason is not printed, for the `reason.unused` message.
    fn why_unused(&self, no_prior_year: bool) -> &'static str {
        match self {
            Compared::Change(_) if no_prior_year => "本单位本年新设立，没有上年可比",
            Compared::Change(c) if c.previous.is_none() => {
                "没有上年数据（previous 或 previous_file），报告不作同比"
            }
            Compared::Change(_) => "与上年持平，报告不写原因",
            Compared::Budget(b) if b.budget.is_none() => "没有预算数，报告不作预决算对比",
            Compared::Budget(_) => "决算数等于预算数，报告不写原因",
        }
    }
}

/// For a 三公 head: neither budget nor spending (年初未安排预算, nothing spent), for which no
/// template writes a budget sentence (a 项 still gets one).
fn unbudgeted_and_unspent(b: &BudgetCompare) -> Option<&'static str> {
    (b.basis == BudgetBasis::Unbudgeted && b.actual.is_zero()).then_some("没有预算也没有支出，报告不写原因")
}

/// Everything known about one reason field of the input.
#[derive(Default)]
struct ReasonField {
    /// Whether the unit wrote a reason there.
    given: bool,
    /// Whether some printed comparison prints it.
    printed: bool,
    /// Why not, from the first comparison that uses it.
    why_unused: Option<String>,
}

/// One comparison: the YAML path of its reason, what it is about, the comparison, the sentence
/// that states it, and whether a missing reason is asked for at this path (a comparison fed by
/// two fields is asked for once).
struct Entry<'c> {
    path: String,
    what: String,
    compared: Compared<'c>,
    sentence: Sentence,
    ask: bool,
    /// Why this unit's figures leave the sentence out (its section says "无…" instead), if they do.
    silent: Option<&'static str>,
}

struct Reasons<'c> {
    threshold: u8,
    no_prior_year: bool,
    /// The comparisons.
    entries: Vec<Entry<'c>>,
}

/// One total the 情况说明 compares (with last year or with its budget) and whose reason the unit
/// gives under `reasons`.
struct TotalReason<'a> {
    /// The key under `reasons` ("total_change").
    field: &'static str,
    /// What the message names ("收入支出总计").
    subject: &'static str,
    /// The comparison the sentence states.
    compared: Compared<'a>,
    /// The sentence that prints the reason.
    sentence: Sentence,
    /// Why the report states no comparison at all this year, when it does not.
    silent: Option<&'static str>,
}

impl<'c> Reasons<'c> {
    fn push(
        &mut self,
        path: impl Into<String>,
        what: impl Into<String>,
        compared: Compared<'c>,
        sentence: Sentence,
    ) {
        self.entries.push(Entry {
            path: path.into(),
            what: what.into(),
            compared,
            sentence,
            ask: true,
            silent: None,
        });
    }
    /// Marks the comparison pushed last as left out of the report for this unit's figures.
    fn silence_last(&mut self, why: Option<&'static str>) {
        if let Some(e) = self.entries.last_mut() {
            e.silent = why;
        }
    }
    fn change(&mut self, path: impl Into<String>, what: impl Into<String>, c: &'c Change, s: Sentence) {
        self.push(path, what, Compared::Change(c), s);
    }
    fn budget(
        &mut self,
        path: impl Into<String>,
        what: impl Into<String>,
        b: &'c BudgetCompare,
        s: Sentence,
    ) {
        self.push(path, what, Compared::Budget(b), s);
    }
    /// A field that also feeds a comparison asked for under another path.
    fn also(&mut self, path: String, what: &str, compared: Compared<'c>, sentence: Sentence) {
        self.entries.push(Entry {
            path,
            what: what.to_string(),
            compared,
            sentence,
            ask: false,
            silent: None,
        });
    }
}

pub(super) fn reasons(a: &mut Auditor, ctx: &Context) {
    use Sentence::*;
    let unit = &a.loaded.unit;
    let t = &ctx.text;
    let mut r = Reasons {
        threshold: unit.settings.reason_threshold,
        no_prior_year: ctx.meta.established == Some(ctx.meta.year),
        entries: Vec::new(),
    };
    // A section whose figures are all zero says only "无…" and compares nothing.
    let kind_shown = |key: &str| {
        t.spending
            .kinds
            .iter()
            .any(|k| k.key == key && !k.amount.is_zero())
    };
    let income = !t.income.total.is_zero();
    let spending = !t.spending.total.is_zero();
    let fiscal = !(t.fiscal.grand_total.is_zero() && t.fiscal.spending_grand_total.is_zero());
    let general = !(t.general.total.is_zero() && t.general.items.is_empty());
    let basic = !t.basic.total.is_zero();
    let no_fiscal = (!fiscal).then_some("本年没有财政拨款收入和支出，报告只写“无财政拨款收入支出”，不作比较");
    let no_general = (!general).then_some("本年没有一般公共预算财政拨款支出，报告只写“无…支出”，不作比较");
    // In the order the report states them (findings of one line keep this order).
    let totals: [TotalReason; 12] = [
        TotalReason {
            field: "total_change",
            subject: "收入支出总计",
            compared: Compared::Change(&t.overall.change),
            sentence: TotalChange,
            silent: None,
        },
        TotalReason {
            field: "opening_change",
            subject: "年初结转和结余",
            compared: Compared::Change(&t.overall.opening_change),
            sentence: OpeningChange,
            silent: None,
        },
        TotalReason {
            field: "income_change",
            subject: "本年收入合计",
            compared: Compared::Change(&t.income.change),
            sentence: IncomeChange,
            silent: (!income).then_some("本年没有收入，报告只写“无收入”，不作同比"),
        },
        TotalReason {
            field: "expenditure_change",
            subject: "本年支出合计",
            compared: Compared::Change(&t.spending.change),
            sentence: ExpenditureChange,
            silent: (!spending).then_some("本年没有支出，报告只写“无支出”，不作同比"),
        },
        TotalReason {
            field: "basic_change",
            subject: "基本支出",
            compared: Compared::Change(&t.spending.basic_change),
            sentence: BasicChange,
            silent: (!kind_shown("basic")).then_some("本年没有基本支出，报告不列这一部分，不作同比"),
        },
        TotalReason {
            field: "project_change",
            subject: "项目支出",
            compared: Compared::Change(&t.spending.project_change),
            sentence: ProjectChange,
            silent: (!kind_shown("project")).then_some("本年没有项目支出，报告不列这一部分，不作同比"),
        },
        TotalReason {
            field: "fiscal_change",
            subject: "财政拨款收入支出总计",
            compared: Compared::Change(&t.fiscal.change),
            sentence: FiscalChange,
            silent: no_fiscal,
        },
        TotalReason {
            field: "fiscal_budget",
            subject: "财政拨款",
            compared: Compared::Budget(&t.fiscal.budget),
            sentence: FiscalBudget,
            silent: no_fiscal,
        },
        TotalReason {
            field: "general_change",
            subject: "一般公共预算财政拨款支出",
            compared: Compared::Change(&t.general.change),
            sentence: GeneralChange,
            silent: no_general,
        },
        TotalReason {
            field: "general_budget",
            subject: crate::phrases::FISCAL_FUNDS[0],
            compared: Compared::Budget(&t.general.budget),
            sentence: GeneralBudget,
            silent: no_general,
        },
        TotalReason {
            field: "general_basic_change",
            subject: "一般公共预算财政拨款基本支出",
            compared: Compared::Change(&t.basic.change),
            sentence: GeneralBasicChange,
            silent: (!basic)
                .then_some("本年没有一般公共预算财政拨款基本支出，报告只写“无…基本支出”，不作同比"),
        },
        TotalReason {
            field: "fund_change",
            subject: "政府性基金预算财政拨款支出",
            compared: Compared::Change(&t.fund.change),
            sentence: FundChange,
            silent: (!t.fund.present)
                .then_some("本年没有政府性基金预算财政拨款收支，报告只写“无…”，不作同比"),
        },
    ];
    for t in totals {
        r.push(format!("reasons.{}", t.field), t.subject, t.compared, t.sentence);
        r.silence_last(t.silent);
    }
    for cl in &t.general.classes {
        let path = match unit.budget.classes.iter().position(|c| c.code.0 == cl.share.key) {
            Some(i) => format!("budget.classes[{i}].budget_reason"),
            None => "budget.classes".to_string(),
        };
        r.budget(path, format!("{}（类）", cl.share.name), &cl.budget, ClassBudget);
    }
    let row_path = |code: &str| match unit.expenditure.iter().position(|r| r.code.0 == code) {
        Some(i) => format!("expenditure[{i}]"),
        None => "expenditure".to_string(),
    };
    let general = t.general.items.iter().map(|i| (i, GeneralItemChange));
    let funds = t
        .fund
        .items
        .iter()
        .chain(&t.state_capital.items)
        .map(|i| (i, FundItemChange));
    for (item, change) in general.chain(funds) {
        let base = row_path(&item.code);
        let what = format!("{} {}", item.code, item.name);
        r.change(
            format!("{base}.change_reason"),
            what.clone(),
            &item.change,
            change,
        );
        r.budget(format!("{base}.budget_reason"), what, &item.budget, ItemBudget);
    }
    let sg = &t.sangong;
    r.change("sangong.change_reason", "“三公”经费", &sg.change, SangongChange);
    // The 预算数 and 决算数 compared are the 三公 table's; it is named as the report numbers it.
    let sangong_table = format!("“三公”经费（{}）", a.tables.name("t09"));
    r.budget("sangong.budget_reason", sangong_table, &sg.total, SangongBudget);
    r.silence_last(unbudgeted_and_unspent(&sg.total));
    for p in &sg.parts {
        // The vehicle part joins the reasons of 购置费 and 运行维护费.
        let items: &[&str] = match p.key {
            "vehicle" => &["vehicle_purchase", "vehicle_running"],
            "abroad" => &["abroad"],
            _ => &["reception"],
        };
        let (last, others) = items.split_last().expect("each part has an item");
        for item in others {
            r.also(
                format!("sangong.{item}.change_reason"),
                p.name,
                Compared::Change(&p.change),
                SangongPartChange,
            );
            r.also(
                format!("sangong.{item}.budget_reason"),
                p.name,
                Compared::Budget(&p.budget),
                SangongPartBudget,
            );
            r.silence_last(unbudgeted_and_unspent(&p.budget));
        }
        r.change(
            format!("sangong.{last}.change_reason"),
            p.name,
            &p.change,
            SangongPartChange,
        );
        r.budget(
            format!("sangong.{last}.budget_reason"),
            p.name,
            &p.budget,
            SangongPartBudget,
        );
        r.silence_last(unbudgeted_and_unspent(&p.budget));
    }
    for (key, p) in [("meeting", &sg.meeting), ("training", &sg.training)] {
        if let Some(p) = p {
            r.change(
                format!("sangong.{key}.change_reason"),
                p.name,
                &p.change,
                OtherCostChange,
            );
            r.budget(
                format!("sangong.{key}.budget_reason"),
                p.name,
                &p.budget,
                OtherCostBudget,
            );
            r.silence_last(unbudgeted_and_unspent(&p.budget));
        }
    }
    if let Some(op) = &t.operating_costs {
        r.change(
            "operating_costs.change_reason",
            "机关运行经费",
            &op.change,
            if op.amount.is_zero() {
                OperatingChangeNoneSpent
            } else {
                OperatingChange
            },
        );
    }
    let report = a.report;
    report_reasons(a, &r, report);
}

fn report_reasons(a: &mut Auditor, r: &Reasons, report: &Printed) {
    let mut fields: BTreeMap<&str, ReasonField> = BTreeMap::new();
    let mut asked: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for e in &r.entries {
        let (path, what, p) = (e.path.as_str(), &e.what, &e.compared);
        let absent = report
            .why_not(e.sentence)
            .or_else(|| e.silent.map(str::to_string));
        let f = fields.entry(path).or_default();
        f.given |= p.has_reason();
        if p.has_reason() && absent.is_none() && p.prints_reason() {
            f.printed = true;
        } else if p.has_reason() && f.why_unused.is_none() {
            f.why_unused = Some(
                absent
                    .clone()
                    .unwrap_or_else(|| p.why_unused(r.no_prior_year).to_string()),
            );
        }
        if !e.ask || absent.is_some() || p.has_reason() || asked.contains(path) {
            continue;
        }
        // A 项 that has figures only last year, or a 类 budget summed from its 项, has no field to
        // write the reason in yet.
        let bare = path.starts_with("expenditure.") || path == "budget.classes";
        let hint = if bare {
            "（本年没有对应的条目：请在该处加上这一科目的一行，写上原因）"
        } else {
            ""
        };
        match p {
            Compared::Change(c) if c.needs_reason(r.threshold) => {
                let prev = c.previous.map(w).unwrap_or_default();
                a.push_cmp(
                    Severity::Warning,
                    "reason.change",
                    path,
                    format!(
                        "{what}比上年变化较大（{prev} → {}万元），但没有填写主要原因{hint}",
                        w(c.current)
                    ),
                    (c.current, c.previous.unwrap_or_default()),
                );
            }
            Compared::Budget(b) if b.needs_reason(r.threshold) => {
                let message = format!(
                    "{what}决算数 {}万元 与预算数 {}万元 差异较大，但没有填写主要原因{hint}",
                    w(b.actual),
                    b.budget.map(w).unwrap_or_else(|| "0.00".into())
                );
                a.push_cmp(
                    Severity::Warning,
                    "reason.budget",
                    path,
                    message,
                    (b.actual, b.budget.unwrap_or_default()),
                );
            }
            _ => continue,
        }
        asked.insert(path);
    }
    for (path, f) in fields {
        if f.given && !f.printed {
            a.push(
                Severity::Warning,
                "reason.unused",
                path,
                format!(
                    "填写了原因，但报告中不会出现：{}。请核对数据，或删去这条原因",
                    f.why_unused.as_deref().unwrap_or("报告不作这项比较")
                ),
            );
        }
    }
}
