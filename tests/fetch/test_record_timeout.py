"""The time limit on one page's extraction in a fetch run, in-process and in worker processes.

A page whose URL says ``stuck`` hangs in its rule set's `for_url` the way a call into C would:
the alarm blocked, every interrupt swallowed, so only the supervisor can give up on it. Each
test is bounded by the limit it sets plus the grace, never by a clock assertion.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FAST
from fetch_server import FaultServer
from stuck_rules import stuck_rules

import cleaner
from cleaner import RuleSet

# A look-ahead: the compiled prefilter drops assertions (it only widens), so it names this
# pattern for every line and `re` backtracks for ever. (`^(a+)+$` alone no longer hangs: the
# prefilter, linear in the line, already knows "aaa…ab" cannot match it.)
CATASTROPHIC = """
[[rule]]
name = "catastrophic"
reason = "a regex that backtracks for ever"
patterns = ['^(?=(a+)+c)']
"""


@pytest.mark.parametrize("workers", [0, 1])
def test_a_page_stuck_in_extraction_times_out_and_the_others_are_extracted(
    server: FaultServer, workers: int, recwarn: pytest.WarningsRecorder
) -> None:
    urls = [server.url(f"/pages/article.html?{q}") for q in ("1", "stuck", "2")]
    options = {**FAST, "workers": workers, "record_timeout": 0.3, "rules": stuck_rules()}
    results = list(cleaner.fetch(urls, **options))
    assert [r.url for r in results] == urls
    assert [r.kind for r in results] == [None, "timeout", None]
    assert results[1].to_dict()["error"]["kind"] == "timeout"
    assert "could not be interrupted" in results[1].error.reason  # type: ignore[union-attr]
    assert results[0].article is not None and results[2].article is not None
    # the worker was killed on purpose: no sign of a sick pool, no move to in-process extraction
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_a_slow_page_is_stopped_by_the_limit_inside_its_worker(server: FaultServer, tmp_path: Path) -> None:
    server.routes["/slow.html"] = lambda seen, n: _reply("<html><body><p>" + "a" * 40 + "b</p></body></html>")
    rules = tmp_path / "rules.toml"
    rules.write_text(CATASTROPHIC)
    urls = [server.url("/pages/article.html"), server.url("/slow.html")]
    # in a worker process: the regex runs on its main thread, where the alarm reaches it (in a
    # thread, a regex holds the GIL until it returns, and nothing in the process can stop it)
    options = {**FAST, "workers": 1, "record_timeout": 0.3, "rules": RuleSet.from_files(rules)}
    results = list(cleaner.fetch(urls, **options))
    assert [r.kind for r in results] == [None, "timeout"]
    assert "took longer than the time limit (0.3 s)" in results[1].error.reason  # type: ignore[union-attr]


def _reply(html: str):  # type: ignore[no-untyped-def]
    from fetch_server import Reply

    return Reply(body=html.encode(), headers={"Content-Type": "text/html; charset=utf-8"})
