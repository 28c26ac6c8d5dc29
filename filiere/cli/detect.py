"""``filiere detect [--jsonl] FILE|-``: drug-trade detection over messages, one JSON object per line.

Each output line is a JSON object: the input's fields other than ``text`` (with ``--jsonl``), then
``line`` (the input line number) and the detection (``Detection.to_dict()``). A line that cannot be
read gives ``{"line": N, "error": "..."}`` on standard error and the run goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

import click

from filiere.extract import default_lexicon, detect
from filiere.i18n import tr

MAX_LINE = 4 * 1024 * 1024  # longer lines are skipped with an error, not read into memory whole
_CHUNK = 64 * 1024


def _lines(source: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """``(number, bytes)`` per line, line ending removed; ``None`` for a line longer than MAX_LINE."""
    number = 0
    while True:
        line = source.readline(MAX_LINE + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the over-long line
                line = source.readline(_CHUNK)
            yield number, None
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        yield number, line.rstrip(b"\r\n")


def _error(number: int, message: str) -> None:
    sys.stderr.write(json.dumps({"line": number, "error": message}, ensure_ascii=False) + "\n")


def _message(number: int, raw: bytes, jsonl: bool) -> tuple[dict[str, Any], str] | str:
    """The fields to copy and the text of one line, or the error that stops it."""
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return tr(
            f"octets invalides en UTF-8 à la position {exc.start} ; convertissez le fichier en UTF-8",
            f"bytes not valid as UTF-8 at position {exc.start}; convert the file to UTF-8",
        )
    if not jsonl:
        return {}, decoded
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        return tr(f"JSON invalide ({exc.msg}, colonne {exc.colno})", f"invalid JSON ({exc.msg}, column {exc.colno})")
    if not isinstance(record, dict):
        return tr("la ligne n'est pas un objet JSON", "the line is not a JSON object")
    text = record.pop("text", None)
    if not isinstance(text, str):
        return tr("champ « text » absent ou non textuel", 'field "text" missing or not a string')
    return record, text


def _write(out: BinaryIO, payload: dict[str, Any]) -> None:
    # Lone surrogates (from JSON input) cannot be UTF-8: written as \\uXXXX escapes, still valid JSON.
    line = json.dumps(payload, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    out.write(line.encode("utf-8", "backslashreplace") + b"\n")


@click.command("detect")
@click.option("--jsonl", is_flag=True, help="Each line is a JSON object with a `text` field (others are copied).")
@click.argument("source", type=click.File("rb"), metavar="FILE|-")
def detect_command(jsonl: bool, source: BinaryIO) -> None:
    """Détecte le trafic de stupéfiants, message par message (une ligne = un message).

    Detects drug trade, message by message (one line = one message). Prints one JSON object per
    message; unreadable lines are reported on standard error as {"line": N, "error": "..."}.
    """
    lexicon = default_lexicon()
    out: BinaryIO = sys.stdout.buffer
    errors = 0
    for number, raw in _lines(source):
        if raw is None:
            errors += 1
            _error(number, tr(f"ligne de plus de {MAX_LINE} octets, ignorée", f"line over {MAX_LINE} bytes, skipped"))
            continue
        if not raw.strip():
            errors += 1
            _error(number, tr("ligne vide, ignorée", "empty line, skipped"))
            continue
        parsed = _message(number, raw, jsonl)
        if isinstance(parsed, str):
            errors += 1
            _error(number, parsed)
            continue
        fields, text = parsed
        _write(out, {**fields, "line": number, **detect(text, lexicon).to_dict()})
    out.flush()
    if errors:
        click.echo(
            tr(f"{errors} ligne(s) non lue(s), voir ci-dessus", f"{errors} line(s) not read, see above"), err=True
        )
