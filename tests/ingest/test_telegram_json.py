"""Telegram Desktop JSON reader: real exports from other projects, our fictional fixtures, broken files."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest

from filiere.errors import FormatError, UsageError
from filiere.ingest.base import HEAD_SIZE, ReadContext
from filiere.ingest.telegram_json import TelegramJsonReader
from filiere.model import Account, Contact, Conversation, Entity, Message, Record, Skipped
from filiere.serialize import to_dict

T = TypeVar("T")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "telegram"


def read(data: bytes, name: str = "result.json", **options: object) -> list[Record]:
    ctx = ReadContext(sha256="0" * 64, name=name, options=options)
    return list(TelegramJsonReader().read(io.BytesIO(data), ctx))


def read_path(path: Path) -> list[Record]:
    with path.open("rb") as fh:
        return list(TelegramJsonReader().read(fh, ReadContext(sha256="0" * 64, name=path.name)))


def of(records: list[Record], kind: type[T]) -> list[T]:
    return [r for r in records if isinstance(r, kind)]


def message(records: list[Record], native_id: str, conversation: str | None = None) -> Message:
    found = [m for m in of(records, Message) if m.native_id == native_id]
    if conversation is not None:
        found = [m for m in found if m.conversation == conversation]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(autouse=True, scope="module")
def english() -> Iterator[None]:
    """Reasons and messages are asserted in English."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FILIERE_LANG", "en")
        yield


@pytest.fixture(scope="module")
def telegram_samples(shared_data: Path) -> Path:
    return shared_data / "chat_exports"


# --- real exports -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["test_single_export.json", "test_batch_export.json"])
def test_chat_miner_exports_match_upstream_target(telegram_samples: Path, name: str) -> None:
    folder = telegram_samples / "chat-miner" / "test" / "telegram"
    records = read_path(folder / name)
    target = json.loads((folder / "target.json").read_text())
    messages = of(records, Message)
    assert len(of(records, Conversation)) == 1
    assert [m.time.utc.replace(tzinfo=None).isoformat() for m in messages] == [t["timestamp"] for t in target]
    assert [m.sender_name for m in messages] == [t["author"] for t in target]
    assert messages[0].text == target[0]["message"]
    # Telegram's text parts are contiguous slices of the message: joined as they are. The upstream
    # target puts a space between "Link:" and the URL because that tool joins parts with spaces.
    assert messages[1].text == "Link:https://telegram.org/"
    assert messages[1].entities == (Entity("link", "https://telegram.org/", "https://telegram.org/"),)
    expected = "chats.list[0].messages[1]" if name == "test_batch_export.json" else "messages[1]"
    assert messages[1].source.locator == expected


def test_dm_with_phone_call(telegram_samples: Path) -> None:
    records = read_path(telegram_samples / "chat-analytics" / "tests" / "samples" / "telegram" / "DM_2A_7M.json")
    (chat,) = of(records, Conversation)
    assert (chat.key, chat.kind, chat.title) == ("telegram:dm:700000000", "direct", "Bob")
    assert {a.key: a.name for a in of(records, Account)} == {
        "telegram:user700000000": "Bob",
        "telegram:user300000000": "Alice",
    }
    kinds = Counter(m.kind for m in of(records, Message))
    # upstream: 6 messages (2 of them photos) and 1 call; the joined_telegram notice is a system message
    assert kinds == {"text": 4, "media": 2, "call": 1, "system": 1}
    call = message(records, "3674")
    assert call.time.epoch == 1691719862
    assert call.extra["duration_seconds"] == 56
    assert call.extra["discard_reason"] == "hangup"
    assert call.sender == "telegram:user300000000"
    # date_unixtime with the exporter's wall clock: the zone is their difference
    assert (call.time.local, call.time.tz) == ("2023-08-10T23:11:02", "-03:00")
    # a record with only "date": local time in the investigator's zone (Europe/Paris by default)
    first = message(records, "2675")
    assert first.time.iso_utc() == "2019-07-05T14:55:32Z"
    assert first.source.locator == "messages[0] id=2675"


