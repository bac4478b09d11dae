//! All YAML reading lives here (serde-saphyr and its parser), so that the YAML crate can be
//! swapped by changing one file.
//!
//! [`parse_unit`] turns text into [`UnitFile`] with strict limits against hostile input, and
//! turns every failure into a Chinese [`ParseError`] with line, column, the offending line and a
//! caret. [`PathIndex`] maps a YAML path such as `expenditure[2].general.project` to its line, so
//! audit findings can point at the figure they are about.

use crate::error::{Limit, Syntax, YamlProblem, shown};
use crate::input::UnitFile;
use serde_saphyr::granit_parser::{ErrorKind, Event, Parser};
use serde_saphyr::{Budget, Error as YamlError, ExternalMessageSource, Options};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// A unit file that could not be read: where and why, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong and what is expected.
    pub problem: YamlProblem,
    /// The offending source line with a caret under the column, when known.
    pub snippet: Option<String>,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "第{l}行第{c}列：")?,
            (Some(l), None) => write!(f, "第{l}行：")?,
            _ => {}
        }
        write!(f, "{}", self.problem)?;
        if let Some(s) = &self.snippet {
            write!(f, "\n{s}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

/// Input larger than this is refused before parsing (a unit file is a few hundred KB at most;
/// the largest bundled example is 37 KB and a synthetic unit with 1,000 项 358 KB).
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = 64;
    budget.max_events = 2_000_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_total_scalar_bytes = MAX_INPUT_BYTES;
    let mut opts = Options::default();
    opts.budget = Some(budget);
    opts.emit_comments = false;
    // A unit file has no tags; a tag would otherwise be dropped silently.
    opts.reject_unsupported_tags = true;
    opts.reject_tagged_field_names = true;
    opts
}

/// Decodes raw bytes as UTF-8 text (a leading BOM is accepted and dropped). Larger input than
/// [`MAX_INPUT_BYTES`] is refused.
pub fn decode(bytes: &[u8]) -> Result<&str, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(plain(YamlProblem::TooLarge { size: bytes.len() }));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        ParseError {
            line: Some(line),
            column: None,
            problem: YamlProblem::NotUtf8,
            snippet: None,
        }
    })
}

/// The text with every line break as `\n`: YAML treats a lone CR and CR LF as line breaks, and
/// so do the line numbers of findings.
pub fn normalize_line_breaks(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn plain(problem: YamlProblem) -> ParseError {
    ParseError {
        line: None,
        column: None,
        problem,
        snippet: None,
    }
}

/// Parses the text of a unit file (line breaks already normalized by [`normalize_line_breaks`]).
pub fn parse_unit(text: &str) -> Result<UnitFile, ParseError> {
    if text.trim().is_empty() || only_comments(text) {
        return Err(plain(YamlProblem::Empty));
    }
    if let Some((line, col)) = find_tab_indent(text) {
        return Err(located(text, line, col, YamlProblem::TabIndent));
    }
    if let Err(line) = expansion_within(text, MAX_INPUT_BYTES) {
        return Err(located(text, line, 1, YamlProblem::Limit(Limit::Expansion)));
    }
    serde_saphyr::from_str_with_options::<UnitFile>(text, options()).map_err(|e| translate(text, &e))
}

/// Parses YAML text into any type with the same budgets and Chinese messages as unit files
/// (the import mapping is read with it).
pub fn parse_as<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    serde_saphyr::from_str_with_options::<T>(text, options()).map_err(|e| translate(text, &e))
}

fn only_comments(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---" || t == "..."
    })
}

fn find_tab_indent(text: &str) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(pos) = line[..indent].find('\t') {
            return Some((i + 1, pos + 1));
        }
    }
    None
}

