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
    for p in memchr::memchr_iter(b'<', part) {
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
/// A page with no more `<` than `limit` cannot, and is not sliced at all.
pub fn may_nest_deeper(html: &str, limit: i64, slice: usize) -> bool {
    let bytes = html.as_bytes();
    if (memchr::memchr_iter(b'<', bytes).count() as i64) <= limit {
        return false;
    }
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

/// The byte offset `n` code points after `start` (or the end) in valid UTF-8. Whole blocks
/// of bytes are counted at once (a loop the compiler vectorises), the last one byte by byte.
fn after_chars(bytes: &[u8], start: usize, n: usize) -> usize {
    const BLOCK: usize = 64;
    let starts = |part: &[u8]| part.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    let mut seen = 0usize;
    let mut at = start;
    while at + BLOCK <= bytes.len() {
        let here = starts(&bytes[at..at + BLOCK]);
        if seen + here > n {
            break;
        }
        seen += here;
        at += BLOCK;
    }
    for (i, &b) in bytes[at..].iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if seen == n {
                return at + i;
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
        assert!(!may_nest_deeper(&"<div>".repeat(10), 10, 1024));
    }

    /// The block-wise count lands on the same byte as counting one code point at a time.
    #[test]
    fn after_chars_by_blocks() {
        let text = "aé日😀".repeat(100);
        let bytes = text.as_bytes();
        for start in text.char_indices().map(|(i, _)| i).step_by(7) {
            for n in [0, 1, 5, 63, 64, 65, 200, 1000] {
                let slow = text[start..]
                    .char_indices()
                    .nth(n)
                    .map_or(bytes.len(), |(i, _)| start + i);
                assert_eq!(after_chars(bytes, start, n), slow, "start {start} n {n}");
            }
        }
    }
}
