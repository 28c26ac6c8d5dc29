"""Wall-clock faces of demo events: Unix seconds to the Europe/Paris strings each export writes.

Formatting a million timestamps through ``datetime.strftime`` is slow, so offsets are cached per
hour (time-zone changes fall on whole hours) and date strings per local day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

TZ_NAME = "Europe/Paris"
EPOCH_DAY = date(1970, 1, 1)

# Android's French medium date, as SMS Backup & Restore writes it in ``readable_date``.
MONTHS_FR = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip


class Clock:
    """Converts Unix seconds to the local faces of one zone, with small caches."""

    def __init__(self, tz_name: str = TZ_NAME) -> None:
        self.tz_name = tz_name
        self._zone = ZoneInfo(tz_name)
        self._offsets: dict[int, int] = {}
        self._days: dict[int, tuple[int, int, int]] = {}

    def offset(self, ts: int) -> int:
        """Seconds to add to UTC to get the local wall-clock at ``ts``."""
        hour = ts // 3600
        found = self._offsets.get(hour)
        if found is None:
            moment = datetime.fromtimestamp(hour * 3600, UTC).astimezone(self._zone)
            delta = moment.utcoffset() or timedelta(0)
            found = self._offsets[hour] = int(delta.total_seconds())
        return found

    def split(self, ts: int) -> tuple[int, int, int, int, int, int]:
        """(year, month, day, hour, minute, second) on the local wall-clock."""
        local = ts + self.offset(ts)
        day, seconds = divmod(local, 86_400)
        ymd = self._days.get(day)
        if ymd is None:
            d = EPOCH_DAY + timedelta(days=day)
            ymd = self._days[day] = (d.year, d.month, d.day)
        hour, rest = divmod(seconds, 3600)
        return ymd[0], ymd[1], ymd[2], hour, rest // 60, rest % 60

    def midnight(self, day: date) -> int:
        """Unix seconds of local midnight starting ``day``."""
        return int(datetime(day.year, day.month, day.day, tzinfo=self._zone).timestamp())

    def telegram(self, ts: int) -> str:
        """``2024-03-05T21:14:03``: Telegram Desktop's ``date``."""
        y, m, d, hh, mm, ss = self.split(ts)
        return f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}"

    def photo(self, ts: int) -> str:
        """``05-03-2024_21-14-03``: the date part of Telegram Desktop's media file names."""
        y, m, d, hh, mm, ss = self.split(ts)
        return f"{d:02d}-{m:02d}-{y:04d}_{hh:02d}-{mm:02d}-{ss:02d}"

    def whatsapp(self, ts: int) -> str:
        """``05/03/2024 21:14``: a French Android WhatsApp export header."""
        y, m, d, hh, mm, _ = self.split(ts)
        return f"{d:02d}/{m:02d}/{y:04d} {hh:02d}:{mm:02d}"

    def signal(self, ts: int) -> str:
        """``2024-03-05, 21:14``: the bracketed header of a Signal text export."""
        y, m, d, hh, mm, _ = self.split(ts)
        return f"{y:04d}-{m:02d}-{d:02d}, {hh:02d}:{mm:02d}"

    def readable(self, ts: int) -> str:
        """``5 mars 2024 21:14:03``: SMS Backup & Restore's ``readable_date`` on a French phone."""
        y, m, d, hh, mm, ss = self.split(ts)
        return f"{d} {MONTHS_FR[m - 1]} {y} {hh:02d}:{mm:02d}:{ss:02d}"

    def cdr(self, ts: int) -> tuple[str, str]:
        """(``05/03/2024``, ``21:14:03``): the date and time columns of operator records."""
        y, m, d, hh, mm, ss = self.split(ts)
        return f"{d:02d}/{m:02d}/{y:04d}", f"{hh:02d}:{mm:02d}:{ss:02d}"

    def iso(self, ts: int) -> str:
        """``2024-03-05T21:14:03+01:00``: local time with its offset, for ``truth.json``."""
        y, m, d, hh, mm, ss = self.split(ts)
        off = self.offset(ts) // 60
        sign = "-" if off < 0 else "+"
        return f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}{sign}{abs(off) // 60:02d}:{abs(off) % 60:02d}"

    def day(self, ts: int) -> str:
        """``2024-03-05``: the local date."""
        y, m, d, *_ = self.split(ts)
        return f"{y:04d}-{m:02d}-{d:02d}"
