//! The 情况说明 outline: which sections the 第三部分 prints, in which order, under which
//! headings, and how they are numbered.
//!
//! A profile's template marks each section with `{{ section(key=…, title=…, parts=[…]) }}` and
//! each sub-head inside it with `{{ part(key=…, title=…) }}`; this stage numbers them (一、二、…
//! for sections, （一）（二）… for sub-heads), so the numbers are right whatever is left out. A
//! jurisdiction whose template orders, names or groups the sections otherwise is a *variant* in
//! `profiles/<name>/sections.toml`, which a unit selects with `settings.sections`:
//!
//! ```toml
//! [variants."吉林"]
//! sections = [
//!   "overall", "income",                                   # the section as the template writes it
//!   { key = "performance", title = "关于{year}年度绩效评价情况说明" },   # its own heading
//!   { key = "sangong", parts = [{ key = "overall", title = "…总体情况说明" }, "detail"] },
//!   { key = "general", parts = [{ key = "overall", title = "" }] },     # "" = no sub-head
//!   { title = "其他重要事项情况说明", sections = ["operating", "procurement"] },  # a group
//! ]
//! ```
//!
//! A variant places every section of the template — on its own, in a group (whose sections become
//! its numbered sub-heads) or before/after another — so every sentence the audit asks a reason
//! for is printed. Only a section the template marks `omittable` (其他需要说明的事项: nothing but
//! the unit's own text) may be left out, and not when the unit wrote some (`unit_text`): that is
//! an error rather than text silently dropped.

use super::model::{Block, Heading, Inline, Paragraph};
use crate::templates::filters::chinese_numeral;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The separator of a section marker's fields (a control character no title contains).
pub const FIELD_SEP: char = '\u{1f}';

/// A section as the profile's template marks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionMark {
    /// Its key ("sangong").
    pub key: String,
    /// Its heading without the number ("财政拨款“三公”经费支出决算情况说明").
    pub title: String,
    /// The keys of the sub-heads it may have, in the template's order.
    pub parts: Vec<String>,
    /// Whether it holds text the unit wrote for it (then no variant may leave it out).
    pub holds_unit_text: bool,
    /// Whether a variant may leave it out: it holds nothing but the unit's own text (其他需要说明的
    /// 事项). Every other section carries sentences the audit asks reasons for, so a variant places
    /// it somewhere (on its own, in a group, or before/after another).
    pub omittable: bool,
    /// Whether its text has sub-heads of its own, numbered by its template (the unit's 绩效
    /// sub-sections): it cannot become a sub-head of a group, which would nest （一） under （N）.
    pub own_sub_heads: bool,
}

impl SectionMark {
    /// The marker argument of a section (what `section(…)` writes).
    pub fn encode(&self) -> String {
        format!(
            "{}{FIELD_SEP}{}{FIELD_SEP}{}{FIELD_SEP}{}{FIELD_SEP}{}{FIELD_SEP}{}",
            self.key,
            self.title,
            self.parts.join(","),
            u8::from(self.holds_unit_text),
            u8::from(self.omittable),
            u8::from(self.own_sub_heads)
        )
    }

    /// Reads a marker argument back.
    pub fn decode(arg: &str) -> Option<SectionMark> {
        let mut f = arg.split(FIELD_SEP);
        let (key, title, parts, holds, omittable) = (f.next()?, f.next()?, f.next()?, f.next()?, f.next()?);
        Some(SectionMark {
            key: key.to_string(),
            title: title.to_string(),
            parts: parts
                .split(',')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect(),
            holds_unit_text: holds == "1",
            omittable: omittable == "1",
            own_sub_heads: f.next()? == "1",
        })
    }
}

/// A sub-head as the template marks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartMark {
    /// Its key within the section ("overall").
    pub key: String,
    /// Its wording without the number; empty when the template heads it with nothing (its text
    /// continues the sub-head before, unless a variant gives it a title).
    pub title: String,
    /// Whether its text is printed only under a heading: a template that has no such sub-head
    /// (the part untitled) says it already elsewhere (三公's 具体情况 of a unit without any).
    pub only_headed: bool,
}

