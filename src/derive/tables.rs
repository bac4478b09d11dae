//! Tables 01–10: every row and cell, with 类/款 rows and 合计 summed from the 项.

use super::figures::{INCOME_SOURCES, ItemFigures, Scale, UnitFigures};
use crate::catalogue::{self, Classification, Level, PERSONNEL_CLASSES, STANDARD_CLASSES};
use crate::input::UnitFile;
use crate::money::round_half_up;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// All tables.
#[derive(Debug, Clone, Serialize)]
pub struct Tables {
    /// 公开01表 收入支出决算总表.
    pub t01: PairTable,
    /// 公开02表 收入决算表: cells 本年收入合计, 财政拨款收入, 上级补助收入, 事业收入, 经营收入,
    /// 附属单位上缴收入, 其他收入.
    pub t02: CodeTable,
    /// 公开03表 支出决算表: cells 本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出,
    /// 对附属单位补助支出.
    pub t03: CodeTable,
    /// 公开04表 财政拨款收入支出决算总表.
    pub t04: PairTable,
    /// 公开05表 一般公共预算财政拨款支出决算表: cells 合计, 基本支出小计, 人员经费, 公用经费, 项目支出.
    pub t05: CodeTable,
    /// 公开06表 一般公共预算财政拨款基本支出决算明细表.
    pub t06: Table06,
    /// 公开07表 政府性基金预算财政拨款收入支出决算表: cells 年初结转和结余, 本年收入, 本年支出合计,
    /// 基本支出, 项目支出, 年末结转和结余.
    pub t07: CodeTable,
    /// 公开08表 国有资本经营预算财政拨款支出决算表: cells 合计, 基本支出, 项目支出.
    pub t08: CodeTable,
    /// 公开09表 财政拨款“三公”经费支出决算表.
    pub t09: Table09,
    /// 公开10表 国有资产占用情况表 (present when the unit gave asset data).
    pub t10: Option<Table10>,
}

impl Tables {
    /// Whether any table shows a tail difference.
    pub fn any_tail_difference(&self) -> bool {
        [&self.t02, &self.t03, &self.t05, &self.t07, &self.t08]
            .iter()
            .any(|t| t.tail_difference)
            || self.t01.tail_difference
            || self.t04.tail_difference
            || self.t06.tail_difference
    }
}

/// A row of a table keyed by 功能分类 (类/款/项) or 经济分类 (类/款).
#[derive(Debug, Clone, Serialize)]
pub struct CodeRow {
    /// The code.
    pub code: String,
    /// The subject name.
    pub name: String,
    /// 类, 款 or 项.
    pub level: Level,
    /// The cells, in the table's column order.
    pub cells: Vec<Decimal>,
}

/// A table of 类/款/项 rows under a 合计 row.
#[derive(Debug, Clone, Serialize)]
pub struct CodeTable {
    /// The 合计 row's cells.
    pub total: Vec<Decimal>,
    /// 类, 款 and 项 rows in code order, each parent before its children.
    pub rows: Vec<CodeRow>,
    /// Whether the table has no figures at all (本单位无…，故本表为空表).
    pub empty: bool,
    /// Whether a displayed total differs from the sum of its displayed parts (尾差).
    pub tail_difference: bool,
}

/// One side of a line of tables 01/04.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// The label (without the 一、 numbering, which templates add when `numbered`).
    pub name: String,
    /// 行次.
    pub line: u32,
    /// The cells (one for 01, four on 04's expenditure side); None prints as an empty cell.
    pub cells: Vec<Option<Decimal>>,
    /// Whether the label takes a Chinese numeral (一、…) in front.
    pub numbered: bool,
    /// "total" for 合计/总计 lines, "sub" for indented sub-lines, "" otherwise.
    pub style: &'static str,
}

/// A printed line of tables 01/04: income on the left, expenditure on the right.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    /// 收入 side.
    pub left: Option<Line>,
    /// 支出 side.
    pub right: Option<Line>,
}

/// Tables 01 and 04: pairs of lines.
#[derive(Debug, Clone, Serialize)]
pub struct PairTable {
    /// The printed lines.
    pub pairs: Vec<Pair>,
    /// Whether the table has no figures at all.
    pub empty: bool,
    /// Whether a displayed total differs from the sum of its displayed parts.
    pub tail_difference: bool,
}

