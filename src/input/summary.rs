//! `performance.summary`: the unit's own prose of 预算绩效, each item a paragraph or a sub-section
//! with its sub-head (as real reports write “（一）绩效评价工作开展情况” and its paragraphs). juesuan
//! numbers the sub-heads, so a title that carries its own number is refused. Read with a hand-written
//! visitor so that every wrong item gets a Chinese message naming its YAML path, at its own line.

use crate::error::{SummaryPart, SummaryProblem, shown};
use crate::input::text::{MAX_LIST_ITEMS, TextKind, check};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// The YAML path of the list.
const PATH: &str = "performance.summary";

/// 绩效管理工作概述的一项：一段文字，或带小标题的一节。
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SummaryItem {
    /// 一段文字（不带小标题）。
    Paragraph {
        /// 段落文字。
        text: String,
    },
    /// 带小标题的一节：小标题由 juesuan 编号（（一）（二）……，只数各节），其下是各段文字。
    Section {
        /// 小标题，一行，不带编号，如“绩效评价工作开展情况”。
        title: String,
        /// 小标题下的段落，至少一段。
        paragraphs: Vec<String>,
    },
}

/// The numbering a title must not begin with, when it does: “（一）”, “(1)”, “一、”, “1.”, “1、”,
/// “①”. A title such as “一般公共预算项目” or “1.5倍” is no number.
pub fn leading_number(title: &str) -> Option<String> {
    let t = title.trim_start();
    let numeral = |c: char| {
        "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit() || ('０'..='９').contains(&c)
    };
    let mut chars = t.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    if ('①'..='⑳').contains(&first) {
        return Some(first.to_string());
    }
    let opened = matches!(first, '（' | '(');
    if opened {
        chars.next();
    }
    let mut digits = 0;
    while chars.peek().is_some_and(|&(_, c)| numeral(c)) {
        chars.next();
        digits += 1;
    }
    if digits == 0 {
        return None;
    }
    let (at, close) = chars.next()?;
    let ends = if opened {
        matches!(close, '）' | ')')
    } else {
        // “1.5” is a figure, “1. 绩效” a number.
        matches!(close, '、' | '）' | ')' | '．' | '，')
            || (close == '.' && !chars.peek().is_some_and(|&(_, c)| c.is_ascii_digit()))
    };
    ends.then(|| t[..at + close.len_utf8()].to_string())
}

impl Serialize for SummaryItem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            SummaryItem::Paragraph { text } => s.serialize_str(text),
            SummaryItem::Section { title, paragraphs } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("title", title)?;
                m.serialize_entry("paragraphs", paragraphs)?;
                m.end()
            }
        }
    }
}

impl JsonSchema for SummaryItem {
    fn schema_name() -> Cow<'static, str> {
        "PerformanceSummaryItem".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "绩效概述的一项",
            "description": "一段文字；或带小标题的一节：title（小标题）和 paragraphs（其下各段）。",
            "anyOf": [
                {
                    "type": "string",
                    "description": "一段文字（不带小标题）。"
                },
                {
                    "type": "object",
                    "description": "带小标题的一节。小标题由 juesuan 编号并加粗（（一）（二）……，只数各节），其下各段照印。",
                    "properties": {
                        "title": {
                            "type": "string",
                            "description": "小标题，一行，不写编号（（一）、一、、1. 等由 juesuan 加），如“绩效评价工作开展情况”。",
                            "minLength": 1,
                            "maxLength": crate::input::text::MAX_LINE_CHARS,
                            "not": {
                                "pattern": "^\\s*([（(][一二三四五六七八九十百零〇0-9０-９]+[）)]|[一二三四五六七八九十百零〇0-9０-９]+[、）)．，]|[0-9０-９]+\\.(?![0-9])|[①-⑳])"
                            }
                        },
                        "paragraphs": {
                            "type": "array",
                            "description": "小标题下的各段文字，每段一项，至少一段。",
                            "items": { "type": "string" },
                            "minItems": 1
                        }
                    },
                    "required": ["title", "paragraphs"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// Reads `performance.summary`: a list of items (an empty value is an empty list).
pub fn items<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<SummaryItem>, D::Error> {
    Ok(Option::<Items>::deserialize(d)?.map(|l| l.0).unwrap_or_default())
}

struct Items(Vec<SummaryItem>);

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Items;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("列表（每项以“- ”开头：一段文字，或 title 和 paragraphs 组成的一节）")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element_seed(ItemSeed(format!("{PATH}[{}]", out.len())))? {
                    if out.len() == MAX_LIST_ITEMS {
                        return Err(A::Error::custom(crate::error::TextProblem::TooManyItems {
                            max: MAX_LIST_ITEMS,
                        }));
                    }
                    out.push(item);
                }
                Ok(Items(out))
            }
        }
        d.deserialize_seq(V)
    }
}

