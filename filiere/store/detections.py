"""Detection results per message: stored whole (explained) and indexed for filters and series."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from filiere.store.db import tuples

BATCH = 5000


BULK_GRAMS = 100.0


class Finding(NamedTuple):
    """One detection laid out for the store: computed once per distinct text, reused for repeats.
    (Tuples: worker processes hand over hundreds of thousands, and tuples cross a pipe fastest.)"""

    drug_trade: int
    score: float
    result: str  # the detector's whole explained output, as JSON
    key: bytes  # a digest of ``result``: a run stores each distinct result once
    categories: str  # space-separated, for the analysis
    labels: tuple[str, ...]
    mentions: tuple[tuple[str, str, str | None], ...]  # (kind, value, platform)
    prices: tuple[tuple[Any, ...], ...]  # (product, amount, currency, quantity, unit, currency_stated)
    addresses: int
    bulk: int  # wholesale quantities: kilos, or 100 g and more


def finding(result: dict[str, Any]) -> Finding:
    """Lay out a detection's ``to_dict()`` for storage."""
    categories = tuple(result.get("categories", ()))
    # Trade itself is ``detections.drug_trade`` (indexed): a label would repeat it on every trade message.
    labels = [f"category:{c}" for c in categories] + [f"product:{p}" for p in result.get("products", ())]
    mentions: list[tuple[str, str, str | None]] = [("phone", p, None) for p in result.get("phones", ())]
    mentions += [("handoff", str(h.get("value", "")), h.get("platform")) for h in result.get("handoffs", ())]
    for kind in ("handles", "links", "emails", "ibans"):
        mentions += [(kind[:-1], str(v), None) for v in result.get(kind, ())]
    mentions += [("wallet", str(w.get("address", "")), w.get("currency")) for w in result.get("wallets", ())]
    prices = tuple(
        (p.get("product"), p.get("amount"), p.get("currency"), p.get("quantity"), p.get("unit"), _stated(p))
        for p in result.get("prices", ())
        if p.get("amount") is not None
    )
    bulk = any(unit in ("kg", "kilo") or (unit == "g" and isinstance(q, int | float) and q >= BULK_GRAMS)
               for _p, _a, _c, q, unit, _s in prices)  # fmt: skip
    text = json.dumps(result, ensure_ascii=False)
    return Finding(
        int(bool(result.get("drug_trade"))), float(result.get("score", 0.0)), text,
        hashlib.blake2b(text.encode(), digest_size=16).digest(),
        " ".join(categories), tuple(labels), tuple(mentions), prices, len(result.get("addresses", ())), int(bulk),
    )  # fmt: skip


def _stated(price: dict[str, Any]) -> int | None:
    """1 when the price's currency was written, 0 when inferred, None when the detection does not say."""
    stated = price.get("currency_stated")
    return int(stated) if isinstance(stated, bool) else None


class Detected(NamedTuple):
    """One message's detection as the analysis stage hands it to the store (a plain
    ``(message_id, ts, finding)`` tuple will do)."""

    message_id: int
    ts: int
    finding: Finding


# The secondary indexes of the tables a run fills: built once after the rows are in, which is
# several times faster than keeping them up to date row by row.
INDEXES = {
    "detections_trade": "detections(drug_trade, message_id)",
    "mentions_value": "mentions(value)",
    "mentions_message": "mentions(message_id)",
    "prices_product_ts": "prices(product, ts)",
}


def clear(conn: sqlite3.Connection) -> None:
    """Derived tables are replaced on every run; evidence and judgements are never touched."""
    for table in ("detections", "detection_results", "message_labels", "mentions", "prices"):
        conn.execute(f"DELETE FROM {table}")


class Run:
    """A run's bulk writes: each distinct result is stored once, with its labels and prices, and
    ``end`` lays those out for every message that has the result, in SQL rather than row by row
    from Python (a channel's menu, reposted thousands of times, is one result).

    ``start`` empties the tables and sets their indexes aside; ``end`` fills the per-message
    tables and builds the indexes. Between them, ``write`` as often as results come.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.stored: dict[bytes, int] = {}  # a result's digest -> its row in detection_results

    def start(self) -> None:
        clear(self.conn)
        for name in INDEXES:
            self.conn.execute(f"DROP INDEX IF EXISTS {name}")
        # Temporary tables live as long as the connection: a run that failed may have left them.
        self.conn.execute("DROP TABLE IF EXISTS temp.run_labels")
        self.conn.execute("DROP TABLE IF EXISTS temp.run_prices")
        self.conn.execute(
            "CREATE TEMP TABLE run_labels (result_id INTEGER NOT NULL, label TEXT NOT NULL,"
            " PRIMARY KEY (result_id, label)) WITHOUT ROWID"
        )
        self.conn.execute(
            "CREATE TEMP TABLE run_prices (result_id INTEGER NOT NULL, product TEXT, amount REAL NOT NULL,"
            " currency TEXT, quantity REAL, unit TEXT, currency_stated INTEGER)"
        )

    def end(self) -> None:
        self.conn.execute("CREATE INDEX IF NOT EXISTS temp.run_prices_result ON run_prices(result_id)")
        self.conn.execute(
            "INSERT OR IGNORE INTO message_labels SELECT l.label, d.message_id"
            " FROM detections d JOIN run_labels l ON l.result_id = d.result_id ORDER BY 1, 2"
        )
        self.conn.execute(
            "INSERT INTO prices SELECT d.message_id, m.ts, p.product, p.amount, p.currency, p.quantity, p.unit,"
            " p.currency_stated"
            " FROM detections d JOIN run_prices p ON p.result_id = d.result_id JOIN messages m ON m.id = d.message_id"
        )
        self.conn.execute("DROP TABLE temp.run_labels")
        self.conn.execute("DROP TABLE temp.run_prices")
        for name, columns in INDEXES.items():
            self.conn.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {columns}")

    def write(self, detected: Iterable[tuple[int, int, Finding]]) -> int:
        """Store the results of ``detected`` that found anything; return how many messages."""
        return _write(self.conn, detected, self.stored, per_result=True)


def conversations_to_detect(conn: sqlite3.Connection) -> list[tuple[str, str, bool]]:
    """``(evidence, conversation, is_broadcast)`` of every conversation with text: channels broadcast."""
    rows = conn.execute(
        "SELECT DISTINCT m.evidence, m.conversation, COALESCE(c.kind, 'unknown') = 'channel' FROM messages m"
        " LEFT JOIN conversations c ON c.evidence = m.evidence AND c.key = m.conversation WHERE m.text != ''"
    )
    return [(r[0], r[1], bool(r[2])) for r in rows]


def conversation_texts(
    conn: sqlite3.Connection, evidence: str, conversation: str, size: int = BATCH
) -> Iterator[list[tuple[int, int, str]]]:
    """``(id, ts, text)`` of a conversation's messages with text, in time order, ``size`` at a time."""
    cursor = tuples(
        conn,
        "SELECT id, ts, text FROM messages WHERE evidence = ? AND conversation = ? AND text != '' ORDER BY ts, id",
        (evidence, conversation),
    )
    while rows := cursor.fetchmany(size):
        yield rows