/// Table 06.
#[derive(Debug, Clone, Serialize)]
pub struct Table06 {
    /// 人员经费 rows (301, 303 类 and their 款 with figures).
    pub personnel: Vec<CodeRow>,
    /// 公用经费 rows (302, 307, 309, 310, 312, 399 …).
    pub public: Vec<CodeRow>,
    /// Side-by-side layout: personnel and public rows line by line.
    pub pairs: Vec<(Option<CodeRow>, Option<CodeRow>)>,
    /// 人员经费合计.
    pub personnel_total: Decimal,
    /// 公用经费合计.
    pub public_total: Decimal,
    /// Whether the table has no figures.
    pub empty: bool,
    /// Whether the unit gave no 经济分类 detail although it has 基本支出 (the totals then come from
    /// table 05 and the note says the detail is missing).
    pub detail_missing: bool,
    /// Whether a displayed total differs from the sum of its displayed parts.
    pub tail_difference: bool,
}

/// One column group of table 09.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SangongColumns {
    /// 合计.
    pub total: Decimal,
    /// 因公出国（境）费.
    pub abroad: Decimal,
    /// 公务用车购置及运行维护费 小计.
    pub vehicle: Decimal,
    /// 公务用车购置费.
    pub vehicle_purchase: Decimal,
    /// 公务用车运行维护费.
    pub vehicle_running: Decimal,
    /// 公务接待费.
    pub reception: Decimal,
    /// 会议费 (when published).
    pub meeting: Option<Decimal>,
    /// 培训费 (when published).
    pub training: Option<Decimal>,
}

/// Table 09.
#[derive(Debug, Clone, Serialize)]
pub struct Table09 {
    /// 年初预算数.
    pub budget: SangongColumns,
    /// 全年预算数 (年初 where no adjustment was given).
    pub full_budget: SangongColumns,
    /// 决算数.
    pub actual: SangongColumns,
    /// Whether 会议费/培训费 columns are printed.
    pub has_meeting_training: bool,
    /// What the 预算数 column holds: "initial" (年初预算) or "full" (全年预算, when the unit gave
    /// no 年初预算).
    pub budget_basis: &'static str,
    /// Whether all figures are zero.
    pub empty: bool,
}

/// Table 10.
#[derive(Debug, Clone, Serialize)]
pub struct Table10 {
    /// (name, 栏次, count) lines in official order, the 车辆数合计 first.
    pub lines: Vec<(String, u32, u32)>,
    /// Whether all counts are zero.
    pub empty: bool,
}

/// Builds every table.
pub fn build(unit: &UnitFile, f: &UnitFigures) -> Tables {
    let names = Names::new(unit);
    let t02 = code_table(f, &names, 7, |it| {
        let fiscal = it.income[0] + it.income[1] + it.income[2];
        let mut v = vec![it.income_total(), fiscal];
        v.extend_from_slice(&it.income[3..]);
        v
    });
    let t03 = code_table(f, &names, 6, |it| {
        let mut v = vec![it.spending_total()];
        v.extend_from_slice(&it.spending);
        v
    });
    let t05 = code_table(f, &names, 5, |it| {
        let g = it.general;
        vec![it.general_total(), g[0] + g[1], g[0], g[1], g[2]]
    });
    let t07 = code_table(f, &names, 6, |it| {
        let [basic, project] = it.fund;
        vec![
            it.fund_balance[0],
            it.income[1],
            basic + project,
            basic,
            project,
            it.fund_balance[1],
        ]
    });
    let t08 = code_table(f, &names, 3, |it| {
        let [basic, project] = it.state_capital;
        vec![basic + project, basic, project]
    });
    Tables {
        t01: table01(unit, f, &names),
        t02,
        t03,
        t04: table04(unit, f, &names),
        t05,
        t06: table06(unit, f),
        t07,
        t08,
        t09: table09(unit),
        t10: unit.assets.as_ref().map(table10),
    }
}

/// Subject names: the YAML's own, then the catalogue's.
struct Names {
    given: BTreeMap<String, String>,
}

