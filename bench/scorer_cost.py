"""CPU of the learned block scorer, off and on, in one process on the same inputs.

HTML: the fast engine with the scorer off (the container's blocks, the rules) and on (the whole
page's blocks, the model) on a sample of WCXB and ScrapingHub pages. Text: `clean_text` with
``scorer="rules"`` and ``scorer="model"`` on every ScrapingHub extractor output. Each input is
timed in turn both ways (process time, so other work on the machine counts less); the ratio
is of the summed times.

    python bench/scorer_cost.py [--pages 200] [--write]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from statistics import mean, median

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import ROOT, machine, require, shared_dir, table, write_section

SCORERS = ("rules", "model")


def _timed(inputs: list[str], run: Callable[[str, str], object]) -> dict[str, list[float]]:
    """Per input, its CPU time each way; the first input is run once more before, uncounted,
    so that caches (patterns, stop lists, the model) are warm both ways."""
    times: dict[str, list[float]] = {s: [] for s in SCORERS}
    for k, item in enumerate([inputs[0], *inputs]):
        for scorer in SCORERS:
            started = time.process_time()
            run(item, scorer)
            if k:
                times[scorer].append(time.process_time() - started)
    return times


def _row(name: str, times: dict[str, list[float]]) -> list[str]:
    rules, model = times["rules"], times["model"]
    ratio = sum(model) / max(sum(rules), 1e-9)
    return [
        name,
        f"{len(rules):,}",
        f"{1000 * mean(rules):.2f} / {1000 * median(rules):.2f}",
        f"{1000 * mean(model):.2f} / {1000 * median(model):.2f}",
        f"{sum(rules):.2f} / {sum(model):.2f}",
        f"**{ratio:.2f}×**",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200, help="HTML pages sampled (evenly, by file name)")
    parser.add_argument("--write", action="store_true", help="rewrite the scorer_cost section of BENCHMARKS.md")
    args = parser.parse_args()
    from cleaner import clean_text, extract_html
    from cleaner.clean.scorer import shipped_model

    bench = require(shared_dir() / "bench", "the shared benchmark data")
    paths = sorted((bench / "wcxb" / "html").glob("*.html.gz")) + sorted((bench / "scrapinghub" / "html").glob("*.gz"))
    paths = paths[:: max(1, len(paths) // args.pages)][: args.pages]
    pages = []
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            pages.append(f.read())
    texts = []
    for path in sorted((bench / "scrapinghub" / "outputs").glob("*.json")):
        for item in json.loads(path.read_text("utf-8")).values():
            if (item or {}).get("articleBody"):
                texts.append(item["articleBody"])
    shipped_model("html"), shipped_model("text")  # read once, as a long-running process would
    html_times = _timed(pages, lambda h, s: extract_html(h, engine="fast", scorer=s))
    text_times = _timed(texts, lambda t, s: clean_text(t, scorer=s))
    rows = [_row('HTML, `extract_html(engine="fast")`', html_times), _row("text, `clean_text`", text_times)]
    header = ["inputs", "n", "rules ms mean / median", "model ms mean / median", "cpu-s rules / model", "model / rules"]
    report = table(header, rows)
    print(report)
    if args.write:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        load = os.getloadavg()[0]
        write_section(
            "scorer_cost",
            "## What the learned block scorer costs (`bench/scorer_cost.py`)\n\n"
            f"Measured {machine()} at {commit.stdout.strip() or '?'} with `python bench/scorer_cost.py --write`; "
            f"{len(pages)} HTML pages (WCXB and ScrapingHub, every n-th by name) through the fast engine, "
            f"{len(texts)} ScrapingHub extractor outputs through `clean_text`; each input timed "
            f"both ways in turn in one process (process CPU time), load average {load:.1f} when done.\n\n"
            f"{report}\n\n"
            "Before the features were read one column at a time and the trees walked as one "
            "flattened node array (main at 2c196f9, same command, run just before on this "
            "machine): HTML 1.65×, text 2.90×. Features, p(content), contributions and "
            "decisions are bitwise the same (`python bench/scorer_same.py --rev 2c196f9`).\n",
        )


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
