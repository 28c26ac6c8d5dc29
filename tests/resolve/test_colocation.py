"""Lines that move together are measured per day, busy cells are ignored."""

from __future__ import annotations

from filiere.resolve.colocation import DAY_S, colocation_links, measure
from filiere.resolve.rules import STRONG, WEAK

BASE = 1_700_000_000 - 1_700_000_000 % DAY_S


def day_events(day: int, cells: list[str], offset: int = 0) -> list[tuple[int, str]]:
    return [(BASE + day * DAY_S + 3600 * (i + 8) + offset, c) for i, c in enumerate(cells)]


def test_two_lines_together_every_day_make_a_strong_link() -> None:
    events = {"phone:+33639980001": [], "phone:+33639980002": [], "phone:+33639980003": []}
    for d in range(12):
        events["phone:+33639980001"] += day_events(d, ["c1", "c2", "c3"])
        events["phone:+33639980002"] += day_events(d, ["c1", "c2", "c3"], offset=120)
        events["phone:+33639980003"] += day_events(d, ["c9", "c8"])
    measured = measure(events)
    assert [(c.a, c.b, c.days_together, c.days_both_active) for c in measured] == [
        ("phone:+33639980001", "phone:+33639980002", 12, 12)
    ]
    links = colocation_links(measured, set(), {})
    assert [ln.strength for ln in links] == [STRONG]
    assert "12 of 12 days and never contact each other" in links[0].en
    talking = colocation_links(measured, {frozenset(("phone:+33639980001", "phone:+33639980002"))}, {})
    assert [ln.strength for ln in talking] == [WEAK]


def test_far_apart_in_time_is_not_together() -> None:
    events = {
        "a": day_events(0, ["c1"]) * 1,
        "b": day_events(0, ["c1"], offset=3600),
    }
    assert measure(events) == []


def test_a_busy_cell_is_not_evidence() -> None:
    events = {f"line{i}": day_events(0, ["station"], offset=i) for i in range(60)}
    assert measure(events) == []
