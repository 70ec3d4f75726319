"""Seconds `extract_html` takes on hostile pages, per engine (a quick check, not a benchmark).

    python bench/hostile_html.py [--profile KIND] [--engine fast]

Kinds: ``deep`` (a few sentences inside 100,000 nested elements), ``unclosed`` (3 MB of
unclosed ``<b><i><span>`` around words), ``rows`` (a table of 50,000 rows), ``nul`` (text with
NUL characters between words). With ``--profile`` one kind runs under cProfile and the most
expensive calls are printed. tests/extract/test_bad_input.py checks that the content survives.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections.abc import Callable

from cleaner import extract_html

SENTENCES = (
    "<p>The harbour master said the new breakwater would protect the fleet from winter storms for decades.</p>"
    "<p>Engineers poured the last of the concrete blocks in March, two months ahead of the schedule.</p>"
)


def deep(levels: int = 100_000) -> str:
    return f"<html><body>{'<div>' * levels}{SENTENCES}{'</div>' * levels}</body></html>"


def unclosed(size: int = 3_000_000) -> str:
    unit = "<b><i><span>harbour breakwater fleet "
    return f"<html><body><article>{SENTENCES}{unit * (size // len(unit))}</article></body></html>"


def rows(count: int = 50_000) -> str:
    body = "".join(f"<tr><td>row {i}</td><td>{i * 7}</td><td>harbour</td></tr>" for i in range(count))
    return f"<html><body><article>{SENTENCES}<table>{body}</table></article></body></html>"


def nul() -> str:
    words = "The harbour\x00 master said\x00 in report {} the new breakwater\x00 would protect the fleet for decades."
    return (
        f"<html><body><article>{''.join('<p>' + words.format(i) + '</p>' for i in range(200))}</article></body></html>"
    )


KINDS: dict[str, Callable[[], str]] = {"deep": deep, "unclosed": unclosed, "rows": rows, "nul": nul}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("best", "fast"), action="append")
    parser.add_argument("--kind", choices=sorted(KINDS), action="append")
    parser.add_argument("--profile", choices=sorted(KINDS), help="profile one kind under cProfile")
    args = parser.parse_args()
    engines = args.engine or ["best", "fast"]
    if args.profile:
        html = KINDS[args.profile]()
        profiler = cProfile.Profile()
        profiler.enable()
        extract_html(html, engine=engines[0])
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        return
    for kind in args.kind or list(KINDS):
        html = KINDS[kind]()
        for engine in engines:
            start = time.perf_counter()
            article = extract_html(html, engine=engine)
            seconds = time.perf_counter() - start
            print(f"{kind:9} {engine:5} {seconds:7.2f} s  {len(article.text.split()):7} words")


if __name__ == "__main__":
    main()
