//! The Typst PDF writer on a hand-built document with one block of every kind: a multi-level
//! header with spans, a wide table of 60 rows, CJK text and user text full of Typst markup
//! characters. The PDF is read back with poppler's `pdftotext`/`pdfinfo`/`pdffonts` when they are
//! installed (CI installs them); without them only the in-process checks run.

use juesuan::document::*;
use juesuan::write::Writer;
use juesuan::write::pdf::TypstWriter;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Text with every character that means something in Typst markup or code.
pub const NASTY: &str =
    "#set page(width: 1cm) *粗* _斜_ $x^2$ @ref <lbl> [a] {b} \"q\" \\ `c` // /* ~ - = + 1. #{panic()}";

fn amount(s: &str) -> Value {
    Value::Amount(s.parse::<Decimal>().unwrap())
}

fn heading(level: u8, text: &str, id: &str) -> Heading {
    Heading {
        level,
        text: text.to_string(),
        toc_text: None,
        id: id.to_string(),
        in_toc: level >= 2,
    }
}

fn column(key: &str, kind: ColumnKind) -> Column {
    Column::new(key, key, kind)
}

fn caption(number: &str, unit: &str) -> TableCaption {
    TableCaption {
        printed: CaptionLine::Full,
        number: number.to_string(),
        organisation: format!("测试局{NASTY}"),
        period: "2024年度".to_string(),
        unit: unit.to_string(),
    }
}

/// A table of 02表's shape: 3-row header (编码 over 类/款/项, spans), `rows` body rows.
fn wide_table(rows: usize) -> Table {
    let mut body = vec![Row {
        kind: RowKind::Total,
        cells: vec![
            Cell::text("合计").span(4),
            Cell::new(amount("123456.78")),
            Cell::new(amount("100000.00")),
            Cell::new(amount("23456.78")),
            Cell::new(Value::Count(0)),
            Cell::new(Value::Rate("".into())),
            Cell::new(amount("0")),
            Cell::new(amount("0")),
        ],
    }];
    for i in 0..rows {
        let kind = [RowKind::Class, RowKind::Section, RowKind::Item][i % 3];
        let name = if i == 7 {
            NASTY.to_string()
        } else {
            format!("行政运行第{i}项")
        };
        body.push(Row {
            kind,
            cells: vec![
                Cell::new(Value::Code(format!("{}", 2010101 + i))).span(3),
                Cell::text(name),
                Cell::new(amount(&format!("{}.{:02}", 1000 + i * 37, i % 100))),
                Cell::new(amount(&format!("{}.5", 900 + i))),
                Cell::new(amount("12.345")),
                Cell::new(Value::Count(i as u64)),
                Cell::new(Value::Rate("98.50%".into())),
                Cell::empty(),
                Cell::new(amount("0.004")),
            ],
        });
    }
    Table {
        key: "t02".into(),
        heading: Some(heading(3, "二、收入决算表", "h-t02")),
        title: "收入决算表".into(),
        caption: Some(caption("公开02表", "金额单位：万元")),
        columns: vec![
            column("class", ColumnKind::Code),
            column("section", ColumnKind::Code),
            column("item", ColumnKind::Code),
            column("name", ColumnKind::Text),
            column("total", ColumnKind::Amount),
            column("fiscal", ColumnKind::Amount),
            column("upper", ColumnKind::Amount),
            column("count", ColumnKind::Count),
            column("rate", ColumnKind::Rate),
            column("other", ColumnKind::Amount),
            column("other2", ColumnKind::Amount),
        ],
        header: vec![
            vec![
                HeaderCell::new("项目", 4, 1),
                HeaderCell::new("本年收入合计", 1, 3),
                HeaderCell::new("财政拨款收入", 1, 3),
                HeaderCell::new("其他收入", 5, 1),
            ],
            vec![
                HeaderCell::new("功能分类科目编码", 3, 1),
                HeaderCell::new("科目名称", 1, 2),
                HeaderCell::new("上级补助收入", 1, 2),
                HeaderCell::new("人数", 1, 2),
                HeaderCell::new("比率", 1, 2),
                HeaderCell::new("事业收入", 2, 1),
            ],
            vec![
                HeaderCell::new("类", 1, 1),
                HeaderCell::new("款", 1, 1),
                HeaderCell::new("项", 1, 1),
                HeaderCell::new("甲", 1, 1),
                HeaderCell::new("乙", 1, 1),
            ],
        ],
        rows: body,
        notes: vec![
            "注：本表反映部门本年度取得的各项收入情况。".into(),
            format!("说明：{NASTY}"),
        ],
        empty: false,
        wide: true,
        missing: Vec::new(),
        lines: Vec::new(),
    }
}

