"""The Signal readers: signal-export (text, chat.md, data.json) and sigtop (text, JSON); broken files."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest

from filiere.errors import FormatError
from filiere.ingest.base import ReadContext, Reader
from filiere.ingest.signal_common import Recent
from filiere.ingest.signal_export_json import SignalExportJsonReader
from filiere.ingest.signal_export_md import SignalExportMdReader
from filiere.ingest.signal_sigtop_json import SigtopJsonReader
from filiere.ingest.signal_sigtop_txt import SigtopTxtReader, sigtop_time
from filiere.ingest.signal_txt import SignalTxtReader
from filiere.model import Account, Conversation, Message, Record, Skipped

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "signal"
CHAT_MD = FIXTURES / "signal-export" / "YanisOrlac" / "chat.md"
DATA_JSON = FIXTURES / "signal-export" / "YanisOrlac" / "data.json"
SIGTOP_TXT = FIXTURES / "sigtop" / "Yanis Orlac (+33639981201).txt"
SIGTOP_JSON = FIXTURES / "sigtop" / "Les Voisins (group).json"
OWN_FILES: dict[type[Reader], Path | None] = {
    SignalTxtReader: None,  # the chat-miner file, in shared data
    SignalExportMdReader: CHAT_MD,
    SignalExportJsonReader: DATA_JSON,
    SigtopTxtReader: SIGTOP_TXT,
    SigtopJsonReader: SIGTOP_JSON,
}
READERS = list(OWN_FILES)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FILIERE_LANG", "en")


@pytest.fixture(scope="module")
def chat_miner(shared_data: Path) -> Path:
    return shared_data / "chat_exports" / "chat-miner" / "test" / "signal"


def read(reader: type[Reader], data: bytes, name: str) -> list[Record]:
    return list(reader().read(io.BytesIO(data), ReadContext(sha256="0" * 64, name=name)))


def messages(records: list[Record]) -> list[Message]:
    return [r for r in records if isinstance(r, Message)]


def conversation(records: list[Record]) -> Conversation:
    """The first record, which must be the file's conversation."""
    assert isinstance(records[0], Conversation)
    return records[0]


def own_file(reader: type[Reader], chat_miner: Path) -> Path:
    return OWN_FILES[reader] or chat_miner / "test_export.txt"


def relative_name(path: Path) -> str:
    """signal-export files are named by their folder: give the reader ``YanisOrlac/chat.md``."""
    return f"{path.parent.name}/{path.name}" if path.name in ("chat.md", "data.json") else path.name


# --- the chat-miner text export --------------------------------------------------------------------


def test_text_export_matches_chat_miner_target(chat_miner: Path) -> None:
    path = chat_miner / "test_export.txt"
    records = read(SignalTxtReader, path.read_bytes(), path.name)
    target = json.loads((chat_miner / "target.json").read_text(encoding="utf-8"))
    got = [
        # chat-miner joins a message's continuation lines with a space; the reader keeps the line break.
        {"timestamp": m.time.local, "author": m.sender_name, "message": " ".join(m.text.split("\n"))}
        for m in messages(records)
    ]
    assert sorted(got, key=lambda m: str(m["timestamp"])) == sorted(target, key=lambda m: str(m["timestamp"]))
    assert messages(records)[1].text == "Hello\nJane!"
    assert [m.source.locator for m in messages(records)] == ["line 1", "line 2"]
    assert messages(records)[0].time.iso_utc() == "2019-12-24T11:23:00Z"  # Europe/Paris by default


def test_text_export_records_order_and_keys(chat_miner: Path) -> None:
    path = chat_miner / "test_export.txt"
    records = read(SignalTxtReader, path.read_bytes(), path.name)
    assert [type(r).__name__ for r in records] == ["Conversation", "Account", "Message", "Account", "Message"]
    assert conversation(records) == Conversation(
        "signal:chat:test_export", "signal", "unknown", "test_export", conversation(records).source
    )
    assert [r.key for r in records if isinstance(r, Account)] == ["signal:name:Jane Doe", "signal:name:John Doe"]


