"""Fuzz targets: for each reader, a hypothesis strategy of hostile inputs and a check of one input.

A check passes when the code under test returns a result, or raises an error of the project's
tree (`cleaner.errors.CleanerError`); any other exception is a crash. Every check runs under a
per-example deadline (`DEADLINE` seconds, `cleaner._timelimit.within`): running past it is a hang.
`bench/fuzz.py` runs the targets for a given time; `tests/fuzz/` runs a short seeded pass of each
and every saved finding (`fixtures/fuzz/<target>/`).

Inputs are kept as bytes (text targets: UTF-8 with lone surrogates allowed), so that a finding
is saved and read back exactly.
"""

from __future__ import annotations

import gzip
import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from cleaner._timelimit import within
from cleaner.errors import CleanerError, TimeLimitExceeded

#: Seconds one example may take before it counts as a hang.
DEADLINE = 10.0
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fuzz"


class Hang(AssertionError):
    """An example ran past the per-example deadline."""


@dataclass(frozen=True)
class Target:
    name: str
    strategy: st.SearchStrategy[bytes]
    check: Callable[[bytes], None]
    #: The file name suffix a finding is saved with.
    suffix: str = ".txt"


def run_check(target: Target, data: bytes) -> None:
    """`target.check(data)` under the deadline; only the project's own errors may come out."""
    try:
        within(DEADLINE, target.check, data, what=f"fuzz target {target.name}")
    except TimeLimitExceeded:
        raise Hang(f"{target.name}: no result within {DEADLINE:g} s") from None
    except CleanerError:
        pass


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


# --- strategies ----------------------------------------------------------------------------------

_ODD = ["\x00", "\r", "\r\n", "\n", "\t", "\x0b", "\x0c", "\x1b", "\u00a0", "\u200b", "\u2028", "\u3000",
        "\ufeff", "\ud800", "\udfff", "\U0001f600", "\u0301", "\x85", "\x7f"]  # fmt: skip
_WORDS = ["the", "Follow us on Facebook", "Share this:", "Read more", "Advertisement", "Copyright 2024",
          "By Jane Doe", "Subscribe", "Comments", "It was a long day.", "A sentence that ends here.",
          "x" * 300, "word " * 60, "http://example.com/a?b=c", "#", "*", "_", "`", "|", "-", "=", "\\"]  # fmt: skip
_MARKDOWN = ["# ", "## ", "###### ", "####### ", "- ", "* ", "+ ", "1. ", "2) ", "> ", ">> ", "    ", "```", "~~~",
             "```python\n", "---", "***", "___", "| a | b |\n|---|---|\n", "[x](http://e.com)", "![i](p.png)",
             "[ref]: http://e.com", "<div>", "</div>", "<!-- c -->", "**", "__", "~~", "$$", "\\*", "&amp;",
             "&#0;", "- [ ] ", "---\ntitle: T\n---\n", "+++\n", "<http://a>", "[^1]", "[^1]: note"]  # fmt: skip

_piece = st.one_of(st.sampled_from(_ODD), st.sampled_from(_WORDS), st.text(max_size=12), st.just(" "), st.just("\n"))
text_inputs = st.lists(_piece, max_size=80).map(lambda parts: _utf8("".join(parts)))
markdown_inputs = st.lists(
    st.one_of(_piece, st.sampled_from(_MARKDOWN), st.sampled_from(_MARKDOWN).map(lambda m: "\n" + m)), max_size=80
).map(lambda parts: _utf8("".join(parts)))

_TAGS = ["div", "p", "b", "i", "span", "a", "table", "tr", "td", "th", "ul", "li", "ol", "h1", "h2", "pre", "code",
         "script", "style", "article", "main", "nav", "footer", "header", "aside", "br", "img", "blockquote", "form",
         "select", "option", "svg", "math", "template", "noscript", "iframe", "textarea", "title", "head", "body",
         "html", "figure", "figcaption", "dl", "dt", "dd", "sup", "q", "x-custom"]  # fmt: skip
_ENTITIES = ["&amp;", "&lt;", "&nbsp;", "&nbsp", "&#0;", "&#x0;", "&#x110000;", "&#99999999;", "&bogus;", "&", "&#",
             "&#x;", "&copy", "&AElig;"]  # fmt: skip
_ATTRS = ["class", "id", "href", "src", "role", "itemprop", "style", "hidden", "aria-hidden", "lang", "content",
          "property", "name", "datetime", "data-x"]  # fmt: skip
