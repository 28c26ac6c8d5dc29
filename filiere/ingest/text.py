"""Text files of unknown encoding: sniff it once, then read lines with their numbers.

Exports come as UTF-8 (with or without BOM), UTF-16 (Windows tools, some iOS exports) and
Latin-1/Windows-1252 (old tools, Excel CSV). The choice is made from the first 64 KiB.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Generator, Iterator
from typing import BinaryIO

from filiere.errors import FormatError
from filiere.i18n import tr

HEAD = 64 * 1024  # bytes the encoding is guessed from
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def sniff_encoding(head: bytes, *, whole: bool = False) -> str:
    """The encoding of a text file whose first bytes are ``head`` (``whole``: the entire file).

    >>> sniff_encoding("café".encode("utf-8"))
    'utf-8'
    >>> sniff_encoding("café crème".encode("cp1252"))
    'cp1252'

    A lead byte at the very end may be a character cut by the sniffed block, unless that is the file:

    >>> sniff_encoding("café".encode("cp1252")), sniff_encoding("café".encode("cp1252"), whole=True)
    ('utf-8', 'cp1252')
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    # UTF-16 without BOM: every other byte of ASCII text is NUL.
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return "utf-16-le"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return "utf-16-be"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Only a multi-byte sequence cut at the end of the sniffed block is still UTF-8.
        if whole or exc.reason != "unexpected end of data":
            return "cp1252"
    return "utf-8"


def read_head(fh: BinaryIO) -> tuple[bytes, bool]:
    """The first ``HEAD`` bytes of ``fh`` to sniff, and whether they are the whole file (one byte
    more is read to tell)."""
    head = fh.read(HEAD + 1)
    return head[:HEAD], len(head) <= HEAD


def head_text(head: bytes) -> str:
    """The sniffed block as text, for ``match`` methods (undecodable bytes replaced)."""
    return head.decode(sniff_encoding(head), errors="replace").lstrip("\ufeff")


def text_lines(fh: BinaryIO, name: str, encoding: str | None = None) -> Generator[tuple[int, str], None, None]:
    """Yield ``(line_number, line)`` pairs, line endings stripped, numbers from 1.

    A byte sequence invalid in the encoding raises ``FormatError`` naming its line, with the hint
    to pass the encoding explicitly. Line ends may be LF, CRLF or, in old exports, CR alone.
    """
    start = fh.tell()
    head, whole = read_head(fh)
    fh.seek(start)
    encoding = encoding or sniff_encoding(head, whole=whole)
    if encoding.startswith("utf-16") or (b"\r" in head and b"\n" not in head):
        yield from _wrapped_lines(fh, name, encoding)
        return
    # Byte-oriented encodings: split on b"\n" first, so that an error names its own line.
    for number, raw in enumerate(fh, start=1):
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise _decode_error(name, number, encoding) from exc
        if number == 1:
            line = line.lstrip("\ufeff")
        yield number, line.rstrip("\r\n")


def _wrapped_lines(fh: BinaryIO, name: str, encoding: str) -> Iterator[tuple[int, str]]:
    stream = io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline=None)
    number = 0
    try:
        for number, line in enumerate(stream, start=1):
            yield number, (line.lstrip("\ufeff") if number == 1 else line).rstrip("\r\n")
    except UnicodeDecodeError as exc:
        raise _decode_error(name, number + 1, encoding) from exc
    finally:
        if not fh.closed:
            stream.detach()


def _decode_error(name: str, number: int, encoding: str) -> FormatError:
    return FormatError(
        tr(f"octets invalides en {encoding}", f"bytes not valid as {encoding}"),
        path=name,
        locator=f"line {number}",
        hint=tr(
            "le fichier n'est pas dans l'encodage attendu ; indiquez --encoding (utf-8, utf-16, cp1252…)",
            "the file is not in the expected encoding; pass --encoding (e.g. utf-8, utf-16, cp1252)",
        ),
    )