/// Checks that the document, with every alias replaced by the node it names, holds at most
/// `limit` bytes of scalars (plus one per node), in one pass over the events. Returns the line
/// where the limit is crossed. Text without both `&` and `*` has no aliases and is not scanned.
fn expansion_within(text: &str, limit: usize) -> Result<(), usize> {
    if !(text.contains('&') && text.contains('*')) {
        return Ok(());
    }
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    // One entry per open mapping or sequence: its anchor id (0 for none) and size so far.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut total = 0usize;
    for ev in Parser::new_from_str(text) {
        // A syntax error is reported by the real parse.
        let Ok((event, span)) = ev else { return Ok(()) };
        let add = match &event {
            Event::Scalar(v, _, anchor, _) => {
                let n = v.len() + 1;
                if *anchor > 0 {
                    sizes.insert(*anchor, n);
                }
                n
            }
            Event::Alias(id) => sizes.get(id).copied().unwrap_or(1),
            Event::MappingStart(_, anchor, _) | Event::SequenceStart(_, anchor, _) => {
                open.push((*anchor, 1));
                1
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((anchor, n)) = open.pop() {
                    if anchor > 0 {
                        sizes.insert(anchor, n);
                    }
                    if let Some(parent) = open.last_mut() {
                        parent.1 = parent.1.saturating_add(n);
                    }
                }
                continue;
            }
            _ => 0,
        };
        total = total.saturating_add(add);
        if let Some(top) = open.last_mut() {
            top.1 = top.1.saturating_add(add);
        }
        if total > limit {
            return Err(span.start.line());
        }
    }
    Ok(())
}

fn located(text: &str, line: usize, column: usize, problem: YamlProblem) -> ParseError {
    ParseError {
        line: Some(line),
        column: Some(column),
        problem,
        snippet: snippet(text, line, column),
    }
}

/// Characters of a source line that a snippet shows at most (a window around the column).
const SNIPPET_CHARS: usize = 100;

/// The source line `line` with a caret under `column` (both 1-based), CJK-width aware. A long
/// line is cut to a window around the column; control characters are written as `\u{…}`.
pub fn snippet(text: &str, line: usize, column: usize) -> Option<String> {
    let src = text.lines().nth(line.checked_sub(1)?)?;
    let chars: Vec<char> = src.chars().collect();
    let col = column.saturating_sub(1).min(chars.len());
    let from = col.saturating_sub(SNIPPET_CHARS / 2);
    let to = (from + SNIPPET_CHARS).min(chars.len());
    let shown_part =
        |range: &[char]| -> String { crate::terminal::safe(&range.iter().collect::<String>()).into_owned() };
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < chars.len() { "…" } else { "" };
    let prefix = format!("{lead}{}", shown_part(&chars[from..col]));
    let body = format!("{prefix}{}{tail}", shown_part(&chars[col..to]));
    let pad = unicode_width::UnicodeWidthStr::width(prefix.as_str());
    let gutter = line.to_string();
    Some(format!(
        "{blank} |\n{gutter} | {body}\n{blank} | {spaces}^",
        blank = " ".repeat(gutter.len()),
        spaces = " ".repeat(pad)
    ))
}

fn translate(text: &str, err: &YamlError) -> ParseError {
    let problem = problem_of(err.without_snippet());
    match err.location() {
        Some(loc) if loc.line() > 0 => {
            let (line, col) = (loc.line() as usize, (loc.column() as usize).max(1));
            located(text, line, col, problem)
        }
        _ => plain(problem),
    }
}