def test_time_zone_comes_from_the_context(chat_miner: Path) -> None:
    path = chat_miner / "test_export.txt"
    ctx = ReadContext(sha256="0" * 64, name=path.name, tz="America/New_York")
    first = messages(list(SignalTxtReader().read(io.BytesIO(path.read_bytes()), ctx)))[0]
    assert (first.time.iso_utc(), first.time.local, first.time.tz) == (
        "2019-12-24T17:23:00Z",
        "2019-12-24T12:23:00",
        "America/New_York",
    )


# --- signal-export chat.md and data.json -----------------------------------------------------------


def test_chat_md_fixture() -> None:
    records = read(SignalExportMdReader, CHAT_MD.read_bytes(), "YanisOrlac/chat.md")
    assert not [r for r in records if isinstance(r, Skipped)]
    found = {m.native_id: m for m in messages(records)}
    assert list(found) == [
        "line 1",
        "line 3",
        "line 6",
        "line 13",
        "line 15",
        "line 17",
        "line 19",
        "line 22",
        "line 25",
    ]
    assert conversation(records) == Conversation(
        "signal:chat:YanisOrlac", "signal", "unknown", "YanisOrlac", conversation(records).source
    )
    owner = next(r for r in records if isinstance(r, Account) and r.is_owner)
    assert (owner.key, owner.name) == ("signal:owner", "Me")
    assert found["line 1"].text == "Salut, t'es dispo ce soir ?"  # markdown "  " line break removed
    assert (found["line 1"].sender, found["line 1"].direction) == ("signal:name:Yanis Orlac", "in")
    assert found["line 3"].extra["reactions"] == [
        {"emoji": "👍", "from_name": "Yanis Orlac"},
        {"emoji": "❤️", "from_name": "Nadia Ferrand"},
    ]
    reply = found["line 6"]
    assert (reply.text, reply.extra["quote"], reply.reply_to) == (
        "Parfait, je t'envoie l'adresse\n2e ligne",
        "Oui vers 21h",
        "line 3",
    )
    photo = found["line 13"]
    assert (photo.kind, photo.text, photo.media_type) == ("media", "", "photo")
    assert photo.media == "2024-03-05T14-07-02.000_00_IMG_0042.jpg"
    assert [a["path"] for a in photo.extra["attachments"]] == [
        "./media/2024-03-05T14-07-02.000_00_IMG_0042.jpg",
        "./media/2024-03-05T14-07-02.000_01_plan.pdf",
    ]
    assert (found["line 15"].kind, found["line 15"].text) == ("deleted", "")
    assert (found["line 17"].kind, found["line 17"].direction) == ("call", "out")
    assert found["line 19"].text == "Appelle plutôt le 06 39 98 12 21\nou le +33 6 39 98 12 22"
    assert (found["line 22"].kind, found["line 22"].media, found["line 22"].media_type) == ("media", "😀", "sticker")
    nobody = found["line 25"]
    assert (nobody.sender, nobody.sender_name, nobody.direction) == (None, "No-Sender", None)
    assert (nobody.time.iso_utc(), nobody.time.local) == ("2024-03-31T01:10:00Z", "2024-03-31T03:10:00")  # CEST


def test_chat_title_from_folder_option_or_nothing() -> None:
    data = CHAT_MD.read_bytes()
    alone = read(SignalExportMdReader, data, "chat.md")
    assert (conversation(alone).key, conversation(alone).title) == ("signal:chat", None)
    ctx = ReadContext(sha256="0" * 64, name="chat.md", options={"chat": "Yanis Orlac"})
    given = list(SignalExportMdReader().read(io.BytesIO(data), ctx))
    assert (conversation(given).key, conversation(given).title) == ("signal:chat:Yanis Orlac", "Yanis Orlac")
    assert {m.conversation for m in messages(given)} == {"signal:chat:Yanis Orlac"}


def test_data_json_gives_the_same_messages_as_chat_md() -> None:
    def essence(m: Message) -> tuple[object, ...]:
        return (m.kind, m.sender, m.sender_name, m.time, m.text, m.media, m.media_type, m.direction)

    from_md = messages(read(SignalExportMdReader, CHAT_MD.read_bytes(), "YanisOrlac/chat.md"))
    from_json = read(SignalExportJsonReader, DATA_JSON.read_bytes(), "YanisOrlac/data.json")
    assert [essence(m) for m in messages(from_json)] == [essence(m) for m in from_md]
    assert messages(from_json)[2].reply_to == "line 2"
    assert messages(from_json)[1].extra["reactions"] == from_md[1].extra["reactions"]
    assert conversation(from_json) == Conversation(
        "signal:chat:YanisOrlac", "signal", "unknown", "YanisOrlac", conversation(from_json).source
    )


