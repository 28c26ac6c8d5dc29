"""Photos, videos, voice notes and documents found in exports: recognised by their signature, kept
in the locker, and read for nothing (they carry no messages; chats refer to them by name)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from filiere.ingest.base import ReadContext, Reader
from filiere.model import Record

# (signature at offset, offset, kind). Checked on the first bytes only: cheap and never raises.
SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"GIF87a", 0, "gif"),
    (b"GIF89a", 0, "gif"),
    (b"WEBP", 8, "webp"),
    (b"ftyp", 4, "mp4"),
    (b"OggS", 0, "ogg"),
    (b"ID3", 0, "mp3"),
    (b"%PDF-", 0, "pdf"),
    (b"\x1aE\xdf\xa3", 0, "webm"),
)


def media_kind(head: bytes) -> str | None:
    """The kind of media file ``head`` starts, or None.

    >>> media_kind(b"\\xff\\xd8\\xff\\xe0\\x00\\x10JFIF"), media_kind(b"hello")
    ('jpeg', None)
    """
    for signature, offset, kind in SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return kind
    return None


class MediaReader(Reader):
    name = "media"
    label = "Fichier média (photo, vidéo, son, document)"
    extensions = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".mp4", ".mov", ".ogg", ".opus", ".mp3", ".pdf", ".webm")

    @classmethod
    def match(cls, head: bytes, name: str) -> int:
        return 60 if media_kind(head) else 0

    def read(self, fh: BinaryIO, ctx: ReadContext) -> Iterator[Record]:
        """A media file has no records of its own: it is kept, hashed and logged, and that is all."""
        return iter(())
