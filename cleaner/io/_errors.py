"""The operating system's reasons for not reading an input, as one-line errors naming it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import InputError


@contextmanager
def reading(name: str) -> Iterator[None]:
    """Turn an `OSError` raised while opening or reading `name` into an `InputError` that says
    why in words a user knows, the same for every kind of input."""
    try:
        yield
    except FileNotFoundError:
        raise InputError("no such file", source=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", source=name) from None
    except PermissionError:
        raise InputError("permission denied", source=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=name) from None
