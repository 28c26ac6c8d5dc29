"""The detection stage of ``analyze``: every message read for drug trade, in its conversation, in parallel.

A message is judged on its own text first; in a chat, a message with a word of the trade's routine
("1 livré", "c'est récup") is then also read with its neighbours (``filiere.extract.in_context``).
Channel posts are broadcasts and are judged alone. The unit of work is a window of one
conversation in time order, with a margin of neighbours on each side.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from multiprocessing import get_context
from typing import Any

from filiere.extract import Detection, detect, in_context
from filiere.extract.context import WINDOW
from filiere.store import detections as store

PARALLEL_FROM = 20000  # below this, starting worker processes costs more than it saves
SIZE = 5000
CACHE = 16384
CACHED_TEXT = 2048
Row = tuple[int, int, str]
Window = tuple[list[Row], int, int, bool]  # rows with margins, first and last+1 index kept, in context
Found = list[tuple[int, int, store.Finding]]  # (message id, ts, finding) of the messages where something was found


def _found_anything(result: dict[str, Any]) -> bool:
    return bool(result["drug_trade"] or result["categories"] or result["products"] or result["phones"]
                or result["handoffs"] or result["addresses"] or result["prices"] or result["wallets"]
                or result["ibans"] or result["handles"] or result["links"])  # fmt: skip


def _laid_out(detection: Detection) -> store.Finding | None:
    result = detection.to_dict()
    return store.finding(result) if _found_anything(result) else None


@lru_cache(maxsize=CACHE)
def _alone(text: str) -> store.Finding | None:
    """The stored form of a text judged alone; channels repeat their menus thousands of times."""
    return _laid_out(detect(text))


_revised: dict[tuple[str, str], store.Finding | None] = {}


def _in_context(text: str, detection: Detection) -> store.Finding | None:
    """The stored form of a text revised by its neighbours: couriers repeat "1 livré ✅" all day, and
    a revision is the same whenever the same count of neighbours is trade (its first evidence item)."""
    if len(text) > CACHED_TEXT:
        return _laid_out(detection)
    key = (text, detection.evidence[0].rule)
    if key in _revised:
        return _revised[key]
    if len(_revised) >= CACHE:
        _revised.clear()
    laid = _revised[key] = _laid_out(detection)
    return laid


def detect_window(window: Window) -> Found:
    """Detection of a window's messages; only the kept ones where something was found."""
    rows, first, last, read_in_context = window
    alone = [detect(text) for _id, _ts, text in rows]
    found = in_context(alone) if read_in_context else alone
    kept = []
    for index in range(first, last):
        message_id, ts, text = rows[index]
        if found[index] is not alone[index]:
            laid = _in_context(text, found[index])
        else:
            laid = _laid_out(found[index]) if len(text) > CACHED_TEXT else _alone(text)
        if laid is not None:
            kept.append((message_id, ts, laid))  # a plain tuple: the cheapest to pickle
    return kept


def windows(rows: Iterable[Row], size: int = SIZE, margin: int = WINDOW) -> Iterator[tuple[list[Row], int, int]]:
    """Consecutive windows of ``size`` rows, each with up to ``margin`` neighbours on each side.

    >>> [(len(r), a, b) for r, a, b in windows(((i, i, "") for i in range(12)), size=5, margin=2)]
    [(7, 0, 5), (9, 2, 7), (4, 2, 4)]
    """
    before: list[Row] = []
    current: list[Row] = []
    for row in rows:
        current.append(row)
        if len(current) == size + margin:
            core, ahead = current[:size], current[size:]
            yield before + core + ahead, len(before), len(before) + len(core)
            before, current = core[-margin:], ahead
    if current:
        yield before + current, len(before), len(before) + len(current)


def _work(conn: sqlite3.Connection) -> Iterator[Window]:
    for evidence, conversation, broadcast in store.conversations_to_detect(conn):
        for rows, first, last in windows(store.conversation_texts(conn, evidence, conversation)):
            yield rows, first, last, not broadcast


def run(conn: sqlite3.Connection, progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Replace the detection tables with a fresh reading of every message."""
    writes = store.Run(conn)
    writes.start()
    total = conn.execute("SELECT COUNT(*) FROM messages WHERE text != ''").fetchone()[0]
    done = written = 0
    for found, size in _results(_work(conn), total):
        written += writes.write(found)
        done += size
        if progress:
            progress(done)
    writes.end()
    summary = store.trade_summary(conn)
    summary["messages_read"] = done
    summary["messages_with_findings"] = written
    return summary


def _results(work: Iterator[Window], total: int) -> Iterator[tuple[Found, int]]:
    workers = min(os.cpu_count() or 1, 4)
    if total < PARALLEL_FROM or workers < 2:
        for window in work:
            yield detect_window(window), window[2] - window[1]
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        pending: list[tuple[Future[Found], int]] = []
        for window in work:
            pending.append((pool.submit(detect_window, window), window[2] - window[1]))
            if len(pending) >= workers * 2:
                future, size = pending.pop(0)
                yield future.result(), size
        for future, size in pending:
            yield future.result(), size