def test_full_account_export_from_chat_analytics(telegram_samples: Path) -> None:
    path = telegram_samples / "chat-analytics" / "tests" / "samples" / "telegram" / "MultiChat_2C_6M.json"
    records = read_path(path)
    owner = [a for a in of(records, Account) if a.is_owner]
    assert [(a.key, a.name) for a in owner] == [("telegram:user100000001", "Test User")]
    assert records[0] is owner[0]  # personal_information comes first in the file
    assert [(c.key, c.kind, c.title) for c in of(records, Conversation)] == [
        ("telegram:dm:700000001", "direct", "Chat One"),
        ("telegram:group:700000002", "group", "Chat Two"),
    ]
    messages = of(records, Message)
    assert len(messages) == 6
    assert Counter(m.conversation for m in messages) == {"telegram:dm:700000001": 2, "telegram:group:700000002": 4}
    assert message(records, "2003").kind == "call"
    assert message(records, "2003").extra["duration_seconds"] == 120
    assert message(records, "2004").source.locator == "chats.list[1].messages[3] id=2004"


def test_big_generated_export(telegram_samples: Path) -> None:
    records = read_path(telegram_samples / "chat-analytics" / "tests" / "samples" / "telegram" / "BIG_20A_5475M.json")
    messages = of(records, Message)
    assert len(messages) == 5475
    assert not of(records, Skipped)
    assert len(of(records, Account)) == 20  # plain-integer from_id of old exports
    assert messages[0].sender == "telegram:user19"
    assert messages[0].time.iso_utc() == "2017-01-01T06:20:09Z"  # "…Z" dates carry their own zone
    assert [c.key for c in of(records, Conversation)] == ["telegram:channel:1111111111"]


# --- fictional full-account fixture ----------------------------------------------------------------


@pytest.fixture(scope="module")
def account() -> list[Record]:
    return read_path(FIXTURES / "full_account.json")


def test_owner_contacts_and_frequent_contacts(account: list[Record]) -> None:
    owner = account[0]
    assert isinstance(owner, Account) and owner.is_owner
    assert owner.phone is not None and owner.phone.e164 == "+33639981234"
    assert (owner.handle, owner.name) == ("karim_fictif", "Karim Fictif")
    contacts = {c.key: c for c in of(account, Contact)}
    assert set(contacts) == {"telegram:user1000002", "phone:+33199001234", "telegram:user1000005"}
    assert contacts["telegram:user1000002"].phones[0].e164 == "+33639984567"
    assert contacts["telegram:user1000005"].phones[0].e164 is None  # "ORANGE" kept as written
    assert Skipped("contacts.list[4]", "contact is a int, not an object") in account
    frequent = {a.key: a.name for a in of(account, Account) if a.source.locator.startswith("frequent")}
    assert frequent == {"telegram:user1000002": "Lina Exemple", "telegram:user1000006": "Zoé Fictive"}


def test_every_key_is_announced_once_before_use(account: list[Record]) -> None:
    seen: set[str] = set()
    for record in account:
        if isinstance(record, Conversation | Account):
            assert record.key not in seen
            seen.add(record.key)
        elif isinstance(record, Message):
            assert record.conversation in seen
            assert record.sender is None or record.sender in seen


def test_conversation_kinds_and_keys(account: list[Record]) -> None:
    assert [(c.key, c.kind) for c in of(account, Conversation)] == [
        ("telegram:dm:1000002", "direct"),
        ("telegram:channel:2000001", "channel"),
        ("telegram:channel:3000001", "group"),  # a supergroup lives in the channel id space
        ("telegram:saved:1000001", "saved"),
        ("telegram:group:4000001", "group"),  # listed although it has no message
        ("telegram:channel:2000009", "channel"),  # left_chats
    ]


