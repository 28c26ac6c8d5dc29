"""Migrations: a case written by an earlier version opens, and keeps what it had."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from filiere.store import db, detections, schema


def _at_version(path: Path, version: int, monkeypatch: pytest.MonkeyPatch) -> sqlite3.Connection:
    """A database migrated only up to ``version``, as an earlier filiere left it."""
    conn = db.connect(path)
    with monkeypatch.context() as patched:
        patched.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:version])
        patched.setattr(schema, "LATEST", version)
        schema.migrate(conn)
    return conn


def test_detections_stored_whole_move_to_one_row_per_distinct_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = next(i for i, (name, _) in enumerate(schema.MIGRATIONS) if name.startswith("each distinct detection"))
    conn = _at_version(tmp_path / "case.sqlite", before, monkeypatch)
    assert schema.version(conn) == before
    conn.execute("INSERT INTO evidence (sha256, name, size, added_at, added_by) VALUES ('e', 'x.json', 1, 't', 'u')")
    menu = {"drug_trade": True, "score": 0.9, "products": ["cocaine"]}
    for message_id, result in ((1, menu), (2, menu), (3, {"drug_trade": False, "score": 0.1})):
        conn.execute(
            "INSERT INTO messages (id, evidence, locator, kind, conversation, ts, local_time, tz, text)"
            " VALUES (?, 'e', ?, 'message', 'c', 0, '', 'UTC', 'texte')",
            (message_id, f"id={message_id}"),
        )
        conn.execute(
            "INSERT INTO detections (message_id, drug_trade, score, result, categories) VALUES (?, ?, ?, ?, '')",
            (message_id, int(result["drug_trade"]), result["score"], json.dumps(result)),
        )

    assert schema.migrate(conn) == schema.LATEST

    assert conn.execute("SELECT COUNT(*) FROM detection_results").fetchone()[0] == 2
    assert detections.result(conn, 2) == menu
    assert detections.result(conn, 3) == {"drug_trade": False, "score": 0.1}
    assert conn.execute("SELECT COUNT(*) FROM detections WHERE drug_trade = 1").fetchone()[0] == 2


def test_a_run_writes_each_distinct_result_once(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "case.sqlite")
    schema.migrate(conn)
    conn.execute("INSERT INTO evidence (sha256, name, size, added_at, added_by) VALUES ('e', 'x.json', 1, 't', 'u')")
    for message_id in range(1, 5):
        conn.execute(
            "INSERT INTO messages (id, evidence, locator, kind, conversation, ts, local_time, tz, text)"
            " VALUES (?, 'e', ?, 'message', 'c', ?, '', 'UTC', 'menu')",
            (message_id, f"id={message_id}", message_id * 100),
        )
    menu = detections.finding(
        {"drug_trade": True, "score": 0.9, "products": ["cocaine"], "categories": ["offer"],
         "prices": [{"amount": 70, "currency": "EUR", "quantity": 1, "unit": "g", "product": "cocaine"}]}
    )  # fmt: skip
    run = detections.Run(conn)
    run.start()
    run.write([detections.Detected(1, 100, menu), detections.Detected(2, 200, menu)])
    run.write([detections.Detected(3, 300, menu), detections.Detected(4, 400, menu)])
    run.end()
    assert conn.execute("SELECT COUNT(*) FROM detection_results").fetchone()[0] == 1
    assert [detections.result(conn, i)["products"] for i in range(1, 5)] == [["cocaine"]] * 4  # type: ignore[index]
    # Every message still has its labels and its prices, at its own time.
    labels = conn.execute("SELECT label, message_id FROM message_labels ORDER BY 2, 1").fetchall()
    assert [tuple(r) for r in labels] == [
        (label, i) for i in range(1, 5) for label in ("category:offer", "product:cocaine")
    ]
    prices = conn.execute("SELECT message_id, ts, product, amount FROM prices ORDER BY 1").fetchall()
    assert [tuple(r) for r in prices] == [(i, i * 100, "cocaine", 70.0) for i in range(1, 5)]
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")} >= {
        "detections_trade", "mentions_value", "prices_product_ts"
    }  # fmt: skip
    detections.clear(conn)
    assert conn.execute("SELECT COUNT(*) FROM detection_results").fetchone()[0] == 0


def test_prices_keep_whether_their_currency_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "case.sqlite"
    conn = _at_version(path, schema.LATEST - 1, monkeypatch)
    conn.execute("INSERT INTO prices VALUES (1, 100, 'cocaine', 70, 'EUR', 1, 'g')")  # stored by an earlier filiere
    assert schema.migrate(conn) == schema.LATEST
    conn.execute("INSERT INTO evidence (sha256, name, size, added_at, added_by) VALUES ('e', 'x.json', 1, 't', 'u')")
    for message_id in (2, 3):
        conn.execute(
            "INSERT INTO messages (id, evidence, locator, kind, conversation, ts, local_time, tz, text)"
            " VALUES (?, 'e', ?, 'message', 'c', ?, '', 'UTC', 'menu')",
            (message_id, f"id={message_id}", message_id * 100),
        )
    written = {"amount": 8, "currency": "GBP", "currency_stated": True, "quantity": 1, "unit": "g", "product": "coke"}
    inferred = {**written, "amount": 60, "currency": "EUR", "currency_stated": False}
    found = detections.finding({"drug_trade": True, "score": 0.9, "prices": [written, inferred]})
    run = detections.Run(conn)
    run.start()
    run.write([detections.Detected(2, 200, found), detections.Detected(3, 300, found)])
    run.end()
    rows = conn.execute("SELECT message_id, currency, currency_stated FROM prices ORDER BY 1, 2").fetchall()
    assert [tuple(r) for r in rows] == [(2, "EUR", 0), (2, "GBP", 1), (3, "EUR", 0), (3, "GBP", 1)]
    # Unit prices per month, each currency apart: pounds and euros are never averaged together.
    series = detections.price_series(conn)
    assert [(product, currency, low) for product, currency, _month, low, _high, _n in series] == [
        ("coke", "EUR", 60.0), ("coke", "GBP", 8.0)
    ]  # fmt: skip


def test_a_run_after_a_failed_one_starts_clean(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "case.sqlite")
    schema.migrate(conn)
    with pytest.raises(RuntimeError), db.transaction(conn):
        detections.Run(conn).start()
        raise RuntimeError("the analysis stopped half-way")
    detections.Run(conn).start()  # outside a transaction nothing rolls its temporary tables back
    run = detections.Run(conn)
    run.start()
    run.end()
    assert conn.execute("SELECT COUNT(*) FROM detections").fetchone()[0] == 0
