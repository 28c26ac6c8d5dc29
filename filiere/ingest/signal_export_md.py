"""Signal Desktop chats exported by signal-export (``sigexport``, github.com/carderne/signal-export).

One folder per chat, named after it, holding ``chat.md`` (``index.md`` in early releases). Each message is
``[2024-03-05 14:03:22] Alice: text`` (``[2020-01-17, 21:49]`` or ``[2020-01-17 21:49]`` in early
releases), its body on the following lines, in markdown: a quote as ``> `` lines after a blank line,
``(- Bob: 👍 -)`` for reactions, ``![name](./media/file)`` for attachments, ``(( 😀 ))`` for stickers.
Times are the exporting computer's wall clock, without zone; names are display names only, ``Me`` being
the owner. Read as the tool writes (``models.Message.to_md``) and re-reads (``merge.py``) it: a body line
that looks like a header starts a new message there too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, BinaryIO

from filiere.i18n import tr
from filiere.ingest.base import ReadContext, Reader
from filiere.ingest.signal_common import Directory, Recent, by_name, chat_title, media_type
from filiere.ingest.text import head_text, text_lines
from filiere.model import Message, Record, Skipped, Source
from filiere.types.moment import from_local

MAX_MESSAGE = 1 << 20  # characters; a longer "message" is a file that is not a chat export

HEADER = re.compile(r"^\[(\d{4}-\d{2}-\d{2}),? (\d{2}:\d{2}(?::\d{2})?)\] (.*?): ?(.*)$")
_ATTACHMENT = re.compile(r"!?\[([^\]\n]*)\]\(((?:\./)?media/[^)\s]*|\.\./exported_stickers/[^)\s]*)\)[ \t]*")
_REACTIONS = re.compile(r"^\(- (.*) -\)")
_STICKER = re.compile(r"^\(\( (.*) \)\)$")
_CALL = re.compile(r"^(?:Incoming|Outgoing|Missed) (?:voice |video )?call(?: \([^)]*\))?$")
_DELETED = "(This message was deleted)"


@dataclass(slots=True)
class Body:
    """A message body with signal-export's markdown taken apart."""

    text: str
    quote: str | None = None
    reactions: list[dict[str, str]] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)
    sticker: str | None = None


def parse_body(lines: list[str]) -> Body:
    """Split quote, reactions, sticker and attachment links from the text of one message."""
    rest = list(lines)
    quote = None
    if rest and not rest[0].strip():
        start = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
        if start < len(rest) and rest[start].startswith(">"):
            end = start
            while end < len(rest) and rest[end].startswith(">"):
                end += 1
            quote = "\n".join(line[1:].removeprefix(" ") for line in rest[start:end])
            rest = rest[end:]
    body = Body("", quote)
    kept = []
    for line in rest:
        found = _REACTIONS.match(line)
        if found:
            for item in found.group(1).split(", "):
                who, _, emoji = item.rpartition(": ")
                body.reactions.append({"emoji": emoji, "from_name": who})
            line = line[found.end() :]
        sticker = _STICKER.match(line.strip())
        if sticker:
            body.sticker = sticker.group(1)
            continue
        for name, path in _ATTACHMENT.findall(line):
            if "exported_stickers/" in path:
                body.sticker = name  # the sticker's emoji, linked to the exported image
            else:
                body.attachments.append({"file_name": name, "path": path})
        kept.append(_ATTACHMENT.sub("", line))
    body.text = "\n".join(kept).strip("\n").rstrip()
    return body


@dataclass(slots=True)
class _Pending:
    line: int
    day: str
    clock: str
    sender: str
    lines: list[str]
    size: int = 0


