"""A fictional case of any size for the workbench's benchmark and screenshots (``web_load.py``, ``screenshots.py``).

Messages and calls go in through the store's own writers; the analysis tables (actors, links, edges,
lineage) are filled with plain rows shaped as the analysis stage writes them, until the demo
generator and the analysis produce the same at scale. Everything is invented: names, places, and
phone numbers in the range set aside for fiction (06 39 98 xx xx).

    .venv/bin/python bench/web_sample.py CASES_DIR --messages 1000000
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from filiere.case import Case
from filiere.model import Call, Cell, Conversation, Message, Source
from filiere.store import detections
from filiere.store.records import RecordWriter
from filiere.types.moment import from_epoch

START = datetime(2025, 9, 1, tzinfo=UTC)
ARRONDISSEMENTS = [(n, 48.8566 + 0.02 * ((n * 7) % 5 - 2), 2.3522 + 0.025 * ((n * 3) % 7 - 3)) for n in range(1, 21)]
FIRST = [
    "Nino",
    "Sami",
    "Léa",
    "Yanis",
    "Inès",
    "Malik",
    "Chloé",
    "Enzo",
    "Jade",
    "Noah",
    "Lina",
    "Adam",
    "Zoé",
    "Liam",
]
LAST = ["Fictif", "Imaginaire", "Inventé", "Exemple", "Modèle", "Témoin", "Factice"]
PRODUCTS = [("beuh", "cannabis_herb", 10), ("résine", "cannabis_resin", 7), ("coco", "cocaine", 70)]
CHATTER = ["ok merci", "t'es où ?", "j'arrive dans 10 min", "bien reçu", "à plus tard", "la réunion est à jeudi",
           "tu peux rappeler ?", "c'est noté", "bonne soirée", "je suis en bas"]  # fmt: skip


DISPATCH, COURIER, CUSTOMER = 100, 200, 1000  # line numbers 06 39 98 01 00, 06 39 98 02 00, 06 39 98 10 00…


def phone(n: int) -> str:
    """The n-th fictional line, 06 39 98 nn nn in E.164."""
    return f"+3363998{n % 10000:04d}"


def _span(text: str, words: str, rule: str) -> dict[str, Any]:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "text": words, "rule": rule}


def channel_post(rng: random.Random, channel: int) -> tuple[str, dict[str, Any] | None]:
    """A post of one of the fictional channels, with the detection the analysis would store."""
    word, product, base = rng.choice(PRODUCTS)
    price = base + rng.randint(-2, 3) * (10 if base > 20 else 1)
    arr = rng.randint(1, 20)
    kind = rng.random()
    if kind < 0.6:
        text = f"🍀 MENU 🍀 {word} {price}€ le g, livraison de midi à minuit Paris {arr}e"
        return text, {
            "drug_trade": True, "score": 0.9, "categories": ["offer", "service"], "products": [product],
            "prices": [{"amount": float(price), "currency": "EUR", "quantity": 1.0, "unit": "g", "product": product}],
            "hours": [{"from": "12:00", "to": "00:00", "days": []}],
            "zones": [{"kind": "arrondissement", "value": f"750{arr:02d}"}],
            "evidence": [_span(text, word, f"product:{product}"), _span(text, f"{price}€ le g", "price"),
                         _span(text, "de midi à minuit", "hours")],
        }  # fmt: skip
    if kind < 0.8:
        text = "Promo 1+1 offert ce week-end, carte de fidélité 🎁"
        return text, {"drug_trade": True, "score": 0.7, "categories": ["promo"], "products": [],
                      "evidence": [_span(text, "1+1 offert", "promo")]}  # fmt: skip
    number = f"06 39 98 {channel:02d} {rng.randint(10, 99)}"
    text = f"Nouveau numéro, l'ancien est grillé : {number} sur Signal"
    return text, {"drug_trade": True, "score": 0.75, "categories": ["handoff"], "products": [],
                  "handoffs": [{"platform": "signal", "value": "+33" + number.replace(" ", "")[1:]}],
                  "evidence": [_span(text, "l'ancien est grillé", "handoff:burned"),
                               _span(text, number, "phone")]}  # fmt: skip


def customer_text(rng: random.Random) -> tuple[str, dict[str, Any] | None]:
    if rng.random() < 0.25:
        arr = rng.randint(1, 20)
        text = f"Salut, dispo ce soir ? livraison Paris {arr}e possible ?"
        return text, {"drug_trade": True, "score": 0.6, "categories": ["order"], "products": [],
                      "zones": [{"kind": "arrondissement", "value": f"750{arr:02d}"}],
                      "evidence": [_span(text, "dispo ce soir", "cue:order")]}  # fmt: skip
    return rng.choice(CHATTER), None


def moment_of(rng: random.Random, days: int) -> int:
    """A time weighted like the trade: afternoons and evenings, more on Fridays and Saturdays."""
    day = START + timedelta(days=rng.randrange(days))
    hour = min(23, max(0, int(rng.gauss(19 if day.weekday() in (4, 5) else 17, 4))))
    return int((day + timedelta(hours=hour, minutes=rng.randrange(60))).timestamp())


def build(cases_dir: Path, n_messages: int, *, name: str = "bench", seed: int = 7, days: int = 180) -> Path:
    """Write the case ``cases_dir/name`` with about ``n_messages`` messages; return its folder."""
    rng = random.Random(seed)
    root = cases_dir / name
    cases_dir.mkdir(parents=True, exist_ok=True)
    placeholder = cases_dir / "export-banc-essai.txt"
    placeholder.write_text("export fictif pour le banc d'essai du poste web\n", encoding="utf-8")
    n_channels, n_dispatch, n_couriers = 8, 6, 30
    n_customers = min(10000 - CUSTOMER, max(50, n_messages // 300))
    with Case.create(root, title="Banc d'essai (fictif)", reference="BENCH-0001", actor="bench") as case:
        sha = case.store_file(placeholder, source_ref="banc d'essai", actor="bench").row.sha256
        placeholder.unlink()
        src = Source(sha, "header")
        edges: Counter[tuple[str, str, str, int]] = Counter()
        found: list[tuple[int, int, dict[str, Any]]] = []
        seen = {f"telegram:channel:{c}" for c in range(n_channels)}
        with case.transaction() as tx:
            writer = RecordWriter(tx, sha)
            for c in range(n_channels):
                writer.add(
                    Conversation(f"telegram:channel:{c}", "telegram", "channel", f"Livraison {FIRST[c]} 🍀", src)
                )
            generated = _messages(rng, n_messages, n_channels, n_dispatch, n_customers, days)
            for i, (conv, sender, name_, ts, text, detection) in enumerate(generated):
                if conv not in seen:
                    seen.add(conv)
                    _, _, dispatcher, customer = conv.split(":")
                    title = f"Client {customer} ↔ Standard {FIRST[int(dispatcher)]}"
                    writer.add(Conversation(conv, "telegram", "direct", title, src))
                writer.add(
                    Message(str(i), "text", conv, sender, name_, from_epoch(ts), text, Source(sha, f"line {i + 1}"))
                )
                if detection is not None:
                    found.append((i, ts, detection))
                edges[(sender, conv, "message", ts // 86400)] += 1
            for call in _calls(rng, n_messages // 5, n_dispatch, n_couriers, days, sha):
                writer.add(call)
                edges[(str(call.caller), str(call.callee), "call", call.start.epoch // 86400)] += 1
            writer.finish()
        first_id = case.conn.execute("SELECT MIN(id) FROM messages").fetchone()[0]
        with case.transaction() as tx:
            detections.write(tx, (detections.Detected(first_id + i, ts, detections.finding(d)) for i, ts, d in found))
        _analysis(case, rng, edges, n_channels, n_dispatch, n_couriers, n_customers)
    return root


def _messages(rng: random.Random, n: int, n_channels: int, n_dispatch: int, n_customers: int,
              days: int) -> Iterator[tuple[str, str, str, int, str, dict[str, Any] | None]]:  # fmt: skip
    for _ in range(n):
        roll = rng.random()
        ts = moment_of(rng, days)
        if roll < 0.08:
            c = rng.randrange(n_channels)
            text, detection = channel_post(rng, c)
            yield f"telegram:channel:{c}", f"telegram:channel:{c}", f"Livraison {FIRST[c]}", ts, text, detection
        else:
            customer = rng.randrange(n_customers)
            dispatcher = customer % n_dispatch
            conv = f"telegram:chat:{dispatcher}:{customer}"
            if rng.random() < 0.5:
                text, detection = customer_text(rng)
                yield conv, f"phone:{phone(CUSTOMER + customer)}", f"Client {customer}", ts, text, detection
            else:
                yield conv, f"phone:{phone(DISPATCH + dispatcher)}", "Standard", ts, rng.choice(CHATTER), None


def _calls(rng: random.Random, n: int, n_dispatch: int, n_couriers: int, days: int, sha: str) -> Iterator[Call]:
    for k in range(n):
        courier = rng.randrange(n_couriers)
        arr, lat, lon = ARRONDISSEMENTS[(courier + k // 7) % 20]
        site = rng.randrange(4)  # four sites per arrondissement, each at a fixed place as in real records
        cell = Cell(f"208-01-{arr:02d}{site}", lat + 0.004 * (site - 1.5), lon + 0.005 * ((site * 3) % 4 - 1.5),
                    f"Site fictif {site + 1}, Paris {arr}e")  # fmt: skip
        yield Call(str(k), f"phone:{phone(COURIER + courier)}", f"phone:{phone(DISPATCH + courier % n_dispatch)}",
                   from_epoch(moment_of(rng, days)), rng.randint(5, 200), "outgoing", Source(sha, f"row {k + 2}"),
                   cell=cell)  # fmt: skip


def _analysis(case: Case, rng: random.Random, edges: Counter[tuple[str, str, str, int]], n_channels: int,
              n_dispatch: int, n_couriers: int, n_customers: int) -> None:  # fmt: skip
    """Actors, identifiers, links, edges and lineage, as the analysis stage would leave them."""
    people: list[tuple[str, str, str | None, list[str]]] = []  # label, kind, role, identifiers
    people += [(f"Livraison {FIRST[c]}", "channel", "advertiser", [f"telegram:channel:{c}"]) for c in range(n_channels)]
    people += [(f"Standard {FIRST[d]}", "person", "dispatcher", [f"phone:{phone(DISPATCH + d)}", f"telegram:user{d}"])
               for d in range(n_dispatch)]  # fmt: skip
    people += [(f"{FIRST[c % 14]} {LAST[c % 7]}", "person", "courier", [f"phone:{phone(COURIER + c)}"])
               for c in range(n_couriers)]  # fmt: skip
    people += [(f"Client {u}", "person", "customer", [f"phone:{phone(CUSTOMER + u)}"]) for u in range(n_customers)]
    actor_of: dict[str, int] = {}
    with case.transaction() as tx:
        for i, (label, kind, role, keys) in enumerate(people, start=1):
            weight = {"dispatcher": 0.05, "advertiser": 0.03, "courier": 0.01}.get(role or "", 0.0005)
            scores = {"pagerank": round(weight * rng.uniform(0.5, 1.5), 6), "degree": rng.randint(1, 200),
                      "betweenness": round(weight * rng.uniform(0, 2), 6)}  # fmt: skip
            reasons = [{"role": role, "score": 0.8, "reasons": [{"fr": "règle du banc d'essai", "en": "bench rule"}]}]
            tx.execute(
                "INSERT INTO actors (id, label, kind, role, role_confidence, roles, scores, community, messages, calls)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                (i, label, kind, role, 0.8, json.dumps(reasons), json.dumps(scores), i % 9, 0, 0),
            )
            for key in keys:
                actor_of[key] = i
                tx.execute("INSERT INTO actor_identifiers VALUES (?,?,?,?)", (key, i, key.split(":")[0], key))
        for d in range(n_dispatch):
            reason = json.dumps({"fr": "même nom affiché sur les deux comptes", "en": "same display name on both"})
            tx.execute("INSERT INTO links (a, b, rule, strength, score, reason, sources, status)"
                       " VALUES (?,?,?,?,?,?,?,?)",
                       (f"phone:{phone(DISPATCH + d)}", f"telegram:user{d}", "same_name", "weak", 0.55, reason, "[]",
                        "proposed"))  # fmt: skip
        rows: Counter[tuple[int, int, str, int]] = Counter()
        for (sender, target, kind, day), n in edges.items():
            src = actor_of.get(sender)
            if kind == "message" and target.startswith("telegram:chat:"):
                dispatcher = int(target.split(":")[2])
                dst = actor_of.get(f"phone:{phone(DISPATCH + dispatcher)}")
                if src == dst:
                    dst = actor_of.get(f"phone:{phone(CUSTOMER + int(target.split(':')[3]))}")
            else:
                dst = actor_of.get(target)
            if src is not None and dst is not None and src != dst:
                rows[(src, dst, kind, day)] += n
        tx.executemany("INSERT INTO edges VALUES (?,?,?,?,?,?,?,?)",
                       [(s, d, k, day, n, day * 86400, day * 86400 + 86399, 0)
                        for (s, d, k, day), n in rows.items()])  # fmt: skip
        tx.executemany("INSERT INTO edges VALUES (?,?,?,?,?,?,?,?)",
                       [(c + 1, n_channels + 1 + c % n_dispatch, "advertises", 0, 1, None, None, 0)
                        for c in range(n_channels)])  # fmt: skip
        for c in range(n_channels - 1):
            tx.execute("INSERT INTO lineage VALUES (?,?,?,?)", (f"telegram:channel:{c}", f"telegram:channel:{c + 1}",
                       0.8,
                       json.dumps([{"fr": "même numéro de renvoi", "en": "same hand-off number"}])))  # fmt: skip
        tx.execute("UPDATE actors SET messages = (SELECT COALESCE(SUM(count), 0) FROM edges WHERE src = actors.id"
                   " AND kind = 'message'), calls = (SELECT COALESCE(SUM(count), 0) FROM edges WHERE src = actors.id"
                   " AND kind = 'call')")  # fmt: skip
        tx.execute("INSERT INTO analysis_runs (stage, started_at, seconds, version, summary)"
                   " VALUES ('bench', '2026-01-01T00:00:00Z', 0, 'bench', '{}')")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases_dir", type=Path)
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--name", default="bench")
    args = parser.parse_args()
    clock = time.perf_counter()
    root = build(args.cases_dir, args.messages, name=args.name)
    print(f"{root}: {args.messages} messages in {time.perf_counter() - clock:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