_attr_value = st.one_of(
    st.sampled_from(["content", "article-body", "nav menu", "sidebar", "comment", "main", "", '"', "'", "<", ">"]),
    st.text(max_size=20),
    st.integers(0, 200_000).map(lambda n: "v" * n),  # huge attribute values
)
_attr = st.tuples(st.sampled_from(_ATTRS), _attr_value, st.sampled_from(['"', "'", ""])).map(
    lambda a: f" {a[0]}={a[2]}{a[1]}{a[2]}"
)
_open = st.tuples(st.sampled_from(_TAGS), st.lists(_attr, max_size=3)).map(lambda t: f"<{t[0]}{''.join(t[1])}>")
_close = st.sampled_from(_TAGS).map(lambda t: f"</{t}>")
_nested = st.tuples(st.sampled_from(["div", "b", "span", "table", "ul", "td", "p"]), st.integers(1, 3000)).map(
    lambda t: f"<{t[0]}>" * t[1]
)
_html_piece = st.one_of(
    _open, _close, _nested, st.sampled_from(_ENTITIES), st.sampled_from(_WORDS), st.sampled_from(_ODD),
    st.sampled_from(["<!--", "-->", "<!-- x -->", "<!DOCTYPE html>", "<?xml version='1.0'?>", "<![CDATA[", "]]>",
                     "<", ">", "</", "/>", "<p", '<a href="', "<meta charset='utf-16'>",
                     '<script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>']),
    st.text(max_size=10),
)  # fmt: skip
html_inputs = st.lists(_html_piece, max_size=60).map(lambda parts: _utf8("".join(parts)))

_json_line = st.one_of(
    st.sampled_from([b'{"text": "A fine sentence here."}', b'{"text": null}', b'{"text": 5}', b"[]", b"null",
                     b'{"text": "\\ud800"}', b'{"text": "a\\u0000b"}', b"1e999999", b'{"text": "x"', b"{", b"",
                     b"\xff\xfe", b"\xef\xbb\xbf{}", b'{"html": "<p>x</p>"}', b"[" * 5000, b'{"a":' * 3000,
                     b'{"text": "' + b"y" * 100_000 + b'"}', b'{"text": "Follow us", "text": "dup"}']),
    st.binary(max_size=30),
    st.text(max_size=30).map(_utf8),
)  # fmt: skip
jsonl_inputs = st.tuples(
    st.lists(_json_line, max_size=12),
    st.sampled_from([b"\n", b"\r\n", b"\r"]),
    st.sampled_from(["plain", "gzip", "gzip-cut"]),
).map(lambda t: _pack_jsonl(*t))


def _pack_jsonl(lines: list[bytes], eol: bytes, how: str) -> bytes:
    data = eol.join(lines)
    if how == "plain":
        return data
    packed = gzip.compress(data)
    return packed if how == "gzip" else packed[: max(len(packed) // 2, 1)]


def _mutate(base: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    data = bytearray(base)
    for at, value in edits:
        if data:
            data[at % len(data)] = value
    if cut is not None and data:
        del data[cut % len(data) :]
    return bytes(data)


def _mutations(base: Callable[[], bytes]) -> st.SearchStrategy[bytes]:
    return st.tuples(
        st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), max_size=8),
        st.none() | st.integers(0, 1 << 20),
    ).map(lambda t: _mutate(base(), t[0], t[1]))


def _parquet_base() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {"text": ["A fine sentence here.", None, "Follow us on Facebook", "x" * 500], "n": [1, 2, None, 4]}
    )
    out = io.BytesIO()
    pq.write_table(table, out, compression="snappy")
    return out.getvalue()


def _warc_base() -> bytes:
    html = b"<html><head><title>T</title></head><body><article><p>A fine sentence here.</p></article></body></html>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s" % (
        len(html),
        html,
    )
    records = []
    for i, (kind, block) in enumerate([("warcinfo", b"software: fuzz\r\n"), ("response", http), ("response", http)]):
        headers = (
            f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{i}>\r\n"
            f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: http://example.com/{i}\r\n"
            f"Content-Type: {'application/http; msgtype=response' if kind == 'response' else 'application/warc-fields'}"
            f"\r\nContent-Length: {len(block)}\r\n\r\n"
        )
        records.append(headers.encode() + block + b"\r\n\r\n")
    return b"".join(records)


_cache: dict[str, bytes] = {}


def _cached(name: str, make: Callable[[], bytes]) -> Callable[[], bytes]:
    def get() -> bytes:
        if name not in _cache:
            _cache[name] = make()
        return _cache[name]

    return get


parquet_inputs = _mutations(_cached("parquet", _parquet_base))
warc_inputs = st.one_of(
    _mutations(_cached("warc", _warc_base)),
    _mutations(_cached("warc.gz", lambda: gzip.compress(_warc_base()))),
)

_REGEX = ["^follow us", "(", ")", "[", "(?P<x>a)", "(?P<x", "\\", "a{1,99999}", "(a+)+$", "^$", ".*", "(?i)share",
          "\\b", "[^]", "(?<=a)b", "(?<!x*)y", "\\1", "\\u00e9", "*", "+", "?", "|", "\\Z", "(?x) # c"]  # fmt: skip
