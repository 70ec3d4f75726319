//! Finding the article body in a text's lines: each line weighed (sentences for, menu items,
//! headlines and rule hits against), the maximum-sum run taken as the body, and every line
//! placed in the head, the body or the tail (why, rule by rule, is in
//! `cleaner/clean/region.py`, which calls this).

pub use crate::predicates::Position;
use crate::shapes::Kind;

/// What a phrase rule that matched a line says about the body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Hit {
    /// The line ends any body before it (a comment section starts).
    pub barrier: bool,
    /// The line marks the body's end ("Source link", "Originally published at").
    pub ends_body: bool,
    /// The rule's name, numbered: the kinds of boilerplate on the page are counted by name.
    pub name: usize,
}

/// One line as the region finder sees it.
pub struct Line {
    pub words: usize,
    pub terminal: bool,
    pub kind: Kind,
    pub hit: Option<Hit>,
}

/// The settings the region finder reads (`cleaner/settings.py`).
pub struct Limits {
    pub barrier_penalty: f64,
    pub end_marker_penalty: f64,
    pub rule_hit_penalty: f64,
    pub min_sentence_words: usize,
    pub long_unpunctuated_weight: f64,
    pub long_line_words: usize,
    pub short_line_penalty: f64,
    pub body_before_barrier: f64,
    pub min_body_weight: f64,
    pub min_body_share: f64,
    pub min_body_sentences: usize,
    pub furniture_min_lines: usize,
    pub furniture_min_share: f64,
    pub headline_max_words: usize,
    pub page_min_signals: usize,
    pub page_min_kinds: usize,
}

/// How much a line pulls the body region towards itself (positive) or away (negative).
pub fn weigh(line: &Line, limits: &Limits) -> f64 {
    if let Some(hit) = line.hit {
        if hit.barrier {
            return -limits.barrier_penalty;
        }
        if hit.ends_body {
            return -limits.end_marker_penalty;
        }
        return -(limits.rule_hit_penalty + line.words as f64);
    }
    if line.terminal {
        return if line.words >= limits.min_sentence_words {
            line.words as f64
        } else {
            0.0
        };
    }
    if line.kind == Kind::Code {
        return 0.0;
    }
    if line.kind != Kind::Text || line.words >= limits.long_line_words {
        return line.words as f64 * limits.long_unpunctuated_weight;
    }
    -limits.short_line_penalty
}

/// First and last index of the body (the last is -1 for no lines): the maximum-sum run before
/// the first barrier that follows some body; the whole text when no run stands out.
pub fn body_region(lines: &[Line], weights: &[f64], limits: &Limits) -> (usize, i64) {
    let mut before = 0.0;
    let mut upto = weights.len();
    for (i, line) in lines.iter().enumerate() {
        if line.hit.is_some_and(|h| h.barrier) && before >= limits.body_before_barrier {
            upto = i;
            break;
        }
        before += if weights[i] > 0.0 { weights[i] } else { 0.0 };
    }
    let (mut best, mut best_start, mut best_end) = (0.0, 0usize, -1i64);
    let (mut current, mut start) = (0.0, 0usize);
    for (i, &w) in weights[..upto].iter().enumerate() {
        if current <= 0.0 {
            current = w;
            start = i;
        } else {
            current += w;
        }
        if current > best {
            best = current;
            best_start = start;
            best_end = i as i64;
        }
    }
    let mut total = 0.0;
    for &w in &weights[..upto] {
        if w > 0.0 {
            total += w;
        }
    }
    if best < limits.min_body_weight || best < limits.min_body_share * total {
        return (0, lines.len() as i64 - 1);
    }
    (best_start, best_end)
}

/// Where each line stands, given the body run `start..=end`: a whole page's text has its
/// furniture around the run cut as head and tail; an extractor's output only what rule hits
/// say (see `cleaner/clean/region.py`'s `frame`).
pub fn frame(
    lines: &[Line],
    start: usize,
    end: i64,
    signals: &[usize],
    limits: &Limits,
) -> Vec<Position> {
    let n = lines.len();
    let after = ((end + 1).max(0) as usize).min(n);
    let start = start.min(n);
    let mut positions = vec![Position::Body; n];
    let (head, tail) = (&lines[..start], &lines[after..]);
    let page =
        is_full_page(lines, signals, limits) && is_article(&lines[start..after.max(start)], limits);
    let head_end = if page && is_furniture(head, limits) {
        start
    } else {
        last_head_hit(head, limits).map_or(0, |i| i + 1)
    };
    for p in &mut positions[..head_end.min(n)] {
        *p = Position::Head;
    }
    let tail_start = if page && is_furniture(tail, limits) {
        after
    } else {
        first_tail_hit(tail, after, n, limits)
    };
    for p in &mut positions[tail_start.min(n)..] {
        *p = Position::Tail;
    }
    positions
}

