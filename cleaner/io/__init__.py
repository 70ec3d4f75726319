"""Input and output at the edges: files, streams and record formats (the writers that render
an article are `cleaner.writers`)."""

from .readers import Input, looks_like_html, read_input

__all__ = ["Input", "looks_like_html", "read_input"]
