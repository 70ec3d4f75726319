//! The stop-word language guess: the language whose function words are most frequent among
//! the first words of a text.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use crate::pychars::is_letter;

pub struct StopWords {
    codes: Vec<String>,
    /// Each stop word, with the languages (indices into `codes`) that list it: one lookup
    /// per word of the text, whatever the number of languages.
    index: FxHashMap<String, Vec<usize>>,
}

impl StopWords {
    pub fn new(languages: Vec<(String, Vec<String>)>) -> Self {
        let mut index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut codes = Vec::with_capacity(languages.len());
        for (i, (code, words)) in languages.into_iter().enumerate() {
            codes.push(code);
            let unique: HashSet<String> = words.into_iter().collect();
            for word in unique {
                index.entry(word).or_default().push(i);
            }
        }
        StopWords { codes, index }
    }

    /// The code of the language with the most stop-word hits among the words of the first
    /// `sample` code points (lower-cased), the first listed on a tie; None under `min_hits`.
    pub fn guess(&self, text: &str, sample: usize, min_hits: usize) -> Option<&str> {
        let head = match text.char_indices().nth(sample) {
            Some((at, _)) => &text[..at],
            None => text,
        };
        let lower = head.to_lowercase();
        let mut hits = vec![0usize; self.codes.len()];
        let mut any_word = false;
        for word in lower
            .split(|c: char| !is_letter(c))
            .filter(|w| !w.is_empty())
        {
            any_word = true;
            if let Some(languages) = self.index.get(word) {
                for &i in languages {
                    hits[i] += 1;
                }
            }
        }
        if !any_word {
            return None;
        }
        let (mut best, mut best_hits) = (None, 0usize);
        for (code, &n) in self.codes.iter().zip(&hits) {
            if n > best_hits {
                best = Some(code.as_str());
                best_hits = n;
            }
        }
        if best_hits >= min_hits {
            best
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses() {
        let stop = StopWords::new(vec![
            ("en".into(), vec!["the".into(), "of".into(), "and".into()]),
            ("fr".into(), vec!["le".into(), "et".into()]),
        ]);
        assert_eq!(
            stop.guess("The cat and the hat of the day", 1500, 5),
            Some("en")
        );
        assert_eq!(stop.guess("The cat", 1500, 5), None);
        assert_eq!(stop.guess("", 1500, 1), None);
        // a tie: the first listed of the best
        assert_eq!(stop.guess("le et the", 1500, 1), Some("fr"));
        // A word listed twice in one language counts once per occurrence in the text.
        let twice = StopWords::new(vec![("en".into(), vec!["the".into(), "the".into()])]);
        assert_eq!(twice.guess("the the", 1500, 2), Some("en"));
        assert_eq!(twice.guess("the", 1500, 2), None);
    }
}
