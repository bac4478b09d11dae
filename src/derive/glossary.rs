//! 名词解释: the standard terms of each jurisdiction's template, in its own words ([`SCHEMES`]:
//! the central 17 terms, the Shanghai 11), one entry for each 功能分类 项 that has figures
//! (explained from `data/function_explanations.csv`, part of the central glossary), and the
//! unit's own entries, which add to or replace these (a replaced term keeps its place in every
//! scheme that has it; a new term is listed under every scheme).

use super::figures::UnitFigures;
use super::names::SubjectNames;
use crate::input::UnitFile;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const EXPLANATIONS_CSV: &str = include_str!("../../data/function_explanations.csv");

/// One 名词解释 entry.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    /// The term (for a 项: “类名（类）款名（款）项名（项）”).
    pub term: String,
    /// Its explanation; None when neither the catalogue nor the unit gives one.
    pub definition: Option<String>,
    /// standard / item / unit.
    pub source: &'static str,
    /// The scheme (jurisdiction) the entry belongs to, a key of [`SCHEMES`]; None for a term the
    /// unit adds, which every scheme lists.
    pub scheme: Option<&'static str>,
}

/// Each jurisdiction's standard terms, in its own wording: the key a profile's glossary names
/// (`<glossary scheme="shanghai" />`), and the terms in the order printed.
pub const SCHEMES: [(&str, &[(&str, &str)]); 2] =
    [("central", &STANDARD_TERMS), ("shanghai", &SHANGHAI_TERMS)];

/// The 11 terms of the Shanghai 2024 template, as Shanghai words them (seed 005 第四部分,
/// verbatim but for its one half-width colon, “其中:”, printed full-width as everywhere else). Four differ in meaning from the central ones: 年初/年末结转和结余, “三公”经费 (its
/// three parts) and 机关运行经费 (the 日常公用经费 within 一般公共预算财政拨款基本支出).
pub const SHANGHAI_TERMS: [(&str, &str); 11] = [
    (
        "财政拨款收入",
        "指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
    ),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动所取得的收入。"),
    (
        "经营收入",
        "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    ),
    (
        "其他收入",
        "指除上述“财政拨款收入”“事业收入”“经营收入”等以外的收入。",
    ),
    (
        "年初结转和结余",
        "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
    ),
    (
        "年末结转和结余",
        "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。",
    ),
    (
        "基本支出",
        "指单位为保障机构正常运转、完成日常工作任务而发生的各项支出。",
    ),
    (
        "项目支出",
        "指单位为完成特定的行政工作任务或事业发展目标，在基本支出之外发生的各项支出。",
    ),
    (
        "经营支出",
        "指事业单位在专业活动及辅助活动之外开展非独立核算经营活动发生的支出。",
    ),
    (
        "“三公”经费",
        "指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中：因公出国（境）费反映单位参加国际合作交流、重大项目洽谈、境外培训研修等的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务接待费反映全国性专业会议、国家重大政策调研、专项检查以及外事团组接待交流等执行公务或开展业务所需住宿费、交通费、伙食费等支出；公务用车购置及运行维护费反映编制内公务车辆的报废更新，以及用于安排市内因公出差、公务文件交换、日常工作开展等所需公务用车燃料费、维修费、过路过桥费、保险费等支出。",
    ),
    (
        "机关运行经费",
        "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
    ),
];

/// The standard terms, as the central template words them (scheme `central`).
pub const STANDARD_TERMS: [(&str, &str); 17] = [
    (
        "财政拨款收入",
        "指单位从同级财政部门取得的财政预算资金，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
    ),
    ("上级补助收入", "指从主管部门和上级单位取得的非财政补助收入。"),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动取得的收入。"),
    (
        "经营收入",
        "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    ),
    (
        "附属单位上缴收入",
        "指事业单位附属独立核算单位按照有关规定上缴的收入。",
    ),
    ("其他收入", "指单位取得的除上述收入以外的各项收入。"),
    (
        "使用非财政拨款结余（含专用结余）",
        "指事业单位按照预算管理要求使用非财政拨款结余弥补收支差额的金额，以及使用专用结余安排支出的金额。",
    ),
    (
        "年初结转和结余",
        "指单位以前年度尚未完成、结转到本年按有关规定继续使用的资金，或项目已完成等产生的结余资金。",
    ),
    (
        "结余分配",
        "指事业单位按照会计制度规定缴纳的所得税、提取的专用结余以及转入非财政拨款结余的金额等。",
    ),
    (
        "年末结转和结余",
        "指单位按有关规定结转到下年或以后年度继续使用的资金，或项目已完成等产生的结余资金。",
    ),
    (
        "基本支出",
        "指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。",
    ),
    (
        "项目支出",
        "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    ),
    ("上缴上级支出", "指事业单位按照有关规定上缴上级单位的支出。"),
    (
        "经营支出",
        "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。",
    ),
    (
        "对附属单位补助支出",
        "指事业单位用财政拨款收入之外的收入对附属单位补助发生的支出。",
    ),
    (
        "“三公”经费",
        "指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的国际旅费、国外城市间交通费、住宿费、伙食费、培训费、公杂费等支出；公务用车购置及运行维护费反映单位公务用车车辆购置支出（含车辆购置税）及燃料费、维修费、过桥过路费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。",
    ),
    (
        "机关运行经费",
        "指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
    ),
];

fn explanations() -> &'static BTreeMap<&'static str, &'static str> {
    static MAP: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        EXPLANATIONS_CSV
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut it = l.splitn(3, ',');
                Some((it.next()?.trim(), it.next()?.trim()))
            })
            .collect()
    })
}

/// The catalogue's explanation of a 项, if it has one.
pub fn explanation_of(code: &str) -> Option<&'static str> {
    explanations().get(code).copied()
}

/// Builds the glossary.
pub fn build(unit: &UnitFile, f: &UnitFigures, names: &SubjectNames) -> Vec<Term> {
    let mut terms: Vec<Term> = SCHEMES
        .iter()
        .flat_map(|(scheme, list)| {
            list.iter().map(|(t, d)| Term {
                term: t.to_string(),
                definition: Some(d.to_string()),
                source: "standard",
                scheme: Some(*scheme),
            })
        })
        .collect();
    for (code, it) in &f.items {
        if it.spending_total().is_zero() && it.income_total().is_zero() {
            continue;
        }
        let term = names.item_term(code);
        let definition = explanation_of(code).map(str::to_string);
        terms.push(Term {
            term,
            definition,
            source: "item",
            scheme: Some("central"),
        });
    }
    for g in &unit.glossary {
        let term = g.term.trim();
        let definition = Some(g.definition.trim().to_string());
        let mut replaced = false;
        for t in terms
            .iter_mut()
            .filter(|t| t.term == term || strip_item(&t.term) == term)
        {
            // At most one entry per scheme: the first match stands for the term.
            if replaced && t.scheme.is_none() {
                continue;
            }
            t.term = term.to_string();
            t.definition = definition.clone();
            t.source = "unit";
            replaced = true;
        }
        if !replaced {
            terms.push(Term {
                term: term.to_string(),
                definition,
                source: "unit",
                scheme: None,
            });
        }
    }
    terms
}

/// The 项 name of an item term (“…（款）行政运行（项）” → “行政运行”), to let a unit override it
/// by the short name.
fn strip_item(term: &str) -> &str {
    term.rsplit_once("（款）")
        .map(|(_, t)| t.trim_end_matches("（项）"))
        .unwrap_or(term)
}
