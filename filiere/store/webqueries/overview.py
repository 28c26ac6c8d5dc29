"""What the case dashboard and the cases list show: counts, heat map, price series, key actors."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

_COUNTED = ("evidence", "conversations", "accounts", "messages", "calls", "contacts", "actors")


def fingerprint(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """Changes whenever evidence is read or the analysis re-runs: the key of every derived figure.

    Each part is a MAX over a rowid or primary key, so this costs a few page reads on any size.
    """
    row = conn.execute(
        "SELECT (SELECT MAX(id) FROM messages), (SELECT MAX(id) FROM calls), (SELECT MAX(id) FROM ingestions),"
        " (SELECT MAX(id) FROM analysis_runs), (SELECT MAX(message_id) FROM detections),"
        " (SELECT MAX(id) FROM actors)"
    ).fetchone()
    return tuple(row)


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    found = {table: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]) for table in _COUNTED}
    found["trade_messages"] = int(conn.execute("SELECT COUNT(*) FROM detections WHERE drug_trade = 1").fetchone()[0])
    found["proposed_links"] = int(conn.execute("SELECT COUNT(*) FROM links WHERE status = 'proposed'").fetchone()[0])
    return found


def heatmap(conn: sqlite3.Connection, table: str) -> list[list[int]]:
    """Counts by weekday (0 = Monday) and hour, read from the local time the evidence states."""
    if table not in ("messages", "calls"):
        raise ValueError(table)
    grid = [[0] * 24 for _ in range(7)]
    rows = conn.execute(
        f"SELECT CAST(strftime('%w', substr(local_time, 1, 19)) AS INTEGER),"
        f" CAST(substr(local_time, 12, 2) AS INTEGER), COUNT(*) FROM {table}"
        f" WHERE length(local_time) >= 13 GROUP BY 1, 2"
    )
    for weekday, hour, n in rows:
        if weekday is not None and hour is not None and 0 <= hour < 24:
            grid[(int(weekday) + 6) % 7][int(hour)] += int(n)
    return grid


def price_series(conn: sqlite3.Connection, conversation: str | None = None) -> list[dict[str, Any]]:
    """Unit prices by product, unit and currency, per week (Monday): count, mean, min, max, and how
    many quotes had their currency inferred rather than written (``inferred``).

    Only prices with a quantity give a unit price; a price without one is counted as for one unit.
    """
    where, args = "", []
    if conversation is not None:
        # The prices table has no message index: scan it and probe messages by primary key.
        where = "WHERE p.message_id IN (SELECT id FROM messages WHERE conversation = ?)"
        args = [conversation]
    rows = conn.execute(
        f"""SELECT COALESCE(p.product, '?') AS product, COALESCE(p.unit, '') AS unit,
                   COALESCE(p.currency, '') AS currency,
                   date(p.ts, 'unixepoch', 'weekday 0', '-6 days') AS week,
                   COUNT(*) AS n, AVG(p.amount / COALESCE(NULLIF(p.quantity, 0), 1)) AS mean,
                   MIN(p.amount / COALESCE(NULLIF(p.quantity, 0), 1)) AS low,
                   MAX(p.amount / COALESCE(NULLIF(p.quantity, 0), 1)) AS high,
                   SUM(p.currency_stated = 0) AS inferred
            FROM prices p {where} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4""",
        args,
    )
    series: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in rows:
        key = (r["product"], r["unit"], r["currency"])
        entry = series.setdefault(
            key, {"product": key[0], "unit": key[1], "currency": key[2], "n": 0, "inferred": 0, "points": []}
        )
        entry["n"] += r["n"]
        entry["inferred"] += r["inferred"] or 0
        entry["points"].append(
            {"week": r["week"], "n": r["n"], "mean": round(r["mean"], 2), "low": r["low"], "high": r["high"]}
        )
    return sorted(series.values(), key=lambda s: -int(s["n"]))


def key_actors(conn: sqlite3.Connection, limit: int = 10) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT id, label, kind, role, role_confidence, community, messages, calls, scores FROM actors"
        " ORDER BY COALESCE(json_extract(scores, '$.pagerank'), 0) DESC, messages + calls DESC, id LIMIT ?",
        (limit,),
    )
    return [{**dict(r), "scores": json.loads(r["scores"] or "{}")} for r in rows]


def latest_trade(conn: sqlite3.Connection, limit: int = 10) -> list[dict[str, Any]]:
    """The newest messages judged trade; messages drive the loop so the time index gives the order."""
    rows = conn.execute(
        """SELECT m.id, m.conversation, m.sender, m.sender_name, m.ts, m.local_time, m.tz, m.text,
                  m.locator, m.evidence, d.score, r.result
           FROM messages m CROSS JOIN detections d ON d.message_id = m.id
           JOIN detection_results r ON r.id = d.result_id
           WHERE d.drug_trade = 1 ORDER BY m.ts DESC, m.id DESC LIMIT ?""",
        (limit,),
    )
    return [{**dict(r), "result": json.loads(r["result"])} for r in rows]


def latest_custody(conn: sqlite3.Connection, limit: int = 25) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT seq, at, actor, action, detail, hash FROM custody ORDER BY seq DESC LIMIT ?", (limit,))
    return [{**dict(r), "detail": json.loads(r["detail"])} for r in rows]


def evidence_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM evidence").fetchone()[0])


def conversations(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every conversation with its message count and time span (one pass over the conversation index)."""
    spans = {
        r[0]: (r[1], r[2], r[3])
        for r in conn.execute("SELECT conversation, COUNT(*), MIN(ts), MAX(ts) FROM messages GROUP BY conversation")
    }
    found: dict[str, dict[str, Any]] = {}
    for r in conn.execute("SELECT key, platform, kind, title FROM conversations ORDER BY key, id"):
        found.setdefault(r["key"], {**dict(r), "messages": 0, "first_ts": None, "last_ts": None})
    for key, (n, first, last) in spans.items():
        entry = found.setdefault(key, {"key": key, "platform": "", "kind": "unknown", "title": None})
        entry.update(messages=n, first_ts=first, last_ts=last)
    return sorted(found.values(), key=lambda c: (-int(c.get("messages") or 0), c["key"]))


def labels(conn: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """Categories and products present, with their message counts (for the search filters)."""
    found: dict[str, dict[str, int]] = {"category": {}, "product": {}}
    for label, n in conn.execute("SELECT label, COUNT(*) FROM message_labels GROUP BY label ORDER BY 2 DESC"):
        kind, _, value = str(label).partition(":")
        if kind in found and value:
            found[kind][value] = int(n)
    return found
