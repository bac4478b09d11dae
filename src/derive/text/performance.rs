//! 十三、预算绩效 and the 附件: every 绩效自评表 with its derived totals, and the summary figures.

use crate::derive::compare::ratio;
use crate::derive::figures::{Scale, UnitFigures};
use crate::input::{Evaluation, SummaryItem, UnitFile};
use crate::money::{Amount, round_half_up};
use rust_decimal::Decimal;
use serde::Serialize;

/// 十三、预算绩效.
#[derive(Debug, Clone, Serialize)]
pub struct PerformanceText {
    /// The unit's own paragraphs and sub-sections, in the given order.
    pub summary: Vec<SummaryBlock>,
    /// Number of projects self-evaluated.
    pub project_count: usize,
    /// 涉及资金 (全年预算 of the evaluated projects).
    pub covered: Decimal,
    /// Share of 项目支出 covered.
    pub covered_share: Option<Decimal>,
    /// Average self-evaluation score of projects.
    pub average_score: Option<Decimal>,
    /// Whether a 部门整体 self-evaluation exists.
    pub has_overall: bool,
    /// 部门整体 score.
    pub overall_score: Option<Decimal>,
    /// (name, score, grade) per project.
    pub projects: Vec<(String, Option<Decimal>, Option<String>)>,
    /// 预算绩效管理工作开展情况, when given.
    pub management: Option<ManagementText>,
}

/// One item of the unit's own 绩效 prose, as the template prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SummaryBlock {
    /// A paragraph.
    Paragraph {
        /// Its text.
        text: String,
    },
    /// A sub-section: its bold sub-head “（number）title”, then its paragraphs.
    Section {
        /// 1-based, counting the sub-sections only (the template writes it as （一）（二）…).
        number: usize,
        /// The sub-head's text, without its number.
        title: String,
        /// The paragraphs under it.
        paragraphs: Vec<String>,
    },
}

/// The summary with its sub-sections numbered in order, paragraphs between them not counted.
pub fn summary_blocks(items: &[SummaryItem]) -> Vec<SummaryBlock> {
    let mut sections = 0;
    items
        .iter()
        .map(|item| match item {
            SummaryItem::Paragraph { text } => SummaryBlock::Paragraph { text: text.clone() },
            SummaryItem::Section { title, paragraphs } => {
                sections += 1;
                SummaryBlock::Section {
                    number: sections,
                    title: title.clone(),
                    paragraphs: paragraphs.clone(),
                }
            }
        })
        .collect()
}

/// 预算绩效管理工作开展情况 (the Shanghai form of 十): each part left out of the sentence when
/// not given.
#[derive(Debug, Clone, Serialize)]
pub struct ManagementText {
    /// 制度建设 (one paragraph, without final punctuation).
    pub systems: Option<String>,
    /// 全过程绩效管理 stages given, in the template's order (绩效目标, 跟踪, 自评).
    pub stages: Vec<Stage>,
    /// 平均得分 of the 自评 projects.
    pub average_score: Option<Decimal>,
    /// 评级为优/良/合格/不合格的项目个数.
    pub grades: Option<crate::input::Grades>,
    /// 发现问题、已完成整改、正在整改.
    pub problems: Option<crate::input::Problems>,
}

/// A stage of 全过程绩效管理.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// 编报绩效目标.
    Goals,
    /// 绩效跟踪评价.
    Tracking,
    /// 绩效自评.
    SelfEvaluation,
}

/// The projects of one stage and the budget they involve.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Stage {
    /// Which stage.
    pub kind: StageKind,
    /// 项目个数.
    pub projects: u32,
    /// 涉及预算金额 (万元).
    pub amount: Decimal,
}

