"""What identity resolution, the network and the roles read from a case's records (no writes)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from filiere.store.db import tuples


@dataclass(frozen=True, slots=True)
class AccountFact:
    key: str
    platform: str
    name: str | None
    phone: str | None
    handle: str | None
    is_owner: bool
    sha256: str
    locator: str
    scope: str  # seizure reference, or the file's SHA-256 when none was given


@dataclass(frozen=True, slots=True)
class ContactFact:
    key: str
    name: str | None
    phones: tuple[str, ...]  # E.164 only
    handles: tuple[str, ...]
    organisation: str | None
    sha256: str
    locator: str
    scope: str


_SCOPE = "COALESCE(NULLIF(e.source_ref, ''), e.sha256)"


def accounts(conn: sqlite3.Connection) -> list[AccountFact]:
    rows = conn.execute(
        f"SELECT a.key, a.platform, a.name, a.phone, a.handle, a.is_owner, a.evidence, a.locator, {_SCOPE}"
        " FROM accounts a JOIN evidence e ON e.sha256 = a.evidence ORDER BY a.id"
    )
    return [AccountFact(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[8]) for r in rows]


def contacts(conn: sqlite3.Connection) -> list[ContactFact]:
    facts = []
    rows = conn.execute(
        f"SELECT c.key, c.name, c.phones, c.handles, c.organisation, c.evidence, c.locator, {_SCOPE}"
        " FROM contacts c JOIN evidence e ON e.sha256 = c.evidence ORDER BY c.id"
    )
    for r in rows:
        phones = tuple(p[0] for p in json.loads(r[2]) if p[0])
        facts.append(ContactFact(r[0], r[1], phones, tuple(json.loads(r[3])), r[4], r[5], r[6], r[7]))
    return facts


def scopes(conn: sqlite3.Connection) -> dict[str, str]:
    """Each evidence file's scope (seizure reference, or itself)."""
    return {r[0]: r[1] for r in conn.execute(f"SELECT e.sha256, {_SCOPE} FROM evidence e")}


def subscriber_lines(conn: sqlite3.Connection) -> dict[str, str]:
    """For each file of operator records, the line it is about: the party present in most of its rows."""
    counts = conn.execute(
        """SELECT evidence, party, COUNT(*) AS n FROM (
               SELECT evidence, caller AS party FROM calls WHERE cell_id IS NOT NULL OR imei IS NOT NULL
               UNION ALL
               SELECT evidence, callee FROM calls WHERE cell_id IS NOT NULL OR imei IS NOT NULL
           ) WHERE party IS NOT NULL GROUP BY evidence, party ORDER BY evidence, n DESC"""
    )
    lines: dict[str, str] = {}
    for evidence, party, _n in counts:
        lines.setdefault(evidence, party)
    return lines


