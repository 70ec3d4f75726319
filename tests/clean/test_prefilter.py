"""The compiled prefilter names every pattern that `re` would match: each widened pattern
matches wherever its original does (case, classes and the constructs the core's engine lacks),
and the matcher built on it finds the same hits as trying every rule with `re` in order."""

from __future__ import annotations

import _sre
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import RuleSet, _core, clean_text
from cleaner.rules import _prefilter
from cleaner.rules._prefilter import ANY_LINE, CASED_RANGES, begins_anywhere, widened
from cleaner.rules.model import Hit, PhraseMatcher, match_key
from cleaner.rules.model import _prefilter as compiled_set

RULES = RuleSet.default()


def named(patterns: list[str], keys: list[str]) -> list[set[int]]:
    """For each key, the indexes of the widened patterns the core says may match it."""
    pre = _core.Prefilter([widened(p) for p in patterns], [False] * len(patterns), [None] * len(patterns))
    out: list[set[int]] = [set() for _ in keys]
    for line, found in _core.PrefilterSets([(pre, list(range(len(patterns))))]).lines(keys, [1] * len(keys), 0, 10**9):
        out[line] = set(found)
    return out


def cased() -> list[int]:
    return [c for start, end in CASED_RANGES for c in range(start, end) if _sre.unicode_iscased(c)]


def test_every_cased_character_is_where_the_case_table_looks() -> None:
    inside = {c for start, end in CASED_RANGES for c in range(start, end)}
    outside = [c for c in range(sys.maxunicode + 1) if c not in inside and _sre.unicode_iscased(c)]
    assert outside == []


def test_a_literal_matches_every_character_re_takes_for_it_ignoring_case() -> None:
    chars = cased()
    text = "".join(map(chr, chars))
    patterns = [re.escape(chr(c)) + "$" for c in chars]
    core = named(patterns, [chr(c) for c in chars])
    for i, c in enumerate(chars):
        expected = {chars.index(ord(m.group())) for m in re.finditer(re.escape(chr(c)), text, re.IGNORECASE)}
        for j in expected:
            assert i in core[j], f"{chr(c)!r} should match {chr(chars[j])!r}"


@pytest.mark.parametrize(
    "klass", ["[a-z]", "[A-Z]", "[à-ÿ]", "[Α-Ω]", "[k-s]", "[ſ]", "[İ]", "[ı]", "[µ]", "[Ā-ɏ]", "[!-\u2fff]", "[^a-z]"]
)
def test_a_range_matches_every_cased_character_re_takes_for_it(klass: str) -> None:
    chars = cased()
    core = named([klass + "$"], [chr(c) for c in chars])
    for c, found in zip(chars, core, strict=True):
        if re.match(klass + "$", chr(c), re.IGNORECASE):
            assert found == {0}, f"{klass} should match {chr(c)!r}"


CATEGORIES = [r"\w", r"\W", r"\d", r"\D", r"\s", r"\S", r"[^\w]", r"[^\W\d_]", r"[^\s]", r"[^\S]", r"[\w-]", r"[^a-z]"]


def test_a_category_matches_every_character_re_puts_in_it() -> None:
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    core = named([p + "$" for p in CATEGORIES], chars)
    text = "".join(chars)
    for i, pattern in enumerate(CATEGORIES):
        expected = {ord(m.group()) for m in re.finditer(pattern, text, re.IGNORECASE)}
        missed = [hex(c) for c in sorted(expected) if i not in core[c if c < 0xD800 else c - 0x800]]
        assert missed == [], pattern


@pytest.mark.parametrize(
    ("pattern", "line"),
    [
        (r"photo(?!graph)\b", "photo"),  # look-ahead and boundary dropped: still a candidate
        (r"(?<=x)y", "y"),
        (r"(?>ab|a)c$", "ac"),  # atomic: re fails here, the widened one may match
        (r"a++b$", "aab"),
        (r"(a)\1$", "aa"),
        (r"(?P<q>['\"])x(?P=q)$", "'x'"),
        (r"(a)?(?(1)b|c)$", "c"),
        (r"x{2,500}$", "x" * 300),
        (r"(?-i:ABC)$", "abc"),
        (r"(?x) a b c $", "ABC"),
        (r".*source link$", "the Source Link"),
        (r"[^a]$", "A"),
    ],
)
def test_constructs_the_engine_lacks_are_widened(pattern: str, line: str) -> None:
    assert named([pattern], [line]) == [{0}]


