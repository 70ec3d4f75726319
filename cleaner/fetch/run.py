"""`fetch` and `afetch`: URLs in, one `FetchResult` per URL out, in input order by default.

The run is one event loop: a feeder admits URLs (expanding sitemaps and feeds as it meets them)
while at most `window` of them are unfinished or waiting to be emitted; each URL is a task that
fetches its page and hands it to the extraction pool; results are emitted in input order, or as
they finish with ``ordered=False``. `fetch` runs that loop in a thread of its own and hands results
over through a bounded queue, so a slow consumer slows the run down rather than filling memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .. import settings
from ..errors import CleanerError, ExtractionError, FetchError
from ._ask import LISTING
from ._extract import Extractor
from .client import Fetcher
from .config import FetchConfig
from .feeds import parse_feed
from .result import FetchResult
from .sitemaps import parse_sitemap

#: Results waiting for a `fetch` consumer.
_HANDOVER = 64


@dataclass
class _End:
    total: int


@dataclass
class _Failed:
    exc: BaseException


async def afetch(
    urls: Iterable[str] = (), *, sitemaps: Iterable[str] = (), feeds: Iterable[str] = (), **options: Any
) -> AsyncIterator[FetchResult]:
    """Fetch, extract and clean pages; yields one `FetchResult` per URL (see `FetchConfig` for options).

    `sitemaps` and `feeds` are expanded into the URLs they list, after `urls`. A sitemap or feed
    that cannot be read yields an error result of its own.
    """
    config = FetchConfig.from_options(options)
    async for result in _results(config, urls, sitemaps, feeds):
        yield result


def fetch(
    urls: Iterable[str] = (), *, sitemaps: Iterable[str] = (), feeds: Iterable[str] = (), **options: Any
) -> Iterator[FetchResult]:
    """The same as `afetch`, for code without an event loop: an iterator of `FetchResult`.

    The run starts at the first ``next()`` and stops (cleanly) when the iterator is closed.
    """
    config = FetchConfig.from_options(options)  # bad options fail here, not at the first next()
    return _in_thread(lambda: _results(config, urls, sitemaps, feeds))


async def _results(
    config: FetchConfig, urls: Iterable[str], sitemaps: Iterable[str], feeds: Iterable[str]
) -> AsyncGenerator[FetchResult, None]:
    async with Fetcher(config) as fetcher, Extractor(config) as extractor:
        done: asyncio.Queue[tuple[int, FetchResult] | _End | _Failed] = asyncio.Queue()
        window = asyncio.Semaphore(config.window)
        tasks: set[asyncio.Task[None]] = set()

        async def one(index: int, url: str) -> None:
            done.put_nowait((index, await _fetch_one(fetcher, extractor, url)))

        async def feed() -> None:
            index = 0
            try:
                async for url, error in _expand(fetcher, urls, sitemaps, feeds):
                    await window.acquire()
                    if error is not None:
                        done.put_nowait((index, FetchResult(url, error=error)))
                    else:
                        task = asyncio.create_task(one(index, url))
                        tasks.add(task)
                        task.add_done_callback(tasks.discard)
                    index += 1
            except Exception as exc:  # reading the input failed: the run stops, saying why
                done.put_nowait(_Failed(exc))
            done.put_nowait(_End(index))

        feeder = asyncio.create_task(feed())
        try:
            async for result in _emit(done, window, ordered=config.ordered):
                yield result
        finally:
            for task in (feeder, *tasks):
                task.cancel()
            await asyncio.gather(feeder, *tasks, return_exceptions=True)


async def _emit(
    done: asyncio.Queue[tuple[int, FetchResult] | _End | _Failed], window: asyncio.Semaphore, *, ordered: bool
) -> AsyncIterator[FetchResult]:
    """Results in input order (or as they come); each emitted one frees a place in the window."""
    waiting: dict[int, FetchResult] = {}
    emitted, total = 0, None
    while total is None or emitted < total:
        item = await done.get()
        if isinstance(item, _Failed):
            raise item.exc
        if isinstance(item, _End):
            total = item.total
            continue
        index, result = item
        waiting[index if ordered else emitted] = result
        while emitted in waiting:
            yield waiting.pop(emitted)
            window.release()
            emitted += 1


async def _fetch_one(fetcher: Fetcher, extractor: Extractor, url: str) -> FetchResult:
    """Never raises (short of cancellation): every failure becomes the URL's error result."""
    try:
        page = await fetcher.get(url, hold=True)
    except FetchError as exc:
        return FetchResult(url, error=exc)
    except Exception as exc:  # a failure nobody foresaw must cost this URL, not the run
        return FetchResult(url, error=FetchError(f"unexpected failure: {type(exc).__name__}: {exc}", source=url))
    try:
        article = await extractor.extract(page.body, page.content_type, page.final_url, page.release)
    except CleanerError as exc:
        return FetchResult(url, error=exc, nbytes=page.nbytes, from_cache=page.from_cache)
    except Exception as exc:
        error = ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}", source=url)
        return FetchResult(url, error=error, nbytes=page.nbytes, from_cache=page.from_cache)
    finally:
        page.release()
    article.url, article.status = page.final_url, page.status
    return FetchResult(url, article, nbytes=page.nbytes, from_cache=page.from_cache)


