"""What the cleaner sorts out once per rule set (hit codes, the positional rules' places) is
kept for as long as the rule set lives, however many rule sets take turns (a profile's sites),
and goes with it."""

from __future__ import annotations

import gc
import weakref

from cleaner import RuleSet, clean_text
from cleaner.clean.predicates import _dispatch
from cleaner.clean.region import hit_codes
from cleaner.rules.model import Rule


def test_many_rule_sets_in_turn_keep_what_was_sorted_out_and_drop_it_with_them() -> None:
    sets = [RuleSet([Rule(f"site-{n}", "a site's plug", patterns=(rf"visit site {n}",))]) for n in range(100)]
    first = [(hit_codes(rs), _dispatch(rs)) for rs in sets]
    for rs in sets:  # a hundred sites in turn, as a crawl of a profile's sites goes
        clean_text("Visit site 3\n\nA sentence of the article, long enough to be body text here.", rules=rs)
    kept = [hit_codes(rs) is codes and _dispatch(rs) is places for rs, (codes, places) in zip(sets, first, strict=True)]
    assert all(kept)
    alive = [weakref.ref(rs) for rs in sets]
    del sets, first, kept, rs
    gc.collect()
    assert all(ref() is None for ref in alive)  # nothing kept for them holds them
