"""The exception tree of `cleaner`; every error names the input it concerns.

CleanerError
├── InputError          an input that cannot be read (missing, a directory, binary, ...)
├── RulesError          a rules or profile file that cannot be used (names file and line)
├── ExtractionError     HTML that could not be turned into an article
├── TimeLimitExceeded   "timeout"  one record or page took longer than its time limit
└── FetchError          a URL that did not give a page (names the URL; `kind` in error records)
    ├── InvalidURL              "invalid-url"  not an http(s) URL
    ├── RobotsDisallowed        "robots"       robots.txt forbids it
    ├── HTTPStatusError         "http"         the server answered 4xx/5xx (after retries)
    ├── RedirectLoop            "redirect-loop"
    ├── TooManyRedirects        "too-many-redirects"
    ├── TooLarge                "too-large"    body over the byte limit (cut off)
    ├── NotHTML                 "not-html"     PDF, image, JSON, ...
    ├── NotASitemap / NotAFeed  "not-sitemap" / "not-feed"
    └── NetworkError            the exchange itself failed
        ├── FetchTimeout        "timeout"
        ├── DNSError            "dns"
        ├── TLSError            "tls"
        ├── ConnectionFailed    "connection"
        └── ProtocolError       "protocol"     a malformed or undecodable response
"""

from __future__ import annotations


class CleanerError(Exception):
    """Base of all errors `cleaner` raises on purpose; its message is one line for the user."""

    kind = "error"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)
        self.reason = message


class InputError(CleanerError):
    """An input file or stream that cannot be read as text."""

    kind = "input"


class RulesError(CleanerError):
    """A rules file that is not valid TOML or not a valid set of rules."""

    kind = "rules"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.line = line
        where = f"{source}:{line}" if source and line else source
        super().__init__(message, source=where)


class ExtractionError(CleanerError):
    """HTML that could not be parsed or yielded no article."""

    kind = "extraction"


class TimeLimitExceeded(CleanerError):
    """One record, page or document took longer than the time limit it was given
    (``--record-timeout``, ``timeout=``); `seconds` is that limit."""

    kind = "timeout"

    def __init__(self, message: str, *, source: str | None = None, seconds: float | None = None) -> None:
        self.seconds = seconds
        super().__init__(message, source=source)


class FetchError(CleanerError):
    """A URL that did not give a page; `source` is the URL, `kind` names the failure."""

    kind = "fetch"

    def __init__(self, message: str, *, source: str | None = None, status: int | None = None) -> None:
        self.status = status
        super().__init__(message, source=source)


class InvalidURL(FetchError):
    kind = "invalid-url"


class RobotsDisallowed(FetchError):
    kind = "robots"


class HTTPStatusError(FetchError):
    kind = "http"


class RedirectLoop(FetchError):
    kind = "redirect-loop"


class TooManyRedirects(FetchError):
    kind = "too-many-redirects"


class TooLarge(FetchError):
    kind = "too-large"


class NotHTML(FetchError):
    kind = "not-html"


class NotASitemap(FetchError):
    kind = "not-sitemap"


class NotAFeed(FetchError):
    kind = "not-feed"


class NetworkError(FetchError):
    """The exchange with the server failed before a whole answer arrived."""

    kind = "network"


class FetchTimeout(NetworkError):
    kind = "timeout"


class DNSError(NetworkError):
    kind = "dns"


class TLSError(NetworkError):
    kind = "tls"


class ConnectionFailed(NetworkError):
    kind = "connection"


class ProtocolError(NetworkError):
    kind = "protocol"
