"""Where the time goes, stage by stage: `clean_text` over extractor outputs, `extract_html` over pages.

Runs each workload once under cProfile and reads the cumulative time of the functions that
make up each stage (a stage nested in another is shown indented under it; the percentages are
of the whole call). Workloads: `clean_text` over every text of ScrapingHub's `outputs/` (as
bench/clean_speed.py reads them), and `extract_html(engine="fast")` and `"best"` over WCXB dev
pages spread evenly over the set. cProfile slows Python code down more than C code, so the
shares are a guide to what to work on; bench/clean_speed.py gives the unprofiled throughput.
`re compile` is the time spent in Python's regex compiler while the workload runs (the rule
set is loaded and warmed before the clock starts): it should be zero.

    python bench/profile_stages.py [--pages 150] [--label before|after] [--write]

With `--write`, the tables go into BENCHMARKS.md's `profile` section under the label given,
beside those of other labels already there (so a "before" run stays when "after" is written).
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import pstats
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import BENCHMARKS, machine, require, shared_dir, table, write_section

from cleaner import clean_text, extract_html
from cleaner.rules import RuleSet

#: A stage: a label, its depth in the table, and the (file suffix, function) whose cumulative
#: time it is (several are summed).
Stage = tuple[str, int, tuple[tuple[str, str], ...]]

_CLEAN_STAGES: list[Stage] = [
    ("read (readers)", 1, (("cleaner/readers/__init__.py", "read_document"),)),
    ("clean_blocks", 1, (("cleaner/clean/engine.py", "clean_blocks"),)),
    ("line making (make_lines)", 2, (("cleaner/clean/_lines.py", "make_lines"),)),
    ("rule matching (match_lines)", 2, (("cleaner/rules/model.py", "match_lines"),)),
    ("prefilter (compiled core)", 3, (("cleaner/_compiled.py", "prefilter_sets"),)),
    ("confirm (re)", 3, (("cleaner/rules/model.py", "_confirm"),)),
    ("region finder (compiled core: weigh, body run, frame)", 2, (("cleaner/clean/region.py", "find_body"),)),
    ("positional rules", 2, (("cleaner/clean/predicates.py", "positional_rules"),)),
    ("title (_find_title)", 2, (("cleaner/clean/engine.py", "_find_title"),)),
    ("structure settle", 2, (("cleaner/clean/structure.py", "settle"),)),
    ("rendering (body_text)", 2, (("cleaner/clean/engine.py", "body_text"),)),
    ("language guess", 2, (("cleaner/clean/language.py", "guess"),)),
]  # fmt: skip

_EXTRACT_STAGES: list[Stage] = [
    ("decode", 1, (("cleaner/extract/_decode.py", "decode_html"),)),
    ("pre-pass (parse, chrome, metadata, container)", 1, (("cleaner/extract/prepass.py", "run_prepass"),)),
    ("metadata", 2, (("cleaner/extract/metadata.py", "read_metadata"),)),
    ("container finder", 2, (("cleaner/extract/prepass.py", "find_container"),)),
    ("fast blocks (block selection, node_blocks)", 1, (("cleaner/extract/fast.py", "fast_blocks"),)),
    ("trafilatura (best's second opinion)", 1, (("cleaner/extract/best.py", "trafilatura_blocks"),)),
    ("clean_blocks", 1, (("cleaner/clean/engine.py", "clean_blocks"),)),
    ("line making (make_lines)", 2, (("cleaner/clean/_lines.py", "make_lines"),)),
    ("rule matching (match_lines)", 2, (("cleaner/rules/model.py", "match_lines"),)),
    ("region finder (compiled core: weigh, body run, frame)", 2, (("cleaner/clean/region.py", "find_body"),)),
    ("positional rules", 2, (("cleaner/clean/predicates.py", "positional_rules"),)),
    ("block scorer (model)", 2, (("cleaner/clean/scorer.py", "decide"),)),
    ("structure settle", 2, (("cleaner/clean/structure.py", "settle"),)),
    ("rendering (body_text)", 2, (("cleaner/clean/engine.py", "body_text"),)),
]  # fmt: skip

#: Python's regex compiler (re.compile on a pattern not in re's own cache ends here).
_COMPILE = (("re/_compiler.py", "compile"),)


#: A text to warm a fresh rule set on (lazily loaded modules and tables), none of the inputs.
WARM = "Home | News\n\nA short story about nothing in particular.\n\nShare this article\n\nCopyright 2020"


def fresh_rules() -> RuleSet:
    """The built-in rules as a new rule set: whatever its matcher builds on use starts empty
    (and `re`'s own cache of compiled patterns too, which would hide compiling)."""
    re.purge()
    return RuleSet(RuleSet.default().rules)


def texts() -> list[str]:
    root = require(shared_dir() / "bench" / "scrapinghub" / "outputs", "the ScrapingHub extractor outputs")
    out: list[str] = []
    for path in sorted(root.glob("*.json")):
        out += [v["articleBody"] for v in json.loads(path.read_text("utf-8")).values() if v.get("articleBody")]
    return out


def pages(n: int) -> list[tuple[str, str]]:
    wcxb = require(shared_dir() / "bench" / "wcxb", "the WCXB development set")
    truth = json.loads((wcxb / "ground-truth.json").read_text("utf-8"))
    keys = sorted(truth)
    if n < len(keys):
        keys = [keys[int(i * len(keys) / n)] for i in range(n)]
    out = []
    for key in keys:
        with gzip.open(wcxb / "html" / f"{key}.html.gz", "rt", encoding="utf-8", errors="replace") as f:
            out.append((f.read(), truth[key].get("url") or ""))
    return out


def cumulative(stats: pstats.Stats, targets: tuple[tuple[str, str], ...]) -> float:
    total = 0.0
    for (filename, _, name), row in stats.stats.items():  # type: ignore[attr-defined]
        if any(name == fn and filename.replace("\\", "/").endswith(suffix) for suffix, fn in targets):
            total += row[3]
    return total


def profile(
    label: str, make_run: Callable[[], Callable[[], None]], stages: list[Stage], mb: float, docs: int, unit: str
) -> str:
    """Profile one pass of a fresh run (a rule set loaded anew, its matcher's caches empty: the
    documents are new to it, as in a corpus), after one unprofiled pass of another."""
    run = make_run()
    cpu = time.process_time()
    run()  # unprofiled, for the throughput beside the profile
    plain = time.process_time() - cpu
    run = make_run()
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for name, depth, targets in [("whole call", 0, ()), *stages, ("re compile (while cleaning)", 1, _COMPILE)]:
        seconds = total if not targets else cumulative(stats, targets)
        rows.append([
            "&nbsp;" * 4 * depth + name,
            f"{seconds / mb:.3f}",
            f"{seconds / docs * 1e3:.2f}",
            f"{100 * seconds / total:.1f}%",
        ])  # fmt: skip
    return "\n".join([
        f"**{label}**: {docs:,} {unit}, {mb:.1f} MB; unprofiled {plain:.2f} cpu-s "
        f"({mb / plain:.2f} MB/cpu-s, {plain / docs * 1e3:.2f} ms per {unit[:-1]}); profiled {total:.2f} s.",
        "",
        table(["stage", "s per MB", f"ms per {unit[:-1]}", "share"], rows),
    ])  # fmt: skip


def top(make_run: Callable[[], Callable[[], None]], n: int = 20) -> None:
    """The functions with the most own time (printed, for finding the next hot spot)."""
    run = make_run()
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(n)


def merge(label: str, body: str) -> str:
    """The `profile` section with `body` under `label`, other labels' tables kept (in order)."""
    parts: dict[str, str] = {}
    text = BENCHMARKS.read_text("utf-8") if BENCHMARKS.exists() else ""
    start, end = "<!-- profile:start -->", "<!-- profile:end -->"
    if start in text and end in text:
        old = text.split(start, 1)[1].split(end, 1)[0]
        for chunk in old.split("\n### ")[1:]:
            name, _, rest = chunk.partition("\n")
            parts[name.strip()] = rest.strip()
    parts[label] = body
    order = sorted(parts, key=lambda k: (k != "before", k))
    head = [
        "## Profile by stage (`bench/profile_stages.py`)",
        "",
        "Cumulative cProfile time of each stage's functions (indented: inside the stage above), per MB of",
        "input and per document; `re compile` is time in Python's regex compiler while the workload runs.",
    ]
    return "\n".join(head + [f"\n### {k}\n\n{parts[k]}" for k in order])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=150, help="WCXB dev pages for extract_html (default 150)")
    parser.add_argument("--label", default="before", help="name of this run in the section (default: before)")
    parser.add_argument("--only", choices=("clean", "fast", "best"), help="profile one workload")
    parser.add_argument("--top", action="store_true", help="also print the functions with most own time")
    parser.add_argument("--write", action="store_true", help="write the tables into BENCHMARKS.md")
    args = parser.parse_args()
    out = [f"Measured {machine()} with `python bench/profile_stages.py --label {args.label} --write`."]
    if args.only in (None, "clean"):
        docs = texts()
        mb = sum(len(t.encode("utf-8")) for t in docs) / 1e6

        def clean_all() -> Callable[[], None]:
            rules = fresh_rules()
            clean_text(WARM, rules=rules)

            def run() -> None:
                for text in docs:
                    clean_text(text, rules=rules)

            return run

        what = "clean_text, ScrapingHub extractor outputs"
        out += ["", profile(what, clean_all, _CLEAN_STAGES, mb, len(docs), "docs")]
        if args.top:
            top(clean_all)
    if args.only != "clean":
        html = pages(args.pages)
        mb = sum(len(h.encode("utf-8")) for h, _ in html) / 1e6
        for engine in ("fast", "best"):
            if args.only not in (None, engine):
                continue

            def extract_all(engine: str = engine) -> Callable[[], None]:
                rules = fresh_rules()
                extract_html(f"<html><body><p>{WARM}</p></body></html>", engine=engine, rules=rules)

                def run() -> None:
                    for page, url in html:
                        extract_html(page, url or None, engine=engine, rules=rules)

                return run

            what = f'extract_html(engine="{engine}"), WCXB dev pages'
            out += ["", profile(what, extract_all, _EXTRACT_STAGES, mb, len(html), "pages")]
            if args.top:
                top(extract_all)
    body = "\n".join(out)
    print(body)
    if args.write:
        write_section("profile", merge(args.label, body))


if __name__ == "__main__":
    main()
