"""Site folds: one site, one fold, the same on every run and in every set."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from _folds import fold_of, page_folds, registered_domain


def test_registered_domain() -> None:
    assert registered_domain("https://news.bbc.co.uk/story/1") == "bbc.co.uk"
    assert registered_domain("www.example.com") == "example.com"
    assert registered_domain("http://shop.example.com.au:8080/x") == "example.com.au"


def test_one_site_one_fold() -> None:
    assert fold_of("https://a.example.com/1") == fold_of("http://www.example.com/2") == fold_of("example.com")
    assert all(0 <= fold_of(f"site{i}.org", 5) < 5 for i in range(50))
    assert len({fold_of(f"site{i}.org") for i in range(50)}) == 5


def test_page_folds_read_the_truth_urls(tmp_path: Path) -> None:
    (tmp_path / "wcxb").mkdir()
    truth = {"1": {"url": "https://a.example.com/x"}, "2": {"url": "https://b.example.com/y"}, "3": {"url": ""}}
    (tmp_path / "wcxb" / "ground-truth.json").write_text(json.dumps(truth), "utf-8")
    folds = page_folds(tmp_path, "wcxb", ["1", "2", "3"])
    assert folds["1"] == folds["2"] == fold_of("example.com")
    assert folds["3"] == fold_of("3")
