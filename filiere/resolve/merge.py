"""Turning links and investigators' judgements into actors.

Strong links and confirmed pairs are merged, strongest first, unless a merge would put together
two identifiers an investigator said are different people (a rejected pair): judgements always
win over rules, and survive every re-analysis because they are applied on every run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from filiere.resolve.rules import STRONG, Link

MERGED, PROPOSED, CONFIRMED, REJECTED = "merged", "proposed", "confirmed", "rejected"


@dataclass(slots=True)
class Outcome:
    groups: list[list[str]]  # identifiers of each actor, sorted; actors sorted by first identifier
    status: list[str]  # status of each input link, same order


class _Groups:
    """Union-find that refuses unions joining a cannot-link pair."""

    def __init__(self, idents: Iterable[str], cannot: dict[str, set[str]]) -> None:
        self.parent = {i: i for i in idents}
        self.members = {i: {i} for i in self.parent}
        self.cannot = cannot

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        small, large = (ra, rb) if len(self.members[ra]) < len(self.members[rb]) else (rb, ra)
        for m in self.members[small]:
            if self.cannot.get(m) and self.cannot[m] & self.members[large]:
                return False
        self.parent[small] = large
        self.members[large] |= self.members.pop(small)
        return True


def merge(idents: Iterable[str], links: list[Link], judgements: Iterable[tuple[str, str, str]]) -> Outcome:
    """Group ``idents`` into actors. ``judgements`` are ``(decision, a, b)``, later ones winning."""
    decided: dict[frozenset[str], str] = {}
    for decision, a, b in judgements:
        decided[frozenset((a, b))] = decision
    cannot: dict[str, set[str]] = {}
    for pair, decision in decided.items():
        if decision == "reject" and len(pair) == 2:
            a, b = tuple(pair)
            cannot.setdefault(a, set()).add(b)
            cannot.setdefault(b, set()).add(a)
    every = set(idents)
    for link in links:
        every.update((link.a, link.b))
    for pair in decided:
        every.update(pair)
    groups = _Groups(sorted(every), cannot)
    confirmed = [tuple(sorted(p)) for p, d in decided.items() if d == "confirm" and len(p) == 2]
    for a, b in confirmed:
        groups.union(a, b)
    order = sorted(range(len(links)), key=lambda i: (-links[i].score, links[i].a, links[i].b))
    applied: set[int] = set()
    for i in order:
        link = links[i]
        rejected = decided.get(frozenset((link.a, link.b))) == "reject"
        if link.strength == STRONG and not rejected and groups.union(link.a, link.b):
            applied.add(i)
    status = []
    for i, link in enumerate(links):
        verdict = decided.get(frozenset((link.a, link.b)))
        if verdict == "reject":
            status.append(REJECTED)
        elif verdict == "confirm":
            status.append(CONFIRMED)
        elif i in applied:
            status.append(MERGED)
        else:
            status.append(PROPOSED)
    result = sorted(sorted(m) for m in groups.members.values())
    return Outcome(result, status)
