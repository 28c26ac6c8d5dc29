"""Commands on a case folder: create it, add evidence, verify it, read its custody log."""

from __future__ import annotations

import json
from pathlib import Path

import click

from filiere.case import Case
from filiere.cli.options import reading_options, settings_from
from filiere.errors import FiliereError
from filiere.i18n import tr
from filiere.ingest.pipeline import FileReport, add_paths, ingest
from filiere.progress import Progress
from filiere.verify import verify as verify_case

CASE_DIR = click.Path(file_okay=False, path_type=Path)


@click.group()
def case() -> None:
    """Créer et décrire une affaire. / Create and describe a case."""


@case.command("init")
@click.argument("directory", type=CASE_DIR)
@click.option("--title", required=True, help=tr("intitulé de l'affaire", "case title"))
@click.option("--reference", help=tr("référence de procédure (PV, n° de parquet)", "procedure reference"))
def case_init(directory: Path, title: str, reference: str | None) -> None:
    """Crée un dossier d'affaire vide. / Create an empty case folder."""
    with Case.create(directory, title=title, reference=reference) as created:
        head = created.custody_log()[-1]
    click.echo(tr(f"affaire créée : {directory}", f"case created: {directory}"))
    click.echo(tr(f"empreinte du journal : {head.hash}", f"custody head: {head.hash}"))


@click.command()
@click.argument("directory", type=CASE_DIR)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--source", "source_ref", help=tr("saisie ou réquisition d'origine", "seizure or request reference"))
@click.option("--no-read", is_flag=True, help=tr("mettre sous scellé sans lire", "store without reading"))
@click.option("--json", "as_json", is_flag=True, help=tr("rapport en JSON", "report as JSON"))
@reading_options
def add(
    directory: Path,
    files: tuple[Path, ...],
    source_ref: str | None,
    no_read: bool,
    as_json: bool,
    fmt: str | None,
    tz: str,
    region: str,
    date_order: str | None,
    mapping: Path | None,
    preset: str | None,
) -> None:
    """Ajoute des pièces (fichiers ou dossiers) et les lit. / Add evidence files or folders and read them.

    Each original is copied read-only into the case under its SHA-256 and logged; then its format
    is recognised and its records are read into the case, one transaction per file.
    """
    settings = settings_from(fmt, tz, region, date_order, mapping, preset)
    reports: list[FileReport] = []
    failures = 0
    with Case.open(directory) as opened:
        for path, found_at in add_paths(list(files)):
            try:
                size = path.stat().st_size if path.is_file() else 0
                with Progress(size, tr(f"copie {path.name}", f"copying {path.name}")) as bar:
                    added = opened.store_file(path, source_ref=source_ref, progress=bar.advance, found_at=found_at)
            except FiliereError as exc:
                failures += 1
                click.secho(tr("erreur : ", "error: ") + str(exc), err=True, fg="red")
                continue
            if no_read:
                reports.append(FileReport(path.name, added.row.sha256, "stored", new=added.new))
                continue
            with Progress(added.row.size, tr(f"lecture {path.name}", f"reading {path.name}")) as bar:
                report = ingest(opened, added.row.sha256, settings, progress=bar.set)
            report.name, report.new = path.name, added.new
            failures += report.status == "failed"
            reports.append(report)
    for report in reports:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False) if as_json else _report_text(report))
    if failures:
        raise click.exceptions.Exit(4)


STATUS = {
    "ingested": ("lu", "read"),
    "already": ("déjà présent, rien d'ajouté", "already present, nothing added"),
    "failed": ("ÉCHEC de la lecture, rien d'ajouté", "read FAILED, nothing added"),
    "unrecognised": ("format non reconnu, conservé sous scellé", "format not recognised, kept in the locker"),
    "stored": ("conservé sous scellé, non lu", "stored, not read"),
}
TYPES = {
    "message": ("message(s)", "message(s)"),
    "call": ("appel(s)", "call(s)"),
    "contact": ("contact(s)", "contact(s)"),
    "account": ("compte(s)", "account(s)"),
    "conversation": ("conversation(s)", "conversation(s)"),
}


