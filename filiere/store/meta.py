"""The case's own facts (title, reference, creation time) as key/value rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping


def write(conn: sqlite3.Connection, values: Mapping[str, str]) -> None:
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items()))


def read(conn: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT key, value FROM meta")}
