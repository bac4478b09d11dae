//! The XLSX and DOCX writers: every file read back and compared with the document it was written
//! from. The workbook through calamine (every number, merged header ranges, number formats, no
//! formula); the Word file through its XML (headings in order, tables, header rows, merges,
//! every paragraph's text, sections).

use calamine::{Data, Reader, Xlsx};
use juesuan::document::*;
use juesuan::money::round_half_up;
use juesuan::write::layout::place;
use juesuan::write::xlsx::{AMOUNT_FORMAT, COUNT_FORMAT, official_tables, sheet_names};
use juesuan::write::{DocxWriter, Writer, XlsxWriter};
use rust_decimal::Decimal;
use std::io::{Cursor, Read};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn col(key: &str, kind: ColumnKind) -> Column {
    Column::new(key, key, kind)
}

fn amount(s: &str) -> Cell {
    Cell::new(Value::Amount(d(s)))
}

fn heading(level: u8, text: &str, id: &str, in_toc: bool) -> Heading {
    Heading {
        level,
        text: text.into(),
        toc_text: None,
        id: id.into(),
        in_toc,
    }
}

fn caption(number: &str) -> Option<TableCaption> {
    Some(TableCaption {
        printed: CaptionLine::Full,
        number: number.into(),
        organisation: "测试局<&>".into(),
        period: "2023年度".into(),
        unit: "金额单位：万元".into(),
    })
}

