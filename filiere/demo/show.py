"""What `make demo` prints: the findings an investigator reads first, with where they come from."""

from __future__ import annotations

from collections import Counter

import click

from filiere.case import Case
from filiere.cli.analysis import role_name
from filiere.demo.case import DemoCase
from filiere.extract.units import CURRENCIES
from filiere.i18n import language, tr
from filiere.store import actors as actor_store
from filiere.store import detections as detection_store

_SIGNS = {code: sign for sign, code in CURRENCIES.items() if sign in "€£$"}  # a series' currency as its sign


def _title(text: str) -> None:
    click.echo("")
    click.secho(text, bold=True)


def show(result: DemoCase) -> None:
    lang = language()
    read = [f for f in result.files if f.status == "ingested" and f.format != "media"]
    media = [f for f in result.files if f.format == "media"]
    _title(tr("Pièces versées", "Evidence added"))
    formats = Counter(f.format for f in read)
    click.echo(tr(f"  {len(read)} fichier(s) lu(s) : ", f"  {len(read)} file(s) read: ")
               + ", ".join(f"{fmt} ({n})" for fmt, n in sorted(formats.items())))  # fmt: skip
    click.echo(tr(f"  {len(media)} média(s) (photos, vidéos) conservé(s) sous scellé",
                  f"  {len(media)} media file(s) (photos, videos) kept in the locker"))  # fmt: skip
    for f in result.files:
        if f.status == "unrecognised":
            click.secho(tr(f"  ? {f.name} : format non reconnu", f"  ? {f.name}: format not recognised"), fg="yellow")
    failed = [f for f in result.files if f.status == "failed"]
    for f in failed:
        click.secho(f"  ✗ {f.name}: {f.error}", fg="red")
    v = result.verification
    if v is not None:
        state = tr("intègre", "intact") if v.ok else tr("ALTÉRÉ", "TAMPERED")
        click.echo(tr(f"  vérification : {state}, empreinte du journal {v.head[:16]}…",
                      f"  verification: {state}, custody head {v.head[:16]}…"))  # fmt: skip
    d = result.summary["detection"]
    _title(tr("Trafic", "Trade"))
    click.echo(tr(f"  {d['trade_messages']} messages liés au trafic sur {d['messages_read']} lus",
                  f"  {d['trade_messages']} trade messages out of {d['messages_read']} read"))  # fmt: skip
    with Case.open(result.case_dir) as case:
        series = detection_store.price_series(case.conn)
        actors = actor_store.actor_rows(case.conn)
        lineage = detection_store.lineage_rows(case.conn)
        curve = detection_store.disruption_rows(case.conn, "betweenness", "sequential")
        links = actor_store.link_rows(case.conn)
    by_product: dict[tuple[str, str], list[str]] = {}
    for product, currency, month, low, high, _n in series:
        shown = f"{low:g}" if low == high else f"{low:g}–{high:g}"
        by_product.setdefault((product, currency), []).append(f"{month} {shown}")
    for (product, currency), months in by_product.items():
        click.echo(f"  {product} ({_SIGNS.get(currency, currency)}/g) : " + " · ".join(months))
    _title(tr("Qui fait quoi", "Who does what"))
    labels = {a["id"]: a["label"] for a in actors}
    for actor in actors:
        if not actor["role"]:
            continue
        click.echo(f"  #{actor['id']} {actor['label']} — {role_name(actor['role'])} ({actor['role_confidence']:.0%})")
        for reason in actor["roles"][0]["reasons"][:3]:
            click.echo(f"      · {reason[lang]}")
        click.echo("      " + tr("identifiants : ", "identifiers: ")
                   + ", ".join(dict.fromkeys(i["display"] for i in actor["identifiers"][:10])))  # fmt: skip
    _title(tr("Rapprochements d'identités (avec leurs raisons)", "Identity merges (with their reasons)"))
    for link in links:
        if link["status"] == "merged":
            click.echo(f"  = {link['reason'][lang]}")
    for link in links:
        if link["status"] == "proposed":
            click.echo(f"  ? [{link['id']}] {link['reason'][lang]}")
    if lineage:
        _title(tr("Filiation des canaux", "Channel lineage"))
        for _old, _new, score, reasons in lineage:
            click.echo(f"  ({score:.2f}) " + " ; ".join(r[lang] for r in reasons))
    if len(curve) > 1:
        _title(tr("Acteurs clés : retraits qui fragmentent le plus le réseau",
                  "Key players: removals that break the network most"))  # fmt: skip
        for step, removed, fraction in curve[1:6]:
            who = labels.get(removed, "?") if removed is not None else "?"
            click.echo(tr(f"  {step}. retirer {who} → plus grande composante : {fraction:.0%} du réseau",
                          f"  {step}. remove {who} → largest component: {fraction:.0%} of the network"))  # fmt: skip
    _title(tr("Pour aller plus loin", "Next"))
    case_dir = result.case_dir
    click.echo(f"  .venv/bin/filiere actors {case_dir}")
    click.echo(f'  .venv/bin/filiere search {case_dir} "coco" --trade')
    click.echo(f"  .venv/bin/filiere log {case_dir}")
    click.echo(f"  .venv/bin/filiere verify {case_dir}")
