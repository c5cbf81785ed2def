//! The in-memory index of enterprise names, current and former, for the
//! blacklist check: partial names in any width, with or without their
//! company form (有限公司 / 有限责任公司 / 股份有限公司).
//!
//! Names are reduced to their core (`portal_types::blacklist::name_core`);
//! the bigrams of the cores point to candidates, and each candidate core is
//! then checked to really contain the searched core.

use std::collections::HashMap;

use portal_types::blacklist::{company_form, name_core};
use roaring::RoaringBitmap;

use super::tokens::{Bigram, bigrams_of};
pub use portal_store::records::IndexedName;

/// The index: one entry per name.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// The enterprise of each name.
    owners: Vec<i64>,
    /// The cores of all names, end to end (one allocation, not 100,000).
    text: String,
    /// Where each name's core ends in `text` (it starts where the previous ends).
    ends: Vec<u32>,
    /// Each name's company form (its index in `COMPANY_FORMS`; `NO_FORM`
    /// for none).
    forms: Vec<u8>,
    postings: HashMap<Bigram, RoaringBitmap>,
    by_char: HashMap<char, Vec<Bigram>>,
}

const NO_FORM: u8 = u8::MAX;

fn form_byte(form: Option<usize>) -> u8 {
    form.and_then(|f| u8::try_from(f).ok()).unwrap_or(NO_FORM)
}

/// How well a name matched, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Closeness {
    /// The whole name, company form included (width, spaces and
    /// punctuation aside).
    FullName,
    /// The whole core: the same name with another company form, or none.
    Exact,
    /// The start of the core.
    Prefix,
    /// Somewhere inside.
    Inside,
}

impl NameIndex {
    /// Builds the index of these names.
    pub fn build(names: impl IntoIterator<Item = IndexedName>) -> Self {
        let mut index = NameIndex::default();
        let mut pairs = Vec::new();
        for (entry, name) in (0u32..).zip(names) {
            let core = name_core(&name.name);
            pairs.clear();
            bigrams_of(&core, &mut pairs);
            // A one-character core has no pair; the END pair stands in.
            for bigram in pairs.drain(..) {
                index.postings.entry(bigram).or_default().insert(entry);
            }
            index.owners.push(name.enterprise_id);
            index.forms.push(form_byte(company_form(&name.name)));
            index.text.push_str(&core);
            index
                .ends
                .push(u32::try_from(index.text.len()).unwrap_or(u32::MAX));
        }
        index.text.shrink_to_fit();
        let mut buffer = Vec::new();
        for bitmap in index.postings.values_mut() {
            buffer.clear();
            if bitmap.serialize_into(&mut buffer).is_ok()
                && let Ok(exact) = RoaringBitmap::deserialize_unchecked_from(buffer.as_slice())
            {
                *bitmap = exact;
            }
        }
        for &bigram in index.postings.keys() {
            let (a, b) = bigram.chars();
            index.by_char.entry(a).or_default().push(bigram);
            if b != a {
                index.by_char.entry(b).or_default().push(bigram);
            }
        }
        index
    }

