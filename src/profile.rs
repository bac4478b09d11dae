//! The profile (模板方案) a unit is rendered under, and the official tables its report prints
//! under that profile.
//!
//! A unit file may name its profile (`settings.profile`); `--profile` on the command line, when
//! given, wins; the default is [`DEFAULT`]. The tables are numbered by the document stage in the
//! order the profile places them, so a table's number is only known from the document:
//! [`TableNames`] reads the numbers, titles and columns from the built [`Document`], and the audit
//! names every table by them (三公 is 公开09表 under the central profile, 公开07表 under Shanghai)
//! and asks for a figure only where a printed column needs it.

use crate::document::{Block, Document};
use crate::error::{LoadError, LoadProblem, YamlProblem};
use crate::load::Loaded;
use crate::templates::ProfileAdditions;
use crate::yaml::ParseError;

/// The profile of a unit that names none, when the command line names none either.
pub const DEFAULT: &str = "central";

/// The YAML path of a unit's own profile.
pub const SETTING: &str = "settings.profile";

/// Where a unit's profile comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Neither the file nor the command line names one.
    Default,
    /// The unit file's `settings.profile`.
    File,
    /// `--profile` on the command line.
    CommandLine,
}

/// The profile a unit is rendered under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// The profile's name (`central`, `shanghai`, or one of `--templates DIR`).
    pub name: String,
    /// Where it comes from.
    pub origin: Origin,
    /// The file's own `settings.profile` when `--profile` names a different one.
    pub overridden: Option<String>,
}

/// Units shown by name in an override note; the rest are counted.
const NOTE_NAMES: usize = 5;

/// The one note of a run in which `--profile` overrides the `settings.profile` of some units
/// (`overridden`: each unit file and its own profile), or None when it overrides none. It is a
/// note, not an audit finding: the data are not at fault, the command line chose; and it is said
/// once per run rather than per unit, so a directory of Shanghai units rendered centrally for
/// comparison gets one line, not hundreds.
pub fn override_note(cli: &str, overridden: &[(std::path::PathBuf, String)]) -> Option<String> {
    if overridden.is_empty() {
        return None;
    }
    let shown: Vec<String> = overridden
        .iter()
        .take(NOTE_NAMES)
        .map(|(f, own)| format!("{}（{own}）", f.display()))
        .collect();
    let more = if overridden.len() > NOTE_NAMES {
        format!("等 {} 个单位", overridden.len())
    } else {
        String::new()
    };
    Some(format!(
        "注意：按命令行 --profile {cli} 处理，未采用单位文件中的 settings.profile：{}{more}",
        shown.join("、")
    ))
}

/// Chooses the profile of `loaded`: `cli` when given (checked against `available` by the
/// caller), else the file's `settings.profile`, else [`DEFAULT`]. A `settings.profile` that is
/// not among `available` is refused with its line, whatever the command line says, so a typo in
/// a file is found the first time it is used.
pub fn choose(cli: Option<&str>, loaded: &Loaded, available: &[String]) -> Result<Chosen, LoadError> {
    let own = loaded
        .unit
        .settings
        .profile
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    if let Some(own) = own
        && !available.iter().any(|p| p == own)
    {
        return Err(unknown(loaded, own, available));
    }
    Ok(match (cli, own) {
        (Some(c), own) => Chosen {
            name: c.to_string(),
            origin: Origin::CommandLine,
            overridden: own.filter(|o| *o != c).map(str::to_string),
        },
        (None, Some(own)) => Chosen {
            name: own.to_string(),
            origin: Origin::File,
            overridden: None,
        },
        (None, None) => Chosen {
            name: DEFAULT.to_string(),
            origin: Origin::Default,
            overridden: None,
        },
    })
}

fn unknown(loaded: &Loaded, own: &str, available: &[String]) -> LoadError {
    let line = loaded.line(SETTING);
    let column = line.and_then(|l| {
        let text = loaded.text.lines().nth(l - 1)?;
        let at = text.find(own).or_else(|| text.find(':').map(|c| c + 1))?;
        Some(text[..at].chars().count() + 1)
    });
    let snippet = line
        .zip(column)
        .and_then(|(l, c)| crate::yaml::snippet(&loaded.text, l, c));
    LoadError::new(
        &loaded.path,
        LoadProblem::Parse(Box::new(ParseError {
            line,
            column,
            problem: YamlProblem::Value(format!(
                "{SETTING}：没有名为“{}”的模板方案，可用：{}",
                crate::error::shown(own),
                available.join("、")
            )),
            snippet,
        })),
    )
}

