"""Does the compiled core read and shape text exactly as the code at another commit did?

For a change to the core (or to what calls it) meant to leave every result alone: the blocks
`read_text` makes (text, span, line), every line's shape (match key, words, sentence end, kind),
`wrapped_groups`, the phrase rules' hits on every line, the language guess, the nesting bound of
HTML, whole `clean_text` results (body and removals) and fast-engine extractions, of this
checkout and of REV, on the same inputs: every ScrapingHub extractor output (body, headline,
description), 200 raw HTML pages read as text (long lines, tabs, CRLF, controls), the seeds,
every 10th WCXB development page, 500 random tag soups, and 6,000 seeded random strings over an
alphabet of odd blanks, controls, separators, CJK, marks, numbers and lone surrogates, with
over-long lines among them.
A REV with a compiled core of its own has it built (cargo) in its temporary worktree. With
`--all-pages`, also every extraction of every WCXB development and ScrapingHub page by the
fast and best engines and the learned block scorer: the whole record with its blocks and its
Markdown (for a change to the extraction meant to leave every result alone).

    python bench/core_same.py [--rev HEAD] [--all-pages]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import ROOT, require, shared_dir

_ALPHABET = list(
    "ab cdE.!?:;|()[]{}=+-*/_#>•·—–\"'”’»›」』\t\r\n\x00\x0b\x0c\x1c\x1f\x7f\xa0\u200b\u3000\u2028\u0085\u2003"
    "日本語テスト한국ⓐ①Ⅻ\u0301é1234567890ivx$@©<>"
)


def inputs(shared: Path) -> tuple[list[str], list[bytes]]:
    texts: list[str] = []
    for path in sorted(require(shared / "bench" / "scrapinghub" / "outputs", "the ScrapingHub outputs").glob("*.json")):
        for value in json.loads(path.read_text("utf-8")).values():
            texts += [value[k] for k in ("articleBody", "headline", "description") if isinstance(value.get(k), str)]
    for path in sorted((shared / "bench" / "scrapinghub" / "html").glob("*.gz"))[:200]:
        texts.append(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
    texts += [path.read_text("utf-8", "replace") for path in sorted((shared / "seeds").glob("*"))]
    rnd = random.Random(7)
    odd = [*_ALPHABET, "\ud800", "\udfff", "\udc80", "\U00100001"]
    texts += ["".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 300))) for _ in range(4000)]
    texts += ["".join(rnd.choice(odd) for _ in range(rnd.randint(0, 200))) for _ in range(2000)]
    texts += ["".join(rnd.choice(_ALPHABET[:12]) for _ in range(rnd.randint(150_000, 260_000))) for _ in range(30)]
    pages = [gzip.decompress(p.read_bytes()) for p in sorted((shared / "bench" / "wcxb" / "html").glob("*.gz"))[::10]]
    return texts, pages


def all_pages(shared: Path) -> Iterator[tuple[bytes, str | None]]:
    """Every WCXB development and ScrapingHub page, with its URL, read one at a time (all of
    them at once would hold half a gigabyte)."""
    for name in ("scrapinghub", "wcxb"):
        folder = require(shared / "bench" / name, f"the {name} pages")
        truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
        for key in sorted(truth):
            yield gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()), truth[key].get("url")


def extractions(pages: Iterable[tuple[bytes, str | None]]) -> list[str]:
    """Each page's whole record (blocks and Markdown included) by fast, best and fast+model."""
    from cleaner import extract_html

    out = []
    for html, url in pages:
        text = html.decode("utf-8", "replace")
        for engine, scorer in (("fast", "rules"), ("best", "rules"), ("fast", "model")):
            article = extract_html(text, url or None, engine=engine, scorer=scorer)
            record = article.to_dict(blocks=True, markdown=True)
            out.append(json.dumps({**record, "notes": article.notes}, sort_keys=True, default=str))
    return out


