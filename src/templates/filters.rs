//! The Tera filters every template formats with: money, percentages, change and budget
//! sentences, Chinese numerals, and the escape function for user text in prose templates.
//! Wording rules live here once, so every format and every template say things the same way.
//!
//! Filters read the report's settings (`meta.percent_decimals`, `meta.text_thousands`) from
//! the render context, so templates are parsed once per process, not once per unit.

use crate::money::format_fixed;
use rust_decimal::Decimal;
use std::str::FromStr;
use tera::{Kwargs, State, Tera, TeraResult, Value};

/// Registers every filter on `tera` (before templates are added).
pub fn register(tera: &mut Tera) {
    tera.register_filter("wan", |v: &Value, _: Kwargs, s: &State| -> TeraResult<Value> {
        Ok(Value::safe_string(&text_amount(v, s)?))
    });
    tera.register_filter("pct", |v: &Value, _: Kwargs, s: &State| -> TeraResult<Value> {
        Ok(Value::safe_string(&pct(v, s)?))
    });
    tera.register_filter("change", |v: &Value, k: Kwargs, s: &State| -> TeraResult<Value> {
        let short = k.get::<String>("form")?.is_some_and(|f| f == "short");
        let than = k.get::<String>("than")?;
        Ok(Value::safe_string(&change(v, s, short, than.as_deref())?))
    });
    tera.register_filter("budget", |v: &Value, k: Kwargs, s: &State| -> TeraResult<Value> {
        let label = k
            .get::<String>("actual_label")?
            .unwrap_or_else(|| "决算".to_string());
        let initial_as = k.get::<String>("initial_as")?;
        let words = BudgetWords {
            actual_label: &label,
            initial_as: initial_as.as_deref().unwrap_or("年初预算"),
            budget_figures: k.get::<bool>("budget_figures")?.unwrap_or(true),
            completion: k.get::<bool>("completion")?.unwrap_or(true),
        };
        Ok(Value::safe_string(&budget(v, s, &words)?))
    });
    tera.register_filter(
        "budget_noun",
        |v: &Value, _: Kwargs, _: &State| -> TeraResult<Value> {
            let basis = v.get_from_path("basis").and_then(Value::as_str).unwrap_or("");
            Ok(Value::safe_string(budget_noun(basis)))
        },
    );
    tera.register_filter(
        "relation",
        |v: &Value, _: Kwargs, _: &State| -> TeraResult<Value> {
            let r = v.get_from_path("relation").and_then(Value::as_str).unwrap_or("");
            Ok(Value::safe_string(match r {
                "over" => "大于",
                "under" => "小于",
                _ => "等于",
            }))
        },
    );
    tera.register_filter("cn", |v: &Value, _: Kwargs, _: &State| -> TeraResult<Value> {
        Ok(Value::safe_string(&chinese_numeral(as_u64(v)?)))
    });
    tera.register_filter("count", |v: &Value, _: Kwargs, _: &State| -> TeraResult<Value> {
        Ok(Value::safe_string(&as_u64(v)?.to_string()))
    });
    tera.register_filter("score", |v: &Value, _: Kwargs, _: &State| -> TeraResult<Value> {
        Ok(Value::safe_string(&match dec(v)? {
            Some(d) => d.normalize().to_string(),
            None => String::new(),
        }))
    });
    tera.register_filter("clause", |v: &str, _: Kwargs, _: &State| -> String { clause(v) });
    tera.register_test("zero", |v: &Value, _: Kwargs, _: &State| -> TeraResult<bool> {
        Ok(dec(v)?.is_none_or(|d| d.is_zero()))
    });
}

/// Escapes user text for the Markdown that prose templates write, which the document stage
/// parses back into plain text: every character that could start or shape Markdown (emphasis,
/// links, code, tables, headings, lists, rules, block quotes, raw HTML, entities) becomes a
/// character reference, which the parser turns back into the same character. So a name like
/// `<b>1. *甲*</b>` stays exactly that text in every format, and cannot forge a marker line.
/// Line breaks and tabs become spaces, so a value cannot end a paragraph or a table row.
pub fn escape_md(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for ch in input.chars() {
        let rep: Option<&str> = match ch {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '*' => Some("&#42;"),
            '_' => Some("&#95;"),
            '|' => Some("&#124;"),
            '[' => Some("&#91;"),
            ']' => Some("&#93;"),
            '\\' => Some("&#92;"),
            '`' => Some("&#96;"),
            '~' => Some("&#126;"),
            '#' => Some("&#35;"),
            '-' => Some("&#45;"),
            '+' => Some("&#43;"),
            '=' => Some("&#61;"),
            '.' => Some("&#46;"),
            ')' => Some("&#41;"),
            '!' => Some("&#33;"),
            ' ' => Some("&#32;"),
            '\n' | '\r' | '\t' => Some("&#32;"),
            _ => None,
        };
        match rep {
            Some(r) => out.write_all(r.as_bytes())?,
            None => {
                let mut b = [0u8; 4];
                out.write_all(ch.encode_utf8(&mut b).as_bytes())?
            }
        }
    }
    Ok(())
}

