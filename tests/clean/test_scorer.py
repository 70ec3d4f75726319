"""The learned block scorer at run time: the shipped model, its failure modes, and what
`clean_blocks` does with it (``settings.BLOCK_SCORER = "model"``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from cleaner import settings
from cleaner.clean import scorer
from cleaner.clean.engine import clean_blocks
from cleaner.clean.features import FEATURES
from cleaner.clean.scorer import MODEL_RULE, ModelError, TreeModel, load_model, shipped_model
from cleaner.cli import app
from cleaner.document import Block, Document


def _links_model(threshold: float = 0.5) -> TreeModel:
    """One tree: a block that is mostly link text is not content (p 0.12), any other is (p 0.88)."""
    feature = np.array([[FEATURES.index("link_share"), 0, 0]], dtype=np.int32)
    return TreeModel(
        features=FEATURES,
        threshold=threshold,
        baseline=0.0,
        feature=feature,
        split=np.array([[0.5, 0.0, 0.0]]),
        left=np.array([[1, 0, 0]], dtype=np.int32),
        right=np.array([[2, 0, 0]], dtype=np.int32),
        missing_left=np.zeros((1, 3), bool),
        leaf=np.array([[False, True, True]]),
        value=np.array([[0.0, 2.0, -2.0]]),
        depth=1,
    )


def _page() -> Document:
    from cleaner.document import Mark

    text = "Our partner offers, all of them great"
    return Document(
        [
            Block("paragraph", "The council said on Monday that the new bridge will open next spring, at last."),
            Block("paragraph", text, marks=(Mark("link", 0, len(text), "/offers"),)),
            Block("paragraph", "Engineers had to move the eastern pier by twelve metres, which took a year."),
        ],
        format="html",
    )


def test_the_shipped_model_loads_once_and_reads_todays_features() -> None:
    model = shipped_model()
    assert model is shipped_model()
    assert model.features == FEATURES
    assert 0.0 < model.threshold < 1.0
    for name in set(scorer.SHIPPED.values()):
        assert (Path(scorer.__file__).parent.parent / "data" / name).stat().st_size < 3_000_000


def test_rules_alone_by_default() -> None:
    assert settings.BLOCK_SCORER == "rules"
    article = clean_blocks(_page())
    assert "partner offers" in article.text


def test_model_removes_what_no_rule_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scorer, "shipped_model", lambda *_: _links_model())
    article = clean_blocks(_page(), scorer="model")
    assert "partner offers" not in article.text and "eastern pier" in article.text
    (removal,) = [r for r in article.removed if r.rule == MODEL_RULE]
    assert "p(content) 0.12 < 0.50" in removal.reason and "link_share=1.00 (-2.00)" in removal.reason


def test_each_format_has_its_model(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def model_for(format: str = "html") -> TreeModel:
        asked.append(format)
        return _links_model()

    monkeypatch.setattr(scorer, "shipped_model", model_for)
    for format in ("html", "markdown"):
        doc = _page()
        doc.format = format
        assert "partner offers" not in clean_blocks(doc, scorer="model").text
    assert asked == ["html", "markdown"]
    assert scorer.SHIPPED["text"] == scorer.SHIPPED["markdown"] != scorer.SHIPPED["html"]


def test_every_shipped_model_loads() -> None:
    for format in scorer.SHIPPED:
        model = shipped_model(format)
        # A model reads its columns by name: the text model was trained before the HTML
        # model's where-features existed, and needs none of them.
        assert set(model.features) <= set(FEATURES) and 0.0 < model.threshold < 1.0
        doc = Document([Block("paragraph", "A sentence of body text that goes on for a while.")], format=format)
        assert clean_blocks(doc, scorer="model").text
    with pytest.raises(ModelError, match="no block scorer model for pdf"):
        shipped_model("pdf")


def test_unknown_scorer() -> None:
    from cleaner import extract_html
    from cleaner.fetch.config import FetchConfig
    from cleaner.pipeline import RecordCleaner, RecordOptions

    with pytest.raises(ValueError, match="unknown block scorer 'magic'"):
        clean_blocks(_page(), scorer="magic")
    # Said before any work, wherever a scorer is named: not once per page or record.
    with pytest.raises(ValueError, match="unknown block scorer 'magic'"):
        extract_html("<html><body><p>Some text of a page.</p></body></html>", scorer="magic")
    with pytest.raises(ValueError, match="unknown block scorer 'magic'"):
        FetchConfig(scorer="magic")
    with pytest.raises(ValueError, match="unknown block scorer 'magic'"):
        RecordCleaner(RecordOptions(scorer="magic"))


def test_explain_shows_a_model_removal_with_its_score_and_features(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(scorer, "shipped_model", lambda *_: _links_model())
    monkeypatch.setattr(settings, "BLOCK_SCORER", "model")
    page = tmp_path / "page.html"
    body = (
        "<p>The council said on Monday that the new bridge will open next spring, after two years of work.</p>"
        '<p><a href="/offers">Our partner offers, all of them great</a></p>'
        "<p>Engineers had to move the eastern pier by twelve metres, which took them most of a year.</p>"
    )
    page.write_text(f"<html><body><article>{body}</article></body></html>", "utf-8")
    result = CliRunner().invoke(app, ["clean", str(page), "--engine", "fast", "--explain"])
    assert result.exit_code == 0, result.stderr
    assert "partner offers" not in result.stdout and "eastern pier" in result.stdout
    assert MODEL_RULE in result.stderr and "p(content)" in result.stderr and "link_share" in result.stderr


def test_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "missing.npz")
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(ModelError, match="unreadable"):
        load_model(broken)


def _short_lines_model() -> TreeModel:
    """One tree: a block of three words or fewer is not content (p 0.12), a longer one is."""
    model = _links_model()
    feature = np.array([[FEATURES.index("words_log"), 0, 0]], dtype=np.int32)
    split = np.array([[float(np.log1p(3.5)), 0.0, 0.0]])
    value = np.array([[0.0, -2.0, 2.0]])
    return TreeModel(**{**model.__dict__, "feature": feature, "split": split, "value": value})


def test_scorer_option_of_clean_on_a_text_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(scorer, "shipped_model", lambda *_: _short_lines_model())
    page = tmp_path / "page.txt"
    page.write_text(
        "The council said on Monday that the new bridge will open next spring, after two years of work.\n\n"
        "Weather Sport Culture\n\n"
        "Engineers had to move the eastern pier by twelve metres, which took them most of a year.\n",
        "utf-8",
    )
    rules = CliRunner().invoke(app, ["clean", str(page)])
    assert rules.exit_code == 0 and "Weather Sport Culture" in rules.stdout
    model = CliRunner().invoke(app, ["clean", str(page), "--scorer", "model", "--explain"])
    assert model.exit_code == 0, model.stderr
    assert "Weather Sport Culture" not in model.stdout and "eastern pier" in model.stdout
    assert MODEL_RULE in model.stderr and "words_log" in model.stderr
    bad = CliRunner().invoke(app, ["clean", str(page), "--scorer", "magic"])
    assert bad.exit_code == 2 and "magic" in bad.stderr


_WIDE_PAGE = (
    '<html><body><div class="top"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></div>'
    "<article><header><h1>The bridge</h1><p>Jane Roe, city desk</p></header>"
    "<p>The council said on Monday that the new bridge will open next spring, after two years of work.</p>"
    '<ul class="more">' + "".join(f'<li><a href="/{i}">Story {i}</a></li>' for i in range(6)) + "</ul>"
    "<p>Engineers had to move the eastern pier by twelve metres, which took them most of a year.</p>"
    "</article></body></html>"
)


def _wide_doc() -> tuple[Document, list[Block]]:
    from cleaner.extract.fast import wide_blocks
    from cleaner.extract.prepass import run_prepass

    pre = run_prepass(_WIDE_PAGE, None)
    assert pre.tree.body is not None and pre.container is not None
    blocks = wide_blocks(pre.tree.body, pre.container, pre.profile)
    return Document(blocks, format="html"), blocks


def _column(doc: Document, name: str) -> dict[str, float]:
    from cleaner.clean.engine import judge
    from cleaner.clean.features import block_features
    from cleaner.rules.ruleset import resolve

    verdict = judge(doc, resolve(None))
    X = block_features(doc, verdict)
    return {doc.blocks[i].text: float(X[row, FEATURES.index(name)]) for row, i in enumerate(verdict.judged)}


def test_wide_features_say_where_a_block_stood() -> None:
    doc, _ = _wide_doc()
    inside, links = _column(doc, "in_container"), _column(doc, "in_link_group")
    header, item = _column(doc, "in_header"), _column(doc, "in_li")
    assert inside["Home"] == 0.0 and item["Home"] == 1.0  # the menu, outside the article
    assert inside["Story 3"] == 1.0 and links["Story 3"] == 1.0  # a link list the container holds
    assert header["Jane Roe, city desk"] == 1.0 and inside["Jane Roe, city desk"] == 1.0
    pier = next(t for t in inside if "eastern pier" in t)
    assert inside[pier] == 1.0 and links[pier] == 0.0 and header[pier] == 0.0 and item[pier] == 0.0
    # A document not read from the whole page is all container (it is all the engine gave).
    assert set(_column(_page(), "in_container").values()) == {1.0}


def test_link_groups_are_what_drop_link_groups_removes() -> None:
    from selectolax.lexbor import LexborHTMLParser

    from cleaner.extract.fast import drop_link_groups, link_groups
    from cleaner.extract.prepass import run_prepass

    pre = run_prepass(_WIDE_PAGE, None)
    assert pre.container is not None
    found = sorted(g.html or "" for g in link_groups(pre.container, pre.profile))
    before = pre.container.html or ""
    drop_link_groups(pre.container, pre.profile)
    after = pre.container.html or ""
    assert found and all(g in before and g not in after for g in found)
    assert LexborHTMLParser(after).css("ul.more") == []


def _inside_model() -> TreeModel:
    """One tree on `in_container` (p 0.12 outside, 0.88 inside), naming only the features it
    reads before it: a model of an older feature list still reads its columns by name."""
    names = FEATURES[: FEATURES.index("in_container") + 1]
    return TreeModel(
        features=names,
        threshold=0.5,
        baseline=0.0,
        feature=np.array([[len(names) - 1, 0, 0]], dtype=np.int32),
        split=np.array([[0.5, 0.0, 0.0]]),
        left=np.array([[1, 0, 0]], dtype=np.int32),
        right=np.array([[2, 0, 0]], dtype=np.int32),
        missing_left=np.zeros((1, 3), bool),
        leaf=np.array([[False, True, True]]),
        value=np.array([[0.0, -2.0, 2.0]]),
        depth=1,
    )


def test_with_the_model_the_fast_engine_decides_on_the_whole_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import extract_html

    assert "Story 3" not in extract_html(_WIDE_PAGE, engine="fast").text  # today: the link group goes
    monkeypatch.setattr(scorer, "shipped_model", lambda *_: _inside_model())
    monkeypatch.setattr(settings, "BLOCK_SCORER", "model")
    text = extract_html(_WIDE_PAGE, engine="fast").text
    assert "Story 3" in text and "eastern pier" in text  # the model kept the container's list
    assert "Home" not in text  # and dropped the menu outside it


def test_a_model_naming_a_feature_this_version_lacks_is_a_clear_error() -> None:
    model = _links_model()
    model = TreeModel(**{**model.__dict__, "features": (*FEATURES, "from_the_future")})
    with pytest.raises(ModelError, match="from_the_future"):
        scorer.decide(_page(), _judged(_page()), model)


def _judged(doc: Document) -> object:
    from cleaner.clean.engine import judge
    from cleaner.rules.ruleset import resolve

    return judge(doc, resolve(None))


def test_the_models_confidence_is_the_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scorer, "shipped_model", lambda *_: _links_model())
    assert clean_blocks(_page()).confidence is None  # the rules alone say nothing of it
    sure = clean_blocks(_page(), scorer="model").confidence
    # The two kept paragraphs score 0.88 each; no word was within 0.25 of 0.5.
    assert sure == pytest.approx(0.881, abs=0.001)
    probs, words = np.array([0.9, 0.5, 0.1]), np.array([10.0, 10.0, 10.0])
    kept = np.array([True, True, False])
    assert scorer.confidence_of(probs, kept, words) == pytest.approx(0.7 * (1 - 0.5 / 3), abs=0.001)
    assert scorer.confidence_of(probs, np.zeros(3, bool), words) == 0.0
