//! `performance.summary` sub-sections (issue 12): an item `{title, paragraphs}` prints as a bold
//! sub-head numbered （一）（二）… over the sub-sections only, then its paragraphs, in every format;
//! the unit's text stays plain text; a wrong item is refused in Chinese with its YAML path and line.

use crate::common::{HEAD, run};
use crate::office::Node;
use juesuan::document::{Block, Document, Inline};
use juesuan::input::SummaryItem;
use juesuan::load;
use juesuan::render::{Format, Renderer};
use std::io::{Cursor, Read};

/// A unit with one evaluated project, so the derived sentence follows the unit's own text.
fn unit(summary: &str) -> String {
    let head = concat!(
        "expenditure:\n",
        "  - {code: \"2101501\", name: 行政运行, general: {basic: 50.00, project: 20.00}}\n",
        "performance:\n",
        "  summary:\n",
    );
    let tail = concat!(
        "  projects:\n",
        "    - name: 甲项目\n",
        "      fiscal: {initial: 10, full: 10, actual: 10}\n",
        "      score: 95\n",
    );
    format!("{HEAD}{head}{summary}{tail}")
}

const MIXED: &str = concat!(
    "    - 开头一段。\n",
    "    - title: 绩效评价工作开展情况\n",
    "      paragraphs:\n",
    "        - 工作一段。\n",
    "        - 工作二段。\n",
    "    - 中间一段，不是小节。\n",
    "    - title: 绩效评价结果应用\n",
    "      paragraphs: [结果一段。]\n",
);

fn document(yaml: &str, profile: &str) -> Document {
    let (ctx, _) = run(yaml);
    Renderer::new(None).unwrap().document(&ctx, profile).unwrap()
}

fn rendered(yaml: &str, profile: &str, format: Format) -> String {
    let (ctx, _) = run(yaml);
    Renderer::new(None)
        .unwrap()
        .render(&ctx, profile, format)
        .unwrap()
}

/// The paragraphs of the 预算绩效 section of a document, each as (is a bold sub-head, text).
fn performance_paragraphs(doc: &Document) -> Vec<(bool, String)> {
    let mut inside = false;
    let mut out = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Heading(h) => inside = h.text.contains("预算绩效"),
            Block::Paragraph(p) if inside => {
                let bold = matches!(p.inlines.as_slice(), [Inline::Strong(_)]);
                out.push((bold, p.text().trim().to_string()));
            }
            _ => {}
        }
    }
    out
}

