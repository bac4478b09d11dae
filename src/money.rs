//! Exact money: the `Amount` newtype read from YAML text, and the one place where
//! figures are rounded (四舍五入, half away from zero) and formatted for display.
//!
//! YAML numbers are never routed through `f64`: the deserializer hands us the scalar's
//! raw text and we parse it with [`Decimal::from_str_exact`], so `1051.10` is exactly
//! 1051.10 and `0.1 + 0.2` is exactly `0.3`.

use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// A non-negative amount of money with at most two decimals, exactly as written in YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(pub Decimal);

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// The exact decimal value.
    pub fn value(self) -> Decimal {
        self.0
    }
}

/// Why a piece of text is not an acceptable amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// Not a decimal number at all.
    NotANumber,
    /// More than two digits after the decimal point.
    TooManyDecimals,
    /// Below zero.
    Negative,
    /// Too large to be held exactly.
    TooLarge,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AmountError::NotANumber => "不是金额数字（应为如 1051.10 的数，最多两位小数）",
            AmountError::TooManyDecimals => "金额最多两位小数（万元或元，保留到分）",
            AmountError::Negative => "金额不能为负数",
            AmountError::TooLarge => "金额过大，超出可精确表示的范围",
        })
    }
}

/// Parses the text of an amount: digits, an optional sign, an optional decimal point with at
/// most two digits after it, and optional thousands separators in their proper places
/// (`1,051.10`, as copied from a spreadsheet).
pub fn parse_decimal(text: &str) -> Result<Decimal, AmountError> {
    let t = text.trim();
    let cleaned: Cow<str> = if t.contains(',') {
        Cow::Owned(strip_thousands(t).ok_or(AmountError::NotANumber)?)
    } else {
        Cow::Borrowed(t)
    };
    let s = cleaned.as_ref();
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits_ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits_ok(int) || frac.is_some_and(|f| !digits_ok(f)) {
        return Err(AmountError::NotANumber);
    }
    if frac.is_some_and(|f| f.len() > 2) {
        return Err(AmountError::TooManyDecimals);
    }
    if int.trim_start_matches('0').len() > 16 {
        return Err(AmountError::TooLarge);
    }
    Decimal::from_str_exact(s).map_err(|_| AmountError::TooLarge)
}

fn strip_thousands(s: &str) -> Option<String> {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
        return None;
    }
    let mut out = format!("{sign}{}", groups.concat());
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

impl FromStr for Amount {
    type Err = AmountError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let d = parse_decimal(s)?;
        if d.is_sign_negative() && !d.is_zero() {
            return Err(AmountError::Negative);
        }
        Ok(Amount(d.abs()))
    }
}

/// The message for an amount key written with no value.
const BLANK_AMOUNT: &str =
    "金额不能为空：请填写金额（如 0 或 1051.10，最多两位小数），没有这项就写 0 或删去这个键";

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("金额（如 1051.10，最多两位小数）")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
                v.parse::<Amount>()
                    .map_err(|e| E::custom(format!("“{}”{e}", crate::error::shown(v))))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                if v < 0 {
                    return Err(E::custom(format!("“{v}”{}", AmountError::Negative)));
                }
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Amount, E> {
                Err(E::custom(format!(
                    "“{v}”无法精确读取：请把金额写成普通小数（如 1051.10）"
                )))
            }
        }
        /// An amount is requested as an option so that a blank value (`general:` with nothing
        /// after it) gets an amount message, not the YAML parser's generic "cannot be null".
        struct Blank;
        impl<'de> serde::de::Visitor<'de> for Blank {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("金额（如 1051.10，最多两位小数）")
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Amount, E> {
                Err(E::custom(BLANK_AMOUNT))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Amount, E> {
                Err(E::custom(BLANK_AMOUNT))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Amount, D::Error> {
                // `deserialize_str` makes the YAML crate hand over the scalar's raw text.
                d.deserialize_str(V)
            }
        }
        deserializer.deserialize_option(Blank)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "title": "金额",
            "description": "非负金额，最多两位小数（单位见 settings.input_unit，默认万元），如 1051.10",
            "type": ["number", "string"],
            "pattern": "^[0-9]{1,3}(,?[0-9]{3})*(\\.[0-9]{1,2})?$",
            "minimum": 0
        })
    }
}