# --- sigtop text -----------------------------------------------------------------------------------


def test_sigtop_text_fixture() -> None:
    records = read(SigtopTxtReader, SIGTOP_TXT.read_bytes(), SIGTOP_TXT.name)
    assert not [r for r in records if isinstance(r, Skipped)]
    assert conversation(records) == Conversation(
        "signal:chat:Yanis Orlac (+33639981201)", "signal", "direct", "Yanis Orlac", conversation(records).source
    )
    accounts = {r.key: r for r in records if isinstance(r, Account)}
    assert set(accounts) == {"phone:+33639981201", "signal:owner"}
    assert accounts["phone:+33639981201"].phone is not None
    assert accounts["phone:+33639981201"].phone.original == "+33639981201"
    found = {m.native_id: m for m in messages(records)}
    assert list(found) == ["line 3", "line 10", "line 17", "line 29", "line 36", "line 43", "line 58", "line 62"]
    first = found["line 3"]
    assert (first.time.iso_utc(), first.time.local, first.time.tz) == (
        "2024-03-05T13:03:22Z",
        "2024-03-05T14:03:22",
        "+01:00",
    )
    assert first.extra["received"] == "2024-03-05T13:03:23Z"
    assert found["line 10"].extra["reactions"] == [
        {"emoji": "👍", "from": "phone:+33639981201", "from_name": "Yanis Orlac"}
    ]
    reply = found["line 17"]
    assert (reply.reply_to, reply.extra["quote"]["from"], reply.extra["quote"]["text"]) == (
        "line 10",
        "Nadia Ferrand (+33639981200)",
        "Oui vers 21h",
    )
    media = found["line 36"]
    assert (media.kind, media.media, media.media_type) == ("media", "IMG_0042.jpg", "photo")
    assert media.extra["attachments"][1] == {"file_name": None, "content_type": "audio/aac", "size": 5120}
    edited = found["line 43"]
    assert edited.text == "Appelle plutôt le 06 39 98 12 21"  # the newest version
    assert edited.edited is not None and edited.edited.iso_utc() == "2024-03-05T13:16:00Z"
    assert (found["line 58"].kind, found["line 58"].sender) == ("call", None)
    last = found["line 62"]
    assert last.text == "Bonne nuit\nligne deux\n\nligne quatre après une ligne vide"  # a blank line inside
    assert (last.time.tz, last.time.iso_utc()) == ("+02:00", "2024-03-31T01:10:00Z")


def test_reply_lookup_is_bounded() -> None:
    recent = Recent(size=2)
    for n in range(3):
        recent.add(f"texte {n}", f"line {n}")
    assert [recent.get(f"texte {n}") for n in range(3)] == [None, "line 1", "line 2"]
    recent.add("texte 1", "line 9")  # the same text again: the newest message wins
    assert (recent.get("texte 1"), recent.get(None), len(recent.ids)) == ("line 9", None, 2)


def test_sigtop_time_layout() -> None:
    moment = sigtop_time("Sun, 27 Oct 2024 02:30:00 -0930")
    assert moment is not None and (moment.iso_utc(), moment.tz) == ("2024-10-27T12:00:00Z", "-09:30")
    assert sigtop_time("unknown") is None
    assert sigtop_time("Fri, 30 Feb 2024 10:00:00 +0100") is None


# --- sigtop JSON -----------------------------------------------------------------------------------


