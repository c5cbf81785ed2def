//! Reading administrative licences from a file (CSV or workbook) in the
//! portal's licence layout ([`portal_types::licences::CSV_HEADERS`]) for
//! staff import. As with decisions, every row is checked before anything
//! is stored; a file with any bad row imports nothing, and each bad row is
//! named with what is wrong.

use std::collections::HashSet;

use chrono::NaiveDate;
use portal_types::licences::{CSV_HEADERS, IMPORT_COLUMNS, LicenceKind};
use portal_types::{District, Problem, field_error};

pub use portal_store::licences::NewLicence;

use crate::publishing::{MAX_ROWS, RowErrors, Table, date, row_key};

/// A kind by its Chinese name or its slug.
fn kind(text: &str) -> Option<LicenceKind> {
    LicenceKind::ALL
        .iter()
        .copied()
        .find(|k| k.name_zh() == text || k.slug() == text)
}

/// Reads and checks every row of a table. `taken` holds licence numbers
/// already published; `today` is the day in China.
pub fn read_table(
    table: Table,
    taken: &dyn Fn(&str) -> bool,
    today: NaiveDate,
) -> Result<Vec<NewLicence>, RowErrors> {
    let mut errors = RowErrors::new();
    let mut rows = table.into_iter();
    match rows.next().unwrap_or_else(|| Ok(Vec::new())) {
        Ok(found) => {
            if found.len() < IMPORT_COLUMNS
                || found[..IMPORT_COLUMNS] != CSV_HEADERS[..IMPORT_COLUMNS]
            {
                field_error::add(
                    &mut errors,
                    row_key(1),
                    Problem::WrongHeader {
                        expected: CSV_HEADERS[..IMPORT_COLUMNS].join(","),
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
    let mut licences = Vec::new();
    let mut seen = HashSet::new();
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
        let licence_no = required(0, 100, &mut problems);
        if !licence_no.is_empty() {
            if taken(&licence_no) {
                problems.push((0, Problem::AlreadyPublished));
            } else if !seen.insert(licence_no.clone()) {
                problems.push((0, Problem::Duplicate));
            }
        }
        let kind = kind(&cell(1));
        if kind.is_none() {
            problems.push((
                1,
                if cell(1).is_empty() {
                    Problem::Required
                } else {
                    Problem::NotListed
                },
            ));
        }
        let holder_name = required(2, 200, &mut problems);
        let credit_code = match crate::publishing::stored_code(&cell(3)) {
            Ok(code) => Some(code),
            Err(problem) => {
                problems.push((
                    3,
                    if cell(3).is_empty() {
                        Problem::Required
                    } else {
                        problem
                    },
                ));
                None
            }
        };
        let scope = required(4, 2_000, &mut problems);
        let issued_on = date(&cell(5)).map_err(|e| problems.push((5, e)));
        let valid_from = date(&cell(6)).map_err(|e| problems.push((6, e)));
        let valid_until = date(&cell(7)).map_err(|e| problems.push((7, e)));
        if let Ok(issued) = issued_on
            && issued > today
        {
            problems.push((5, Problem::InFuture));
        }
        if let (Ok(from), Ok(until)) = (valid_from, valid_until)
            && until < from
        {
            problems.push((7, Problem::before(CSV_HEADERS[6])));
        }
        let authority = required(8, 100, &mut problems);
        let district = District::ALL
            .iter()
            .find(|d| d.name_zh() == cell(9) || d.slug() == cell(9))
            .copied();
        if district.is_none() {
            problems.push((9, Problem::NotListed));
        }
        match (
            problems.is_empty(),
            kind,
            credit_code,
            issued_on,
            valid_from,
            valid_until,
            district,
        ) {
            (
                true,
                Some(kind),
                Some(credit_code),
                Ok(issued_on),
                Ok(valid_from),
                Ok(valid_until),
                Some(district),
            ) => licences.push(NewLicence {
                licence_no,
                kind,
                holder_name,
                credit_code,
                scope,
                issued_on,
                valid_from,
                valid_until,
                authority,
                district,
            }),
            _ => {
                for (column, problem) in problems {
                    field_error::add(
                        &mut errors,
                        format!("{}.{}", row_key(line), CSV_HEADERS[column]),
                        problem,
                    );
                }
            }
        }
    }
    if licences.is_empty() && errors.is_empty() {
        field_error::add(&mut errors, row_key(2), Problem::NoRows);
    }
    if errors.is_empty() {
        Ok(licences)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default()
    }

    fn table(rows: &[&str]) -> Table {
        let header = CSV_HEADERS[..IMPORT_COLUMNS].join(",");
        let text = std::iter::once(header.as_str())
            .chain(rows.iter().copied())
            .collect::<Vec<_>>()
            .join("\n");
        crate::publishing::csv_table(&text)
    }

    const ROW: &str = "鲁济烟零许〔2026〕0001号,烟花爆竹经营（零售）许可证,济南市历下区某某烟花店,91370102MA3C4DTL4E,烟花爆竹零售（不含批发）,2026-01-10,2026-01-10,2027-01-09,济南市应急管理局,历下区";

    #[test]
    fn a_good_row_reads_as_a_licence() {
        let licences = read_table(table(&[ROW]), &|_| false, today()).expect("read");
        assert_eq!(licences.len(), 1);
        assert_eq!(licences[0].kind, LicenceKind::FireworksRetail);
        assert_eq!(licences[0].district, District::Lixia);
        assert_eq!(licences[0].credit_code, "91370102MA3C4DTL4E");
    }

    #[test]
    fn a_taken_number_and_an_end_before_the_start_are_named_by_cell() {
        let row = ROW.replace("2027-01-09", "2025-01-09");
        let errors = read_table(table(&[&row]), &|_| true, today()).expect_err("refused");
        assert!(errors.contains_key("rows.2.许可证编号"));
        assert!(errors.contains_key("rows.2.有效期至"));
    }

    #[test]
    fn an_unknown_kind_is_refused() {
        let row = ROW.replace("烟花爆竹经营（零售）许可证", "营业执照");
        let errors = read_table(table(&[&row]), &|_| false, today()).expect_err("refused");
        assert!(errors.contains_key("rows.2.许可证类别"));
    }
}
