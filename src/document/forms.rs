//! The tables that are not official 公开 tables but still tables of the document: the 表目录
//! (built from the official tables the document holds) and the 绩效自评表 of the 附件.

use super::layout::{Layout, LayoutColumn, header_grid};
use super::model::{Cell, Column, ColumnKind, HeaderCell, Row, RowKind, Table, Value};
use crate::derive::text::EvaluationView;
use crate::money::format_fixed;
use rust_decimal::Decimal;

fn flat_header(columns: &[Column]) -> Vec<Vec<HeaderCell>> {
    vec![
        columns
            .iter()
            .map(|c| HeaderCell::new(c.label.clone(), 1, 1))
            .collect(),
    ]
}

fn prose_table(key: &str, columns: Vec<Column>, rows: Vec<Row>) -> Table {
    Table {
        key: key.into(),
        heading: None,
        title: String::new(),
        caption: None,
        header: flat_header(&columns),
        columns,
        rows,
        notes: Vec::new(),
        empty: false,
        wide: false,
        missing: Vec::new(),
        lines: Vec::new(),
    }
}

/// One line of the 表目录.
pub struct IndexLine {
    /// "公开01表".
    pub number: String,
    /// The table's official title.
    pub title: String,
    /// The reason an empty table gives ("本部门本年度无收入"), None when it has figures.
    pub empty_reason: Option<String>,
}

/// The table key of the 表目录's layout (`tables/index.toml`).
pub const INDEX_KEY: &str = "index";

/// The column keys a 表目录 layout can use: 序号 as a number (`ordinal`) or as "表1" (`label`),
/// the 表号 (`number`), the title (`title`), both ("公开01表 收入支出决算总表", `table`), 是否空表
/// (`empty`) and the 空表理由 (`reason`).
pub fn index_keys(key: &str) -> Option<Vec<(String, ColumnKind)>> {
    (key == INDEX_KEY).then(|| {
        [
            ("ordinal", ColumnKind::Ordinal),
            ("label", ColumnKind::Text),
            ("number", ColumnKind::Text),
            ("title", ColumnKind::Text),
            ("table", ColumnKind::Text),
            ("empty", ColumnKind::Text),
            ("reason", ColumnKind::Text),
        ]
        .iter()
        .map(|(k, c)| (k.to_string(), *c))
        .collect()
    })
}

/// The 表目录 laid out by `layout`: its columns and header; a non-empty `empty_reason` is the
/// one reason every empty table gives ("本{kind}不涉及故公开空表"), else each table gives its own.
pub fn table_index(lines: &[IndexLine], layout: &Layout, kind: &str) -> Table {
    let columns: Vec<&LayoutColumn> = layout.columns.iter().collect();
    let fixed = (!layout.empty_reason.is_empty()).then(|| layout.empty_reason.replace("{kind}", kind));
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let reason = l
                .empty_reason
                .as_ref()
                .map(|r| fixed.clone().unwrap_or_else(|| r.clone()));
            let cells = columns
                .iter()
                .map(|c| match c.key.as_str() {
                    "ordinal" => Cell::new(Value::Count(i as u64 + 1)),
                    "label" => Cell::text(format!("表{}", i + 1)),
                    "number" => Cell::text(l.number.clone()),
                    "title" => Cell::text(l.title.clone()),
                    "table" => Cell::text(format!("{} {}", l.number, l.title)),
                    "empty" => Cell::text(if reason.is_some() { "是" } else { "否" }),
                    "reason" => reason.clone().map(Cell::text).unwrap_or_else(Cell::empty),
                    // The layout's keys are checked against `index_keys` when it loads.
                    _ => Cell::empty(),
                })
                .collect();
            Row {
                kind: RowKind::Plain,
                cells,
            }
        })
        .collect();
    let cols = columns
        .iter()
        .map(|c| Column::new(c.key.clone(), c.label.clone(), c.kind))
        .collect();
    let mut t = prose_table("table_index", cols, rows);
    t.header = header_grid(&columns, layout.leaf_headers);
    t
}

fn text(s: &Option<String>) -> Cell {
    s.as_ref()
        .map(|t| Cell::text(t.clone()))
        .unwrap_or_else(Cell::empty)
}

