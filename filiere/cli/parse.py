"""``filiere parse``: read a file without a case and print its records as JSON lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from filiere.case import sha256_of
from filiere.cli.options import reading_options, settings_from
from filiere.errors import EvidenceError
from filiere.i18n import tr
from filiere.ingest.base import ReadContext
from filiere.ingest.pipeline import pick_reader
from filiere.ingest.streams import read_records
from filiere.model import Skipped
from filiere.serialize import to_dict


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@reading_options
def parse(
    file: Path,
    fmt: str | None,
    tz: str,
    region: str,
    date_order: str | None,
    mapping: Path | None,
    preset: str | None,
) -> None:
    """Lit un fichier et imprime ses enregistrements (JSON lines). / Print a file's records as JSON lines.

    One object per record on standard output, with a "type" field (conversation, account, message,
    call, contact); skipped records and the summary go to standard error.
    """
    settings = settings_from(fmt, tz, region, date_order, mapping, preset)
    if not file.is_file():
        raise EvidenceError(tr(f"{file} : fichier introuvable", f"{file}: no such file"))
    try:
        sha = sha256_of(file)
        fh = open(file, "rb")  # noqa: SIM115 - closed below, after streaming
    except OSError as exc:
        raise EvidenceError(tr(f"{file} : lecture impossible ({exc})", f"{file}: cannot be read ({exc})")) from exc
    counts: dict[str, int] = {}
    out = sys.stdout
    with fh:
        reader = pick_reader(fh, file.name, settings)
        ctx = ReadContext(sha, file.name, settings.tz, settings.region, dict(settings.options))
        for record in read_records(fh, reader, ctx):
            counts[record.type] = counts.get(record.type, 0) + 1
            if isinstance(record, Skipped):
                click.echo(tr("ignoré", "skipped") + f" : {record.locator} : {record.reason}", err=True)
                continue
            out.write(json.dumps(to_dict(record), ensure_ascii=False) + "\n")
    summary = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
    click.echo(f"{file.name} [{reader.name}] {summary or '0'}", err=True)
