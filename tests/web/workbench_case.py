"""A small fictional case for the workbench tests, written the way ingestion and analysis write it.

Records go in through the store's own writer; the analysis tables (actors, links, edges, lineage)
with plain INSERTs, as the analysis stage fills them. Names are invented and every phone number is
in the range set aside for fiction (06 39 98 xx xx).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from filiere.case import Case
from filiere.model import Account, Call, Cell, Conversation, Message, Source
from filiere.store import detections, users
from filiere.store.records import RecordWriter
from filiere.types.moment import from_local

PASSWORD = "correct horse battery"
HOSTILE = (
    '<script>alert(1)</script> <a href="javascript:alert(1)">clic</a> =HYPERLINK("http://x.invalid","y") \u202egnp.exe'
)
CHANNEL = "telegram:channel:1001"
SUCCESSOR = "telegram:channel:1002"
CHAT = "telegram:chat:2001"
COURIER_PHONE = "phone:+33639981201"
DISPATCH_PHONE = "phone:+33639981202"
MENU = "Menu du jour : beuh 10€ le g, livraison de midi à minuit Paris 11e"


@dataclass(frozen=True)
class Built:
    cases_dir: Path
    name: str
    sha256: str
    ids: dict[str, int]  # message label -> row id
    actors: dict[str, int]
    link_id: int


def _span(text: str, words: str, rule: str) -> dict[str, Any]:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "text": words, "rule": rule}


def _message(native: str, conv: str, sender: str, name: str, at: str, text: str, sha: str, **extra: Any) -> Message:
    return Message(
        native_id=native, kind="text", conversation=conv, sender=sender, sender_name=name,
        time=from_local(datetime.fromisoformat(at)), text=text, source=Source(sha, f"messages[{native}] id={native}"),
        **extra,
    )  # fmt: skip


def _call(n: int, at: str, cell: tuple[str, float, float, str], sha: str, caller: str = COURIER_PHONE) -> Call:
    return Call(
        native_id=str(n), caller=caller, callee=DISPATCH_PHONE if caller == COURIER_PHONE else COURIER_PHONE,
        start=from_local(datetime.fromisoformat(at)), duration_s=40, direction="outgoing",
        source=Source(sha, f"row {n + 1}"), cell=Cell(cell[0], cell[1], cell[2], cell[3]),
    )  # fmt: skip


CELLS = {
    "A": ("208-01-1101", 48.8590, 2.3800, "12 rue Fictive, Paris 11e"),
    "B": ("208-01-1102", 48.8530, 2.3690, "3 place Imaginaire, Paris 11e"),
    "C": ("208-01-1103", 48.8920, 2.3480, "8 avenue Inventée, Paris 18e"),
}


def _records(sha: str) -> list[Any]:
    src = Source(sha, "header")
    records: list[Any] = [
        Conversation(CHANNEL, "telegram", "channel", "Cerise Livraison 🍒", src, native_id="1001"),
        Conversation(SUCCESSOR, "telegram", "channel", "Cerise Livraison 2", src, native_id="1002"),
        Conversation(CHAT, "telegram", "direct", "Nino", src, native_id="2001"),
        Account(COURIER_PHONE, "phone", src, name="Nino Livreur"),
        Account("telegram:user501", "telegram", src, name="Cerise Dispatch", handle="cerise_dispatch"),
    ]
    m = _message
    records += [
        m("1", CHANNEL, "telegram:channel:1001", "Cerise Livraison", "2026-03-02T12:00:00", MENU, sha),
        m("2", CHANNEL, "telegram:channel:1001", "Cerise Livraison", "2026-03-09T12:05:00",
          "Nouveau numéro, l'ancien est grillé : 06 39 98 12 02 sur Signal", sha),
        m("3", CHAT, "telegram:user501", "Cerise Dispatch", "2026-03-03T21:15:00", HOSTILE, sha),
        m("4", CHAT, COURIER_PHONE, "Nino Livreur", "2026-03-03T21:20:00", "Bien reçu, j'arrive à la résidence", sha,
          reply_to="3"),
        m("5", CHAT, COURIER_PHONE, "Nino Livreur", "2026-03-04T09:00:00", "Regarde la carte du canal", sha,
          forwarded_from=CHANNEL),
        m("6", CHAT, "telegram:user501", "Cerise Dispatch", "2026-03-04T10:30:00",
          "La réunion est déplacée à jeudi", sha),
    ]  # fmt: skip
    records += [
        _call(0, "2026-03-03T10:00:00", CELLS["A"], sha),
        _call(1, "2026-03-03T11:30:00", CELLS["B"], sha),
        _call(2, "2026-03-03T14:45:00", CELLS["C"], sha),
        _call(3, "2026-03-04T09:15:00", CELLS["A"], sha),
    ]
    return records


def _analysis(case: Case, ids: dict[str, int]) -> tuple[dict[str, int], int]:
    """What the analysis stage writes: detections, actors, identifiers, links, edges, lineage."""
    menu_result = {
        "drug_trade": True, "score": 0.93, "categories": ["offer", "service"], "products": ["cannabis_herb"],
        "prices": [{"amount": 10.0, "currency": "EUR", "quantity": 1.0, "unit": "g", "product": "cannabis_herb"}],
        "hours": [{"from": "12:00", "to": "00:00", "days": ["mon", "tue"]}],
        "zones": [{"kind": "arrondissement", "value": "75011"}],
        "evidence": [_span(MENU, "beuh", "product:cannabis_herb"), _span(MENU, "10€ le g", "price"),
                     _span(MENU, "de midi à minuit", "hours"), _span(MENU, "livraison", "cue:service")],
    }  # fmt: skip
    handoff_text = "Nouveau numéro, l'ancien est grillé : 06 39 98 12 02 sur Signal"
    handoff_result = {
        "drug_trade": True, "score": 0.71, "categories": ["handoff"], "products": [],
        "handoffs": [{"platform": "signal", "value": "+33639981202"}],
        "evidence": [_span(handoff_text, "l'ancien est grillé", "handoff:burned"),
                     _span(handoff_text, "06 39 98 12 02", "phone")],
    }  # fmt: skip
    with case.transaction() as tx:
        detections.write(tx, [
            detections.Detected(ids["menu"], 1772449200, detections.finding(menu_result)),
            detections.Detected(ids["handoff"], 1773054300, detections.finding(handoff_result)),
        ])  # fmt: skip
        tx.execute("INSERT INTO analysis_runs (stage, started_at, seconds, version, summary) VALUES"
                   " ('analyse', '2026-03-10T00:00:00Z', 1.0, 'test', '{}')")  # fmt: skip
        actors: dict[str, int] = {}
        for label, kind, role, conf, roles, scores, community in (
            ("Cerise Livraison", "channel", "advertiser", 0.9,
             [{"role": "advertiser", "score": 0.9, "reasons": [{"fr": "publie une carte de produits et de prix",
                                                                 "en": "posts a menu of products and prices"}]}],
             {"pagerank": 0.30, "betweenness": 0.1, "degree": 2}, 1),
            ("Cerise Dispatch", "person", "dispatcher", 0.8,
             [{"role": "dispatcher", "score": 0.8, "reasons": [{"fr": "donne les adresses aux livreurs",
                                                                 "en": "gives addresses to couriers"}]}],
             {"pagerank": 0.45, "betweenness": 0.6, "degree": 3}, 1),
            ("Nino Livreur", "person", "courier", 0.7,
             [{"role": "courier", "score": 0.7, "reasons": [{"fr": "se déplace d'antenne en antenne dans la journée",
                                                              "en": "moves from cell to cell during the day"}]}],
             {"pagerank": 0.25, "betweenness": 0.0, "degree": 1}, 2),
        ):  # fmt: skip
            cursor = tx.execute(
                "INSERT INTO actors (label, kind, role, role_confidence, roles, scores, community, first_ts, last_ts,"
                " messages, calls) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    label,
                    kind,
                    role,
                    conf,
                    json.dumps(roles),
                    json.dumps(scores),
                    community,
                    1772449200,
                    1773054300,
                    2,
                    4,
                ),
            )
            actors[label] = int(cursor.lastrowid or 0)
        tx.executemany("INSERT INTO actor_identifiers VALUES (?,?,?,?)", [
            (CHANNEL, actors["Cerise Livraison"], "channel", "Cerise Livraison 🍒"),
            ("telegram:user501", actors["Cerise Dispatch"], "account", "@cerise_dispatch"),
            (DISPATCH_PHONE, actors["Cerise Dispatch"], "phone", "06 39 98 12 02"),
            (COURIER_PHONE, actors["Nino Livreur"], "phone", "06 39 98 12 01"),
        ])  # fmt: skip
        reason = json.dumps({"fr": "le numéro annoncé par le canal est celui du compte",
                             "en": "the number the channel advertises is the account's"})  # fmt: skip
        sources = json.dumps([{"sha256": "0" * 64, "locator": "messages[2] id=2"}])
        cursor = tx.execute(
            "INSERT INTO links (a, b, rule, strength, score, reason, sources, status) VALUES (?,?,?,?,?,?,?,?)",
            ("telegram:user501", DISPATCH_PHONE, "advertised_number", "weak", 0.6, reason, sources, "proposed"),
        )
        link_id = int(cursor.lastrowid or 0)
        day = 1772449200 // 86400 + 1
        tx.executemany("INSERT INTO edges VALUES (?,?,?,?,?,?,?,?)", [
            (actors["Cerise Dispatch"], actors["Nino Livreur"], "message", day, 3, 1772568900, 1772614800, 0),
            (actors["Cerise Dispatch"], actors["Nino Livreur"], "call", day, 4, 1772528400, 1772615700, 160),
            (actors["Cerise Livraison"], actors["Cerise Dispatch"], "advertises", 0, 1, None, None, 0),
        ])  # fmt: skip
        tx.execute("INSERT INTO lineage VALUES (?,?,?,?)", (CHANNEL, SUCCESSOR, 0.82, json.dumps([
            {"fr": "même numéro de renvoi", "en": "same hand-off number"}])))  # fmt: skip
    return actors, link_id


def build(cases_dir: Path, name: str = "cerise") -> Built:
    """The fictional case ``name`` inside ``cases_dir``, with its users (see ``PASSWORD``)."""
    cases_dir.mkdir(parents=True, exist_ok=True)
    export = cases_dir.parent / f"{name}-export.json"
    export.write_text('{"fictional": "export"}\n', encoding="utf-8")
    with Case.create(cases_dir / name, title="Affaire Cerise (fictive)", reference="PV 2026/0007",
                     actor="chef") as case:  # fmt: skip
        sha = case.store_file(export, source_ref="Scellé n°1", actor="chef").row.sha256
        with case.transaction() as tx:
            writer = RecordWriter(tx, sha)
            for record in _records(sha):
                writer.add(record)
            writer.finish()
        ids = {label: int(case.conn.execute("SELECT id FROM messages WHERE native_id = ?", (native,)).fetchone()[0])
               for label, native in (("menu", "1"), ("handoff", "2"), ("hostile", "3"), ("reply", "4"),
                                     ("forward", "5"), ("meeting", "6"))}  # fmt: skip
        actors, link_id = _analysis(case, ids)
    conn = users.open_users(cases_dir)
    try:
        for user, role in (("chef", "administrator"), ("enqueteur", "investigator"), ("lecteur", "reader"),
                           ("intrus", "investigator")):  # fmt: skip
            if users.get_user(conn, user) is None:
                users.add_user(conn, user, role, PASSWORD)
        for user in ("chef", "enqueteur", "lecteur"):
            users.grant(conn, user, name, by="chef")
    finally:
        conn.close()
    return Built(cases_dir, name, sha, ids, actors, link_id)
