"""How much `clean_text` improves other extractors' output, on both shared benchmarks.

ScrapingHub: every extractor's output in `scrapinghub/outputs/` is cleaned and scored against
the ground truth with the benchmark's shingle metric, before and after; its truth is the article
body alone, so the cleaned Article's `text` is scored. WCXB's truth is the page's main content
with its headings (the headline among them on many pages), so there the cleaner's whole output
is scored: what `cleaner clean` prints, the title and then the body. WCXB: trafilatura's
output of every page (computed once, cached in bench/.cache) is cleaned and scored with the
word metric and the snippet rates.

    python bench/clean_quality.py            # print the tables
    python bench/clean_quality.py --write    # and write them into BENCHMARKS.md
    python bench/clean_quality.py --worst html-text   # pages where cleaning hurts or misses most
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path
from statistics import mean

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _folds import fold_of
from _report import ROOT, machine, require, shared_dir, table, write_section
from _scoring import scrapinghub_score, shingle_prf, snippet_rates, word_prf

from cleaner import clean_text
from cleaner.writers import render

CACHE = ROOT / "bench" / ".cache"
TARGETS = {
    "trafilatura": "P +0.02, R −0.005 at most",
    "readability": "P +0.02, R −0.005 at most",
    "html-text": "F1 ≥ 0.90",
}


def scrapinghub(shared: Path) -> tuple[list[list[str]], dict[str, dict[str, tuple[str, str]]]]:
    root = require(shared / "bench" / "scrapinghub", "the ScrapingHub benchmark")
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    rows, pages = [], {}
    for path in sorted((root / "outputs").glob("*.json")):
        tool = path.stem
        outputs = json.loads(path.read_text("utf-8"))
        pairs_before, pairs_after, pages[tool] = [], [], {}
        for key, item in truth.items():
            raw = (outputs.get(key) or {}).get("articleBody") or ""
            cleaned = clean_text(raw).text
            pairs_before.append((item["articleBody"], raw))
            pairs_after.append((item["articleBody"], cleaned))
            pages[tool][key] = (raw, cleaned)
        b, a = scrapinghub_score(pairs_before), scrapinghub_score(pairs_after)
        target = TARGETS.get(tool, "")
        met = ""
        if tool in ("trafilatura", "readability"):
            ok = a.precision - b.precision >= 0.02 and b.recall - a.recall <= 0.005
            met = "met" if ok else "not met"
        elif tool == "html-text":
            met = "met" if a.f1 >= 0.90 else "not met"
        rows.append([
            tool, f"{b.f1:.3f}", f"{b.precision:.3f}", f"{b.recall:.3f}",
            f"{a.f1:.3f}", f"{a.precision:.3f}", f"{a.recall:.3f}",
            f"{a.precision - b.precision:+.3f}", f"{a.recall - b.recall:+.3f}",
            f"{target} — {met}" if target else "",
        ])  # fmt: skip
    return rows, pages


def trafilatura_outputs(root: Path, truth: dict) -> dict[str, str]:
    """trafilatura's default output for every WCXB page, computed once and cached."""
    import trafilatura

    cache = CACHE / f"wcxb-trafilatura-{trafilatura.__version__}.json"
    if cache.exists():
        return json.loads(cache.read_text("utf-8"))
    print("extracting WCXB pages with trafilatura (once; cached in bench/.cache)…", file=sys.stderr)
    out = {}
    for key in sorted(truth):
        with gzip.open(root / "html" / f"{key}.html.gz", "rt", encoding="utf-8", errors="replace") as f:
            html = f.read()
        try:
            out[key] = trafilatura.extract(html, url=truth[key]["url"]) or ""
        except Exception:  # a page trafilatura fails on counts as empty output
            out[key] = ""
    CACHE.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(out), "utf-8")
    return out


def wcxb(shared: Path) -> tuple[list[list[str]], list[list[str]]]:
    root = require(shared / "bench" / "wcxb", "the WCXB benchmark")
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    outputs = trafilatura_outputs(root, truth)
    stats: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for key, item in truth.items():
        raw = outputs.get(key, "")
        for label, text in (("before", raw), ("after", render(clean_text(raw), "text"))):
            p, r, f = word_prf(item["main_content"], text)
            found, leaked = snippet_rates(text, item.get("with") or [], item.get("without") or [])
            for group in ("all", item["page_type"], f"fold {fold_of(item.get('url') or key)}"):
                s = stats[group]
                s[f"{label}.p"].append(p)
                s[f"{label}.r"].append(r)
                s[f"{label}.f"].append(f)
                if found is not None:
                    s[f"{label}.with"].append(found)
                if leaked is not None:
                    s[f"{label}.leak"].append(leaked)
    s = stats["all"]
    fmt = lambda k: f"{mean(s[k]):.3f}"  # noqa: E731
    leak_cut = 1 - mean(s["after.leak"]) / mean(s["before.leak"])
    with_drop = mean(s["before.with"]) - mean(s["after.with"])
    summary = [[
        "trafilatura default → cleaned", f"{fmt('before.f')} → {fmt('after.f')}",
        f"{fmt('before.p')} → {fmt('after.p')}", f"{fmt('before.r')} → {fmt('after.r')}",
        f"{fmt('before.with')} → {fmt('after.with')}", f"{fmt('before.leak')} → {fmt('after.leak')}",
        f"leaks −{leak_cut:.0%} (target −25%: {'met' if leak_cut >= 0.25 else 'not met'}); "
        f"with −{with_drop * 100:.2f} pts (target ≤ 0.5: {'met' if with_drop <= 0.005 else 'not met'})",
    ]]  # fmt: skip
    per_type = []
    for group in sorted(k for k in stats if k != "all"):
        g = stats[group]
        per_type.append([
            group, str(len(g["before.f"])), f"{mean(g['before.f']):.3f} → {mean(g['after.f']):.3f}",
            f"{mean(g['before.with']):.3f} → {mean(g['after.with']):.3f}" if g["before.with"] else "",
            f"{mean(g['before.leak']):.3f} → {mean(g['after.leak']):.3f}" if g["before.leak"] else "",
        ])  # fmt: skip
    return summary, per_type


