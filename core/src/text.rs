//! Plain text into the pieces that become blocks: lines split at CR, LF and CRLF only, each
//! made visible (controls dropped, blank runs collapsed, ends stripped), over-long lines cut at
//! spaces, and hard-wrapped lines joined back into their paragraph. Offsets are code points
//! into the source, as Python's `str` counts them.

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem;

use crate::pychars::{char_len, is_lower, strip};

/// Closing punctuation and quotes a sentence may end behind.
pub const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '»', ')', ']', '›', '」', '』', '*', '_', ' ', '\u{a0}',
];

#[inline]
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// The blanks a reader collapses beside spaces and control characters.
const ODD_BLANKS: [char; 3] = ['\u{a0}', '\u{200b}', '\u{3000}'];

/// What a reader collapses to one space: spaces, tabs, odd blanks and control characters
/// (NUL among them); line breaks never reach here.
#[inline]
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}')
        || ODD_BLANKS.contains(&c)
}

/// A line as rules read it (`visible` in the Python reader's words): most lines are already,
/// and are handed back as they are, not copied.
pub fn visible(raw: &str) -> Cow<'_, str> {
    if already_visible(raw) {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(collapsed(raw))
    }
}

/// `raw` with each run of blanks made one space and its ends stripped, character by character.
fn collapsed(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank = false;
    for c in raw.chars() {
        if is_blank(c) {
            blank = true;
            continue;
        }
        if blank {
            out.push(' ');
            blank = false;
        }
        out.push(c);
    }
    let kept = strip(&out);
    if kept.len() == out.len() {
        out
    } else {
        kept.to_owned()
    }
}

/// Whether `visible` would give `raw` back as it is (most lines of a text): no control
/// character (any byte under 0x20, or DEL: line breaks never reach here), no two spaces in a
/// row, no odd blank, nothing to strip at its ends. Found by whole-line byte searches, several
/// times faster than walking its characters.
fn already_visible(raw: &str) -> bool {
    // Two spaces, then each odd blank in UTF-8.
    static BLANKS: LazyLock<Vec<memmem::Finder<'static>>> = LazyLock::new(|| {
        std::iter::once("  ".to_owned())
            .chain(ODD_BLANKS.iter().map(|c| c.to_string()))
            .map(|b| memmem::Finder::new(b.as_bytes()).into_owned())
            .collect()
    });
    let b = raw.as_bytes();
    match (b.first(), b.last()) {
        (None, _) | (_, None) => return true,
        (Some(&first), Some(&last)) if first == b' ' || last == b' ' => return false,
        _ => {}
    }
    let control = b.chunks(64).any(|chunk| {
        chunk
            .iter()
            .fold(false, |seen, &c| seen | (c < 0x20) | (c == 0x7f))
    });
    if control {
        return false;
    }
    let blanks: &[memmem::Finder<'static>] = if raw.is_ascii() {
        &BLANKS[..1]
    } else {
        &BLANKS[..]
    };
    if blanks.iter().any(|finder| finder.find(b).is_some()) {
        return false;
    }
    strip(raw).len() == raw.len()
}

/// One non-blank piece of a line: its visible text, code-point span, 1-based line number.
struct Piece<'a> {
    text: Cow<'a, str>,
    start: usize,
    end: usize,
    line: usize,
}

/// (byte start, byte end, char start, char end) of every line, without its line break.
fn line_spans(source: &str) -> Vec<(usize, usize, usize, usize)> {
    let bytes = source.as_bytes();
    let ascii = source.is_ascii();
    let mut spans = Vec::new();
    let (mut start, mut cstart) = (0usize, 0usize);
    while let Some(found) = memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
        let i = start + found;
        let line = &source[start..i];
        let clen = if ascii { line.len() } else { char_len(line) };
        spans.push((start, i, cstart, cstart + clen));
        let step = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        start = i + step;
        cstart += clen + step;
    }
    if start < bytes.len() {
        let line = &source[start..];
        let clen = if ascii { line.len() } else { char_len(line) };
        spans.push((start, bytes.len(), cstart, cstart + clen));
    }
    spans
}

