//! A reader for the column tables that `kubectl`, `helm` and friends print.
//!
//! Columns are separated by two or more spaces (cells such as `3 (5m ago)` or
//! headers such as `NOMINATED NODE` contain single spaces). When a paste has
//! lost the alignment (single spaces everywhere), a row is still read if its
//! single-space split has exactly as many cells as the header has columns.

use std::ops::Range;

/// One cell: its text and span in the analyzed text.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The cell's text.
    pub text: String,
    /// Its span.
    pub span: Range<usize>,
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The whole line's span.
    pub span: Range<usize>,
    /// The cells, aligned with the header's columns where possible.
    pub cells: Vec<Cell>,
}

/// A parsed table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The header line's span.
    pub header_span: Range<usize>,
    /// Column names, upper case as printed.
    pub columns: Vec<String>,
    /// The rows below the header.
    pub rows: Vec<Row>,
}

impl Table {
    /// The index of a column by name (`CPU%` also finds `CPU(%)`).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| same_column(c, name))
    }

    /// The cell of `row` in column `name`.
    pub fn cell<'a>(&self, row: &'a Row, name: &str) -> Option<&'a Cell> {
        self.column(name).and_then(|i| row.cells.get(i))
    }

    /// The table's whole span.
    pub fn span(&self) -> Range<usize> {
        let end = self.rows.last().map_or(self.header_span.end, |r| r.span.end);
        self.header_span.start..end
    }
}

/// Column names compare without case and without parentheses, so the
/// `CPU%` of older kubectl matches the `CPU(%)` of newer releases.
fn same_column(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.chars().filter(|c| *c != '(' && *c != ')').collect::<String>().to_ascii_uppercase();
    norm(a) == norm(b)
}

/// Whether a header cell looks like a header: no lower-case letters outside
/// parentheses (`CPU(cores)` is fine, `error:` is not).
fn header_like(cell: &str) -> bool {
    let mut depth = 0i32;
    for c in cell.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c.is_ascii_lowercase() && depth <= 0 => return false,
            _ => {}
        }
    }
    true
}

/// Splits a line into cells separated by runs of at least `min_gap` spaces/tabs.
fn split_cells(line: &str, base: usize, min_gap: usize) -> Vec<Cell> {
    let bytes = line.as_bytes();
    let mut cells = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let start = i;
        let mut end = i;
        loop {
            while i < bytes.len() && bytes[i] != b' ' && bytes[i] != b'\t' {
                i += 1;
            }
            end = end.max(i);
            let gap_start = i;
            while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
                i += 1;
            }
            let gap = i - gap_start;
            let tab = line[gap_start..i].contains('\t');
            if i >= bytes.len() || gap >= min_gap || tab {
                break;
            }
        }
        cells.push(Cell { text: line[start..end].to_string(), span: base + start..base + end });
    }
    cells
}

/// Places cells under the column whose header starts closest to the left
/// of them, leaving blank cells empty.
fn align(cells: Vec<Cell>, header_starts: &[usize], base: usize) -> Vec<Cell> {
    let mut out: Vec<Cell> = header_starts.iter().map(|&h| Cell { text: String::new(), span: base + h..base + h }).collect();
    for cell in cells {
        let rel = cell.span.start - base;
        let col = header_starts.iter().rposition(|&h| h <= rel + 1).unwrap_or(0);
        if out[col].text.is_empty() {
            out[col] = cell;
        }
    }
    out
}

/// Finds every table whose header contains all of `required` columns (in any
/// order), and reads its rows until a blank or non-matching line.
pub fn find_tables(text: &str, required: &[&str]) -> Vec<Table> {
    let lines: Vec<(Range<usize>, &str)> = super::lines(text).collect();
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (span, line) = &lines[i];
        let upper = line.to_ascii_uppercase();
        if !required.iter().all(|r| upper.contains(&r.to_ascii_uppercase().replace('%', ""))) {
            i += 1;
            continue;
        }
        let header_names = |gap: usize| -> Option<Vec<String>> {
            let names: Vec<String> = split_cells(line, span.start, gap).into_iter().map(|c| c.text).collect();
            let ok = !names.is_empty()
                && required.iter().all(|r| names.iter().any(|n| same_column(n, r)))
                && names.iter().all(|n| header_like(n));
            ok.then_some(names)
        };
        let Some(names) = header_names(2).or_else(|| header_names(1)) else {
            i += 1;
            continue;
        };
        // Where each column starts, for rows with an empty cell.
        let header_starts: Vec<usize> = split_cells(line, 0, 2).iter().map(|c| c.span.start).collect();
        let aligned_header = header_starts.len() == names.len();
        let mut table = Table { header_span: span.clone(), columns: names, rows: Vec::new() };
        let width = table.columns.len();
        let mut j = i + 1;
        while j < lines.len() {
            let (rspan, rline) = &lines[j];
            if rline.trim().is_empty() || rline.trim_start().starts_with('$') || rline.trim_start().starts_with('#') {
                break;
            }
            let mut cells = split_cells(rline, rspan.start, 2);
            if cells.len() != width {
                let single = split_cells(rline, rspan.start, 1);
                if single.len() == width {
                    cells = single;
                } else if aligned_header && cells.len() + 1 == width {
                    // One cell is blank: place the cells under their headers.
                    cells = align(cells, &header_starts, rspan.start);
                }
            }
            // A line that does not fit the columns (a prompt, an error printed
            // right after the table) ends the table.
            if cells.len() < 2 || cells.len() + 2 < width || cells.len() > width + 1 {
                break;
            }
            table.rows.push(Row { span: rspan.clone(), cells });
            j += 1;
        }
        tables.push(table);
        i = j.max(i + 1);
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kubectl_wide_table() {
        let text = "NAME                      READY   STATUS    RESTARTS     AGE   IP           NODE\nkonnectivity-agent-abc    1/1     Running   3 (5m ago)   2d    10.224.0.4   aks-nodepool1-1-vmss000000\n\nother";
        let t = &find_tables(text, &["NAME", "STATUS"])[0];
        assert_eq!(t.rows.len(), 1);
        let row = &t.rows[0];
        assert_eq!(t.cell(row, "RESTARTS").unwrap().text, "3 (5m ago)");
        assert_eq!(t.cell(row, "NODE").unwrap().text, "aks-nodepool1-1-vmss000000");
    }

    #[test]
    fn blank_cell_stays_blank() {
        let text = "NAME         ENDPOINTS           AGE\nquiz                             42m\nweb          10.244.0.5:80       3d";
        let t = &find_tables(text, &["NAME", "ENDPOINTS"])[0];
        assert_eq!(t.cell(&t.rows[0], "ENDPOINTS").unwrap().text, "");
        assert_eq!(t.cell(&t.rows[0], "AGE").unwrap().text, "42m");
        assert_eq!(t.cell(&t.rows[1], "ENDPOINTS").unwrap().text, "10.244.0.5:80");
    }

    #[test]
    fn reads_collapsed_spacing() {
        let text = "NAME READY STATUS RESTARTS AGE\nkonnectivity-agent-x 0/1 CrashLoopBackOff 12 1h";
        let t = &find_tables(text, &["STATUS"])[0];
        assert_eq!(t.cell(&t.rows[0], "RESTARTS").unwrap().text, "12");
        let text = "NAME   READY   STATUS   RESTARTS   AGE\nkonnectivity-agent-x 0/1 CrashLoopBackOff 12 1h";
        let t = &find_tables(text, &["STATUS"])[0];
        assert_eq!(t.cell(&t.rows[0], "STATUS").unwrap().text, "CrashLoopBackOff");
    }
}
