"""Writing a file's records in batches, inside the caller's transaction, and indexing their text."""

from __future__ import annotations

import json
import sqlite3
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


def _row(sha: str, record: Record) -> tuple[Any, ...]:
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
    """Buffers rows per table and writes them with ``executemany``; counts what it wrote."""

    def __init__(self, conn: sqlite3.Connection, sha256: str) -> None:
        self.conn = conn
        self.sha256 = sha256
        self.counts: Counter[str] = Counter()
        self._buffers: dict[str, list[tuple[Any, ...]]] = {kind: [] for kind in _SQL}
        self._first_message_id: int | None = None

    def add(self, record: Record) -> None:
        buffer = self._buffers[record.type]
        buffer.append(_row(self.sha256, record))
        self.counts[record.type] += 1
        if len(buffer) >= BATCH:
            self._flush(record.type)

    def _flush(self, kind: str) -> None:
        buffer = self._buffers[kind]
        if buffer:
            self.conn.executemany(_SQL[kind], buffer)
            buffer.clear()

    def finish(self) -> dict[str, int]:
        """Write what is buffered and index the file's message text; return counts by type."""
        for kind in _SQL:
            self._flush(kind)
        self.conn.execute(
            "INSERT INTO messages_fts (rowid, text) SELECT id, text FROM messages WHERE evidence = ?",
            (self.sha256,),
        )
        return dict(self.counts)


def has_records(conn: sqlite3.Connection, sha256: str) -> bool:
    for table in ("messages", "calls", "contacts", "accounts", "conversations"):
        if conn.execute(f"SELECT 1 FROM {table} WHERE evidence = ? LIMIT 1", (sha256,)).fetchone():
            return True
    return False
