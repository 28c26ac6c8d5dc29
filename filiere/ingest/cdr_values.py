"""Cell values of call-detail records: text, durations, coordinates, and the clock that dates a row."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from filiere.i18n import tr
from filiere.ingest.cdr_mapping import Mapping, norm
from filiere.types.moment import Moment, from_local, from_pair

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y", "%Y%m%d")
TIME_FORMATS = ("%H:%M:%S", "%H:%M", "%H:%M:%S.%f", "%Hh%M", "%Hh%Mm%Ss", "%H%M%S", "%H%M")
_UNITS = {"h": 3600, "heure": 3600, "heures": 3600, "hour": 3600, "hours": 3600, "min": 60, "mn": 60,
          "minute": 60, "minutes": 60, "m": 60, "s": 1, "sec": 1, "seconde": 1, "secondes": 1,
          "second": 1, "seconds": 1}  # fmt: skip
_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)")
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,]\d+)?")


def text(value: Any) -> str:
    """A cell as text: numbers without a spurious ".0" (spreadsheets store phone numbers as floats)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def duration(value: Any) -> int | None:
    """Seconds from ``65``, ``"65"``, ``"00:01:05"``, ``"1:05"``, ``"1 min 05 s"``, ``"1h02m03s"``.

    Empty is None; anything else unreadable raises ValueError.
    """
    if value is None or value == "":
        return None
    if isinstance(value, timedelta):
        return round(value.total_seconds())
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(value)
    raw = norm(str(value)) if not _CLOCK.fullmatch(str(value).strip()) else str(value).strip()
    if re.fullmatch(r"\d+(?: \d+)?", raw):
        return round(float(raw.replace(" ", ".")))  # "65" or "65,0" (the comma became a space)
    if clock := _CLOCK.fullmatch(raw):
        hours, minutes, seconds = clock.groups()
        return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    parts = _DURATION_PART.findall(str(value).casefold())
    if not parts or _DURATION_PART.sub("", str(value).casefold()).strip(" ,") or any(u not in _UNITS for _, u in parts):
        raise ValueError(f"{value!r}")
    return round(sum(float(n.replace(",", ".")) * _UNITS[u] for n, u in parts))


def coordinate(value: Any, limit: float) -> float | None:
    """A latitude or longitude in degrees, decimal point or comma; out of ``±limit`` raises ValueError."""
    if value is None or value == "":
        return None
    number = float(value) if isinstance(value, int | float) else float(str(value).strip().replace(",", "."))
    if not -limit <= number <= limit:
        raise ValueError(f"{value!r}")
    return number


class Clock:
    """Reads the time of a row from its datetime, date and time cells, remembering what format worked."""

    def __init__(self, mapping: Mapping) -> None:
        self.mapping = mapping
        self.last: dict[str, str] = {}

    def moment(self, stamp: Any, day: Any, hour: Any, tz: str) -> Moment:
        """The row's Moment in ``tz`` (or in the offset the cell carries); ValueError when unreadable."""
        if stamp not in (None, ""):
            when = self._datetime(stamp, self.mapping.datetime_format)
        elif day not in (None, ""):
            when = self._datetime(day, self.mapping.date_format)
            if hour not in (None, ""):
                when = datetime.combine(when.date(), self._time(hour), when.tzinfo)
        else:
            raise ValueError(tr("cellule vide", "empty cell"))
        if when.tzinfo is not None:
            return from_pair(when.timestamp(), when.replace(tzinfo=None))
        return from_local(when, tz)

    def _datetime(self, value: Any, fmt: str | None) -> datetime:
        if isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return datetime.combine(value, time())
        if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
            return datetime(1899, 12, 30) + timedelta(days=value)  # a spreadsheet serial day number
        raw = str(value).strip()
        if fmt:
            return self._strptime(raw, (fmt,), "datetime")
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            pass  # not ISO 8601: try the usual day-first forms below
        day, _, hour = raw.partition(" ")
        parsed = self._strptime(day, DATE_FORMATS, "date")
        return datetime.combine(parsed.date(), self._time(hour.strip())) if hour.strip() else parsed

    def _time(self, value: Any) -> time:
        if isinstance(value, datetime):
            return value.time()
        if isinstance(value, time):
            return value
        if isinstance(value, timedelta):
            return (datetime.min + value).time()
        if isinstance(value, float) and 0 <= value < 1:
            return (datetime.min + timedelta(days=value)).time()  # a spreadsheet fraction of a day
        formats = (self.mapping.time_format,) if self.mapping.time_format else TIME_FORMATS
        return self._strptime(text(value), formats, "time").time()

    def _strptime(self, raw: str, formats: tuple[str, ...], kind: str) -> datetime:
        known = self.last.get(kind)
        for fmt in (known, *formats) if known else formats:
            try:
                parsed = datetime.strptime(raw, fmt)
            except ValueError:
                continue
            self.last[kind] = fmt
            return parsed
        raise ValueError(repr(raw))