impl PartMark {
    /// The marker argument of a sub-head (what `part(…)` writes).
    pub fn encode(&self) -> String {
        format!(
            "{}{FIELD_SEP}{}{FIELD_SEP}{}",
            self.key,
            self.title,
            u8::from(self.only_headed)
        )
    }

    /// Reads a marker argument back.
    pub fn decode(arg: &str) -> Option<PartMark> {
        let mut f = arg.split(FIELD_SEP);
        let (key, title, only) = (f.next()?, f.next()?, f.next()?);
        Some(PartMark {
            key: key.to_string(),
            title: title.to_string(),
            only_headed: only == "1",
        })
    }
}

/// What the document stage collects before the outline is applied.
#[derive(Debug)]
pub enum Item {
    /// An ordinary block.
    Block(Block),
    /// The start of a section.
    Section(SectionMark),
    /// The start of a sub-head within the current section.
    Part(PartMark),
}

/// How a variant heads a section or a sub-head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Title {
    /// As the template writes it.
    AsTemplate,
    /// In the variant's own words (`{year}` is the report year).
    Given(String),
    /// No sub-head: its text continues the one before.
    Untitled,
}

/// One sub-head of a section, as a variant places it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartRef {
    /// The part's key.
    pub key: String,
    /// Its heading.
    pub title: Title,
}

/// One section, as a variant places it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionRef {
    /// The section's key.
    pub key: String,
    /// Its heading.
    pub title: Title,
    /// Its sub-heads in this order, or None for the template's.
    pub parts: Option<Vec<PartRef>>,
    /// Sections whose text is printed under this heading before its own (a template whose
    /// 收入决算 section also gives the 收入总计 of the 总体情况).
    pub before: Vec<String>,
    /// Sections whose text is printed under this heading after its own.
    pub after: Vec<String>,
    /// The line in `sections.toml`.
    pub line: usize,
}

/// One numbered entry of a variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A section.
    Section(SectionRef),
    /// A heading of its own whose sub-heads are sections of the template.
    Group {
        /// The group's heading.
        title: String,
        /// Its sections, each a numbered sub-head.
        members: Vec<SectionRef>,
    },
}

/// One variant of a profile's 情况说明.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The sections in order.
    pub entries: Vec<Entry>,
}

/// The variants of one profile's `sections.toml`, by name.
pub type Variants = BTreeMap<String, Variant>;

/// One entry as written: a key alone (`"overall"`), or a table.
#[derive(Debug, Default)]
struct EntryFile(EntryTable);

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryTable {
    key: Option<String>,
    title: Option<String>,
    parts: Option<Vec<toml::Spanned<EntryFile>>>,
    sections: Option<Vec<toml::Spanned<EntryFile>>>,
    before: Option<Vec<String>>,
    after: Option<Vec<String>>,
}

