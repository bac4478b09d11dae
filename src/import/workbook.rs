//! Reading a workbook with calamine into plain sheets: each sheet a sparse map of cells and the
//! list of its merged regions. Nothing else in `import` touches calamine.
//!
//! Limits guard against hostile files: at most [`MAX_SHEETS`] sheets and [`MAX_CELLS`] cells in
//! all. xlsx sheets are streamed cell by cell (calamine's ranges allocate the bounding box of the
//! used cells, which two far-apart cells make enormous).

use super::cell::{Pos, Value};
use super::sniff::FileKind;
use calamine::{Data, DataRef, Reader, Xls, XlsError, Xlsx, XlsxError, open_workbook_from_rs};
use std::collections::BTreeMap;
use std::io::Cursor;

/// Most sheets a workbook may have.
pub const MAX_SHEETS: usize = 256;
/// Most non-empty cells in all sheets together.
pub const MAX_CELLS: usize = 2_000_000;

/// A merged region, inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// Top-left cell (it holds the value).
    pub first: Pos,
    /// Bottom-right cell.
    pub last: Pos,
}

impl Merge {
    fn contains(&self, p: Pos) -> bool {
        (self.first.row..=self.last.row).contains(&p.row) && (self.first.col..=self.last.col).contains(&p.col)
    }
}

/// One worksheet.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's name as the workbook has it.
    pub name: String,
    cells: BTreeMap<Pos, Value>,
    merges: Vec<Merge>,
}

impl Sheet {
    /// A sheet from its cells and merged regions (tests and the fuzz target build sheets too).
    pub fn new(name: String, cells: BTreeMap<Pos, Value>, merges: Vec<Merge>) -> Sheet {
        Sheet { name, cells, merges }
    }

    /// The value stored in a cell.
    pub fn value(&self, p: Pos) -> Option<&Value> {
        self.cells.get(&p)
    }

    /// The text a reader sees at `p`: for a cell inside a merged region, the region's value.
    pub fn shown_text(&self, p: Pos) -> String {
        if let Some(v) = self.cells.get(&p) {
            return v.text();
        }
        match self.merges.iter().find(|m| m.contains(p)) {
            Some(m) => self.cells.get(&m.first).map(Value::text).unwrap_or_default(),
            None => String::new(),
        }
    }

    /// The merged region that starts at `p`, if any.
    pub fn merge_at(&self, p: Pos) -> Option<Merge> {
        self.merges.iter().copied().find(|m| m.first == p)
    }

    /// All non-empty cells, row by row.
    pub fn cells(&self) -> impl Iterator<Item = (Pos, &Value)> {
        self.cells.iter().map(|(p, v)| (*p, v))
    }

    /// The non-empty cells of one row, left to right.
    pub fn row(&self, row: u32) -> impl Iterator<Item = (Pos, &Value)> {
        self.cells
            .range(Pos { row, col: 0 }..=Pos { row, col: u32::MAX })
            .map(|(p, v)| (*p, v))
    }

    /// One past the last row with a cell.
    pub fn end_row(&self) -> u32 {
        self.cells.keys().next_back().map(|p| p.row + 1).unwrap_or(0)
    }

    /// One past the last column with a cell.
    pub fn end_col(&self) -> u32 {
        self.cells.keys().map(|p| p.col + 1).max().unwrap_or(0)
    }
}

/// Why a workbook cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Protected by a password.
    Password,
    /// More sheets or cells than the limits.
    TooLarge(String),
    /// calamine could not read it.
    Broken(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Password => {
                f.write_str("工作簿设置了密码保护，无法读取：请在 Excel/WPS 中打开，取消密码后另存，再导入")
            }
            ReadError::TooLarge(what) => write!(f, "工作簿过大（{what}），不像是一个单位的决算导出文件"),
            ReadError::Broken(detail) => write!(f, "工作簿已损坏或格式不受支持，无法读取（{detail}）"),
        }
    }
}

