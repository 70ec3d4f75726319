"""Train the learned block scorer on the development pages and print its cross-validated figures.

Every judged block the `fast` engine hands the cleaner on the ScrapingHub and WCXB dev pages
becomes one row of `cleaner.clean.features.FEATURES`; its label is whether it is content (most
of its words are in the page's truth text, see `label`). A gradient-boosted tree model
(scikit-learn's HistGradientBoostingClassifier, the ``train`` extra) learns content from the rows.

Every figure is cross-validated by site: 5 folds by registered domain (`_folds.py`); fold k's
blocks are decided by a model trained on the other four, with the keep threshold chosen on
those four by an inner cross-validation (so fold k never picks its own threshold). The article
text of each decision is scored with the benchmarks' own metrics (`_scoring.py`) against the
current cleaner's text on the same pages:

- ``current``: what `clean_blocks` keeps today (the rules and the region finder);
- ``model``: kept when p(content) >= threshold, whatever the rules say;
- ``model+rules``: the rules' removals always apply, the model decides the rest.

    python bench/train.py                     # cross-validated figures (features cached)
    python bench/train.py --fresh             # re-extract the pages first
    python bench/train.py --subset 200        # a quick run on 200 WCXB pages + ScrapingHub
    python bench/train.py --out               # also rebuild the shipped model (cleaner/data/block_scorer.npz)
    python bench/train.py --write             # and put the figures into BENCHMARKS.md
    python bench/train.py --candidates wide   # the whole page's blocks (what the engine reads
                                              # with the model on), today's text beside
    python bench/train.py --candidates wide --check 300  # run-time text = simulated text?
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import re
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Any

import numpy as np

from cleaner.clean.features import FEATURES

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _folds import page_folds
from _report import ROOT, machine, require, shared_dir, table, write_section
from _scoring import scrapinghub_score, word_prf

CACHE = ROOT / "bench" / ".cache"
SHIPPED = ROOT / "cleaner" / "data" / "block_scorer.npz"
#: The text model: lines and blocks of text and Markdown inputs (``--input text``).
SHIPPED_TEXT = ROOT / "cleaner" / "data" / "text_scorer.npz"
SEED = 0
K = 5
MODES = ("current", "model", "model+rules")
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.025), 3)
_WORD = re.compile(r"\w+")


@dataclass
class Page:
    """One page's judged blocks as the model and the scorer see them."""

    set: str
    id: str
    fold: int
    page_type: str
    truth: str
    X: np.ndarray  # (blocks, features)
    y: np.ndarray  # content or not
    words: np.ndarray  # \w+ tokens per block
    ruled: np.ndarray  # removed by a rule (or the region finder's positions) today
    title: np.ndarray  # the block the cleaner took for the title (never body text)
    texts: list[str]  # each block's plain-text rendering
    lead: str  # a heading the extractor puts first after cleaning (products, listings), or ""
    truth_words: int
    #: With ``--candidates wide``: today's engine's text (the blocks judged are not today's).
    baseline: str | None = None
    confidence: float | None = None  # `Article.confidence` of today's cleaner (HTML pages)


# --- labels ----------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def label(block_text: str, truth_tokens: list[str], truth_shingles: set[tuple[str, ...]], truth_joined: str) -> bool:
    """Whether a block is content: most of its 4-word shingles are the truth's (blocks of four
    words and more), or its words stand together in the truth (shorter ones: a subheading, a
    short list item). Word-bag overlap would call every short menu item content."""
    tokens = _tokens(block_text)
    if not tokens:
        return False
    if len(tokens) >= 4:
        shingles = [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]
        return sum(s in truth_shingles for s in shingles) * 2 > len(shingles)
    return f" {' '.join(tokens)} " in truth_joined


# --- collecting the blocks -------------------------------------------------------------------


