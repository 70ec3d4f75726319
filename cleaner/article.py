"""The result of cleaning: the article body, its metadata, and what was removed and why."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Removal:
    """One removed line: its text, the rule that removed it and why, so users can audit the cleaner."""

    text: str
    rule: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "rule": self.rule, "reason": self.reason}


@dataclass
class Article:
    """A clean article.

    `text` holds the body only, paragraphs separated by one blank line; the title lives in
    `title` so that exporters decide whether it leads the text. `source` is the original
    publisher of a syndicated article; `status` the HTTP status when the page was fetched;
    `page_type` and `confidence` what extraction decided about an HTML page.
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

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the same field names, `removed` as a list of objects."""
        data = asdict(self)
        data["removed"] = [r.to_dict() for r in self.removed]
        return data

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p]
