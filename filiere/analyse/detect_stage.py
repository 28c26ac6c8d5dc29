"""The detection stage of ``analyze``: every message read for drug trade, in its conversation, in parallel.

A message is judged on its own text first; in a chat, a message with a word of the trade's routine
("1 livré", "c'est récup") is then also read with its neighbours (``filiere.extract.in_context``).
Channel posts are broadcasts and are judged alone. The unit of work is a window of one
conversation in time order, with a margin of neighbours on each side.
"""

from __future__ import annotations

import os
import sqlite3
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import nullcontext
from itertools import chain
from multiprocessing import get_context
from typing import Any

from filiere.extract import Detection, detect
from filiere.extract.context import WINDOW, could_revise, neighbourhoods, revise
from filiere.ingest.whatsapp_kinds import placeholder_kind
from filiere.store import detections as store

PARALLEL_FROM = 20000  # below this, starting worker processes costs more than it saves
SIZE = 5000  # messages of a conversation read at a time
KNOWN = 16384  # distinct texts whose judgement the main process keeps for repeats
CACHED_TEXT = 2048  # longer texts are judged every time: rarely repeated, and they would fill memory
BATCH = 500  # distinct texts per task handed to a worker
AHEAD = 16  # windows read ahead while workers judge their new texts
Row = tuple[int, int, str]
# A text judged alone: its stored form (None if nothing was found), whether it is trade, and, when
# trade neighbours could revise it, its detection and the categories it would take.
Judged = tuple[store.Finding | None, bool, Detection | None, tuple[str, ...]]
Pending = tuple[Future[list[Judged]], int]  # a text's judgement still with a worker: the task, the index in it
Found = list[tuple[int, int, store.Finding]]  # (message id, ts, finding) of the messages where something was found


def _found_anything(result: dict[str, Any]) -> bool:
    return bool(result["drug_trade"] or result["categories"] or result["products"] or result["phones"]
                or result["handoffs"] or result["addresses"] or result["prices"] or result["wallets"]
                or result["ibans"] or result["handles"] or result["links"])  # fmt: skip


def _laid_out(detection: Detection) -> store.Finding | None:
    result = detection.to_dict()
    return store.finding(result) if _found_anything(result) else None


# What an app writes in place of a message: a deleted message's or a missed call's placeholder
# ("Vous avez supprimé ce message"), not its sender's words. A deleted message whose text was kept
# (a recovered Signal export) is its sender's, and read.
_NOTHING: Judged = (None, False, None, ())
_APP_WORDS = frozenset({"deleted", "call"})


def judge(texts: Sequence[str]) -> list[Judged]:
    """Each text judged alone (the work handed to worker processes: distinct texts only)."""
    judged: list[Judged] = []
    for text in texts:
        if placeholder_kind(text) in _APP_WORDS:
            judged.append(_NOTHING)
            continue
        found = detect(text, cache=False)  # distinct texts: repeats are kept by ``_Judges``, not here
        codes = could_revise(found)
        judged.append((_laid_out(found), found.drug_trade, found if codes else None, codes))
    return judged


class _Judges:
    """Judgements of distinct texts: kept for repeats (channels repost their menus thousands of
    times, couriers write "1 livré ✅" all day), the others asked of worker processes in batches."""

    def __init__(self, pool: ProcessPoolExecutor | None) -> None:
        self.pool = pool
        self.known: OrderedDict[str, Judged] = OrderedDict()  # oldest first
        self.asked: dict[str, Pending] = {}
        self.parts: dict[Future[list[Judged]], list[str]] = {}  # the texts of each task not yet answered

    def ask(self, texts: Sequence[str]) -> list[Judged | Pending]:
        """For each text its judgement, or the worker's task that will give it."""
        known, asked = self.known, self.asked
        slots = [known.get(text) or asked.get(text) for text in texts]
        unknown = list(dict.fromkeys(text for text, slot in zip(texts, slots, strict=True) if slot is None))
        if not unknown:
            return slots  # type: ignore[return-value]  # none is None
        new: dict[str, Judged | Pending] = {}
        if self.pool is None:
            for text, judged in zip(unknown, judge(unknown), strict=True):
                new[text] = judged
                self._keep(text, judged)
        else:
            for first in range(0, len(unknown), BATCH):
                part = unknown[first : first + BATCH]
                task = self.pool.submit(judge, part)
                self.parts[task] = part
                for index, text in enumerate(part):
                    new[text] = asked[text] = (task, index)
        return [slot or new[text] for text, slot in zip(texts, slots, strict=True)]

    def answers(self, slots: Sequence[Judged | Pending]) -> list[Judged]:
        """The judgements of ``slots`` (from ``ask``), waiting for the workers where need be."""
        results: dict[Future[list[Judged]], list[Judged]] = {}
        judged: list[Judged] = []
        for slot in slots:
            task = slot[0]
            if isinstance(task, Future):
                if task not in results:
                    results[task] = self._result(task)
                judged.append(results[task][slot[1]])
            else:
                judged.append(slot)  # type: ignore[arg-type]
        return judged

    def _result(self, task: Future[list[Judged]]) -> list[Judged]:
        result = task.result()
        for text, judged in zip(self.parts.pop(task, ()), result, strict=False):
            del self.asked[text]
            self._keep(text, judged)
        return result

    def _keep(self, text: str, judged: Judged) -> None:
        if len(text) > CACHED_TEXT:
            return
        if len(self.known) >= KNOWN:
            self.known.popitem(last=False)  # the oldest: a text repeated since is judged again
        self.known[text] = judged