/// A document with every block kind, multi-level headers with row and column spans, body cells
/// with spans, a wide table, an empty table, a prose table, CJK text, user text that looks like
/// a formula and text with XML specials.
pub fn sample() -> Document {
    let t01 = Table {
        key: "t01".into(),
        heading: Some(heading(3, "一、收入支出决算总表", "h4", true)),
        title: "收入支出决算总表".into(),
        caption: caption("公开01表"),
        columns: vec![
            col("income.name", ColumnKind::Text),
            col("income.amount", ColumnKind::Amount),
            col("spending.name", ColumnKind::Text),
            col("spending.amount", ColumnKind::Amount),
        ],
        header: vec![
            vec![HeaderCell::new("收入", 2, 1), HeaderCell::new("支出", 2, 1)],
            vec![
                HeaderCell::new("项目", 1, 1),
                HeaderCell::new("决算数", 1, 1),
                HeaderCell::new("项目", 1, 1),
                HeaderCell::new("决算数", 1, 1),
            ],
        ],
        rows: vec![
            Row {
                kind: RowKind::Plain,
                cells: vec![
                    Cell::text("=SUM(A1:A9)"),
                    amount("1051.10"),
                    Cell::text("+86 一般公共服务支出"),
                    amount("2.345"),
                ],
            },
            Row {
                kind: RowKind::Plain,
                cells: vec![
                    Cell::text("-其他收入"),
                    amount("-0.005"),
                    Cell::text("@外交支出"),
                    amount("1234567.891"),
                ],
            },
            Row {
                kind: RowKind::Total,
                cells: vec![
                    Cell::text("本年收入合计"),
                    amount("1051.095"),
                    Cell::text("本年支出合计"),
                    amount("1234570.236"),
                ],
            },
        ],
        notes: vec!["注：本表反映部门本年度的总收支和年末结转结余情况。".into()],
        empty: false,
        wide: false,
        missing: Vec::new(),
        lines: Vec::new(),
    };
    let t03 = Table {
        key: "t03".into(),
        heading: Some(heading(3, "三、支出决算表", "h5", true)),
        title: "支出决算表".into(),
        caption: caption("公开03表"),
        columns: vec![
            col("code", ColumnKind::Code),
            col("name", ColumnKind::Text),
            col("total", ColumnKind::Amount),
            col("basic", ColumnKind::Amount),
            col("project", ColumnKind::Amount),
            col("upper", ColumnKind::Amount),
            col("business", ColumnKind::Amount),
            col("sub", ColumnKind::Amount),
        ],
        header: vec![
            vec![
                HeaderCell::new("项目", 2, 1),
                HeaderCell::new("本年支出合计", 1, 2),
                HeaderCell::new("基本支出", 1, 2),
                HeaderCell::new("项目支出", 1, 2),
                HeaderCell::new("上缴上级支出", 1, 2),
                HeaderCell::new("经营支出", 1, 2),
                HeaderCell::new("对附属单位补助支出", 1, 2),
            ],
            vec![
                HeaderCell::new("功能分类科目编码", 1, 1),
                HeaderCell::new("科目名称", 1, 1),
            ],
        ],
        rows: vec![
            Row {
                kind: RowKind::ColumnNumbers,
                cells: ["栏次", "", "1", "2", "3", "4", "5", "6"]
                    .iter()
                    .map(|s| Cell::text(*s))
                    .collect(),
            },
            Row {
                kind: RowKind::Total,
                cells: vec![
                    Cell::text("合计").span(2),
                    amount("30.50"),
                    amount("20.25"),
                    amount("10.25"),
                    Cell::empty(),
                    Cell::empty(),
                    Cell::empty(),
                ],
            },
            Row {
                kind: RowKind::Class,
                cells: vec![
                    Cell::new(Value::Code("201".into())),
                    Cell::text("一般公共服务支出"),
                    amount("30.50"),
                    amount("20.25"),
                    amount("10.25"),
                    Cell::empty(),
                    Cell::empty(),
                    Cell::empty(),
                ],
            },
            Row {
                kind: RowKind::Section,
                cells: vec![
                    Cell::new(Value::Code("20101".into())),
                    Cell::text("人大事务").indented(1),
                    amount("30.50"),
                    amount("20.25"),
                    amount("10.25"),
                    Cell::empty(),
                    Cell::empty(),
                    Cell::empty(),
                ],
            },
            Row {
                kind: RowKind::Item,
                cells: vec![
                    Cell::new(Value::Code("2010101".into())),
                    Cell::text("行政运行").indented(2),
                    amount("20.25"),
                    amount("20.25"),
                    // A cell spanning two rows.
                    Cell::text("见下").down(2),
                    Cell::empty(),
                    Cell::empty(),
                    Cell::empty(),
                ],
            },
            Row {
                kind: RowKind::Item,
                cells: vec![
                    Cell::new(Value::Code("2010102".into())),
                    Cell::text("一般行政管理事务").indented(2),
                    amount("10.25"),
                    Cell::empty(),
                    Cell::empty(),
                    Cell::empty(),
                    Cell::empty(),
                ],
            },
        ],
        notes: vec!["注：本表反映部门本年度各项支出情况。".into()],
        empty: false,
        wide: true,
        missing: Vec::new(),
        lines: Vec::new(),
    };
    let t08 = Table {
        key: "t08".into(),
        heading: Some(heading(3, "八、政府性基金预算财政拨款收入支出决算表", "h6", true)),
        title: "政府性基金预算财政拨款收入支出决算表".into(),
        caption: caption("公开08表"),
        columns: vec![
            col("code", ColumnKind::Code),
            col("name", ColumnKind::Text),
            col("total", ColumnKind::Amount),
        ],
        header: vec![vec![
            HeaderCell::new("科目编码", 1, 1),
            HeaderCell::new("科目名称", 1, 1),
            HeaderCell::new("本年支出", 1, 1),
        ]],
        rows: vec![Row {
            kind: RowKind::Total,
            cells: vec![Cell::text("合计").span(2), Cell::empty()],
        }],
        notes: vec!["说明：测试局本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。".into()],
        empty: true,
        wide: false,
        missing: Vec::new(),
        lines: Vec::new(),
    };
    let t10 = Table {
        key: "t10".into(),
        heading: None,
        title: "国有资产占用情况表: 车辆/设备 [2023]".into(),
        caption: caption("公开10表"),
        columns: vec![
            col("name", ColumnKind::Text),
            col("count", ColumnKind::Count),
            col("rate", ColumnKind::Rate),
        ],
        header: vec![vec![
            HeaderCell::new("项目", 1, 1),
            HeaderCell::new("数量", 1, 1),
            HeaderCell::new("占比", 1, 1),
        ]],
        rows: vec![Row {
            kind: RowKind::Plain,
            cells: vec![
                Cell::text("车辆"),
                Cell::new(Value::Count(12345)),
                Cell::new(Value::Rate("98.50%".into())),
            ],
        }],
        notes: vec![],
        empty: false,
        wide: false,
        missing: Vec::new(),
        lines: Vec::new(),
    };
    let members = Table {
        key: "members".into(),
        heading: None,
        title: String::new(),
        caption: None,
        columns: vec![
            col("n", ColumnKind::Ordinal),
            col("name", ColumnKind::Text),
            col("note", ColumnKind::Text),
        ],
        header: vec![vec![
            HeaderCell::new("序号", 1, 1),
            HeaderCell::new("单位名称", 1, 1),
            HeaderCell::new("备注", 1, 1),
        ]],
        rows: vec![Row {
            kind: RowKind::Plain,
            cells: vec![Cell::text("1"), Cell::text("测试局本级"), Cell::text("")],
        }],
        notes: vec![],
        empty: false,
        wide: false,
        missing: Vec::new(),
        lines: Vec::new(),
    };
    Document {
        meta: DocumentMeta {
            title: "测试局2023年度部门决算".into(),
            unit_name: "测试局<&>".into(),
            year: 2023,
            kind: "部门".into(),
            date: Some("2024年9月".into()),
            generator: "juesuan test".into(),
            profile: "central".into(),
        },
        blocks: vec![
            Block::Cover(Cover {
                title: "测试局2023年度部门决算".into(),
                lines: vec!["2024年9月".into()],
            }),
            Block::PageBreak,
            Block::Heading(heading(2, "目录", "h0", false)),
            Block::Toc,
            Block::PageBreak,
            Block::Heading(heading(2, "第一部分 测试局概况", "h1", true)),
            Block::Heading(heading(3, "一、主要职能", "h2", true)),
            Block::Paragraph(Paragraph {
                inlines: vec![
                    Inline::Strong(vec![Inline::Text("（一）".into())]),
                    Inline::Text("负责<script>alert('x')</script> & \"引号\"的工作。".into()),
                    Inline::LineBreak,
                    Inline::Emphasis(vec![Inline::Text("=1+1 不是公式".into())]),
                ],
            }),
            Block::List(List {
                start: Some(3),
                items: vec![Paragraph::plain("第三项。"), Paragraph::plain("第四项。")],
            }),
            Block::List(List {
                start: None,
                items: vec![Paragraph::plain("要点。")],
            }),
            Block::Table(Box::new(members)),
            Block::PageBreak,
            Block::Heading(heading(2, "第二部分 测试局2023年度部门决算表", "h3", true)),
            Block::Table(Box::new(t01)),
            Block::Table(Box::new(t03)),
            Block::Table(Box::new(t08)),
            Block::Table(Box::new(t10)),
            Block::PageBreak,
            Block::Heading(heading(2, "第三部分 测试局2023年度部门决算情况说明", "h7", true)),
            Block::Chart(Chart {
                id: "chart-income".into(),
                caption: "收入决算结构图（单位：万元）".into(),
                kind: ChartKind::Ring {
                    parts: vec![
                        ChartPart {
                            name: "财政拨款收入".into(),
                            amount: d("90"),
                            share: d("90.00"),
                        },
                        ChartPart {
                            name: "其他收入".into(),
                            amount: d("10"),
                            share: d("10.00"),
                        },
                    ],
                },
                percent_decimals: 2,
            }),
            Block::Heading(heading(4, "（一）不列入目录的标题", "h8", false)),
            Block::Paragraph(Paragraph::plain("最后一段。")),
        ],
    }
}

