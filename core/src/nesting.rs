//! The cheap upper bound on a page's nesting that decides whether the nesting cap's scan runs:
//! per slice of the page, the depth at its start (start tags before it minus end tags, never
//! below zero) plus its start tags. Counts tags the way `str.count` over each slice did.

const VOID_STARTS: &[&[u8]] = &[
    b"br", b"img", b"meta", b"input", b"link", b"hr", b"wbr", b"source",
];

/// (start tags, end tags) within `part`: every `<` that does not open an end tag, a `<!`
/// (comment, doctype) or a void element's tag is a start tag. A tag cut by the slice's end
/// counts only as far as the slice reaches.
fn counts(part: &[u8]) -> (i64, i64) {
    let (mut lt, mut closes, mut other) = (0i64, 0i64, 0i64);
    let mut from = 0usize;
    while let Some(found) = part[from..].iter().position(|&b| b == b'<') {
        let p = from + found;
        from = p + 1;
        lt += 1;
        let rest = &part[p + 1..];
        match rest.first() {
            Some(b'/') => closes += 1,
            Some(b'!') => other += 1,
            Some(b'b' | b'i' | b'm' | b'l' | b'h' | b'w' | b's')
                if VOID_STARTS.iter().any(|v| rest.starts_with(v)) =>
            {
                other += 1
            }
            _ => {}
        }
    }
    (lt - closes - other, closes)
}

/// Whether `html` may nest deeper than `limit`, read in slices of `slice` code points.
pub fn may_nest_deeper(html: &str, limit: i64, slice: usize) -> bool {
    let bytes = html.as_bytes();
    let slice = slice.max(1);
    let ascii = html.is_ascii();
    let mut depth = 0i64;
    let mut start = 0usize;
    while start < bytes.len() {
        let end = if ascii {
            (start + slice).min(bytes.len())
        } else {
            after_chars(bytes, start, slice)
        };
        let (opens, closes) = counts(&bytes[start..end]);
        if depth + opens > limit {
            return true;
        }
        depth = (depth + opens - closes).max(0);
        start = end;
    }
    false
}

/// The byte offset `n` code points after `start` (or the end) in valid UTF-8.
fn after_chars(bytes: &[u8], start: usize, n: usize) -> usize {
    let mut seen = 0usize;
    for (i, &b) in bytes[start..].iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if seen == n {
                return start + i;
            }
            seen += 1;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        let deep = "<div>".repeat(50);
        assert!(may_nest_deeper(&deep, 10, 1024));
        assert!(!may_nest_deeper(&"<p>x</p>".repeat(1000), 200, 1024));
        assert!(!may_nest_deeper(
            &"<br><img src=x><!-- c -->".repeat(100),
            10,
            1024
        ));
        assert!(may_nest_deeper(&"é<div>".repeat(50), 10, 7));
    }
}
