"""Structure in Markdown output: headings, code blocks, list items and lines, on WCXB dev pages.

Runs both engines of `extract_html`, rendered with `Article.to_markdown(keep_title=True)`,
and, on the same pages in the same run, trafilatura's Markdown (`output_format="markdown"`,
formatting and tables on) and its plain text. The structure a page's main content has is
taken from its HTML (see bench/_structure_scoring.py): the `<h1>`–`<h6>`, multi-line `<pre>`
and `<li>` elements whose text is a line of WCXB's `main_content`. Figures:

- headings: the share of those headings the output marks as Markdown headings at their level;
- code blocks: the share of those `<pre>` blocks the output holds verbatim in a code block;
- list items: the share of those `<li>` the output writes as list items;
- line F1: the truth's lines against the output's, markup stripped, compared as multisets;
  precision, recall and F1 per page, averaged over pages (as WCXB averages its word F1).

    python bench/structure.py --limit 200                    # the first 200 pages by id
    python bench/structure.py --types article,documentation  # two page types only
    python bench/structure.py --write                        # all pages, and BENCHMARKS.md

Nothing is cached: every system runs on every page in this run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from statistics import mean
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _folds import fold_of
from _report import machine, require, shared_dir, table, write_section
from _structure_scoring import PageScore, Truth, derive_truth, score

CLEANER = ("cleaner-best", "cleaner-fast")
SYSTEMS = (*CLEANER, "trafilatura", "trafilatura-text")
FIGURES = ("headings", "code", "items")
TARGETS = {"headings": 0.90, "code": 0.95, "items": 0.90}
LINE_F1_MARGIN = 0.05


@dataclass
class CleanerRun:
    """One engine of the cleaner; remembers whether its Markdown writer was there."""

    engine: str
    paths: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    missing: str = ""
    markdown: bool = True  # whether the last output was Markdown

    def __call__(self, html: str, url: str) -> str:
        from cleaner import extract_html

        article = extract_html(html, url=url, engine=self.engine)
        self.markdown = False
        try:
            markdown = article.to_markdown(keep_title=True)
        except (ImportError, AttributeError, NotImplementedError) as exc:
            # the Markdown writer is not on this branch yet: its plain text, which has no structure
            self.missing = self.missing or f"{type(exc).__name__}: {exc}"
            self.paths["Article.text"] += 1
            return article.text
        self.paths["Article.to_markdown"] += 1
        self.markdown = True
        return markdown


def _trafilatura_markdown(html: str, url: str) -> str:
    import trafilatura

    out = trafilatura.extract(html, url=url, output_format="markdown", include_formatting=True, include_tables=True)
    return out or ""


def _trafilatura_text(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def _html(root: Path, key: str) -> str:
    with gzip.open(root / "html" / f"{key}.html.gz", "rt", encoding="utf-8", errors="replace") as f:
        return f.read()


class Tally:
    """Hits and totals of each figure, and per-page line P/R/F1, per system and page type."""

    def __init__(self) -> None:
        self.hits: dict[tuple[str, str, str], int] = defaultdict(int)
        self.totals: dict[tuple[str, str, str], int] = defaultdict(int)
        self.lines: dict[tuple[str, str], list[tuple[float, float, float]]] = defaultdict(list)

    def add(self, system: str, page_type: str, s: PageScore, fold: str = "") -> None:
        for group in ("all", page_type, *([fold] if fold else [])):
            for name, (hit, total) in (("headings", s.headings), ("code", s.code), ("items", s.items)):
                self.hits[system, group, name] += hit
                self.totals[system, group, name] += total
            self.hits[system, group, "headings-any"] += s.headings_any_level
            self.lines[system, group].append(s.line)

    def share(self, system: str, group: str, name: str) -> float | None:
        total = self.totals[system, group, "headings" if name == "headings-any" else name]
        return self.hits[system, group, name] / total if total else None

    def total(self, system: str, group: str, name: str) -> int:
        return self.totals[system, group, name]

    def line(self, system: str, group: str, i: int) -> float:
        values = self.lines[system, group]
        return mean(v[i] for v in values) if values else 0.0


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(
    tally: Tally,
    types: list[str],
    runs: dict[str, CleanerRun],
    pages: int,
    truths: dict[str, Truth],
    command: str,
    wall: float,
    cpu: dict[str, float],
) -> str:
    title_h1 = sum(t.title_h1 for t in truths.values())
    paths = {s: ", ".join(f"{p} on {n} pages" for p, n in sorted(runs[s].paths.items())) or "no page" for s in CLEANER}
    fallback = [s for s in CLEANER if runs[s].paths.get("Article.text")]
    traf = metadata.version("trafilatura")
    out = [
        "## Structure in Markdown output (`bench/structure.py`)",
        "",
        f"Measured {machine()} with `{command}` on {pages} WCXB dev pages,",
        f"every system in this run (trafilatura {traf}; wall time {wall:.0f} s). The truth's structure is the page's",
        "`<h1>`–`<h6>` whose text is a line of WCXB's `main_content`, its `<pre>` blocks of two or more lines most of",
        "which are lines of it, and its `<li>` whose text is one of its list lines (`- text`; any line would count",
        "tables of contents, whose entries repeat the headings). Each figure is the share of those items, over all",
        "pages, that the output marks as such: headings at their level, code verbatim inside a code block, list",
        "items as list items. Line F1: the truth's lines against the output's, Markdown markup stripped, compared",
        "as multisets, P/R/F1 averaged over pages. Title `<h1>`s (text equal to WCXB's title) are left out of the",
        f"headings ({title_h1} pages' truth holds one as a line), title lines out of the line F1 on both sides.",
        "",
        f"Cleaner output: best: {paths['cleaner-best']}; fast: {paths['cleaner-fast']}.",
    ]
    if fallback:
        out += [
            "",
            f"**The Markdown writer was not there** ({runs[fallback[0]].missing}): the cleaner's figures are",
            "those of its plain text, which marks no structure; its structure figures are 0 by construction.",
        ]
    rows = []
    names = {"headings": "headings at their level", "code": "code blocks verbatim", "items": "list items"}
    for name in FIGURES:
        n = tally.total(SYSTEMS[0], "all", name)
        rows.append([f"{names[name]} ({n})", *[_fmt(tally.share(s, "all", name)) for s in SYSTEMS[:3]], "—"])
    n_h = tally.total(SYSTEMS[0], "all", "headings")
    rows.append(
        [f"headings at any level ({n_h})", *[_fmt(tally.share(s, "all", "headings-any")) for s in SYSTEMS[:3]], "—"]
    )
    for i, label in enumerate(("line P", "line R", "line F1")):
        rows.append([f"{label} ({pages} pages)", *[_fmt(tally.line(s, "all", i)) for s in SYSTEMS]])
    rows.append(["cpu s per page", *[f"{cpu[s] / max(pages, 1):.3f}" for s in SYSTEMS]])
    out += ["", table(["figure (items)", *SYSTEMS], rows)]

    baseline = tally.line("trafilatura-text", "all", 2)
    target_rows = []
    for s in CLEANER:
        for name in FIGURES:
            value = tally.share(s, "all", name)
            verdict = "not measured (no item)" if value is None else _met(value >= TARGETS[name])
            target_rows.append([f"{s}: {names[name]} ≥ {TARGETS[name]:.2f}", _fmt(value), verdict])
        f1 = tally.line(s, "all", 2)
        target_rows.append([f"{s}: line F1 ≥ trafilatura text + {LINE_F1_MARGIN:.2f} ({baseline + LINE_F1_MARGIN:.3f})",
                            f"{f1:.3f} ({f1 - baseline:+.3f})", _met(f1 >= baseline + LINE_F1_MARGIN)])  # fmt: skip
    out += ["", "Targets (issue 9):", "", table(["target", "measured", ""], target_rows)]

    n_code = tally.total(SYSTEMS[0], "all", "code")
    code_pages = sum(1 for t in truths.values() if t.code)
    if n_code:
        share = f"one block is {1 / n_code:.1%} of that figure"
        out += ["", f"Code blocks are few: {n_code} on {code_pages} of {pages} pages ({share})."]
    else:
        out += ["", "No code block of the truth among these pages: the code figure is not measured."]

    type_rows = []
    for t in types:
        pages_t = len(tally.lines[SYSTEMS[0], t])
        for name in (*FIGURES, "line F1"):
            if name == "line F1":
                cells = [_fmt(tally.line(s, t, 2)) for s in SYSTEMS]
                label = f"line F1 ({pages_t})"
            else:
                cells = [_fmt(tally.share(s, t, name)) for s in SYSTEMS[:3]] + ["—"]
                label = f"{names[name]} ({tally.total(SYSTEMS[0], t, name)})"
            type_rows.append([t, label, *cells])
    fold_rows = []
    folds = [f"fold {i}" for i in range(5)]
    for name in (*FIGURES, "line F1"):
        for s in SYSTEMS if name == "line F1" else SYSTEMS[:3]:
            if name == "line F1":
                values = [tally.line(s, f, 2) if tally.lines[s, f] else None for f in folds]
                whole = tally.line(s, "all", 2)
            else:
                values = [tally.share(s, f, name) for f in folds]
                whole = tally.share(s, "all", name)
            known = [v for v in values if v is not None]
            spread = f"{min(known):.3f}–{max(known):.3f}" if known else ""
            fold_mean = _fmt(mean(known)) if known else ""
            fold_rows.append([names.get(name, name), s, _fmt(whole), fold_mean, spread, *[_fmt(v) for v in values]])
    out += [
        "",
        "By site fold (5 folds by registered domain, bench/_folds.py): nothing here is fitted, so each fold's",
        "figure is what the pages of sites in no other fold score; the mean over folds beside the all-pages",
        "figure, and the range:",
        "",
        table(["figure", "system", "all pages", "mean of folds", "range", *folds], fold_rows),
    ]
    out += ["", "By page type (items in brackets; empty: no such item):", ""]
    out.append(table(["page type", "figure", *SYSTEMS], type_rows))
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N pages by id")
    parser.add_argument("--types", help="comma-separated page types (article, documentation, …)")
    parser.add_argument("--write", action="store_true", help="write the section `structure` of BENCHMARKS.md")
    args = parser.parse_args()
    root = require(shared_dir() / "bench" / "wcxb", "the WCXB benchmark")
    truth: dict[str, dict[str, Any]] = json.loads((root / "ground-truth.json").read_text("utf-8"))
    keys = sorted(truth)
    if args.types:
        wanted = {t.strip() for t in args.types.split(",") if t.strip()}
        keys = [k for k in keys if truth[k]["page_type"] in wanted]
    if args.limit:
        keys = keys[: args.limit]
    if not keys:
        print("no page matches --types/--limit", file=sys.stderr)
        raise SystemExit(2)

    runs = {"cleaner-best": CleanerRun("best"), "cleaner-fast": CleanerRun("fast")}
    runners: dict[str, Callable[[str, str], str]] = {
        **runs,
        "trafilatura": _trafilatura_markdown,
        "trafilatura-text": _trafilatura_text,
    }
    tally = Tally()
    truths: dict[str, Truth] = {}
    cpu: dict[str, float] = defaultdict(float)
    errors: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    for n, k in enumerate(keys, 1):
        item = truth[k]
        html = _html(root, k)
        truths[k] = derive_truth(html, item["main_content"], item.get("title"))
        for system, run in runners.items():
            start = time.process_time()
            try:
                output = run(html, item.get("url") or "")
            except Exception as exc:  # a page a system fails on counts as empty output
                output = ""
                errors[system] += 1
                print(f"{system} failed on {k}: {type(exc).__name__}: {exc}"[:200], file=sys.stderr)
            cpu[system] += time.process_time() - start
            markdown = runs[system].markdown if system in runs else system == "trafilatura"
            fold = f"fold {fold_of(item.get('url') or k)}"
            tally.add(system, item["page_type"], score(truths[k], output, markdown=markdown), fold)
        if n % 100 == 0:
            print(f"{n}/{len(keys)} pages, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    wall = time.perf_counter() - started

    for s in CLEANER:
        used = ", ".join(f"{p} ({n} pages)" for p, n in sorted(runs[s].paths.items()))
        note = f"; the Markdown writer is missing: {runs[s].missing}" if runs[s].missing else ""
        print(f"{s} output path: {used}{note}", file=sys.stderr)
    if errors:
        print("failures (scored as empty output): " + ", ".join(f"{s} {n}" for s, n in errors.items()), file=sys.stderr)

    options = (f" --limit {args.limit}" if args.limit else "") + (f" --types {args.types}" if args.types else "")
    command = f"python bench/structure.py{options}"
    types = sorted({truth[k]["page_type"] for k in keys})
    text = report(tally, types, runs, len(keys), truths, command, wall, cpu)
    print(text)
    print(f"\nwall time {wall:.1f} s for {len(keys)} pages")
    if args.write:
        write_section("structure", text)


if __name__ == "__main__":
    main()
