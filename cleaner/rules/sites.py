"""Which site a URL belongs to: the keys of a profile's ``[sites."…"]`` tables.

A profile names a site by host (``example.com``); its rules reach that host and every subdomain
(``www.example.com``, ``news.example.com``). Looking a page up only walks its host's parent
domains, so it needs no list of public suffixes; `cleaner learn`, which must decide what one
site is, uses the registered domain (`registered_domain`).
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

_HOST = re.compile(r"^[a-z0-9_\-.\[\]:\u0080-\uffff]+$")


def site_key(name: str) -> str | None:
    """A site name as profiles store it (lower case, no outer dots), or None when it is not a
    host name (a URL, a path, words)."""
    key = name.strip().strip(".").lower()
    if not key or "/" in key or not _HOST.match(key) or key.count(":") == 1:
        return None
    return key


def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL (or of a bare host name), without port or brackets."""
    if not url:
        return None
    if "//" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.rstrip(".") if host else None


def host_keys(host: str) -> list[str]:
    """The host and its parent domains, most specific first: what a site table may be named."""
    if _is_ip(host):  # an IP address has no parents
        return [host]
    parts = host.split(".")
    return [".".join(parts[i:]) for i in range(len(parts))]


@lru_cache(maxsize=65_536)
def registered_domain(host: str) -> str:
    """The part of `host` its owner registered (``news.bbc.co.uk`` → ``bbc.co.uk``; a blog on
    a shared host, ``alice.blogspot.com``, is its own site). IP addresses and single names
    (``localhost``) are their own site; under a suffix the list does not know (``.test``), the
    last two labels are. Uses tldextract's bundled copy of the Public Suffix
    List: nothing is downloaded."""
    if _is_ip(host):
        return host
    parts = _extractor()(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    labels = host.split(".")  # a suffix the list does not know (.test, .example, .internal)
    return ".".join(labels[-2:])


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _extractor() -> Any:
    import tldextract

    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), include_psl_private_domains=True)


def site_of(url: str | None) -> str | None:
    """The site (registered domain) a page belongs to, or None without a usable URL."""
    host = host_of(url)
    return registered_domain(host) if host else None
