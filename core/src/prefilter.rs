//! Every phrase pattern of a rule set run over a line in one pass, naming the patterns that may
//! match it. The patterns come widened from Python (cleaner/rules/_prefilter.py): each matches
//! wherever its `re` original does, so a pattern this leaves out cannot match, and `re` confirms
//! the few named.

use regex_automata::meta::{Config, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::{Anchored, Input, MatchKind, PatternSet};

/// The compiled set, with what keeps a pattern off a line whatever its text: an edge rule's
/// patterns off lines away from the text's edges, a rule's word limit off longer lines.
pub struct Prefilter {
    set: Regex,
    edge: Vec<bool>,
    max_words: Vec<Option<usize>>,
}

impl Prefilter {
    pub fn new(
        patterns: &[String],
        edge: Vec<bool>,
        max_words: Vec<Option<usize>>,
    ) -> Result<Self, String> {
        if edge.len() != patterns.len() || max_words.len() != patterns.len() {
            return Err("patterns, edge and max_words differ in length".into());
        }
        let config = Config::new()
            .match_kind(MatchKind::All)
            .which_captures(WhichCaptures::None)
            .nfa_size_limit(Some(256 << 20))
            .hybrid_cache_capacity(16 << 20);
        let set = Regex::builder()
            .configure(config)
            .build_many(patterns)
            .map_err(|e| e.to_string())?;
        Ok(Prefilter {
            set,
            edge,
            max_words,
        })
    }

    pub fn len(&self) -> usize {
        self.edge.len()
    }

    /// Indexes (ascending) of the patterns that may match `key`, a line of `words` words;
    /// `at_edge`: the line is among the text's first or last lines. A key holding a line break
    /// (the widened patterns read `$` as the end) gets every pattern its place admits.
    pub fn candidates(&self, key: &str, words: usize, at_edge: bool, out: &mut Vec<usize>) {
        out.clear();
        let admits = |i: usize| {
            (at_edge || !self.edge[i]) && self.max_words[i].is_none_or(|limit| words <= limit)
        };
        if key.contains('\n') {
            out.extend((0..self.len()).filter(|&i| admits(i)));
            return;
        }
        let mut found = PatternSet::new(self.set.pattern_len());
        let input = Input::new(key).anchored(Anchored::Yes);
        self.set.which_overlapping_matches(&input, &mut found);
        out.extend(found.iter().map(|p| p.as_usize()).filter(|&i| admits(i)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pre(patterns: &[&str], edge: &[bool], max_words: &[Option<usize>]) -> Prefilter {
        let patterns: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        Prefilter::new(&patterns, edge.to_vec(), max_words.to_vec()).unwrap()
    }

    #[test]
    fn names_matching_patterns_in_order_within_their_limits() {
        let p = pre(
            &["(?is)^(?:source link$)", "(?is)^(?:photo)", "(?is)^(?:.*)"],
            &[false, true, false],
            &[None, None, Some(2)],
        );
        let mut out = Vec::new();
        p.candidates("Source Link", 2, false, &mut out);
        assert_eq!(out, vec![0, 2]);
        p.candidates("Photo: AP", 2, false, &mut out);
        assert_eq!(out, vec![2]);
        p.candidates("Photo: AP", 2, true, &mut out);
        assert_eq!(out, vec![1, 2]);
        p.candidates("Photo: AP by Jane", 4, true, &mut out);
        assert_eq!(out, vec![1]);
        p.candidates("a\nb", 2, false, &mut out);
        assert_eq!(out, vec![0, 2]);
    }

    #[test]
    fn a_bad_pattern_is_an_error() {
        let patterns = vec!["(".to_string()];
        assert!(Prefilter::new(&patterns, vec![false], vec![None]).is_err());
    }
}
