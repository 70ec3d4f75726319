"""The `contains` words of every rule (built-in and user) are found in one automaton pass over a
text: each line opens exactly the gates it would if its own lower-case text were searched for
every word, and so gets the same hit."""

from __future__ import annotations

import pickle
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import RuleSet, clean_text
from cleaner.rules.model import PhraseMatcher, match_key

RULES = RuleSet.default()
WORDS = sorted(RULES.phrases._gate_words) if isinstance(RULES.phrases, PhraseMatcher) else []


def one_by_one(matcher: PhraseMatcher, keys: list[str]) -> dict[int, tuple[int, ...]]:
    """The gates of each line, the slow way: every word looked for in the line alone."""
    out = {}
    for i, key in enumerate(keys):
        low = key.lower()
        gates = tuple(sorted({g for w, gs in matcher._gate_words.items() if w in low for g in gs}))
        if gates:
            out[i] = gates
    return out


def test_builtin_rules_have_gate_words() -> None:
    assert isinstance(RULES.phrases, PhraseMatcher)
    assert len(WORDS) > 50


pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(["İ", "ß", " ", "x", "A", "Photo", "\u0130stanbul"]))
line = st.lists(pieces, max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(line, max_size=12))
def test_one_pass_opens_the_gates_each_line_holds(keys: list[str]) -> None:
    matcher = RULES.phrases
    assert isinstance(matcher, PhraseMatcher)
    assert matcher._gated_lines(keys) == one_by_one(matcher, keys)
    assert matcher.match_lines(keys, [len(k.split()) for k in keys], 0) == [
        matcher.match(k, len(k.split()), edge=False) for k in keys
    ]


def test_lower_case_that_lengthens_a_line_does_not_shift_later_lines() -> None:
    # "İ" lower-cases to two characters: offsets in the lower-cased text run ahead of the lines.
    keys = ["İİİİİİİİ", "he said:", "foo"]
    matcher = RULES.phrases
    assert isinstance(matcher, PhraseMatcher)
    assert set(matcher._gated_lines(keys)) == {1}
    hits = matcher.match_lines(keys, [1, 2, 1], 0)
    assert hits[1] is not None and hits[0] is None and hits[2] is None


def test_a_user_rules_words_are_in_the_automaton(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rule]]\nname = "acme"\nreason = "Acme promo"\npatterns = [\'.*visit acme\']\ncontains = ["ACME"]\n', "utf-8"
    )
    rules = RuleSet.from_files(path)
    assert isinstance(rules.phrases, PhraseMatcher)
    assert "acme" in rules.phrases._gate_words
    text = "The council met on Tuesday. It voted to repair the bridge.\n\nPlease Visit ACME today"
    article = clean_text(text, rules=rules)
    assert [r.rule for r in article.removed] == ["acme"]


def test_the_matcher_pickles_for_worker_processes() -> None:
    matcher = RULES.phrases
    assert isinstance(matcher, PhraseMatcher)
    copy = pickle.loads(pickle.dumps(matcher))
    keys = [match_key(k) for k in ["Photo: AP", "Jane wrote:", "nothing here", "All rights reserved"]]
    assert copy._gated_lines(keys) == matcher._gated_lines(keys)
    words = [len(k.split()) for k in keys]
    assert copy.match_lines(keys, words, 1) == matcher.match_lines(keys, words, 1)


def test_a_lone_surrogate_is_read_as_one_character() -> None:
    # Found by the Markdown fuzz target: the automaton reads UTF-8, which a lone surrogate
    # (surrogateescape-decoded bytes) is not; the lines around it keep their hits.
    from cleaner.rules.ruleset import resolve

    keys = ["the\ud800 x", "leave a comment below", "\udcff"]
    hits = resolve(None).phrases.match_lines(keys, [2, 4, 1], 2)
    assert len(hits) == 3
