"""Telegram Desktop export: one exported chat header or message (a dict) to filiere records.

Pure functions of values; the streaming and the file structure are in ``telegram_json``. Field
names follow Telegram Desktop's JSON writer (``export_output_json.cpp``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from filiere.i18n import tr
from filiere.ingest.base import ReadContext
from filiere.model import Account, Contact, Conversation, Entity, Message, Record, Skipped, Source
from filiere.types.moment import Moment, from_epoch, from_local, from_pair
from filiere.types.phone import normalize_phone

PLATFORM = "telegram"

CHAT_KINDS = {
    "personal_chat": "direct",
    "bot_chat": "direct",
    "saved_messages": "saved",
    "replies": "unknown",
    "private_group": "group",
    "private_supergroup": "group",
    "public_supergroup": "group",
    "private_channel": "channel",
    "public_channel": "channel",
}
# Telegram has three id spaces: users (direct chats carry the other user's id), basic groups, and
# channels (supergroups are channels too, and keep their id when they change between private and
# public). Keys follow the id space, not the chat type, so two exports of one chat meet.
_KEY_SPACES = {
    "personal_chat": "dm",
    "bot_chat": "dm",
    "saved_messages": "saved",
    "replies": "replies",
    "private_group": "group",
    "private_supergroup": "channel",
    "public_supergroup": "channel",
    "private_channel": "channel",
    "public_channel": "channel",
}
_MEDIA_TYPES = {
    "sticker": "sticker",
    "video_file": "video",
    "voice_message": "voice",
    "animation": "gif",
    "audio_file": "audio",
    "video_message": "video_note",
}
_CALL_ACTIONS = frozenset({"phone_call", "group_call"})
# Keys turned into Message fields; every other key of a message is kept in ``extra``.
_HANDLED = frozenset(
    {"id", "type", "date", "date_unixtime", "edited", "edited_unixtime", "from", "from_id", "actor"}
    | {"actor_id", "text", "text_entities", "forwarded_from", "reply_to_message_id", "photo", "file"}
    | {"media_type"}
)
_NOT_DIGIT = re.compile(r"\D")
_MAX_OFFSET_S = 14 * 3600  # beyond any real zone: the local face cannot be trusted
_EPOCH = datetime(1970, 1, 1)
_UNIX_FIELDS = {"date": "date_unixtime", "edited": "edited_unixtime"}


def scalar_id(value: Any) -> str | None:
    """An id as text; None for absent, empty or structured values."""
    if value is None or isinstance(value, bool | dict | list) or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def conversation(header: Mapping[str, Any], path: str, ctx: ReadContext) -> Conversation:
    """The Conversation of a chat from its ``name``/``type``/``id``; ``path`` locates the chat.

    A chat without an id (re-serialised or hand-made files) is keyed by its place in this
    evidence file, which is stable across re-reads but cannot meet another file's copy.
    """
    chat_type = str(header.get("type") or "")
    native = scalar_id(header.get("id"))
    if native is not None:
        key = f"telegram:{_KEY_SPACES.get(chat_type, 'chat')}:{native}"
    else:
        key = f"telegram:export:{ctx.sha256[:16]}:{path or 'chat'}"
    name = header.get("name")
    return Conversation(
        key=key,
        platform=PLATFORM,
        kind=CHAT_KINDS.get(chat_type, "unknown"),
        title=name if isinstance(name, str) and name else None,
        source=Source(ctx.sha256, path or "top level"),
        native_id=native,
    )


def peer_key(raw_id: Any, name: Any) -> str | None:
    """The account key of a sender: ``from_id`` ("user123", "channel123"; plain ints in old exports)."""
    if isinstance(raw_id, str) and raw_id:
        return f"telegram:{raw_id}"
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        return f"telegram:user{raw_id}"
    if isinstance(name, str) and name:
        return f"telegram:name:{name}"
    return None


def owner(info: Mapping[str, Any], ctx: ReadContext) -> Account | None:
    """The exporter's own account, from ``personal_information``."""
    user_id = scalar_id(info.get("user_id"))
    if user_id is None:
        return None
    names = (info.get("first_name"), info.get("last_name"))
    name = " ".join(n for n in names if isinstance(n, str) and n) or None
    username = info.get("username")
    phone = info.get("phone_number")
    return Account(
        key=f"telegram:user{user_id}",
        platform=PLATFORM,
        source=Source(ctx.sha256, "personal_information"),
        name=name,
        phone=ctx.phone(phone) if isinstance(phone, str) else None,
        handle=(username.lstrip("@") or None) if isinstance(username, str) else None,
        native_id=f"user{user_id}",
        is_owner=True,
    )


