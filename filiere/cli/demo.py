"""``filiere demo``: write a fictional case in the real export formats, with its known truth."""

from __future__ import annotations

from pathlib import Path

import click

from filiere.cli import FiliereGroup
from filiere.demo import dumps_summary, generate
from filiere.i18n import tr


@click.group(name="demo", cls=FiliereGroup)
def demo() -> None:
    """Cas fictif de démonstration : exports réels, vérité connue (truth.json).

    Fictional demo case: real export formats, known truth (truth.json).
    """


@demo.command("generate")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help=tr("graine : même graine, mêmes fichiers octet pour octet", "seed: same seed, byte-identical files"),
)
@click.option(
    "--scale",
    default="small",
    show_default=True,
    metavar="small|large|N",
    help=tr(
        "small (quelques milliers de messages), large (1 000 000) ou un nombre de messages",
        "small (a few thousand messages), large (1,000,000) or a message count",
    ),
)
@click.option(
    "--force",
    is_flag=True,
    help=tr("remplacer un cas de démonstration déjà présent dans OUT", "replace a demo case already in OUT"),
)
@click.option("--json", "as_json", is_flag=True,
              help=tr("résumé en JSON", "summary as JSON"))  # fmt: skip
def generate_command(out: Path, seed: int, scale: str, force: bool, as_json: bool) -> None:
    """Écrire le cas fictif dans OUT. / Write the fictional case into OUT."""
    result = generate(out, seed=seed, scale=scale, force=force)
    if as_json:
        click.echo(dumps_summary(result))
        return
    size = f"{result.bytes / 1_000_000:.1f}"
    click.echo(
        tr(
            f"Cas fictif écrit dans {result.path} : {result.files} fichiers, {size.replace('.', ',')} Mo, "
            f"{result.telegram_messages} messages Telegram, {result.whatsapp_lines} lignes WhatsApp, "
            f"{result.trade_messages} messages de trafic dans truth.json.",
            f"Fictional case written to {result.path}: {result.files} files, {size} MB, "
            f"{result.telegram_messages} Telegram messages, {result.whatsapp_lines} WhatsApp lines, "
            f"{result.trade_messages} trade messages in truth.json.",
        )
    )


@demo.command("run")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=1, show_default=True, help=tr("graine", "seed"))
@click.option("--scale", default="small", show_default=True, metavar="small|large|N")
def run_command(out: Path, seed: int, scale: str) -> None:
    """Générer, verser, lire et analyser le cas fictif. / Generate, add, read and analyse the demo case.

    Writes the evidence to OUT/evidence and the case to OUT/case, then shows what was found.
    """
    from filiere.demo.case import build
    from filiere.demo.show import show

    click.echo(tr("Génération du cas fictif, versement des pièces et analyse…",
                  "Generating the fictional case, adding the evidence and analysing…"))  # fmt: skip
    result = build(out, seed=seed, scale=scale)
    show(result)
