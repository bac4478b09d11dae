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
/// Most cells in the bounding boxes of all xls sheets together (calamine allocates each box).
pub const MAX_XLS_AREA: u64 = 4_000_000;

/// A merged region, inclusive at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// Top-left cell (it holds the value).
    pub first: Pos,
    /// Bottom-right cell.
    pub last: Pos,
}

impl Merge {
    /// How many cells the region covers.
    pub fn area(&self) -> u64 {
        let rows = u64::from(self.last.row.saturating_sub(self.first.row)) + 1;
        let cols = u64::from(self.last.col.saturating_sub(self.first.col)) + 1;
        rows * cols
    }
}

/// Most cells all merged regions of a workbook may cover together (a real export covers a few
/// thousand: titles, header groups, 科目编码 cells).
pub const MAX_MERGED_AREA: u64 = 1_000_000;

/// One worksheet.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's name as the workbook has it.
    pub name: String,
    cells: BTreeMap<Pos, Value>,
    /// Every cell inside a merged region (but its first) → the region's first cell.
    merged_into: std::collections::HashMap<Pos, Pos>,
}

impl Sheet {
    /// A sheet from its cells and merged regions (tests and the fuzz target build sheets too).
    /// Regions beyond [`MAX_MERGED_AREA`] in all are ignored here; reading a workbook refuses them.
    pub fn new(name: String, cells: BTreeMap<Pos, Value>, merges: Vec<Merge>) -> Sheet {
        let mut merged_into = std::collections::HashMap::new();
        let mut budget = MAX_MERGED_AREA;
        for m in merges {
            if m.last.row < m.first.row || m.last.col < m.first.col || m.area() > budget {
                continue;
            }
            budget -= m.area();
            for row in m.first.row..=m.last.row {
                for col in m.first.col..=m.last.col {
                    let p = Pos { row, col };
                    if p != m.first {
                        merged_into.insert(p, m.first);
                    }
                }
            }
        }
        Sheet {
            name,
            cells,
            merged_into,
        }
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
        self.merged_into
            .get(&p)
            .and_then(|first| self.cells.get(first))
            .map(Value::text)
            .unwrap_or_default()
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
        FileKind::Xls => guarded(|| read_xls(bytes)),
        FileKind::Xlsx => guarded(|| read_xlsx(bytes)),
        _ => Err(ReadError::Broken("不是 xls 或 xlsx".into())),
    }
}