fn small_table() -> Table {
    Table {
        key: "t09".into(),
        heading: Some(heading(3, "九、财政拨款“三公”经费支出决算表", "h-t09")),
        title: "财政拨款“三公”经费支出决算表".into(),
        caption: Some(caption("公开09表", "金额单位：万元")),
        columns: vec![
            column("name", ColumnKind::Text),
            column("budget", ColumnKind::Amount),
            column("actual", ColumnKind::Amount),
        ],
        header: vec![vec![
            HeaderCell::new("项目", 1, 1),
            HeaderCell::new("预算数", 1, 1),
            HeaderCell::new("决算数", 1, 1),
        ]],
        rows: vec![
            Row {
                kind: RowKind::ColumnNumbers,
                cells: vec![Cell::text("栏次"), Cell::text("1"), Cell::text("2")],
            },
            Row {
                kind: RowKind::Total,
                cells: vec![
                    Cell::text("合计"),
                    Cell::new(amount("3.00")),
                    Cell::new(amount("2.50")),
                ],
            },
            Row {
                kind: RowKind::Sub,
                cells: vec![
                    Cell::text("其中：公务接待费").as_label(),
                    Cell::new(amount("1.005")),
                    Cell::empty(),
                ],
            },
        ],
        notes: vec!["注：本表反映部门本年度“三公”经费支出预决算情况。".into()],
        empty: false,
        wide: false,
        missing: Vec::new(),
        lines: Vec::new(),
    }
}

/// The hand-built document.
pub fn document() -> Document {
    let unit = format!("测试局{NASTY}");
    let title = format!("{unit}2024年度部门决算");
    let p = |s: &str| Block::Paragraph(Paragraph::plain(s));
    let blocks = vec![
        Block::Cover(Cover {
            title: title.clone(),
            lines: vec!["2025年9月20日".into(), format!("发布机关：{NASTY}")],
        }),
        Block::Heading(Heading {
            in_toc: false,
            ..heading(2, "目录", "h0")
        }),
        Block::Toc,
        Block::PageBreak,
        Block::Heading(heading(2, "第一部分　测试局概况", "h1")),
        Block::Heading(heading(3, "一、主要职能", "h2")),
        p(
            "负责全市医疗保障工作。贯彻执行国家医疗保障法律法规，拟订全市医疗保险、生育保险、医疗救助等医疗保障制度的政策、规划、标准并组织实施。",
        ),
        Block::Paragraph(Paragraph {
            inlines: vec![
                Inline::Strong(vec![Inline::Text("（一）总体情况".into())]),
                Inline::Text(format!("用户文字：{NASTY}")),
                Inline::LineBreak,
                Inline::Emphasis(vec![Inline::Text("强调".into())]),
            ],
        }),
        Block::List(List {
            start: Some(1),
            items: vec![Paragraph::plain("第一项"), Paragraph::plain(NASTY)],
        }),
        Block::List(List {
            start: None,
            items: vec![Paragraph::plain("要点")],
        }),
        Block::PageBreak,
        Block::Heading(heading(2, "第二部分　测试局2024年度部门决算表", "h3")),
        Block::Table(Box::new(wide_table(60))),
        Block::Table(Box::new(small_table())),
        Block::PageBreak,
        Block::Heading(heading(2, "第三部分　测试局2024年度部门决算情况说明", "h4")),
        Block::Heading(heading(3, "一、收入支出决算总体情况说明", "h5")),
        p("2024年度收入、支出决算总计123,456.78万元。"),
        Block::Chart(Chart {
            id: "chart-income".into(),
            caption: "收入决算结构图（单位：万元）".into(),
            kind: ChartKind::Ring {
                parts: vec![
                    ChartPart {
                        name: "财政拨款收入".into(),
                        amount: "100000.00".parse().unwrap(),
                        share: "81.00".parse().unwrap(),
                    },
                    ChartPart {
                        name: "其他收入".into(),
                        amount: "23456.78".parse().unwrap(),
                        share: "19.00".parse().unwrap(),
                    },
                ],
            },
            percent_decimals: 2,
        }),
        Block::Chart(Chart {
            id: "chart-yoy".into(),
            caption: "收入支出决算总计变动图（单位：万元）".into(),
            kind: ChartKind::Bars {
                groups: vec![
                    BarGroup {
                        label: "2023年度".into(),
                        bars: vec![("收入".into(), "120000".parse().unwrap())],
                    },
                    BarGroup {
                        label: "2024年度".into(),
                        bars: vec![("收入".into(), "123456.78".parse().unwrap())],
                    },
                ],
            },
            percent_decimals: 2,
        }),
    ];
    Document {
        meta: DocumentMeta {
            title,
            unit_name: unit,
            year: 2024,
            kind: "部门".into(),
            date: Some("2025年9月20日".into()),
            generator: "juesuan test".into(),
            profile: "central".into(),
        },
        blocks,
    }
}

