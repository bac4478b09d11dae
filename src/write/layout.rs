//! Table layout shared by the XLSX and DOCX writers: where each cell of a table sits on its
//! grid, and how wide each column should be.
//!
//! The model lists each row's cells left to right, skipping positions covered by a cell that
//! spans from the left or from above (as HTML does). Formats without that implicit layout (XLSX
//! merge ranges, DOCX `gridSpan`/`vMerge`) need each cell's row and column: [`place`].
//! Spreadsheet and word-processor auto-fit undercounts Chinese text, so widths are computed
//! here, a CJK character counting as two: [`column_widths`].

use crate::document::{ColumnKind, Slot, Spanning, Table};
use unicode_width::UnicodeWidthStr;

/// One cell placed on the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed<'a, C> {
    /// Row index within the block of rows placed together (0 = first).
    pub row: usize,
    /// First column covered.
    pub col: usize,
    /// Columns covered (≥ 1, clipped to the grid).
    pub colspan: usize,
    /// Rows covered (≥ 1, clipped to the rows placed).
    pub rowspan: usize,
    /// The cell.
    pub cell: &'a C,
}

/// Places `rows` of cells on a grid `width` columns wide, as the model places them
/// ([`crate::document::place`], which the HTML writer uses too), with each cell's spans as they
/// land on the grid (clipped at the grid's edge and at positions covered from above). Returns
/// the placed cells row by row, left to right.
pub fn place<'a, C: Spanning + 'a>(rows: &[&'a [C]], width: usize) -> Vec<Placed<'a, C>> {
    let grid = crate::document::place(rows.iter().copied(), width);
    let covered_by = |slot: &Option<Slot<'a, C>>, cell: &C, below: bool| matches!(slot, Some(Slot::Covered { by, above }) if std::ptr::eq(*by, cell) && *above == below);
    let mut out = Vec::new();
    for (r, line) in grid.iter().enumerate() {
        for (c, slot) in line.iter().enumerate() {
            if let Some(Slot::Start(cell)) = *slot {
                let colspan = 1 + line[c + 1..]
                    .iter()
                    .take_while(|s| covered_by(s, cell, false))
                    .count();
                let rowspan = 1 + grid[r + 1..]
                    .iter()
                    .take_while(|l| covered_by(&l[c], cell, true))
                    .count();
                out.push(Placed {
                    row: r,
                    col: c,
                    colspan,
                    rowspan,
                    cell,
                });
            }
        }
    }
    out
}

/// The display width of `s` in character cells: a CJK character counts 2, ASCII 1.
pub fn text_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// Headers wrap: a header cell asks for at most this many character cells of a text column…
const HEADER_WRAP_TEXT: usize = 12;
/// … and of a figure column (four CJK characters a line: "公务用车/购置费").
const HEADER_WRAP_FIGURES: usize = 8;

/// The width each leaf column of `table` wants, in character cells (CJK = 2), padding
/// included: the widest single-column body value (names with their indentation), the header
/// text up to the wrap width, within bounds by column kind. Figure columns get more padding:
/// the CJK fonts' digits are wider than the Latin digit a spreadsheet's width unit is based on.
pub fn column_widths(table: &Table) -> Vec<f64> {
    let n = table.columns.len();
    let mut want: Vec<usize> = table
        .columns
        .iter()
        .map(|c| match c.kind {
            ColumnKind::Amount => 8,
            ColumnKind::Code => 8,
            ColumnKind::Ordinal => 4,
            ColumnKind::Count | ColumnKind::Rate => 6,
            ColumnKind::Text => 10,
        })
        .collect();
    let header_rows: Vec<&[_]> = table.header.iter().map(Vec::as_slice).collect();
    for p in place(&header_rows, n) {
        if p.colspan == 1 {
            let wrap = if table.columns[p.col].kind.is_numeric() {
                HEADER_WRAP_FIGURES
            } else {
                HEADER_WRAP_TEXT
            };
            let w = text_width(&p.cell.text).min(wrap);
            want[p.col] = want[p.col].max(w);
        }
    }
    let body_rows: Vec<&[_]> = table.rows.iter().map(|r| r.cells.as_slice()).collect();
    for p in place(&body_rows, n) {
        if p.colspan == 1 {
            let extra = 2 * usize::from(p.cell.indent);
            let w = text_width(&p.cell.value.display()) + extra;
            want[p.col] = want[p.col].max(w);
        }
    }
    want.iter()
        .zip(&table.columns)
        .map(|(&w, c)| {
            let (max, pad) = match c.kind {
                ColumnKind::Text => (40, 2),
                k if k.is_numeric() => (18, 4),
                _ => (18, 2),
            };
            (w.min(max) + pad) as f64
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double() {
        assert_eq!(text_width("合计"), 4);
        assert_eq!(text_width("ab"), 2);
        assert_eq!(text_width("一行\n两行更长"), 8);
    }

    #[test]
    fn skips_positions_covered_from_above() {
        // | A (2 rows) | B (2 cols)  |
        // |            | C   | D     |
        let r0 = [
            crate::document::HeaderCell::new("A", 1, 2),
            crate::document::HeaderCell::new("B", 2, 1),
        ];
        let r1 = [
            crate::document::HeaderCell::new("C", 1, 1),
            crate::document::HeaderCell::new("D", 1, 1),
        ];
        let placed = place(&[&r0[..], &r1[..]], 3);
        let at: Vec<_> = placed
            .iter()
            .map(|p| (p.cell.text.as_str(), p.row, p.col, p.colspan, p.rowspan))
            .collect();
        assert_eq!(
            at,
            [
                ("A", 0, 0, 1, 2),
                ("B", 0, 1, 2, 1),
                ("C", 1, 1, 1, 1),
                ("D", 1, 2, 1, 1)
            ]
        );
    }

    #[test]
    fn clips_spans_that_overrun_the_grid() {
        let r0 = [crate::document::HeaderCell::new("A", 5, 9)];
        let p = place(&[&r0[..]], 2);
        assert_eq!((p[0].colspan, p[0].rowspan), (2, 1));
    }
}
