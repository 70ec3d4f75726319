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


def test_the_model_pickles_field_for_field() -> None:
    """Blocks, marks, removals and hits cross from worker processes by their own `__reduce__`:
    every field must come back, those left out of comparison (`trail`, `where`) too."""
    import pickle

    from cleaner import RuleSet
    from cleaner.article import Removal
    from cleaner.document import Mark
    from cleaner.rules.model import Hit

    values = {
        "kind": "list_item", "text": "Item text", "level": 2, "depth": 1, "ordered": True, "number": 3,
        "quote": 1, "lang": "py", "rows": (("a", "b"),), "header": True, "src": "img.png",
        "marks": (Mark("link", 0, 4, "https://example.com"), Mark("emphasis", 5, 9)), "start": 10, "end": 19,
        "line": 2, "heading_path": ("Top",), "role": "title", "origin": "jsonld", "trail": "post body", "where": 7,
    }  # fmt: skip
    assert set(values) == {f.name for f in fields(Block)}  # a new field must be added here
    block = pickle.loads(pickle.dumps(Block(**values)))  # type: ignore[arg-type]
    assert {name: getattr(block, name) for name in values} == values
    removal = Removal("Source link", "source-attribution", "link back")
    assert pickle.loads(pickle.dumps(removal)) == removal
    rule = RuleSet.default().rules[0]
    hit = pickle.loads(pickle.dumps(Hit(rule, {"author": "Ann"})))
    assert hit.rule.name == rule.name and hit.captures == {"author": "Ann"}