def test_what_the_tree_walker_does_not_know_matches_every_line() -> None:
    assert widened("[\ud800-\udfff]x") == ANY_LINE  # the core never sees a lone surrogate
    assert begins_anywhere("[\ud800-\udfff]x")  # left to re alone: kept apart from the anchored set
    assert named(["[\ud800-\udfff]x"], ["anything", "x"]) == [{0}, {0}]


def test_a_pattern_the_engine_rejects_makes_its_set_take_every_line() -> None:
    pre = compiled_set((("(?is)^(?:source)", "(unclosed"), (False, False), (None, None)))
    assert _core.PrefilterSets([(pre, [0, 1])]).lines(["source", "other"], [1, 1], 0, 100) == [(0, [0, 1]), (1, [1])]


def test_the_translation_of_the_built_in_rules_is_tight() -> None:
    # Not a correctness matter (re confirms), but a prefilter that names every pattern for
    # every line would be no prefilter: the built-in rules all translate.
    matcher = RULES.phrases
    assert isinstance(matcher, PhraseMatcher)
    sources = [s for _, key in matcher._sets for s in key[0]]
    assert len(sources) > 250 and ANY_LINE not in sources


# --- the matcher against trying every rule with `re`, in order -------------------------------


def by_hand(matcher: PhraseMatcher, keys: list[str], words: list[int], edge_lines: int) -> list[Hit | None]:
    out: list[Hit | None] = []
    for i, key in enumerate(keys):
        at_edge = i < edge_lines or i >= len(keys) - edge_lines
        hit = None
        if key and len(key) <= 4000:
            for rule, pattern in matcher._entries:
                if (rule.where == "edge" and not at_edge) or not rule.fits(words[i]):
                    continue
                if rule.contains and not any(w.lower() in key.lower() for w in rule.contains):
                    continue
                found = pattern.match(key)
                if found:
                    hit = Hit(rule, {k: v.strip() for k, v in found.groupdict().items() if v})
                    break
        out.append(hit)
    return out


LINES = [
    "Source link",
    "Written by Editor TLN",
    "Photo: AP",
    "Jane wrote:",
    "All rights reserved",
    "Leave a comment below",
    "Follow us on Twitter",
    "Subscribe to our newsletter",
    "Share this article",
    "The council met on Tuesday.",
    "Read more: the bridge",
    "İSTANBUL",
    "© 2024 ACME Inc.",
    "Advertisement",
    "Getty Images",
    "Click here to subscribe",
]
pieces = st.one_of(st.sampled_from(LINES), st.sampled_from([" ", "İ", "ß", "ſ", "K", ":", "by", "\ud800", "—", "x"]))
line = st.lists(pieces, max_size=4).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(line, max_size=10), st.integers(0, 3))
def test_the_matcher_finds_what_trying_every_rule_finds(keys: list[str], edge_lines: int) -> None:
    matcher = RULES.phrases
    assert isinstance(matcher, PhraseMatcher)
    keys = [match_key(k) for k in keys]
    words = [len(k.split()) for k in keys]
    assert matcher.match_lines(keys, words, edge_lines) == by_hand(matcher, keys, words, edge_lines)


def test_the_matcher_on_real_lines_finds_what_trying_every_rule_finds(shared_dir: Path | None = None) -> None:
    matcher = RULES.phrases
    assert isinstance(matcher, PhraseMatcher)
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    for path in sorted(seeds.glob("*.txt"))[:40]:
        keys = [match_key(k) for k in path.read_text("utf-8", "replace").splitlines() if k.strip()]
        words = [len(k.split()) for k in keys]
        hits = matcher.match_lines(keys, words, 3)
        assert hits == by_hand(matcher, keys, words, 3), path.name