/// One official table as the report prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedTable {
    /// The table's key (`t05`).
    pub key: String,
    /// Its number in this report ("公开05表").
    pub number: String,
    /// Its title under the profile ("一般公共预算财政拨款支出决算表").
    pub title: String,
    /// The keys of the columns it prints.
    pub columns: Vec<String>,
    /// The figure of each row, where its rows are items (`rows = "items"`).
    pub lines: Vec<String>,
    /// The cells it prints whose figure the unit did not give.
    pub missing: Vec<crate::document::MissingFigure>,
}

/// The official tables of one unit's report under its profile, by key: what the audit names a
/// table by, and what it asks for.
#[derive(Debug, Clone, Default)]
pub struct TableNames {
    printed: Vec<PrintedTable>,
    /// Titles of the tables the report does not print, from the profile's layouts.
    titles: Vec<(String, String)>,
}

impl TableNames {
    /// The tables of a built document; `titles` gives the title of every table key the profile
    /// has a layout for (used when the report does not print that table).
    pub fn new(doc: &Document, titles: impl IntoIterator<Item = (String, String)>) -> TableNames {
        let printed = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .filter_map(|t| {
                Some(PrintedTable {
                    number: t.caption.as_ref()?.number.clone(),
                    key: t.key.clone(),
                    title: t.title.clone(),
                    columns: t.columns.iter().map(|c| c.key.clone()).collect(),
                    lines: t.lines.clone(),
                    missing: t.missing.clone(),
                })
            })
            .collect();
        TableNames {
            printed,
            titles: titles.into_iter().collect(),
        }
    }

    /// The printed table `key`, if the report prints it.
    pub fn get(&self, key: &str) -> Option<&PrintedTable> {
        self.printed.iter().find(|t| t.key == key)
    }

    /// The table as a message names it: "公开05表 一般公共预算财政拨款支出决算表"; a table the report
    /// does not print by its title and "（本报告不列此表）".
    pub fn name(&self, key: &str) -> String {
        match self.get(key) {
            Some(t) => format!("{} {}", t.number, t.title),
            None => {
                let title = self
                    .titles
                    .iter()
                    .find(|(k, _)| k == key)
                    .map_or(key, |(_, t)| t.as_str());
                format!("{title}（本报告不列此表）")
            }
        }
    }

    /// The table's number alone ("公开05表"), or its title when the report does not print it.
    pub fn number(&self, key: &str) -> String {
        match self.get(key) {
            Some(t) => t.number.clone(),
            None => self.name(key),
        }
    }

    /// Whether the report prints table `key` with a column `column`. In a table whose rows are
    /// items, `actual.meeting` (a column of the 三公 table in one row) is printed when a row
    /// prints `meeting` with an `actual` column (`budget.meeting`: a `budget_initial` or
    /// `budget_full` column).
    pub fn prints(&self, key: &str, column: &str) -> bool {
        self.get(key).is_some_and(|t| {
            t.columns.iter().any(|c| c == column)
                || column.split_once('.').is_some_and(|(side, line)| {
                    t.lines.iter().any(|l| l == line)
                        && t.columns.iter().any(|c| {
                            c == side || (side == "budget" && (c == "budget_initial" || c == "budget_full"))
                        })
                })
        })
    }

    /// The printed tables, in the report's order.
    pub fn printed(&self) -> &[PrintedTable] {
        &self.printed
    }
}

/// The prose family of a profile's 情况说明: which sentences it writes, so the audit asks for a
/// reason only where a sentence prints it and for the input its sections need. A profile declares
/// it in `profiles/<name>/profile.toml` (`prose = "shanghai"`: the built-in `shanghai` profile,
/// whose sections are `templates/profiles/shanghai/sections/`, and any copy of it under another
/// name); a profile that declares nothing writes the shared sentences (`templates/sections/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Prose {
    /// The central template (seeds 001/003/004).
    #[default]
    Central,
    /// The Shanghai 2024 template (seed 005).
    Shanghai,
}

