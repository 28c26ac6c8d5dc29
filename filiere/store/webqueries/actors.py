"""An actor as the analysis left it: identifiers, names, roles, identity links, contacts, places.

Investigators' judgements are written by ``filiere.resolve.judge``; here they are only read.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any


def _marks(n: int) -> str:
    return ",".join("?" * n)


def actor(conn: sqlite3.Connection, actor_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT * FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    return {**dict(row), "roles": json.loads(row["roles"] or "[]"), "scores": json.loads(row["scores"] or "{}")}


def actors_by_id(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    listed = list(dict.fromkeys(ids))
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        rows = conn.execute(
            f"SELECT id, label, kind, role, role_confidence, community, messages, calls, scores, first_ts, last_ts"
            f" FROM actors WHERE id IN ({_marks(len(chunk))})",
            chunk,
        )
        for r in rows:
            found[int(r["id"])] = {**dict(r), "scores": json.loads(r["scores"] or "{}")}
    return found


def actor_of(conn: sqlite3.Connection, identifier: str) -> int | None:
    row = conn.execute("SELECT actor_id FROM actor_identifiers WHERE identifier = ?", (identifier,)).fetchone()
    return None if row is None else int(row[0])


def identifiers(conn: sqlite3.Connection, actor_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT identifier, kind, display FROM actor_identifiers WHERE actor_id = ? ORDER BY kind, display",
        (actor_id,),
    )
    return [dict(r) for r in rows]


def names_seen(conn: sqlite3.Connection, keys: Sequence[str], limit: int = 20) -> list[dict[str, Any]]:
    """Names the accounts and the messages of these identifiers carry, most used first."""
    if not keys:
        return []
    marks = _marks(len(keys))
    rows = conn.execute(
        f"""SELECT name, SUM(n) AS n FROM (
                SELECT name, 1 AS n FROM accounts WHERE key IN ({marks}) AND name IS NOT NULL AND name != ''
                UNION ALL
                SELECT sender_name, COUNT(*) FROM messages WHERE sender IN ({marks})
                    AND sender_name IS NOT NULL AND sender_name != '' GROUP BY sender_name
            ) GROUP BY name ORDER BY n DESC, name LIMIT ?""",
        [*keys, *keys, limit],
    )
    return [dict(r) for r in rows]


def links(conn: sqlite3.Connection, keys: Sequence[str]) -> list[dict[str, Any]]:
    """Identity links touching these identifiers, with the latest judgement on each pair."""
    if not keys:
        return []
    marks = _marks(len(keys))
    rows = conn.execute(
        f"""SELECT l.id, l.a, l.b, l.rule, l.strength, l.score, l.reason, l.sources, l.status,
                   ia.actor_id AS actor_a, ib.actor_id AS actor_b
            FROM links l
            LEFT JOIN actor_identifiers ia ON ia.identifier = l.a
            LEFT JOIN actor_identifiers ib ON ib.identifier = l.b
            WHERE l.a IN ({marks}) OR l.b IN ({marks})
            ORDER BY l.status = 'proposed' DESC, l.score DESC, l.id""",
        [*keys, *keys],
    ).fetchall()
    found = []
    for r in rows:
        judged = latest_judgement(conn, r["a"], r["b"])
        found.append({**dict(r), "reason": _json(r["reason"], {}), "sources": _json(r["sources"], []),
                      "judgement": judged})  # fmt: skip
    return found


def _json(text: str | None, default: Any) -> Any:
    try:
        return json.loads(text) if text else default
    except ValueError:
        return default


def latest_judgement(conn: sqlite3.Connection, a: str, b: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT id, at, user, decision, note FROM judgements WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)"
        " ORDER BY id DESC LIMIT 1",
        (a, b, b, a),
    ).fetchone()
    return None if row is None else dict(row)


def judgements(conn: sqlite3.Connection, keys: Sequence[str], limit: int = 50) -> list[dict[str, Any]]:
    if not keys:
        return []
    marks = _marks(len(keys))
    rows = conn.execute(
        f"SELECT id, at, user, decision, a, b, note FROM judgements WHERE a IN ({marks}) OR b IN ({marks})"
        f" ORDER BY id DESC LIMIT ?",
        [*keys, *keys, limit],
    )
    return [dict(r) for r in rows]


_TOUCHING = """SELECT dst AS other, kind, day, count, duration_s, first_ts, last_ts FROM edges WHERE src = :id
               UNION ALL
               SELECT src, kind, day, count, duration_s, first_ts, last_ts FROM edges WHERE dst = :id"""


def contacts(conn: sqlite3.Connection, actor_id: int, limit: int = 25) -> list[dict[str, Any]]:
    """Other actors ranked by how much this one dealt with them, over every relation."""
    rows = conn.execute(
        f"""SELECT t.other, SUM(t.count) AS n, SUM(t.duration_s) AS duration_s, GROUP_CONCAT(DISTINCT t.kind) AS kinds,
                   MIN(t.first_ts) AS first_ts, MAX(t.last_ts) AS last_ts,
                   a.label, a.role, a.kind AS actor_kind
            FROM ({_TOUCHING}) t LEFT JOIN actors a ON a.id = t.other
            WHERE t.other != :id GROUP BY t.other ORDER BY n DESC, t.other LIMIT :limit""",
        {"id": actor_id, "limit": limit},
    )
    return [{**dict(r), "kinds": sorted(str(r["kinds"] or "").split(","))} for r in rows]


def activity(conn: sqlite3.Connection, actor_id: int) -> list[dict[str, Any]]:
    """Per day and relation, how many exchanges (days since 1970-01-01, as the edges store them)."""
    rows = conn.execute(
        f"SELECT day, kind, SUM(count) AS n FROM ({_TOUCHING}) WHERE day > 0 GROUP BY day, kind ORDER BY day",
        {"id": actor_id},
    )
    return [dict(r) for r in rows]


def places(conn: sqlite3.Connection, keys: Sequence[str], limit: int = 50) -> list[dict[str, Any]]:
    """Cell sites this actor's lines went through, most used first."""
    if not keys:
        return []
    rows = conn.execute(
        f"""SELECT cell_id, lat, lon, cell_address, COUNT(*) AS n, MIN(ts) AS first_ts, MAX(ts) AS last_ts
            FROM ({own_cells(len(keys))}) GROUP BY cell_id, lat, lon ORDER BY n DESC LIMIT ?""",
        [*keys, *keys, limit],
    )
    return [dict(r) for r in rows]


# A record's cell is the cell of the line whose records they are: the caller when it called out, the
# callee when the call came in. Without this the other party's cell would be put on the map.
_INCOMING = "('incoming', 'missed', 'rejected', 'voicemail', 'blocked')"


def own_cells(n_keys: int, extra: str = "") -> str:
    """SQL of ``(cell_id, lat, lon, cell_address, ts, local_time, id)`` for ``n_keys`` identifiers, twice bound."""
    marks = _marks(n_keys)
    columns = "id, cell_id, lat, lon, cell_address, ts, local_time"
    return (
        f"SELECT {columns} FROM calls WHERE caller IN ({marks}) AND lat IS NOT NULL"
        f" AND direction NOT IN {_INCOMING} {extra}"
        f" UNION ALL SELECT {columns} FROM calls WHERE callee IN ({marks}) AND lat IS NOT NULL"
        f" AND direction IN {_INCOMING} {extra}"
    )
