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
/// Python 3.11: the two agree on every one its Unicode 14 assigns; 9,392 that it leaves
/// unassigned are letters or digits in the newer tables of unicode-general-category 1.1, and
/// count as such here; tests/extract/test_confidence.py checks the assigned ones).
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

/// `str.isdecimal()`: a decimal digit of any script (category Nd).
#[inline]
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    get_general_category(c) == G::DecimalNumber
}

/// `str.isdigit()`: a decimal digit, or one of the other digits (superscripts, circled and
/// parenthesised digits...) Python 3.11's tables give Numeric_Type=Digit.
#[inline]
pub fn is_digit(c: char) -> bool {
    const OTHER_DIGITS: &[(u32, u32)] = &[
        (178, 179),
        (185, 185),
        (4969, 4977),
        (6618, 6618),
        (8304, 8304),
        (8308, 8313),
        (8320, 8329),
        (9312, 9320),
        (9332, 9340),
        (9352, 9360),
        (9450, 9450),
        (9461, 9469),
        (9471, 9471),
        (10102, 10110),
        (10112, 10120),
        (10122, 10130),
        (68160, 68163),
        (69216, 69224),
        (69714, 69722),
        (127232, 127242),
    ];
    if is_decimal(c) {
        return true;
    }
    let n = c as u32;
    !c.is_ascii()
        && OTHER_DIGITS
            .iter()
            .any(|&(low, high)| low <= n && n <= high)
}

/// A letter of a word as `re`'s `[^\W\d_]` reads it: `str.isalnum()` but not a decimal digit.
#[inline]
pub fn is_letter(c: char) -> bool {
    is_alnum(c) && !is_decimal(c)
}

/// `s.isupper()`: at least one cased character, and no lower or title case one.
pub fn is_upper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() || (!c.is_ascii() && get_general_category(c) == G::TitlecaseLetter) {
            return false;
        }
        if !cased && c.is_uppercase() {
            cased = true;
        }
    }
    cased
}