// ---------------------------------------------------------------------------------------------
// XLSX

type Book = Xlsx<Cursor<Vec<u8>>>;

fn open_xlsx(bytes: &[u8]) -> Book {
    calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("the workbook opens")
}

fn zip_entries(bytes: &[u8]) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

fn entry(bytes: &[u8], name: &str) -> String {
    zip_entries(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1
}

/// Checks a workbook against its document: sheets, every header and body cell (numbers equal to
/// the printed figures, with the number format), merged ranges, notes, no formula.
pub fn check_xlsx(doc: &Document, bytes: &[u8]) {
    let mut book = open_xlsx(bytes);
    let tables = official_tables(doc);
    let names = sheet_names(&tables);
    let mut expected_sheets = vec!["表目录".to_string()];
    expected_sheets.extend(names.iter().cloned());
    assert_eq!(book.sheet_names(), expected_sheets);

    // The 表目录: one row per table, 是否空表 as the document says.
    let own_index = doc.tables().find(|t| t.key == "table_index");
    let index = book.worksheet_range("表目录").unwrap();
    for (i, t) in tables.iter().enumerate() {
        let r = 3 + i as u32;
        assert_eq!(index.get_value((r, 2)), Some(&Data::String(t.title.clone())));
        let empty = if t.empty { "是" } else { "否" };
        assert_eq!(index.get_value((r, 3)), Some(&Data::String(empty.into())));
        let link = if let Some(idx) = &own_index {
            // The document's own 表目录 gives the 空表理由, in the same order.
            let reason = idx.rows[i].cells[3].value.display();
            let got = match index.get_value((r, 4)) {
                Some(Data::String(s)) => s.clone(),
                _ => String::new(),
            };
            assert_eq!(got, reason, "空表理由 of {}", t.title);
            5
        } else {
            4
        };
        assert_eq!(index.get_value((r, link)), Some(&Data::String(names[i].clone())));
    }
    let headers = juesuan::write::xlsx::index_headers(own_index.is_some());
    for (c, h) in headers.iter().enumerate() {
        assert_eq!(index.get_value((2, c as u32)), Some(&Data::String(h.to_string())));
    }

    let workbook = entry(bytes, "xl/workbook.xml");
    for (i, (t, name)) in tables.iter().zip(&names).enumerate() {
        // Print setup: A4, landscape exactly where wide, fit to width, header rows repeated,
        // panes frozen below the header.
        let sheet = entry(bytes, &format!("xl/worksheets/sheet{}.xml", i + 2));
        assert!(sheet.contains("paperSize=\"9\""), "{name}: A4");
        assert_eq!(
            sheet.contains("orientation=\"landscape\""),
            t.wide,
            "{name}: landscape"
        );
        assert!(sheet.contains("fitToHeight=\"0\""), "{name}: fit to width");
        let (first, last) = (4, 3 + t.header.len());
        if !t.header.is_empty() {
            let titles = format!("'{name}'!${first}:${last}");
            assert!(workbook.contains(&titles), "{name}: print titles {titles}");
        }
        assert!(
            sheet.contains(&format!("topLeftCell=\"A{}\"", last + 1)),
            "{name}: frozen pane"
        );
        assert!(name.encode_utf16().count() <= 31, "{name}");
        assert!(!name.contains(['[', ']', ':', '*', '?', '/', '\\']), "{name}");
        let range = book.worksheet_range(name).unwrap();
        let styles = book.worksheet_style(name).unwrap();
        let merges = book.merge_cells_by_sheet_name(name).unwrap();
        let merged = |r0: u32, c0: u32, r1: u32, c1: u32| {
            merges.iter().any(|m| m.start == (r0, c0) && m.end == (r1, c1))
        };
        let n = t.columns.len();
        let text_at = |r: u32, c: u32| match range.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Empty) | None => String::new(),
            other => panic!("{name} ({r},{c}) is {other:?}, not text"),
        };
        assert_eq!(text_at(0, 0), t.title, "{name}: title");
        let cap = t.caption.as_ref().unwrap();
        if cap.full() {
            assert_eq!(text_at(1, 0), cap.number, "{name}: 表号");
            assert!(text_at(2, 0).contains(&cap.organisation), "{name}: 编制单位");
        } else {
            // The unit line alone (the Shanghai template): no 表号, no 编制单位.
            assert_eq!(text_at(1, 0), "", "{name}: no 表号");
            assert_eq!(text_at(2, 0), cap.unit, "{name}: the unit line");
        }

        let top = 3u32;
        let header: Vec<&[_]> = t.header.iter().map(Vec::as_slice).collect();
        for p in place(&header, n) {
            let (r, c) = (top + p.row as u32, p.col as u32);
            assert_eq!(text_at(r, c), p.cell.text, "{name}: header ({r},{c})");
            if p.colspan > 1 || p.rowspan > 1 {
                let (r1, c1) = (r + p.rowspan as u32 - 1, c + p.colspan as u32 - 1);
                assert!(
                    merged(r, c, r1, c1),
                    "{name}: header {} not merged over ({r},{c})-({r1},{c1}): {merges:?}",
                    p.cell.text
                );
            }
        }
        let body_top = top + t.header.len() as u32;
        let body: Vec<&[_]> = t.rows.iter().map(|r| r.cells.as_slice()).collect();
        for p in place(&body, n) {
            let (r, c) = (body_top + p.row as u32, p.col as u32);
            let at = format!("{name} ({r},{c})");
            if p.colspan > 1 || p.rowspan > 1 {
                let (r1, c1) = (r + p.rowspan as u32 - 1, c + p.colspan as u32 - 1);
                assert!(merged(r, c, r1, c1), "{at}: body cell not merged");
            }
            let format = styles
                .get((r, c))
                .and_then(|s| s.number_format.as_ref())
                .map(|f| f.format_code.clone())
                .unwrap_or_default();
            match &p.cell.value {
                Value::Amount(exact) => {
                    let Some(Data::Float(f)) = range.get_value((r, c)) else {
                        panic!(
                            "{at}: amount {exact} is not a number: {:?}",
                            range.get_value((r, c))
                        );
                    };
                    // The number in the file is the printed figure: its shortest decimal
                    // form is the 2-place rounded amount itself.
                    let back = Decimal::from_str(&f.to_string()).unwrap();
                    assert_eq!(back, round_half_up(*exact, 2), "{at}");
                    assert_eq!(round_half_up(back, 2), back, "{at}");
                    assert_eq!(format, AMOUNT_FORMAT, "{at}");
                }
                Value::Count(k) => {
                    assert_eq!(range.get_value((r, c)), Some(&Data::Float(*k as f64)), "{at}");
                    assert_eq!(format, COUNT_FORMAT, "{at}");
                }
                Value::Code(s) | Value::Text(s) | Value::Rate(s) => {
                    assert_eq!(&text_at(r, c), s, "{at}")
                }
                Value::Empty => assert_eq!(text_at(r, c), "", "{at}"),
                Value::NotApplicable => assert_eq!(text_at(r, c), NOT_APPLICABLE, "{at}"),
            }
        }
        let notes_top = body_top + t.rows.len() as u32;
        for (i, note) in t.notes.iter().enumerate() {
            let r = notes_top + i as u32;
            assert_eq!(&text_at(r, 0), note, "{name}: note {i}");
            assert!(
                n < 2 || merged(r, 0, r, n as u32 - 1),
                "{name}: note {i} spans the table"
            );
        }
        // Nothing in the sheet is a formula.
        let formulas = book.worksheet_formula(name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name}: a formula"
        );
    }
    for (entry, xml) in zip_entries(bytes) {
        if entry.starts_with("xl/worksheets/") {
            assert!(
                !xml.contains("<f>") && !xml.contains("<f "),
                "{entry} holds a formula"
            );
        }
    }
}

