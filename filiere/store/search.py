"""Full-text search over messages with filters (dates, conversation, senders, categories, products).

The index ignores case and accents. A query keeps ``"exact phrases"`` and ``prefix*`` words; every
other word is taken literally (quoted), so hostile or malformed input is never FTS syntax.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"  # private-use characters, turned into <mark> by the web layer
COUNT_CAP = 10000
DENSE = 1000  # hits above which walking the time index from the newest beats sorting every hit

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def fts_query(text: str) -> str:
    """A safe FTS5 expression for what an investigator typed.

    >>> fts_query('livraison "de midi à minuit" beu*')
    '"livraison" "de midi à minuit" "beu"*'
    >>> fts_query('NEAR( " OR')
    '"NEAR(" "OR"'
    """
    parts: list[str] = []
    for phrase, word in _TOKEN.findall(text):
        if phrase.strip():
            parts.append('"' + phrase.replace('"', "") + '"')
        elif word:
            prefix = word.endswith("*") and len(word) > 1
            core = word.rstrip("*").replace('"', "")
            if core and any(ch.isalnum() for ch in core):
                parts.append(f'"{core}"' + ("*" if prefix else ""))
    return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Query:
    text: str = ""
    start: int | None = None  # epoch seconds, inclusive
    end: int | None = None  # epoch seconds, exclusive
    conversation: str | None = None
    senders: tuple[str, ...] = ()  # account keys that mean the same in every file (an actor's identifiers)
    scoped_senders: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (key, the files of its seizure)
    categories: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    trade_only: bool = False
    limit: int = 50
    offset: int = 0


@dataclass(slots=True)
class Results:
    hits: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    capped: bool = False


def search(conn: sqlite3.Connection, q: Query) -> Results:
    where: list[str] = []
    args: list[Any] = []
    match = fts_query(q.text)
    if match:
        where.append("m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)")
        args.append(match)
    if q.start is not None:
        where.append("m.ts >= ?")
        args.append(q.start)
    if q.end is not None:
        where.append("m.ts < ?")
        args.append(q.end)
    if q.conversation:
        where.append("m.conversation = ?")
        args.append(q.conversation)
    if q.senders or q.scoped_senders:
        # A display name read on one seized phone is that phone's contact, not anyone's of that name.
        parts = [f"m.sender IN ({','.join('?' * len(q.senders))})"] if q.senders else []
        args.extend(q.senders)
        for key, files in q.scoped_senders:
            parts.append(f"(m.sender = ? AND m.evidence IN ({','.join('?' * len(files))}))")
            args.extend((key, *files))
        where.append("(" + " OR ".join(parts) + ")")
    labels = [f"category:{c}" for c in q.categories] + [f"product:{p}" for p in q.products]
    if q.trade_only:
        where.append("m.id IN (SELECT message_id FROM detections WHERE drug_trade = 1)")
    for label in labels:
        where.append("m.id IN (SELECT message_id FROM message_labels WHERE label = ?)")
        args.append(label)
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    if match and len(where) == 1:
        # Words alone: count in the index itself, without building the list of every matching id.
        total = conn.execute(
            f"SELECT COUNT(*) FROM (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? LIMIT {COUNT_CAP + 1})",
            [match],
        ).fetchone()[0]
    else:
        total = conn.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM messages m {clause} LIMIT {COUNT_CAP + 1})", args
        ).fetchone()[0]
    # Many hits: walk the time index from the newest and stop at the page's end; few: sort them.
    walk = "INDEXED BY messages_ts" if total > DENSE else ""
    rows = conn.execute(
        f"""SELECT m.id, m.evidence, m.locator, m.native_id, m.kind, m.conversation, m.sender, m.sender_name,
                   m.ts, m.local_time, m.tz, m.text, m.media, e.name AS evidence_name,
                   d.drug_trade, d.score
            FROM messages m {walk} JOIN evidence e ON e.sha256 = m.evidence
            LEFT JOIN detections d ON d.message_id = m.id
            {clause} ORDER BY m.ts DESC, m.id DESC LIMIT ? OFFSET ?""",
        [*args, q.limit, q.offset],
    ).fetchall()
    hits = [dict(r) for r in rows]
    if match and hits:
        marked = _highlights(conn, match, [h["id"] for h in hits])
        for hit in hits:
            hit["highlighted"] = marked.get(hit["id"], hit["text"])
    return Results(hits, min(total, COUNT_CAP), total > COUNT_CAP)


def _highlights(conn: sqlite3.Connection, match: str, ids: list[int]) -> dict[int, str]:
    rows = conn.execute(
        f"SELECT rowid, highlight(messages_fts, 0, ?, ?) FROM messages_fts WHERE messages_fts MATCH ? "
        f"AND rowid IN ({','.join('?' * len(ids))})",
        [MARK_OPEN, MARK_CLOSE, match, *ids],
    ).fetchall()
    return {r[0]: r[1] for r in rows}