fn pieces(source: &str, limit: usize) -> Vec<Piece<'_>> {
    let mut out: Vec<Piece<'_>> = Vec::new();
    for (number, (bstart, bend, cstart, cend)) in line_spans(source).into_iter().enumerate() {
        let line = &source[bstart..bend];
        if cend - cstart <= limit {
            let text = visible(line);
            if !text.is_empty() {
                out.push(Piece {
                    text,
                    start: cstart,
                    end: cend,
                    line: number + 1,
                });
            }
            continue;
        }
        // An over-long line: cut every `limit` code points, back to the last space in the
        // second half of the piece where there is one.
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let n = chars.len();
        let byte_at = |k: usize| if k < n { chars[k].0 } else { line.len() };
        let mut cut = 0usize;
        while cut < n {
            let mut stop = (cut + limit).min(n);
            if stop < n {
                let from = cut + limit / 2;
                if let Some(space) = (from..stop).rev().find(|&k| chars[k].1 == ' ') {
                    if space > cut {
                        stop = space;
                    }
                }
            }
            let text = visible(&line[byte_at(cut)..byte_at(stop)]);
            if !text.is_empty() {
                out.push(Piece {
                    text,
                    start: cstart + cut,
                    end: cstart + stop,
                    line: number + 1,
                });
            } else if let Some(last) = out.last_mut() {
                if last.end == cstart + cut {
                    last.end = cstart + stop; // a blank piece: the previous one extends over it
                }
            }
            cut = stop;
        }
    }
    out
}

/// Whether `line` carries on the hard-wrapped paragraph that `previous` ends (`size` code
/// points so far): it starts in lower case, stays under the line-length limit, and `previous`
/// stops mid-sentence (long, cut by wrapping) or `line` is more than one word.
pub fn carries_on(previous: &str, line: &str, size: usize, limit: usize, wrap_min: usize) -> bool {
    match line.chars().next() {
        Some(c) if is_lower(c) => {}
        _ => return false,
    }
    if size + char_len(line) >= limit {
        return false;
    }
    let tail = previous.trim_end_matches(CLOSERS);
    match tail.chars().next_back() {
        None => return false,
        Some(c) if is_sentence_end(c) || c == ':' => return false,
        _ => {}
    }
    if previous.bytes().filter(|&b| b == b' ').count() < 3 {
        return false;
    }
    char_len(previous) >= wrap_min || line.contains(' ')
}

/// The blocks of a plain text: (text, start, end, line) of each, hard-wrapped pieces joined
/// with a space.
pub fn read_text<'a>(
    source: &'a str,
    limit: usize,
    wrap_min: usize,
) -> Vec<(Cow<'a, str>, usize, usize, usize)> {
    let mut blocks = Vec::new();
    let mut group: Vec<Piece<'a>> = Vec::new();
    let mut size = 0usize;
    let flush = |group: &mut Vec<Piece<'a>>,
                 blocks: &mut Vec<(Cow<'a, str>, usize, usize, usize)>| {
        if group.is_empty() {
            return;
        }
        let (start, line) = (group[0].start, group[0].line);
        let end = group[group.len() - 1].end;
        let text = if group.len() == 1 {
            std::mem::take(&mut group[0].text)
        } else {
            Cow::Owned(
                group
                    .iter()
                    .map(|p| p.text.as_ref())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        blocks.push((text, start, end, line));
        group.clear();
    };
    for piece in pieces(source, limit) {
        if let Some(last) = group.last() {
            if carries_on(&last.text, &piece.text, size, limit, wrap_min) {
                size += char_len(&piece.text) + 1;
                group.push(piece);
                continue;
            }
        }
        flush(&mut group, &mut blocks);
        size = char_len(&piece.text);
        group.push(piece);
    }
    flush(&mut group, &mut blocks);
    blocks
}

/// Indexes of the lines that make one hard-wrapped paragraph each (see `carries_on`).
pub fn wrapped_groups(lines: &[&str], limit: usize, wrap_min: usize) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut size = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if let Some(group) = groups.last_mut() {
            let previous = lines[group[group.len() - 1]];
            if carries_on(previous, line, size, limit, wrap_min) {
                group.push(i);
                size += char_len(line) + 1;
                continue;
            }
        }
        groups.push(vec![i]);
        size = char_len(line);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut gives what the character walk gives, on lines with and without blanks.
    #[test]
    fn visible_shortcut_agrees() {
        let cases = [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\u{a0}b",
            "a\u{200b}b",
            "a\u{3000}b",
            "\u{2003}a",
            "a\u{2003}",
            "a\u{2003}b",
            "é ü",
            "a\u{7f}b",
            "a\u{0}b",
            "日本 語",
            "a\u{c}",
            "\u{85}a",
            "a\u{2028}",
        ];
        for case in cases {
            assert_eq!(visible(case), collapsed(case), "{case:?}");
        }
    }
}
