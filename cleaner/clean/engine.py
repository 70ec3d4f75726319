"""`clean_blocks`: Document in, `Article` out, every removed block accounted for.

The cleaner judges blocks and never edits one. Blocks with words (headings, paragraphs, list
items, code, tables, quotes, captions) are weighed and matched as lines always were: the body
region, the phrase rules on their visible text, the positional rules. Blocks without words a
reader sees (images, rules, link definitions, raw HTML, front matter) then follow the text
around them (`structure.py`). What is kept is handed on as the blocks themselves, so the writers
copy a kept block of a text or Markdown input byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import settings
from ..article import Article, Removal
from ..document import Block, Document, plain_text
from ..errors import CleanerError
from ..rules.model import Rule
from ..rules.ruleset import RuleSet, resolve
from . import language, structure
from ._lines import Columns, Line, make_lines, normalise
from .predicates import positional_rules, title_key
from .region import find_body, hit_codes

RulesArg = RuleSet | str | Path | Iterable[Rule] | None

#: Blocks whose words the rules and the region finder read.
JUDGED = frozenset({"heading", "paragraph", "list_item", "code", "table", "quote", "caption"})
#: What decides the blocks no rule names: the region finder and rules alone, or the model too.
SCORERS = ("rules", "model")
#: Blocks whose text is never matched by a phrase rule (code says what it says on purpose).
UNMATCHED = frozenset({"code", "table"})


@dataclass
class Judgement:
    """What the rules made of a document's judged blocks, before the blocks without words
    follow them: the lines they were weighed as, the body region, each line's position, the
    title line, and per judged block the rule that removes it (None: kept). The block scorer's
    features read this, so the model sees the same region and rule hits as the rules."""

    judged: list[int]
    lines: list[Line]
    region: tuple[int, int]
    positions: list[str]
    title: str | None
    title_index: int | None
    rules: list[Rule | None]
    fields: dict[str, str]


def resolve_scorer(scorer: str | None) -> str:
    """`scorer`, or `settings.BLOCK_SCORER` for None; one that is not in `SCORERS` is a
    ValueError, raised before any work is done."""
    chosen = settings.BLOCK_SCORER if scorer is None else scorer
    if chosen not in SCORERS:
        raise ValueError(f"unknown block scorer {chosen!r} (known: {', '.join(SCORERS)})")
    return chosen


def judge(doc: Document, ruleset: RuleSet, title: str | None = None) -> Judgement:
    """Weigh and match every judged block of `doc` (see `clean_blocks`)."""
    verbatim = doc.verbatim
    plain = doc.format == "text" and verbatim
    if plain:  # one paragraph a line, nothing the markup says: the lines as they are
        judged = list(range(len(doc.blocks)))
        texts = [block.text for block in doc.blocks]
        lines = make_lines(texts)
        keys = [line.key for line in lines]
    else:
        judged = [i for i, block in enumerate(doc.blocks) if block.kind in JUDGED and block.text.strip()]
        lines = _lines_of([doc.blocks[i] for i in judged])
        keys = ["" if doc.blocks[i].kind in UNMATCHED else line.key for line, i in zip(lines, judged, strict=True)]
        texts = [line.text for line in lines]
    words = [line.words for line in lines]
    hits = ruleset.phrases.match_lines(keys, words, settings.EDGE_LINES)
    codes = hit_codes(ruleset)
    hit_column = []
    for line, hit in zip(lines, hits, strict=True):
        line.hit = hit
        hit_column.append(-1 if hit is None else codes.of(hit.rule))
    columns = Columns(
        texts,
        keys if plain else [line.key for line in lines],
        words,
        [line.terminal for line in lines],
        [line.kind for line in lines],
        hit_column,
    )
    weights, start, end, positions = find_body(codes, columns)
    for line, weight in zip(lines, weights, strict=True):
        line.weight = weight
    title, title_index = _find_title(lines, positions, title, verbatim=verbatim)
    rules = positional_rules(ruleset, lines, columns, positions, _title_keys(title), title_index)
    fields: dict[str, str] = {}
    for n, (line, rule) in enumerate(zip(lines, rules, strict=True)):
        if rule is not None and line.hit is not None and line.hit.rule is rule and _own_line(lines, positions, n):
            for key, value in line.hit.captures.items():
                fields.setdefault(key, value)
    return Judgement(judged, lines, (start, end), positions, title, title_index, rules, fields)


def clean_blocks(
    doc: Document, *, rules: RulesArg = None, title: str | None = None, scorer: str | None = None
) -> Article:
    """Remove syndication and scraping boilerplate from a document.

    `rules` is a `RuleSet`, a rules file or extra rules (the built-in ones are always there
    unless a file disables them); `title`, when known (HTML metadata, front matter), is kept
    once and its repeats in the text are removed. `scorer` (default `settings.BLOCK_SCORER`)
    is ``rules``, or ``model``: the learned block scorer also removes blocks no rule names
    (one model for HTML blocks, trained on the fast engine's, one for text and Markdown).
    """
    scorer = resolve_scorer(scorer)
    verdict = judge(doc, resolve(rules), title)
    judged, title, title_index, fields = verdict.judged, verdict.title, verdict.title_index, verdict.fields
    fates: dict[int, Removal | None] = {
        i: None if rule is None else Removal(doc.raw(doc.blocks[i]), rule.name, rule.reason)
        for i, rule in zip(judged, verdict.rules, strict=True)
    }
    model_confidence: float | None = None
    if scorer == "model":
        try:
            from .scorer import decide  # numpy and the model file, only when asked for
        except ImportError as exc:
            raise CleanerError(f"the model block scorer needs numpy ({exc}): pip install 'cleaner[scorer]'") from None

        decision = decide(doc, verdict)
        model_confidence = decision.confidence
        for row, removal in decision.removals.items():
            fates[judged[row]] = removal
    title_block = doc.blocks[judged[title_index]] if title_index is not None else None
    structure.settle(doc, fates, title_block)
    kept: list[Block] = []
    removed: list[Removal] = []
    body_at: list[int] = []
    for i, block in enumerate(doc.blocks):
        fate = fates.get(i)
        if fate is None:
            kept.append(block)
            if block is title_block:
                block.role = "title"
            else:
                body_at.append(i)
        else:
            removed.append(fate)
    body = body_text(doc, body_at)
    return Article(
        text=body,
        title=title,
        author=fields.get("author"),
        source=fields.get("source"),
        language=language.guess(body),
        removed=removed,
        notes=list(doc.notes),
        blocks=kept,
        document=doc,
        confidence=model_confidence,
    )


def body_text(doc: Document, indices: list[int]) -> str:
    """The body as plain text: a plain-text input's own lines with their own separators, any
    other document's blocks (at `indices`) in their canonical text form."""
    if doc.format == "text" and doc.verbatim:
        return "".join(gap + raw for gap, raw in doc.pieces_at(indices)).strip("\r\n")
    return plain_text([doc.blocks[i] for i in indices], doc.source)


def _lines_of(blocks: list[Block]) -> list[Line]:
    """Blocks as the region finder and the rules see them: one line each of its visible
    text, with the kind its markup states where it states one."""
    texts = []
    for block in blocks:
        text = " ".join(" | ".join(row) for row in block.rows) if block.kind == "table" and block.rows else block.text
        texts.append(" ".join(text.split()) if "\n" in text and block.kind != "code" else text)
    lines = make_lines(texts)
    for line, block in zip(lines, blocks, strict=True):
        if block.kind == "code":
            line.kind = "code"
        elif block.kind == "table":
            line.kind = "table"
        elif block.kind == "list_item" and block.ordered:
            line.kind = "list"
        elif block.kind == "heading":
            line.level = block.level or 1
    return lines


def _own_line(lines: list[Line], positions: list[str], i: int) -> bool:
    """Whether line `i` speaks of this article: in the head or body, or in the run of rule
    hits that directly follows the body (not beside another story's headline)."""
    if positions[i] != "tail":
        return True
    j = i - 1
    while j >= 0 and positions[j] == "tail":
        if lines[j].hit is None:
            return False
        j -= 1
    return True


def _find_title(
    lines: list[Line], positions: list[str], given: str | None, *, verbatim: bool = False
) -> tuple[str | None, int | None]:
    """The title and the index of the line that carries it (that line is not body text).

    A given title is used as it is; in a text or Markdown input (written back as it came) the
    first heading or line near the top that says it is the title's own line, kept in place,
    not a repeat to remove. Otherwise a headline-shaped first line is the title when
    the page repeats it near the top, or when it is long enough to be a headline (not a
    label like "Our blog") and the body starts right after it.
    """
    if given is not None:
        given = given.strip() or None
        if given is None or not verbatim:
            return given, None
        keys = _title_keys(given)
        for n, line in enumerate(lines[: settings.TITLE_SEARCH_LINES]):
            if positions[n] == "tail":
                break
            short = len(line.text) <= settings.TITLE_MAX_CHARS
            if short and (normalise(line.text) in keys or title_key(line.text) in keys):
                return given, n
        return given, None
    if not lines:
        return None, None
    title, index = _first_line_title(lines, positions)
    if title is None:
        title, index = _heading_title(lines, positions)
    return title, index


def _heading_title(lines: list[Line], positions: list[str]) -> tuple[str | None, int | None]:
    """In a document whose markup marks headings (Markdown, HTML), the title is the top-level
    heading nearest the body, before it or opening it (a crawler's Markdown puts the site's
    name and menu above it), or the heading right before the body when none is top-level."""
    first_body = positions.index("body") if "body" in positions else len(lines)
    candidates = [n for n in range(min(first_body + 1, len(lines))) if lines[n].level]
    if not candidates:
        return None, None
    top = min(lines[n].level for n in candidates)
    pick = [n for n in candidates if lines[n].level == top][-1]
    if top > 1 and pick < first_body - 1:
        pick = candidates[-1] if candidates[-1] >= first_body - 1 else -1
    if pick < 0:
        return None, None
    line = lines[pick]
    if line.hit is not None or line.words > settings.TITLE_MAX_WORDS or len(line.text) > settings.TITLE_MAX_CHARS:
        return None, None
    return line.text, pick


def _first_line_title(lines: list[Line], positions: list[str]) -> tuple[str | None, int | None]:
    """The first line as the title: headline-shaped, and repeated near the top or followed
    right away by the body."""
    first_body = positions.index("body") if "body" in positions else len(lines)
    first = lines[0]
    boilerplate = first.hit is not None and first.hit.rule.allows("head", True)
    if boilerplate or first.words > settings.TITLE_MAX_WORDS or len(first.text) > settings.TITLE_MAX_CHARS:
        return None, None
    if not first.shaped:
        return None, None
    if len(lines) < 2 or (positions[0] == "body" and first.weight > 0):
        return None, None
    key = title_key(first.text)
    for line in lines[1 : settings.TITLE_SEARCH_LINES]:
        if line.hit is None and line.words <= first.words and normalise(line.text) == key:
            return line.text, 0
    unexplained = sum(1 for line in lines[1:first_body] if line.hit is None)
    if unexplained == 0 and first.words >= settings.TITLE_MIN_WORDS:
        return first.text, 0
    return None, None


def _title_keys(title: str | None) -> frozenset[str]:
    if not title:
        return frozenset()
    return frozenset({normalise(title), title_key(title)})
