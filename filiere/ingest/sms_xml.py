"""Android "SMS Backup & Restore" (SyncTech) ``sms.xml`` backups: SMS and MMS as messages.

One thread per counterpart (``sms:+33639981221``), group MMS threads keyed by their sorted
addresses. The app's format: ``<smses count=…><sms address date type body contact_name …/>
<mms date msg_box address …><parts><part ct text name …/></parts><addrs><addr address type/>
</addrs></mms></smses>``; dates are Java milliseconds, text is in attributes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from filiere.i18n import tr
from filiere.ingest.base import ReadContext, Reader
from filiere.ingest.safexml import Node, iter_records
from filiere.ingest.text import head_text
from filiere.model import Account, Conversation, Message, PhoneValue, Record, Skipped, Source
from filiere.types.moment import Moment, from_epoch

PLATFORM = "sms"
OWNER_KEY = "phone:owner"
UNKNOWN_NAME = "(Unknown)"  # what the app writes when the number is not in the address book

# SMS "type" and MMS "msg_box": 1 received, 2 sent; the rest are sent-side states.
_BOXES = {"1": "inbox", "2": "sent", "3": "draft", "4": "outbox", "5": "failed", "6": "queued"}
# MMS <addr type=…>: PduHeaders FROM, TO, CC, BCC.
_ADDR_FROM, _ADDR_RECIPIENTS = "137", ("151", "130", "129")
# Written in <addr> instead of the owner's own number on messages the owner sent.
_OWNER_TOKEN = "insert-address-token"
_MEDIA_TYPES = {"image": "photo", "video": "video", "audio": "audio"}
_FIRST_TAG = re.compile(r"<([A-Za-z_][\w.-]*)[\s/>]")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


class BadRecord(Exception):
    """A record that cannot become a normalised one; its message is the reason given to the user."""


def root_tag(head: bytes) -> str | None:
    """The root element's name in the first bytes of an XML file, comments and prolog skipped."""
    text = _COMMENT.sub("", head_text(head)[:8192])
    found = _FIRST_TAG.search(text)
    return found.group(1) if found else None


def java_time(node: Node, attr: str, tz: str) -> Moment:
    """A Java millisecond time attribute as a Moment; a missing or junk value is a BadRecord."""
    raw = node.get(attr)
    if raw is None:
        raise BadRecord(tr(f"attribut {attr} absent", f"missing {attr} attribute"))
    if not raw.isdigit() or int(raw) == 0:
        raise BadRecord(tr(f"{attr}={raw!r} n'est pas une date", f"{attr}={raw!r} is not a time"))
    value = int(raw)
    # Some MMS backups keep the provider's seconds; no millisecond value is that small after 1973.
    return from_epoch(value if value < 100_000_000_000 else value / 1000, tz)


class PhoneBook:
    """Accounts of phone lines met in one file, each yielded once, with the phone's owner apart."""

    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.seen: set[str] = set()
        # The owner's own number is not in the backup; the investigator may know it (--option owner=…).
        self.owner_phone = ctx.phone(str(ctx.options.get("owner") or ""))
        self.owner_key = key_of(self.owner_phone) if self.owner_phone else OWNER_KEY

    def key(self, raw: str) -> str:
        value = self.ctx.phone(raw)
        return key_of(value) if value else f"phone:{raw}"

    def is_owner(self, raw: str) -> bool:
        return raw == _OWNER_TOKEN or self.key(raw) == self.owner_key

    def account(self, raw: str, name: str | None, locator: str) -> Iterator[Account]:
        """The account of ``raw`` the first time it is met."""
        key = self.key(raw)
        if key not in self.seen:
            self.seen.add(key)
            phone = self.ctx.phone(raw)
            yield Account(key, "phone", Source(self.ctx.sha256, locator), name=name, phone=phone)

    def owner(self, locator: str) -> Iterator[Account]:
        if self.owner_key not in self.seen:
            self.seen.add(self.owner_key)
            source = Source(self.ctx.sha256, locator)
            yield Account(self.owner_key, "phone", source, phone=self.owner_phone, is_owner=True)


def key_of(phone: PhoneValue) -> str:
    """``phone:+33639981221``, or ``phone:ORANGE`` for what is not a phone number."""
    return f"phone:{phone.e164 or phone.original}"


def contact_name(node: Node) -> str | None:
    name = node.get("contact_name")
    return None if name is None or name == UNKNOWN_NAME else name


def match_root(head: bytes, name: str, root: str, hint: str) -> int:
    """95 for a backup whose root element is ``root``; 30 for an unreadable head named like one."""
    try:
        tag = root_tag(head)
    except (ValueError, LookupError):
        return 0
    if tag == root:
        return 95
    if tag is None and name.lower().endswith(".xml") and hint in name.lower():
        return 30
    return 0


class SmsXmlReader(Reader):
    """SMS and MMS of an "SMS Backup & Restore" ``sms-*.xml`` backup."""

    name = "sms_xml"
    label = "Sauvegarde SMS/MMS Android (SMS Backup & Restore, XML)"
    extensions = (".xml",)

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        return match_root(head, name, "smses", "sms")

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        phones = PhoneBook(ctx)
        threads: set[str] = set()
        for node in iter_records(fh, ctx.name, ("smses",), drop=frozenset({"data"})):
            try:
                if node.tag == "sms":
                    records = list(_sms(node, ctx, phones, threads))
                elif node.tag == "mms":
                    records = list(_mms(node, ctx, phones, threads))
                else:
                    raise BadRecord(tr(f"élément <{node.tag}> inconnu", f"unknown element <{node.tag}>"))
            except BadRecord as exc:
                yield Skipped(node.locator, str(exc))
                continue
            yield from records


