"""The time limit of one piece of work in this process (`cleaner._timelimit`) and `timeout=` in the API.

Every test is bounded by the limit it sets: the slow work spins until interrupted.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from typing import Any

import pytest

import cleaner
from cleaner import TimeLimitExceeded
from cleaner._timelimit import describe, within


def spin(*args: Any, **kwargs: Any) -> Any:
    while True:
        pass


def swallow_everything() -> str:
    """Code that catches every exception: the interrupt comes again until it gives up."""
    for _ in range(1000):
        with contextlib.suppress(Exception):
            time.sleep(0.01)
    return "finished"


def test_work_within_its_limit_returns_its_result() -> None:
    assert within(5, lambda x: x * 2, 21) == 42
    assert within(None, lambda: "no limit") == "no limit"
    assert within(0, lambda: "no limit") == "no limit"


@pytest.mark.parametrize("work", [spin, swallow_everything, lambda: time.sleep(30)])
def test_work_past_its_limit_raises_time_limit_exceeded(work: Any) -> None:
    with pytest.raises(TimeLimitExceeded) as info:
        within(0.2, work, what="the test")
    assert info.value.kind == "timeout" and info.value.seconds == 0.2
    assert "the test took longer than the time limit (0.2 s)" in str(info.value)


def test_the_alarm_is_put_back_as_it_was() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(TimeLimitExceeded):
        within(0.1, spin)
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    time.sleep(0.15)  # no interrupt arrives late


def test_an_inner_limit_does_not_outlast_the_outer_one() -> None:
    with pytest.raises(TimeLimitExceeded):
        within(0.2, lambda: within(30, spin))


def test_a_program_that_uses_sigalrm_keeps_it() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        assert describe() == "watchdog"
        with pytest.raises(TimeLimitExceeded):
            within(0.2, spin)
        assert not fired
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_off_the_main_thread_a_watchdog_interrupts() -> None:
    outcome: list[object] = []

    def run() -> None:
        outcome.append(describe())
        for work in (spin, swallow_everything):
            try:
                within(0.2, work)
            except TimeLimitExceeded as exc:
                outcome.append(exc.kind)
        outcome.append(within(1, lambda: "fine"))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(20)
    assert outcome == ["watchdog", "timeout", "timeout", "fine"]


def test_clean_text_and_clean_document_take_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner import documents

    text = "A sentence long enough to be an article, and then another one.\n"
    assert cleaner.clean_text(text, timeout=5).text
    monkeypatch.setattr(documents, "read_document", spin)
    with pytest.raises(TimeLimitExceeded):
        cleaner.clean_text(text, timeout=0.2)
    with pytest.raises(TimeLimitExceeded):
        cleaner.clean_document(text, timeout=0.2)
    monkeypatch.setattr(documents, "extract_html", spin)
    with pytest.raises(TimeLimitExceeded):
        cleaner.clean_document("<html><body><p>Hi</p></body></html>", timeout=0.2)


def test_extract_html_takes_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.extract import html as extract

    page = "<html><body><p>A sentence long enough to be an article, and then another.</p></body></html>"
    assert cleaner.extract_html(page, timeout=5).text
    monkeypatch.setattr(extract, "run_prepass", spin)
    with pytest.raises(TimeLimitExceeded):
        cleaner.extract_html(page, timeout=0.2)


def _slow_on_marker(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.pipeline import records

    real = records.clean_text

    def clean_text(text: str, **kwargs: Any) -> Any:
        if "SLOW" in text:
            spin()
        return real(text, **kwargs)

    monkeypatch.setattr(records, "clean_text", clean_text)


def test_clean_records_gives_a_timeout_error_record_and_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    _slow_on_marker(monkeypatch)
    rows = [{"text": "First fine record, a sentence.", "id": 1}, {"text": "SLOW", "id": 2}, {"text": "Third.", "id": 3}]
    out = list(cleaner.clean_records(rows, timeout=0.2))
    assert [r["id"] for r in out] == [1, 2, 3]
    assert "error" not in out[0] and "error" not in out[2]
    assert out[1]["error"] == {
        "kind": "timeout",
        "message": "record 2: took longer than the time limit of 0.2 s per record",
        "record": 2,
    }


def test_clean_batch_gives_a_timeout_error_in_its_row(monkeypatch: pytest.MonkeyPatch) -> None:
    _slow_on_marker(monkeypatch)
    out = cleaner.clean_batch({"text": ["A fine one.", "SLOW"]}, timeout=0.2)
    assert out["error"][0] is None and out["error"][1]["kind"] == "timeout"


def test_a_negative_timeout_is_refused() -> None:
    with pytest.raises(ValueError, match="timeout"):
        list(cleaner.clean_records([{"text": "x"}], timeout=-1))