/// The problem behind one of serde-saphyr's typed errors.
fn problem_of(err: &YamlError) -> YamlProblem {
    #[allow(deprecated)]
    match err {
        YamlError::WithSnippet { error, .. } | YamlError::AliasError { error, .. } => problem_of(error),
        YamlError::Message { msg, .. } => YamlProblem::Value(msg.clone()),
        YamlError::SerdeUnknownField { field, expected, .. } => YamlProblem::UnknownKey {
            key: shown(field),
            suggestion: nearest(field, expected),
            expected: expected.clone(),
        },
        YamlError::SerdeMissingField { field, .. } => YamlProblem::MissingKey(field),
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => YamlProblem::UnknownChoice {
            value: shown(variant),
            expected: expected.clone(),
        },
        YamlError::SerdeInvalidType {
            unexpected, expected, ..
        }
        | YamlError::SerdeInvalidValue {
            unexpected, expected, ..
        } => {
            if is_integer_type(expected) {
                YamlProblem::NotCount
            } else {
                YamlProblem::WrongType {
                    expected: expected_cn(expected),
                    found: found_cn(unexpected),
                }
            }
        }
        YamlError::SerdeInvalidLength { expected, .. } => YamlProblem::WrongType {
            expected: expected_cn(expected),
            found: "长度不对的列表".to_string(),
        },
        YamlError::Unexpected { expected, .. } => YamlProblem::WrongType {
            expected: expected_cn(expected),
            found: "别的内容".to_string(),
        },
        YamlError::DuplicateMappingKey { key, .. } => YamlProblem::DuplicateKey(key.as_deref().map(shown)),
        YamlError::Budget { breach, .. } => match breach {
            serde_saphyr::budget::BudgetBreach::Depth { .. } => YamlProblem::Limit(Limit::Depth),
            _ => YamlProblem::Limit(Limit::Structure),
        },
        YamlError::AliasReplayCounterOverflow { .. }
        | YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. } => YamlProblem::Limit(Limit::Expansion),
        YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::RecursiveReferencesRequireWeakTypes { .. } => YamlProblem::Limit(Limit::Depth),
        YamlError::MultipleDocuments { .. } => YamlProblem::MultipleDocuments,
        YamlError::NullIntoString { .. } => YamlProblem::Null,
        YamlError::InvalidScalar { ty, .. } => {
            if is_integer_type(ty) {
                YamlProblem::NotCount
            } else {
                YamlProblem::WrongType {
                    expected: expected_cn(ty),
                    found: "别的内容".to_string(),
                }
            }
        }
        YamlError::InvalidBooleanStrict { .. } => YamlProblem::WrongType {
            expected: expected_cn("a boolean"),
            found: "别的内容".to_string(),
        },
        YamlError::UnsupportedTag { tag, .. }
        | YamlError::TaggedStructFieldName { tag, .. }
        | YamlError::TaggedEnumMismatch { tagged: tag, .. } => YamlProblem::Tag(shown(tag)),
        YamlError::TaggedScalarCannotDeserializeIntoString { .. }
        | YamlError::InvalidBinaryBase64 { .. }
        | YamlError::BinaryNotUtf8 { .. }
        | YamlError::BytesNotSupportedMissingBinaryTag { .. } => YamlProblem::Tag("!!binary".to_string()),
        YamlError::UnknownAnchor { .. } => YamlProblem::UnknownAnchor,
        YamlError::MergeKeyNotAllowed { .. } | YamlError::MergeValueNotMapOrSeqOfMaps { .. } => {
            YamlProblem::MergeKey
        }
        YamlError::Eof { .. } => YamlProblem::Syntax(Syntax::UnexpectedEnd),
        YamlError::InvalidUtf8Input => YamlProblem::NotUtf8,
        YamlError::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => scan_problem(scan.kind()),
            _ => YamlProblem::Unrecognised,
        },
        _ => YamlProblem::Unrecognised,
    }
}

