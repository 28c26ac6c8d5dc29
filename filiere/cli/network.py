"""``filiere network``: rank key players, simulate disruption and find communities in a network file."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from filiere.analyse.centrality import MEASURES, Ranking, rank
from filiere.analyse.communities import louvain
from filiere.analyse.disruption import STRATEGIES, Disruption, disrupt
from filiere.analyse.graph_export import safe_text, write_gexf, write_graphml
from filiere.analyse.netfile import NetworkFile, ReadOptions, project_rows, read_network
from filiere.errors import FiliereError
from filiere.i18n import tr

__all__ = ["network"]

F = TypeVar("F", bound=Callable[..., Any])


def _apply(command: F, options: list[Callable[[F], F]]) -> F:
    for option in reversed(options):
        command = option(command)
    return command


def _reading_options(command: F) -> F:
    """How to read FILE; the values reach the command as ``**reading``."""
    return _apply(
        command,
        [
            click.argument("file", type=click.Path(dir_okay=False, path_type=Path)),
            click.option(
                "--format",
                "kind",
                type=click.Choice(["auto", "edgelist", "matrix"]),
                default="auto",
                show_default=True,
                help="Edge list (source, target[, weight]) or labelled adjacency matrix.",
            ),
            click.option(
                "--directed/--undirected",
                default=False,
                show_default=True,
                help="Read rows/cells as arcs (caller to callee) or as ties.",
            ),
            click.option(
                "--header/--no-header", default=None, help="Edge list starts with column names (default: guess)."
            ),
            click.option(
                "--duplicates",
                type=click.Choice(["sum", "max", "last"]),
                default="sum",
                show_default=True,
                help="Weight of a pair given several times.",
            ),
            click.option("--two-mode", is_flag=True, help="Persons × events matrix: tie persons sharing an event."),
            click.option("--encoding", default=None, help="Text encoding (default: detected)."),
            click.option("--json", "as_json", is_flag=True, help="Print JSON."),
        ],
    )


def _scoring_options(command: F) -> F:
    """How weights and equal scores are treated."""
    return _apply(
        command,
        [
            click.option(
                "--weights",
                type=click.Choice(["none", "strength", "distance"]),
                default="none",
                show_default=True,
                help="Ignore weights, use them as tie strengths, or as path lengths.",
            ),
            click.option(
                "--ties",
                type=click.Choice(["label", "last-in-file"]),
                default="label",
                show_default=True,
                help="Order of equal scores: by label, or the node seen last in the file first.",
            ),
            click.option(
                "--sample", type=click.IntRange(min=2), default=None, help="Betweenness estimated from N sources."
            ),
            click.option("--seed", type=int, default=0, show_default=True, help="Seed for the betweenness sample."),
        ],
    )


def _reported(command: F) -> F:
    """Turn filiere's errors into a message and an exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except FiliereError as exc:
            # Same wording as the main command group, so the group also works on its own.
            click.secho(tr("erreur : ", "error: ") + exc.message, err=True, fg="red")
            if exc.hint:
                click.echo("→ " + exc.hint, err=True)
            raise SystemExit(exc.exit_code) from exc

    return cast(F, wrapper)


def _load(file: Path, reading: dict[str, Any]) -> tuple[NetworkFile, Any]:
    network_file = read_network(file, ReadOptions(**reading))
    return network_file, project_rows(network_file)


def _describe(network_file: NetworkFile, graph: Any) -> list[str]:
    kind = tr("matrice", "matrix") if network_file.kind == "matrix" else tr("liste d'arêtes", "edge list")
    direction = tr("orienté", "directed") if graph.is_directed() else tr("non orienté", "undirected")
    lines = [
        f"{network_file.path} ({kind}, {direction}){tr(' : ', ': ')}{graph.number_of_nodes()} "
        + tr("nœuds", "nodes")
        + f", {graph.number_of_edges()} "
        + tr("liens", "ties")
    ]
    if network_file.two_mode:
        lines.append(
            tr("deux modes : lignes liées par les colonnes partagées", "two-mode: rows tied by shared columns")
        )
    return lines + list(network_file.notes)