fn err(msg: String) -> tera::Error {
    tera::Error::message(msg)
}

/// An exact decimal from a context value (decimals are serialized as strings); None for null.
pub fn dec(v: &Value) -> TeraResult<Option<Decimal>> {
    if v.is_none() || v.is_undefined() {
        return Ok(None);
    }
    if let Some(s) = v.as_str() {
        return Decimal::from_str(s)
            .map(Some)
            .map_err(|_| err(format!("“{s}”不是数值")));
    }
    if let Some(i) = v.as_i64() {
        return Ok(Some(Decimal::from(i)));
    }
    Err(err(format!("需要数值，得到的是 {v}")))
}

fn need(v: &Value) -> TeraResult<Decimal> {
    dec(v)?.ok_or_else(|| err("需要数值，得到的是空值".to_string()))
}

fn field(v: &Value, path: &str) -> TeraResult<Option<Decimal>> {
    match v.get_from_path(path) {
        Some(x) => dec(x),
        None => Ok(None),
    }
}

fn as_u64(v: &Value) -> TeraResult<u64> {
    v.as_i64()
        .and_then(|i| u64::try_from(i).ok())
        .ok_or_else(|| err(format!("需要非负整数，得到的是 {v}")))
}

/// The report's settings (`meta`) from the render context. A component does not see its caller's
/// context: one that formats money declares `@meta: map`; without it this is an error, never a
/// silent fallback to the default settings.
fn meta(s: &State) -> TeraResult<Value> {
    s.get::<Value>("meta")?
        .ok_or_else(|| err("格式化需要报告设置 meta：在组件的参数中声明 @meta: map".to_string()))
}

fn setting_dp(s: &State) -> TeraResult<u32> {
    Ok(meta(s)?
        .get_from_path("percent_decimals")
        .and_then(Value::as_i64)
        .map(|d| d.clamp(0, 4) as u32)
        .unwrap_or(2))
}

fn setting_thousands(s: &State) -> TeraResult<bool> {
    Ok(meta(s)?
        .get_from_path("text_thousands")
        .and_then(Value::as_bool)
        .unwrap_or(false))
}

/// "1051.10" (or "1,051.10" with `text_thousands`): an amount in running text.
fn text_amount(v: &Value, s: &State) -> TeraResult<String> {
    Ok(format_fixed(need(v)?, 2, setting_thousands(s)?))
}

/// "22.71%": a percentage at the report's decimals.
fn pct(v: &Value, s: &State) -> TeraResult<String> {
    Ok(format!("{}%", format_fixed(need(v)?, setting_dp(s)?, false)))
}

/// The change wording, one rule per situation (domain.md §3): "比上年增加X万元，增长P%",
/// "比上年减少X万元，下降P%", "与上年持平", for a prior of zero an increase with no rate and the
/// subject's own noun ("上年无此项收入"), and for a unit set up this year no comparison at all.
/// The short form drops "比上年" for use after "与上年相比，" ("持平" when equal). `than` names
/// last year as a template does ("2023年度": "比2023年度增加…", "与2023年度持平"); "上年" when None.
pub fn change_words(change: &ChangeWords, dp: u32, thousands: bool, short: bool) -> String {
    let a = format_fixed(change.amount, 2, thousands);
    let r = |r: Option<Decimal>| r.map(|r| format_fixed(r, dp, false)).unwrap_or_default();
    let than = change.than.unwrap_or("上年");
    let lead = if short {
        String::new()
    } else {
        format!("比{than}")
    };
    match change.direction {
        "up" => format!("{lead}增加{a}万元，增长{}%", r(change.rate)),
        "down" => format!("{lead}减少{a}万元，下降{}%", r(change.rate)),
        "equal" if short => "持平".to_string(),
        "equal" => format!("与{than}持平"),
        "new" => format!("{lead}增加{a}万元（{}，不计算增长率）", zero_prior(change.noun)),
        "no_prior_year" => match change.established {
            Some(year) => format!("无上年数据可比（本{}{year}年新设立）", change.kind),
            None => "无上年数据可比".to_string(),
        },
        _ => String::new(),
    }
}

