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

    /// Whether the report prints table `key` with a column `column`.
    pub fn prints(&self, key: &str, column: &str) -> bool {
        self.get(key)
            .is_some_and(|t| t.columns.iter().any(|c| c == column))
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
