//! `cleaner._core`: the per-line work of reading and judging a text, compiled. Python keeps the
//! document model and the decisions; this module turns a text into its blocks' pieces and each
//! line into its shape, exactly as the `str` methods and `re` patterns they replace did.

mod keywords;
mod language;
mod nesting;
mod predicates;
mod prefilter;
mod pychars;
mod region;
mod shapes;
mod text;
mod words;

use std::borrow::Cow;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyList, PyString, PyTuple};

/// read_text(source, limit, wrap_min) -> list[tuple[str, int, int, int]]
///
/// (visible text, start, end, 1-based line) of each block of a plain text: non-blank lines,
/// over-long ones cut at spaces into pieces of at most `limit` code points, hard-wrapped lines
/// joined. Offsets are code points into `source`.
#[pyfunction]
fn read_text(
    source: &str,
    limit: usize,
    wrap_min: usize,
) -> Vec<(Cow<'_, str>, usize, usize, usize)> {
    text::read_text(source, limit.max(1), wrap_min)
}

/// wrapped_groups(lines, limit, wrap_min) -> list[list[int]]
///
/// Indexes of the lines that make one hard-wrapped paragraph each.
#[pyfunction]
fn wrapped_groups(lines: Vec<String>, limit: usize, wrap_min: usize) -> Vec<Vec<usize>> {
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    text::wrapped_groups(&refs, limit, wrap_min)
}

/// match_key(line) -> str: the form of a line that phrase patterns see.
#[pyfunction]
fn match_key<'py>(py: Python<'py>, line: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
    let text = line.to_str()?;
    let key = shapes::match_key(text);
    Ok(if key.len() == text.len() {
        line.clone()
    } else {
        PyString::new(py, key)
    })
}

/// line_shapes(texts, code_max, headline_max_words) -> list[tuple[str, int, bool, str, bool]]
///
/// (match key, words, ends a sentence, kind, headline-shaped) of each line; kind is ``text``,
/// ``table``, ``list`` or ``code``. A key equal to its line is the line's own str object.
#[pyfunction]
fn line_shapes<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyList>,
    code_max: usize,
    headline_max_words: usize,
) -> PyResult<Bound<'py, PyList>> {
    let kinds = [
        intern!(py, "text"),
        intern!(py, "table"),
        intern!(py, "list"),
        intern!(py, "code"),
    ];
    let out = PyList::empty(py);
    for item in texts.iter() {
        let line = item.downcast::<PyString>()?;
        let text = line.to_str()?;
        let key = shapes::match_key(text);
        let key = if key.len() == text.len() {
            line.clone()
        } else {
            PyString::new(py, key)
        };
        let terminal = shapes::is_terminal(text);
        let kind = match shapes::kind(text, terminal, code_max) {
            shapes::Kind::Text => kinds[0],
            shapes::Kind::Table => kinds[1],
            shapes::Kind::List => kinds[2],
            shapes::Kind::Code => kinds[3],
        };
        let count = shapes::count_words(text);
        let shaped = predicates::is_headline_shaped(text, count, terminal, headline_max_words);
        let words = count.into_pyobject(py)?;
        let items = [
            key.into_any(),
            words.into_any(),
            PyBool::new(py, terminal).to_owned().into_any(),
            kind.clone().into_any(),
            PyBool::new(py, shaped).to_owned().into_any(),
        ];
        out.append(PyTuple::new(py, items)?)?;
    }
    Ok(out)
}

fn strs<'py>(list: &Bound<'py, PyList>) -> PyResult<Vec<Bound<'py, PyString>>> {
    list.iter()
        .map(|item| Ok(item.downcast_into::<PyString>()?))
        .collect()
}

/// Places(places): a rule set's positional rules by place, sorted out once: six lists, by
/// position head/body/tail times 2 plus edge, of (rule number, predicate 0..4 for repeated,
/// headline, shouting, beside-headline, always).
#[pyclass(frozen)]
struct Places([Vec<(usize, predicates::Predicate)>; 6]);

