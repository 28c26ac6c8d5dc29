"""Two lines that move together: the same cell sites within minutes, day after day.

An operator who keeps a second phone for the trade carries both: the two lines show up at the
same cell sites within a few minutes of each other on most days they are both active, and they
never call each other. This module measures that from operator records (cell events per line).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from filiere.resolve.keys import display
from filiere.resolve.rules import STRONG, WEAK, Link

WINDOW_S = 300
DAY_S = 86400
BUSY_CELL = 40  # lines in one cell and window: a station or a stadium, not a pair of phones


@dataclass(frozen=True, slots=True)
class Colocation:
    a: str
    b: str
    days_together: int
    days_both_active: int

    @property
    def ratio(self) -> float:
        return self.days_together / self.days_both_active if self.days_both_active else 0.0


def measure(events: Mapping[str, Iterable[tuple[int, str]]], window_s: int = WINDOW_S) -> list[Colocation]:
    """For every pair of lines seen at one cell within ``window_s``, on how many days that happened
    out of the days both were active. ``events`` maps a line to its ``(ts, cell_id)`` events."""
    active: dict[str, set[int]] = {}
    buckets: dict[tuple[str, int], set[str]] = defaultdict(set)
    times: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for line, line_events in events.items():
        days = set()
        for ts, cell in line_events:
            days.add(ts // DAY_S)
            buckets[(cell, ts // window_s)].add(line)
            times[(line, cell, ts // window_s)].append(ts)
        active[line] = days
    together: dict[tuple[str, str], set[int]] = defaultdict(set)
    for (cell, slot), lines in buckets.items():
        neighbours = lines | buckets.get((cell, slot + 1), set())
        if len(neighbours) < 2 or len(neighbours) > BUSY_CELL:
            continue
        for a in lines:
            for b in neighbours:
                if a == b or (b in lines and b < a):
                    continue
                if _close(times[(a, cell, slot)], times[(b, cell, slot)] + times.get((b, cell, slot + 1), []),
                          window_s):  # fmt: skip
                    pair = (a, b) if a < b else (b, a)
                    together[pair].add(times[(a, cell, slot)][0] // DAY_S)
    result = []
    for (a, b), days in together.items():
        both = len(active[a] & active[b])
        result.append(Colocation(a, b, len(days), both))
    result.sort(key=lambda c: (-c.days_together, c.a, c.b))
    return result


def _close(xs: list[int], ys: list[int], window_s: int) -> bool:
    return any(abs(x - y) <= window_s for x in xs for y in ys)


def colocation_links(
    colocations: Iterable[Colocation],
    talk: set[frozenset[str]],
    sources: Mapping[str, tuple[str, str]],
) -> list[Link]:
    """Strong when together on at least 80 % of at least 10 shared days and never in contact;
    a proposal from 50 % of 4 days; nothing below. ``talk`` holds the pairs that communicate."""
    links = []
    for c in colocations:
        never = frozenset((c.a, c.b)) not in talk
        if c.ratio >= 0.8 and c.days_together >= 10 and never:
            strength, score = STRONG, 0.9
        elif c.ratio >= 0.5 and c.days_together >= 4:
            strength, score = WEAK, 0.6 * c.ratio
        else:
            continue
        contact_fr = "et ne communiquent jamais entre elles" if never else "mais communiquent entre elles"
        contact_en = "and never contact each other" if never else "but do contact each other"
        a, b = display(c.a), display(c.b)
        links.append(Link(c.a, c.b, "colocation", strength, score,
                          f"les lignes {a} et {b} bornent aux mêmes relais à moins de {WINDOW_S // 60} minutes "
                          f"d'intervalle {c.days_together} jours sur {c.days_both_active} {contact_fr}",
                          f"lines {a} and {b} are at the same cell sites within {WINDOW_S // 60} minutes "
                          f"on {c.days_together} of {c.days_both_active} days {contact_en}",
                          tuple(sources[x] for x in (c.a, c.b) if x in sources)))  # fmt: skip
    return links
