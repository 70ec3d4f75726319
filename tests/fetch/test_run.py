"""The run as a whole: one result per URL, input order (or first-come), both APIs, the worker pool."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import FAST
from fetch_server import FaultServer, Reply

import cleaner

RULES = r"""
[[rule]]
name = "no-schools"
reason = "a rule of the user's"
patterns = ['schools\s+near\s+the\s+water\b.*$']
max_words = 60
"""


def test_results_follow_input_order(server: FaultServer) -> None:
    server.route("/late", Reply(body=server.fixture("second.html"), headers={"Content-Type": "text/html"}, delay=0.4))
    urls = [server.url("/late"), server.url("/missing"), server.url("/pages/article.html"), "not a url"]
    results = list(cleaner.fetch(urls, **{**FAST, "per_host": 4}))
    assert [r.url for r in results] == urls
    assert [r.kind for r in results] == [None, "http", None, "invalid-url"]


def test_unordered_results_come_as_they_finish(server: FaultServer) -> None:
    server.route("/late", Reply(body=server.fixture("second.html"), headers={"Content-Type": "text/html"}, delay=0.5))
    urls = [server.url("/late"), server.url("/pages/article.html"), server.url("/pages/accents.html")]
    results = list(cleaner.fetch(urls, **{**FAST, "per_host": 4, "ordered": False}))
    assert sorted(r.url for r in results) == sorted(urls)
    assert results[-1].url == server.url("/late")


def test_every_url_gives_one_result_through_a_small_window(server: FaultServer) -> None:
    urls = [server.url(f"/pages/second.html?{i}") for i in range(12)] + [server.url("/missing")] * 3
    results = list(cleaner.fetch(urls, **{**FAST, "window": 2, "per_host": 3}))
    assert [r.url for r in results] == urls
    assert sum(r.ok for r in results) == 12


def test_async_api(server: FaultServer) -> None:
    async def collect() -> list[cleaner.FetchResult]:
        urls = [server.url("/pages/article.html"), server.url("/report.pdf")]
        return [r async for r in cleaner.afetch(urls, **FAST)]

    first, second = asyncio.run(collect())
    assert first.ok and second.kind == "not-html"


def test_closing_the_iterator_early_stops_the_run(server: FaultServer) -> None:
    urls = [server.url(f"/hold?{i}") for i in range(40)]
    results = cleaner.fetch(urls, **{**FAST, "per_host": 2})
    assert next(results).ok
    results.close()  # type: ignore[attr-defined]
    seen = len(server.requests)
    assert seen < 20  # the rest were never asked for
    list(cleaner.fetch([server.url("/pages/second.html")], **FAST))  # and a new run works


def test_extraction_in_worker_processes(server: FaultServer) -> None:
    urls = [server.url(p) for p in ("/pages/article.html", "/pages/second.html", "/utf8-declared-latin1")] * 2
    results = list(cleaner.fetch(urls, **{**FAST, "workers": 2}))
    assert all(r.ok for r in results)
    assert [r.article.title for r in results if r.article][:3] == [
        "River towns brace for the spring flood",
        "Library reopens after two years of repairs",
        "Café et crème brûlée à la fête d'été",
    ]
    assert results[0].article is not None and results[0].article.removed  # Removal objects survive the trip


def test_worker_processes_start_off_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pool starts a process when a job is submitted, and the first waits for the fork
    server's preload: submitted from the event loop, that would hold every download back."""
    import threading
    from concurrent.futures import ProcessPoolExecutor

    from cleaner.fetch._extract import Extractor
    from cleaner.fetch.config import FetchConfig

    submitted_from: list[int] = []
    submit = ProcessPoolExecutor.submit

    def recording(self: ProcessPoolExecutor, *args: object, **kwargs: object) -> object:
        submitted_from.append(threading.get_ident())
        return submit(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ProcessPoolExecutor, "submit", recording)

    async def start() -> int:
        async with Extractor(FetchConfig(workers=2)) as extractor:
            assert extractor._ready is not None
            await extractor._ready
            assert isinstance(extractor._pool, ProcessPoolExecutor)  # not replaced: the workers started
        return threading.get_ident()

    loop_thread = asyncio.run(start())
    assert len(submitted_from) == 2
    assert loop_thread not in submitted_from


def test_rules_and_engine_reach_the_workers(server: FaultServer, tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES, "utf-8")
    options = {**FAST, "workers": 1, "rules": cleaner.RuleSet.from_files(rules), "engine": "fast"}
    [result] = cleaner.fetch([server.url("/pages/article.html")], **options)
    assert result.article is not None
    assert any(r.rule == "no-schools" for r in result.article.removed)


def test_a_script_without_a_main_guard_still_gets_its_pages(server: FaultServer, tmp_path: Path) -> None:
    script = tmp_path / "unguarded.py"
    script.write_text(
        textwrap.dedent(f"""
            import cleaner
            results = list(cleaner.fetch([{server.url("/pages/article.html")!r}] * 3, workers=1, delay=0))
            print(sum(r.ok for r in results), "ok")
        """),
        "utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "3 ok"
    assert "main__" in done.stderr and "RuntimeWarning" in done.stderr


def test_downloads_wait_for_extraction_so_memory_stays_flat(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner.fetch import _worker

    slow = _worker.extract
    finished = 0
    waiting: list[int] = []  # pages downloaded but not yet extracted, as each extraction starts

    def slow_extract(body: bytes, content_type: str | None, url: str, token: int = 0) -> object:
        nonlocal finished
        # workers=0: one extraction thread, so `finished` cannot change while this reads it
        waiting.append(len([r for r in server.requests if r.path.startswith("/pages/")]) - finished)
        time.sleep(0.3)
        try:
            return slow(body, content_type, url, token)
        finally:
            finished += 1

    monkeypatch.setattr(_worker, "extract", slow_extract)
    urls = [server.url(f"/pages/second.html?{i}") for i in range(20)]
    results = cleaner.fetch(urls, **{**FAST, "concurrency": 2, "per_host": 2})
    assert all(next(results).ok for _ in range(4))
    results.close()  # type: ignore[attr-defined]
    # one being extracted and one queued (workers=0: a queue of 2), two held by fetch slots, one in flight;
    # without the back-pressure all 20 pages would be downloaded while the first is extracted
    assert len(waiting) >= 4
    assert max(waiting) <= 5


def test_the_scorer_reaches_the_workers(server: FaultServer) -> None:
    url = server.url("/pages/article.html")
    html = server.fixture("article.html")
    by_model = cleaner.extract_html(html, url, engine="fast", scorer="model")
    by_rules = cleaner.extract_html(html, url, engine="fast", scorer="rules")
    assert by_model.confidence != by_rules.confidence  # the model's confidence, not the hand-weighed one
    for workers in (0, 1):
        [result] = cleaner.fetch([url], **{**FAST, "workers": workers, "engine": "fast", "scorer": "model"})
        assert result.article is not None
        assert (result.article.text, result.article.confidence) == (by_model.text, by_model.confidence)