#[pymethods]
impl Places {
    #[new]
    fn new(places: Vec<Vec<(usize, u8)>>) -> PyResult<Self> {
        use predicates::Predicate;
        let bad = |what: String| pyo3::exceptions::PyValueError::new_err(format!("Places: {what}"));
        if places.len() != 6 {
            return Err(bad("six lists are needed".into()));
        }
        let mut table: [Vec<(usize, Predicate)>; 6] = Default::default();
        for (place, rules) in places.into_iter().enumerate() {
            for (rule, code) in rules {
                let predicate = match code {
                    0 => Predicate::Repeated,
                    1 => Predicate::Headline,
                    2 => Predicate::Shouting,
                    3 => Predicate::BesideHeadline,
                    4 => Predicate::Always,
                    other => return Err(bad(format!("unknown predicate code {other}"))),
                };
                table[place].push((rule, predicate));
            }
        }
        Ok(Places(table))
    }
}

/// positional_rules(texts, keys, words, terminal, kinds, hits, positions, title_keys,
/// title_index, title_rule, places, limits) -> list[int]
///
/// What removes each line: -1 nothing, -2 the title rule (a repeat of the title), -3 the
/// phrase rule that matched it (`hits[i]`: the line's hit code, see `HitCode`; -1: none
/// matched), else the positional rule number from `places` (`Places`). `kinds` are
/// text/table/list/code, `positions` head/body/tail; `limits` the settings the predicates read.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
#[pyo3(signature = (texts, keys, words, terminal, kinds, hits, positions, title_keys, title_index, title_rule, places, limits))]
fn positional_rules<'py>(
    texts: &Bound<'py, PyList>,
    keys: &Bound<'py, PyList>,
    words: Vec<usize>,
    terminal: Vec<bool>,
    kinds: &Bound<'py, PyList>,
    hits: Vec<i64>,
    positions: &Bound<'py, PyList>,
    title_keys: Vec<String>,
    title_index: i64,
    title_rule: bool,
    places: &Bound<'py, Places>,
    limits: (usize, usize, f64, usize, usize, usize, usize),
) -> PyResult<Vec<i64>> {
    use predicates::{Judge, Limits, Line, Position, Verdict, Where};
    let bad =
        |what: &str| pyo3::exceptions::PyValueError::new_err(format!("positional_rules: {what}"));
    let (texts, keys, kinds, positions) =
        (strs(texts)?, strs(keys)?, strs(kinds)?, strs(positions)?);
    let n = texts.len();
    if [
        keys.len(),
        words.len(),
        terminal.len(),
        kinds.len(),
        hits.len(),
        positions.len(),
    ]
    .iter()
    .any(|&m| m != n)
    {
        return Err(bad("the columns differ in length"));
    }
    let mut lines = Vec::with_capacity(n);
    for i in 0..n {
        let kind = kinds[i].to_str()?;
        let kind = kind_of(kind).ok_or_else(|| bad(&format!("unknown kind {kind:?}")))?;
        let position = match positions[i].to_str()? {
            "head" => Position::Head,
            "body" => Position::Body,
            "tail" => Position::Tail,
            other => return Err(bad(&format!("unknown position {other:?}"))),
        };
        let hit = match hit_code(hits[i]).map_or(-1, |hit| hit.place) {
            -1 => None,
            0 => Some(Where::Any),
            1 => Some(Where::Head),
            2 => Some(Where::Tail),
            3 => Some(Where::Outside),
            4 => Some(Where::Edge),
            other => return Err(bad(&format!("unknown where code {other}"))),
        };
        let (text, key) = (texts[i].to_str()?, keys[i].to_str()?);
        lines.push(Line {
            text,
            key,
            words: words[i],
            terminal: terminal[i],
            kind,
            hit,
            position,
        });
    }
    let table = &places.get().0;
    let limits = Limits {
        edge_lines: limits.0,
        repeat_min_words: limits.1,
        repeat_max_number_share: limits.2,
        title_max_chars: limits.3,
        headline_max_words: limits.4,
        headline_min_words: limits.5,
        shout_min_words: limits.6,
    };
    let judge = Judge::new(&lines, &limits, &title_keys);
    Ok((0..n)
        .map(|i| {
            if i as i64 == title_index {
                return -1;
            }
            match judge.verdict(i, title_rule, table) {
                Verdict::Kept => -1,
                Verdict::Title => -2,
                Verdict::Hit => -3,
                Verdict::Rule(rule) => rule as i64,
            }
        })
        .collect())
}

