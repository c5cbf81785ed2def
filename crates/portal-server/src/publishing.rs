//! Reading penalty decisions from a CSV in the public-disclosure (双公示)
//! column layout — the layout the portal exports — for staff import.
//!
//! Every row is checked before anything is stored; a file with any bad row
//! imports nothing, and each bad row gets its own message.

use std::collections::HashSet;

use chrono::NaiveDate;
use portal_types::{
    CreditCode, CreditCodeError, District, FieldErrors, Industry, PenaltyCategory, Problem,
    field_error,
};

pub use portal_store::records::NewDecision;

use crate::spreadsheet;

/// How many columns an import needs: the disclosure fields, up to 行业.
pub const IMPORT_COLUMNS: usize = 17;
/// Most rows one import takes.
pub const MAX_ROWS: usize = 5_000;

/// Problems by row and cell: `rows.N` for a whole row and `rows.N.HEADER`
/// for one cell (N the line in the file, the header being 1; HEADER the
/// column's name as the file has it).
pub type RowErrors = FieldErrors;

/// The key of a whole row's problems.
pub(crate) fn row_key(line: usize) -> String {
    format!("rows.{line}")
}

/// Money in yuan with up to two decimals, as fen.
fn fen(text: &str) -> Result<i64, Problem> {
    let text = text.trim().replace([',', '，'], "");
    if text.is_empty() {
        return Ok(0);
    }
    let (whole, cents) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || cents.len() > 2
        || !cents.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 12
    {
        return Err(Problem::NotAnAmount);
    }
    let whole: i64 = whole.parse().map_err(|_| Problem::NotAnAmount)?;
    let cents: i64 = format!("{cents:0<2}").parse().unwrap_or(0);
    Ok(whole * 100 + cents)
}

pub(crate) fn date(text: &str) -> Result<NaiveDate, Problem> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Problem::NotADate)
}

/// A credit code as the directory stores it, or what is wrong with it. A
/// code whose check character does not match is kept as written: published
/// records carry such codes, and the directory must find them.
pub fn stored_code(text: &str) -> Result<String, Problem> {
    match portal_types::CreditCode::parse(text) {
        Ok(code) => Ok(code.as_str().to_owned()),
        Err(portal_types::CreditCodeError::CheckCharacterMismatch { code, .. }) => {
            Ok(code.as_str().to_owned())
        }
        Err(error) => Err(Problem::from(&error)),
    }
}

/// A file's rows of text cells, the header first; a row that could not be
/// read says why.
pub type Table = Vec<Result<Vec<String>, String>>;

