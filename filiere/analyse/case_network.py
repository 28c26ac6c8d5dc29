"""The case network as a graph: actors and channels as nodes, relations as edges, for a time window."""

from __future__ import annotations

import sqlite3
from datetime import date

import networkx as nx

from filiere.store import actors as store

EPOCH = date(1970, 1, 1)


def day_number(value: date) -> int:
    return (value - EPOCH).days


def case_graph(
    conn: sqlite3.Connection,
    start: date | None = None,
    end: date | None = None,
    kinds: tuple[str, ...] | None = None,
) -> nx.MultiDiGraph:
    """One node per actor that has a relation (attributes: label, kind, role, confidence, community,
    scores), one edge per pair and relation (kind, count, first and last time, in UTC seconds)."""
    graph = nx.MultiDiGraph()
    rows = store.network_edges(conn, day_number(start) if start else None, day_number(end) if end else None)
    used = {n for src, dst, kind, *_ in rows if not kinds or kind in kinds for n in (src, dst)}
    for actor in store.actor_rows(conn):
        if actor["id"] not in used:
            continue
        scores = actor["scores"]
        graph.add_node(
            actor["id"], label=actor["label"], kind=actor["kind"], role=actor["role"] or "",
            role_confidence=actor["role_confidence"], community=actor["community"],
            identifiers=" ".join(i["identifier"] for i in actor["identifiers"]),
            **{k: v for k, v in scores.items() if v is not None},
        )  # fmt: skip
    for src, dst, kind, count, first, last in rows:
        if kinds and kind not in kinds:
            continue
        graph.add_edge(src, dst, key=kind, kind=kind, count=count, weight=count, first_ts=first, last_ts=last)
    return graph