#[test]
fn sample_workbook_matches_the_document() {
    let doc = sample();
    let bytes = XlsxWriter.write(&doc).unwrap();
    check_xlsx(&doc, &bytes);
    let names = sheet_names(&official_tables(&doc));
    assert_eq!(
        names,
        [
            "公开01表 收入支出决算总表",
            "公开03表 支出决算表",
            "公开08表 政府性基金预算财政拨款收入支出决算表",
            "公开10表 国有资产占用情况表： 车辆／设备 ［2023］"
        ]
    );
}

#[test]
fn workbook_text_that_looks_like_a_formula_stays_text() {
    let bytes = XlsxWriter.write(&sample()).unwrap();
    let mut book = open_xlsx(&bytes);
    let range = book.worksheet_range("公开01表 收入支出决算总表").unwrap();
    let styles = book.worksheet_style("公开01表 收入支出决算总表").unwrap();
    for (r, c, text) in [
        (5, 0, "=SUM(A1:A9)"),
        (5, 2, "+86 一般公共服务支出"),
        (6, 0, "-其他收入"),
        (6, 2, "@外交支出"),
    ] {
        assert_eq!(range.get_value((r, c)), Some(&Data::String(text.into())));
        assert!(styles.get((r, c)).is_some(), "({r},{c}) styled");
    }
    // Excel's quote prefix keeps them text when edited.
    assert!(entry(&bytes, "xl/styles.xml").contains("quotePrefix=\"1\""));
}