/// The problem behind one of the YAML parser's typed syntax errors.
fn scan_problem(kind: &ErrorKind) -> YamlProblem {
    use ErrorKind as K;
    match kind {
        K::UnclosedQuotedScalar
        | K::InvalidTrailingSingleQuotedScalar
        | K::InvalidTrailingDoubleQuotedScalar
        | K::DocumentIndicatorInQuotedScalar
        | K::InvalidQuotedScalarIndent
        | K::UnknownQuotedScalarEscape
        | K::InvalidQuotedScalarHexEscape
        | K::InvalidUnicodeEscape => YamlProblem::Syntax(Syntax::Quote),
        K::UnclosedFlowCollection { .. }
        | K::MismatchedFlowCollectionEnd { .. }
        | K::MisplacedFlowCollectionEnd
        | K::ExpectedFlowMappingSeparator
        | K::ExpectedFlowSequenceSeparator
        | K::UnexpectedEofFlowSequence
        | K::UnexpectedEofFlowMapping
        | K::UnexpectedEofImplicitFlowMapping => YamlProblem::Syntax(Syntax::Bracket),
        K::UnexpectedEof | K::UnexpectedEofBlockSequence | K::UnexpectedEofBlockMapping => {
            YamlProblem::Syntax(Syntax::UnexpectedEnd)
        }
        K::InvalidIndentation
        | K::ExpectedBlockMappingKey
        | K::ExpectedBlockSequenceEntry
        | K::SimpleKeyExpected
        | K::InvalidSimpleKey
        | K::BlockSequenceEntryNotAllowed
        | K::MappingValueNotAllowed
        | K::MappingKeyNotAllowed
        | K::InvalidColonPlacement
        | K::InvalidMappingValueWhitespace => YamlProblem::Syntax(Syntax::Indentation),
        K::TabNotAllowed | K::TabInBlockIndentation | K::TabInIndentation | K::TabAtBlockScalarStart => {
            YamlProblem::TabIndent
        }
        K::RecursionLimitExceeded => YamlProblem::Limit(Limit::Depth),
        K::AnchorCountOverflow | K::InputByteLimitExceeded { .. } => YamlProblem::Limit(Limit::Structure),
        K::UnknownAnchor => YamlProblem::UnknownAnchor,
        K::MultipleDocumentsUnsupported => YamlProblem::MultipleDocuments,
        K::UndeclaredTagHandle
        | K::ExpectedTagBang
        | K::InvalidGlobalTagCharacter
        | K::InvalidTagTerminator
        | K::MissingTagUri
        | K::UnclosedVerbatimTag
        | K::InvalidTagEscape => YamlProblem::Tag("!".to_string()),
        _ => YamlProblem::Syntax(Syntax::Other),
    }
}

fn is_integer_type(t: &str) -> bool {
    let t = t.trim();
    matches!(
        t,
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
    ) || t.starts_with("u8 ")
        || t.starts_with("u16 ")
        || t.starts_with("u32 ")
        || t.starts_with("u64 ")
        || t.contains("integer")
}

fn expected_cn(e: &str) -> String {
    let e = e.trim();
    match e {
        "a string" | "string" | "a borrowed string" | "scalar" | "a scalar" => "文字".into(),
        "a boolean" | "bool" | "boolean" => "是/否（true 或 false）".into(),
        "a sequence" | "sequence" | "sequence start" => "列表（每项以“- ”开头）".into(),
        _ if e.starts_with("struct ") || e.contains("map") => "键值对（下一级的若干“键: 值”）".into(),
        _ if e.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) => e.to_string(),
        _ => "其他格式的值".into(),
    }
}