impl Names {
    fn new(unit: &UnitFile) -> Names {
        let mut given = BTreeMap::new();
        for c in &unit.code_names {
            given.insert(c.code.0.clone(), c.name.trim().to_string());
        }
        let rows = unit
            .income
            .iter()
            .map(|r| (&r.code, &r.name))
            .chain(unit.expenditure.iter().map(|r| (&r.code, &r.name)))
            .chain(unit.balances.fund_items.iter().map(|r| (&r.code, &r.name)));
        for (code, name) in rows {
            if let Some(n) = name {
                given
                    .entry(code.0.clone())
                    .or_insert_with(|| n.trim().to_string());
            }
        }
        Names { given }
    }

    fn function(&self, code: &str) -> String {
        self.given
            .get(code)
            .cloned()
            .or_else(|| catalogue::name_of(Classification::Function, code).map(str::to_string))
            .unwrap_or_else(|| format!("科目{code}"))
    }
}

/// Builds a 类/款/项 table from per-项 cells; 项 with all-zero cells are left out.
fn code_table(
    f: &UnitFigures,
    names: &Names,
    width: usize,
    cells: impl Fn(&ItemFigures) -> Vec<Decimal>,
) -> CodeTable {
    let items: Vec<(&String, Vec<Decimal>)> = f
        .items
        .iter()
        .map(|(c, it)| (c, cells(it)))
        .filter(|(_, v)| v.iter().any(|x| !x.is_zero()))
        .collect();
    let zero = || vec![Decimal::ZERO; width];
    let add = |acc: &mut Vec<Decimal>, v: &[Decimal]| {
        for (a, x) in acc.iter_mut().zip(v) {
            *a += *x;
        }
    };
    let mut total = zero();
    let mut classes: BTreeMap<&str, Vec<Decimal>> = BTreeMap::new();
    let mut sections: BTreeMap<&str, Vec<Decimal>> = BTreeMap::new();
    for (code, v) in &items {
        add(&mut total, v);
        add(classes.entry(&code[..3]).or_insert_with(zero), v);
        add(sections.entry(&code[..5]).or_insert_with(zero), v);
    }
    let mut rows = Vec::new();
    let mut tail = false;
    for (class, cv) in &classes {
        rows.push(CodeRow {
            code: class.to_string(),
            name: names.function(class),
            level: Level::Class,
            cells: cv.clone(),
        });
        let secs: Vec<_> = sections
            .iter()
            .filter(|(s, _)| s.starts_with(class))
            .collect();
        tail |= differs(cv, secs.iter().map(|(_, v)| v.as_slice()));
        for (sec, sv) in secs {
            rows.push(CodeRow {
                code: sec.to_string(),
                name: names.function(sec),
                level: Level::Section,
                cells: sv.clone(),
            });
            let its: Vec<_> = items.iter().filter(|(c, _)| c.starts_with(sec)).collect();
            tail |= differs(sv, its.iter().map(|(_, v)| v.as_slice()));
            for (code, v) in its {
                rows.push(CodeRow {
                    code: code.to_string(),
                    name: names.function(code),
                    level: Level::Item,
                    cells: v.clone(),
                });
            }
        }
    }
    tail |= differs(&total, classes.values().map(Vec::as_slice));
    CodeTable {
        empty: items.is_empty(),
        total,
        rows,
        tail_difference: tail,
    }
}

/// Whether, column by column, the rounded `whole` differs from the sum of rounded `parts`.
fn differs<'a>(whole: &[Decimal], parts: impl Iterator<Item = &'a [Decimal]>) -> bool {
    let mut sums = vec![Decimal::ZERO; whole.len()];
    for p in parts {
        for (s, x) in sums.iter_mut().zip(p) {
            *s += round_half_up(*x, 2);
        }
    }
    whole
        .iter()
        .zip(&sums)
        .any(|(w, s)| round_half_up(*w, 2) != *s)
}

/// The 类 rows for tables 01/04: the standard 26 (or only non-empty ones), plus any other 类
/// with figures.
fn class_list(unit: &UnitFile, with_figures: &BTreeSet<String>) -> Vec<String> {
    let mut list: Vec<String> = if unit.settings.compact_category_rows {
        Vec::new()
    } else {
        STANDARD_CLASSES.iter().map(|s| s.to_string()).collect()
    };
    for c in with_figures {
        if !list.contains(c) {
            list.push(c.clone());
        }
    }
    list.sort();
    list
}

