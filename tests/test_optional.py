"""A missing extra is a one-line error naming the input and the extra to install."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cleaner._optional import optional
from cleaner.errors import InputError
from cleaner.io._compress import open_read


def test_a_missing_extra_names_the_input_and_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "zstandard", None)  # makes `import zstandard` raise ImportError
    path = tmp_path / "corpus.jsonl.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd")
    with pytest.raises(InputError) as caught:
        open_read(str(path))
    assert str(caught.value) == f"{path}: zstd files need the zstandard package: pip install 'cleaner[zstd]'"


def test_a_present_module_gives_its_top_level_package() -> None:
    import xml

    assert optional("xml.dom.minidom", "needs xml", "none") is xml
