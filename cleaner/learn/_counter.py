"""Counting in bounded memory: a counter that evicts its rarest entries, and a count-min sketch.

A site's counter maps a line's hash to the number of documents it was seen on; when it holds
more than its cap, the entries seen on the fewest documents are dropped until half remain. A
line on a large share of a site's pages is counted on every page, so it outlasts every
eviction; `floor` says how many counts an entry may have lost (the largest count evicted).
"""

from __future__ import annotations

from array import array
from collections import Counter


class BoundedCounter:
    """Counts by integer key, with at most `cap` entries (after `prune`)."""

    __slots__ = ("cap", "counts", "floor")

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.counts: dict[int, int] = {}
        self.floor = 0

    def __len__(self) -> int:
        return len(self.counts)

    def full(self) -> bool:
        return len(self.counts) > self.cap

    def prune(self, keep: int | None = None) -> int:
        """Drop the rarest entries until at most `keep` (default: half the cap) remain; return
        how many were dropped. Counts are compared by their low field (see `Learner`)."""
        keep = self.cap // 2 if keep is None else keep
        if len(self.counts) <= keep:
            return 0
        histogram = Counter(v & LOW for v in self.counts.values())
        above = len(self.counts)
        threshold = 0
        for count in sorted(histogram):
            above -= histogram[count]
            threshold = count
            if above <= keep:
                break
        before = len(self.counts)
        self.counts = {k: v for k, v in self.counts.items() if v & LOW > threshold}
        self.floor = max(self.floor, threshold)
        return before - len(self.counts)


#: Counters pack three counts into one integer (see `Learner`): the low field is the total.
FIELD_BITS = 30
LOW = (1 << FIELD_BITS) - 1


class CountMin:
    """A count-min sketch of 64-bit hashes: estimates never fall below the true count."""

    __slots__ = ("mask", "rows", "shift")

    def __init__(self, width_bits: int = 18, depth: int = 3) -> None:
        self.mask = (1 << width_bits) - 1
        self.shift = width_bits
        self.rows = [array("I", bytes(4 << width_bits)) for _ in range(depth)]

    def add(self, key: int) -> None:
        for i, row in enumerate(self.rows):
            slot = (key >> (i * self.shift)) & self.mask
            if row[slot] < 0xFFFFFFFF:
                row[slot] += 1

    def estimate(self, key: int) -> int:
        return min(row[(key >> (i * self.shift)) & self.mask] for i, row in enumerate(self.rows))