fn line(
    name: &str,
    line: u32,
    cells: Vec<Option<Decimal>>,
    numbered: bool,
    style: &'static str,
) -> Line {
    Line {
        name: name.to_string(),
        line,
        cells,
        numbered,
        style,
    }
}

fn table01(unit: &UnitFile, f: &UnitFigures, names: &Names) -> PairTable {
    let mut by_class: BTreeMap<String, Decimal> = BTreeMap::new();
    for (code, it) in &f.items {
        let t = it.spending_total();
        if !t.is_zero() {
            *by_class.entry(code[..3].to_string()).or_default() += t;
        }
    }
    let classes = class_list(unit, &by_class.keys().cloned().collect());
    let income: Vec<(&str, Decimal)> = INCOME_SOURCES
        .iter()
        .zip(f.income)
        .map(|((_, n), v)| (*n, v))
        .collect();
    let rows = classes.len().max(income.len()) as u32;
    let right_start = rows + 5;
    let mut pairs = Vec::new();
    for i in 0..rows as usize {
        let left = income
            .get(i)
            .map(|(n, v)| line(n, i as u32 + 1, vec![nz(*v)], true, ""));
        let right = classes.get(i).map(|c| {
            line(
                &names.function(c),
                right_start + i as u32,
                vec![by_class.get(c).copied().and_then(nz)],
                true,
                "",
            )
        });
        pairs.push(Pair {
            left: Some(left.unwrap_or_else(|| line("", i as u32 + 1, vec![None], false, ""))),
            right,
        });
    }
    let footer = [
        (
            ("本年收入合计", f.income_total()),
            ("本年支出合计", f.spending_total()),
            "total",
        ),
        (
            ("使用非财政拨款结余", f.non_fiscal_used),
            ("结余分配", f.surplus_distribution),
            "",
        ),
        (
            ("年初结转和结余", f.opening_total()),
            ("年末结转和结余", f.closing_total()),
            "",
        ),
        (
            ("总计", f.income_grand_total()),
            ("总计", f.spending_grand_total()),
            "total",
        ),
    ];
    for (k, ((ln, lv), (rn, rv), style)) in footer.into_iter().enumerate() {
        let k = k as u32;
        pairs.push(Pair {
            left: Some(line(ln, rows + 1 + k, vec![nz(lv)], false, style)),
            right: Some(line(rn, right_start + rows + k, vec![nz(rv)], false, style)),
        });
    }
    let tail = {
        let parts: Vec<Decimal> = f.income.to_vec();
        differs(&[f.income_total()], parts.iter().map(std::slice::from_ref))
            || differs(
                &[f.spending_total()],
                by_class.values().map(std::slice::from_ref),
            )
    };
    PairTable {
        pairs,
        empty: f.income_grand_total().is_zero() && f.spending_grand_total().is_zero(),
        tail_difference: tail,
    }
}

fn nz(v: Decimal) -> Option<Decimal> {
    (!v.is_zero()).then_some(v)
}

