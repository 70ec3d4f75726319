"""Shared plumbing of the benchmark scripts: where the data is, and writing BENCHMARKS.md.

Each script owns one section of BENCHMARKS.md, between ``<!-- name:start -->`` and
``<!-- name:end -->`` markers, and rewrites only that section.
"""

from __future__ import annotations

import compileall
import os
import platform
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "BENCHMARKS.md"


def shared_dir() -> Path:
    """`../shared` beside the checkout, or $CLEANER_SHARED."""
    return Path(os.environ.get("CLEANER_SHARED", ROOT.parent / "shared"))


def require(path: Path, what: str) -> Path:
    """Exit with a clear message (status 0: a skip, not a failure) when bench data is absent."""
    if not path.exists():
        print(f"skipped: {what} not found at {path} (set CLEANER_SHARED to the shared folder)", file=sys.stderr)
        raise SystemExit(0)
    return path


def byte_compile() -> None:
    """Byte-compile the package, as an installed one is: an editable install in an environment
    with PYTHONDONTWRITEBYTECODE set compiles every module again in every process it starts
    (0.1 s of start-up each, in the main process and the fork server alike)."""
    compileall.compile_dir(ROOT / "cleaner", quiet=1)


def machine() -> str:
    python = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{python}, {os.cpu_count()} cores, {date.today().isoformat()}"


def write_section(name: str, body: str) -> None:
    """Replace (or append) the section `name` of BENCHMARKS.md with `body`."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    BENCHMARKS.write_text(text, encoding="utf-8")
    print(f"wrote section {name!r} of {BENCHMARKS}", file=sys.stderr)


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)
