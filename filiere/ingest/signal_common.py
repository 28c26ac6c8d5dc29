"""What the Signal readers share: keys for people and chats, accounts met once, recent-message lookup.

Signal Desktop exports name people in three ways: a display name only (signal-export), a display name
with a detail in brackets (sigtop: ``Alice (+33639981201)``, ``Bob (bob.42)``, ``Team (group)``), or
the service id of the account (sigtop JSON). Each gets a stable key.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from filiere.ingest.base import ReadContext
from filiere.model import Account, Conversation, Source

PLATFORM = "signal"
OWNER_KEY = "signal:owner"  # the account that made the export ("Me" / "You")
RECENT = 20_000  # messages remembered to resolve replies: quotes point back a short way

_DETAIL = re.compile(r"^(.*?) \(([^()]*)\)$")
_PHONE = re.compile(r"^\+?[\d ().-]{6,}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_EXPORT_FILES = {"chat.md", "index.md", "data.json"}  # signal-export names the folder after the chat
_MEDIA = {"image": "photo", "video": "video", "audio": "audio"}


@dataclass(frozen=True, slots=True)
class Person:
    """Someone as an export shows them: the record key plus what is known of them."""

    key: str
    name: str | None
    phone: str | None = None  # as written
    handle: str | None = None
    native_id: str | None = None
    is_owner: bool = False


def split_detail(text: str) -> tuple[str, str | None]:
    """``"Alice (+33639981201)"`` -> ``("Alice", "+33639981201")``; a bare name has no detail."""
    found = _DETAIL.match(text.strip())
    return (found.group(1), found.group(2)) if found else (text.strip(), None)


def person(text: str, ctx: ReadContext) -> Person | None:
    """The person behind a sigtop display name with detail; ``You`` is the owner, ``Unknown`` nobody."""
    name, detail = split_detail(text)
    if name in ("", "Unknown") and detail is None:
        return None
    if name == "You" and detail is None:
        return owner("You")
    if detail is None:
        return Person(f"signal:name:{name}", name)
    if _PHONE.match(detail):
        return by_phone(detail, ctx, name)
    if _UUID.match(detail):
        return by_service_id(detail, name)
    return Person(f"signal:username:{detail}", name, handle=detail)


def by_phone(raw: str, ctx: ReadContext, name: str | None = None, service_id: str | None = None) -> Person:
    """A phone line: ``phone:+E164`` whatever the app, so that it meets the same line in other evidence."""
    phone = ctx.phone(raw)
    key = f"phone:{phone.e164}" if phone and phone.e164 else f"signal:phone:{raw}"
    return Person(key, name, phone=raw, native_id=service_id)


def by_service_id(service_id: str, name: str | None = None) -> Person:
    """An account known by its Signal service id (ACI, a UUID)."""
    return Person(f"signal:aci:{service_id.lower()}", name, native_id=service_id.lower())


def by_name(name: str) -> Person | None:
    """signal-export shows only names: ``Me`` is the owner, ``No-Sender`` nobody."""
    if not name or name == "No-Sender":
        return None
    return owner(name) if name == "Me" else Person(f"signal:name:{name}", name)


def owner(name: str | None) -> Person:
    return Person(OWNER_KEY, name, is_owner=True)


def media_type(content_type: str | None, file_name: str | None = None) -> str:
    """photo, video, audio or file, from a MIME type or else a file extension."""
    major = (content_type or "").split("/")[0].lower()
    if major in _MEDIA:
        return "gif" if content_type == "image/gif" else _MEDIA[major]
    suffix = PurePath(file_name or "").suffix.lower()
    if suffix in (".jpg", ".jpeg", ".png", ".webp", ".heic", ".tif", ".tiff"):
        return "photo"
    if suffix in (".mp4", ".mov", ".mkv", ".webm", ".3gp"):
        return "video"
    if suffix in (".m4a", ".aac", ".mp3", ".ogg", ".opus", ".wav", ".flac"):
        return "audio"
    return "gif" if suffix == ".gif" else "file"


def chat_title(ctx: ReadContext) -> str | None:
    """The chat's title: ``--option chat=…``, else signal-export's folder or sigtop's ``Title (detail).ext``.

    A signal-export file read without its folder (``chat.md`` alone) has no title.
    """
    given = ctx.options.get("chat")
    if isinstance(given, str) and given.strip():
        return given.strip()
    path = PurePath(ctx.name)
    if path.name.lower() in _EXPORT_FILES:
        return path.parent.name or None
    return path.stem or None


class Directory:
    """Conversations and accounts of one file, each yielded once, when first met."""

    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.seen: set[str] = set()

    def conversation(
        self, key: str, kind: str, title: str | None, locator: str, native_id: str | None = None
    ) -> Iterator[Conversation]:
        if key not in self.seen:
            self.seen.add(key)
            yield Conversation(key, PLATFORM, kind, title, Source(self.ctx.sha256, locator), native_id)

    def account(self, who: Person | None, locator: str) -> Iterator[Account]:
        if who is None or who.key in self.seen:
            return
        self.seen.add(who.key)
        yield Account(
            key=who.key,
            platform=PLATFORM,
            source=Source(self.ctx.sha256, locator),
            name=who.name,
            phone=self.ctx.phone(who.phone),
            handle=who.handle,
            native_id=who.native_id,
            is_owner=who.is_owner,
        )


class Recent:
    """The ids of the last ``size`` messages by a lookup key, to resolve what a reply quotes.

    Bounded so that memory does not grow with the file; a reply to an older message keeps its quote
    (in ``extra``) but no ``reply_to``. Keys are kept as hashes: a quoted text can be long.
    """

    def __init__(self, size: int = RECENT) -> None:
        self.size = size
        self.ids: OrderedDict[int, str] = OrderedDict()

    def add(self, key: str | None, native_id: str) -> None:
        if not key:
            return
        hashed = hash(key)
        self.ids[hashed] = native_id
        self.ids.move_to_end(hashed)
        if len(self.ids) > self.size:
            self.ids.popitem(last=False)

    def get(self, key: str | None) -> str | None:
        return self.ids.get(hash(key)) if key else None
