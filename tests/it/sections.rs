//! The 情况说明 outline a unit selects (`settings.sections`) and a profile's variants
//! (`profiles/<name>/sections.toml`): numbering, errors naming the path and line, a variant of
//! the user's own in a templates directory, and the CLI's message.

use crate::common::{HEAD, juesuan, outcome, root, tempdir};
use juesuan::render::Renderer;
use juesuan::{derive, load};

fn document(renderer: &Renderer, yaml: &str, profile: &str) -> Result<juesuan::document::Document, String> {
    let loaded = load::load_str("u.yaml", yaml).unwrap_or_else(|e| panic!("{e}"));
    renderer
        .document(&derive::derive(&loaded), profile)
        .map_err(|e| e.to_string())
}

/// The level-3 headings of 第三部分.
fn sections(doc: &juesuan::document::Document) -> Vec<String> {
    use juesuan::document::Block;
    let mut inside = false;
    let mut out = Vec::new();
    for b in &doc.blocks {
        if let Block::Heading(h) = b {
            if h.level <= 2 {
                inside = h.text.contains("情况说明");
            } else if inside {
                out.push(h.text.clone());
            }
        }
    }
    out
}

#[test]
fn a_unit_selects_its_jurisdictions_sections_and_the_numbers_follow() {
    let r = Renderer::new(None).unwrap();
    let plain = document(&r, HEAD, "central").unwrap();
    assert_eq!(sections(&plain).len(), 14);
    assert_eq!(sections(&plain)[13], "十四、其他需要说明的事项");
    let yaml = format!("{HEAD}settings:\n  sections: {{central: 江西}}\n");
    let jx = document(&r, &yaml, "central").unwrap();
    assert_eq!(
        sections(&jx),
        [
            "一、收入决算情况说明",
            "二、支出决算情况说明",
            "三、财政拨款支出决算情况说明",
            "四、一般公共预算财政拨款基本支出决算情况说明",
            "五、财政拨款“三公”经费支出决算情况说明",
            "六、机关运行经费支出情况说明",
            "七、政府采购支出情况说明",
            "八、国有资产占用情况说明",
            "九、预算绩效情况说明",
        ]
    );
    // The 目录 lists the unit's sections, numbered as printed.
    let md = r
        .render(
            &derive::derive(&load::load_str("u.yaml", &yaml).unwrap()),
            "central",
            juesuan::render::Format::Markdown,
        )
        .unwrap();
    let toc = &md[..md.find("## 第一部分").unwrap()];
    assert!(
        toc.contains("九、预算绩效情况说明") && !toc.contains("十四、"),
        "{toc}"
    );
    // Under another profile the entry for central does not apply.
    let sh = document(&r, &yaml, "shanghai").unwrap();
    assert_eq!(sections(&sh)[9], "十、预算绩效管理情况");
}

#[test]
fn a_wrong_selection_names_its_path_line_and_what_there_is() {
    let r = Renderer::new(None).unwrap();
    let e = document(
        &r,
        &format!("{HEAD}settings:\n  sections: {{central: 河北}}\n"),
        "central",
    )
    .unwrap_err();
    assert!(
        e.contains("第 6 行")
            && e.contains("settings.sections.central")
            && e.contains("河北")
            && e.contains("吉林、新疆、江西、陕西"),
        "{e}"
    );
    let e = document(
        &r,
        &format!("{HEAD}settings:\n  sections: {{centrl: 吉林}}\n"),
        "central",
    )
    .unwrap_err();
    assert!(
        e.contains("settings.sections.centrl") && e.contains("shanghai"),
        "{e}"
    );
    let e = document(
        &r,
        &format!("{HEAD}settings:\n  sections: {{shanghai: 吉林}}\n"),
        "shanghai",
    )
    .unwrap_err();
    assert!(
        e.contains("settings.sections.shanghai") && e.contains("没有可选的情况说明格式"),
        "{e}"
    );
}

#[test]
fn a_variant_without_the_units_other_matters_is_refused_not_dropped() {
    let r = Renderer::new(None).unwrap();
    let yaml =
        format!("{HEAD}other_matters: [本年度完成了机构改革。]\nsettings:\n  sections: {{central: 吉林}}\n");
    let e = document(&r, &yaml, "central").unwrap_err();
    assert!(
        e.contains("settings.sections.central") && e.contains("吉林") && e.contains("其他需要说明的事项"),
        "{e}"
    );
    // The 新疆 variant has the section, under its own heading.
    let yaml = yaml.replace("吉林", "新疆");
    let d = document(&r, &yaml, "central").unwrap();
    assert_eq!(sections(&d).last().unwrap(), "十二、其他需说明的事项");
    // Shanghai's template has no such section: the text becomes the last sub-head of 十一.
    let sh = r
        .render(
            &derive::derive(&load::load_str("u.yaml", &yaml).unwrap()),
            "shanghai",
            juesuan::render::Format::Markdown,
        )
        .unwrap();
    assert!(
        sh.contains("**（四）其他需要说明的事项**\n\n本年度完成了机构改革。"),
        "{sh}"
    );
}

