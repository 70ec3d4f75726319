"""Bytes → text for HTML pages: BOM, then the HTTP header, then ``<meta charset>``, then detection.

Declarations are often wrong. A declaration is used only when the bytes decode under it, and a
declared single-byte Western charset loses to UTF-8 when the bytes are valid UTF-8 with non-ASCII
sequences in them (that is never an accident). Nothing here raises: the last resort is UTF-8
with undecodable bytes replaced.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
#: How far into the page a <meta charset> is looked for (browsers look at 1 KB; pages are sloppy).
_META_SCAN = 8192
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: Labels browsers decode as windows-1252, which is a superset of them.
_WESTERN = {"iso8859-1", "ascii", "cp1252"}
#: How much more "chaos" (charset-normalizer's mess ratio) windows-1252 may show and still win.
_WESTERN_MARGIN = 0.15


def header_charset(content_type: str | None) -> str | None:
    found = _HEADER_CHARSET.search(content_type or "")
    return found.group(1) if found else None


def meta_charset(body: bytes) -> str | None:
    found = _META_CHARSET.search(body[:_META_SCAN])
    return found.group(1).decode("ascii", "replace") if found else None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page; returns the text and the name of the encoding used."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name
    for declared in (header_charset(content_type), meta_charset(body)):
        decoded = _try_declared(body, declared)
        if decoded is not None:
            return decoded
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    detected = _detect(body)
    if detected is not None:
        return body.decode(detected, errors="replace"), detected
    return body.decode("utf-8", errors="replace"), "utf-8"


def _detect(body: bytes) -> str | None:
    """charset-normalizer's guess, unless windows-1252 is nearly as plausible: it is by far the
    most common legacy charset on the web (and browsers' fallback for Western pages), while
    short Western texts often look equally good in rare code pages (mac_roman, cp1257)."""
    matches = list(from_bytes(body))
    if not matches:
        return None
    best = matches[0]
    western = next((m for m in matches if m.encoding == "cp1252"), None)
    if western is not None and western.chaos <= best.chaos + _WESTERN_MARGIN:
        return "cp1252"
    return best.encoding


def _try_declared(body: bytes, declared: str | None) -> tuple[str, str] | None:
    name = _codec_name(declared)
    if name is None or name.startswith(("utf-16", "utf-32")):  # without a BOM, never believed
        return None
    if name in _WESTERN and not body.isascii():
        try:
            return body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            name = "cp1252"
    try:
        return body.decode(name), name
    except UnicodeDecodeError:
        if name == "cp1252":  # five bytes cp1252 leaves undefined: latin-1 takes every byte
            return body.decode("latin-1"), "latin-1"
        return None


def _codec_name(label: str | None) -> str | None:
    """Python's canonical codec name for a charset label, None for unknown labels."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