def scrapinghub_folds(shared: Path, pages: dict[str, dict[str, tuple[str, str]]]) -> list[list[str]]:
    """The targets' figures on each site fold: nothing in the cleaner is fitted per fold, so a
    fold's figure is what pages of sites in no other fold score."""
    truth = json.loads((shared / "bench" / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    folds = {key: fold_of(item.get("url") or key) for key, item in truth.items()}
    rows = []
    for tool in ("trafilatura", "readability", "html-text"):
        if tool not in pages:
            continue
        for fold in range(5):
            keys = [k for k in truth if folds[k] == fold]
            b = scrapinghub_score((truth[k]["articleBody"], pages[tool][k][0]) for k in keys)
            a = scrapinghub_score((truth[k]["articleBody"], pages[tool][k][1]) for k in keys)
            rows.append([
                tool, f"fold {fold}", str(len(keys)), f"{b.f1:.3f} → {a.f1:.3f}",
                f"{a.precision - b.precision:+.3f}", f"{a.recall - b.recall:+.3f}",
            ])  # fmt: skip
    return rows


def worst(pages: dict[str, tuple[str, str]], truth: dict, n: int) -> None:
    """Print the pages where cleaning lost most recall or kept most noise."""
    scored = []
    for key, (raw, cleaned) in pages.items():
        p0, r0 = shingle_prf(truth[key]["articleBody"], raw)
        p1, r1 = shingle_prf(truth[key]["articleBody"], cleaned)
        scored.append((min(r1 - r0, 0) * 2 + (p1 - 1) * 0.5, key, p0, r0, p1, r1))
    for _, key, p0, r0, p1, r1 in sorted(scored)[:n]:
        print(f"{key[:12]}  P {p0:.2f}→{p1:.2f}  R {r0:.2f}→{r1:.2f}  {truth[key]['url']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the tables into BENCHMARKS.md")
    parser.add_argument("--no-wcxb", action="store_true", help="skip the WCXB part")
    parser.add_argument("--worst", metavar="TOOL", help="list the pages of TOOL's output that score worst")
    parser.add_argument("-n", type=int, default=15, help="how many pages --worst lists")
    args = parser.parse_args()
    shared = shared_dir()
    rows, pages = scrapinghub(shared)
    if args.worst:
        truth = json.loads((shared / "bench" / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
        worst(pages[args.worst], truth, args.n)
        return
    header = ["tool", "F1 before", "P before", "R before", "F1 after", "P after", "R after", "ΔP", "ΔR", "target"]
    out = [
        "## Text cleaning quality (`bench/clean_quality.py`)",
        "",
        f"Measured {machine()} with `python bench/clean_quality.py --write`.",
        "",
        "ScrapingHub (123 news pages): each extractor's output before and after `clean_text`",
        "(the Article's body, `text`), token-shingle metric of the benchmark (precision and recall",
        "are means over pages).",
        "",
        table(header, rows),
        "",
        "The same on each site fold (5 folds by registered domain, bench/_folds.py):",
        "",
        table(["tool", "fold", "pages", "F1", "ΔP", "ΔR"], scrapinghub_folds(shared, pages)),
    ]
    if not args.no_wcxb:
        summary, per_type = wcxb(shared)
        out += [
            "",
            "WCXB dev (1,497 pages): trafilatura 2.3.1's default output before and after cleaning (what",
            "`cleaner clean` prints: title, then body), word-level metric averaged over pages; *with* =",
            "share of must-have snippets found, *leak* = share of boilerplate snippets present (lower is better).",
            "",
            table(["input", "F1", "P", "R", "with", "leak", "targets"], summary),
            "",
            table(["page type, or site fold", "pages", "F1", "with", "leak"], per_type),
        ]
    report = "\n".join(out)
    print(report)
    if args.write:
        write_section("clean_quality", report)


if __name__ == "__main__":
    main()
