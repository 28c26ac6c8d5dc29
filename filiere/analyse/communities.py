"""Communities: groups who deal more among themselves than with the rest (Louvain, seeded).

The result depends only on the network, the seed and the resolution, not on the order in which
the file or the case listed people: the graph is put in label order before the search.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from filiere.analyse.centrality import label_key

__all__ = ["Communities", "Community", "louvain"]


@dataclass(frozen=True)
class Community:
    """A group, numbered from 1 (largest first), members in label order."""

    number: int
    members: tuple[Any, ...]


@dataclass(frozen=True)
class Communities:
    """A partition of the network and how it was found."""

    method: str
    seed: int
    resolution: float
    weighted: bool
    directed: bool
    modularity: float
    groups: tuple[Community, ...]

    def membership(self) -> dict[Any, int]:
        """Node → community number."""
        return {node: group.number for group in self.groups for node in group.members}

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "seed": self.seed,
            "resolution": self.resolution,
            "weighted": self.weighted,
            "directed": self.directed,
            "modularity": self.modularity,
            "communities": [
                {"number": g.number, "size": len(g.members), "members": list(g.members)} for g in self.groups
            ],
        }


def louvain(graph: Any, *, seed: int = 0, resolution: float = 1.0, weighted: bool = False) -> Communities:
    """Louvain communities (networkx), deterministic for a given seed.

    Higher ``resolution`` gives more, smaller groups. With ``weighted`` the tie weights count as
    strengths (many calls tie two people more closely). Isolated people form groups of one.
    """
    canonical = _canonical(graph)
    weight = "weight" if weighted else None
    found = nx.community.louvain_communities(canonical, weight=weight, resolution=resolution, seed=seed)
    ordered = sorted((sorted(group, key=label_key) for group in found), key=lambda g: (-len(g), label_key(g[0])))
    groups = tuple(Community(number, tuple(members)) for number, members in enumerate(ordered, start=1))
    quality = nx.community.modularity(canonical, found, weight=weight, resolution=resolution) if found else 0.0
    return Communities(
        method="louvain",
        seed=seed,
        resolution=resolution,
        weighted=weighted,
        directed=bool(graph.is_directed()),
        modularity=float(quality),
        groups=groups,
    )


def _canonical(graph: Any) -> Any:
    """A copy whose nodes and edges are in label order, so Louvain's seeded shuffle is reproducible."""
    nodes = sorted(graph, key=label_key)
    position = {node: i for i, node in enumerate(nodes)}
    canonical: Any = graph.__class__()
    canonical.add_nodes_from(nodes)

    def edge_key(edge: tuple[Any, Any, float]) -> tuple[int, int]:
        return (position[edge[0]], position[edge[1]])

    if graph.is_directed():
        edges = [(u, v, w) for u, v, w in graph.edges(data="weight", default=1.0)]
    else:
        edges = [
            (u, v, w) if position[u] <= position[v] else (v, u, w)
            for u, v, w in graph.edges(data="weight", default=1.0)
        ]
    canonical.add_weighted_edges_from(sorted(edges, key=edge_key))
    return canonical
