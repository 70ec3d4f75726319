//! The bag-of-words overlap of two extractions of a page (`extract/confidence.compare`): the
//! words are Python's `re` `\w+` runs (a character `str.isalnum()` accepts, or `_`), counted in
//! two tables. On a long page the counting is what costs, a regex match and a dict entry a word.

use std::collections::HashMap;

use crate::pychars::is_alnum;

#[inline]
fn is_word(c: char) -> bool {
    c == '_' || is_alnum(c)
}

/// Each `\w+` run of `text` and how often it occurs, and the number of runs. The table keeps
/// std's SipHash: its keys are the page's own words, and a hostile page must not be able to
/// pick colliding ones.
fn counts(text: &str) -> (HashMap<&str, u64>, u64) {
    let mut table: HashMap<&str, u64> = HashMap::new();
    let mut total = 0;
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                *table.entry(&text[s..i]).or_insert(0) += 1;
                total += 1;
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        *table.entry(&text[s..]).or_insert(0) += 1;
        total += 1;
    }
    (table, total)
}

/// (overlap, words of `a`, words of `b`): the overlap is the sum, over the words both have, of
/// the smaller of their two counts.
pub fn overlap(a: &str, b: &str) -> (u64, u64, u64) {
    let (ca, total_a) = counts(a);
    let (cb, total_b) = counts(b);
    let (small, large) = if ca.len() <= cb.len() {
        (&ca, &cb)
    } else {
        (&cb, &ca)
    };
    let shared = small
        .iter()
        .filter_map(|(word, n)| large.get(word).map(|m| (*n).min(*m)))
        .sum();
    (shared, total_a, total_b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_runs_of_word_characters() {
        assert_eq!(overlap("a b a", "a a a c"), (2, 3, 4));
        assert_eq!(overlap("snake_case x2", "snake_case, x2!"), (2, 2, 2));
        assert_eq!(overlap("", "words here"), (0, 0, 2));
        // a combining mark (Mn) is not a word character, as in Python's re
        assert_eq!(overlap("i\u{307}stanbul", "stanbul i"), (2, 2, 2));
        assert_eq!(overlap("数字 ٣", "数字 ٣ ①"), (2, 2, 3));
    }
}
