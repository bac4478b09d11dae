//! The templates a report is written from, kept under version control: Tera templates for the
//! prose (`profiles/<name>.md` is the document's order; `sections/`, `parts/` its pieces, all
//! plain Markdown), TOML layouts for the official tables (`tables/tNN.toml`, or
//! `profiles/<name>/tables/tNN.toml` for one profile), and the HTML page shell (`page.html`).
//!
//! Defaults are embedded in the binary; `--templates DIR` overrides them file by file. Everything
//! is parsed and checked once per [`Templates`], never per unit: a broken layout, a template
//! syntax error or an override whose name matches nothing is an error before any unit renders.
//!
//! Prose templates place the blocks that are not prose with functions that leave a marker line
//! for the document stage: `{{ cover() }}`, `{{ toc() }}`, `{{ table_index() }}`,
//! `{{ table(key="t05") }}`, `{{ chart(name="income") }}`, `{{ evaluation() }}` (the 部门整体
//! 绩效自评表) and `{{ evaluation(project=N) }}`; `{{ appendix_note(text="绩效自评表见附件。") }}`
//! is a paragraph the document keeps only when it has a 绩效自评表 (so no report refers to an
//! 附件 it does not have, whatever the profile). `{{ section(key=…, title=…) }}` and `{{ part(key=…, title=…) }}`
//! open a 情况说明 section and a sub-head, which the document stage numbers and orders as the
//! unit's variant (`profiles/<name>/sections.toml`) says ([`crate::document::outline`]). User text cannot forge a marker: the escape
//! function turns `[` into a character reference.
//!
//! Reusable sentence parts are Tera 2 components (`parts/change_clause.md` …), called as
//! `{{ <change_clause c={text.income.change} /> }}`. Tera checks their arguments only when a call
//! runs; the `calls` module checks every call's argument names when the templates load.

pub mod additions;
mod calls;
mod files;
pub mod filters;

use crate::document::forms;
use crate::document::layout::{self, Layout};
use crate::document::outline;
use crate::document::tables::{TABLE_KEYS, item_lines, offers_full_rows, offers_side_rows, source_keys};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use tera::Tera;

pub use additions::ProfileAdditions;
pub use files::{BUILTIN, export};

/// The prefix of a marker line; the marker is `[[juesuan:<what>:<argument>]]`.
pub const MARKER: &str = "[[juesuan:";

/// The charts a template can place with `chart(name=…)`.
pub const CHART_NAMES: [&str; 7] = [
    "overall",
    "income",
    "spending",
    "fiscal",
    "general-change",
    "general",
    "sangong",
];

/// A template problem, naming the template file and line.
#[derive(Debug, Clone)]
pub struct TemplateError {
    /// The template (or directory) at fault.
    pub template: String,
    /// What is wrong (Tera's report with file:line:column, or a layout's file:line).
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "模板 {} 有错误：{}", self.template, self.message)
    }
}

impl std::error::Error for TemplateError {}

fn tera_message(e: &tera::Error) -> String {
    // Tera's Display carries the location and snippet; include the causes too.
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(&format!("\n  原因：{s}"));
        src = s.source();
    }
    msg
}

/// Parsed and checked templates, ready for any number of units.
pub struct Templates {
    tera: Tera,
    /// Layouts by (profile, table key); profile "" holds the shared `tables/` layouts.
    layouts: BTreeMap<(String, String), Layout>,
    /// Each profile's defaults for the additions (`profiles/<name>/additions.toml`).
    additions: BTreeMap<String, ProfileAdditions>,
    /// The prose family each profile declares (`profiles/<name>/profile.toml`).
    families: BTreeMap<String, crate::profile::Prose>,
    /// Each profile's variants of its 情况说明 (`profiles/<name>/sections.toml`).
    outlines: BTreeMap<String, outline::Variants>,
    page: String,
}

fn marker(what: &str, arg: &str) -> tera::Value {
    tera::Value::safe_string(&format!("\n\n{MARKER}{what}:{arg}]]\n\n"))
}

