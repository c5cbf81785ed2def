//! Text normalisation shared by indexing, searching and matching names.

/// Whether `s` contains a control character (other than none at all).
pub fn has_control_characters(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// Folds what people type into one form for matching: full-width ASCII to
/// half-width, the ideographic space to a space, upper-case ASCII to lower
/// case, and the many bracket forms of decision numbers (〔〕［］【】（）()[])
/// to `[` and `]`.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// [`fold`] for one character.
pub fn fold_char(c: char) -> char {
    let c = crate::credit_code::fold_width(c);
    match c {
        '〔' | '［' | '【' | '（' | '(' | '[' | '﹝' => '[',
        '〕' | '］' | '】' | '）' | ')' | ']' | '﹞' => ']',
        _ => c.to_ascii_lowercase(),
    }
}

/// Whether a character is part of a word for search: letters (Chinese
/// characters included) and digits. Everything else separates words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_case() {
        assert_eq!(fold("ＡＢＣ１２３ａｂ"), "abc123ab");
    }

    #[test]
    fn folds_every_bracket_of_a_decision_number_alike() {
        assert_eq!(fold("济应急罚〔2025〕12号"), "济应急罚[2025]12号");
        assert_eq!(fold("济应急罚［2025］12号"), "济应急罚[2025]12号");
        assert_eq!(fold("济应急罚(2025)12号"), "济应急罚[2025]12号");
        assert_eq!(fold("济应急罚【2025】12号"), "济应急罚[2025]12号");
    }

    #[test]
    fn chinese_characters_and_digits_are_word_characters() {
        assert!(is_word_char('粉'));
        assert!(is_word_char('7'));
        assert!(!is_word_char('，'));
        assert!(!is_word_char(' '));
    }
}