/// The 预算绩效管理 sentence's figures; None when nothing of it is given (a `management:` of
/// nulls, as `init` writes it, says nothing).
fn management_text(unit: &UnitFile) -> Option<ManagementText> {
    let scale = Scale::of(unit);
    unit.performance
        .management
        .as_ref()
        .filter(|m| !m.is_empty())
        .map(|m| {
            let given = [
                (StageKind::Goals, m.goals.as_ref().map(|g| (g.projects, g.amount))),
                (
                    StageKind::Tracking,
                    m.tracking.as_ref().map(|g| (g.projects, g.amount)),
                ),
                (
                    StageKind::SelfEvaluation,
                    m.self_evaluation.as_ref().map(|g| (g.projects, g.amount)),
                ),
            ];
            ManagementText {
                systems: m.systems.clone(),
                stages: given
                    .into_iter()
                    .filter_map(|(kind, g)| {
                        g.map(|(projects, amount)| Stage {
                            kind,
                            projects,
                            amount: scale.wan(amount),
                        })
                    })
                    .collect(),
                average_score: m
                    .self_evaluation
                    .as_ref()
                    .and_then(|g| g.average_score)
                    .map(|s| s.0),
                grades: m.grades.clone(),
                problems: m.problems.clone(),
            }
        })
}

/// One 绩效自评表, with every derived figure.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationView {
    /// 项目名称 (the unit's name for the 部门整体 table when not given).
    pub name: String,
    /// 主管部门.
    pub department: Option<String>,
    /// 实施单位.
    pub implementer: Option<String>,
    /// 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金.
    pub funds: Vec<FundsRow>,
    /// 预算执行的分值.
    pub funds_weight: Decimal,
    /// 预算执行的得分.
    pub funds_score: Option<Decimal>,
    /// 预期目标.
    pub goal: Option<String>,
    /// 实际完成情况.
    pub achieved: Option<String>,
    /// Indicators with group spans for merged cells.
    pub indicators: Vec<IndicatorView>,
    /// Σ weights (funds + indicators).
    pub weight_total: Decimal,
    /// Σ scores (funds + indicators).
    pub score_total: Decimal,
    /// The score stated in YAML, else the sum.
    pub score: Decimal,
    /// 等级.
    pub grade: Option<String>,
    /// 结论.
    pub conclusion: Option<String>,
}

/// A funds line of a 绩效自评表.
#[derive(Debug, Clone, Serialize)]
pub struct FundsRow {
    /// Row label.
    pub label: &'static str,
    /// 年初预算数.
    pub initial: Decimal,
    /// 全年预算数.
    pub full: Decimal,
    /// 全年执行数.
    pub actual: Decimal,
    /// 执行率 (percent), absent when 全年预算数 is zero.
    pub rate: Option<Decimal>,
}

/// An indicator with the spans of its 一级/二级 groups (0: inside a group already opened).
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    /// The indicator as given.
    #[serde(flatten)]
    pub indicator: crate::input::Indicator,
    /// Rows the 一级 cell spans from here (0 when continuing).
    pub level1_span: usize,
    /// Rows the 二级 cell spans from here (0 when continuing).
    pub level2_span: usize,
}

/// The weight of 预算执行 in a 绩效自评表: as given; 10 (the national style) when only a score is
/// given; 0 when the table has no 预算执行 score at all (indicators then carry the 100).
pub fn funds_weight(e: &Evaluation) -> Decimal {
    match (e.funds_weight, e.funds_score) {
        (Some(w), _) => w.0,
        (None, Some(_)) => Decimal::TEN,
        (None, None) => Decimal::ZERO,
    }
}

/// The 附件: all 绩效自评表.
#[derive(Debug, Clone, Serialize)]
pub struct PerformanceView {
    /// 部门整体支出绩效自评表.
    pub overall: Option<EvaluationView>,
    /// 项目支出绩效自评表.
    pub projects: Vec<EvaluationView>,
}