_toml_value = st.one_of(
    st.sampled_from(['"x"', "''", "1", "true", "[]", '["a"]', "{}", '"edge"', '"start"', '"end"', '"anywhere"',
                     '["en", "de"]', "1979-05-27", "nan", "-0", '"""multi\nline"""', "[1, 2]", "{a = 1}"]),
    st.lists(st.sampled_from(_REGEX), max_size=4).map(lambda r: "[" + ", ".join(repr(x) for x in r) + "]"),
    st.text(max_size=10).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
)  # fmt: skip
_toml_key = st.sampled_from(
    ["name", "reason", "patterns", "phrases", "contains", "languages", "where", "max_words", "predicate", "disable",
     "action", "unknown", "lines", "priority", "site", "sites"]
)  # fmt: skip
_toml_line = st.one_of(
    st.sampled_from(["[[rule]]", '[sites."example.com"]', '[[sites."example.com".rule]]', "[rule]", "[[hit]]", "",
                     "# comment", "disable = ['byline']", "disable = 'x'", "[[", "= 1"]),
    st.tuples(_toml_key, _toml_value).map(lambda kv: f"{kv[0]} = {kv[1]}"),
    st.text(max_size=15),
)  # fmt: skip
rules_inputs = st.lists(_toml_line, max_size=25).map(lambda lines: _utf8("\n".join(lines)))


# --- checks --------------------------------------------------------------------------------------


def _spans_tile(doc: Any, src: str) -> None:
    """Every block's span is in the source, in order, and gaps plus blocks plus tail are the source."""
    assert doc.source == src
    end = 0
    for block in doc.blocks:
        assert block.start is not None and block.end is not None, block
        assert end <= block.start <= block.end <= len(src), (end, block.start, block.end)
        assert doc.raw(block) == src[block.start : block.end]
        end = block.end
    assert "".join(doc.gap(i) + doc.raw(b) for i, b in enumerate(doc.blocks)) + doc.tail() == src


def check_text(data: bytes) -> None:
    from cleaner import clean_text
    from cleaner.readers.text import read_text

    src = _text(data)
    _spans_tile(read_text(src), src)
    article = clean_text(src, format="text")
    # cleaning never adds a line: every kept line is one of the input's (whitespace aside)
    lines = {" ".join(line.split()) for line in src.replace("\r\n", "\n").replace("\r", "\n").split("\n")}
    for line in article.text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        words = " ".join(line.split())
        assert not words or words in lines or any(words in source for source in lines), line
    article.to_text()
    article.to_markdown()


def check_markdown(data: bytes) -> None:
    from cleaner import clean_text
    from cleaner.readers.markdown import read_markdown

    src = _text(data)
    _spans_tile(read_markdown(src), src)
    article = clean_text(src, format="markdown")
    article.to_markdown()
    article.to_markdown(links=True, images=True)
    article.to_text()


def _check_html(engine: str) -> Callable[[bytes], None]:
    def check(data: bytes) -> None:
        from cleaner import extract_html

        article = extract_html(_text(data), engine=engine)
        article.to_text()
        article.to_markdown()
        extract_html(data, engine=engine)  # bytes too: the decoder sees the same soup

    return check


def _file(data: bytes, suffix: str) -> Path:
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)  # noqa: SIM115
    with handle:
        handle.write(data)
    return Path(handle.name)


def check_jsonl(data: bytes) -> None:
    from cleaner.io.jsonl import JsonlReader
    from cleaner.pipeline.records import RecordCleaner

    cleaner = RecordCleaner(rules=None)
    path = _file(data, ".jsonl.gz" if data[:2] == b"\x1f\x8b" else ".jsonl")
    try:
        reader = JsonlReader(str(path))
        try:
            for item in reader:
                if isinstance(item.payload, bytes):
                    cleaner.check_line(item.payload, item.number)
        finally:
            reader.close()
    finally:
        path.unlink()


def check_parquet(data: bytes) -> None:
    from cleaner.io.parquet import ParquetReader
    from cleaner.pipeline.records import RecordCleaner

    cleaner = RecordCleaner(rules=None)
    path = _file(data, ".parquet")
    try:
        reader = ParquetReader(str(path), columns=("text",))
        try:
            for item in reader:
                cleaner.check(item.payload, item.number, unit="record")
        finally:
            reader.close()
    finally:
        path.unlink()


def check_warc(data: bytes) -> None:
    from cleaner.io.warc import WarcReader

    path = _file(data, ".warc.gz" if data[:2] == b"\x1f\x8b" else ".warc")
    try:
        reader = WarcReader(str(path))
        try:
            for _ in reader:
                pass
        finally:
            reader.close()
    finally:
        path.unlink()


def check_rules(data: bytes) -> None:
    from cleaner import RuleSet, clean_text
    from cleaner.rules import parse_rules

    rules = parse_rules(_text(data), "fuzz.toml")
    ruleset = RuleSet.combine([rules])
    clean_text("Follow us on Facebook\nA sentence of the body that is long enough.\nShare this:\n", rules=ruleset)


TARGETS = {
    t.name: t
    for t in [
        Target("text", text_inputs, check_text),
        Target("markdown", markdown_inputs, check_markdown, ".md"),
        Target("html-best", html_inputs, _check_html("best"), ".html"),
        Target("html-fast", html_inputs, _check_html("fast"), ".html"),
        Target("jsonl", jsonl_inputs, check_jsonl, ".jsonl"),
        Target("parquet", parquet_inputs, check_parquet, ".parquet"),
        Target("warc", warc_inputs, check_warc, ".warc"),
        Target("rules", rules_inputs, check_rules, ".toml"),
    ]
}
