"""The document model's constructors."""

from __future__ import annotations

from dataclasses import fields

from cleaner.document import Block, text_paragraph


def test_text_paragraph_is_the_keyword_form() -> None:
    """`text_paragraph` passes Block's fields by position: a field added or moved before
    `line` would shift them, and this fails."""
    made = text_paragraph("A line.", 3, 11, 2)
    assert made == Block("paragraph", "A line.", start=3, end=11, line=2)
    for f in fields(Block):  # the fields eq leaves out, and every default, too
        if f.name not in ("kind", "text", "start", "end", "line"):
            assert getattr(made, f.name) == f.default, f.name
