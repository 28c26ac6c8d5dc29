"""Streaming JSON for exports of any size: encoding, exporter quirks, and items built in C.

Shared by the Telegram and Snapchat readers. Nothing here knows a chat format: it hands UTF-8 bytes
to ijson's C parser and builds the elements of one array at a time without a Python step per token.
"""

from __future__ import annotations

import codecs
import re
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from itertools import islice, takewhile
from operator import ne
from typing import Any, BinaryIO

import ijson

from filiere.errors import FormatError, UsageError
from filiere.i18n import tr
from filiere.ingest.base import HEAD_SIZE, ReadContext
from filiere.ingest.text import sniff_encoding

Event = tuple[str, str, Any]

try:
    BACKEND: Any = ijson.get_backend("yajl2_c")
except ImportError:  # pragma: no cover - the wheel ships the C backend on every supported platform
    BACKEND = ijson

_BUF = 64 * 1024
_CHUNK_EVENTS = 20_000  # events fed to a builder between two hand-overs: bounds the items held
_MAX_CARRY = 1 << 20  # a line longer than this is passed on unrepaired rather than held back

# Telegram Desktop writes control characters as C escapes ("\x01"), which JSON forbids; an even
# run of backslashes before the "x" means the backslashes are literal text, not an escape.
_X_ESCAPE = re.compile(rb"(?<!\\)((?:\\\\)*)\\x([0-9A-Fa-f]{2})")
# Telegram Desktop 4.1 wrote custom-emoji "document_id" values as bare file paths.
_BARE_DOC_ID = re.compile(rb'("document_id": )([^"\s\d\-\[{][^\r\n]*?)(,?)(?=\r?\n)')


def _quote_doc_id(match: re.Match[bytes]) -> bytes:
    value = match.group(2).rstrip().replace(b"\\", b"\\\\").replace(b'"', b'\\"')
    return match.group(1) + b'"' + value + b'"' + match.group(3)


class JsonBytes:
    """The file as UTF-8 for the parser: transcoded when needed, exporter quirks repaired.

    ``position`` counts the bytes read from the evidence file itself, for error messages. The
    evidence is never modified: repairs apply to the bytes handed to the parser only.
    """

    def __init__(self, fh: BinaryIO, start: int, encoding: str, repair: bool) -> None:
        fh.seek(start)
        self._fh = fh
        self.position = start
        self._decoder = None if encoding == "utf-8" else codecs.getincrementaldecoder(encoding)("strict")
        self._repair = repair
        self._carry = b""

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson probes with read(0) to learn whether the file is binary
            return b""
        while True:
            raw = self._fh.read(size if size > 0 else _BUF)
            self.position += len(raw)
            final = not raw
            data = raw if self._decoder is None else self._decoder.decode(raw, final).encode("utf-8")
            if self._repair:
                data = self._repaired(data, final)
            if data or final:
                return data

    def _repaired(self, data: bytes, final: bool) -> bytes:
        # Repairs need whole lines (an escape or a bare value cut between two reads is not seen),
        # so the tail after the last newline waits for the next read.
        data = self._carry + data
        self._carry = b""
        if not final:
            cut = data.rfind(b"\n") + 1
            if cut == 0 and len(data) < _MAX_CARRY:
                self._carry = data
                return b""
            if cut:
                data, self._carry = data[:cut], data[cut:]
        if b"\\x" in data:
            data = _X_ESCAPE.sub(rb"\1\\u00\2", data)
        if b'"document_id": ' in data:
            data = _BARE_DOC_ID.sub(_quote_doc_id, data)
        return data


