"""Options shared by the commands that read evidence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from filiere.i18n import tr
from filiere.ingest.pipeline import Settings
from filiere.types.moment import DEFAULT_TZ, zone
from filiere.types.phone import DEFAULT_REGION

F = TypeVar("F", bound=Callable[..., Any])


def reading_options(func: F) -> F:
    """--format, --tz, --region and the reader-specific options."""
    decorators = [
        click.option("--format", "fmt", metavar="NOM",
                     help=tr("format à utiliser au lieu de la détection automatique",
                             "format to use instead of automatic detection")),
        click.option("--tz", default=DEFAULT_TZ, show_default=True,
                     help=tr("fuseau des exports sans fuseau (WhatsApp, Signal texte, relevés)",
                             "time zone of exports that carry none (WhatsApp, Signal text, CDR)")),
        click.option("--region", default=DEFAULT_REGION, show_default=True,
                     help=tr("pays des numéros sans indicatif", "country of numbers without a prefix")),
        click.option("--date-order", type=click.Choice(["dmy", "mdy", "ymd"]),
                     help=tr("ordre jour/mois des exports WhatsApp (sinon déduit du fichier)",
                             "day/month order of WhatsApp exports (otherwise inferred from the file)")),
        click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help=tr("correspondance de colonnes (TOML) pour un relevé d'appels",
                             "column mapping (TOML) for call-detail records")),
        click.option("--preset", metavar="NOM",
                     help=tr("correspondance prédéfinie pour un relevé d'appels (generic, fr_operator)",
                             "built-in call-detail record mapping (generic, fr_operator)")),
    ]  # fmt: skip
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def settings_from(
    fmt: str | None, tz: str, region: str, date_order: str | None, mapping: Path | None, preset: str | None
) -> Settings:
    zone(tz)  # an unknown zone stops the command before anything is stored
    options: dict[str, Any] = {}
    if date_order:
        options["date_order"] = date_order
    if mapping:
        options["mapping"] = str(mapping)
    if preset:
        options["preset"] = preset
    return Settings(format=fmt, tz=tz, region=region.upper(), options=options)
