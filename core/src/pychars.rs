//! Python's own character classes, so that the compiled core decides exactly as `str` methods
//! did: Rust's `char::is_whitespace` and `is_alphanumeric` differ from `str.isspace` and
//! `str.isalnum` on a few dozen characters, and a line's fate must not depend on which side of
//! the binding read it.

use unicode_general_category::{get_general_category, GeneralCategory as G};

/// `str.isspace()`: Unicode White_Space plus the four ASCII information separators.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `str.isalnum()`: a letter or a number of any kind (checked over every code point of
/// Python 3.11: the two agree on all of them).
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::DecimalNumber
            | G::LetterNumber
            | G::OtherNumber
    )
}

/// `str.islower()` of one character: the Lowercase property.
#[inline]
pub fn is_lower(c: char) -> bool {
    c.is_lowercase()
}

/// `s.strip()` without arguments.
#[inline]
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Number of code points: Python's `len`, and the unit of every offset handed back.
#[inline]
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}
