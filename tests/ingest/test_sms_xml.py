"""The SMS Backup & Restore ``sms.xml`` reader: fixture content, hostile XML, broken files, streaming."""

from __future__ import annotations

import io
import json
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest

from filiere.errors import FormatError, UnsafeInputError
from filiere.ingest.base import ReadContext
from filiere.ingest.safexml import repair_char_refs
from filiere.ingest.sms_xml import SmsXmlReader
from filiere.model import Account, Conversation, Message, Record, Skipped
from filiere.serialize import to_dict

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sbr"
SMS = FIXTURES / "sms.xml"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FILIERE_LANG", "en")


def read(data: bytes, name: str = "sms.xml", **options: object) -> list[Record]:
    ctx = ReadContext(sha256="0" * 64, name=name, options=options)
    return list(SmsXmlReader().read(io.BytesIO(data), ctx))


def read_until_error(data: bytes, name: str = "sms.xml") -> tuple[list[Record], FormatError]:
    got: list[Record] = []
    ctx = ReadContext(sha256="0" * 64, name=name)
    with pytest.raises(FormatError) as caught:
        for record in SmsXmlReader().read(io.BytesIO(data), ctx):
            got.append(record)
    return got, caught.value


def messages(records: list[Record]) -> dict[str, Message]:
    return {r.native_id: r for r in records if isinstance(r, Message)}


def test_fixture_counts_and_the_skipped_record() -> None:
    records = read(SMS.read_bytes())
    counts = Counter(type(r).__name__ for r in records)
    assert counts["Message"] == 28  # 26 sms (one without date) + 3 mms
    assert [r for r in records if isinstance(r, Skipped)] == [Skipped("sms[7] (line 11)", "missing date attribute")]
    assert all(r.source.sha256 == "0" * 64 for r in records if not isinstance(r, Skipped))


def test_keys_are_defined_once_and_before_use() -> None:
    defined: set[str] = set()
    for record in read(SMS.read_bytes()):
        if isinstance(record, Conversation | Account):
            assert record.key not in defined
            defined.add(record.key)
        elif isinstance(record, Message):
            assert record.conversation in defined
            assert record.sender is None or record.sender in defined


def test_received_and_sent_sms() -> None:
    got = messages(read(SMS.read_bytes()))
    first, reply = got["sms[1]"], got["sms[2]"]
    assert (first.conversation, first.sender, first.direction) == ("sms:+33639980101", "phone:+33639980101", "in")
    assert first.sender_name == "Karim B"
    assert (first.time.iso_utc(), first.time.local, first.time.tz) == (
        "2024-03-01T08:12:03Z",
        "2024-03-01T09:12:03",
        "Europe/Paris",
    )
    assert (reply.sender, reply.direction, reply.sender_name) == ("phone:owner", "out", None)
    assert got["sms[9]"].extra == {"box": "draft"} and got["sms[10]"].extra == {"box": "failed"}
    assert first.source.locator == "sms[1] (line 5)"


def test_text_escapes_newlines_and_emoji() -> None:
    got = messages(read(SMS.read_bytes()))
    assert got["sms[3]"].text == "Ligne 1\nLigne 2\nLigne 3"
    assert got["sms[4]"].text == "Bien reçu 👍"
    # written by the app as the surrogate pair "&#55357;&#56846;", which XML forbids
    assert got["sms[6]"].text == "Appelle-moi 😎"
    assert got["sms[11]"].text == "Message numéro 1 & suite <ok> 🙂"


def test_accounts_normalised_and_alphanumeric_sender_kept() -> None:
    accounts = {r.key: r for r in read(SMS.read_bytes()) if isinstance(r, Account)}
    assert accounts["phone:ORANGE"].phone is not None
    assert (accounts["phone:ORANGE"].phone.original, accounts["phone:ORANGE"].phone.e164) == ("ORANGE", None)
    lea = accounts["phone:+33639980102"]
    assert (lea.name, lea.phone and lea.phone.original) == ("Léa", "0639980102")
    assert accounts["phone:+33639980103"].name is None  # "(Unknown)" is not a name
    assert accounts["phone:owner"].is_owner
    assert sum(a.is_owner for a in accounts.values()) == 1


