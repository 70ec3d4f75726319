//! The cheap shape of a line the region finder, the predicates and the phrase matcher read:
//! its match key, word count, whether it ends a sentence, and whether it looks like a table
//! row, a list item or a line of code.

use std::sync::LazyLock;

use regex::Regex;

use crate::pychars::{is_alnum, strip};
use crate::text::{is_sentence_end, CLOSERS};

/// Python's `\s` and `\w` (str patterns), spelt out: the regex crate's own classes differ on
/// the information separators and on combining marks.
macro_rules! py_class {
    ($pattern:expr) => {
        $pattern
            .replace(r"\s", r"[\s\x1c-\x1f]")
            .replace(r"\S", r"[^\s\x1c-\x1f]")
            .replace(r"\w", r"[\p{L}\p{N}_]")
    };
}

/// "1. ", "(2) ", "a) ", "iv. " and the like, then a word.
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&py_class!(
        r"^(?:\(?\d{1,3}[.)]|[a-z][.)]|[ivx]{1,4}[.)])\s+\S"
    ))
    .unwrap()
});

/// Lines that read as source code: a prompt or keyword first (followed by a non-word
/// character: Python's `\b` after a word), a brace or semicolon last, a call, an assignment,
/// a tag.
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&py_class!(concat!(
        r"^(?:>>>|\$ |#include|(?:def|class|import|from|return|fn|let|const|var|function|if|for|while|else|elif|",
        r"try|except|catch|public|private|static|async|await|pub|use|package|func|SELECT|INSERT|UPDATE|CREATE)",
        r"(?:$|[^\w]))",
        r"|[{};]\s*$|^\s*[}\])]|\w\(.*\)\s*$|^[\w.]+\s*[+\-*/]?=\s*\S|</?\w+[^>]*>"
    )))
    .unwrap()
});

/// Leading characters that are list markers or decoration, never words.
const LEAD: &[char] = &[
    ' ', '\t', '\u{a0}', '•', '·', '▪', '►', '▸', '*', '–', '—', '-', '»', '>', '|', '#',
];
/// Leading characters that patterns read (brackets, ©, @, quotes, currency); any other
/// leading symbol is decoration.
const KEEP_LEADING: &[char] = &[
    '[', '(', '©', 'ⓒ', '@', '$', '€', '£', '"', '\'', '“', '‘', '«', '<',
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Text,
    Table,
    List,
    Code,
}

/// The form of a line that phrase patterns see: list markers, decoration ("♥ DONATE ♥",
/// "👉 https://…") and outer spaces stripped. Always a slice of `line`.
pub fn match_key(line: &str) -> &str {
    let key = strip(strip(line).trim_start_matches(LEAD));
    match key.chars().next() {
        Some(c) if !is_alnum(c) && !KEEP_LEADING.contains(&c) => key
            .trim_start_matches(|c: char| !(is_alnum(c) || c == '_' || KEEP_LEADING.contains(&c))),
        _ => key,
    }
}

#[inline]
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Words separated by spaces; in Chinese and Japanese, where nothing separates them, two
/// characters count as a word.
pub fn count_words(text: &str) -> usize {
    let spaces = text.bytes().filter(|&b| b == b' ').count();
    if text.is_ascii() {
        return spaces + 1;
    }
    spaces + 1 + text.chars().filter(|&c| is_cjk(c)).count() / 2
}

/// Whether the line ends a sentence, closing quotes and brackets aside.
pub fn is_terminal(text: &str) -> bool {
    text.trim_end_matches(CLOSERS)
        .chars()
        .next_back()
        .is_some_and(is_sentence_end)
}

pub fn kind(text: &str, terminal: bool, code_max: usize) -> Kind {
    if text.starts_with('|') || text.ends_with('|') {
        Kind::Table
    } else if LIST_ITEM.is_match(text) {
        Kind::List
    } else if !terminal && crate::pychars::char_len(text) <= code_max && CODE.is_match(text) {
        Kind::Code
    } else {
        Kind::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(match_key("  • Read more  "), "Read more");
        assert_eq!(match_key("♥ DONATE ♥"), "DONATE ♥");
        assert_eq!(match_key("(AP) story"), "(AP) story");
        assert_eq!(match_key("_x"), "_x");
        assert_eq!(match_key("\u{1c}x\u{1f}"), "x");
    }

    #[test]
    fn shapes() {
        assert_eq!(count_words("a b c"), 3);
        assert_eq!(count_words("日本語です"), 3);
        assert!(is_terminal("It ended.”"));
        assert!(!is_terminal("Menu"));
        assert_eq!(kind("| a | b |", false, 400), Kind::Table);
        assert_eq!(kind("1. First", false, 400), Kind::List);
        assert_eq!(kind("def main():", false, 400), Kind::Code);
        assert_eq!(kind("define the term", false, 400), Kind::Text);
        assert_eq!(kind("if", false, 400), Kind::Code);
        assert!(!crate::pychars::is_space('x') && crate::pychars::is_space('\u{3000}'));
    }
}
