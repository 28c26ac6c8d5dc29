"""Operator call records ("fadettes") of the four requisitioned lines, in a French operator's CSV.

Each row carries the requisitioned line's handset (IMEI), SIM (IMSI) and the cell it used, the
cell being the site nearest to where its owner was at that moment in the story.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from filiere.demo.cast import Line
from filiere.demo.comms import Comm
from filiere.demo.numbers import compact
from filiere.demo.places import nearest
from filiere.demo.story import Story
from filiere.demo.truth import Truth

HEADER = (
    "Date", "Heure", "Durée", "Type", "Sens", "Numéro appelant", "Numéro appelé", "IMEI", "IMSI",
    "Cellule", "Adresse cellule", "Latitude", "Longitude",
)  # fmt: skip
TYPES = {"voice": "Voix", "sms": "SMS", "data": "Data"}


def _number(value: str) -> str:
    return compact(value) if value.startswith("+33") else value


def _duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def _coordinate(value: float) -> str:
    return f"{value:.6f}".replace(".", ",")


def write_cdr(story: Story, truth: Truth, root: Path, line: Line, events: Sequence[Comm]) -> str:
    """Write ``fadettes/<number>.csv`` for ``line``; returns its relative path."""
    relative = f"fadettes/{compact(line.phone)}.csv"
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    dispatcher = line.actor == story.cast.dispatcher.id
    order_phone = line.phone != story.cast.personal_line.phone
    counts = {"voice": 0, "sms": 0, "data": 0}
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        for event in events:
            if line.phone not in (event.caller, event.callee):
                continue
            if dispatcher:
                lat, lon = story.dispatcher_spot(event.ts, order_phone)
            else:
                lat, lon = story.courier_spot(event.ts)
            cell = nearest(story.sites, lat, lon)
            outgoing = event.caller == line.phone
            duration = event.duration if event.outcome == "answered" or event.kind == "data" else 0
            date, time = story.clock.cdr(event.ts)
            writer.writerow(
                (
                    date,
                    time,
                    _duration(duration),
                    TYPES[event.kind],
                    "Sortant" if outgoing else "Entrant",
                    _number(event.caller),
                    _number(event.callee),
                    line.imei,
                    line.imsi,
                    cell.cell_id,
                    cell.address,
                    _coordinate(cell.lat),
                    _coordinate(cell.lon),
                )
            )
            counts[event.kind] += 1
    truth.file(relative, "cdr", calls=sum(counts.values()), **counts, phone=line.phone)
    return relative
