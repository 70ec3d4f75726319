"""Text → Article: the body-region finder and the rule engine."""

from .engine import clean_text

__all__ = ["clean_text"]
