"""What the columns of a call-detail-record table mean: presets, TOML mappings, header matching.

A mapping names, for each field, the column(s) that may hold it (header names, matched without
regard to case, accents or punctuation, or 0-based indices) plus reading settings. Full format:
``docs/CDR_MAPPING.md``. In short::

    has_header = true            # false: columns are 0-based indices
    delimiter = ";"              # CSV only; sniffed when absent (";", ",", tab, "|")
    encoding = "cp1252"          # CSV only; sniffed when absent
    datetime_format = "%Y%m%d %H%M"   # or date_format / time_format (strptime); common ones tried
    tz = "Europe/Paris"          # zone of the times written in the file
    sheet = "Appels"             # XLSX only; else the first sheet whose header fits

    [columns]
    caller = "Numéro A"          # or 0, or ["Numéro A", "MSISDN appelant"]
    callee = "Numéro B"
    datetime = "Date et heure"   # or date = …, time = …
    duration = "Durée"           # seconds, HH:MM:SS, or "1 min 05 s"

    [values.direction]           # added to the built-in aliases
    outgoing = ["Emission"]
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from filiere.errors import UsageError
from filiere.i18n import tr
from filiere.types.moment import zone

FIELDS = (
    "datetime",
    "date",
    "time",
    "duration",
    "caller",
    "callee",
    "type",
    "direction",
    "imei",
    "imsi",
    "cell_id",
    "cell_address",
    "lat",
    "lon",
)
SETTINGS = {
    "name": str, "has_header": bool, "delimiter": str, "encoding": str, "date_format": str,
    "time_format": str, "datetime_format": str, "tz": str, "sheet": str,
}  # fmt: skip
KINDS = ("voice", "video", "sms", "mms", "data")
DIRECTIONS = ("incoming", "outgoing", "missed", "rejected", "voicemail", "blocked", "unknown")
PRESETS = ("fr_operator", "generic")
DOC = "docs/CDR_MAPPING.md"

# Values as operators write them, normalised (see ``norm``). A cell matches an alias when equal to
# it or when the alias is one of its words ("Appel sortant"); the longest alias found wins.
DEFAULT_VALUES: dict[str, dict[str, tuple[str, ...]]] = {
    "type": {
        "voice": ("voix", "voice", "appel", "call", "tel", "telephonie", "communication", "gsm", "moc", "mtc"),
        "video": ("video", "visio", "appel video", "visiophonie"),
        "sms": ("sms", "texto", "sms mo", "sms mt", "message", "sms sortant", "sms entrant"),
        "mms": ("mms",),
        "data": ("data", "gprs", "donnees", "internet", "umts", "lte", "edge", "3g", "4g", "5g", "ps"),
    },
    "direction": {
        "outgoing": ("sortant", "sortante", "emis", "emission", "mo", "out", "outgoing", "originating"),
        "incoming": ("entrant", "entrante", "recu", "reception", "mt", "in", "incoming", "terminating"),
        "missed": ("manque", "missed", "non repondu", "sans reponse"),
        "rejected": ("rejete", "refuse", "rejected"),
        "voicemail": ("messagerie", "repondeur", "voicemail"),
    },
}
_CANONICAL = {"type": KINDS, "direction": DIRECTIONS}
_NON_WORD = re.compile(r"[^0-9a-z]+")

ColumnRef = str | int


@lru_cache(maxsize=4096)  # type and direction cells repeat a handful of values over millions of rows
def norm(text: str) -> str:
    """``"N° Appelé (MSISDN)"`` -> ``"n appele msisdn"``: how headers and values are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", bare).strip()