/// The main part of a Word file.
fn docx_xml(bytes: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The paragraphs of a Word file's body, each as (every run bold, text).
fn docx_paragraphs(bytes: &[u8]) -> Vec<(bool, String)> {
    let document = Node::parse(&docx_xml(bytes));
    document
        .find_all("w:p")
        .into_iter()
        .map(|p| {
            let runs = p.find_all("w:r");
            let bold = !runs.is_empty()
                && runs
                    .iter()
                    .all(|r| r.child("w:rPr").and_then(|pr| pr.child("w:b")).is_some());
            (bold, p.para_text())
        })
        .collect()
}

#[test]
fn sub_heads_are_numbered_over_the_sub_sections_only_in_the_given_order() {
    let yaml = unit(MIXED);
    let got = performance_paragraphs(&document(&yaml, "central"));
    let want: Vec<(bool, String)> = [
        (false, "开头一段。"),
        (true, "（一）绩效评价工作开展情况"),
        (false, "工作一段。"),
        (false, "工作二段。"),
        (false, "中间一段，不是小节。"),
        (true, "（二）绩效评价结果应用"),
        (false, "结果一段。"),
    ]
    .iter()
    .map(|(b, s)| (*b, s.to_string()))
    .collect();
    assert_eq!(got[..want.len()], want[..], "{got:#?}");
    // The derived sentences come after the unit's own text, as before.
    assert!(
        got[want.len()]
            .1
            .starts_with("2023年度，本部门对1个项目开展了绩效自评"),
        "{got:#?}"
    );
}

#[test]
fn sub_heads_print_bold_in_markdown_html_and_word() {
    let yaml = unit(MIXED);
    let md = rendered(&yaml, "central", Format::Markdown);
    let first = md
        .find("**（一）绩效评价工作开展情况**")
        .expect("（一） in Markdown");
    let second = md.find("**（二）绩效评价结果应用**").expect("（二） in Markdown");
    assert!(
        first < md.find("工作一段。").unwrap() && md.find("中间一段").unwrap() < second,
        "{md}"
    );

    let html = rendered(&yaml, "central", Format::Html);
    assert!(
        html.contains("<p><strong>（一）绩效评价工作开展情况</strong></p>\n<p>工作一段。</p>"),
        "{html}"
    );
    assert!(
        html.contains("<p><strong>（二）绩效评价结果应用</strong></p>\n<p>结果一段。</p>"),
        "{html}"
    );

    let (ctx, _) = run(&yaml);
    let r = Renderer::new(None).unwrap();
    let doc = r.document(&ctx, "central").unwrap();
    let paras = docx_paragraphs(&r.write(&doc, Format::Docx).unwrap());
    let at = paras
        .iter()
        .position(|p| p.1 == "（一）绩效评价工作开展情况")
        .expect("（一） in Word");
    assert!(paras[at].0, "the sub-head is bold in Word");
    assert_eq!(paras[at + 1], (false, "工作一段。".to_string()));
    assert!(paras.contains(&(true, "（二）绩效评价结果应用".to_string())));
    assert!(paras.contains(&(false, "中间一段，不是小节。".to_string())));
}

#[test]
fn the_shanghai_profile_prints_the_same_sub_heads() {
    let got = performance_paragraphs(&document(&unit(MIXED), "shanghai"));
    let heads: Vec<&str> = got.iter().filter(|p| p.0).map(|p| p.1.as_str()).collect();
    assert_eq!(
        heads,
        ["（一）绩效评价工作开展情况", "（二）绩效评价结果应用"],
        "{got:#?}"
    );
}

#[test]
fn strings_only_print_as_plain_paragraphs_as_before() {
    let got = performance_paragraphs(&document(&unit("    - 第一段。\n    - 第二段。\n"), "central"));
    assert_eq!(got[0], (false, "第一段。".to_string()));
    assert_eq!(got[1], (false, "第二段。".to_string()));
    assert!(got.iter().all(|p| !p.0), "{got:#?}");
}

/// Titles and paragraphs that look like Markdown, HTML or a juesuan marker stay that text.
#[test]
fn titles_and_paragraphs_of_a_sub_section_stay_plain_text_in_every_format() {
    // A title cannot begin with “1.” (that is its own number, refused), a paragraph can.
    let titles = [
        "**x**",
        "甲 1. x",
        "[[juesuan:toc:]]",
        "<b>粗</b> & _y_",
        "# 不是标题",
    ];
    let paras = ["1. 第一条", "**x**", "[[juesuan:toc:]]", "- 一项", "> 不是引用"];
    let summary: String = titles
        .iter()
        .zip(paras)
        .map(|(t, p)| format!("    - title: \"{t}\"\n      paragraphs: [\"{p}\"]\n"))
        .collect();
    let yaml = unit(&summary);
    let doc = document(&yaml, "central");
    let got = performance_paragraphs(&doc);
    for (i, t) in titles.iter().enumerate() {
        let number = ["一", "二", "三", "四", "五"][i];
        let head = (true, format!("（{number}）{t}"));
        let at = got
            .iter()
            .position(|p| *p == head)
            .unwrap_or_else(|| panic!("{head:?} in {got:#?}"));
        assert_eq!(
            got[at + 1],
            (false, paras[i].to_string()),
            "the paragraph under {t}"
        );
    }
    // Read back from the Markdown juesuan writes, the same text, never emphasis, list or heading.
    let md = rendered(&yaml, "central", Format::Markdown);
    let body = juesuan::document::prose::parse(&md);
    for t in titles {
        let found = body.iter().any(|b| match b {
            Block::Paragraph(p) => {
                matches!(p.inlines.as_slice(), [Inline::Strong(_)]) && p.text().ends_with(t)
            }
            _ => false,
        });
        assert!(found, "{t} is not a plain bold sub-head in the Markdown:\n{md}");
    }
    for p in paras {
        let found = body
            .iter()
            .any(|b| matches!(b, Block::Paragraph(x) if x.text().trim() == p));
        assert!(found, "{p} is not a plain paragraph in the Markdown:\n{md}");
    }
    // The marker did not make a second table of contents.
    assert_eq!(md.matches("## 目录").count(), 1, "{md}");
    let html = rendered(&yaml, "central", Format::Html);
    assert!(html.contains("<p><strong>（一）**x**</strong></p>"), "{html}");
    assert!(
        html.contains("<strong>（四）&lt;b&gt;粗&lt;/b&gt; &amp; _y_</strong>"),
        "{html}"
    );
    assert!(
        html.contains("<p>1. 第一条</p>") && html.contains("<p>- 一项</p>"),
        "{html}"
    );
    let section = &html[html.find("十三、预算绩效管理情况说明</h3>").unwrap()
        ..html.find("十四、其他需要说明的事项</h3>").unwrap()];
    assert!(
        section.contains("（五）# 不是标题") && section.contains("&gt; 不是引用"),
        "{section}"
    );
    assert!(
        !section.contains("<b>")
            && !section.contains("<blockquote")
            && !section.contains("<ol")
            && !section.contains("<ul"),
        "{section}"
    );
    let (ctx, _) = run(&yaml);
    let r = Renderer::new(None).unwrap();
    let bytes = r
        .write(&r.document(&ctx, "central").unwrap(), Format::Docx)
        .unwrap();
    let paras = docx_paragraphs(&bytes);
    assert!(
        paras.contains(&(true, "（三）[[juesuan:toc:]]".to_string())),
        "{paras:#?}"
    );
    assert!(
        paras.contains(&(false, "[[juesuan:toc:]]".to_string())),
        "{paras:#?}"
    );
    // One table of contents: the marker in the user's text made none.
    assert_eq!(docx_xml(&bytes).matches(" TOC \\o ").count(), 1);
}

/// The message of a refused unit file.
fn refused(summary: &str) -> String {
    match load::load_str("单位.yaml", &unit(summary)) {
        Ok(_) => panic!("accepted:\n{summary}"),
        Err(e) => e.to_string(),
    }
}

/// The 1-based line of the first line of `summary` inside the file [`unit`] writes.
fn first_summary_line() -> usize {
    unit("@@").lines().position(|l| l.contains("@@")).unwrap() + 1
}

#[test]
fn a_wrong_item_is_named_by_its_path_at_its_line() {
    let l = first_summary_line();
    let msg = refused("    - 一段。\n    - [a, b]\n");
    assert!(msg.starts_with(&format!("单位.yaml：第{}行", l + 1)), "{msg}");
    assert!(
        msg.contains("performance.summary[1] 应为一段文字，或带小标题的一节（title: 小标题，paragraphs: [各段文字]），实际写的是列表"),
        "{msg}"
    );
    let msg = refused("    - 一段。\n    - \n");
    assert!(
        msg.contains("performance.summary[1]") && msg.contains("空值"),
        "{msg}"
    );
    let msg = refused("    - true\n");
    assert!(
        msg.contains("performance.summary[0]") && msg.contains("请加引号"),
        "{msg}"
    );
    // A number is not silently turned into other text (`0123` would read as 123).
    let msg = refused("    - 0123\n");
    assert!(
        msg.contains("performance.summary[0]") && msg.contains("实际写的是数字"),
        "{msg}"
    );
    let yaml = unit("    - \"0123\"\n");
    assert!(
        load::load_str("单位.yaml", &yaml).is_ok(),
        "a quoted number is text"
    );
    let msg = refused("    - title: 甲\n      paragraphs: 一段\n");
    assert!(msg.contains(&format!("第{}行", l + 1)), "{msg}");
    assert!(
        msg.contains("performance.summary[0].paragraphs 应为列表"),
        "{msg}"
    );
    let msg = refused("    - title: [甲]\n      paragraphs: [一段]\n");
    assert!(msg.contains("performance.summary[0].title 应为一行文字"), "{msg}");
    let msg = refused("    - title: 甲\n      paragraph: [一段]\n");
    assert!(
        msg.contains("`paragraphs`"),
        "a typo gets the key it meant: {msg}"
    );
}

#[test]
fn a_numbered_title_is_refused_because_juesuan_numbers_them() {
    let l = first_summary_line();
    for (title, number) in [
        ("（一）绩效评价工作开展情况", "（一）"),
        ("一、绩效评价工作开展情况", "一、"),
        ("1. 绩效评价工作开展情况", "1."),
        ("(2)项目绩效自评结果", "(2)"),
    ] {
        let msg = refused(&format!(
            "    - 一段。\n    - paragraphs: [一段]\n      title: \"{title}\"\n"
        ));
        assert!(msg.starts_with(&format!("单位.yaml：第{}行", l + 2)), "{msg}");
        assert!(
            msg.contains(&format!("performance.summary[1].title 以编号“{number}”开头"))
                && msg.contains("由 juesuan 按顺序加上"),
            "{msg}"
        );
    }
    // Not numbers: a title may begin with a year, a figure or a word that starts with a numeral.
    for title in [
        "2023年度绩效评价",
        "1.5倍以上项目",
        "一般公共预算项目",
        "十大民生工程",
    ] {
        let yaml = unit(&format!("    - title: \"{title}\"\n      paragraphs: [一段]\n"));
        assert!(load::load_str("单位.yaml", &yaml).is_ok(), "{title}");
    }
}

#[test]
fn an_empty_title_or_a_section_without_paragraphs_is_refused() {
    let l = first_summary_line();
    let msg = refused("    - title: \"  \"\n      paragraphs: [一段]\n");
    assert!(msg.starts_with(&format!("单位.yaml：第{l}行")), "{msg}");
    assert!(msg.contains("performance.summary[0].title 没有小标题"), "{msg}");
    let msg = refused("    - title:\n      paragraphs: [一段]\n");
    assert!(msg.contains("performance.summary[0].title 没有小标题"), "{msg}");
    let msg = refused("    - 一段。\n    - paragraphs: [一段]\n");
    assert!(
        msg.contains(&format!("第{}行", l + 1)) && msg.contains("performance.summary[1].title 没有小标题"),
        "{msg}"
    );
    let msg = refused("    - title: 甲\n      paragraphs: []\n");
    assert!(
        msg.contains("performance.summary[0]（小标题“甲”）没有段落"),
        "{msg}"
    );
    let msg = refused("    - title: 甲\n");
    assert!(
        msg.contains("performance.summary[0]（小标题“甲”）没有段落"),
        "{msg}"
    );
}

#[test]
fn text_rules_apply_to_titles_and_paragraphs_with_their_path() {
    let l = first_summary_line();
    let msg =
        refused("    - title: 甲\n      paragraphs:\n        - 好的一段。\n        - \"坏\\u200b的一段\"\n");
    assert!(msg.starts_with(&format!("单位.yaml：第{}行", l + 3)), "{msg}");
    assert!(
        msg.contains("performance.summary[0].paragraphs[1]：文字的第2个字符是不可见或控制字符"),
        "{msg}"
    );
    let msg = refused("    - title: \"甲\\n乙\"\n      paragraphs: [一段]\n");
    assert!(
        msg.contains("performance.summary[0].title：此处只能写一行文字"),
        "{msg}"
    );
    let msg = refused("    - \"坏\\u202e段\"\n");
    assert!(msg.contains("performance.summary[0]：文字的第2个字符"), "{msg}");
}

#[test]
fn an_item_serializes_back_to_the_form_it_was_written_in() {
    let p = SummaryItem::Paragraph {
        text: "一段。".into(),
    };
    let s = SummaryItem::Section {
        title: "绩效评价结果应用".into(),
        paragraphs: vec!["甲。".into(), "乙。".into()],
    };
    assert_eq!(serde_json::to_value(&p).unwrap(), serde_json::json!("一段。"));
    assert_eq!(
        serde_json::to_value(&s).unwrap(),
        serde_json::json!({"title": "绩效评价结果应用", "paragraphs": ["甲。", "乙。"]})
    );
}

#[test]
fn the_schema_describes_both_forms() {
    let schema: serde_json::Value = serde_json::from_str(&juesuan::schema::schema_json()).unwrap();
    let summary = &schema["definitions"]["Performance"]["properties"]["summary"];
    assert_eq!(summary["items"]["$ref"], "#/definitions/PerformanceSummaryItem");
    let forms = schema["definitions"]["PerformanceSummaryItem"]["anyOf"]
        .as_array()
        .unwrap();
    assert_eq!(forms[0]["type"], "string");
    assert_eq!(forms[1]["type"], "object");
    assert_eq!(forms[1]["required"], serde_json::json!(["title", "paragraphs"]));
    assert_eq!(forms[1]["additionalProperties"], false);
    assert_eq!(forms[1]["properties"]["paragraphs"]["minItems"], 1);
    assert!(forms[1]["properties"]["title"]["not"]["pattern"].is_string());
}
