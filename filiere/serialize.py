"""Records as plain JSON-ready dicts: the public record schema (see docs/RECORDS.md)."""

from __future__ import annotations

from typing import Any

from filiere.model import (
    Account,
    Call,
    Cell,
    Contact,
    Conversation,
    Message,
    PhoneValue,
    Record,
    Skipped,
    Source,
)
from filiere.types.moment import Moment


def _source(source: Source) -> dict[str, str]:
    return {"sha256": source.sha256, "locator": source.locator}


def _phone(phone: PhoneValue | None) -> dict[str, Any] | None:
    if phone is None:
        return None
    return {"e164": phone.e164, "original": phone.original, "label": phone.label}


def _cell(cell: Cell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {"id": cell.cell_id, "lat": cell.lat, "lon": cell.lon, "address": cell.address}


def _edited(moment: Moment | None) -> str | None:
    return None if moment is None else moment.iso_utc()


def to_dict(record: Record) -> dict[str, Any]:
    """The JSON form of one record, with a ``type`` field first."""
    if isinstance(record, Message):
        return {
            "type": "message",
            "id": record.native_id,
            "kind": record.kind,
            "conversation": record.conversation,
            "sender": record.sender,
            "sender_name": record.sender_name,
            "time": record.time.iso_utc(),
            "local_time": record.time.local,
            "tz": record.time.tz,
            "text": record.text,
            "reply_to": record.reply_to,
            "forwarded_from": record.forwarded_from,
            "media": record.media,
            "media_type": record.media_type,
            "edited": _edited(record.edited),
            "direction": record.direction,
            "entities": [{"kind": e.kind, "text": e.text, "value": e.value} for e in record.entities],
            **({"extra": record.extra} if record.extra else {}),
            "source": _source(record.source),
        }
    if isinstance(record, Call):
        return {
            "type": "call",
            "id": record.native_id,
            "kind": record.kind,
            "caller": record.caller,
            "callee": record.callee,
            "start": record.start.iso_utc(),
            "local_time": record.start.local,
            "tz": record.start.tz,
            "duration_s": record.duration_s,
            "direction": record.direction,
            "cell": _cell(record.cell),
            "imei": record.imei,
            "imsi": record.imsi,
            **({"extra": record.extra} if record.extra else {}),
            "source": _source(record.source),
        }
    if isinstance(record, Conversation):
        return {
            "type": "conversation",
            "key": record.key,
            "platform": record.platform,
            "kind": record.kind,
            "title": record.title,
            "native_id": record.native_id,
            "source": _source(record.source),
        }
    if isinstance(record, Account):
        return {
            "type": "account",
            "key": record.key,
            "platform": record.platform,
            "name": record.name,
            "phone": _phone(record.phone),
            "handle": record.handle,
            "native_id": record.native_id,
            "is_owner": record.is_owner,
            "source": _source(record.source),
        }
    if isinstance(record, Contact):
        return {
            "type": "contact",
            "key": record.key,
            "name": record.name,
            "phones": [_phone(p) for p in record.phones],
            "emails": list(record.emails),
            "handles": list(record.handles),
            "organisation": record.organisation,
            "note": record.note,
            "source": _source(record.source),
        }
    assert isinstance(record, Skipped)
    return {"type": "skipped", "locator": record.locator, "reason": record.reason}
