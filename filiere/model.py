"""Normalised records: what every reader yields and the case store keeps.

Close to FollowTheMoney (Message, Call, UserAccount) with what it lacks for this work: Conversation
(channel, group, direct chat), CellSite, and provenance on every record. Keys (``Conversation.key``,
``Account.key``) are strings chosen by the reader, unique within one evidence file and stable across
re-reads of it: ``"telegram:user12345"``, ``"phone:+33639981221"``, ``"whatsapp:name:Dispatch"``.
Records refer to each other by these keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from filiere.types.moment import Moment


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record comes from: the evidence file's SHA-256 and a locator inside it.

    A locator is readable and precise enough to find the bytes again: ``"line 17"``,
    ``"messages[41] id=1234"``, ``"sms[3]"``, ``"row 12"``, ``"card 2 (line 30)"``.
    """

    sha256: str
    locator: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A span the exporter itself marked in a text: link, mention, phone, hashtag, email."""

    kind: str
    text: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """The cell site a call went through, as the operator states it."""

    cell_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    address: str | None = None


@dataclass(frozen=True, slots=True)
class PhoneValue:
    """A number as written, with its E.164 form when it is one."""

    original: str
    e164: str | None
    label: str | None = None


@dataclass(slots=True)
class Conversation:
    """A channel, group, direct chat, or the implicit thread of an SMS backup or call log."""

    type: ClassVar[str] = "conversation"
    key: str
    platform: str
    kind: str  # channel | group | direct | saved | sms | calls | unknown
    title: str | None
    source: Source
    native_id: str | None = None


@dataclass(slots=True)
class Account:
    """An identity seen in the evidence: a platform account, a phone line, a handle."""

    type: ClassVar[str] = "account"
    key: str
    platform: str
    source: Source
    name: str | None = None
    phone: PhoneValue | None = None
    handle: str | None = None
    native_id: str | None = None
    is_owner: bool = False  # the account that made the export or owns the phone


@dataclass(slots=True)
class Message:
    """One message or system event of a conversation.

    ``kind`` is one of: text, media, location, contact, poll, call, system, deleted, unknown.
    """

    type: ClassVar[str] = "message"
    native_id: str
    kind: str
    conversation: str
    sender: str | None
    sender_name: str | None
    time: Moment
    text: str
    source: Source
    reply_to: str | None = None
    forwarded_from: str | None = None
    media: str | None = None  # file name or placeholder as written
    media_type: str | None = None  # photo, video, audio, voice, sticker, gif, file, ...
    edited: Moment | None = None
    direction: str | None = None  # in | out, when the export says so (SMS)
    entities: tuple[Entity, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Call:
    """A call, SMS or data session from a call log or operator records (CDR)."""

    type: ClassVar[str] = "call"
    native_id: str
    caller: str | None  # account key
    callee: str | None
    start: Moment
    duration_s: int | None
    direction: str  # incoming | outgoing | missed | rejected | voicemail | blocked | unknown
    source: Source
    kind: str = "voice"  # voice | video | sms | mms | data
    cell: Cell | None = None
    imei: str | None = None
    imsi: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Contact:
    """An address-book entry (vCard, phone contacts, Telegram contacts list)."""

    type: ClassVar[str] = "contact"
    key: str
    name: str | None
    source: Source
    phones: tuple[PhoneValue, ...] = ()
    emails: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    organisation: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record the reader could not read: the run goes on, the reason is reported and stored."""

    type: ClassVar[str] = "skipped"
    locator: str
    reason: str


Record = Conversation | Account | Message | Call | Contact | Skipped
