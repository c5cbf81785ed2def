//! Files for the spreadsheet programs offices work in (Excel, WPS): CSV
//! whose cells open as they were written, and `.xlsx` workbooks.
//!
//! An export makes each record once, as a list of text cells; the file's
//! columns ([`Column`]) say how a workbook stores each of them (text, a
//! date, a number), and CSV passes every cell through [`csv_cell`]. An
//! import reads either file back to the same text cells ([`read_cell`],
//! [`xlsx_rows`]), so one reader checks both.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook, XlsxError};

/// The byte-order mark before a CSV, so that Excel reads it as UTF-8.
pub const BOM: &str = "\u{feff}";

pub use portal_types::XLSX_TYPE;

/// How a workbook stores a column's cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Words, as text.
    Text,
    /// An identifier that may look like a number (a credit code, a document
    /// or licence number, an id): text, in a cell formatted as text, so
    /// that it keeps every digit and leading zero.
    Code,
    /// A `YYYY-MM-DD` day: a date cell shown as `yyyy-mm-dd`.
    Date,
    /// Yuan with two decimals: a number shown as `#,##0.00`.
    Amount,
    /// A whole number: a number cell.
    Count,
}

/// One column of an export.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub header: &'static str,
    pub kind: Kind,
    /// The width in characters of Excel's default font (a CJK character
    /// takes about two).
    pub width: f64,
}

impl Column {
    pub const fn new(header: &'static str, kind: Kind, width: f64) -> Self {
        Column {
            header,
            kind,
            width,
        }
    }
}

