"""The clock of the times written in messages: an hour with its minutes and "am" or "pm" on the
24-hour clock ("6pm": 18:00, "12am": 00:00), and where a range starts when only its end says am or
pm ("9-11pm": from 21); read by ``hours``."""

from __future__ import annotations


def start_of(start: int, end: int, ampm: str | None) -> int:
    """The hour a range starts at, in 24 hours, when only its end says am or pm: "9-11pm" from 21;
    "11-2pm" from 11 in the morning; "11-2am", "9-12am" (noon to many who write it) and a start
    already on the 24-hour clock ("de 20 à 2am") as written."""
    return start + 12 if ampm == "pm" and start < end < 12 else start


def clock(hour: str, minute: str | None, ampm: str | None) -> str:
    """ "HH:MM" of an hour, its minutes and its "am" or "pm" as written ("6", None, "pm": "18:00")."""
    value = int(hour)
    if ampm and ampm.lower() == "pm" and value < 12:
        value += 12
    elif ampm and ampm.lower() == "am" and value == 12:
        value = 0
    return f"{value:02d}:{int(minute or 0):02d}"
