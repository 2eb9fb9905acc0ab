"""Annotations found by where they start: a sorted index searched by bisection, so a sentence's
mentions or facts cost a lookup, not a scan of the whole document's (long documents have
thousands of each)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar


class _Anchored(Protocol):
    @property
    def start(self) -> int: ...


T = TypeVar("T", bound=_Anchored)


class Disjoint:
    """Spans taken so far, none overlapping another: whether a new one overlaps any is one bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        # Disjoint spans sorted by start have their ends sorted too: the last one starting before
        # `end` is the only one that can reach past `start`.
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and start < self.ends[i]

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class ByStart(Generic[T]):
    """`items` ordered by start; those starting at one offset keep their given order."""

    def __init__(self, items: Iterable[T]) -> None:
        self.items = sorted(items, key=lambda item: item.start)
        self.starts = [item.start for item in self.items]

    def within(self, start: int, end: int) -> list[T]:
        """The items with `start <= item.start < end`, in order."""
        return self.items[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]