def _thread(
    key: str, kind: str, title: str | None, locator: str, ctx: ReadContext, threads: set[str]
) -> Iterator[Conversation]:
    if key not in threads:
        threads.add(key)
        yield Conversation(key, PLATFORM, kind, title, Source(ctx.sha256, locator))


def _box(node: Node, attr: str) -> tuple[str, dict[str, Any]]:
    """Direction and, for drafts and failures, the box the message sat in."""
    box = _BOXES.get(node.get(attr) or "")
    if box is None:
        raise BadRecord(tr(f"{attr}={node.get(attr)!r} inconnu", f"unknown {attr}={node.get(attr)!r}"))
    if box == "inbox":
        return "in", {}
    return "out", ({} if box == "sent" else {"box": box})


def _sms(node: Node, ctx: ReadContext, phones: PhoneBook, threads: set[str]) -> Iterator[Record]:
    time = java_time(node, "date", ctx.tz)
    address = node.get("address")
    if address is None:
        raise BadRecord(tr("attribut address absent", "missing address attribute"))
    direction, extra = _box(node, "type")
    name = contact_name(node)
    peer = phones.key(address)
    thread = f"sms:{peer.removeprefix('phone:')}"
    yield from _thread(thread, "direct", name or address, node.locator, ctx, threads)
    yield from phones.account(address, name, node.locator)
    if direction == "out":
        yield from phones.owner(node.locator)
    yield Message(
        native_id=f"sms[{node.index}]",
        kind="text",
        conversation=thread,
        sender=peer if direction == "in" else phones.owner_key,
        sender_name=name if direction == "in" else None,
        time=time,
        text=node.attrs.get("body", ""),
        source=Source(ctx.sha256, node.locator),
        direction=direction,
        extra=extra,
    )


def _mms(node: Node, ctx: ReadContext, phones: PhoneBook, threads: set[str]) -> Iterator[Record]:
    time = java_time(node, "date", ctx.tz)
    direction, extra = _box(node, "msg_box")
    parts = [child for parts in node.children if parts.tag == "parts" for child in parts.children]
    addrs = [child for group in node.children if group.tag == "addrs" for child in group.children]
    sender_raw = next((a.get("address") for a in addrs if a.get("type") == _ADDR_FROM), None)
    peers = _peers(node, addrs, phones)
    if not peers:
        raise BadRecord(tr("aucun correspondant (address, addrs)", "no counterpart (address, addrs)"))
    keys = sorted({phones.key(raw).removeprefix("phone:") for raw in peers})
    name = contact_name(node)
    thread = f"sms:{','.join(keys)}"
    kind = "direct" if len(keys) == 1 else "group"
    yield from _thread(thread, kind, name or ", ".join(peers), node.locator, ctx, threads)
    for raw in peers:
        yield from phones.account(raw, name if kind == "direct" else None, node.locator)
    if direction == "in" and sender_raw and not phones.is_owner(sender_raw):
        yield from phones.account(sender_raw, None, node.locator)
        sender: str | None = phones.key(sender_raw)
    elif direction == "in":
        sender = phones.key(peers[0]) if kind == "direct" else None
    else:
        yield from phones.owner(node.locator)
        sender = phones.owner_key
    texts, media = _content(parts)
    if subject := node.get("sub"):
        extra["subject"] = subject
    if len(media) > 1:
        extra["media"] = [name for name, _ in media]
    yield Message(
        native_id=f"mms[{node.index}]",
        kind="media" if media else "text",
        conversation=thread,
        sender=sender,
        sender_name=name if direction == "in" and kind == "direct" else None,
        time=time,
        text="\n".join(texts),
        source=Source(ctx.sha256, node.locator),
        media=", ".join(name for name, _ in media) or None,
        media_type=media[0][1] if media else None,
        direction=direction,
        extra=extra,
    )


def _peers(node: Node, addrs: list[Node], phones: PhoneBook) -> list[str]:
    """The other party or parties: the app joins a group's addresses with "~" in ``address``."""
    listed = [raw.strip() for raw in (node.get("address") or "").split("~") if raw.strip()]
    if not listed:
        listed = [raw for a in addrs if (raw := a.get("address")) is not None]
    return [raw for raw in dict.fromkeys(listed) if not phones.is_owner(raw)]


def _content(parts: list[Node]) -> tuple[list[str], list[tuple[str, str]]]:
    """Text of the text parts, and (name, media type) of the attachments; SMIL layout is dropped."""
    texts: list[str] = []
    media: list[tuple[str, str]] = []
    for part in sorted(
        parts, key=lambda p: int(p.get("seq") or 0) if (p.get("seq") or "").lstrip("-").isdigit() else 0
    ):
        content_type = (part.get("ct") or "").lower()
        if content_type == "application/smil":
            continue
        if content_type.startswith("text/plain"):
            if text := part.get("text"):
                texts.append(text)
            continue
        name = part.get("name") or part.get("cl") or part.get("fn") or content_type or "?"
        media.append((name, _MEDIA_TYPES.get(content_type.partition("/")[0], "file")))
    return texts, media
