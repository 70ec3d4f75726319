"""HTML extraction speed: `extract_html` against `trafilatura.extract`, side by side in one run.

Each system is called the way a user calls it (`cleaner.extract_html(html, url)` for `best`,
`engine="fast"` for `fast`, the same with `scorer="model"`, `trafilatura.extract(html, url=url)`)
on the same pages in the same process: an even sample of WCXB dev pages and every ScrapingHub
page, all decompressed before any clock starts. Every round times each system over all pages
(CPU time of the process, since the machine is shared), the order of the systems rotating from
round to round; the figures are the medians of the rounds, and the ratio of the medians. Peak
memory: each system alone in a fresh child process over the same pages (peak RSS, so that lxml's
and selectolax's C allocations count, which tracemalloc would miss; Linux only).

    python bench/extract_speed.py [--wcxb 200] [--rounds 3] [--write]
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import ROOT, machine, require, shared_dir, table, write_section

Page = tuple[str, str]  # (html, url)
TRAFILATURA = "trafilatura.extract"
#: Ratio to trafilatura each system must reach (issue 11).
TARGETS = {"cleaner best": 3.0, "cleaner fast": 15.0}


def _trafilatura() -> Callable[[str, str], object]:
    try:
        import trafilatura
    except ImportError:
        print("skipped: trafilatura is not installed (pip install -e '.[bench]')", file=sys.stderr)
        raise SystemExit(0) from None
    return lambda html, url: trafilatura.extract(html, url=url)


def _runners(only: str | None = None) -> dict[str, Callable[[str, str], object]]:
    """The four calls; imports happen here (a missing peer skips the bench), and only for `only`
    when given, so that a memory child loads what a user of that call loads."""
    import cleaner
    from cleaner.extract import extract_html

    calls: dict[str, Callable[[], Callable[[str, str], object]]] = {
        "cleaner best": lambda: lambda html, url: cleaner.extract_html(html, url),
        "cleaner fast": lambda: lambda html, url: extract_html(html, url, engine="fast"),
        "cleaner fast, scorer=model": lambda: lambda html, url: extract_html(html, url, engine="fast", scorer="model"),
        TRAFILATURA: _trafilatura,
    }
    return {name: make() for name, make in calls.items() if only in (None, name)}


def _sample(keys: list[str], n: int | None) -> list[str]:
    """An even spread of `n` keys in file-name order: the same pages on every run."""
    keys = sorted(keys)
    if n is None or n >= len(keys):
        return keys
    step = len(keys) / n
    return [keys[int(i * step)] for i in range(n)]


def load_pages(wcxb: int | None, scrapinghub: int | None = None) -> dict[str, list[Page]]:
    """Every page of each set decompressed into memory, so that no clock counts reading or gunzip."""
    bench = shared_dir() / "bench"
    sh_root = require(bench / "scrapinghub", "the ScrapingHub benchmark")
    wc_root = require(bench / "wcxb", "the WCXB benchmark")
    sets: dict[str, list[Page]] = {}
    for root, n in ((wc_root, wcxb), (sh_root, scrapinghub)):
        truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
        pages = sets.setdefault(root.name, [])
        for key in _sample(list(truth), n):
            with gzip.open(root / "html" / f"{key}.html.gz", "rt", encoding="utf-8", errors="replace") as f:
                pages.append((f.read(), truth[key].get("url") or ""))
    return sets


def run_all(run: Callable[[str, str], object], pages: list[Page]) -> float:
    """CPU seconds for one pass; a page a system refuses counts its time, as it would for a user."""
    start = time.process_time()
    for html, url in pages:
        try:
            run(html, url)
        except Exception:  # an extraction error is an answer, not a bench failure
            continue
    return time.process_time() - start


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # kB
    raise KeyError(field)


def child_memory(system: str, wcxb: int | None, scrapinghub: int | None) -> None:
    """In a child: load the pages, then reset the peak (Linux: clear_refs 5), load and run `system`
    once; print the peak RSS and its rise above the RSS with the pages alone loaded."""
    pages = [page for group in load_pages(wcxb, scrapinghub).values() for page in group]
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_mb("VmRSS")
    run = _runners(system)[system]
    run_all(run, pages)
    peak = _status_mb("VmHWM")
    print(json.dumps({"before": before, "after": peak}))


def memory(system: str, wcxb: int | None, scrapinghub: int | None) -> tuple[float, float] | None:
    """Peak RSS of a fresh process running `system` over the pages, and its rise during extraction."""
    sizes = [str(-1 if n is None else n) for n in (wcxb, scrapinghub)]
    args = [sys.executable, __file__, "--wcxb", sizes[0], "--scrapinghub", sizes[1], "--_memory", system]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode or not done.stdout.strip():  # not Linux, or the child failed
        print(f"memory of {system} not measured: {done.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    got = json.loads(done.stdout.strip().splitlines()[-1])
    return got["after"], got["after"] - got["before"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wcxb", type=int, default=200, help="WCXB dev pages sampled, evenly (default 200; -1: all)")
    parser.add_argument("--scrapinghub", type=int, default=-1, help="ScrapingHub pages sampled (default -1: all)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, each timing every system (default 3)")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory children")
    parser.add_argument("--write", action="store_true", help="write the section extract_speed of BENCHMARKS.md")
    parser.add_argument("--_memory", metavar="SYSTEM", help=argparse.SUPPRESS)
    args = parser.parse_args()
    wcxb = None if args.wcxb < 0 else args.wcxb
    scrapinghub = None if args.scrapinghub < 0 else args.scrapinghub
    if args._memory:
        child_memory(args._memory, wcxb, scrapinghub)
        return
    sets = load_pages(wcxb, scrapinghub)
    pages = sets["wcxb"] + sets["scrapinghub"]
    runners = _runners()
    names = list(runners)
    mb = sum(len(html.encode("utf-8")) for html, _ in pages) / 1e6
    for run in runners.values():  # imports, compiled patterns, the model: loaded outside the clock
        run_all(run, pages[:3])
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(args.rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for name in order:
            times[name].append(run_all(runners[name], pages))
            print(f"round {r + 1}: {name} {times[name][-1]:.2f} cpu-s", file=sys.stderr)
    mem = {} if args.no_memory else {name: memory(name, wcxb, scrapinghub) for name in names}

    peer = median(times[TRAFILATURA])
    rows = []
    for name in names:
        t = times[name]
        m = mem.get(name)
        rows.append([
            f"`{name}`",
            f"{len(pages) / median(t):.1f}",
            f"{1000 * median(t) / len(pages):.1f}",
            " / ".join(f"{x:.2f}" for x in t),
            f"**{peer / median(t):.2f}×**" if name != TRAFILATURA else "1.00×",
            f"{m[0]:.0f} / +{m[1]:.0f}" if m else "–",
        ])  # fmt: skip
    targets = [
        [f"`{name}` ≥ {goal:g}× trafilatura", f"{peer / median(times[name]):.2f}×",
         "met" if peer / median(times[name]) >= goal else "**not met**"]
        for name, goal in TARGETS.items()
    ]  # fmt: skip
    command = " ".join(["python bench/extract_speed.py", *sys.argv[1:]])
    report = "\n".join([
        "## HTML extraction speed (`bench/extract_speed.py`)",
        "",
        f"Measured {machine()} with `{command}`: {len(sets['wcxb'])} WCXB dev pages (an even sample) and",
        f"{len(sets['scrapinghub'])} ScrapingHub pages, {mb:.1f} MB of HTML, decompressed before timing. Each",
        "system called as a user calls it, all in one process on the same pages, "
        f"{args.rounds} rounds (each times every",
        "system over all pages, the order rotating), CPU time of the process; medians of the rounds. Peak memory:",
        "each system alone in a fresh process over the same pages: peak RSS (the pages in memory included)",
        "and its rise above the RSS with the pages alone loaded (the system's imports, model and work).",
        "",
        table(["call", "pages/cpu-s", "ms/page", "cpu-s per round", "× trafilatura", "peak RSS MB"], rows),
        "",
        "Targets (issue 11):",
        "",
        table(["target", "measured", ""], targets),
        "",
        "Quality of the same calls is in the extraction quality section (`bench/extract_quality.py`).",
    ])  # fmt: skip
    print(report)
    if args.write:
        write_section("extract_speed", report)


if __name__ == "__main__":
    main()