def _emit_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False))


class NetworkGroup(click.Group):
    """``filiere network CASE --export …`` reads as ``filiere network export CASE --export …``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and (Path(args[0]) / "case.sqlite").is_file():
            args = ["export", *args]
        return super().parse_args(ctx, args)


@click.group("network", cls=NetworkGroup)
def network() -> None:
    """Réseaux : acteurs clés, démantèlement, communautés d'un fichier réseau.

    Networks: key players, disruption and communities of a network file.
    """


@network.command("rank")
@_reading_options
@_scoring_options
@click.option("--by", "measure", type=click.Choice(list(MEASURES)), default="degree", show_default=True)
@click.option("--top", type=click.IntRange(min=1), default=None, help="Keep the first N.")
@_reported
def rank_command(
    file: Path,
    as_json: bool,
    weights: Any,
    ties: Any,
    sample: int | None,
    seed: int,
    measure: str,
    top: int | None,
    **reading: Any,
) -> None:
    """Classe les personnes de FILE par une mesure de centralité.

    Rank the people of FILE by a centrality measure, best first.
    """
    network_file, graph = _load(file, reading)
    ranking = rank(graph, measure, weighting=weights, ties=ties, sample=sample, seed=seed, top=top)
    if as_json:
        _emit_json(ranking.to_json())
        return
    for line in [*_describe(network_file, graph), _explain_ranking(ranking)]:
        click.echo(f"# {line}")
    for item in ranking.items:
        score = "-" if item.score is None else f"{item.score:.6g}"
        click.echo(f"{item.rank:>5}  {score:>12}  {safe_text(str(item.node))}")


def _explain_ranking(ranking: Ranking) -> str:
    normalized = tr("normalisé", "normalised") if ranking.normalized else tr("non normalisé", "not normalised")
    sampled = f", {tr('échantillon', 'sample')} {ranking.sample}" if ranking.sample else ""
    return (
        f"{ranking.measure}{tr(' : ', ': ')}{ranking.explanation}{tr(' ; ', '; ')}{normalized}, "
        f"{tr('poids', 'weights')} {ranking.weights}{sampled}, "
        f"{tr('égalités', 'ties')}{tr(' : ', ': ')}{_ties_text(ranking.ties)}"
    )


def _ties_text(ties: str) -> str:
    if ties == "label":
        return tr("score puis libellé", "score, then label")
    return tr("score puis dernier vu dans le fichier", "score, then last seen in the file")


@network.command("disrupt")
@_reading_options
@_scoring_options
@click.option("--strategy", type=click.Choice(list(STRATEGIES)), default="betweenness", show_default=True)
@click.option("--mode", type=click.Choice(["sequential", "block"]), default="sequential", show_default=True)
@click.option("--steps", type=click.IntRange(min=0), required=True, help="Number of removals K.")
@click.option(
    "--recompute-every", type=click.IntRange(min=1), default=None, help="Block mode: re-rank every N removals."
)
@_reported
def disrupt_command(
    file: Path,
    as_json: bool,
    weights: Any,
    ties: Any,
    sample: int | None,
    seed: int,
    strategy: str,
    mode: Any,
    steps: int,
    recompute_every: int | None,
    **reading: Any,
) -> None:
    """Retire K acteurs clés de FILE et suit la plus grande composante connexe.

    Remove K key players of FILE and print the largest connected component after each removal.
    """
    network_file, graph = _load(file, reading)
    result = disrupt(
        graph,
        strategy=strategy,
        mode=mode,
        steps=steps,
        recompute_every=recompute_every,
        weighting=weights,
        ties=ties,
        sample=sample,
        seed=seed,
    )
    if as_json:
        _emit_json(result.to_json())
        return
    for line in [*_describe(network_file, graph), _explain_disruption(result)]:
        click.echo(f"# {line}")
    click.echo(f"{'k':>4}  {'lcc':>6}  {'fraction':>8}  {'score':>12}  {tr('retiré', 'removed')}")
    click.echo(f"{0:>4}  {result.initial_lcc:>6}  {1.0:>8.3f}")
    for removal, fraction in zip(result.removals, result.lcc_fraction[1:], strict=True):
        score = "-" if removal.score is None else f"{removal.score:.6g}"
        removed = safe_text(str(removal.node))
        click.echo(f"{removal.step:>4}  {removal.lcc_size:>6}  {fraction:>8.3f}  {score:>12}  {removed}")


def _explain_disruption(result: Disruption) -> str:
    if result.mode == "sequential":
        how = tr("classement recalculé après chaque retrait", "ranking recomputed after every removal")
    elif result.recompute_every is None:
        how = tr("classement calculé une fois", "ranking computed once")
    else:
        how = tr(
            f"classement recalculé tous les {result.recompute_every} retraits",
            f"ranking recomputed every {result.recompute_every} removals",
        )
    return (
        f"{result.strategy}, {result.mode} ({how}){tr(' ; ', '; ')}{tr('poids', 'weights')} {result.weights}, "
        f"{tr('égalités', 'ties')}{tr(' : ', ': ')}{_ties_text(result.ties)}{tr(' ; ', '; ')}"
        f"{tr('plus grande composante initiale', 'initial largest component')} {result.initial_lcc}"
    )


@network.command("communities")
@_reading_options
@click.option(
    "--weights",
    type=click.Choice(["none", "strength"]),
    default="none",
    show_default=True,
    help="Ignore weights or count them as tie strengths.",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--resolution", type=click.FloatRange(min=0, min_open=True), default=1.0, show_default=True)
@_reported
def communities_command(file: Path, as_json: bool, weights: str, seed: int, resolution: float, **reading: Any) -> None:
    """Communautés de FILE (Louvain ; même graine, mêmes groupes).

    Find communities in FILE (Louvain, seeded: the same seed gives the same groups).
    """
    network_file, graph = _load(file, reading)
    found = louvain(graph, seed=seed, resolution=resolution, weighted=weights != "none")
    if as_json:
        _emit_json(found.to_json())
        return
    for line in _describe(network_file, graph):
        click.echo(f"# {line}")
    click.echo(
        f"# louvain, seed {seed}, resolution {resolution}, {tr('modularité', 'modularity')} {found.modularity:.4f}"
    )
    for group in found.groups:
        members = ", ".join(safe_text(str(member)) for member in group.members)
        click.echo(f"{group.number:>4}  {len(group.members):>5}  {members}")


@network.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--export", "fmt", type=click.Choice(["gexf", "graphml"]), required=True, help="File format.")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day (UTC), YYYY-MM-DD.")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (UTC), YYYY-MM-DD.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    help="Relations to keep: message, call, sms, advertises, colocation, same_device (default all).",
)
def export_command(directory: Path, fmt: str, target: Path, start: datetime | None, end: datetime | None,
                   kinds: tuple[str, ...]) -> None:  # fmt: skip
    """Export a case's network for Gephi or Cytoscape: filiere network CASE --export gexf FILE.

    Nodes are actors (label, role, community, centralities, identifiers); edges are relations with
    their count and first and last time. Run `filiere analyze CASE` first.
    """
    from filiere.analyse.case_network import case_graph
    from filiere.case import Case

    with Case.open(directory) as case:
        graph = case_graph(case.conn, start.date() if start else None, end.date() if end else None, kinds or None)
        (write_gexf if fmt == "gexf" else write_graphml)(graph, target)
        case.record("network.export", {"format": fmt, "file": target.name, "nodes": graph.number_of_nodes(),
                                        "edges": graph.number_of_edges(), "kinds": list(kinds)})  # fmt: skip
    click.echo(f"{target}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