def test_mms_text_and_picture_without_the_picture_bytes() -> None:
    records = read(SMS.read_bytes())
    mms = messages(records)["mms[1]"]
    assert (mms.kind, mms.media, mms.media_type) == ("media", "IMG_0412.jpg", "photo")
    assert mms.text == "Regarde la photo\ndevant le bâtiment B"
    assert (mms.conversation, mms.sender, mms.direction) == ("sms:+33639980101", "phone:+33639980101", "in")
    dumped = json.dumps([to_dict(r) for r in records])
    assert "iVBORw0KGgo" not in dumped  # the base64 PNG of the fixture


def test_group_mms_one_thread_for_both_directions() -> None:
    records = read(SMS.read_bytes())
    group = "sms:+33199000104,+33639980101,+33639980102"
    thread = next(r for r in records if isinstance(r, Conversation) and r.key == group)
    assert (thread.kind, thread.title) == ("group", "Karim B, Léa, Bureau")
    got = messages(records)
    sent, received = got["mms[2]"], got["mms[3]"]
    assert sent.conversation == received.conversation == group
    assert (sent.sender, sent.kind) == ("phone:owner", "text")
    assert (received.sender, received.media, received.media_type) == ("phone:+33639980102", "VID_0007.mp4", "video")


def test_known_owner_number_replaces_the_placeholder() -> None:
    records = read(SMS.read_bytes(), owner="06 39 98 01 99")
    owner = [r for r in records if isinstance(r, Account) and r.is_owner]
    assert [a.key for a in owner] == ["phone:+33639980199"]
    assert messages(records)["sms[2]"].sender == "phone:+33639980199"


@pytest.mark.parametrize(
    "doctype",
    [
        # billion laughs
        '<!DOCTYPE smses [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
        '<!DOCTYPE smses [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>',
        '<!DOCTYPE smses [\n<!ENTITY % p SYSTEM "http://example.invalid/evil.dtd">\n%p;\n]>',
    ],
)
def test_entities_are_refused(doctype: str) -> None:
    data = f'<?xml version="1.0"?>\n{doctype}\n<smses count="1"><sms address="&d;" body="&x;"/></smses>'
    with pytest.raises(UnsafeInputError) as caught:
        read(data.encode())
    assert caught.value.path == "sms.xml"
    assert caught.value.locator is not None and caught.value.locator.startswith("line ")
    assert "sms.xml, line" in str(caught.value)


def test_truncated_file_yields_what_precedes_the_cut() -> None:
    data = SMS.read_bytes()
    cut = data.index(b"Message num\xc3\xa9ro 5")
    got, error = read_until_error(data[:cut])
    assert "sms[14]" in messages(got) and "sms[15]" not in messages(got)
    assert error.path == "sms.xml" and error.locator is not None and error.locator.startswith("line ")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n",
        b'<smses count="1"><sms address="1" date="1" </smses>',
        b'<smses count="1"><sms address="x" date="1"/></smses><trailing/>',
        b"\x89PNG\r\n\x1a\n\x00\x00binary",
        "12/03/2024, 10:01 - Léa: salut\n".encode(),
    ],
)
def test_broken_or_foreign_files_raise_format_error(data: bytes) -> None:
    with pytest.raises(FormatError) as caught:
        read(data)
    assert caught.value.path == "sms.xml" and caught.value.locator


def test_wrong_root_names_the_element() -> None:
    with pytest.raises(FormatError) as caught:
        read((FIXTURES / "calls.xml").read_bytes())
    assert "<calls>" in str(caught.value) and caught.value.locator == "line 4"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_declaration(encoding: str) -> None:
    text = SMS.read_text(encoding="utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'")
    utf8 = messages(read(SMS.read_bytes()))
    utf16 = messages(read(text.encode(encoding)))
    assert utf16["sms[4]"].text == "Bien reçu 👍"
    assert {k: m.text for k, m in utf16.items()} == {k: m.text for k, m in utf8.items()}
    assert utf16["sms[6]"].text == "Appelle-moi 😎"


