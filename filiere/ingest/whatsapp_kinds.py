"""What a WhatsApp export line holds: text, media, location, contact card, deleted message, call, notice.

``classify`` turns the body of one message (its first line and continuation lines, as written)
into a kind, the cleaned text, the media file or placeholder, and facts worth keeping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from filiere.ingest.whatsapp_formats import MARK_SET, MARKS, STRIP_MARKS
from filiere.ingest.whatsapp_texts import (
    ATTACHED,
    DELETED,
    EDITED_SUFFIXES,
    FOURSQUARE,
    IOS_ATTACHED,
    LIVE_LOCATION,
    MAPS,
    MEDIA_OMITTED,
    MISSED_CALLS,
    OMITTED,
    SYSTEM_PREFIXES,
    media_type_of,
    nfc,
)

_MARK_SPLIT = re.compile(f"[{MARKS}]+")
_SHORT = 80  # placeholders are shorter than this; longer bodies skip the look-ups


@dataclass(slots=True)
class Body:
    """A classified message body."""

    kind: str
    text: str
    media: str | None = None
    media_type: str | None = None
    extra: dict[str, Any] | None = None  # None rather than {}: most bodies have nothing to add


# Every placeholder, lower-cased, with the kind it stands for, its media type and a call note.
_PLACEHOLDERS: dict[str, tuple[str, str | None, str | None]] = {
    **{key: ("deleted", None, None) for key in DELETED},
    **{key: ("call", None, f"missed {what}") for key, what in MISSED_CALLS.items()},
    **{key: ("contact" if kind == "contact" else "media", kind, None) for key, kind in OMITTED.items()},
    **{key: ("media", None, None) for key in MEDIA_OMITTED},
    **{key: ("location", None, None) for key in LIVE_LOCATION},
}


def placeholder_kind(text: str) -> str | None:
    """The kind of message ``text`` is WhatsApp's placeholder for ("deleted" for "Vous avez supprimé
    ce message", "call" for "Appel vocal manqué", "media"…), None when it is someone's words."""
    found = _placeholder_of(text.strip())
    return found[0] if found is not None else None


def _placeholder_of(head: str) -> tuple[str, str | None, str | None] | None:
    """The placeholder row of ``head`` (a body's first line, stripped), in any language listed."""
    if len(head) > _SHORT:
        return None
    key = head.lower().rstrip(".。")
    return _PLACEHOLDERS.get(key if key.isascii() else nfc(key))


def _placeholder(found: tuple[str, str | None, str | None], head: str, rest: str) -> Body:
    """The body of one of WhatsApp's placeholders (a caption may follow on the next lines)."""
    kind, media_type, call = found
    if kind in ("deleted", "call"):
        return Body(kind, head, extra={"call": call} if call else None)
    if kind == "location":
        return Body(kind, f"{head}\n{rest}".strip(), extra={"live": True})
    return Body(kind, rest.strip(), media=head, media_type=media_type)


def _attachment(file_name: str, text: str) -> Body:
    media_type = media_type_of(file_name)
    kind = "contact" if media_type == "contact" else "media"
    return Body(kind, text, media=file_name, media_type=media_type)


def _location(full: str) -> Body | None:
    if "maps.google." in full:
        found = MAPS.fullmatch(full)
        if found is not None:
            extra: dict[str, Any] = {
                "lat": float(found["lat"]),
                "lon": float(found["lon"]),
                "url": found["url"],
            }
            return Body("location", full, extra=extra)
    if "foursquare.com/" in full:
        found = FOURSQUARE.fullmatch(full)
        if found is not None:
            place: dict[str, Any] = {"place": found["place"].strip(), "url": found["url"]}
            if found["address"]:
                place["address"] = found["address"].strip()
            return Body("location", full, extra=place)
    return None


def _ios_generated(first: str, rest: str) -> Body | None:
    """iOS writes its placeholders after a direction mark, possibly behind a document title.

    ``"Some file.txt ‎document omitted"``, ``"Resume.pdf • ‎2 pages ‎document omitted"``.
    """
    parts = [part.strip() for part in _MARK_SPLIT.split(first)]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return None
    media_type = OMITTED.get(nfc(parts[-1].lower().rstrip(".")))
    if media_type is None:
        return None
    kind = "contact" if media_type == "contact" else "media"
    title = " ".join(parts[:-1])
    text = f"{title}\n{rest}" if rest else title
    return Body(kind, text, media=parts[-1], media_type=media_type)


def classify(first: str, rest: str, *, has_sender: bool) -> Body:
    """Classify a message body: ``first`` is the header line after the sender, ``rest`` the next lines.

    Placeholders are recognised in every language listed in ``whatsapp_texts``; a body that only
    differs from plain text by the direction mark iOS puts before generated texts, and that is not
    a placeholder, is a system notice shown under the chat's name.
    """
    marked = not first.isascii() and _MARK_SPLIT.search(first) is not None
    clean = first.translate(STRIP_MARKS) if marked else first  # most lines need no cleaning
    if rest:
        if not rest.isascii():
            rest = rest.translate(STRIP_MARKS)
        full = f"{clean}\n{rest}"
    else:
        full = clean
    edited = False
    if full.endswith(">"):
        lowered_end = full[-48:].lower()
        for suffix in EDITED_SUFFIXES:
            if lowered_end.endswith(suffix):
                full, edited = full[: -len(suffix)].rstrip(), True
                clean, _, rest = full.partition("\n")
                break

    head = clean.strip()
    body: Body | None = None
    found = _placeholder_of(head)
    if found is not None:
        body = _placeholder(found, head, rest)
    if body is None:
        last = head[-1:]
        if last == ")":
            attached = ATTACHED.fullmatch(head)
            if attached is not None:
                body = _attachment(attached["file"].strip(), rest.strip())
        elif last == ">":
            attached = IOS_ATTACHED.fullmatch(head)
            if attached is not None:
                before = attached["before"].strip()
                body = _attachment(attached["file"].strip(), f"{before}\n{rest}".strip())
    if body is None and ("maps.google." in full or "foursquare.com/" in full):
        body = _location(full.strip())
    if body is None and marked and has_sender:
        body = _ios_generated(first, rest)
    if body is None:
        # Without a sender it is a notice; iOS files its notices under the chat's name, after a
        # direction mark; old Android exports file the encryption notice likewise, without mark.
        if not has_sender or first[:1] in MARK_SET or head[:_SHORT].lower().startswith(SYSTEM_PREFIXES):
            body = Body("system", full.strip())
        else:
            body = Body("text", full)
    if edited:
        body.extra = {**(body.extra or {}), "edited": True}
    return body
