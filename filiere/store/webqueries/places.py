"""Cell sites, a line's day of movements, and what a channel's messages say (lineage, hours, zones)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from filiere.store.webqueries.actors import own_cells


def cell_sites(conn: sqlite3.Connection, limit: int = 2000) -> list[dict[str, Any]]:
    """Every cell site of the call records, with how many records went through it."""
    rows = conn.execute(
        """SELECT cell_id, lat, lon, MAX(cell_address) AS cell_address, COUNT(*) AS n,
                  MIN(ts) AS first_ts, MAX(ts) AS last_ts
           FROM calls WHERE lat IS NOT NULL AND lon IS NOT NULL
           GROUP BY cell_id, lat, lon ORDER BY n DESC LIMIT ?""",
        (limit,),
    )
    return [dict(r) for r in rows]


def tour(conn: sqlite3.Connection, keys: Sequence[str], start: int, end: int) -> list[dict[str, Any]]:
    """The cells of these lines between ``start`` and ``end`` (epoch seconds), in time order."""
    if not keys:
        return []
    rows = conn.execute(
        f"SELECT * FROM ({own_cells(len(keys), 'AND ts >= ? AND ts < ?')}) ORDER BY ts, id",
        [*keys, start, end, *keys, start, end],
    )
    return [dict(r) for r in rows]


def tour_days(conn: sqlite3.Connection, keys: Sequence[str]) -> list[dict[str, Any]]:
    """Local days on which these lines were seen at a cell, with the number of records."""
    if not keys:
        return []
    rows = conn.execute(
        f"SELECT substr(local_time, 1, 10) AS day, COUNT(*) AS n FROM ({own_cells(len(keys))}) GROUP BY 1 ORDER BY 1",
        [*keys, *keys],
    )
    return [dict(r) for r in rows]


def actors_with_role(conn: sqlite3.Connection, role: str) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT id, label FROM actors WHERE role = ? ORDER BY calls DESC, id LIMIT 200", (role,))
    return [dict(r) for r in rows]


def _items(
    conn: sqlite3.Connection, path: str, fields: Sequence[str], where: str, args: Sequence[Any]
) -> list[dict[str, Any]]:
    """Count the objects at ``path`` of the detection results of the messages ``where`` selects."""
    columns = ", ".join(f"json_extract(j.value, '$.{f}') AS \"{f}\"" for f in fields)
    rows = conn.execute(
        f"""SELECT {columns}, COUNT(*) AS n, MIN(m.ts) AS first_ts, MAX(m.ts) AS last_ts
            FROM messages m CROSS JOIN detections d ON d.message_id = m.id
            JOIN detection_results r ON r.id = d.result_id, json_each(r.result, '$.{path}') j
            WHERE {where} GROUP BY {", ".join(str(i + 1) for i in range(len(fields)))} ORDER BY n DESC LIMIT 100""",
        list(args),
    )
    return [dict(r) for r in rows]


_SERVICE = "m.id IN (SELECT message_id FROM message_labels WHERE label = 'category:service')"


def channel_hours(conn: sqlite3.Connection, key: str) -> list[dict[str, Any]]:
    found = _items(conn, "hours", ("from", "to", "days"), f"m.conversation = ? AND {_SERVICE}", (key,))
    for item in found:
        if isinstance(item["days"], str):  # json_extract gives arrays back as JSON text
            item["days"] = json.loads(item["days"])
    return found


def channel_zones(conn: sqlite3.Connection, key: str) -> list[dict[str, Any]]:
    return _items(conn, "zones", ("kind", "value"), f"m.conversation = ? AND {_SERVICE}", (key,))


def case_zones(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Zones named by the case's service messages, most mentioned first."""
    return _items(conn, "zones", ("kind", "value"), _SERVICE, ())


def channel_handoffs(conn: sqlite3.Connection, key: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        """SELECT mn.platform, mn.value, COUNT(*) AS n, MIN(m.ts) AS first_ts, MAX(m.ts) AS last_ts
           FROM messages m CROSS JOIN mentions mn ON mn.message_id = m.id
           WHERE m.conversation = ? AND mn.kind IN ('handoff', 'phone')
           GROUP BY mn.platform, mn.value ORDER BY last_ts DESC LIMIT 100""",
        (key,),
    )
    return [dict(r) for r in rows]


def channel_menu(conn: sqlite3.Connection, key: str, limit: int = 5) -> list[dict[str, Any]]:
    """The latest offers the channel posted (its menu as it changed)."""
    rows = conn.execute(
        """SELECT m.id, m.ts, m.local_time, m.tz, m.text, m.locator, m.evidence FROM messages m
           WHERE m.conversation = ? AND m.id IN (SELECT message_id FROM message_labels WHERE label = 'category:offer')
           ORDER BY m.ts DESC, m.id DESC LIMIT ?""",
        (key, limit),
    )
    return [dict(r) for r in rows]


def lineage(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT channel, successor, score, reasons FROM lineage ORDER BY rowid")
    found = []
    for r in rows:
        try:
            reasons = json.loads(r["reasons"]) if r["reasons"] else []
        except ValueError:
            reasons = [r["reasons"]]
        found.append({**dict(r), "reasons": reasons})
    return found