impl Prose {
    /// The template as a message names it.
    pub fn label(self) -> &'static str {
        match self {
            Prose::Central => "中央部门决算模板",
            Prose::Shanghai => "上海2024部门决算模板",
        }
    }

    /// Whether a report in this prose, with `additions`, prints `sentence` (and so its reason).
    /// This is the one place that says which comparison each template writes with its 主要原因;
    /// `tests/it/audit_profile.rs` checks it against the rendered text of every example.
    pub fn prints(self, sentence: Sentence, additions: &ProfileAdditions) -> bool {
        self.absent(sentence, additions).is_none()
    }

    /// Why a report in this prose, with `additions`, does not print `sentence`; None when it does.
    pub fn absent(self, sentence: Sentence, additions: &ProfileAdditions) -> Option<Absent> {
        use Sentence::*;
        let addition = |on: bool, key| (!on).then_some(Absent::AdditionOff(key));
        match (self, sentence) {
            (_, IncomeChange | ExpenditureChange | BasicChange | ProjectChange | GeneralBasicChange) => {
                addition(additions.yoy_clauses, "yoy_clauses")
            }
            (_, FiscalBudget) => addition(additions.deviation_rate, "deviation_rate"),
            (_, ClassBudget) => addition(additions.category_completion, "category_completion"),
            (
                _,
                TotalChange | FiscalChange | GeneralChange | GeneralBudget | ItemBudget | SangongChange
                | SangongBudget | OperatingChange,
            ) => None,
            // Neither template compares a 政府性基金 or 国有资本经营 项 with last year.
            (_, FundItemChange) => Some(Absent::NotInTemplate),
            // The shared prose writes these with their reason; the Shanghai template writes none
            // of them with one (its 十一（一） without 机关运行经费 this year, for one, states the
            // change but not its reason).
            (
                prose,
                OpeningChange
                | GeneralItemChange
                | FundChange
                | SangongPartChange
                | SangongPartBudget
                | OtherCostChange
                | OtherCostBudget
                | OperatingChangeNoneSpent,
            ) => (prose == Prose::Shanghai).then_some(Absent::NotInTemplate),
        }
    }
}

/// A sentence of 第三部分 that states a comparison and, when the unit gives one, its 主要原因.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sentence {
    /// 一: 收入支出总计 against last year.
    TotalChange,
    /// 一: 年初结转和结余 against last year.
    OpeningChange,
    /// 二: 本年收入合计 against last year.
    IncomeChange,
    /// 三: 本年支出合计 against last year.
    ExpenditureChange,
    /// 三: 基本支出 against last year.
    BasicChange,
    /// 三: 项目支出 against last year.
    ProjectChange,
    /// 四: 财政拨款收入支出总计 against last year.
    FiscalChange,
    /// 四: 财政拨款支出 against its budget (预决算差异率).
    FiscalBudget,
    /// 五（一）: 一般公共预算财政拨款支出 against last year.
    GeneralChange,
    /// 五（二）: each 类 against its budget.
    ClassBudget,
    /// 五（三）: 一般公共预算财政拨款支出 against its budget.
    GeneralBudget,
    /// 五（三）and the fund sections: each 项 against its budget.
    ItemBudget,
    /// 五（三）: each 一般公共预算 项 against last year.
    GeneralItemChange,
    /// Each 政府性基金 or 国有资本经营 项 against last year.
    FundItemChange,
    /// 六: 一般公共预算财政拨款基本支出 against last year.
    GeneralBasicChange,
    /// 政府性基金预算财政拨款支出 against last year.
    FundChange,
    /// “三公”经费 against last year.
    SangongChange,
    /// “三公”经费 against its budget.
    SangongBudget,
    /// Each part of the “三公”经费 against last year.
    SangongPartChange,
    /// Each part of the “三公”经费 against its budget.
    SangongPartBudget,
    /// 会议费, 培训费 against last year.
    OtherCostChange,
    /// 会议费, 培训费 against their budget.
    OtherCostBudget,
    /// 机关运行经费 against last year.
    OperatingChange,
    /// 机关运行经费 against last year when none was spent this year ("无机关运行经费支出，比上年减少…").
    OperatingChangeNoneSpent,
}

impl Sentence {
    /// What the sentence states, as a message names it.
    pub fn what(self) -> &'static str {
        use Sentence::*;
        match self {
            TotalChange => "一、收入支出总计与上年的对比",
            OpeningChange => "一、年初结转和结余与上年的对比",
            IncomeChange => "二、本年收入合计与上年的对比",
            ExpenditureChange => "三、本年支出合计与上年的对比",
            BasicChange => "三、基本支出与上年的对比",
            ProjectChange => "三、项目支出与上年的对比",
            FiscalChange => "四、财政拨款收入支出总计与上年的对比",
            FiscalBudget => "四、财政拨款与预算的对比（预决算差异率）",
            GeneralChange => "五（一）一般公共预算财政拨款支出与上年的对比",
            ClassBudget => "五（二）各“类”的预算完成情况",
            GeneralBudget => "五（三）一般公共预算财政拨款支出与预算的对比",
            ItemBudget => "各“项”与预算的对比",
            GeneralItemChange => "五（三）各“项”与上年的对比",
            FundItemChange => "政府性基金、国有资本经营预算各“项”与上年的对比",
            GeneralBasicChange => "六、一般公共预算财政拨款基本支出与上年的对比",
            FundChange => "政府性基金预算财政拨款支出与上年的对比",
            SangongChange => "“三公”经费合计与上年的对比",
            SangongBudget => "“三公”经费合计与预算的对比",
            SangongPartChange => "“三公”经费各项与上年对比的原因（只写合计的原因）",
            SangongPartBudget => "“三公”经费各项与预算对比的原因（只写合计的原因）",
            OtherCostChange => "会议费、培训费与上年的对比",
            OtherCostBudget => "会议费、培训费与预算的对比",
            OperatingChange => "机关运行经费与上年的对比",
            OperatingChangeNoneSpent => "本年无机关运行经费支出时与上年对比的原因",
        }
    }
}

