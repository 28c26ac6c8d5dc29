"""truth.json agrees with the files it describes: references, texts, counts, lineage, prices."""

from __future__ import annotations

import csv
import hashlib
import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

from demo_parsing import SIGNAL_HEADER, WHATSAPP_HEADER, chat_messages, telegram_text

from filiere.demo.truth import CATEGORIES

PRODUCTS = {"cannabis_herb", "cannabis_resin", "cocaine", "mdma", "ketamine"}
ROLES = {"advertiser", "dispatcher", "courier", "customer", "supplier", "front", "other"}


def _texts_by_reference(root: Path, entry: dict[str, Any]) -> dict[int, str]:
    path = root / entry["path"]
    if entry["format"] == "telegram_json":
        messages = json.loads(path.read_text(encoding="utf-8"))["messages"]
        return {m["id"]: telegram_text(m) for m in messages if m["type"] == "message"}
    if entry["format"] == "whatsapp_txt":
        return chat_messages(path, WHATSAPP_HEADER)
    if entry["format"] == "signal_txt":
        return chat_messages(path, SIGNAL_HEADER)
    if entry["format"] == "sms_xml":
        lines = path.read_text(encoding="utf-8").split("\n")
        return {n: ET.fromstring(line).attrib["body"]
                for n, line in enumerate(lines, start=1) if line.lstrip().startswith("<sms ")}  # fmt: skip
    return {}


def test_every_trade_reference_points_at_that_text(small_case: Path, truth: dict[str, Any]) -> None:
    formats = {entry["path"]: entry for entry in truth["files"]}
    texts = {path: _texts_by_reference(small_case, entry) for path, entry in formats.items()}
    assert truth["trade_count"] == len(truth["trade_messages"]) > 500
    for trade in truth["trade_messages"]:
        key = "id" if formats[trade["file"]]["format"] == "telegram_json" else "line"
        assert texts[trade["file"]][trade[key]] == trade["text"], trade
        assert trade["categories"] and set(trade["categories"]) <= set(CATEGORIES)
        assert set(trade["products"]) <= PRODUCTS


def test_trade_is_found_in_every_kind_of_chat(truth: dict[str, Any]) -> None:
    formats = {entry["path"]: entry["format"] for entry in truth["files"]}
    kinds = Counter(formats[t["file"]] for t in truth["trade_messages"])
    assert {"telegram_json", "whatsapp_txt", "signal_txt", "sms_xml"} <= set(kinds)
    categories = Counter(c for t in truth["trade_messages"] for c in t["categories"])
    assert set(categories) == set(CATEGORIES)


def test_look_alikes_and_family_talk_are_not_trade(small_case: Path, truth: dict[str, Any]) -> None:
    family = next(e["path"] for e in truth["files"] if e["path"].endswith("Famille.txt"))
    assert not [t for t in truth["trade_messages"] if t["file"] == family]
    text = (small_case / family).read_text(encoding="utf-8")
    assert "pizza" in text and "livreurs" in text
    sms = [t["text"] for t in truth["trade_messages"] if t["file"].endswith("sms.xml")]
    assert not [body for body in sms if "PIZZA" in body or "Recrutement" in body]


def test_file_counts_match_the_files(small_case: Path, truth: dict[str, Any]) -> None:
    for entry in truth["files"]:
        path = small_case / entry["path"]
        fmt = entry["format"]
        if fmt == "telegram_json":
            messages = json.loads(path.read_text(encoding="utf-8"))["messages"]
            assert entry["messages"] == len(messages)
            assert entry["service"] == sum(m["type"] == "service" for m in messages)
        elif fmt in ("whatsapp_txt", "signal_txt"):
            header = WHATSAPP_HEADER if fmt == "whatsapp_txt" else SIGNAL_HEADER
            assert entry["messages"] == len(chat_messages(path, header))
            assert entry["lines"] == len(path.read_text(encoding="utf-8").splitlines())
        elif fmt in ("sms_xml", "calls_xml"):
            root = ET.parse(path).getroot()
            count = entry["messages"] if fmt == "sms_xml" else entry["calls"]
            assert count == len(root) == int(root.attrib["count"])
        elif fmt == "vcard":
            assert entry["contacts"] == path.read_text(encoding="utf-8").count("BEGIN:VCARD")
        else:
            with path.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.reader(handle, delimiter=";"))[1:]
            assert entry["calls"] == len(rows)
            assert Counter(r[3] for r in rows) == {"Voix": entry["voice"], "SMS": entry["sms"], "Data": entry["data"]}


