//! One cell of a worksheet: its value as the workbook stores it, its address (`E12`), and the
//! exact reading of money (a whole number of 分) and counts from it.
//!
//! Money never goes through float arithmetic: a float cell is turned into text by Rust's
//! shortest round-trip formatting (`format!("{}", f)`, the shortest decimal that reads back as
//! the same `f64`, which is what the user typed into the cell) and read with
//! [`Decimal::from_str_exact`]. Text cells may carry thousands separators (`1,051.10`).

use crate::money::{AmountError, parse_decimal};
use rust_decimal::Decimal;
use std::fmt;

/// The value of a cell as the workbook stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An integer (xls RK cells, xlsx integers).
    Int(i64),
    /// A binary floating-point number.
    Float(f64),
    /// Text.
    Text(String),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date or time.
    Date,
    /// An error value such as `#DIV/0!`.
    Error(String),
}

/// A cell position, 0-based, printed the way Excel names it (`E12`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Row, 0-based.
    pub row: u32,
    /// Column, 0-based.
    pub col: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", column_name(self.col), self.row + 1)
    }
}

/// The letters of a 0-based column (0 → A, 26 → AA).
pub fn column_name(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// Why a cell cannot be read as money or a count.
#[derive(Debug, Clone, PartialEq)]
pub enum CellProblem {
    /// Text that is not a number.
    NotANumber(String),
    /// More precise than a whole 分.
    FractionOfCent(String),
    /// Below zero.
    Negative(String),
    /// Too large to hold exactly.
    TooLarge(String),
    /// A count that is not a whole non-negative number.
    NotACount(String),
    /// A date, a boolean or an error value.
    WrongKind(&'static str, String),
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellProblem::NotANumber(t) => write!(f, "内容“{t}”不是金额数字"),
            CellProblem::FractionOfCent(t) => {
                write!(f, "金额 {t} 不是整分（元以下最多两位小数）")
            }
            CellProblem::Negative(t) => write!(f, "金额 {t} 为负数"),
            CellProblem::TooLarge(t) => write!(f, "数 {t} 过大，无法精确表示"),
            CellProblem::NotACount(t) => write!(f, "“{t}”不是非负整数（应为个数、人次或辆数）"),
            CellProblem::WrongKind(kind, t) => write!(f, "是{kind}（{t}），不是数"),
        }
    }
}

/// Texts that mean "does not apply" in an export: an empty cell, a dash, or the character 一
/// that some templates print instead of a dash.
pub fn is_not_applicable(text: &str) -> bool {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    t.is_empty() || ["—", "——", "-", "－", "一", "–", "/", "／"].contains(&t)
}

/// `1.500` → `1.5`, `2.00` → `2`: trailing zeros after the point say nothing about 分.
fn trim_fraction_zeros(t: &str) -> String {
    match t.split_once('.') {
        Some((int, frac)) if frac.bytes().all(|b| b.is_ascii_digit()) => {
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int}.{frac}")
            }
        }
        _ => t.to_string(),
    }
}

impl Value {
    /// The cell as text, as a user would read it (`2101550`, `1051.1`, `合计`).
    pub fn text(&self) -> String {
        match self {
            Value::Int(i) => i.to_string(),
            Value::Float(f) => format!("{f}"),
            Value::Text(s) => s.clone(),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Value::Date => String::new(),
            Value::Error(e) => e.clone(),
        }
    }

