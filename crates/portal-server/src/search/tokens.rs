//! Turning text into bigrams, and search text into terms.

use portal_types::text::{fold_char, is_word_char};

/// Two adjacent word characters, packed into one number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bigram(u64);

/// The mark after a run of a single word character, so that it is indexed
/// too (longer runs hold each of their characters in some pair).
const END: char = '\u{3}';

impl Bigram {
    /// The bigram of `a` followed by `b`.
    pub fn new(a: char, b: char) -> Self {
        Bigram((u64::from(u32::from(a)) << 32) | u64::from(u32::from(b)))
    }

    /// Its two characters.
    pub fn chars(self) -> (char, char) {
        let a = char::from_u32((self.0 >> 32) as u32).unwrap_or(END);
        let b = char::from_u32((self.0 & 0xFFFF_FFFF) as u32).unwrap_or(END);
        (a, b)
    }
}

/// Appends the bigrams of every run of word characters of `text` (folded)
/// to `out`; a run of one character gives (character, END).
pub fn bigrams_of(text: &str, out: &mut Vec<Bigram>) {
    let mut previous: Option<char> = None;
    let mut run = 0usize;
    for c in text.chars().map(fold_char) {
        if is_word_char(c) {
            if let Some(p) = previous {
                out.push(Bigram::new(p, c));
            }
            previous = Some(c);
            run += 1;
        } else {
            if let (Some(p), 1) = (previous, run) {
                out.push(Bigram::new(p, END));
            }
            previous = None;
            run = 0;
        }
    }
    if let (Some(p), 1) = (previous, run) {
        out.push(Bigram::new(p, END));
    }
}

/// The words of a (folded) search text: runs of word characters.
pub fn query_terms(folded: &str) -> Vec<Vec<char>> {
    let mut terms = Vec::new();
    let mut current = Vec::new();
    for c in folded.chars().map(fold_char) {
        if is_word_char(c) {
            current.push(c);
        } else if !current.is_empty() {
            terms.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        terms.push(current);
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_gives_its_adjacent_pairs() {
        let mut out = Vec::new();
        bigrams_of("粉尘爆炸", &mut out);
        assert_eq!(
            out,
            vec![
                Bigram::new('粉', '尘'),
                Bigram::new('尘', '爆'),
                Bigram::new('爆', '炸'),
            ]
        );
    }

    #[test]
    fn a_run_of_one_character_gives_it_with_an_end_mark() {
        let mut out = Vec::new();
        bigrams_of("甲，乙丙", &mut out);
        assert_eq!(out, vec![Bigram::new('甲', END), Bigram::new('乙', '丙')]);
    }

    #[test]
    fn punctuation_separates_runs() {
        let mut out = Vec::new();
        bigrams_of("安全，生产", &mut out);
        assert!(!out.contains(&Bigram::new('全', '生')));
        assert!(out.contains(&Bigram::new('安', '全')));
        assert!(out.contains(&Bigram::new('生', '产')));
    }

    #[test]
    fn full_width_text_gives_the_same_bigrams_as_half_width() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        bigrams_of("ＡＢ１２", &mut a);
        bigrams_of("ab12", &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn query_terms_split_on_spaces_and_punctuation() {
        let terms = query_terms("粉尘 爆炸,消防");
        assert_eq!(terms.len(), 3);
        assert_eq!(terms[0], vec!['粉', '尘']);
    }

    #[test]
    fn a_bigram_gives_back_its_characters() {
        assert_eq!(Bigram::new('安', '全').chars(), ('安', '全'));
    }
}