/// The writer, once per test binary (fonts load once per process).
pub fn writer() -> &'static TypstWriter {
    static W: OnceLock<TypstWriter> = OnceLock::new();
    W.get_or_init(TypstWriter::new)
}

/// Whether a CJK font is installed. Without one (a fresh machine; CI installs fonts-noto-cjk)
/// the PDF tests check only that the error names the package to install.
pub fn have_fonts() -> bool {
    match TypstWriter::check_fonts() {
        Ok(()) => true,
        Err(e) => {
            assert!(e.to_string().contains("fonts-noto-cjk"), "{e}");
            eprintln!("no CJK font installed: PDF tests skipped ({e})");
            false
        }
    }
}

/// The hand-built document's PDF, written once per test binary to `target/typst-test/`.
fn hand_pdf() -> &'static (Vec<u8>, PathBuf) {
    static PDF: OnceLock<(Vec<u8>, PathBuf)> = OnceLock::new();
    PDF.get_or_init(|| {
        let dir = crate::common::root().join("target/typst-test");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("hand.typ"), writer().source(&document()).unwrap()).unwrap();
        let bytes = writer().write(&document()).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join(format!("hand-{}.pdf", std::process::id()));
        std::fs::write(&path, &bytes).unwrap();
        (bytes, path)
    })
}

/// Runs a poppler tool, or `None` when it is not installed.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> Option<String> {
    let out = Command::new(tool).args(args).arg(pdf).arg("-").output().ok()?;
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

/// The source with every string literal removed.
fn outside_literals(src: &str) -> String {
    let mut out = String::new();
    let mut chars = src.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            out.push(c);
            continue;
        }
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => break,
                _ => {}
            }
        }
    }
    out
}

#[test]
fn same_document_same_bytes() {
    if !have_fonts() {
        return;
    }
    let (bytes, _) = hand_pdf();
    assert!(bytes.starts_with(b"%PDF-"));
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(
        has(b"pdfaid:part>2<") || has(b"pdfaid:part=\"2\""),
        "PDF/A-2 identification in the XMP"
    );
    let again = writer().write(&document()).unwrap();
    assert!(again == *bytes, "two writes of one document differ");
}

#[test]
fn user_markup_is_inert_text() {
    if !have_fonts() {
        return;
    }
    let src = writer().source(&document()).unwrap();
    assert!(src.contains("#set page(width: 1cm)"), "the text is there");
    let code = outside_literals(&src);
    assert!(
        !code.contains("set page(width: 1cm)") && !code.contains("panic"),
        "user text outside a string literal"
    );
    let Some(text) = poppler("pdftotext", &["-layout"], &hand_pdf().1) else {
        return;
    };
    let flat: String = text.split_whitespace().collect();
    let nasty: String = NASTY.split_whitespace().collect();
    assert!(flat.contains(&nasty), "the markup characters print as themselves");
}