/// Why a report does not print a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absent {
    /// The profile's template has no such sentence.
    NotInTemplate,
    /// It is an addition (`settings.additions.<key>`) that is off for this unit.
    AdditionOff(&'static str),
}

/// What one unit's report prints under its profile, as the audit needs to know it: the
/// profile, its prose, the additions after the profile's defaults and the unit's
/// `settings.additions`, the official tables, and the headings and paragraphs of the document.
#[derive(Debug, Clone, Default)]
pub struct Printed {
    /// The profile's name.
    pub profile: String,
    /// Its prose family.
    pub prose: Prose,
    /// The additions the report prints.
    pub additions: ProfileAdditions,
    /// The official tables.
    pub tables: TableNames,
    /// Whether the document was built (without it nothing is known of its headings and text).
    pub built: bool,
    /// The text of every heading of the document.
    headings: Vec<String>,
    /// The text of every paragraph and list item of the document.
    paragraphs: Vec<String>,
}

impl Printed {
    /// What `doc`, built under `profile` (writing `prose`) with `additions`, prints; `titles` as for
    /// [`TableNames::new`].
    pub fn new(
        doc: &Document,
        profile: &str,
        prose: Prose,
        additions: ProfileAdditions,
        titles: impl IntoIterator<Item = (String, String)>,
    ) -> Printed {
        let mut headings = Vec::new();
        let mut paragraphs = Vec::new();
        for b in &doc.blocks {
            match b {
                Block::Heading(h) => headings.push(h.text.clone()),
                Block::Paragraph(p) => {
                    paragraphs.push(p.text());
                }
                Block::List(l) => paragraphs.extend(l.items.iter().map(|p| p.text())),
                _ => {}
            }
        }
        Printed {
            profile: profile.to_string(),
            prose,
            additions,
            tables: TableNames::new(doc, titles),
            built: true,
            headings,
            paragraphs,
        }
    }

    /// What a report under `profile` with `additions` prints when its document could not be
    /// built: the prose and additions only.
    pub fn without_document(profile: &str, prose: Prose, additions: ProfileAdditions) -> Printed {
        Printed {
            profile: profile.to_string(),
            prose,
            additions,
            ..Printed::default()
        }
    }

    /// The profile as a message names it: "模板方案 shanghai（上海2024部门决算模板）".
    pub fn label(&self) -> String {
        let name = if self.profile.is_empty() {
            DEFAULT
        } else {
            &self.profile
        };
        format!("模板方案 {name}（{}）", self.prose.label())
    }

    /// Whether the report prints `sentence`.
    pub fn prints(&self, sentence: Sentence) -> bool {
        self.prose.prints(sentence, &self.additions)
    }

    /// Why the report does not print `sentence`, as a message says it; None when it does.
    pub fn why_not(&self, sentence: Sentence) -> Option<String> {
        let what = sentence.what();
        Some(match self.prose.absent(sentence, &self.additions)? {
            Absent::NotInTemplate => format!("{}没有这一句：{what}", self.label()),
            Absent::AdditionOff(key) => format!(
                "{}不印{what}（这是模板没有的附加内容；要印出，在 settings.additions 写 {key}: true）",
                self.label()
            ),
        })
    }

    /// Whether some heading of the document ends with `text` ("人员情况").
    pub fn has_heading(&self, text: &str) -> bool {
        self.headings.iter().any(|h| h.trim_end().ends_with(text))
    }

    /// Whether some paragraph of the document contains `text`.
    pub fn mentions(&self, text: &str) -> bool {
        self.paragraphs.iter().any(|p| p.contains(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn one_note_names_a_few_units_and_counts_the_rest() {
        assert_eq!(override_note("central", &[]), None);
        let one = [(PathBuf::from("a.yaml"), "shanghai".to_string())];
        assert_eq!(
            override_note("central", &one).unwrap(),
            "注意：按命令行 --profile central 处理，未采用单位文件中的 settings.profile：a.yaml（shanghai）"
        );
        let many: Vec<(PathBuf, String)> = (0..7)
            .map(|i| (PathBuf::from(format!("u{i}.yaml")), "shanghai".to_string()))
            .collect();
        let note = override_note("central", &many).unwrap();
        assert_eq!(note.matches("（shanghai）").count(), NOTE_NAMES, "{note}");
        assert!(note.ends_with("等 7 个单位"), "{note}");
    }
}
