"""Commands on a case's analysis: run it, list actors, judge identities, search messages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from filiere.analyse.roles import ROLE_NAMES
from filiere.analyse.run import analyze as run_analysis
from filiere.case import Case
from filiere.i18n import language, tr
from filiere.progress import Progress
from filiere.resolve import judge as judgements
from filiere.store import actors as actor_store
from filiere.store.search import MARK_CLOSE, MARK_OPEN, Query, search

CASE_DIR = click.Path(file_okay=False, path_type=Path)


def role_name(role: str | None) -> str:
    return tr(*ROLE_NAMES[role]) if role in ROLE_NAMES else tr("rôle indéterminé", "no role")


@click.command()
@click.argument("directory", type=CASE_DIR)
@click.option("--json", "as_json", is_flag=True, help=tr("résumé en JSON", "summary as JSON"))
def analyze(directory: Path, as_json: bool) -> None:
    """Analyse l'affaire : détection, identités, réseau, rôles. / Analyse the case."""
    with Case.open(directory) as opened:
        total = opened.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
        with Progress(total, tr("analyse", "analysis")) as bar:
            summary = run_analysis(opened, progress=lambda _stage, done, _total: bar.set(done))
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False))
        return
    d = summary["detection"]
    click.echo(tr(f"{d['messages_read']} messages lus, {d['trade_messages']} liés au trafic",
                  f"{d['messages_read']} messages read, {d['trade_messages']} about drug trade"))  # fmt: skip
    if d["products"]:
        click.echo(tr("produits : ", "products: ") + ", ".join(f"{p} ({n})" for p, n in d["products"].items()))
    n, merged, proposed = summary["actors"], summary["links"]["merged"], summary["links"]["proposed"]
    click.echo(tr(f"{n} acteurs ; {merged} rapprochements faits, {proposed} proposés",
                  f"{n} actors; {merged} merges made, {proposed} proposed"))  # fmt: skip
    roles = summary["roles"]
    if roles:
        click.echo(tr("rôles : ", "roles: ") + ", ".join(f"{role_name(r)} ({n})" for r, n in roles.items()))
    click.echo(
        tr(f"durée : {sum(summary['seconds'].values()):.1f} s", f"time: {sum(summary['seconds'].values()):.1f} s")
    )


def _day(ts: int | None) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%d/%m/%Y") if ts else "—"


@click.command()
@click.argument("directory", type=CASE_DIR)
@click.option("--json", "as_json", is_flag=True, help=tr("en JSON", "as JSON"))
@click.option("--all", "show_all", is_flag=True, help=tr("aussi les acteurs sans rôle", "also actors with no role"))
def actors(directory: Path, as_json: bool, show_all: bool) -> None:
    """Liste les acteurs, leurs identifiants, rôles et raisons. / List actors with identifiers, roles, reasons."""
    with Case.open(directory) as opened:
        rows = actor_store.actor_rows(opened.conn)
        links: dict[str, list[dict[str, Any]]] = {}
        for link in actor_store.link_rows(opened.conn):
            for side in (link["a"], link["b"]):
                links.setdefault(side, []).append(link)
    for row in rows:
        seen: dict[int, dict[str, Any]] = {}
        for ident in row["identifiers"]:
            for link in links.get(ident["identifier"], []):
                seen[int(link["id"])] = link
        row["links"] = sorted(seen.values(), key=lambda x: -float(x["score"]))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    lang = language()
    for row in rows:
        if not show_all and not row["role"]:
            continue
        confidence = f" {row['role_confidence']:.0%}" if row["role_confidence"] is not None else ""
        span = f"{_day(row['first_ts'])} → {_day(row['last_ts'])}"
        calls = tr("appels", "calls")
        click.echo(f"#{row['id']} {row['label']} — {role_name(row['role'])}{confidence} "
                   f"({row['messages']} msg, {row['calls']} {calls}, {span})")  # fmt: skip
        for ident in row["identifiers"]:
            click.echo(f"    {ident['display']}   [{ident['identifier']}]")
        if row["roles"]:
            for reason in row["roles"][0]["reasons"]:
                click.echo(f"    · {reason[lang]}")
        for link in row["links"]:
            if link["status"] in ("merged", "confirmed", "proposed"):
                mark = {"merged": "=", "confirmed": "✔", "proposed": "?"}[str(link["status"])]
                click.echo(f"    {mark} [{link['id']}] {link['reason'][lang]}")


