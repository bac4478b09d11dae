//! All YAML reading lives here (serde-saphyr and its parser), so that the YAML crate can be
//! swapped by changing one file.
//!
//! [`parse_unit`] turns text into [`UnitFile`] with strict limits against hostile input, and
//! turns every failure into a Chinese [`ParseError`] with line, column, the offending line and a
//! caret. [`PathIndex`] maps a YAML path such as `expenditure[2].general.project` to its line, so
//! audit findings can point at the figure they are about.

use crate::input::UnitFile;
use serde_saphyr::granit_parser::{Event, Parser};
use serde_saphyr::{Budget, Options};
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
    pub message: String,
    /// The offending source line with a caret under the column, when known.
    pub snippet: Option<String>,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(s) = &self.snippet {
            write!(f, "\n{s}")?;
        }
        Ok(())
    }
}

/// Input larger than this is refused before parsing (a unit file is a few hundred KB at most).
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

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
    opts
}

/// Decodes raw bytes as UTF-8 text (a leading BOM is accepted and dropped).
pub fn decode(bytes: &[u8]) -> Result<&str, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(plain(format!(
            "文件过大（{} 字节，上限 {} 字节）：一个单位的决算数据不应这么大，请检查是否选错了文件",
            bytes.len(),
            MAX_INPUT_BYTES
        )));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        ParseError {
            line: Some(line),
            column: None,
            message: format!(
                "第{line}行含有非 UTF-8 编码的字节：请把文件另存为 UTF-8 编码（WPS/记事本“另存为”中选择 UTF-8）"
            ),
            snippet: None,
        }
    })
}

fn plain(message: String) -> ParseError {
    ParseError {
        line: None,
        column: None,
        message,
        snippet: None,
    }
}

/// Parses the text of a unit file.
pub fn parse_unit(text: &str) -> Result<UnitFile, ParseError> {
    if text.trim().is_empty() || only_comments(text) {
        return Err(plain(
            "文件是空的（或只有注释）：至少需要 unit: 下的 name（单位名称）和 year（年度）；可用 `juesuan init` 生成模板"
                .to_string(),
        ));
    }
    if let Some((line, col)) = find_tab_indent(text) {
        return Err(located(
            text,
            line,
            col,
            "缩进中使用了制表符（Tab）：YAML 只允许用空格缩进，请把 Tab 换成空格".to_string(),
        ));
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
        let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        if let Some(pos) = indent.find('\t') {
            return Some((i + 1, pos + 1));
        }
    }
    None
}

fn located(text: &str, line: usize, column: usize, message: String) -> ParseError {
    ParseError {
        line: Some(line),
        column: Some(column),
        message,
        snippet: snippet(text, line, column),
    }
}

/// The source line `line` with a caret under `column` (both 1-based), CJK-width aware.
pub fn snippet(text: &str, line: usize, column: usize) -> Option<String> {
    let src = text.lines().nth(line.checked_sub(1)?)?;
    let prefix: String = src.chars().take(column.saturating_sub(1)).collect();
    let pad = unicode_width::UnicodeWidthStr::width(prefix.as_str());
    let gutter = line.to_string();
    Some(format!(
        "{blank} |\n{gutter} | {src}\n{blank} | {spaces}^",
        blank = " ".repeat(gutter.len()),
        spaces = " ".repeat(pad)
    ))
}

fn translate(text: &str, err: &serde_saphyr::Error) -> ParseError {
    let raw = err.without_snippet().to_string();
    let first = raw.lines().next().unwrap_or("").to_string();
    let message = chinese_message(&first);
    match err.location() {
        Some(loc) if loc.line() > 0 => {
            let (line, col) = (loc.line() as usize, loc.column() as usize);
            located(text, line, col.max(1), format!("第{line}行第{col}列：{message}"))
        }
        _ => plain(message),
    }
}

