//! User text, checked while the YAML is read: what a single-line field (a name, a code's name, a
//! date) and a paragraph (a reason, a duty, an explanation) may contain, how long each may be,
//! and how many entries a list may have. Refused: C0 and C1 control characters (a paragraph may
//! break lines), bidi overrides and isolates, zero-width characters, and line breaks in a
//! single-line field — so none of them reaches a report or a terminal. Fields declare their kind
//! with `deserialize_with` (`line`, `opt_line`, `paragraph`, …); the messages are in
//! [`crate::error::TextProblem`].

use crate::error::TextProblem;
use serde::de::{Error as _, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::marker::PhantomData;

/// Most characters a single-line field may have (the longest official unit names are about 40).
pub const MAX_LINE_CHARS: usize = 200;
/// Most characters one paragraph may have (the longest paragraphs of the seed reports are about
/// 1,500).
pub const MAX_PARAGRAPH_CHARS: usize = 5_000;
/// Most entries one list may have: rows of figures (the full 功能分类 has about 1,500 项) or
/// paragraphs.
pub const MAX_LIST_ITEMS: usize = 3_000;

/// What a text field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// One line: no line breaks, at most [`MAX_LINE_CHARS`].
    Line,
    /// A paragraph: line breaks allowed, at most [`MAX_PARAGRAPH_CHARS`].
    Paragraph,
}

/// Checks `s` against the rules of `kind`.
pub fn check(s: &str, kind: TextKind) -> Result<(), TextProblem> {
    let max = match kind {
        TextKind::Line => MAX_LINE_CHARS,
        TextKind::Paragraph => MAX_PARAGRAPH_CHARS,
    };
    let mut chars = 0;
    for (i, c) in s.chars().enumerate() {
        chars = i + 1;
        let at = i + 1;
        match c {
            '\n' if kind == TextKind::Paragraph => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' if kind == TextKind::Line => {
                return Err(TextProblem::LineBreak { at });
            }
            c if crate::terminal::is_unsafe(c) => return Err(TextProblem::Invisible { ch: c, at }),
            _ => {}
        }
    }
    if chars > max {
        return Err(TextProblem::TooLong { chars, max });
    }
    Ok(())
}

fn checked<E: serde::de::Error>(s: String, kind: TextKind) -> Result<String, E> {
    check(&s, kind).map_err(E::custom)?;
    Ok(s)
}

/// A single-line text.
pub fn line<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    checked(String::deserialize(d)?, TextKind::Line)
}

/// An optional single-line text.
pub fn opt_line<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| checked(s, TextKind::Line))
        .transpose()
}

/// A paragraph.
pub fn paragraph<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    checked(String::deserialize(d)?, TextKind::Paragraph)
}

/// An optional paragraph.
pub fn opt_paragraph<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|s| checked(s, TextKind::Paragraph))
        .transpose()
}

/// A list of single-line texts (an empty value is an empty list).
pub fn lines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    texts(d, TextKind::Line)
}

/// A list of paragraphs (an empty value is an empty list).
pub fn paragraphs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    texts(d, TextKind::Paragraph)
}

fn texts<'de, D: Deserializer<'de>>(d: D, kind: TextKind) -> Result<Vec<String>, D::Error> {
    let list: Vec<String> = rows(d)?;
    for s in &list {
        check(s, kind).map_err(D::Error::custom)?;
    }
    Ok(list)
}

/// A list of at most [`MAX_LIST_ITEMS`] entries, an empty value taken as an empty list.
pub fn rows<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Bounded<T>>::deserialize(d)?
        .map(|b| b.0)
        .unwrap_or_default())
}

/// An optional list of at most [`MAX_LIST_ITEMS`] entries.
pub fn opt_rows<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Bounded<T>>::deserialize(d)?.map(|b| b.0))
}

/// A list refused as soon as it grows past [`MAX_LIST_ITEMS`].
struct Bounded<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Bounded<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Bounded<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Bounded<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element()? {
                    if out.len() == MAX_LIST_ITEMS {
                        return Err(A::Error::custom(TextProblem::TooManyItems {
                            max: MAX_LIST_ITEMS,
                        }));
                    }
                    out.push(item);
                }
                Ok(Bounded(out))
            }
        }
        d.deserialize_seq(V(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_invisible_characters_and_line_breaks() {
        assert!(check("某某局", TextKind::Line).is_ok());
        assert_eq!(
            check("某\u{200B}局", TextKind::Line),
            Err(TextProblem::Invisible {
                ch: '\u{200B}',
                at: 2
            })
        );
        assert_eq!(
            check("a\u{202E}b", TextKind::Paragraph),
            Err(TextProblem::Invisible {
                ch: '\u{202E}',
                at: 2
            })
        );
        assert_eq!(
            check("一\n二", TextKind::Line),
            Err(TextProblem::LineBreak { at: 2 })
        );
        assert!(check("一\n二", TextKind::Paragraph).is_ok());
        assert!(matches!(
            check("\u{1b}[2J", TextKind::Paragraph),
            Err(TextProblem::Invisible { .. })
        ));
        let long = "字".repeat(MAX_LINE_CHARS + 1);
        assert!(matches!(
            check(&long, TextKind::Line),
            Err(TextProblem::TooLong { .. })
        ));
        assert!(check(&long, TextKind::Paragraph).is_ok());
    }
}
