"""Each actor's behaviour, measured from the case for role scoring (see ``roles.Features``)."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from filiere.analyse.edges import EdgeBuilder
from filiere.analyse.roles import Features
from filiere.resolve.build import Identities
from filiere.resolve.keys import scoped
from filiere.store import facts as store

CONTACT_KINDS = ("message", "call", "sms")


def measure(conn: sqlite3.Connection, ids: Identities, edges: EdgeBuilder) -> dict[int, Features]:
    features: dict[int, Features] = defaultdict(Features)
    for actor_id, kind in ids.kinds.items():
        features[actor_id].kind = kind
    for sender, sha, conv, drug_trade, labels, addresses, bulk, count in store.detected_messages(conn):
        src = ids.of(sender, sha)
        if src is None:
            continue
        categories = dict.fromkeys(labels.split(), count)
        # A tour is several addresses, or an address given as a logistics instruction; a customer
        # giving his own address for a delivery is not one.
        has_address = addresses >= 2 or (addresses == 1 and "logistics" in categories)
        f = features[src]
        f.sent.update(categories)
        f.trade_sent += drug_trade * count
        f.sent_addresses += has_address * count
        f.bulk_mentions += bulk * count
        for other in edges.participants.get((sha, conv), ()):
            if other != src:
                features[other].received.update(categories)
                features[other].received_addresses += has_address * count
    neighbours: dict[int, set[int]] = defaultdict(set)
    advertisers: dict[int, set[int]] = defaultdict(set)
    for (src, dst, kind, _day), _tally in edges.tallies.items():
        if kind in CONTACT_KINDS:
            neighbours[src].add(dst)
            neighbours[dst].add(src)
        elif kind == "advertises":
            advertisers[dst].add(src)
    for actor_id, others in neighbours.items():
        features[actor_id].partners = len(others)
    for actor_id, channels in advertisers.items():
        features[actor_id].advertised_by = len(channels)
    for sha, line in store.subscriber_lines(conn).items():
        line_actor = ids.actor_of.get(scoped(line, ids.scopes.get(sha, sha)))
        if line_actor is None:
            continue
        per_day: dict[int, set[str]] = defaultdict(set)
        for ts, cell in store.cell_events(conn, sha):
            per_day[ts // 86400].add(cell)
        if per_day:
            mean = sum(len(c) for c in per_day.values()) / len(per_day)
            features[line_actor].cells_per_day = max(features[line_actor].cells_per_day, mean)
    for phones, _organisation in store.organisations(conn):
        for e164, _original, _label in json.loads(phones):
            owner = ids.actor_of.get(f"phone:{e164}") if e164 else None
            if owner is not None:
                features[owner].business = True
    return features