def test_text_entities(account: list[Record]) -> None:
    msg = message(account, "102")
    assert msg.text.startswith("Oui. Appelle le 06 39 98 45 67 ou écris à @dispatch_fictif")
    assert msg.entities == (
        Entity("phone", "06 39 98 45 67", "+33639984567"),
        Entity("mention", "@dispatch_fictif", "dispatch_fictif"),
        Entity("email", "Contact@Exemple.invalid", "contact@exemple.invalid"),
        Entity("link", "ici", "https://example.org/menu"),
        Entity("link", "https://example.org/b", "https://example.org/b"),
        Entity("hashtag", "#soirée", "soirée"),
        Entity("mention", "Lina", "telegram:user1000002"),
        Entity("cashtag", "$EUR", "EUR"),
        Entity("bot_command", "/start", "/start"),
        Entity("bank_card", "4970 1000 0000 0000", "4970100000000000"),
    )
    assert msg.reply_to == "101"
    assert msg.edited is not None and msg.edited.iso_utc() == "2024-03-10T20:16:02Z"
    assert msg.source.locator == "chats.list[0].messages[1] id=102"


@pytest.mark.parametrize(
    ("native_id", "kind", "media_type", "media"),
    [
        ("103", "media", "photo", "(File not included. Change data exporting settings to download.)"),
        ("104", "media", "voice", "(File not included. Change data exporting settings to download.)"),
        ("105", "media", "sticker", "stickers/sticker.webp"),
        ("106", "media", "video", "video_files/clip.mp4"),
        ("107", "media", "video_note", "round_video_messages/r.mp4"),
        ("108", "media", "gif", "video_files/a.gif.mp4"),
        ("109", "media", "audio", "files/chanson.mp3"),
        ("110", "media", "file", "files/liste.pdf"),
        ("111", "location", None, None),
        ("112", "contact", None, None),
        ("113", "poll", None, None),
        ("115", "call", None, None),
    ],
)
def test_message_kinds(account: list[Record], native_id: str, kind: str, media_type: str | None, media: str) -> None:
    msg = message(account, native_id, "telegram:dm:1000002")
    assert (msg.kind, msg.media_type, msg.media) == (kind, media_type, media)


def test_details_kept_in_extra(account: list[Record]) -> None:
    assert message(account, "104").extra == {"mime_type": "audio/ogg", "duration_seconds": 7}
    assert message(account, "111").extra["location_information"] == {"latitude": 48.8566, "longitude": 2.3522}
    shared = message(account, "112").extra["contact_information"]
    assert (shared["phone_number"], shared["phone_e164"]) == ("+33 6 39 98 12 21", "+33639981221")
    assert message(account, "113").text == "Quelle heure ?\n20 h\n22 h"
    assert message(account, "114").forwarded_from == "Canal Fictif"
    missed = message(account, "116")
    assert (missed.kind, missed.extra["discard_reason"]) == ("call", "missed")
    group = "telegram:channel:3000001"
    assert message(account, "2", group).extra["members"] == ["Lina Exemple", "Sam Inventé"]
    assert message(account, "3", group).extra == {"action": "join_group_by_link", "inviter": "Karim Fictif"}
    assert message(account, "5", group).kind == "call"
    assert message(account, "4", "telegram:channel:2000001").extra == {"action": "pin_message", "message_id": 2}
    deleted = message(account, "118")
    assert (deleted.sender, deleted.sender_name) == ("telegram:user1000003", None)


def test_unreadable_messages_are_skipped(account: list[Record]) -> None:
    skipped = {s.locator: s.reason for s in of(account, Skipped)}
    assert "could not export" in skipped["chats.list[0].messages[16] id=117"]
    assert skipped["chats.list[0].messages[17]"] == "message is a str, not an object"
    assert skipped["chats.list[2].messages[5] id=6"].startswith("unreadable date")
    assert skipped["chats.list[2].messages[6] id=7"] == "message has no date"


