"""``filiere analyze``: detection, identities, network, key players, roles, disruption, in one go.

Every stage replaces derived tables only (detections, actors, links, edges, lineage, disruption);
evidence, records and investigators' judgements are never touched. The whole run is one
transaction: a failure leaves the previous analysis in place. The run is logged in custody.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import networkx as nx

from filiere import __version__
from filiere.analyse import centrality, communities, detect_stage, disruption, features, roles
from filiere.analyse.edges import DAY_S, EdgeBuilder
from filiere.case import Case, current_actor
from filiere.extract import default_lexicon, learned_categories
from filiere.extract.learned import default_model
from filiere.resolve.build import Identities, resolve
from filiere.store import actors as store
from filiere.store import detections as detection_store
from filiere.store import facts

NETWORK_KINDS = ("message", "call", "sms", "advertises")
SAMPLE_FROM = 2000  # nodes: above this, betweenness is estimated from a sample of sources
SAMPLE = 256
BROKERAGE_UP_TO = 20000
DISRUPTION_STEPS = 10

Progress = Callable[[str, int, int], None]


def analyze(case: Case, *, actor: str | None = None, progress: Progress | None = None) -> dict[str, Any]:
    """Run every analysis stage on the case; return a summary (also logged in custody)."""
    actor = actor or current_actor()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    clock = time.perf_counter()
    timings: dict[str, float] = {}
    with case.transaction(bulk=True) as tx:  # derived tables only: their references are checked once
        total = tx.execute("SELECT COUNT(*) FROM messages WHERE text != ''").fetchone()[0]
        lap = time.perf_counter()
        detected = detect_stage.run(tx, lambda done: progress and progress("detection", done, total))
        timings["detection"] = time.perf_counter() - lap
        lap = time.perf_counter()
        store.clear(tx)
        ids = resolve(tx)
        timings["identities"] = time.perf_counter() - lap
        lap = time.perf_counter()
        edges = _edges(tx, ids)
        timings["network"] = time.perf_counter() - lap
        lap = time.perf_counter()
        graph = _graph(edges)
        scores = _key_players(graph)
        groups = communities.louvain(graph, seed=0, weighted=True) if graph.number_of_nodes() else None
        membership = groups.membership() if groups else {}
        timings["key_players"] = time.perf_counter() - lap
        lap = time.perf_counter()
        measured = features.measure(tx, ids, edges)
        role_counts = _write_actors(tx, ids, edges, scores, membership, measured)
        timings["roles"] = time.perf_counter() - lap
        lap = time.perf_counter()
        curves = _disruption(tx, graph)
        timings["disruption"] = time.perf_counter() - lap
        merged = sum(1 for s in ids.status if s in ("merged", "confirmed"))
        summary = {
            "detection": detected,
            "actors": len(ids.labels),
            "identifiers": len(ids.actor_of),
            "links": {"merged": merged, "proposed": ids.status.count("proposed"),
                      "rejected": ids.status.count("rejected")},
            "network": {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
                        "communities": len(groups.groups) if groups else 0},
            "roles": role_counts,
            "disruption": curves,
            "seconds": {k: round(v, 2) for k, v in timings.items()},
            "lexicon": default_lexicon().version,
            "learned": default_model().version,
            "categories": learned_categories.default_model().version,
        }  # fmt: skip
        seconds = time.perf_counter() - clock
        detection_store.record_run(tx, "analyze", started, seconds, __version__, summary)
        case.log(actor, "analysis.run", {"version": __version__, "seconds": round(seconds, 2), **summary})
    return summary


def _edges(conn: sqlite3.Connection, ids: Identities) -> EdgeBuilder:
    edges = EdgeBuilder(ids)
    conversations = facts.conversation_kinds(conn)
    edges.messages(facts.message_days(conn, DAY_S), conversations, facts.conversation_senders(conn), facts.owners(conn))
    edges.calls(facts.call_rows(conn))
    channels = {i for i in ids.actor_of if ":channel" in i}
    edges.advertising(facts.mentions_by_sender(conn), channels)
    edges.proposals()
    store.write_edges(conn, edges.rows())
    return edges


def _graph(edges: EdgeBuilder) -> nx.Graph:
    """The actor network analysed for key players: contact and advertising, weighted by count."""
    graph = nx.Graph()
    for (src, dst, kind, _day), tally in edges.tallies.items():
        if kind not in NETWORK_KINDS:
            continue
        weight = graph[src][dst]["weight"] + tally.count if graph.has_edge(src, dst) else tally.count
        graph.add_edge(src, dst, weight=weight)
    return graph


def _key_players(graph: nx.Graph) -> dict[int, dict[str, float | None]]:
    if graph.number_of_nodes() == 0:
        return {}
    n = graph.number_of_nodes()
    sample = SAMPLE if n > SAMPLE_FROM else None
    measures: dict[str, dict[Any, Any]] = {
        "degree": centrality.degree(graph),
        "betweenness": centrality.betweenness(graph, sample=sample, seed=0),
        "pagerank": centrality.pagerank(graph),
    }
    if n <= BROKERAGE_UP_TO:
        measures["effective_size"] = centrality.effective_size(graph)
        measures["constraint"] = centrality.constraint(graph)
    scores: dict[int, dict[str, float | None]] = defaultdict(dict)
    for name, values in measures.items():
        for node, value in values.items():
            scores[node][name] = None if value is None else round(float(value), 6)
    return scores


def _write_actors(
    conn: sqlite3.Connection,
    ids: Identities,
    edges: EdgeBuilder,
    scores: dict[int, dict[str, float | None]],
    membership: dict[Any, int],
    measured: dict[int, roles.Features],
) -> dict[str, int]:
    activity: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # messages, calls, first, last
    for (src, dst, kind, _day), t in edges.tallies.items():
        if kind in ("message", "sms", "call"):
            for who in (src, dst) if kind == "call" else (src,):
                a = activity[who]
                a[0 if kind != "call" else 1] += t.count
                a[2] = t.first if not a[2] else min(a[2], t.first)
                a[3] = max(a[3], t.last)
    counts: dict[str, int] = defaultdict(int)
    first_pass = {a: roles.best(roles.score(f))[0] for a, f in measured.items()}
    days: dict[int, set[int]] = defaultdict(set)
    for (src, dst, kind, day), t in edges.tallies.items():
        if kind not in ("message", "sms", "call"):
            continue
        for me, other in ((src, dst), (dst, src)):
            if first_pass.get(other) in ("dispatcher", "supplier") and me in measured:
                measured[me].trade_contacts += 1
        if first_pass.get(dst) == "dispatcher" and src in measured:
            measured[src].to_dispatcher += t.count
            days[src].add(day)
        if first_pass.get(src) == "dispatcher" and dst in measured:
            measured[dst].from_dispatcher += t.count
            days[dst].add(day)
    for actor_id, active in days.items():
        measured[actor_id].dispatcher_days = len(active)
    for actor_id in ids.labels:
        ranked = roles.score(measured.get(actor_id, roles.Features(kind=ids.kinds[actor_id])))
        role, confidence = roles.best(ranked)
        if role:
            counts[role] += 1
        messages, calls, first, last = activity.get(actor_id, [0, 0, 0, 0])
        store.update_actor(
            conn, actor_id, role=role, role_confidence=confidence,
            roles=json.dumps([r.to_dict() for r in ranked], ensure_ascii=False),
            scores=json.dumps(scores.get(actor_id, {})), community=membership.get(actor_id),
            first_ts=first or None, last_ts=last or None, messages=messages, calls=calls,
        )  # fmt: skip
    return dict(counts)


def _disruption(conn: sqlite3.Connection, graph: nx.Graph) -> dict[str, list[float]]:
    """Which removals break the network most: betweenness sequential, degree block."""
    if graph.number_of_nodes() < 3:
        return {}
    steps = min(DISRUPTION_STEPS, graph.number_of_nodes() - 1)
    sample = SAMPLE if graph.number_of_nodes() > SAMPLE_FROM else None
    curves: dict[str, list[float]] = {}
    rows: list[tuple[str, str, int, int | None, float]] = []
    # Sequential betweenness recomputes a betweenness per removal: beyond ~20,000 nodes, rank once.
    first: disruption.Mode = "sequential" if graph.number_of_nodes() <= BROKERAGE_UP_TO else "block"
    plans: tuple[tuple[str, disruption.Mode], ...] = (("betweenness", first), ("degree", "block"))
    for strategy, mode in plans:
        result = disruption.disrupt(graph, strategy=strategy, mode=mode, steps=steps,
                                    sample=sample if strategy == "betweenness" else None)  # fmt: skip
        curves[f"{strategy}/{mode}"] = [round(x, 4) for x in result.lcc_fraction]
        removed: list[int | None] = [None, *(int(r.node) for r in result.removals)]
        rows.extend((strategy, mode, k, removed[k] if k < len(removed) else None, frac)
                    for k, frac in enumerate(result.lcc_fraction))  # fmt: skip
    store.write_disruption(conn, rows)
    return curves