    /// How many names the index holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The core of name `entry`.
    fn core(&self, entry: usize) -> &str {
        let start = entry
            .checked_sub(1)
            .and_then(|e| self.ends.get(e))
            .map_or(0, |&end| end as usize);
        let end = self.ends.get(entry).map_or(start, |&end| end as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    /// The enterprises with a name containing `core` (already a core), best
    /// first, at most `limit`, and how many there are in all. `form` is the
    /// searched name's company form (`company_form`), which tells a full
    /// name from the same core with another form.
    pub fn find(
        &self,
        core: &str,
        form: Option<usize>,
        limit: usize,
    ) -> (Vec<(i64, Closeness)>, usize) {
        let form = form_byte(form);
        let chars: Vec<char> = core.chars().collect();
        let candidates = match chars.as_slice() {
            [] => return (Vec::new(), 0),
            [c] => {
                let mut set = RoaringBitmap::new();
                for bigram in self.by_char.get(c).map(Vec::as_slice).unwrap_or_default() {
                    if let Some(b) = self.postings.get(bigram) {
                        set |= b;
                    }
                }
                set
            }
            _ => {
                let mut lists = Vec::new();
                for pair in chars.windows(2) {
                    match self.postings.get(&Bigram::new(pair[0], pair[1])) {
                        Some(b) => lists.push(b),
                        None => return (Vec::new(), 0),
                    }
                }
                lists.sort_by_key(|b| b.len());
                let mut set = lists[0].clone();
                for b in &lists[1..] {
                    set &= *b;
                }
                set
            }
        };
        let mut best: HashMap<i64, (Closeness, usize)> = HashMap::new();
        for entry in candidates {
            let name = self.core(entry as usize);
            let closeness = if name == core && self.forms.get(entry as usize) == Some(&form) {
                Closeness::FullName
            } else if name == core {
                Closeness::Exact
            } else if name.starts_with(core) {
                Closeness::Prefix
            } else if name.contains(core) {
                Closeness::Inside
            } else {
                continue;
            };
            let owner = self.owners[entry as usize];
            let rank = (closeness, name.chars().count());
            best.entry(owner)
                .and_modify(|r| *r = (*r).min(rank))
                .or_insert(rank);
        }
        let total = best.len();
        let mut found: Vec<(i64, (Closeness, usize))> = best.into_iter().collect();
        found.sort_by_key(|&(id, rank)| (rank, id));
        found.truncate(limit);
        (
            found.into_iter().map(|(id, (c, _))| (id, c)).collect(),
            total,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> NameIndex {
        NameIndex::build([
            IndexedName {
                enterprise_id: 1,
                name: "济南鑫泰化工有限公司".to_owned(),
            },
            IndexedName {
                enterprise_id: 2,
                name: "山东鑫泰建设工程有限责任公司".to_owned(),
            },
            IndexedName {
                enterprise_id: 3,
                name: "济南华瑞物流股份有限公司".to_owned(),
            },
            // Enterprise 3 was called this before.
            IndexedName {
                enterprise_id: 3,
                name: "济南瑞通运输有限公司".to_owned(),
            },
        ])
    }

    #[test]
    fn part_of_a_name_finds_every_enterprise_containing_it() {
        let (found, total) = index().find(&name_core("鑫泰"), company_form("鑫泰"), 10);
        assert_eq!(total, 2);
        let ids: Vec<i64> = found.iter().map(|f| f.0).collect();
        assert_eq!(ids.len(), 2);
        assert!(ids.contains(&1) && ids.contains(&2));
    }

    #[test]
    fn the_company_form_does_not_matter() {
        let (found, _) = index().find(
            &name_core("济南鑫泰化工有限责任公司"),
            company_form("济南鑫泰化工有限责任公司"),
            10,
        );
        assert_eq!(found, vec![(1, Closeness::Exact)]);
    }

    #[test]
    fn a_former_name_finds_the_enterprise() {
        let (found, _) = index().find(&name_core("瑞通运输"), company_form("瑞通运输"), 10);
        assert_eq!(found[0].0, 3);
    }

    #[test]
    fn full_width_and_spaced_text_matches() {
        let (found, _) = index().find(
            &name_core("济南 华瑞　物流"),
            company_form("济南 华瑞　物流"),
            10,
        );
        assert_eq!(found[0], (3, Closeness::Exact), "no company form typed");
    }

    #[test]
    fn one_character_finds_names_holding_it() {
        let (found, _) = index().find(&name_core("瑞"), company_form("瑞"), 10);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 3);
    }

    #[test]
    fn a_full_name_comes_before_the_same_core_with_another_form() {
        let index = NameIndex::build([
            IndexedName {
                enterprise_id: 7,
                name: "济南航益建设工程有限责任公司".to_owned(),
            },
            IndexedName {
                enterprise_id: 8,
                name: "济南航益建设工程有限公司".to_owned(),
            },
            IndexedName {
                enterprise_id: 9,
                name: "济南航益建设工程劳务有限公司".to_owned(),
            },
        ]);
        let name = "济南航益建设工程有限公司";
        let (found, total) = index.find(&name_core(name), company_form(name), 10);
        assert_eq!(total, 3);
        assert_eq!(found[0], (8, Closeness::FullName));
        assert_eq!(found[1], (7, Closeness::Exact));
    }

    #[test]
    fn pairs_that_occur_apart_do_not_match() {
        // 泰化 and 化工 both occur in 1, but 泰化工程 does not.
        let (found, total) = index().find(&name_core("泰化工程"), company_form("泰化工程"), 10);
        assert!(found.is_empty());
        assert_eq!(total, 0);
    }
}
