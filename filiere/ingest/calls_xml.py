"""Android "SMS Backup & Restore" (SyncTech) ``calls.xml`` backups: the phone's call log.

``<calls count=…><call number duration date type presentation contact_name …/></calls>``;
``date`` is Java milliseconds, ``duration`` seconds, ``type`` the Android CallLog type.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from filiere.i18n import tr
from filiere.ingest.base import ReadContext, Reader
from filiere.ingest.safexml import Node, iter_records
from filiere.ingest.sms_xml import BadRecord, PhoneBook, contact_name, java_time, match_root
from filiere.model import Call, Record, Skipped, Source

# android.provider.CallLog.Calls.TYPE; 7 is a call picked up on another device of the account.
_DIRECTIONS = {
    "1": "incoming",
    "2": "outgoing",
    "3": "missed",
    "4": "voicemail",
    "5": "rejected",
    "6": "blocked",
    "7": "incoming",
}
# CallLog.Calls.PRESENTATION: the network hid or did not know the number.
_HIDDEN = {"2": "restricted", "3": "unknown", "4": "payphone"}


class CallsXmlReader(Reader):
    """The call log of an "SMS Backup & Restore" ``calls-*.xml`` backup."""

    name = "calls_xml"
    label = "Journal d'appels Android (SMS Backup & Restore, XML)"
    extensions = (".xml",)

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        return match_root(head, name, "calls", "call")

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        phones = PhoneBook(ctx)
        for node in iter_records(fh, ctx.name, ("calls",)):
            try:
                if node.tag != "call":
                    raise BadRecord(tr(f"élément <{node.tag}> inconnu", f"unknown element <{node.tag}>"))
                records = list(_call(node, ctx, phones))
            except BadRecord as exc:
                yield Skipped(node.locator, str(exc))
                continue
            yield from records


def _call(node: Node, ctx: ReadContext, phones: PhoneBook) -> Iterator[Record]:
    start = java_time(node, "date", ctx.tz)
    call_type = node.get("type") or ""
    direction = _DIRECTIONS.get(call_type)
    if direction is None:
        raise BadRecord(tr(f"type={call_type!r} inconnu", f"unknown type={call_type!r}"))
    extra: dict[str, Any] = {"answered_elsewhere": True} if call_type == "7" else {}
    number = node.get("number")
    hidden = _HIDDEN.get(node.get("presentation") or "")
    # Android stores "", "-1", "-2" or "-3" as the number of a withheld or unknown caller.
    if number is not None and number.lstrip("-").isdigit() and number.startswith("-"):
        number = None
    if hidden or number is None:
        extra["presentation"] = hidden or "unknown"
    peer = None
    if number is not None:
        yield from phones.account(number, contact_name(node), node.locator)
        peer = phones.key(number)
    yield from phones.owner(node.locator)
    duration = node.get("duration")
    if duration is not None and not duration.isdigit():
        extra["duration"] = duration
    if post_dial := node.get("post_dial_digits"):
        extra["post_dial_digits"] = post_dial
    outgoing = direction == "outgoing"
    yield Call(
        native_id=f"call[{node.index}]",
        caller=phones.owner_key if outgoing else peer,
        callee=peer if outgoing else phones.owner_key,
        start=start,
        duration_s=int(duration) if duration is not None and duration.isdigit() else None,
        direction=direction,
        source=Source(ctx.sha256, node.locator),
        extra=extra,
    )
