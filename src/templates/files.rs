//! The built-in templates (embedded in the binary), a user's override directory, and
//! `templates export`.

use super::TemplateError;
use std::path::Path;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        /// Every built-in template: (name relative to `templates/`, source).
        pub const BUILTIN: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../templates/", $name))),)*
        ];
    };
}

builtin!(
    "page.html",
    "profiles/central.md",
    "profiles/shanghai.md",
    "parts/appendix.md",
    "parts/basic_split.md",
    "parts/budget_clause.md",
    "parts/budget_deviation.md",
    "parts/budget_sentence.md",
    "parts/class_completion.md",
    "parts/change_clause.md",
    "parts/change_sentence.md",
    "parts/counts.md",
    "parts/fund_items.md",
    "parts/fund_summary.md",
    "parts/glossary.md",
    "parts/item_paragraphs.md",
    "parts/overview.md",
    "parts/share_list.md",
    "parts/year_change.md",
    "sections/assets.md",
    "sections/basic.md",
    "sections/fiscal.md",
    "sections/fund.md",
    "sections/general.md",
    "sections/income.md",
    "sections/operating.md",
    "sections/other.md",
    "sections/overall.md",
    "sections/performance.md",
    "sections/procurement.md",
    "sections/sangong.md",
    "sections/spending.md",
    "sections/state_capital.md",
    "profiles/central/additions.toml",
    "profiles/central/sections.toml",
    "profiles/shanghai/additions.toml",
    "profiles/shanghai/profile.toml",
    "profiles/shanghai/sections/assets.md",
    "profiles/shanghai/sections/basic.md",
    "profiles/shanghai/sections/fiscal.md",
    "profiles/shanghai/sections/fund.md",
    "profiles/shanghai/sections/general.md",
    "profiles/shanghai/sections/income.md",
    "profiles/shanghai/sections/operating.md",
    "profiles/shanghai/sections/overall.md",
    "profiles/shanghai/sections/procurement.md",
    "profiles/shanghai/sections/sangong_detail.md",
    "profiles/shanghai/sections/sangong_overall.md",
    "profiles/shanghai/sections/spending.md",
    "profiles/shanghai/sections/state_capital.md",
    "profiles/shanghai/tables/t01.toml",
    "profiles/shanghai/tables/t02.toml",
    "profiles/shanghai/tables/t03.toml",
    "profiles/shanghai/tables/t04.toml",
    "profiles/shanghai/tables/t05.toml",
    "profiles/shanghai/tables/t06.toml",
    "profiles/shanghai/tables/t07.toml",
    "profiles/shanghai/tables/t08.toml",
    "profiles/shanghai/tables/t09.toml",
    "tables/t01.toml",
    "tables/t02.toml",
    "tables/t03.toml",
    "tables/t04.toml",
    "tables/t05.toml",
    "tables/t06.toml",
    "tables/t07.toml",
    "tables/t08.toml",
    "tables/t09.toml",
    "tables/t10.toml",
    "tables/index.toml",
);

/// A template or layout file larger than this is refused (the largest built-in one is a few KB).
pub const MAX_TEMPLATE_BYTES: usize = 1024 * 1024;

/// Reads every `*.md` / `*.html` file under `dir`, named by its path relative to `dir` (with `/`).
pub fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, TemplateError> {
    let fail = |m: String| TemplateError {
        template: dir.display().to_string(),
        message: m,
    };
    if !dir.is_dir() {
        return Err(fail("模板目录不存在或不是目录".into()));
    }
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    // Each directory once: links to `.` or a parent cannot make the walk loop or explode.
    let mut visited = std::collections::HashSet::new();
    while let Some(d) = stack.pop() {
        if !d.canonicalize().is_ok_and(|real| visited.insert(real)) {
            continue;
        }
        let mut entries: Vec<_> = std::fs::read_dir(&d)
            .map_err(|e| fail(format!("无法读取 {}：{}", d.display(), crate::load::io_cn(&e))))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !matches!(ext, "md" | "html" | "toml") {
                continue;
            }
            let rel = p.strip_prefix(dir).unwrap_or(&p);
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            // Only regular files, bounded: a FIFO or a huge file cannot hang or exhaust memory.
            let bytes = crate::load::read_bounded(&p, MAX_TEMPLATE_BYTES)
                .map_err(|e| fail(format!("无法读取模板 {}：{e}", p.display())))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| fail(format!("模板 {} 不是 UTF-8 编码的文本", p.display())))?;
            out.push((name, text));
        }
    }
    Ok(out)
}

/// Writes the built-in templates under `dir` for editing (existing files are left alone and
/// reported). Returns the files written.
pub fn export(dir: &Path) -> std::io::Result<(Vec<String>, Vec<String>)> {
    let (mut written, mut kept) = (Vec::new(), Vec::new());
    for (name, text) in BUILTIN {
        let path = dir.join(name);
        if path.exists() {
            kept.push(name.to_string());
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        crate::output::write_atomic(&path, text.as_bytes())?;
        written.push(name.to_string());
    }
    Ok((written, kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk: Vec<String> = read_dir(&dir).unwrap().into_iter().map(|(n, _)| n).collect();
        let mut embedded: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        on_disk.sort();
        embedded.sort();
        assert_eq!(
            on_disk, embedded,
            "templates/ and BUILTIN differ: add the file to builtin!()"
        );
    }
}
