"""Golden files: the whole output (every field of the Article) of each engine on each fixture page.

After an intended change, rewrite them with CLEANER_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os

import pytest
from _extract_pages import PAGES, URLS, page

from cleaner import extract_html

GOLDEN = PAGES / "golden"


@pytest.mark.parametrize("engine", ["best", "fast"])
@pytest.mark.parametrize("name", sorted(URLS))
def test_golden(name: str, engine: str) -> None:
    got = extract_html(page(name), URLS[name], engine=engine).to_dict()
    path = GOLDEN / f"{name}.{engine}.json"
    if os.environ.get("CLEANER_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))