#[test]
fn workbook_print_setup_and_panes() {
    let bytes = XlsxWriter.write(&sample()).unwrap();
    let workbook = entry(&bytes, "xl/workbook.xml");
    // Sheets: 1 表目录, 2 t01, 3 t03 (wide), 4 t08, 5 t10.
    for i in 1..=5 {
        let xml = entry(&bytes, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(xml.contains("paperSize=\"9\""), "sheet{i}: A4");
        assert!(
            xml.contains("fitToWidth=\"1\"") || xml.contains("fitToPage=\"1\""),
            "sheet{i}: fit to width"
        );
        assert!(
            xml.contains("fitToHeight=\"0\""),
            "sheet{i}: any number of pages down"
        );
        assert!(xml.contains("state=\"frozen\""), "sheet{i}: frozen panes");
        assert_eq!(
            xml.contains("orientation=\"landscape\""),
            i == 3,
            "sheet{i}: landscape only where wide"
        );
    }
    // The header rows repeat on every printed page: t01's header is rows 4–5, t03's too.
    assert!(workbook.contains("_xlnm.Print_Titles"), "{workbook}");
    assert!(
        workbook.contains("'公开01表 收入支出决算总表'!$4:$5"),
        "{workbook}"
    );
    // The frozen pane of t01 starts below its two header rows.
    let t01 = entry(&bytes, "xl/worksheets/sheet2.xml");
    assert!(t01.contains("topLeftCell=\"A6\""), "{t01}");
}

#[test]
fn workbook_column_widths_count_cjk_double() {
    let bytes = XlsxWriter.write(&sample()).unwrap();
    let t03 = entry(&bytes, "xl/worksheets/sheet3.xml");
    // Column B holds "一般行政管理事务" indented twice: 8 CJK characters = 16 cells + 4.
    let cols: Vec<&str> = t03.split("<col ").skip(1).collect();
    let b = cols
        .iter()
        .find(|c| c.contains("min=\"2\""))
        .expect("column B has a width");
    let width: f64 = b
        .split("width=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(width >= 20.0, "column B is {width} wide");
}

#[test]
fn workbook_is_byte_identical_across_runs() {
    let doc = sample();
    let a = XlsxWriter.write(&doc).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = XlsxWriter.write(&doc).unwrap();
    assert!(a == b, "two runs differ");
    assert!(
        !entry(&a, "docProps/core.xml").contains("2026"),
        "no clock reading in the file"
    );
}

// ---------------------------------------------------------------------------------------------
// DOCX

/// A minimal XML element tree, enough to query WordprocessingML.
#[derive(Debug, Default)]
pub struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    pub fn parse(xml: &str) -> Node {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut stack = vec![Node::default()];
        let element = |e: &quick_xml::events::BytesStart| Node {
            name: e.name().as_ref().to_string(),
            attrs: e
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    (
                        a.key.as_ref().to_string(),
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned(),
                    )
                })
                .collect(),
            ..Node::default()
        };
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) => stack.push(element(&e)),
                Event::Empty(e) => {
                    let n = element(&e);
                    stack.last_mut().unwrap().children.push(n);
                }
                Event::End(_) => {
                    let n = stack.pop().unwrap();
                    stack.last_mut().unwrap().children.push(n);
                }
                Event::Text(t) => {
                    let s = t.xml10_content();
                    stack.last_mut().unwrap().text.push_str(&s);
                }
                Event::GeneralRef(r) => {
                    let s = match r.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unexpected entity {other:?}"),
                    };
                    stack.last_mut().unwrap().text.push_str(s);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(stack.len(), 1, "unbalanced XML");
        stack.pop().unwrap()
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Node>) {
        for c in &self.children {
            if c.name == name {
                out.push(c);
            }
            c.all(name, out);
        }
    }

    pub fn find_all(&self, name: &str) -> Vec<&Node> {
        let mut v = Vec::new();
        self.all(name, &mut v);
        v
    }

    /// The text a reader sees: `w:t` text, breaks as line feeds, tabs as tabs.
    pub fn para_text(&self) -> String {
        let mut s = String::new();
        fn walk(n: &Node, s: &mut String) {
            for c in &n.children {
                match c.name.as_str() {
                    "w:t" => s.push_str(&c.text),
                    "w:br" => s.push('\n'),
                    "w:tab" => s.push('\t'),
                    "w:instrText" => {}
                    _ => walk(c, s),
                }
            }
        }
        walk(self, &mut s);
        s
    }

    pub fn style(&self) -> Option<&str> {
        self.child("w:pPr")?.child("w:pStyle")?.attr("w:val")
    }
}

/// The child order WordprocessingML's schema (ECMA-376, transitional) prescribes for the
/// property elements the writer emits. Word refuses a file whose children are out of order.
fn schema_sequence(parent: &str, in_style: bool) -> Option<&'static [&'static str]> {
    Some(match parent {
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        "w:rPr" => &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
        ],
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
        "w:sectPr" => &[
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
        ],
        "w:tblPr" if !in_style => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        "w:settings" => &[
            "w:zoom",
            "w:defaultTabStop",
            "w:characterSpacingControl",
            "w:updateFields",
            "w:compat",
        ],
        "w:lvl" => &["w:start", "w:numFmt", "w:lvlText", "w:lvlJc", "w:pPr"],
        "w:font" => &[
            "w:altName",
            "w:panose1",
            "w:charset",
            "w:family",
            "w:notTrueType",
            "w:pitch",
        ],
        _ => return None,
    })
}

/// Checks every element of `xml` whose children the schema orders.
pub fn check_schema_order(part: &str, xml: &str) {
    fn walk(n: &Node, part: &str, in_style: bool) {
        let in_style = in_style || n.name == "w:style" || n.name == "w:docDefaults";
        if let Some(seq) = schema_sequence(&n.name, in_style) {
            let mut last = 0;
            for c in &n.children {
                let Some(i) = seq.iter().position(|s| *s == c.name) else {
                    panic!("{part}: <{}> in <{}> is not in the order list", c.name, n.name);
                };
                assert!(
                    i >= last,
                    "{part}: <{}> after a later sibling in <{}>",
                    c.name,
                    n.name
                );
                last = i;
            }
        }
        for c in &n.children {
            walk(c, part, in_style);
        }
    }
    walk(&Node::parse(xml), part, false);
}

/// The body's top-level paragraphs and tables in order.
fn body_blocks(document: &Node) -> Vec<&Node> {
    let body = document.find_all("w:body")[0];
    body.children
        .iter()
        .filter(|c| c.name == "w:p" || c.name == "w:tbl")
        .collect()
}