def test_sigtop_json_fixture() -> None:
    records = read(SigtopJsonReader, SIGTOP_JSON.read_bytes(), SIGTOP_JSON.name)
    assert not [r for r in records if isinstance(r, Skipped)]
    chat = "signal:conversation:5e3c1b9a-2f4d-4c8e-9a61-0d7b3e2f1a40"
    assert conversation(records) == Conversation(
        chat, "signal", "group", "Les Voisins", conversation(records).source, "5e3c1b9a-2f4d-4c8e-9a61-0d7b3e2f1a40"
    )
    accounts = {r.key: r for r in records if isinstance(r, Account)}
    assert set(accounts) == {"phone:+33639981201", "signal:owner", "phone:+33639981202"}
    assert accounts["phone:+33639981201"].native_id == "1b0f6a52-7c3e-4d19-8e2a-5f6b7c8d9e01"
    found = messages(records)
    assert len(found) == 11 and all(m.conversation == chat for m in found)
    assert Counter(m.kind for m in found) == {"text": 5, "media": 3, "system": 1, "deleted": 1, "call": 1}
    assert found[0].source.locator == "line 2"
    assert (found[0].native_id, found[0].time.iso_utc()) == (
        "00000001-aaaa-4bbb-8ccc-000000000001",
        "2024-03-05T13:03:22Z",
    )
    # Message 3 carries only the sender's service id: it is the same person as message 1.
    assert found[2].sender == "phone:+33639981201"
    assert (found[2].reply_to, found[2].extra["quote"]["text"]) == (found[1].native_id, "Oui vers 21h")
    assert found[1].extra["reactions"][0]["emoji"] == "👍"
    assert (found[3].media, found[3].media_type, found[3].extra["attachments"][0]["size"]) == (
        "IMG_0042.jpg",
        "photo",
        183211,
    )
    assert found[4].media_type == "voice"
    assert (found[5].media, found[5].media_type) == ("😀", "sticker")
    assert found[6].entities[0].value == "signal:aci:1b0f6a52-7c3e-4d19-8e2a-5f6b7c8d9e01"
    assert (found[7].kind, found[7].text, found[7].extra["signal_type"]) == (
        "system",
        "group-v2-change",
        "group-v2-change",
    )
    assert (found[8].kind, found[8].direction) == ("deleted", "out")
    assert found[9].edited is not None and found[9].extra["edits"] == 2
    assert (found[10].kind, found[10].extra["call"]) == ("call", {"callId": "8273645546372"})


def test_sigtop_json_reindented_is_streamed_alike() -> None:
    items = json.loads(SIGTOP_JSON.read_text(encoding="utf-8"))
    pretty = json.dumps(items, indent=2, ensure_ascii=False).encode("utf-8")
    lines = messages(read(SigtopJsonReader, SIGTOP_JSON.read_bytes(), SIGTOP_JSON.name))
    streamed = messages(read(SigtopJsonReader, pretty, SIGTOP_JSON.name))
    assert [m.source.locator for m in streamed][:2] == ["messages[0]", "messages[1]"]
    assert [(m.native_id, m.text, m.reply_to) for m in streamed] == [(m.native_id, m.text, m.reply_to) for m in lines]


def test_sigtop_json_bad_lines_are_skipped_and_reading_goes_on() -> None:
    lines = SIGTOP_JSON.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3][:40]  # a cut line
    lines[4] = "[1, 2],"  # valid JSON, not a message
    lines[5] = '{"type":"incoming","body":"sans date"},'
    records = read(SigtopJsonReader, "\n".join(lines).encode("utf-8"), SIGTOP_JSON.name)
    skipped = [r for r in records if isinstance(r, Skipped)]
    assert [s.locator for s in skipped] == ["line 4", "line 5", "line 6"]
    assert skipped[0].reason.startswith("invalid JSON")
    assert skipped[1].reason == "not a message object"
    assert skipped[2].reason == "message without a time (sent_at)"
    assert len(messages(records)) == 8


def test_sigtop_json_hostile_values() -> None:
    rows = [
        '{"conversationId":{"x":1},"type":"incoming","sent_at":1e30,"body":"time out of range"}',
        '{"conversationId":"c","type":"incoming","sent_at":"1709643802000","body":{"t":1},"attachments":"IMG.jpg",'
        '"sticker":{"emoji":["x"]},"quote":{"id":{"n":1},"text":5},"reactions":"👍","bodyRanges":[{"start":"0"}]}',
    ]
    records = read(SigtopJsonReader, ("[\n" + ",\n".join(rows) + "\n]\n").encode(), "x (group).json")
    assert [r for r in records if isinstance(r, Skipped)] == [Skipped("line 2", "message without a time (sent_at)")]
    (message,) = messages(records)
    assert (message.kind, message.text, message.media, message.media_type) == ("media", "", "sticker", "sticker")
    assert message.time.iso_utc() == "2024-03-05T13:03:22Z"  # a number written as a string
    assert message.extra["quote"] == {"sent_at": None, "author": None, "text": None}
    assert conversation(records).native_id is None


