"""bench/train.py on a few hand-made pages: labels, the page text it rebuilds, and training
itself deterministic (the same model file twice), loaded and applied with numpy alone."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

pytest.importorskip("sklearn")

import train
from _export import export

from cleaner.clean.scorer import ModelError, load_model

_BODY = (
    "<p>The council said on Monday that the new bridge over the river will open next spring, "
    "two years later than planned, after the builders found old foundations in the mud.</p>"
    "<p>Engineers had to move the eastern pier by twelve metres, which meant a new design and "
    "a second round of approvals from the port authority and the city.</p>"
    "<p>The mayor said the delay was frustrating but that the bridge would last a century.</p>"
)
_MENU = (
    '<nav class="site-nav"><ul>'
    + "".join(f'<li><a href="/{w}">{w}</a></li>' for w in ("Home", "News", "Sport"))
    + "</ul></nav>"
)
#: A menu the pre-pass keeps (no chrome tag, no boilerplate name): only the container leaves it out.
_TOP = (
    '<div class="top"><ul>'
    + "".join(f'<li><a href="/{w}">{w}</a></li>' for w in ("Home", "News", "Sport"))
    + "</ul></div>"
)
_SHARE = '<div class="share-bar"><p>Share this story</p><p><a href="/x">Facebook</a> <a href="/y">Twitter</a></p></div>'


@pytest.fixture(autouse=True)
def _small_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trees that split on a dozen small pages (the real settings want thousands of blocks)."""
    small = {"max_iter": 10, "learning_rate": 0.3, "max_leaf_nodes": 4, "min_samples_leaf": 2, "l2_regularization": 0.0}
    monkeypatch.setattr(train, "PARAMS", small)


def _pages(tmp_path: Path, candidates: str = "container") -> list[train.Page]:
    pages = []
    for i in range(12):
        article = f"<article><h1>Bridge {i}</h1>{_BODY}{_SHARE}</article>"
        html = f"<html><head><title>Bridge {i}</title></head><body>{_MENU}{_TOP}{article}</body></html>"
        path = tmp_path / f"{i}.html.gz"
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(html)
        truth = "\n\n".join(p.split(">", 1)[1] for p in _BODY.replace("</p>", "").split("<p")[1:])
        page = train._collect_one(
            ("wcxb", str(i), str(path), f"https://site{i}.example/{i}", truth, "article", i % 5, "fast", candidates)
        )
        assert page is not None
        pages.append(page)
    return pages


def test_labels() -> None:
    truth = "the council said on monday that the bridge will open . it is late"
    tokens = train._tokens(truth)
    shingles = {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}
    joined = f" {' '.join(tokens)} "
    assert train.label("The council said on Monday that the bridge will open.", tokens, shingles, joined)
    assert train.label("It is late", tokens, shingles, joined)
    assert not train.label("Share this story on Facebook today", tokens, shingles, joined)
    assert not train.label("Bridge late", tokens, shingles, joined)  # words of the truth, not together


def test_rebuilt_text_is_the_engines(tmp_path: Path) -> None:
    for page in _pages(tmp_path)[:3]:
        assert not page.page_type.endswith("!mismatch")
        assert page.y.sum() == 3  # the three paragraphs
        assert "mayor" in train.page_text(page, ~page.ruled)


def test_wide_candidates_are_the_whole_page_with_todays_text_beside(tmp_path: Path) -> None:
    from cleaner.clean.features import FEATURES

    (page,) = _pages(tmp_path, "wide")[:1]
    assert not page.page_type.endswith("!mismatch")
    assert page.baseline is not None and "mayor" in page.baseline and "Sport" not in page.baseline
    menu = [i for i, t in enumerate(page.texts) if t in ("- Home", "- News", "- Sport")]
    assert len(menu) == 3 and not page.y[menu].any()  # the menu is a candidate now, not content
    inside = page.X[:, FEATURES.index("in_container")]
    assert not inside[menu].any() and inside[page.y].all()
    assert page.X[menu, FEATURES.index("in_li")].all()
    assert train.current_text(page) == page.baseline


