"""A time limit around one piece of work (a record, a page, a document) in this process.

    within(seconds, fn, *args)   fn(*args), or TimeLimitExceeded once `seconds` have passed

Two ways to interrupt, both of which stop Python code only, between two bytecodes:

- on the main thread, a SIGALRM timer (`signal.setitimer`) whose handler raises;
- on any other thread (or when the program already uses SIGALRM), a watchdog thread that raises
  in the worker thread (`PyThreadState_SetAsyncExc`, CPython only; elsewhere: no limit).

What is raised inside the work is `_Expired`, a BaseException, so that the ``except Exception``
a parser wraps around its own steps does not swallow it; it is raised again every
`settings.RECORD_TIMEOUT_REPEAT` seconds until the work gives up, and turned into
`TimeLimitExceeded` (a `CleanerError`) where the limit was set. A single call into C that runs
past the limit (a regex, an HTML parser) is interrupted only once it returns: that is what the
record pipeline's and the fetcher's supervisors are for, which kill and replace a worker
process still busy past the limit plus `settings.RECORD_TIMEOUT_GRACE`.
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

from . import settings
from .errors import TimeLimitExceeded

R = TypeVar("R")


class _Expired(BaseException):
    """Raised inside the work when its time is up; never seen outside `within`."""


def within(seconds: float | None, fn: Callable[..., R], *args: Any, what: str = "the work", **kwargs: Any) -> R:
    """`fn(*args, **kwargs)`, stopped with `TimeLimitExceeded` after `seconds` (None or 0: no limit)."""
    if not seconds or seconds <= 0:
        return fn(*args, **kwargs)
    limit: _Alarm | _Watched = _Alarm(seconds) if _alarm_usable() else _Watched(seconds)
    try:
        try:
            limit.start()
            return fn(*args, **kwargs)
        finally:
            _stop(limit)
    except _Expired:
        _stop(limit)
    raise TimeLimitExceeded(f"{what} took longer than the time limit ({seconds:g} s)", seconds=seconds)


def _stop(limit: _Alarm | _Watched) -> None:
    """Stop the limit, even if its own interrupt lands while it stops (stop is idempotent)."""
    while True:
        try:
            limit.stop()
            return
        except _Expired:
            continue


def describe() -> str:
    """How a limit set now, here, would interrupt: ``alarm``, ``watchdog`` or ``none``."""
    if _alarm_usable():
        return "alarm"
    return "watchdog" if _set_async_exc is not None else "none"


# --- on the main thread: SIGALRM ------------------------------------------------------------

#: The limits active on the main thread, outermost first.
_limits: list[_Alarm] = []
_previous_handler: Any = None


def _alarm_usable() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    if _limits:
        return True
    # someone else's alarm: leave SIGALRM to them
    handler = signal.getsignal(signal.SIGALRM)
    return handler in (signal.SIG_DFL, signal.SIG_IGN, None) and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    if _limits and time.monotonic() >= min(limit.deadline for limit in _limits) - 0.001:
        raise _Expired


class _Alarm:
    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def start(self) -> None:
        global _previous_handler
        if not _limits:
            _previous_handler = signal.signal(signal.SIGALRM, _on_alarm)
        _limits.append(self)
        _arm()

    def stop(self) -> None:
        global _previous_handler
        if any(limit is self for limit in _limits):  # first: an alarm from here on finds nothing due
            _limits.remove(self)
        if _limits:
            _arm()
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        if signal.getsignal(signal.SIGALRM) is _on_alarm:
            signal.signal(signal.SIGALRM, _previous_handler if _previous_handler is not None else signal.SIG_DFL)
        _previous_handler = None


def _arm() -> None:
    """The timer for the nearest deadline, repeating until the limits are gone."""
    due = max(min(limit.deadline for limit in _limits) - time.monotonic(), 0.001)
    signal.setitimer(signal.ITIMER_REAL, due, settings.RECORD_TIMEOUT_REPEAT)


# --- on other threads: a watchdog ------------------------------------------------------------


def _async_exc_setter() -> Callable[[int, Any], int] | None:
    api = getattr(ctypes, "pythonapi", None)
    setter = getattr(api, "PyThreadState_SetAsyncExc", None)
    if setter is None:
        return None

    def set_exc(thread_id: int, exc: Any) -> int:
        # no argtypes: None goes as NULL, which clears an exception set and not yet raised
        return int(setter(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None))

    return set_exc


_set_async_exc = _async_exc_setter()


class _Watched:
    """A limit on a thread other than the main one, kept by the watchdog."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.thread = threading.get_ident()
        self.active = False
        self.fired = False

    def start(self) -> None:
        if _set_async_exc is not None:
            self.active = True
            _watchdog.add(self)

    def stop(self) -> None:
        with _watchdog.lock:
            self.active = False
            if self.fired and _set_async_exc is not None:
                _set_async_exc(self.thread, None)  # one that is set but not yet raised: cleared


class _Watchdog:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.wake = threading.Condition(self.lock)
        self.heap: list[tuple[float, int, _Watched]] = []
        self.order = itertools.count()
        self.thread: threading.Thread | None = None

    def add(self, limit: _Watched) -> None:
        with self.lock:
            heapq.heappush(self.heap, (limit.deadline, next(self.order), limit))
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="cleaner-timelimit", daemon=True)
                self.thread.start()
            self.wake.notify()

    def _run(self) -> None:
        with self.lock:
            while True:
                while self.heap and not self.heap[0][2].active:
                    heapq.heappop(self.heap)
                if not self.heap:
                    self.wake.wait(timeout=30)
                    if not self.heap:
                        self.thread = None
                        return
                    continue
                due, _, limit = self.heap[0]
                now = time.monotonic()
                if now < due:
                    self.wake.wait(timeout=due - now)
                    continue
                heapq.heappop(self.heap)
                assert _set_async_exc is not None
                limit.fired = True
                _set_async_exc(limit.thread, _Expired)
                # again and again until the work gives up
                heapq.heappush(self.heap, (now + settings.RECORD_TIMEOUT_REPEAT, next(self.order), limit))


_watchdog = _Watchdog()