def handset_uses(conn: sqlite3.Connection, sha256: str) -> list[tuple[str, int, int, int, str]]:
    """``(imei, first_ts, last_ts, count, first_locator)`` of a file of operator records."""
    rows = conn.execute(
        "SELECT imei, MIN(ts), MAX(ts), COUNT(*), MIN(locator) FROM calls"
        " WHERE evidence = ? AND imei IS NOT NULL AND imei != '' GROUP BY imei",
        (sha256,),
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def cell_events(conn: sqlite3.Connection, sha256: str) -> list[tuple[int, str]]:
    """``(ts, cell_id)`` of a file of operator records, in time order."""
    rows = conn.execute(
        "SELECT ts, cell_id FROM calls WHERE evidence = ? AND cell_id IS NOT NULL AND cell_id != '' ORDER BY ts",
        (sha256,),
    )
    return [(r[0], r[1]) for r in rows]


def judgements(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """``(decision, a, b)`` in the order investigators made them."""
    return [(r[0], r[1], r[2]) for r in conn.execute("SELECT decision, a, b FROM judgements ORDER BY id")]


def message_days(
    conn: sqlite3.Connection, day: int = 86400
) -> Iterator[tuple[str, str | None, str, str, int, int, int, int]]:
    """``(conversation, sender, evidence, kind, day, messages, first ts, last ts)``: messages counted per
    sender and ``day`` (seconds; the day is ``ts // day``, before 1970 too), in the order of each
    group's first message."""
    yield from tuples(
        conn,
        "SELECT conversation, sender, evidence, kind, (ts - (ts % ?1 + ?1) % ?1) / ?1 AS day, COUNT(*), MIN(ts),"
        " MAX(ts) FROM messages GROUP BY conversation, sender, evidence, kind, day ORDER BY MIN(id)",
        (day,),
    )


def conversation_kinds(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, str, str | None]]:
    """``(evidence, key) -> (platform, kind, title)``."""
    rows = conn.execute("SELECT evidence, key, platform, kind, title FROM conversations")
    return {(r[0], r[1]): (r[2], r[3], r[4]) for r in rows}


def call_rows(conn: sqlite3.Connection) -> Iterator[tuple[int, str | None, str | None, str, int, int | None, str]]:
    """``(id, caller, callee, evidence, ts, duration_s, kind)`` of every call, by id."""
    yield from conn.execute("SELECT id, caller, callee, evidence, ts, duration_s, kind FROM calls ORDER BY id")


def owners(conn: sqlite3.Connection) -> dict[str, str]:
    """Each file's owner account key, where the reader marked one."""
    return {r[0]: r[1] for r in conn.execute("SELECT evidence, key FROM accounts WHERE is_owner = 1")}


def mentions_by_sender(conn: sqlite3.Connection) -> Iterator[tuple[str | None, str, str, str, str | None, int, str]]:
    """``(sender, evidence, kind, value, platform, ts, locator)`` of identifiers written in messages."""
    yield from tuples(
        conn,
        "SELECT m.sender, m.evidence, n.kind, n.value, n.platform, m.ts, m.locator"
        " FROM mentions n JOIN messages m ON m.id = n.message_id WHERE n.kind IN ('phone', 'handoff')",
    )


def mentioned_phones(conn: sqlite3.Connection) -> list[str]:
    """Each phone number written in a message (as itself or as a hand-off), once."""
    rows = conn.execute(
        "SELECT DISTINCT value FROM mentions WHERE kind = 'phone' OR (kind = 'handoff' AND value LIKE '+%')"
    )
    return [r[0] for r in rows]


def call_parties(conn: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    """``(evidence, party key)`` of everyone who calls or is called, once per file."""
    yield from conn.execute(
        "SELECT evidence, caller FROM calls WHERE caller IS NOT NULL"
        " UNION SELECT evidence, callee FROM calls WHERE callee IS NOT NULL"
    )


def group_conversations(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None, str]]:
    """``(evidence, key, kind, title, locator)`` of channels and groups."""
    rows = conn.execute(
        "SELECT evidence, key, kind, title, locator FROM conversations WHERE kind IN ('channel', 'group')"
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def first_locators(conn: sqlite3.Connection, sha256: str) -> str:
    row = conn.execute("SELECT MIN(locator) FROM calls WHERE evidence = ?", (sha256,)).fetchone()
    return str(row[0] or "")


def direct_pairs(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    """``(evidence, caller, callee)`` of every pair of lines in contact."""
    rows = conn.execute(
        "SELECT DISTINCT evidence, caller, callee FROM calls WHERE caller IS NOT NULL AND callee IS NOT NULL"
    )
    return {(r[0], r[1], r[2]) for r in rows}


def conversation_senders(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str]]:
    """``(evidence, conversation, sender)`` for every sender who wrote in a conversation."""
    yield from conn.execute(
        "SELECT DISTINCT evidence, conversation, sender FROM messages WHERE sender IS NOT NULL AND kind != 'system'"
    )


def channel_spans(conn: sqlite3.Connection) -> list[tuple[str, str, str | None, str | None, str, int, int]]:
    """``(evidence, key, title, native_id, locator, first_ts, last_ts)`` of every channel."""
    rows = conn.execute(
        "SELECT c.evidence, c.key, c.title, c.native_id, c.locator, MIN(m.ts), MAX(m.ts)"
        " FROM conversations c JOIN messages m ON m.evidence = c.evidence AND m.conversation = c.key"
        " WHERE c.kind = 'channel' GROUP BY c.evidence, c.key"
    )
    return [(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows]


def channel_media(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str]]:
    """``(evidence, conversation, media path as written)`` of channel posts with a media file."""
    yield from conn.execute(
        "SELECT m.evidence, m.conversation, m.media FROM messages m JOIN conversations c"
        " ON c.evidence = m.evidence AND c.key = m.conversation"
        " WHERE c.kind = 'channel' AND m.media IS NOT NULL AND m.media NOT LIKE '(%'"
    )


def conversation_phones(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str]]:
    """``(evidence, conversation, E.164)`` of phone numbers written in messages."""
    yield from conn.execute(
        "SELECT DISTINCT m.evidence, m.conversation, n.value FROM mentions n JOIN messages m ON m.id = n.message_id"
        " WHERE n.kind = 'phone'"
    )


def conversation_prices(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str | None, float, float | None]]:
    """``(evidence, conversation, product, amount, quantity)`` of prices written in messages, each once
    per conversation (a channel reposts its menu thousands of times)."""
    yield from conn.execute(
        "SELECT DISTINCT m.evidence, m.conversation, p.product, p.amount, p.quantity FROM prices p"
        " JOIN messages m ON m.id = p.message_id"
    )


