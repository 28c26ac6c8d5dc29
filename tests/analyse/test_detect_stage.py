"""The detection stage of ``analyze``: what it stores is what ``detect`` and ``in_context`` say, however
the work is cut (windows, worker processes, the cache of distinct texts)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from filiere.analyse import detect_stage
from filiere.extract import detect, in_context
from filiere.store import db, schema

# A courier's chat (fictional): trade, the routine words that need their neighbours, small talk.
COURIER = [
    "Récup 20 pochons de beuh au 12 rue des Lilas à 14h",
    "Ta tournée : 3 rue Victor Hugo puis 8 avenue Jean Jaurès",
    "Livré ✅",
    "ok",
    "C'est récup",
    "Dépose 450€ de cash ce soir, 10€ par livraison",
    "Livré ✅",
    "tu viens au foot dimanche ?",
    "2 G de coke pour le client du 15e, 70 le G",
    "Livré ✅",
]
CHANNEL = [
    "🍀 Beuh 10€ le G, livraison de midi à minuit, commande sur Signal 06 39 98 12 34",
    "Livré ✅",  # a channel broadcasts: its posts are read alone
    "🍀 Beuh 10€ le G, livraison de midi à minuit, commande sur Signal 06 39 98 12 34",
    "Nouvel arrivage ❄️ la blanche 60 le G",
]


def _case(path: Path, conversations: dict[str, tuple[str, list[str]]]) -> sqlite3.Connection:
    conn = db.connect(path)
    schema.migrate(conn)
    conn.execute("INSERT INTO evidence (sha256, name, size, added_at, added_by) VALUES ('e', 'x.json', 1, 't', 'u')")
    message_id = 0
    for key, (kind, texts) in conversations.items():
        conn.execute(
            "INSERT INTO conversations (evidence, locator, key, platform, kind) VALUES ('e', ?, ?, 'telegram', ?)",
            (key, key, kind),
        )
        for ts, text in enumerate(texts):
            message_id += 1
            conn.execute(
                "INSERT INTO messages (id, evidence, locator, kind, conversation, ts, local_time, tz, text)"
                " VALUES (?, 'e', ?, 'message', ?, ?, '', 'UTC', ?)",
                (message_id, f"id={message_id}", key, 1000 + ts, text),
            )
    return conn


def _expected(conversations: dict[str, tuple[str, list[str]]]) -> dict[int, dict[str, object]]:
    expected: dict[int, dict[str, object]] = {}
    message_id = 0
    for kind, texts in conversations.values():
        alone = [detect(text) for text in texts]
        found = alone if kind == "channel" else in_context(alone)
        for item in found:
            message_id += 1
            result = item.to_dict()
            if detect_stage._found_anything(result):
                expected[message_id] = result
    return expected


def _stored(conn: sqlite3.Connection) -> dict[int, dict[str, object]]:
    rows = conn.execute(
        "SELECT d.message_id, r.result FROM detections d JOIN detection_results r ON r.id = d.result_id"
    )
    return {message_id: json.loads(result) for message_id, result in rows}


@pytest.mark.parametrize("parallel", [False, True])
def test_it_stores_what_detect_and_context_say(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool) -> None:
    # Small windows, batches and memory, so that margins, repeats across windows, forgotten texts
    # and (in parallel) tasks answered out of reading order all happen on a few messages.
    monkeypatch.setattr(detect_stage, "SIZE", 3)
    monkeypatch.setattr(detect_stage, "KNOWN", 2)
    monkeypatch.setattr(detect_stage, "BATCH", 2)
    monkeypatch.setattr(detect_stage, "AHEAD", 2)
    monkeypatch.setattr(detect_stage, "CACHED_TEXT", 30)  # the longer texts are judged every time
    monkeypatch.setattr(detect_stage, "PARALLEL_FROM", 0 if parallel else 10**9)
    monkeypatch.setattr(detect_stage.os, "cpu_count", lambda: 2)
    conversations = {"courier": ("private", COURIER * 3), "channel": ("channel", CHANNEL * 2)}
    conn = _case(tmp_path / "case.sqlite", conversations)

    summary = detect_stage.run(conn)

    expected = _expected(conversations)
    assert _stored(conn) == expected
    assert summary["messages_read"] == len(COURIER) * 3 + len(CHANNEL) * 2
    assert summary["messages_with_findings"] == len(expected)
    # Worked out without the context code: "Livré ✅" (message 3) has messages 1 to 11 around it
    # (8 on each side, none before 1); "ok" (message 4) names nothing of the routine.
    chat = COURIER * 3
    around = sum(detect(chat[index]).drug_trade for index in range(11) if index != 2)
    assert around >= 2
    stored = _stored(conn)
    assert stored[3]["drug_trade"] is True
    assert stored[3]["evidence"][0]["rule"] == f"context ({around} of the 10 messages around are trade)"
    assert 4 not in stored
    revised = [result for result in expected.values() if str(result["evidence"]).count("context (") == 1]
    assert revised  # the courier's "Livré ✅" among trade is trade, in the chat but not in the channel
    assert all(result["drug_trade"] is False for mid, result in expected.items() if mid > len(COURIER) * 3
               and "livré" in str(result["evidence"]))  # fmt: skip


def test_a_second_run_replaces_the_first(tmp_path: Path) -> None:
    conversations = {"courier": ("private", COURIER)}
    conn = _case(tmp_path / "case.sqlite", conversations)
    detect_stage.run(conn)
    first = _stored(conn)
    detect_stage.run(conn)
    assert _stored(conn) == first
    distinct = {json.dumps(result, sort_keys=True) for result in first.values()}
    assert conn.execute("SELECT COUNT(*) FROM detection_results").fetchone()[0] == len(distinct)


def test_windows_give_each_batch_its_neighbours() -> None:
    batches = [[(i, i, str(i)) for i in range(start, start + 4)] for start in (0, 4, 8)] + [[(12, 12, "12")]]
    seen = []
    for rows, first, last in detect_stage.windows(batches, margin=2):
        kept = rows[first:last]
        seen += [row[0] for row in kept]
        assert rows[:first] == [(i, i, str(i)) for i in range(max(0, kept[0][0] - 2), kept[0][0])]
        assert rows[last:] == [(i, i, str(i)) for i in range(kept[-1][0] + 1, min(13, kept[-1][0] + 3))]
    assert seen == list(range(13))


def test_an_apps_placeholder_is_not_read(tmp_path: Path) -> None:
    # A deleted message keeps WhatsApp's placeholder as its text, a missed call the app's words:
    # neither is its sender's. A deleted message whose text was recovered (a Signal export keeps
    # it) is, and so is a service message (a channel renamed "Beuh Paris 75").
    texts = ["Beuh 10€ le G", "Vous avez supprimé ce message", "Appel vocal manqué", "C dispo 70 le G"]
    conn = _case(tmp_path / "case.sqlite", {"chat": ("private", texts)})
    conn.execute("UPDATE messages SET kind = 'deleted' WHERE id IN (2, 4)")
    conn.execute("UPDATE messages SET kind = 'call' WHERE id = 3")
    conn.execute(
        "INSERT INTO messages (id, evidence, locator, kind, conversation, ts, local_time, tz, text)"
        " VALUES (5, 'e', 'id=5', 'system', 'chat', 3000, '', 'UTC', 'Le canal a été renommé « Beuh Paris 75 »')"
    )
    detect_stage.run(conn)
    assert set(_stored(conn)) == {1, 4, 5}
    assert detect_stage.judge(["Vous avez supprimé ce message"]) == [(None, False, None, ())]
