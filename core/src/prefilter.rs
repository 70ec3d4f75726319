//! Every phrase pattern of a rule set run over a line in one pass, naming the patterns that may
//! match it. The patterns come widened from Python (cleaner/rules/_prefilter.py): each matches
//! wherever its `re` original does, so a pattern this leaves out cannot match, and `re` confirms
//! the few named.

use std::sync::{Mutex, MutexGuard};

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::pikevm::{self, PikeVM};
use regex_automata::nfa::thompson::{self, WhichCaptures, NFA};
use regex_automata::{Anchored, Input, MatchKind, PatternSet};

/// The lazy DFA's cache, grown as needed up to this: at 2 or 4 MB the states the built-in
/// rules' heads reach over real lines thrash it and it gives up on many (2.5x to 4x slower
/// over ScrapingHub lines); 16 MB holds them (about 14 MB used after 1,000 documents).
const CACHE_BYTES: usize = 16 << 20;

/// The lazy DFA's cache, the PikeVM's, and the set of patterns a search found.
pub type Scratch = (Cache, pikevm::Cache, PatternSet);

/// The compiled set, with what keeps a pattern off a line whatever its text: an edge rule's
/// patterns off lines away from the text's edges, a rule's word limit off longer lines.
///
/// One NFA without capture groups, searched forward only by a lazy DFA (a PikeVM over the same
/// NFA where the DFA gives up): the crate's meta regex builds a reverse NFA and more engines
/// besides, 63 MB for the built-in rules against 34 MB (16 MB since only heads are compiled).
pub struct Prefilter {
    dfa: DFA,
    vm: PikeVM,
    /// The engines' caches and the set of patterns found, reused from line to line.
    scratch: Mutex<Scratch>,
    edge: Vec<bool>,
    max_words: Vec<Option<usize>>,
    /// The most words a line may have for some pattern to admit it, on an edge line and on
    /// another (None: no pattern admits such a line; Some(None): no limit). A longer line is
    /// not searched at all (long paragraphs, for the sets whose every rule has a word limit).
    reach: [Option<Option<usize>>; 2],
}

/// The word limit of the patterns `admitted` lets in, as `Prefilter::reach` keeps it.
fn reach_of(
    max_words: &[Option<usize>],
    admitted: impl Fn(usize) -> bool,
) -> Option<Option<usize>> {
    let mut reach: Option<Option<usize>> = None;
    for (i, limit) in max_words.iter().enumerate() {
        if !admitted(i) {
            continue;
        }
        reach = match (reach, limit) {
            (Some(None), _) | (_, None) => Some(None),
            (None, Some(n)) => Some(Some(*n)),
            (Some(Some(m)), Some(n)) => Some(Some(m.max(*n))),
        };
    }
    reach
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
        let nfa: NFA = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::None)
                    .nfa_size_limit(Some(256 << 20)),
            )
            .build_many(patterns)
            .map_err(|e| e.to_string())?;
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(CACHE_BYTES),
            )
            .build_from_nfa(nfa.clone())
            .map_err(|e| e.to_string())?;
        let vm = PikeVM::builder()
            .configure(PikeVM::config().match_kind(MatchKind::All))
            .build_from_nfa(nfa)
            .map_err(|e| e.to_string())?;
        let scratch = Mutex::new((
            dfa.create_cache(),
            vm.create_cache(),
            PatternSet::new(patterns.len()),
        ));
        let reach = [
            reach_of(&max_words, |i| !edge[i]),
            reach_of(&max_words, |_| true),
        ];
        Ok(Prefilter {
            dfa,
            vm,
            scratch,
            edge,
            max_words,
            reach,
        })
    }

    pub fn len(&self) -> usize {
        self.edge.len()
    }

    /// Indexes (ascending) of the patterns that may match `key`, a line of `words` words;
    /// `at_edge`: the line is among the text's first or last lines. A key holding a line break
    /// (the widened patterns read `$` as the end) gets every pattern its place admits.
    #[cfg(test)]
    pub fn candidates(&self, key: &str, words: usize, at_edge: bool, out: &mut Vec<usize>) {
        let mut guard = self.scratch();
        self.candidates_with(&mut guard, key, words, at_edge, out);
    }

    /// The engines' caches, held for as many lines as the caller likes (one lock per text).
    pub fn scratch(&self) -> MutexGuard<'_, Scratch> {
        self.scratch.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `candidates` with the scratch already held.
    pub fn candidates_with(
        &self,
        scratch: &mut Scratch,
        key: &str,
        words: usize,
        at_edge: bool,
        out: &mut Vec<usize>,
    ) {
        out.clear();
        match self.reach[usize::from(at_edge)] {
            None => return,
            Some(Some(limit)) if words > limit => return,
            _ => {}
        }
        let admits = |i: usize| {
            (at_edge || !self.edge[i]) && self.max_words[i].is_none_or(|limit| words <= limit)
        };
        if key.contains('\n') {
            out.extend((0..self.len()).filter(|&i| admits(i)));
            return;
        }
        let input = Input::new(key).anchored(Anchored::Yes);
        let (dfa_cache, vm_cache, found) = scratch;
        if !found.is_empty() {
            found.clear();
        }
        if self
            .dfa
            .try_which_overlapping_matches(dfa_cache, &input, found)
            .is_err()
        {
            found.clear();
            self.vm.which_overlapping_matches(vm_cache, &input, found);
        }
        if found.is_empty() {
            return; // most lines: no need to walk the set's every pattern
        }
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
    fn lines_over_every_word_limit_are_not_searched() {
        let p = pre(
            &["(?is)^(?:.*)", "(?is)^(?:photo)"],
            &[false, true],
            &[Some(3), Some(5)],
        );
        assert_eq!(p.reach, [Some(Some(3)), Some(Some(5))]);
        let mut out = vec![9];
        p.candidates("photo by a b", 4, false, &mut out);
        assert!(out.is_empty());
        p.candidates("photo by a b", 4, true, &mut out);
        assert_eq!(out, vec![1]);
        let edge_only = pre(&["(?is)^(?:photo)"], &[true], &[None]);
        assert_eq!(edge_only.reach, [None, Some(None)]);
        edge_only.candidates("photo", 1, false, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_bad_pattern_is_an_error() {
        let patterns = vec!["(".to_string()];
        assert!(Prefilter::new(&patterns, vec![false], vec![None]).is_err());
    }
}
