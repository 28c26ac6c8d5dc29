"""Operators' call-detail records (CSV or XLSX) as calls, through a column mapping.

The mapping comes from ``--mapping FILE.toml``, ``--preset NAME``, or the built-in preset whose
columns fit the header (see ``cdr_mapping`` and ``docs/CDR_MAPPING.md``). Rows are streamed:
CSV line by line, XLSX through openpyxl's read-only mode; formulas are kept as text, never run.
"""

from __future__ import annotations

import csv
import re
import struct
import zipfile
import zlib
from collections.abc import Generator, Iterable, Iterator
from itertools import chain, islice
from typing import Any, BinaryIO

from filiere.errors import FormatError, UnsafeInputError
from filiere.i18n import tr
from filiere.ingest import cdr_values as values
from filiere.ingest.base import HEAD_SIZE, ReadContext, Reader
from filiere.ingest.cdr_mapping import DOC, Mapping, choose, detect
from filiere.ingest.text import head_text, text_lines
from filiere.model import Account, Call, Cell, Record, Skipped, Source
from filiere.types.phone import normalize_phone

SAMPLE = 20  # rows searched for the header: operators put a title block above it
_DELIMITERS = (";", "\t", ",", "|")
_ZIP_LOCAL = struct.Struct("<4s2xHH8xII2H")
_XML_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>([^<]{1,200})</(?:\w+:)?t>")

Row = tuple[int, list[Any]]


class CdrReader(Reader):
    """Call-detail records of an operator (CSV, XLSX) read through a column mapping."""

    name = "cdr"
    label = "Relevé d'appels opérateur (CDR, CSV/XLSX)"
    extensions = (".csv", ".txt", ".xlsx")

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        try:
            if head.startswith(b"PK\x03\x04"):
                return _match_xlsx(head, name)
            return _match_csv(head)
        except (ValueError, LookupError, csv.Error, zlib.error, struct.error):
            return 0  # junk that looks like neither: not ours

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        given = choose(ctx.options)
        head = fh.read(4)
        fh.seek(0)
        if head == b"PK\x03\x04":
            mapping, columns, rows = _xlsx_table(fh, ctx, given)
            width = 0  # openpyxl drops trailing empty cells: short rows are normal
        else:
            mapping, columns, rows = _csv_table(fh, ctx, given)
            width = max(columns.values()) + 1
        state = _State(ctx, mapping, columns)
        for number, row in rows:
            if not any(values.text(cell) for cell in row):
                continue  # blank line or empty spreadsheet row
            if len(row) < width:
                yield Skipped(
                    f"row {number}",
                    tr(f"{len(row)} colonnes au lieu de {width}", f"{len(row)} columns instead of {width}"),
                )
                continue
            yield from state.records(number, row)


class _State:
    """Accounts already yielded and the time formats found to work, for one file."""

    def __init__(self, ctx: ReadContext, mapping: Mapping, columns: dict[str, int]) -> None:
        self.ctx = ctx
        self.mapping = mapping
        self.columns = columns
        self.clock = values.Clock(mapping)
        self.tz = mapping.tz or ctx.tz
        self.seen: set[str] = set()

    def cell(self, row: list[Any], name: str) -> Any:
        index = self.columns.get(name)
        return row[index] if index is not None and index < len(row) else None

    def text(self, row: list[Any], name: str) -> str:
        return values.text(self.cell(row, name))

    def records(self, number: int, row: list[Any]) -> Iterator[Record]:
        locator = f"row {number}"
        source = Source(self.ctx.sha256, locator)
        caller_raw, callee_raw = self.text(row, "caller"), self.text(row, "callee")
        if not caller_raw and not callee_raw:
            yield Skipped(locator, tr("ni numéro appelant ni numéro appelé", "neither calling nor called number"))
            return
        try:
            start = self.clock.moment(
                self.cell(row, "datetime"), self.cell(row, "date"), self.cell(row, "time"), self.tz
            )
        except ValueError as exc:
            yield Skipped(locator, tr(f"date illisible : {exc}", f"unreadable date: {exc}"))
            return
        extra: dict[str, Any] = {}
        type_raw, direction_raw = self.text(row, "type"), self.text(row, "direction")
        kind = self.mapping.value("type", type_raw) if type_raw else "voice"
        if kind is None:
            kind, extra["type"] = "voice", type_raw
        direction = self.mapping.value("direction", direction_raw) if direction_raw else None
        if direction is None and direction_raw:
            extra["direction"] = direction_raw
        direction = direction or (self.mapping.value("direction", type_raw) if type_raw else None) or "unknown"
        duration_raw = self.cell(row, "duration")
        try:
            duration = values.duration(duration_raw)
        except ValueError:
            duration, extra["duration"] = None, values.text(duration_raw)
        caller = yield from self.party(caller_raw, source)
        if kind == "data" and callee_raw and normalize_phone(callee_raw, self.ctx.region) is None:
            callee, extra["called"] = None, callee_raw  # an access point name, not a line
        else:
            callee = yield from self.party(callee_raw, source)
        yield Call(
            native_id=locator,
            caller=caller,
            callee=callee,
            start=start,
            duration_s=duration,
            direction=direction,
            source=source,
            kind=kind,
            cell=self.cell_site(row, extra),
            imei=self.text(row, "imei") or None,
            imsi=self.text(row, "imsi") or None,
            extra=extra,
        )

    def party(self, raw: str, source: Source) -> Generator[Account, None, str | None]:
        """Yield the account of ``raw`` when first met; return its key (None for an empty cell)."""
        phone = self.ctx.phone(raw)
        if phone is None:
            return None
        key = f"phone:{phone.e164 or phone.original}"
        if key not in self.seen:
            self.seen.add(key)
            yield Account(key, "phone", source, phone=phone)
        return key

    def cell_site(self, row: list[Any], extra: dict[str, Any]) -> Cell | None:
        coordinates: list[float | None] = []
        for name, limit in (("lat", 90.0), ("lon", 180.0)):
            try:
                coordinates.append(values.coordinate(self.cell(row, name), limit))
            except ValueError:
                coordinates.append(None)
                extra[name] = self.text(row, name)
        cell_id, address = self.text(row, "cell_id") or None, self.text(row, "cell_address") or None
        if cell_id is None and address is None and coordinates == [None, None]:
            return None
        return Cell(cell_id, coordinates[0], coordinates[1], address)


