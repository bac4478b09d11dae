//! The tables that are not official 公开 tables but still tables of the document: the 表目录
//! (built from the official tables the document holds) and the 绩效自评表 of the 附件.

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

/// The 表目录: 序号, 表名, 是否空表, 空表理由.
pub fn table_index(lines: &[IndexLine]) -> Table {
    let columns = vec![
        Column::new("ordinal", "序号", ColumnKind::Ordinal),
        Column::new("title", "表名", ColumnKind::Text),
        Column::new("empty", "是否空表", ColumnKind::Text),
        Column::new("reason", "空表理由", ColumnKind::Text),
    ];
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, l)| Row {
            kind: RowKind::Plain,
            cells: vec![
                Cell::new(Value::Count(i as u64 + 1)),
                Cell::text(format!("{} {}", l.number, l.title)),
                Cell::text(if l.empty_reason.is_some() { "是" } else { "否" }),
                l.empty_reason
                    .as_ref()
                    .map(|r| Cell::text(r.clone()))
                    .unwrap_or_else(Cell::empty),
            ],
        })
        .collect();
    prose_table("table_index", columns, rows)
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