/// Checks a Word file against its document: headings (text, level, order), one table per table
/// block with its header rows repeated, header cells and merges, body cells, every paragraph's
/// text in order, the sections.
pub fn check_docx(doc: &Document, bytes: &[u8]) {
    for part in [
        "word/document.xml",
        "word/styles.xml",
        "word/settings.xml",
        "word/numbering.xml",
        "word/fontTable.xml",
        "word/footer1.xml",
    ] {
        check_schema_order(part, &entry(bytes, part));
    }
    let document = Node::parse(&entry(bytes, "word/document.xml"));
    let blocks = body_blocks(&document);
    let paragraphs: Vec<&Node> = blocks.iter().copied().filter(|n| n.name == "w:p").collect();

    // Headings in order, each in Word's built-in style of its level.
    let mut want = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Heading(h) => want.push((h.level, h.text.clone())),
            Block::Table(t) => {
                if let Some(h) = &t.heading {
                    want.push((h.level, h.text.clone()));
                }
            }
            _ => {}
        }
    }
    let got: Vec<(u8, String)> = paragraphs
        .iter()
        .filter_map(|p| {
            let s = p.style()?;
            let level = s.strip_prefix("Heading")?.parse().ok()?;
            Some((level, p.para_text()))
        })
        .collect();
    assert_eq!(got, want, "headings");

    // Every text of the document, in order, as a paragraph of its own.
    let mut texts = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Cover(c) => {
                texts.push(c.title.clone());
                texts.extend(c.lines.iter().cloned());
            }
            Block::Paragraph(p) => texts.push(p.text()),
            Block::List(l) => texts.extend(l.items.iter().map(Paragraph::text)),
            Block::Table(t) => {
                if !t.title.is_empty() {
                    texts.push(t.title.clone());
                }
                if let Some(c) = &t.caption {
                    // The 表号 where the caption prints it, else the unit line.
                    texts.push(if c.full() {
                        c.number.clone()
                    } else {
                        c.unit.clone()
                    });
                }
                texts.extend(t.notes.iter().cloned());
            }
            Block::Chart(c) => texts.push(c.caption.clone()),
            _ => {}
        }
    }
    let all: Vec<String> = paragraphs.iter().map(|p| p.para_text()).collect();
    let mut at = 0;
    for t in &texts {
        let found = all[at..].iter().position(|p| p == t);
        let Some(i) = found else {
            panic!("paragraph {t:?} missing (or out of order) after paragraph {at}");
        };
        at += i + 1;
    }

    // One table per table block, in order, header rows marked to repeat.
    let tables: Vec<&Table> = doc.tables().filter(|t| !t.columns.is_empty()).collect();
    let tbls: Vec<&Node> = blocks.iter().copied().filter(|n| n.name == "w:tbl").collect();
    assert_eq!(tbls.len(), tables.len(), "table count");
    for (t, tbl) in tables.iter().zip(&tbls) {
        let rows: Vec<&Node> = tbl.children.iter().filter(|c| c.name == "w:tr").collect();
        assert_eq!(rows.len(), t.header.len() + t.rows.len(), "{}: rows", t.key);
        let grid = tbl.child("w:tblGrid").unwrap().find_all("w:gridCol");
        assert_eq!(grid.len(), t.columns.len(), "{}: grid", t.key);
        for (i, tr) in rows.iter().enumerate() {
            let repeats = tr.child("w:trPr").and_then(|p| p.child("w:tblHeader")).is_some();
            assert_eq!(repeats, i < t.header.len(), "{}: row {i} tblHeader", t.key);
        }
        let header: Vec<&[_]> = t.header.iter().map(Vec::as_slice).collect();
        check_rows(
            &t.key,
            &rows[..t.header.len()],
            place(&header, t.columns.len()),
            |c| c.text.clone(),
        );
        let body: Vec<&[_]> = t.rows.iter().map(|r| r.cells.as_slice()).collect();
        check_rows(
            &t.key,
            &rows[t.header.len()..],
            place(&body, t.columns.len()),
            |c| c.value.display(),
        );
    }

    // No two tables touch (Word would join them), and the body ends with a paragraph.
    for pair in blocks.windows(2) {
        assert!(
            !(pair[0].name == "w:tbl" && pair[1].name == "w:tbl"),
            "adjacent tables"
        );
    }
    assert_eq!(blocks.last().map(|n| n.name.as_str()), Some("w:p"));

    // A landscape section holds exactly the wide tables.
    let sects = document.find_all("w:sectPr");
    let landscape = sects
        .iter()
        .filter(|s| s.child("w:pgSz").and_then(|p| p.attr("w:orient")) == Some("landscape"))
        .count();
    let wide = tables.iter().any(|t| t.wide);
    assert_eq!(landscape > 0, wide, "landscape sections");
    for s in &sects {
        let size = s.child("w:pgSz").unwrap();
        let (w, h) = (size.attr("w:w").unwrap(), size.attr("w:h").unwrap());
        assert!(
            matches!((w, h), ("11906", "16838") | ("16838", "11906")),
            "A4: {w}×{h}"
        );
    }
}

