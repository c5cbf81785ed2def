//! Batch lines as people paste them: a name, a code, or both on one line,
//! separated by a tab (a spreadsheet row), a comma (a CSV row, quoted or
//! not) or spaces; and the header row a spreadsheet column starts with.

use portal_types::blacklist::looks_like_code;

/// What one line holds.
#[derive(Debug, PartialEq, Eq)]
pub struct LineParts {
    /// The field taken for a credit code (the first, when several are).
    pub code: Option<String>,
    /// The name: of a line without a code, the whole line; beside a code,
    /// the first other field that is not a row number.
    pub name: Option<String>,
}

/// The fields of a line: by tab when it has one, else by comma (ASCII or
/// full-width, CSV quoting understood), else by semicolon; one field when
/// it has none of them.
fn fields(line: &str) -> Vec<String> {
    let delimiter = if line.contains('\t') {
        b'\t'
    } else if line.contains(',') {
        b','
    } else if line.contains(['，', ';', '；']) {
        // Full-width separators come from typing, not from a CSV writer:
        // no quoting to honour.
        return line
            .split(['，', ';', '；'])
            .map(|f| f.trim().to_owned())
            .collect();
    } else {
        return vec![line.trim().to_owned()];
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(line.as_bytes());
    match reader.records().next() {
        Some(Ok(record)) => record.iter().map(|f| f.trim().to_owned()).collect(),
        // An unbalanced quote: split as typed.
        _ => line
            .split(char::from(delimiter))
            .map(|f| f.trim().trim_matches('"').trim().to_owned())
            .collect(),
    }
}

/// A row number (1, 12., 3、) such as a spreadsheet's first column holds.
fn is_ordinal(field: &str) -> bool {
    let digits = field.trim_end_matches(['.', '、', ')', '）']);
    !digits.is_empty() && digits.len() <= 6 && digits.chars().all(|c| c.is_ascii_digit())
}

/// Splits one line into its name and its code.
pub fn split(line: &str) -> LineParts {
    let line = line.trim();
    // A code written with spaces or hyphens ("9137 0116 …") is one code.
    if looks_like_code(line) {
        return LineParts {
            code: Some(line.to_owned()),
            name: None,
        };
    }
    let mut fields = fields(line);
    if fields.len() == 1 {
        // Spaces separate a code from a name ("济南某某有限公司 9137…");
        // a name written with spaces stays whole.
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(at) = words.iter().position(|w| looks_like_code(w)) {
            let name = words
                .iter()
                .enumerate()
                .filter(|&(i, w)| i != at && !is_ordinal(w))
                .map(|(_, w)| *w)
                .collect::<Vec<_>>()
                .join(" ");
            return LineParts {
                code: Some(words[at].to_owned()),
                name: (!name.is_empty()).then_some(name),
            };
        }
        return LineParts {
            code: None,
            name: Some(line.to_owned()),
        };
    }
    let code = fields
        .iter()
        .position(|f| looks_like_code(f))
        .map(|at| fields.remove(at));
    let name = fields
        .into_iter()
        .find(|f| !f.is_empty() && !is_ordinal(f) && !looks_like_code(f));
    LineParts { code, name }
}

/// The words a header row of a supplier list is made of, folded (lower
/// case, no spaces or punctuation).
const HEADER_WORDS: &[&str] = &[
    "名称",
    "企业名称",
    "单位名称",
    "公司名称",
    "供应商名称",
    "供应商",
    "主体名称",
    "市场主体名称",
    "企业",
    "单位",
    "统一社会信用代码",
    "社会信用代码",
    "信用代码",
    "代码",
    "序号",
    "编号",
    "行号",
    "备注",
    "name",
    "names",
    "companyname",
    "enterprisename",
    "company",
    "enterprise",
    "supplier",
    "code",
    "creditcode",
    "unifiedsocialcreditcode",
    "uscc",
    "no",
    "number",
];

/// Whether a line is a header row: every field one of the words such rows
/// are made of (企业名称, 统一社会信用代码, 序号, name, code …) — never a
/// name an enterprise could have.
pub fn is_header(line: &str) -> bool {
    let folded = |text: &str| -> String {
        portal_types::text::fold(text)
            .chars()
            .filter(|&c| portal_types::text::is_word_char(c))
            .collect()
    };
    let is_word = |text: &str| HEADER_WORDS.contains(&folded(text).as_str());
    let fields: Vec<String> = fields(line.trim())
        .into_iter()
        .filter(|f| !folded(f).is_empty())
        .collect();
    // A field is a header word ("Credit code"), or header words written
    // with spaces between them ("企业名称 统一社会信用代码").
    !fields.is_empty()
        && fields.iter().all(|f| {
            is_word(f) || {
                let words: Vec<&str> = f.split_whitespace().collect();
                words.len() > 1 && words.iter().all(|w| is_word(w))
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(code: Option<&str>, name: Option<&str>) -> LineParts {
        LineParts {
            code: code.map(str::to_owned),
            name: name.map(str::to_owned),
        }
    }

    #[test]
    fn a_line_with_a_name_only_is_a_name() {
        assert_eq!(
            split(" 济南航益建设工程有限公司 "),
            parts(None, Some("济南航益建设工程有限公司"))
        );
        assert_eq!(
            split("济南 航益 建设工程"),
            parts(None, Some("济南 航益 建设工程")),
            "a name written with spaces stays whole"
        );
    }

    #[test]
    fn a_line_with_a_code_only_is_a_code_even_with_spaces_in_it() {
        assert_eq!(
            split("9137 0116 MAF6 WTWG 8C"),
            parts(Some("9137 0116 MAF6 WTWG 8C"), None)
        );
    }

    #[test]
    fn a_name_and_a_code_are_split_by_tab_comma_or_spaces_in_either_order() {
        let both = parts(Some("91370116MAF6WTWG8C"), Some("济南某某有限公司"));
        assert_eq!(split("济南某某有限公司\t91370116MAF6WTWG8C"), both);
        assert_eq!(split("济南某某有限公司,91370116MAF6WTWG8C"), both);
        assert_eq!(split("\"济南某某有限公司\",\"91370116MAF6WTWG8C\""), both);
        assert_eq!(split("济南某某有限公司，91370116MAF6WTWG8C"), both);
        assert_eq!(split("济南某某有限公司  91370116MAF6WTWG8C"), both);
        assert_eq!(split("91370116MAF6WTWG8C\t济南某某有限公司"), both);
    }

    #[test]
    fn a_row_number_and_empty_cells_are_not_the_name() {
        let both = parts(Some("91370116MAF6WTWG8C"), Some("济南某某有限公司"));
        assert_eq!(split("3\t济南某某有限公司\t\t91370116MAF6WTWG8C"), both);
        assert_eq!(split("12. 济南某某有限公司 91370116MAF6WTWG8C"), both);
        assert_eq!(
            split("7,,91370116MAF6WTWG8C"),
            parts(Some("91370116MAF6WTWG8C"), None)
        );
    }

    #[test]
    fn a_code_with_a_character_missing_beside_a_name_is_still_the_code() {
        assert_eq!(
            split("济南某某有限公司\t91370116MAF6WTWG8"),
            parts(Some("91370116MAF6WTWG8"), Some("济南某某有限公司"))
        );
    }

    #[test]
    fn a_header_row_is_recognised_in_either_language_and_layout() {
        assert!(is_header("企业名称,统一社会信用代码"));
        assert!(is_header("\u{feff}序号\t单位名称\t信用代码"));
        assert!(is_header("Name, Credit code"));
        assert!(is_header("统一社会信用代码"));
        assert!(is_header("企业名称 统一社会信用代码"));
    }

    #[test]
    fn a_name_or_a_code_is_never_a_header() {
        assert!(!is_header("济南航益建设工程有限公司"));
        assert!(!is_header("企业名称有限公司"));
        assert!(!is_header("91370116MAF6WTWG8C"));
        assert!(!is_header("济南某某有限公司,91370116MAF6WTWG8C"));
    }
}
