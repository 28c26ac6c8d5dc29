"""Messages of one conversation, page by page, with their source and detections."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

_COLUMNS = """m.id, m.evidence, m.locator, m.native_id, m.kind, m.conversation, m.sender, m.sender_name,
              m.ts, m.local_time, m.tz, m.text, m.reply_to, m.forwarded_from, m.media, m.media_type,
              m.edited_ts, m.direction, e.name AS evidence_name"""


def conversation_info(conn: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    """The conversation as its evidence files describe it; ``None`` when no file knows the key."""
    rows = conn.execute("SELECT evidence, platform, kind, title, native_id, locator FROM conversations WHERE key = ?",
                        (key,)).fetchall()  # fmt: skip
    span = conn.execute("SELECT COUNT(*), MIN(ts), MAX(ts) FROM messages WHERE conversation = ?", (key,)).fetchone()
    if not rows and not span[0]:
        return None
    first = rows[0] if rows else None
    return {
        "key": key,
        "platform": first["platform"] if first else "",
        "kind": first["kind"] if first else "unknown",
        "title": next((r["title"] for r in rows if r["title"]), None),
        "sources": [{"sha256": r["evidence"], "locator": r["locator"]} for r in rows],
        "messages": int(span[0]),
        "first_ts": span[1],
        "last_ts": span[2],
    }


def message(conn: sqlite3.Connection, message_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM messages m JOIN evidence e ON e.sha256 = m.evidence WHERE m.id = ?", (message_id,)
    ).fetchone()
    return None if row is None else dict(row)


def find_native(conn: sqlite3.Connection, key: str, native_id: str) -> int | None:
    """The row id of a message named by its exporter id (a reply's target), newest first."""
    row = conn.execute(
        "SELECT id FROM messages WHERE conversation = ? AND native_id = ? ORDER BY ts DESC LIMIT 1", (key, native_id)
    ).fetchone()
    return None if row is None else int(row[0])


def page(
    conn: sqlite3.Connection, key: str, *, anchor: tuple[int, int] | None, direction: str, limit: int
) -> list[dict[str, Any]]:
    """Messages in time order: the last ``limit`` (no anchor), or those before/after/around ``(ts, id)``."""
    base = f"SELECT {_COLUMNS} FROM messages m JOIN evidence e ON e.sha256 = m.evidence WHERE m.conversation = ?"
    if anchor is None:
        rows = conn.execute(base + " ORDER BY m.ts DESC, m.id DESC LIMIT ?", (key, limit)).fetchall()
        return [dict(r) for r in reversed(rows)]
    before = conn.execute(base + " AND (m.ts, m.id) < (?, ?) ORDER BY m.ts DESC, m.id DESC LIMIT ?",
                          (key, *anchor, limit if direction == "before" else limit // 2)).fetchall()  # fmt: skip
    if direction == "before":
        return [dict(r) for r in reversed(before)]
    inclusive = ">=" if direction == "around" else ">"
    after = conn.execute(base + f" AND (m.ts, m.id) {inclusive} (?, ?) ORDER BY m.ts, m.id LIMIT ?",
                         (key, *anchor, limit if direction == "after" else limit - len(before))).fetchall()  # fmt: skip
    if direction == "after":
        return [dict(r) for r in after]
    return [dict(r) for r in reversed(before)] + [dict(r) for r in after]


def has_more(conn: sqlite3.Connection, key: str, anchor: tuple[int, int], later: bool) -> bool:
    op, order = (">", "ASC") if later else ("<", "DESC")
    row = conn.execute(
        f"SELECT 1 FROM messages WHERE conversation = ? AND (ts, id) {op} (?, ?) ORDER BY ts {order} LIMIT 1",
        (key, *anchor),
    ).fetchone()
    return row is not None


def detections(conn: sqlite3.Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each message's stored detection (only messages in which something was found have one)."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = conn.execute(
            f"SELECT d.message_id, d.drug_trade, d.score, r.result FROM detections d"
            f" JOIN detection_results r ON r.id = d.result_id WHERE d.message_id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for r in rows:
            found[int(r[0])] = {"drug_trade": bool(r[1]), "score": r[2], "result": json.loads(r[3])}
    return found


def conversation_titles(conn: sqlite3.Connection, keys: set[str]) -> dict[str, str]:
    if not keys:
        return {}
    listed = sorted(keys)
    rows = conn.execute(
        f"SELECT key, title FROM conversations WHERE title IS NOT NULL AND key IN ({','.join('?' * len(listed))})",
        listed,
    )
    return {r[0]: r[1] for r in rows}


def owners(conn: sqlite3.Connection, evidence: set[str]) -> set[str]:
    """Account keys that made these exports or own these phones: their messages are shown as sent."""
    if not evidence:
        return set()
    listed = sorted(evidence)
    rows = conn.execute(
        f"SELECT DISTINCT key FROM accounts WHERE is_owner = 1 AND evidence IN ({','.join('?' * len(listed))})", listed
    )
    return {r[0] for r in rows}
