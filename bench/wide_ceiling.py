"""The oracle ceiling of the fast engine's candidate sets: how good the article text would be
if exactly the candidate blocks labelled content (`train.label`) were kept. A learned block
scorer that decides on a set can never beat its ceiling, so the set it is given bounds what it
can gain.

Sets: ``container`` (today: the pre-pass's container after `drop_link_groups`),
``container+links`` (the container, link groups kept), ``body`` (the whole pruned body, no
container choice), ``body+boilerplate`` (the body without the pre-pass's class/id boilerplate
drop either), and ``body~container`` (the body's blocks flagged as in the container and not in
a link group: checks that the flags reproduce today's set).

    python bench/wide_ceiling.py [--subset N] [--workers 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from statistics import mean
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _folds import page_folds
from _report import require, shared_dir, table
from _scoring import scrapinghub_score, word_prf

SETS = ("container", "body~container", "container+links", "body", "body+boilerplate")


def _one(args: tuple[str, str, str, str, str, str]) -> tuple[str, str, str, dict[str, str]] | None:
    from train import _tokens, label

    from cleaner.document import plain_text
    from cleaner.extract import prepass as prepass_mod
    from cleaner.extract._blocks import WHERE_CONTAINER, WHERE_LINK_GROUP, node_blocks
    from cleaner.extract.fast import fast_blocks, wide_blocks
    from cleaner.extract.html import _add_stated, _join_wrapped

    set_name, key, path, url, truth, page_type = args
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        html = f.read()
    tokens = _tokens(truth)
    shingles = {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}
    joined = f" {' '.join(tokens)} "

    def oracle(blocks: list[Any], pre: Any) -> str:
        blocks = _join_wrapped(_add_stated(blocks, pre))
        kept = [b for b in blocks if label(plain_text([b]), tokens, shingles, joined)]
        return plain_text(kept)

    out: dict[str, str] = {}
    try:
        pre = prepass_mod.run_prepass(html, url)
        body = pre.tree.body
        if body is None:
            return None
        wide = wide_blocks(body, pre.container, pre.profile)
        out["body"] = oracle(wide, pre)
        inside = [b for b in wide if b.where & WHERE_CONTAINER and not b.where & WHERE_LINK_GROUP]
        out["body~container"] = oracle(inside, pre)
        if pre.container is not None:
            out["container+links"] = oracle(node_blocks(pre.container), pre)
            out["container"] = oracle(fast_blocks(pre.container, pre.profile), pre)
        else:
            out["container+links"] = out["container"] = ""
        original = prepass_mod._drop_boilerplate
        prepass_mod._drop_boilerplate = lambda *a, **k: None  # type: ignore[assignment]
        try:
            pre2 = prepass_mod.run_prepass(html, url)
        finally:
            prepass_mod._drop_boilerplate = original  # type: ignore[assignment]
        body2 = pre2.tree.body
        out["body+boilerplate"] = oracle(node_blocks(body2), pre2) if body2 is not None else ""
    except Exception as exc:
        print(f"{set_name} {key}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return None
    return set_name, key, page_type, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subset", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    bench = require(shared_dir() / "bench", "the shared benchmark data")
    jobs, truths = [], {}
    for set_name, field in (("scrapinghub", "articleBody"), ("wcxb", "main_content")):
        truth = json.loads((bench / set_name / "ground-truth.json").read_text("utf-8"))
        ids = sorted(truth)[: args.subset] if args.subset else sorted(truth)
        page_folds(bench, set_name, ids)  # the same pages train.py reads
        for key in ids:
            entry = truth[key]
            truths[(set_name, key)] = entry.get(field) or ""
            jobs.append((set_name, key, str(bench / set_name / "html" / f"{key}.html.gz"), entry.get("url") or "",
                         truths[(set_name, key)], entry.get("page_type") or "news"))  # fmt: skip
    with ProcessPoolExecutor(args.workers) as pool:
        results = [r for r in pool.map(_one, jobs, chunksize=8) if r is not None]
    rows = []
    for name in SETS:
        sh = [(truths[(s, k)], out[name]) for s, k, _, out in results if s == "scrapinghub"]
        by_type: dict[str, list[float]] = defaultdict(list)
        for s, k, t, out in results:
            if s == "wcxb":
                f1 = word_prf(truths[(s, k)], out[name])[2]
                by_type["WCXB"].append(f1)
                by_type[t].append(f1)
        cells = [name, f"{scrapinghub_score(sh).f1:.3f}" if sh else "-", f"{mean(by_type['WCXB']):.3f}"]
        types = sorted(k for k in by_type if k != "WCXB")
        cells += [f"{mean(by_type[t]):.3f}" for t in types]
        rows.append(cells)
    counts = {t: sum(1 for s, _, pt, _ in results if s == "wcxb" and pt == t) for t in types}
    header = ["set", "ScrapingHub", "WCXB", *(f"{t} ({counts[t]})" for t in types)]
    print(f"oracle ceilings, {len(results)} pages\n\n{table(header, rows)}")


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
