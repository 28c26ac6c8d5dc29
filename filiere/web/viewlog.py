"""Views of a case in its custody log, even while the case is busy reading evidence.

Reading pages works while evidence is being added (WAL), but writing a custody entry needs the
case's write lock. A view that cannot get it within a moment is kept here, with the time it
happened, and written before the next view of that case (or when the server stops), in order.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filiere.case import Case

WAIT_MS = 300


def _busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


class ViewLog:
    def __init__(self) -> None:
        self._pending: dict[Path, list[tuple[str, dict[str, Any]]]] = {}
        self._lock = threading.Lock()

    def record(self, case: Case, user: str, detail: dict[str, Any]) -> None:
        """Log a view now if the case allows it, else keep it (and any kept before) for later."""
        entry = (user, {**detail, "viewed_at": datetime.now(UTC).isoformat(timespec="seconds")})
        with self._lock:
            waiting = [*self._pending.pop(case.root, []), entry]
        try:
            self._write(case, waiting)
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                raise
            with self._lock:
                self._pending[case.root] = waiting + self._pending.get(case.root, [])

    def pending(self, root: Path) -> int:
        with self._lock:
            return len(self._pending.get(root, []))

    def flush(self) -> None:
        """Write every kept view (the server is stopping); a case still busy keeps its views."""
        with self._lock:
            roots = list(self._pending)
        for root in roots:
            with self._lock:
                waiting = self._pending.pop(root, [])
            if not waiting:
                continue
            try:
                with Case.open(root) as case:
                    self._write(case, waiting)
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
                with self._lock:
                    self._pending[root] = waiting + self._pending.get(root, [])

    @staticmethod
    def _write(case: Case, entries: list[tuple[str, dict[str, Any]]]) -> None:
        case.conn.execute(f"PRAGMA busy_timeout={WAIT_MS}")
        try:
            with case.transaction():
                for user, detail in entries:
                    case.log(user, "web.view", detail)
        finally:
            case.conn.execute("PRAGMA busy_timeout=10000")
