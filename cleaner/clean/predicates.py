"""The predicates that positional rules name, and the judgement of every line by them.

Rules stay data (`packs/positional.toml` names a predicate, a reason and where it applies);
the judgement that needs neighbours is one small function per name in the compiled core
(core/src/predicates.rs), which also decides, line by line, which rule removes it: a repeat of
the title first, then the phrase rule that matched the line where that rule applies, then the
positional rules allowed where the line stands, in rule order. What each name means:

- ``repeats-title``: the line says the title again (case, punctuation and a site-name suffix
  aside), outside the tail.
- ``repeated``: a sentence the text says more than once: gallery captions, pull quotes,
  repeated teasers. Only sentences count (a caption may end in its credit, "… won 5-4. (AP
  Photo)"): a list, a table or a meal plan (numbers everywhere) repeats its items on purpose.
  The first copy stays.
- ``headline``: headline-shaped, and not an item of a numbered list (a closing list is the
  article's). A label, price or phone number is not called another story's headline: the
  removal's reason must be true, and the page-tail rule takes such lines.
- ``shouting``: a headline in capitals, several words long: a link to another story set into
  the body ("SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'"); a shorter one ("LOOK WHAT
  YOU MADE ME DO", "THE PLAN") is a subheading.
- ``beside-headline``: a caption or teaser next to a headline in the same part of the page.
- ``always``: every line where the rule applies (the page's head or tail).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import _compiled, _core, settings
from ..rules.model import Rule
from ..rules.ruleset import RuleSet, per_rule_set
from ._lines import Columns, Line

#: The core's number for each predicate a rule may name (``repeats-title`` is decided first).
_PREDICATES = {"repeated": 0, "headline": 1, "shouting": 2, "beside-headline": 3, "always": 4}
_PLACES = [(position, edge) for position in ("head", "body", "tail") for edge in (False, True)]


@dataclass(frozen=True)
class _Dispatch:
    """A rule set's positional rules, sorted out once: the title rule, and for each place
    (position, edge) the rules that may remove a line there, by number in `rules`."""

    title: Rule | None
    rules: tuple[Rule, ...]
    places: _core.Places


@per_rule_set
def _dispatch(ruleset: RuleSet) -> _Dispatch:
    title = next((r for r in ruleset.predicates if r.predicate == "repeats-title"), None)
    others = tuple(r for r in ruleset.predicates if r.predicate not in (None, "repeats-title"))
    places = [
        [(n, _PREDICATES[r.predicate or "always"]) for n, r in enumerate(others) if r.allows(position, edge)]
        for position, edge in _PLACES
    ]
    return _Dispatch(title, others, _core.Places(places))


def positional_rules(
    ruleset: RuleSet,
    lines: list[Line],
    columns: Columns,
    positions: list[str],
    title_keys: frozenset[str],
    title_index: int | None,
) -> list[Rule | None]:
    """The rule that removes each line (None: kept); the title's own line is kept. `columns`
    are the lines' own, with their hit codes (`cleaner.clean.region.HitCodes`)."""
    dispatch = _dispatch(ruleset)
    verdicts = _compiled.positional_rules(
        columns.texts,
        columns.keys,
        columns.words,
        columns.terminal,
        columns.kinds,
        columns.hits,
        positions,
        sorted(title_keys),
        -1 if title_index is None else title_index,
        dispatch.title is not None,
        dispatch.places,
        (
            settings.EDGE_LINES,
            settings.REPEAT_MIN_WORDS,
            settings.REPEAT_MAX_NUMBER_SHARE,
            settings.TITLE_MAX_CHARS,
            settings.HEADLINE_MAX_WORDS,
            settings.HEADLINE_MIN_WORDS,
            settings.SHOUT_MIN_WORDS,
        ),
    )
    out: list[Rule | None] = []
    for line, verdict in zip(lines, verdicts, strict=True):
        if verdict == -1:
            out.append(None)
        elif verdict == -2:
            out.append(dispatch.title)
        elif verdict == -3:
            out.append(line.hit.rule if line.hit is not None else None)
        else:
            out.append(dispatch.rules[verdict])
    return out


def title_key(text: str) -> str:
    """A title without a trailing or leading site name ("Headline - Site"), normalised."""
    return _compiled.title_key(text)