    /// The exact amount in the cell: zero for an empty or "does not apply" cell; an error for
    /// text that is no number, a fraction of a 分, a negative amount or a non-number cell.
    pub fn amount(&self) -> Result<Decimal, CellProblem> {
        let d = match self {
            Value::Int(i) => Decimal::from(*i),
            Value::Float(f) => {
                if !f.is_finite() {
                    return Err(CellProblem::NotANumber(format!("{f}")));
                }
                let text = format!("{f}");
                Decimal::from_str_exact(&text).map_err(|_| CellProblem::TooLarge(text.clone()))?
            }
            Value::Text(s) => {
                if is_not_applicable(s) {
                    return Ok(Decimal::ZERO);
                }
                let t = trim_fraction_zeros(s.trim());
                match parse_decimal(&t) {
                    Ok(d) => d,
                    Err(AmountError::TooManyDecimals) => {
                        return Err(CellProblem::FractionOfCent(s.trim().to_string()));
                    }
                    Err(AmountError::TooLarge) => return Err(CellProblem::TooLarge(s.trim().to_string())),
                    Err(_) => return Err(CellProblem::NotANumber(s.trim().to_string())),
                }
            }
            Value::Bool(b) => return Err(CellProblem::WrongKind("逻辑值", b.to_string())),
            Value::Date => return Err(CellProblem::WrongKind("日期", "日期格式".into())),
            Value::Error(e) => return Err(CellProblem::WrongKind("错误值", e.clone())),
        };
        if d.scale() > 2 && d.normalize().scale() > 2 {
            return Err(CellProblem::FractionOfCent(self.text().trim().to_string()));
        }
        // 16 integer digits is the limit the YAML side accepts too.
        if d.abs() >= Decimal::from(10_000_000_000_000_000_i64) {
            return Err(CellProblem::TooLarge(self.text()));
        }
        if d.is_sign_negative() && !d.is_zero() {
            return Err(CellProblem::Negative(self.text().trim().to_string()));
        }
        Ok(d.normalize())
    }

    /// The count in the cell (团组数, 人次, 辆): a whole non-negative number; zero when empty.
    pub fn count(&self) -> Result<u32, CellProblem> {
        let bad = || CellProblem::NotACount(self.text().trim().to_string());
        match self {
            Value::Text(s) if is_not_applicable(s) => Ok(0),
            Value::Int(_) | Value::Float(_) | Value::Text(_) => {
                let d = self.amount().map_err(|_| bad())?;
                if !d.fract().is_zero() {
                    return Err(bad());
                }
                u32::try_from(d.mantissa() / 10_i128.pow(d.scale())).map_err(|_| bad())
            }
            _ => Err(bad()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn floats_read_as_their_shortest_decimal() {
        assert_eq!(
            Value::Float(0.1 + 0.2).amount(),
            Err(CellProblem::FractionOfCent("0.30000000000000004".into()))
        );
        assert_eq!(Value::Float(1051.1).amount().unwrap(), d("1051.1"));
        assert_eq!(Value::Float(462595.0).amount().unwrap(), d("462595"));
        assert_eq!(Value::Float(12.34).amount().unwrap(), d("12.34"));
        assert!(matches!(
            Value::Float(12.345).amount(),
            Err(CellProblem::FractionOfCent(_))
        ));
        assert!(matches!(
            Value::Float(f64::NAN).amount(),
            Err(CellProblem::NotANumber(_))
        ));
        assert!(matches!(
            Value::Float(1e300).amount(),
            Err(CellProblem::TooLarge(_))
        ));
        assert!(matches!(
            Value::Float(-3.0).amount(),
            Err(CellProblem::Negative(_))
        ));
    }

    #[test]
    fn text_reads_exactly() {
        assert_eq!(
            Value::Text("1,234,567.89".into()).amount().unwrap(),
            d("1234567.89")
        );
        assert_eq!(Value::Text(" — ".into()).amount().unwrap(), Decimal::ZERO);
        assert_eq!(Value::Text("一".into()).amount().unwrap(), Decimal::ZERO);
        assert!(matches!(
            Value::Text("12,34".into()).amount(),
            Err(CellProblem::NotANumber(_))
        ));
        assert!(matches!(
            Value::Text("1.005".into()).amount(),
            Err(CellProblem::FractionOfCent(_))
        ));
        assert_eq!(Value::Text("1.500".into()).amount().unwrap(), d("1.5"));
    }

    #[test]
    fn counts_are_whole() {
        assert_eq!(Value::Float(9.0).count().unwrap(), 9);
        assert_eq!(Value::Int(86).count().unwrap(), 86);
        assert!(Value::Float(1.5).count().is_err());
        assert!(Value::Int(-1).count().is_err());
        assert!(Value::Float(5e9).count().is_err());
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(108), "DE");
        assert_eq!(Pos { row: 11, col: 4 }.to_string(), "E12");
    }
}
