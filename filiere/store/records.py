"""Writing a file's records in batches, inside the caller's transaction, and indexing their text."""

from __future__ import annotations

import contextlib
import json
import queue
import sqlite3
import threading
from collections import Counter
from typing import Any

from filiere.model import Account, Call, Contact, Conversation, Entity, Message, PhoneValue, Record, Skipped

BATCH = 5000

_SQL = {
    "message": "INSERT INTO messages (evidence, locator, native_id, kind, conversation, sender, sender_name,"
    " ts, local_time, tz, text, reply_to, forwarded_from, media, media_type, edited_ts, direction,"
    " entities, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "call": "INSERT INTO calls (evidence, locator, native_id, kind, caller, callee, ts, local_time, tz,"
    " duration_s, direction, cell_id, lat, lon, cell_address, imei, imsi, extra)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "conversation": "INSERT OR IGNORE INTO conversations (evidence, locator, key, platform, kind, title,"
    " native_id) VALUES (?,?,?,?,?,?,?)",
    "account": "INSERT OR IGNORE INTO accounts (evidence, locator, key, platform, name, phone,"
    " phone_original, handle, native_id, is_owner) VALUES (?,?,?,?,?,?,?,?,?,?)",
    "contact": "INSERT INTO contacts (evidence, locator, key, name, phones, emails, handles, organisation,"
    " note) VALUES (?,?,?,?,?,?,?,?,?)",
    "skipped": "INSERT INTO skips (evidence, locator, reason) VALUES (?,?,?)",
}


def _json(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False, default=str) if value else None


def _entities(entities: tuple[Entity, ...]) -> str | None:
    return _json([[e.kind, e.text, e.value] for e in entities])


def _phones(phones: tuple[PhoneValue, ...]) -> str:
    return json.dumps([[p.e164, p.original, p.label] for p in phones], ensure_ascii=False)


def row_of(sha: str, record: Record) -> tuple[Any, ...]:
    """A record as the row its table stores (``record.type`` names the table)."""
    if isinstance(record, Message):
        return (
            sha, record.source.locator, record.native_id, record.kind, record.conversation,
            record.sender, record.sender_name, record.time.epoch, record.time.local, record.time.tz,
            record.text, record.reply_to, record.forwarded_from, record.media, record.media_type,
            None if record.edited is None else record.edited.epoch, record.direction,
            _entities(record.entities), _json(record.extra),
        )  # fmt: skip
    if isinstance(record, Call):
        cell = record.cell
        return (
            sha, record.source.locator, record.native_id, record.kind, record.caller, record.callee,
            record.start.epoch, record.start.local, record.start.tz, record.duration_s, record.direction,
            cell and cell.cell_id, cell and cell.lat, cell and cell.lon, cell and cell.address,
            record.imei, record.imsi, _json(record.extra),
        )  # fmt: skip
    if isinstance(record, Conversation):
        return (
            sha, record.source.locator, record.key, record.platform, record.kind, record.title,
            record.native_id,
        )  # fmt: skip
    if isinstance(record, Account):
        phone = record.phone
        return (
            sha, record.source.locator, record.key, record.platform, record.name,
            phone and phone.e164, phone and phone.original, record.handle, record.native_id,
            int(record.is_owner),
        )  # fmt: skip
    if isinstance(record, Contact):
        return (
            sha, record.source.locator, record.key, record.name, _phones(record.phones),
            json.dumps(record.emails, ensure_ascii=False), json.dumps(record.handles, ensure_ascii=False),
            record.organisation, record.note,
        )  # fmt: skip
    assert isinstance(record, Skipped)
    return (sha, record.locator, record.reason)


class RecordWriter:
    """Buffers rows per table and writes them with ``executemany`` from a writer thread.

    The thread overlaps SQLite's work (inserts, index updates, full-text indexing, which run with
    the GIL released) with the reader's parsing in the calling thread. The calling thread must
    not use the connection between the first ``add`` and ``finish``. Message text is indexed
    batch by batch, as it is written.
    """

    def __init__(self, conn: sqlite3.Connection, sha256: str) -> None:
        self.conn = conn
        self.sha256 = sha256
        self.counts: Counter[str] = Counter()
        self._buffers: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind in _SQL}
        self._queue: queue.Queue[tuple[str, list[tuple[Any, ...]]] | None] = queue.Queue(maxsize=4)
        self._error: BaseException | None = None
        self._indexed = int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM messages").fetchone()[0])
        self._thread = threading.Thread(target=self._write, name="filiere-writer", daemon=True)
        self._thread.start()

    def add(self, record: Record) -> None:
        self.add_row(record.type, row_of(self.sha256, record))

    def add_row(self, kind: str, row: tuple[Any, ...]) -> None:
        """Add a row already laid out by ``row_of`` (by a reading process, say)."""
        buffer = self._buffers[kind]
        buffer.append(row)
        self.counts[kind] += 1
        if len(buffer) >= BATCH:
            self._flush(kind)

    def _flush(self, kind: str) -> None:
        buffer = self._buffers[kind]
        if buffer:
            self._put((kind, buffer))
            self._buffers[kind] = []

    def _put(self, item: tuple[str, list[tuple[Any, ...]]] | None) -> None:
        while self._thread.is_alive():
            try:
                self._queue.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        self._raise()

    def _write(self) -> None:
        try:
            while (item := self._queue.get()) is not None:
                kind, rows = item
                self.conn.executemany(_SQL[kind], rows)
                if kind == "message":
                    self._index()
        except BaseException as exc:  # handed to the calling thread, which raises it
            self._error = exc

    def _index(self) -> None:
        last = int(self.conn.execute("SELECT MAX(id) FROM messages").fetchone()[0])
        self.conn.execute(
            "INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE id > ? AND id <= ?",
            (self._indexed, last),
        )
        self._indexed = last

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error
        raise RuntimeError("the record writer stopped")

    def close(self) -> None:
        """Stop the writer thread without writing what is buffered (the transaction is abandoned)."""
        if self._thread.is_alive():
            for kind in self._buffers:
                self._buffers[kind] = []
            with contextlib.suppress(queue.Full):
                self._queue.put_nowait(None)
            while self._thread.is_alive():
                with contextlib.suppress(queue.Empty):
                    self._queue.get_nowait()  # unblock a full queue
                with contextlib.suppress(queue.Full):
                    self._queue.put_nowait(None)
                self._thread.join(timeout=0.1)

    def finish(self) -> dict[str, int]:
        """Write what is buffered, wait for the writer; return counts by type."""
        for kind in _SQL:
            self._flush(kind)
        self._put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error
        return dict(self.counts)


def has_records(conn: sqlite3.Connection, sha256: str) -> bool:
    for table in ("messages", "calls", "contacts", "accounts", "conversations"):
        if conn.execute(f"SELECT 1 FROM {table} WHERE evidence = ? LIMIT 1", (sha256,)).fetchone():
            return True
    return False