thread_local! {
    static IN_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs calamine so that a panic inside it (its xls reader indexes short records without checking
/// their length: found by `tests/it/import.rs` flipping bytes) becomes a refusal of the file, not
/// a crash. The panic hook is wrapped once, process-wide, to stay silent only on this thread and
/// only while a workbook is being read; every other panic is reported as before.
fn guarded<T>(read: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_READER.with(|f| f.get()) {
                previous(info);
            }
        }));
    });
    IN_READER.with(|f| f.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    IN_READER.with(|f| f.set(false));
    result.unwrap_or_else(|_| {
        Err(ReadError::Broken(
            "文件结构异常，读取程序无法解析其中的记录".into(),
        ))
    })
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

/// Adds the sheet's merged regions to the workbook's merged area; refuses beyond
/// [`MAX_MERGED_AREA`] (one region A1:XFD1048576 would otherwise be billions of cells to index).
fn check_merges(merges: &[Merge], so_far: u64) -> Result<u64, ReadError> {
    let area = merges.iter().fold(so_far, |a, m| a.saturating_add(m.area()));
    if area > MAX_MERGED_AREA {
        return Err(ReadError::TooLarge(format!(
            "合并单元格共覆盖超过 {MAX_MERGED_AREA} 个单元格"
        )));
    }
    Ok(area)
}

fn too_many_cells() -> ReadError {
    ReadError::TooLarge(format!("超过 {MAX_CELLS} 个单元格"))
}

/// Scans the BIFF records of an xls before calamine parses it: calamine allocates, for every
/// sheet, a grid spanning its outermost cells, so a 5 KB file with a cell in A1 and one in IV65536
/// on each of a few sheets asks for gigabytes. The bounding box of every sheet is summed and
/// refused beyond [`MAX_XLS_AREA`], and so is the area the DIMENSIONS records claim (calamine
/// reserves it in advance: found by fuzzing, a 54 KB file asked for 2.9 GB). Also finds the FILEPASS record of a password-protected file
/// (whose cell records are encrypted and say nothing).
fn check_xls_extent(bytes: &[u8]) -> Result<(), ReadError> {
    use std::io::Read;
    let mut cfb =
        cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| ReadError::Broken(e.to_string()))?;
    let name = if cfb.exists("/Workbook") {
        "/Workbook"
    } else {
        "/Book"
    };
    let mut stream = Vec::new();
    cfb.open_stream(name)
        .map_err(|e| ReadError::Broken(e.to_string()))?
        .take(MAX_STREAM_BYTES)
        .read_to_end(&mut stream)
        .map_err(|e| ReadError::Broken(e.to_string()))?;
    // FILEPASS and the sheets' positions (BOUNDSHEET), record by record from the start; calamine
    // reads each sheet from the position its BOUNDSHEET gives, so the extent is measured there.
    let mut positions = Vec::new();
    for (kind, data) in records(&stream, 0) {
        let u16_at = |i: usize| data.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
        match kind {
            // FILEPASS: the rest is encrypted.
            0x002F if u16_at(0).is_some_and(|v| v != 0) => return Err(ReadError::Password),
            0x0085 => {
                if let Some(b) = data.get(0..4) {
                    positions.push(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
                }
            }
            _ => {}
        }
    }
    let mut area: u64 = 0;
    for pos in positions {
        area = area.saturating_add(sheet_extent(&stream, pos));
        if area > MAX_XLS_AREA {
            break;
        }
    }
    if area > MAX_XLS_AREA {
        return Err(ReadError::TooLarge(format!(
            "各表所占的区域至少 {area} 个单元格，上限 {MAX_XLS_AREA}"
        )));
    }
    Ok(())
}

/// The records of a BIFF stream from `start`, each with its CONTINUE records appended (as
/// calamine reads them); stops at the first record that does not fit.
fn records(stream: &[u8], start: usize) -> impl Iterator<Item = (u16, Vec<u8>)> + '_ {
    let mut at = start;
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let mut data = stream.get(at + 4..at + 4 + len)?.to_vec();
        at += 4 + len;
        while let Some(next) = stream.get(at..at + 4)
            && u16::from_le_bytes([next[0], next[1]]) == 0x003C
        {
            let len = usize::from(u16::from_le_bytes([next[2], next[3]]));
            data.extend_from_slice(stream.get(at + 4..at + 4 + len)?);
            at += 4 + len;
        }
        Some((kind, data))
    })
}