fn table04(unit: &UnitFile, f: &UnitFigures, names: &Names) -> PairTable {
    let mut by_class: BTreeMap<String, [Decimal; 3]> = BTreeMap::new();
    for (code, it) in &f.items {
        let v = [
            it.general_total(),
            it.fund[0] + it.fund[1],
            it.state_capital[0] + it.state_capital[1],
        ];
        if v.iter().any(|x| !x.is_zero()) {
            let e = by_class.entry(code[..3].to_string()).or_default();
            for i in 0..3 {
                e[i] += v[i];
            }
        }
    }
    let classes = class_list(unit, &by_class.keys().cloned().collect());
    let four = |v: [Decimal; 3]| {
        let t: Decimal = v.iter().copied().sum();
        vec![nz(t), nz(v[0]), nz(v[1]), nz(v[2])]
    };
    let income = [
        ("一般公共预算财政拨款", f.income[0]),
        ("政府性基金预算财政拨款", f.income[1]),
        ("国有资本经营预算财政拨款", f.income[2]),
    ];
    let rows = classes.len().max(3) as u32;
    let footer_len = 6;
    let right_start = rows + footer_len + 1;
    let mut pairs = Vec::new();
    for i in 0..rows as usize {
        let left = income
            .get(i)
            .map(|(n, v)| line(n, i as u32 + 1, vec![nz(*v)], true, ""));
        let right = classes.get(i).map(|c| {
            line(
                &names.function(c),
                right_start + i as u32,
                four(by_class.get(c).copied().unwrap_or_default()),
                true,
                "",
            )
        });
        pairs.push(Pair {
            left: Some(left.unwrap_or_else(|| line("", i as u32 + 1, vec![None], false, ""))),
            right,
        });
    }
    let fi = f.fiscal_income();
    let fs = f.fiscal_spending();
    let open = [f.opening[0], f.opening[1], f.opening[2]];
    let close = [f.closing[0], f.closing[1], f.closing[2]];
    let sum3 = |v: [Decimal; 3]| v.iter().copied().sum::<Decimal>();
    let fund_names = [
        "一般公共预算财政拨款",
        "政府性基金预算财政拨款",
        "国有资本经营预算财政拨款",
    ];
    let mut footer: Vec<(Line, Line)> = vec![
        (
            line("本年收入合计", rows + 1, vec![nz(sum3(fi))], false, "total"),
            line("本年支出合计", right_start + rows, four(fs), false, "total"),
        ),
        (
            line(
                "年初财政拨款结转和结余",
                rows + 2,
                vec![nz(sum3(open))],
                false,
                "",
            ),
            line(
                "年末财政拨款结转和结余",
                right_start + rows + 1,
                four(close),
                false,
                "",
            ),
        ),
    ];
    for k in 0..3 {
        let mut only = [Decimal::ZERO; 3];
        only[k] = close[k];
        footer.push((
            line(
                fund_names[k],
                rows + 3 + k as u32,
                vec![nz(open[k])],
                false,
                "sub",
            ),
            line(
                fund_names[k],
                right_start + rows + 2 + k as u32,
                four(only),
                false,
                "sub",
            ),
        ));
    }
    footer.push((
        line(
            "总计",
            rows + footer_len,
            vec![nz(f.fiscal_grand_total())],
            false,
            "total",
        ),
        line(
            "总计",
            right_start + rows + footer_len - 1,
            four([fs[0] + close[0], fs[1] + close[1], fs[2] + close[2]]),
            false,
            "total",
        ),
    ));
    for (l, r) in footer {
        pairs.push(Pair {
            left: Some(l),
            right: Some(r),
        });
    }
    let empty = f.fiscal_grand_total().is_zero() && f.fiscal_spending_grand_total().is_zero();
    let class_totals: Vec<Decimal> = by_class.values().map(|v| sum3(*v)).collect();
    let tail = differs(&[sum3(fs)], class_totals.iter().map(std::slice::from_ref))
        || differs(
            &[fs[0]],
            by_class.values().map(|v| std::slice::from_ref(&v[0])),
        );
    PairTable {
        pairs,
        empty,
        tail_difference: tail,
    }
}

fn table06(unit: &UnitFile, f: &UnitFigures) -> Table06 {
    let given: BTreeMap<String, String> = unit
        .basic_by_economic
        .iter()
        .filter_map(|r| {
            r.name
                .as_ref()
                .map(|n| (r.code.0.clone(), n.trim().to_string()))
        })
        .chain(
            unit.code_names
                .iter()
                .map(|c| (c.code.0.clone(), c.name.trim().to_string())),
        )
        .collect();
    let name = |c: &str| {
        given
            .get(c)
            .cloned()
            .or_else(|| catalogue::name_of(Classification::Economic, c).map(str::to_string))
            .unwrap_or_else(|| format!("科目{c}"))
    };
    let mut classes: BTreeMap<String, Vec<(String, Decimal)>> = BTreeMap::new();
    for (code, v) in f
        .economic
        .iter()
        .filter(|(c, v)| c.len() == 5 && !v.is_zero())
    {
        classes
            .entry(code[..3].to_string())
            .or_default()
            .push((code.clone(), *v));
    }
    let (mut personnel, mut public) = (Vec::new(), Vec::new());
    let (mut pt, mut qt) = (Decimal::ZERO, Decimal::ZERO);
    let mut tail = false;
    for (class, secs) in &classes {
        let total: Decimal = secs.iter().map(|(_, v)| *v).sum();
        tail |= differs(&[total], secs.iter().map(|(_, v)| std::slice::from_ref(v)));
        let is_personnel = PERSONNEL_CLASSES.contains(&class.as_str());
        let target = if is_personnel {
            &mut personnel
        } else {
            &mut public
        };
        if is_personnel {
            pt += total
        } else {
            qt += total
        }
        target.push(CodeRow {
            code: class.clone(),
            name: name(class),
            level: Level::Class,
            cells: vec![total],
        });
        for (code, v) in secs {
            target.push(CodeRow {
                code: code.clone(),
                name: name(code),
                level: Level::Section,
                cells: vec![*v],
            });
        }
    }
    let n = personnel.len().max(public.len());
    let pairs = (0..n)
        .map(|i| (personnel.get(i).cloned(), public.get(i).cloned()))
        .collect();
    let detail_missing = classes.is_empty() && !f.general_basic().is_zero();
    if detail_missing {
        pt = f.general[0];
        qt = f.general[1];
    }
    Table06 {
        empty: classes.is_empty() && !detail_missing,
        personnel,
        public,
        pairs,
        personnel_total: pt,
        public_total: qt,
        detail_missing,
        tail_difference: tail,
    }
}

