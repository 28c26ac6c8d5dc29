"""A progress bar on standard error for anything that lasts more than a second, on a terminal only."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

DELAY_S = 1.0
WIDTH = 30


class Progress:
    """``with Progress(total, label) as bar: bar.advance(n)`` or ``bar.set(position)``.

    Nothing is drawn during the first second, nor when standard error is not a terminal, so short
    commands and scripts see clean output. Thread-safe: positions may come from a watcher thread.
    """

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.position = 0
        self._start = time.monotonic()
        self._last_draw = 0.0
        self._drawn = False
        self._lock = threading.Lock()
        self._enabled = self.stream.isatty()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._drawn:
            self._draw(final=True)
            self.stream.write("\n")
            self.stream.flush()

    def advance(self, amount: int) -> None:
        self.set(self.position + amount)

    def set(self, position: int) -> None:
        with self._lock:
            self.position = min(position, self.total)
            now = time.monotonic()
            if self._enabled and now - self._start >= DELAY_S and now - self._last_draw >= 0.1:
                self._draw()
                self._last_draw = now

    def _draw(self, final: bool = False) -> None:
        fraction = 1.0 if final else self.position / self.total
        filled = int(fraction * WIDTH)
        bar = "█" * filled + "·" * (WIDTH - filled)
        elapsed = time.monotonic() - self._start
        self.stream.write(f"\r{self.label[:40]:<40} {bar} {fraction:4.0%} {elapsed:5.1f} s")
        self.stream.flush()
        self._drawn = True
