"""Title, author and date on WCXB dev: the project against trafilatura, on all pages and per site fold.

A metadata rule tuned on some sites is only worth keeping if it also holds on sites it was not
tuned on, so every match rate is given on all 1,497 pages and on each of the 5 site folds
(bench/_folds.py). The project's figures come from `extract_html(engine="fast")`: an author is
read from what the page states first and from the byline rule of the cleaned text last, so the
extraction has to run; `--prepass` reads only what the pre-pass states (quicker, for
development, without the byline rule). trafilatura's figures are read from the cache
bench/extract_quality.py keeps (bench/.cache/extract-trafilatura-<version>.json).

    python bench/metadata_quality.py                  # print the table
    python bench/metadata_quality.py --write          # and write it into BENCHMARKS.md
    python bench/metadata_quality.py --misses author --folds 0,1,2   # pages where author is wrong
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path
from statistics import mean
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _folds import fold_of
from _report import ROOT, machine, require, shared_dir, table, write_section
from extract_quality import meta_matches

CACHE = ROOT / "bench" / ".cache"
FIELDS = ("title", "author", "date")
FOLDS = range(5)


def _html(root: Path, key: str) -> str:
    with gzip.open(root / "html" / f"{key}.html.gz", "rt", encoding="utf-8", errors="replace") as f:
        return f.read()


def _run(args: tuple[str, bool, list[tuple[str, str]]]) -> list[tuple[str, dict[str, Any]]]:
    root, prepass_only, pages = args
    from cleaner import extract_html
    from cleaner.extract.prepass import run_prepass

    out = []
    for key, url in pages:
        html = _html(Path(root), key)
        try:
            if prepass_only:
                md = run_prepass(html, url or None).metadata
                result = {"title": md.title, "author": md.author, "date": md.date}
            else:
                a = extract_html(html, url or None, engine="fast")
                result = {"title": a.title, "author": a.author, "date": a.date}
        except Exception as exc:  # a page the extractor fails on has no metadata
            result = {"error": f"{type(exc).__name__}: {exc}"[:200]}
        out.append((key, result))
    return out


def cleaner_results(root: Path, truth: dict[str, Any], prepass_only: bool, jobs: int) -> dict[str, dict[str, Any]]:
    pages = [(k, truth[k].get("url") or "") for k in sorted(truth)]
    work = [(str(root), prepass_only, pages[i : i + 20]) for i in range(0, len(pages), 20)]
    results: dict[str, dict[str, Any]] = {}
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            done: Iterable[list[tuple[str, dict[str, Any]]]] = pool.map(_run, work)
            for batch in done:
                results.update(batch)
    else:
        for item in work:
            results.update(_run(item))
    return results


def trafilatura_results(truth: dict[str, Any]) -> dict[str, dict[str, Any]] | None:
    """trafilatura's metadata from bench/extract_quality.py's cache, or None when it is absent."""
    try:
        version = metadata.version("trafilatura")
    except metadata.PackageNotFoundError:
        version = "2.3.1"
    path = CACHE / f"extract-trafilatura-{version}.json"
    if not path.exists():
        print(f"no trafilatura cache at {path}: run bench/extract_quality.py once", file=sys.stderr)
        return None
    cached = json.loads(path.read_text("utf-8")).get("wcxb", {})
    return {k: cached.get(k, {}) for k in truth}


def rates(truth: dict[str, Any], results: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    """{field: {"all" | "fold k": match rate over the pages whose truth marks the field}}."""
    hits: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for key, t in truth.items():
        fold = f"fold {fold_of(t.get('url') or key)}"
        matches = meta_matches(t, results.get(key, {}))
        for name in FIELDS:
            ok = matches[name]
            if ok is not None:
                hits[name]["all"].append(float(ok))
                hits[name][fold].append(float(ok))
    return {name: {g: mean(v) for g, v in groups.items()} for name, groups in hits.items()}


def report(
    truth: dict[str, Any], systems: dict[str, dict[str, dict[str, Any]]], command: str, prepass_only: bool = False
) -> tuple[str, dict[str, dict[str, dict[str, float]]]]:
    source = "the pre-pass's metadata only" if prepass_only else '`extract_html(engine="fast")`'
    scores = {s: rates(truth, r) for s, r in systems.items()}
    folds = [f"fold {i}" for i in FOLDS]
    counts = {name: defaultdict(int) for name in FIELDS}
    for key, t in truth.items():
        for name, ok in meta_matches(t, {}).items():
            if name in counts and ok is not None:
                counts[name]["all"] += 1
                counts[name][f"fold {fold_of(t.get('url') or key)}"] += 1
    rows = []
    for name in FIELDS:
        for s, sc in scores.items():
            per_fold = [sc[name].get(f, 0.0) for f in folds]
            rows.append([name, s, f"{sc[name]['all']:.3f}", *[f"{v:.3f}" for v in per_fold], f"{mean(per_fold):.3f}"])
    pages_row = [f"{name}: " + ", ".join(str(counts[name][g]) for g in ["all", *folds]) for name in FIELDS]
    out = [
        "## Metadata quality (`bench/metadata_quality.py`)",
        "",
        f"Measured {machine()} with `{command}` on the {len(truth)} WCXB dev pages.",
        "Match rate where the truth marks the field (title: same words; author: one name contains the other;",
        "date: same day), on all pages and on each site fold (5 folds by registered domain, bench/_folds.py).",
        f"cleaner: {source}; trafilatura 2.3.1 from bench/.cache.",
        "",
        table(["field", "system", "all pages", *folds, "mean of folds"], rows),
        "",
        "Pages marked (all, fold 0..4): " + "; ".join(pages_row) + ".",
    ]
    if "cleaner" in scores and "trafilatura" in scores:
        ours, theirs = scores["cleaner"]["author"], scores["trafilatura"]["author"]
        all_ok = ours["all"] >= theirs["all"]
        every_fold = all(ours.get(f, 0) >= theirs.get(f, 0) for f in folds)
        fold_mean = mean(ours.get(f, 0) for f in folds) >= mean(theirs.get(f, 0) for f in folds)
        behind = [f for f in folds if ours.get(f, 0) < theirs.get(f, 0)]
        met = all_ok and (every_fold or fold_mean)
        out += [
            "",
            "Target (issue 10): author ≥ trafilatura, on all pages and on every fold (or on the fold mean): "
            + ("**met**" if met else "**not met**")
            + f" (all pages {ours['all']:.3f} vs {theirs['all']:.3f}; every fold: {'yes' if every_fold else 'no'}"
            + (f", behind on {', '.join(behind)}" if behind else "")
            + f"; fold mean: {'yes' if fold_mean else 'no'}).",
        ]
    return "\n".join(out), scores


def misses(
    truth: dict[str, Any], ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]] | None, name: str,
    folds: set[int],
) -> list[str]:  # fmt: skip
    """The pages of `folds` where the project's `name` is wrong, with the truth and trafilatura's."""
    out = []
    for key, t in sorted(truth.items()):
        if fold_of(t.get("url") or key) not in folds:
            continue
        ok = meta_matches(t, ours.get(key, {}))[name]
        if ok is False:
            truth_value = t.get("publish_date" if name == "date" else name)
            other = (theirs or {}).get(key, {})
            mark = "T" if theirs and meta_matches(t, other)[name] else " "
            out.append(
                f"{mark} {key}  truth={truth_value!r}  ours={ours.get(key, {}).get(name)!r}  "
                f"trafilatura={other.get(name)!r}  {t.get('url')}"
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--prepass", action="store_true", help="the pre-pass's metadata only (no byline rule)")
    parser.add_argument("--write", action="store_true", help="write the table into BENCHMARKS.md")
    parser.add_argument("--misses", choices=FIELDS, help="list the pages where this field is wrong")
    parser.add_argument("--folds", default="0,1,2,3,4", help="folds --misses lists (default all)")
    parser.add_argument("--section", default="metadata_quality", help="BENCHMARKS.md section --write replaces")
    args = parser.parse_args()
    root = require(shared_dir() / "bench" / "wcxb", "the WCXB benchmark")
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    print(f"running cleaner on {len(truth)} pages…", file=sys.stderr)
    ours = cleaner_results(root, truth, args.prepass, args.jobs)
    theirs = trafilatura_results(truth)
    systems = {"cleaner": ours, **({"trafilatura": theirs} if theirs is not None else {})}
    command = "python bench/metadata_quality.py" + (" --prepass" if args.prepass else "")
    text, _ = report(truth, systems, command, args.prepass)
    print(text)
    if args.misses:
        wanted = {int(f) for f in args.folds.split(",") if f.strip()}
        lines = misses(truth, ours, theirs, args.misses, wanted)
        print(f"\n{len(lines)} pages where cleaner's {args.misses} is wrong (T: trafilatura right):")
        print("\n".join(lines))
    if args.write:
        write_section(args.section, text)


if __name__ == "__main__":
    main()
