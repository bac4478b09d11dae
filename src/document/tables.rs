//! The official tables: the derived figures of one table ([`crate::derive::Tables`]) laid out by
//! its [`Layout`] into a model [`Table`].
//!
//! Each table's data source offers its rows with a cell per column key (see [`source_keys`]); the
//! layout picks the columns, their order and header, the row order and how zeros print. So what a
//! jurisdiction changes is data, and every table of every profile is built by this one code.

use super::layout::{
    CodeCells, ItemLine, Layout, LayoutColumn, MAX_BLOCKS, NoteLines, PageHeading, RowSet, SubLines,
    TailNote, TotalRow, ZeroCells, header_grid,
};
use super::model::{
    Cell, Column, ColumnKind, Heading, MissingFigure, Row, RowKind, Table, TableCaption, Value,
};
use crate::catalogue::{self, Classification, Level, PERSONNEL_CLASSES};
use crate::derive::{BudgetBasis, CodeRow, CodeTable, Context, LineStyle, PairTable, SangongColumns};
use crate::templates::filters::chinese_numeral;
use rust_decimal::Decimal;

/// The official tables a profile can place, in the central order.
pub const TABLE_KEYS: [&str; 10] = [
    "t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09", "t10",
];

const SANGONG_KEYS: [&str; 8] = [
    "total",
    "abroad",
    "vehicle",
    "vehicle_purchase",
    "vehicle_running",
    "reception",
    "meeting",
    "training",
];

/// The parts of a code a layout can print in columns of their own: 类, 款, 项 (`code.class`,
/// `code.section`, `code.item`), besides the whole code (`code`).
const CODE_PARTS: [&str; 3] = ["class", "section", "item"];

fn kind_of(key: &str) -> ColumnKind {
    if key.split('.').any(|p| p == "code") {
        return ColumnKind::Code;
    }
    let last = key.rsplit('.').next().unwrap_or(key);
    match last {
        "name" => ColumnKind::Text,
        "line" => ColumnKind::Ordinal,
        "count" => ColumnKind::Count,
        _ => ColumnKind::Amount,
    }
}

/// The column keys the data source of table `key` offers, with the kind of each; None for a key
/// that is not an official table.
pub fn source_keys(key: &str) -> Option<Vec<(String, ColumnKind)>> {
    let code_keys = |side: &str| {
        let mut v = vec![format!("{side}code")];
        v.extend(CODE_PARTS.iter().map(|p| format!("{side}code.{p}")));
        v.push(format!("{side}name"));
        v
    };
    let with_code = |cols: &[&str]| {
        let mut v = code_keys("");
        v.extend(cols.iter().map(|c| c.to_string()));
        v
    };
    let pair = |right: &[&str]| {
        let mut v: Vec<String> = ["income.name", "income.line", "income.amount"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        v.extend(["spending.name".to_string(), "spending.line".to_string()]);
        v.extend(right.iter().map(|c| format!("spending.{c}")));
        v
    };
    use crate::derive::tables as t;
    let keys: Vec<String> = match key {
        "t01" => pair(&["amount"]),
        "t02" => with_code(t::T02_COLUMNS),
        "t03" => with_code(t::T03_COLUMNS),
        "t04" => pair(&["total", "general", "fund", "state_capital"]),
        "t05" => with_code(t::T05_COLUMNS),
        "t06" => ["personnel", "public"]
            .into_iter()
            .map(String::from)
            .chain((1..=MAX_BLOCKS).map(|n| format!("block{n}")))
            .flat_map(|side| {
                let mut v = code_keys(&format!("{side}."));
                v.retain(|k| !k.ends_with(".item"));
                v.push(format!("{side}.amount"));
                v
            })
            .collect(),
        "t07" => with_code(t::T07_COLUMNS),
        "t08" => with_code(t::T08_COLUMNS),
        "t09" => ["budget", "actual"]
            .iter()
            .flat_map(|side| SANGONG_KEYS.map(|c| format!("{side}.{c}")))
            .chain(std::iter::once("name".to_string()))
            .chain(SANGONG_KEYS.map(String::from))
            .chain(ITEM_COLUMNS.map(String::from))
            .collect(),
        "t10" => vec!["name".into(), "line".into(), "count".into()],
        _ => return None,
    };
    Some(keys.into_iter().map(|k| (k.clone(), kind_of(&k))).collect())
}

/// The columns of a 三公 table whose rows are items (`rows = "items"`), besides `name`.
const ITEM_COLUMNS: [&str; 4] = ["line", "budget_initial", "budget_full", "actual"];

/// The figures a row of `rows = "items"` can print besides the table's own cells
/// ([`SANGONG_KEYS`]): the parts of 公务接待费 and the counts.
const ITEM_EXTRA_LINES: [&str; 17] = [
    "reception_domestic",
    "reception_foreign",
    "reception_overseas",
    "abroad_groups",
    "abroad_people",
    "vehicles_bought",
    "vehicles_held",
    "reception_batches",
    "foreign_batches",
    "reception_people",
    "foreign_people",
    "overseas_batches",
    "overseas_people",
    "meetings",
    "meeting_people",
    "trainings",
    "training_people",
];

/// Every figure a row of `rows = "items"` can print: the 三公 cells, then the others.
static ITEM_LINES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| SANGONG_KEYS.iter().chain(&ITEM_EXTRA_LINES).copied().collect());

