"""Points in time as evidence states them: UTC for ordering, the original local time and zone kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from filiere.errors import UsageError

DEFAULT_TZ = "Europe/Paris"


@dataclass(frozen=True, slots=True)
class Moment:
    """A time with its three faces: UTC (aware), local wall-clock as written, and the zone name."""

    utc: datetime
    local: str
    tz: str

    def iso_utc(self) -> str:
        return self.utc.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def epoch(self) -> int:
        return int(self.utc.timestamp())


@lru_cache(maxsize=64)
def zone(name: str) -> tzinfo:
    """Return the zone named ``name`` (IANA name, ``UTC``, or an offset such as ``+02:00``)."""
    if name.upper() in ("UTC", "Z"):
        return UTC
    if name[:1] in "+-" and len(name) in (5, 6):
        sign = -1 if name[0] == "-" else 1
        hours, minutes = int(name[1:3]), int(name[-2:])
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UsageError(
            f"unknown time zone {name!r}",
            hint="give an IANA zone such as Europe/Paris, or an offset such as +01:00",
        ) from exc


def from_local(naive: datetime, tz_name: str = DEFAULT_TZ) -> Moment:
    """A wall-clock time read from an export that carries no zone, placed in ``tz_name``.

    In the autumn overlap hour the first occurrence is taken (``fold=0``), as exporters write it.
    """
    aware = naive.replace(tzinfo=zone(tz_name))
    return Moment(aware.astimezone(UTC), naive.replace(tzinfo=None).isoformat(), tz_name)


def from_epoch(seconds: float, tz_name: str = DEFAULT_TZ) -> Moment:
    """A Unix time, shown in ``tz_name`` for the local face."""
    utc = datetime.fromtimestamp(seconds, UTC)
    local = utc.astimezone(zone(tz_name)).replace(tzinfo=None)
    return Moment(utc, local.isoformat(), tz_name)


def from_pair(seconds: float, naive_local: datetime) -> Moment:
    """Both a Unix time and the exporter's wall-clock are known: the zone is their difference."""
    utc = datetime.fromtimestamp(seconds, UTC)
    offset = naive_local - utc.replace(tzinfo=None)
    minutes = round(offset.total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    tz_name = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return Moment(utc, naive_local.isoformat(), tz_name)
