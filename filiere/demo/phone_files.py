"""The courier's phone as seized: SMS Backup & Restore ``sms.xml`` and ``calls.xml``, and the
address book as an Android vCard 3.0 export.

The XML is the app's: its declaration and comments, one element per line with attributes in its
order, every value escaped. Names are the ones the courier saved ("Dispatch", "Dispatch 2").
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from filiere.demo.comms import Comm
from filiere.demo.numbers import compact, national
from filiere.demo.story import Story
from filiere.demo.truth import Truth

PHONE_DIR = "telephone_livreur"
APP = "SMS Backup & Restore v10.20.002"
_ATTR = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
UNKNOWN = "(Unknown)"


@dataclass(frozen=True, slots=True)
class Entry:
    """An address-book entry of the courier's phone."""

    name: str  # as shown (FN)
    phone: str  # E.164
    family: str = ""
    given: str = ""
    nickname: str = ""
    organisation: str = ""


def attr(value: str) -> str:
    return escape(value, _ATTR)


def courier_contacts(story: Story) -> list[Entry]:
    """Who the courier saved, under which names."""
    cast = story.cast
    entries = [
        Entry("Dispatch", cast.personal_line.phone, given="Dispatch"),
        Entry("Dispatch 2", cast.order_line.phone, given="Dispatch 2"),
        Entry("D nouveau", cast.new_order_line.phone, given="D nouveau"),
        Entry("Maman", cast.other("courier_mother").phones[0], given="Maman"),
        Entry(cast.other("agency").name, cast.other("agency").phones[0], organisation=cast.other("agency").name),
        Entry(cast.front.name, cast.front.phones[0], organisation=cast.front.name),
    ]
    for actor in [cast.other("courier_sibling"), *cast.friends, *cast.couriers[1:]]:
        given, family = actor.name.split(" ", 1)
        nickname = actor.handles[0] if actor.role == "courier" and actor.handles else ""
        entries.append(Entry(actor.name, actor.phones[0], family, given, nickname))
    return entries


def _header(root_tag: str, count: int, story: Story, kind: str) -> list[str]:
    rng = story.rng("backup", kind)
    backup_set = uuid.UUID(int=rng.getrandbits(128), version=4)
    made = story.seizure_ts + 600
    date, time = story.clock.cdr(made)
    return [
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n",
        f"<!--File Created By {APP} on {date} {time}-->\n",
        "<!--\n",
        "\n",
        "To view this file in a more readable format, visit https://synctech.com.au/view-backup/\n",
        "\n",
        "-->\n",
        f'<{root_tag} count="{count}" backup_set="{backup_set}" backup_date="{made * 1000}" type="full">\n',
    ]


def _address(phone: str, index: int) -> str:
    """Numbers as the phone stored them: mostly international, some national."""
    if not phone.startswith("+33") or index % 5:
        return phone
    return compact(phone)


def write_sms(story: Story, truth: Truth, root: Path, events: Sequence[Comm]) -> None:
    me = story.cast.courier_line.phone
    names = {entry.phone: entry.name for entry in courier_contacts(story)}
    mine = [e for e in events if e.kind == "sms" and me in (e.caller, e.callee)]
    lines = _header("smses", len(mine), story, "sms")
    relative = f"{PHONE_DIR}/sms.xml"
    for index, event in enumerate(mine):
        sent = event.caller == me
        other = event.callee if sent else event.caller
        ms = event.ts * 1000 + (index * 37) % 1000  # phones store milliseconds; keep the same second
        date_sent = 0 if sent else ms - 2_000
        lines.append(
            f'  <sms protocol="0" address="{attr(_address(other, index))}" date="{ms}" type="{2 if sent else 1}" '
            f'subject="null" body="{attr(event.text)}" toa="null" sc_toa="null" service_center="null" read="1" '
            f'status="-1" locked="0" date_sent="{date_sent}" sub_id="1" '
            f'readable_date="{story.clock.readable(event.ts)}" contact_name="{attr(names.get(other, UNKNOWN))}" />\n'
        )
        if event.categories:
            truth.trade(relative, "line", len(lines), event.categories, (), event.text)
    lines.append("</smses>\n")
    (root / relative).write_text("".join(lines), encoding="utf-8", newline="\n")
    truth.file(relative, "sms_xml", messages=len(mine))


def write_calls(story: Story, truth: Truth, root: Path, events: Sequence[Comm]) -> None:
    me = story.cast.courier_line.phone
    names = {entry.phone: entry.name for entry in courier_contacts(story)}
    mine = [e for e in events if e.kind == "voice" and me in (e.caller, e.callee)]
    lines = _header("calls", len(mine), story, "calls")
    for index, event in enumerate(mine):
        outgoing = event.caller == me
        other = event.callee if outgoing else event.caller
        kind = 2 if outgoing else {"answered": 1, "missed": 3, "rejected": 5}[event.outcome]
        lines.append(
            f'  <call number="{attr(_address(other, index))}" duration="{event.duration}" date="{event.ts * 1000}" '
            f'type="{kind}" presentation="1" subscription_id="1" readable_date="{story.clock.readable(event.ts)}" '
            f'contact_name="{attr(names.get(other, UNKNOWN))}" />\n'
        )
    lines.append("</calls>\n")
    relative = f"{PHONE_DIR}/calls.xml"
    (root / relative).write_text("".join(lines), encoding="utf-8", newline="\n")
    truth.file(relative, "calls_xml", calls=len(mine))


def _vtext(value: str) -> str:
    """vCard 3.0 text escaping."""
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def write_vcard(story: Story, truth: Truth, root: Path) -> None:
    entries = courier_contacts(story)
    cards = []
    for entry in entries:
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{_vtext(entry.family)};{_vtext(entry.given)};;;",
            f"FN:{_vtext(entry.name)}",
        ]
        if entry.nickname:
            lines.append(f"NICKNAME:{_vtext(entry.nickname)}")
        if entry.organisation:
            lines.append(f"ORG:{_vtext(entry.organisation)}")
        kind = "WORK" if entry.organisation else "CELL"
        lines += [f"TEL;TYPE={kind}:{national(entry.phone)}", "END:VCARD"]
        cards.append("\r\n".join(lines) + "\r\n")
    relative = f"{PHONE_DIR}/contacts.vcf"
    (root / relative).write_text("".join(cards), encoding="utf-8", newline="")
    truth.file(relative, "vcard", contacts=len(entries))
