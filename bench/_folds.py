"""Site folds shared by the benchmarks: every page of one site falls in the same fold, so a
figure measured on fold k never rewards rules tuned on pages of the same site in another fold."""

from __future__ import annotations

import hashlib

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


def fold_of(site: str, k: int = 5) -> int:
    """The fold (0..k-1) of a site, by a hash that is the same on every machine and run."""
    digest = hashlib.sha256(registered_domain(site).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % k
