"""Bad inputs get a one-line error or a result, never a traceback; a batch goes on."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cleaner import clean_text
from cleaner.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n")
    code, _, err = run("clean", str(empty))
    assert code == 1
    assert err.strip() == f"cleaner: {empty}: is empty"


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    code, _, err = run("clean", str(binary))
    assert code == 1
    assert "looks like a binary file" in err and "Traceback" not in err


def test_invalid_utf8_is_decoded_with_replacement_and_said_so(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(
        "Le conseil municipal a voté mardi l'extension du réseau de bus vers l'hôpital.".encode("latin-1")
    )
    code, out, err = run("clean", str(latin))
    assert code == 0
    assert "not valid UTF-8" in err and "replaced" in err
    assert "conseil municipal" in out


def test_missing_file_and_directory(tmp_path: Path) -> None:
    code, _, err = run("clean", str(tmp_path / "nope.txt"), str(tmp_path))
    assert code == 1
    lines = err.strip().splitlines()
    assert lines == [
        f"cleaner: {tmp_path / 'nope.txt'}: no such file",
        f"cleaner: {tmp_path}: is a directory, not a file",
    ]


def test_a_bad_input_among_good_ones_exits_2(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The council voted on Tuesday to expand the bus network to the hospital district.", "utf-8")
    code, out, _ = run("clean", str(good), str(tmp_path / "nope.txt"))
    assert code == 2
    assert "expand the bus network" in out


def test_a_50_mb_single_line_is_cleaned(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 10_000_000, "utf-8")
    code, out, err = run("clean", str(big), "-f", "jsonl")
    assert code == 0, err
    assert len(out) > 50_000_000


def test_api_takes_empty_and_odd_text() -> None:
    assert clean_text("").text == ""
    assert clean_text("\n\n \t\n").removed == []
    assert clean_text("x" * 300_000).text.replace("\n\n", "") == "x" * 300_000
