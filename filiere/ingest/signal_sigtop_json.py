"""Signal Desktop chats exported by sigtop as JSON (``sigtop export-messages -f json``).

sigtop (github.com/tbvdm/sigtop, Go implementation, 2023 on, ``fmt_json.go``) writes one file per chat,
``Alice (+33639981201).json`` or ``Team (group).json``: a JSON array holding, one per line, each
message's JSON exactly as Signal Desktop stores it (``messages.json`` column), so fields follow the
Desktop version: ``id``, ``conversationId``, ``type``, ``body``, ``sent_at``/``received_at_ms`` (ms),
``source`` (phone, older) and ``sourceServiceId``/``sourceUuid``, ``attachments``, ``quote``
(``id`` = quoted message's ``sent_at``), ``reactions``, ``sticker``, ``bodyRanges``, ``editHistory``.
The chat's name and phone come from the file name only. Read line by line (one bad line is Skipped);
a re-indented file is streamed with ijson instead.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import closing
from typing import Any, BinaryIO

import ijson

from filiere.i18n import tr
from filiere.ingest.base import HEAD_SIZE, ReadContext, Reader
from filiere.ingest.signal_common import (
    Directory,
    Person,
    Recent,
    by_phone,
    by_service_id,
    chat_title,
    media_type,
    owner,
    split_detail,
)
from filiere.ingest.text import head_text, sniff_encoding, text_lines
from filiere.model import Entity, Message, Record, Skipped, Source
from filiere.types.moment import Moment, from_epoch

_USER_TYPES = ("incoming", "outgoing")
_VOICE_FLAG = 1  # attachment flags: voice message
_CHUNK = 64 * 1024
_ATTACHMENT_KEYS = (("fileName", "file_name"), ("contentType", "content_type"), ("size", "size"), ("path", "path"))


def _ms(value: Any) -> int | None:
    """A millisecond time as Signal writes it (number, or digits in a string); junk gives None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and value > 0:
        return int(value)
    if isinstance(value, str) and value.isdigit() and int(value) > 0:
        return int(value)
    return None


def _time(ms: int | None, ctx: ReadContext) -> Moment | None:
    if not ms:
        return None
    try:
        return from_epoch(ms / 1000, ctx.tz)
    except (OverflowError, ValueError, OSError):
        return None  # a time no calendar holds: junk


def _str(value: Any) -> str | None:
    """A JSON value that should be text, or None: a message's fields are not trusted."""
    return value if isinstance(value, str) and value else None


