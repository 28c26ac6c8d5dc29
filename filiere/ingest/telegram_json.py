"""Telegram Desktop JSON exports (``result.json``): one chat, or the whole account, streamed.

Two layouts: a single chat (``name``, ``type``, ``id``, ``messages`` at the top) and the full
account export (``personal_information``, ``contacts``, ``frequent_contacts``, ``chats.list`` and
``left_chats.list``, each chat with its own ``messages``). Memory stays flat whatever the size.

Chat headers: Telegram Desktop writes a chat's name, type and id before its messages, and the
exporter's ``personal_information`` before the chats. A file that does not (re-serialised with
sorted keys, hand-made) gets one extra read of the file collecting every chat header and the
exporter's details when the first chat lacks them, then reading goes on where it was: no message
is held back, and such files cost twice the parsing time instead of unbounded memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import compress, islice, tee
from operator import itemgetter
from pathlib import PurePath
from typing import Any, BinaryIO

import ijson

from filiere.i18n import tr
from filiere.ingest.base import ReadContext, Reader
from filiere.ingest.json_stream import Event, JsonSource, array_items, object_value
from filiere.ingest.telegram_records import (
    PLATFORM,
    MessageReader,
    contact,
    conversation,
    owner,
    scalar_id,
)
from filiere.ingest.text import head_text
from filiere.model import Account, Record, Skipped, Source

_LISTS = {"chats.list.item": "chats.list", "left_chats.list.item": "left_chats.list"}
_HEADER_KEYS = ("name", "type", "id")
# prefix of a header value -> (True when it belongs to the top-level chat, header key)
_HEADERS = {key: (True, key) for key in _HEADER_KEYS} | {
    f"{item}.{key}": (False, key) for item in _LISTS for key in _HEADER_KEYS
}
_MESSAGE_ARRAYS = frozenset({"messages", *(f"{item}.messages" for item in _LISTS)})
_PERSONAL_KEYS = ("user_id", "first_name", "last_name", "phone_number", "username")
_SCALARS = frozenset({"string", "number", "boolean", "null"})
_TOP_SECTIONS = frozenset({"chats", "left_chats", "personal_information", "contacts", "frequent_contacts"})

# yajl's words for the faults that the repairing stream fixes (C escapes, bare custom-emoji paths)
_REPAIRABLE = ("inside a string, '\\' occurs before a character", "invalid char in json text")

_CHAT_TYPE = re.compile(
    r'"type"\s*:\s*"(?:personal_chat|bot_chat|saved_messages|replies|private_group|'
    r'private_supergroup|public_supergroup|private_channel|public_channel)"'
)
_MESSAGE_TYPE = re.compile(r'"type"\s*:\s*"(?:message|service)"')
_TELEGRAM_FIELDS = re.compile(r'"(?:date_unixtime|from_id|text_entities|actor_id)"\s*:')


@dataclass(slots=True)
class _Chat:
    path: str  # "" for a single-chat export, "chats.list[3]" in a full export
    header: dict[str, Any] = field(default_factory=dict)
    key: str | None = None

    @property
    def at(self) -> str:
        return f"{self.path}." if self.path else ""


@dataclass(slots=True)
class _Scan:
    """What the look-ahead read found: each chat's header by path, the exporter's details."""

    headers: dict[str, dict[str, Any]] = field(default_factory=dict)
    personal: dict[str, Any] = field(default_factory=dict)


def _complete(header: dict[str, Any]) -> bool:
    return "id" in header and "type" in header


class TelegramJsonReader(Reader):
    """Telegram Desktop export in JSON: a chat or channel, or the full account export."""

    name = "telegram_json"
    label = "Telegram Desktop — export JSON (result.json)"
    extensions = (".json",)

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        text = head_text(head).lstrip()
        base = PurePath(name).name.lower()
        if text.startswith("{"):
            if '"messages"' in text and _CHAT_TYPE.search(text):
                return 95
            if '"personal_information"' in text and '"user_id"' in text:
                return 95
            if '"messages"' in text and _MESSAGE_TYPE.search(text) and _TELEGRAM_FIELDS.search(text):
                return 90
        if base == "result.json":
            return 40
        return 10 if base.endswith(".json") else 0

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        given = 0
        try:
            for record in _Walk(fh, ctx, repair=False).run():
                given += 1
                yield record
        except _NeedsRepair:
            # Telegram Desktop writes some invalid JSON (see ``json_stream``). Repairing costs
            # time on every file, so it is done only for files that need it: read again with the
            # repairs and go on after the records already given (they are the same: the first
            # fault stopped the first reading).
            yield from islice(_Walk(fh, ctx, repair=True).run(), given, None)


class _NeedsRepair(Exception):
    """The JSON has a fault that the repairing reader fixes."""


class _Walk:
    """One reading of one file: the structure walk, with chats and accounts announced once."""

    def __init__(self, fh: BinaryIO, ctx: ReadContext, *, repair: bool) -> None:
        self.ctx = ctx
        self.repair = repair
        self.source = JsonSource(fh, ctx, repair=repair)
        self.messages = MessageReader(ctx)
        self.root = _Chat("")
        self.chat: _Chat | None = None
        self.counts = dict.fromkeys(_LISTS.values(), -1)
        self.conversations: set[str] = set()
        self.contacts: set[str] = set()
        self.scan: _Scan | None = None
        self.owner_done = False
        self.found = False
        self.checked = False
        self.last: Record | None = None

    def run(self) -> Iterator[Record]:
        try:
            yield from self._walk(self.source.events())
        except (ijson.JSONError, UnicodeDecodeError) as exc:
            if not self.repair and any(fault in str(exc) for fault in _REPAIRABLE):
                raise _NeedsRepair from exc
            raise self.source.error(exc, self._last_locator()) from exc

    def _last_locator(self) -> str | None:
        if self.last is None:
            return None
        return self.last.locator if isinstance(self.last, Skipped) else self.last.source.locator

    def _walk(self, events: Iterator[Event]) -> Iterator[Record]:
        first = next(events, None)
        if first is None or first[1] != "start_map":
            raise self.ctx.error(
                tr("le JSON n'est pas un objet", "the JSON is not an object"),
                locator="top level",
                hint=tr(
                    "un export Telegram Desktop (result.json) est un objet JSON ; vérifiez le format choisi",
                    "a Telegram Desktop export (result.json) is one JSON object; check the chosen format",
                ),
            )
        for prefix, event, value in events:
            if prefix in _HEADERS:
                top, key = _HEADERS[prefix]
                chat = self.root if top else self.chat
                if chat is not None and event in _SCALARS:
                    chat.header[key] = value
            elif event == "start_array" and prefix in _MESSAGE_ARRAYS:
                chat = self.root if prefix == "messages" else self.chat
                if chat is None:
                    continue
                self.found = True
                if chat is self.root and _complete(chat.header) and self.scan is None:
                    # Telegram's own single-chat layout: re-read with the item builder in C, the
                    # fastest way through; nothing the reader uses follows the messages.
                    yield from self._conversation(chat)
                    yield from self._messages(self.source.items("messages.item"), chat)
                    return
                yield from self._conversation(chat)
                yield from self._messages(array_items(events, prefix), chat)
            elif prefix in _LISTS and event == "start_map":
                name = _LISTS[prefix]
                self.counts[name] += 1
                self.chat = _Chat(f"{name}[{self.counts[name]}]")
            elif prefix in _LISTS and event == "end_map" and self.chat is not None:
                yield from self._conversation(self.chat)  # a chat without messages is still listed
                self.chat = None
            elif prefix == "personal_information" and event == "start_map":
                yield from self._owner(object_value(events, prefix))
            elif prefix == "contacts.list" and event == "start_array":
                yield from self._contacts(array_items(events, prefix))
            elif prefix == "frequent_contacts.list" and event == "start_array":
                yield from self._frequent(array_items(events, prefix))
            elif not prefix and event == "map_key" and value in _TOP_SECTIONS:
                self.found = True
        if not self.found:
            raise self.ctx.error(
                tr("aucune conversation Telegram dans ce JSON", "no Telegram chat in this JSON"),
                locator="top level",
                hint=tr(
                    "attendu : « messages » (une conversation) ou « chats.list » (export du compte)",
                    "expected 'messages' (one chat) or 'chats.list' (account export)",
                ),
            )

    def _conversation(self, chat: _Chat) -> Iterator[Record]:
        if chat.key is not None:
            return
        if not _complete(chat.header) and self.scan is None:
            self.scan = self._look_ahead()
            yield from self._owner(self.scan.personal)
        header = chat.header
        if self.scan is not None:
            header = {**self.scan.headers.get(chat.path, {}), **header}
        record = conversation(header, chat.path, self.ctx)
        chat.key = record.key
        if record.key not in self.conversations:
            self.conversations.add(record.key)
            yield record

    def _messages(self, items: Iterator[Any], chat: _Chat) -> Iterator[Record]:
        reader, key, at = self.messages, chat.key or "", chat.at
        for index, item in enumerate(items):
            where = f"{at}messages[{index}]"
            if not self.checked:
                self._check(item, where)
            records = reader.records(item, key, index, where)
            self.last = records[-1]
            yield from records

    def _check(self, item: Any, where: str) -> None:
        """The file's first message object decides whether this is Telegram at all."""
        if not isinstance(item, dict):
            return
        self.checked = True
        if "date" not in item and "date_unixtime" not in item:
            raise self.ctx.error(
                tr("ce n'est pas un message Telegram (pas de « date »)", "not a Telegram message (no 'date')"),
                locator=where,
                hint=tr(
                    "ce JSON vient d'une autre application ; choisissez le bon --format",
                    "this JSON comes from another application; choose the right --format",
                ),
            )

    def _owner(self, info: Any) -> Iterator[Record]:
        if self.owner_done or not info:
            return
        self.owner_done = True
        account = owner(info, self.ctx) if isinstance(info, dict) else None
        if account is None:
            yield Skipped("personal_information", tr("pas de user_id", "no user_id"))
        elif account.key in self.messages.accounts:
            yield Skipped(
                "personal_information",
                tr(
                    f"{account.key} déjà annoncé par ses messages : non marqué comme titulaire",
                    f"{account.key} already announced from its messages: not marked as the owner",
                ),
            )
        else:
            self.messages.accounts.add(account.key)
            self.last = account
            yield account

    def _contacts(self, items: Iterator[Any]) -> Iterator[Record]:
        for index, item in enumerate(items):
            where = f"contacts.list[{index}]"
            record = contact(item, where, self.ctx)
            if record is None:
                continue  # Telegram keeps a date-only entry for each deleted contact: nothing to read
            if not isinstance(record, Skipped):
                if record.key in self.contacts:  # the same person saved twice
                    record.key = f"telegram:export:{self.ctx.sha256[:16]}:{where}"
                self.contacts.add(record.key)
            self.last = record
            yield record

    def _frequent(self, items: Iterator[Any]) -> Iterator[Record]:
        """People the exporter talks or calls most (``frequent_contacts``), as Accounts."""
        for index, item in enumerate(items):
            if not isinstance(item, dict) or item.get("type") != "user":
                continue  # groups and channels here carry no more than their chat does
            native = scalar_id(item.get("id"))
            key = f"telegram:user{native}"
            if native is None or key in self.messages.accounts:
                continue
            self.messages.accounts.add(key)
            name = item.get("name")
            account = Account(
                key=key,
                platform=PLATFORM,
                source=Source(self.ctx.sha256, f"frequent_contacts.list[{index}]"),
                name=name if isinstance(name, str) and name else None,
                native_id=f"user{native}",
            )
            self.last = account
            yield account

    def _look_ahead(self) -> _Scan:
        """Read the whole file once for chat headers and the exporter's details (see module doc)."""
        scan = _Scan()
        wanted = set(_HEADERS) | set(_LISTS) | {f"personal_information.{k}" for k in _PERSONAL_KEYS}
        counts = dict.fromkeys(_LISTS.values(), -1)
        path = ""
        with self.source.detour() as events:
            # Only shallow events reach Python: the filter runs in C (compress over a tee).
            data, keys = tee(events)
            shallow = compress(data, map(wanted.__contains__, map(itemgetter(0), keys)))
            try:
                for prefix, event, value in shallow:
                    if prefix in _LISTS:
                        if event == "start_map":
                            counts[_LISTS[prefix]] += 1
                            path = f"{_LISTS[prefix]}[{counts[_LISTS[prefix]]}]"
                    elif prefix in _HEADERS and event in _SCALARS:
                        top, key = _HEADERS[prefix]
                        scan.headers.setdefault("" if top else path, {})[key] = value
                    elif event in _SCALARS:
                        scan.personal[prefix.rpartition(".")[2]] = value
            except (ijson.JSONError, UnicodeDecodeError):
                pass  # a damaged file: keep what was found; the main reading reports the damage
        return scan


__all__ = ["TelegramJsonReader"]