fn sentence(line: &Line, limits: &Limits) -> bool {
    line.terminal && line.words >= limits.min_sentence_words
}

/// The last rule hit of the head when only titles, labels and hits precede it.
fn last_head_hit(head: &[Line], limits: &Limits) -> Option<usize> {
    let mut last = None;
    for (i, line) in head.iter().enumerate() {
        if line.hit.is_some() {
            last = Some(i);
        } else if sentence(line, limits) {
            break;
        }
    }
    last
}

/// Where the tail starts (`offset`: the tail's first index; `total` when none does): an end
/// marker, or a hit with no sentence (nor list item, nor table row) after it.
fn first_tail_hit(tail: &[Line], offset: usize, total: usize, limits: &Limits) -> usize {
    let mut sentence_after = false;
    let mut start = total;
    for (i, line) in tail.iter().enumerate().rev() {
        if let Some(hit) = line.hit {
            if hit.ends_body || hit.barrier || !sentence_after {
                start = offset + i;
            }
        } else if matches!(line.kind, Kind::List | Kind::Table) || sentence(line, limits) {
            sentence_after = true;
        }
    }
    start
}

/// A whole page's visible text rather than an extractor's output: the page's interface shows
/// through (`signals`: the numbers of the rule names that say so), or many kinds of boilerplate.
fn is_full_page(lines: &[Line], signals: &[usize], limits: &Limits) -> bool {
    let mut count = 0;
    let mut kinds: Vec<usize> = Vec::new();
    for hit in lines.iter().filter_map(|l| l.hit) {
        if !kinds.contains(&hit.name) {
            kinds.push(hit.name);
        }
        count += usize::from(signals.contains(&hit.name));
    }
    count >= limits.page_min_signals || kinds.len() >= limits.page_min_kinds
}

fn is_article(body: &[Line], limits: &Limits) -> bool {
    body.iter().filter(|l| sentence(l, limits)).count() >= limits.min_body_sentences
}

/// A long run of lines that are mostly menu items, labels, headlines and rule hits.
fn is_furniture(lines: &[Line], limits: &Limits) -> bool {
    if lines.len() < limits.furniture_min_lines {
        return false;
    }
    let shaped = lines
        .iter()
        .filter(|l| {
            l.hit.is_some()
                || (l.kind == Kind::Text && !l.terminal && l.words <= limits.headline_max_words)
        })
        .count();
    shaped as f64 >= limits.furniture_min_share * lines.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        barrier_penalty: 1e9,
        end_marker_penalty: 40.0,
        rule_hit_penalty: 10.0,
        min_sentence_words: 3,
        long_unpunctuated_weight: 0.5,
        long_line_words: 20,
        short_line_penalty: 4.0,
        body_before_barrier: 50.0,
        min_body_weight: 12.0,
        min_body_share: 0.3,
        min_body_sentences: 2,
        furniture_min_lines: 10,
        furniture_min_share: 0.6,
        headline_max_words: 20,
        page_min_signals: 2,
        page_min_kinds: 4,
    };

    fn line(words: usize, terminal: bool) -> Line {
        Line {
            words,
            terminal,
            kind: Kind::Text,
            hit: None,
        }
    }

    fn hit(words: usize, ends_body: bool, name: usize) -> Line {
        Line {
            words,
            terminal: false,
            kind: Kind::Text,
            hit: Some(Hit {
                barrier: false,
                ends_body,
                name,
            }),
        }
    }

    fn region(lines: &[Line]) -> (usize, i64, Vec<Position>) {
        let weights: Vec<f64> = lines.iter().map(|l| weigh(l, &LIMITS)).collect();
        let (start, end) = body_region(lines, &weights, &LIMITS);
        (start, end, frame(lines, start, end, &[0], &LIMITS))
    }

    #[test]
    fn the_body_is_the_heaviest_run_and_hits_around_it_are_head_and_tail() {
        use Position::*;
        let lines = [
            hit(2, false, 1),
            line(2, false),
            line(12, true),
            line(15, true),
            hit(2, true, 2),
            line(14, true),
        ];
        let (start, end, positions) = region(&lines);
        assert_eq!((start, end), (2, 3)); // the label before the body pulls away, and stays body
        assert_eq!(positions, vec![Head, Body, Body, Body, Tail, Tail]);
    }

    #[test]
    fn no_run_that_stands_out_is_the_whole_text_and_no_lines_is_none() {
        let lines = [line(2, false), line(3, true), line(2, false)];
        assert_eq!(region(&lines).0..region(&lines).1 as usize, 0..2);
        assert_eq!(region(&[]), (0, -1, vec![]));
    }
}