/// normalise(text) -> str: letters and digits only, lower case, single spaces.
#[pyfunction]
fn normalise(text: &str) -> String {
    predicates::normalise(text)
}

/// title_key(text) -> str: a title without a leading or trailing site name, normalised.
#[pyfunction]
fn title_key(text: &str) -> String {
    predicates::title_key(text)
}

/// may_nest_deeper(html, limit, slice) -> bool
///
/// Whether the page may nest deeper than `limit`: per slice of `slice` code points, the depth
/// at its start (at most the start tags before it minus the end tags) plus its start tags.
#[pyfunction]
fn may_nest_deeper(html: &str, limit: i64, slice: usize) -> bool {
    nesting::may_nest_deeper(html, limit, slice)
}

/// word_overlap(a, b) -> (overlap, words of a, words of b)
///
/// The bag-of-words overlap of two texts, their words being `re`'s `\w+` runs: the sum over
/// the words both have of the smaller count. Lower-case both first for a case-blind overlap.
#[pyfunction]
fn word_overlap(a: &str, b: &str) -> (u64, u64, u64) {
    words::overlap(a, b)
}

/// StopWords(languages: list[tuple[str, list[str]]]): stop lists for `guess`, built once.
#[pyclass(frozen)]
struct StopWords(language::StopWords);

#[pymethods]
impl StopWords {
    #[new]
    fn new(languages: Vec<(String, Vec<String>)>) -> Self {
        StopWords(language::StopWords::new(languages))
    }

    /// guess(text, sample, min_hits) -> str | None
    fn guess(&self, text: &str, sample: usize, min_hits: usize) -> Option<String> {
        self.0.guess(text, sample, min_hits).map(str::to_owned)
    }
}

/// Keywords(words): the boilerplate keywords of a class or id value's tokens, built once.
#[pyclass(frozen)]
struct Keywords(keywords::Keywords);

#[pymethods]
impl Keywords {
    #[new]
    fn new(words: Vec<String>) -> Self {
        Keywords(keywords::Keywords::new(words))
    }

    /// named_by(value) -> bool: whether a token of `value`, or two neighbouring ones joined by
    /// `-` or by nothing, is a keyword (tokens: split at whitespace, `_`, `-` and lower-upper
    /// case changes, lower-cased).
    fn named_by(&self, value: &str) -> bool {
        self.0.named_by(value)
    }
}

/// Literals(needles): fixed strings searched for together, in one pass over a text (the
/// Markdown sniffer's marks: a substring search per mark over a long text costs a pass each).
#[pyclass(frozen)]
struct Literals(aho_corasick::AhoCorasick);

#[pymethods]
impl Literals {
    #[new]
    fn new(needles: Vec<String>) -> PyResult<Self> {
        aho_corasick::AhoCorasick::new(&needles)
            .map(Literals)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
    }

    /// found_in(text) -> bool: whether any of the needles is in `text`.
    fn found_in(&self, text: &str) -> bool {
        self.0.is_match(text)
    }
}

/// Prefilter(patterns, edge, max_words): the widened phrase patterns of a rule set in one
/// compiled set; `edge[i]` keeps pattern i to the text's edge lines, `max_words[i]` (or None)
/// to lines of at most that many words. ValueError when a pattern does not compile.
#[pyclass(frozen)]
struct Prefilter(prefilter::Prefilter);

#[pymethods]
impl Prefilter {
    #[new]
    fn new(
        patterns: Vec<String>,
        edge: Vec<bool>,
        max_words: Vec<Option<usize>>,
    ) -> PyResult<Self> {
        prefilter::Prefilter::new(&patterns, edge, max_words)
            .map(Prefilter)
            .map_err(pyo3::exceptions::PyValueError::new_err)
    }
}