def detected_messages(conn: sqlite3.Connection) -> Iterator[tuple[str | None, str, str, int, str, int, int, int]]:
    """``(sender, evidence, conversation, trade, categories, addresses, bulk, messages)``: messages with a
    detection, counted by what the roles read of them (a courier's day is a few rows, not thousands)."""
    yield from tuples(
        conn,
        "SELECT m.sender, m.evidence, m.conversation, d.drug_trade, d.categories, d.addresses, d.bulk, COUNT(*)"
        " FROM detections d JOIN messages m ON m.id = d.message_id GROUP BY 1, 2, 3, 4, 5, 6, 7",
    )


def organisations(conn: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    """``(phones JSON, organisation)`` of address-book entries that name an organisation."""
    yield from conn.execute(
        "SELECT phones, organisation FROM contacts WHERE organisation IS NOT NULL AND organisation != ''"
    )


def conversations(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None, str]]:
    """``(evidence, key, kind, title, locator)`` of every conversation."""
    rows = conn.execute("SELECT evidence, key, kind, title, locator FROM conversations")
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


def owner_events(conn: sqlite3.Connection) -> Iterator[tuple[str, str, int, str]]:
    """``(evidence, counterpart key, ts, locator)`` of calls and SMS of a phone's owner (phone backups)."""
    yield from conn.execute(
        "SELECT c.evidence, CASE WHEN c.caller = a.key THEN c.callee ELSE c.caller END, c.ts, c.locator"
        " FROM calls c JOIN accounts a ON a.evidence = c.evidence AND a.is_owner = 1"
        " WHERE (c.caller = a.key OR c.callee = a.key) AND c.cell_id IS NULL AND c.imei IS NULL"
    )
    yield from conn.execute(
        "SELECT evidence, 'phone:' || substr(conversation, 5), ts, locator FROM messages"
        " WHERE conversation LIKE 'sms:+%' AND conversation NOT LIKE '%,%'"
    )


def line_events(conn: sqlite3.Connection, sha256: str, line: str) -> list[tuple[str, int]]:
    """``(counterpart key, ts)`` of the voice and SMS records of an operator file about ``line``."""
    rows = conn.execute(
        "SELECT CASE WHEN caller = ? THEN callee ELSE caller END, ts FROM calls"
        " WHERE evidence = ? AND kind IN ('voice', 'sms', 'mms', 'video') AND (caller = ? OR callee = ?)",
        (line, sha256, line, line),
    )
    return [(r[0], r[1]) for r in rows if r[0]]


def announcements(conn: sqlite3.Connection) -> Iterator[tuple[str, str | None, str, str]]:
    """``(evidence, sender, text, locator)`` of handoff messages (candidates for "new number")."""
    yield from conn.execute(
        "SELECT m.evidence, m.sender, m.text, m.locator FROM message_labels l JOIN messages m ON m.id = l.message_id"
        " WHERE l.label = 'category:handoff'"
    )


def peer_conversations(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None, str, int, int, int, str]]:
    """Per sender of each one-to-one chat on an app: ``(evidence, conversation, platform, title, sender,
    first_ts, last_ts, sent an order, first locator)``."""
    rows = conn.execute(
        "SELECT c.evidence, c.key, c.platform, c.title, m.sender, MIN(m.ts), MAX(m.ts),"
        " MAX(l.message_id IS NOT NULL), MIN(m.locator)"
        " FROM conversations c JOIN messages m ON m.evidence = c.evidence AND m.conversation = c.key"
        " LEFT JOIN message_labels l ON l.label = 'category:order' AND l.message_id = m.id"
        " WHERE c.platform IN ('signal', 'whatsapp', 'telegram', 'snapchat') AND c.kind IN ('direct', 'unknown')"
        " AND m.sender IS NOT NULL GROUP BY c.evidence, c.key, m.sender"
    )
    return [(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]) for r in rows]


def channel_handoffs(conn: sqlite3.Connection) -> list[tuple[str | None, str, int, str, str]]:
    """``(platform, value, ts, evidence, locator)`` of hand-offs published in channels."""
    rows = conn.execute(
        "SELECT n.platform, n.value, m.ts, m.evidence, m.locator FROM mentions n"
        " JOIN messages m ON m.id = n.message_id"
        " JOIN conversations c ON c.evidence = m.evidence AND c.key = m.conversation"
        " WHERE n.kind = 'handoff' AND c.kind = 'channel'"
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]