def _no_header(ctx: ReadContext, given: Mapping | None, first: list[str] | None, where: str | None) -> FormatError:
    if first is None:
        return ctx.error(tr("fichier vide", "empty file"), where, hint=tr("aucune ligne à lire", "nothing to read"))
    if given is None:
        return ctx.error(
            tr("aucun préréglage ne reconnaît l'en-tête", "no preset recognises the header"),
            where,
            hint=tr(
                f"en-tête lu : {first[:15]} ; décrivez les colonnes dans un fichier TOML et passez "
                f"--mapping FICHIER.toml (voir {DOC})",
                f"header read: {first[:15]}; describe the columns in a TOML file and pass "
                f"--mapping FILE.toml (see {DOC})",
            ),
        )
    _, missing = given.resolve(first)
    if given.partial:
        missing = [tr(f"le préréglage {given.name!r}", f"preset {given.name!r}")]
    return ctx.error(
        tr(f"colonnes introuvables pour {', '.join(missing)}", f"columns not found for {', '.join(missing)}"),
        where,
        hint=tr(
            f"en-tête lu : {first[:15]} ; corrigez [columns] de la correspondance {given.name!r}",
            f"header read: {first[:15]}; fix [columns] in mapping {given.name!r}",
        ),
    )


def _header(rows: Iterator[Row], given: Mapping | None) -> tuple[Mapping, dict[str, int]]:
    """Find the header among the first rows (consuming them); raise LookupError with the first row seen."""
    if given is not None and not given.has_header:
        return given, given.resolve(None)[0]
    first: list[str] | None = None
    for _, row in islice(rows, SAMPLE):
        header = [values.text(cell) for cell in row]
        if not any(header):
            continue
        first = header if first is None else first
        mapping = given if given is not None else detect(header)
        if mapping is None:
            continue
        if mapping.fits(header):
            return mapping, mapping.resolve(header)[0]
    raise LookupError(first)


def sniff_delimiter(lines: Iterable[str]) -> str:
    """The separator used most on any one of ``lines`` (";" first on ties, as French CSVs do)."""
    best, best_count = ";", 0
    lines = list(lines)
    for delimiter in _DELIMITERS:
        count = max((line.count(delimiter) for line in lines), default=0)
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _csv_rows(fh: BinaryIO, ctx: ReadContext, mapping: Mapping | None) -> Generator[Row, None, None]:
    encoding = (mapping.encoding if mapping else None) or ctx.options.get("encoding")
    lines = text_lines(fh, ctx.name, encoding)
    sample = list(islice(lines, SAMPLE))
    delimiter = mapping.delimiter if mapping and mapping.delimiter else None
    if sample and re.fullmatch(r"sep=.", sample[0][1].strip()):
        delimiter = delimiter or sample[0][1].strip()[-1]  # Excel's "sep=;" first line
        sample = sample[1:]
    delimiter = delimiter or sniff_delimiter(line for _, line in sample)
    numbered = chain(sample, lines)
    position = {"line": 0}

    def feed() -> Iterator[str]:
        for number, line in numbered:
            position["line"] = number
            yield line + "\n"  # keeps line breaks inside quoted cells

    reader = csv.reader(feed(), delimiter=delimiter)
    while True:
        start = position["line"] + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ctx.error(
                tr(f"CSV illisible : {exc}", f"unreadable CSV: {exc}"),
                f"line {start}",
                hint=tr("vérifiez les guillemets de cette ligne", "check the quotes on this line"),
            ) from exc
        yield start, row


