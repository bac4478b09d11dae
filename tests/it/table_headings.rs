//! A table's page heading and its 目录 entry (issue #12): under the Shanghai profile the 目录
//! numbers the tables ("一、收入支出决算总表") while each table's page prints the bare title
//! ("收入支出决算总表", seed 005 lines 11–19 against 94 and 240), in every format; under the
//! central profile the page prints the numbered heading as before. The layout key
//! `heading_number` that says so is checked like the other keys.

use crate::common::{root, tempdir};
use juesuan::document::layout::{self, Offer};
use juesuan::document::tables::source_keys;
use juesuan::document::{Block, Document, Table};
use juesuan::render::{Format, Renderer};
use juesuan::templates::filters::chinese_numeral;
use juesuan::write::pdf::source;
use juesuan::write::{DocxWriter, Writer};
use std::io::Read;
use std::path::Path;

/// The document of `examples/<name>.yaml` under `profile`, with templates from `dir` (None: the
/// built-in ones).
fn document(name: &str, profile: &str, dir: Option<&Path>) -> Document {
    let loaded =
        juesuan::load::load(&root().join(format!("examples/{name}.yaml"))).unwrap_or_else(|e| panic!("{e}"));
    let ctx = juesuan::derive::derive(&loaded);
    Renderer::new(dir)
        .unwrap()
        .document(&ctx, profile)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn render(doc: &Document, format: Format) -> String {
    let bytes = Renderer::new(None).unwrap().write(doc, format).unwrap();
    String::from_utf8(bytes).unwrap()
}

/// The official tables (those with a 表号), in order.
fn official(doc: &Document) -> Vec<&Table> {
    doc.tables().filter(|t| t.caption.is_some()).collect()
}

/// "一、收入支出决算总表" for the `i`-th table (0-based).
fn numbered(i: usize, t: &Table) -> String {
    format!("{}、{}", chinese_numeral(i as u64 + 1), t.title)
}

/// The Word file's `word/document.xml`.
fn docx_xml(doc: &Document) -> String {
    let bytes = DocxWriter.write(doc).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The Word paragraphs as (XML, visible text): the text of the `w:t` runs only (a field's
/// instruction is no text of the page).
fn docx_paragraphs(xml: &str) -> Vec<(String, String)> {
    xml.split("<w:p>")
        .skip(1)
        .map(|p| {
            let p = p.split("</w:p>").next().unwrap_or("");
            let mut text = String::new();
            let mut rest = p;
            while let Some(i) = rest.find("<w:t") {
                rest = &rest[i..];
                let Some(open) = rest.find('>') else { break };
                // `<w:tab/>`, `<w:tbl…` are no text runs.
                if !(rest.starts_with("<w:t>") || rest.starts_with("<w:t ")) {
                    rest = &rest[open..];
                    continue;
                }
                let body = &rest[open + 1..];
                let end = body.find("</w:t>").unwrap_or(body.len());
                text.push_str(&body[..end]);
                rest = &body[end..];
            }
            (p.to_string(), text)
        })
        .collect()
}

#[test]
fn shanghai_pages_print_the_bare_title_and_the_toc_numbers_it() {
    let doc = document("putuo-caizhengju-2024", "shanghai", None);
    let tables = official(&doc);
    assert_eq!(tables.len(), 9, "the nine Shanghai tables");
    for (i, t) in tables.iter().enumerate() {
        let h = t.heading.as_ref().unwrap();
        assert_eq!(h.text, t.title, "{}: the page prints the bare title", t.key);
        assert_eq!(h.toc_entry(), numbered(i, t), "{}: the 目录 numbers it", t.key);
        assert!(h.in_toc && !h.id.is_empty());
    }
    // The outline lists the numbered text.
    let outline: Vec<&str> = doc.outline().iter().map(|h| h.toc_entry()).collect();
    assert!(
        outline.contains(&"一、收入支出决算总表")
            && outline.contains(&"九、国有资本经营预算财政拨款收入支出决算表")
    );

    let md = render(&doc, Format::Markdown);
    let html = render(&doc, Format::Html);
    let typ = source::document(&doc, "正文", "标题");
    let xml = docx_xml(&doc);
    let paragraphs = docx_paragraphs(&xml);
    assert!(
        xml.contains(r#"TOC \f \l "1-4" \h \z"#),
        "Word's TOC is built from the TC fields"
    );
    for (i, t) in tables.iter().enumerate() {
        let h = t.heading.as_ref().unwrap();
        let num = numbered(i, t);
        // Markdown: the 目录 item numbered, the page heading bare.
        assert!(md.contains(&format!("\n  - {num}\n")), "md 目录: {num}");
        assert!(
            md.contains(&format!("\n### {}\n", t.title)),
            "md page: {}",
            t.title
        );
        assert!(!md.contains(&format!("### {num}")), "md page: {num}");
        // HTML: the 目录 link (numbered) reaches the bare heading by its anchor.
        assert!(
            html.contains(&format!("<a href=\"#{}\">{num}</a>", h.id)),
            "html 目录: {num}"
        );
        assert!(
            html.contains(&format!("<h3 id=\"{}\">{}</h3>", h.id, t.title)),
            "html page: {}",
            t.title
        );
        // Typst: the heading's body (what the outline and the bookmarks read) numbered, a show
        // rule printing the bare title in its place on the page.
        let call = format!(
            "{{\nshow {}: {}\ntable-head(3, {}, true, none,",
            source::lit(&num),
            source::lit(&t.title),
            source::lit(&num)
        );
        assert!(typ.contains(&call), "typst: {call}");
        // Word: the pre-filled 目录 entry numbered and linked to the heading's bookmark; the
        // heading paragraph prints the bare title once (no second title line) and carries the
        // TC field with the numbered text.
        let mark = format!("_Toc_{}", h.id);
        let entry = paragraphs
            .iter()
            .find(|(p, _)| p.contains(&format!("w:anchor=\"{mark}\"")))
            .unwrap_or_else(|| panic!("docx 目录 entry for {mark}"));
        assert_eq!(entry.1, num, "docx 目录 entry");
        let heading = paragraphs
            .iter()
            .find(|(p, _)| p.contains(&format!("w:name=\"{mark}\"")))
            .unwrap_or_else(|| panic!("docx heading {mark}"));
        assert_eq!(heading.1, t.title, "docx page heading");
        assert!(heading.0.contains("<w:pStyle w:val=\"Heading3\"/>"));
        assert!(
            heading.0.contains(&format!(" TC &quot;{num}&quot; \\l 3 ")),
            "docx TC field: {}",
            heading.0
        );
        let printed = paragraphs.iter().filter(|(_, s)| *s == t.title).count();
        assert_eq!(printed, 1, "docx prints {} once", t.title);
    }
    // Every heading the 目录 lists has its TC field (the TOC is built from them alone).
    assert_eq!(xml.matches(" TC &quot;").count(), doc.outline().len());
}

#[test]
fn central_pages_keep_the_numbered_heading() {
    let doc = document("anyi-2023", "central", None);
    let tables = official(&doc);
    assert!(tables.len() >= 9);
    let md = render(&doc, Format::Markdown);
    let html = render(&doc, Format::Html);
    let typ = source::document(&doc, "正文", "标题");
    let xml = docx_xml(&doc);
    for (i, t) in tables.iter().enumerate() {
        let h = t.heading.as_ref().unwrap();
        let num = numbered(i, t);
        assert_eq!(h.text, num, "{}", t.key);
        assert_eq!(h.toc_text, None);
        assert!(md.contains(&format!("\n### {num}\n")), "md: {num}");
        assert!(html.contains(&format!("<h3 id=\"{}\">{num}</h3>", h.id)));
        assert!(typ.contains(&format!("table-head(3, {}, true,", source::lit(&num))));
    }
    assert!(!typ.contains("\nshow \""), "no page-text rule under central");
    assert!(
        xml.contains(r#"TOC \o "1-4" \h \z \u"#),
        "Word's TOC from the headings"
    );
    assert!(!xml.contains(" TC "), "no TC field under central");
}

/// A central unit whose override layout of 01表 says `heading_number = false`: that table's page
/// prints the bare title, the 目录 numbers it; the other tables are as before.
#[test]
fn the_key_works_in_any_profile() {
    let dir = tempdir("table-headings-override");
    let tables_dir = dir.join("tables");
    std::fs::create_dir_all(&tables_dir).unwrap();
    let t01 = std::fs::read_to_string(root().join("templates/tables/t01.toml")).unwrap();
    let t01 = t01.replacen("\ntitle = ", "\nheading_number = false\ntitle = ", 1);
    assert!(t01.contains("heading_number = false"));
    std::fs::write(tables_dir.join("t01.toml"), t01).unwrap();
    let doc = document("anyi-2023", "central", Some(&dir));
    let tables = official(&doc);
    let h = tables[0].heading.as_ref().unwrap();
    assert_eq!(h.text, "收入支出决算总表");
    assert_eq!(h.toc_entry(), "一、收入支出决算总表");
    let h2 = tables[1].heading.as_ref().unwrap();
    assert_eq!(
        (h2.text.as_str(), h2.toc_text.as_deref()),
        ("二、收入决算表", None)
    );
    let md = render(&doc, Format::Markdown);
    assert!(md.contains("\n- 一、收入支出决算总表\n") || md.contains("\n  - 一、收入支出决算总表\n"));
    assert!(md.contains("\n### 收入支出决算总表\n") && md.contains("\n### 二、收入决算表\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn heading_number_is_checked_with_file_and_line() {
    let keys = source_keys("t02").unwrap();
    let keys: Vec<(&str, _)> = keys.iter().map(|(k, c)| (k.as_str(), *c)).collect();
    let offer = Offer {
        keys: &keys,
        full_rows: false,
        side_rows: false,
        lines: &[],
    };
    let parse = |extra: &str| {
        layout::parse(
            "profiles/shanghai/tables/t02.toml",
            &format!(
                "title = \"收入决算表\"\nempty = \"无收入\"\nempty_reason = \"无\"\n{extra}\n\
                 [[columns]]\nkey = \"name\"\nheader = [\"科目名称\"]\n"
            ),
            offer,
        )
    };
    use juesuan::document::layout::PageHeading;
    assert_eq!(parse("").unwrap().page_heading, PageHeading::Numbered);
    assert_eq!(
        parse("heading_number = true").unwrap().page_heading,
        PageHeading::Numbered
    );
    assert_eq!(
        parse("heading_number = false").unwrap().page_heading,
        PageHeading::Bare
    );
    for bad in [
        "heading_number = \"no\"",
        "heading_number = 0",
        "heading_number = [false]",
    ] {
        let e = parse(bad).unwrap_err();
        assert_eq!(e.line, Some(4), "{bad}: {e}");
        assert!(e.message.contains("heading_number"), "{bad}: {e}");
        assert!(
            e.message.contains("true") && e.message.contains("false"),
            "{bad}: {e}"
        );
        assert!(
            e.to_string()
                .starts_with("表格式文件 profiles/shanghai/tables/t02.toml:4 有错误"),
            "{e}"
        );
    }
    // A misspelt key is refused as any unknown key is.
    let e = parse("heading_numbers = false").unwrap_err();
    assert_eq!(e.line, Some(4), "{e}");
    // In a variant too, and a variant can turn it off or on.
    let e = parse("[variants.\"甲\"]\nheading_number = \"bare\"").unwrap_err();
    assert!(e.message.contains("heading_number") && e.line == Some(5), "{e}");
    let l = parse("[variants.\"甲\"]\nheading_number = false").unwrap();
    assert_eq!(l.page_heading, PageHeading::Numbered);
    assert_eq!(l.variant(Some("甲")).unwrap().page_heading, PageHeading::Bare);
}

/// The PDF: the page of the table prints the bare title, the 目录 page the numbered entry (with
/// a CJK font installed; the bookmarks read the same heading body as the 目录).
#[test]
fn the_pdf_pages_print_the_bare_title_under_a_numbered_toc() {
    if !crate::typst_pdf::have_fonts() {
        return;
    }
    let doc = document("putuo-caizhengju-2024", "shanghai", None);
    let bytes = crate::typst_pdf::writer()
        .write(&doc)
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = root().join("target/typst-test");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("table-headings-{}.pdf", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let page = |n: usize| {
        let out = std::process::Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string()])
            .arg(&path)
            .arg("-")
            .output()
            .ok()?;
        Some(String::from_utf8(out.stdout).unwrap())
    };
    if page(1).is_none() {
        eprintln!("pdftotext not installed: text layer not checked");
        return;
    }
    let pages: Vec<String> = (1..=40)
        .map_while(|n| page(n).filter(|t| !t.is_empty()))
        .collect();
    let toc = pages
        .iter()
        .position(|p| p.contains("一、收入支出决算总表"))
        .expect("the 目录 page");
    // Each table's page starts with its bare title; no page after the 目录 prints a numbered
    // table heading.
    for (i, t) in official(&doc).iter().enumerate() {
        let num = numbered(i, t);
        assert!(pages[toc].contains(&num), "the 目录 lists {num}");
        assert!(
            pages[toc + 1..]
                .iter()
                .any(|p| p.lines().next() == Some(t.title.as_str())),
            "a page starts with {}",
            t.title
        );
        assert!(
            !pages[toc + 1..].iter().any(|p| p.contains(&num)),
            "{num} printed on a page"
        );
    }
    let _ = std::fs::remove_file(&path);
}

#[test]
fn every_block_heading_of_the_shanghai_document_is_listed_as_it_prints_or_numbered() {
    // Only the table headings differ: section headings print what the 目录 lists.
    let doc = document("putuo-caizhengju-2024", "shanghai", None);
    for b in &doc.blocks {
        if let Block::Heading(h) = b {
            assert_eq!(h.toc_entry(), h.text, "{}", h.text);
        }
    }
}
