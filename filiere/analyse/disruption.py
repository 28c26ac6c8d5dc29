"""Disruption simulation: remove key players and follow the size of the largest connected group.

``sequential`` re-ranks after every removal (arrests one at a time); ``block`` ranks once and removes
in that order (one raid); ``block`` with ``recompute_every=n`` re-ranks every n removals (raids of n).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from filiere.analyse.centrality import MEASURES, TieBreak, Weighting, measure_scores, order_nodes
from filiere.errors import UsageError
from filiere.i18n import tr

__all__ = ["STRATEGIES", "Disruption", "Mode", "Removal", "disrupt", "lcc_size"]

Mode = Literal["sequential", "block"]
STRATEGIES = ("betweenness", "degree", "pagerank", "collective-influence")


def lcc_size(graph: Any) -> int:
    """Nodes in the largest connected component (weakly connected, for a directed graph); 0 if empty."""
    components = nx.weakly_connected_components(graph) if graph.is_directed() else nx.connected_components(graph)
    return max((len(component) for component in components), default=0)


@dataclass(frozen=True)
class Removal:
    """A node taken out, the score that put it first at that moment, and the LCC size after."""

    step: int
    node: Any
    score: float | None
    lcc_size: int


@dataclass(frozen=True)
class Disruption:
    """LCC sizes after k = 0..K removals, over the LCC of the intact network."""

    strategy: str
    mode: Mode
    recompute_every: int | None
    directed: bool
    weights: Weighting
    ties: TieBreak
    sample: int | None
    initial_lcc: int
    removals: tuple[Removal, ...]

    @property
    def lcc_sizes(self) -> tuple[int, ...]:
        return (self.initial_lcc, *(removal.lcc_size for removal in self.removals))

    @property
    def lcc_fraction(self) -> tuple[float, ...]:
        return tuple(size / self.initial_lcc for size in self.lcc_sizes)

    def to_json(self) -> dict[str, Any]:
        return {
            "lcc_fraction": list(self.lcc_fraction),
            "lcc_size": list(self.lcc_sizes),
            "initial_lcc": self.initial_lcc,
            "removed": [
                {"step": r.step, "node": r.node, "score": r.score, "lcc_size": r.lcc_size} for r in self.removals
            ],
            "strategy": self.strategy,
            "measure": MEASURES[self.strategy].explain(),
            "mode": self.mode,
            "recompute_every": self.recompute_every,
            "directed": self.directed,
            "weights": self.weights,
            "ties": "score, then label" if self.ties == "label" else "score, then last seen in the file first",
            "sample": self.sample,
        }


def disrupt(
    graph: Any,
    *,
    strategy: str = "betweenness",
    mode: Mode = "sequential",
    steps: int = 10,
    recompute_every: int | None = None,
    weighting: Weighting = "none",
    ties: TieBreak = "label",
    sample: int | None = None,
    seed: int = 0,
) -> Disruption:
    """Remove up to ``steps`` nodes chosen by ``strategy`` and record the LCC after each removal.

    The graph given is not modified. The run stops early when no node is left.
    """
    _check(strategy, mode, steps, recompute_every)
    every = 1 if mode == "sequential" else recompute_every
    work = graph.copy()
    initial = lcc_size(work)
    if initial == 0:
        raise UsageError(tr("réseau vide : rien à démanteler", "empty network: nothing to disrupt"))
    queue: deque[tuple[Any, float | None]] = deque()
    removals: list[Removal] = []
    for step in range(1, steps + 1):
        if work.number_of_nodes() == 0:
            break
        if not queue or (every is not None and (step - 1) % every == 0):
            scores = measure_scores(work, strategy, weighting=weighting, sample=sample, seed=seed)
            queue = deque((node, scores[node]) for node in order_nodes(work, scores, ties=ties))
        node, score = queue.popleft()
        work.remove_node(node)
        removals.append(Removal(step, node, score, lcc_size(work)))
    return Disruption(
        strategy=strategy,
        mode=mode,
        recompute_every=every,
        directed=bool(graph.is_directed()),
        weights=weighting,
        ties=ties,
        sample=sample if strategy == "betweenness" else None,
        initial_lcc=initial,
        removals=tuple(removals),
    )


def _check(strategy: str, mode: str, steps: int, recompute_every: int | None) -> None:
    if strategy not in STRATEGIES:
        raise UsageError(
            tr(f"stratégie inconnue : {strategy}", f"unknown strategy: {strategy}"),
            hint=tr("au choix : ", "one of: ") + ", ".join(STRATEGIES),
        )
    if mode not in ("sequential", "block"):
        raise UsageError(tr(f"mode inconnu : {mode}", f"unknown mode: {mode}"))
    if steps < 0:
        raise UsageError(tr("le nombre d'étapes doit être positif", "the number of steps must be positive"))
    if recompute_every is not None and (recompute_every < 1 or mode == "sequential"):
        raise UsageError(
            tr(
                "--recompute-every (≥ 1) ne s'emploie qu'en mode block",
                "--recompute-every (≥ 1) only applies to block mode",
            )
        )
