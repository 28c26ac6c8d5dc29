"""Detection results per message: stored whole (explained) and indexed for filters and series."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

BATCH = 5000


BULK_GRAMS = 100.0


@dataclass(frozen=True, slots=True)
class Finding:
    """One detection laid out for the store: computed once per distinct text, reused for repeats."""

    drug_trade: int
    score: float
    result: str  # the detector's whole explained output, as JSON
    categories: str  # space-separated, for the analysis
    labels: tuple[str, ...]
    mentions: tuple[tuple[str, str, str | None], ...]  # (kind, value, platform)
    prices: tuple[tuple[Any, ...], ...]  # (product, amount, currency, quantity, unit)
    addresses: int
    bulk: int  # wholesale quantities: kilos, or 100 g and more


def finding(result: dict[str, Any]) -> Finding:
    """Lay out a detection's ``to_dict()`` for storage."""
    categories = tuple(result.get("categories", ()))
    labels = [f"category:{c}" for c in categories] + [f"product:{p}" for p in result.get("products", ())]
    if result.get("drug_trade"):
        labels.append("trade")
    mentions: list[tuple[str, str, str | None]] = [("phone", p, None) for p in result.get("phones", ())]
    mentions += [("handoff", str(h.get("value", "")), h.get("platform")) for h in result.get("handoffs", ())]
    for kind in ("handles", "links", "emails", "ibans"):
        mentions += [(kind[:-1], str(v), None) for v in result.get(kind, ())]
    mentions += [("wallet", str(w.get("address", "")), w.get("currency")) for w in result.get("wallets", ())]
    prices = tuple(
        (p.get("product"), p.get("amount"), p.get("currency"), p.get("quantity"), p.get("unit"))
        for p in result.get("prices", ())
        if p.get("amount") is not None
    )
    bulk = any(unit in ("kg", "kilo") or (unit == "g" and isinstance(q, int | float) and q >= BULK_GRAMS)
               for _p, _a, _c, q, unit in prices)  # fmt: skip
    return Finding(
        int(bool(result.get("drug_trade"))), float(result.get("score", 0.0)), json.dumps(result, ensure_ascii=False),
        " ".join(categories), tuple(labels), tuple(mentions), prices, len(result.get("addresses", ())), int(bulk),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Detected:
    """One message's detection as the analysis stage hands it to the store."""

    message_id: int
    ts: int
    finding: Finding


def clear(conn: sqlite3.Connection) -> None:
    """Derived tables are replaced on every run; evidence and judgements are never touched."""
    for table in ("detections", "message_labels", "mentions", "prices"):
        conn.execute(f"DELETE FROM {table}")


def conversations_to_detect(conn: sqlite3.Connection) -> list[tuple[str, str, bool]]:
    """``(evidence, conversation, is_broadcast)`` of every conversation with text: channels broadcast."""
    rows = conn.execute(
        "SELECT DISTINCT m.evidence, m.conversation, COALESCE(c.kind, 'unknown') = 'channel' FROM messages m"
        " LEFT JOIN conversations c ON c.evidence = m.evidence AND c.key = m.conversation WHERE m.text != ''"
    )
    return [(r[0], r[1], bool(r[2])) for r in rows]


def conversation_texts(conn: sqlite3.Connection, evidence: str, conversation: str) -> Iterator[tuple[int, int, str]]:
    """``(id, ts, text)`` of a conversation's messages with text, in time order, streamed."""
    cursor = conn.execute(
        "SELECT id, ts, text FROM messages WHERE evidence = ? AND conversation = ? AND text != '' ORDER BY ts, id",
        (evidence, conversation),
    )
    while rows := cursor.fetchmany(BATCH):
        for r in rows:
            yield (r[0], r[1], r[2])


def write(conn: sqlite3.Connection, detected: Iterable[Detected]) -> int:
    """Store results that found anything (a message with nothing found has no row)."""
    detections: list[tuple[Any, ...]] = []
    labels: list[tuple[str, int]] = []
    mentions: list[tuple[int, str, str, str | None]] = []
    prices: list[tuple[Any, ...]] = []
    for d in detected:
        f, mid = d.finding, d.message_id
        detections.append((mid, f.drug_trade, f.score, f.result, f.categories, f.addresses, f.bulk))
        labels.extend((label, mid) for label in f.labels)
        mentions.extend((mid, kind, value, platform) for kind, value, platform in f.mentions)
        prices.extend((mid, d.ts, *price) for price in f.prices)
    conn.executemany(
        "INSERT OR REPLACE INTO detections (message_id, drug_trade, score, result, categories, addresses, bulk)"
        " VALUES (?,?,?,?,?,?,?)",
        detections,
    )
    conn.executemany("INSERT OR IGNORE INTO message_labels VALUES (?,?)", labels)
    conn.executemany("INSERT INTO mentions VALUES (?,?,?,?)", mentions)
    conn.executemany("INSERT INTO prices VALUES (?,?,?,?,?,?,?)", prices)
    return len(detections)


def record_run(conn: sqlite3.Connection, stage: str, started_at: str, seconds: float, version: str,
               summary: dict[str, Any]) -> None:  # fmt: skip
    conn.execute(
        "INSERT INTO analysis_runs (stage, started_at, seconds, version, summary) VALUES (?,?,?,?,?)",
        (stage, started_at, seconds, version, json.dumps(summary, sort_keys=True)),
    )


def result(conn: sqlite3.Connection, message_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT result FROM detections WHERE message_id = ?", (message_id,)).fetchone()
    return None if row is None else dict(json.loads(row[0]))


def trade_summary(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts an investigator reads first: trade messages, by category and by product."""
    total = conn.execute("SELECT COUNT(*) FROM detections WHERE drug_trade = 1").fetchone()[0]
    by_label = conn.execute("SELECT label, COUNT(*) FROM message_labels GROUP BY label ORDER BY 2 DESC").fetchall()
    return {
        "trade_messages": total,
        "categories": {r[0].split(":", 1)[1]: r[1] for r in by_label if r[0].startswith("category:")},
        "products": {r[0].split(":", 1)[1]: r[1] for r in by_label if r[0].startswith("product:")},
    }


def price_series(conn: sqlite3.Connection, unit: str = "g") -> list[tuple[str, str, float, float, int]]:
    """``(product, month, lowest, highest, quotes)`` of unit prices per month, for quotes of one unit."""
    rows = conn.execute(
        "SELECT product, strftime('%Y-%m', ts, 'unixepoch'), MIN(amount / quantity), MAX(amount / quantity), COUNT(*)"
        " FROM prices WHERE product IS NOT NULL AND unit = ? AND quantity = 1 GROUP BY 1, 2 ORDER BY 1, 2",
        (unit,),
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def lineage_rows(conn: sqlite3.Connection) -> list[tuple[str, str, float, list[dict[str, str]]]]:
    rows = conn.execute("SELECT channel, successor, score, reasons FROM lineage ORDER BY score DESC")
    return [(r[0], r[1], r[2], json.loads(r[3])) for r in rows]


def disruption_rows(conn: sqlite3.Connection, strategy: str, mode: str) -> list[tuple[int, int | None, float]]:
    rows = conn.execute(
        "SELECT step, removed, lcc_fraction FROM disruption WHERE strategy = ? AND mode = ? ORDER BY step",
        (strategy, mode),
    )
    return [(r[0], r[1], r[2]) for r in rows]