/// Builds the views of all 绩效自评表.
pub fn performance_view(unit: &UnitFile, dp: u32) -> PerformanceView {
    let scale = Scale::of(unit);
    let view = |e: &Evaluation| evaluation_view(e, &unit.unit.name, scale, dp);
    PerformanceView {
        overall: unit.performance.overall.as_ref().map(view),
        projects: unit.performance.projects.iter().map(view).collect(),
    }
}

fn evaluation_view(e: &Evaluation, unit_name: &str, scale: Scale, dp: u32) -> EvaluationView {
    let w = |a: Amount| scale.wan(a);
    let row = |label, i: Decimal, f: Decimal, a: Decimal| FundsRow {
        label,
        initial: i,
        full: f,
        actual: a,
        rate: ratio(a, f, dp),
    };
    let parts = [
        ("当年财政拨款", &e.fiscal),
        ("上年结转资金", &e.carried),
        ("其他资金", &e.other),
    ];
    let mut funds = vec![row(
        "年度资金总额",
        parts.iter().map(|p| w(p.1.initial)).sum(),
        parts.iter().map(|p| w(p.1.full)).sum(),
        parts.iter().map(|p| w(p.1.actual)).sum(),
    )];
    funds.extend(
        parts
            .iter()
            .map(|(l, p)| row(l, w(p.initial), w(p.full), w(p.actual))),
    );
    let inds = &e.indicators;
    let span = |i: usize, same: &dyn Fn(usize, usize) -> bool| {
        if i > 0 && same(i - 1, i) {
            0
        } else {
            (i..inds.len()).take_while(|&j| same(i, j)).count()
        }
    };
    let indicators = (0..inds.len())
        .map(|i| IndicatorView {
            indicator: inds[i].clone(),
            level1_span: span(i, &|a, b| inds[a].level1 == inds[b].level1),
            level2_span: span(i, &|a, b| {
                inds[a].level1 == inds[b].level1 && inds[a].level2 == inds[b].level2
            }),
        })
        .collect();
    let funds_weight = funds_weight(e);
    let weight_total = funds_weight + inds.iter().filter_map(|i| i.weight).map(|a| a.0).sum::<Decimal>();
    let score_total = e.funds_score.map(|a| a.0).unwrap_or_default()
        + inds.iter().filter_map(|i| i.score).map(|a| a.0).sum::<Decimal>();
    EvaluationView {
        name: e.name.clone().unwrap_or_else(|| unit_name.to_string()),
        department: e.department.clone(),
        implementer: e.implementer.clone(),
        funds,
        funds_weight,
        funds_score: e.funds_score.map(|a| a.0),
        goal: e.goal.clone(),
        achieved: e.achieved.clone(),
        indicators,
        weight_total,
        score_total,
        score: e.score.map(|a| a.0).unwrap_or(score_total),
        grade: e.grade.clone(),
        conclusion: e.conclusion.clone(),
    }
}

pub(super) fn performance_text(unit: &UnitFile, f: &UnitFigures, dp: u32) -> PerformanceText {
    let view = performance_view(unit, dp);
    let covered: Decimal = view.projects.iter().map(|p| p.funds[0].full).sum();
    let scores: Vec<Decimal> = view.projects.iter().map(|p| p.score).collect();
    let average_score = (!scores.is_empty()).then(|| {
        round_half_up(
            scores.iter().copied().sum::<Decimal>() / Decimal::from(scores.len()),
            2,
        )
    });
    PerformanceText {
        summary: summary_blocks(&unit.performance.summary),
        project_count: view.projects.len(),
        covered,
        // A share above 100% means the evaluated money is not all 项目支出 of this year: say nothing.
        covered_share: ratio(covered, f.spending.project, dp).filter(|r| *r <= Decimal::ONE_HUNDRED),
        average_score,
        has_overall: view.overall.is_some(),
        overall_score: view.overall.as_ref().map(|o| o.score),
        projects: view
            .projects
            .iter()
            .map(|p| (p.name.clone(), Some(p.score), p.grade.clone()))
            .collect(),
        management: management_text(unit),
    }
}
