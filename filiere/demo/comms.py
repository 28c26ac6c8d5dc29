"""Calls, SMS and data sessions over the mobile network, day by day: one list that the courier's
call log and SMS backup and the four operator records are all cut from, so they agree.

The dispatcher's two lines never call each other and ping the network within minutes of each
other from the same place; the order line and its replacement share a handset.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from filiere.demo import names
from filiere.demo.story import Story

SLOTS = (9, 11, 13, 15, 18, 21)  # hours at which the dispatcher's phones show up on the network


@dataclass(frozen=True, slots=True)
class Comm:
    """One network event. ``callee`` is empty for data; ``caller`` may be a sender name for SMS."""

    ts: int
    kind: str  # voice | sms | data
    caller: str
    callee: str
    duration: int = 0
    outcome: str = "answered"  # answered | missed | rejected
    text: str = ""
    categories: tuple[str, ...] = ()


BOSS_SMS = (("Appelle-moi", ()), ("Dispo ?", ("logistics",)), ("Récup 18h même endroit", ("logistics",)))
COURIER_SMS = (("Ok", ()), ("J'arrive", ()), ("Je suis en bas", ("logistics",)))
MOTHER_SMS = ("Tu rentres à quelle heure ?", "Achète du pain en rentrant stp", "Bisous mon fils ❤️")
SIBLING_SMS = ("Tu me prêtes ton chargeur ?", "T'es où ?", "Maman te cherche")
FRIEND_SMS = ("On se capte ce soir ?", "Foot jeudi ?", "Bien ou quoi", "Ça marche")


def _either(rng: random.Random, one: str, other: str) -> tuple[str, str]:
    """(caller, callee) in either direction."""
    return (one, other) if rng.random() < 0.5 else (other, one)


def _voice(rng: random.Random, ts: int, caller: str, callee: str, answer: float = 0.85) -> Comm:
    if rng.random() < answer:
        return Comm(ts, "voice", caller, callee, rng.randrange(12, 240))
    return Comm(ts, "voice", caller, callee, 0, "rejected" if rng.random() < 0.2 else "missed")


class Network:
    """Draws every network event of the story."""

    def __init__(self, story: Story) -> None:
        self.story = story
        cast = story.cast
        self.personal = cast.personal_line.phone
        self.courier = cast.courier_line.phone
        self.mother = cast.other("courier_mother").phones[0]
        self.sibling = cast.other("courier_sibling").phones[0]
        self.partner = cast.other("dispatcher_partner").phones[0]
        self.agency = cast.other("agency")
        self.pizza = story.rng("senders").choice(names.PIZZA_SENDERS)
        self.jobs = story.rng("senders").choice(names.JOB_SENDERS)

    def events(self) -> list[Comm]:
        """Every event, in time order."""
        found: list[Comm] = []
        for day in range(self.story.days):
            found.extend(sorted(self._day(day), key=lambda c: c.ts))
        return found

    def _day(self, day: int) -> Iterator[Comm]:
        story, rng = self.story, self.story.rng("network", day)
        base, cast = story.midnight(day), story.cast
        order = story.order_line(day).phone
        for _ in range(rng.randrange(2, 3 + max(2, len(cast.customers) // 8))):
            customer = rng.choice(cast.customers).phones[0]
            ts = base + rng.randrange(12 * 3600, 23 * 3600 + 1_800)
            if rng.random() < 0.75:
                yield _voice(rng, ts, customer, order)
            else:
                yield Comm(ts, "sms", customer, order)
            if rng.random() < 0.2:
                yield _voice(rng, ts + rng.randrange(60, 900), order, customer, 0.9)
        yield from self._dispatcher(day, base, rng)
        yield from self._courier(day, base, rng)

    def _dispatcher(self, day: int, base: int, rng: random.Random) -> Iterator[Comm]:
        story, cast = self.story, self.story.cast
        order, personal = story.order_line(day).phone, self.personal
        for hour in SLOTS:  # both handsets in the same pocket: sessions minutes apart
            ts = base + hour * 3600 + rng.randrange(1_200)
            yield Comm(ts, "data", personal, "", rng.randrange(60, 1_800))
            yield Comm(ts + rng.randrange(60, 420), "data", order, "", rng.randrange(60, 1_800))
        if day % 7 == 3 or rng.random() < 0.05:
            ts = base + rng.randrange(19 * 3600, 22 * 3600)
            yield _voice(rng, ts, personal, cast.supplier.phones[0], 0.95)
            yield _voice(rng, ts + rng.randrange(3600, 7200), cast.supplier.phones[0], personal, 0.95)
        if rng.random() < 0.5:
            yield _voice(rng, base + rng.randrange(11 * 3600, 20 * 3600), personal, cast.front.phones[0], 0.9)
        for _ in range(rng.randrange(1, 3)):
            ts = base + rng.randrange(8 * 3600, 23 * 3600)
            if rng.random() < 0.6:
                yield _voice(rng, ts, *_either(rng, personal, self.partner), 0.9)
            else:
                yield Comm(ts, "sms", self.partner, personal)
        for other in cast.couriers[1:]:
            if rng.random() < 0.5:
                yield _voice(rng, base + rng.randrange(13 * 3600, 22 * 3600), personal, other.phones[0], 0.9)

    def _courier(self, day: int, base: int, rng: random.Random) -> Iterator[Comm]:
        story = self.story
        courier, personal, order = self.courier, self.personal, story.order_line(day).phone
        tour = story.tour(day)
        for hour in (9, 20):
            yield Comm(base + hour * 3600 + rng.randrange(3_600), "data", courier, "", rng.randrange(60, 2_400))
        if tour is not None:
            yield _voice(rng, tour.pickup_ts - rng.randrange(2_000, 5_000), personal, courier, 0.95)
            yield Comm(tour.pickup_ts + rng.randrange(-120, 120), "data", courier, "", rng.randrange(30, 300))
            for stop in tour.stops:
                yield Comm(stop.ts + rng.randrange(-180, 60), "data", courier, "", rng.randrange(30, 300))
            yield _voice(rng, tour.drop_ts + rng.randrange(60, 600), courier, personal, 0.95)
            if rng.random() < 0.15:
                yield _voice(rng, tour.stops[0].ts - 600, order, courier, 0.9)
            if rng.random() < 0.4:
                text, labels = rng.choice(BOSS_SMS)
                ts = tour.pickup_ts - rng.randrange(5_400, 9_000)
                yield Comm(ts, "sms", personal, courier, text=text, categories=labels)
                text, labels = rng.choice(COURIER_SMS)
                yield Comm(ts + rng.randrange(60, 600), "sms", courier, personal, text=text, categories=labels)
        yield from self._courier_private(day, base, rng)

    def _courier_private(self, day: int, base: int, rng: random.Random) -> Iterator[Comm]:
        courier, story = self.courier, self.story
        if rng.random() < 0.6:
            ts = base + rng.randrange(10 * 3600, 21 * 3600)
            if rng.random() < 0.5:
                yield _voice(rng, ts, *_either(rng, courier, self.mother), 0.8)
            else:
                yield Comm(ts, "sms", self.mother, courier, text=rng.choice(MOTHER_SMS))
                yield Comm(ts + rng.randrange(60, 1_800), "sms", courier, self.mother, text="Ok maman")
        if rng.random() < 0.3:
            yield Comm(
                base + rng.randrange(10 * 3600, 22 * 3600), "sms", self.sibling, courier, text=rng.choice(SIBLING_SMS)
            )
        if rng.random() < 0.3:
            friend = rng.choice(story.cast.friends).phones[0]
            ts = base + rng.randrange(12 * 3600, 23 * 3600)
            yield Comm(ts, "sms", *_either(rng, friend, courier), text=rng.choice(FRIEND_SMS))
        if story.date(day).weekday() == 0:
            text = (
                f"{self.agency.name} : votre mission de demain 8h-16h à l'entrepôt de Gennevilliers est "
                "confirmée. Répondez OUI pour valider."
            )
            yield Comm(base + 17 * 3600 + rng.randrange(1_800), "sms", self.agency.phones[0], courier, text=text)
        if story.date(day).weekday() == 4:
            text = "PIZZA TOP : -50% sur la 2e pizza ce soir avec le code DUO50 🍕 Livraison offerte ! Répondez STOP"
            yield Comm(base + 18 * 3600 + rng.randrange(600), "sms", self.pizza, courier, text=text)
        if day % 20 == 7:
            text = (
                "Recrutement livreurs vélo/scooter dans le 93 : jusqu'à 15€ de l'heure + bonus par livraison. "
                "Inscris-toi sur l'appli !"
            )
            yield Comm(base + 11 * 3600 + rng.randrange(600), "sms", self.jobs, courier, text=text)
