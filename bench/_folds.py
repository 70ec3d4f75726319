"""Site folds shared by the benchmarks: every page of one site falls in the same fold, so a
figure measured on fold k never rewards rules tuned (or a model trained) on pages of the same
site in another fold.

A site is its registered domain by the public suffix list (tldextract's bundled copy, never
fetched: the folds must be the same offline, on every machine and run), and its fold a hash of
that domain, so one site lands in the same fold in every benchmark set.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import tldextract

K = 5


@cache
def _extract() -> tldextract.TLDExtract:
    # No suffix-list download and no cache directory: the snapshot that ships with the package.
    # Private suffixes count (`blog.github.io` and `docs.github.io` are two sites).
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def registered_domain(site: str) -> str:
    """`news.example.co.uk` -> `example.co.uk`; a URL or a bare host both work. A host with no
    registered domain (an IP address, ``localhost``) is its own site."""
    host = site.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower().strip(".")
    parts = _extract()(host)
    # tldextract 5.3 renamed `registered_domain`; the old name warns from then on.
    new = hasattr(parts, "top_domain_under_public_suffix")
    domain = parts.top_domain_under_public_suffix if new else parts.registered_domain
    return str(domain or host.removeprefix("www."))


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
