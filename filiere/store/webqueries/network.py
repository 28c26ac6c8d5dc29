"""The actor network for the graph page: nodes from ``actors``, edges from ``edges`` by relation and day."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from filiere.store.webqueries.actors import actors_by_id

KINDS = ("message", "call", "sms", "advertises", "handoff", "same_device", "colocation")


def _marks(n: int) -> str:
    return ",".join("?" * n)


def metrics(conn: sqlite3.Connection) -> list[str]:
    """The scores the analysis stored (keys of ``actors.scores``), read from a sample of actors."""
    keys: set[str] = set()
    for (scores,) in conn.execute("SELECT scores FROM actors LIMIT 50"):
        value = json.loads(scores or "{}")
        keys.update(k for k, v in value.items() if isinstance(v, int | float))
    return sorted(keys)


def top_actors(conn: sqlite3.Connection, metric: str, limit: int) -> list[int]:
    rows = conn.execute(
        "SELECT id FROM actors ORDER BY COALESCE(json_extract(scores, '$.' || ?), 0) DESC,"
        " messages + calls DESC, id LIMIT ?",
        (metric, limit),
    )
    return [int(r[0]) for r in rows]


def _window(kinds: Sequence[str], day_from: int | None, day_to: int | None) -> tuple[str, list[Any]]:
    """Relations and a day range; timeless relations (day 0) are kept whatever the range."""
    clause = f"kind IN ({_marks(len(kinds))})"
    args: list[Any] = list(kinds)
    if day_from is not None:
        clause += " AND (day = 0 OR day >= ?)"
        args.append(day_from)
    if day_to is not None:
        clause += " AND (day = 0 OR day <= ?)"
        args.append(day_to)
    return clause, args


def edges_among(
    conn: sqlite3.Connection, ids: Sequence[int], kinds: Sequence[str], day_from: int | None, day_to: int | None
) -> list[dict[str, Any]]:
    if not ids or not kinds:
        return []
    window, args = _window(kinds, day_from, day_to)
    listed = list(dict.fromkeys(ids))
    rows = conn.execute(
        f"""SELECT src, dst, kind, SUM(count) AS count, SUM(duration_s) AS duration_s,
                   MIN(first_ts) AS first_ts, MAX(last_ts) AS last_ts
            FROM edges WHERE src IN ({_marks(len(listed))}) AND dst IN ({_marks(len(listed))}) AND {window}
            GROUP BY src, dst, kind""",
        [*listed, *listed, *args],
    )
    return [dict(r) for r in rows]


def neighbours(
    conn: sqlite3.Connection,
    actor_id: int,
    kinds: Sequence[str],
    day_from: int | None,
    day_to: int | None,
    limit: int,
) -> list[int]:
    """The actors this one dealt with most in the window, heaviest first."""
    if not kinds:
        return []
    window, args = _window(kinds, day_from, day_to)
    rows = conn.execute(
        f"""SELECT other, SUM(count) AS n FROM (
                SELECT dst AS other, count FROM edges WHERE src = ? AND {window}
                UNION ALL SELECT src, count FROM edges WHERE dst = ? AND {window})
            WHERE other != ? GROUP BY other ORDER BY n DESC, other LIMIT ?""",
        [actor_id, *args, actor_id, *args, actor_id, limit],
    )
    return [int(r[0]) for r in rows]


def nodes(conn: sqlite3.Connection, ids: Sequence[int]) -> list[dict[str, Any]]:
    found = actors_by_id(conn, ids)
    return [found[i] for i in dict.fromkeys(ids) if i in found]


def day_span(conn: sqlite3.Connection) -> tuple[int | None, int | None]:
    row = conn.execute("SELECT MIN(day), MAX(day) FROM edges WHERE day > 0").fetchone()
    return (row[0], row[1])
