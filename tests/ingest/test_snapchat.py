"""Snapchat chat-history reader: both layouts of the data download (fictional fixtures), broken files."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from filiere.errors import FormatError
from filiere.ingest.base import HEAD_SIZE, ReadContext
from filiere.ingest.snapchat import SnapchatJsonReader, created
from filiere.model import Account, Conversation, Message, Record, Skipped
from filiere.serialize import to_dict

T = TypeVar("T")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "snapchat"
SHA = "ab" * 32


@pytest.fixture(autouse=True, scope="module")
def english() -> Iterator[None]:
    """Reasons and messages are asserted in English."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FILIERE_LANG", "en")
        yield


def read(data: bytes, name: str = "chat_history.json") -> list[Record]:
    return list(SnapchatJsonReader().read(io.BytesIO(data), ReadContext(sha256=SHA, name=name)))


def read_fixture(name: str) -> list[Record]:
    return read((FIXTURES / name).read_bytes(), name)


def of(records: list[Record], kind: type[T]) -> list[T]:
    return [r for r in records if isinstance(r, kind)]


# --- newer layout: one list per conversation ------------------------------------------------------


@pytest.fixture(scope="module")
def newer() -> list[Record]:
    return read_fixture("chat_history_2024.json")


def test_newer_conversations(newer: list[Record]) -> None:
    assert [(c.key, c.kind, c.title) for c in of(newer, Conversation)] == [
        ("snapchat:chat:lune_bleue92", "direct", "lune_bleue92"),
        ("snapchat:chat:7c1e9a52-3b4d-4f6e-8a9b-0c1d2e3f4a5b", "group", "Les Inventés"),
        ("snapchat:chat:vide_fictif", "direct", "vide_fictif"),  # empty, still listed
    ]


def test_newer_accounts_and_owner(newer: list[Record]) -> None:
    accounts = {a.key: a for a in of(newer, Account)}
    assert set(accounts) == {
        "snapchat:lune_bleue92",
        "snapchat:nuit_calme_fictif",
        "snapchat:k_marchand_fictif",
        "snapchat:zoe_imaginaire",
    }
    assert [a.handle for a in accounts.values() if a.is_owner] == ["nuit_calme_fictif"]  # IsSender


def test_newer_messages(newer: list[Record]) -> None:
    messages = of(newer, Message)
    assert [(m.kind, m.media_type) for m in messages] == [
        ("text", None),
        ("text", None),
        ("media", None),
        ("media", "voice"),
        ("system", None),
        ("media", "sticker"),
        ("location", None),
        ("text", None),
        ("media", "share"),
        ("system", None),
    ]
    first, second, media = messages[:3]
    assert (first.direction, second.direction) == ("in", "out")
    assert first.time.iso_utc() == "2024-04-20T01:29:22Z"
    assert first.time.utc.microsecond == 686000  # the millisecond field refines the text time
    assert first.time.tz == "UTC"
    assert second.text == "j'arrive, rappelle au 06 39 98 12 21"
    assert media.media == "b~EiQSFUZpY3RpZjAxAAAA | b~EiQSFUZpY3RpZjAyAAAA"
    assert media.extra["media_ids"] == ["b~EiQSFUZpY3RpZjAxAAAA", "b~EiQSFUZpY3RpZjAyAAAA"]
    assert messages[3].text == ""  # "Content": null
    assert first.source.locator == '["lune_bleue92"][0]'
    assert first.source.sha256 == SHA


def test_newer_unreadable_items_are_skipped(newer: list[Record]) -> None:
    assert {s.locator: s.reason for s in of(newer, Skipped)} == {
        '["lune_bleue92"][7]': "message is a str, not an object",
        '["lune_bleue92"][8]': "message has no date",
        '["lune_bleue92"][9]': "unreadable date: Invalid isoformat string: 'hier soir'",
    }


def test_every_key_is_announced_once_before_use(newer: list[Record]) -> None:
    older = read_fixture("chat_history_2019.json")
    for records in (newer, older):
        seen: set[str] = set()
        for record in records:
            if isinstance(record, Conversation | Account):
                assert record.key not in seen
                seen.add(record.key)
            elif isinstance(record, Message):
                assert record.conversation in seen
                assert record.sender is None or record.sender in seen


# --- older layout: Received / Sent sections -------------------------------------------------------


def test_older_layout() -> None:
    records = read_fixture("chat_history_2019.json")
    messages = of(records, Message)
    assert [(m.conversation, m.direction, m.kind, m.text) for m in messages] == [
        ("snapchat:chat:lune_bleue92", "in", "text", "ok pour demain"),
        ("snapchat:chat:k_marchand_fictif", "in", "media", ""),
        ("snapchat:chat:lune_bleue92", "out", "text", "à quelle heure ?"),
    ]
    owner = [a for a in of(records, Account) if a.is_owner]
    assert [a.key for a in owner] == [f"snapchat:owner:{SHA[:16]}"]  # the older layout never names it
    assert messages[2].sender == owner[0].key
    assert [m.native_id for m in messages] == ["received-chat:0", "received-chat:1", "sent-chat:0"]
    assert of(records, Skipped) == [Skipped('["Received Saved Chat History"][2]', "no 'From'")]


