"""Site folds shared by the benchmarks: every page of one site falls in the same fold, so a
figure measured on fold k never rewards rules tuned on pages of the same site in another fold."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

#: How many folds the benchmarks split the development sets into.
K = 5

#: Second-level labels under which the registered domain is one label further down.
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "gob", "gouv"}


def registered_domain(site: str) -> str:
    """`news.example.co.uk` -> `example.co.uk`; a URL or a bare host both work (no public
    suffix list: two-letter country codes under a generic second level are what matters here)."""
    host = site.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower().strip(".")
    labels = [label for label in host.split(".") if label]
    if labels and labels[0] == "www":
        labels = labels[1:]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def fold_of(site: str, k: int = K) -> int:
    """The fold (0..k-1) of a site, by a hash that is the same on every machine and run."""
    digest = hashlib.sha256(registered_domain(site).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % k


@cache
def _urls(truth_path: str) -> dict[str, str]:
    data = json.loads(Path(truth_path).read_text("utf-8"))
    return {key: str(value.get("url") or key) for key, value in data.items()}


def page_folds(bench_dir: str | Path, set_name: str, ids: Iterable[str], k: int = K) -> dict[str, int]:
    """The fold of each of `ids`, pages of ``scrapinghub`` or ``wcxb`` under `bench_dir` (the
    shared ``bench`` folder), by the url their ground truth records. A page without a url
    (none in the shared sets) is a site of its own."""
    urls = _urls(str(Path(bench_dir) / set_name / "ground-truth.json"))
    return {key: fold_of(urls.get(key, key), k) for key in ids}
