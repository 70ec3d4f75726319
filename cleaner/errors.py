"""The exception tree of `cleaner`; every error names the input it concerns.

    CleanerError
    ├── InputError          an input that cannot be read (missing, a directory, binary, ...)
    ├── RulesError          a rules or profile file that cannot be used (names file and line)
    └── ExtractionError     HTML that could not be turned into an article
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