/// One item, knowing its path.
struct ItemSeed(String);

fn wrong<E: serde::de::Error>(path: &str, expected: SummaryPart, found: impl Into<String>) -> E {
    E::custom(SummaryProblem::WrongType {
        path: path.to_string(),
        expected,
        found: found.into(),
    })
}

/// A number where text belongs: refused with the hint to quote it.
fn number<E: serde::de::Error>(path: &str, expected: SummaryPart, v: impl fmt::Display) -> E {
    wrong(path, expected, format!("数字 {v}（文字请加引号）"))
}

fn text<E: serde::de::Error>(path: &str, s: String, kind: TextKind) -> Result<String, E> {
    check(&s, kind).map_err(|problem| {
        E::custom(SummaryProblem::Text {
            path: path.to_string(),
            problem,
        })
    })?;
    Ok(s)
}

impl<'de> DeserializeSeed<'de> for ItemSeed {
    type Value = SummaryItem;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<SummaryItem, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ItemSeed {
    type Value = SummaryItem;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}的一项：一段文字，或 title 和 paragraphs 组成的一节", self.0)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SummaryItem, E> {
        self.visit_string(v.to_string())
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<SummaryItem, E> {
        Ok(SummaryItem::Paragraph {
            text: text(&self.0, v, TextKind::Paragraph)?,
        })
    }
    // A number is refused, not turned into text: YAML has read `0123` or `1.50` as a value, and
    // the text as written is gone.
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<SummaryItem, E> {
        Err(number(&self.0, SummaryPart::Item, v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<SummaryItem, E> {
        Err(number(&self.0, SummaryPart::Item, v))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<SummaryItem, E> {
        Err(number(&self.0, SummaryPart::Item, v))
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<SummaryItem, E> {
        Err(wrong(&self.0, SummaryPart::Item, "是/否（文字请加引号）"))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<SummaryItem, E> {
        Err(wrong(&self.0, SummaryPart::Item, "空值（没有内容的项请删除）"))
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<SummaryItem, E> {
        self.visit_unit()
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<SummaryItem, A::Error> {
        Err(wrong(&self.0, SummaryPart::Item, "列表"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SummaryItem, A::Error> {
        const FIELDS: &[&str] = &["title", "paragraphs"];
        let mut title: Option<String> = None;
        let mut paragraphs: Option<Vec<String>> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "title" => {
                    title = Some(map.next_value_seed(Title(format!("{}.title", self.0)))?);
                }
                "paragraphs" => {
                    paragraphs = Some(map.next_value_seed(Paragraphs(format!("{}.paragraphs", self.0)))?);
                }
                other => return Err(A::Error::unknown_field(other, FIELDS)),
            }
        }
        let path = self.0;
        let title = title.ok_or_else(|| {
            A::Error::custom(SummaryProblem::EmptyTitle {
                path: format!("{path}.title"),
            })
        })?;
        match paragraphs {
            Some(paragraphs) if !paragraphs.is_empty() => Ok(SummaryItem::Section { title, paragraphs }),
            _ => Err(A::Error::custom(SummaryProblem::NoParagraphs { path, title })),
        }
    }
}

/// A sub-section's title, knowing its path: one line of text, not blank, without its number. It is
/// checked where it is read, so a message points at the title's own line.
struct Title(String);

impl Title {
    fn checked<E: serde::de::Error>(self, t: String) -> Result<String, E> {
        let t = text(&self.0, t, TextKind::Line)?;
        if t.trim().is_empty() {
            return Err(E::custom(SummaryProblem::EmptyTitle { path: self.0 }));
        }
        if let Some(number) = leading_number(&t) {
            return Err(E::custom(SummaryProblem::NumberedTitle { path: self.0, number }));
        }
        Ok(t.trim().to_string())
    }
}

impl<'de> DeserializeSeed<'de> for Title {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Title {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}：一行文字", self.0)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.checked(v.to_string())
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Err(number(&self.0, SummaryPart::Title, v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Err(number(&self.0, SummaryPart::Title, v))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Err(number(&self.0, SummaryPart::Title, v))
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(wrong(&self.0, SummaryPart::Title, "是/否（文字请加引号）"))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.checked(String::new())
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.checked(String::new())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(wrong(&self.0, SummaryPart::Title, "列表"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(wrong(&self.0, SummaryPart::Title, "键值对"))
    }
}

/// The paragraphs of a sub-section, knowing their path: a list, or nothing.
struct Paragraphs(String);

impl<'de> DeserializeSeed<'de> for Paragraphs {
    type Value = Vec<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<String>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Paragraphs {
    type Value = Vec<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}：列表（每段一项，以“- ”开头）", self.0)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Err(wrong(
            &self.0,
            SummaryPart::Paragraphs,
            format!("一段文字“{}”（一段也要写成列表：“- ”开头）", shown(v)),
        ))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Err(wrong(&self.0, SummaryPart::Paragraphs, format!("数字 {v}")))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Err(wrong(&self.0, SummaryPart::Paragraphs, format!("数字 {v}")))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Err(wrong(&self.0, SummaryPart::Paragraphs, format!("数字 {v}")))
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(wrong(&self.0, SummaryPart::Paragraphs, "是/否"))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(wrong(&self.0, SummaryPart::Paragraphs, "键值对"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(p) = seq.next_element_seed(Paragraph(format!("{}[{}]", self.0, out.len())))? {
            if out.len() == MAX_LIST_ITEMS {
                return Err(A::Error::custom(crate::error::TextProblem::TooManyItems {
                    max: MAX_LIST_ITEMS,
                }));
            }
            out.push(p);
        }
        Ok(out)
    }
}

/// One paragraph of a sub-section, knowing its path.
struct Paragraph(String);

impl<'de> DeserializeSeed<'de> for Paragraph {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        let s = String::deserialize(d)?;
        text(&self.0, s, TextKind::Paragraph)
    }
}

#[cfg(test)]
mod tests {
    use super::leading_number;

    #[test]
    fn numbers_at_the_start_of_a_title() {
        for (title, number) in [
            ("（一）绩效评价工作开展情况", "（一）"),
            ("(二)项目绩效自评结果", "(二)"),
            ("（12）其他", "（12）"),
            ("一、绩效管理", "一、"),
            ("十一、其他", "十一、"),
            ("1.绩效", "1."),
            ("2、绩效", "2、"),
            ("３．绩效", "３．"),
            ("1）绩效", "1）"),
            ("①绩效", "①"),
            ("  （三）部门评价结果", "（三）"),
        ] {
            assert_eq!(leading_number(title).as_deref(), Some(number), "{title}");
        }
        for title in [
            "绩效评价工作开展情况",
            "一般公共预算项目绩效",
            "十大重点项目",
            "1.5倍以上的项目",
            "2023年度绩效评价",
            "（注）说明",
            "",
        ] {
            assert_eq!(leading_number(title), None, "{title}");
        }
    }
}