fn table09(unit: &UnitFile) -> Table09 {
    let s = &unit.sangong;
    let scale = Scale(unit.settings.input_unit);
    let w = |a| scale.wan(a);
    let has_mt = s.meeting.is_some() || s.training.is_some();
    let cols = |pick: &dyn Fn(&crate::input::SangongItem) -> Decimal| {
        let (a, p, r, c) = (
            pick(&s.abroad),
            pick(&s.vehicle_purchase),
            pick(&s.vehicle_running),
            pick(&s.reception),
        );
        SangongColumns {
            total: a + p + r + c,
            abroad: a,
            vehicle: p + r,
            vehicle_purchase: p,
            vehicle_running: r,
            reception: c,
            meeting: s.meeting.as_ref().map(pick),
            training: s.training.as_ref().map(pick),
        }
    };
    // 预算数 is the 年初预算; a unit that only knows the 全年预算 gets that instead.
    let all = [
        &s.abroad,
        &s.vehicle_purchase,
        &s.vehicle_running,
        &s.reception,
    ];
    let initial_known = all.iter().any(|i| i.budget_initial.is_some());
    let budget = cols(&|i| {
        w(if initial_known {
            i.budget_initial.unwrap_or_default()
        } else {
            i.budget_full.unwrap_or_default()
        })
    });
    let full_budget = cols(&|i| w(i.budget_full.or(i.budget_initial).unwrap_or_default()));
    let actual = cols(&|i| w(i.actual));
    let zero = |c: &SangongColumns| {
        c.total.is_zero()
            && c.meeting.unwrap_or_default().is_zero()
            && c.training.unwrap_or_default().is_zero()
    };
    let empty = zero(&budget) && zero(&full_budget) && zero(&actual);
    Table09 {
        budget,
        full_budget,
        actual,
        has_meeting_training: has_mt,
        budget_basis: if initial_known { "initial" } else { "full" },
        empty,
    }
}

fn table10(a: &crate::input::Assets) -> Table10 {
    let lines = vec![
        ("一、车辆数合计（台、辆）".to_string(), 1, a.vehicles_total),
        (
            "1．副部（省）级及以上领导用车".to_string(),
            2,
            a.vehicles_leader,
        ),
        ("2．主要负责人用车".to_string(), 3, a.vehicles_principal),
        ("3．机要通信用车".to_string(), 4, a.vehicles_confidential),
        ("4．应急保障用车".to_string(), 5, a.vehicles_emergency),
        ("5．执法执勤用车".to_string(), 6, a.vehicles_enforcement),
        ("6．特种专业技术用车".to_string(), 7, a.vehicles_special),
        ("7．离退休干部服务用车".to_string(), 8, a.vehicles_retired),
        ("8．其他用车".to_string(), 9, a.vehicles_other),
        (
            "二、单价100万元（含）以上设备（不含车辆）（台、套）".to_string(),
            10,
            a.equipment_over_million,
        ),
    ];
    let empty = lines.iter().all(|l| l.2 == 0);
    Table10 { lines, empty }
}