class SigtopJsonReader(Reader):
    """sigtop JSON export: an array of Signal Desktop message objects, one chat per file."""

    name = "sigtop_json"
    label = "Signal — export sigtop (JSON)"
    extensions = (".json",)

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        text = head_text(head).lstrip("\ufeff \r\n")
        if not text.startswith("["):
            return 0
        sample = text[:4096]
        signs = sum(key in sample for key in ('"conversationId"', '"sent_at"', '"received_at"', '"type"'))
        return 90 if signs == 4 else 40 if signs >= 2 else 0

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        start = fh.tell()
        head = fh.read(HEAD_SIZE)
        fh.seek(start)
        shown = [line.strip() for line in head_text(head).splitlines() if line.strip()][:2]
        if not shown or not shown[0].startswith("["):
            raise ctx.error(
                tr("pas un export JSON sigtop (tableau attendu)", "not a sigtop JSON export (array expected)"),
                "line 1",
                hint=tr(
                    "exporter avec « sigtop export-messages -f json »", "export with 'sigtop export-messages -f json'"
                ),
            )
        chat = _Chat(ctx)
        # sigtop writes "[" alone, then one message object per line; anything else was re-indented.
        if shown[0] == "[" and (len(shown) < 2 or shown[1] not in ("{", "[")):
            yield from self._lines(fh, chat)
        else:
            yield from self._stream(fh, sniff_encoding(head), chat)

    def _lines(self, fh: BinaryIO, chat: _Chat) -> Iterator[Record]:
        """One message per line: a line that does not parse is Skipped and the reading goes on."""
        closed = opened = False
        with closing(text_lines(fh, chat.ctx.name)) as lines:
            for number, line in lines:
                text = line.strip().removesuffix(",")
                if not text:
                    continue
                if not opened:  # the "[" line, checked by read()
                    opened = True
                    continue
                if text == "]":
                    closed = True
                    break
                try:
                    item = json.loads(text)
                except ValueError as exc:
                    yield Skipped(f"line {number}", tr(f"JSON invalide : {exc}", f"invalid JSON: {exc}"))
                    continue
                yield from chat.message(item, f"line {number}")
        if not closed:
            reason = tr("pas de « ] » final : fichier tronqué ?", "no closing ']': truncated file?")
            yield Skipped("end of file", reason)

    def _stream(self, fh: BinaryIO, encoding: str, chat: _Chat) -> Iterator[Record]:
        """Items of a re-indented array, streamed; a syntax error ends the reading with a Skipped."""
        text = io.TextIOWrapper(fh, encoding=encoding, errors="replace")
        items = ijson.sendable_list()
        parser = ijson.items_coro(items, "item")
        index = 0
        try:
            while chunk := text.read(_CHUNK):
                parser.send(chunk.lstrip("\ufeff").encode("utf-8"))
                for item in items:
                    yield from chat.message(item, f"messages[{index}]")
                    index += 1
                del items[:]
            parser.close()
            for item in items:
                yield from chat.message(item, f"messages[{index}]")
                index += 1
        except ijson.JSONError as exc:
            reason = tr(f"JSON invalide, lecture arrêtée : {exc}", f"invalid JSON, reading stopped: {exc}")
            yield Skipped(f"messages[{index}]", reason)
        finally:
            text.detach()