/// Reads every sheet of an xls or xlsx workbook held in memory.
pub fn read(bytes: &[u8], kind: FileKind) -> Result<Vec<Sheet>, ReadError> {
    match kind {
        FileKind::Xls => read_xls(bytes),
        FileKind::Xlsx => read_xlsx(bytes),
        _ => Err(ReadError::Broken("不是 xls 或 xlsx".into())),
    }
}

fn value_of(d: &Data) -> Option<Value> {
    Some(match d {
        Data::Empty => return None,
        Data::Int(i) => Value::Int(*i),
        Data::Float(f) => Value::Float(*f),
        Data::String(s) if s.trim().is_empty() => return None,
        Data::String(s) => Value::Text(s.clone()),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Value::Date,
        Data::Error(e) => Value::Error(e.to_string()),
    })
}

fn value_of_ref(d: &DataRef) -> Option<Value> {
    Some(match d {
        DataRef::Empty => return None,
        DataRef::Int(i) => Value::Int(*i),
        DataRef::Float(f) => Value::Float(*f),
        DataRef::String(s) if s.trim().is_empty() => return None,
        DataRef::SharedString(s) if s.trim().is_empty() => return None,
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text((*s).to_string()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(_) | DataRef::DateTimeIso(_) | DataRef::DurationIso(_) => Value::Date,
        DataRef::Error(e) => Value::Error(e.to_string()),
    })
}

fn merges_of(dims: &[calamine::Dimensions]) -> Vec<Merge> {
    dims.iter()
        .map(|d| Merge {
            first: Pos {
                row: d.start.0,
                col: d.start.1,
            },
            last: Pos {
                row: d.end.0,
                col: d.end.1,
            },
        })
        .collect()
}

fn too_many_sheets(n: usize) -> Result<(), ReadError> {
    if n > MAX_SHEETS {
        return Err(ReadError::TooLarge(format!("{n} 张表，上限 {MAX_SHEETS}")));
    }
    Ok(())
}

fn too_many_cells() -> ReadError {
    ReadError::TooLarge(format!("超过 {MAX_CELLS} 个单元格"))
}

fn read_xls(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut wb: Xls<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| match e {
        XlsError::Password => ReadError::Password,
        other => ReadError::Broken(other.to_string()),
    })?;
    let names = wb.sheet_names();
    too_many_sheets(names.len())?;
    let mut total = 0usize;
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| ReadError::Broken(e.to_string()))?;
        let mut cells = BTreeMap::new();
        if let Some((r0, c0)) = range.start() {
            for (r, c, d) in range.used_cells() {
                if let Some(v) = value_of(d) {
                    total += 1;
                    if total > MAX_CELLS {
                        return Err(too_many_cells());
                    }
                    let pos = Pos {
                        row: r0 + r as u32,
                        col: c0 + c as u32,
                    };
                    cells.insert(pos, v);
                }
            }
        }
        let merges = merges_of(&wb.merge_cells_by_sheet_name(&name).unwrap_or_default());
        sheets.push(Sheet { name, cells, merges });
    }
    Ok(sheets)
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let broken = |e: XlsxError| match e {
        XlsxError::Password => ReadError::Password,
        other => ReadError::Broken(other.to_string()),
    };
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(broken)?;
    let names = wb.sheet_names();
    too_many_sheets(names.len())?;
    let mut total = 0usize;
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let mut cells = BTreeMap::new();
        {
            let mut reader = wb.worksheet_cells_reader(&name).map_err(broken)?;
            while let Some(cell) = reader.next_cell().map_err(broken)? {
                let (r, c) = cell.get_position();
                if let Some(v) = value_of_ref(cell.get_value()) {
                    total += 1;
                    if total > MAX_CELLS {
                        return Err(too_many_cells());
                    }
                    cells.insert(Pos { row: r, col: c }, v);
                }
            }
        }
        let merges = merges_of(&wb.merge_cells_by_sheet_name(&name).map_err(broken)?);
        sheets.push(Sheet { name, cells, merges });
    }
    Ok(sheets)
}