fn found_cn(f: &str) -> String {
    let f = f.trim();
    if let Some(v) = f.strip_prefix("string ") {
        return format!("文字 {}", shown(v));
    }
    match f {
        "map" => "键值对".into(),
        "sequence" => "列表".into(),
        "unit value" | "null" => "空值".into(),
        "boolean `true`" | "boolean `false`" => "是/否".into(),
        _ if f.starts_with("integer") || f.starts_with("floating point") => {
            format!("数字 {}", shown(f.split_once(' ').map_or(f, |x| x.1)))
        }
        _ => shown(f),
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    // A key far longer than any candidate is no typo (and would make the search quadratic).
    if word.len() > 64 {
        return None;
    }
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Line numbers of the nodes of a YAML document, keyed by path (`a.b[2].c`).
#[derive(Debug, Default, Clone)]
pub struct PathIndex {
    lines: HashMap<String, usize>,
}

impl PathIndex {
    /// Indexes `text` (already known to parse). Unparseable text gives an empty index.
    pub fn build(text: &str) -> PathIndex {
        enum Frame {
            /// A mapping; `key` is the key just read (and its line) awaiting its value.
            Map {
                path: String,
                key: Option<(String, usize)>,
            },
            Seq {
                path: String,
                next: usize,
            },
        }
        let mut lines = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        // The path of the node about to start and the line to report for it (a mapping value's
        // key line, so `basic_by_economic` points at its key), advancing the parent's state.
        fn child(stack: &mut [Frame], line: usize) -> Option<(String, usize)> {
            match stack.last_mut()? {
                Frame::Map { path, key } => key.take().map(|(k, l)| (join(path, &k), l)),
                Frame::Seq { path, next } => {
                    *next += 1;
                    Some((format!("{path}[{}]", *next - 1), line))
                }
            }
        }
        fn join(path: &str, key: &str) -> String {
            if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}.{key}")
            }
        }
        for ev in Parser::new_from_str(text) {
            let Ok((event, span)) = ev else { break };
            let line = span.start.line();
            match event {
                Event::Scalar(value, ..) => {
                    let is_key = matches!(stack.last(), Some(Frame::Map { key: None, .. }));
                    if is_key {
                        if let Some(Frame::Map { key, .. }) = stack.last_mut() {
                            *key = Some((value.into_owned(), line));
                        }
                    } else if let Some((p, l)) = child(&mut stack, line) {
                        lines.insert(p, l);
                    }
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let is_map = matches!(event, Event::MappingStart(..));
                    let found = if stack.is_empty() {
                        Some((String::new(), line))
                    } else {
                        child(&mut stack, line)
                    };
                    let Some((path, l)) = found else { break };
                    lines.insert(path.clone(), l);
                    stack.push(if is_map {
                        Frame::Map { path, key: None }
                    } else {
                        Frame::Seq { path, next: 0 }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                Event::Alias(_) => {
                    child(&mut stack, line);
                }
                Event::DocumentEnd => break,
                _ => {}
            }
        }
        PathIndex { lines }
    }

    /// The line of `path`, or of its nearest indexed ancestor.
    pub fn line(&self, path: &str) -> Option<usize> {
        let mut p = path;
        loop {
            if let Some(l) = self.lines.get(p) {
                return Some(*l);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str =
        "unit:\n  name: 测试单位\n  year: 2023\nincome:\n  - code: 2101501\n    general: 10.50\n";

    #[test]
    fn parses_exact_amounts() {
        let u = parse_unit(GOOD).unwrap();
        assert_eq!(u.income[0].general.0.to_string(), "10.50");
        assert_eq!(u.income[0].code.0, "2101501");
    }

    #[test]
    fn unknown_key_suggests_near_one() {
        let e = parse_unit("unit:\n  name: a\n  year: 2023\n  nmae: b\n").unwrap_err();
        assert!(e.to_string().contains("未知的键 `nmae`"), "{e}");
        assert!(e.to_string().contains("是不是要写 `name`"), "{e}");
        assert_eq!(e.line, Some(4));
        assert!(e.snippet.unwrap().contains('^'));
    }

    #[test]
    fn third_decimal_is_refused_with_location() {
        let e =
            parse_unit("unit:\n  name: a\n  year: 2023\nincome:\n  - code: 2101501\n    general: 1.234\n")
                .unwrap_err();
        assert!(e.to_string().contains("最多两位小数"), "{e}");
        assert_eq!(e.line, Some(6));
    }

    #[test]
    fn empty_tabs_and_bom() {
        assert!(parse_unit("").unwrap_err().to_string().contains("空"));
        assert!(parse_unit("# only\n").unwrap_err().to_string().contains("空"));
        assert!(
            parse_unit("unit:\n\tname: a\n")
                .unwrap_err()
                .to_string()
                .contains("Tab")
        );
        assert!(decode(b"\xEF\xBB\xBFunit: 1").is_ok());
        assert!(decode(b"unit: \xff").unwrap_err().to_string().contains("UTF-8"));
    }

    #[test]
    fn path_index_finds_lines() {
        let idx = PathIndex::build(GOOD);
        assert_eq!(idx.line("unit.year"), Some(3));
        assert_eq!(idx.line("income[0].general"), Some(6));
        assert_eq!(idx.line("income[0].general.nothing"), Some(6));
    }

    #[test]
    fn edit_distance_and_nearest() {
        assert_eq!(edit_distance("revnue", "revenue"), 1);
        assert_eq!(nearest("genral", &["general", "fund"]), Some("general"));
        assert_eq!(nearest("zzzzzz", &["general", "fund"]), None);
    }
}
