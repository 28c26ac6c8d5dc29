"""Snapchat "Download My Data": ``json/chat_history.json`` (and ``snap_history.json``), streamed.

Two layouts. Older downloads split saved chats by direction: ``"Received Saved Chat History"``
(items with ``From``) and ``"Sent Saved Chat History"`` (items with ``To``), each with ``Media
Type``, ``Created`` ("2021-01-01 12:00:00 UTC") and ``Text``; snap history had ``"Received Snap
History"``/``"Sent Snap History"``. Newer downloads are one object keyed by conversation (the
friend's username for a direct chat, an id for a group), items with ``From``, ``Media Type``,
``Created``, ``Content``, ``Conversation Title`` (null for direct chats), ``IsSender``, ``IsSaved``,
``Media IDs`` (" | "-separated) and ``Created(microseconds)`` (milliseconds in practice).
Snapchat states every time in UTC; only saved messages are in the download.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import PurePath
from typing import Any, BinaryIO

import ijson

from filiere.i18n import tr
from filiere.ingest.base import ReadContext, Reader
from filiere.ingest.json_stream import Event, JsonSource, array_items, object_value
from filiere.ingest.text import head_text
from filiere.model import Account, Conversation, Message, Record, Skipped, Source
from filiere.types.moment import Moment, from_epoch, from_local

PLATFORM = "snapchat"

# Older layout: a section per direction. Group 1 is the direction, group 2 "Snap" or "Chat".
_SECTION = re.compile(r"^(Received|Sent) (?:Saved )?(Chat|Snap) History$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_NEW_FIELDS = re.compile(r'"(?:IsSender|Conversation Title|Created\(microseconds\)|Media IDs)"\s*:')
_KINDS = {
    "TEXT": ("text", None),
    "MEDIA": ("media", None),
    "PHOTO": ("media", "photo"),
    "IMAGE": ("media", "photo"),
    "VIDEO": ("media", "video"),
    "STICKER": ("media", "sticker"),
    "NOTE": ("media", "voice"),  # Snapchat's audio notes
    "SHARE": ("media", "share"),  # a shared snap, story, lens or link
    "LOCATION": ("location", None),
}


class SnapchatJsonReader(Reader):
    """Snapchat data download, chat (or snap) history in JSON."""

    name = "snapchat_json"
    label = "Snapchat — « Mes données », historique des discussions (chat_history.json)"
    extensions = (".json",)

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        text = head_text(head).lstrip()
        base = PurePath(name).name.lower()
        if text.startswith("{"):
            if re.search(r'"(?:Received|Sent) (?:Saved )?(?:Chat|Snap) History"\s*:', text):
                return 95
            if '"Media Type"' in text and '"Created"' in text and _NEW_FIELDS.search(text):
                return 95
            if '"Media Type"' in text and re.search(r'"Created"\s*:\s*"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC"', text):
                return 85
        return 50 if base in ("chat_history.json", "snap_history.json") else 0

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        return _Walk(fh, ctx).run()


def created(item: dict[str, Any]) -> Moment | None:
    """When a message was sent, in UTC as Snapchat states it.

    The numeric field is finer (milliseconds) than the text one (seconds) and is preferred when the
    two agree; its unit is told by its size, the name saying microseconds when the values are not.
    Raises ValueError for a text time that cannot be read.
    """
    text = item.get("Created")
    stated = None
    if isinstance(text, str) and text.strip():
        stated = from_local(datetime.fromisoformat(text.strip().removesuffix("UTC").strip()), "UTC")
    number = item.get("Created(microseconds)")
    if isinstance(number, int | float) and not isinstance(number, bool) and number > 0:
        seconds = float(number)
        while seconds > 1e11:  # ms, µs or ns since 1970: seconds stay below 1e11 until year 5138
            seconds /= 1000
        precise = from_epoch(seconds, "UTC")
        if stated is None or abs((precise.utc - stated.utc).total_seconds()) < 2:
            return precise
    return stated


class _Walk:
    """One reading of one file; conversations and accounts announced once."""

    def __init__(self, fh: BinaryIO, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.source = JsonSource(fh, ctx)
        self.conversations: set[str] = set()
        self.accounts: set[str] = set()
        self.sections = 0
        self.checked = False
        self.last: str | None = None

    def run(self) -> Iterator[Record]:
        try:
            yield from self._walk(self.source.events())
        except (ijson.JSONError, UnicodeDecodeError) as exc:
            raise self.source.error(exc, self.last) from exc

    def _walk(self, events: Iterator[Event]) -> Iterator[Record]:
        first = next(events, None)
        if first is None or first[1] != "start_map":
            raise self._not_snapchat("top level")
        key = ""
        for prefix, event, value in events:
            if not prefix and event == "map_key":
                key = str(value)
            elif prefix == key and key and event == "start_array":
                self.sections += 1
                yield from self._section(key, array_items(events, key))
            elif prefix == key and key and event == "start_map":
                object_value(events, key)  # account details and the like: not chat history
                yield Skipped(_where(key), tr("pas une liste de messages", "not a list of messages"))
            elif prefix == key and key and event in ("string", "number", "boolean", "null"):
                yield Skipped(_where(key), tr("pas une liste de messages", "not a list of messages"))
        if not self.sections:
            raise self._not_snapchat("top level")

    def _not_snapchat(self, where: str) -> Exception:
        return self.ctx.error(
            tr("pas un historique de discussion Snapchat", "not a Snapchat chat history"),
            locator=where,
            hint=tr(
                "attendu : json/chat_history.json d'un téléchargement « Mes données » Snapchat",
                "expected json/chat_history.json from a Snapchat 'My Data' download",
            ),
        )

    def _section(self, key: str, items: Iterator[Any]) -> Iterator[Record]:
        older = _SECTION.match(key)
        for index, item in enumerate(items):
            where = _where(key, index)
            if not isinstance(item, dict):
                yield Skipped(where, _not_object(item))
                continue
            if not self.checked:
                self.checked = True
                if "Created" not in item and "Media Type" not in item:
                    raise self._not_snapchat(where)
            if older:
                records = self._older(item, where, index, sent=older.group(1) == "Sent", snap=older.group(2) == "Snap")
            else:
                records = self._newer(item, key, where, index)
            self.last = where
            yield from records
        if not older:
            # An empty conversation is still one the owner had.
            yield from self._conversation(key, None, None)

    def _newer(self, item: dict[str, Any], key: str, where: str, index: int) -> Iterator[Record]:
        title = item.get("Conversation Title")
        yield from self._conversation(key, title if isinstance(title, str) and title else None, where)
        is_sender = item.get("IsSender")
        user = _text(item.get("From"))
        sender = None if user is None else f"snapchat:{user}"
        if sender is not None:
            yield from self._account(sender, user, where, owner=is_sender is True)
        direction = {True: "out", False: "in"}.get(is_sender) if isinstance(is_sender, bool) else None
        yield from self._message(item, f"snapchat:chat:{key}", sender, user, str(index), where, direction)

    def _older(self, item: dict[str, Any], where: str, index: int, *, sent: bool, snap: bool) -> Iterator[Record]:
        friend = _text(item.get("To" if sent else "From"))
        if friend is None:
            yield Skipped(where, tr(f"pas de « {'To' if sent else 'From'} »", f"no '{'To' if sent else 'From'}'"))
            return
        yield from self._conversation(friend, None, where)
        yield from self._account(f"snapchat:{friend}", friend, where, owner=False)
        if sent:
            # The older layout never names the owner: one stand-in account per evidence file.
            sender, user = f"snapchat:owner:{self.ctx.sha256[:16]}", None
            yield from self._account(sender, None, where, owner=True)
        else:
            sender, user = f"snapchat:{friend}", friend
        native = f"{'sent' if sent else 'received'}-{'snap' if snap else 'chat'}:{index}"
        yield from self._message(item, f"snapchat:chat:{friend}", sender, user, native, where, "out" if sent else "in")

    def _conversation(self, key: str, title: str | None, where: str | None) -> Iterator[Record]:
        conversation_key = f"snapchat:chat:{key}"
        if conversation_key in self.conversations:
            return
        self.conversations.add(conversation_key)
        group = title is not None or bool(_UUID.match(key))
        yield Conversation(
            key=conversation_key,
            platform=PLATFORM,
            kind="group" if group else "direct",
            title=title or key,
            source=Source(self.ctx.sha256, where or _where(key)),
            native_id=key,
        )

    def _account(self, key: str, user: str | None, where: str, *, owner: bool) -> Iterator[Record]:
        if key in self.accounts:
            return
        self.accounts.add(key)
        yield Account(key=key, platform=PLATFORM, source=Source(self.ctx.sha256, where), handle=user, is_owner=owner)

    def _message(
        self,
        item: dict[str, Any],
        conversation: str,
        sender: str | None,
        user: str | None,
        native_id: str,
        where: str,
        direction: str | None,
    ) -> Iterator[Record]:
        try:
            time = created(item)
        except (ValueError, TypeError, OverflowError) as exc:
            yield Skipped(where, tr(f"date illisible : {exc}", f"unreadable date: {exc}"))
            return
        if time is None:
            yield Skipped(where, tr("message sans date", "message has no date"))
            return
        media_type = _text(item.get("Media Type")) or ""
        kind, media_kind = _KINDS.get(media_type.upper(), ("unknown", None))
        if media_type.upper().startswith("STATUS"):
            kind = "call" if "CALL" in media_type.upper() else "system"
        media_ids = _text(item.get("Media IDs"))
        extra: dict[str, Any] = {"media_type": media_type or None}
        if media_ids:
            extra["media_ids"] = [part.strip() for part in media_ids.split("|") if part.strip()]
        if isinstance(item.get("IsSaved"), bool):
            extra["saved"] = item["IsSaved"]
        known = {"From", "To", "Media Type", "Created", "Content", "Text", "Conversation Title"}
        known |= {"IsSender", "IsSaved", "Media IDs", "Created(microseconds)"}
        extra.update({k: v for k, v in item.items() if k not in known})
        content = item.get("Content", item.get("Text"))
        yield Message(
            native_id=native_id,
            kind=kind,
            conversation=conversation,
            sender=sender,
            sender_name=user,
            time=time,
            text=content if isinstance(content, str) else "" if content is None else str(content),
            source=Source(self.ctx.sha256, where),
            media=media_ids or None,
            media_type=media_kind,
            direction=direction,
            extra=extra,
        )


def _text(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _where(key: str, index: int | None = None) -> str:
    """A JSON-path-like locator: ``["alice"][3]``, ``["Received Saved Chat History"][0]``."""
    quoted = json.dumps(key, ensure_ascii=False)
    return f"[{quoted}]" if index is None else f"[{quoted}][{index}]"


__all__ = ["SnapchatJsonReader", "created"]


def _not_object(item: Any) -> str:
    kind = type(item).__name__
    return tr(f"message de type {kind}, pas un objet", f"message is a {kind}, not an object")