def _collect_one(args: tuple[str, str, str, str, str, str, int, str, str]) -> Page | None:
    """Run the fast engine on one page, catching the document it cleans and what the rules
    made of it, and turn it into a `Page`. With the ``wide`` candidates, the engine reads the
    whole page as it does when the model scorer is on, and today's text is kept beside."""
    from cleaner import settings
    from cleaner.clean import engine as clean_engine
    from cleaner.clean.features import block_features
    from cleaner.extract import html as html_mod
    from cleaner.rules.ruleset import resolve

    set_name, key, path, url, truth, page_type, fold, engine, candidates = args
    caught: list[Any] = []
    baseline = None

    headline: list[str] = []
    article_of = html_mod._article

    def recording(blocks: Any, pre: Any, rules: Any, scorer: str | None = None) -> Any:
        headline.append(pre.metadata.h1 or "" if pre.profile.keep_title else "")
        return article_of(blocks, pre, rules, scorer)

    def catching(doc: Any, *, rules: Any = None, title: str | None = None, scorer: str | None = None) -> Any:
        ruleset = resolve(rules)
        verdict = clean_engine.judge(doc, ruleset, title)
        caught.append((doc, verdict, block_features(doc, verdict), list(doc.blocks)))
        return clean_engine.clean_blocks(doc, rules=ruleset, title=title, scorer="rules")

    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        html = f.read()
    original, setting = html_mod.clean_blocks, settings.BLOCK_SCORER
    try:
        if candidates == "wide":
            settings.BLOCK_SCORER = "rules"
            baseline = html_mod.extract_html(html, url, engine=engine).text
            settings.BLOCK_SCORER = "model"  # the engine reads the whole page; `catching` judges by rules
        html_mod.clean_blocks = catching  # type: ignore[assignment]
        html_mod._article = recording  # type: ignore[assignment]
        article = html_mod.extract_html(html, url, engine=engine)
    except Exception as exc:  # a page the engine refuses: no blocks to learn from
        print(f"{set_name} {key}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return None
    finally:
        html_mod.clean_blocks = original  # type: ignore[assignment]
        html_mod._article = article_of  # type: ignore[assignment]
        settings.BLOCK_SCORER = setting
    if not caught:  # an empty page: nothing judged
        return judged_page(set_name, key, fold, page_type, truth, None, None, [], article, "", baseline)
    _doc, verdict, X, blocks = caught[-1]  # the engine's last cut is the one it returns
    # The headline the extractor puts first when the text does not start with it (products,
    # listings): whether it does depends on the decision, so it is kept for every page it may.
    lead = headline[-1] if headline else ""
    return judged_page(set_name, key, fold, page_type, truth, X, verdict, blocks, article, lead, baseline)


def judged_page(set_name: str, key: str, fold: int, page_type: str, truth: str, X: Any, verdict: Any,
                blocks: list[Any], article: Any, lead: str, baseline: str | None = None) -> Page:  # fmt: skip
    """A `Page` of what the rules made of a document (`verdict`, None: nothing judged), labelled
    against `truth`, with what the cleaner returned (`article`) as today's decision."""
    from cleaner.document import plain_text

    truth_tokens = _tokens(truth)
    if verdict is None or not verdict.judged:
        return Page(set_name, key, fold, page_type, truth, np.zeros((0, 1), np.float32), np.zeros(0, bool),
                    np.zeros(0), np.zeros(0, bool), np.zeros(0, bool), [], "", len(truth_tokens),
                    baseline)  # fmt: skip
    shingles = {tuple(truth_tokens[i : i + 4]) for i in range(len(truth_tokens) - 3)}
    joined = f" {' '.join(truth_tokens)} "
    texts = [plain_text([blocks[i]]) for i in verdict.judged]
    # What the cleaner removed: its rules, and the structure rules that follow them (a heading
    # whose section went), so that ``current`` is exactly the text the engine returned.
    kept_now = {id(b) for b in article.blocks}
    ruled = np.array([id(blocks[i]) not in kept_now for i in verdict.judged], dtype=bool)
    title = np.zeros(len(texts), dtype=bool)
    if verdict.title_index is not None:
        title[verdict.title_index] = True
    page = Page(
        set_name, key, fold, page_type, truth, X,
        np.array([label(t, truth_tokens, shingles, joined) for t in texts], dtype=bool),
        np.array([len(_tokens(t)) for t in texts], dtype=np.float64),
        ruled, title, texts, lead, len(truth_tokens), baseline, article.confidence,
    )  # fmt: skip
    # The reconstruction must be the article the engine returned, or the comparison is unfair.
    if word_prf(article.text, page_text(page, ~page.ruled)) != (1.0, 1.0, 1.0) and article.text.strip():
        page.page_type += "!mismatch"
    return page


def page_text(page: Page, keep: np.ndarray) -> str:
    """The article text of a decision: the kept judged blocks (never the title), as the cleaner
    would write them (separators do not matter to either metric), after the page's headline
    when the extractor puts it first (`html._lead_with`: when the text does not start with it)."""
    kept = zip(page.texts, keep, page.title, strict=True)
    body = "\n\n".join(t for t, k, is_title in kept if k and not is_title and t)
    return f"{page.lead}\n\n{body}" if page.lead and not body.startswith(page.lead) else body


def settled(page: Page, keep: np.ndarray) -> np.ndarray:
    """`keep` less the headings the cleaner then takes back (`structure._empty_headings`): a
    kept heading whose section lost blocks and kept none, innermost first, never the title."""
    keep = keep.copy()
    if not len(keep):
        return keep
    heading = page.X[:, FEATURES.index("kind_heading")] > 0
    level = np.maximum(page.X[:, FEATURES.index("level")], 1)
    for i in reversed(np.flatnonzero(heading & keep).tolist()):
        if page.title[i]:
            continue
        removed = kept = False
        for j in range(i + 1, len(keep)):
            if heading[j] and level[j] <= level[i]:
                break
            if keep[j]:
                kept = True
                break
            removed = True
        if removed and not kept:
            keep[i] = False
    return keep


def decided_text(mode: str, page: Page, prob: np.ndarray | None, threshold: float) -> str:
    """The article text the cleaner returns for a decision of `mode`."""
    if mode == "current":
        return current_text(page)
    return page_text(page, settled(page, keep_of(mode, page, prob, threshold)))


def current_text(page: Page) -> str:
    """Today's engine's article text of the page."""
    return page.baseline if page.baseline is not None else page_text(page, ~page.ruled)


def collect(
    bench: Path, engine: str, subset: int | None, fresh: bool, workers: int, candidates: str = "container"
) -> list[Page]:
    wide = "-wide" if candidates == "wide" else ""
    cache = CACHE / f"scorer-{engine}{wide}-{subset or 'all'}.pkl"
    if cache.exists() and not fresh:
        with cache.open("rb") as f:
            pages: list[Page] = pickle.load(f)
        return pages
    jobs = []
    for set_name, field in (("scrapinghub", "articleBody"), ("wcxb", "main_content")):
        truth = json.loads((bench / set_name / "ground-truth.json").read_text("utf-8"))
        ids = sorted(truth)
        if subset and set_name == "wcxb":
            ids = ids[:subset]
        folds = page_folds(bench, set_name, ids)
        for key in ids:
            entry = truth[key]
            path = str(bench / set_name / "html" / f"{key}.html.gz")
            jobs.append((set_name, key, path, entry.get("url") or "", entry.get(field) or "",
                         entry.get("page_type") or "news", folds[key], engine, candidates))  # fmt: skip
    return _collected(cache, _collect_one, jobs, workers, 8)


def _collected(cache: Path, one: Any, jobs: list[Any], workers: int, chunksize: int) -> list[Page]:
    """`one` over `jobs` in `workers` processes, the pages kept in `cache` for the next run."""
    started = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        pages = [p for p in pool.map(one, jobs, chunksize=chunksize) if p is not None]
    print(f"collected {len(pages)} pages in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    CACHE.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as f:
        pickle.dump(pages, f)
    return pages


# --- text inputs --------------------------------------------------------------------------


#: Text inputs the text model learns from: every extractor output of the ScrapingHub pages (a
#: page of its own per tool), trafilatura's output of every WCXB page, and the whole visible
#: text of every WCXB page (as a WET record holds it, resiliparse without main-content
#: detection). The set name says which metric scores it.
TEXT_SETS = ("scrapinghub", "wcxb-trafilatura", "wcxb-page")


def _whole_page_text(path: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
        return str(extract_plain_text(f.read(), main_content=False))


def _collect_text_one(args: tuple[str, str, str, str, str, str, int]) -> Page | None:
    """Clean one text input the way `clean_text` does, catching what the rules made of it."""
    from cleaner.clean import engine as clean_engine
    from cleaner.clean.features import block_features
    from cleaner.readers import read_document
    from cleaner.rules.ruleset import resolve

    set_name, key, raw, path, truth, page_type, fold = args
    if path:
        raw = _whole_page_text(path)
    doc = read_document(raw, None)
    ruleset = resolve(None)
    title = doc.metadata.get("title")
    verdict = clean_engine.judge(doc, ruleset, title)
    X = block_features(doc, verdict)
    blocks = list(doc.blocks)
    article = clean_engine.clean_blocks(doc, rules=ruleset, title=title, scorer="rules")
    return judged_page(set_name, key, fold, page_type, truth, X, verdict, blocks, article, "")


def collect_text(bench: Path, subset: int | None, fresh: bool, workers: int) -> list[Page]:
    cache = CACHE / f"scorer-text-{subset or 'all'}.pkl"
    if cache.exists() and not fresh:
        with cache.open("rb") as f:
            pages: list[Page] = pickle.load(f)
        return pages
    jobs: list[tuple[str, str, str, str, str, str, int]] = []
    sh_truth = json.loads((bench / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    sh_folds = page_folds(bench, "scrapinghub", sorted(sh_truth))
    for out in sorted((bench / "scrapinghub" / "outputs").glob("*.json")):
        outputs = json.loads(out.read_text("utf-8"))
        for key in sorted(sh_truth):
            raw = (outputs.get(key) or {}).get("articleBody") or ""
            jobs.append(("scrapinghub", f"{out.stem}/{key}", raw, "", sh_truth[key].get("articleBody") or "",
                         out.stem, sh_folds[key]))  # fmt: skip
    truth = json.loads((bench / "wcxb" / "ground-truth.json").read_text("utf-8"))
    ids = sorted(truth)[:subset] if subset else sorted(truth)
    folds = page_folds(bench, "wcxb", ids)
    traf_cache = sorted(CACHE.glob("wcxb-trafilatura-*.json"))
    traf = json.loads(traf_cache[-1].read_text("utf-8")) if traf_cache else {}
    if not traf:
        print("no cached trafilatura outputs of WCXB (run bench/clean_quality.py once): skipping that set",
              file=sys.stderr)  # fmt: skip
    for key in ids:
        entry = truth[key]
        main, kind = entry.get("main_content") or "", entry.get("page_type") or ""
        if traf:
            jobs.append(("wcxb-trafilatura", key, traf.get(key) or "", "", main, kind, folds[key]))
        path = str(bench / "wcxb" / "html" / f"{key}.html.gz")
        jobs.append(("wcxb-page", key, "", path, main, kind, folds[key]))
    return _collected(cache, _collect_text_one, jobs, workers, 16)


# --- training and deciding -------------------------------------------------------------------


#: The model's settings. ``strong`` (the shipped model): few small trees on many blocks per
#: leaf, little room to learn one site's markup; ``wide``: more and larger trees, which gain as
#: much cross-validated but fit the development pages far better than pages of other sites
#: (all-pages F1 0.02 over its cross-validated twin: fitting).
VARIANTS: dict[str, dict[str, Any]] = {
    "wide": {"max_iter": 150, "learning_rate": 0.1, "max_leaf_nodes": 15, "min_samples_leaf": 40,
                "l2_regularization": 1.0},
    "strong": {"max_iter": 80, "learning_rate": 0.1, "max_leaf_nodes": 7, "min_samples_leaf": 300,
               "l2_regularization": 5.0},
}  # fmt: skip
PARAMS: dict[str, Any] = VARIANTS["strong"]


def fit(pages: list[Page]) -> Any:
    """A gradient-boosted tree model on the pages' blocks, each page weighing the same (the
    metrics average over pages) and each block by its words within its page."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    X = np.vstack([p.X for p in pages if len(p.y)])
    y = np.concatenate([p.y for p in pages if len(p.y)])
    w = np.concatenate([(p.words + 1) / (p.words.sum() + len(p.words)) for p in pages if len(p.y)])
    model = HistGradientBoostingClassifier(**PARAMS, early_stopping=False, random_state=SEED)
    model.fit(X, y, sample_weight=w * len(pages))
    return model


def predict(model: Any, pages: list[Page]) -> list[np.ndarray]:
    if not pages:
        return []
    X = np.vstack([p.X for p in pages if len(p.y)])
    probs = model.predict_proba(X)[:, 1] if len(X) else np.zeros(0)
    out, at = [], 0
    for p in pages:
        out.append(probs[at : at + len(p.y)])
        at += len(p.y)
    return out


def keep_of(mode: str, page: Page, prob: np.ndarray | None, threshold: float) -> np.ndarray:
    if mode == "current" or prob is None:
        return ~page.ruled
    chosen = prob >= threshold
    return chosen & ~page.ruled if mode == "model+rules" else chosen


def proxy_f1(pages: list[Page], probs: list[np.ndarray], mode: str) -> np.ndarray:
    """Mean page F1 per threshold, from the block labels (words of kept content blocks over
    the kept words and over the truth's words): cheap enough to sweep thresholds with."""
    scores = np.zeros(len(THRESHOLDS))
    for page, prob in zip(pages, probs, strict=True):
        body = ~page.title
        for t, threshold in enumerate(THRESHOLDS):
            keep = keep_of(mode, page, prob, float(threshold)) & body
            kept = page.words[keep].sum()
            tp = page.words[keep & page.y].sum()
            p = tp / kept if kept else 0.0
            r = tp / page.truth_words if page.truth_words else 0.0
            scores[t] += 2 * p * r / (p + r) if p + r else 0.0
    return scores / max(len(pages), 1)


def choose_thresholds(pages: list[Page]) -> dict[str, float]:
    """Per mode, the threshold that does best on `pages` when each of their folds is decided
    by a model trained on their other folds."""
    folds = sorted({p.fold for p in pages})
    probs: dict[int, np.ndarray] = {}
    for fold in folds:
        model = fit([p for p in pages if p.fold != fold])
        held = [i for i, p in enumerate(pages) if p.fold == fold]
        for i, prob in zip(held, predict(model, [pages[i] for i in held]), strict=True):
            probs[i] = prob
    ordered = [probs[i] for i in range(len(pages))]
    return {mode: float(THRESHOLDS[int(np.argmax(proxy_f1(pages, ordered, mode)))]) for mode in MODES[1:]}


# --- scoring ---------------------------------------------------------------------------------


def _shingle_set(name: str) -> bool:
    return name.startswith("scrapinghub")


#: How a set's rows are named in the tables.
_SET_NAMES = {"scrapinghub": "ScrapingHub", "wcxb": "WCXB", "wcxb-trafilatura": "WCXB, trafilatura's output",
              "wcxb-page": "WCXB, whole-page text"}  # fmt: skip


def score(pages: list[Page], texts: dict[str, list[str]]) -> dict[str, dict[str, tuple[float, float, float, int]]]:
    """Per mode and set: (P, R, F1, pages) on the set's own metric (ScrapingHub's shingles,
    WCXB's words), overall and per page type (per tool for extractor outputs)."""
    sets = list(dict.fromkeys(p.set for p in pages))
    out: dict[str, dict[str, tuple[float, float, float, int]]] = {}
    for mode, preds in texts.items():
        rows: dict[str, tuple[float, float, float, int]] = {}
        for set_name in sets:
            groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for p, t in zip(pages, preds, strict=True):
                if p.set == set_name:
                    groups[""].append((p.truth, t))
                    groups[p.page_type].append((p.truth, t))
            name = _SET_NAMES.get(set_name, set_name)
            kinds = sorted(k for k in groups if k)
            for kind in ["", *(kinds if len(kinds) > 1 else [])]:
                pairs = groups[kind]
                if _shingle_set(set_name):
                    s = scrapinghub_score(pairs)
                    prf = (s.precision, s.recall, s.f1)
                else:
                    values = [word_prf(truth, pred) for truth, pred in pairs]
                    prf = (mean(v[0] for v in values), mean(v[1] for v in values), mean(v[2] for v in values))
                rows[f"{name}" if not kind else f"{name}  {kind}"] = (*prf, len(pairs))
        out[mode] = rows
    return out


def paired(pages: list[Page], base: list[str], other: list[str], set_name: str) -> tuple[float, float, float]:
    """`other` minus `base` on one set's metric, with a 95% bootstrap interval over its pages
    (seeded): whether a difference is more than which pages happen to be in the set."""
    idx = [i for i, p in enumerate(pages) if p.set == set_name]
    rng = np.random.default_rng(SEED)
    draws = rng.integers(0, len(idx), size=(1000, len(idx)))
    if _shingle_set(set_name):
        from _scoring import shingle_prf

        a = np.array([shingle_prf(pages[i].truth, base[i]) for i in idx])
        b = np.array([shingle_prf(pages[i].truth, other[i]) for i in idx])

        def f1(prs: np.ndarray) -> np.ndarray:
            p, r = prs[..., 0].mean(axis=-1), prs[..., 1].mean(axis=-1)
            return np.asarray(2 * p * r / np.maximum(p + r, 1e-12))

        delta = float(f1(b) - f1(a))
        boot = f1(b[draws]) - f1(a[draws])
    else:
        fa = np.array([word_prf(pages[i].truth, base[i])[2] for i in idx])
        fb = np.array([word_prf(pages[i].truth, other[i])[2] for i in idx])
        delta = float(fb.mean() - fa.mean())
        boot = (fb - fa)[draws].mean(axis=1)
    lo, hi = np.percentile(boot, [2.5, 97.5])
    return delta, float(lo), float(hi)


def _report(title: str, scores: dict[str, dict[str, tuple[float, float, float, int]]]) -> str:
    names = list(scores["current"])
    header = ["set", "pages", *(f"{m} F1 (P/R)" for m in MODES), "Δ model+rules"]
    rows = []
    for name in names:
        cells = [("· " + name.split("  ", 1)[1]) if "  " in name else name, str(scores["current"][name][3])]
        for mode in MODES:
            p, r, f1, _ = scores[mode][name]
            cells.append(f"{f1:.3f} ({p:.3f}/{r:.3f})")
        cells.append(f"{scores['model+rules'][name][2] - scores['current'][name][2]:+.3f}")
        rows.append(cells)
    return f"{title}\n\n{table(header, rows)}\n"


def cross_validate(
    pages: list[Page],
) -> tuple[dict[str, list[str]], dict[str, list[float]], list[np.ndarray], dict[str, list[float]]]:
    """Every page decided by a model trained without its fold; also each page's held-out
    probabilities and the thresholds its fold used."""
    texts: dict[str, list[str]] = {m: [""] * len(pages) for m in MODES}
    held_probs: list[np.ndarray] = [np.zeros(0)] * len(pages)
    used: dict[str, list[float]] = {m: [0.0] * len(pages) for m in MODES[1:]}
    thresholds: dict[str, list[float]] = defaultdict(list)
    for fold in range(K):
        started = time.perf_counter()
        train = [p for p in pages if p.fold != fold]
        held = [i for i, p in enumerate(pages) if p.fold == fold]
        chosen = choose_thresholds(train)
        model = fit(train)
        probs = predict(model, [pages[i] for i in held])
        for i, prob in zip(held, probs, strict=True):
            held_probs[i] = prob
            for mode in MODES[1:]:
                used[mode][i] = chosen[mode]
            texts["current"][i] = current_text(pages[i])
            for mode in MODES[1:]:
                texts[mode][i] = decided_text(mode, pages[i], prob, chosen[mode])
        for mode, t in chosen.items():
            thresholds[mode].append(t)
        print(f"fold {fold}: {len(held)} pages, thresholds {chosen}, {time.perf_counter() - started:.0f} s",
              file=sys.stderr)  # fmt: skip
    return texts, dict(thresholds), held_probs, used


def _spearman(a: np.ndarray, b: np.ndarray) -> float:
    def ranks(x: np.ndarray) -> np.ndarray:
        order = np.argsort(x, kind="stable")
        r = np.empty(len(x))
        r[order] = np.arange(len(x))
        for value in np.unique(x):  # ties share their mean rank
            same = x == value
            r[same] = r[same].mean()
        return r

    ra, rb = ranks(a), ranks(b)
    return float(np.corrcoef(ra, rb)[0, 1]) if len(a) > 2 and ra.std() and rb.std() else 0.0


def model_confidence(page: Page, prob: np.ndarray, keep: np.ndarray) -> float:
    """The run-time scorer's confidence (`cleaner.clean.scorer.confidence_of`) of a decision."""
    from cleaner.clean.scorer import confidence_of

    return confidence_of(prob, keep & ~page.title, page.words)


def confidence_report(pages: list[Page], texts: dict[str, list[str]], probs: list[np.ndarray],
                      used: dict[str, list[float]]) -> str:  # fmt: skip
    """Spearman correlation with per-page F1 of today's `Article.confidence` and of the
    model's (held-out probabilities), on each fold of the WCXB pages and on all of them."""
    rows = []
    for set_name in dict.fromkeys(p.set for p in pages):
        idx = [i for i, p in enumerate(pages) if p.set == set_name and p.confidence is not None]
        if not idx or _shingle_set(set_name):
            continue
        mode = "model+rules"
        f_now = np.array([word_prf(pages[i].truth, texts["current"][i])[2] for i in idx])
        f_model = np.array([word_prf(pages[i].truth, texts[mode][i])[2] for i in idx])
        now = np.array([pages[i].confidence or 0.0 for i in idx])
        keeps = {i: settled(pages[i], keep_of(mode, pages[i], probs[i], used[mode][i])) for i in idx}
        learned = np.array([model_confidence(pages[i], probs[i], keeps[i]) for i in idx])
        folds = np.array([pages[i].fold for i in idx])
        cells_now = [_spearman(now[folds == k], f_now[folds == k]) for k in range(K)]
        cells_model = [_spearman(learned[folds == k], f_model[folds == k]) for k in range(K)]
        name = _SET_NAMES.get(set_name, set_name)
        rows.append([name, "today's", f"{_spearman(now, f_now):.3f}", f"{np.mean(cells_now):.3f}",
                     *(f"{c:.3f}" for c in cells_now)])  # fmt: skip
        rows.append([name, "model's", f"{_spearman(learned, f_model):.3f}", f"{np.mean(cells_model):.3f}",
                     *(f"{c:.3f}" for c in cells_model)])  # fmt: skip
    if not rows:
        return ""
    header = ["set", "confidence", "Spearman ρ, all pages", "mean of folds", *(f"fold {k}" for k in range(K))]
    return ("Confidence: Spearman correlation with per-page F1 (the model's from held-out probabilities, "
            "against the F1 of model+rules; today's against today's F1)\n\n" + table(header, rows) + "\n")  # fmt: skip


def in_sample(pages: list[Page]) -> tuple[dict[str, list[str]], Any, dict[str, float]]:
    """The all-pages figures: one model on every page, threshold chosen on every page."""
    model = fit(pages)
    probs = predict(model, pages)
    chosen = {m: float(THRESHOLDS[int(np.argmax(proxy_f1(pages, probs, m)))]) for m in MODES[1:]}
    texts = {m: [decided_text(m, p, prob, chosen.get(m, 0.0)) for p, prob in zip(pages, probs, strict=True)]
             for m in MODES}  # fmt: skip
    return texts, model, chosen


def check(bench: Path, pages: list[Page], count: int, model_path: Path) -> list[str]:
    """Whether the cleaner at run time (``BLOCK_SCORER = "model"``, the model at `model_path`)
    returns the text the simulation above gives for ``model+rules`` with that model, on every
    ``len(pages) // count``-th page: the cross-validated figures are only the engine's if so.
    Returns the ids of the pages where they differ."""
    from cleaner import extract_html, settings
    from cleaner.clean import scorer

    model = scorer.load_model(model_path)
    sources = {}
    for set_name in ("scrapinghub", "wcxb"):
        truth = json.loads((bench / set_name / "ground-truth.json").read_text("utf-8"))
        sources.update({(set_name, k): (bench / set_name / "html" / f"{k}.html.gz", v.get("url") or "")
                        for k, v in truth.items()})  # fmt: skip
    original, setting = scorer.shipped_model, settings.BLOCK_SCORER
    scorer.shipped_model = lambda *_: model  # type: ignore[assignment]
    settings.BLOCK_SCORER = "model"
    differ = []
    try:
        for page in pages[:: max(1, len(pages) // count)]:
            path, url = sources[(page.set, page.id)]
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
                html = f.read()
            live = extract_html(html, url, engine="fast").text
            columns = [FEATURES.index(f) for f in model.features] if len(page.y) else []
            prob = model.predict(page.X[:, columns]) if len(page.y) else np.zeros(0)
            simulated = decided_text("model+rules", page, prob, model.threshold)
            if word_prf(live, simulated) != (1.0, 1.0, 1.0) and (live.strip() or simulated.strip()):
                differ.append(page.id)
    finally:
        scorer.shipped_model = original  # type: ignore[assignment]
        settings.BLOCK_SCORER = setting
    return differ


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", default="html", choices=("html", "text"),
                        help="learn from HTML pages' blocks (the engines) or from text inputs' blocks")  # fmt: skip
    parser.add_argument("--engine", default="fast", choices=("fast", "best"))
    parser.add_argument("--subset", type=int, default=None, help="only the first N WCXB pages")
    parser.add_argument("--fresh", action="store_true", help="extract the pages again")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--candidates", default="container", choices=("container", "wide"),
                        help="the blocks the model decides: the container's (today) or the whole page's")  # fmt: skip
    parser.add_argument("--variant", default="strong", choices=sorted(VARIANTS))
    parser.add_argument("--write", action="store_true", help="write the figures into BENCHMARKS.md")
    parser.add_argument("--out", type=Path, nargs="?", const=True, default=None,
                        help=f"write the model trained on all pages (default: {SHIPPED.relative_to(ROOT)}, "
                             f"with --input text {SHIPPED_TEXT.relative_to(ROOT)})")  # fmt: skip
    parser.add_argument("--check", type=int, default=0, metavar="N",
                        help="only compare the run-time text with the simulated one on N pages")  # fmt: skip
    args = parser.parse_args(argv)
    if args.out is True:
        args.out = SHIPPED_TEXT if args.input == "text" else SHIPPED
    global PARAMS
    PARAMS = VARIANTS[args.variant]
    bench = require(shared_dir() / "bench", "the shared benchmark data")
    if args.input == "text":
        pages = collect_text(bench, args.subset, args.fresh, args.workers)
        source = "text inputs"
    else:
        pages = collect(bench, args.engine, args.subset, args.fresh, args.workers, args.candidates)
        source = f"engine `{args.engine}`, candidates `{args.candidates}`"
    bad = [p.id for p in pages if p.page_type.endswith("!mismatch")]
    if bad:
        print(f"warning: {len(bad)} pages whose rebuilt text differs from the engine's: {bad[:5]}", file=sys.stderr)
    if args.check:
        differ = check(bench, pages, args.check, args.out or SHIPPED)
        checked = len(pages[:: max(1, len(pages) // args.check)])
        print(f"run-time text differs from the simulated one on {len(differ)} of {checked} pages: {differ[:10]}")
        return
    blocks = sum(len(p.y) for p in pages)
    content = sum(int(p.y.sum()) for p in pages)
    print(f"{len(pages)} pages, {blocks} judged blocks, {content / max(blocks, 1):.1%} content; {source}")
    texts, thresholds, held_probs, used = cross_validate(pages)
    parts = [f"{len(pages)} pages, {blocks} judged blocks ({content / max(blocks, 1):.1%} content), {source}, "
             f"model `{args.variant}` {PARAMS}, seed {SEED}; {machine()}.\n"]  # fmt: skip
    parts.append(_report(f"Cross-validated by site ({K} folds by registered domain; each fold decided by a model "
                         f"trained on the other four, its threshold chosen on those four by an inner "
                         f"cross-validation). Thresholds per fold: {thresholds}", score(pages, texts)))  # fmt: skip
    lines = []
    for mode in MODES[1:]:
        for set_name in dict.fromkeys(p.set for p in pages):
            delta, lo, hi = paired(pages, texts["current"], texts[mode], set_name)
            lines.append(f"- {mode} − current, {set_name}, cross-validated: {delta:+.4f} "
                         f"(95% bootstrap interval over pages {lo:+.4f} … {hi:+.4f})")  # fmt: skip
    parts.append("\n".join(lines) + "\n")
    parts.append(confidence_report(pages, texts, held_probs, used))
    all_texts, model, chosen = in_sample(pages)
    parts.append(_report(f"All pages (trained and thresholded on every page, in-sample); thresholds {chosen}",
                         score(pages, all_texts)))  # fmt: skip
    body = "\n".join(parts)
    print(body)
    if args.write:
        if args.input == "text":
            write_section("text-scorer", "## Learned text scorer (`python bench/train.py --input text`)\n\n" + body)
        else:
            write_section("block-scorer", "## Learned block scorer (`python bench/train.py`)\n\n" + body)
    if args.out is not None:
        from _export import export

        # Its threshold as every fold's was chosen: by cross-validation, never on its own fit.
        threshold = choose_thresholds(pages)["model+rules"]
        export(model, threshold, args.out)
        print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # OpenMP threads spin badly on a shared machine
    main()
