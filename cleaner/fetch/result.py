"""`FetchResult`: one per URL given, holding either the article or the error, never both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..article import Article
from ..errors import CleanerError
from ..writers import error_record


@dataclass
class FetchResult:
    """What became of one URL.

    `url` is the URL as given; `article.url` the final one after redirects. Exactly one of
    `article` and `error` is set: test `ok` (or `error is None`) to tell them apart.
    """

    url: str
    article: Article | None = None
    error: CleanerError | None = None
    #: Bytes received over the network for this URL (0 when served from the cache).
    nbytes: int = 0
    from_cache: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def kind(self) -> str | None:
        """The error kind (``timeout``, ``http``, ``robots``, ...), None for an article."""
        return self.error.kind if self.error is not None else None

    def to_dict(self) -> dict[str, Any]:
        """The article's JSON form, or ``{"url": ..., "error": {"kind": ..., "message": ...}}``."""
        if self.article is not None:
            return self.article.to_dict()
        assert self.error is not None
        return error_record(self.url, self.error.kind, self.error.reason, key="url")
