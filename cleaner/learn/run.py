"""`learn_profile`: a corpus in, a profile out, in one streaming pass."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import settings
from .corpus import Corpus, Fields
from .learner import Learner
from .profile import Profile


@dataclass
class LearnStats:
    """What a run read: documents, characters of text, seconds, inputs that failed."""

    documents: int = 0
    skipped: int = 0
    chars: int = 0
    seconds: float = 0.0
    failed_inputs: int = 0

    def line(self) -> str:
        mb = self.chars / 1e6
        rate = mb / self.seconds if self.seconds > 0 else 0.0
        skipped = f", {self.skipped:,} skipped" if self.skipped else ""
        return f"{self.documents:,} documents{skipped} · {mb:,.1f} MB of text in {self.seconds:.1f} s · {rate:.1f} MB/s"


def learn_profile(
    inputs: Sequence[str | Path],
    *,
    site: str | None = None,
    min_docs: int = settings.LEARN_MIN_DOCS,
    min_share: float = settings.LEARN_MIN_SHARE,
    fields: Fields | None = None,
    engine: str = "best",
    on_problem: Callable[[str], None] | None = None,
    stats: LearnStats | None = None,
) -> Profile:
    """Learn a profile from record files (JSONL, Parquet, WARC), directories of text files
    (all of `site`) or a `cleaner fetch` cache directory. Problems with one input or record
    go to `on_problem` and are skipped; `stats`, when given, is filled in."""
    learner = Learner(min_docs=min_docs, min_share=min_share)
    corpus = Corpus(inputs, site=site, fields=fields, engine=engine, on_problem=on_problem)
    started = time.perf_counter()
    for doc in corpus:
        learner.add(doc.site, doc.text, doc.title)
    learner.skipped = corpus.skipped
    profile = learner.profile()
    if stats is not None:
        stats.documents, stats.skipped, stats.chars = learner.documents, corpus.skipped, corpus.chars
        stats.seconds, stats.failed_inputs = time.perf_counter() - started, corpus.failed_inputs
    return profile