@dataclass(frozen=True, slots=True)
class Mapping:
    """Columns of each field and the settings to read them; build with ``load_mapping``/``preset``."""

    name: str
    columns: dict[str, tuple[ColumnRef, ...]]
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    has_header: bool = True
    delimiter: str | None = None
    encoding: str | None = None
    date_format: str | None = None
    time_format: str | None = None
    datetime_format: str | None = None
    tz: str | None = None
    sheet: str | None = None
    partial: bool = False  # a preset: any of its columns may be absent; a user's mapping: none

    def resolve(self, header: Sequence[str] | None) -> tuple[dict[str, int], list[str]]:
        """Column index of each field found in ``header``, and the fields whose named column is absent.

        Without a header only indices resolve. A header cell serves one field only.
        """
        cells = [norm(cell) for cell in header] if header is not None else []
        taken: set[int] = set()
        found: dict[str, int] = {}
        missing: list[str] = []
        for name, refs in self.columns.items():
            index = next((i for ref in refs if (i := _find(ref, cells, taken, header)) is not None), None)
            if index is None:
                missing.append(name)
            else:
                found[name] = index
                taken.add(index)
        return found, missing

    def fits(self, header: Sequence[str]) -> int:
        """How many fields ``header`` holds; 0 when it lacks a time or a number column, or (for a
        user's mapping) a column the mapping names."""
        found, missing = self.resolve(header)
        if not usable(found) or (missing and not self.partial) or (self.partial and len(found) < 4):
            return 0
        return len(found)

    def value(self, kind: str, cell: str) -> str | None:
        """The canonical ``type`` or ``direction`` a cell names, or None when no alias fits."""
        aliases = self.values.get(kind, {})
        text = norm(cell)
        if text in aliases:
            return aliases[text]
        words = f" {text} "
        hits = [alias for alias in aliases if f" {alias} " in words]
        return aliases[max(hits, key=len)] if hits else None


def usable(found: MappingABC[str, int]) -> bool:
    """A table can be read only with a time (datetime or date) and at least one number."""
    return ("datetime" in found or "date" in found) and ("caller" in found or "callee" in found)


def _find(ref: ColumnRef, cells: list[str], taken: set[int], header: Sequence[str] | None) -> int | None:
    if isinstance(ref, int):
        return ref
    if header is None:
        return None
    wanted = norm(ref)
    return next((i for i, cell in enumerate(cells) if cell == wanted and i not in taken), None)


def _bad(source: str, key: str, problem: str, fix: str) -> UsageError:
    return UsageError(
        tr(f"{source} : clé {key!r} : {problem}", f"{source}: key {key!r}: {problem}"),
        hint=tr(f"{fix} (voir {DOC})", f"{fix} (see {DOC})"),
    )


def _values(source: str, table: Any) -> dict[str, dict[str, str]]:
    merged = {kind: {norm(a): canon for canon, aliases in table.items() for a in aliases}
              for kind, table in DEFAULT_VALUES.items()}  # fmt: skip
    if not isinstance(table, dict):
        raise _bad(source, "values", tr("doit être une table", "must be a table"), "[values.type] …")
    for kind, aliases in table.items():
        if kind not in _CANONICAL or not isinstance(aliases, dict):
            raise _bad(source, f"values.{kind}", tr("inconnue", "unknown"), "use [values.type] or [values.direction]")
        for canon, written in aliases.items():
            if canon not in _CANONICAL[kind]:
                raise _bad(
                    source,
                    f"values.{kind}.{canon}",
                    tr("valeur inconnue", "unknown value"),
                    f"use one of {', '.join(_CANONICAL[kind])}",
                )
            written = [written] if isinstance(written, str) else written
            if not isinstance(written, list) or not all(isinstance(w, str) for w in written):
                raise _bad(
                    source,
                    f"values.{kind}.{canon}",
                    tr("attend une liste de textes", "expects a list of strings"),
                    'write e.g. outgoing = ["Sortant", "MO"]',
                )
            merged[kind].update({norm(w): canon for w in written})
    return merged


def _columns(source: str, table: Any, has_header: bool) -> dict[str, tuple[ColumnRef, ...]]:
    if not isinstance(table, dict):
        raise _bad(
            source,
            "columns",
            tr("table [columns] absente", "missing [columns] table"),
            "add [columns] with at least a date and a number column",
        )
    columns: dict[str, tuple[ColumnRef, ...]] = {}
    for name, ref in table.items():
        if name not in FIELDS:
            raise _bad(
                source, f"columns.{name}", tr("champ inconnu", "unknown field"), f"known fields: {', '.join(FIELDS)}"
            )
        refs = tuple(ref) if isinstance(ref, list | tuple) else (ref,)
        if not refs or not all(
            isinstance(r, str) or (isinstance(r, int) and not isinstance(r, bool) and r >= 0) for r in refs
        ):
            raise _bad(
                source,
                f"columns.{name}",
                tr(f"{ref!r} n'est pas une colonne", f"{ref!r} is not a column"),
                "give a header name, a 0-based index, or a list of header names",
            )
        if not has_header and not all(isinstance(r, int) for r in refs):
            raise _bad(
                source,
                f"columns.{name}",
                tr("nom de colonne sans en-tête", "column name without a header"),
                "with has_header = false, give 0-based column indices",
            )
        columns[name] = refs
    if not usable({name: 0 for name in columns}):
        raise _bad(
            source,
            "columns",
            tr("ni date ni numéro", "no date or no number column"),
            "name a datetime (or date) column and a caller or callee column",
        )
    return columns