def test_a_user_rules_gate_words_admit_its_patterns(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rule]]\nname = "acme"\nreason = "Acme promo"\npatterns = [\'.*visit acme\']\ncontains = ["ACME"]\n', "utf-8"
    )
    rules = RuleSet.from_files(path)
    text = "The council met on Tuesday. It voted to repair the bridge.\n\nPlease Visit ACME today"
    article = clean_text(text, rules=rules)
    assert [r.rule for r in article.removed] == ["acme"]


def test_the_case_mates_of_a_literal() -> None:
    assert {chr(c) for c in _prefilter._char_mates(ord("i"))} == {"İ", "ı"}
    assert {chr(c) for c in _prefilter._char_mates(ord("k"))} == {"\u212a"}  # the Kelvin sign
    assert _prefilter._char_mates(ord("7")) == frozenset()


def test_the_matcher_pickles_for_worker_processes() -> None:
    import pickle

    matcher = RULES.phrases
    keys = [match_key(k) for k in ["Photo: AP", "Jane wrote:", "nothing here", "All rights reserved"]]
    words = [len(k.split()) for k in keys]
    matcher.match_lines(keys, words, 1)  # its sets compiled: core objects, which do not pickle
    copy = pickle.loads(pickle.dumps(matcher))
    assert copy.match_lines(keys, words, 1) == matcher.match_lines(keys, words, 1)
    assert any(copy.match_lines(keys, words, 1))


def test_a_lone_surrogate_is_read_as_one_character() -> None:
    # Found by the Markdown fuzz target: the core reads UTF-8, which a lone surrogate
    # (surrogateescape-decoded bytes) is not; the lines around it keep their hits.
    keys = ["the\ud800 x", "leave a comment below", "\udcff", "Source link \udcff"]
    matcher = RULES.phrases
    hits = matcher.match_lines(keys, [2, 4, 1, 3], 2)
    assert hits[1] is not None and hits[0] is None and hits[2] is None
    assert isinstance(matcher, PhraseMatcher)
    assert hits == by_hand(matcher, keys, [2, 4, 1, 3], 2)


def test_build_compiles_every_set_before_first_use() -> None:
    compiled_set.cache_clear()
    matcher = RuleSet.default().phrases
    assert isinstance(matcher, PhraseMatcher)
    matcher.build()
    assert compiled_set.cache_info().currsize == len(matcher._sets) >= 2
    matcher.match_lines(["Source link"], [2], 0)
    assert compiled_set.cache_info().misses == len(matcher._sets)  # nothing compiled again


def test_the_core_runs_a_patterns_head_and_a_loose_pattern_whole() -> None:
    long = r"(?:read\s+more|see\s+also)\s*:\s+the\s+rest\s+of\s+it$"
    assert "rest" not in widened(long) and widened(long).startswith("(?is)^(?:(?:read")
    # the head names a line the whole would not match (re decides), and every line it matches
    lines = ["Read more: the end", "See also: the rest of it", "Read more: other things"]
    assert named([long], lines) == [{0}, {0}, set()]
    loose = r".*visit acme today$"
    assert "today" in widened(loose)  # a head of ".*" would name every line
    assert begins_anywhere(loose) and not begins_anywhere(long)


def test_sets_are_searched_together_and_name_patterns_by_their_numbers() -> None:
    anchored = compiled_set((("(?is)^(?:source)", "(?is)^(?:photo)"), (False, False), (None, None)))
    loose = compiled_set((("(?is)^(?:.*link)",), (False,), (None,)))
    keys = ["source link", "photo", "a link", "nothing"]
    found = _core.PrefilterSets([(anchored, [0, 5]), (loose, [3])]).lines(keys, [2, 1, 2, 1], 0, 100)
    assert found == [(0, [0, 3]), (1, [5]), (2, [3])]
    # The same compiled set given twice shares its lock (locking it twice would hang).
    twice = _core.PrefilterSets([(anchored, [0, 5]), (anchored, [1, 2])]).lines(keys, [2, 1, 2, 1], 0, 100)
    assert twice == [(0, [0, 1]), (1, [2, 5])]
    with pytest.raises(ValueError, match="differ in length"):
        _core.PrefilterSets([(anchored, [0])])
