"""The courier's WhatsApp chat with the dispatcher, as seized: availability, pickups, tours,
deliveries, cash drops and weekly pay. The day's first tour is the story's tour, so its addresses
match the cells of the courier's line in the operator records.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from filiere.demo import names
from filiere.demo.catalogue import BY_CODE
from filiere.demo.numbers import spoken
from filiere.demo.places import address
from filiere.demo.story import GRAMS, Stop, Story, Tour

PAY_PER_DELIVERY = 15
DELETED = "Ce message a été supprimé"
SELF_DELETED = "Vous avez supprimé ce message"
MEDIA = "<Médias omis>"
CHATTER = (
    "Bien ou quoi", "T'as vu le match hier ?", "Wesh", "Je peux pas demain, rdv chez le médecin",
    "Ma mère m'attend pour manger", "😂😂", "Vas-y", "👍", "Ok", "Grave", "Bon appétit 😄",
)  # fmt: skip
ACKS = ("Ok", "👍", "Bien reçu", "Ça marche", "Vu")
ASKS = ("T'es dispo aujourd'hui ?", "Dispo cet aprèm ?", "Yo t'es chaud pour aujourd'hui ?")
DAY_OFF = ("Non pas aujourd'hui, je suis avec ma mère", "Pas dispo aujourd'hui", "Je peux pas, rdv médecin")
READY = ("Ouais dispo à partir de 14h", "Oui je suis là", "Dispo 👍")


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One message of a chat export: who, when, what, and its truth labels (empty: not trade)."""

    ts: int
    sender: str
    text: str
    categories: tuple[str, ...] = ()
    products: tuple[str, ...] = ()

    @property
    def lines(self) -> int:
        return self.text.count("\n") + 1


def items_text(items: tuple[tuple[str, int], ...], rng: random.Random) -> str:
    """``2g 🍀 + 1g ❄️``, or in slang (``2 beuh``)."""
    parts = []
    for code, grams in items:
        product = BY_CODE[code]
        parts.append(f"{grams}g {product.emoji}" if rng.random() < 0.6 else f"{grams} {product.word(rng.randrange(3))}")
    return " + ".join(parts)


