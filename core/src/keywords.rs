//! Whether a class or id value names boilerplate (the pre-pass drops such elements): the value
//! is cut into tokens at runs of whitespace, `_` and `-` and where a lower-case ASCII letter
//! meets an upper-case one (`shareBar` → share, bar), the tokens lower-cased; it names one of
//! the keywords when a token is one, or two neighbours are, joined by `-` or by nothing. Pages
//! repeat few values, but many sites' values are new to every page: this was a regular
//! expression split and a few string joins a value, the pre-pass's largest Python cost.

use rustc_hash::FxHashSet;

use crate::pychars::is_space;

/// The keywords, in FxHash: the table's keys are the shipped (or a user's) keywords, fixed
/// before any page is read; a page's tokens are only looked up, so no input builds the table.
pub struct Keywords(FxHashSet<String>);

impl Keywords {
    pub fn new(words: Vec<String>) -> Self {
        Keywords(words.into_iter().collect())
    }

    pub fn named_by(&self, value: &str) -> bool {
        let tokens = tokens(value);
        if tokens.iter().any(|t| self.0.contains(t.as_str())) {
            return true;
        }
        let mut joined = String::new();
        tokens.windows(2).any(|pair| {
            for sep in ["-", ""] {
                joined.clear();
                joined.push_str(&pair[0]);
                joined.push_str(sep);
                joined.push_str(&pair[1]);
                if self.0.contains(joined.as_str()) {
                    return true;
                }
            }
            false
        })
    }
}

/// The lower-cased tokens of `value`, as `re.split(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])", value)`
/// without the empty ones, each `.lower()`ed.
fn tokens(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut previous = '\0';
    for (i, c) in value.char_indices() {
        if c == '_' || c == '-' || is_space(c) {
            if let Some(s) = start.take() {
                out.push(value[s..i].to_lowercase());
            }
        } else {
            match start {
                None => start = Some(i),
                Some(s) if previous.is_ascii_lowercase() && c.is_ascii_uppercase() => {
                    out.push(value[s..i].to_lowercase());
                    start = Some(i);
                }
                _ => {}
            }
        }
        previous = c;
    }
    if let Some(s) = start {
        out.push(value[s..].to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_like_the_pattern() {
        assert_eq!(
            tokens("shareBar  social_links-top"),
            ["share", "bar", "social", "links", "top"]
        );
        assert_eq!(tokens("--a__B"), ["a", "b"]);
        assert_eq!(tokens("HTMLParser"), ["htmlparser"]);
        assert_eq!(tokens("x\u{a0}y\u{1c}z"), ["x", "y", "z"]);
        assert!(tokens(" _- ").is_empty());
    }

    #[test]
    fn names_by_token_or_joined_pair() {
        let k = Keywords::new(vec![
            "share".into(),
            "related-posts".into(),
            "newsletter".into(),
        ]);
        assert!(k.named_by("post shareBar"));
        assert!(k.named_by("related_posts"));
        assert!(k.named_by("relatedPosts"));
        assert!(k.named_by("news letter"));
        assert!(!k.named_by("content main"));
        assert!(!k.named_by(""));
    }
}
