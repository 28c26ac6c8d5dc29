"""The analysis' own tables: actors, identity links, judgements, edges, lineage, disruption."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any


def add_judgement(conn: sqlite3.Connection, at: str, user: str, decision: str, a: str, b: str,
                  note: str | None) -> None:  # fmt: skip
    conn.execute(
        "INSERT INTO judgements (at, user, decision, a, b, note) VALUES (?,?,?,?,?,?)", (at, user, decision, a, b, note)
    )


def clear(conn: sqlite3.Connection) -> None:
    """Replace derived tables; evidence, records and judgements stay."""
    for table in ("actor_identifiers", "actors", "links", "edges", "lineage", "disruption"):
        conn.execute(f"DELETE FROM {table}")


def write_actor(conn: sqlite3.Connection, actor_id: int, label: str, kind: str) -> None:
    conn.execute("INSERT INTO actors (id, label, kind) VALUES (?,?,?)", (actor_id, label, kind))


def write_identifiers(conn: sqlite3.Connection, rows: Iterable[tuple[str, int, str, str]]) -> None:
    conn.executemany("INSERT INTO actor_identifiers (identifier, actor_id, kind, display) VALUES (?,?,?,?)", rows)


def write_links(conn: sqlite3.Connection, rows: Iterable[tuple[Any, ...]]) -> None:
    conn.executemany(
        "INSERT INTO links (a, b, rule, strength, score, reason, sources, status) VALUES (?,?,?,?,?,?,?,?)", rows
    )


def write_edges(conn: sqlite3.Connection, rows: Iterable[tuple[int, int, str, int, int, int, int, int]]) -> None:
    conn.executemany(
        "INSERT INTO edges (src, dst, kind, day, count, first_ts, last_ts, duration_s) VALUES (?,?,?,?,?,?,?,?)", rows
    )


def update_actor(conn: sqlite3.Connection, actor_id: int, **fields: Any) -> None:
    names = sorted(fields)
    conn.execute(
        f"UPDATE actors SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
        [*(fields[n] for n in names), actor_id],
    )


def write_lineage(conn: sqlite3.Connection, rows: Iterable[tuple[str, str, float, str]]) -> None:
    conn.executemany("INSERT INTO lineage (channel, successor, score, reasons) VALUES (?,?,?,?)", rows)


def write_disruption(conn: sqlite3.Connection, rows: Iterable[tuple[str, str, int, int | None, float]]) -> None:
    conn.executemany("INSERT INTO disruption (strategy, mode, step, removed, lcc_fraction) VALUES (?,?,?,?,?)", rows)


def actor_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every actor with its identifiers, best known first (role, then activity)."""
    idents: dict[int, list[dict[str, str]]] = {}
    for r in conn.execute("SELECT actor_id, identifier, kind, display FROM actor_identifiers ORDER BY identifier"):
        idents.setdefault(r[0], []).append({"identifier": r[1], "kind": r[2], "display": r[3]})
    actors = []
    for r in conn.execute(
        "SELECT id, label, kind, role, role_confidence, roles, scores, community, first_ts, last_ts, messages, calls"
        " FROM actors ORDER BY role IS NULL, messages + calls DESC, id"
    ):
        actors.append({
            "id": r[0], "label": r[1], "kind": r[2], "role": r[3], "role_confidence": r[4],
            "roles": json.loads(r[5]), "scores": json.loads(r[6]), "community": r[7],
            "first_ts": r[8], "last_ts": r[9], "messages": r[10], "calls": r[11],
            "identifiers": idents.get(r[0], []),
        })  # fmt: skip
    return actors


def link_rows(conn: sqlite3.Connection, identifiers: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Identity links (all, or those touching ``identifiers``), with their reasons and sources."""
    sql = "SELECT id, a, b, rule, strength, score, reason, sources, status FROM links"
    args: list[str] = []
    if identifiers is not None:
        wanted = list(identifiers)
        marks = ",".join("?" * len(wanted))
        sql += f" WHERE a IN ({marks}) OR b IN ({marks})"
        args = wanted + wanted
    return [
        {"id": r[0], "a": r[1], "b": r[2], "rule": r[3], "strength": r[4], "score": r[5],
         "reason": json.loads(r[6]), "sources": json.loads(r[7]), "status": r[8]}
        for r in conn.execute(sql + " ORDER BY score DESC, id", args)
    ]  # fmt: skip


def link_by_id(conn: sqlite3.Connection, link_id: int) -> tuple[str, str] | None:
    row = conn.execute("SELECT a, b FROM links WHERE id = ?", (link_id,)).fetchone()
    return None if row is None else (row[0], row[1])


def identifiers_of(conn: sqlite3.Connection, actor_id: int) -> list[str]:
    rows = conn.execute("SELECT identifier FROM actor_identifiers WHERE actor_id = ? ORDER BY identifier", (actor_id,))
    return [r[0] for r in rows]


def known_identifier(conn: sqlite3.Connection, identifier: str) -> bool:
    return conn.execute("SELECT 1 FROM actor_identifiers WHERE identifier = ?", (identifier,)).fetchone() is not None


def network_edges(conn: sqlite3.Connection, start_day: int | None = None, end_day: int | None = None
                  ) -> list[tuple[int, int, str, int, int, int]]:  # fmt: skip
    """``(src, dst, kind, count, first_ts, last_ts)`` summed over days in ``[start_day, end_day]``
    (timeless relations, day 0, are always kept)."""
    where, args = "", []
    if start_day is not None or end_day is not None:
        where = " WHERE day = 0 OR (day >= ? AND day <= ?)"
        args = [start_day if start_day is not None else 0, end_day if end_day is not None else 1 << 40]
    rows = conn.execute(
        "SELECT src, dst, kind, SUM(count), MIN(first_ts), MAX(last_ts) FROM edges"
        + where
        + " GROUP BY src, dst, kind",
        args,
    )
    return [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]