/// A cell as a spreadsheet shows it unchanged:
/// - a run of digits longer than 11, or with a leading zero (an all-numeric
///   credit code, a licence number), is written `="…"`, which Excel shows
///   as that text instead of `9.13701E+17` or without its zeros;
/// - a value that begins with `=`, `+`, `-`, `@`, a tab or a carriage return
///   is preceded by `'`, so that it is not run as a formula (OWASP, "CSV
///   injection").
pub fn csv_cell(cell: String) -> String {
    if is_long_digits(&cell) {
        format!("=\"{cell}\"")
    } else if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

fn is_long_digits(cell: &str) -> bool {
    cell.len() > 1
        && cell.bytes().all(|b| b.is_ascii_digit())
        && (cell.len() > 11 || cell.starts_with('0'))
}

/// A cell read back from a CSV written by [`csv_cell`] (the portal's own
/// export, re-imported): `="…"` gives the text inside, and the `'` before
/// `=`, `+`, `-`, `@` is dropped. Anything else is the cell as it stands.
pub fn read_cell(cell: &str) -> &str {
    if let Some(inner) = cell.strip_prefix("=\"").and_then(|c| c.strip_suffix('"'))
        && !inner.contains('"')
    {
        return inner;
    }
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Records as CSV lines (CRLF, as Excel writes them), every cell through
/// [`csv_cell`]. No byte-order mark: the caller puts [`BOM`] once, first.
pub fn csv_rows<R>(records: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = String>,
{
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in records {
        if writer
            .write_record(record.into_iter().map(csv_cell))
            .is_err()
        {
            tracing::error!("a CSV record could not be written");
        }
    }
    writer.into_inner().unwrap_or_default()
}

/// A one-sheet workbook written row by row (rows go to a temporary file,
/// so a long export does not hold every cell in memory): a bold header row
/// that stays in place when scrolling, with a filter button on each
/// column, and each column's width and kind.
pub struct SheetWriter {
    workbook: Workbook,
    columns: Vec<Column>,
    formats: Vec<Format>,
    next_row: u32,
}

impl SheetWriter {
    pub fn new(sheet_name: &str, columns: &[Column]) -> Result<Self, XlsxError> {
        let mut workbook = Workbook::new();
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_background_color(Color::RGB(0xE8EEF4))
            .set_border_bottom(FormatBorder::Thin);
        let formats: Vec<Format> = columns
            .iter()
            .map(|c| match c.kind {
                Kind::Text => Format::new(),
                Kind::Code => Format::new().set_num_format("@"),
                Kind::Date => Format::new().set_num_format("yyyy-mm-dd"),
                Kind::Amount => Format::new().set_num_format("#,##0.00"),
                Kind::Count => Format::new().set_num_format("0"),
            })
            .collect();
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(sheet_name)?;
        for (i, column) in columns.iter().enumerate() {
            let col = column_index(i)?;
            sheet.set_column_width(col, column.width)?;
            sheet.write_string_with_format(0, col, column.header, &header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(SheetWriter {
            workbook,
            columns: columns.to_vec(),
            formats,
            next_row: 1,
        })
    }

    /// Writes one record's cells (as the CSV has them) below the last.
    pub fn row(&mut self, cells: &[String]) -> Result<(), XlsxError> {
        let row = self.next_row;
        let sheet = self.workbook.worksheet_from_index(0)?;
        for (i, (cell, column)) in cells.iter().zip(&self.columns).enumerate() {
            if cell.is_empty() {
                continue;
            }
            let col = column_index(i)?;
            let format = &self.formats[i];
            match column.kind {
                Kind::Date => match excel_date(cell) {
                    Some(day) => sheet.write_datetime_with_format(row, col, day, format)?,
                    None => sheet.write_string(row, col, cell)?,
                },
                Kind::Amount | Kind::Count => match cell.replace(',', "").parse::<f64>() {
                    Ok(number) => sheet.write_number_with_format(row, col, number, format)?,
                    Err(_) => sheet.write_string(row, col, cell)?,
                },
                Kind::Text | Kind::Code => {
                    sheet.write_string_with_format(row, col, cell, format)?
                }
            };
        }
        self.next_row += 1;
        Ok(())
    }

    /// The workbook's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        let last_column = column_index(self.columns.len().saturating_sub(1))?;
        let sheet = self.workbook.worksheet_from_index(0)?;
        sheet.autofilter(0, 0, self.next_row.saturating_sub(1), last_column)?;
        self.workbook.save_to_buffer()
    }
}

fn column_index(i: usize) -> Result<u16, XlsxError> {
    u16::try_from(i).map_err(|_| XlsxError::ParameterError("too many columns".to_owned()))
}

fn excel_date(text: &str) -> Option<ExcelDateTime> {
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    ExcelDateTime::from_ymd(
        u16::try_from(day.year()).ok()?,
        u8::try_from(day.month()).ok()?,
        u8::try_from(day.day()).ok()?,
    )
    .ok()
}

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XlsxProblem {
    /// Not an `.xlsx` file (or a damaged one).
    NotAWorkbook,
    /// The workbook has no sheet.
    NoSheet,
}

/// The first sheet of an `.xlsx` workbook as rows of text cells, as a CSV
/// of the same table would read: text as it stands, numbers without a
/// needless `.0` (amounts keep their cents), dates as `YYYY-MM-DD`,
/// errors and empty cells as empty text.
pub fn xlsx_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, XlsxProblem> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|_| XlsxProblem::NotAWorkbook)?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(XlsxProblem::NoSheet)?
        .map_err(|_| XlsxProblem::NotAWorkbook)?;
    // A sheet's used range may start below or right of A1; the rows are
    // read from A1, as a CSV of the sheet would be.
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let lead = usize::try_from(first_col).unwrap_or(0);
    let mut rows: Vec<Vec<String>> = (0..first_row).map(|_| Vec::new()).collect();
    for row in range.rows() {
        let mut cells = vec![String::new(); lead];
        cells.extend(row.iter().map(cell_text));
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    Ok(rows)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{f:.0}")
            } else {
                format!("{f}")
            }
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(moment) => moment
            .as_datetime()
            .map(|instant| instant.date().format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(text) => text.get(..10).unwrap_or(text).to_owned(),
        Data::DurationIso(text) => text.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells_are_preceded_by_an_apostrophe() {
        for cell in ["=1+1", "+86", "-2", "@SUM(A1)", "\tx"] {
            assert_eq!(csv_cell(cell.to_owned()), format!("'{cell}"));
        }
    }

    #[test]
    fn long_all_digit_codes_are_written_as_text_formulas() {
        assert_eq!(
            csv_cell("913701020000000001".to_owned()),
            "=\"913701020000000001\""
        );
        assert_eq!(csv_cell("0531".to_owned()), "=\"0531\"");
    }

    #[test]
    fn amounts_dates_and_short_numbers_are_left_alone() {
        for cell in ["1234.50", "2026-12-07", "7", "0", "91370102MA3C4YQX1K"] {
            assert_eq!(csv_cell(cell.to_owned()), cell);
        }
    }

    #[test]
    fn read_cell_undoes_what_csv_cell_did() {
        for cell in [
            "=1+1",
            "-2",
            "913701020000000001",
            "0531",
            "安全",
            "'quoted",
        ] {
            assert_eq!(read_cell(&csv_cell(cell.to_owned())), cell);
        }
    }

    #[test]
    fn csv_rows_end_lines_with_crlf_and_guard_each_cell() {
        let out = csv_rows([vec!["=1+1".to_owned(), "安全".to_owned()]]);
        assert_eq!(String::from_utf8(out).expect("utf-8"), "'=1+1,安全\r\n");
    }

    #[test]
    fn a_workbook_reads_back_as_the_cells_it_was_written_from() {
        let columns = [
            Column::new("代码", Kind::Code, 20.0),
            Column::new("日期", Kind::Date, 12.0),
            Column::new("金额", Kind::Amount, 12.0),
            Column::new("名称", Kind::Text, 20.0),
        ];
        let mut sheet = SheetWriter::new("测试", &columns).expect("workbook");
        let row = [
            "913701020000000001".to_owned(),
            "2026-03-05".to_owned(),
            "50000.50".to_owned(),
            "=危险".to_owned(),
        ];
        sheet.row(&row).expect("row");
        let bytes = sheet.finish().expect("bytes");
        let rows = xlsx_rows(&bytes).expect("read");
        assert_eq!(rows[0], ["代码", "日期", "金额", "名称"]);
        assert_eq!(
            rows[1],
            ["913701020000000001", "2026-03-05", "50000.5", "=危险"]
        );
    }

    #[test]
    fn bytes_that_are_not_a_workbook_are_refused() {
        assert_eq!(xlsx_rows(b"not a zip file"), Err(XlsxProblem::NotAWorkbook));
    }
}
