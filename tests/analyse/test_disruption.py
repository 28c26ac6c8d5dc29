"""Disruption: the published Montagna curves (Cavallaro et al. 2020), modes, and the record kept."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from filiere.analyse.centrality import Weighting
from filiere.analyse.disruption import disrupt, lcc_size
from filiere.analyse.netfile import ReadOptions, read_network
from filiere.errors import UsageError

MONTAGNA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "networks" / "montagna"

# LCC fraction under betweenness removal, as published with Cavallaro et al. (2020) PLOS ONE 15(8)
# e0236476: repository lcucav/criminal-nets, commit e23c957f18c46b05136ae02f0075700f0702c345,
# disruption/results/<mode>/<network>/df_<Unweighted|Weighted>_5nrem.csv, column "Betweenness",
# rounded to three decimals and written as (value, repeated so many times), k = 0, 1, 2, ...
PUBLISHED: dict[tuple[str, str, Weighting], list[tuple[float, int]]] = {
    ("sequential", "meetings", "none"): [
        (1.0, 1), (0.957, 1), (0.739, 1), (0.717, 1), (0.5, 1), (0.424, 1), (0.413, 1), (0.391, 1),
        (0.261, 1), (0.25, 1), (0.207, 1), (0.185, 1), (0.163, 1), (0.109, 1), (0.087, 9), (0.076, 1),
        (0.054, 70), (0.043, 1), (0.033, 1),
    ],
    ("sequential", "meetings", "distance"): [
        (1.0, 1), (0.957, 1), (0.739, 1), (0.663, 1), (0.641, 1), (0.62, 1), (0.326, 2), (0.304, 1),
        (0.293, 1), (0.217, 1), (0.207, 1), (0.185, 1), (0.13, 1), (0.109, 1), (0.087, 9), (0.076, 1),
        (0.054, 69), (0.043, 1), (0.033, 1),
    ],
    ("sequential", "phonecalls", "none"): [
        (1.0, 1), (0.764, 1), (0.573, 1), (0.427, 1), (0.393, 1), (0.247, 1), (0.135, 1), (0.124, 1),
        (0.056, 2), (0.045, 2), (0.034, 3), (0.022, 80),
    ],
    ("sequential", "phonecalls", "distance"): [
        (1.0, 1), (0.764, 1), (0.573, 1), (0.427, 1), (0.348, 1), (0.337, 1), (0.236, 1), (0.09, 2),
        (0.079, 1), (0.056, 1), (0.045, 2), (0.034, 3), (0.022, 79),
    ],
    # Their "block" removal: rank, remove the top 5, re-rank; one value every 5 removals.
    ("block", "meetings", "none"): [(1.0, 1), (0.837, 1), (0.261, 1), (0.12, 1), (0.087, 1), (0.054, 14), (0.033, 1)],
    ("block", "phonecalls", "none"): [(1.0, 1), (0.326, 1), (0.056, 1), (0.034, 1), (0.022, 15)],
}  # fmt: skip


def expand(runs: list[tuple[float, int]]) -> list[float]:
    return [value for value, times in runs for _ in range(times)]


def montagna(network: str) -> Any:
    # The authors' loader keeps the last row of a pair given twice (it overwrites the weight).
    path = MONTAGNA / f"Montagna_{network}_edgelist.csv"
    return read_network(path, ReadOptions(duplicates="last")).graph


@pytest.mark.parametrize("key", list(PUBLISHED), ids=lambda key: "-".join(key))
def test_montagna_curves_match_the_publication(key: tuple[str, str, Weighting]) -> None:
    mode, network, weights = key
    expected = expand(PUBLISHED[key])
    graph = montagna(network)
    if mode == "sequential":
        result = disrupt(graph, mode="sequential", steps=len(expected) - 1, weighting=weights, ties="last-in-file")
        got = result.lcc_fraction
    else:
        steps = 5 * (len(expected) - 1)
        result = disrupt(graph, mode="block", recompute_every=5, steps=steps, weighting=weights, ties="last-in-file")
        got = result.lcc_fraction[::5]
    assert result.initial_lcc == (92 if network == "meetings" else 89)
    assert [round(value, 3) for value in got] == expected


def test_montagna_first_arrests_are_the_known_bosses() -> None:
    result = disrupt(montagna("phonecalls"), steps=3)
    assert [removal.node for removal in result.removals] == ["18", "61", "47"]
    assert result.removals[0].score == pytest.approx(max(nx.betweenness_centrality(montagna("phonecalls")).values()))


def test_sequential_and_block_differ_after_the_first_removal() -> None:
    # Two stars joined through a bridge: once the bridge goes, block mode still follows the old order.
    graph = nx.Graph([("bridge", "h1"), ("bridge", "h2")])
    graph.add_edges_from(("h1", f"a{i}") for i in range(6))
    graph.add_edges_from(("h2", f"b{i}") for i in range(3))
    sequential = disrupt(graph, strategy="betweenness", mode="sequential", steps=2)
    block = disrupt(graph, strategy="betweenness", mode="block", steps=2)
    assert sequential.removals[0].node == block.removals[0].node == "h1"
    assert sequential.removals[1].node == "h2"
    assert block.removals[1].node == "bridge"  # second by betweenness before h1 went
    assert sequential.lcc_sizes == (12, 5, 1)
    assert block.lcc_sizes == (12, 5, 4)
    assert block.lcc_fraction == (1.0, 5 / 12, 4 / 12)
    assert graph.number_of_nodes() == 12  # the caller's graph is left whole


@pytest.mark.parametrize("strategy", ["degree", "pagerank", "collective-influence", "betweenness"])
def test_every_strategy_shrinks_a_real_network(strategy: str) -> None:
    result = disrupt(montagna("meetings"), strategy=strategy, mode="block", steps=10)
    sizes = result.lcc_sizes
    assert len(sizes) == 11 and sizes[0] == 92
    assert all(later <= earlier for earlier, later in itertools.pairwise(sizes))
    assert sizes[-1] < 92
    assert len({removal.node for removal in result.removals}) == 10


def test_steps_beyond_the_network_stop_when_empty() -> None:
    result = disrupt(nx.path_graph(4), steps=10)
    assert result.lcc_sizes[-1] == 0 and len(result.removals) == 4


def test_directed_networks_use_weak_components() -> None:
    arcs = nx.DiGraph([("a", "b"), ("b", "c"), ("d", "c")])
    assert lcc_size(arcs) == 4
    result = disrupt(arcs, strategy="degree", steps=1)
    assert result.directed and result.lcc_sizes == (4, 2)


def test_json_record() -> None:
    record = disrupt(montagna("meetings"), steps=2).to_json()
    assert record["lcc_fraction"][0] == 1.0 and len(record["lcc_fraction"]) == 3
    assert [row["node"] for row in record["removed"]] == ["18", "25"]
    assert record["mode"] == "sequential" and record["ties"] == "score, then label"


@pytest.mark.parametrize(
    "arguments",
    [
        {"strategy": "luck"},
        {"mode": "random"},
        {"steps": -1},
        {"mode": "sequential", "recompute_every": 5},
        {"mode": "block", "recompute_every": 0},
        {"strategy": "degree", "weighting": "distance"},
    ],
)
def test_bad_arguments(arguments: dict[str, Any]) -> None:
    with pytest.raises(UsageError):
        disrupt(nx.path_graph(4), **arguments)


def test_empty_network() -> None:
    with pytest.raises(UsageError):
        disrupt(nx.Graph(), steps=1)


def test_the_tie_rule_matters_for_the_published_curves() -> None:
    expected = expand(PUBLISHED[("sequential", "phonecalls", "distance")])
    by_label = disrupt(montagna("phonecalls"), steps=len(expected) - 1, weighting="distance", ties="label")
    got = [round(value, 3) for value in by_label.lcc_fraction]
    assert got[:9] == expected[:9] and got[9] != expected[9]