/// Rounds to `dp` decimals, half away from zero (四舍五入). The only rounding in juesuan.
pub fn round_half_up(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds to `dp` decimals (四舍五入) and keeps exactly `dp` decimals (25 → 25.00), for figures
/// the context states at a fixed precision (rates and shares).
pub fn round_fixed(d: Decimal, dp: u32) -> Decimal {
    let mut r = round_half_up(d, dp);
    r.rescale(dp);
    r
}

/// Formats a value rounded to `dp` decimals, always printing exactly `dp` decimals,
/// with or without thousands separators.
pub fn format_fixed(d: Decimal, dp: u32, thousands: bool) -> String {
    let mut r = round_half_up(d, dp);
    r.rescale(dp);
    // After rescaling, the mantissa holds every digit: the last `dp` are the decimals.
    let digits = r.mantissa().unsigned_abs().to_string();
    let dp = dp as usize;
    let padded = if digits.len() <= dp {
        format!("{}{digits}", "0".repeat(dp + 1 - digits.len()))
    } else {
        digits
    };
    let (int, frac) = padded.split_at(padded.len() - dp);
    let mut out = String::with_capacity(padded.len() + padded.len() / 3 + 2);
    if r.is_sign_negative() && !r.is_zero() {
        out.push('-');
    }
    if thousands {
        out.push_str(&group_thousands(int));
    } else {
        out.push_str(int);
    }
    if dp > 0 {
        out.push('.');
        out.push_str(frac);
    }
    out
}

fn group_thousands(int: &str) -> String {
    let n = int.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Shares by the largest-remainder method: each part's share of `total` in percent, rounded
/// to `dp` decimals so that the shares together are exactly 100 (when `total` is the sum of
/// the parts and not zero). Ties in the remainder go to the larger part, then the earlier one.
pub fn largest_remainder_shares(parts: &[Decimal], dp: u32) -> Vec<Decimal> {
    let total: Decimal = parts.iter().copied().sum();
    if total.is_zero() || parts.iter().any(|p| p.is_sign_negative() && !p.is_zero()) {
        return parts.iter().map(|_| Decimal::new(0, dp)).collect();
    }
    let unit = Decimal::new(1, dp); // one step of the last printed digit, in percent
    let hundred = Decimal::ONE_HUNDRED;
    let mut floors = Vec::with_capacity(parts.len());
    let mut rems = Vec::with_capacity(parts.len());
    for p in parts {
        let exact = *p * hundred / total;
        let floor = exact.round_dp_with_strategy(dp, RoundingStrategy::ToZero);
        rems.push(exact - floor);
        floors.push(floor);
    }
    let assigned: Decimal = floors.iter().copied().sum();
    let mut missing = ((hundred - assigned) / unit)
        .round()
        .to_string()
        .parse::<usize>()
        .unwrap_or(0);
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| {
        rems[b]
            .cmp(&rems[a])
            .then(parts[b].cmp(&parts[a]))
            .then(a.cmp(&b))
    });
    for i in order {
        if missing == 0 {
            break;
        }
        if rems[i].is_zero() {
            continue;
        }
        floors[i] += unit;
        missing -= 1;
    }
    for f in &mut floors {
        f.rescale(dp);
    }
    floors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn reads_exact_text() {
        assert_eq!("1051.10".parse::<Amount>().unwrap().0.to_string(), "1051.10");
        assert_eq!("1,051.10".parse::<Amount>().unwrap().0, d("1051.10"));
        assert_eq!(
            "9999999999999999.99".parse::<Amount>().unwrap().0.to_string(),
            "9999999999999999.99"
        );
        assert_eq!(
            "0.1".parse::<Amount>().unwrap().0 + "0.2".parse::<Amount>().unwrap().0,
            d("0.3")
        );
    }

    #[test]
    fn rejects_bad_text() {
        assert_eq!("1.234".parse::<Amount>(), Err(AmountError::TooManyDecimals));
        assert_eq!("-3".parse::<Amount>(), Err(AmountError::Negative));
        assert_eq!("abc".parse::<Amount>(), Err(AmountError::NotANumber));
        assert_eq!("1e5".parse::<Amount>(), Err(AmountError::NotANumber));
        assert_eq!("12,34.5".parse::<Amount>(), Err(AmountError::NotANumber));
        assert_eq!("NaN".parse::<Amount>(), Err(AmountError::NotANumber));
        assert_eq!(
            "123456789012345678901234567890".parse::<Amount>(),
            Err(AmountError::TooLarge)
        );
    }

    #[test]
    fn long_sums_stay_exact() {
        let cent = d("0.01");
        let total: Decimal = std::iter::repeat_n(cent, 100_000).sum();
        assert_eq!(total, d("1000.00"));
        let tenth: Decimal = std::iter::repeat_n(d("0.1"), 10).sum();
        assert_eq!(tenth, Decimal::ONE);
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_half_up(d("2.345"), 2), d("2.35"));
        assert_eq!(round_half_up(d("2.355"), 2), d("2.36"));
        assert_eq!(round_half_up(d("-2.345"), 2), d("-2.35"));
        assert_eq!(round_half_up(d("0.125"), 2), d("0.13"));
        assert_eq!(format_fixed(d("2.355"), 2, false), "2.36");
        assert_eq!(format_fixed(d("1051.1"), 2, true), "1,051.10");
        assert_eq!(format_fixed(d("1234567.005"), 2, true), "1,234,567.01");
        assert_eq!(format_fixed(d("0"), 2, true), "0.00");
        assert_eq!(format_fixed(d("-64.945"), 2, false), "-64.95");
        assert_eq!(format_fixed(d("-0.001"), 2, false), "0.00");
        assert_eq!(format_fixed(d("999.995"), 2, true), "1,000.00");
    }

    #[test]
    fn largest_remainder_totals_one_hundred() {
        // 004: 44.84 / 218.33 / 20.68 of 283.85 rounds naively to 100.01.
        let parts = [d("44.84"), d("218.33"), d("20.68")];
        assert_eq!(
            largest_remainder_shares(&parts, 2),
            vec![d("15.80"), d("76.92"), d("7.28")]
        );
        assert_eq!(
            largest_remainder_shares(&parts, 1),
            vec![d("15.8"), d("76.9"), d("7.3")]
        );
        let thirds = [d("1"), d("1"), d("1")];
        let s = largest_remainder_shares(&thirds, 2);
        assert_eq!(s.iter().copied().sum::<Decimal>(), d("100"));
        assert_eq!(s, vec![d("33.34"), d("33.33"), d("33.33")]);
        assert_eq!(
            largest_remainder_shares(&[d("0"), d("0")], 2),
            vec![d("0"), d("0")]
        );
        assert_eq!(
            largest_remainder_shares(&[d("5"), d("0")], 2),
            vec![d("100.00"), d("0")]
        );
    }
}
