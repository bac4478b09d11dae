//! Every example against the real report it transcribes: for each `tests/seeds/*.toml` (what the
//! seed prints, transcribed by hand), the example is rendered with the given profile and its
//! document compared per table (title, 栏次 row, header cells, leaf columns, row labels, note),
//! the 表目录, and the headings of the 情况说明 part. A difference the seed and juesuan are
//! known to have is a `[[differences]]` entry of the file, checked to be still exactly that
//! difference: fixing it fails the test until the entry is removed.

use crate::common::root;
use juesuan::document::{Block, Document, Inline, RowKind, Table, Value};
use juesuan::render::Renderer;
use juesuan::{derive, load};
use serde::Deserialize;
use std::path::Path;

/// One `tests/seeds/NNN.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Seed {
    seed: String,
    example: String,
    profile: String,
    headings: Vec<String>,
    index: Option<Index>,
    #[serde(default)]
    tables: Vec<SeedTable>,
    #[serde(default)]
    differences: Vec<Difference>,
}

/// The 表目录 as the seed prints it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Index {
    header: Vec<Vec<String>>,
    rows: Vec<String>,
}

/// One table of 第二部分 as the seed prints it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedTable {
    title: String,
    /// The seed lists the table but prints it as an image (or as an attachment): only the
    /// title can be compared.
    #[serde(default)]
    title_only: bool,
    column_numbers: Option<bool>,
    header: Option<Vec<Vec<String>>>,
    columns: Option<usize>,
    rows: Option<Vec<String>>,
    note: Option<String>,
}

/// A known difference: at `table` ("公开06表", "表目录"; none for the document), in `field`,
/// the lines only the seed prints and the lines only juesuan prints.
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
struct Difference {
    #[serde(default)]
    table: String,
    field: String,
    seed: Vec<String>,
    juesuan: Vec<String>,
    why: String,
}

/// One compared field: what the seed prints and what juesuan prints, line by line.
#[derive(Debug)]
struct Field {
    table: String,
    field: &'static str,
    seed: Vec<String>,
    got: Vec<String>,
}

