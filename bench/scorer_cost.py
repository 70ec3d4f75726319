"""CPU per page of the fast engine with the learned block scorer off (the container's blocks,
the rules) and on (the whole page's blocks, the model): both in one process on the same pages,
each page timed in turn both ways (process time, so other work on the machine counts less).

    python bench/scorer_cost.py [--pages 200]
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import time
from pathlib import Path
from statistics import mean, median

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import require, shared_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    from cleaner import extract_html, settings
    from cleaner.clean.scorer import shipped_model

    bench = require(shared_dir() / "bench", "the shared benchmark data")
    paths = sorted((bench / "wcxb" / "html").glob("*.html.gz")) + sorted((bench / "scrapinghub" / "html").glob("*.gz"))
    paths = paths[:: max(1, len(paths) // args.pages)][: args.pages]
    pages = []
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            pages.append(f.read())
    shipped_model()  # read once, as a long-running process would
    times: dict[str, list[float]] = {"rules": [], "model": []}
    for html in [pages[0], *pages]:  # the first page warms caches (patterns, stop lists) both ways
        for scorer in ("rules", "model"):
            settings.BLOCK_SCORER = scorer
            started = time.process_time()
            extract_html(html, engine="fast")
            times[scorer].append(time.process_time() - started)
    for scorer, values in times.items():
        values = values[1:]
        print(f"{scorer:5}: mean {1000 * mean(values):.1f} ms, median {1000 * median(values):.1f} ms, "
              f"total {sum(values):.1f} s on {len(values)} pages")  # fmt: skip
    ratio = sum(times["model"][1:]) / max(sum(times["rules"][1:]), 1e-9)
    print(f"model on / off: {ratio:.2f}x CPU")


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