fn register_markers(tera: &mut Tera) {
    use tera::{Kwargs, State, TeraResult};
    let err = |m: String| tera::Error::message(m);
    tera.register_function("cover", |_: Kwargs, _: &State| -> TeraResult<tera::Value> {
        Ok(marker("cover", ""))
    });
    tera.register_function("toc", |_: Kwargs, _: &State| -> TeraResult<tera::Value> {
        Ok(marker("toc", ""))
    });
    tera.register_function("table_index", |_: Kwargs, _: &State| -> TeraResult<tera::Value> {
        Ok(marker("table_index", ""))
    });
    tera.register_function("table", move |k: Kwargs, _: &State| -> TeraResult<tera::Value> {
        let key = k.must_get::<String>("key")?;
        if !TABLE_KEYS.contains(&key.as_str()) {
            return Err(err(format!(
                "没有名为“{key}”的表，可用：{}",
                TABLE_KEYS.join("、")
            )));
        }
        Ok(marker("table", &key))
    });
    tera.register_function("chart", move |k: Kwargs, _: &State| -> TeraResult<tera::Value> {
        let name = k.must_get::<String>("name")?;
        if !CHART_NAMES.contains(&name.as_str()) {
            return Err(err(format!(
                "没有名为“{name}”的图，可用：{}",
                CHART_NAMES.join("、")
            )));
        }
        Ok(marker("chart", &name))
    });
    tera.register_function(
        "appendix_note",
        move |k: Kwargs, _: &State| -> TeraResult<tera::Value> {
            let text = k.must_get::<String>("text")?;
            if text.trim().is_empty() || text.contains(['\n', '\r']) || text.contains("]]") {
                return Err(err(format!(
                    "appendix_note 的 text 应为一行文字（不含“]]”），写的是“{text}”"
                )));
            }
            Ok(marker("appendix_note", &text))
        },
    );
    tera.register_function(
        "section",
        move |k: Kwargs, _: &State| -> TeraResult<tera::Value> {
            let key = outline_key(k.must_get::<String>("key")?, "section")?;
            let title = outline_title(k.must_get::<String>("title")?, "section")?;
            let parts = k
                .get::<Vec<String>>("parts")?
                .unwrap_or_default()
                .into_iter()
                .map(|p| outline_key(p, "section 的 parts"))
                .collect::<TeraResult<Vec<_>>>()?;
            let mark = outline::SectionMark {
                key,
                title,
                parts,
                holds_unit_text: k.get::<bool>("unit_text")?.unwrap_or(false),
                omittable: k.get::<bool>("omittable")?.unwrap_or(false),
                own_sub_heads: k.get::<bool>("own_sub_heads")?.unwrap_or(false),
            };
            Ok(marker("section", &mark.encode()))
        },
    );
    tera.register_function("part", move |k: Kwargs, _: &State| -> TeraResult<tera::Value> {
        // Without a title the part is a place a variant may head; the template prints none.
        let title = match k.get::<String>("title")? {
            Some(t) => outline_title(t, "part")?,
            None => String::new(),
        };
        let mark = outline::PartMark {
            key: outline_key(k.must_get::<String>("key")?, "part")?,
            title,
            only_headed: k.get::<bool>("only_headed")?.unwrap_or(false),
        };
        Ok(marker("part", &mark.encode()))
    });
    tera.register_function("evaluation", |k: Kwargs, _: &State| -> TeraResult<tera::Value> {
        Ok(match k.get::<u64>("project")? {
            Some(n) => marker("evaluation", &n.to_string()),
            None => marker("evaluation", "overall"),
        })
    });
}

/// A section's or sub-head's key: lower-case letters, digits and `_`.
fn outline_key(key: String, what: &str) -> tera::TeraResult<String> {
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(key)
    } else {
        Err(tera::Error::message(format!(
            "{what} 的 key 应由小写字母、数字和 _ 组成，写的是“{key}”"
        )))
    }
}

/// A section's or sub-head's heading: one line, without its number (juesuan numbers them).
fn outline_title(title: String, what: &str) -> tera::TeraResult<String> {
    let t = title.trim();
    // "一、…", "（一）…", "十二、…": a run of numerals right after an optional bracket, then the
    // mark that ends a number ("三公经费、…" is not numbered: 公 is no numeral).
    let numbered = {
        let rest = t.trim_start_matches(['（', '(']);
        let after = rest.trim_start_matches(|c| "一二三四五六七八九十".contains(c));
        after.len() < rest.len() && after.starts_with(['、', '）', ')', '.', '．'])
    };
    if numbered {
        return Err(tera::Error::message(format!(
            "{what} 的 title 不写序号（juesuan 按位置编号），写的是“{title}”"
        )));
    }
    if t.is_empty() || t.contains(['\n', '\r', outline::FIELD_SEP]) || t.contains("]]") {
        return Err(tera::Error::message(format!(
            "{what} 的 title 应为一行文字（不含“]]”），写的是“{title}”"
        )));
    }
    Ok(t.to_string())
}

