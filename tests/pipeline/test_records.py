"""The Python API: clean_records and clean_batch, and clean_batch through datasets.map."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner.pipeline import METADATA, clean_batch, clean_records

from .conftest import PAGES, fixture_records


def test_clean_records_keeps_fields_and_adds_metadata() -> None:
    records = fixture_records()
    out = list(clean_records(records))
    assert [r["id"] for r in out] == ["a1", "a2", "a3"]
    for before, after in zip(records, out, strict=True):
        assert after["source_url"] == before["source_url"] and after["lang_hint"] == before["lang_hint"]
        assert after["text"] == cleaner.clean_text(before["text"]).text
        assert set(METADATA) <= after.keys()
        assert "removed" not in after and "error" not in after
    assert "Follow us on Twitter" not in out[0]["text"]
    assert out[0]["title"] == "Council approves new cycle lanes"
    assert out[2]["language"] == "de"


def test_output_field_keeps_the_original_text_and_with_removed_lists_removals() -> None:
    record = fixture_records()[0]
    (out,) = clean_records([record], output_field="clean", with_removed=True)
    assert out["text"] == record["text"]
    assert "Share this article" not in out["clean"]
    assert {r["rule"] for r in out["removed"]} == {"social-follow"}
    assert all(set(r) == {"text", "rule", "reason"} for r in out["removed"])


def test_existing_metadata_is_not_replaced_by_null() -> None:
    (out,) = clean_records([{"text": "One short line of text here.", "author": "Kept Author", "title": None}])
    assert out["author"] == "Kept Author"
    assert "title" in out


def test_html_field_is_extracted_with_its_url() -> None:
    html = PAGES[0].read_text(encoding="utf-8")
    (out,) = clean_records([{"html": html, "url": "https://gazette.example/harbour"}], html_field="html")
    assert out["html"] == html
    assert out["text"].startswith("The old harbour in Westport reopened")
    assert "Follow us" not in out["text"] and "Sign up" not in out["text"]
    assert (out["title"], out["author"], out["sitename"]) == (
        "Harbour reopens after storm repairs",
        "Lena Marsh",
        "Westport Gazette",
    )


def test_bad_records_come_out_with_an_error_in_their_place() -> None:
    records = [
        {"text": "Fine text that is kept."},
        {"id": 2},
        {"id": 3, "text": 42},
        ["not", "an", "object"],
        {"text": None},
    ]
    out = list(clean_records(records))
    assert len(out) == 5 and "error" not in out[0]
    assert out[1] == {"id": 2, "error": {"kind": "field", "message": "record 2: has no field 'text'", "record": 2}}
    assert out[2]["error"]["message"] == "record 3: field 'text' is a number, not a string" and out[2]["id"] == 3
    assert out[3]["error"] == {"kind": "record", "message": "record 4: is an array, not an object", "record": 4}
    assert out[4]["error"]["message"] == "record 5: field 'text' is null, not a string"


def test_rules_file_is_applied(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[rule]]\nname = "bakery-plug"\nreason = "test rule"\nphrases = ["The owners said"]\n', encoding="utf-8"
    )
    (out,) = clean_records([fixture_records()[1]], rules=rules, with_removed=True)
    assert "The owners said" not in out["text"]
    assert "bakery-plug" in {r["rule"] for r in out["removed"]}


def test_clean_batch_gives_the_same_columns_for_every_batch() -> None:
    records = fixture_records()
    batch = {key: [r[key] for r in records] for key in records[0]}
    out = clean_batch(batch)
    assert list(out) == ["id", "source_url", "lang_hint", "text", *METADATA, "error"]
    assert out["id"] == ["a1", "a2", "a3"] and out["error"] == [None, None, None]
    assert out["text"] == [r["text"] for r in clean_records(records)]
    bad = clean_batch({"id": [1], "text": [None]})
    assert list(bad) == ["id", "text", *METADATA, "error"]
    assert bad["error"][0]["kind"] == "field"


def test_clean_batch_through_datasets_map() -> None:
    datasets = pytest.importorskip("datasets", reason="needs datasets: pip install 'cleaner[test-pipeline]'")
    records = fixture_records() * 4
    ds = datasets.Dataset.from_list([{**r, "id": f"{r['id']}-{i}"} for i, r in enumerate(records)])
    cleaned = ds.map(clean_batch, batched=True, batch_size=5, fn_kwargs={"with_removed": True})
    assert cleaned.num_rows == len(records)
    expected = list(clean_records(records, with_removed=True))
    assert cleaned["text"] == [r["text"] for r in expected]
    assert cleaned["title"] == [r["title"] for r in expected]
    assert cleaned["error"] == [None] * len(records)
    assert all(len(r) >= 1 for r in cleaned["removed"])