/// Checks table rows against placed cells: each cell starts where the model places it, spans
/// its columns (`gridSpan`) and rows (`vMerge` restart, then continue), and holds its text.
fn check_rows<C>(
    key: &str,
    rows: &[&Node],
    placed: Vec<juesuan::write::layout::Placed<'_, C>>,
    text: impl Fn(&C) -> String,
) {
    // The grid position of every w:tc of each row.
    let mut cells: Vec<Vec<(usize, &Node)>> = Vec::new();
    for tr in rows {
        let mut col = 0;
        let mut v = Vec::new();
        for tc in tr.children.iter().filter(|c| c.name == "w:tc") {
            let span: usize = tc
                .child("w:tcPr")
                .and_then(|p| p.child("w:gridSpan"))
                .and_then(|g| g.attr("w:val"))
                .map(|v| v.parse().unwrap())
                .unwrap_or(1);
            v.push((col, tc));
            col += span;
        }
        cells.push(v);
    }
    let vmerge = |tc: &Node| {
        tc.child("w:tcPr")
            .and_then(|p| p.child("w:vMerge"))
            .map(|v| v.attr("w:val").unwrap_or("continue").to_string())
    };
    for p in placed {
        let tc = cells[p.row]
            .iter()
            .find(|(c, _)| *c == p.col)
            .unwrap_or_else(|| panic!("{key}: no cell at row {} col {}", p.row, p.col))
            .1;
        assert_eq!(tc.para_text(), text(p.cell), "{key}: cell ({},{})", p.row, p.col);
        let span = tc
            .child("w:tcPr")
            .and_then(|pr| pr.child("w:gridSpan"))
            .and_then(|g| g.attr("w:val"))
            .unwrap_or("1");
        assert_eq!(
            span,
            p.colspan.to_string(),
            "{key}: ({},{}) gridSpan",
            p.row,
            p.col
        );
        if p.rowspan > 1 {
            assert_eq!(
                vmerge(tc).as_deref(),
                Some("restart"),
                "{key}: ({},{}) vMerge",
                p.row,
                p.col
            );
            for (r, row) in cells.iter().enumerate().skip(p.row + 1).take(p.rowspan - 1) {
                let cont = row.iter().find(|(c, _)| *c == p.col).unwrap().1;
                assert_eq!(
                    vmerge(cont).as_deref(),
                    Some("continue"),
                    "{key}: ({r},{}) continues",
                    p.col
                );
            }
        } else {
            assert_eq!(vmerge(tc), None, "{key}: ({},{}) not merged down", p.row, p.col);
        }
    }
}

#[test]
fn sample_document_matches_the_model() {
    let doc = sample();
    let bytes = DocxWriter.write(&doc).unwrap();
    check_docx(&doc, &bytes);
}

#[test]
fn docx_escapes_user_text() {
    let bytes = DocxWriter.write(&sample()).unwrap();
    let xml = entry(&bytes, "word/document.xml");
    assert!(!xml.contains("<script>"), "raw markup leaked");
    assert!(xml.contains("负责&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;引号&quot;"));
    assert!(entry(&bytes, "docProps/core.xml").contains("<dc:creator>测试局&lt;&amp;&gt;</dc:creator>"));
}

#[test]
fn docx_has_word_toc_styles_fonts_footer() {
    let doc = sample();
    let bytes = DocxWriter.write(&doc).unwrap();
    let xml = entry(&bytes, "word/document.xml");
    // The built-in TOC field, pre-filled with the outline, each entry linked to its heading.
    assert!(xml.contains(" TOC \\o \"1-4\" \\h \\z \\u "));
    let document = Node::parse(&xml);
    let toc: Vec<String> = body_blocks(&document)
        .iter()
        .filter(|p| {
            p.style()
                .is_some_and(|s| s.starts_with("TOC") && s != "TOCHeading")
        })
        .map(|p| p.para_text().trim_end_matches('\t').to_string())
        .collect();
    let outline: Vec<String> = doc.outline().iter().map(|h| h.text.clone()).collect();
    assert_eq!(toc, outline);
    let anchors: Vec<&str> = document
        .find_all("w:hyperlink")
        .iter()
        .filter_map(|h| h.attr("w:anchor"))
        .collect();
    let marks: Vec<&str> = document
        .find_all("w:bookmarkStart")
        .iter()
        .filter_map(|b| b.attr("w:name"))
        .collect();
    assert_eq!(anchors.len(), outline.len());
    assert!(
        anchors.iter().all(|a| marks.contains(a)),
        "every TOC link has its bookmark"
    );
    // A heading the 目录 leaves out has outline level 9 (body text), so an updated TOC leaves it out too.
    let hidden = body_blocks(&document)
        .into_iter()
        .find(|p| p.para_text() == "（一）不列入目录的标题")
        .unwrap();
    assert_eq!(
        hidden
            .child("w:pPr")
            .unwrap()
            .child("w:outlineLvl")
            .unwrap()
            .attr("w:val"),
        Some("9")
    );

    let styles = Node::parse(&entry(&bytes, "word/styles.xml"));
    let named: Vec<(String, String)> = styles
        .find_all("w:style")
        .iter()
        .map(|s| {
            (
                s.attr("w:styleId").unwrap().to_string(),
                s.child("w:name").unwrap().attr("w:val").unwrap().to_string(),
            )
        })
        .collect();
    for level in 1..=4 {
        assert!(
            named.contains(&(format!("Heading{level}"), format!("heading {level}"))),
            "built-in heading {level}"
        );
    }
    let fonts: Vec<&str> = styles
        .find_all("w:rFonts")
        .iter()
        .filter_map(|f| f.attr("w:eastAsia"))
        .collect();
    assert!(fonts.contains(&"宋体") && fonts.contains(&"黑体"), "{fonts:?}");
    assert!(entry(&bytes, "word/footer1.xml").contains(" PAGE "));
    assert!(entry(&bytes, "word/settings.xml").contains("<w:updateFields w:val=\"true\"/>"));
    // Numbered list starting at 3, bulleted list.
    let numbering = entry(&bytes, "word/numbering.xml");
    assert!(numbering.contains("<w:startOverride w:val=\"3\"/>"));
    assert!(numbering.contains("w:numFmt w:val=\"bullet\""));
}