def test_training_twice_gives_the_same_file(tmp_path: Path) -> None:
    pages = _pages(tmp_path)
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    export(train.fit(pages), 0.5, first)
    model = train.fit(pages)
    export(model, 0.5, second)
    assert first.read_bytes() == second.read_bytes()
    loaded = load_model(first)
    assert loaded.feature.shape[1] > 1  # real trees, not single leaves
    X = np.vstack([p.X for p in pages])
    assert np.allclose(loaded.predict(X), model.predict_proba(X)[:, 1])
    contributions = loaded.contributions(X)
    assert np.allclose(contributions.sum(axis=1) + loaded.baseline, loaded.raw(X))


def test_corrupt_and_future_model_files(tmp_path: Path) -> None:
    # (a missing or truncated file: tests/clean/test_scorer.py, without scikit-learn)
    bad = tmp_path / "bad.npz"
    export(train.fit(_pages(tmp_path)), 0.5, bad)
    with np.load(bad) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["left"] = arrays["left"][:, :1]
    np.savez(tmp_path / "short.npz", **arrays)
    with pytest.raises(ModelError, match="corrupt"):
        load_model(tmp_path / "short.npz")
    arrays = {**arrays, "left": arrays["right"], "meta": np.array('{"format": 99}')}
    np.savez(tmp_path / "future.npz", **arrays)
    with pytest.raises(ModelError, match="format 99"):
        load_model(tmp_path / "future.npz")


def test_text_inputs_become_pages_the_cleaner_would_write() -> None:
    body = _BODY.replace("<p>", "").replace("</p>", "\n")
    raw = "Home\nNews\nSport\n" + body + "Share this story\nFacebook Twitter\n"
    page = train._collect_text_one(("scrapinghub", "tool/1", raw, "", body, "tool", 0))
    assert page is not None and not page.page_type.endswith("!mismatch")
    assert page.X.shape == (len(page.texts), len(page.X[0])) and len(page.texts) >= 6
    assert page.y.sum() == 3 and "mayor" in train.page_text(page, ~page.ruled)


def test_the_text_model_trains_the_same_twice(tmp_path: Path) -> None:
    body = _BODY.replace("<p>", "").replace("</p>", "\n")
    pages = []
    for i in range(10):
        raw = f"Home\nNews {i}\nSport\n" + body + "Share this story\nFacebook Twitter\n"
        page = train._collect_text_one(("wcxb-page", str(i), raw, "", body, "article", i % 5))
        assert page is not None
        pages.append(page)
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    export(train.fit(pages), 0.5, first)
    export(train.fit(pages), 0.5, second)
    assert first.read_bytes() == second.read_bytes()
    scores = train.score(pages, {m: [train.page_text(p, ~p.ruled) for p in pages] for m in train.MODES})
    assert set(scores["current"]) == {"WCXB, whole-page text"}


def test_the_simulation_takes_back_emptied_headings_and_leads_with_the_headline() -> None:
    from cleaner.clean.features import FEATURES

    texts = ["Intro text of the page.", "Related", "- Other story", "Section", "Body text here."]
    X = np.zeros((5, len(FEATURES)), np.float32)
    for row in (1, 3):
        X[row, FEATURES.index("kind_heading")], X[row, FEATURES.index("level")] = 1.0, 2.0
    page = train.Page("wcxb", "x", 0, "article", "", X, np.zeros(5, bool), np.ones(5), np.zeros(5, bool),
                      np.zeros(5, bool), texts, "The headline", 10)  # fmt: skip
    keep = np.array([True, True, False, True, True])
    assert train.settled(page, keep).tolist() == [True, False, False, True, True]  # "Related" lost its list
    text = train.decided_text("model", page, np.array([0.9, 0.9, 0.1, 0.9, 0.9]), 0.5)
    assert text.startswith("The headline\n\nIntro") and "Related" not in text
    page.texts[0] = "The headline"
    assert train.page_text(page, keep).count("The headline") == 1  # the text starts with it already