def _report_text(report: FileReport) -> str:
    lines = [f"{report.name}", f"  SHA-256 : {report.sha256}", "  " + tr(*STATUS[report.status])]
    if report.format:
        lines[-1] += f" · {report.format}"
    if report.counts:
        lines.append("  " + ", ".join(f"{n} {tr(*TYPES.get(t, (t, t)))}" for t, n in report.counts.items()))
    if report.status == "ingested":
        lines.append(tr(f"  {report.skipped} ignoré(s) · {report.seconds:.2f} s",
                        f"  {report.skipped} skipped · {report.seconds:.2f} s"))  # fmt: skip
    for locator, reason in report.skips:
        lines.append(f"    - {locator} : {reason}")
    if report.skipped > len(report.skips):
        lines.append(tr(f"    … et {report.skipped - len(report.skips)} autre(s)",
                        f"    … and {report.skipped - len(report.skips)} more"))  # fmt: skip
    if report.error:
        lines.append("  " + report.error.replace("\n", "\n  "))
    return "\n".join(lines)


@click.command()
@click.argument("directory", type=CASE_DIR)
@click.option("--anchor", metavar="SHA256", help=tr(
    "empreinte du journal notée plus tôt en procédure : elle doit y figurer encore",
    "custody hash noted earlier in the procedure: it must still be in the log"))  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help=tr("rapport en JSON", "report as JSON"))
def verify(directory: Path, anchor: str | None, as_json: bool) -> None:
    """Vérifie pièces et journal de traçabilité. / Verify evidence and the custody log.

    Exit code 0 only when every evidence file matches its SHA-256 and the custody chain is whole.
    """
    with Case.open(directory) as opened:
        report = verify_case(opened, anchor)
    if as_json:
        click.echo(json.dumps({
            "ok": report.ok, "entries": report.entries, "evidence_files": report.evidence_files,
            "head": report.head,
            "problems": [{"kind": p.kind, "item": p.item, "message": p.message} for p in report.problems],
        }, ensure_ascii=False))  # fmt: skip
    elif report.ok:
        click.echo(
            tr(
                f"intègre : {report.entries} entrée(s) de journal, {report.evidence_files} pièce(s) vérifiée(s)",
                f"intact: {report.entries} custody entries, {report.evidence_files} evidence file(s) verified",
            )
        )
        click.echo(tr(f"empreinte du journal : {report.head}", f"custody head: {report.head}"))
    else:
        first = report.problems[0]
        click.secho(tr(f"ALTÉRATION : {first.message}", f"TAMPERED: {first.message}"), fg="red", err=True)
        for problem in report.problems[1:]:
            click.echo(f"  - {problem.message}", err=True)
    if not report.ok:
        raise click.exceptions.Exit(5)


@click.command()
@click.argument("directory", type=CASE_DIR)
@click.option("--json", "as_json", is_flag=True, help=tr("une entrée JSON par ligne", "one JSON entry per line"))
def log(directory: Path, as_json: bool) -> None:
    """Affiche le journal de traçabilité. / Show the custody log."""
    with Case.open(directory) as opened:
        entries = opened.custody_log()
    for entry in entries:
        if as_json:
            click.echo(json.dumps(entry.to_dict(), ensure_ascii=False))
            continue
        detail = ", ".join(
            f"{k}={v}".replace("\n", " — ") for k, v in entry.detail.items() if v not in (None, "", {}, [])
        )
        click.echo(f"#{entry.seq:<4} {entry.at}  {entry.actor:<12} {entry.action:<22} {detail}")
    if entries and not as_json:
        click.echo(tr(f"empreinte du journal : {entries[-1].hash}", f"custody head: {entries[-1].hash}"))
