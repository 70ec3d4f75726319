"""How the cleaner does on real Markdown and plain text from feeds and crawlers (fixtures/markdown/).

Real documents (`real/*.md`, `plain/*.txt`) carry hand labels (`<name>.labels.toml`: the 1-based source lines that are
boilerplate). Reported: the share of boilerplate lines removed, the share of body lines kept
byte-identical (a body line is kept when it appears unchanged in the output), the byte-identical
round trip of already-clean Markdown, and idempotence (cleaning the output again changes
nothing), over all pages, per input format and per site fold (5 folds by registered domain, bench/_folds.py).

    python bench/markdown_inputs.py            # print the tables
    python bench/markdown_inputs.py --write    # and write them into BENCHMARKS.md
"""

from __future__ import annotations

import argparse
import inspect
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _folds import fold_of
from _report import ROOT, machine, table, write_section

from cleaner import clean_text
from cleaner.article import Article

FIXTURES = ROOT / "fixtures" / "markdown"
K = 5


def _clean(text: str, name: str = "") -> Article:
    """As `cleaner clean FILE` does: a ``.md`` file is Markdown, anything else is sniffed."""
    return clean_text(text, format="markdown" if name.endswith(".md") else None)


def _output(article: Article) -> str:
    """What `cleaner clean FILE` prints: the output follows the input (Markdown for Markdown)."""
    doc = article.document
    if doc is not None and doc.format == "markdown":
        return article.to_markdown(keep_title=True)
    return article.to_text(keep_title=True)


@dataclass
class Page:
    name: str
    site: str
    kind: str
    lang: str
    source: str
    boilerplate: set[int]
    format: str


def _pages() -> list[Page]:
    pages = []
    paths = sorted((FIXTURES / "real").glob("*.md")) + sorted((FIXTURES / "plain").glob("*.txt"))
    for path in paths:
        if not path.with_suffix(".labels.toml").exists():
            continue
        labels = tomllib.loads(path.with_suffix(".labels.toml").read_text("utf-8"))
        pages.append(
            Page(
                path.stem,
                labels["site"],
                labels["kind"],
                labels.get("lang", ""),
                path.read_text("utf-8"),
                set(labels["boilerplate"]),
                "plain text" if path.suffix == ".txt" else "markdown",
            )
        )
    return pages


def _scores(page: Page) -> tuple[int, int, int, int, bool]:
    """(boilerplate lines, of them removed, body lines, of them kept verbatim, idempotent)."""
    suffix = ".md" if page.format == "markdown" else ".txt"
    out = _output(_clean(page.source, suffix))
    kept = set(out.splitlines())
    bp = bp_removed = body = body_kept = 0
    for number, line in enumerate(page.source.splitlines(), 1):
        if not line.strip():
            continue
        if number in page.boilerplate:
            bp += 1
            bp_removed += line not in kept
        else:
            body += 1
            body_kept += line in kept
    again = _output(_clean(out, suffix))
    return bp, bp_removed, body, body_kept, again == out


def _share(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "–"


def _round_trip(folder: str, pattern: str) -> tuple[int, int, int]:
    """(documents, byte-identical after cleaning, idempotent)."""
    n = same = stable = 0
    for path in sorted((FIXTURES / folder).glob(pattern)):
        text = path.read_text("utf-8")
        out = _output(_clean(text, path.name))
        n += 1
        same += out.strip("\n") == text.strip("\n")
        stable += _output(_clean(out, path.name)) == out
    return n, same, stable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the tables into BENCHMARKS.md")
    args = parser.parse_args()
    pages = _pages()
    folds: dict[str, list[int]] = {"all": [0, 0, 0, 0, 0, 0]}
    rows_by_page = []
    for page in pages:
        bp, bpr, body, bk, idem = _scores(page)
        for key in ("all", page.format, f"fold {fold_of(page.site, K)}"):
            acc = folds.setdefault(key, [0, 0, 0, 0, 0, 0])
            for i, v in enumerate((bp, bpr, body, bk, int(idem), 1)):
                acc[i] += v
        rows_by_page.append([page.name, page.site, page.kind, page.lang, _share(bpr, bp), _share(bk, body)])
    rows = [
        [key, str(a[5]), str(a[0]), _share(a[1], a[0]), _share(a[3], a[2]), f"{a[4]}/{a[5]}"]
        for key, a in sorted(folds.items(), key=lambda kv: (kv[0] != "all", kv[0].startswith("fold"), kv[0]))
    ]
    md_n, md_same, md_stable = _round_trip("clean", "*.md")
    reads_markdown = "format" in inspect.signature(clean_text).parameters
    out = [
        "## Markdown inputs (`bench/markdown_inputs.py`)",
        "",
        f"Measured {machine()} with `python bench/markdown_inputs.py --write`.",
        "",
        f"{len(pages)} real documents from feeds and crawlers, Markdown (fixtures/markdown/real) and",
        "plain text (fixtures/markdown/plain), with hand-labelled boilerplate lines, cleaned with",
        "`clean_text(text)` (a `.md` file as Markdown, others sniffed; output as `cleaner clean` prints it"
        + ("" if reads_markdown else "; this build has no Markdown reader yet, so the text reader ran")
        + "). *boilerplate removed* = share of",
        "labelled lines absent from the output; *body kept* = share of other non-blank lines present",
        "byte for byte; *idempotent* = documents whose output cleans to itself.",
        "",
        table(["pages", "docs", "boilerplate lines", "boilerplate removed", "body kept", "idempotent"], rows),
        "",
        f"Already-clean Markdown: {md_same}/{md_n} byte-identical after cleaning, {md_stable}/{md_n} idempotent.",
    ]
    report = "\n".join(out)
    print(report)
    print()
    print(table(["document", "site", "kind", "lang", "boilerplate removed", "body kept"], rows_by_page))
    if args.write:
        write_section("markdown_inputs", report)


if __name__ == "__main__":
    main()
