"""A rule set that hangs on one page, for the fetch time-limit tests. A module of its own, with
nothing from the test harness, because worker processes import it to unpickle the rules."""

from __future__ import annotations

import contextlib
import signal
import time

from cleaner import RuleSet


class StuckRules(RuleSet):
    """The built-in rules, except that a page whose URL says ``stuck`` never finishes (for a
    while: a thread left behind ends on its own)."""

    def for_url(self, url: str | None) -> RuleSet:
        if url and "stuck" in url:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            end = time.monotonic() + 3
            while time.monotonic() < end:
                with contextlib.suppress(BaseException):
                    time.sleep(0.02)
        return super().for_url(url)


def stuck_rules() -> StuckRules:
    base = RuleSet.default()
    rules = StuckRules.__new__(StuckRules)
    rules.__dict__.update(base.__dict__)
    return rules