impl<'de> Deserialize<'de> for EntryFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = EntryFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("节的代号（如 \"overall\"）或表（key、title、parts、sections、before、after）")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<EntryFile, E> {
                Ok(EntryFile(EntryTable {
                    key: Some(s.to_string()),
                    ..EntryTable::default()
                }))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, m: A) -> Result<EntryFile, A::Error> {
                EntryTable::deserialize(serde::de::value::MapAccessDeserializer::new(m)).map(EntryFile)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    variants: BTreeMap<String, VariantFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VariantFile {
    sections: Vec<toml::Spanned<EntryFile>>,
}

const EXPECTED: &str = "每个 [variants.\"名称\"] 写 sections = [...]，各项为节的代号，或 { key, title, parts } 表，\
或成组的 { title, sections }";

/// Parses `profiles/<name>/sections.toml`; an error names the line.
pub fn parse(text: &str) -> Result<Variants, String> {
    let file: File = crate::templates::parse_toml(text, EXPECTED)?;
    let line_of = |span: std::ops::Range<usize>| text[..span.start.min(text.len())].matches('\n').count() + 1;
    let mut out = Variants::new();
    for (name, v) in file.variants {
        let mut entries = Vec::new();
        for e in v.sections {
            let line = line_of(e.span());
            let at = |m: String| format!("第 {line} 行（格式“{name}”）：{m}");
            let e = e.into_inner().0;
            if let Some(members) = e.sections {
                if e.key.is_some() || e.parts.is_some() || e.before.is_some() || e.after.is_some() {
                    return Err(at(
                        "成组的一项只写 title 和 sections，不写 key、parts、before、after".into(),
                    ));
                }
                let title =
                    given(e.title).ok_or_else(|| at("成组的一项要有 title（这一组的标题）".into()))?;
                let mut refs = Vec::new();
                for m in members {
                    let line = line_of(m.span());
                    let r = section_ref(m.into_inner().0, line)
                        .map_err(|m| format!("第 {line} 行（格式“{name}”）：{m}"))?;
                    refs.push(r);
                }
                if refs.is_empty() {
                    return Err(at("成组的 sections 不能为空".into()));
                }
                entries.push(Entry::Group { title, members: refs });
            } else {
                entries.push(Entry::Section(section_ref(e, line).map_err(at)?));
            }
        }
        out.insert(name, Variant { entries });
    }
    Ok(out)
}

fn given(title: Option<String>) -> Option<String> {
    title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

fn section_ref(e: EntryTable, line: usize) -> Result<SectionRef, String> {
    if e.sections.is_some() {
        return Err("组里不能再套组".into());
    }
    let key = e.key.ok_or("要写 key（节的代号）")?;
    let title = match e.title {
        None => Title::AsTemplate,
        Some(t) if t.trim().is_empty() => {
            return Err(format!("节 {key} 的 title 不能为空（不写则用模板的标题）"));
        }
        Some(t) => Title::Given(t.trim().to_string()),
    };
    let parts = match e.parts {
        None => None,
        Some(ps) => {
            let mut out = Vec::new();
            for p in ps {
                let p = p.into_inner().0;
                if p.parts.is_some() || p.sections.is_some() || p.before.is_some() || p.after.is_some() {
                    return Err(format!("节 {key} 的小节只写 key 和 title"));
                }
                let pk = p.key.ok_or_else(|| format!("节 {key} 的小节要写 key"))?;
                let title = match p.title {
                    None => Title::AsTemplate,
                    Some(t) if t.trim().is_empty() => Title::Untitled,
                    Some(t) => Title::Given(t.trim().to_string()),
                };
                out.push(PartRef { key: pk, title });
            }
            Some(out)
        }
    };
    Ok(SectionRef {
        key,
        title,
        parts,
        before: e.before.unwrap_or_default(),
        after: e.after.unwrap_or_default(),
        line,
    })
}

/// Why an outline cannot be applied.
#[derive(Debug, PartialEq, Eq)]
pub enum OutlineError {
    /// The template's marks or the variant do not fit together (a template problem).
    Template(String),
    /// The variant leaves out a section that holds the unit's own text.
    DropsUnitText {
        /// The section's heading.
        title: String,
    },
}

/// One section as the template wrote it, with its blocks.
struct Written {
    mark: SectionMark,
    lead: Vec<Block>,
    parts: Vec<(PartMark, Vec<Block>)>,
}

/// Applies `variant` (None: the template's own order and headings) to the collected items and
/// returns the blocks, every section and sub-head numbered.
pub fn apply(items: Vec<Item>, variant: Option<&Variant>, year: u16) -> Result<Vec<Block>, OutlineError> {
    let tpl = OutlineError::Template;
    let mut before = Vec::new();
    let mut written: Vec<Written> = Vec::new();
    let mut after = Vec::new();
    for item in items {
        match item {
            Item::Section(mark) => {
                if !after.is_empty() {
                    return Err(tpl(format!(
                        "节 {} 应与其他节连在一起，放在情况说明部分之内",
                        mark.key
                    )));
                }
                if written.iter().any(|w| w.mark.key == mark.key) {
                    return Err(tpl(format!("节 {} 放了两次", mark.key)));
                }
                written.push(Written {
                    mark,
                    lead: Vec::new(),
                    parts: Vec::new(),
                });
            }
            Item::Part(p) => {
                let Some(w) = written.last_mut().filter(|_| after.is_empty()) else {
                    return Err(tpl(format!("小节 {} 不在任何节之内", p.key)));
                };
                if !w.mark.parts.contains(&p.key) {
                    return Err(tpl(format!(
                        "节 {} 没有声明小节 {}（section 的 parts 写的是：{}）",
                        w.mark.key,
                        p.key,
                        w.mark.parts.join("、")
                    )));
                }
                if w.parts.iter().any(|(q, _)| q.key == p.key) {
                    return Err(tpl(format!("节 {} 的小节 {} 放了两次", w.mark.key, p.key)));
                }
                w.parts.push((p, Vec::new()));
            }
            Item::Block(b) => {
                let ends = matches!(&b, Block::Heading(h) if h.level <= 2);
                match written.last_mut() {
                    Some(w) if after.is_empty() && !ends => match w.parts.last_mut() {
                        Some((_, blocks)) => blocks.push(b),
                        None => w.lead.push(b),
                    },
                    Some(_) => after.push(b),
                    None => before.push(b),
                }
            }
        }
    }
    let default;
    let variant = match variant {
        Some(v) => v,
        None => {
            default = Variant {
                entries: written
                    .iter()
                    .map(|w| {
                        Entry::Section(SectionRef {
                            key: w.mark.key.clone(),
                            title: Title::AsTemplate,
                            parts: None,
                            before: Vec::new(),
                            after: Vec::new(),
                            line: 0,
                        })
                    })
                    .collect(),
            };
            &default
        }
    };
    check(variant, &written)?;
    let mut out = before;
    let mut take = |key: &str| {
        let i = written.iter().position(|w| w.mark.key == key);
        i.map(|i| written.remove(i))
    };
    for (n, entry) in variant.entries.iter().enumerate() {
        let number = chinese_numeral(n as u64 + 1);
        match entry {
            Entry::Section(r) => {
                let w = take(&r.key).ok_or_else(|| unknown(r))?;
                out.push(heading(format!(
                    "{number}、{}",
                    title_of(&r.title, &w.mark.title, year)
                )));
                // One numbering of sub-heads under the heading, whichever section they come from.
                let mut subs = 0;
                for k in &r.before {
                    let b = take(k).ok_or_else(|| unknown(r))?;
                    out.extend(b.lead);
                    emit_parts(&mut out, b.parts, None, year, &mut subs);
                }
                out.extend(w.lead);
                emit_parts(&mut out, w.parts, r.parts.as_deref(), year, &mut subs);
                for k in &r.after {
                    let a = take(k).ok_or_else(|| unknown(r))?;
                    out.extend(a.lead);
                    emit_parts(&mut out, a.parts, None, year, &mut subs);
                }
            }
            Entry::Group { title, members } => {
                out.push(heading(format!(
                    "{number}、{}",
                    title.replace("{year}", &year.to_string())
                )));
                for (k, r) in members.iter().enumerate() {
                    let w = take(&r.key).ok_or_else(|| unknown(r))?;
                    out.push(sub_head(k + 1, &title_of(&r.title, &w.mark.title, year)));
                    out.extend(w.lead);
                    // Its parts are all untitled (checked), so they number nothing.
                    emit_parts(&mut out, w.parts, r.parts.as_deref(), year, &mut 0);
                }
            }
        }
    }
    out.extend(after);
    Ok(out)
}

fn unknown(r: &SectionRef) -> OutlineError {
    OutlineError::Template(format!(
        "第 {} 行：节 {} 不在方案的情况说明中，或放了两次",
        r.line, r.key
    ))
}

/// Checks a variant against the sections the template wrote: every key it names is there (once),
/// every section it leaves out holds no text of the unit, every part list names exactly parts
/// the section declares and all that were written, and the sections of a group have no sub-heads.
fn check(variant: &Variant, written: &[Written]) -> Result<(), OutlineError> {
    let tpl = OutlineError::Template;
    let keys: Vec<&str> = written.iter().map(|w| w.mark.key.as_str()).collect();
    let mut used: Vec<String> = Vec::new();
    let mut one = |r: &SectionRef, grouped: bool| -> Result<(), OutlineError> {
        let Some(w) = written.iter().find(|w| w.mark.key == r.key) else {
            return Err(tpl(format!(
                "第 {} 行：方案的情况说明没有节 {}（有：{}）",
                r.line,
                r.key,
                keys.join("、")
            )));
        };
        if used.contains(&r.key) {
            return Err(tpl(format!("第 {} 行：节 {} 放了两次", r.line, r.key)));
        }
        used.push(w.mark.key.clone());
        if grouped && !(r.before.is_empty() && r.after.is_empty()) {
            return Err(tpl(format!(
                "第 {} 行：成组的节 {} 不写 before、after",
                r.line, r.key
            )));
        }
        for k in r.before.iter().chain(&r.after) {
            if !keys.contains(&k.as_str()) {
                return Err(tpl(format!(
                    "第 {} 行：节 {} 的 before/after 写了没有的节 {k}（有：{}）",
                    r.line,
                    r.key,
                    keys.join("、")
                )));
            }
            if used.contains(k) {
                return Err(tpl(format!("第 {} 行：节 {k} 放了两次", r.line)));
            }
            used.push(k.clone());
        }
        if let Some(parts) = &r.parts {
            for p in parts {
                if !w.mark.parts.contains(&p.key) {
                    return Err(tpl(format!(
                        "第 {} 行：节 {} 没有小节 {}（有：{}）",
                        r.line,
                        r.key,
                        p.key,
                        w.mark.parts.join("、")
                    )));
                }
            }
            if let Some(missing) = w.mark.parts.iter().find(|k| !parts.iter().any(|p| &p.key == *k)) {
                return Err(tpl(format!(
                    "第 {} 行：节 {} 的 parts 应列出它的全部小节（只换顺序、标题），缺 {missing}",
                    r.line, r.key
                )));
            }
        }
        if grouped && w.mark.own_sub_heads {
            return Err(tpl(format!(
                "第 {} 行：节 {} 有自己编号的小节，不能成组（成组的节本身是小节）",
                r.line, r.key
            )));
        }
        if grouped && !w.mark.parts.is_empty() {
            let all_untitled = r
                .parts
                .as_ref()
                .is_some_and(|ps| ps.iter().all(|p| p.title == Title::Untitled));
            if !all_untitled {
                return Err(tpl(format!(
                    "第 {} 行：成组的节 {} 本身已是小节，它的小节（{}）应写 title = \"\"",
                    r.line,
                    r.key,
                    w.mark.parts.join("、")
                )));
            }
        }
        Ok(())
    };
    for e in &variant.entries {
        match e {
            Entry::Section(r) => one(r, false)?,
            Entry::Group { members, .. } => {
                for r in members {
                    one(r, true)?;
                }
            }
        }
    }
    for w in written.iter().filter(|w| !used.contains(&w.mark.key)) {
        if w.mark.holds_unit_text {
            return Err(OutlineError::DropsUnitText {
                title: w.mark.title.clone(),
            });
        }
        if !w.mark.omittable {
            return Err(tpl(format!(
                "没有放节 {}（{}）：除只有单位自写内容的节外，每节都要放——单独一节、成组，或用 before/after 印在别的节里",
                w.mark.key, w.mark.title
            )));
        }
    }
    Ok(())
}

fn title_of(t: &Title, template: &str, year: u16) -> String {
    match t {
        Title::AsTemplate | Title::Untitled => template.to_string(),
        Title::Given(s) => s.replace("{year}", &year.to_string()),
    }
}

/// Emits a section's sub-heads in the variant's order (or the template's), numbering the titled
/// ones on from `n` (the sub-heads already under the same heading).
fn emit_parts(
    out: &mut Vec<Block>,
    mut parts: Vec<(PartMark, Vec<Block>)>,
    order: Option<&[PartRef]>,
    year: u16,
    n: &mut usize,
) {
    let mut push = |out: &mut Vec<Block>, p: &PartMark, title: Option<String>, blocks: Vec<Block>| {
        match title {
            Some(t) => {
                *n += 1;
                out.push(sub_head(*n, &t));
            }
            None if p.only_headed => return,
            None => {}
        }
        out.extend(blocks);
    };
    match order {
        None => {
            for (p, blocks) in parts {
                let title = Some(p.title.clone()).filter(|t| !t.is_empty());
                push(out, &p, title, blocks);
            }
        }
        Some(order) => {
            for r in order {
                let Some(i) = parts.iter().position(|(p, _)| p.key == r.key) else {
                    continue;
                };
                let (p, blocks) = parts.remove(i);
                let title = match &r.title {
                    Title::Untitled => None,
                    t => Some(title_of(t, &p.title, year)).filter(|t| !t.is_empty()),
                };
                push(out, &p, title, blocks);
            }
        }
    }
}

fn heading(text: String) -> Block {
    Block::Heading(Heading {
        level: 3,
        text,
        toc_text: None,
        id: String::new(),
        in_toc: false,
    })
}

/// "（一）title" as a bold paragraph, the way the templates write a sub-head.
fn sub_head(n: usize, title: &str) -> Block {
    Block::Paragraph(Paragraph {
        inlines: vec![Inline::Strong(vec![Inline::Text(format!(
            "（{}）{title}",
            chinese_numeral(n as u64)
        ))])],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str) -> Item {
        Item::Block(Block::Paragraph(Paragraph {
            inlines: vec![Inline::Text(t.into())],
        }))
    }

    fn section(key: &str, title: &str, parts: &[&str], holds: bool) -> Item {
        Item::Section(SectionMark {
            key: key.into(),
            title: title.into(),
            parts: parts.iter().map(|p| p.to_string()).collect(),
            holds_unit_text: holds,
            omittable: key == "other",
            own_sub_heads: key == "other",
        })
    }

    fn part(key: &str, title: &str, only_headed: bool) -> Item {
        Item::Part(PartMark {
            key: key.into(),
            title: title.into(),
            only_headed,
        })
    }

    /// A template of four sections; "sg" has a titled part, an untitled one and one printed
    /// only under a heading.
    fn written() -> Vec<Item> {
        vec![
            para("前言"),
            section("a", "甲情况说明", &[], false),
            para("甲"),
            section("sg", "三公情况说明", &["all", "more", "extra"], false),
            part("all", "总体情况", false),
            para("总体"),
            part("more", "", false),
            para("更多"),
            part("extra", "", true),
            para("只在有标题时"),
            section("b", "乙情况说明", &[], false),
            para("乙"),
            section("other", "其他事项", &[], true),
            para("其他"),
            Item::Block(Block::Heading(Heading {
                level: 2,
                text: "第四部分 名词解释".into(),
                toc_text: None,
                id: String::new(),
                in_toc: false,
            })),
        ]
    }

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Heading(h) => format!("#{}", h.text),
                Block::Paragraph(p) => p.text(),
                _ => String::new(),
            })
            .collect()
    }

    fn variant(toml: &str) -> Variant {
        parse(toml).unwrap().remove("v").unwrap()
    }

    #[test]
    fn without_a_variant_the_template_order_is_numbered() {
        let got = texts(&apply(written(), None, 2024).unwrap());
        assert_eq!(
            got,
            [
                "前言",
                "#一、甲情况说明",
                "甲",
                "#二、三公情况说明",
                "（一）总体情况",
                "总体",
                "更多",
                "#三、乙情况说明",
                "乙",
                "#四、其他事项",
                "其他",
                "#第四部分 名词解释"
            ]
        );
    }

    #[test]
    fn a_variant_orders_titles_groups_and_joins_sections() {
        let v = variant(
            r#"[variants.v]
sections = [
  { key = "sg", title = "{year}年度三公", parts = [{ key = "extra", title = "补充" }, "more", { key = "all", title = "" }] },
  { title = "其他重要事项", sections = [{ key = "b", title = "乙" }, "a"] },
  { key = "other", before = [] },
]"#,
        );
        let got = texts(&apply(written(), Some(&v), 2024).unwrap());
        assert_eq!(
            got,
            [
                "前言",
                "#一、2024年度三公",
                "（一）补充",
                "只在有标题时",
                "更多",
                "总体",
                "#二、其他重要事项",
                "（一）乙",
                "乙",
                "（二）甲情况说明",
                "甲",
                "#三、其他事项",
                "其他",
                "#第四部分 名词解释"
            ]
        );
        let joined = variant(
            r#"[variants.v]
sections = [{ key = "b", before = ["a"], after = ["sg"] }, "other"]"#,
        );
        let got = texts(&apply(written(), Some(&joined), 2024).unwrap());
        assert_eq!(
            got,
            [
                "前言",
                "#一、乙情况说明",
                "甲",
                "乙",
                "（一）总体情况",
                "总体",
                "更多",
                "#二、其他事项",
                "其他",
                "#第四部分 名词解释"
            ]
        );
    }

    #[test]
    fn sub_heads_joined_under_one_heading_are_numbered_on() {
        let items = vec![
            section("x", "甲", &["p"], false),
            part("p", "甲的小节", false),
            para("甲文"),
            section("y", "乙", &["q"], false),
            part("q", "乙的小节", false),
            para("乙文"),
        ];
        let v = variant("[variants.v]\nsections = [{ key = \"y\", before = [\"x\"] }]");
        let got = texts(&apply(items, Some(&v), 2024).unwrap());
        assert_eq!(
            got,
            ["#一、乙", "（一）甲的小节", "甲文", "（二）乙的小节", "乙文"]
        );
    }

    #[test]
    fn leaving_out_the_units_own_text_is_refused() {
        let v = variant("[variants.v]\nsections = [\"a\", \"sg\", \"b\"]");
        assert_eq!(
            apply(written(), Some(&v), 2024).unwrap_err(),
            OutlineError::DropsUnitText {
                title: "其他事项".into()
            }
        );
    }

    #[test]
    fn a_variant_that_does_not_fit_the_template_names_its_line() {
        let cases = [
            (
                "[variants.v]\nsections = [\"a\", \"nope\", \"other\"]",
                "第 2 行：方案的情况说明没有节 nope",
            ),
            (
                "[variants.v]\nsections = [\"a\", \"a\", \"other\"]",
                "节 a 放了两次",
            ),
            (
                "[variants.v]\nsections = [\"a\", \"sg\", \"other\"]",
                "没有放节 b（乙情况说明）",
            ),
            (
                "[variants.v]\nsections = [\"a\", \"sg\", \"b\", { title = \"组\", sections = [\"other\"] }]",
                "节 other 有自己编号的小节，不能成组",
            ),
            (
                "[variants.v]\nsections = [{ key = \"sg\", parts = [\"all\"] }, \"other\"]",
                "应列出它的全部小节",
            ),
            (
                "[variants.v]\nsections = [{ key = \"sg\", parts = [\"all\", \"more\", \"extra\", \"x\"] }, \"other\"]",
                "没有小节 x",
            ),
            (
                "[variants.v]\nsections = [{ title = \"组\", sections = [\"sg\"] }, \"other\"]",
                "成组的节 sg 本身已是小节",
            ),
            (
                "[variants.v]\nsections = [{ key = \"a\", after = [\"zz\"] }, \"other\"]",
                "写了没有的节 zz",
            ),
        ];
        for (toml, want) in cases {
            let v = variant(toml);
            match apply(written(), Some(&v), 2024) {
                Err(OutlineError::Template(m)) => assert!(m.contains(want), "{toml}: {m}"),
                other => panic!("{toml}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_malformed_file_names_its_line_and_what_may_be_written() {
        for (toml, want) in [
            ("[variants.v]\nsections = [1]", "第 2 行"),
            (
                "[variants.v]\nsections = [{ key = \"a\", titel = \"x\" }]",
                "titel",
            ),
            (
                "[variants.v]\nsections = [\"a\", { title = \"组\" , key = \"b\", sections = [\"c\"] }]",
                "成组的一项只写 title 和 sections",
            ),
            (
                "[variants.v]\nsections = [{ key = \"a\", title = \" \" }]",
                "title 不能为空",
            ),
            (
                "[variants.v]\nsections = [{ title = \"组\", sections = [] }]",
                "不能为空",
            ),
            ("[variant.v]\nsections = []", "variant"),
        ] {
            let e = parse(toml).unwrap_err();
            assert!(e.contains(want), "{toml}: {e}");
        }
    }

    #[test]
    fn marks_survive_their_marker_argument() {
        let s = SectionMark {
            key: "sangong".into(),
            title: "财政拨款“三公”经费支出决算情况说明".into(),
            parts: vec!["overall".into(), "detail".into()],
            holds_unit_text: true,
            omittable: false,
            own_sub_heads: true,
        };
        assert_eq!(SectionMark::decode(&s.encode()), Some(s));
        let p = PartMark {
            key: "detail".into(),
            title: String::new(),
            only_headed: true,
        };
        assert_eq!(PartMark::decode(&p.encode()), Some(p));
        assert_eq!(SectionMark::decode("x"), None);
    }
}
