"""`clean_text` on whole pages: the text of a WET record and the Markdown a crawler writes.

The other cleaning bench (bench/clean_quality.py) cleans what an extractor already chose; here
the input is everything a page shows, as corpora built from WET files or crawler Markdown get
it. For each WCXB dev page two inputs are made (once; cached in bench/.cache):

- whole-page plain text, as in a WET record: Resiliparse's `extract_plain_text(html,
  main_content=False)`; scored raw, after `clean_text(text)` (what `cleaner clean` prints: title,
  then body), and after datatrove's C4QualityFilter, the line filter such corpora use;
- whole-page Markdown: html2text of the page (no line wrapping, as crawlers write it), cleaned
  with `clean_text(md, format="markdown")` and written back as Markdown (the kept blocks byte
  for byte). Input and output are scored on their visible text (links' anchors kept, targets
  and image URLs dropped; bench/_wholepage_scoring.py).

Metric as in ../shared/bench/README.md: lower-cased `\\w+` bag-of-words P/R/F1 averaged over
pages, and the mean share of `with` snippets found and of `without` snippets leaked; over all
pages, by page type and by site fold (bench/_folds.py).

    python bench/wholepage.py               # print the tables
    python bench/wholepage.py --subset 150  # a quick run on 150 pages spread over the set
    python bench/wholepage.py --write       # all pages, and BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path
from statistics import mean
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _folds import fold_of
from _report import ROOT, machine, require, shared_dir, table, write_section
from _wholepage_scoring import Tally, lines_in_order, markup, visible_text

CACHE = ROOT / "bench" / ".cache"
TEXT = ("text: raw input", "text: clean_text", "text: C4QualityFilter", "text: C4 line filter only")
MARKDOWN = ("markdown: raw input", "markdown: clean_text")
SYSTEMS = TEXT + MARKDOWN
TARGETS = {"text: clean_text": (0.86, 0.12), "markdown: clean_text": (0.85, 0.12)}
#: Share of pages whose cleaned Markdown must be the input's own lines for it to count as
#: "still Markdown" (a page or two of odd input may be written otherwise).
STILL_MARKDOWN = 0.99


# --- inputs ----------------------------------------------------------------------------------


def _versions() -> str:
    return f"resiliparse-{metadata.version('resiliparse')}-html2text-{metadata.version('html2text')}"


def _make_inputs(args: tuple[str, list[tuple[str, str]]]) -> list[tuple[str, str, str]]:
    import html2text
    from resiliparse.extract.html2text import extract_plain_text

    root, pages = args
    out = []
    for key, url in pages:
        with gzip.open(Path(root) / "html" / f"{key}.html.gz", "rt", encoding="utf-8", errors="replace") as f:
            html = f.read()
        try:
            text = extract_plain_text(html, main_content=False)
        except Exception:  # a page the converter fails on is an empty input
            text = ""
        try:
            converter = html2text.HTML2Text(baseurl=url)
            converter.body_width = 0
            md = converter.handle(html)
        except Exception:
            md = ""
        out.append((key, text, md))
    return out


def inputs(root: Path, truth: dict[str, Any], keys: list[str], jobs: int, fresh: bool) -> dict[str, dict[str, str]]:
    """{id: {"text", "markdown"}} for `keys`, made once per converter version and cached."""
    cache = CACHE / f"wholepage-inputs-{_versions()}.json"
    have: dict[str, dict[str, str]] = {} if fresh or not cache.exists() else json.loads(cache.read_text("utf-8"))
    missing = [(k, truth[k].get("url") or "") for k in keys if k not in have]
    if missing:
        print(f"making whole-page inputs of {len(missing)} pages (cached in bench/.cache)…", file=sys.stderr)
        work = [(str(root), missing[i : i + 20]) for i in range(0, len(missing), 20)]
        for batch in _map(_make_inputs, work, jobs):
            for key, text, md in batch:
                have[key] = {"text": text, "markdown": md}
        CACHE.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(have), "utf-8")
    return {k: have[k] for k in keys}


# --- systems ---------------------------------------------------------------------------------


def _clean_batch(batch: list[tuple[str, str, str]]) -> list[tuple[str, dict[str, Any]]]:
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter

    from cleaner import clean_text
    from cleaner.writers import render, render_markdown

    # min_num_sentences needs spaCy's sentence splitter: off, as in bench/clean_speed.py.
    c4 = C4QualityFilter(min_num_sentences=-1)
    c4_lines = C4QualityFilter(min_num_sentences=-1, filter_lorem_ipsum=False, filter_curly_bracket=False)
    out = []
    for key, text, md in batch:
        res: dict[str, Any] = {}
        start = time.process_time()
        res["text: clean_text"] = render(clean_text(text), "text")
        res["cpu text"] = time.process_time() - start
        for name, filt in (("text: C4QualityFilter", c4), ("text: C4 line filter only", c4_lines)):
            doc = Document(text=text, id=key)
            kept = filt.filter(doc)
            res[name] = doc.text if kept is True else ""  # a dropped page yields no text
        start = time.process_time()
        article = clean_text(md, format="markdown")
        res["markdown: clean_text"] = render_markdown(article, front=False)
        res["cpu markdown"] = time.process_time() - start
        res["markdown body"] = render_markdown(article, keep_title=False, front=False)
        out.append((key, res))
    return out


def _map(fn: Any, work: list[Any], jobs: int) -> Iterable[Any]:
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(jobs) as pool:
            yield from pool.map(fn, work)
    else:
        yield from map(fn, work)


def run(pages: dict[str, dict[str, str]], jobs: int) -> dict[str, dict[str, Any]]:
    items = [(k, v["text"], v["markdown"]) for k, v in pages.items()]
    work = [items[i : i + 10] for i in range(0, len(items), 10)]
    results: dict[str, dict[str, Any]] = {}
    for batch in _map(_clean_batch, work, jobs):
        results.update(batch)
    return results


# --- scoring and report ----------------------------------------------------------------------


def score(truth: dict[str, Any], pages: dict[str, dict[str, str]], results: dict[str, dict[str, Any]]) -> Tally:
    tally = Tally()
    for key, page in pages.items():
        t, res = truth[key], results[key]
        groups = ["all", t["page_type"], f"fold {fold_of(t.get('url') or key)}"]
        predictions = {
            "text: raw input": page["text"],
            **{s: res[s] for s in TEXT[1:]},
            "markdown: raw input": visible_text(page["markdown"]),
            "markdown: clean_text": visible_text(res["markdown: clean_text"]),
        }
        for system, prediction in predictions.items():
            tally.add_page(system, groups, t, prediction)
        body = res["markdown body"]
        heads_in, links_in = markup(page["markdown"])
        heads_out, links_out = markup(body)
        for group in groups:
            tally.add("md", group, "verbatim", float(lines_in_order(page["markdown"], body)))
            tally.add("md", group, "heads in", heads_in)
            tally.add("md", group, "heads out", heads_out)
            tally.add("md", group, "links in", links_in)
            tally.add("md", group, "links out", links_out)
            if heads_in and body.strip():
                tally.add("md", group, "heading kept", float(heads_out > 0))
        tally.add("cpu", "all", "text", res["cpu text"])
        tally.add("cpu", "all", "markdown", res["cpu markdown"])
    return tally


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def report(tally: Tally, n: int, command: str) -> str:
    folds = [f"fold {i}" for i in range(5)]
    types = sorted({g for (_, g, _) in tally.data if g not in ("all", *folds)} - {"all"})
    rows = [
        [s, *[_fmt(tally.mean(s, "all", m)) for m in ("f", "p", "r", "with", "leak")]] for s in SYSTEMS
    ]  # fmt: skip
    verbatim = tally.mean("md", "all", "verbatim") or 0.0
    heading_kept = tally.mean("md", "all", "heading kept")
    target_rows = []
    for system, (f1_min, leak_max) in TARGETS.items():
        f1, leak = tally.mean(system, "all", "f") or 0.0, tally.mean(system, "all", "leak") or 0.0
        ok = f1 >= f1_min and leak <= leak_max
        label = f"{system}: F1 ≥ {f1_min:.2f}, leaked ≤ {leak_max:.2f}"
        if system.startswith("markdown"):
            ok = ok and verbatim >= STILL_MARKDOWN
            label += f", still Markdown (≥ {STILL_MARKDOWN:.0%} of pages its input's own lines)"
            measured = f"F1 {f1:.3f}, leaked {leak:.3f}, input's lines on {verbatim:.1%} of pages"
        else:
            measured = f"F1 {f1:.3f}, leaked {leak:.3f}"
        target_rows.append([label, measured, _met(ok)])
    fold_rows = []
    for s in SYSTEMS:
        for m, name in (("f", "F1"), ("leak", "leaked")):
            values = [tally.mean(s, f, m) for f in folds]
            known = [v for v in values if v is not None]
            fold_rows.append([s, name, _fmt(tally.mean(s, "all", m)), _fmt(mean(known) if known else None),
                              *[_fmt(v) for v in values]])  # fmt: skip
    type_rows = []
    for t in types:
        for m, name in (("f", "F1"), ("leak", "leaked")):
            type_rows.append([t, str(tally.count(SYSTEMS[0], t)), name, *[_fmt(tally.mean(s, t, m)) for s in SYSTEMS]])
    heads_in = sum(tally.data.get(("md", "all", "heads in"), []))
    heads_out = sum(tally.data.get(("md", "all", "heads out"), []))
    links_out = sum(tally.data.get(("md", "all", "links out"), []))
    links_in = sum(tally.data.get(("md", "all", "links in"), []))
    cpu_t = mean(tally.data[("cpu", "all", "text")]) * 1000
    cpu_m = mean(tally.data[("cpu", "all", "markdown")]) * 1000
    v = {name: metadata.version(name) for name in ("resiliparse", "html2text", "datatrove")}
    out = [
        "## Whole-page inputs (`bench/wholepage.py`)",
        "",
        f"Measured {machine()} with `{command}`",
        f"on {n} WCXB dev pages. Inputs: the whole page's plain text as in a WET record (Resiliparse",
        f"{v['resiliparse']} `extract_plain_text(html, main_content=False)`) and the whole page's Markdown",
        f"as crawlers write it (html2text {v['html2text']}, no wrapping). Text: `clean_text(text)` as",
        f"`cleaner clean` prints it (title, then body), beside datatrove {v['datatrove']}'s `C4QualityFilter`",
        "(defaults but `min_num_sentences=-1`, whose sentence splitter needs spaCy; a page it drops, for a curly",
        "bracket or *lorem ipsum*, yields no text) and its line filter alone (those two page drops off too).",
        'Markdown: `clean_text(md, format="markdown")` written as Markdown; input and output scored on their',
        "visible text (anchor text kept, link targets and image URLs dropped). WCXB word metric, P/R/F1",
        "averaged over pages; *with* = share of must-have snippets found, *leaked* = share of boilerplate",
        "snippets present.",
        "",
        table(["input: system", "F1", "P", "R", "with", "leaked"], rows),
        "",
        "Targets (issue 10):",
        "",
        table(["target", "measured", ""], target_rows),
        "",
        f"Still Markdown: on {verbatim:.1%} of pages every line of the cleaned Markdown is a line of the input,",
        "in order (so its headings, links, lists and tables are the input's own markup); of the pages whose",
        f"input has ATX headings and whose output is not empty, {_fmt(heading_kept)} keep at least one heading",
        f"({heads_out:.0f} heading lines and {links_out:.0f} inline links in the outputs, of {heads_in:.0f} and",
        f"{links_in:.0f} in the inputs). cpu per page: text {cpu_t:.0f} ms, Markdown {cpu_m:.0f} ms.",
        "",
        "By site fold (5 folds by registered domain, bench/_folds.py; nothing here is fitted per fold):",
        "",
        table(["input: system", "figure", "all pages", "mean of folds", *folds], fold_rows),
        "",
        "By page type:",
        "",
        table(["page type", "pages", "figure", *SYSTEMS], type_rows),
    ]
    return "\n".join(out)


def _keys(truth: dict[str, Any], subset: int | None, folds: set[int] | None) -> list[str]:
    keys = sorted(truth)
    if folds is not None:
        keys = [k for k in keys if fold_of(truth[k].get("url") or k) in folds]
    if subset and subset < len(keys):
        step = len(keys) / subset
        keys = [keys[int(i * step)] for i in range(subset)]
    return keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", type=int, metavar="N", help="only N pages (evenly spread over the ids)")
    parser.add_argument("--folds", help="only pages of these site folds, e.g. 0,1,2")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--fresh", action="store_true", help="remake the inputs instead of reading bench/.cache")
    parser.add_argument("--write", action="store_true", help="write the tables into BENCHMARKS.md")
    args = parser.parse_args()
    root = require(shared_dir() / "bench" / "wcxb", "the WCXB benchmark")
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    folds = {int(f) for f in args.folds.split(",")} if args.folds else None
    keys = _keys(truth, args.subset, folds)
    pages = inputs(root, truth, keys, args.jobs, args.fresh)
    results = run(pages, args.jobs)
    command = "python bench/wholepage.py" + (f" --subset {args.subset}" if args.subset else "")
    command += f" --folds {args.folds}" if args.folds else ""
    text = report(score(truth, pages, results), len(keys), command + (" --write" if args.write else ""))
    print(text)
    if args.write:
        if args.subset or folds is not None:
            print("not written: --write measures all pages (drop --subset and --folds)", file=sys.stderr)
            return
        write_section("wholepage", text)


if __name__ == "__main__":
    main()
