"""Edges from messages: counted per sender and day in SQL, the same tallies as message by message."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from filiere.analyse.edges import DAY_S, EdgeBuilder, Tally
from filiere.resolve.build import Identities
from filiere.store import db, facts, schema

DISPATCH = "telegram:user:7001"
COURIER = "telegram:user:7002"
CUSTOMER = "phone:+33639981234"
# (conversation, kind, sender, ts): a dispatcher and a courier over three days (one before 1970,
# as a broken clock writes it), a group, an SMS thread, and a system message that is not contact.
MESSAGES = [
    ("telegram:chat:1", "message", DISPATCH, 1_700_000_000),
    ("telegram:chat:1", "message", COURIER, 1_700_000_100),
    ("telegram:chat:1", "message", DISPATCH, 1_700_000_200),
    ("telegram:group:9", "message", COURIER, 1_700_000_300),
    ("telegram:chat:1", "message", DISPATCH, 1_700_090_000),
    ("telegram:chat:1", "system", DISPATCH, 1_700_090_100),
    ("sms:+33639981234", "sms", CUSTOMER, 1_700_090_200),
    ("telegram:chat:1", "message", DISPATCH, -1),
    ("telegram:chat:1", "message", DISPATCH, -86_401),
    ("telegram:chat:1", "message", COURIER, 0),
]


def _case(path: Path) -> sqlite3.Connection:
    conn = db.connect(path)
    schema.migrate(conn)
    conn.execute("INSERT INTO evidence (sha256, name, size, added_at, added_by) VALUES ('e', 'x.json', 1, 't', 'u')")
    for key, kind in (("telegram:chat:1", "direct"), ("telegram:group:9", "group"), ("sms:+33639981234", "direct")):
        conn.execute(
            "INSERT INTO conversations (evidence, locator, key, platform, kind) VALUES ('e', ?, ?, ?, ?)",
            (key, key, key.split(":")[0], kind),
        )
    for number, (conversation, kind, sender, ts) in enumerate(MESSAGES, start=1):
        conn.execute(
            "INSERT INTO messages (id, evidence, locator, kind, conversation, sender, ts, local_time, tz, text)"
            " VALUES (?, 'e', ?, ?, ?, ?, ?, '', 'UTC', 'x')",
            (number, f"id={number}", kind, conversation, sender, ts),
        )
    return conn


def _one_by_one(ids: Identities, conversations: dict[tuple[str, str], tuple[str, str, str | None]]) -> EdgeBuilder:
    """The tallies as the messages come, one at a time: what the counted form must give."""
    edges = EdgeBuilder(ids)
    members = {("e", "telegram:chat:1"): [1, 2], ("e", "sms:+33639981234"): [3]}
    for conversation, kind, sender, ts in MESSAGES:
        if kind == "system":
            continue
        src = ids.of(sender, "e")
        platform, conv_kind, _title = conversations[("e", conversation)]
        if conv_kind == "group":
            edges.add(src, ids.of(conversation, "e"), "message", ts)
        else:
            for dst in members[("e", conversation)]:
                edges.add(src, dst, "sms" if platform == "sms" else "message", ts)
    return edges


def test_messages_counted_per_day_give_the_tallies_of_one_by_one(tmp_path: Path) -> None:
    conn = _case(tmp_path / "case.sqlite")
    ids = Identities(actor_of={DISPATCH: 1, COURIER: 2, CUSTOMER: 3, "telegram:group:9": 4})
    conversations = facts.conversation_kinds(conn)
    edges = EdgeBuilder(ids)

    edges.messages(facts.message_days(conn), conversations, facts.conversation_senders(conn), {})

    expected = _one_by_one(ids, conversations)
    assert list(edges.tallies) == list(expected.tallies)  # the same edges, first seen in the same order
    assert edges.tallies == expected.tallies
    assert edges.tallies[(1, 2, "message", -2)] == Tally(1, -86_401, -86_401)  # not "last: 0"
    assert edges.tallies[(1, 2, "message", 1_700_000_000 // DAY_S)] == Tally(2, 1_700_000_000, 1_700_000_200)
    assert (2, 4, "message", 1_700_000_300 // DAY_S) in edges.tallies  # a group message: the sender to the group
    assert edges.tallies[(1, 2, "message", 1_700_090_000 // DAY_S)].count == 1  # not the system message


def test_days_before_1970_are_floored_as_in_python(tmp_path: Path) -> None:
    conn = _case(tmp_path / "case.sqlite")
    rows = list(facts.message_days(conn))
    assert sum(row[5] for row in rows) == len(MESSAGES)
    assert all(row[4] == row[6] // DAY_S == row[7] // DAY_S for row in rows)
    assert {row[4] for row in rows if row[6] < 0} == {-1, -2}