/// What a change filter needs to word one comparison.
#[derive(Debug, Clone, Copy)]
pub struct ChangeWords<'a> {
    /// up, down, equal, new, unknown, no_prior_year (the context's `direction`).
    pub direction: &'a str,
    /// income, spending, total, fiscal_total, balance (the context's `noun`).
    pub noun: &'a str,
    /// |current − previous|.
    pub amount: Decimal,
    /// The rounded rate, when there is one.
    pub rate: Option<Decimal>,
    /// "部门" or "单位".
    pub kind: &'a str,
    /// The year the unit was set up, when given.
    pub established: Option<u64>,
    /// How last year is named ("2023年度"); "上年" when None.
    pub than: Option<&'a str>,
}

/// "Last year had none of it", in the words of the figure's noun.
fn zero_prior(noun: &str) -> &'static str {
    match noun {
        "income" => "上年无此项收入",
        "total" => "上年收入、支出总计为零",
        "fiscal_total" => "上年财政拨款收入、支出总计为零",
        "balance" => "上年无结转和结余",
        _ => "上年无此项支出",
    }
}

fn change(v: &Value, s: &State, short: bool, than: Option<&str>) -> TeraResult<String> {
    let text = |path: &str| v.get_from_path(path).and_then(Value::as_str).map(str::to_string);
    let meta = s.get::<Value>("meta").ok().flatten();
    let meta_text = |key: &str| {
        meta.as_ref()
            .and_then(|m| m.get_from_path(key).and_then(Value::as_str).map(str::to_string))
    };
    let direction = text("direction").unwrap_or_else(|| "unknown".into());
    let noun = text("noun").unwrap_or_else(|| "spending".into());
    let kind = meta_text("kind").unwrap_or_else(|| "单位".into());
    let established = meta
        .as_ref()
        .and_then(|m| m.get_from_path("established").and_then(Value::as_i64))
        .and_then(|y| u64::try_from(y).ok());
    let words = ChangeWords {
        direction: &direction,
        noun: &noun,
        amount: field(v, "amount")?.unwrap_or_default(),
        rate: field(v, "rate")?,
        kind: &kind,
        established,
        than,
    };
    Ok(change_words(&words, setting_dp(s)?, setting_thousands(s)?, short))
}

/// What the 决算数 is compared with, by the budget's basis: "全年预算数" when the comparison is
/// against the 全年预算 (the 年初预算 is absent or zero), "预算数" otherwise — so
/// "决算数小于全年预算数" never claims a 年初预算 the unit did not have.
pub fn budget_noun(basis: &str) -> &'static str {
    match basis {
        "full" => "全年预算数",
        _ => "预算数",
    }
}

/// How a template words one budget comparison (the `budget` filter's arguments).
struct BudgetWords<'a> {
    /// What the actual figure is called ("支出决算", "决算").
    actual_label: &'a str,
    /// What a rate against the 年初预算 calls it ("年初预算"; Shanghai's 三公 says "预算").
    initial_as: &'a str,
    /// Whether the budget figure itself is stated ("年初预算为X万元，"); false for a part listed
    /// after its total ("因公出国（境）费决算为a万元，完成预算的r%").
    budget_figures: bool,
    /// Whether the completion rate is stated ("，完成年初预算的R%").
    completion: bool,
}

/// The budget wording: against 年初预算, else 全年预算, else "年初未安排预算"; never a rate
/// against zero. Without `completion` the rate is left out ("年初预算为X万元，支出决算为Y万元").
fn budget(v: &Value, s: &State, words: &BudgetWords) -> TeraResult<String> {
    let (actual_label, completion) = (words.actual_label, words.completion);
    let basis = v
        .get_from_path("basis")
        .and_then(Value::as_str)
        .unwrap_or("unknown");
    let thousands = setting_thousands(s)?;
    let fmt_wan = |d: Decimal| format_fixed(d, 2, thousands);
    let actual = fmt_wan(field(v, "actual")?.unwrap_or_default());
    let dp = setting_dp(s)?;
    let rate = field(v, "completion")?
        .map(|r| format_fixed(r, dp, false))
        .unwrap_or_default();
    let initial = field(v, "initial")?.map(fmt_wan).unwrap_or_default();
    let full = field(v, "full")?.map(fmt_wan).unwrap_or_default();
    let done = |of: &str| {
        if completion {
            format!("，完成{of}的{rate}%")
        } else {
            String::new()
        }
    };
    let initial_as = words.initial_as;
    if !words.budget_figures {
        return Ok(match basis {
            "initial" => format!("{actual_label}为{actual}万元{}", done(initial_as)),
            "full" => format!("{actual_label}为{actual}万元{}", done("全年预算")),
            "unbudgeted" => format!("年初未安排预算，{actual_label}为{actual}万元"),
            _ => format!("{actual_label}为{actual}万元"),
        });
    }
    Ok(match basis {
        "initial" => {
            format!(
                "年初预算为{initial}万元，{actual_label}为{actual}万元{}",
                done(initial_as)
            )
        }
        "full" if initial.is_empty() => {
            format!(
                "全年预算为{full}万元，{actual_label}为{actual}万元{}",
                done("全年预算")
            )
        }
        "full" => format!(
            "年初未安排预算，全年预算为{full}万元，{actual_label}为{actual}万元{}",
            done("全年预算")
        ),
        "unbudgeted" => format!("年初未安排预算，{actual_label}为{actual}万元"),
        _ => format!("{actual_label}为{actual}万元"),
    })
}