fn score(d: Option<Decimal>) -> Cell {
    d.map(|d| Cell::new(Value::Rate(d.normalize().to_string())))
        .unwrap_or_else(Cell::empty)
}

fn label(s: &str) -> Cell {
    Cell::text(s).as_label()
}

/// A 绩效自评表: the project block (name, departments, funds, goals) and the indicator table.
/// Returned as two tables, as published reports lay them out.
pub fn evaluation(ev: &EvaluationView, dp: u32) -> [Table; 2] {
    let n = |c: &str| Column::new(c, "", ColumnKind::Text);
    let columns: Vec<Column> = ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .map(|c| n(c))
        .collect();
    let mut rows = vec![
        Row {
            kind: RowKind::Plain,
            cells: vec![label("项目名称").span(2), Cell::text(ev.name.clone()).span(6)],
        },
        Row {
            kind: RowKind::Plain,
            cells: vec![
                label("主管部门").span(2),
                text(&ev.department).span(2),
                label("实施单位"),
                text(&ev.implementer).span(3),
            ],
        },
        Row {
            kind: RowKind::Plain,
            cells: vec![
                label("项目资金（万元）").span(2).down(ev.funds.len() as u16 + 1),
                label(""),
                label("年初预算数"),
                label("全年预算数"),
                label("全年执行数"),
                label("执行率"),
                label("得分"),
            ],
        },
    ];
    for (i, f) in ev.funds.iter().enumerate() {
        rows.push(Row {
            kind: RowKind::Plain,
            cells: vec![
                Cell::text(f.label),
                Cell::new(Value::Amount(f.initial)),
                Cell::new(Value::Amount(f.full)),
                Cell::new(Value::Amount(f.actual)),
                Cell::new(Value::Rate(
                    f.rate
                        .map(|r| format!("{}%", format_fixed(r, dp, false)))
                        .unwrap_or_else(|| "—".into()),
                )),
                if i == 0 {
                    score(ev.funds_score)
                } else {
                    Cell::empty()
                },
            ],
        });
    }
    rows.push(Row {
        kind: RowKind::Plain,
        cells: vec![
            label("年度总体目标").span(2).down(2),
            label("预期目标").span(3),
            label("实际完成情况").span(3),
        ],
    });
    rows.push(Row {
        kind: RowKind::Plain,
        cells: vec![text(&ev.goal).span(3), text(&ev.achieved).span(3)],
    });
    let mut project = prose_table("evaluation", columns, rows);
    project.header = Vec::new();

    let columns = vec![
        Column::new("level1", "一级指标", ColumnKind::Text),
        Column::new("level2", "二级指标", ColumnKind::Text),
        Column::new("level3", "三级指标", ColumnKind::Text),
        Column::new("target", "年度指标值", ColumnKind::Text),
        Column::new("actual", "实际完成值", ColumnKind::Text),
        Column::new("weight", "分值", ColumnKind::Rate),
        Column::new("score", "得分", ColumnKind::Rate),
        Column::new("deviation", "偏差原因分析及改进措施", ColumnKind::Text),
    ];
    let mut rows = Vec::new();
    for i in &ev.indicators {
        let ind = &i.indicator;
        let mut cells = Vec::new();
        if i.level1_span > 0 {
            cells.push(Cell::text(ind.level1.clone()).down(i.level1_span as u16));
        }
        if i.level2_span > 0 {
            cells.push(Cell::text(ind.level2.clone()).down(i.level2_span as u16));
        }
        cells.extend([
            Cell::text(ind.level3.clone()),
            text(&ind.target),
            text(&ind.actual),
            score(ind.weight.map(|w| w.0)),
            score(ind.score.map(|s| s.0)),
            text(&ind.deviation),
        ]);
        rows.push(Row {
            kind: RowKind::Plain,
            cells,
        });
    }
    rows.push(Row {
        kind: RowKind::Total,
        cells: vec![
            label("总分").span(5),
            score(Some(ev.weight_total)),
            score(Some(ev.score)),
            ev.grade
                .as_ref()
                .map(|g| Cell::text(format!("自评等级：{g}")))
                .unwrap_or_else(Cell::empty),
        ],
    });
    let indicators = prose_table("evaluation_indicators", columns, rows);
    [project, indicators]
}
