"""`cleaner fetch` on the command line: typer's CliRunner, and the installed command once."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from fetch_server import FaultServer
from typer.testing import CliRunner

from cleaner.cli import app

FAST_ARGS = ["--workers", "0", "--delay", "0", "--retries", "1", "--timeout", "2"]


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["fetch", *args, *FAST_ARGS], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_keeps_one_record_per_url_with_errors_in_the_stream(server: FaultServer) -> None:
    urls = [server.url("/pages/article.html"), server.url("/missing"), server.url("/report.pdf")]
    code, out, err = run(*urls, "-f", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 2
    assert records[0]["title"] == "River towns brace for the spring flood" and records[0]["status"] == 200
    assert records[1] == {"url": urls[1], "error": {"kind": "http", "message": "HTTP 404 Not Found"}}
    assert records[2]["error"]["kind"] == "not-html"
    # the summary table on stderr
    assert "fetched" in err and "not-html" in err and "pages/s" in err


def test_text_puts_errors_on_stderr(server: FaultServer) -> None:
    code, out, err = run(server.url("/pages/second.html"), server.url("/loop/a"))
    assert code == 2
    assert out.startswith(f"==> {server.url('/pages/second.html')} <==\nLibrary reopens after two years of repairs\n\n")
    assert "redirect-loop" not in out
    assert f"{server.url('/loop/a')}: redirect-loop: redirect loop" in err


def test_exit_codes(server: FaultServer) -> None:
    assert run(server.url("/pages/second.html"))[0] == 0
    assert run(server.url("/missing"), server.url("/report.pdf"))[0] == 1
    assert run(server.url("/missing"), server.url("/pages/second.html"))[0] == 2


def test_no_urls_is_a_clear_error() -> None:
    code, out, err = run()
    assert code == 1 and "no URLs" in err and out == ""


def test_input_file_with_comments_and_stdin(server: FaultServer, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# articles\n{server.url('/pages/article.html')}\n\n{server.url('/missing')}  # gone\n", "utf-8"
    )
    code, out, _ = run("-i", str(listing), "-f", "jsonl")
    assert code == 2 and [json.loads(line).get("error", {}).get("kind") for line in out.splitlines()] == [None, "http"]
    code, out, _ = run("-i", "-", "-f", "jsonl", input=f"{server.url('/pages/second.html')}\n")
    assert code == 0 and json.loads(out)["title"] == "Library reopens after two years of repairs"


def test_missing_input_file(tmp_path: Path) -> None:
    code, _, err = run("-i", str(tmp_path / "nope.txt"))
    assert code == 1 and "nope.txt: no such file" in " ".join(err.split())


def test_json_is_one_array(server: FaultServer) -> None:
    code, out, _ = run(server.url("/pages/second.html"), server.url("/missing"), "-f", "json")
    data = json.loads(out)
    assert code == 2 and isinstance(data, list) and len(data) == 2 and data[1]["error"]["kind"] == "http"
    code, out, _ = run(server.url("/pages/second.html"), "-f", "json")
    assert isinstance(json.loads(out), dict)


def test_output_directory_gets_one_safe_file_per_page(server: FaultServer, tmp_path: Path) -> None:
    out_dir = tmp_path / "pages"
    urls = [server.url("/pages/article.html"), server.url("/pages/article.html"), server.url("/missing")]
    code, out, err = run(*urls, "-f", "markdown", "-o", f"{out_dir}/")
    files = sorted(p.name for p in out_dir.iterdir())
    assert code == 2 and out == ""
    assert files == ["127.0.0.1_pages_article.html-2.md", "127.0.0.1_pages_article.html.md"]
    text = (out_dir / files[1]).read_text("utf-8")
    assert text.startswith('---\nauthor: "Maria Lindqvist"') and "# River towns brace for the spring flood" in text
    assert "missing: http" in err
    assert all(p.resolve().parent == out_dir.resolve() for p in out_dir.iterdir())


def test_output_file_jsonl(server: FaultServer, tmp_path: Path) -> None:
    target = tmp_path / "out" / "articles.jsonl"
    code, out, _ = run(
        server.url("/pages/article.html"), server.url("/pages/second.html"), "-f", "jsonl", "-o", str(target)
    )
    assert code == 0 and out == ""
    assert len(target.read_text("utf-8").splitlines()) == 2


def test_sitemap_and_feed_options(server: FaultServer) -> None:
    code, out, _ = run("--sitemap", server.url("/sitemap_index.xml"), "--feed", server.url("/feed.atom"), "-f", "jsonl")
    urls = [json.loads(line)["url"] for line in out.splitlines()]
    assert code == 0 and len(urls) == 5 and urls[-1] == server.url("/pages/accents.html")


def test_explain_rules_and_engine(server: FaultServer, tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(
        "[[rule]]\nname = 'no-farms'\nreason = 'mine'\npatterns = ['farmers\\s+on\\b.*$']\nmax_words = 60\n"
    )
    code, out, err = run(server.url("/pages/article.html"), "--explain", "--rules", str(rules), "--engine", "fast")
    assert code == 0 and "Farmers on the lower meadows" not in out
    assert "no-farms" in err and "social-follow" in err  # the --explain table
    code, _, err = run(server.url("/pages/article.html"), "--rules", str(tmp_path / "none.toml"))
    assert code == 1 and "none.toml" in err


def test_politeness_options_reach_the_fetcher(server: FaultServer, tmp_path: Path) -> None:
    code, out, err = run(server.url("/private/secret.html"), "-f", "jsonl")
    assert code == 1 and json.loads(out)["error"]["kind"] == "robots"
    code, _, _ = run(server.url("/private/secret.html"), "--ignore-robots", "--user-agent", "my-bot/1")
    assert code == 0 and server.hits("/private/secret.html")[0].headers["user-agent"] == "my-bot/1"
    code, out, _ = run(server.url("/big"), "--max-bytes", "1000", "-f", "jsonl")
    assert json.loads(out)["error"]["kind"] == "too-large"
    cache = tmp_path / "cache"
    run(server.url("/plain"), "--cache", str(cache))
    code, _, err = run(server.url("/plain"), "--cache", str(cache))
    assert code == 0 and "from cache" in err and len(server.hits("/plain")) == 1


def test_bad_option_values_are_refused() -> None:
    result = CliRunner().invoke(app, ["fetch", "http://a.example/", "--concurrency", "0"])
    assert result.exit_code == 2 and "concurrency" in result.stderr


def test_help_shows_examples() -> None:
    result = CliRunner().invoke(app, ["fetch", "--help"])
    assert result.exit_code == 0
    assert "Examples" in result.stdout and "cleaner fetch -i urls.txt -f jsonl" in result.stdout


@pytest.mark.skipif(shutil.which("cleaner") is None, reason="the cleaner command is not installed")
def test_installed_command_with_worker_processes(server: FaultServer, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(server.url(f"/pages/second.html?{i}") for i in range(6)), "utf-8")
    done = subprocess.run(
        ["cleaner", "fetch", "-i", str(listing), "-f", "jsonl", "--delay", "0", "--workers", "2", "--unordered"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 6 and "pages/s" in done.stderr
