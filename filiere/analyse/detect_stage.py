"""The detection stage of ``analyze``: every message read for drug trade, in parallel, results stored."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

from filiere.extract import detect
from filiere.store import detections as store

PARALLEL_FROM = 20000  # below this, starting worker processes costs more than it saves
Batch = list[tuple[int, int, str]]


def _found_anything(result: dict[str, Any]) -> bool:
    return bool(result["drug_trade"] or result["categories"] or result["products"] or result["phones"]
                or result["handoffs"] or result["addresses"] or result["prices"] or result["wallets"]
                or result["ibans"] or result["handles"] or result["links"])  # fmt: skip


def detect_batch(batch: Batch) -> list[store.Detected]:
    """Detection of a batch of ``(message id, ts, text)``; only messages where something was found."""
    found = []
    for message_id, ts, text in batch:
        result = detect(text).to_dict()
        if _found_anything(result):
            found.append(store.Detected(message_id, ts, result))
    return found


def run(conn: sqlite3.Connection, progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Replace the detection tables with a fresh reading of every message."""
    store.clear(conn)
    total = conn.execute("SELECT COUNT(*) FROM messages WHERE text != ''").fetchone()[0]
    done = written = 0
    for found, size in _results(conn, total):
        written += store.write(conn, found)
        done += size
        if progress:
            progress(done)
    summary = store.trade_summary(conn)
    summary["messages_read"] = done
    summary["messages_with_findings"] = written
    return summary


def _results(conn: sqlite3.Connection, total: int) -> Iterator[tuple[list[store.Detected], int]]:
    batches = store.messages_to_detect(conn)
    workers = min(os.cpu_count() or 1, 4)
    if total < PARALLEL_FROM or workers < 2:
        for batch in batches:
            yield detect_batch(batch), len(batch)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        pending = []
        for batch in batches:
            pending.append((pool.submit(detect_batch, batch), len(batch)))
            if len(pending) >= workers * 2:
                future, size = pending.pop(0)
                yield future.result(), size
        for future, size in pending:
            yield future.result(), size
