"""Signal Desktop chats exported by sigtop as text (``sigtop export-messages``, default format).

sigtop (github.com/tbvdm/sigtop, Go implementation, 2023 on, ``fmt_text.go``) writes one file per chat,
``Alice (+33639981201).txt``, starting ``Conversation: Alice (+33639981201)``; then per message the
fields ``From: Bob (+33639981202)`` (``You`` for the owner), ``Type: incoming``, ``Sent:`` and
``Received: Tue, 5 Mar 2024 14:03:22 +0100``, ``Attachment: name (type, N bytes)``, ``Reaction: 👍 from
Name (detail)``; a quote as ``> From:``/``> Sent:``/``> body`` lines, the body after a blank line, and
for an edited message ``Edited: N versions`` followed by ``| ``-prefixed versions, newest first.
Times carry the exporting computer's UTC offset, kept as the zone of each time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, BinaryIO

from filiere.i18n import tr
from filiere.ingest.base import ReadContext, Reader
from filiere.ingest.signal_common import Directory, Recent, media_type, person, split_detail
from filiere.ingest.text import head_text, text_lines
from filiere.model import Message, Record, Skipped, Source
from filiere.types.moment import Moment

MAX_MESSAGE_LINES = 20_000  # a longer block means the file is not what it claims

_TIME = re.compile(r"^\w{3}, (\d{1,2}) (\w{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$")
_MONTHS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6}
_MONTHS |= {"Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}
_FIELD = re.compile(r"^([A-Z][a-z]+): (.*)$")
_ATTACHMENT = re.compile(r"^(.*) \(([^,()]*), (\d+) bytes\)$")


def sigtop_time(text: str) -> Moment | None:
    """``Tue, 5 Mar 2024 14:03:22 +0100`` (Go's layout, always in English) as a Moment; junk gives None."""
    found = _TIME.match(text.strip())
    if found is None or found.group(2) not in _MONTHS:
        return None
    day, year, hour, minute, second = (int(found.group(i)) for i in (1, 3, 4, 5, 6))
    sign, off_h, off_m = found.group(7), found.group(8), found.group(9)
    offset = timedelta(hours=int(off_h), minutes=int(off_m)) * (-1 if sign == "-" else 1)
    try:
        local = datetime(year, _MONTHS[found.group(2)], day, hour, minute, second)
    except ValueError:
        return None
    utc = (local.replace(tzinfo=timezone(offset))).astimezone(UTC)
    return Moment(utc, local.isoformat(), f"{sign}{off_h}:{off_m}")


def _attachment(text: str) -> dict[str, Any]:
    """``IMG_0042.jpg (image/jpeg, 183211 bytes)``; sigtop writes ``no filename`` for a nameless one."""
    found = _ATTACHMENT.match(text)
    if found is None:
        return {"file_name": text}
    name = None if found.group(1) == "no filename" else found.group(1)
    return {"file_name": name, "content_type": found.group(2), "size": int(found.group(3))}


def _is_start(line: str, following: str) -> bool:
    if line.startswith("From: "):
        return following.startswith("Type: ")
    return line.startswith("Type: ") and following.startswith(("Sent: ", "Received: ", "Attachment: "))


def _blocks(lines: Iterator[tuple[int, str]]) -> Iterator[tuple[int, list[str]]]:
    """``(first line number, lines)`` of each message; number 0 for what precedes the first one.

    A message starts after a blank line with ``From:`` then ``Type:`` (or ``Type:`` then a time), so
    one line of look-ahead is needed; a body line that looks like that is the known ambiguity.
    """
    block: list[str] = []
    start, after_blank = 0, True
    previous: tuple[int, str] | None = None
    for number, line in lines:
        if previous is not None:
            p_number, p_line = previous
            if after_blank and _is_start(p_line, line):
                yield start, block
                block, start = [], p_number
            if len(block) <= MAX_MESSAGE_LINES:
                block.append(p_line)
            after_blank = not p_line
        previous = (number, line)
    if previous is not None:
        block.append(previous[1])
    yield start, block


def _newest_version(rest: list[str]) -> list[str]:
    """The newest version's lines of an edited message (``| ``-prefixed, newest first)."""
    lines = [line[1:].removeprefix(" ") for line in rest if line.startswith("|")]
    starts = [i for i, line in enumerate(lines) if line.startswith("Version: ")] or [0]
    section = lines[starts[0] : starts[1] if len(starts) > 1 else len(lines)]
    while section and not section[-1]:
        section.pop()
    return section


def _fields(lines: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """Leading ``Name: value`` lines, and the lines after them."""
    fields: list[tuple[str, str]] = []
    for index, line in enumerate(lines):
        found = _FIELD.match(line)
        if found is None:
            return fields, lines[index:]
        fields.append((found.group(1), found.group(2)))
    return fields, []


def _quote_and_body(rest: list[str]) -> tuple[dict[str, Any] | None, str]:
    """A quote (``>`` lines) and a body, each introduced by a blank line."""
    quote = None
    if len(rest) > 1 and not rest[0] and rest[1].startswith("> From: "):
        end = 1
        while end < len(rest) and rest[end].startswith(">"):
            end += 1
        fields, text = _fields([line[1:].removeprefix(" ") for line in rest[1:end]])
        named = dict(fields)
        quote = {
            "from": named.get("From", ""),
            "sent": named.get("Sent", ""),
            "attachments": [value for key, value in fields if key == "Attachment"],
            "text": "\n".join(text[1:]),
        }
        rest = rest[end:]
    return quote, "\n".join(rest[1:] if rest and not rest[0] else rest)


class SigtopTxtReader(Reader):
    """sigtop text export: one chat per file, ``From:``/``Type:``/``Sent:`` blocks."""

    name = "sigtop_txt"
    label = "Signal — export sigtop (texte)"
    extensions = (".txt",)

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        text = head_text(head).lstrip("\ufeff")
        if not text.startswith("Conversation: "):
            return 0
        return 90 if re.search(r"\n(From|Type): .*\n(Type|Sent|Received): ", text) else 60

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        with closing(text_lines(fh, ctx.name)) as lines:
            yield from self._read(lines, ctx)

    def _read(self, lines: Iterator[tuple[int, str]], ctx: ReadContext) -> Iterator[Record]:
        first = next(lines, None)
        if first is None or not first[1].startswith("Conversation: "):
            raise ctx.error(
                tr("pas un export texte sigtop", "not a sigtop text export"),
                "line 1",
                hint=tr("la première ligne doit être « Conversation: … »", "the first line must be 'Conversation: …'"),
            )
        display = first[1].removeprefix("Conversation: ")
        title, detail = split_detail(display)
        kind = "group" if detail == "group" else "direct" if detail else "unknown"
        chat = _Chat(ctx, f"signal:chat:{display}")
        yield from chat.directory.conversation(chat.key, kind, title, "line 1")
        for start, block in _blocks(lines):
            if start:
                yield from chat.message(start, block)
            elif any(block):
                yield Skipped("line 2", tr("texte avant le premier message", "text before the first message"))


class _Chat:
    """The one chat of a sigtop text file: its people, its replies, and message conversion."""

    def __init__(self, ctx: ReadContext, key: str) -> None:
        self.ctx, self.key = ctx, key
        self.directory = Directory(ctx)
        self.recent = Recent()

    def message(self, start: int, block: list[str]) -> Iterator[Record]:
        ctx, locator = self.ctx, f"line {start}"
        if len(block) > MAX_MESSAGE_LINES:
            yield Skipped(locator, tr("message démesuré", "oversized message"))
            return
        if block and not block[-1]:
            block = block[:-1]  # the blank line that separates messages
        header, rest = _fields(block)
        fields: dict[str, str] = {}
        extra: dict[str, Any] = {}
        for key, value in header:
            if key == "Attachment":
                extra.setdefault("attachments", []).append(_attachment(value))
            elif key == "Reaction":
                emoji, _, by = value.partition(" from ")
                reactor = person(by, ctx)
                extra.setdefault("reactions", []).append(
                    {"emoji": emoji, "from": reactor and reactor.key, "from_name": reactor and reactor.name}
                )
            else:
                fields.setdefault(key, value)
        edited = None
        if "Edited" in fields:
            version, rest = _fields(_newest_version(rest))
            edited = sigtop_time(dict(version).get("Sent", ""))
            extra["edits"] = fields["Edited"]
            if attachments := [_attachment(value) for key, value in version if key == "Attachment"]:
                extra["attachments"] = attachments
        quote, text = _quote_and_body(rest)
        time = sigtop_time(fields.get("Sent", "")) or sigtop_time(fields.get("Received", ""))
        if time is None:
            yield Skipped(locator, tr("message sans date lisible", "message without a readable time"))
            return
        signal_type = fields.get("Type", "unknown")
        who = person(fields["From"], ctx) if "From" in fields else None
        yield from self.directory.account(who, locator)
        kind, media, kind_of_media = "text", None, None
        if signal_type == "call-history":
            kind = "call"
        elif signal_type not in ("incoming", "outgoing"):
            kind, text = "system", text or signal_type
            extra["signal_type"] = signal_type
        elif extra.get("attachments"):
            first = extra["attachments"][0]
            kind, media = "media", first.get("file_name")
            kind_of_media = media_type(first.get("content_type"), first.get("file_name"))
        if quote is not None:
            extra["quote"] = quote
        if "Received" in fields and "Sent" in fields:
            received = sigtop_time(fields["Received"])
            extra["received"] = received.iso_utc() if received else fields["Received"]
        native_id = locator
        yield Message(
            native_id=native_id,
            kind=kind,
            conversation=self.key,
            sender=who.key if who else None,
            sender_name=who.name if who else None,
            time=time,
            text=text,
            source=Source(ctx.sha256, locator),
            reply_to=self.recent.get(quote["sent"]) if quote else None,
            media=media,
            media_type=kind_of_media,
            edited=edited,
            direction={"incoming": "in", "outgoing": "out"}.get(signal_type),
            extra=extra,
        )
        self.recent.add(fields.get("Sent"), native_id)