/// The figures a row of table `key` can print when its rows are items (`rows = "items"`): the
/// 三公 table's; none for the other tables.
pub fn item_lines(key: &str) -> &'static [&'static str] {
    if key == "t09" { ITEM_LINES.as_slice() } else { &[] }
}

/// Whether the data source of table `key` can print its column groups as rows (`rows = "sides"`).
pub fn offers_side_rows(key: &str) -> bool {
    key == "t09"
}

/// Whether the data source of table `key` can print a template's full 款 list (`rows = "full"`).
pub fn offers_full_rows(key: &str) -> bool {
    key == "t06"
}

/// One row of a table's data before the layout picks its columns.
struct SourceRow {
    kind: RowKind,
    cells: Vec<(String, Cell)>,
    /// Keys of label cells that span the label columns following them up to the next figure
    /// column (合计 over the code and name columns, however many the layout has).
    spread: Vec<String>,
    /// Keys of code cells that span the split code columns following them (`code_cells =
    /// "whole"`: the whole code across 类 | 款 | 项).
    code_spread: Vec<String>,
    /// Keys of label cells that span up to (not including) the column of another key (06表 in
    /// groups: 公用经费合计 across the 公用经费 groups up to the last group's amount).
    span_to: Vec<(String, String)>,
}

impl SourceRow {
    fn new(kind: RowKind) -> SourceRow {
        SourceRow {
            kind,
            cells: Vec::new(),
            spread: Vec::new(),
            code_spread: Vec::new(),
            span_to: Vec::new(),
        }
    }
    fn set(&mut self, key: impl Into<String>, cell: Cell) {
        self.cells.push((key.into(), cell));
    }
    /// Sets a label (合计) on the code and name keys of `side` ("" or "personnel."): whichever of
    /// them the layout prints first spans the label columns up to the first figure column.
    fn label(&mut self, side: &str, text: &str) {
        let mut keys = vec![format!("{side}code")];
        keys.extend(CODE_PARTS.iter().map(|p| format!("{side}code.{p}")));
        keys.push(format!("{side}name"));
        for k in keys {
            self.set(k.clone(), Cell::text(text));
            self.spread.push(k);
        }
    }
    /// Sets a label on the code and name keys of `side` that spans up to the column of `end`.
    fn label_to(&mut self, side: &str, text: &str, end: &str) {
        let mut keys = vec![format!("{side}code")];
        keys.extend(CODE_PARTS.iter().map(|p| format!("{side}code.{p}")));
        keys.push(format!("{side}name"));
        for k in keys {
            self.set(k.clone(), Cell::text(text));
            self.span_to.push((k, end.to_string()));
        }
    }
    /// Sets the code cells of `side`: the whole code, and its 类 / 款 / 项 parts as far as the
    /// code goes ("201" fills only 类; "20106" 类 and 款; "2010601" all three).
    fn code(&mut self, side: &str, code: &str, cells: CodeCells) {
        self.set(format!("{side}code"), Cell::new(Value::Code(code.to_string())));
        if cells == CodeCells::Whole {
            self.set(
                format!("{side}code.class"),
                Cell::new(Value::Code(code.to_string())),
            );
            self.code_spread.push(format!("{side}code.class"));
            return;
        }
        for (part, range) in CODE_PARTS.iter().zip([0..3, 3..5, 5..7]) {
            if let Some(p) = code.get(range) {
                self.set(
                    format!("{side}code.{part}"),
                    Cell::new(Value::Code(p.to_string())),
                );
            }
        }
    }
    fn get(&self, key: &str) -> Option<&Cell> {
        self.cells.iter().find(|(k, _)| k == key).map(|(_, c)| c)
    }
}