/// A line's hit as Python codes it (`cleaner/clean/region.py`'s `HitCodes`): -1 for none, else
/// bit 0 barrier, bit 1 ends the body, bits 2-4 where the rule applies, the rest its name's
/// number. Read here alone, for the region finder and the positional rules both.
struct HitCode {
    barrier: bool,
    ends_body: bool,
    /// 0..4 for any, head, tail, outside, edge.
    place: i64,
    name: usize,
}

fn hit_code(code: i64) -> Option<HitCode> {
    (code >= 0).then_some(HitCode {
        barrier: code & 1 != 0,
        ends_body: code & 2 != 0,
        place: (code >> 2) & 7,
        name: (code >> 5) as usize,
    })
}

fn kind_of(kind: &str) -> Option<shapes::Kind> {
    match kind {
        "text" => Some(shapes::Kind::Text),
        "table" => Some(shapes::Kind::Table),
        "list" => Some(shapes::Kind::List),
        "code" => Some(shapes::Kind::Code),
        _ => None,
    }
}

/// body_region(words, terminal, kinds, hits, signals, limits) -> (weights, start, end, positions)
///
/// Each line's weight, the body run (`start`, `end`; end -1 for no lines) and every line's
/// position (``head``, ``body``, ``tail``). `hits` are the lines' hit codes (see `HitCode`),
/// `signals` the numbers of the rule names that say a text is a whole page, `limits` the
/// settings the finder reads, in `region::Limits`'s order.
#[pyfunction]
#[allow(clippy::type_complexity)]
fn body_region<'py>(
    py: Python<'py>,
    words: Vec<usize>,
    terminal: Vec<bool>,
    kinds: &Bound<'py, PyList>,
    hits: Vec<i64>,
    signals: Vec<usize>,
    limits: (
        (f64, f64, f64, usize, f64, usize, f64, f64),
        (f64, f64, usize, usize, f64, usize, usize, usize),
    ),
) -> PyResult<(Vec<f64>, usize, i64, Bound<'py, PyList>)> {
    let bad = |what: &str| pyo3::exceptions::PyValueError::new_err(format!("body_region: {what}"));
    let kinds = strs(kinds)?;
    let n = words.len();
    if terminal.len() != n || kinds.len() != n || hits.len() != n {
        return Err(bad("the columns differ in length"));
    }
    let mut lines = Vec::with_capacity(n);
    for i in 0..n {
        let kind = kinds[i].to_str()?;
        let kind = kind_of(kind).ok_or_else(|| bad(&format!("unknown kind {kind:?}")))?;
        let hit = hit_code(hits[i]).map(|hit| region::Hit {
            barrier: hit.barrier,
            ends_body: hit.ends_body,
            name: hit.name,
        });
        lines.push(region::Line {
            words: words[i],
            terminal: terminal[i],
            kind,
            hit,
        });
    }
    let ((a, b, c, d, e, f, g, h), (i, j, k, l, m, o, p, q)) = limits;
    let limits = region::Limits {
        barrier_penalty: a,
        end_marker_penalty: b,
        rule_hit_penalty: c,
        min_sentence_words: d,
        long_unpunctuated_weight: e,
        long_line_words: f,
        short_line_penalty: g,
        body_before_barrier: h,
        min_body_weight: i,
        min_body_share: j,
        min_body_sentences: k,
        furniture_min_lines: l,
        furniture_min_share: m,
        headline_max_words: o,
        page_min_signals: p,
        page_min_kinds: q,
    };
    let weights: Vec<f64> = lines.iter().map(|l| region::weigh(l, &limits)).collect();
    let (start, end) = region::body_region(&lines, &weights, &limits);
    let names = [
        intern!(py, "head"),
        intern!(py, "body"),
        intern!(py, "tail"),
    ];
    let positions = PyList::new(
        py,
        region::frame(&lines, start, end, &signals, &limits)
            .into_iter()
            .map(|p| names[p as usize].clone()),
    )?;
    Ok((weights, start, end, positions))
}

