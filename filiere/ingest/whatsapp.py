"""Reader of WhatsApp chat exports in text form (Android and iOS, every locale and calendar met).

Two passes: the first (``whatsapp_scan``) settles encoding, header layout and day/month order for
the whole file; the second parses each line once and yields records. Memory holds one message,
the senders seen and capped caches, whatever the file's size. The ZIP form of the export is read
by ``whatsapp_zip.WhatsAppZipReader`` through ``read_export``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import IO, BinaryIO

from filiere.i18n import tr
from filiere.ingest.base import HEAD_SIZE, ReadContext, Reader
from filiere.ingest.text import head_text
from filiere.ingest.whatsapp_clock import Clock
from filiere.ingest.whatsapp_formats import DATE_START, MARKS, STRIP_MARKS, date_fields
from filiere.ingest.whatsapp_kinds import classify
from filiere.ingest.whatsapp_scan import PROBE_LINES, Layout, best_form, scan
from filiere.ingest.whatsapp_texts import SYSTEM_VERBS, chat_title
from filiere.model import Account, Conversation, Message, PhoneValue, Record, Skipped, Source
from filiere.types.moment import Moment

__all__ = ["WhatsAppTextReader", "match_text", "read_export"]

_MARKED = re.compile(f"[{MARKS}]")
_PHONE_LIKE = re.compile(r"\+?\d[\d\s().\-]{5,}")
_CUES = ("\u200e", "end-to-end", "<media omitted>", "(file attached)", " omitted", "whatsapp")


def match_text(head: bytes, name: str) -> int:
    """Score for a text export: header lines near the start decide; cues and the file name add."""
    lower = name.lower()
    named = "whatsapp" in lower or lower.endswith("_chat.txt")
    is_txt = lower.endswith(".txt")
    if not head or head.startswith(b"PK\x03\x04"):
        return 0
    text = head_text(head)
    lines = text.splitlines()
    if len(head) >= HEAD_SIZE and lines:
        lines.pop()  # cut mid-line
    lines = [line for line in lines if line.strip()][:PROBE_LINES]
    form, count = best_form(lines)
    if form is None:
        return 40 if named and is_txt else (10 if is_txt else 0)
    found = next(m for m in (form.regex.match(line) for line in lines) if m is not None)
    fields = date_fields(found["date"])
    with_seconds = found["time"].count(":") + found["time"].count(".") == 2
    score = 60 + min(30, round(60 * count / len(lines)))
    if form.bracketed and not with_seconds:
        # iOS always writes seconds; "[2019-12-24, 12:23] Name:" is also Signal's text export.
        score = 40 if fields is not None and fields.first_is_year else 60
    lowered = text[:20000].lower()
    if named or any(cue in lowered for cue in _CUES):
        score += 10
    return min(score, 100)


class WhatsAppTextReader(Reader):
    """``WhatsApp Chat with X.txt`` / ``_chat.txt`` exports, read in two streaming passes."""

    name = "whatsapp_txt"
    label = "Discussion WhatsApp exportée (texte)"
    extensions = (".txt",)

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        return match_text(head, name)

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        return read_export(fh, ctx)


def read_export(
    fh: IO[bytes],
    ctx: ReadContext,
    *,
    member: str | None = None,
    archive_media: frozenset[str] | None = None,
) -> Iterator[Record]:
    """Yield the records of one export text; ``member`` names it inside an archive.

    ``archive_media`` holds the names of the other files of the archive, so that each media
    message says whether its file came with the export.
    """
    options = ctx.options or {}
    layout = scan(fh, ctx.name, options.get("date_order"))
    return _Parser(ctx, layout, member, archive_media).run(fh)


class _Parser:
    """Second pass: one compiled regex per line, cached dates and times, records out."""

    def __init__(
        self, ctx: ReadContext, layout: Layout, member: str | None, archive_media: frozenset[str] | None
    ) -> None:
        self.ctx = ctx
        self.sha256 = ctx.sha256
        self.layout = layout
        self.prefix = f"{member}:" if member else ""
        self.archive_media = archive_media
        title = chat_title(ctx.name) or (chat_title(member) if member else None)
        self.title = title or layout.shown_title
        self.conversation = f"whatsapp:chat:{title}" if title else f"whatsapp:file:{ctx.sha256}"
        self.clock = Clock(layout.order, layout.order_reason, ctx.tz)
        self.senders: dict[str, tuple[str, str]] = {}  # sender as written -> (account key, name)
        self.keys: set[str] = set()

    def run(self, fh: IO[bytes]) -> Iterator[Record]:
        prefix = self.prefix
        yield Conversation(
            key=self.conversation,
            platform="whatsapp",
            kind="group" if self.layout.group else "direct",
            title=self.title,
            source=Source(self.ctx.sha256, f"{prefix}line 1"),
        )
        regex = self.layout.form.regex
        match = regex.match
        stamp_groups = tuple(regex.groupindex[name] for name in ("date", "time", "ap1", "ap2"))
        clock = self.clock.moment
        stream = io.TextIOWrapper(fh, encoding=self.layout.encoding, errors="replace", newline=None)
        # The message being gathered: its header line, where its body starts, its number and time.
        # Lines keep their "\n" here; it is taken off once per message, not once per line.
        body_at = number_of = 0
        header = ""
        moment: Moment | None = None
        more: list[str] = []
        skipping = False
        preamble: list[int] = []
        try:
            for number, line in enumerate(stream, start=1):
                found = match(line)
                if found is None:
                    if not line.endswith("\n") and DATE_START.match(line):
                        # A header cut by truncation: reporting it beats gluing it to the last message.
                        if moment is not None:
                            yield from self._records(header, body_at, number_of, more, moment)
                            moment = None
                        yield Skipped(f"{prefix}line {number}", tr("en-tête tronqué", "truncated header"))
                    elif moment is not None:
                        more.append(line)
                    elif not skipping and line.strip():
                        preamble.append(number)
                    continue
                if moment is not None:
                    account, message = self._message(header, body_at, number_of, more, moment)
                    if account is not None:
                        yield account
                    yield message
                    if more:
                        more = []
                elif preamble:
                    yield self._preamble(preamble)
                    preamble = []
                day, time_text, marker1, marker2 = found.group(*stamp_groups)
                stamp = clock(day, time_text, marker1 or marker2)
                if isinstance(stamp, str):
                    yield Skipped(f"{prefix}line {number}", stamp)
                    moment, skipping = None, True
                    continue
                header, body_at, number_of, moment, skipping = line, found.end(), number, stamp, False
            if moment is not None:
                yield from self._records(header, body_at, number_of, more, moment)
            elif preamble:
                yield self._preamble(preamble)
        finally:
            stream.detach()

    def _records(self, line: str, body_at: int, number: int, more: list[str], moment: Moment) -> list[Record]:
        account, message = self._message(line, body_at, number, more, moment)
        return [message] if account is None else [account, message]

    def _preamble(self, numbers: list[int]) -> Skipped:
        first, last = numbers[0], numbers[-1]
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        return Skipped(
            f"{self.prefix}{where}",
            tr("texte avant le premier en-tête de message", "text before the first message header"),
        )

    def _account(self, written: str, locator: str) -> tuple[str, str, Account | None]:
        """The account key and display name of a sender as written; the Account when new."""
        name = " ".join(written.translate(STRIP_MARKS).split())
        phone: PhoneValue | None = None
        key = f"whatsapp:name:{name}"
        if _PHONE_LIKE.fullmatch(name):
            phone = self.ctx.phone(name)
            if phone is not None and phone.e164:
                key = f"phone:{phone.e164}"
        self.senders[written] = (key, name)
        if key in self.keys:
            return key, name, None
        self.keys.add(key)
        account = Account(key=key, platform="whatsapp", source=Source(self.ctx.sha256, locator), name=name, phone=phone)
        return key, name, account

    def _message(
        self, line: str, body_at: int, number: int, more: list[str], moment: Moment
    ) -> tuple[Account | None, Message]:
        """The message of one header, and its sender's Account the first time it is seen."""
        prefix = self.prefix
        rest = line[body_at:].rstrip("\n")
        colon = rest.find(": ")
        written: str | None = None
        if colon >= 0:
            if not SYSTEM_VERBS.search(rest, 0, colon):
                written, rest = rest[:colon], rest[colon + 2 :]
        elif rest[-1:] == ":" and not SYSTEM_VERBS.search(rest):
            written, rest = rest[:-1], ""  # the text starts on the next line
        if more:
            while more and not more[-1].strip():
                more.pop()
            body = classify(rest, "".join(more).rstrip("\n"), has_sender=written is not None)
        else:
            body = classify(rest, "", has_sender=written is not None)
        extra = body.extra or {}
        if not line.isascii() and _MARKED.search(line):
            extra["line"] = line.rstrip("\n")  # as written, direction marks included
        sender: str | None = None
        sender_name: str | None = None
        account: Account | None = None
        if written is not None:
            if body.kind == "system":
                extra["shown_as"] = " ".join(written.translate(STRIP_MARKS).split())
            elif written in self.senders:
                sender, sender_name = self.senders[written]
            else:
                sender, sender_name, account = self._account(written, f"{prefix}line {number}")
        source = Source(self.sha256, f"{prefix}line {number}")
        native_id = f"{prefix}{number}"
        if body.media is None:
            message = Message(
                native_id, body.kind, self.conversation, sender, sender_name, moment, body.text, source, extra=extra
            )
        else:
            if self.archive_media is not None:
                extra["in_archive"] = body.media.rsplit("/", 1)[-1] in self.archive_media
            message = Message(
                native_id,
                body.kind,
                self.conversation,
                sender,
                sender_name,
                moment,
                body.text,
                source,
                media=body.media,
                media_type=body.media_type,
                extra=extra,
            )
        return account, message