/// Whether an override file's name is one juesuan reads: a built-in name, a new profile
/// (`profiles/<name>.md`), a profile's `additions.toml`, `profile.toml` or `sections.toml`, or a
/// profile's table layout (`profiles/<name>/tables/tNN.toml`).
fn known_name(name: &str) -> bool {
    if BUILTIN.iter().any(|(n, _)| *n == name) {
        return true;
    }
    let Some(rest) = name.strip_prefix("profiles/") else {
        return false;
    };
    if let Some(p) = rest.strip_suffix(".md") {
        return !p.is_empty() && !p.contains('/');
    }
    match rest.split('/').collect::<Vec<_>>()[..] {
        [p, "additions.toml" | "profile.toml" | "sections.toml"] => !p.is_empty(),
        [p, "tables", file] => {
            !p.is_empty()
                && file
                    .strip_suffix(".toml")
                    .is_some_and(|k| TABLE_KEYS.contains(&k) || k == forms::INDEX_KEY)
        }
        _ => false,
    }
}

/// What a profile declares of itself in `profiles/<name>/profile.toml`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    /// Whose 情况说明 sentences its sections write (`"central"`, the default, or `"shanghai"`).
    #[serde(default)]
    prose: crate::profile::Prose,
}

/// Parses `profiles/<name>/profile.toml`; an error names the line and what may be written.
fn parse_profile(text: &str) -> Result<ProfileFile, String> {
    parse_toml(
        text,
        "可写 prose = \"central\" 或 \"shanghai\"：本方案情况说明用哪套模板的句子",
    )
}

/// Parses one of a profile's small TOML files; an error is "第 N 行：<what TOML says>（<expected>）".
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(text: &str, expected: &str) -> Result<T, String> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        let at = line.map(|l| format!("第 {l} 行：")).unwrap_or_default();
        format!("{at}{}（{expected}）", e.message().trim())
    })
}

/// The built-in name nearest to `name` (for "did you mean").
fn nearest(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .map(|(n, _)| (*n, crate::yaml::edit_distance(n, name)))
        .filter(|(_, d)| *d <= 3)
        .min_by_key(|(_, d)| *d)
        .map(|(n, _)| n)
}

impl Templates {
    /// Parses the embedded templates, overridden by the files of `override_dir` (relative names
    /// as in `templates/`), and checks every layout.
    pub fn new(override_dir: Option<&Path>) -> Result<Templates, TemplateError> {
        let mut tera = Tera::new();
        filters::register(&mut tera);
        register_markers(&mut tera);
        tera.set_escape_fn(filters::escape_md);
        tera.autoescape_on([".md"]);
        tera.set_fallback_prefixes(["builtin/"])
            .map_err(|e| TemplateError {
                template: "builtin".into(),
                message: tera_message(&e),
            })?;
        let mut files: BTreeMap<String, (String, String)> = BUILTIN
            .iter()
            .map(|(n, c)| (n.to_string(), (format!("内置模板 {n}"), c.to_string())))
            .collect();
        let mut user: Vec<(String, String)> = Vec::new();
        if let Some(dir) = override_dir {
            for (name, text) in files::read_dir(dir)? {
                if !known_name(&name) {
                    let hint = nearest(&name)
                        .map(|n| format!("，是不是要写 {n}？"))
                        .unwrap_or_else(|| "。".into());
                    return Err(TemplateError {
                        template: dir.join(&name).display().to_string(),
                        message: format!(
                            "没有同名的内置模板，这个文件不会被使用{hint}（可用的文件名见 juesuan templates export）"
                        ),
                    });
                }
                let origin = dir.join(&name).display().to_string();
                files.insert(name.clone(), (origin, text.clone()));
                user.push((name, text));
            }
        }
        let mut layouts = BTreeMap::new();
        let mut additions = BTreeMap::new();
        let mut families = BTreeMap::new();
        let mut outlines = BTreeMap::new();
        for (name, (origin, text)) in &files {
            let Some(stem) = name.strip_suffix(".toml") else {
                continue;
            };
            if let ["profiles", p, "profile"] = stem.split('/').collect::<Vec<_>>()[..] {
                let declared = parse_profile(text).map_err(|message| TemplateError {
                    template: origin.clone(),
                    message,
                })?;
                families.insert(p.to_string(), declared.prose);
                continue;
            }
            if let ["profiles", p, "sections"] = stem.split('/').collect::<Vec<_>>()[..] {
                let v = outline::parse(text).map_err(|message| TemplateError {
                    template: origin.clone(),
                    message,
                })?;
                outlines.insert(p.to_string(), v);
                continue;
            }
            if let ["profiles", p, "additions"] = stem.split('/').collect::<Vec<_>>()[..] {
                let a = additions::parse(text).map_err(|message| TemplateError {
                    template: origin.clone(),
                    message,
                })?;
                additions.insert(p.to_string(), a);
                continue;
            }
            let (profile, key) = match stem.split('/').collect::<Vec<_>>()[..] {
                ["tables", key] => (String::new(), key.to_string()),
                ["profiles", p, "tables", key] => (p.to_string(), key.to_string()),
                _ => continue,
            };
            let keys = source_keys(&key)
                .or_else(|| forms::index_keys(&key))
                .unwrap_or_default();
            let keys: Vec<(&str, _)> = keys.iter().map(|(k, c)| (k.as_str(), *c)).collect();
            let offer = layout::Offer {
                keys: &keys,
                full_rows: offers_full_rows(&key),
                side_rows: offers_side_rows(&key),
                lines: item_lines(&key),
            };
            let l = layout::parse(origin, text, offer).map_err(|e| TemplateError {
                template: origin.clone(),
                message: e.to_string(),
            })?;
            layouts.insert((profile, key), l);
        }
        let page = files.get("page.html").map(|(_, t)| t.clone()).unwrap_or_default();
        let mut all: Vec<(String, String)> = BUILTIN
            .iter()
            .filter(|(n, _)| n.ends_with(".md"))
            .map(|(n, c)| (format!("builtin/{n}"), c.to_string()))
            .collect();
        all.extend(user.into_iter().filter(|(n, _)| n.ends_with(".md")));
        tera.add_raw_templates(all).map_err(|e| TemplateError {
            template: override_dir
                .map(|d| d.display().to_string())
                .unwrap_or_else(|| "builtin".into()),
            message: tera_message(&e),
        })?;
        // Tera checks a component call's arguments only when it runs; check every call here.
        for (origin, text) in files.iter().filter(|(n, _)| n.ends_with(".md")).map(|(_, v)| v) {
            calls::check(&tera, text).map_err(|message| TemplateError {
                template: origin.clone(),
                message,
            })?;
        }
        Ok(Templates {
            tera,
            layouts,
            additions,
            families,
            outlines,
            page,
        })
    }

