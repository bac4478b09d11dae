//! Text printed to a terminal: control characters, bidi overrides and zero-width characters from
//! user text are written as `\u{…}`, so a unit file cannot clear the screen, recolour it, move the
//! cursor or reverse a line. Line breaks (and tabs) stay.

use std::borrow::Cow;

/// Whether `c` is a character that must never reach a terminal or a report as it is: C0 and C1
/// controls and DEL (line break and tab are decided by the caller), bidi embeddings, overrides,
/// isolates and marks, zero-width characters, the BOM, and the Unicode line/paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}' | '\u{180E}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// `s` made safe for a terminal: every unsafe character except `\n` and `\t` as `\u{…}`.
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && c != '\t' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c != '\n' && c != '\t' && is_unsafe(c) {
            out.push_str(&format!("\\u{{{:X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_obey() {
        assert_eq!(safe("a\x1b[2Jb"), "a\\u{1B}[2Jb");
        assert_eq!(safe("名\u{202E}称"), "名\\u{202E}称");
        assert_eq!(safe("x\u{200B}y\u{9B}"), "x\\u{200B}y\\u{9B}");
        assert_eq!(safe("一行\n二行\t"), "一行\n二行\t");
        assert!(matches!(safe("普通文字"), Cow::Borrowed(_)));
    }
}