/// A table's data: rows plus the facts its note needs.
struct Source {
    rows: Vec<SourceRow>,
    empty: bool,
    tail_difference: bool,
    /// A sentence the note adds after the standard ones (06表 without 经济分类 detail).
    extra_note: Option<String>,
    /// `{budget_basis}` in the note: 年初预算数 or 全年预算数 (三公).
    budget_basis: &'static str,
    /// Printed cells whose figure the unit did not give.
    missing: Vec<MissingFigure>,
}

impl Source {
    /// A source whose note needs no extra sentence and no budget basis.
    fn plain(rows: Vec<SourceRow>, empty: bool, tail_difference: bool) -> Source {
        Source {
            rows,
            empty,
            tail_difference,
            extra_note: None,
            budget_basis: "",
            missing: Vec::new(),
        }
    }
}

fn amount(d: Decimal) -> Cell {
    Cell::new(Value::Amount(d))
}

fn maybe(d: Option<Decimal>) -> Cell {
    d.map(amount).unwrap_or_else(Cell::empty)
}

fn indent_of(level: Level) -> (RowKind, u8) {
    match level {
        Level::Class => (RowKind::Class, 0),
        Level::Section => (RowKind::Section, 1),
        Level::Item => (RowKind::Item, 2),
    }
}

fn code_source(t: &CodeTable, layout: &Layout) -> Source {
    let mut total = SourceRow::new(RowKind::Total);
    total.label("", "合计");
    for (k, v) in t.columns.iter().zip(&t.total) {
        total.set(*k, amount(*v));
    }
    // A row is printed when a column the layout prints has a figure: the source may offer
    // columns this layout leaves out (the balances of the state-capital table).
    let printed: Vec<&str> = layout
        .columns
        .iter()
        .filter(|c| c.kind == ColumnKind::Amount)
        .filter_map(|c| t.columns.iter().copied().find(|k| *k == c.key))
        .collect();
    let mut rows: Vec<SourceRow> = t
        .rows
        .iter()
        .filter(|r| printed.iter().any(|k| !r.cell(t.columns, k).is_zero()))
        .map(|r| code_row(t.columns, r, layout.code_cells))
        .collect();
    let empty = t.empty || rows.is_empty();
    match layout.total_row {
        TotalRow::First => rows.insert(0, total),
        TotalRow::Last => rows.push(total),
    }
    let tail = t
        .columns
        .iter()
        .zip(&t.tail_columns)
        .any(|(k, d)| *d && printed.contains(k));
    Source::plain(rows, empty, tail)
}

fn code_row(columns: &[&str], r: &CodeRow, cells: CodeCells) -> SourceRow {
    let (kind, indent) = indent_of(r.level);
    let mut row = SourceRow::new(kind);
    row.code("", &r.code, cells);
    row.set("name", Cell::text(r.name.clone()).indented(indent));
    for (k, v) in columns.iter().zip(&r.cells) {
        row.set(*k, amount(*v));
    }
    row
}

fn pair_source(t: &PairTable, right: &[&str], layout: &Layout) -> Source {
    // Where the current run of sub-lines started (they are numbered from 一 within it).
    let mut sub_start = 0;
    let rows = t
        .pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let style = p.left.as_ref().map(|l| l.style).unwrap_or(LineStyle::Plain);
            let (kind, indent) = match style {
                LineStyle::Total => (RowKind::Total, 0),
                LineStyle::Sub if layout.sub_numbers => (RowKind::Sub, 0),
                LineStyle::Sub => (RowKind::Sub, 1),
                LineStyle::Plain => (RowKind::Plain, 0),
            };
            if style != LineStyle::Sub {
                sub_start = i + 1;
            }
            let mut row = SourceRow::new(kind);
            let sides: [(&str, &Option<crate::derive::Line>, &[&str]); 2] =
                [("income", &p.left, &["amount"]), ("spending", &p.right, right)];
            for (side, line, cols) in sides {
                let Some(l) = line else { continue };
                if style == LineStyle::Sub && side == "spending" && layout.sub_lines == SubLines::Income {
                    continue;
                }
                let name = if l.numbered {
                    format!("{}、{}", chinese_numeral(i as u64 + 1), l.name)
                } else if style == LineStyle::Sub && layout.sub_numbers {
                    format!("{}、{}", chinese_numeral((i - sub_start) as u64 + 1), l.name)
                } else {
                    l.name.clone()
                };
                row.set(format!("{side}.name"), Cell::text(name).indented(indent));
                row.set(format!("{side}.line"), Cell::new(Value::Count(u64::from(l.line))));
                for (c, v) in cols.iter().zip(&l.cells) {
                    row.set(format!("{side}.{c}"), maybe(*v));
                }
            }
            row
        })
        .collect();
    Source::plain(rows, t.empty, t.tail_difference)
}

