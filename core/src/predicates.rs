//! The positional rules: which rule, if any, removes each line given where it stands. Rules
//! stay data (`packs/positional.toml` names a predicate, a reason and where it applies); the
//! judgements that need a line's neighbours are here, one small function per predicate name
//! (their reasons are documented with the names in `cleaner/clean/predicates.py`).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::pychars::{char_len, is_alnum, is_digit, is_letter, is_space, is_upper};
use crate::shapes::Kind;
use crate::text::CLOSERS;

/// Where a line stands (the region finder places it, the predicates read it).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Position {
    Head,
    Body,
    Tail,
}

/// Where a rule applies (a rule's `where`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Where {
    Any,
    Head,
    Tail,
    Outside,
    Edge,
}

impl Where {
    pub fn allows(self, position: Position, edge: bool) -> bool {
        match self {
            Where::Any => true,
            Where::Outside => position != Position::Body,
            Where::Edge => edge,
            Where::Head => position == Position::Head,
            Where::Tail => position == Position::Tail,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Predicate {
    Repeated,
    Headline,
    Shouting,
    BesideHeadline,
    Always,
}

/// The settings the predicates read.
pub struct Limits {
    pub edge_lines: usize,
    pub repeat_min_words: usize,
    pub repeat_max_number_share: f64,
    pub title_max_chars: usize,
    pub headline_max_words: usize,
    pub headline_min_words: usize,
    pub shout_min_words: usize,
}

/// One line as the predicates see it.
pub struct Line<'a> {
    pub text: &'a str,
    pub key: &'a str,
    pub words: usize,
    pub terminal: bool,
    pub kind: Kind,
    /// Where the phrase rule that matched the line applies; None: no phrase rule matched.
    pub hit: Option<Where>,
    pub position: Position,
}

/// What removes a line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verdict {
    Kept,
    Title,
    Hit,
    Rule(usize),
}

/// A sentence ending inside a line: "… won 5-4. (AP Photo/…)" (`re`'s `\w` and `\s`).
static SENTENCE_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}_]{2}[.!?][\s\x1c-\x1f]+[(“\x22‘'A-ZÀ-ÖØ-Þ]").unwrap()
});

/// Short and without closing punctuation (a question or exclamation aside): a headline, a
/// menu item, a label.
pub fn is_headline_shaped(text: &str, words: usize, terminal: bool, max_words: usize) -> bool {
    if words > max_words {
        return false;
    }
    !terminal || text.trim_end_matches(CLOSERS).ends_with(['?', '!'])
}

/// Holds words, not only a label, a price or a number.
fn worded(text: &str, min_words: usize) -> bool {
    text.split(is_space)
        .filter(|t| t.chars().any(is_letter))
        .take(min_words)
        .count()
        >= min_words
}

