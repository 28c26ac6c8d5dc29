"""Header dates and times of a WhatsApp export turned into ``Moment``s, quickly.

Exports carry no zone: every time is placed in the case's zone with ``from_local``. A chat of a
million lines has few distinct dates and clock readings, so both are parsed once; the zone
conversion is done once per hour of the chat and shifted by minutes and seconds inside it, which
gives exactly what ``from_local`` gives whenever the hour holds no zone transition (checked).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TypeVar

from filiere.i18n import tr
from filiere.ingest.whatsapp_formats import STRIP_MARKS, date_fields, describe_order, parse_time, resolve_date
from filiere.types.moment import Moment, from_local

_CACHE_LIMIT = 100_000  # entries per cache; a cache is emptied when it grows past this
_HOUR = timedelta(minutes=59, seconds=59)
_SECONDS = tuple(timedelta(seconds=n) for n in range(3600))
K = TypeVar("K")
V = TypeVar("V")


class Clock:
    """Resolve header stamps in one order (``dmy``, ``mdy``, ``ymd``) and one zone."""

    def __init__(self, order: str, reason: str, tz: str) -> None:
        self.order = order
        self.reason = reason
        self.tz = tz
        self._dates: dict[str, date | None] = {}
        # (time as written, am/pm marker) -> (hour, seconds into the hour, "HH:MM:SS")
        self._times: dict[tuple[str, str | None], tuple[int, int, str] | None] = {}
        # (day, hour) -> UTC start of that local hour and "YYYY-MM-DDT", or None across a transition
        self._hours: dict[tuple[date, int], tuple[datetime, str] | None] = {}
        self._last: tuple[str, str, str | None, Moment | str] = ("", "", None, "")

    def moment(self, day_text: str, time_text: str, marker: str | None) -> Moment | str:
        """The moment of a header, or why it cannot exist (in the user's language)."""
        last = self._last
        if time_text == last[1] and day_text == last[0] and marker == last[2]:
            return last[3]  # messages come in bursts within the same minute
        found = self._resolve(day_text, time_text, marker)
        self._last = (day_text, time_text, marker, found)
        return found

    def _resolve(self, day_text: str, time_text: str, marker: str | None) -> Moment | str:
        if day_text in self._dates:
            day = self._dates[day_text]
        else:
            fields = date_fields(day_text)
            day = None if fields is None else resolve_date(fields, self.order)
            _remember(self._dates, day_text, day)
        if day is None:
            written = day_text.translate(STRIP_MARKS)
            words = describe_order(self.order)
            return tr(
                f"date impossible {written!r} (lue en {words} : {self.reason})",
                f"impossible date {written!r} (read as {words}: {self.reason})",
            )
        key = (time_text, marker)
        if key in self._times:
            clock = self._times[key]
        else:
            parsed = parse_time(time_text, marker)
            clock = None
            if parsed is not None:
                hour, minute, second = parsed
                clock = (hour, minute * 60 + second, f"{hour:02d}:{minute:02d}:{second:02d}")
            _remember(self._times, key, clock)
        if clock is None:
            return tr(f"heure impossible {time_text!r}", f"impossible time {time_text!r}")
        hour, offset, written_time = clock
        if (day, hour) in self._hours:
            base = self._hours[day, hour]
        else:
            start = from_local(datetime(day.year, day.month, day.day, hour), self.tz)
            end = from_local(datetime(day.year, day.month, day.day, hour, 59, 59), self.tz)
            # A zone transition inside the hour (or a skipped hour) breaks the shift: no base.
            base = (start.utc, f"{day.isoformat()}T") if end.utc - start.utc == _HOUR else None
            _remember(self._hours, (day, hour), base)
        if base is None:
            minute, second = divmod(offset, 60)
            return from_local(datetime(day.year, day.month, day.day, hour, minute, second), self.tz)
        return Moment(base[0] + _SECONDS[offset], base[1] + written_time, self.tz)


def _remember(cache: dict[K, V], key: K, value: V) -> None:
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    cache[key] = value
