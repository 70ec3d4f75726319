"""Document → Article: the body-region finder, the rule engine and the structure rules."""

from .engine import clean_blocks

__all__ = ["clean_blocks"]