async def _expand(
    fetcher: Fetcher, urls: Iterable[str], sitemaps: Iterable[str], feeds: Iterable[str]
) -> AsyncIterator[tuple[str, CleanerError | None]]:
    """Page URLs to fetch, in order: `urls`, then each sitemap's pages, then each feed's entries.

    A sitemap or feed that fails is yielded with its error, so it gets a result of its own.
    """
    for url in urls:
        yield url, None
    for url in sitemaps:
        async for item in _sitemap_pages(fetcher, url, depth=0, seen=set()):
            yield item
    for url in feeds:
        try:
            page = await fetcher.get(url, LISTING)
            links = parse_feed(page.body, page.final_url)
        except FetchError as exc:
            yield url, exc
            continue
        for link in links:
            yield link, None


async def _sitemap_pages(
    fetcher: Fetcher, url: str, *, depth: int, seen: set[str]
) -> AsyncIterator[tuple[str, CleanerError | None]]:
    if url in seen:
        return
    seen.add(url)
    try:
        page = await fetcher.get(url, LISTING)
        sitemap = parse_sitemap(page.body, page.final_url)
    except FetchError as exc:
        yield url, exc
        return
    for page_url in sitemap.pages:
        yield page_url, None
    if depth >= settings.SITEMAP_MAX_DEPTH:
        return
    for child in sitemap.sitemaps:
        async for item in _sitemap_pages(fetcher, child, depth=depth + 1, seen=seen):
            yield item


def _in_thread(make: Callable[[], AsyncGenerator[FetchResult, None]]) -> Iterator[FetchResult]:
    """Iterate an async iterator that runs in a thread of its own, with its own event loop."""
    handover: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=_HANDOVER)
    stop = threading.Event()
    started = threading.Event()
    runner: dict[str, Any] = {}

    def put(item: tuple[str, Any]) -> None:
        while not stop.is_set():
            try:
                handover.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    async def pump() -> None:
        runner["loop"], runner["task"] = asyncio.get_running_loop(), asyncio.current_task()
        started.set()
        results = make()
        try:
            async for result in results:
                if not handover.full():
                    handover.put_nowait(("result", result))
                else:
                    await asyncio.to_thread(put, ("result", result))
        except asyncio.CancelledError:
            return
        except BaseException as exc:
            put(("error", exc))
            return
        finally:
            await results.aclose()
        put(("end", None))

    thread = threading.Thread(target=lambda: asyncio.run(pump()), name="cleaner-fetch", daemon=True)

    def results() -> Iterator[FetchResult]:
        thread.start()
        try:
            while True:
                kind, value = handover.get()
                if kind == "result":
                    yield value
                elif kind == "error":
                    raise value
                else:
                    return
        finally:
            stop.set()
            started.wait()
            if thread.is_alive():
                with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                    runner["loop"].call_soon_threadsafe(runner["task"].cancel)
            thread.join()

    return results()
