//! Markdown → HTML with pulldown-cmark (its options are set here, once), the 目录 built from
//! the headings actually present, and tidying of the rendered Markdown.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, html};

/// The line a profile template writes where the 目录 goes.
pub const TOC_MARKER: &str = "[[目录]]";

/// Keeps the blocks written for `format` and drops the other format's. Templates mark a
/// format's block with a line `<!--juesuan:md-->` or `<!--juesuan:html-->` and end it with
/// `<!--juesuan:end-->`; everything outside markers is shared. User text cannot forge a marker: the
/// escape function turns `<` into `&lt;`.
pub fn select(both: &str, format: super::Format) -> String {
    let keep = match format {
        super::Format::Markdown => "<!--juesuan:md-->",
        super::Format::Html => "<!--juesuan:html-->",
    };
    let mut out = String::with_capacity(both.len());
    let mut inside: Option<bool> = None;
    for line in both.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with("<!--juesuan:") {
            inside = match t {
                "<!--juesuan:end-->" => None,
                marker => Some(marker == keep),
            };
            continue;
        }
        if inside != Some(false) {
            out.push_str(line);
        }
    }
    out
}

/// The one set of pulldown-cmark options juesuan uses.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Collapses runs of blank lines to one, removes blank lines inside HTML tables (which would end
/// the raw HTML block), and strips trailing spaces, so output is stable and diffs are clean.
pub fn tidy(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut blank = 0;
    let mut in_table = false;
    for line in md.lines() {
        let line = line.trim_end();
        if line.trim_start().starts_with("<table") {
            in_table = true;
        }
        if line.is_empty() {
            if in_table {
                continue;
            }
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        if in_table {
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
        out.push('\n');
        if line.trim_end().ends_with("</table>") {
            in_table = false;
        }
    }
    let trimmed = out.trim_matches('\n');
    format!("{trimmed}\n")
}

/// Headings of level 2 and 3 (the 部分 and their sections), in order, with their level. The
/// report's Markdown is generated, so an ATX heading is always a line starting with `## ` or
/// `### ` outside an HTML block; scanning lines is enough and much cheaper than parsing.
fn headings(md: &str) -> Vec<(u8, String)> {
    let mut v = Vec::new();
    let mut in_html = false;
    for line in md.lines() {
        if line.starts_with("<table") {
            in_html = true;
        }
        if !in_html {
            let h = if let Some(t) = line.strip_prefix("### ") {
                Some((3, t))
            } else {
                line.strip_prefix("## ").map(|t| (2, t))
            };
            if let Some((level, text)) = h {
                v.push((level, unescape(text.trim())));
            }
        }
        if line.ends_with("</table>") {
            in_html = false;
        }
    }
    v
}

/// Heading text as a reader sees it: the character references the escape function wrote become
/// characters again (they are escaped anew wherever the text is written).
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').filter(|e| *e <= 8);
        let decoded = end.and_then(|e| match &tail[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            code => code
                .strip_prefix('#')
                .and_then(|n| n.parse::<u32>().ok())
                .and_then(char::from_u32),
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The heading under which the 目录 itself stands; it is not listed in the 目录.
const TOC_HEADING: &str = "目录";

/// Replaces the 目录 marker with a nested list of the headings present.
pub fn with_toc_markdown(md: &str) -> String {
    if !md.contains(TOC_MARKER) {
        return md.to_string();
    }
    let mut toc = String::new();
    for (level, text) in headings(md).into_iter().filter(|h| h.1 != TOC_HEADING) {
        let indent = if level == 2 { "" } else { "  " };
        toc.push_str(&format!("{indent}- {}\n", escape_text(&text)));
    }
    md.replacen(TOC_MARKER, toc.trim_end(), 1)
}

fn escape_text(s: &str) -> String {
    let mut out = Vec::new();
    // Heading text comes back unescaped from the parser; escape it again for Markdown.
    super::filters::escape_md_html(s, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Converts the report's Markdown to an HTML body. Level 2 and 3 headings get ids `h1`, `h2`, …
/// in order, and the 目录 marker becomes a list linking to them. Returns the body and the 目录.
pub fn to_html(md: &str) -> (String, String) {
    let heads = headings(md);
    let mut toc = String::new();
    for (n, (level, text)) in heads.iter().enumerate() {
        if text != TOC_HEADING {
            toc.push_str(&format!(
                "<li class=\"toc-{level}\"><a href=\"#h{}\">{}</a></li>\n",
                n + 1,
                escape_html(text)
            ));
        }
    }
    if !toc.is_empty() {
        toc = format!("<ul class=\"toc\">\n{toc}</ul>\n");
    }
    let md = md.replacen(TOC_MARKER, &toc, 1);
    let mut k = 0;
    let events = Parser::new_ext(&md, options()).map(|ev| match ev {
        Event::Start(Tag::Heading {
            level,
            id: _,
            classes,
            attrs,
        }) if (HeadingLevel::H2..=HeadingLevel::H3).contains(&level) => {
            k += 1;
            Event::Start(Tag::Heading {
                level,
                id: Some(CowStr::from(format!("h{k}"))),
                classes,
                attrs,
            })
        }
        other => other,
    });
    let mut body = String::with_capacity(md.len() * 2);
    html::push_html(&mut body, events);
    (body, toc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_collapses_blank_lines_and_tables() {
        let s = tidy("a\n\n\n\nb  \n<table>\n\n<tr>\n   <td>1</td>\n\n</tr></table>\n\n\nc\n");
        assert_eq!(s, "a\n\nb\n<table>\n<tr>\n<td>1</td>\n</tr></table>\n\nc\n");
    }

    #[test]
    fn toc_lists_headings() {
        let md = "# T\n\n## 目录\n\n[[目录]]\n\n## 第一部分\n\n### 一、职责\n\ntext\n";
        let out = with_toc_markdown(md);
        assert!(out.contains("- 第一部分\n  - 一、职责"), "{out}");
        assert!(!out.contains("- 目录"), "{out}");
        let (body, toc) = to_html(md);
        assert!(body.contains("<h2 id=\"h2\">第一部分</h2>"), "{body}");
        assert!(toc.contains("<a href=\"#h3\">一、职责</a>"), "{toc}");
        assert!(body.contains("<ul class=\"toc\">"), "{body}");
    }

    #[test]
    fn select_keeps_one_format() {
        let both = "共享\n<!--juesuan:html-->\n<table></table>\n<!--juesuan:end-->\n<!--juesuan:md-->\n| a |\n<!--juesuan:end-->\n尾\n";
        assert_eq!(select(both, crate::render::Format::Markdown), "共享\n| a |\n尾\n");
        assert_eq!(
            select(both, crate::render::Format::Html),
            "共享\n<table></table>\n尾\n"
        );
    }

    #[test]
    fn heading_text_is_unescaped_once() {
        assert_eq!(unescape("a&#124;b&lt;c&amp;d&bogus"), "a|b<c&d&bogus");
        let h = headings("## 第一部分 &lt;甲&gt;\n<table>\n## not a heading\n</table>\n### 一、x\n");
        assert_eq!(
            h,
            vec![(2, "第一部分 <甲>".to_string()), (3, "一、x".to_string())]
        );
    }

    #[test]
    fn escaped_user_text_stays_inert_in_html() {
        let (body, _) = to_html("名称&lt;script&gt;alert(1)&lt;/script&gt; a&#124;b\n");
        assert!(body.contains("&lt;script&gt;"), "{body}");
        assert!(!body.contains("<script>"), "{body}");
    }
}