@pytest.mark.parametrize("declaration", ["<?xml version='1.0' encoding='UTF-8'?>", "<?xml version='1.0'?>", ""])
def test_cp1252_bytes_read_as_such(declaration: str) -> None:
    record = '<sms address="0639980102" date="1709283660000" type="1" body="Réunion à 9h €"/>'
    xml = f'{declaration}\n<smses count="1">\n{record}\n</smses>\n'
    got = messages(read(xml.encode("cp1252")))
    assert got["sms[1]"].text == "Réunion à 9h €"


def test_latin1_declared() -> None:
    xml = '<?xml version="1.0" encoding="ISO-8859-1"?><smses><sms address="1" date="1" type="2" body="été"/></smses>'
    assert messages(read(xml.encode("latin-1")))["sms[1]"].text == "été"


def test_record_level_problems_are_skipped() -> None:
    xml = (
        "<smses>\n"
        '<sms address="0639980102" date="soon" type="1" body="a"/>\n'
        '<sms date="1709283660000" type="1" body="b"/>\n'
        '<sms address="0639980102" date="1709283660000" type="9" body="c"/>\n'
        '<mms date="1709283660000" msg_box="1" address="null"><parts/><addrs/></mms>\n'
        "<rcs/>\n"
        '<sms address="0639980102" date="1709283660000" type="1" body="ok"/>\n'
        "</smses>"
    )
    records = read(xml.encode())
    skipped = [r for r in records if isinstance(r, Skipped)]
    assert [s.locator for s in skipped] == [
        "sms[1] (line 2)",
        "sms[2] (line 3)",
        "sms[3] (line 4)",
        "mms[1] (line 5)",
        "rcs[1] (line 6)",
    ]
    assert "date" in skipped[0].reason and "address" in skipped[1].reason and "type" in skipped[2].reason
    assert messages(records)["sms[4]"].text == "ok"


def test_char_ref_repair_across_chunk_boundaries() -> None:
    data = b'body="a&#55357;&#56846;b&#1;c&#x1F600;"'
    for cut in range(1, len(data)):
        repaired = b"".join(repair_char_refs(iter([data[:cut], data[cut:]])))
        assert repaired == b'body="a&#128526;b&#65533;c&#x1F600;"'


def test_match() -> None:
    assert SmsXmlReader.match(SMS.read_bytes()[:65536], "sms.xml") >= 90
    assert SmsXmlReader.match((FIXTURES / "calls.xml").read_bytes(), "calls.xml") == 0
    assert SmsXmlReader.match("<smses>".encode("utf-16"), "x.xml") >= 90
    assert SmsXmlReader.match(b"\xff\xfe\x00\x01junk" * 100, "sms.xml") <= 30
    assert SmsXmlReader.match(SMS.read_bytes()[:200], "backup.xml") >= 90  # cut mid-record


def test_match_is_low_for_other_formats(shared_data: Path) -> None:
    others = [p for p in (shared_data / "chat_exports").rglob("*") if p.is_file()]
    assert len(others) > 50
    for path in others:
        assert SmsXmlReader.match(path.read_bytes()[:65536], path.name) == 0, path


def test_memory_does_not_grow_with_file_size() -> None:
    record = (
        '<sms protocol="0" address="+33639980101" date="1709280723000" type="1" subject="null" '
        'body="{}" read="1" status="-1" locked="0" contact_name="Karim B" />\n'
    )
    big_mms = (
        '<mms date="1709280723000" msg_box="1" address="+33639980102">'
        '<parts><part ct="image/jpeg" name="a.jpg" data="{}"/></parts></mms>\n'
    )

    def peak(count: int) -> int:
        body = "".join(record.format(f"message {i} " * 5) for i in range(count))
        data = f"<smses count='{count}'>\n{body}{big_mms.format('QUJD' * 250_000)}</smses>\n".encode()
        tracemalloc.start()
        seen = sum(1 for _ in SmsXmlReader().read(io.BytesIO(data), ReadContext(sha256="0" * 64, name="big.xml")))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert seen == count + 5  # the messages, the mms, two threads, two accounts
        return top

    small, large = peak(2_000), peak(20_000)
    assert large < small * 2  # ten times the records, not ten times the memory
