"""Site pattern files on fetched pages, against a real HTTP server on 127.0.0.1: `cleaner fetch
--site-config`, the API (in-process and in worker processes), and `cleaner site-config test`."""

from __future__ import annotations

import json
from pathlib import Path

from page_server import PageServer
from typer.testing import CliRunner

from cleaner import fetch, load_site_configs
from cleaner.cli import app
from cleaner.sites.check import SiteCheck, check_site_configs

from .conftest import PAGES, SITES

STORY = "/2024/05/keepers-cottage-restored"
TITLE = "Keeper's cottage at the point is restored at last"
FAST = ["--workers", "0", "--delay", "0", "--retries", "0", "--timeout", "5"]


def serve_gazette(server: PageServer, folder: Path, *, extra: str = "") -> Path:
    """The gazette page on the server, and its site file renamed for the server's host."""
    server.pages[STORY] = (PAGES / "gazette-story.html").read_bytes()
    rules = (SITES / "lighthouse-gazette.example.txt").read_text("utf-8")
    rules = rules.replace("https://www.lighthouse-gazette.example/2024/05/keepers-cottage-restored", server.url(STORY))
    folder.mkdir(exist_ok=True)
    (folder / "127.0.0.1.txt").write_text(rules + extra, "utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_fetch_applies_the_site_file(page_server: PageServer, tmp_path: Path) -> None:
    sites = serve_gazette(page_server, tmp_path / "sites")
    code, out, err = run("fetch", page_server.url(STORY), "--site-config", str(sites), "-f", "json", *FAST)
    assert code == 0, err
    article = json.loads(out)
    assert article["title"] == TITLE and article["author"] == "Nell Trevithick" and article["date"] == "2024-05-14"
    assert "Penrose" not in article["text"] and "Harbour master warns" not in article["text"]
    assert err.count("skipped directive 'tidy'") == 1
    code, out, _ = run("fetch", page_server.url(STORY), "-f", "json", *FAST)
    assert json.loads(out)["title"] == "Lighthouse Gazette"  # without the file


def test_fetch_api_in_worker_processes(page_server: PageServer, tmp_path: Path) -> None:
    """The loaded files travel to the extraction processes by pickle."""
    sites = serve_gazette(page_server, tmp_path / "sites")
    results = list(fetch([page_server.url(STORY)], site_config=sites, workers=1, delay=0.0, retries=0))
    assert results[0].ok and results[0].article is not None and results[0].article.title == TITLE


def test_fetch_with_a_bad_site_file_fails_at_once(page_server: PageServer, tmp_path: Path) -> None:
    sites = serve_gazette(page_server, tmp_path / "sites", extra="\nbody: //div[@class=\n")
    code, out, err = run("fetch", page_server.url(STORY), "--site-config", str(sites), *FAST)
    assert code == 1 and out == "" and "127.0.0.1.txt:16: bad XPath" in err
    assert page_server.hits.get(STORY) is None  # nothing was fetched


def outcomes(folder: Path, **options: object) -> list[SiteCheck]:
    return check_site_configs(load_site_configs(folder), **options)  # type: ignore[arg-type]


def test_site_config_test_fetches_the_test_pages(page_server: PageServer, tmp_path: Path) -> None:
    sites = serve_gazette(page_server, tmp_path / "sites")
    code, _, err = run("site-config", "test", str(sites))
    assert code == 0, err
    assert "1 of 1 test pages pass" in err and "(fetched)" in err and page_server.hits[STORY] == 1
    [outcome] = outcomes(sites)
    found = {(m.directive, m.value): m.found for m in outcome.matches}
    assert found[("body", "//div[@class='story-text']")] == 1 and found[("body", "//div[@id='article-body']")] == 0
    assert found[("strip_id_or_class", "partner-copy")] == 1 and found[("title", "//h2[@class='headline']")] == 1
    assert outcome.ok and outcome.page == "fetched" and outcome.missing == []


def test_site_config_test_reports_rules_that_no_longer_match(page_server: PageServer, tmp_path: Path) -> None:
    sites = serve_gazette(page_server, tmp_path / "sites")
    page_server.pages["/moved"] = (PAGES / "herald-story.html").read_bytes()
    (sites / "localhost.txt").write_text(
        f"body: //div[@class='story-text']\ntest_url: {page_server.url('/moved').replace('127.0.0.1', 'localhost')}\n"
        "test_contains: The regatta returns\ntest_contains: words the page never had\n",
        "utf-8",
    )
    code, _, err = run("site-config", "test", str(sites))
    assert code == 2 and "1 of 2 test pages pass" in err
    stale = next(o for o in outcomes(sites) if o.config.path.endswith("localhost.txt"))
    assert not stale.ok and not stale.body_matched and stale.problem is None
    assert [d.value for d in stale.missing] == ["words the page never had"]


def test_site_config_test_reads_the_cache_when_the_network_fails(page_server: PageServer, tmp_path: Path) -> None:
    sites = serve_gazette(page_server, tmp_path / "sites")
    cache = tmp_path / "cache"
    assert run("site-config", "test", str(sites), "--cache", str(cache))[0] == 0
    page_server.pages.pop(STORY)  # the site moved its page away: the cached copy is tested
    code, _, err = run("site-config", "test", str(sites), "--cache", str(cache), "--offline")
    assert code == 0 and "(cached)" in err and page_server.hits[STORY] == 1
    [outcome] = outcomes(sites, cache=cache, offline=True)
    assert outcome.ok and outcome.page == "cached"
    code, _, err = run("site-config", "test", str(sites), "--offline")
    assert code == 1 and "0 of 1 test pages pass" in err
    assert outcomes(sites, offline=True)[0].problem == "no page: not fetched (offline)"


def test_site_config_test_without_a_page_or_tests(tmp_path: Path) -> None:
    folder = tmp_path / "sites"
    folder.mkdir()
    (folder / "127.0.0.1.txt").write_text("body: //article\ntest_url: http://127.0.0.1:9/gone\n", "utf-8")
    code, _, err = run("site-config", "test", str(folder), "--timeout", "2")
    assert code == 1 and "0 of 1 test pages pass" in err
    problem = outcomes(folder, fetch_options={"timeout": 2.0})[0].problem
    assert problem is not None and problem.startswith("no page: connection")
    (folder / "127.0.0.1.txt").write_text("body: //article\n", "utf-8")
    code, _, err = run("site-config", "test", str(folder))
    assert code == 1 and "no site pattern file names a test_url" in err