def test_headers_after_messages_give_the_same_records(account: list[Record]) -> None:
    """A re-serialised export (sorted keys: messages before name/type, owner last) reads the same."""
    resorted = read_path(FIXTURES / "sorted_keys.json")

    def canonical(records: list[Record]) -> Counter[str]:
        # An account is announced where it is first seen, and the sections come in another order.
        dicts = [to_dict(r) | ({"source": None} if isinstance(r, Account) else {}) for r in records]
        return Counter(json.dumps(d, sort_keys=True) for d in dicts)

    assert canonical(resorted) == canonical(account)
    assert isinstance(resorted[0], Account) and resorted[0].is_owner


def test_exporter_quirks_are_repaired() -> None:
    records = read_path(FIXTURES / "exporter_quirks.json")
    messages = of(records, Message)
    assert [m.native_id for m in messages] == ["1", "2", "3"]  # each once, after the repairing re-read
    assert messages[1].text == "code\x01suite \\x41 reste"  # a literal backslash stays a backslash
    assert messages[2].text == "😮 fin"


def test_reading_twice_gives_the_same_records() -> None:
    first = [to_dict(r) for r in read_path(FIXTURES / "full_account.json")]
    assert first == [to_dict(r) for r in read_path(FIXTURES / "full_account.json")]


# --- match -----------------------------------------------------------------------------------------


def test_match_own_files(telegram_samples: Path) -> None:
    own = [
        *FIXTURES.glob("*.json"),
        *(telegram_samples / "chat-analytics" / "tests" / "samples" / "telegram").glob("*"),
    ]
    own += [p for p in (telegram_samples / "chat-miner" / "test" / "telegram").glob("test_*")]
    for path in own:
        assert TelegramJsonReader.match(path.read_bytes()[:HEAD_SIZE], path.name) >= 90, path


def test_match_other_formats_low(telegram_samples: Path) -> None:
    others = [
        p
        for p in telegram_samples.rglob("*")
        if p.is_file() and "telegram" not in p.parts and p.suffix not in (".md",) and p.name != "SHA256SUMS"
    ]
    assert len(others) > 20
    for path in others:
        assert TelegramJsonReader.match(path.read_bytes()[:HEAD_SIZE], path.name) < 30, path


@pytest.mark.parametrize("head", [b"", b"\x00\xff\xfe" * 5000, b'{"messages": [{"type": "mess', "é".encode("cp1252")])
def test_match_never_raises(head: bytes) -> None:
    assert 0 <= TelegramJsonReader.match(head, "x.bin") <= 100


# --- broken input ----------------------------------------------------------------------------------


def test_truncated_file_gives_records_then_names_last_good_message() -> None:
    data = (FIXTURES / "full_account.json").read_bytes()
    cut = data[: data.index(b'"id": 105')]
    records: list[Record] = []
    with pytest.raises(FormatError) as caught:
        for record in TelegramJsonReader().read(io.BytesIO(cut), ReadContext("0" * 64, "cut.json")):
            records.append(record)
    assert [m.native_id for m in of(records, Message)] == ["101", "102", "103", "104"]
    text = str(caught.value)
    assert "cut.json" in text and "after chats.list[0].messages[3] id=104" in text and "byte" in text
    assert caught.value.locator is not None and caught.value.hint


