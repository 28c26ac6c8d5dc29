"""Time the graph side of a large call-record analysis and print the figures.

Builds a synthetic call-detail graph (default 100,000 lines, 1,000,000 calls aggregated into
weighted ties) with heavy-tailed activity and local circles, then times degree, PageRank, sampled
betweenness and Louvain. ``--accuracy`` also compares sampled with exact betweenness on a smaller graph.

    .venv/bin/python bench/network_scale.py [--lines 100000] [--calls 1000000] [--sample 256] [--accuracy]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any, TypeVar

import networkx as nx
import numpy as np
from scipy import stats

from filiere.analyse.centrality import betweenness, degree, pagerank
from filiere.analyse.communities import louvain

T = TypeVar("T")


def call_graph(lines: int, calls: int, seed: int = 7) -> Any:
    """A weighted graph of ``lines`` phone lines after ``calls`` calls.

    Each line has a heavy-tailed activity (Pareto, a few hubs place thousands of calls) and belongs
    to a circle (heavy-tailed sizes); three calls in four stay in the caller's circle. Every line
    has placed or received at least one call, as in a real call-record file.
    """
    rng = np.random.default_rng(seed)
    activity = np.minimum((rng.pareto(1.3, lines) + 1.0) * 2.0, 3000.0)
    circle = _circles(rng, lines)
    # Distinct contacts first (who knows whom), then the calls spread over them unevenly.
    contacts = max(lines, calls // 4)
    caller = np.concatenate([np.arange(lines), rng.choice(lines, size=contacts - lines, p=activity / activity.sum())])
    callee = _pick_callees(rng, caller, circle, activity)
    keep = caller != callee
    low, high = np.minimum(caller[keep], callee[keep]), np.maximum(caller[keep], callee[keep])
    pairs = np.unique(low.astype(np.int64) * lines + high)
    low, high = pairs // lines, pairs % lines
    intensity = rng.lognormal(0.0, 1.2, len(pairs))
    counts = (
        np.bincount(
            rng.choice(len(pairs), size=calls - len(pairs), p=intensity / intensity.sum()), minlength=len(pairs)
        )
        + 1
    )
    graph = nx.Graph()
    graph.add_nodes_from(f"+3363998{i:04d}" if i < 10_000 else f"L{i}" for i in range(lines))
    names = list(graph)
    graph.add_weighted_edges_from(
        (names[u], names[v], float(w)) for u, v, w in zip(low.tolist(), high.tolist(), counts.tolist(), strict=True)
    )
    return graph


def _circles(rng: np.random.Generator, lines: int) -> np.ndarray[Any, Any]:
    sizes: list[int] = []
    while sum(sizes) < lines:
        sizes.append(int(min(lines - sum(sizes), max(3.0, rng.pareto(1.2) * 8.0))))
    circle = np.repeat(np.arange(len(sizes)), sizes)
    rng.shuffle(circle)
    return circle


def _pick_callees(
    rng: np.random.Generator, caller: np.ndarray[Any, Any], circle: np.ndarray[Any, Any], activity: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    """Three in four callees from the caller's circle, by activity; the rest from everyone."""
    lines = len(circle)
    order = np.argsort(circle, kind="stable")
    cumulative = np.cumsum(activity[order])
    starts = np.searchsorted(circle[order], np.arange(circle.max() + 1))
    ends = np.append(starts[1:], lines)
    own = circle[caller]
    low = np.where(starts[own] > 0, cumulative[starts[own] - 1], 0.0)
    draw = low + rng.random(len(caller)) * (cumulative[ends[own] - 1] - low)
    local = order[np.minimum(np.searchsorted(cumulative, draw, side="right"), lines - 1)]
    anyone = rng.choice(lines, size=len(caller), p=activity / activity.sum())
    return np.where(rng.random(len(caller)) < 0.75, local, anyone)


def timed(label: str, work: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - start
    print(f"{label:<42} {elapsed:8.2f} s")
    return result, elapsed


def accuracy(lines: int, samples: list[int], seed: int) -> None:
    """Sampled against exact betweenness on a smaller graph of the same shape."""
    graph = call_graph(lines, lines * 10, seed)
    exact, _ = timed(f"exact betweenness ({lines:,} lines)", lambda: betweenness(graph))
    truth = np.array([exact[node] or 0.0 for node in graph])
    positive = truth > 0
    best = np.argsort(-truth)
    print(f"  nodes with betweenness > 0: {positive.sum():,}")
    for k in samples:
        estimate = betweenness(graph, sample=k, seed=seed)
        guess = np.array([estimate[node] or 0.0 for node in graph])
        rho = stats.spearmanr(truth[positive], guess[positive]).statistic
        rho_top = stats.spearmanr(truth[best[:100]], guess[best[:100]]).statistic
        found = np.argsort(-guess)
        overlaps = [len(set(best[:n].tolist()) & set(found[:n].tolist())) for n in (10, 20, 100)]
        print(
            f"  k={k:<4} Spearman {rho:.3f} (betweenness > 0), {rho_top:.3f} (exact top 100); "
            f"top-10/20/100 found {overlaps[0]}/10, {overlaps[1]}/20, {overlaps[2]}/100"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=256, help="betweenness sources (k)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--accuracy", action="store_true", help="also compare sampled and exact betweenness")
    args = parser.parse_args()

    graph, _ = timed("build graph (aggregate calls)", lambda: call_graph(args.lines, args.calls, args.seed))
    weights = [w for _, _, w in graph.edges(data="weight")]
    degrees = sorted((d for _, d in graph.degree()), reverse=True)
    print(
        f"  {graph.number_of_nodes():,} lines, {graph.number_of_edges():,} ties, {int(sum(weights)):,} calls; "
        f"max degree {degrees[0]}, median {degrees[len(degrees) // 2]}, max calls on a tie {int(max(weights))}"
    )
    total = 0.0
    for label, work in (
        ("degree", lambda: degree(graph)),
        ("weighted degree (calls)", lambda: degree(graph, "strength")),
        ("PageRank (weighted)", lambda: pagerank(graph, "strength")),
        (f"betweenness, sampled k={args.sample}", lambda: betweenness(graph, sample=args.sample, seed=args.seed)),
        ("Louvain communities (weighted, seeded)", lambda: louvain(graph, seed=args.seed, weighted=True)),
    ):
        _, spent = timed(label, work)
        total += spent
    print(f"{'total analysis (without build)':<42} {total:8.2f} s")
    if args.accuracy:
        accuracy(10_000, [64, 128, 256, 512], args.seed)


if __name__ == "__main__":
    main()
