"""A real Scrapy crawl of a local HTTP server with `CleanerPipeline` enabled."""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner import extract_html

from .conftest import PAGES, PIPELINE


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    root.mkdir()
    links = "".join(f'<a href="{p.name}">{p.stem}</a>' for p in PAGES)
    (root / "index.html").write_text(f"<html><body>{links}</body></html>", encoding="utf-8")
    for page in PAGES:
        (root / page.name).write_bytes(page.read_bytes())
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_crawl_with_the_pipeline(site: str, tmp_path: Path) -> None:
    pytest.importorskip("scrapy", reason="needs Scrapy: pip install 'cleaner[scrapy]'")
    feed = tmp_path / "items.jsonl"
    settings = {
        "ITEM_PIPELINES": json.dumps({"cleaner.integrations.scrapy.CleanerPipeline": 300}),
        "CLEANER_HTML_FIELD": "html",
        "CLEANER_OUTPUT_FIELD": "body",
        "CLEANER_KEEP_HTML": "False",
        "CLEANER_WITH_REMOVED": "True",
        "ROBOTSTXT_OBEY": "False",
        "LOG_LEVEL": "WARNING",
        "TELNETCONSOLE_ENABLED": "False",
    }
    args = [arg for key, value in settings.items() for arg in ("-s", f"{key}={value}")]
    cmd = [sys.executable, "-m", "scrapy", "runspider", str(PIPELINE / "gazette_spider.py"), "-a", f"start_url={site}"]
    cmd += ["-o", f"{feed}:jsonlines", *args]
    result = subprocess.run(cmd, capture_output=True, timeout=180, cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    items = sorted((json.loads(line) for line in feed.read_text("utf-8").splitlines()), key=lambda i: i["url"])
    assert [i["url"].rsplit("/", 1)[1] for i in items] == [p.name for p in PAGES]
    for page, item in zip(PAGES, items, strict=True):
        article = extract_html(page.read_text("utf-8"), url=item["url"])
        assert item["body"] == article.text and "Follow us" not in item["body"]
        assert (item["title"], item["author"], item["sitename"]) == (article.title, article.author, "Westport Gazette")
        assert "html" not in item
        assert "social-follow" in {r["rule"] for r in item["removed"]}
