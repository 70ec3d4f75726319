"""Does the learned block scorer give the same numbers as at another commit? The features
(bitwise, float32), p(content) (within 1e-12), the contributions and the decisions (removals,
reasons, confidence) of the code at REV and of this checkout, on the same documents: every
ScrapingHub extractor output through `clean_text` (as text and as Markdown) and every n-th
WCXB and ScrapingHub page through the fast engine. For a change meant to be only faster.

    python bench/scorer_same.py [--rev HEAD] [--every 4]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import ROOT, require, shared_dir


def _module_at(rev: str, path: str, name: str, subs: tuple[tuple[str, str], ...] = ()) -> Any:
    """`path` as it was at `rev`, imported as ``cleaner.clean.<name>`` (its relative imports
    resolve against this checkout's package)."""
    shown = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True)
    source = shown.stdout
    for old, new in subs:
        source = source.replace(old, new)
    module = types.ModuleType(f"cleaner.clean.{name}")
    module.__package__ = "cleaner.clean"
    sys.modules[module.__name__] = module
    exec(compile(source, f"{rev}:{path}", "exec"), module.__dict__)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rev", default="HEAD", help="the commit to compare with")
    parser.add_argument("--every", type=int, default=4, help="take every n-th HTML page")
    args = parser.parse_args()
    import cleaner.clean.features as new_features
    import cleaner.clean.scorer as new_scorer
    from cleaner import clean_text, extract_html

    old_features = _module_at(args.rev, "cleaner/clean/features.py", "_old_features")
    old_scorer = _module_at(
        args.rev, "cleaner/clean/scorer.py", "_old_scorer", (("from .features import", "from ._old_features import"),)
    )
    new_decide = new_scorer.decide
    counts: dict[str, int] = {}

    def count(key: str, n: int = 1) -> None:
        counts[key] = counts.get(key, 0) + n

    def check(doc: Any, verdict: Any, model: Any = None) -> Any:
        old_model, new_model = old_scorer.shipped_model(doc.format), new_scorer.shipped_model(doc.format)
        old_x, new_x = old_features.block_features(doc, verdict), new_features.block_features(doc, verdict)
        count("documents")
        count("blocks", len(old_x))
        same = old_x.dtype == new_x.dtype == np.float32 and old_x.shape == new_x.shape
        count("features differ", not (same and np.array_equal(old_x, new_x)))
        if len(old_x):
            old_x, new_x = old_scorer._columns(old_x, old_model), new_scorer._columns(new_x, new_model)
            old_p, new_p = old_model.predict(old_x), new_model.predict(new_x)
            count("p(content) differs", not np.allclose(old_p, new_p, rtol=0, atol=1e-12))
            count("p(content) not bitwise equal", not np.array_equal(old_p, new_p))
            old_c, new_c = old_model.contributions(old_x), new_model.contributions(new_x)
            count("contributions differ", not np.allclose(old_c, new_c, rtol=0, atol=1e-12))
            count("contributions not bitwise equal", not np.array_equal(old_c, new_c))
        old_d, new_d = old_scorer.decide(doc, verdict), new_decide(doc, verdict)
        count("model removals", len(new_d.removals))
        removals = old_d.removals.keys() == new_d.removals.keys() and all(
            (a.rule, a.reason, a.text) == (b.rule, b.reason, b.text)
            for a, b in ((old_d.removals[k], new_d.removals[k]) for k in old_d.removals)
        )
        count("decisions differ", not (removals and old_d.confidence == new_d.confidence))
        return new_d

    new_scorer.decide = check  # clean_blocks imports it when it runs
    bench = require(shared_dir() / "bench", "the shared benchmark data")
    for path in sorted((bench / "scrapinghub" / "outputs").glob("*.json")):
        for item in json.loads(path.read_text("utf-8")).values():
            if (item or {}).get("articleBody"):
                clean_text(item["articleBody"], scorer="model")
                clean_text(item["articleBody"], scorer="model", format="markdown")
    print("text and Markdown:", counts)
    counts.clear()
    paths = sorted((bench / "wcxb" / "html").glob("*.html.gz")) + sorted((bench / "scrapinghub" / "html").glob("*.gz"))
    for path in paths[:: args.every]:
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            extract_html(f.read(), engine="fast", scorer="model")
    print("HTML, fast engine:", counts)


if __name__ == "__main__":
    main()
