//! Validate stage: the codes derive works with, checked once into types that guarantee their
//! shape. A [`ItemCode`] is a 7-digit 功能分类 项 and a [`SectionCode`] a 5-digit 经济分类 款, all
//! ASCII digits, so derive takes their 类 and 款 by method, never by slicing an unchecked string.
//! Rows whose code has another shape are not figures of any table: derive leaves them out and
//! the audit (`src/audit/codes.rs`) reports each with its YAML path and line.

use serde::Serialize;
use std::fmt;
use std::ops::Deref;

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// A 7-digit 功能分类 项 code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ItemCode(String);

impl ItemCode {
    /// The code, when `s` is seven ASCII digits.
    pub fn new(s: &str) -> Option<ItemCode> {
        digits(s, 7).then(|| ItemCode(s.to_string()))
    }

    /// Its 类 (the first three digits).
    pub fn class(&self) -> &str {
        &self.0[..3]
    }

    /// Its 款 (the first five digits).
    pub fn section(&self) -> &str {
        &self.0[..5]
    }
}

/// A 5-digit 款 code (经济分类 款, or 功能分类 款).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct SectionCode(String);

impl SectionCode {
    /// The code, when `s` is five ASCII digits.
    pub fn new(s: &str) -> Option<SectionCode> {
        digits(s, 5).then(|| SectionCode(s.to_string()))
    }

    /// Its 类 (the first three digits).
    pub fn class(&self) -> &str {
        &self.0[..3]
    }
}

macro_rules! as_str {
    ($t:ty) => {
        impl Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $t {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

as_str!(ItemCode);
as_str!(SectionCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_digit_codes_of_the_right_length() {
        let c = ItemCode::new("2101501").unwrap();
        assert_eq!((c.class(), c.section()), ("210", "21015"));
        assert!(ItemCode::new("210150").is_none());
        assert!(ItemCode::new("1一234").is_none(), "7 bytes but not 7 digits");
        assert_eq!(SectionCode::new("30101").unwrap().class(), "301");
        assert!(SectionCode::new("3010a").is_none());
    }
}