@click.command()
@click.argument("directory", type=CASE_DIR)
@click.argument("decision", type=click.Choice(["confirm", "reject", "split"]))
@click.argument("items", nargs=-1, required=True)
@click.option("--note", help=tr("motif, pour la procédure", "reason, for the record"))
def judge(directory: Path, decision: str, items: tuple[str, ...], note: str | None) -> None:
    """Confirme ou rejette un rapprochement, sépare un acteur. / Confirm or reject a link, split an actor.

    \b
    filiere judge CASE confirm LINK_ID          (or: confirm IDENTIFIER_A IDENTIFIER_B)
    filiere judge CASE reject LINK_ID           (or: reject IDENTIFIER_A IDENTIFIER_B)
    filiere judge CASE split ACTOR_ID IDENTIFIER...   (take these identifiers out of the actor)

    Judgements are kept across re-analysis; run `filiere analyze` to apply them.
    """
    with Case.open(directory) as opened:
        if decision == "split":
            if len(items) < 2 or not items[0].isdigit():
                raise click.UsageError("split ACTOR_ID IDENTIFIER...")
            n = judgements.split(opened, int(items[0]), list(items[1:]), note=note)
            click.echo(tr(f"{n} paire(s) rejetée(s)", f"{n} pair(s) rejected"))
        elif len(items) == 1 and items[0].isdigit():
            judgements.judge_link(opened, decision, int(items[0]), note=note)
        elif len(items) == 2:
            judgements.judge(opened, decision, items[0], items[1], note=note)
        else:
            raise click.UsageError(f"{decision} LINK_ID | {decision} IDENTIFIER_A IDENTIFIER_B")
    click.echo(tr("jugement enregistré ; relancez « filiere analyze » pour l'appliquer",
                  "judgement recorded; run 'filiere analyze' to apply it"))  # fmt: skip


@click.command("search")
@click.argument("directory", type=CASE_DIR)
@click.argument("query", required=False, default="")
@click.option("--category", "categories", multiple=True, help=tr("catégorie (offer, order…)", "category"))
@click.option("--product", "products", multiple=True, help=tr("produit (cocaine…)", "product"))
@click.option("--trade", is_flag=True, help=tr("seulement les messages de trafic", "trade messages only"))
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help=tr("en JSON", "as JSON"))
def search_command(directory: Path, query: str, categories: tuple[str, ...], products: tuple[str, ...],
                   trade: bool, limit: int, as_json: bool) -> None:  # fmt: skip
    """Recherche plein texte (accents ignorés, "phrases", préfixes*). / Full-text search."""
    with Case.open(directory) as opened:
        results = search(opened.conn, Query(query, categories=categories, products=products, trade_only=trade,
                                            limit=limit))  # fmt: skip
    if as_json:
        click.echo(json.dumps({"total": results.total, "capped": results.capped, "hits": results.hits},
                              ensure_ascii=False))  # fmt: skip
        return
    click.echo(tr(f"{results.total}{'+' if results.capped else ''} résultat(s)",
                  f"{results.total}{'+' if results.capped else ''} hit(s)"))  # fmt: skip
    for hit in results.hits:
        text = str(hit.get("highlighted", hit["text"])).replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]")
        click.echo(f"{hit['local_time']} {hit['sender_name'] or ''}: {text[:200]!s}".replace("\n", " ⏎ "))
        click.echo(f"    {hit['evidence_name']} · {hit['locator']} · {hit['evidence'][:16]}…")
