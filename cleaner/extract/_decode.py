"""Bytes → str for HTML: the encoding a page declares (BOM, <meta charset>), else a guess."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_html(data: bytes) -> str:
    """Decode a page: BOM first, then the declared charset, then UTF-8, then charset-normalizer."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace").lstrip("\ufeff")
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        try:
            codecs.lookup(name)
        except LookupError:
            name = ""
        if name.replace("-", "").replace("_", "") in ("utf8", "ascii", "usascii"):
            return data.decode("utf-8", errors="replace")
        if name:
            return data.decode(_superset(name), errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return data.decode(best.encoding if best else "utf-8", errors="replace")


def _superset(name: str) -> str:
    """Browsers read these declared encodings as their supersets (WHATWG encoding standard)."""
    return {
        "iso-8859-1": "cp1252",
        "latin-1": "cp1252",
        "latin1": "cp1252",
        "shift_jis": "cp932",
        "sjis": "cp932",
        "gb2312": "gb18030",
        "gbk": "gb18030",
    }.get(name, name)
