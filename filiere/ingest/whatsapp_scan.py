"""First pass over a WhatsApp export: encoding, header form, day/month order, group or not.

The pass reads the whole file once, keeping counters only, so that the second pass parses every
line once with settled choices. Memory does not grow with the file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import IO

from filiere.errors import FormatError
from filiere.i18n import tr
from filiere.ingest.base import HEAD_SIZE
from filiere.ingest.text import sniff_encoding
from filiere.ingest.whatsapp_formats import (
    FORMS,
    MARK_SET,
    ORDERS,
    STRIP_MARKS,
    HeaderForm,
    OrderInference,
)
from filiere.ingest.whatsapp_texts import GROUP_HINTS, SYSTEM_PREFIXES

PROBE_LINES = 200  # the header form is chosen from this many non-empty lines
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Layout:
    """What the first pass settled for the second."""

    encoding: str
    form: HeaderForm
    order: str
    order_reason: str
    group: bool
    shown_title: str | None  # iOS: the name the first notice is filed under (the chat's name)


def best_form(lines: list[str]) -> tuple[HeaderForm | None, int]:
    """The header form matching most of ``lines``, and how many it matches."""
    best: HeaderForm | None = None
    best_count = 0
    for form in FORMS:
        count = sum(1 for line in lines if form.regex.match(line))
        if count > best_count:
            best, best_count = form, count
    return best, best_count


def scan(fh: IO[bytes], name: str, date_order: str | None = None) -> Layout:
    """Run the first pass over ``fh`` (left where it started) and settle the reading choices.

    Raises ``FormatError`` for an empty file or one without WhatsApp headers near its start.
    """
    start = fh.tell()
    head = fh.read(HEAD_SIZE)
    fh.seek(start)
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise FormatError(
            tr("fichier vide", "empty file"),
            path=name,
            locator="line 1",
            hint=tr("le fichier ne contient aucun message", "the file holds no message"),
        )
    if date_order is not None and date_order not in ORDERS:
        raise FormatError(
            tr(f"option date_order inconnue : {date_order!r}", f"unknown date_order option: {date_order!r}"),
            path=name,
            hint=tr("valeurs possibles : dmy, mdy, ymd", "possible values: dmy, mdy, ymd"),
        )
    encoding = sniff_encoding(head)
    # UTF-8 or Windows-1252 is decided on the whole file below, not on its first 64 KiB.
    return _Scanner(name, "utf-8" if encoding == "cp1252" else encoding, date_order).run(fh)


class _Scanner:
    def __init__(self, name: str, encoding: str, date_order: str | None) -> None:
        self.name = name
        self.encoding = encoding
        self.date_order = date_order
        self.form: HeaderForm | None = None
        self.probe: list[str] = []
        self.lines = 0
        self.order = OrderInference()
        self.last_date = ""
        self.senders: set[str] = set()  # cleaned names, to tell groups (three or more) apart
        self.seen: set[str] = set()  # the same as written, to skip known senders cheaply
        self.group = False
        self.shown_title: str | None = None

    def run(self, fh: IO[bytes]) -> Layout:
        start = fh.tell()
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="replace")
        utf8 = self.encoding.startswith("utf-8")
        # Evidence for UTF-8 (bytes spent in valid multi-byte characters) against it (bytes that
        # are not UTF-8): a UTF-8 export may hold a few damaged bytes, a Windows-1252 one whose
        # first 64 KiB are plain ASCII shows only the latter.
        multibyte = broken = 0
        pending = ""
        while True:
            chunk = fh.read(_CHUNK)
            text = decoder.decode(chunk, final=not chunk)
            if utf8 and not text.isascii():
                broken += text.count("\ufffd")
                multibyte += len(chunk) - len(text)
            if "\r" in text:  # the second pass reads \r\n and a lone \r as line ends too
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            lines = (pending + text).split("\n")
            pending = lines.pop() if chunk else ""
            if len(pending) > _CHUNK:
                pending = pending[:HEAD_SIZE]  # a line this long is no header: its start will do
            if self.form is None:
                lines = self._probe(lines)
            if lines:
                self._headers(lines)
            if not chunk:
                break
        if self.form is None:
            self._choose_form()
        fh.seek(start)
        assert self.form is not None
        if broken > multibyte:
            self.encoding = "cp1252"  # undefined bytes of Windows-1252 are replaced when read
        if self.date_order is not None:
            order, reason = self.date_order, tr("imposé par l'option date_order", "set by date_order")
        else:
            order, reason = self.order.result()
        return Layout(self.encoding, self.form, order, reason, self.group, self.shown_title)

    def _probe(self, lines: list[str]) -> list[str]:
        """Gather the first non-empty lines until the form can be chosen; the lines left over."""
        for index, line in enumerate(lines):
            self.lines += 1
            if line.strip():
                self.probe.append(line)
            if len(self.probe) >= PROBE_LINES:
                self._choose_form()
                return lines[index + 1 :]
        return []

    def _choose_form(self) -> None:
        form, count = best_form(self.probe)
        if form is None or count == 0:
            raise FormatError(
                tr(
                    f"aucun en-tête de message WhatsApp dans les {self.lines} premières lignes",
                    f"no WhatsApp message header found in the first {self.lines} lines",
                ),
                path=self.name,
                locator=f"lines 1-{self.lines}",
                hint=tr(
                    "ce n'est pas un export de discussion WhatsApp (ou son format de date est inconnu)",
                    "this is not a WhatsApp chat export (or its date layout is unknown)",
                ),
            )
        self.form = form
        probe, self.probe = self.probe, []
        self._headers(probe)

    def _headers(self, lines: list[str]) -> None:
        """Feed the dates of header lines to the order inference, and look for group hints."""
        assert self.form is not None
        match = self.form.regex.match
        feed = self.order.feed
        last = self.last_date
        hints = not self._hints_done()
        if not hints:
            match = self.form.dates.match  # only dates are wanted now: a cheaper pattern
        seen = self.seen
        for line in lines:
            found = match(line)
            if found is None:
                continue
            day = found.group("date")
            if day != last:
                feed(day)
                last = day
            if hints:
                end = found.end()
                colon = line.find(": ", end)
                # Most lines are plain messages of senders already counted: skip them quickly.
                if colon > 0 and line[colon + 2 : colon + 3] not in MARK_SET and line[end:colon] in seen:
                    continue
                self._hints(line[end:])
                hints = not self._hints_done()
        self.last_date = last

    def _hints_done(self) -> bool:
        assert self.form is not None
        return self.group and (self.shown_title is not None or not self.form.bracketed)

    def _hints(self, rest: str) -> None:
        """Group or direct chat, and the chat's name under which iOS files its notices."""
        colon = rest.find(": ")
        if colon < 0:
            self.group = self.group or GROUP_HINTS.search(rest) is not None
            return
        sender = " ".join(rest[:colon].translate(STRIP_MARKS).split())
        text = rest[colon + 2 :]
        if text[:1] in MARK_SET:
            if self.shown_title is None and text.translate(STRIP_MARKS).lower().startswith(SYSTEM_PREFIXES):
                self.shown_title = sender
            self.group = self.group or GROUP_HINTS.search(text) is not None
        else:
            self.seen.add(rest[:colon])
            if not self.group:
                self.senders.add(sender)
                self.group = len(self.senders) > 2