/// The lines only `a` has and the lines only `b` has (longest common subsequence), in order.
fn diff(a: &[String], b: &[String]) -> (Vec<String>, Vec<String>) {
    let (n, m) = (a.len(), b.len());
    let mut l = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            l[i][j] = if a[i] == b[j] {
                l[i + 1][j + 1] + 1
            } else {
                l[i + 1][j].max(l[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut only_a, mut only_b) = (Vec::new(), Vec::new());
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < m && (i == n || l[i][j + 1] >= l[i + 1][j]) {
            only_b.push(b[j].clone());
            j += 1;
        } else {
            only_a.push(a[i].clone());
            i += 1;
        }
    }
    (only_a, only_b)
}

fn toml_list(v: &[String]) -> String {
    let items: Vec<String> = v.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", items.join(", "))
}

/// Compares every field with the known differences; the problems, readable, or none.
fn compare(fields: &[Field], known: &[Difference]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut used = vec![false; known.len()];
    for f in fields {
        let entry = known
            .iter()
            .position(|d| d.table == f.table && d.field == f.field);
        if let Some(k) = entry {
            used[k] = true;
        }
        if f.seed == f.got {
            if let Some(k) = entry {
                problems.push(format!(
                    "{} {}：种子与 juesuan 已经一致，请删去这条 [[differences]]（{}）",
                    f.table, f.field, known[k].why
                ));
            }
            continue;
        }
        let (seed_only, got_only) = diff(&f.seed, &f.got);
        if let Some(k) = entry
            && known[k].seed == seed_only
            && known[k].juesuan == got_only
        {
            continue;
        }
        let at = f
            .seed
            .iter()
            .zip(&f.got)
            .position(|(a, b)| a != b)
            .unwrap_or(f.seed.len().min(f.got.len()));
        let show = |v: &[String]| v.get(at).cloned().unwrap_or_else(|| "（没有这一行）".into());
        let mut p = format!(
            "{} {}：第 {} 行起不同\n  种子：  {}\n  juesuan：{}\n  种子独有：{}\n  juesuan 独有：{}",
            if f.table.is_empty() { "全文" } else { &f.table },
            f.field,
            at + 1,
            show(&f.seed),
            show(&f.got),
            toml_list(&seed_only),
            toml_list(&got_only),
        );
        if let Some(k) = entry {
            p.push_str(&format!(
                "\n  （已记录的差异不再是这样：记录的种子独有 {}，juesuan 独有 {}）",
                toml_list(&known[k].seed),
                toml_list(&known[k].juesuan)
            ));
        }
        p.push_str(&format!(
            "\n  如果这是已知的差异，写入：\n[[differences]]\ntable = {:?}\nfield = {:?}\nseed = {}\njuesuan = {}\nwhy = \"…\"",
            f.table,
            f.field,
            toml_list(&seed_only),
            toml_list(&got_only)
        ));
        problems.push(p);
    }
    for (d, u) in known.iter().zip(used) {
        if !u {
            problems.push(format!(
                "[[differences]] {} {} 对应不到任何比较项（表或字段名写错了？）",
                d.table, d.field
            ));
        }
    }
    problems
}

fn one(s: impl Into<String>) -> Vec<String> {
    vec![s.into()]
}

/// A body row's text cells (codes and names, not amounts), trimmed, joined by one space.
fn row_label(cells: &[juesuan::document::Cell]) -> String {
    cells
        .iter()
        .filter_map(|c| match &c.value {
            Value::Text(s) | Value::Code(s) => Some(s.trim()),
            _ => None,
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn header_rows(t: &Table) -> Vec<String> {
    t.header
        .iter()
        .map(|r| r.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" | "))
        .collect()
}

fn body_rows(t: &Table) -> Vec<String> {
    t.rows
        .iter()
        .filter(|r| r.kind != RowKind::ColumnNumbers)
        .map(|r| row_label(&r.cells))
        .collect()
}

/// The headings and bold sub-heads of the 情况说明 part (第三部分 in the template), in order.
fn explanation_headings(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for b in &doc.blocks {
        match b {
            Block::Heading(h) if h.level <= 2 => inside = h.text.contains("情况说明"),
            Block::Heading(h) if inside => out.push(h.text.clone()),
            Block::Paragraph(p) if inside => {
                if let [Inline::Strong(_)] = p.inlines.as_slice() {
                    out.push(p.text().trim().to_string());
                }
            }
            _ => {}
        }
    }
    out
}

/// The notes under a table as one text (paragraphs joined by a line break), or none.
fn notes(t: &Table) -> Vec<String> {
    let text: Vec<&str> = t
        .notes
        .iter()
        .map(String::as_str)
        .filter(|n| !n.is_empty())
        .collect();
    if text.is_empty() {
        Vec::new()
    } else {
        one(text.join("\n"))
    }
}

fn official(doc: &Document) -> Vec<&Table> {
    doc.tables()
        .filter(|t| t.key.len() == 3 && t.key.starts_with('t'))
        .collect()
}

/// Every compared field of one seed against one document.
fn fields(seed: &Seed, doc: &Document) -> Vec<Field> {
    let tables = official(doc);
    let mut out = vec![
        Field {
            table: String::new(),
            field: "tables",
            seed: seed.tables.iter().map(|t| t.title.clone()).collect(),
            got: tables.iter().map(|t| t.title.clone()).collect(),
        },
        Field {
            table: String::new(),
            field: "headings",
            seed: seed.headings.clone(),
            got: explanation_headings(doc),
        },
    ];
    if let Some(ix) = &seed.index {
        let got = doc.tables().find(|t| t.key == "table_index");
        let place = "表目录".to_string();
        out.push(Field {
            table: place.clone(),
            field: "header",
            seed: ix.header.iter().map(|r| r.join(" | ")).collect(),
            got: got.map(header_rows).unwrap_or_default(),
        });
        out.push(Field {
            table: place,
            field: "rows",
            seed: ix.rows.clone(),
            got: got.map(body_rows).unwrap_or_default(),
        });
    }
    for (i, (s, t)) in seed.tables.iter().zip(&tables).enumerate() {
        let place = format!("公开{:02}表", i + 1);
        let mut push = |field, seed: Vec<String>, got: Vec<String>| {
            out.push(Field {
                table: place.clone(),
                field,
                seed,
                got,
            })
        };
        push("title", one(&s.title), one(&t.title));
        if s.title_only {
            continue;
        }
        let printed_numbers = t.rows.iter().any(|r| r.kind == RowKind::ColumnNumbers);
        push(
            "column_numbers",
            one(s.column_numbers.unwrap_or(false).to_string()),
            one(printed_numbers.to_string()),
        );
        let header = s
            .header
            .as_ref()
            .map(|h| h.iter().map(|r| r.join(" | ")).collect());
        push("header", header.unwrap_or_default(), header_rows(t));
        push(
            "columns",
            one(s.columns.unwrap_or(0).to_string()),
            one(t.columns.len().to_string()),
        );
        push("rows", s.rows.clone().unwrap_or_default(), body_rows(t));
        push("note", s.note.iter().cloned().collect(), notes(t));
    }
    out
}

fn check_seed(file: &Path, renderer: &Renderer) -> Vec<String> {
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    let text = std::fs::read_to_string(file).unwrap();
    let seed: Seed = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    // The file is named after its seed (000.toml ↔ 000_b6c55122be92f07c.txt in ../shared/seeds).
    let number = name.trim_end_matches(".toml");
    assert!(
        seed.seed.starts_with(&format!("{number}_")) && seed.seed.ends_with(".txt"),
        "{name}: seed = {:?} is not seed {number}",
        seed.seed
    );
    let loaded = load::load(&root().join(format!("examples/{}.yaml", seed.example)))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let ctx = derive::derive(&loaded);
    let doc = renderer
        .document(&ctx, &seed.profile)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut problems = compare(&fields(&seed, &doc), &seed.differences);
    for d in &seed.differences {
        if d.why.trim().is_empty() || d.why.trim() == "…" {
            problems.push(format!(
                "[[differences]] {} {}：没有写原因（why）",
                d.table, d.field
            ));
        }
    }
    problems
        .into_iter()
        .map(|p| format!("{name}（{}）: {p}", seed.example))
        .collect()
}

#[test]
fn every_example_matches_its_seed_table_by_table() {
    let dir = root().join("tests/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "tests/seeds has {} files", files.len());
    let renderer = Renderer::new(None).unwrap();
    let problems: Vec<String> = files.iter().flat_map(|f| check_seed(f, &renderer)).collect();
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n\n"));
}

#[cfg(test)]
mod comparison {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn rows(seed: &[&str], got: &[&str]) -> Vec<Field> {
        vec![Field {
            table: "公开02表".into(),
            field: "rows",
            seed: s(seed),
            got: s(got),
        }]
    }

    fn known(seed: &[&str], juesuan: &[&str]) -> Difference {
        Difference {
            table: "公开02表".into(),
            field: "rows".into(),
            seed: s(seed),
            juesuan: s(juesuan),
            why: "测试".into(),
        }
    }

    #[test]
    fn a_differing_row_fails_and_names_the_row() {
        let p = compare(
            &rows(&["合计", "208 社会保障和就业支出"], &["合计", "210 卫生健康支出"]),
            &[],
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("公开02表 rows：第 2 行起不同"), "{}", p[0]);
        assert!(
            p[0].contains("208 社会保障和就业支出") && p[0].contains("210 卫生健康支出"),
            "{}",
            p[0]
        );
    }

    #[test]
    fn a_recorded_difference_passes_only_while_it_is_exactly_that() {
        let f = rows(&["合计", "20805 行政事业单位养老支出"], &["合计"]);
        assert!(compare(&f, &[known(&["20805 行政事业单位养老支出"], &[])]).is_empty());
        // Another difference than the one recorded fails.
        let other = rows(
            &["合计", "20805 行政事业单位养老支出"],
            &["合计", "20806 企业改革补助"],
        );
        assert_eq!(
            compare(&other, &[known(&["20805 行政事业单位养老支出"], &[])]).len(),
            1
        );
        // Fixed: the entry must go.
        let fixed = rows(&["合计"], &["合计"]);
        let p = compare(&fixed, &[known(&["20805 行政事业单位养老支出"], &[])]);
        assert!(p[0].contains("请删去"), "{p:?}");
    }

    #[test]
    fn a_difference_for_no_field_is_reported() {
        let mut d = known(&["x"], &[]);
        d.field = "rws".into();
        let p = compare(&rows(&["合计"], &["合计"]), &[d]);
        assert!(p[0].contains("对应不到"), "{p:?}");
    }

    #[test]
    fn diff_keeps_order_on_each_side() {
        let (a, b) = diff(&s(&["a", "b", "c", "d"]), &s(&["a", "x", "c", "y"]));
        assert_eq!((a, b), (s(&["b", "d"]), s(&["x", "y"])));
    }
}

/// A unit selecting a layout variant the profile does not have is refused with the YAML path, its
/// line and the variants there are; an entry for another profile is left alone.
#[test]
fn an_unknown_variant_is_refused_naming_its_path_line_and_the_variants() {
    let renderer = Renderer::new(None).unwrap();
    let doc = |settings: &str| {
        let yaml = format!("{}settings:\n{settings}", crate::common::HEAD);
        let loaded = load::load_str("u.yaml", &yaml).unwrap_or_else(|e| panic!("{e}"));
        renderer.document(&derive::derive(&loaded), "central")
    };
    let e = doc("  tables:\n    central: {t06: 明细}\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("第 7 行") && e.contains("settings.tables.central.t06") && e.contains("基本支出决算表"),
        "{e}"
    );
    let e = doc("  tables:\n    central: {t6: 明细}\n")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("settings.tables.central.t6") && e.contains("t06"),
        "{e}"
    );
    let e = doc("  tables:\n    centrl: {t06: 基本支出决算表}\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("centrl") && e.contains("shanghai"), "{e}");
    // Selected under central; the entry for another profile is checked when that profile renders.
    let d = doc("  tables:\n    central: {t06: 基本支出决算表}\n    shanghai: {t06: 无此变体}\n")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        d.tables()
            .any(|t| t.title == "一般公共预算财政拨款基本支出决算表")
    );
    let d = doc("  tables:\n    shanghai: {t06: 无此变体}\n").unwrap_or_else(|e| panic!("{e}"));
    assert!(
        d.tables()
            .any(|t| t.title == "一般公共预算财政拨款基本支出决算明细表")
    );
}
