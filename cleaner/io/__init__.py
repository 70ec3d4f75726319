"""Readers and writers at the edges: files and streams in, text/JSON/Markdown out."""

from .readers import Input, looks_like_html, read_input
from .writers import FORMATS, extension, render, render_error

__all__ = ["FORMATS", "Input", "extension", "looks_like_html", "read_input", "render", "render_error"]