class _Chat:
    """The one chat of a sigtop file: its people, its replies, and message conversion."""

    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.title, detail = split_detail(chat_title(ctx) or "")
        self.kind = "group" if detail == "group" else "direct" if detail else "unknown"
        self.peer_phone = detail if self.kind == "direct" else None
        self.key: str | None = None
        self.directory = Directory(ctx)
        self.recent = Recent()
        self.people: dict[str, Person] = {}  # by service id: one entry per participant

    def message(self, item: Any, locator: str) -> Iterator[Record]:
        if not isinstance(item, dict):
            yield Skipped(locator, tr("pas un objet message", "not a message object"))
            return
        if self.key is None:
            native = _str(item.get("conversationId"))
            self.key = f"signal:conversation:{native}" if native else f"signal:chat:{self.title}".rstrip(":")
            yield from self.directory.conversation(self.key, self.kind, self.title or None, locator, native)
        yield from self._message(item, locator)

    def _sender(self, item: dict[str, Any]) -> Person | None:
        if item.get("type") == "outgoing":
            return owner("You")
        phone = item.get("source") if isinstance(item.get("source"), str) else None
        service_id = item.get("sourceServiceId") or item.get("sourceUuid")
        service_id = service_id.lower() if isinstance(service_id, str) else None
        # In a direct chat every incoming message is the other party's, named by the file.
        name = self.title if self.kind == "direct" and item.get("type") == "incoming" else None
        phone = phone or (self.peer_phone if name else None)
        if phone:
            found = by_phone(phone, self.ctx, name, service_id)
            if service_id:
                self.people[service_id] = found
            return found
        if service_id:
            return self.people.get(service_id) or by_service_id(service_id, name)
        return None

    def _message(self, item: dict[str, Any], locator: str) -> Iterator[Record]:
        sent = _ms(item.get("sent_at")) or _ms(item.get("timestamp"))
        received = _ms(item.get("received_at_ms"))
        time = _time(sent or received, self.ctx)
        if time is None:
            yield Skipped(locator, tr("message sans date (sent_at)", "message without a time (sent_at)"))
            return
        signal_type = _str(item.get("type")) or "unknown"
        who = self._sender(item)
        yield from self.directory.account(who, locator)
        body = _str(item.get("body")) or ""
        extra: dict[str, Any] = {"id": item["id"]} if _str(item.get("id")) else {}
        if received and sent and received != sent and (moment := _time(received, self.ctx)):
            extra["received"] = moment.iso_utc()
        kind, media, kind_of_media = "text", None, None
        attachments = [a for a in item.get("attachments") or [] if isinstance(a, dict)]
        if attachments:
            extra["attachments"] = [
                {ours: a[theirs] for theirs, ours in _ATTACHMENT_KEYS if a.get(theirs) is not None} for a in attachments
            ]
            first = attachments[0]
            kind, media = "media", _str(first.get("fileName")) or _str(first.get("path"))
            kind_of_media = media_type(_str(first.get("contentType")), _str(first.get("fileName")))
            if isinstance(first.get("flags"), int) and first["flags"] & _VOICE_FLAG:
                kind_of_media = "voice"
        sticker = item.get("sticker")
        if isinstance(sticker, dict):
            extra["sticker"] = {k: sticker.get(k) for k in ("packId", "stickerId", "emoji") if k in sticker}
            kind, media, kind_of_media = "media", _str(sticker.get("emoji")) or "sticker", "sticker"
        if item.get("deletedForEveryone"):
            kind = "deleted"
        elif signal_type == "call-history":
            kind = "call"
            extra["call"] = item.get("callHistoryDetails") or {"callId": item.get("callId")}
        elif signal_type not in _USER_TYPES:
            kind, body = "system", body or signal_type
            extra["signal_type"] = signal_type
        reply_to = self._quote(item.get("quote"), extra)
        self._reactions(item.get("reactions"), extra)
        edited = _time(_ms(item.get("editMessageTimestamp")), self.ctx)
        if isinstance(item.get("editHistory"), list):
            extra["edits"] = len(item["editHistory"])
        native_id = extra.get("id") or locator
        yield Message(
            native_id=native_id,
            kind=kind,
            conversation=self.key or "",
            sender=who.key if who else None,
            sender_name=who.name if who else None,
            time=time,
            text=body,
            source=Source(self.ctx.sha256, locator),
            reply_to=reply_to,
            media=media,
            media_type=kind_of_media,
            edited=edited,
            direction={"incoming": "in", "outgoing": "out"}.get(signal_type),
            entities=self._mentions(item.get("bodyRanges"), body),
            extra=extra,
        )
        self.recent.add(str(sent) if sent else None, native_id)

    def _quote(self, quote: Any, extra: dict[str, Any]) -> str | None:
        if not isinstance(quote, dict):
            return None
        sent = _ms(quote.get("id"))
        author = _str(quote.get("authorAci")) or _str(quote.get("authorUuid")) or _str(quote.get("author"))
        extra["quote"] = {"sent_at": sent, "author": author, "text": _str(quote.get("text"))}
        return self.recent.get(str(sent)) if sent else None

    def _reactions(self, reactions: Any, extra: dict[str, Any]) -> None:
        if not isinstance(reactions, list):
            return
        listed = []
        for reaction in reactions:
            if isinstance(reaction, dict):
                when = _time(_ms(reaction.get("timestamp")), self.ctx)
                # fromId is Signal's internal conversation id of the reacting person, kept as written.
                listed.append(
                    {"emoji": reaction.get("emoji"), "from_id": reaction.get("fromId"), "time": when and when.iso_utc()}
                )
        if listed:
            extra["reactions"] = listed

    def _mentions(self, ranges: Any, body: str) -> tuple[Entity, ...]:
        found = []
        for item in ranges if isinstance(ranges, list) else []:
            service_id = isinstance(item, dict) and (item.get("mentionAci") or item.get("mentionUuid"))
            start, length = (item.get("start"), item.get("length")) if isinstance(item, dict) else (None, None)
            if isinstance(service_id, str) and isinstance(start, int) and isinstance(length, int):
                found.append(Entity("mention", body[start : start + length], f"signal:aci:{service_id.lower()}"))
        return tuple(found)