/// A CSV's rows (the byte-order mark dropped, each cell trimmed and read
/// back from the export's Excel guards by [`spreadsheet::read_cell`]).
pub fn csv_table(csv_text: &str) -> Table {
    let text = csv_text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| {
            record
                .map(|r| {
                    r.iter()
                        .map(|c| spreadsheet::read_cell(c.trim()).to_owned())
                        .collect()
                })
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// The first sheet of an `.xlsx` workbook as rows, read as its CSV would be.
pub fn xlsx_table(bytes: &[u8]) -> Result<Table, spreadsheet::XlsxProblem> {
    Ok(spreadsheet::xlsx_rows(bytes)?
        .into_iter()
        .map(|row| Ok(row.into_iter().map(|c| c.trim().to_owned()).collect()))
        .collect())
}

/// The numbers a table's rows name in their first cell — a decision's or a
/// licence's (to ask the store once which are taken).
pub fn numbers(table: &Table) -> Vec<String> {
    table
        .iter()
        .skip(1)
        .filter_map(|row| row.as_ref().ok()?.first().cloned())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Reads and checks every row of a table (from a CSV or a workbook).
/// `taken` holds decision numbers already published; `today` is the day in
/// China.
pub fn read_table(
    table: Table,
    taken: &dyn Fn(&str) -> bool,
    today: NaiveDate,
) -> Result<Vec<NewDecision>, RowErrors> {
    let mut errors = RowErrors::new();
    let headers = portal_types::decisions::CSV_HEADERS;
    let mut rows = table.into_iter();
    match rows.next().unwrap_or_else(|| Ok(Vec::new())) {
        Ok(found) => {
            if found.len() < IMPORT_COLUMNS || found[..IMPORT_COLUMNS] != headers[..IMPORT_COLUMNS]
            {
                field_error::add(
                    &mut errors,
                    row_key(1),
                    Problem::WrongHeader {
                        expected: headers[..IMPORT_COLUMNS].join(","),
                    },
                );
                return Err(errors);
            }
        }
        Err(reason) => {
            field_error::add(&mut errors, row_key(1), Problem::Unreadable { reason });
            return Err(errors);
        }
    }
    let mut decisions = Vec::new();
    let mut seen_numbers = HashSet::new();
    for (index, record) in rows.enumerate() {
        let line = index + 2;
        if index >= MAX_ROWS {
            field_error::add(
                &mut errors,
                row_key(line),
                Problem::TooMany { max: MAX_ROWS },
            );
            break;
        }
        let record = match record {
            Ok(record) => record,
            Err(reason) => {
                field_error::add(&mut errors, row_key(line), Problem::Unreadable { reason });
                continue;
            }
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        // (column, problem)
        let mut problems: Vec<(usize, Problem)> = Vec::new();
        let cell = |i: usize| record.get(i).cloned().unwrap_or_default();
        let required = |i: usize, max: usize, problems: &mut Vec<(usize, Problem)>| -> String {
            let value = cell(i);
            if value.is_empty() {
                problems.push((i, Problem::Required));
            } else if value.chars().count() > max {
                problems.push((i, Problem::TooLong { max }));
            } else if value
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
            {
                problems.push((i, Problem::ControlCharacters));
            }
            value
        };
        let decision_no = required(0, 100, &mut problems);
        if !decision_no.is_empty() {
            if taken(&decision_no) {
                problems.push((0, Problem::AlreadyPublished));
            } else if !seen_numbers.insert(decision_no.clone()) {
                problems.push((0, Problem::Duplicate));
            }
        }
        let party_name = required(1, 200, &mut problems);
        let credit_code = match cell(2).as_str() {
            "" => None,
            code => match CreditCode::parse(code) {
                Ok(code) => Some(code.as_str().to_owned()),
                Err(CreditCodeError::CheckCharacterMismatch { code, .. }) => {
                    Some(code.as_str().to_owned())
                }
                Err(error) => {
                    problems.push((2, Problem::from(&error)));
                    None
                }
            },
        };
        let legal_representative = Some(cell(3)).filter(|v| !v.is_empty());
        let violation_type = required(4, 200, &mut problems);
        let facts = required(5, 5_000, &mut problems);
        let violated_provisions = required(6, 1_000, &mut problems);
        let legal_basis = required(7, 1_000, &mut problems);
        let mut penalty_categories = Vec::new();
        for name in cell(8)
            .split(['；', ';', '、', ','])
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            match PenaltyCategory::ALL
                .iter()
                .find(|c| c.name_zh() == name || c.slug() == name)
            {
                Some(&c) => penalty_categories.push(c),
                None => problems.push((8, Problem::NotListed)),
            }
        }
        if penalty_categories.is_empty() && cell(8).is_empty() {
            problems.push((8, Problem::Required));
        }
        let penalty_content = required(9, 2_000, &mut problems);
        let fine = fen(&cell(10));
        let fine_fen = fine.clone().unwrap_or_else(|e| {
            problems.push((10, e));
            0
        });
        let confiscated_fen = fen(&cell(11)).unwrap_or_else(|e| {
            problems.push((11, e));
            0
        });
        if penalty_categories.contains(&PenaltyCategory::Fine) && fine == Ok(0) {
            problems.push((10, Problem::Required));
        }
        let decided_on = date(&cell(12)).map_err(|e| problems.push((12, e)));
        let disclosure_until = date(&cell(13)).map_err(|e| problems.push((13, e)));
        if let Ok(decided) = decided_on
            && decided > today
        {
            problems.push((12, Problem::InFuture));
        }
        if let (Ok(decided), Ok(until)) = (decided_on, disclosure_until)
            && until < decided
        {
            problems.push((13, Problem::before(headers[12])));
        }
        let authority = required(14, 100, &mut problems);
        let district = District::ALL
            .iter()
            .find(|d| d.name_zh() == cell(15) || d.slug() == cell(15))
            .copied();
        if district.is_none() {
            problems.push((15, Problem::NotListed));
        }
        let industry = Industry::ALL
            .iter()
            .find(|i| i.name_zh() == cell(16) || i.slug() == cell(16))
            .copied();
        if industry.is_none() {
            problems.push((16, Problem::NotListed));
        }
        match (
            problems.is_empty(),
            decided_on,
            disclosure_until,
            district,
            industry,
        ) {
            (true, Ok(decided_on), Ok(disclosure_until), Some(district), Some(industry)) => {
                decisions.push(NewDecision {
                    decision_no,
                    party_name,
                    credit_code,
                    legal_representative,
                    violation_type,
                    facts,
                    violated_provisions,
                    legal_basis,
                    penalty_categories,
                    penalty_content,
                    fine_fen,
                    confiscated_fen,
                    decided_on,
                    disclosure_until,
                    authority,
                    district,
                    industry,
                });
            }
            _ => {
                for (column, problem) in problems {
                    field_error::add(
                        &mut errors,
                        format!("{}.{}", row_key(line), headers[column]),
                        problem,
                    );
                }
            }
        }
    }
    if decisions.is_empty() && errors.is_empty() {
        field_error::add(&mut errors, row_key(2), Problem::NoRows);
    }
    if errors.is_empty() {
        Ok(decisions)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(
        csv_text: &str,
        taken: &dyn Fn(&str) -> bool,
        today: NaiveDate,
    ) -> Result<Vec<NewDecision>, RowErrors> {
        read_table(csv_table(csv_text), taken, today)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default()
    }

    fn header() -> String {
        portal_types::decisions::CSV_HEADERS[..IMPORT_COLUMNS].join(",")
    }

    fn row(number: &str, fine: &str) -> String {
        format!(
            "{number},济南某化工有限公司,,张三,未按规定进行安全教育培训,该单位未对从业人员进行安全生产教育和培训。,《中华人民共和国安全生产法》第二十八条,《中华人民共和国安全生产法》第九十七条,罚款,罚款人民币{fine}元,{fine},,2026-11-01,2029-11-01,济南市应急管理局,历下区,危险化学品"
        )
    }

    #[test]
    fn an_unreadable_fine_is_named_once_not_also_as_missing() {
        let text = format!("{}\n{}\n", header(), row("D号", "两万"));
        let errors = read(&text, &|_| false, today()).err().unwrap_or_default();
        assert_eq!(
            errors["rows.2.罚款金额（元）"]
                .iter()
                .map(|e| e.problem.clone())
                .collect::<Vec<_>>(),
            [Problem::NotAnAmount]
        );
    }

    #[test]
    fn good_rows_are_read_with_money_in_fen() {
        let text = format!(
            "{}\n{}\n",
            header(),
            row("济应急罚〔2026〕901号", "20000.5")
        );
        let read = read(&text, &|_| false, today()).unwrap_or_default();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].fine_fen, 2_000_050);
        assert_eq!(read[0].district, District::Lixia);
    }

    #[test]
    fn one_bad_row_fails_the_file_and_is_named_by_its_line() {
        let text = format!(
            "{}\n{}\n{}\n",
            header(),
            row("济应急罚〔2026〕901号", "20000"),
            row("济应急罚〔2026〕902号", "两万")
        );
        let errors = read(&text, &|_| false, today()).err().unwrap_or_default();
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["rows.3.罚款金额（元）"]);
        assert_eq!(
            errors["rows.3.罚款金额（元）"][0].problem,
            Problem::NotAnAmount
        );
    }

    #[test]
    fn a_number_already_published_or_repeated_is_refused() {
        let text = format!(
            "{}\n{}\n{}\n",
            header(),
            row("A号", "100"),
            row("A号", "100")
        );
        let errors = read(&text, &|n| n == "B号", today())
            .err()
            .unwrap_or_default();
        assert_eq!(
            errors["rows.3.行政处罚决定书文号"][0].problem,
            Problem::Duplicate
        );
        let text = format!("{}\n{}\n", header(), row("B号", "100"));
        let errors = read(&text, &|n| n == "B号", today())
            .err()
            .unwrap_or_default();
        assert_eq!(
            errors["rows.2.行政处罚决定书文号"][0].problem,
            Problem::AlreadyPublished
        );
    }

    #[test]
    fn a_wrong_header_is_refused_before_any_row() {
        let errors = read("a,b,c\n1,2,3\n", &|_| false, today())
            .err()
            .unwrap_or_default();
        assert!(errors.contains_key("rows.1"));
    }

    #[test]
    fn the_exported_layout_with_its_extra_columns_reads_back() {
        let header = portal_types::decisions::CSV_HEADERS.join(",");
        let text = format!("{header}\n{},有效,,1,77\n", row("C号", "5000"));
        assert_eq!(read(&text, &|_| false, today()).map(|d| d.len()), Ok(1));
    }
}