/// The 06表 rows in code order, 人员经费 and 公用经费 together: the rows with figures, or a
/// template's full 款 list (every listed 款 and the unit's own, with their 类, zeros included; the
/// unit's figures and names where it has them, else the catalogue's name).
fn t06_rows(t: &crate::derive::Table06, rows: &RowSet) -> Vec<CodeRow> {
    let given: Vec<&CodeRow> = t.personnel.iter().chain(&t.public).collect();
    let mut codes: Vec<String> = match rows {
        RowSet::Figures | RowSet::Sides | RowSet::Items(_) => Vec::new(),
        RowSet::Full(standard) => standard.to_vec(),
    };
    for r in &given {
        if !codes.contains(&r.code) {
            codes.push(r.code.clone());
        }
    }
    for c in codes.clone() {
        if let Some(class) = c.get(..3).filter(|_| c.len() > 3)
            && !codes.iter().any(|x| x == class)
        {
            codes.push(class.to_string());
        }
    }
    codes.sort();
    codes
        .into_iter()
        .map(|code| match given.iter().find(|r| r.code == code) {
            Some(r) => (*r).clone(),
            None => CodeRow {
                name: catalogue::name_of(Classification::Economic, &code)
                    .unwrap_or_default()
                    .to_string(),
                level: if code.len() == 3 {
                    Level::Class
                } else {
                    Level::Section
                },
                cells: vec![Decimal::ZERO],
                code,
            },
        })
        .collect()
}

fn is_personnel(code: &str) -> bool {
    PERSONNEL_CLASSES.iter().any(|p| code.starts_with(p))
}

/// One 06表 row's cells for one column group (`side` "personnel." or "block2.").
fn t06_cells(row: &mut SourceRow, side: &str, r: &CodeRow, cells: CodeCells) {
    let indent = if r.level == Level::Section { 1 } else { 0 };
    row.code(side, &r.code, cells);
    row.set(format!("{side}name"), Cell::text(r.name.clone()).indented(indent));
    row.set(format!("{side}amount"), maybe(r.cells.first().copied()));
}

/// One 06表 column group: its key prefix ("personnel.", "block2.") and its rows.
type Group = (String, Vec<CodeRow>);

fn t06_source(ctx: &Context, layout: &Layout) -> Source {
    let t = &ctx.tables.t06;
    // The column groups: (key prefix, rows), and the groups of the two totals.
    let (groups, personnel_at, public_at): (Vec<Group>, usize, Vec<usize>) = if layout.blocks.is_empty() {
        let (left, right): (Vec<CodeRow>, Vec<CodeRow>) = match &layout.rows {
            RowSet::Figures => {
                let left = t.pairs.iter().filter_map(|(l, _)| l.clone()).collect();
                let right = t.pairs.iter().filter_map(|(_, r)| r.clone()).collect();
                (left, right)
            }
            rows => t06_rows(t, rows).into_iter().partition(|r| is_personnel(&r.code)),
        };
        (
            vec![("personnel.".into(), left), ("public.".into(), right)],
            0,
            vec![1],
        )
    } else {
        let all = t06_rows(t, &layout.rows);
        let groups: Vec<Group> = layout
            .blocks
            .iter()
            .enumerate()
            .map(|(i, classes)| {
                let rows = classes
                    .iter()
                    .flat_map(|c| all.iter().filter(move |r| r.code.starts_with(c.as_str())))
                    .cloned()
                    .collect();
                (format!("block{}.", i + 1), rows)
            })
            .collect();
        let personnel_at = layout
            .blocks
            .iter()
            .position(|b| b.iter().any(|c| is_personnel(c)))
            .unwrap_or(0);
        let public_at = (0..groups.len()).filter(|&i| i != personnel_at).collect();
        (groups, personnel_at, public_at)
    };
    let height = groups.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
    let mut rows = Vec::new();
    for i in 0..height {
        let mut row = SourceRow::new(RowKind::Plain);
        for (side, list) in &groups {
            if let Some(r) = list.get(i) {
                t06_cells(&mut row, side, r, layout.code_cells);
            }
        }
        rows.push(row);
    }
    let mut total = SourceRow::new(RowKind::Total);
    let personnel = &groups[personnel_at].0;
    total.label(personnel, "人员经费合计");
    total.set(format!("{personnel}amount"), amount(t.personnel_total));
    let (first, last) = (
        &groups[public_at[0]].0,
        &groups[*public_at.last().unwrap_or(&public_at[0])].0,
    );
    if first == last {
        total.label(first, "公用经费合计");
    } else {
        total.label_to(first, "公用经费合计", &format!("{last}amount"));
    }
    total.set(format!("{last}amount"), amount(t.public_total));
    rows.push(total);
    Source {
        rows,
        empty: t.empty,
        tail_difference: t.tail_difference,
        extra_note: t.detail_missing.then(|| {
            format!(
                "本{}未按经济分类填报基本支出明细，本表仅列人员经费、公用经费合计。",
                ctx.meta.kind
            )
        }),
        budget_basis: "",
        missing: Vec::new(),
    }
}

