"""vCard address books (2.1, 3.0, 4.0) from phones, mail clients and cloud exports: one Contact per card.

Streamed line by line, one card in memory at a time; PHOTO/LOGO/SOUND/KEY data is skipped unread.
A card that cannot be read (no END, a line that is not a property, bad quoted-printable) is Skipped.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import io
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field, replace
from pathlib import PurePath
from typing import BinaryIO
from urllib.parse import parse_qs, unquote

from filiere.errors import FormatError
from filiere.i18n import tr
from filiere.ingest.base import HEAD_SIZE, ReadContext, Reader
from filiere.ingest.text import head_text, sniff_encoding
from filiere.model import Contact, PhoneValue, Record, Skipped, Source

MAX_LINE = 1 << 20  # a longer physical line is cut: only embedded photos are that long
MAX_CARD_BYTES = 4 << 20  # text kept for one card, binary data excluded

_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_NAME = re.compile(r"^(?:([A-Za-z0-9_-]+)\.)?([A-Za-z0-9_-]+)$")
_BASE64_LINE = re.compile(rb"^[A-Za-z0-9+/=]+$")
_QP_ESCAPE = re.compile(rb"=(..)", re.S)
_HEX = re.compile(rb"^[0-9A-Fa-f]{2}$")
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_BEGIN, _END = b"BEGIN:VCARD", b"END:VCARD"
_BARE_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_TYPE_NOISE = {"voice", "pref", "internet", "x400"}
# Instant-messaging properties each exporter invented before IMPP, and IMPP URI schemes.
_IM_PROPERTIES = {
    "X-AIM": "aim", "X-ICQ": "icq", "X-JABBER": "jabber", "X-GTALK": "gtalk", "X-GOOGLE-TALK": "gtalk",
    "X-MSN": "msn", "X-YAHOO": "yahoo", "X-SKYPE": "skype", "X-SKYPE-USERNAME": "skype", "X-QQ": "qq",
    "X-TWITTER": "twitter", "X-GADUGADU": "gadugadu", "X-GROUPWISE": "groupwise", "X-MS-IMADDRESS": "im",
    "X-SIGNAL": "signal", "X-TELEGRAM": "telegram", "X-WHATSAPP": "whatsapp", "X-SNAPCHAT": "snapchat",
    "X-THREEMA": "threema", "X-WIRE": "wire", "X-VIBER": "viber", "X-WECHAT": "wechat",
}  # fmt: skip
_SCHEMES = {
    "xmpp": "xmpp", "skype": "skype", "ymsgr": "yahoo", "aim": "aim", "icq": "icq", "msnim": "msn",
    "sip": "sip", "x-signal": "signal", "sgnl": "signal", "signal": "signal", "x-whatsapp": "whatsapp",
    "whatsapp": "whatsapp", "tg": "telegram", "x-telegram": "telegram", "telegram": "telegram",
    "x-snapchat": "snapchat", "snapchat": "snapchat", "threema": "threema", "viber": "viber",
}  # fmt: skip


class _BadCard(Exception):
    """The card cannot be read; the message is the reason shown to the investigator."""

    @classmethod
    def at(cls, line: int, fr: str, en: str) -> _BadCard:
        return cls(tr(f"ligne {line} : {fr}", f"line {line}: {en}"))


@dataclass(slots=True)
class _Property:
    group: str | None
    name: str
    params: dict[str, list[str]]
    value: str
    line: int


@dataclass(slots=True)
class _Card:
    number: int
    line: int
    version: str = "3.0"
    props: list[_Property] = field(default_factory=list)
    size: int = 0
    error: str | None = None
    nested: int = 0  # depth inside a 2.1 AGENT card embedded in this one


@dataclass(slots=True)
class _Logical:
    """A property line being unfolded from one or more physical lines."""

    line: int
    data: bytearray
    name: str
    quoted_printable: bool
    base64: bool
    overlong: bool


def _physical_lines(fh: BinaryIO, name: str) -> tuple[Generator[tuple[int, bytes, bool], None, None], bool]:
    """``(number, bytes, cut)`` for each line, and whether the bytes were decoded and re-encoded.

    UTF-16 files (Outlook) and files with bare CR line ends are decoded first and re-encoded as UTF-8,
    so that the CHARSET parameters they carry no longer apply. A line longer than MAX_LINE is cut.
    """
    start = fh.tell()
    head = fh.read(HEAD_SIZE)
    fh.seek(start)
    encoding = sniff_encoding(head)
    if encoding.startswith("utf-16") or (b"\r" in head and b"\n" not in head):
        return _lines(_Recoded(fh, name, encoding)), True
    return _lines(fh), False


class _Recoded:
    """A text file read back as UTF-8 byte lines."""

    def __init__(self, fh: BinaryIO, name: str, encoding: str) -> None:
        self.stream = io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline=None)
        self.name, self.encoding, self.line = name, encoding, 1

    def readline(self, size: int) -> bytes:
        try:
            text = self.stream.readline(size)
        except UnicodeDecodeError as exc:
            reason = tr(f"octets invalides en {self.encoding}", f"bytes not valid as {self.encoding}")
            raise VCardReader.error_at(self.name, self.line, reason) from exc
        self.line += text.endswith("\n")
        return text.encode("utf-8")

    def close(self) -> None:
        self.stream.detach()  # the evidence file stays open for its owner


def _lines(source: BinaryIO | _Recoded) -> Generator[tuple[int, bytes, bool], None, None]:
    number = 0
    try:
        while chunk := source.readline(MAX_LINE):
            number += 1
            cut, tail = False, chunk
            while not tail.endswith(b"\n") and (tail := source.readline(MAX_LINE)):
                cut = True  # the rest of an overlong line is dropped unread
            line = chunk.rstrip(b"\r\n")
            yield number, line[3:] if number == 1 and line.startswith(codecs.BOM_UTF8) else line, cut
    finally:
        if isinstance(source, _Recoded):
            source.close()


def _split(text: str, sep: str, quotes: bool = True) -> list[str]:
    """Split on ``sep`` not escaped by a backslash (nor inside double quotes, for parameters)."""
    if "\\" not in text and not (quotes and '"' in text):
        return text.split(sep)
    parts: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == '"' and quotes:
            quoted = not quoted
            current.append(char)
        elif char == sep and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _caret(text: str) -> str:
    """RFC 6868 parameter escapes: ^n newline, ^' double quote, ^^ caret."""
    return re.sub(r"\^([n'^])", lambda m: {"n": "\n", "'": '"', "^": "^"}[m.group(1)], text)