#[test]
fn a_templates_directory_adds_its_own_variant_and_a_broken_one_names_its_line() {
    let dir = tempdir("sections-variant");
    std::fs::create_dir_all(dir.join("profiles/central")).unwrap();
    std::fs::write(
        dir.join("profiles/central/sections.toml"),
        "[variants.\"本地\"]\nsections = [\n  { title = \"收入支出情况\", sections = [\"income\", \"spending\"] },\n  { key = \"performance\", before = [\"overall\", \"fiscal\", \"general\", \"basic\", \"fund\", \"state_capital\", \"sangong\", \"operating\", \"procurement\", \"assets\"] },\n  \"other\",\n]\n",
    )
    .unwrap();
    let r = Renderer::new(Some(&dir)).unwrap();
    let d = document(
        &r,
        &format!("{HEAD}settings:\n  sections: {{central: 本地}}\n"),
        "central",
    )
    .unwrap();
    assert_eq!(
        sections(&d),
        [
            "一、收入支出情况",
            "二、预算绩效管理情况说明",
            "三、其他需要说明的事项"
        ]
    );
    let subs: Vec<String> = d
        .blocks
        .iter()
        .filter_map(|b| match b {
            juesuan::document::Block::Paragraph(p)
                if matches!(p.inlines.as_slice(), [juesuan::document::Inline::Strong(_)]) =>
            {
                Some(p.text())
            }
            _ => None,
        })
        .collect();
    assert_eq!(subs[..2], ["（一）收入决算情况说明", "（二）支出决算情况说明"]);
    // A variant that does not fit the template: the file and line, and what there is.
    let refused = |toml: &str| {
        std::fs::write(dir.join("profiles/central/sections.toml"), toml).unwrap();
        let r = Renderer::new(Some(&dir)).unwrap();
        document(
            &r,
            &format!("{HEAD}settings:\n  sections: {{central: 本地}}\n"),
            "central",
        )
        .unwrap_err()
    };
    let e = refused("[variants.\"本地\"]\nsections = [\n  \"income\",\n  \"incme\",\n  \"other\",\n]\n");
    assert!(
        e.contains("profiles/central/sections.toml")
            && e.contains("第 4 行")
            && e.contains("incme")
            && e.contains("income"),
        "{e}"
    );
    // Leaving out a section whose sentences the audit asks reasons for.
    let e = refused("[variants.\"本地\"]\nsections = [\"income\", \"other\"]\n");
    assert!(
        e.contains("没有放节 overall（收入支出决算总体情况说明）") && e.contains("before/after"),
        "{e}"
    );
    // A malformed file is refused when the templates load.
    std::fs::write(
        dir.join("profiles/central/sections.toml"),
        "[variants.\"本地\"]\nsection = []\n",
    )
    .unwrap();
    let e = Renderer::new(Some(&dir)).err().expect("malformed").to_string();
    assert!(e.contains("sections.toml") && e.contains("第 2 行"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_section_title_carrying_its_own_number_is_refused() {
    let dir = tempdir("sections-numbered");
    std::fs::create_dir_all(dir.join("profiles")).unwrap();
    for (title, numbered) in [
        ("一、收入决算情况说明", true),
        ("十二、国有资产占用情况说明", true),
        ("（三）会议费支出情况", true),
        ("三公经费、培训费支出情况", false),
        ("一般公共预算财政拨款支出决算情况说明", false),
    ] {
        std::fs::write(
            dir.join("profiles/mine.md"),
            format!("## 第三部分 情况说明\n\n{{{{ section(key=\"income\", title=\"{title}\") }}}}\n\n正文\n"),
        )
        .unwrap();
        let r = Renderer::new(Some(&dir)).unwrap();
        match document(&r, HEAD, "mine") {
            Err(e) => assert!(numbered && e.contains("不写序号"), "{title}: {e}"),
            Ok(d) => assert!(!numbered && sections(&d) == [format!("一、{title}")], "{title}"),
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_reports_a_wrong_selection_with_the_file() {
    let dir = tempdir("sections-cli");
    let unit = dir.join("u.yaml");
    std::fs::write(&unit, format!("{HEAD}settings:\n  sections: {{central: 河北}}\n")).unwrap();
    let (code, _out, err) = outcome(juesuan().current_dir(root()).arg("check").arg(&unit));
    assert_ne!(code, 0);
    assert!(
        err.contains("settings.sections.central") && err.contains("河北"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