fn sangong_cells(row: &mut SourceRow, side: &str, c: &SangongColumns) {
    let values = [
        Some(c.total),
        Some(c.abroad),
        Some(c.vehicle),
        Some(c.vehicle_purchase),
        Some(c.vehicle_running),
        Some(c.reception),
        c.meeting,
        c.training,
    ];
    for (k, v) in SANGONG_KEYS.iter().zip(values) {
        if let Some(v) = v {
            row.set(format!("{side}{k}"), amount(v));
        }
    }
}

fn t09_source(ctx: &Context, layout: &Layout) -> Source {
    let t = &ctx.tables.t09;
    let mut missing = Vec::new();
    let mut rows = if let RowSet::Items(lines) = &layout.rows {
        t09_item_rows(t, lines, layout, &mut missing)
    } else if layout.rows == RowSet::Sides {
        [("预算数", &t.budget), ("决算数", &t.actual)]
            .into_iter()
            .map(|(label, side)| {
                let mut row = SourceRow::new(RowKind::Plain);
                row.set("name", Cell::text(label));
                sangong_cells(&mut row, "", side);
                row
            })
            .collect()
    } else {
        let mut row = SourceRow::new(RowKind::Plain);
        sangong_cells(&mut row, "budget.", &t.budget);
        sangong_cells(&mut row, "actual.", &t.actual);
        vec![row]
    };
    if !t.has_meeting_training {
        for row in &mut rows {
            row.cells
                .retain(|(k, _)| !k.ends_with("meeting") && !k.ends_with("training"));
        }
    }
    Source {
        rows,
        empty: t.empty,
        tail_difference: false,
        extra_note: None,
        budget_basis: if t.budget_basis == BudgetBasis::Initial {
            "年初预算数"
        } else {
            "全年预算数"
        },
        missing,
    }
}