/// Strips serde-saphyr's English location suffix (" at line 3 column 5") from a message.
fn strip_location(msg: &str) -> &str {
    match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

/// Rewrites the messages of serde and the YAML parser in Chinese, keeping the facts.
fn chinese_message(raw: &str) -> String {
    let msg = strip_location(raw).trim();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected_list(tail);
        let mut out = format!("未知的键 `{field}`");
        if let Some(near) = nearest(field, &expected) {
            out.push_str(&format!("，是不是要写 `{near}`？"));
        }
        if !expected.is_empty() {
            out.push_str(&format!("（此处可用的键：{}）", expected.join("、")));
        }
        return out;
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return format!("缺少必填的键 `{field}`");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (v, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = expected_list(tail);
        return format!("“{v}”不是可选的值，可选：{}", expected.join("、"));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "类型不对：此处应为{}，实际写的是{}",
            expected_cn(expected),
            found_cn(found)
        );
    }
    if msg.contains("duplicate") && msg.contains("key") {
        return format!("同一层级出现了重复的键：每个键只能写一次（{msg}）");
    }
    if msg.contains("budget") || msg.contains("alias") && msg.contains("limit") {
        return format!("文件超出处理限制（嵌套过深、别名过多或过大），已拒绝读取（{msg}）");
    }
    if msg.contains("recursion limit") || msg.contains("depth") {
        return format!("嵌套层级过深，已拒绝读取（{msg}）");
    }
    if msg.starts_with("cannot deserialize null") {
        return "此处不能为空：请填写内容（文字用引号括起更稳妥）".to_string();
    }
    if let Some(t) = msg.strip_prefix("invalid ")
        && matches!(t, "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64")
    {
        return "此处应为非负整数（如人数、辆数、年度），不能写文字、小数或负数".to_string();
    }
    if msg.starts_with("expected mapping") {
        return "此处应为键值对（下一级写若干“键: 值”），而不是单个值或列表".to_string();
    }
    if msg.starts_with("expected string") {
        return "此处应为文字，而不是列表或键值对".to_string();
    }
    if msg.starts_with("expected sequence") {
        return "此处应为列表（每项以“- ”开头）".to_string();
    }
    if msg.starts_with("multiple YAML documents") {
        return "文件中有多个 YAML 文档（出现了第二个“---”）：一个文件只写一个单位的一个年度".to_string();
    }
    if msg.starts_with("mapping values are not allowed") {
        return "YAML 语法错误：此处不能再出现“键: 值”。常见原因是缩进不对齐，或值里含有冒号（含冒号的文字请用引号括起来）".to_string();
    }
    if msg.starts_with("unclosed quote") || msg.contains("while scanning a quoted scalar") {
        return "YAML 语法错误：引号没有成对，请检查这一行的引号".to_string();
    }
    if msg.contains("invalid value") {
        return format!("取值不对（{msg}）");
    }
    // Our own visitors already speak Chinese; the parser's syntax errors are kept verbatim
    // after a Chinese lead so the officer knows it is a YAML syntax problem.
    if msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return msg.to_string();
    }
    format!("YAML 语法错误（请检查缩进、冒号后的空格和引号是否成对）：{msg}")
}

/// The names after serde's ", expected one of a, b" / "expected `a` or `b`" (backticks optional).
fn expected_list(tail: &str) -> Vec<&str> {
    let Some((_, list)) = tail.split_once("expected ") else {
        return Vec::new();
    };
    let list = list.strip_prefix("one of ").unwrap_or(list);
    list.split(", ")
        .flat_map(|p| p.split(" or "))
        .map(|p| p.trim().trim_matches('`'))
        .filter(|p| !p.is_empty() && *p != "nothing")
        .collect()
}

fn expected_cn(e: &str) -> String {
    let e = e.trim();
    match e {
        "a string" => "文字".into(),
        "u32" | "u16" | "u8" | "usize" => "非负整数（人数、辆数等）".into(),
        "a boolean" => "是/否（true 或 false）".into(),
        "a sequence" => "列表（每项以“- ”开头）".into(),
        _ if e.starts_with("struct ") || e.contains("map") => "键值对（下一级的若干“键: 值”）".into(),
        _ => e.to_string(),
    }
}

fn found_cn(f: &str) -> String {
    let f = f.trim();
    if let Some(v) = f.strip_prefix("string ") {
        return format!("文字 {v}");
    }
    match f {
        "map" => "键值对".into(),
        "sequence" => "列表".into(),
        "unit value" | "null" => "空值".into(),
        _ => f.to_string(),
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
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
        assert!(e.message.contains("未知的键 `nmae`"), "{}", e.message);
        assert!(e.message.contains("是不是要写 `name`"), "{}", e.message);
        assert_eq!(e.line, Some(4));
        assert!(e.snippet.unwrap().contains('^'));
    }

    #[test]
    fn third_decimal_is_refused_with_location() {
        let e =
            parse_unit("unit:\n  name: a\n  year: 2023\nincome:\n  - code: 2101501\n    general: 1.234\n")
                .unwrap_err();
        assert!(e.message.contains("最多两位小数"), "{}", e.message);
        assert_eq!(e.line, Some(6));
    }

    #[test]
    fn empty_tabs_and_bom() {
        assert!(parse_unit("").unwrap_err().message.contains("空"));
        assert!(parse_unit("# only\n").unwrap_err().message.contains("空"));
        assert!(
            parse_unit("unit:\n\tname: a\n")
                .unwrap_err()
                .message
                .contains("Tab")
        );
        assert!(decode(b"\xEF\xBB\xBFunit: 1").is_ok());
        assert!(decode(b"unit: \xff").unwrap_err().message.contains("UTF-8"));
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