def _params(header: str) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for part in _split(header, ";")[1:]:
        if not part:
            continue
        key, eq, raw = part.partition("=")
        if not eq:  # vCard 2.1 bare parameter: TEL;CELL;VOICE
            key, raw = ("ENCODING" if part.upper() in _BARE_ENCODINGS else "TYPE"), part
        values = [_caret(v.strip().strip('"')) for v in _split(raw, ",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    return params


def _quoted_printable(data: bytes, line: int) -> bytes:
    def byte(match: re.Match[bytes]) -> bytes:
        if not _HEX.match(match.group(1)):
            shown = match.group(0)
            raise _BadCard.at(line, f"quoted-printable invalide ({shown!r})", f"invalid quoted-printable ({shown!r})")
        return bytes([int(match.group(1), 16)])

    if re.search(rb"=.?$", data[-2:]):
        raise _BadCard.at(line, "quoted-printable tronqué", "truncated quoted-printable")
    return _QP_ESCAPE.sub(byte, data)


class VCardReader(Reader):
    """vCard 2.1/3.0/4.0 address books: one ``Contact`` per card, key ``vcard:<UID>`` or ``vcard:card<N>``."""

    name = "vcard"
    label = "Carnet d'adresses vCard (.vcf)"
    extensions = (".vcf", ".vcard")

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        text = head_text(head).lstrip("\ufeff \t\r\n")
        if text[:11].upper() == "BEGIN:VCARD":
            return 95
        if re.search(r"(?im)^BEGIN:VCARD\s*$", text[:8192]) and "VERSION:" in text.upper():
            return 70
        return 40 if PurePath(name).suffix.lower() in cls.extensions else 0

    @staticmethod
    def error_at(name: str, line: int, message: str) -> FormatError:
        hint = tr(
            "le fichier n'est pas un carnet vCard lisible ; vérifier le format ou l'encodage (--encoding)",
            "the file is not a readable vCard address book; check its format or encoding (--encoding)",
        )
        return FormatError(message, path=name, locator=f"line {line}", hint=hint)

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        lines, decoded = _physical_lines(fh, ctx.name)
        parser = _Parser(ctx, decoded)
        try:
            for number, data, cut in lines:
                yield from parser.feed(number, data, cut)
        finally:
            lines.close()  # also when the parser raises between two lines
        yield from parser.finish()


class _Parser:
    """Unfolds physical lines into properties and properties into cards."""

    def __init__(self, ctx: ReadContext, decoded: bool) -> None:
        self.ctx, self.decoded = ctx, decoded
        self.pending: _Logical | None = None
        self.card: _Card | None = None
        self.cards = 0
        self.last_line = 0
        self.outside: int | None = None  # first line of text met outside any card

    def feed(self, number: int, data: bytes, cut: bool) -> Iterator[Record]:
        self.last_line = number
        pending = self.pending
        if pending is not None and self._continues(pending, data):
            pending.overlong |= cut or len(pending.data) > MAX_CARD_BYTES
            if pending.overlong or pending.name in _BINARY:
                return  # consumed unread
            if pending.quoted_printable and pending.data.endswith(b"="):
                del pending.data[-1:]
                pending.data += data
            else:
                # vCard 2.1 unfolds as RFC 822 does, keeping the white space; 3.0 and 4.0 drop it.
                keep_space = self.card is not None and self.card.version == "2.1"
                pending.data += data if keep_space or pending.base64 else data[1:]
            return
        if not data.strip():
            if pending is not None:
                pending.base64 = False  # a blank line ends vCard 2.1 base64 data
            return
        if pending is not None:
            yield from self._logical(pending)
        header = data.partition(b":")[0].upper()
        name = header.split(b";")[0].split(b".")[-1].decode("latin-1")
        quoted, base64_data = b"QUOTED-PRINTABLE" in header, b"BASE64" in header or b"ENCODING=B" in header
        self.pending = _Logical(number, bytearray(data), name, quoted, base64_data, cut)

    def _continues(self, pending: _Logical, data: bytes) -> bool:
        if pending.quoted_printable and pending.data.endswith(b"="):
            # A soft line break; END:VCARD is never part of a value, whatever came before it.
            return data.strip().upper() != _END
        if data[:1] in (b" ", b"\t"):
            return True
        return pending.base64 and bool(_BASE64_LINE.match(data)) and b":" not in data

    def finish(self) -> Iterator[Record]:
        if self.pending is not None:
            yield from self._logical(self.pending)
            self.pending = None
        if self.card is not None:
            yield self._skip(
                self.card,
                tr(
                    f"pas de END:VCARD avant la fin du fichier (ligne {self.last_line}) : fichier tronqué ?",
                    f"no END:VCARD before the end of the file (line {self.last_line}): truncated file?",
                ),
            )
        if self.cards == 0:
            raise VCardReader.error_at(
                self.ctx.name, 1, tr("fichier vide : aucune fiche vCard", "empty file: no vCard card")
            )

    def _logical(self, logical: _Logical) -> Iterator[Record]:
        self.pending = None
        data = bytes(logical.data)
        marker = data.strip().upper() if len(data) < 32 else b""  # BEGIN:VCARD / END:VCARD
        card = self.card
        if marker == _BEGIN:
            if card is not None and card.props and card.props[-1].name == "AGENT" and not card.props[-1].value:
                card.nested += 1  # vCard 2.1 AGENT embeds a whole card right after "AGENT:"
                return
            if card is not None:
                reason = tr(
                    f"pas de END:VCARD avant la fiche suivante (ligne {logical.line})",
                    f"no END:VCARD before the next card (line {logical.line})",
                )
                yield self._skip(card, card.error or reason)
            self.cards += 1
            self.card = _Card(self.cards, logical.line)
            return
        if card is None:
            if self.cards == 0:
                raise VCardReader.error_at(
                    self.ctx.name,
                    logical.line,
                    tr("BEGIN:VCARD attendu", "expected BEGIN:VCARD"),
                )
            if self.outside is None:
                self.outside = logical.line
                yield Skipped(
                    f"line {logical.line}",
                    tr("texte hors de toute fiche vCard, ignoré", "text outside any vCard card, ignored"),
                )
            return
        if marker == _END:
            if card.nested:
                card.nested -= 1
                return
            self.card, self.outside = None, None
            yield self._contact(card) if card.error is None else self._skip(card, card.error)
            return
        if card.nested or card.error is not None:
            return
        try:
            self._property(card, logical, data)
        except _BadCard as exc:
            card.error = str(exc)

    def _property(self, card: _Card, logical: _Logical, data: bytes) -> None:
        colon = data.find(b":")
        header = data[:colon].decode("latin-1") if colon > 0 else ""
        found = _NAME.match(_split(header, ";")[0]) if header else None
        if found is None:
            shown = data[:60].decode("utf-8", "replace")
            raise _BadCard.at(logical.line, f"pas une propriété vCard ({shown!r})", f"not a vCard property ({shown!r})")
        group, name = found.group(1), found.group(2).upper()
        if name in _BINARY:
            return
        if logical.overlong:
            raise _BadCard.at(logical.line, "ligne démesurée", "oversized line")
        card.size += len(data)
        if card.size > MAX_CARD_BYTES:
            raise _BadCard(tr("fiche démesurée", "oversized card"))
        params = _params(header)
        value = self._decode(data[colon + 1 :], params, logical.line)
        if name == "VERSION":
            card.version = value.strip()
        card.props.append(_Property(group and group.lower(), name, params, value, logical.line))

    def _decode(self, raw: bytes, params: dict[str, list[str]], line: int) -> str:
        encoding = " ".join(params.get("ENCODING", [])).upper()
        if "QUOTED-PRINTABLE" in encoding:
            raw = _quoted_printable(raw, line)
        elif encoding in ("B", "BASE64"):
            try:
                raw = base64.b64decode(raw, validate=False)
            except (binascii.Error, ValueError) as exc:
                raise _BadCard.at(line, "base64 invalide", "invalid base64") from exc
        declared = (params.get("CHARSET") or [""])[0]
        # Encoded bytes are in the declared charset even in a file that was decoded (UTF-16) first.
        if declared and (encoding or not self.decoded):
            try:
                return raw.decode(codecs.lookup(declared).name, errors="replace")
            except LookupError:
                pass  # an unknown charset name: decode as if none were given
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            # No charset said: Windows-1252 is what old phones and Outlook wrote (often mixed with UTF-8).
            return raw.decode("cp1252", errors="replace")

    def _skip(self, card: _Card, reason: str) -> Skipped:
        return Skipped(f"card {card.number} (line {card.line})", reason)

    def _contact(self, card: _Card) -> Contact:
        return build_contact(card.props, card.number, card.line, self.ctx)


def _texts(props: list[_Property], name: str) -> list[str]:
    """The non-blank values of the ``name`` properties, unescaped, with Windows line ends made plain."""
    return [v for p in props if p.name == name and (v := _unescape(p.value).replace("\r\n", "\n").strip())]


def _label(prop: _Property, labels: dict[str, str]) -> str | None:
    if prop.group and prop.group in labels:
        return labels[prop.group]
    types = [t.lower() for t in prop.params.get("TYPE", []) if t.lower() not in _TYPE_NOISE]
    return ",".join(dict.fromkeys(types)) or None


def _name(props: list[_Property]) -> str | None:
    for full in _texts(props, "FN"):
        return full
    for prop in props:
        if prop.name == "N":
            parts = [_unescape(p).strip() for p in _split(prop.value, ";", quotes=False)] + [""] * 5
            family, given, additional, prefix, suffix = parts[:5]
            assembled = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
            if assembled:
                return assembled
    return None


def _handle(prop: _Property) -> str | None:
    if prop.name not in ("IMPP", "X-SOCIALPROFILE") and prop.name not in _IM_PROPERTIES:
        return None
    value = _unescape(prop.value).strip()
    if not value:
        return None
    service = (prop.params.get("X-SERVICE-TYPE") or [""])[0].lower()
    if prop.name == "IMPP":
        scheme, _, rest = value.partition(":")
        platform = service or _SCHEMES.get(scheme.lower(), scheme.lower())
        rest = unquote(rest).lstrip("/")
        if "?" in rest:  # tg://resolve?domain=name, whatsapp://send?phone=…
            query = parse_qs(rest.partition("?")[2])
            rest = next((query[k][0] for k in ("domain", "phone", "username") if k in query), rest)
        return f"{platform}:{rest}" if rest else None
    if prop.name == "X-SOCIALPROFILE":
        platform = service or next(iter(t.lower() for t in prop.params.get("TYPE", [])), "social")
        user = (prop.params.get("X-USER") or [""])[0]
        return f"{platform}:{user or value}"
    known = _IM_PROPERTIES.get(prop.name)
    return f"{known}:{value}" if known else None


def build_contact(props: list[_Property], number: int, line: int, ctx: ReadContext) -> Contact:
    """The Contact of one card's properties (labels from ``itemN.X-ABLabel`` resolved by group)."""
    labels = {}
    for prop in props:
        if prop.name == "X-ABLABEL" and prop.group:
            text = _unescape(prop.value).strip()
            apple = _APPLE_LABEL.match(text)
            labels[prop.group] = apple.group(1) if apple else text
    phones: list[PhoneValue] = []
    for prop in props:
        if prop.name not in ("TEL", "X-MS-TEL"):
            continue
        written = _unescape(prop.value).strip()
        number_part = written[4:].split(";")[0] if written.lower().startswith("tel:") else written
        phone = ctx.phone(number_part, _label(prop, labels))
        if phone is not None:
            phones.append(replace(phone, original=written))
    emails = [e.removeprefix("mailto:") for e in _texts(props, "EMAIL")]
    handles = [h for p in props if (h := _handle(p))]
    orgs = [
        ", ".join(x for c in _split(p.value, ";", quotes=False) if (x := _unescape(c).strip()))
        for p in props
        if p.name == "ORG"
    ]
    notes = _texts(props, "NOTE")
    uid = next(iter(_texts(props, "UID")), None)
    return Contact(
        key=f"vcard:{uid}" if uid else f"vcard:card{number}",
        name=_name(props),
        source=Source(ctx.sha256, f"card {number} (line {line})"),
        phones=tuple(phones),
        emails=tuple(dict.fromkeys(emails)),
        handles=tuple(dict.fromkeys(handles)),
        organisation="; ".join(dict.fromkeys(o for o in orgs if o)) or None,
        note="\n".join(notes) or None,
    )