/// What one cell of a 三公 row per item holds.
enum ItemCell {
    /// A known amount.
    Amount(Decimal),
    /// A count: None when the unit does not know it (printed empty, as the other 三公 counts are
    /// left out of the prose: an unknown count is not 0).
    Count(Option<u32>),
    /// An amount the unit did not give: printed empty, and the audit asks for it at `path`.
    Missing(String, &'static str),
    /// Not a figure of this row ("---").
    NotApplicable,
}

/// What to write at a missing 年初预算数.
const INITIAL_HINT: &str = "年初未安排预算的写 0";
/// What to write at a missing 公务接待费 split.
const SPLIT_HINT: &str =
    "国（境）外接待费决算数，没有的写 0；或填 reception_domestic，另一项由公务接待费减得";

/// The cells (年初预算数, 全年预算数, 决算数) of the 三公 row printing figure `key`.
fn item_cells(t: &crate::derive::Table09, key: &str) -> [ItemCell; 3] {
    use ItemCell::{Amount, Count, Missing, NotApplicable as Na};
    let k = &t.initial;
    let f = &t.full;
    // A head: the YAML items it is the sum of, whether each knows its 年初 / 全年预算, and the
    // three figures. With the 年初预算 of every item known, `budget` holds the 年初预算 (its basis
    // is `Initial` once one item gives it); a 全年预算 is unknown only with its 年初预算.
    let head = |items: &[(&str, bool, bool)], pick: &dyn Fn(&SangongColumns) -> Option<Decimal>| {
        let budget = |known: &dyn Fn(&(&str, bool, bool)) -> bool, side: &SangongColumns| match items
            .iter()
            .find(|i| !known(i))
        {
            Some((path, ..)) => Missing(format!("sangong.{path}.budget_initial"), INITIAL_HINT),
            None => pick(side).map_or(Na, Amount),
        };
        [
            budget(&|i| i.1, &t.budget),
            budget(&|i| i.2, &t.full_budget),
            pick(&t.actual).map_or(Na, Amount),
        ]
    };
    let four = [
        ("abroad", k.abroad, f.abroad),
        ("vehicle_purchase", k.vehicle_purchase, f.vehicle_purchase),
        ("vehicle_running", k.vehicle_running, f.vehicle_running),
        ("reception", k.reception, f.reception),
    ];
    let actual_only = |c: ItemCell| [Na, Na, c];
    let split = |v: Option<Decimal>| {
        v.map_or_else(
            || Missing("sangong.reception_overseas".into(), SPLIT_HINT),
            Amount,
        )
    };
    let i = &t.items;
    match key {
        "total" => head(&four, &|c| Some(c.total)),
        "abroad" => head(&four[0..1], &|c| Some(c.abroad)),
        "vehicle" => head(&four[1..3], &|c| Some(c.vehicle)),
        "vehicle_purchase" => head(&four[1..2], &|c| Some(c.vehicle_purchase)),
        "vehicle_running" => head(&four[2..3], &|c| Some(c.vehicle_running)),
        "reception" => head(&four[3..4], &|c| Some(c.reception)),
        "meeting" if t.actual.meeting.is_none() => {
            [0, 1, 2].map(|_| Missing("sangong.meeting".into(), "没有会议费的写 actual: 0"))
        }
        "training" if t.actual.training.is_none() => {
            [0, 1, 2].map(|_| Missing("sangong.training".into(), "没有培训费的写 actual: 0"))
        }
        "meeting" => head(&[("meeting", k.meeting, f.meeting)], &|c| c.meeting),
        "training" => head(&[("training", k.training, f.training)], &|c| c.training),
        "reception_domestic" => actual_only(split(i.reception_domestic)),
        "reception_foreign" => actual_only(Amount(i.reception_foreign)),
        "reception_overseas" => actual_only(split(i.reception_overseas)),
        _ => actual_only(Count(match key {
            "abroad_groups" => i.tallies.abroad_groups,
            "abroad_people" => i.tallies.abroad_people,
            "vehicles_bought" => i.tallies.vehicles_bought,
            "vehicles_held" => i.tallies.vehicles_held,
            "reception_batches" => i.tallies.reception_batches,
            "foreign_batches" => i.tallies.foreign_batches,
            "reception_people" => i.tallies.reception_people,
            "foreign_people" => i.tallies.foreign_people,
            "overseas_batches" => i.tallies.overseas_batches,
            "overseas_people" => i.tallies.overseas_people,
            "meetings" => i.tallies.meetings,
            "meeting_people" => i.tallies.meeting_people,
            "trainings" => i.tallies.trainings,
            "training_people" => i.tallies.training_people,
            // The layout checked every key against [`ITEM_LINES`]; a key added there without a
            // figure here is caught by the test `every_item_line_has_its_figures`.
            _ => None,
        })),
    }
}

/// The rows of a 三公 table with a row per item: each line's label, its 栏次 (1, 2, … in the
/// layout's order) and its three figures; a heading line (no key) has "---" in every figure cell.
fn t09_item_rows(
    t: &crate::derive::Table09,
    lines: &[ItemLine],
    layout: &Layout,
    missing: &mut Vec<MissingFigure>,
) -> Vec<SourceRow> {
    let header = |key: &str| {
        layout
            .columns
            .iter()
            .find(|c| c.key == key)
            .map_or_else(|| key.to_string(), |c| c.header.concat())
    };
    lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            let mut row = SourceRow::new(if l.indent == 0 {
                RowKind::Plain
            } else {
                RowKind::Sub
            });
            row.set("name", Cell::text(l.name.clone()).indented(l.indent));
            row.set("line", Cell::new(Value::Count(n as u64 + 1)));
            let cells = match &l.key {
                Some(k) => item_cells(t, k),
                None => [
                    ItemCell::NotApplicable,
                    ItemCell::NotApplicable,
                    ItemCell::NotApplicable,
                ],
            };
            for (column, cell) in ["budget_initial", "budget_full", "actual"].into_iter().zip(cells) {
                let value = match cell {
                    ItemCell::Amount(d) => Value::Amount(d),
                    ItemCell::Count(c) => c.map_or(Value::Empty, |c| Value::Count(u64::from(c))),
                    ItemCell::NotApplicable => Value::NotApplicable,
                    ItemCell::Missing(path, hint) => {
                        let printed = layout.columns.iter().any(|c| c.key == column);
                        if printed && !missing.iter().any(|m: &MissingFigure| m.path == path) {
                            missing.push(MissingFigure {
                                row: l.name.clone(),
                                column: header(column),
                                path,
                                hint,
                            });
                        }
                        Value::Empty
                    }
                };
                row.set(column, Cell::new(value));
            }
            row
        })
        .collect()
}