/// User text used inside a sentence: surrounding blanks and trailing sentence punctuation removed
/// (the template supplies its own), so "原因。" never becomes "原因。。".
pub fn clause(s: &str) -> String {
    s.trim()
        .trim_end_matches(['。', '；', '，', '.', ';', ',', '、', ' '])
        .trim_start_matches("主要原因是：")
        .to_string()
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三, 100 → 一百.
pub fn chinese_numeral(n: u64) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        100..=999 => {
            let rest = n % 100;
            let tail = match rest {
                0 => String::new(),
                1..=9 => format!("零{}", D[rest as usize]),
                10..=19 => format!("一{}", chinese_numeral(rest)),
                _ => chinese_numeral(rest),
            };
            format!("{}百{tail}", D[(n / 100) as usize])
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn numerals() {
        let got: Vec<String> = [1, 9, 10, 11, 14, 20, 26, 100, 101, 110]
            .iter()
            .map(|n| chinese_numeral(*n))
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十四",
                "二十",
                "二十六",
                "一百",
                "一百零一",
                "一百一十"
            ]
        );
    }

    fn words(direction: &'static str, amount: &str, rate: Option<&str>) -> ChangeWords<'static> {
        ChangeWords {
            direction,
            noun: "spending",
            amount: d(amount),
            rate: rate.map(d),
            kind: "部门",
            established: None,
            than: None,
        }
    }

    #[test]
    fn change_wording_one_rule_each() {
        let cw = |w: ChangeWords, dp, th, short| change_words(&w, dp, th, short);
        assert_eq!(
            cw(words("up", "8.56", Some("22.71")), 2, false, false),
            "比上年增加8.56万元，增长22.71%"
        );
        assert_eq!(
            cw(words("down", "587.75", Some("38.33")), 2, false, false),
            "比上年减少587.75万元，下降38.33%"
        );
        assert_eq!(cw(words("equal", "0", None), 2, false, false), "与上年持平");
        let new = cw(words("new", "1.64", None), 2, false, false);
        assert!(new.contains("上年无此项支出") && !new.contains('%'), "{new}");
        assert_eq!(
            cw(words("down", "0.05", Some("1.68")), 2, false, true),
            "减少0.05万元，下降1.68%"
        );
        assert_eq!(cw(words("equal", "0", None), 2, false, true), "持平");
        assert_eq!(cw(words("unknown", "1", None), 2, false, false), "");
        assert_eq!(
            cw(words("up", "1234.5", Some("5.1")), 1, true, false),
            "比上年增加1,234.50万元，增长5.1%"
        );
    }

    #[test]
    fn a_zero_prior_year_is_worded_with_the_subjects_own_noun() {
        let of = |noun| {
            let w = ChangeWords {
                noun,
                ..words("new", "10", None)
            };
            change_words(&w, 2, false, false)
        };
        assert_eq!(
            of("income"),
            "比上年增加10.00万元（上年无此项收入，不计算增长率）"
        );
        assert_eq!(
            of("spending"),
            "比上年增加10.00万元（上年无此项支出，不计算增长率）"
        );
        assert!(of("total").contains("上年收入、支出总计为零"), "{}", of("total"));
        assert!(!of("total").contains("支出，"), "{}", of("total"));
    }

    #[test]
    fn a_new_unit_is_never_compared_with_last_year() {
        let w = ChangeWords {
            established: Some(2024),
            ..words("no_prior_year", "0", None)
        };
        assert_eq!(
            change_words(&w, 2, false, false),
            "无上年数据可比（本部门2024年新设立）"
        );
    }

    #[test]
    fn escaping_makes_markup_inert() {
        let mut out = Vec::new();
        escape_md("<script>a|b*c_</script>\n{{ x }}", &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "&lt;script&gt;a&#124;b&#42;c&#95;&lt;/script&gt;&#32;{{&#32;x&#32;}}"
        );
    }
}