#[test]
fn docx_sections_cover_landscape_and_page_breaks() {
    let bytes = DocxWriter.write(&sample()).unwrap();
    let document = Node::parse(&entry(&bytes, "word/document.xml"));
    let sects = document.find_all("w:sectPr");
    // Cover | portrait (TOC … t01) | landscape (t03) | portrait (t08 … end).
    let orient: Vec<bool> = sects
        .iter()
        .map(|s| s.child("w:pgSz").unwrap().attr("w:orient") == Some("landscape"))
        .collect();
    assert_eq!(orient, [false, false, true, false]);
    // The cover has no page number; the pages after it are numbered from 1.
    assert!(sects[0].child("w:footerReference").is_none());
    assert!(sects[1..].iter().all(|s| s.child("w:footerReference").is_some()));
    assert_eq!(
        sects[1].child("w:pgNumType").and_then(|p| p.attr("w:start")),
        Some("1")
    );
    // The page break after the TOC and the one after the 概况 become pageBreakBefore on the next
    // heading; the one before 第三部分 too (the section break after t03 already starts a page, but
    // t08 and t10 follow it first).
    let breaks: Vec<String> = body_blocks(&document)
        .iter()
        .filter(|p| {
            p.child("w:pPr")
                .and_then(|pr| pr.child("w:pageBreakBefore"))
                .is_some()
        })
        .map(|p| p.para_text())
        .collect();
    assert_eq!(
        breaks,
        [
            "第一部分 测试局概况",
            "第二部分 测试局2023年度部门决算表",
            "第三部分 测试局2023年度部门决算情况说明"
        ]
    );
}

#[test]
fn docx_is_byte_identical_across_runs() {
    let doc = sample();
    let a = DocxWriter.write(&doc).unwrap();
    let b = DocxWriter.write(&doc).unwrap();
    assert!(a == b);
    let mut z = zip::ZipArchive::new(Cursor::new(&a)).unwrap();
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{:?}", f.name());
    }
}

// ---------------------------------------------------------------------------------------------
// Every example, through the real pipeline and the command line.

/// The document of every example under both profiles.
fn example_documents() -> Vec<(String, Document)> {
    let renderer = juesuan::render::Renderer::new(None).unwrap();
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(crate::common::root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for f in files {
        let checked = juesuan::pipeline::check_file(&f).unwrap();
        for profile in ["central", "shanghai"] {
            let doc = renderer.document(&checked.context, profile).unwrap();
            out.push((format!("{} ({profile})", f.display()), doc));
        }
    }
    out
}

#[test]
fn every_example_workbook_matches_its_document() {
    for (name, doc) in example_documents() {
        let bytes = XlsxWriter.write(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            official_tables(&doc).len() >= 9,
            "{name}: the nine tables at least"
        );
        check_xlsx(&doc, &bytes);
    }
}

#[test]
fn every_example_word_file_matches_its_document() {
    for (name, doc) in example_documents() {
        let bytes = DocxWriter.write(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_docx(&doc, &bytes);
    }
}

#[test]
fn render_writes_every_format_for_every_example() {
    let out = crate::common::tempdir("office-render");
    #[allow(deprecated)]
    let status = assert_cmd::Command::cargo_bin("juesuan")
        .unwrap()
        .current_dir(crate::common::root())
        .args(["render", "examples", "-o"])
        .arg(&out)
        .args(["--format", "md,html,xlsx,docx", "--quiet"])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(
        !String::from_utf8_lossy(&status.stderr).contains("Theme"),
        "no library chatter on stderr"
    );
    for stem in [
        "anyi-2023",
        "beilin-2023",
        "dehui-2023",
        "longjing-2024",
        "minimal",
        "wuerhe-2023",
    ] {
        for ext in ["md", "html", "xlsx", "docx"] {
            let p = out.join(format!("{stem}.{ext}"));
            assert!(
                std::fs::metadata(&p).is_ok_and(|m| m.len() > 0),
                "{}",
                p.display()
            );
        }
        // What the command line wrote is what the writers give for the same document.
        let xlsx = std::fs::read(out.join(format!("{stem}.xlsx"))).unwrap();
        assert_eq!(&xlsx[..2], b"PK");
        open_xlsx(&xlsx);
        let docx = std::fs::read(out.join(format!("{stem}.docx"))).unwrap();
        Node::parse(&entry(&docx, "word/document.xml"));
    }
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn synthetic_units_large_and_small_match_their_documents() {
    // Generated units from 5 to 400 项 (tables running over many pages, long names, many
    // projects): every cell and paragraph read back.
    let renderer = juesuan::render::Renderer::new(None).unwrap();
    for (seed, items, projects) in [(1, 5, 0), (2, 40, 3), (3, 400, 12)] {
        let yaml = juesuan::synth::unit_yaml(seed, items, projects);
        let (ctx, _) = crate::common::run(&yaml);
        let doc = renderer.document(&ctx, "central").unwrap();
        check_xlsx(&doc, &XlsxWriter.write(&doc).unwrap());
        check_docx(&doc, &DocxWriter.write(&doc).unwrap());
    }
}

#[test]
fn command_line_files_are_the_writers_bytes() {
    // The files the command line writes are exactly what the writers give for the unit's
    // document: nothing in the process (time, paths, thread) leaks into them.
    let out = crate::common::tempdir("office-bytes");
    let unit = crate::common::root().join("examples/minimal.yaml");
    #[allow(deprecated)]
    let status = assert_cmd::Command::cargo_bin("juesuan")
        .unwrap()
        .arg("render")
        .arg(&unit)
        .arg("-o")
        .arg(&out)
        .args(["--format", "xlsx,docx", "--quiet"])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let renderer = juesuan::render::Renderer::new(None).unwrap();
    let ctx = juesuan::pipeline::check_file(&unit).unwrap().context;
    let doc = renderer.document(&ctx, "central").unwrap();
    assert!(std::fs::read(out.join("minimal.xlsx")).unwrap() == XlsxWriter.write(&doc).unwrap());
    assert!(std::fs::read(out.join("minimal.docx")).unwrap() == DocxWriter.write(&doc).unwrap());
    std::fs::remove_dir_all(&out).unwrap();
}