def dump(out: Path, every_page: bool = False) -> None:
    """What the code on sys.path makes of the inputs, pickled to `out`."""
    import cleaner.clean._lines as lines_module
    from cleaner import clean_text, extract_html
    from cleaner.clean._lines import normalise
    from cleaner.clean.language import guess
    from cleaner.clean.predicates import title_key
    from cleaner.readers.text import read_text, wrapped_groups
    from cleaner.rules.model import match_key

    texts, pages = inputs(shared_dir())
    from cleaner.extract import _nesting

    if hasattr(_nesting, "_may_nest_deeper"):  # before the core
        deeper = _nesting._may_nest_deeper
    else:
        from cleaner import _compiled

        def deeper(html: str, limit: int) -> bool:
            return _compiled.may_nest_deeper(html, limit, _nesting._SLICE)

    rnd = random.Random(11)
    tags = ["<div>", "</div>", "<br>", "<!-- c -->", "<img>", "<p>", "x", "é", "<", "<s", "</", "<li", "<link>"]
    htmls = [p.decode("utf-8", "replace") for p in pages] + texts[-2230:-30]
    htmls += ["".join(rnd.choice(tags) for _ in range(rnd.randint(0, 3000))) for _ in range(500)]
    blocks = [[(b.text, b.start, b.end, b.line) for b in read_text(t).blocks] for t in texts]
    lines = [line for t in texts for line in t.splitlines()] + [b[0] for bl in blocks for b in bl]
    if hasattr(lines_module, "make_lines"):
        made = lines_module.make_lines(lines)
    else:  # before the core: one call a line
        made = [lines_module.make_line(i, s) for i, s in enumerate(lines)]  # type: ignore[attr-defined]
    from cleaner.rules.ruleset import resolve

    phrases = resolve(None).phrases
    hits = []
    for bl in blocks:
        shaped = lines_module.make_lines([b[0] for b in bl]) if hasattr(lines_module, "make_lines") else []
        keys, words = [x.key for x in shaped], [x.words for x in shaped]
        for edge in (3, 0):
            hits.append([(h.rule.name, h.captures) if h else None for h in phrases.match_lines(keys, words, edge)])
    result: dict[str, list[Any]] = {
        "phrase hits": hits,
        "read_text blocks": blocks,
        "line shapes": [(x.key, x.words, x.terminal, x.kind) for x in made],
        "match_key": [match_key(s) for s in lines],
        "wrapped_groups": [wrapped_groups([b[0] for b in bl]) for bl in blocks],
        "clean_text": [(a.text, a.title, [(r.text, r.rule) for r in a.removed]) for a in map(clean_text, texts[:-30])],
        "clean_text as Markdown": [
            (a.text, [(r.text, r.rule) for r in a.removed])
            for a in (clean_text(t, format="markdown") for t in texts[:1500])
        ],
        "normalise, title_key": [(normalise(s), title_key(s)) for s in lines[::7]],
        "language guess": [guess(t) for t in texts] + [guess(t[i:]) for t in texts[:3000] for i in (100, 700)],
        "nesting bound": [deeper(h, limit) for h in htmls for limit in (5, 50, 512)],
        "extract_html fast": [extract_html(page, engine="fast").text for page in pages],
    }
    if every_page:
        result["extract_html fast, best, fast+model: every page"] = extractions(all_pages(shared_dir()))
    out.write_bytes(pickle.dumps(result))


def _at(rev: str, out: Path, every_page: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), rev], cwd=ROOT, check=True)
        try:
            if (tree / "core" / "Cargo.toml").exists():
                build = ["cargo", "build", "-q", "--release", "--manifest-path", "core/Cargo.toml"]
                subprocess.run(build, cwd=tree, check=True)
                shutil.copy(tree / "core" / "target" / "release" / "lib_core.so", tree / "cleaner" / "_core.abi3.so")
            command = [sys.executable, str(Path(__file__).resolve()), "--dump", str(out)]
            command += ["--all-pages"] if every_page else []
            subprocess.run(command, env={**os.environ, "PYTHONPATH": str(tree)}, check=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="HEAD")
    parser.add_argument("--all-pages", action="store_true", help="also every extraction of every shared page")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(args.dump, args.all_pages)
        return
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp) / "old.pkl", Path(tmp) / "new.pkl"
        _at(args.rev, old, args.all_pages)
        dump(new, args.all_pages)
        before, after = pickle.loads(old.read_bytes()), pickle.loads(new.read_bytes())
    differ = 0
    for name, values in before.items():
        diffs = [i for i, (a, b) in enumerate(zip(values, after[name], strict=True)) if a != b]
        differ += len(diffs)
        print(f"{name}: {len(values):,} compared, {len(diffs)} differ")
        for i in diffs[:3]:
            print(f"    #{i}: {str(values[i])[:160]!r}\n        {str(after[name][i])[:160]!r}")
    print("the same" if not differ else f"{differ} results differ")
    raise SystemExit(1 if differ else 0)


if __name__ == "__main__":
    main()
