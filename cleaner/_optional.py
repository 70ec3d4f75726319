"""Optional dependencies (the extras): imported on first use, and when missing, an error that
names the input and the extra to install, never an ImportError traceback."""

from __future__ import annotations

import importlib
import sys
from typing import Any

from .errors import InputError


def optional(module: str, needs: str, extra: str, source: str | None = None) -> Any:
    """The top-level package of `module` (``pyarrow`` for ``pyarrow.parquet``), imported."""
    try:
        importlib.import_module(module)
    except ImportError:
        raise InputError(f"{needs}: pip install 'cleaner[{extra}]'", source=source) from None
    return sys.modules[module.partition(".")[0]]