def test_truncated_file_with_late_headers() -> None:
    data = (FIXTURES / "sorted_keys.json").read_bytes()
    with pytest.raises(FormatError, match=r"late\.json.*byte"):
        read(data[: len(data) // 2], "late.json")


def test_invalid_json() -> None:
    data = (FIXTURES / "full_account.json").read_bytes().replace(b'"id": 106', b'"id": 106 106', 1)
    with pytest.raises(FormatError, match=r"bad\.json.*after chats\.list\[0\]\.messages\[4\] id=105") as caught:
        read(data, "bad.json")
    assert "invalid JSON" in str(caught.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_other_unicode_encodings_read_the_same(encoding: str) -> None:
    text = (FIXTURES / "full_account.json").read_text(encoding="utf-8")
    expected = [to_dict(r) for r in read_path(FIXTURES / "full_account.json")]
    assert [to_dict(r) for r in read(text.encode(encoding))] == expected


def test_cp1252_file(tmp_path: Path) -> None:
    text = (FIXTURES / "full_account.json").read_text(encoding="utf-8")
    latin = "".join(c for c in text if ord(c) < 256)  # drop what cp1252 cannot hold (emoji, dashes)
    records = read(latin.encode("cp1252"))
    assert message(records, "4", "telegram:channel:3000001").text == "Bonjour à tous"
    with pytest.raises(UsageError):
        read(latin.encode("cp1252"), encoding="no-such-codec")


def test_non_utf8_bytes_after_the_sniffed_block() -> None:
    padding = b'{"name": "' + b"x" * HEAD_SIZE + b'", "type": "personal_chat", "id": 1, "messages": ['
    body = b'{"id": 1, "type": "message", "date": "2024-01-01T10:00:00", "text": "caf\xe9"}]}'
    with pytest.raises(FormatError, match="encoding") as caught:
        read(padding + body, "latin.json")
    assert "latin.json" in str(caught.value)
    assert of(read(padding + body, encoding="cp1252"), Message)[0].text == "café"


@pytest.mark.parametrize("data", [b"", b"  \n\t "])
def test_empty_file(data: bytes) -> None:
    with pytest.raises(FormatError, match=r"empty\.json, byte 0"):
        read(data, "empty.json")


@pytest.mark.parametrize(
    ("data", "locator"),
    [
        (b"[1, 2, 3]", "top level"),
        (b'{"a": 1, "b": [1, 2]}', "top level"),
        (b'"just a string"', "top level"),
    ],
)
def test_valid_json_that_is_not_telegram(data: bytes, locator: str) -> None:
    with pytest.raises(FormatError) as caught:
        read(data, "other.json")
    assert caught.value.locator == locator and "other.json" in str(caught.value)


def test_files_of_other_formats(telegram_samples: Path) -> None:
    for path, locator in [
        (telegram_samples / "chat-miner" / "test" / "instagram" / "test_export.json", "messages[0]"),
        (telegram_samples / "chat-analytics" / "tests" / "samples" / "messenger" / "2A_7M.json", "messages[0]"),
        (telegram_samples / "chat-miner" / "test" / "whatsapp" / "test_ddmmyy_24hrs.txt", None),
        (telegram_samples / "vcard" / "ez-vcard" / "John_Doe_IPHONE.vcf", None),
    ]:
        with pytest.raises(FormatError) as caught:
            read_path(path)
        assert path.name in str(caught.value)
        assert caught.value.locator is not None
        if locator:
            assert caught.value.locator == locator


# --- bounded memory ------------------------------------------------------------------------------


def _account_export(messages: int) -> bytes:
    chat = [
        {"id": i, "type": "message", "date": "2024-01-01T10:00:00", "date_unixtime": str(1704099600 + i)}
        | {"from": "Membre Fictif", "from_id": "user1000001", "text": f"message numéro {i} " * 3}
        for i in range(messages)
    ]
    export = {"personal_information": {"user_id": 1}, "chats": {"list": [{"name": "G", "type": "private_group"}]}}
    export["chats"]["list"][0] |= {"id": 1, "messages": chat}  # type: ignore[index]
    return json.dumps(export).encode()


def _peak(data: bytes) -> int:
    tracemalloc.start()
    try:
        count = sum(1 for r in TelegramJsonReader().read(io.BytesIO(data), ReadContext("0" * 64, "m.json")))
        assert count > 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_nested_messages_are_streamed() -> None:
    small, large = _account_export(1_500), _account_export(9_000)
    assert len(large) > 5 * len(small)
    assert _peak(large) < 2 * _peak(small)


def test_times_are_utc_aware(account: list[Record]) -> None:
    assert all(m.time.utc.tzinfo is UTC for m in of(account, Message))
    assert message(account, "9").time.utc == datetime(2022, 6, 1, 8, 0, tzinfo=UTC)
