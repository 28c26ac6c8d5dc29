"""The SMS Backup & Restore ``calls.xml`` reader: call types, withheld numbers, broken files."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

from filiere.errors import FormatError, UnsafeInputError
from filiere.ingest.base import ReadContext
from filiere.ingest.calls_xml import CallsXmlReader
from filiere.model import Account, Call, Record, Skipped

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sbr"
CALLS = FIXTURES / "calls.xml"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FILIERE_LANG", "en")


def read(data: bytes, name: str = "calls.xml") -> list[Record]:
    return list(CallsXmlReader().read(io.BytesIO(data), ReadContext(sha256="0" * 64, name=name)))


def calls(records: list[Record]) -> dict[str, Call]:
    return {r.native_id: r for r in records if isinstance(r, Call)}


def test_fixture_counts_and_the_skipped_call() -> None:
    records = read(CALLS.read_bytes())
    assert Counter(type(r).__name__ for r in records) == {"Call": 24, "Account": 5, "Skipped": 1}
    assert [r for r in records if isinstance(r, Skipped)] == [Skipped("call[9] (line 13)", "missing date attribute")]


def test_directions_and_parties() -> None:
    got = calls(read(CALLS.read_bytes()))
    assert [got[f"call[{i}]"].direction for i in range(1, 9)] == [
        "incoming",
        "outgoing",
        "missed",
        "voicemail",
        "rejected",
        "incoming",
        "blocked",
        "incoming",
    ]
    first, second = got["call[1]"], got["call[2]"]
    assert (first.caller, first.callee, first.duration_s) == ("phone:+33639980101", "phone:owner", 65)
    assert (second.caller, second.callee, second.duration_s) == ("phone:owner", "phone:+33639980101", 300)
    assert (first.start.iso_utc(), first.start.local) == ("2024-03-01T08:20:00Z", "2024-03-01T09:20:00")
    assert first.kind == "voice" and first.source.locator == "call[1] (line 5)"
    assert got["call[8]"].extra == {"answered_elsewhere": True, "post_dial_digits": "#12"}


def test_withheld_number_has_no_caller() -> None:
    withheld = calls(read(CALLS.read_bytes()))["call[6]"]
    assert (withheld.caller, withheld.callee) == (None, "phone:owner")
    assert withheld.extra == {"presentation": "restricted"}


def test_accounts_carry_contact_names_once() -> None:
    accounts = [r for r in read(CALLS.read_bytes()) if isinstance(r, Account)]
    names = {a.key: a.name for a in accounts}
    assert len(names) == len(accounts)
    assert names == {
        "phone:+33639980101": "Karim B",
        "phone:owner": None,
        "phone:+33639980102": "Léa",
        "phone:+33639980103": None,
        "phone:+33199000104": "Bureau",
    }


def test_entity_bomb_refused() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE calls [\n<!ENTITY a "xxxxxxxxxxxxxxxx">\n'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<calls><call number="&b;"/></calls>'
    )
    with pytest.raises(UnsafeInputError) as caught:
        read(data)
    assert (caught.value.path, caught.value.locator) == ("calls.xml", "line 3")


def test_truncated_file() -> None:
    data = CALLS.read_bytes()
    got: list[Record] = []
    with pytest.raises(FormatError) as caught:
        got.extend(
            CallsXmlReader().read(io.BytesIO(data[: len(data) // 2]), ReadContext(sha256="0" * 64, name="c.xml"))
        )
    assert "call[5]" in calls(got)
    assert caught.value.path == "c.xml" and (caught.value.locator or "").startswith("line ")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<calls><call number='1' date='1' type='1'></calls>",
        (FIXTURES / "sms.xml").read_bytes(),
        b"Date;Heure;Dur\xe9e\n01/03/2024;10:00;00:01:00\n",
    ],
)
def test_broken_or_foreign_files(data: bytes) -> None:
    with pytest.raises(FormatError) as caught:
        read(data)
    assert caught.value.path == "calls.xml" and (caught.value.locator or "").startswith("line ")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16(encoding: str) -> None:
    text = CALLS.read_text(encoding="utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'")
    assert calls(read(text.encode(encoding))) == calls(read(CALLS.read_bytes()))


def test_cp1252() -> None:
    xml = (
        '<calls count="1"><call number="0639980102" duration="5" date="1709283660000" type="2" '
        'contact_name="Léa Müller"/></calls>'
    )
    accounts = [r for r in read(xml.encode("cp1252")) if isinstance(r, Account)]
    assert accounts[0].name == "Léa Müller"


def test_unknown_type_and_junk_values() -> None:
    xml = (
        "<calls>\n"
        '<call number="0639980102" duration="abc" date="1709283660000" type="2"/>\n'
        '<call number="0639980102" duration="5" date="1709283660000" type="42"/>\n'
        "</calls>"
    )
    records = read(xml.encode())
    call = calls(records)["call[1]"]
    assert (call.duration_s, call.extra) == (None, {"duration": "abc"})
    assert [r for r in records if isinstance(r, Skipped)] == [Skipped("call[2] (line 3)", "unknown type='42'")]


def test_match(shared_data: Path) -> None:
    assert CallsXmlReader.match(CALLS.read_bytes(), "calls-20240314.xml") >= 90
    assert CallsXmlReader.match((FIXTURES / "sms.xml").read_bytes(), "sms.xml") == 0
    assert CallsXmlReader.match(b"\x00\x01\x02junk", "calls.xml") <= 30
    for path in (p for p in (shared_data / "chat_exports").rglob("*") if p.is_file()):
        assert CallsXmlReader.match(path.read_bytes()[:65536], path.name) == 0, path
    tkalliom = shared_data / "chat_exports" / "sms_backup_restore" / "tkalliom_calls.xsd"
    assert CallsXmlReader.match(tkalliom.read_bytes(), tkalliom.name) == 0  # a schema, not a backup
