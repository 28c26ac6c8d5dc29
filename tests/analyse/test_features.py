"""Behaviour features for roles: messages read grouped in SQL count as many times as they were sent."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from filiere.analyse import detect_stage, features
from filiere.analyse.edges import EdgeBuilder
from filiere.resolve.build import Identities
from filiere.store import db, facts, schema

DISPATCH, COURIER = "telegram:user:7001", "telegram:user:7002"
# A dispatcher repeats his instructions (the same text, grouped into one row by SQL), a courier answers.
CHAT = [
    (DISPATCH, "Récup 20 pochons de beuh au 12 rue des Lilas à 14h"),
    (DISPATCH, "Ta tournée : 3 rue Victor Hugo puis 8 avenue Jean Jaurès"),
    (DISPATCH, "Ta tournée : 3 rue Victor Hugo puis 8 avenue Jean Jaurès"),
    (COURIER, "ok"),
    (DISPATCH, "Dépose 450€ de cash ce soir, 10€ par livraison"),
    (DISPATCH, "Ta tournée : 3 rue Victor Hugo puis 8 avenue Jean Jaurès"),
    (COURIER, "2 kilos de shit pour le grossiste, 3500 le kilo"),
    (COURIER, "2 kilos de shit pour le grossiste, 3500 le kilo"),
]


def _case(path: Path) -> sqlite3.Connection:
    conn = db.connect(path)
    schema.migrate(conn)
    conn.execute("INSERT INTO evidence (sha256, name, size, added_at, added_by) VALUES ('e', 'x.json', 1, 't', 'u')")
    conn.execute(
        "INSERT INTO conversations (evidence, locator, key, platform, kind) VALUES ('e', 'c', 'telegram:chat:1',"
        " 'telegram', 'direct')"
    )
    for number, (sender, text) in enumerate(CHAT, start=1):
        conn.execute(
            "INSERT INTO messages (id, evidence, locator, kind, conversation, sender, ts, local_time, tz, text)"
            " VALUES (?, 'e', ?, 'message', 'telegram:chat:1', ?, ?, '', 'UTC', ?)",
            (number, f"id={number}", sender, 1_700_000_000 + 60 * number, text),
        )
    return conn


def test_repeated_messages_count_each_time(tmp_path: Path) -> None:
    conn = _case(tmp_path / "case.sqlite")
    detect_stage.run(conn)
    ids = Identities(actor_of={DISPATCH: 1, COURIER: 2}, kinds={1: "person", 2: "person"})
    edges = EdgeBuilder(ids)
    edges.messages(facts.message_days(conn), facts.conversation_kinds(conn), facts.conversation_senders(conn), {})

    measured = features.measure(conn, ids, edges)

    # What each message says, one row at a time, to compare with.
    rows = conn.execute(
        "SELECT m.sender, d.drug_trade, d.categories, d.addresses, d.bulk FROM detections d"
        " JOIN messages m ON m.id = d.message_id"
    ).fetchall()
    for sender, actor, other in ((DISPATCH, 1, 2), (COURIER, 2, 1)):
        mine = [row for row in rows if row[0] == sender]
        sent = Counter(category for row in mine for category in row[2].split())
        tours = sum(row[3] >= 2 or (row[3] == 1 and "logistics" in row[2].split()) for row in mine)
        assert measured[actor].sent == sent
        assert measured[other].received == sent
        assert measured[actor].trade_sent == sum(row[1] for row in mine)
        assert measured[actor].sent_addresses == tours
        assert measured[other].received_addresses == tours
        assert measured[actor].bulk_mentions == sum(row[4] for row in mine)
    assert measured[1].sent_addresses >= 3  # the same tour, sent three times
    assert measured[2].bulk_mentions == 2  # the same wholesale price, sent twice


def test_phones_mentioned_as_themselves_or_as_a_hand_off(tmp_path: Path) -> None:
    conn = _case(tmp_path / "case.sqlite")
    conn.executemany(
        "INSERT INTO mentions (message_id, kind, value, platform) VALUES (?, ?, ?, ?)",
        [(1, "phone", "+33639981234", None), (2, "handoff", "+33639985678", "signal"),
         (3, "handoff", "@lacentrale", "telegram"), (4, "phone", "+33639981234", None)],
    )  # fmt: skip
    assert sorted(facts.mentioned_phones(conn)) == ["+33639981234", "+33639985678"]