def parse_mapping(data: MappingABC[str, Any], source: str, partial: bool = False) -> Mapping:
    """A mapping from the parsed TOML ``data``; ``UsageError`` names the faulty key of ``source``."""
    for key, value in data.items():
        if key in ("columns", "values"):
            continue
        expected = SETTINGS.get(key)
        if expected is None:
            known = ", ".join([*SETTINGS, "columns", "values"])
            raise _bad(source, key, tr("clé inconnue", "unknown key"), f"known keys: {known}")
        if not isinstance(value, expected):
            raise _bad(
                source,
                key,
                tr(f"attend {expected.__name__}", f"expects {expected.__name__}"),
                f"write e.g. {key} = {'true' if expected is bool else chr(34) + '…' + chr(34)}",
            )
    delimiter = data.get("delimiter")
    if delimiter is not None and len(delimiter) != 1:
        raise _bad(source, "delimiter", tr("un seul caractère", "one character"), 'write e.g. delimiter = ";"')
    if data.get("tz") is not None:
        try:
            zone(data["tz"])
        except UsageError:
            raise _bad(
                source, "tz", tr("fuseau inconnu", "unknown time zone"), 'write e.g. tz = "Europe/Paris"'
            ) from None
    has_header = bool(data.get("has_header", True))
    return Mapping(
        name=str(data.get("name") or source),
        columns=_columns(source, data.get("columns"), has_header),
        values=_values(source, data.get("values", {})),
        has_header=has_header,
        delimiter=delimiter,
        encoding=data.get("encoding"),
        date_format=data.get("date_format"),
        time_format=data.get("time_format"),
        datetime_format=data.get("datetime_format"),
        tz=data.get("tz"),
        sheet=data.get("sheet"),
        partial=partial,
    )


def load_mapping(path: str | Path) -> Mapping:
    """Read a TOML mapping file; a missing or malformed file is a ``UsageError`` saying what to fix."""
    file = Path(path)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(
            tr(f"fichier de correspondance illisible : {file}", f"cannot read mapping file: {file}"),
            hint=tr(
                f"vérifiez le chemin passé à --mapping ({exc.strerror})", f"check the --mapping path ({exc.strerror})"
            ),
        ) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(
            tr(f"{file} : TOML invalide : {exc}", f"{file}: invalid TOML: {exc}"),
            hint=tr(f"corrigez la syntaxe (voir {DOC})", f"fix the syntax (see {DOC})"),
        ) from exc
    return parse_mapping(data, file.name)


@cache
def preset(name: str) -> Mapping:
    """A built-in mapping: ``fr_operator`` (French operators' answers) or ``generic`` (English)."""
    if name not in PRESETS:
        raise UsageError(
            tr(f"préréglage CDR inconnu {name!r}", f"unknown CDR preset {name!r}"),
            hint=tr(f"préréglages : {', '.join(PRESETS)}", f"presets: {', '.join(PRESETS)}"),
        )
    text = (resources.files("filiere.ingest") / "cdr_presets" / f"{name}.toml").read_text(encoding="utf-8")
    return parse_mapping(tomllib.loads(text), name, partial=True)


def detect(header: Sequence[str]) -> Mapping | None:
    """The preset whose columns best fit ``header``, or None."""
    scored = [(m.fits(header), m) for m in map(preset, PRESETS)]
    best = max(scored, key=lambda item: item[0])
    return best[1] if best[0] else None


def choose(options: MappingABC[str, Any]) -> Mapping | None:
    """The mapping the user asked for (``mapping`` path or table, ``preset`` name), else None."""
    given = options.get("mapping")
    if isinstance(given, MappingABC):
        return parse_mapping(given, "mapping")
    if given:
        return load_mapping(str(given))
    if options.get("preset"):
        return preset(str(options["preset"]))
    return None
