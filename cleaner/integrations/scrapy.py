"""A Scrapy item pipeline that extracts and cleans the HTML of each item (`pip install 'cleaner[scrapy]'`).

Enable it and name the fields in the project's settings:

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}
    CLEANER_HTML_FIELD = "html"        # the item field holding the page's HTML (default "html")
    CLEANER_URL_FIELD = "url"          # the page URL, for extraction (default "url")
    CLEANER_OUTPUT_FIELD = "text"      # where the clean text goes (default "text")
    CLEANER_RULES = ["my-rules.toml"]  # extra rules files (default: the built-in rules)
    CLEANER_WITH_REMOVED = False       # add the removed lines, with rule and reason
    CLEANER_KEEP_HTML = True           # False drops the HTML field once it is cleaned

The article fields (title, author, date, sitename, language, source) are added to the item.
An item that cannot be cleaned keeps its fields, gets an ``error`` field and a warning in the
log; it is never dropped. Items of declared `scrapy.Item` classes need those fields declared.
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter

from ..pipeline.records import RecordCleaner, RecordOptions

log = logging.getLogger(__name__)


class CleanerPipeline:
    """Builds one RecordCleaner (rules loaded once) per crawler and cleans every item with it."""

    def __init__(self, options: RecordOptions, rules: list[str], keep_html: bool = True) -> None:
        self.cleaner = RecordCleaner(options, rules or None)
        self.keep_html = keep_html

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        settings = crawler.settings
        options = RecordOptions(
            text_field=settings.get("CLEANER_OUTPUT_FIELD", "text"),
            html_field=settings.get("CLEANER_HTML_FIELD", "html"),
            url_field=settings.get("CLEANER_URL_FIELD", "url"),
            with_removed=settings.getbool("CLEANER_WITH_REMOVED", False),
            engine=settings.get("CLEANER_ENGINE", "best"),
        )
        return cls(options, settings.getlist("CLEANER_RULES", []), settings.getbool("CLEANER_KEEP_HTML", True))

    def process_item(self, item: Any, spider: Any = None) -> Any:
        adapter = ItemAdapter(item)
        url = adapter.get(self.cleaner.options.url_field)
        self.cleaner.origin = url if isinstance(url, str) else None
        out, failed = self.cleaner.check(adapter.asdict(), 1, unit="item")
        if failed:
            log.warning("cleaner: %s", out["error"]["message"])
        html_field = self.cleaner.options.html_field
        for key, value in out.items():
            if adapter.get(key, _MISSING) is not value:
                adapter[key] = value
        if not self.keep_html and not failed and html_field and html_field in adapter:
            del adapter[html_field]
        return item


_MISSING = object()