def test_actors_and_identity_groups(truth: dict[str, Any]) -> None:
    actors = {a["id"]: a for a in truth["actors"]}
    roles = Counter(a["role"] for a in actors.values())
    assert set(roles) == ROLES
    assert roles["advertiser"] == roles["dispatcher"] == roles["supplier"] == roles["front"] == 1
    assert roles["courier"] >= 2 and roles["customer"] >= 8
    dispatcher = next(g for g in truth["same_person"] if g["actor"] == "dispatcher")
    phones = [i for i in dispatcher["identifiers"] if i.startswith("phone:")]
    assert len(phones) == 3 and "whatsapp:name:Dispatch" in dispatcher["identifiers"]
    referrers = [a["referred_by"] for a in actors.values() if a["referred_by"]]
    assert referrers and all(actors[r]["role"] == "customer" for r in referrers)


def test_lines_story_holds_in_operator_records(small_case: Path, truth: dict[str, Any]) -> None:
    lines = {line["status"]: line for line in truth["lines"] if line["actor"] == "dispatcher"}
    old, new, personal = lines["burned"], lines["replacement"], lines["active"]
    assert truth["line_links"]["same_handset"] == [[old["phone"], new["phone"]]]

    def rows(line: dict[str, Any]) -> list[list[str]]:
        with (small_case / line["file"]).open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle, delimiter=";"))[1:]

    assert {r[7] for r in rows(old)} == {r[7] for r in rows(new)} == {old["imei"]}
    assert {r[8] for r in rows(old)} != {r[8] for r in rows(new)}
    personal_rows = rows(personal)
    for order in (old, new):
        compact = "0" + order["phone"][3:]
        assert not [r for r in personal_rows if compact in (r[5], r[6])], "the dispatcher's lines never call each other"
    order_data = [r for r in rows(old) + rows(new) if r[3] == "Data"]
    together = 0
    personal_data = [r for r in personal_rows if r[3] == "Data"]
    for row in personal_data:
        minute = _minutes(row)
        if any(o[9] == row[9] and 0 <= _minutes(o) - minute <= 10 for o in order_data):
            together += 1
    assert together / len(personal_data) > 0.6


def test_courier_moves_along_the_tours(small_case: Path, truth: dict[str, Any]) -> None:
    courier = next(line for line in truth["lines"] if line["actor"] == "courier1")
    with (small_case / courier["file"]).open(encoding="utf-8", newline="") as handle:
        rows = [r for r in list(csv.reader(handle, delimiter=";"))[1:] if r[3] == "Data"]
    chat = next(e["path"] for e in truth["files"] if e["path"].endswith("avec Dispatch.txt"))
    tour_days = {
        f"{m.group(1)}/{m.group(2)}/{m.group(3)}"
        for line in (small_case / chat).read_text(encoding="utf-8").split("\n")
        if (m := WHATSAPP_HEADER.match(line)) and line.endswith("Tournée :")
    }
    cells: dict[str, set[str]] = {}
    for row in rows:
        cells.setdefault(row[0], set()).add(row[9])
    moving = [day for day in tour_days if len(cells.get(day, ())) >= 3]
    assert len(tour_days) > 30 and len(moving) / len(tour_days) > 0.8


def _minutes(row: list[str]) -> int:
    day, month, year = map(int, row[0].split("/"))
    hour, minute, _ = map(int, row[1].split(":"))
    return ((year * 12 + month) * 31 + day) * 1440 + hour * 60 + minute


def test_channel_lineage_and_shared_media(small_case: Path, truth: dict[str, Any]) -> None:
    first, second = truth["channels"]
    assert (first["fate"], second["fate"]) == ("banned", "active")
    assert first["last_day"] < second["first_day"] and first["telegram_id"] != second["telegram_id"]
    assert truth["shared_media"]
    for shared in truth["shared_media"]:
        digests = {hashlib.sha256((small_case / f).read_bytes()).hexdigest() for f in shared["files"]}
        assert digests == {shared["sha256"]} and len(shared["channels"]) == 2
    comeback = json.loads((small_case / second["file"]).read_text(encoding="utf-8"))["messages"][1]
    assert "banni" in telegram_text(comeback)


def test_price_history_shows_the_changes(truth: dict[str, Any]) -> None:
    history: dict[str, list[int]] = {}
    for step in truth["prices"]:
        assert step["unit"] == "g" and step["currency"] == "EUR"
        history.setdefault(step["product"], []).append(step["price"])
    assert history["cannabis_herb"] == [10, 12]
    assert history["cocaine"] == [70, 60, 65]
    assert set(history) == PRODUCTS