class JsonSource:
    """An evidence file opened for JSON streaming; ``open()`` can be called again to re-read it."""

    def __init__(self, fh: BinaryIO, ctx: ReadContext, *, repair: bool = False) -> None:
        self.ctx = ctx
        self._fh = fh
        self._repair = repair
        fh.seek(0)
        head = fh.read(HEAD_SIZE)
        if not head.strip():
            raise ctx.error(
                tr("fichier vide", "empty file"),
                locator="byte 0",
                hint=tr("le fichier ne contient aucune donnée", "the file holds no data"),
            )
        self.encoding, self._start = _encoding(head, ctx)
        self.stream = self.open()

    def open(self) -> JsonBytes:
        self.stream = JsonBytes(self._fh, self._start, self.encoding, self._repair)
        return self.stream

    def events(self) -> Iterator[Event]:
        """Parse events (prefix, event, value) of a fresh read from the start."""
        events: Iterator[Event] = BACKEND.parse(self.open(), use_float=True)
        return events

    def items(self, prefix: str) -> Iterator[Any]:
        """Elements at ``prefix`` of a fresh read from the start, built in C."""
        items: Iterator[Any] = BACKEND.items(self.open(), prefix, use_float=True)
        return items

    @contextmanager
    def detour(self) -> Iterator[Iterator[Event]]:
        """Events of a second read from the start; the first read resumes where it was afterwards."""
        saved, position = self.stream, self._fh.tell()
        try:
            yield self.events()
        finally:
            self._fh.seek(position)
            self.stream = saved

    def error(self, exc: Exception, after: str | None) -> FormatError:
        """The FormatError for a parse failure: where it happened and what to do."""
        where = tr(f"vers l'octet {self.stream.position:,}", f"near byte {self.stream.position:,}")
        if after:
            where += tr(f", après {after}", f", after {after}")
        if isinstance(exc, UnicodeDecodeError) or "invalid bytes in UTF8" in str(exc):
            return self.ctx.error(
                tr(f"octets invalides en {self.encoding}", f"bytes not valid as {self.encoding}"),
                locator=where,
                hint=tr(
                    "le fichier n'est pas dans l'encodage attendu ; passez --encoding (utf-8, utf-16, cp1252)",
                    "the file is not in the expected encoding; pass --encoding (utf-8, utf-16, cp1252)",
                ),
            )
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        truncated = "premature EOF" in detail
        return self.ctx.error(
            tr("le fichier s'arrête au milieu du JSON", "the file ends in the middle of the JSON")
            if truncated
            else tr(f"JSON invalide ({detail})", f"invalid JSON ({detail})"),
            locator=where,
            hint=tr(
                "fichier tronqué ou abîmé : les enregistrements lus avant ce point sont gardés ; "
                "récupérez une copie complète de l'export si possible",
                "truncated or damaged file: the records read before this point are kept; "
                "get a complete copy of the export if you can",
            ),
        )


def _encoding(head: bytes, ctx: ReadContext) -> tuple[str, int]:
    """The encoding to decode from and the offset of the first byte after any UTF-8 BOM."""
    asked = ctx.options.get("encoding")
    name = str(asked) if asked else sniff_encoding(head)
    try:
        name = codecs.lookup(name).name
    except LookupError as exc:
        raise UsageError(
            tr(f"encodage inconnu {name!r}", f"unknown encoding {name!r}"),
            hint=tr("par exemple utf-8, utf-16, cp1252", "for example utf-8, utf-16, cp1252"),
        ) from exc
    if name in ("utf-8", "utf-8-sig"):
        return "utf-8", 3 if head.startswith(codecs.BOM_UTF8) else 0
    return name, 0


def array_items(events: Iterator[Event], prefix: str) -> Iterator[Any]:
    """The elements of the array at ``prefix``, whose ``start_array`` event was just consumed.

    The events are pushed into ijson's C item builder by C-level iterators (``map``, ``islice``,
    ``takewhile`` with a C predicate), so a million-element array costs no Python step per token;
    at most the items of ``_CHUNK_EVENTS`` events are held at once.
    """
    built: list[Any] = ijson.utils.sendable_list()
    send: Callable[[Event], None] = BACKEND.items_basecoro(built, prefix + ".item").send
    body = takewhile(partial(ne, (prefix, "end_array", None)), events)
    while True:
        try:
            deque(map(send, islice(body, _CHUNK_EVENTS)), maxlen=0)
        except Exception:
            # A damaged file: the items completed before the fault are still evidence.
            yield from built
            raise
        if built:
            yield from built
            built.clear()
            continue
        probe = next(body, None)
        if probe is None:
            return
        send(probe)


def object_value(events: Iterator[Event], prefix: str) -> Any:
    """The object at ``prefix``, whose ``start_map`` event was just consumed, built in C."""
    built: list[Any] = ijson.utils.sendable_list()
    send: Callable[[Event], None] = BACKEND.items_basecoro(built, prefix).send
    send((prefix, "start_map", None))
    end = (prefix, "end_map", None)
    deque(map(send, takewhile(partial(ne, end), events)), maxlen=0)
    send(end)
    return built[0] if built else None


__all__ = ["BACKEND", "Event", "JsonBytes", "JsonSource", "array_items", "object_value"]