class CourierChat:
    """Messages between the seized courier (``me``) and the dispatcher (``boss``), day by day."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.me = story.cast.couriers[0].whatsapp_names[0]
        self.boss = story.cast.dispatcher.whatsapp_names[0]
        self.front = story.cast.front.name
        self.delivered_this_week = 0

    def day(self, day: int, rng: random.Random) -> Iterator[ChatMessage]:
        """Scenes of ``day`` in an endless stream: the story's tour first, then extra tours and chatter."""
        story = self.story
        base = story.midnight(day)
        yield from self._specials(day, base + rng.randrange(9 * 3600, 11 * 3600))
        if story.date(day).weekday() == 6 and self.delivered_this_week:
            pay = self.delivered_this_week * PAY_PER_DELIVERY
            text = (
                f"Paye de la semaine : {self.delivered_this_week} livraisons x {PAY_PER_DELIVERY}€ = {pay}€. "
                f"Tu passes la prendre demain au {self.front}"
            )
            yield ChatMessage(base + 20 * 3600 + rng.randrange(3600), self.boss, text, ("payment",))
            self.delivered_this_week = 0
        tour = story.tour(day)
        if tour is None:  # a day off: no tour in the chat either, the phone stays home
            ask = base + rng.randrange(11 * 3600, 13 * 3600)
            yield ChatMessage(ask, self.boss, rng.choice(ASKS), ("logistics",))
            yield ChatMessage(ask + 300, self.me, rng.choice(DAY_OFF))
            while True:
                yield from self._chatter(base, rng)
        yield from self._tour(tour, rng, first=True)
        while True:
            if rng.random() < 0.25:
                yield from self._chatter(base, rng)
            else:
                yield from self._tour(self._extra_tour(day, rng), rng, first=False)

    def _specials(self, day: int, ts: int) -> Iterator[ChatMessage]:
        story = self.story
        if story.date(day).weekday() == 2:  # the supplier restocks the stash on Thursdays
            text = f"{story.cast.supplier.handles[0]} passe demain pour le réassort, sois à la nourrice à 10h"
            yield ChatMessage(ts - 600, self.boss, text, ("logistics",))
        if day == story.burn_day:
            phone = spoken(story.cast.new_order_line.phone, story.rng("courier-burn"))
            text = f"Le numéro des commandes a sauté. Nouveau : {phone}. Supprime l'ancien"
            yield ChatMessage(ts, self.boss, text, ("handoff",))
        if day == story.cast.channels[-1].first_day:
            text = f"Le canal a été ban, le nouveau c'est @{story.cast.channels[-1].username}"
            yield ChatMessage(ts + 60, self.boss, text, ("handoff",))

    def _extra_tour(self, day: int, rng: random.Random) -> Tour:
        story = self.story
        pickup = story.midnight(day) + rng.randrange(11 * 3600, 21 * 3600)
        ts, stops = pickup + rng.randrange(600, 1_800), []
        for _ in range(rng.randrange(2, 6)):
            customer = rng.choice(story.cast.customers)
            code = rng.choice(story.prices.available(day))
            grams = rng.choice(GRAMS)
            where = address(rng)
            stops.append(Stop(where, customer, ((code, grams),), ts, story.prices.price(code, day) * grams))
            ts += rng.randrange(600, 1_800)
        return Tour(day, pickup, tuple(stops), ts + rng.randrange(300, 1_200))

    def _tour(self, tour: Tour, rng: random.Random, first: bool) -> Iterator[ChatMessage]:
        me, boss = self.me, self.boss
        ask = tour.pickup_ts - rng.randrange(1_800, 5_400)
        if first:
            yield ChatMessage(ask, boss, rng.choice(ASKS), ("logistics",))
            yield ChatMessage(ask + 120, me, rng.choice(READY), ("logistics",))
        hour, minute = self.story.clock.split(tour.pickup_ts)[3:5]
        stash = self.story.cast.stash.text.split(",")[0]
        yield ChatMessage(ask + 300, boss, f"Récup à {hour}h{minute:02d} chez la nourrice, {stash}", ("logistics",))
        yield ChatMessage(ask + 360, me, rng.choice(ACKS))
        lines = ["Tournée :"]
        products: list[str] = []
        for index, stop in enumerate(tour.stops, start=1):
            lines.append(f"{index}) {stop.address.text} – {items_text(stop.items, rng)}")
            products.extend(code for code, _ in stop.items if code not in products)
        yield ChatMessage(tour.pickup_ts - 60, boss, "\n".join(lines), ("logistics", "order"), tuple(products))
        yield ChatMessage(tour.pickup_ts + 120, me, "C'est récup ✅", ("logistics",))
        for index, stop in enumerate(tour.stops, start=1):
            yield from self._stop(index, stop, rng)
        yield ChatMessage(tour.drop_ts - 900, me, f"Fini. J'ai {tour.cash}€ sur moi", ("payment",))
        yield ChatMessage(
            tour.drop_ts - 840, boss, f"Dépose la caisse au {self.front} avant 23h", ("logistics", "payment")
        )
        yield ChatMessage(tour.drop_ts, me, "C'est déposé", ("payment",))
        self.delivered_this_week += len(tour.stops)

    def _stop(self, index: int, stop: Stop, rng: random.Random) -> Iterator[ChatMessage]:
        me, boss, roll = self.me, self.boss, rng.random()
        if stop.customer.referred_by and roll < 0.08:
            referrer = next(c for c in self.story.cast.customers if c.id == stop.customer.referred_by)
            sponsor = names.of(referrer.name.split()[0])
            text = f"Le {index} c'est un nouveau, il vient de la part {sponsor}, vérifie avant de donner"
            yield ChatMessage(stop.ts - 600, boss, text, ("verification",))
        if roll > 0.9:
            yield ChatMessage(stop.ts - 300, me, f"Le client du {index} répond pas", ("logistics",))
            yield ChatMessage(stop.ts - 240, boss, "Attends 5 min il descend", ("logistics",))
        elif roll > 0.85:
            yield ChatMessage(
                stop.ts - 200, me, "Y'a les bleus qui tournent vers la mairie, je fais le tour", ("logistics",)
            )
        elif roll > 0.8:
            lat, lon = round(stop.address.lat, 6), round(stop.address.lon, 6)
            yield ChatMessage(
                stop.ts - 120, me, f"localisation : https://maps.google.com/?q={lat},{lon}", ("logistics",)
            )
        elif roll > 0.77:
            yield ChatMessage(stop.ts - 100, boss, MEDIA)
        elif roll > 0.75:
            yield ChatMessage(stop.ts - 100, boss, DELETED)
        elif roll > 0.73:
            yield ChatMessage(stop.ts - 100, me, SELF_DELETED)
        yield ChatMessage(stop.ts, me, f"{index} livré ✅", ("logistics",))

    def _chatter(self, base: int, rng: random.Random) -> Iterator[ChatMessage]:
        ts = base + rng.randrange(10 * 3600, 23 * 3600)
        for turn in range(rng.randrange(1, 4)):
            yield ChatMessage(ts + 60 * turn, self.me if turn % 2 else self.boss, rng.choice(CHATTER))

    def filler(self, ts: int, rng: random.Random) -> ChatMessage:
        """A one-line message that carries nothing, to land exactly on the asked line count."""
        return ChatMessage(ts, rng.choice((self.me, self.boss)), rng.choice(ACKS))