def test_sigtop_json_truncated_file() -> None:
    data = SIGTOP_JSON.read_bytes()
    records = read(SigtopJsonReader, data[: len(data) // 2], SIGTOP_JSON.name)
    skipped = [r for r in records if isinstance(r, Skipped)]
    assert skipped[-1] == Skipped("end of file", "no closing ']': truncated file?")
    assert skipped[0].locator.startswith("line ") and skipped[0].reason.startswith("invalid JSON")
    assert len(messages(records)) >= 4


def test_sigtop_json_reindented_and_truncated_stops_with_a_skip() -> None:
    pretty = json.dumps(json.loads(SIGTOP_JSON.read_text(encoding="utf-8")), indent=1).encode()
    records = read(SigtopJsonReader, pretty[: len(pretty) // 2], SIGTOP_JSON.name)
    assert isinstance(records[-1], Skipped) and records[-1].reason.startswith("invalid JSON, reading stopped")
    assert records[-1].locator == f"messages[{len(messages(records))}]"


# --- all readers: recognition and broken files -----------------------------------------------------


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_each_reader_claims_its_own_file_above_the_others(reader: type[Reader], chat_miner: Path) -> None:
    path = own_file(reader, chat_miner)
    head = path.read_bytes()[:65536]
    scores = {other.name: other.match(head, path.name) for other in READERS}
    assert scores[reader.name] >= 90
    assert max(score for name, score in scores.items() if name != reader.name) <= 75


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_other_formats_in_shared_data_score_zero(reader: type[Reader], shared_data: Path) -> None:
    for path in (shared_data / "chat_exports").rglob("*"):
        if path.is_file() and path.name != "test_export.txt":
            assert reader.match(path.read_bytes()[:65536], path.name) == 0, path


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_match_never_raises_on_junk(reader: type[Reader]) -> None:
    for head in (b"", b"\x00" * 100, bytes(range(256)) * 10, b"[" + b"\xff" * 50, b"{\xff\xfe"):
        assert reader.match(head, "x") == 0
    for cut in (b"Conversation: \xc3", b"[2024-03-05 14:0", b'[\n{"conversationId":"c","sent_at":', b'{"date": "20'):
        assert 0 <= reader.match(cut, "x") <= 100


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_empty_file_names_the_file_and_a_line(reader: type[Reader]) -> None:
    with pytest.raises(FormatError) as caught:
        read(reader, b"", "vide.txt")
    assert str(caught.value).startswith("vide.txt, line 1: ")


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_another_format_is_a_format_error(reader: type[Reader], shared_data: Path) -> None:
    vcard = shared_data / "chat_exports" / "vcard" / "ez-vcard" / "gmail-list.vcf"
    with pytest.raises(FormatError) as caught:
        read(reader, vcard.read_bytes(), vcard.name)
    assert str(caught.value).startswith("gmail-list.vcf, line 1: ")


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_unicode_encodings_read_alike(reader: type[Reader], encoding: str, chat_miner: Path) -> None:
    path = own_file(reader, chat_miner)
    text = path.read_text(encoding="utf-8")
    name = relative_name(path)
    expected = read(reader, text.encode("utf-8"), name)
    assert read(reader, text.encode(encoding), name) == expected
    assert reader.match(text.encode(encoding)[:65536], path.name) >= 90


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_cp1252_file_reads_its_accents(reader: type[Reader], chat_miner: Path) -> None:
    path = own_file(reader, chat_miner)
    text = path.read_text(encoding="utf-8")
    latin = text.encode("cp1252", errors="replace")  # emoji become "?"
    got = messages(read(reader, latin, relative_name(path)))
    want = messages(read(reader, text.encode("utf-8"), relative_name(path)))
    assert len(got) == len(want)
    accented = [m.text for m in want if "ô" in m.text]
    assert [m.text for m in got if "ô" in m.text] == accented


@pytest.mark.parametrize("reader", READERS[1:], ids=lambda r: r.name)
def test_truncated_file_keeps_what_precedes_the_cut(reader: type[Reader], chat_miner: Path) -> None:
    path = own_file(reader, chat_miner)
    data = path.read_bytes()
    whole = messages(read(reader, data, relative_name(path)))
    cut = read(reader, data[: int(len(data) * 0.6)], relative_name(path))
    kept = messages(cut)
    assert 0 < len(kept) < len(whole)
    assert [m.time for m in kept[:-1]] == [m.time for m in whole[: len(kept) - 1]]


def test_impossible_date_and_oversized_message_are_skipped() -> None:
    data = (
        "[2024-02-30 12:00:00] Yanis Orlac: jour impossible\n"
        "[2024-03-01 12:00:00] Yanis Orlac: début\n" + ("x" * 1000 + "\n") * 1100 + "[2024-03-01 12:01:00] Me: ok\n"
    ).encode()
    records = read(SignalExportMdReader, data, "YanisOrlac/chat.md")
    assert [r for r in records if isinstance(r, Skipped)] == [
        Skipped("line 1", "impossible date 2024-02-30"),
        Skipped("line 2", "oversized message (over 1 MiB)"),
    ]
    assert [m.text for m in messages(records)] == ["ok"]


def test_sigtop_text_preamble_and_missing_time() -> None:
    data = SIGTOP_TXT.read_text(encoding="utf-8").replace(
        "Conversation: Yanis Orlac (+33639981201)\n\n", "Conversation: Yanis Orlac (+33639981201)\nbruit\n\n", 1
    )
    data = data.replace("Sent: Tue, 5 Mar 2024 14:03:22 +0100\nReceived: Tue, 5 Mar 2024 14:03:23 +0100", "Sent: hier")
    records = read(SigtopTxtReader, data.encode(), SIGTOP_TXT.name)
    assert [r for r in records if isinstance(r, Skipped)] == [
        Skipped("line 2", "text before the first message"),
        Skipped("line 4", "message without a readable time"),
    ]
    assert len(messages(records)) == 7


class CountingReader(io.BytesIO):
    """A file that tells how far it has been read (text wrappers call read and read1)."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.furthest = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.furthest = max(self.furthest, self.tell())
        return chunk

    def read1(self, size: int | None = -1) -> bytes:
        chunk = super().read1(size)
        self.furthest = max(self.furthest, self.tell())
        return chunk


# Per reader: file head, one message ({n}: its number, {t}: a time in ms), file tail, file name.
BIG: dict[type[Reader], tuple[str, str, str, str]] = {
    SignalTxtReader: ("", "[2024-03-05, 14:03] Yanis Orlac: message {n}\n", "", "Big/chat.md"),
    SignalExportMdReader: ("", "[2024-03-05 14:03:22] Yanis Orlac: message {n}  \n\n", "", "Big/chat.md"),
    SignalExportJsonReader: (
        "",
        '{{"date": "2024-03-05T14:03:22", "sender": "Me", "body": "message {n}  ", "attachments": []}}\n',
        "",
        "Big/data.json",
    ),
    SigtopTxtReader: (
        "Conversation: Big (group)\n\n",
        "From: You\nType: outgoing\nSent: Tue, 5 Mar 2024 14:05:10 +0100\n\nmessage {n}\n\n",
        "",
        "Big (group).txt",
    ),
    SigtopJsonReader: (
        "[\n",
        '{{"id":"m{n}","conversationId":"c","type":"outgoing","sent_at":{t},"body":"message {n}"}},\n',
        '{"id":"end","conversationId":"c","type":"outgoing","sent_at":1,"body":""}\n]\n',
        "Big (group).json",
    ),
}


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_messages_are_streamed_not_loaded(reader: type[Reader]) -> None:
    head, one, tail, name = BIG[reader]
    data = (head + "".join(one.format(n=n, t=1709643802000 + n) for n in range(20_000)) + tail).encode()
    fh = CountingReader(data)
    records = reader().read(fh, ReadContext(sha256="0" * 64, name=name))
    first = next(r for r in records if isinstance(r, Message))
    assert first.text == "message 0"
    assert fh.furthest < 300_000 < len(data)  # the head sniff and a read-ahead buffer, not the file
    assert sum(1 for r in records if isinstance(r, Message)) >= 19_999