/// How many cells calamine would allocate for the sheet at `pos`: the bounding box of its cell
/// records (nested substreams skipped, as calamine does) plus the area its DIMENSIONS records
/// claim, with calamine's own arithmetic and u32 wrap-around.
fn sheet_extent(stream: &[u8], pos: usize) -> u64 {
    let mut claimed: u64 = 0;
    let mut bbox: Option<(u16, u16, u16, u16)> = None;
    let (mut seen_bof, mut depth) = (false, 0usize);
    for (kind, data) in records(stream, pos) {
        if depth > 0 {
            match kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let u16_at = |i: usize| data.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
        let u32_at = |i: usize| {
            data.get(i..i + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let cell = match kind {
            0x0809 if seen_bof => {
                depth += 1;
                None
            }
            0x0809 => {
                seen_bof = true;
                None
            }
            0x000A => break,
            0x0200 => {
                let dims = match data.len() {
                    10 => u16_at(0)
                        .zip(u16_at(2))
                        .zip(u16_at(4).zip(u16_at(6)))
                        .map(|((a, b), (c, d))| (u32::from(a), u32::from(b), u32::from(c), u32::from(d))),
                    14 | 16 => u32_at(0)
                        .zip(u32_at(4))
                        .zip(u16_at(8).zip(u16_at(10)))
                        .map(|((a, b), (c, d))| (a, b, u32::from(c), u32::from(d))),
                    _ => None,
                };
                if let Some((rf, rl, mut cf, cl)) = dims {
                    if 0xFF < cf || cl < cf {
                        cf = 0;
                    }
                    let (end_r, end_c) = if rl >= 1 && cl >= 1 {
                        (rl - 1, cl - 1)
                    } else {
                        (rf, cf)
                    };
                    let rows = u64::from(end_r.wrapping_sub(rf).wrapping_add(1));
                    let cols = u64::from(end_c.wrapping_sub(cf).wrapping_add(1));
                    claimed = claimed.saturating_add(rows.saturating_mul(cols));
                }
                None
            }
            // NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA, BLANK: row, col.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x0201 => {
                u16_at(0).zip(u16_at(2)).map(|(r, c)| (r, c, c))
            }
            // MULRK, MULBLANK: row, first col, …, last col.
            0x00BD | 0x00BE if data.len() >= 6 => u16_at(0)
                .zip(u16_at(2))
                .zip(u16_at(data.len() - 2))
                .map(|((r, a), b)| (r, a, b)),
            _ => None,
        };
        if let Some((r, a, b)) = cell {
            let (lo, hi) = (a.min(b), a.max(b));
            bbox = Some(match bbox {
                None => (r, r, lo, hi),
                Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(lo), c1.max(hi)),
            });
        }
    }
    let cells = bbox.map_or(0, |(r0, r1, c0, c1)| {
        (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1)
    });
    claimed.saturating_add(cells)
}

/// Most bytes of an xls workbook stream read by the pre-scan.
const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;

fn read_xls(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    check_xls_extent(bytes)?;
    let mut wb: Xls<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| match e {
        XlsError::Password => ReadError::Password,
        other => ReadError::Broken(other.to_string()),
    })?;
    let names = wb.sheet_names();
    too_many_sheets(names.len())?;
    let mut total = 0usize;
    let mut merged_area = 0u64;
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
        merged_area = check_merges(&merges, merged_area)?;
        sheets.push(Sheet::new(name, cells, merges));
    }
    Ok(sheets)
}

/// Most bytes the parts of an xlsx package may decompress to, together. calamine holds the shared
/// strings in memory; a zip bomb must not get that far.
pub const MAX_XLSX_UNPACKED: u64 = 128 * 1024 * 1024;

/// Decompresses every part of the package into nothing, counting: refuses a package that unpacks
/// beyond [`MAX_XLSX_UNPACKED`] (whatever sizes its directory claims).
fn check_xlsx_size(bytes: &[u8]) -> Result<(), ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::Broken(e.to_string()))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| ReadError::Broken(e.to_string()))?;
        let budget = MAX_XLSX_UNPACKED - total;
        let n = std::io::copy(
            &mut std::io::Read::take(&mut part, budget + 1),
            &mut std::io::sink(),
        )
        .map_err(|e| ReadError::Broken(e.to_string()))?;
        total += n;
        if total > MAX_XLSX_UNPACKED {
            return Err(ReadError::TooLarge(format!(
                "解压后超过 {} MB",
                MAX_XLSX_UNPACKED / 1024 / 1024
            )));
        }
    }
    Ok(())
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    check_xlsx_size(bytes)?;
    let broken = |e: XlsxError| match e {
        XlsxError::Password => ReadError::Password,
        other => ReadError::Broken(other.to_string()),
    };
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(broken)?;
    let names = wb.sheet_names();
    too_many_sheets(names.len())?;
    let mut total = 0usize;
    let mut merged_area = 0u64;
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
        merged_area = check_merges(&merges, merged_area)?;
        sheets.push(Sheet::new(name, cells, merges));
    }
    Ok(sheets)
}