class SignalExportMdReader(Reader):
    """signal-export ``chat.md``: one message per ``[date time] Name:`` header, markdown body."""

    name = "signal_export_md"
    label = "Signal — export signal-export (chat.md)"
    extensions = (".md",)

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        return cls._score(head, name, comma=False)

    @classmethod
    def _score(cls, head: bytes, name: str, comma: bool) -> int:
        """High when the first line is a header of the wanted generation, lower for the other one.

        The two generations never had both a comma and seconds: ``[2020-01-17, 21:49:06] Name:`` is
        WhatsApp for iOS in a locale with ISO dates, left to the WhatsApp reader.
        """
        lines = head_text(head).lstrip("\ufeff \r\n").splitlines()
        found = HEADER.match(lines[0]) if lines else None
        if found is None:
            return 0
        has_comma, has_seconds = lines[0][11:12] == ",", len(found.group(2)) == 8
        named = 5 if name.lower().endswith(cls.extensions) else 0
        if has_comma and has_seconds:
            return 30 + named
        # signal-export ends every body with a markdown line break ("  "): its own mark.
        marked = 4 if any(HEADER.match(line) and line.endswith("  ") for line in lines[:50]) else 0
        return (90 if has_comma == comma else 70) + named + marked

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        chat = Chat(ctx)
        pending: _Pending | None = None
        with closing(text_lines(fh, ctx.name)) as lines:
            for number, line in lines:
                found = HEADER.match(line)
                if found is None:
                    if pending is None:
                        if line.strip():
                            raise ctx.error(
                                tr("pas un export Signal (signal-export)", "not a Signal export (signal-export)"),
                                f"line {number}",
                                hint=tr(
                                    "la première ligne doit être « [AAAA-MM-JJ HH:MM] Nom: texte »",
                                    "the first line must read '[YYYY-MM-DD HH:MM] Name: text'",
                                ),
                            )
                        continue
                    pending.size += len(line)
                    if pending.size <= MAX_MESSAGE:
                        pending.lines.append(line)
                    continue
                if pending is not None:
                    yield from self._message(pending, chat)
                day, clock, sender, text = found.groups()
                pending = _Pending(number, day, clock, sender, [text])
        if pending is None:
            raise ctx.error(tr("fichier vide", "empty file"), "line 1")
        yield from self._message(pending, chat)

    def _message(self, pending: _Pending, chat: Chat) -> Iterator[Record]:
        locator = f"line {pending.line}"
        if pending.size > MAX_MESSAGE:
            yield Skipped(locator, tr("message démesuré (plus d'un Mio)", "oversized message (over 1 MiB)"))
            return
        try:
            fmt = "%Y-%m-%d %H:%M:%S" if len(pending.clock) == 8 else "%Y-%m-%d %H:%M"
            naive = datetime.strptime(f"{pending.day} {pending.clock}", fmt)
        except ValueError:
            yield Skipped(locator, tr(f"date impossible {pending.day}", f"impossible date {pending.day}"))
            return
        body = parse_body(pending.lines)
        deleted = body.text == _DELETED
        if deleted:
            body.text = ""  # the exporter's placeholder, not words of the sender (data.json has none)
        yield from chat.message(locator, naive, pending.sender, body, deleted=deleted)


class Chat:
    """The one chat of a signal-export file (named after its folder) and its messages' records."""

    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.title = chat_title(ctx)
        self.key = f"signal:chat:{self.title}" if self.title else "signal:chat"
        self.directory = Directory(ctx)
        self.recent = Recent()

    def message(self, locator: str, naive: datetime, sender: str, body: Body, deleted: bool) -> Iterator[Record]:
        """Conversation and account when first met, then the message (times are local, no zone)."""
        yield from self.directory.conversation(self.key, "unknown", self.title, locator)
        who = by_name(sender)
        yield from self.directory.account(who, locator)
        extra: dict[str, Any] = {}
        if body.quote is not None:
            extra["quote"] = body.quote
        if body.reactions:
            extra["reactions"] = body.reactions
        if body.attachments:
            extra["attachments"] = body.attachments
        kind, media, kind_of_media = "text", None, None
        if deleted:
            kind = "deleted"
        elif body.attachments:
            kind, media = "media", body.attachments[0]["file_name"]
            kind_of_media = media_type(None, media)
        elif body.sticker is not None:
            kind, media, kind_of_media = "media", body.sticker, "sticker"
        elif _CALL.match(body.text):
            kind = "call"
        yield Message(
            native_id=locator,
            kind=kind,
            conversation=self.key,
            sender=who.key if who else None,
            sender_name=sender,
            time=from_local(naive, self.ctx.tz),
            text=body.text,
            source=Source(self.ctx.sha256, locator),
            reply_to=self.recent.get(body.quote),
            media=media,
            media_type=kind_of_media,
            direction=("out" if who.is_owner else "in") if who else None,
            extra=extra,
        )
        self.recent.add(body.text, locator)
