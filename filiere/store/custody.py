"""The custody log: append-only rows, each carrying the SHA-256 of the one before it.

``entry_hash`` is the whole rule: the hash of a row covers its sequence number, time, actor,
action, detail and the previous row's hash, so that changing, removing or reordering any row
breaks every hash after it. There is deliberately no function here to change or delete a row,
and triggers in the schema refuse it at the SQL level too.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class Entry:
    seq: int
    at: str
    actor: str
    action: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def canonical(detail: Mapping[str, Any]) -> str:
    return json.dumps(detail, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(seq: int, at: str, actor: str, action: str, detail: str, prev_hash: str) -> str:
    payload = json.dumps([seq, at, actor, action, detail, prev_hash], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(conn: sqlite3.Connection, actor: str, action: str, detail: Mapping[str, Any]) -> Entry:
    """Append one entry; call inside the transaction of the action it records."""
    last = conn.execute("SELECT seq, hash FROM custody ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (1, GENESIS) if last is None else (last[0] + 1, last[1])
    at = datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    text = canonical(detail)
    digest = entry_hash(seq, at, actor, action, text, prev)
    conn.execute(
        "INSERT INTO custody (seq, at, actor, action, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
        (seq, at, actor, action, text, prev, digest),
    )
    return Entry(seq, at, actor, action, json.loads(text), prev, digest)


def entries(conn: sqlite3.Connection) -> Iterator[Entry]:
    """Every entry in the order they are stored (rowid order, which ``verify`` checks)."""
    rows = conn.execute("SELECT seq, at, actor, action, detail, prev_hash, hash FROM custody ORDER BY rowid")
    for row in rows:
        yield Entry(row[0], row[1], row[2], row[3], json.loads(row[4]), row[5], row[6])


def raw_rows(conn: sqlite3.Connection) -> Iterator[tuple[int, str, str, str, str, str, str]]:
    """Rows as stored, detail as its exact stored text (for verification)."""
    rows = conn.execute("SELECT seq, at, actor, action, detail, prev_hash, hash FROM custody ORDER BY rowid")
    for row in rows:
        yield (row[0], row[1], row[2], row[3], row[4], row[5], row[6])
