"""Hostile-safe streaming XML: one record element at a time, no entities, line numbers kept.

Backups of phones are evidence from people who may expect them to be read: a DOCTYPE declaring
entities (billion laughs, ``SYSTEM "file:///etc/passwd"``) is refused outright, before any expansion.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, NoReturn
from xml.parsers import expat

from filiere.errors import FormatError, UnsafeInputError
from filiere.i18n import tr
from filiere.ingest.text import sniff_encoding

CHUNK = 64 * 1024
MAX_NODES_PER_RECORD = 10_000

# SMS Backup & Restore writes emoji as UTF-16 surrogate pairs of character references
# ("&#55357;&#56846;"), which XML forbids; control characters come out as "&#1;" and the like.
_CHAR_REF = re.compile(rb"&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});(?:&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});)?")
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


@dataclass(slots=True)
class Node:
    """A record element with its attributes, descendants, start line and 1-based index among its tag."""

    tag: str
    attrs: dict[str, str]
    line: int
    index: int = 0
    children: list[Node] = field(default_factory=list)

    @property
    def locator(self) -> str:
        # 1-based like XPath, so that ``//sms[7]`` in any XML tool finds the same element.
        return f"{self.tag}[{self.index}] (line {self.line})"

    def get(self, name: str) -> str | None:
        """The attribute ``name``, or None when absent, empty, or the exporter's literal "null"."""
        value = self.attrs.get(name)
        if value is None or value == "" or value == "null":
            return None
        return value


def _code_point(ref: bytes) -> int:
    return int(ref[1:], 16) if ref[:1] == b"x" else int(ref)


def _valid_xml_char(cp: int) -> bool:
    return cp in (0x9, 0xA, 0xD) or 0x20 <= cp <= 0xD7FF or 0xE000 <= cp <= 0xFFFD or 0x10000 <= cp <= 0x10FFFF


