//! Component calls checked when the templates load. Tera 2 checks a component's arguments
//! (unknown, missing, wrong type) only when the call runs, so a bad call in a branch that no
//! unit reaches would pass unnoticed. This pass reads every call `<name …/>` / `{% <name …> %}`
//! in every template and checks, for all branches at once, what can be known without data:
//! every argument named exists, every required argument is given, and a string literal is
//! passed only where a string may go. Types of computed values are still checked by Tera when
//! the call runs.

use tera::{ComponentArgType, ComponentInfo, Tera};

/// One attribute of a call: its name and whether its value is a string literal.
struct Attr<'a> {
    name: &'a str,
    literal: bool,
}

/// A parsed call: the component's name, its attributes, whether it spreads a map (`{...m}`),
/// and the byte offset where it starts.
struct Call<'a> {
    name: &'a str,
    attrs: Vec<Attr<'a>>,
    spread: bool,
    at: usize,
}

/// `source` with every `{# … #}` comment blanked (same length, so offsets and lines stay).
fn without_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find("{#") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("#}")
            .map(|e| start + e + 2)
            .unwrap_or(rest.len());
        out.extend(
            rest[start..end]
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' }),
        );
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The end of a `{…}` value starting at `s[0] == '{'`, skipping strings and nested braces.
fn skip_braces(s: &str) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    s.len()
}

/// The attributes after a component name, up to `/>` or `>`; None if this is not a call.
fn attrs(s: &str) -> Option<(Vec<Attr<'_>>, bool)> {
    let mut out = Vec::new();
    let mut spread = false;
    let mut i = 0;
    loop {
        i += s[i..].len() - s[i..].trim_start().len();
        let r = &s[i..];
        if r.starts_with("/>") || r.starts_with('>') {
            return Some((out, spread));
        }
        if r.starts_with("{...") {
            spread = true;
            i += skip_braces(r);
            continue;
        }
        let n = r.find(|c: char| !is_ident(c)).unwrap_or(r.len());
        if n == 0 {
            return None;
        }
        let name = &r[..n];
        i += n;
        let r = &s[i..];
        if let Some(v) = r.strip_prefix('=') {
            i += 1;
            if let Some(q) = v.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let end = v[1..].find(q)? + 2;
                i += end;
                out.push(Attr { name, literal: true });
            } else if v.starts_with('{') {
                i += skip_braces(v);
                out.push(Attr { name, literal: false });
            } else {
                return None;
            }
        } else {
            out.push(Attr { name, literal: false });
        }
    }
}

/// Every call of a component of `names` in `source` (comments ignored).
fn calls<'a>(source: &'a str, names: &[&str]) -> Vec<Call<'a>> {
    let mut out = Vec::new();
    for (at, _) in source.match_indices('<') {
        let r = &source[at + 1..];
        let n = r.find(|c: char| !(is_ident(c) || c == '.')).unwrap_or(r.len());
        let name = &r[..n];
        if !names.contains(&name) {
            continue;
        }
        if let Some((attrs, spread)) = attrs(&r[n..]) {
            out.push(Call {
                name,
                attrs,
                spread,
                at,
            });
        }
    }
    out
}

fn type_name(t: Option<ComponentArgType>) -> String {
    t.map(|t| format!("（{t}）")).unwrap_or_default()
}

/// The problems of one call, in Chinese.
fn problems(call: &Call<'_>, info: &ComponentInfo) -> Vec<String> {
    let mut out = Vec::new();
    let args = info.args();
    for a in &call.attrs {
        match args.iter().find(|d| d.name() == a.name) {
            None if info.rest_param().is_none() => {
                let known: Vec<String> = args
                    .iter()
                    .filter(|d| !d.is_implicit())
                    .map(|d| format!("`{}`", d.name()))
                    .collect();
                out.push(format!(
                    "组件 {} 没有参数 `{}`（可用：{}）",
                    call.name,
                    a.name,
                    if known.is_empty() {
                        "无".to_string()
                    } else {
                        known.join("、")
                    }
                ));
            }
            Some(d) if a.literal && d.arg_type().is_some_and(|t| t != ComponentArgType::String) => {
                out.push(format!(
                    "组件 {} 的参数 `{}` 要的是{}，这里写的是字符串；值要写在 {{…}} 里，如 {}={{x.y}}",
                    call.name,
                    a.name,
                    type_name(d.arg_type()),
                    a.name
                ));
            }
            _ => {}
        }
    }
    if !call.spread {
        for d in args.iter().filter(|d| d.is_required()) {
            if !call.attrs.iter().any(|a| a.name == d.name()) {
                out.push(format!(
                    "组件 {} 缺少必填参数 `{}`{}",
                    call.name,
                    d.name(),
                    type_name(d.arg_type())
                ));
            }
        }
    }
    out
}

/// Checks every component call in `source` (the template `origin`) against the components
/// `tera` knows; the first problem as "第N行：…".
pub fn check(tera: &Tera, source: &str) -> Result<(), String> {
    let names: Vec<&str> = tera.get_component_names().collect();
    let text = without_comments(source);
    for call in calls(&text, &names) {
        let Some(info) = tera.get_component_definition(call.name) else {
            continue;
        };
        if let Some(p) = problems(&call, &info).into_iter().next() {
            let line = text[..call.at].matches('\n').count() + 1;
            return Err(format!("第{line}行：{p}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera() -> Tera {
        let mut t = Tera::new();
        t.add_raw_template(
            "c.md",
            "{% component clause(c: map, lead: string = \"，\", @meta: map) %}{{ lead }}{% endcomponent %}",
        )
        .unwrap();
        t
    }

    #[test]
    fn good_calls_pass() {
        let t = tera();
        let src = "甲{{ <clause c={x.change} /> }}乙{{- <clause c={ {\"a\": 1} } lead=\"\" /> }}\n\
                   {# <clause nonsense /> #}{{ <clause {...m} /> }}{% if a < b %}{% endif %}";
        assert_eq!(check(&t, src), Ok(()));
    }

    #[test]
    fn bad_calls_name_the_line() {
        let t = tera();
        let e = check(&t, "\n\n{{ <clause lead=\"\" /> }}").unwrap_err();
        assert!(e.starts_with("第3行：") && e.contains("缺少必填参数 `c`"), "{e}");
        let e = check(&t, "{{ <clause c={x} label=\"决算\" /> }}").unwrap_err();
        assert!(e.contains("没有参数 `label`") && e.contains("`c`、`lead`"), "{e}");
        let e = check(&t, "{{ <clause c=\"x.change\" /> }}").unwrap_err();
        assert!(e.contains("参数 `c` 要的是（map）"), "{e}");
    }
}
