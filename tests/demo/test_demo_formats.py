"""The demo files look like what the real tools write, and parse with the standard library."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from demo_parsing import SIGNAL_HEADER, WHATSAPP_HEADER, chat_messages, telegram_text

from filiere.demo.cdr import HEADER
from filiere.demo.chats import E2E
from filiere.types.phone import normalize_phone

PARIS = ZoneInfo("Europe/Paris")
# French numbers as people and tools write them; word boundaries keep IMEIs and timestamps out.
FRENCH_NUMBER = re.compile(r"(?:\+33|\b0)\s?[1-9](?:[\s.-]?\d{2}){4}\b")
FICTION = ("+3363998", "+3319900")


def _files(root: Path, truth: dict[str, Any], fmt: str) -> list[Path]:
    return [root / e["path"] for e in truth["files"] if e["format"] == fmt]


def test_every_phone_number_in_every_file_is_fictional(small_case: Path) -> None:
    seen = set()
    for path in small_case.rglob("*"):
        if path.is_file() and path.suffix != ".jpg":
            for raw in FRENCH_NUMBER.findall(path.read_text(encoding="utf-8")):
                number = normalize_phone(raw)
                assert number and number.startswith(FICTION), f"{path.name}: {raw}"
                seen.add(number)
    assert len(seen) > 20


def test_telegram_exports_have_desktop_layout(small_case: Path, truth: dict[str, Any]) -> None:
    kinds: set[str] = set()
    for path in _files(small_case, truth, "telegram_json"):
        raw = path.read_text(encoding="utf-8")
        assert raw.startswith('{\n "name": ') and raw.endswith("\n ]\n}")
        assert '\n  {\n   "id": 1,\n   "type": "service",' in raw  # one space per nesting level
        export = json.loads(raw)
        assert export["type"] == "public_channel"
        first = export["messages"][0]
        assert (first["action"], first["actor_id"]) == ("create_channel", f"channel{export['id']}")
        previous = 0
        for message in export["messages"]:
            assert list(message)[:4] == ["id", "type", "date", "date_unixtime"]
            stamp = int(message["date_unixtime"])
            local = datetime.fromtimestamp(stamp, UTC).astimezone(PARIS).strftime("%Y-%m-%dT%H:%M:%S")
            assert message["date"] == local and stamp >= previous and message["id"] > 0
            previous = stamp
            assert "".join(e["text"] for e in message["text_entities"]) == telegram_text(message)
            kinds.update(e["type"] for e in message["text_entities"] if e["type"] != "text_link" or e["href"])
            if message["type"] == "message":
                assert message["from_id"] == f"channel{export['id']}" and message["from"] == export["name"]
            if "photo" in message:
                picture = (path.parent / message["photo"]).read_bytes()
                assert picture[:2] == b"\xff\xd8" and picture[-2:] == b"\xff\xd9"
                assert re.fullmatch(r"photos/photo_\d+@\d\d-\d\d-\d{4}_\d\d-\d\d-\d\d\.jpg", message["photo"])
        ids = [m["id"] for m in export["messages"]]
        assert ids == sorted(set(ids))
    assert kinds == {"plain", "bold", "phone", "mention", "hashtag", "text_link"}


def test_whatsapp_exports_are_french_android(small_case: Path, truth: dict[str, Any]) -> None:
    paths = _files(small_case, truth, "whatsapp_txt")
    assert {p.name for p in paths} == {"Discussion WhatsApp avec Dispatch.txt", "Discussion WhatsApp avec Famille.txt"}
    everything = ""
    for path in paths:
        text = path.read_text(encoding="utf-8")
        everything += text
        assert text.split("\n")[0].endswith(f" - {E2E}") and "\r" not in text
        stamps = []
        for line in text.split("\n"):
            match = WHATSAPP_HEADER.match(line)
            if match:
                day, month, year, hour, minute = map(int, match.groups()[:5])
                stamps.append((year, month, day, hour, minute))
        assert stamps == sorted(stamps)
        assert chat_messages(path, WHATSAPP_HEADER)
    for marker in ("<Médias omis>", "Ce message a été supprimé", "localisation : https://maps.google.com/?q="):
        assert marker in everything


def test_signal_exports_use_bracketed_headers(small_case: Path, truth: dict[str, Any]) -> None:
    for path in _files(small_case, truth, "signal_txt"):
        stamps = [
            m.groups()[:5] for line in path.read_text(encoding="utf-8").split("\n") if (m := SIGNAL_HEADER.match(line))
        ]
        assert stamps and stamps == sorted(stamps)


def test_sms_backup_files_have_the_app_layout(small_case: Path) -> None:
    folder = small_case / "telephone_livreur"
    for name, tag, child in (("sms.xml", "smses", "sms"), ("calls.xml", "calls", "call")):
        lines = (folder / name).read_text(encoding="utf-8").split("\n")
        assert lines[0] == "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>"
        assert lines[1].startswith("<!--File Created By SMS Backup & Restore")
        root = ET.parse(folder / name).getroot()
        assert root.tag == tag and re.fullmatch(r"[0-9a-f-]{36}", root.attrib["backup_set"])
        elements = [line for line in lines if line.startswith(f"  <{child} ")]
        assert len(elements) == len(root) == int(root.attrib["count"]) > 50
    sms = ET.parse(folder / "sms.xml").getroot()
    order = ["protocol", "address", "date", "type", "subject", "body", "toa", "sc_toa", "service_center", "read",
             "status", "locked", "date_sent", "sub_id", "readable_date", "contact_name"]  # fmt: skip
    assert all(list(e.attrib) == order for e in sms)
    assert {e.attrib["type"] for e in sms} == {"1", "2"}
    assert all(re.fullmatch(r"\d{1,2} \S+ \d{4} \d\d:\d\d:\d\d", e.attrib["readable_date"]) for e in sms)
    assert "Dispatch" in {e.attrib["contact_name"] for e in sms}
    calls = ET.parse(folder / "calls.xml").getroot()
    assert {e.attrib["type"] for e in calls} <= {"1", "2", "3", "5"}
    assert list(calls[0].attrib) == ["number", "duration", "date", "type", "presentation", "subscription_id",
                                     "readable_date", "contact_name"]  # fmt: skip


def test_vcard_is_android_3_0(small_case: Path) -> None:
    raw = (small_case / "telephone_livreur" / "contacts.vcf").read_bytes().decode("utf-8")
    cards = raw.split("END:VCARD\r\n")
    assert cards[-1] == "" and all(c.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\nN:") for c in cards[:-1])
    assert "FN:Dispatch 2\r\n" in raw and "NICKNAME:" in raw and "ORG:" in raw


def test_operator_records_have_the_french_operator_shape(small_case: Path, truth: dict[str, Any]) -> None:
    paths = _files(small_case, truth, "cdr")
    assert len(paths) == 4
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter=";"))
        assert tuple(rows[0]) == HEADER
        for row in rows[1:]:
            assert re.fullmatch(r"\d\d/\d\d/\d{4}", row[0]) and re.fullmatch(r"\d\d:\d\d:\d\d", row[1])
            assert re.fullmatch(r"\d\d:\d\d:\d\d", row[2]) and row[3] in ("Voix", "SMS", "Data")
            assert row[4] in ("Sortant", "Entrant") and re.fullmatch(r"208-01-\d{5}-\d{3}", row[9])
            assert re.fullmatch(r"4[89],\d{6}", row[11]) and re.fullmatch(r"2,\d{6}", row[12])
            assert len(row[7]) == 15 and row[8].startswith("20801")