    /// The names of the profiles available (`profiles/<name>.md`).
    pub fn profiles(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .tera
            .get_template_names()
            .filter_map(|n| n.trim_start_matches("builtin/").strip_prefix("profiles/"))
            .filter_map(|n| n.strip_suffix(".md"))
            // `profiles/<name>/sections/…` are a profile's own sections, not profiles.
            .filter(|n| !n.contains('/'))
            .map(str::to_string)
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Runs the profile's prose templates over `ctx`: Markdown with marker lines.
    pub fn prose(&self, ctx: &crate::derive::Context, profile: &str) -> Result<String, TemplateError> {
        let name = format!("profiles/{profile}.md");
        if !self.tera.contains_template(&name) {
            return Err(TemplateError {
                template: name,
                message: format!(
                    "没有名为“{profile}”的模板方案，可用：{}",
                    self.profiles().join("、")
                ),
            });
        }
        let fail = |e: &tera::Error| TemplateError {
            template: name.clone(),
            message: tera_message(e),
        };
        let mut tctx = tera::Context::from_serialize(ctx).map_err(|e| fail(&e))?;
        tctx.insert("additions", &self.additions(ctx, profile));
        self.tera.render(&name, &tctx).map_err(|e| fail(&e))
    }

    /// The additions this unit's report prints under `profile`: the profile's defaults (all on
    /// when it declares none) with the unit's `settings.additions` applied. Templates see them as
    /// `additions`.
    pub fn additions(&self, ctx: &crate::derive::Context, profile: &str) -> ProfileAdditions {
        self.additions
            .get(profile)
            .copied()
            .unwrap_or_default()
            .with(&ctx.meta.additions)
    }

    /// The prose family `profile` declares in `profiles/<name>/profile.toml`; the shared
    /// sentences' (central) when it declares none.
    pub fn prose_family(&self, profile: &str) -> crate::profile::Prose {
        self.families.get(profile).copied().unwrap_or_default()
    }

    /// The variants of `profile`'s 情况说明 (`profiles/<name>/sections.toml`), none when it has
    /// no such file.
    pub fn outline_variants(&self, profile: &str) -> Option<&outline::Variants> {
        self.outlines.get(profile)
    }

    /// The layout of official table `key` under `profile`: the profile's own, else the shared one.
    pub fn layout(&self, profile: &str, key: &str) -> Option<&Layout> {
        self.layouts
            .get(&(profile.to_string(), key.to_string()))
            .or_else(|| self.layouts.get(&(String::new(), key.to_string())))
    }

    /// The HTML page shell (`page.html`).
    pub fn page(&self) -> &str {
        &self.page
    }
}