def write(conn: sqlite3.Connection, detected: Iterable[tuple[int, int, Finding]]) -> int:
    """Store results that found anything (a message with nothing found has no row), outside a
    ``Run``: every row written at once."""
    return _write(conn, detected, {}, per_result=False)


def _write(
    conn: sqlite3.Connection, detected: Iterable[tuple[int, int, Finding]], stored: dict[bytes, int], per_result: bool
) -> int:
    detections: list[tuple[Any, ...]] = []
    results: list[tuple[int, str]] = []
    labels: list[tuple[Any, ...]] = []
    mentions: list[tuple[int, str, str, str | None]] = []
    prices: list[tuple[Any, ...]] = []
    next_id = int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM detection_results").fetchone()[0]) + 1
    for mid, ts, f in detected:
        result_id = stored.get(f.key)
        if result_id is None:
            result_id = stored[f.key] = next_id
            results.append((next_id, f.result))
            next_id += 1
            if per_result:
                labels += [(result_id, label) for label in f.labels]
                prices += [(result_id, *price) for price in f.prices]
        detections.append((mid, f.drug_trade, f.score, result_id, f.categories, f.addresses, f.bulk))
        if f.mentions:
            mentions += [(mid, *mention) for mention in f.mentions]
        if not per_result:
            labels += [(label, mid) for label in f.labels]
            prices += [(mid, ts, *price) for price in f.prices]
    detections.sort()  # in key order, the B-tree is filled page after page rather than all over
    conn.executemany("INSERT INTO detection_results (id, result) VALUES (?,?)", results)
    conn.executemany(
        "INSERT OR REPLACE INTO detections (message_id, drug_trade, score, result_id, categories, addresses, bulk)"
        " VALUES (?,?,?,?,?,?,?)",
        detections,
    )
    conn.executemany("INSERT INTO mentions VALUES (?,?,?,?)", mentions)
    if per_result:
        conn.executemany("INSERT OR IGNORE INTO temp.run_labels VALUES (?,?)", labels)
        conn.executemany("INSERT INTO temp.run_prices VALUES (?,?,?,?,?,?,?)", prices)
    else:
        conn.executemany("INSERT OR IGNORE INTO message_labels VALUES (?,?)", labels)
        conn.executemany("INSERT INTO prices VALUES (?,?,?,?,?,?,?,?)", prices)
    return len(detections)


def record_run(conn: sqlite3.Connection, stage: str, started_at: str, seconds: float, version: str,
               summary: dict[str, Any]) -> None:  # fmt: skip
    conn.execute(
        "INSERT INTO analysis_runs (stage, started_at, seconds, version, summary) VALUES (?,?,?,?,?)",
        (stage, started_at, seconds, version, json.dumps(summary, sort_keys=True)),
    )


def result(conn: sqlite3.Connection, message_id: int) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT r.result FROM detections d JOIN detection_results r ON r.id = d.result_id WHERE d.message_id = ?",
        (message_id,),
    ).fetchone()
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


def price_series(conn: sqlite3.Connection, unit: str = "g") -> list[tuple[str, str, str, float, float, int]]:
    """``(product, currency, month, lowest, highest, quotes)`` of unit prices per month, for quotes of
    one unit, each currency apart (euros and pounds are never averaged together)."""
    rows = conn.execute(
        "SELECT product, COALESCE(currency, '?'), strftime('%Y-%m', ts, 'unixepoch'), MIN(amount / quantity),"
        " MAX(amount / quantity), COUNT(*) FROM prices WHERE product IS NOT NULL AND unit = ? AND quantity = 1"
        " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        (unit,),
    )
    return [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]


def lineage_rows(conn: sqlite3.Connection) -> list[tuple[str, str, float, list[dict[str, str]]]]:
    rows = conn.execute("SELECT channel, successor, score, reasons FROM lineage ORDER BY score DESC")
    return [(r[0], r[1], r[2], json.loads(r[3])) for r in rows]


def disruption_rows(conn: sqlite3.Connection, strategy: str, mode: str) -> list[tuple[int, int | None, float]]:
    rows = conn.execute(
        "SELECT step, removed, lcc_fraction FROM disruption WHERE strategy = ? AND mode = ? ORDER BY step",
        (strategy, mode),
    )
    return [(r[0], r[1], r[2]) for r in rows]