fn t10_source(ctx: &Context) -> Option<Source> {
    let t = ctx.tables.t10.as_ref()?;
    let rows = t
        .lines
        .iter()
        .map(|l| {
            let mut row = SourceRow::new(if l.sub { RowKind::Sub } else { RowKind::Plain });
            row.set("name", Cell::text(l.name.clone()).indented(u8::from(l.sub)));
            row.set("line", Cell::new(Value::Count(u64::from(l.line))));
            row.set("count", Cell::new(Value::Count(u64::from(l.count))));
            row
        })
        .collect();
    Some(Source::plain(rows, t.empty, false))
}

fn source(key: &str, ctx: &Context, layout: &Layout) -> Option<Source> {
    let t = &ctx.tables;
    Some(match key {
        "t01" => pair_source(&t.t01, &["amount"], layout),
        "t02" => code_source(&t.t02, layout),
        "t03" => code_source(&t.t03, layout),
        "t04" => pair_source(&t.t04, &["total", "general", "fund", "state_capital"], layout),
        "t05" => code_source(&t.t05, layout),
        "t06" => t06_source(ctx, layout),
        "t07" => code_source(&t.t07, layout),
        "t08" => code_source(&t.t08, layout),
        "t09" => t09_source(ctx, layout),
        "t10" => return t10_source(ctx),
        _ => return None,
    })
}

/// Fills the wording placeholders of a layout text: `{empty}` (the layout's `empty`), `{kind}`,
/// `{year}`, `{budget_basis}`, and last `{unit}` (the unit's name, which is user text and so is
/// never searched for placeholders).
fn fill(text: &str, layout: &Layout, ctx: &Context, budget_basis: &str) -> String {
    text.replace("{empty}", &layout.empty)
        .replace("{kind}", ctx.meta.kind)
        .replace("{year}", &ctx.meta.year.to_string())
        .replace("{budget_basis}", budget_basis)
        .replace("{unit}", &ctx.unit.name)
}

/// The 尾差 sentence a note adds (see [`TailNote`]).
const TAIL_SENTENCE: &str = "本表金额转换为万元时，因四舍五入可能存在尾差。";

/// The note lines under a table: the layout's fixed lines, then the empty table's sentence, the
/// 尾差 sentence and the source's own, printed as the layout's [`NoteLines`] says.
fn note_lines(layout: &Layout, src: &Source, ctx: &Context) -> Vec<String> {
    let mut parts: Vec<String> = layout
        .note
        .iter()
        .map(|n| fill(n, layout, ctx, src.budget_basis))
        .filter(|n| !n.is_empty())
        .collect();
    if src.empty {
        parts.push(fill(&layout.empty_note, layout, ctx, src.budget_basis));
    }
    let tail = match layout.tail_note {
        TailNote::Never => false,
        TailNote::WhenDifferent => src.tail_difference,
        TailNote::Always => true,
    };
    if tail {
        parts.push(TAIL_SENTENCE.to_string());
    }
    parts.extend(src.extra_note.clone());
    parts.retain(|p| !p.is_empty());
    if parts.is_empty() {
        return Vec::new();
    }
    match layout.note_lines {
        NoteLines::Joined => vec![format!("注：{}", parts.concat())],
        NoteLines::Separate => parts.iter().map(|p| format!("注：{p}")).collect(),
        NoteLines::Numbered if parts.len() == 1 => vec![format!("注：{}", parts[0])],
        NoteLines::Numbered => parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let lead = if i == 0 { "注：" } else { "" };
                format!("{lead}{}. {p}", i + 1)
            })
            .collect(),
    }
}

