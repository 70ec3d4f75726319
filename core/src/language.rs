//! The stop-word language guess: the language whose function words are most frequent among
//! the first words of a text.

use std::collections::{HashMap, HashSet};

use crate::pychars::is_letter;

pub struct StopWords {
    languages: Vec<(String, HashSet<String>)>,
}

impl StopWords {
    pub fn new(languages: Vec<(String, Vec<String>)>) -> Self {
        StopWords {
            languages: languages
                .into_iter()
                .map(|(code, words)| (code, words.into_iter().collect()))
                .collect(),
        }
    }

    /// The code of the language with the most stop-word hits among the words of the first
    /// `sample` code points (lower-cased), the first listed on a tie; None under `min_hits`.
    pub fn guess(&self, text: &str, sample: usize, min_hits: usize) -> Option<&str> {
        let head = match text.char_indices().nth(sample) {
            Some((at, _)) => &text[..at],
            None => text,
        };
        let lower = head.to_lowercase();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for word in lower
            .split(|c: char| !is_letter(c))
            .filter(|w| !w.is_empty())
        {
            *counts.entry(word).or_insert(0) += 1;
        }
        if counts.is_empty() {
            return None;
        }
        let (mut best, mut best_hits) = (None, 0usize);
        for (code, stop) in &self.languages {
            let hits: usize = counts
                .iter()
                .filter(|(w, _)| stop.contains(**w))
                .map(|(_, n)| n)
                .sum();
            if hits > best_hits {
                best = Some(code.as_str());
                best_hits = hits;
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
        assert_eq!(stop.guess("le et the", 1500, 1), Some("fr")); // a tie: the first listed of the best
    }
}