def contact(item: Any, locator: str, ctx: ReadContext) -> Contact | Skipped | None:
    """An address-book entry of ``contacts.list``; None for the date-only entries of deleted contacts.

    Keyed by the Telegram account when the entry names one (so the resolve stage joins them),
    else by the phone line, else by its place in the file.
    """
    if not isinstance(item, dict):
        return Skipped(
            locator,
            tr(
                f"contact de type {type(item).__name__}, pas un objet",
                f"contact is a {type(item).__name__}, not an object",
            ),
        )
    names = (item.get("first_name"), item.get("last_name"))
    name = " ".join(n for n in names if isinstance(n, str) and n) or None
    raw_phone = item.get("phone_number")
    phone = ctx.phone(raw_phone) if isinstance(raw_phone, str) else None
    if name is None and phone is None:
        return None
    user_id = scalar_id(item.get("user_id"))
    if user_id is not None:
        key = f"telegram:user{user_id}"
    elif phone is not None and phone.e164:
        key = f"phone:{phone.e164}"
    else:
        key = f"telegram:export:{ctx.sha256[:16]}:{locator}"
    return Contact(key=key, name=name, source=Source(ctx.sha256, locator), phones=(phone,) if phone else ())


class Clock:
    """Times of one export; the zone of each (unixtime, local face) offset is worked out once.

    ``moment`` gives exactly what ``from_pair``/``from_epoch``/``from_local`` give; the cache only
    spares recomputing the zone name of the same offset for every message.
    """

    def __init__(self, tz: str) -> None:
        self.tz = tz
        self._zones: dict[float, str] = {}

    def moment(self, item: Mapping[str, Any], field: str = "date") -> Moment | None:
        """The time of ``field`` ("date", "edited"): its unixtime twin when present, the local face kept.

        Raises ValueError when the field is present but unreadable.
        """
        seconds = _seconds(item.get(_UNIX_FIELDS.get(field) or field + "_unixtime"))
        written = item.get(field)
        if not isinstance(written, str):
            written = ""
        local = datetime.fromisoformat(written) if written else None
        if local is not None and local.tzinfo is not None:
            if seconds is None:
                return from_pair(local.timestamp(), local.replace(tzinfo=None))
            local = local.replace(tzinfo=None)
        if seconds is None:
            return None if local is None else from_local(local, self.tz)
        if local is None:
            return from_epoch(seconds, self.tz)
        offset = (local - _EPOCH).total_seconds() - seconds
        zone = self._zones.get(offset)
        if zone is None:
            if abs(offset) > _MAX_OFFSET_S:  # the two faces disagree: trust the unixtime
                return from_epoch(seconds, self.tz)
            zone = from_pair(seconds, local).tz
            if len(self._zones) < 4096:
                self._zones[offset] = zone
        # Telegram writes the local face as isoformat() does: reuse it rather than format it again.
        face: str = written if len(written) == 19 and written[10] == "T" else local.isoformat()
        return Moment(datetime.fromtimestamp(seconds, UTC), face, zone)


def _seconds(unix: Any) -> int | None:
    if unix is None:
        return None
    try:
        return int(unix)
    except ValueError:  # e.g. "hidden" in samples shared online: the local face still dates it
        return None


