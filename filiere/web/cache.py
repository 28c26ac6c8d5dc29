"""Figures derived from a whole case (heat map, series, counts), kept until the case changes.

A 1,000,000-message case takes a few hundred milliseconds to scan; these figures change only when
evidence is read or the analysis re-runs, which the case's fingerprint reveals at the cost of a few
page reads. Entries are keyed by case folder, figure and fingerprint, and the oldest are dropped.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class FigureCache:
    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                value: T = self._items[key]
                return value
        # Computed outside the lock: two requests may both compute a figure once, never block each other.
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
