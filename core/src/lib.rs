//! `cleaner._core`: the per-line work of reading and judging a text, compiled. Python keeps the
//! document model and the decisions; this module turns a text into its blocks' pieces and each
//! line into its shape, exactly as the `str` methods and `re` patterns they replace did.

mod language;
mod nesting;
mod pychars;
mod shapes;
mod text;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

/// read_text(source, limit, wrap_min) -> list[tuple[str, int, int, int]]
///
/// (visible text, start, end, 1-based line) of each block of a plain text: non-blank lines,
/// over-long ones cut at spaces into pieces of at most `limit` code points, hard-wrapped lines
/// joined. Offsets are code points into `source`.
#[pyfunction]
fn read_text(source: &str, limit: usize, wrap_min: usize) -> Vec<(String, usize, usize, usize)> {
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

/// line_shapes(texts, code_max) -> list[tuple[str, int, bool, str]]
///
/// (match key, words, ends a sentence, kind) of each line; kind is ``text``, ``table``,
/// ``list`` or ``code``. A key equal to its line is the line's own str object.
#[pyfunction]
fn line_shapes<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyList>,
    code_max: usize,
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
        let words = shapes::count_words(text).into_pyobject(py)?;
        let terminal = pyo3::types::PyBool::new(py, terminal);
        out.append(PyTuple::new(
            py,
            [
                key.into_any(),
                words.into_any(),
                terminal.to_owned().into_any(),
                kind.clone().into_any(),
            ],
        )?)?;
    }
    Ok(out)
}

/// may_nest_deeper(html, limit, slice) -> bool
///
/// Whether the page may nest deeper than `limit`: per slice of `slice` code points, the depth
/// at its start (at most the start tags before it minus the end tags) plus its start tags.
#[pyfunction]
fn may_nest_deeper(html: &str, limit: i64, slice: usize) -> bool {
    nesting::may_nest_deeper(html, limit, slice)
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

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(read_text, m)?)?;
    m.add_function(wrap_pyfunction!(wrapped_groups, m)?)?;
    m.add_function(wrap_pyfunction!(match_key, m)?)?;
    m.add_function(wrap_pyfunction!(line_shapes, m)?)?;
    m.add_function(wrap_pyfunction!(may_nest_deeper, m)?)?;
    m.add_class::<StopWords>()?;
    Ok(())
}
