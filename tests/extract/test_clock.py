"""The clock of written times (``filiere/extract/clock.py``)."""

from __future__ import annotations

import pytest

from filiere.extract.clock import clock, start_of


@pytest.mark.parametrize(
    ("hour", "minute", "ampm", "expected"),
    [("6", None, "pm", "18:00"), ("12", None, "am", "00:00"), ("12", "30", "pm", "12:30"), ("21", "15", None, "21:15")],
)
def test_clock(hour: str, minute: str | None, ampm: str | None, expected: str) -> None:
    assert clock(hour, minute, ampm) == expected


@pytest.mark.parametrize(
    ("start", "end", "ampm", "expected"),
    [(9, 11, "pm", 21), (11, 2, "pm", 11), (11, 2, "am", 11), (20, 2, "am", 20), (9, 11, None, 9)],
)
def test_where_a_range_starts_when_only_its_end_says_am_or_pm(
    start: int, end: int, ampm: str | None, expected: int
) -> None:
    assert start_of(start, end, ampm) == expected
