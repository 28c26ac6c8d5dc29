"""Opening a case database with the settings every connection needs."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filiere.errors import CaseError


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode; transactions are opened explicitly with ``transaction``."""
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        else:
            # Bulk ingestion writes from a worker thread while the reader parses (see RecordWriter).
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=10000")
        conn.execute("PRAGMA cache_size=-131072")  # 128 MiB of page cache for bulk ingestion
        conn.execute("PRAGMA temp_store=MEMORY")
    except sqlite3.DatabaseError as exc:
        raise CaseError(
            f"{path}: not a readable case database ({exc})",
            hint="check that the folder is a filiere case and that case.sqlite is not damaged",
        ) from exc
    conn.row_factory = sqlite3.Row
    return conn


def tuples(conn: sqlite3.Connection, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
    """``conn.execute`` giving plain tuples: for the million-row reads of the analysis, where building a
    ``sqlite3.Row`` per row and reading it by index cost more than the query."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(sql, parameters)


@contextmanager
def transaction(
    conn: sqlite3.Connection, *, bulk: bool = False, before_commit: Callable[[], None] | None = None
) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception: all or nothing. ``before_commit`` runs
    last inside the transaction (a failure there rolls it back too).

    ``bulk``: foreign keys are not checked row by row (a lookup in the messages table per derived
    row, several seconds for a million) but all at once before the commit (``check_foreign_keys``).
    """
    if bulk:
        conn.execute("PRAGMA foreign_keys=OFF")  # only outside a transaction does this take effect
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            if bulk:
                check_foreign_keys(conn)
            if before_commit is not None:
                before_commit()
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # also a COMMIT that failed (busy): nothing half-kept, nothing left open
                conn.execute("ROLLBACK")
            raise
    finally:
        if bulk:
            conn.execute("PRAGMA foreign_keys=ON")


def check_foreign_keys(conn: sqlite3.Connection) -> None:
    """Every reference of the database in one pass; raise (so that the transaction rolls back) if one
    points nowhere."""
    broken = conn.execute("PRAGMA foreign_key_check").fetchmany(3)
    if broken:
        rows = ", ".join(f"{r[0]} row {r[1]} -> {r[2]}" for r in broken)
        raise CaseError(
            f"references to nothing ({rows}): nothing was written",
            hint="report this as a bug with the command that led to it; the case is unchanged",
        )