def flatten(text: Any) -> str:
    """Plain text of a ``text`` field: a string, or a list of strings and entity objects."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text", "")) if isinstance(part, dict) else ""
            for part in text
        )
    return "" if text is None else str(text)


def entities(parts: Any, region: str) -> tuple[Entity, ...]:
    """Entities the exporter marked (links, mentions, phones, ...); formatting spans are left out."""
    if not isinstance(parts, list) or (len(parts) == 1 and isinstance(parts[0], str)):
        return ()
    found = []
    for part in parts:
        if isinstance(part, dict) and part.get("type") not in (None, "plain"):
            entity = _entity(part, region)
            if entity is not None:
                found.append(entity)
    return tuple(found)


def _entity(part: Mapping[str, Any], region: str) -> Entity | None:
    kind = part.get("type")
    text = str(part.get("text", ""))
    if kind in ("link", "bot_command"):
        return Entity(str(kind), text, text)
    if kind == "text_link":
        href = part.get("href")
        return Entity("link", text, href if isinstance(href, str) else None)
    if kind == "mention":
        return Entity("mention", text, text.lstrip("@") or None)
    if kind == "mention_name":
        user_id = scalar_id(part.get("user_id"))
        return Entity("mention", text, None if user_id is None else f"telegram:user{user_id}")
    if kind == "phone":
        return Entity("phone", text, normalize_phone(text, region))
    if kind == "email":
        return Entity("email", text, text.lower())
    if kind == "hashtag":
        return Entity("hashtag", text, text.lstrip("#"))
    if kind == "cashtag":
        return Entity("cashtag", text, text.lstrip("$"))
    if kind == "bank_card":
        return Entity("bank_card", text, _NOT_DIGIT.sub("", text))
    return None


def _kind(item: Mapping[str, Any], text: str) -> tuple[str, str | None, str | None]:
    """(kind, media as written, media type) of a non-service message."""
    if item.get("type") == "unsupported":
        return "unknown", None, None
    if "poll" in item:
        return "poll", None, None
    if "location_information" in item or "place_name" in item:
        return "location", None, None
    if "contact_information" in item:
        return "contact", None, None
    if "photo" in item:
        return "media", scalar_id(item["photo"]), "photo"
    if "file" in item or "media_type" in item:
        media_type = item.get("media_type")
        return "media", scalar_id(item.get("file")), _MEDIA_TYPES.get(str(media_type), media_type or "file")
    if text or "text" in item:
        return "text", None, None
    return "unknown", None, None


class MessageReader:
    """Turns exported message objects into records, announcing each sender's Account once."""

    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.sha256 = ctx.sha256
        self.region = ctx.region
        self.clock = Clock(ctx.tz)
        self.accounts: set[str] = set()

    def records(self, item: Any, conversation: str, index: int, where: str) -> list[Record]:
        """[new sender Account, Message], or [Skipped]; ``where`` is "messages[41]"-style.

        The hot path of the reader (once per message): kept flat on purpose.
        """
        if not isinstance(item, dict):
            return [Skipped(where, _not_object(item))]
        raw_id = item.get("id")
        native_id = str(raw_id) if type(raw_id) is int else scalar_id(raw_id)
        locator = where if native_id is None else f"{where} id={native_id}"
        try:
            time = self.clock.moment(item)
            edited = self.clock.moment(item, "edited") if "edited" in item or "edited_unixtime" in item else None
        except (ValueError, TypeError, OverflowError, OSError) as exc:
            return [Skipped(locator, tr(f"date illisible : {exc}", f"unreadable date: {exc}"))]
        if time is None:
            if item.get("type") == "unsupported":
                return [
                    Skipped(
                        locator,
                        tr(
                            "message que Telegram Desktop n'a pas pu exporter (« unsupported »)",
                            "Telegram Desktop could not export this message ('unsupported')",
                        ),
                    )
                ]
            return [Skipped(locator, tr("message sans date", "message has no date"))]
        source = Source(self.sha256, locator)
        service = item.get("type") == "service"
        if service:
            raw_from, name = item.get("actor_id"), item.get("actor")
        else:
            raw_from, name = item.get("from_id"), item.get("from")
        if not isinstance(name, str) or not name:
            name = None
        sender = f"telegram:{raw_from}" if type(raw_from) is str and raw_from else peer_key(raw_from, name)
        out: list[Record] = []
        if sender is not None and sender not in self.accounts:
            self.accounts.add(sender)
            out.append(Account(sender, PLATFORM, source, name=name, native_id=scalar_id(raw_from)))
        raw_text = item.get("text")
        text = raw_text if isinstance(raw_text, str) else flatten(raw_text)
        spans = item.get("text_entities")
        if type(spans) is not list:
            spans = raw_text if type(raw_text) is list else []
        # Most messages are one plain span: no entity to look for.
        plain = len(spans) == 1 and type(spans[0]) is dict and spans[0].get("type") == "plain"
        found = () if plain or not spans else entities(spans, self.region)
        extra = {key: value for key, value in item.items() if key not in _HANDLED}
        if service:
            kind, media, media_type = ("call" if item.get("action") in _CALL_ACTIONS else "system"), None, None
        else:
            kind, media, media_type = _kind(item, text)
            if kind == "contact":
                extra["contact_information"] = self._shared_contact(item["contact_information"])
            elif kind == "poll" and not text:
                # Telegram leaves a poll's text empty: its question and answers are what can be searched.
                text = _poll_text(item["poll"])
        forwarded = item.get("forwarded_from")
        if forwarded is not None and not isinstance(forwarded, str):
            forwarded = None
        elif forwarded is None and "forwarded_from" in item:
            extra["forwarded_from"] = None  # forwarded from a hidden or deleted account
        reply = item.get("reply_to_message_id")
        out.append(
            Message(
                native_id or f"#{index}",
                kind,
                conversation,
                sender,
                name,
                time,
                text,
                source,
                reply_to=None if reply is None else scalar_id(reply),
                forwarded_from=forwarded,
                media=media,
                media_type=media_type,
                edited=edited,
                entities=found,
                extra=extra,
            )
        )
        return out

    def _shared_contact(self, info: Any) -> Any:
        if not isinstance(info, dict):
            return info
        phone = info.get("phone_number")
        value = self.ctx.phone(phone) if isinstance(phone, str) else None
        return {**info, "phone_e164": None if value is None else value.e164}


def _poll_text(poll: Any) -> str:
    if not isinstance(poll, dict):
        return ""
    answers = poll.get("answers")
    lines = [flatten(poll.get("question"))]
    if isinstance(answers, list):
        lines += [flatten(a.get("text")) for a in answers if isinstance(a, dict)]
    return "\n".join(line for line in lines if line)


def _not_object(item: Any) -> str:
    kind = type(item).__name__
    return tr(f"message de type {kind}, pas un objet", f"message is a {kind}, not an object")
