"""The `cleaner clean` command: inputs, outputs, options and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_efd19878b02be60d.txt"
HTML = ROOT / "fixtures" / "html" / "syndicated.html"
runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_stdin() -> None:
    code, out, _ = run("clean", "-", stdin=SEED.read_text("utf-8"))
    assert code == 0
    assert out.startswith("US confirms death of ISIS leader after drone attack\n\nThe US Central Command")


def test_no_keep_title() -> None:
    _, out, _ = run("clean", str(SEED), "--no-keep-title")
    assert out.startswith("The US Central Command said Sunday")


def test_explain_shows_each_removed_line_with_rule_and_reason_on_stderr() -> None:
    code, out, err = run("clean", str(SEED), "--explain")
    assert code == 0
    assert "Source link" in err and "source-attribution" in err and "cross-promo" in err
    assert "source-attribution" not in out


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    code, out, err = run("clean", str(SEED), str(tmp_path / "missing.txt"), "-f", "jsonl")
    assert code == 2
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0]["title"].startswith("US confirms")
    assert records[1] == {"input": str(tmp_path / "missing.txt"), "error": {"kind": "input", "message": "no such file"}}
    assert "missing.txt: no such file" in err
    assert "Traceback" not in err


def test_all_inputs_bad_exits_1(tmp_path: Path) -> None:
    code, _, err = run("clean", str(tmp_path / "a.txt"), str(tmp_path))
    assert code == 1
    assert "no such file" in err and "is a directory" in err


def test_json_of_several_inputs_is_an_array() -> None:
    _, out, _ = run("clean", str(SEED), str(SEED), "-f", "json")
    data = json.loads(out)
    assert isinstance(data, list) and len(data) == 2
    assert data[0] == data[1]


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "seed.json"
    code, out, _ = run("clean", str(SEED), "-f", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text("utf-8"))["author"] == "Editor TLN"


def test_output_directory_one_file_per_input_named_after_it(tmp_path: Path) -> None:
    other = tmp_path / "in" / "000_efd19878b02be60d.txt"
    other.parent.mkdir()
    other.write_text(SEED.read_text("utf-8"), "utf-8")
    out_dir = tmp_path / "clean"
    code, _, _ = run("clean", str(SEED), str(other), "-o", str(out_dir))
    assert code == 0
    assert sorted(p.name for p in out_dir.iterdir()) == ["000_efd19878b02be60d-2.txt", "000_efd19878b02be60d.txt"]
    assert all(p.parent == out_dir for p in out_dir.iterdir())


def test_output_names_never_leave_the_directory(tmp_path: Path) -> None:
    sneaky = tmp_path / "..evil.txt"
    sneaky.write_text("Some text that is long enough to be a sentence of an article body.", "utf-8")
    out_dir = tmp_path / "clean"
    run("clean", str(sneaky), str(SEED), "-o", str(out_dir))
    written = list(out_dir.iterdir())
    assert len(written) == 2
    assert all(p.resolve().parent == out_dir.resolve() for p in written)


def test_html_input_is_extracted_then_cleaned() -> None:
    code, out, _ = run("clean", str(HTML), "-f", "json")
    assert code == 0
    article = json.loads(out)
    assert article["title"] == "Council expands bus network to the hospital district"
    assert article["text"].startswith("The city council voted on Tuesday")
    assert "Follow us on Facebook" not in article["text"]
    assert "Source link" not in article["text"]
    assert article["sitename"] == "The Valley Times"
    assert article["date"] == "2023-03-14"


def test_rules_file_adds_and_disables(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(
        'disable = ["byline"]\n\n[[rule]]\nname = "island-outro"\nreason = "the outro of Islamic State stories"\n'
        'phrases = ["Islamic State controlled"]\n',
        "utf-8",
    )
    _, out, _ = run("clean", str(SEED), "--rules", str(rules), "-f", "json")
    article = json.loads(out)
    assert "Islamic State controlled" not in article["text"]
    assert any(r["rule"] == "island-outro" for r in article["removed"])
    assert not any(r["rule"] == "byline" for r in article["removed"])


def test_bad_rules_file_names_file_and_line(tmp_path: Path) -> None:
    rules = tmp_path / "bad.toml"
    rules.write_text('[[rule]]\nname = "x"\nreason = "y"\npatterns = ["(unclosed"]\n', "utf-8")
    code, _, err = run("clean", str(SEED), "--rules", str(rules))
    assert code == 1
    assert f"{rules}:1:" in err and "bad regular expression" in err
    assert "Traceback" not in err


def test_help_shows_examples() -> None:
    code, out, _ = run("clean", "--help")
    assert code == 0
    assert "Examples" in out and "cleaner clean article.txt" in out


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("cleaner ")