/// Letters and digits only, lower case: for comparing a line with the title.
pub fn normalise(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut gap = false;
    for c in lower.chars() {
        if is_alnum(c) {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

const SITE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » "];

/// A title without a trailing or leading site name ("Headline - Site"), normalised.
pub fn title_key(text: &str) -> String {
    let mut best = text;
    let mut best_len = char_len(text);
    for sep in SITE_SEPARATORS {
        if !text.contains(sep) {
            continue;
        }
        let mut longest: Option<(&str, usize)> = None;
        for part in text
            .split(sep)
            .filter(|p| !p.trim_matches(is_space).is_empty())
        {
            let n = char_len(part);
            if longest.is_none_or(|(_, m)| n > m) {
                longest = Some((part, n));
            }
        }
        if let Some((part, n)) = longest {
            if n < best_len {
                best = part;
                best_len = n;
            }
        }
    }
    normalise(best)
}

pub struct Judge<'a> {
    pub lines: &'a [Line<'a>],
    pub limits: &'a Limits,
    pub title_keys: &'a [String],
    copies: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Judge<'a> {
    pub fn new(lines: &'a [Line<'a>], limits: &'a Limits, title_keys: &'a [String]) -> Self {
        let mut copies: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, line) in lines.iter().enumerate() {
            if line.words >= limits.repeat_min_words {
                copies.entry(line.key).or_default().push(i);
            }
        }
        Judge {
            lines,
            limits,
            title_keys,
            copies,
        }
    }

    fn is_edge(&self, i: usize) -> bool {
        i < self.limits.edge_lines || i + self.limits.edge_lines >= self.lines.len()
    }

    /// The line says the title again (case, punctuation and a site-name suffix aside).
    fn repeats_title(&self, i: usize) -> bool {
        let line = &self.lines[i];
        if self.title_keys.is_empty()
            || line.position == Position::Tail
            || char_len(line.text) > self.limits.title_max_chars
        {
            return false;
        }
        let key = title_key(line.text);
        self.title_keys.contains(&key) || self.title_keys.contains(&normalise(line.text))
    }

    fn repeated(&self, i: usize) -> bool {
        let line = &self.lines[i];
        if line.words < self.limits.repeat_min_words || line.kind != Kind::Text {
            return false;
        }
        match self.copies.get(line.key) {
            Some(copies) if copies.len() >= 2 && copies[0] != i => {}
            _ => return false,
        }
        if !line.terminal && !SENTENCE_INSIDE.is_match(line.text) {
            return false;
        }
        let numbers = line
            .text
            .split(is_space)
            .filter(|t| t.chars().next().is_some_and(is_digit))
            .count();
        numbers as f64 <= self.limits.repeat_max_number_share * line.words as f64
    }

    fn headline(&self, j: usize) -> bool {
        let line = &self.lines[j];
        line.kind != Kind::List
            && is_headline_shaped(
                line.text,
                line.words,
                line.terminal,
                self.limits.headline_max_words,
            )
            && worded(line.text, self.limits.headline_min_words)
    }

    fn shouting(&self, i: usize) -> bool {
        let line = &self.lines[i];
        if line.words < self.limits.shout_min_words
            || line.words > self.limits.headline_max_words
            || line.terminal
        {
            return false;
        }
        is_upper(line.text)
    }

    fn beside_headline(&self, i: usize) -> bool {
        let here = self.lines[i].position;
        let beside = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .any(|j| {
                j < self.lines.len()
                    && self.lines[j].position == here
                    && self.lines[j].hit.is_none()
                    && self.headline(j)
            });
        beside && worded(self.lines[i].text, self.limits.headline_min_words)
    }

    fn holds(&self, predicate: Predicate, i: usize) -> bool {
        match predicate {
            Predicate::Repeated => self.repeated(i),
            Predicate::Headline => self.headline(i),
            Predicate::Shouting => self.shouting(i),
            Predicate::BesideHeadline => self.beside_headline(i),
            Predicate::Always => true,
        }
    }

    /// The first rule that removes line `i`: a repeat of the title, then the phrase rule that
    /// matched it where that rule applies, then the positional rules allowed at its place
    /// (`places[position * 2 + edge]`, in rule order).
    pub fn verdict(
        &self,
        i: usize,
        title_rule: bool,
        places: &[Vec<(usize, Predicate)>; 6],
    ) -> Verdict {
        if title_rule && !self.title_keys.is_empty() && self.repeats_title(i) {
            return Verdict::Title;
        }
        let line = &self.lines[i];
        let edge = self.is_edge(i);
        if let Some(hit) = line.hit {
            if hit.allows(line.position, edge) {
                return Verdict::Hit;
            }
        }
        let place = line.position as usize * 2 + edge as usize;
        for &(rule, predicate) in &places[place] {
            if self.holds(predicate, i) {
                return Verdict::Rule(rule);
            }
        }
        Verdict::Kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(normalise("  Hello, World!  "), "hello world");
        assert_eq!(normalise("__x__y"), "x y");
        assert_eq!(title_key("Big News Today - The Site"), "big news today");
        assert_eq!(
            title_key("A long headline about things | Site"),
            "a long headline about things"
        );
        assert_eq!(title_key("x | "), "x");
    }

    #[test]
    fn words() {
        assert!(worded("Read the story", 2));
        assert!(!worded("$ 12.99", 2));
        assert!(is_headline_shaped("Is it?", 2, true, 20));
        assert!(!is_headline_shaped("It is.", 2, true, 20));
    }
}
