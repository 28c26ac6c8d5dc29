"""Media files of an export are recognised as media, stored and read for nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from filiere.case import Case
from filiere.ingest import registry
from filiere.ingest.media import MediaReader, media_kind
from filiere.ingest.pipeline import Settings, ingest


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "webp"),
        (b"\x00\x00\x00\x18ftypmp42", "mp4"),
        (b"OggS\x00\x02", "ogg"),
        (b"%PDF-1.7\n", "pdf"),
        (b"", None),
        (b'{"messages": []}', None),
    ],
)
def test_signatures(head: bytes, kind: str | None) -> None:
    assert media_kind(head) == kind


def test_chat_exports_are_not_taken_for_media(shared_data: Path) -> None:
    for path in (shared_data / "chat_exports").rglob("*"):
        if path.is_file() and path.suffix != ".zip":
            assert MediaReader.match(path.read_bytes()[:64], path.name) == 0, path


def test_a_photo_is_kept_and_read_for_nothing(tmp_path: Path) -> None:
    photo = tmp_path / "photo_1@08-01-2024_13-27-38.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200))
    assert registry.choose(photo.read_bytes(), photo.name) is MediaReader
    with Case.create(tmp_path / "c", title="t") as case:
        report = ingest(case, case.store_file(photo).row.sha256, Settings())
        assert (report.status, report.format, report.counts) == ("ingested", "media", {})
        assert case.evidence_path(report.sha256).read_bytes() == photo.read_bytes()