class _Revisions:
    """Stored forms of texts revised by their neighbours: the same whenever the text and the count
    of trade neighbours are (couriers repeat "1 livré ✅" all day)."""

    def __init__(self) -> None:
        self.laid: dict[tuple[str, int, int], store.Finding | None] = {}

    def of(self, text: str, judged: Judged, around: int, neighbours: int) -> store.Finding | None:
        found, codes = judged[2], judged[3]
        assert found is not None  # a text that could be revised keeps its detection
        if len(text) > CACHED_TEXT:
            return _laid_out(revise(found, codes, around, neighbours))
        key = (text, around, neighbours)
        if key not in self.laid:
            if len(self.laid) >= KNOWN:
                self.laid.clear()
            self.laid[key] = _laid_out(revise(found, codes, around, neighbours))
        return self.laid[key]


Window = tuple[list[Row], int, int, bool]  # rows with margins, first and last+1 index kept, read in context


def _kept(window: Window, judged: list[Judged], revisions: _Revisions) -> Found:
    """The messages of a window where something was found, with their stored form."""
    rows, first, last, read_in_context = window
    laid = [item[0] for item in judged]
    if read_in_context:
        candidates = [index for index in range(first, last) if judged[index][3]]
        if candidates:
            trade = [item[1] for item in judged]
            for index, around, neighbours in neighbourhoods(trade, candidates):
                laid[index] = revisions.of(rows[index][2], judged[index], around, neighbours)
    return [(rows[i][0], rows[i][1], finding) for i in range(first, last) if (finding := laid[i]) is not None]


def windows(batches: Iterable[list[Row]], margin: int = WINDOW) -> Iterator[tuple[list[Row], int, int]]:
    """Each batch of a conversation's rows with up to ``margin`` neighbours on each side, taken from
    the batches around it.

    >>> [(len(r), a, b) for r, a, b in windows([[(i, i, "")] * 5 for i in range(2)] + [[(2, 2, "")] * 2], margin=2)]
    [(7, 0, 5), (9, 2, 7), (4, 2, 4)]
    """
    rows: list[Row] = []  # up to ``margin`` rows already yielded, then the rows not yet yielded
    before = 0  # how many of ``rows`` were already yielded
    sizes: deque[int] = deque()  # of the batches not yet yielded
    for batch in chain(batches, (None,)):  # None: the end, where the last batches have all there is
        if batch is not None:
            rows += batch
            sizes.append(len(batch))
        while sizes and (batch is None or len(rows) - before - sizes[0] >= margin):
            size = sizes.popleft()
            yield rows[: before + size + margin], before, before + size
            cut = max(0, before + size - margin)
            rows, before = rows[cut:], before + size - cut


def _work(conn: sqlite3.Connection) -> Iterator[Window]:
    for evidence, conversation, broadcast in store.conversations_to_detect(conn):
        for rows, first, last in windows(store.conversation_texts(conn, evidence, conversation, SIZE)):
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
    """The findings of each window, in order. Distinct texts are judged in worker processes while
    this one reads the next windows; repeats, conversation context and storage stay here."""
    workers = min(os.cpu_count() or 1, 4)
    parallel = total >= PARALLEL_FROM and workers >= 2
    revisions = _Revisions()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) if parallel else None
    with pool or nullcontext():
        judges = _Judges(pool)
        ahead: deque[tuple[Window, list[Judged | Pending]]] = deque()
        try:
            for window in work:
                ahead.append((window, judges.ask([text for _id, _ts, text in window[0]])))
                if len(ahead) > AHEAD:
                    yield _finish(ahead.popleft(), judges, revisions)
            while ahead:
                yield _finish(ahead.popleft(), judges, revisions)
        except BaseException:
            if pool is not None:  # a failure stops the run now, not after every task already asked
                pool.shutdown(wait=True, cancel_futures=True)
            raise


def _finish(asked: tuple[Window, list[Judged | Pending]], judges: _Judges, revisions: _Revisions) -> tuple[Found, int]:
    window, slots = asked
    return _kept(window, judges.answers(slots), revisions), window[2] - window[1]