def test_older_snap_history() -> None:
    records = read_fixture("snap_history_2019.json")
    assert [(m.kind, m.media_type, m.direction) for m in of(records, Message)] == [
        ("media", "photo", "in"),
        ("media", "video", "out"),
    ]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"Created": "2024-04-20 01:29:22 UTC"}, "2024-04-20T01:29:22Z"),
        ({"Created(microseconds)": 1713576562686123}, "2024-04-20T01:29:22Z"),  # real microseconds
        ({"Created(microseconds)": 1713576562686}, "2024-04-20T01:29:22Z"),  # milliseconds, as seen
        ({"Created": "2024-04-20 01:29:22 UTC", "Created(microseconds)": 1}, "2024-04-20T01:29:22Z"),
    ],
)
def test_created(item: dict[str, object], expected: str) -> None:
    moment = created(item)
    assert moment is not None and moment.iso_utc() == expected


# --- match -----------------------------------------------------------------------------------------


def test_match_own_files() -> None:
    for path in FIXTURES.glob("*.json"):
        assert SnapchatJsonReader.match(path.read_bytes()[:HEAD_SIZE], path.name) >= 90, path


def test_match_other_formats_low(shared_data: Path) -> None:
    others = [p for p in (shared_data / "chat_exports").rglob("*") if p.is_file()]
    others += list((Path(__file__).resolve().parents[1] / "fixtures" / "telegram").glob("*.json"))
    assert len(others) > 20
    for path in others:
        assert SnapchatJsonReader.match(path.read_bytes()[:HEAD_SIZE], path.name) < 30, path


@pytest.mark.parametrize("head", [b"", b"\xff\xfe\x00" * 9000, b'{"lune": [{"Media Type": "TE', b"\x81\x8d"])
def test_match_never_raises(head: bytes) -> None:
    assert 0 <= SnapchatJsonReader.match(head, "chat_history.json") <= 100


# --- broken input ----------------------------------------------------------------------------------


def test_truncated_file() -> None:
    data = (FIXTURES / "chat_history_2024.json").read_bytes()
    cut = data[: data.index(b"STATUSERASEDMESSAGE")]
    records: list[Record] = []
    with pytest.raises(FormatError) as caught:
        for record in SnapchatJsonReader().read(io.BytesIO(cut), ReadContext(SHA, "cut.json")):
            records.append(record)
    assert len(of(records, Message)) == 4
    assert "cut.json" in str(caught.value) and 'after ["lune_bleue92"][3]' in str(caught.value)


def test_invalid_json() -> None:
    data = (FIXTURES / "chat_history_2019.json").read_bytes().replace(b'"Sent Saved', b'"Sent Saved" 1 "', 1)
    with pytest.raises(FormatError, match=r"bad\.json, near byte .*invalid JSON"):
        read(data, "bad.json")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_other_encodings_read_the_same(encoding: str) -> None:
    text = (FIXTURES / "chat_history_2019.json").read_text(encoding="utf-8")
    expected = [to_dict(r) for r in read(text.encode("utf-8"))]
    assert [to_dict(r) for r in read(text.encode(encoding))] == expected


@pytest.mark.parametrize("data", [b"", b"\n\n"])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(FormatError, match=r"empty\.json, byte 0"):
        read(data, "empty.json")


@pytest.mark.parametrize(
    ("data", "locator"),
    [
        (b"[1, 2]", "top level"),
        (b"{}", "top level"),
        (b'{"user": {"Username": "lune_bleue92"}}', "top level"),
        (b'{"messages": [{"sender_name": "A", "timestamp_ms": 1, "content": "x"}]}', '["messages"][0]'),
    ],
)
def test_valid_json_that_is_not_snapchat(data: bytes, locator: str) -> None:
    with pytest.raises(FormatError) as caught:
        read(data, "other.json")
    assert caught.value.locator == locator and "other.json" in str(caught.value)


def test_files_of_other_formats(shared_data: Path) -> None:
    telegram = Path(__file__).resolve().parents[1] / "fixtures" / "telegram" / "full_account.json"
    for path in [
        telegram,
        shared_data / "chat_exports" / "chat-analytics" / "tests" / "samples" / "discord" / "GC_3A_5M.json",
        shared_data / "chat_exports" / "whatstk" / "pokemon.txt",
    ]:
        with pytest.raises(FormatError) as caught:
            read(path.read_bytes(), path.name)
        assert path.name in str(caught.value) and caught.value.locator


def test_non_list_sections_are_skipped() -> None:
    data = {"Received Saved Chat History": {"not": "a list"}, "Sent Saved Chat History": []}
    records = read(json.dumps(data).encode())
    assert of(records, Skipped) == [Skipped('["Received Saved Chat History"]', "not a list of messages")]


def test_reading_twice_gives_the_same_records(newer: list[Record]) -> None:
    assert Counter(json.dumps(to_dict(r)) for r in read_fixture("chat_history_2024.json")) == Counter(
        json.dumps(to_dict(r)) for r in newer
    )
