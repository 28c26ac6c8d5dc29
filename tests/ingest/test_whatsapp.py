"""The WhatsApp export readers on real exports (many locales and calendars) and on broken files."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from filiere.errors import FormatError, UnsafeInputError
from filiere.ingest.base import ReadContext
from filiere.ingest.whatsapp import WhatsAppTextReader
from filiere.ingest.whatsapp_clock import Clock
from filiere.ingest.whatsapp_formats import MARKS, OrderInference
from filiere.ingest.whatsapp_texts import chat_title
from filiere.ingest.whatsapp_zip import MAX_CHAT_BYTES, WhatsAppZipReader, check_member
from filiere.model import Account, Conversation, Message, Record, Skipped
from filiere.types.moment import from_local

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "whatsapp"
FRENCH = FIXTURES / "Discussion WhatsApp avec Sortie vélo.txt"
SHA = "ab" * 32


def read(path: Path) -> list[Record]:
    with path.open("rb") as fh:
        return read_bytes(fh.read(), path.name)


def read_bytes(
    data: bytes, name: str, *, tz: str = "Europe/Paris", options: dict[str, object] | None = None
) -> list[Record]:
    ctx = ReadContext(sha256=SHA, name=name, tz=tz, options=options or {})
    return list(WhatsAppTextReader().read(io.BytesIO(data), ctx))


def messages(records: list[Record]) -> list[Message]:
    return [record for record in records if isinstance(record, Message)]


def skipped(records: list[Record]) -> list[Skipped]:
    return [record for record in records if isinstance(record, Skipped)]


@pytest.fixture(scope="module")
def exports(shared_data: Path) -> Path:
    return shared_data / "chat_exports"


@pytest.fixture(scope="module")
def languages(exports: Path) -> Path:
    return exports / "whats_json" / "test" / "data" / "languages"


# --- upstream expectations (whats_json test/languages_test.dart) -------------------------------

IOS_FILES = sorted(
    (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "chat_exports" / "whats_json")
    .joinpath("test", "data", "languages")
    .glob("*_ios.txt")
)
ANDROID_FILES = sorted(IOS_FILES[0].parent.glob("*_android*.txt")) if IOS_FILES else []


@pytest.mark.parametrize("path", IOS_FILES, ids=lambda path: path.name)
def test_every_ios_language_gives_23_messages_2_of_them_locations(path: Path) -> None:
    found = messages(read(path))
    assert len(found) == 23
    assert sum(message.kind == "location" for message in found) == 2
    assert not skipped(read(path))


@pytest.mark.parametrize("path", ANDROID_FILES, ids=lambda path: path.name)
def test_every_android_language_gives_60_messages_3_of_them_locations(path: Path) -> None:
    found = messages(read(path))
    # The Dutch file (named "deutch") is a shorter export; upstream skips it.
    assert len(found) == (41 if path.name == "deutch_android_media.txt" else 60)
    assert sum(message.kind == "location" for message in found) == 3


def test_the_language_globs_found_the_upstream_files() -> None:
    assert len(IOS_FILES) == 16
    assert len(ANDROID_FILES) == 5


def test_ios_media_export_kinds_match_upstream_counts(languages: Path) -> None:
    found = messages(read(languages / "english_ios_media.txt"))
    kinds = Counter(message.kind for message in found)
    media = Counter(message.media_type for message in found if message.kind == "media")
    # Upstream: 4 text, 3 image, 2 video, 1 audio, 1 gif, 2 sticker, 4 file, 2 location, 6 system,
    # counting the "image omitted" line and the two deleted messages as system, the contact card
    # as a file. Here those are a fourth image, "deleted" and "contact".
    assert kinds == {"text": 4, "media": 13, "contact": 1, "location": 2, "deleted": 2, "system": 3}
    assert media == {"image": 4, "video": 2, "audio": 1, "gif": 1, "sticker": 2, "document": 3}


def test_chat_miner_files_match_their_target(exports: Path) -> None:
    folder = exports / "chat-miner" / "test" / "whatsapp"
    target = json.loads((folder / "target.json").read_text(encoding="utf-8"))
    expected = sorted((row["timestamp"], row["author"], row["message"]) for row in target)
    files = sorted(folder.glob("test_*.txt"))
    assert len(files) == 5
    for path in files:
        found = [message for message in messages(read(path)) if message.kind != "system"]
        # chat-miner joins continuation lines with a space; we keep the line break.
        got = sorted((m.time.local, m.sender_name, m.text.replace("\n", " ")) for m in found)
        assert got == expected, path.name
        # "created group", "You were added" and the bodiless "John Doe:." are notices.
        notices = [message.text for message in messages(read(path)) if message.kind == "system"]
        assert notices == ["John Doe:.", '+12 345 578 created group "Groupname"', "You were added"]


def test_chat_analytics_samples(exports: Path) -> None:
    folder = exports / "chat-analytics" / "tests" / "samples" / "whatsapp"
    small = messages(read(folder / "2A_5M.txt"))
    assert len(small) == 5
    assert {message.sender_name for message in small} == {"A", "B"}
    assert [message.kind for message in small].count("media") == 1  # "<media omitted>", lower case
    group = read(folder / "4A_11M.txt")
    authors = {message.sender_name for message in messages(group) if message.kind != "system"}
    assert authors == {"Alice", "Bob", "Eve", "Mallory", "Trent"}
    assert isinstance(group[0], Conversation) and group[0].kind == "group"
    # No date decides between 12 September and 9 December: day first, as upstream expects.
    assert messages(group)[0].time.local == "2020-09-12T23:55:00"


def test_whatstk_samples(exports: Path) -> None:
    pokemon = messages(read(exports / "whatstk" / "pokemon.txt"))
    assert len(pokemon) == 20
    assert pokemon[0].kind == "system"  # the notice filed under the group's name
    assert pokemon[2].time.local == "2016-08-06T13:23:00"
    lorem = messages(read(exports / "whatstk" / "lorem.txt"))
    assert len(lorem) == 500
    assert lorem[0].time.local == "2020-01-15T02:22:56"
    merged = messages(read(exports / "whatstk" / "lorem-merge-part1.txt"))
    assert merged[0].time.local == "2019-10-20T10:16:00"  # year first


# --- locales, calendars, digits and direction marks --------------------------------------------


def test_calendars_all_give_gregorian_dates(exports: Path) -> None:
    folder = exports / "whats_json" / "test" / "data" / "calendars"
    gregorian = [m.time.local for m in messages(read(folder / "Gregorian iOS.txt"))]
    buddhist = [m.time.local for m in messages(read(folder / "Buddhist iOS.txt"))]
    japanese = [m.time.local for m in messages(read(folder / "Japanese iOS.txt"))]
    assert gregorian[0] == buddhist[0] == japanese[0] == "2022-03-18T14:56:01"  # 2565 BE, Reiwa 4
    assert buddhist[24] == japanese[24] == gregorian[24] == "2023-01-07T23:32:30"  # 2566 BE, Reiwa 5
    assert buddhist[-1] == "2023-01-12T15:35:15"


def test_arabic_indic_digits_rlm_marks_and_phone_sender(languages: Path) -> None:
    records = read(languages / "arabic_ios.txt")
    found = messages(records)
    assert found[0].time.local == "2022-03-18T14:56:00"  # ٢:٥٦:٠٠ م is 2:56 in the afternoon
    assert found[1].time.local == "2022-03-27T21:41:35"
    assert found[0].kind == "system" and found[0].extra["shown_as"] == "+40 521 028 61 88"
    assert found[2].kind == "media" and found[2].media_type == "image"
    conversation = records[0]
    assert isinstance(conversation, Conversation) and conversation.title == "+40 521 028 61 88"


def test_rlm_inside_brackets_and_time_first_and_dotted_times(languages: Path) -> None:
    arabic = messages(read(languages / "arabic2_ios.txt"))
    vietnamese = messages(read(languages / "vietnamese_ios.txt"))
    indonesian = messages(read(languages / "indonesian_ios.txt"))
    for found in (arabic, vietnamese, indonesian):
        assert found[1].time.local == "2022-03-27T21:41:35"
        assert found[1].text == "Hello World"


def test_direction_marks_are_stripped_from_fields_but_kept_with_the_line(languages: Path) -> None:
    for path in sorted(languages.glob("*.txt")):
        for message in messages(read(path)):
            for value in (message.text, message.sender_name, message.media, message.sender):
                assert value is None or not any(mark in value for mark in MARKS), (path.name, value)
    french = messages(read(languages / "french_ios.txt"))
    assert french[2].media == "image absente" and french[2].media_type == "image"
    assert french[2].extra["line"].startswith("\u200e[3/27/22 21:41:55]")


def test_localised_placeholders(languages: Path) -> None:
    french = messages(read(languages / "french_ios.txt"))
    assert [m.kind for m in french if m.text.startswith(("Vous avez", "Ce message"))] == ["deleted", "deleted"]
    dutch = {m.source.locator: m for m in messages(read(languages / "deutch_android_media.txt"))}
    assert dutch["line 4"].media == "<Media weggelaten>" and dutch["line 4"].text == "Caption"
    assert dutch["line 7"].media == "PTT-20220323-WA0000.opus" and dutch["line 7"].media_type == "audio"
    assert dutch["line 10"].kind == "contact" and dutch["line 10"].media == "Alex.vcf"
    assert dutch["line 15"].kind == "deleted" and dutch["line 15"].text == "Dit bericht is verwijderd"
    russian = messages(read(languages / "russian_android.txt"))
    assert russian[2].kind == "media" and russian[2].media == "<Без медиафайлов>"
    hindi = messages(read(languages / "hindi_ios.txt"))
    assert [m.media_type for m in hindi if m.kind == "media"].count("sticker") == 2


def test_android_multiline_foursquare_and_captions(languages: Path) -> None:
    found = messages(read(languages / "english_android_media.txt"))
    by_line = {message.source.locator: message for message in found}
    assert by_line["line 4"].text == "Caption" and by_line["line 4"].media == "<Media omitted>"
    place = by_line["line 46"]
    assert place.kind == "location"
    assert place.extra["place"] == "Pimlico Gardens" and place.extra["address"] == "London, United Kingdom"
    assert by_line["line 10"].extra["lat"] == pytest.approx(51.50214569326172)
    assert by_line["line 72"].kind == "call" and by_line["line 72"].extra["call"] == "missed voice"


def test_group_system_lines_have_no_sender(exports: Path) -> None:
    path = exports / "whats_json" / "test" / "data" / "android" / "WhatsApp Chat with Group Chat XXX Android.txt"
    records = read(path)
    found = messages(records)
    notices = [message for message in found if message.kind == "system"]
    assert len(notices) == 16
    assert all(message.sender is None and message.sender_name is None for message in notices)
    assert "+7 999 999-99-99 joined using this group's invite link" in [m.text for m in notices]
    conversation = records[0]
    assert isinstance(conversation, Conversation)
    assert conversation.kind == "group" and conversation.key == "whatsapp:chat:Group Chat XXX Android"


# --- our fictional French export ----------------------------------------------------------------


def test_french_fixture_records_in_order_with_sources_and_zone() -> None:
    records = read(FRENCH)
    assert isinstance(records[0], Conversation)
    assert records[0].key == "whatsapp:chat:Sortie vélo" and records[0].kind == "group"
    seen: set[str] = set()
    for record in records[1:]:
        if isinstance(record, Account):
            seen.add(record.key)
        elif isinstance(record, Message):
            assert record.sender is None or record.sender in seen  # account first
            assert record.conversation == "whatsapp:chat:Sortie vélo"
            assert record.source.sha256 == SHA and record.source.locator == f"line {record.native_id}"
            assert record.time.tz == "Europe/Paris"
    accounts = [record for record in records if isinstance(record, Account)]
    assert [account.key for account in accounts] == [
        "whatsapp:name:Karim",
        "whatsapp:name:Lucie",
        "phone:+33639981234",
    ]
    assert accounts[2].phone is not None and accounts[2].phone.original == "+33 6 39 98 12 34"


def test_french_fixture_kinds() -> None:
    found = {int(m.native_id): m for m in messages(read(FRENCH))}
    assert [found[n].kind for n in (1, 2, 3)] == ["system"] * 3
    assert found[6].text == "Je serai là. Trajet prévu :\n- départ 9h place du marché\n- pause au lac"
    assert (found[10].kind, found[10].media, found[10].text) == ("media", "<Médias omis>", "la carte du parcours")
    assert (found[12].media, found[12].media_type) == ("IMG-20230514-WA0003.jpg", "image")
    assert (found[13].kind, found[13].media_type) == ("contact", "contact")
    assert found[14].kind == found[15].kind == "deleted"
    assert found[16].kind == "location" and found[16].extra["lon"] == pytest.approx(4.8357)
    assert found[17].text == "à samedi" and found[17].extra["edited"] is True
    # A notice quoting "Sortie: samedi" is not a message from someone called 'Lucie a modifié…'.
    assert found[18].kind == "system" and found[18].sender is None
    assert found[19].kind == "call"
    assert found[20].text == "31/02 c'est pas une date, 14/05 oui"


def test_time_zone_is_applied_and_recorded() -> None:
    paris = messages(read(FRENCH))[3]
    tokyo = messages(read_bytes(FRENCH.read_bytes(), FRENCH.name, tz="Asia/Tokyo"))[3]
    assert paris.time.local == tokyo.time.local == "2023-05-14T18:05:00"
    assert paris.time.iso_utc() == "2023-05-14T16:05:00Z"
    assert tokyo.time.iso_utc() == "2023-05-14T09:05:00Z" and tokyo.time.tz == "Asia/Tokyo"


def test_clock_shortcut_equals_from_local_across_transitions() -> None:
    for tz in ("Europe/Paris", "America/New_York", "Australia/Lord_Howe"):
        clock = Clock("dmy", "test", tz)
        for day in ("27/03/2022", "30/10/2022", "13/03/2022", "06/11/2022", "03/04/2022", "02/10/2022"):
            for hour in range(24):
                for minute in (0, 1, 30, 59):
                    got = clock.moment(day, f"{hour:02d}:{minute:02d}:07", None)
                    d, m, y = map(int, day.split("/"))
                    assert got == from_local(datetime(y, m, d, hour, minute, 7), tz), (tz, day, hour, minute)


def test_demo_case_exports_match_their_known_truth(tmp_path: Path) -> None:
    generator = pytest.importorskip("filiere.demo.generator")
    generator.generate(tmp_path / "demo", seed=3, scale="small")
    truth = json.loads((tmp_path / "demo" / "truth.json").read_text(encoding="utf-8"))
    files = [entry for entry in truth["files"] if entry["format"] == "whatsapp_txt"]
    assert files
    for entry in files:
        found = messages(read(tmp_path / "demo" / entry["path"]))
        assert len(found) == entry["messages"], entry["path"]
        assert sum(message.kind == "system" for message in found) == entry["system"], entry["path"]


# --- day/month order --------------------------------------------------------------------------


def undecided(order: str | None = None) -> list[Message]:
    text = "01/02/2023 10:00 - Ana: un\n05/02/2023 10:00 - Ana: deux\n03/03/2023 10:00 - Ana: trois\n"
    options: dict[str, object] = {"date_order": order} if order else {}
    return messages(read_bytes(text.encode(), "chat.txt", options=options))


def test_order_without_deciding_date_follows_time_then_defaults_to_day_first() -> None:
    # 1 Feb, 5 Feb, 3 Mar runs forward; read month first it would go back from 2 May to 3 March.
    assert [m.time.local[:10] for m in undecided()] == ["2023-02-01", "2023-02-05", "2023-03-03"]
    same_day = messages(read_bytes(b"01/02/2023 10:00 - Ana: un\n01/02/2023 11:00 - Ana: deux\n", "c.txt"))
    assert same_day[0].time.local.startswith("2023-02-01")


def test_order_option_overrides_inference() -> None:
    assert [m.time.local[:10] for m in undecided("mdy")] == ["2023-01-02", "2023-05-02", "2023-03-03"]
    with pytest.raises(FormatError, match="date_order"):
        undecided("dym")


def test_order_inference_rule() -> None:
    votes = OrderInference()
    for day in ("3/18/22", "3/27/22", "13/4/22", "4/28/22"):
        votes.feed(day)
    assert votes.result()[0] == "mdy"  # two month-first votes against one
    year_first = OrderInference()
    year_first.feed("2019/01/01")
    assert year_first.result()[0] == "ymd"
    assert OrderInference().result()[0] == "dmy"
    dotted, slashed = OrderInference(), OrderInference()
    for day in ("01.05.23", "02.03.23", "03.04.23"):  # runs forward only if read month first
        dotted.feed(day)
        slashed.feed(day.replace(".", "/"))
    assert dotted.result()[0] == "dmy"  # the separator outweighs the chronology
    assert slashed.result()[0] == "mdy"


def test_twelve_hour_clocks() -> None:
    text = (
        "[1/2/23, 9:05:12\u202fPM] Ana: soir\n"
        "[1/2/23, 12:01:00 AM] Ana: minuit\n"
        "[1/13/23, 12:30:00 PM] Ana: midi\n"
        "01/14/2023, 00:08 a. m. - Bea: ignored form\n"
    )
    found = messages(read_bytes(text.encode(), "_chat.txt"))
    assert [m.time.local for m in found] == ["2023-01-02T21:05:12", "2023-01-02T00:01:00", "2023-01-13T12:30:00"]
    assert found[-1].text.endswith("ignored form")  # another form: a continuation line here


def test_rarer_header_forms() -> None:
    colon = messages(read_bytes(b"12/24/16, 8:03 PM: Ana: joyeux\n12/25/16, 9:15 AM: Bea: merci\n", "c.txt"))
    assert [(m.time.local, m.sender_name, m.text) for m in colon] == [
        ("2016-12-24T20:03:00", "Ana", "joyeux"),
        ("2016-12-25T09:15:00", "Bea", "merci"),
    ]
    french = messages(read_bytes("14/05/2023 à 18:05 - Karim: Salut\n".encode(), "c.txt"))
    assert french[0].time.local == "2023-05-14T18:05:00" and french[0].sender_name == "Karim"
    marker_first = messages(read_bytes("2022/03/18 午後2:56 - Ana: こんにちは\n".encode(), "c.txt"))
    assert marker_first[0].time.local == "2022-03-18T14:56:00"
    unknown_marker = read_bytes(b"18/03/2022 2:56 xyz - Ana: hi\n18/03/2022 14:57 - Ana: ok\n", "c.txt")
    assert [problem.locator for problem in skipped(unknown_marker)] == ["line 1"]


# --- broken input -----------------------------------------------------------------------------


def test_empty_file_is_a_format_error_naming_file_and_line() -> None:
    for data in (b"", b"\n\n  \n", "\ufeff".encode()):
        with pytest.raises(FormatError) as caught:
            read_bytes(data, "vide.txt")
        assert caught.value.path == "vide.txt" and caught.value.locator == "line 1"


def test_other_format_is_a_format_error_with_locator(exports: Path) -> None:
    path = exports / "chat-analytics" / "tests" / "samples" / "telegram" / "DM_2A_7M.json"
    with pytest.raises(FormatError) as caught:
        read(path)
    assert caught.value.path == "DM_2A_7M.json"
    assert caught.value.locator is not None and caught.value.locator.startswith("lines 1-")
    assert "WhatsApp" in str(caught.value)


def test_binary_junk_is_a_format_error() -> None:
    junk = bytes(range(256)) * 300
    with pytest.raises(FormatError) as caught:
        read_bytes(junk, "junk.txt")
    assert caught.value.path == "junk.txt"


def test_utf16_exports_read_like_utf8() -> None:
    text = FRENCH.read_text(encoding="utf-8")
    expected = [(m.kind, m.text, m.time.local) for m in messages(read(FRENCH))]
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        found = messages(read_bytes(text.encode(encoding), FRENCH.name))
        assert [(m.kind, m.text, m.time.local) for m in found] == expected, encoding


def test_cp1252_export_and_latin1_after_a_clean_start() -> None:
    text = FRENCH.read_text(encoding="utf-8")
    expected = [m.text for m in messages(read(FRENCH))]
    assert [m.text for m in messages(read_bytes(text.encode("cp1252"), FRENCH.name))] == expected
    # The first 64 KiB are plain ASCII, the accents come later: still read right, not as U+FFFD.
    filler = "".join(f"01/05/2023 10:{n % 60:02d} - Karim: ligne {n}\n" for n in range(2500))
    found = messages(read_bytes((filler + text).encode("latin-1"), "chat.txt"))
    assert [m.text for m in found[2500:]] == expected


def test_truncated_files() -> None:
    data = FRENCH.read_bytes()
    header_cut = data + b"15/05/2023 09:4"
    records = read_bytes(header_cut, FRENCH.name)
    assert isinstance(records[-1], Skipped) and records[-1].locator == "line 21"  # in file order
    assert messages(records)[-1].text == "31/02 c'est pas une date, 14/05 oui"  # not glued to it
    body_cut = data[: data.index(b"Trajet pr")]
    cut = messages(read_bytes(body_cut, FRENCH.name))
    assert cut[-1].text == "Je serai là. "
    in_character = data[: data.index("écouter".encode()) + 1]  # ends inside a two-byte character
    assert messages(read_bytes(in_character, FRENCH.name))[0].text.endswith("\ufffd")


def test_impossible_dates_are_skipped_with_their_lines() -> None:
    text = (
        "14/05/2023 18:05 - Karim: avant\n"
        "31/02/2023 18:06 - Karim: jamais\n"
        "suite du message impossible\n"
        "14/05/2023 25:07 - Karim: heure impossible\n"
        "15/05/2023 18:08 - Karim: après\n"
    )
    records = read_bytes(text.encode(), "chat.txt")
    assert [m.text for m in messages(records)] == ["avant", "après"]
    problems = skipped(records)
    assert [problem.locator for problem in problems] == ["line 2", "line 4"]
    assert "31/02/2023" in problems[0].reason and "25:07" in problems[1].reason


def test_line_ends_of_every_kind() -> None:
    expected = [(m.text, m.source.locator) for m in messages(read(FRENCH))]
    text = FRENCH.read_text(encoding="utf-8")
    for newline in ("\r\n", "\r"):
        found = messages(read_bytes(text.replace("\n", newline).encode(), FRENCH.name))
        assert [(m.text, m.source.locator) for m in found] == expected, repr(newline)


def test_a_huge_line_is_one_long_message() -> None:
    data = FRENCH.read_bytes() + b"15/05/2023 09:40 - Karim: " + b"x" * (3 << 20) + b"\n"
    assert len(messages(read_bytes(data, FRENCH.name))[-1].text) == 3 << 20


def test_text_before_the_first_header_is_reported() -> None:
    data = b"\x00\x01garbage line\nmore\n" + FRENCH.read_bytes()
    records = read_bytes(data, FRENCH.name)
    assert skipped(records)[0].locator == "lines 1-2"
    assert len(messages(records)) == len(messages(read(FRENCH)))


def test_junk_bytes_inside_a_utf8_export_are_replaced_not_fatal() -> None:
    data = FRENCH.read_bytes().replace(b"Ok pour moi", b"Ok \xff\xfe pour moi")
    found = messages(read_bytes(data, FRENCH.name))
    expected = [m.text for m in messages(read(FRENCH))]
    assert [m.text for m in found] == [text.replace("Ok pour", "Ok \ufffd\ufffd pour") for text in expected]


# --- match ------------------------------------------------------------------------------------


def test_match_scores_our_files_high(exports: Path, languages: Path) -> None:
    paths = [*languages.glob("*.txt"), FRENCH, exports / "whatstk" / "pokemon.txt"]
    for path in paths:
        head = path.read_bytes()[: 64 * 1024]
        assert WhatsAppTextReader.match(head, path.name) >= 80, path.name
    head = FRENCH.read_text(encoding="utf-8").encode("utf-16")
    assert WhatsAppTextReader.match(head, "chat.txt") >= 80


def test_match_scores_other_formats_low(shared_data: Path) -> None:
    others = [
        path
        for path in (shared_data / "chat_exports").rglob("*")
        if path.is_file()
        and "whats" not in str(path).lower()
        and path.suffix not in (".md",)
        and path.parent.name != "whatsapp"
    ]
    assert len(others) > 20
    for path in others:
        head = path.read_bytes()[: 64 * 1024]
        assert WhatsAppTextReader.match(head, path.name) <= 40, path
        assert WhatsAppZipReader.match(head, path.name) == 0, path
    signal = shared_data / "chat_exports" / "chat-miner" / "test" / "signal" / "test_export.txt"
    assert WhatsAppTextReader.match(signal.read_bytes(), signal.name) <= 40


@settings(max_examples=200, deadline=None)
@given(head=st.binary(max_size=4096), name=st.text(max_size=40))
def test_match_never_raises(head: bytes, name: str) -> None:
    assert 0 <= WhatsAppTextReader.match(head, name) <= 100
    assert 0 <= WhatsAppZipReader.match(head, name) <= 100


def test_chat_titles_from_file_names() -> None:
    assert chat_title("WhatsApp Chat with Dmitry S EN Android.txt") == "Dmitry S EN Android"
    assert chat_title("WhatsApp Chat - Elon Musk (RU).zip") == "Elon Musk (RU)"
    assert chat_title("Discussion WhatsApp avec Sortie vélo.txt") == "Sortie vélo"
    assert chat_title("Чат WhatsApp с\xa0контактом Dmitry S RU Android.txt") == "Dmitry S RU Android"
    assert chat_title("C:\\exports\\_chat.txt") is None


# --- ZIP --------------------------------------------------------------------------------------


def read_zip(data: bytes, name: str) -> list[Record]:
    ctx = ReadContext(sha256=SHA, name=name)
    return list(WhatsAppZipReader().read(io.BytesIO(data), ctx))


def make_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_zip_exports_read_like_their_text(exports: Path) -> None:
    folder = exports / "chat-analytics" / "tests" / "samples" / "whatsapp"
    data = (folder / "4A_11M.zip").read_bytes()
    assert WhatsAppZipReader.match(data[: 64 * 1024], "4A_11M.zip") >= 80
    from_zip = messages(read_zip(data, "4A_11M.zip"))
    from_text = messages(read(folder / "4A_11M.txt"))
    assert [(m.text, m.time) for m in from_zip] == [(m.text, m.time) for m in from_text]
    assert from_zip[0].source.locator == "_chat.txt:line 1"
    russian = exports / "whats_json" / "test" / "data" / "ios" / "WhatsApp Chat - Elon Musk (RU).zip"
    records = read_zip(russian.read_bytes(), russian.name)
    assert isinstance(records[0], Conversation) and records[0].key == "whatsapp:chat:Elon Musk (RU)"
    assert len(messages(records)) == 25


def test_zip_media_members_are_named(tmp_path: Path) -> None:
    chat = (
        "[14/05/2023 18:08:00] Karim: \u200e<attached: 00000003-PHOTO-2023-05-14-18-08-00.jpg>\n"
        "[14/05/2023 18:09:00] Karim: \u200e<attached: 00000004-AUDIO-2023-05-14-18-09-00.opus>\n"
    )
    data = make_zip({"_chat.txt": chat.encode(), "00000003-PHOTO-2023-05-14-18-08-00.jpg": b"\xff\xd8"})
    found = messages(read_zip(data, "WhatsApp Chat - Karim.zip"))
    assert [(m.media_type, m.extra["in_archive"]) for m in found] == [("image", True), ("audio", False)]


@pytest.mark.parametrize("member", ["../evil.txt", "/etc/cron.d/x", "C:\\Windows\\x.txt", "media/../../x.jpg"])
def test_zip_with_hostile_member_path_is_refused(member: str) -> None:
    data = make_zip({"_chat.txt": FRENCH.read_bytes(), member: b"x"})
    with pytest.raises(UnsafeInputError) as caught:
        read_zip(data, "export.zip")
    assert caught.value.locator == f"member {member!r}" and caught.value.path == "export.zip"


def test_zip_bomb_is_refused() -> None:
    bomb = make_zip({"_chat.txt": FRENCH.read_bytes() + b"a" * (4 << 20)})
    with pytest.raises(UnsafeInputError) as caught:
        read_zip(bomb, "bomb.zip")
    assert caught.value.locator == "member '_chat.txt'"
    info = zipfile.ZipInfo("_chat.txt")
    info.file_size, info.compress_size = MAX_CHAT_BYTES + 1, MAX_CHAT_BYTES
    with pytest.raises(UnsafeInputError, match=r"octets|bytes"):
        check_member(info, "huge.zip")


def test_zip_without_chat_or_broken_is_a_format_error() -> None:
    with pytest.raises(FormatError) as caught:
        read_zip(make_zip({"a.txt": b"x", "b.txt": b"y"}), "photos.zip")
    assert caught.value.path == "photos.zip" and caught.value.locator is not None
    with pytest.raises(FormatError) as caught:
        read_zip(FRENCH.read_bytes(), "not-a-zip.zip")
    assert caught.value.path == "not-a-zip.zip"
    cut = make_zip({"_chat.txt": FRENCH.read_bytes() * 20})
    with pytest.raises(FormatError):
        read_zip(cut[: len(cut) // 2], "cut.zip")


def test_placeholder_kind_names_the_apps_words_not_a_senders() -> None:
    from filiere.ingest.whatsapp_kinds import placeholder_kind

    assert placeholder_kind("Vous avez supprimé ce message") == "deleted"
    assert placeholder_kind("This message was deleted.") == "deleted"
    assert placeholder_kind("Appel vocal manqué") == "call"
    assert placeholder_kind("Vous avez supprimé ce message, rappelle-moi pour la beuh") is None
    assert placeholder_kind("x" * 500) is None
