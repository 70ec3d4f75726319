"""The result of cleaning: the article body, its metadata, and what was removed and why."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from .document import Block, Document
from .writers.json import body_markdown
from .writers.markdown import render_markdown
from .writers.text import render_text


@dataclass(frozen=True, slots=True, init=False)
class Removal:
    """One removed line: its text, the rule that removed it and why, so users can audit the cleaner.

    Made for most lines of a page's text, so its `__init__` sets the slots through their
    descriptors: a frozen dataclass's own goes through `object.__setattr__` and costs twice as
    much (frozen and hashable all the same)."""

    text: str
    rule: str
    reason: str

    def __init__(self, text: str, rule: str, reason: str) -> None:
        _set_text(self, text)
        _set_rule(self, rule)
        _set_reason(self, reason)

    def __reduce__(self) -> tuple[type[Removal], tuple[str, str, str]]:
        # A frozen dataclass with slots pickles through `dataclasses.fields` on every object,
        # four times slower; a fetched page's removals cross from its worker process.
        return Removal, (self.text, self.rule, self.reason)

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "rule": self.rule, "reason": self.reason}


_set_text = vars(Removal)["text"].__set__
_set_rule = vars(Removal)["rule"].__set__
_set_reason = vars(Removal)["reason"].__set__


@dataclass
class Article:
    """A clean article: the kept blocks of a document, and its metadata.

    `blocks` are the kept blocks in reading order; a block the cleaner took for the title is
    among them with ``role="title"`` (so that a Markdown input's own heading is written back
    where it stood). `text` is the body as plain text without the title (for a plain-text input
    its kept lines exactly as they came in); the title lives in `title` so that writers decide
    whether it leads. `source` is the original publisher of a syndicated article; `status` the
    HTTP status when the page was fetched; `page_type` and `confidence` what extraction decided
    about an HTML page. `document` is the whole input document (kept and removed blocks), which
    the writers need to copy kept blocks of a text or Markdown input byte for byte.
    """

    text: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    sitename: str | None = None
    language: str | None = None
    source: str | None = None
    status: int | None = None
    page_type: str | None = None
    confidence: float | None = None
    removed: list[Removal] = field(default_factory=list)
    #: What a reader or the extractor had to cut or flatten on a hostile input (a cap).
    notes: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list, repr=False)
    document: Document | None = field(default=None, repr=False, compare=False)

    def to_dict(self, *, blocks: bool = False, markdown: bool = False) -> dict[str, Any]:
        """The JSON form: the same field names, `removed` as a list of objects; with `blocks`
        the kept blocks (``[{"type", "text", "level", …}]``), with `markdown` the Markdown
        rendering of the body (no title, no metadata block: both are fields already)."""
        data: dict[str, Any] = {}
        for f in fields(self):
            if f.name in ("blocks", "document") or (f.name == "notes" and not self.notes):
                continue
            data[f.name] = getattr(self, f.name)
        data["removed"] = [r.to_dict() for r in self.removed]
        if blocks:
            data["blocks"] = [b.to_dict() for b in self.blocks]
        if markdown:
            data["markdown"] = body_markdown(self)
        return data

    def to_text(self, *, keep_title: bool = True) -> str:
        """The plain-text rendering: the title (unless not wanted), a blank line, the body."""
        return render_text(self, keep_title=keep_title)

    def to_markdown(self, *, keep_title: bool = True, links: bool = False, images: bool = False) -> str:
        """Markdown: a Markdown input's kept blocks byte for byte; anything else rendered as
        CommonMark + GFM (headings, nested lists, fenced code, tables, quotes; links and
        images when asked), with a metadata front block."""
        return render_markdown(self, keep_title=keep_title, links=links, images=images)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p]
