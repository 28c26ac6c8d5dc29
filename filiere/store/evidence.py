"""Evidence rows (immutable) and ingestion results (one row per attempt)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    sha256: str
    name: str
    size: int
    added_at: str
    added_by: str
    source_ref: str | None
    format: str | None = None
    status: str = "stored"  # stored | ingested | failed | unrecognised
    records: int = 0
    skipped: int = 0
    error: str | None = None


def insert(conn: sqlite3.Connection, row: EvidenceRow) -> None:
    conn.execute(
        "INSERT INTO evidence (sha256, name, size, added_at, added_by, source_ref) VALUES (?,?,?,?,?,?)",
        (row.sha256, row.name, row.size, row.added_at, row.added_by, row.source_ref),
    )


_LATEST = """
    SELECT e.sha256, e.name, e.size, e.added_at, e.added_by, e.source_ref,
           i.format, i.status, i.counts, i.skipped, i.error
    FROM evidence e
    LEFT JOIN ingestions i ON i.id = (
        SELECT MAX(id) FROM ingestions WHERE evidence = e.sha256
    )
"""


def _row(r: sqlite3.Row) -> EvidenceRow:
    counts: dict[str, int] = json.loads(r[8]) if r[8] else {}
    return EvidenceRow(
        sha256=r[0],
        name=r[1],
        size=r[2],
        added_at=r[3],
        added_by=r[4],
        source_ref=r[5],
        format=r[6],
        status=r[7] or "stored",
        records=sum(counts.values()),
        skipped=r[9] or 0,
        error=r[10],
    )


def get(conn: sqlite3.Connection, sha256: str) -> EvidenceRow | None:
    r = conn.execute(_LATEST + " WHERE e.sha256 = ?", (sha256,)).fetchone()
    return None if r is None else _row(r)


def all_rows(conn: sqlite3.Connection) -> list[EvidenceRow]:
    return [_row(r) for r in conn.execute(_LATEST + " ORDER BY e.added_at, e.sha256")]


def record_ingestion(
    conn: sqlite3.Connection,
    *,
    sha256: str,
    format: str | None,
    status: str,
    started_at: str,
    seconds: float,
    counts: dict[str, int],
    skipped: int,
    error: str | None,
    options: dict[str, Any],
) -> None:
    conn.execute(
        "INSERT INTO ingestions (evidence, format, status, started_at, seconds, counts, skipped, error,"
        " options) VALUES (?,?,?,?,?,?,?,?,?)",
        (
            sha256,
            format,
            status,
            started_at,
            seconds,
            json.dumps(counts, sort_keys=True),
            skipped,
            error,
            json.dumps(options, sort_keys=True, default=str),
        ),
    )


def skips(conn: sqlite3.Connection, sha256: str, limit: int = 1000) -> list[tuple[str, str]]:
    rows = conn.execute("SELECT locator, reason FROM skips WHERE evidence = ? LIMIT ?", (sha256, limit))
    return [(r[0], r[1]) for r in rows]


def record_counts(conn: sqlite3.Connection, sha256: str) -> dict[str, int]:
    """How many records of each type a file gave."""
    counts: dict[str, int] = {}
    for kind, table in (
        ("conversation", "conversations"),
        ("account", "accounts"),
        ("message", "messages"),
        ("call", "calls"),
        ("contact", "contacts"),
    ):
        n = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE evidence = ?", (sha256,)).fetchone()[0]
        if n:
            counts[kind] = n
    return counts


def add_path(conn: sqlite3.Connection, sha256: str, path: str, source_ref: str | None) -> None:
    conn.execute("INSERT OR IGNORE INTO evidence_paths VALUES (?,?,?)", (sha256, path, source_ref))


def paths(conn: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    """``(sha256, path, source_ref)`` of every place evidence was found."""
    return [(r[0], r[1], r[2]) for r in conn.execute("SELECT sha256, path, source_ref FROM evidence_paths")]