/// PrefilterSets(sets): several compiled sets searched together, each given with the numbers
/// its patterns stand for (`sets`: (prefilter, numbers) pairs). A rule set's phrase rules are
/// split into a few sets; merging their findings here spares the caller a dictionary and a
/// sort per line and reads each key's text once, and the numbers are read once, not per text.
#[pyclass(frozen)]
struct PrefilterSets {
    sets: Vec<(Py<Prefilter>, Vec<usize>)>,
    /// For each set, the first set holding the same compiled prefilter: it shares that one's
    /// lock (locking it again would never return).
    lock_of: Vec<usize>,
}

#[pymethods]
impl PrefilterSets {
    #[new]
    fn new(py: Python<'_>, sets: Vec<(Py<Prefilter>, Vec<usize>)>) -> PyResult<Self> {
        for (set, numbers) in &sets {
            if numbers.len() != set.get().0.len() {
                return Err(pyo3::exceptions::PyValueError::new_err(
                    "PrefilterSets: a set's numbers and patterns differ in length",
                ));
            }
        }
        let lock_of = (0..sets.len())
            .map(|n| {
                (0..n)
                    .find(|&m| sets[m].0.bind(py).is(sets[n].0.bind(py)))
                    .unwrap_or(n)
            })
            .collect();
        Ok(PrefilterSets { sets, lock_of })
    }

    /// lines(keys, words, edge_lines, max_chars) -> list[tuple[int, list[int]]]
    ///
    /// For each line some pattern of some set may match, the numbers of those patterns,
    /// ascending; a line that is empty, longer than `max_chars` code points or above every
    /// word limit has none.
    fn lines<'py>(
        &self,
        keys: &Bound<'py, PyList>,
        words: Vec<usize>,
        edge_lines: usize,
        max_chars: usize,
    ) -> PyResult<Vec<(usize, Vec<usize>)>> {
        let keys = strs(keys)?;
        if keys.len() != words.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "PrefilterSets.lines: keys and words differ in length",
            ));
        }
        let texts = keys
            .iter()
            .map(|key| key.to_str())
            .collect::<PyResult<Vec<&str>>>()?;
        let n = texts.len();
        let last = n.saturating_sub(edge_lines);
        let sets: Vec<&prefilter::Prefilter> =
            self.sets.iter().map(|(set, _)| &set.get().0).collect();
        let mut guards: Vec<Option<_>> = (0..sets.len())
            .map(|i| (self.lock_of[i] == i).then(|| sets[i].scratch()))
            .collect();
        let mut found = Vec::new();
        let mut out = Vec::new();
        for (i, key) in texts.iter().enumerate() {
            if key.is_empty() || (key.len() > max_chars && key.chars().count() > max_chars) {
                continue;
            }
            let at_edge = i < edge_lines || i >= last;
            let mut named: Vec<usize> = Vec::new();
            for (s, (_, numbers)) in self.sets.iter().enumerate() {
                let scratch = guards[self.lock_of[s]]
                    .as_mut()
                    .expect("the first set of a prefilter holds its lock");
                sets[s].candidates_with(scratch, key, words[i], at_edge, &mut found);
                named.extend(found.iter().map(|&p| numbers[p]));
            }
            if !named.is_empty() {
                if self.sets.len() > 1 {
                    named.sort_unstable();
                }
                out.push((i, named));
            }
        }
        Ok(out)
    }
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(read_text, m)?)?;
    m.add_function(wrap_pyfunction!(wrapped_groups, m)?)?;
    m.add_function(wrap_pyfunction!(match_key, m)?)?;
    m.add_function(wrap_pyfunction!(line_shapes, m)?)?;
    m.add_function(wrap_pyfunction!(may_nest_deeper, m)?)?;
    m.add_function(wrap_pyfunction!(positional_rules, m)?)?;
    m.add_function(wrap_pyfunction!(body_region, m)?)?;
    m.add_function(wrap_pyfunction!(normalise, m)?)?;
    m.add_function(wrap_pyfunction!(title_key, m)?)?;
    m.add_function(wrap_pyfunction!(word_overlap, m)?)?;
    m.add_class::<StopWords>()?;
    m.add_class::<Prefilter>()?;
    m.add_class::<PrefilterSets>()?;
    m.add_class::<Places>()?;
    m.add_class::<Literals>()?;
    m.add_class::<Keywords>()?;
    Ok(())
}
