"""The case network's edges: who talks to whom, which channel advertises which number, per day.

Messages in a direct chat or an SMS thread link the sender to the other participants; messages in
a group or channel link the sender to the group; calls link caller and callee; a channel that
writes a phone number advertises it; proposed (not merged) identity links are shown as
``same_device``, ``colocation`` or ``same_person`` edges so that the investigator sees them on the graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from filiere.resolve.build import Identities
from filiere.resolve.keys import scoped

DAY_S = 86400


@dataclass(slots=True)
class Tally:
    count: int = 0
    first: int = 0
    last: int = 0
    duration: int = 0

    def add(self, ts: int, duration: int = 0) -> None:
        self.merge(1, ts, ts)
        self.duration += duration

    def merge(self, count: int, first: int, last: int) -> None:
        """``count`` events from ``first`` to ``last`` (no duration: messages)."""
        if self.count == 0:
            self.first, self.last = first, last  # a clock before 1970 gives times below 0
        else:
            self.first, self.last = min(self.first, first), max(self.last, last)
        self.count += count


EdgeKey = tuple[int, int, str, int]


class EdgeBuilder:
    """Accumulates edges keyed by (source actor, target actor, relation, day)."""

    def __init__(self, identities: Identities) -> None:
        self.ids = identities
        self.tallies: dict[EdgeKey, Tally] = defaultdict(Tally)
        self.participants: dict[tuple[str, str], set[int]] = defaultdict(set)

    def add(self, src: int | None, dst: int | None, kind: str, ts: int, duration: int = 0) -> None:
        if src is None or dst is None or src == dst:
            return
        self.tallies[(src, dst, kind, ts // DAY_S if ts else 0)].add(ts, duration)

    def messages(
        self,
        days: Iterable[tuple[str, str | None, str, str, int, int, int, int]],
        conversations: dict[tuple[str, str], tuple[str, str, str | None]],
        senders: Iterable[tuple[str, str, str]],
        owners: dict[str, str],
    ) -> None:
        """Messages counted per sender and day (``facts.message_days``); system messages are not contact.

        ``senders`` are the distinct ``(evidence, conversation, sender)``: the participants of each
        direct conversation are known before the messages stream by.
        """
        participants = self.participants
        for sha, conv, writer in senders:
            if conversations.get((sha, conv), ("", "unknown", None))[1] not in ("channel", "group"):
                actor = self.ids.of(writer, sha)
                if actor is not None:
                    participants[(sha, conv)].add(actor)
        for (sha, conv), members in participants.items():
            members.update(self._implied(sha, conv, owners))
        tallies = self.tallies
        for conv, sender, sha, kind, day, count, first, last in days:
            if kind == "system" or sender is None:
                continue
            platform, conv_kind, _title = conversations.get((sha, conv), ("", "unknown", None))
            src = self.ids.of(sender, sha)
            if src is None:
                continue
            if conv_kind in ("channel", "group"):
                targets: Iterable[int | None] = (self.ids.of(conv, sha),)
                relation = "message"
            else:
                targets = participants[(sha, conv)]
                relation = "sms" if platform == "sms" else "message"
            for dst in targets:
                if dst is not None and dst != src:
                    tallies[(src, dst, relation, day)].merge(count, first, last)

    def _implied(self, sha: str, conv: str, owners: dict[str, str]) -> Iterator[int]:
        """Participants a direct conversation implies without writing: the phone's owner, the SMS peer."""
        if sha in owners and (owner := self.ids.of(owners[sha], sha)) is not None:
            yield owner
        if conv.startswith("sms:+"):
            peer = self.ids.actor_of.get("phone:" + conv[4:].split(",")[0])
            if peer is not None:
                yield peer

    def calls(self, rows: Iterable[tuple[int, str | None, str | None, str, int, int | None, str]]) -> None:
        """Calls ``(id, caller, callee, evidence, ts, duration_s, kind)``; data sessions are not contact."""
        for _id, caller, callee, sha, ts, duration, kind in rows:
            if kind == "data":
                continue
            relation = "sms" if kind in ("sms", "mms") else "call"
            self.add(self.ids.of(caller, sha), self.ids.of(callee, sha), relation, ts, duration or 0)

    def advertising(self, mentions: Iterable[tuple[str | None, str, str, str, str | None, int, str]],
                    channels: set[str]) -> None:  # fmt: skip
        """A channel that writes a phone number (a hand-off) advertises the line behind it."""
        for sender, sha, kind, value, _platform, ts, _loc in mentions:
            if sender is None:
                continue
            src = self.ids.of(sender, sha)
            if src is None or scoped(sender, self.ids.scopes.get(sha, sha)) not in channels:
                continue
            if kind == "phone" or value.startswith("+"):
                self.add(src, self.ids.actor_of.get(f"phone:{value}"), "advertises", ts)

    def proposals(self) -> None:
        """Identity links proposed but not merged, as edges the investigator can see and judge."""
        for link, status in zip(self.ids.links, self.ids.status, strict=True):
            if status != "proposed":
                continue
            kind = {"colocation": "colocation", "shared_handset": "same_device", "handset": "same_device"}.get(
                link.rule, "same_person"
            )
            self.add(self.ids.actor_of.get(link.a), self.ids.actor_of.get(link.b), kind, 0)

    def rows(self) -> Iterator[tuple[int, int, str, int, int, int, int, int]]:
        for (src, dst, kind, day), t in self.tallies.items():
            yield (src, dst, kind, day, t.count, t.first, t.last, t.duration)
