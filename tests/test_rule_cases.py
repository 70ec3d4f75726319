"""Every rule's cases, from the data files in tests/rules/: hits that the rule must remove,
traps that must stay, whole documents with their clean text (sqlfluff style).

A case with ``format = "markdown"`` is Markdown source (its ``line`` may be several lines, a
list): it is cleaned as Markdown, and what is kept must come out byte for byte, which is the
promise the Markdown reader and writer make; rules match its visible text, not its URLs."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from cleaner import clean_text
from cleaner.rules import builtin_packs

CASES = Path(__file__).parent / "rules"
BODIES = tomllib.loads((CASES / "_bodies.toml").read_text("utf-8"))


def _load() -> dict[str, dict[str, Any]]:
    return {
        p.stem: tomllib.loads(p.read_text("utf-8")) for p in sorted(CASES.glob("*.toml")) if not p.stem.startswith("_")
    }


FILES = _load()


def _params(kind: str) -> list[Any]:
    return [
        pytest.param(name, case, id=f"{name}-{kind}{i}-{case.get('lang', '')}")
        for name, data in FILES.items()
        for i, case in enumerate(data.get(kind, []))
    ]


def _document(case: dict[str, Any], default_at: str) -> str:
    body = BODIES[case["lang"]]
    at = case.get("at", default_at)
    lines = {
        "start": [case["line"], *body["before"], *body["after"]],
        "middle": [*body["before"], case["line"], *body["after"]],
        "end": [*body["before"], *body["after"], case["line"]],
    }[at]
    return "\n\n".join(lines)


def _markdown(case: dict[str, Any], default_at: str) -> tuple[str, str]:
    """The case's document and its Markdown output with the title left out."""
    document = _document({**case, "line": case["line"].strip("\n")}, default_at)
    article = clean_text(document, format="markdown")
    return document, article.to_markdown(keep_title=False)


def _source_lines(case: dict[str, Any]) -> list[str]:
    return [line for line in case["line"].strip("\n").splitlines() if line.strip()]


@pytest.mark.parametrize(("name", "case"), _params("hit"))
def test_hit(name: str, case: dict[str, Any]) -> None:
    rule = FILES[name]["rule"]
    if case.get("format") == "markdown":
        _markdown_hit(case, rule)
        return
    article = clean_text(_document(case, "end"))
    assert case["line"] not in article.paragraphs
    assert [r.rule for r in article.removed if r.text == case["line"]] == [rule]
    for field in ("author", "source"):
        if field in case:
            assert getattr(article, field) == case[field]


def _markdown_hit(case: dict[str, Any], rule: str) -> None:
    """Every source line of the case is gone, the body is all there byte for byte, and every
    removal (the case's blocks are the only thing to remove) names the rule."""
    body = BODIES[case["lang"]]
    document = _document({**case, "line": case["line"].strip("\n")}, case.get("at", "end"))
    article = clean_text(document, format="markdown")
    output = article.to_markdown(keep_title=False)
    kept = output.splitlines()
    for line in _source_lines(case):
        assert line not in kept, f"still there: {line!r}"
    for paragraph in [*body["before"], *body["after"]]:
        assert paragraph in kept
    assert article.removed, "nothing removed"
    assert {r.rule for r in article.removed} == set(case.get("rules", [rule]))
    for field in ("author", "source"):
        if field in case:
            assert getattr(article, field) == case[field]


@pytest.mark.parametrize(("name", "case"), _params("keep"))
def test_keep(name: str, case: dict[str, Any]) -> None:
    if case.get("format") == "markdown":
        _, output = _markdown(case, case.get("at", "middle"))
        kept = output.splitlines()
        for line in _source_lines(case):
            assert line in kept, f"rewritten or removed: {line!r}"
        return
    article = clean_text(_document(case, "middle"))
    assert case["line"] in article.paragraphs
    assert all(r.text != case["line"] for r in article.removed)


@pytest.mark.parametrize(("name", "case"), _params("case"))
def test_document(name: str, case: dict[str, Any]) -> None:
    if case.get("format") == "markdown":
        # Byte for byte, up to the blank lines at either end (a TOML string's first newline).
        article = clean_text(case["text"], format="markdown", title=case.get("given_title"))
        assert article.to_markdown(keep_title=False).strip("\n") == case["clean"].strip("\n")
        if "removed" in case:
            assert [r.rule for r in article.removed] == case["removed"]
        return
    article = clean_text(case["text"], title=case.get("given_title"))
    # The same words in the same order: which lines go is the rule's business, the layout
    # (the input's own lines and separators, kept byte for byte) is checked just below.
    assert article.text.split() == case["clean"].split()
    source_lines = set(case["text"].splitlines())
    assert all(line in source_lines for line in article.text.splitlines() if line.strip())
    if "title" in case:
        assert article.title == case["title"]
    if "removed" in case:
        assert [r.rule for r in article.removed] == case["removed"]


def test_every_rule_and_language_has_hits_and_traps() -> None:
    """Each built-in rule has a case file; each language a phrase rule claims has at least one
    hit and one trap; positional rules have whole-document cases."""
    claimed: dict[str, set[str]] = {}
    phrase: set[str] = set()
    for rules in builtin_packs().values():
        for rule in rules:
            claimed.setdefault(rule.name, set()).update(rule.languages)
            if rule.patterns:
                phrase.add(rule.name)
    by_rule = {data["rule"]: data for data in FILES.values()}
    assert set(claimed) <= set(by_rule), f"rules without a case file: {sorted(set(claimed) - set(by_rule))}"
    for name, languages in claimed.items():
        data = by_rule[name]
        if name in phrase:
            for kind in ("hit", "keep"):
                covered = {c["lang"] for c in data.get(kind, [])}
                assert languages <= covered, f"{name}: no {kind} case in {sorted(languages - covered)}"
        else:
            assert data.get("case"), f"{name}: no document case"
