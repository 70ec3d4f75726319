"""HTML → Article: extraction of the main content and metadata, then the text cleaner."""

from .html import extract_html

__all__ = ["extract_html"]