def _csv_table(fh: BinaryIO, ctx: ReadContext, given: Mapping | None) -> tuple[Mapping, dict[str, int], Iterator[Row]]:
    rows = _csv_rows(fh, ctx, given)
    try:
        mapping, columns = _header(rows, given)
    except LookupError as exc:
        rows.close()  # now, while the file is open, not whenever the traceback is collected
        raise _no_header(ctx, given, exc.args[0], f"lines 1-{SAMPLE}") from None
    return mapping, columns, rows


def _xlsx_table(fh: BinaryIO, ctx: ReadContext, given: Mapping | None) -> tuple[Mapping, dict[str, int], Iterator[Row]]:
    from openpyxl import load_workbook  # imported here: only spreadsheets pay for it

    try:
        # read_only streams the sheet; data_only=False returns formulas as their text, unevaluated
        book = load_workbook(fh, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise _bad_xlsx(ctx, exc) from exc
    names = [given.sheet] if given is not None and given.sheet else book.sheetnames
    first: list[str] | None = None
    for sheet in names:
        if sheet not in book.sheetnames:
            book.close()
            raise ctx.error(
                tr(f"feuille {sheet!r} absente", f"no sheet {sheet!r}"),
                hint=tr(f"feuilles : {book.sheetnames}", f"sheets: {book.sheetnames}"),
            )
        rows = _sheet_rows(book, sheet, ctx)
        try:
            mapping, columns = _header(rows, given)
        except LookupError as exc:
            first = first or exc.args[0]
            continue
        return mapping, columns, _closing(rows, book)
    book.close()
    raise _no_header(ctx, given, first, f"{names[0]!r} rows 1-{SAMPLE}" if names else None)


def _sheet_rows(book: Any, sheet: str, ctx: ReadContext) -> Iterator[Row]:
    try:
        rows = book[sheet].iter_rows(values_only=True)
        # read-only sheets yield empty rows for the gaps, so counting gives the sheet's row numbers
        for number, row in enumerate(rows, start=book[sheet].min_row or 1):
            yield number, list(row)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        book.close()
        raise _bad_xlsx(ctx, exc) from exc


def _closing(rows: Iterator[Row], book: Any) -> Iterator[Row]:
    try:
        yield from rows
    finally:
        book.close()


def _bad_xlsx(ctx: ReadContext, exc: BaseException) -> FormatError:
    cause: BaseException | None = exc
    while cause is not None and not type(cause).__module__.startswith("defusedxml"):
        cause = cause.__cause__ or cause.__context__  # openpyxl wraps the refusal in a ValueError
    if cause is not None:
        return UnsafeInputError(
            tr("XML dangereux dans le classeur", "unsafe XML inside the workbook"),
            path=ctx.name,
            hint=tr("le classeur a été construit pour nuire au lecteur", "the workbook was built to harm its reader"),
        )
    return ctx.error(
        tr(f"classeur XLSX illisible ({type(exc).__name__})", f"unreadable XLSX workbook ({type(exc).__name__})"),
        hint=tr(
            "ouvrez-le dans un tableur et enregistrez-le en CSV ou en XLSX",
            "open it in a spreadsheet and save it as CSV or XLSX",
        ),
    )


def _match_csv(head: bytes) -> int:
    lines = head_text(head).splitlines()
    if len(head) >= HEAD_SIZE and len(lines) > 1:
        lines.pop()  # cut mid-line
    sample = [line for line in lines[:SAMPLE] if not line.startswith("sep=")]
    delimiter = sniff_delimiter(sample)
    return 90 if any(detect(row) for row in csv.reader(sample, delimiter=delimiter)) else 0


def _match_xlsx(head: bytes, name: str) -> int:
    """Read the strings of the first zip entries present in ``head`` (shared strings, first sheet)."""
    strings: list[str] = []
    offset = 0
    while offset + _ZIP_LOCAL.size <= len(head):
        magic, flags, method, size, _, name_len, extra_len = _ZIP_LOCAL.unpack_from(head, offset)
        if magic != b"PK\x03\x04":
            break
        entry = head[offset + 30 : offset + 30 + name_len].decode("cp437")
        start = offset + 30 + name_len + extra_len
        data = head[start : start + size] if size else head[start:]
        if entry == "xl/sharedStrings.xml" or entry.startswith("xl/worksheets/sheet"):
            raw = zlib.decompressobj(-15).decompress(data, 1 << 20) if method == 8 else data
            strings += [m.decode("utf-8", "replace") for m in _XML_TEXT.findall(raw)]
        if not size or flags & 0x08:
            break  # sizes after the data: the next entry cannot be found from here
        offset = start + size
    if strings:
        return 90 if detect(strings[:300]) else 0
    return 35 if name.lower().endswith(".xlsx") else 0