/// Builds official table `key` as the `ordinal`-th table of the report (公开0N表); None when the
/// unit's report does not have it (10表 without asset data). The heading's anchor is given when
/// the document is finished.
pub fn build(key: &str, layout: &Layout, ctx: &Context, ordinal: u32) -> Option<Table> {
    let src = source(key, ctx, layout)?;
    let columns: Vec<&LayoutColumn> = layout
        .columns
        .iter()
        .filter(|c| !c.optional || src.rows.iter().any(|r| r.get(&c.key).is_some()))
        .collect();
    let mut rows = Vec::with_capacity(src.rows.len() + 1);
    if layout.column_numbers {
        rows.push(column_numbers(&columns));
    }
    for r in &src.rows {
        let mut cells = Vec::with_capacity(columns.len());
        let mut skip = 0u16;
        for (i, c) in columns.iter().enumerate() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let mut cell = r.get(&c.key).cloned().unwrap_or_else(Cell::empty);
            if let Some((_, end)) = r.span_to.iter().find(|(k, _)| *k == c.key)
                && let Some(n) = columns[i..].iter().position(|c| c.key == *end)
            {
                cell.colspan = n.max(1) as u16;
            } else if r.spread.contains(&c.key) {
                let run = columns[i..].iter().take_while(|c| !c.kind.is_numeric()).count();
                cell.colspan = run.max(1) as u16;
            } else if r.code_spread.contains(&c.key) {
                let side = c.key.trim_end_matches("code.class");
                let run = columns[i..]
                    .iter()
                    .take_while(|c| {
                        c.key
                            .strip_prefix(side)
                            .is_some_and(|k| k.starts_with("code.") && k != "code")
                    })
                    .count();
                cell.colspan = run.max(1) as u16;
            }
            // A zero count prints like a zero amount (the Jiangxi 09表 prints 团组数 0 blank, seed
            // 002); a 行次 is never blanked.
            let zero = match cell.value {
                Value::Amount(d) => d.is_zero(),
                Value::Count(n) => n == 0 && c.kind != ColumnKind::Ordinal,
                _ => false,
            };
            if layout.zero == ZeroCells::Blank && zero {
                cell.value = Value::Empty;
            }
            skip = cell.colspan.saturating_sub(1);
            cells.push(cell);
        }
        rows.push(Row { kind: r.kind, cells });
    }
    let notes = note_lines(layout, &src, ctx);
    Some(Table {
        key: key.to_string(),
        heading: Some(table_heading(layout, ordinal)),
        title: layout.title.clone(),
        caption: Some(TableCaption {
            printed: layout.caption,
            number: format!("公开{ordinal:02}表"),
            organisation: ctx.unit.name.clone(),
            period: format!("{}年度", ctx.meta.year),
            unit: layout.unit.clone(),
        }),
        header: header_grid(&columns, layout.leaf_headers),
        columns: columns
            .iter()
            .map(|c| Column::new(c.key.clone(), c.label.clone(), c.kind))
            .collect(),
        rows,
        notes,
        empty: src.empty,
        wide: layout.wide,
        missing: src.missing,
        lines: match &layout.rows {
            RowSet::Items(lines) => lines.iter().filter_map(|l| l.key.clone()).collect(),
            _ => Vec::new(),
        },
    })
}

/// The heading of the `ordinal`-th table: the 目录 lists it numbered ("一、收入支出决算总表"); the
/// page prints the same, or the bare title where the layout says so (`heading_number = false`,
/// the Shanghai template: seed 005 prints "收入支出决算总表" above "单位：万元").
fn table_heading(layout: &Layout, ordinal: u32) -> Heading {
    let numbered = format!("{}、{}", chinese_numeral(u64::from(ordinal)), layout.title);
    let (text, toc_text) = match layout.page_heading {
        PageHeading::Numbered => (numbered, None),
        PageHeading::Bare => (layout.title.clone(), Some(numbered)),
    };
    Heading {
        level: 3,
        text,
        toc_text,
        id: String::new(),
        in_toc: true,
    }
}

/// The 栏次 row: each run of label columns says 栏次 (a 行次 column under it stays blank), and the
/// figure columns are numbered 1, 2, … across the table.
fn column_numbers(columns: &[&LayoutColumn]) -> Row {
    let mut cells = Vec::new();
    let mut n = 0u32;
    let mut i = 0;
    while i < columns.len() {
        if columns[i].kind.is_numeric() {
            n += 1;
            cells.push(Cell::text(n.to_string()));
            i += 1;
            continue;
        }
        let start = i;
        while i < columns.len() && !columns[i].kind.is_numeric() && columns[i].kind != ColumnKind::Ordinal {
            i += 1;
        }
        let labels = (i - start) as u16;
        if labels > 0 {
            cells.push(Cell::text("栏次").span(labels));
        }
        while i < columns.len() && columns[i].kind == ColumnKind::Ordinal {
            cells.push(Cell::empty());
            i += 1;
        }
    }
    Row {
        kind: RowKind::ColumnNumbers,
        cells,
    }
}