def _repair_ref(match: re.Match[bytes]) -> bytes:
    first = _code_point(match.group(1))
    second = _code_point(match.group(2)) if match.group(2) else None
    if 0xD800 <= first <= 0xDBFF and second is not None and 0xDC00 <= second <= 0xDFFF:
        return b"&#%d;" % (0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
    refs = [(first, b"&#" + match.group(1) + b";")]
    if second is not None:
        refs.append((second, b"&#" + match.group(2) + b";"))
    return b"".join(ref if _valid_xml_char(cp) else b"&#65533;" for cp, ref in refs)


def repair_char_refs(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Rewrite character references XML forbids: surrogate pairs joined, the rest as U+FFFD.

    Only character references are touched, so line numbers stay those of the file. A reference
    cut by a chunk boundary is held back until the next chunk.
    """
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        cut = _safe_cut(data)
        carry = data[cut:]
        yield _CHAR_REF.sub(_repair_ref, data[:cut])
    yield _CHAR_REF.sub(_repair_ref, carry)


def _safe_cut(data: bytes) -> int:
    """Where ``data`` can be cut without splitting a reference or a pair of them (20 bytes at most)."""
    limit = len(data) - 20
    for match in _CHAR_REF.finditer(data, max(0, limit - 20)):
        if match.end() > limit:
            return match.start()
    partial = data.rfind(b"&", max(0, limit))
    return partial if partial >= 0 else len(data)


def _chunks(fh: BinaryIO, first: bytes) -> Iterator[bytes]:
    yield first
    while chunk := fh.read(CHUNK):
        yield chunk


def _to_utf8(chunks: Iterator[bytes], encoding: str, path: str) -> Iterator[bytes]:
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    lines = 1
    try:
        for chunk in chunks:
            text = decoder.decode(chunk)
            lines += text.count("\n")
            yield text.lstrip("\ufeff").encode("utf-8")
        yield decoder.decode(b"", final=True).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise FormatError(
            tr(f"octets invalides en {encoding}", f"bytes not valid as {encoding}"),
            path=path,
            locator=f"line {lines}",
            hint=tr("le fichier est abîmé ou n'est pas en UTF-16", "the file is damaged or not UTF-16"),
        ) from exc


def _parser_encoding(head: bytes) -> str | None:
    """An encoding to impose on expat when the file lies about or omits a non-UTF-8 one."""
    if sniff_encoding(head) != "cp1252":
        return None
    declared = _DECLARED_ENCODING.match(head.lstrip(b"\xef\xbb\xbf"))
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    return "cp1252"


class _Builder:
    """Expat callbacks building one record subtree at a time and refusing entity declarations."""

    def __init__(self, parser: expat.XMLParserType, path: str, root: tuple[str, ...], drop: frozenset[str]):
        self.parser = parser
        self.path = path
        self.root = root
        self.drop = drop
        self.stack: list[Node] = []
        self.done: list[Node] = []
        self.counts: dict[str, int] = {}
        self.nodes = 0
        self.root_tag: str | None = None

    def unsafe(self, what: str) -> NoReturn:
        raise UnsafeInputError(
            tr(f"XML dangereux refusé : {what}", f"unsafe XML refused: {what}"),
            path=self.path,
            locator=f"line {self.parser.CurrentLineNumber}",
            hint=tr(
                "un export de sauvegarde SMS ne déclare jamais d'entités ; le fichier a été modifié "
                "ou construit pour nuire au lecteur : vérifiez sa provenance",
                "a genuine backup never declares entities; the file was altered or built to harm "
                "its reader: check where it comes from",
            ),
        )

    def entity_decl(self, name: str, *_: object) -> None:
        self.unsafe(tr(f"déclaration d'entité {name!r}", f"entity declaration {name!r}"))

    def external_ref(self, *_: object) -> int:
        self.unsafe(tr("référence à une entité externe", "external entity reference"))

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        line = self.parser.CurrentLineNumber
        if self.root_tag is None:
            if tag not in self.root:
                raise FormatError(
                    tr(
                        f"élément racine <{tag}>, attendu <{self.root[0]}>",
                        f"root element <{tag}>, expected <{self.root[0]}>",
                    ),
                    path=self.path,
                    locator=f"line {line}",
                    hint=tr(
                        "ce fichier n'est pas de ce format ; choisissez un autre --format",
                        "this file is not of this format; choose another --format",
                    ),
                )
            self.root_tag = tag
            return
        for name in self.drop & attrs.keys():
            # Attachment bytes (base64): never kept, the record only names the file.
            del attrs[name]
        self.nodes += 1
        if self.nodes > MAX_NODES_PER_RECORD:
            self.unsafe(
                tr(
                    f"plus de {MAX_NODES_PER_RECORD} éléments dans un enregistrement",
                    f"more than {MAX_NODES_PER_RECORD} elements in one record",
                )
            )
        node = Node(tag, attrs, line)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.counts[tag] = node.index = self.counts.get(tag, 0) + 1
        self.stack.append(node)

    def end(self, tag: str) -> None:
        if not self.stack:
            return  # the root closes
        node = self.stack.pop()
        if not self.stack:
            self.done.append(node)
            self.nodes = 0


def iter_records(fh: BinaryIO, path: str, root: tuple[str, ...], drop: frozenset[str] = frozenset()) -> Iterator[Node]:
    """Yield each child of the root element (with its subtree) as soon as it is closed.

    ``root`` lists the accepted root tags. A wrong root or broken XML raises ``FormatError`` naming
    the line, after the records before the damage were yielded; entity declarations and external
    entities raise ``UnsafeInputError``. Attributes named in ``drop`` are discarded on sight.
    """
    head = fh.read(CHUNK)
    encoding = sniff_encoding(head)
    chunks = _chunks(fh, head)
    forced: str | None
    if encoding.startswith("utf-16"):
        # Re-encoded so that the character-reference repair, which works on bytes, applies too.
        chunks, forced = _to_utf8(chunks, encoding, path), "utf-8"
    else:
        forced = _parser_encoding(head)
    parser = expat.ParserCreate(forced)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    builder = _Builder(parser, path, root, drop)
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.EntityDeclHandler = builder.entity_decl
    parser.UnparsedEntityDeclHandler = builder.entity_decl
    parser.ExternalEntityRefHandler = builder.external_ref
    chunks = repair_char_refs(chunks)
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
            yield from builder.done
            builder.done.clear()
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        yield from builder.done
        empty = not head.strip()
        raise FormatError(
            tr("fichier vide", "empty file")
            if empty
            else tr(
                f"XML illisible : {expat.ErrorString(exc.code)}",
                f"unreadable XML: {expat.ErrorString(exc.code)}",
            ),
            path=path,
            locator=f"line {exc.lineno}, column {exc.offset + 1}",
            hint=tr(
                "le fichier est tronqué ou abîmé ; les enregistrements placés avant ce point ont été lus",
                "the file is cut short or damaged; the records before this point were read",
            ),
        ) from exc
    yield from builder.done