#[test]
fn pages_fonts_and_text_layer() {
    if !have_fonts() {
        return;
    }
    let (_, path) = hand_pdf();
    let Ok(info) = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "999"])
        .arg(path)
        .output()
    else {
        return;
    };
    let info = String::from_utf8(info.stdout).unwrap();
    // A4 portrait pages and landscape ones for the wide table.
    assert!(info.contains("595.276 x 841.89"), "{info}");
    assert!(info.contains("841.89 x 595.276"), "{info}");
    let fonts = Command::new("pdffonts").arg(path).output().unwrap();
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    for line in fonts.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // name type… emb sub uni object ID: "emb" is the third column from the right of four.
        let n = cols.len();
        assert!(n >= 7, "{line}");
        assert_eq!(cols[n - 5], "yes", "font not embedded: {line}");
        assert_eq!(cols[n - 3], "yes", "font without ToUnicode: {line}");
    }
    let text = poppler("pdftotext", &[], path).unwrap();
    for c in text.chars() {
        let u = c as u32;
        assert!(
            !(0x2E80..=0x2EFF).contains(&u) && !(0x2F00..=0x2FDF).contains(&u),
            "radical {c:?}"
        );
    }
    for want in [
        "二、收入决算表",
        "九、财政拨款“三公”经费支出决算表",
        "公开02表",
        "注：本表反映部门本年度取得的各项收入情况。",
        "第三部分　测试局2024年度部门决算情况说明",
        "123,456.78",
        "目录",
    ] {
        // Line breaks and the ideographic space of a heading come back as extractor whitespace.
        let flat = |s: &str| s.split_whitespace().collect::<String>();
        assert!(flat(&text).contains(&flat(want)), "missing {want:?}");
    }
    // No gap between CJK and digits in the text layer (cjk-latin-spacing is off).
    assert!(
        text.contains("公开02表") && text.contains("2024年度"),
        "CJK–digit spacing in the text layer"
    );
    // 1.005 prints 四舍五入 as 1.01, 12.345 as 12.35.
    assert!(text.contains("1.01") && text.contains("12.35"));
}

/// With only TrueType CJK faces (AR PL UMing, WenQuanYi Zen Hei: the other Debian packages the
/// error names) the PDF embeds them and its text layer is as clean.
#[test]
fn truetype_faces_serve_as_well() {
    let dir = Path::new("/usr/share/fonts/truetype");
    let mut db = fontdb::Database::new();
    db.load_fonts_dir(dir);
    let Ok(fonts) = juesuan::write::pdf::fonts::Fonts::from_db(&db) else {
        eprintln!("no TrueType CJK faces under {}: skipped", dir.display());
        return;
    };
    if fonts.body != "AR PL UMing CN" || fonts.heading != "WenQuanYi Zen Hei" {
        eprintln!(
            "other TrueType faces ({} / {}): skipped",
            fonts.body, fonts.heading
        );
        return;
    }
    let w = TypstWriter::with_fonts(std::sync::Arc::new(fonts));
    let bytes = w.write(&document()).unwrap_or_else(|e| panic!("{e}"));
    let path = crate::common::root().join(format!("target/typst-test/truetype-{}.pdf", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let Ok(out) = Command::new("pdffonts").arg(&path).output() else {
        return;
    };
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(list.contains("CID TrueType"), "{list}");
    let text = poppler("pdftotext", &[], &path).unwrap();
    assert!(text.contains("二、收入决算表") && text.contains("公开02表"));
    assert!(!text.chars().any(|c| (0x2E80..=0x2FDF).contains(&(c as u32))));
}

/// Documents at the edges: nothing at all, a table without body rows, a table without columns,
/// a header whose spans overrun the columns, text with a character no CJK font has (an emoji:
/// the PDF then cannot be PDF/A), a long unbroken string. Each gives a PDF or an error, never a
/// panic.
#[test]
fn odd_documents_give_a_pdf_or_an_error() {
    if !have_fonts() {
        return;
    }
    let mut base = document();
    base.blocks.clear();
    let empty = base.clone();
    let mut no_rows = small_table();
    no_rows.rows.clear();
    no_rows.empty = true;
    let mut no_columns = small_table();
    no_columns.columns.clear();
    no_columns.header.clear();
    no_columns.rows.clear();
    let mut overrun = small_table();
    overrun.header[0][0].colspan = 9;
    let odd_text = Block::Paragraph(Paragraph::plain(format!(
        "表情😀、生僻字𠀀、{}",
        "长".repeat(3000)
    )));
    let cases: Vec<(&str, Vec<Block>, bool)> = vec![
        ("empty", vec![], true),
        ("no rows", vec![Block::Table(Box::new(no_rows))], true),
        ("no columns", vec![Block::Table(Box::new(no_columns))], true),
        ("overrun", vec![Block::Table(Box::new(overrun))], false),
        (
            "odd text",
            vec![odd_text, Block::Toc, Block::PageBreak, Block::PageBreak],
            true,
        ),
    ];
    for (name, blocks, must_succeed) in cases {
        let mut doc = empty.clone();
        doc.blocks = blocks;
        match writer().write(&doc) {
            Ok(bytes) => assert!(bytes.starts_with(b"%PDF-"), "{name}"),
            Err(e) => {
                assert!(!must_succeed, "{name}: {e}");
                assert!(e.to_string().contains("排版失败"), "{name}: {e}");
            }
        }
    }
}
