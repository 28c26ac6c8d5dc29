"""The demo story's timeline and daily plans, shared by every writer so the files agree.

The courier's tour of a day is the same in the WhatsApp chat (addresses sent by the dispatcher)
and in the operator records (cells along the way); the dispatcher's two phones share his position.
Everything is drawn from seeded generators keyed by purpose and day, so a plan does not depend on
which writer asks first.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from filiere.demo.cast import Actor, Line, build_cast
from filiere.demo.catalogue import PriceBook
from filiere.demo.clock import Clock
from filiere.demo.places import ZONES, Address, cell_sites
from filiere.demo.places import address as draw_address
from filiere.demo.scale import Scale

END_DATE = date(2024, 4, 8)  # the seizures; a three-month story crosses the March time change
GRAMS = (1, 1, 2, 2, 3, 5, 10)


@dataclass(frozen=True, slots=True)
class Stop:
    """One delivery of a tour."""

    address: Address
    customer: Actor
    items: tuple[tuple[str, int], ...]  # (product code, grams)
    ts: int
    amount: int  # euros collected


@dataclass(frozen=True, slots=True)
class Tour:
    """A courier's working afternoon: pickup, deliveries, cash drop."""

    day: int
    pickup_ts: int
    stops: tuple[Stop, ...]
    drop_ts: int

    @property
    def cash(self) -> int:
        return sum(stop.amount for stop in self.stops)


class Story:
    """Timeline, cast and plans of one generated case."""

    def __init__(self, seed: int, scale: Scale) -> None:
        self.seed = seed
        self.scale = scale
        self.clock = Clock()
        self.days = scale.days
        self.start = END_DATE - timedelta(days=self.days)
        self.ban_day = round(0.45 * self.days)
        self.burn_day = round(0.75 * self.days)
        self.prices = PriceBook(self.days)
        self.cast = build_cast(self.rng("cast"), scale, self.days, self.ban_day, self.burn_day)
        self.sites = cell_sites(self.rng("sites"))
        self._midnights: dict[int, int] = {}
        self._tours: dict[int, Tour | None] = {}
        self._plans: dict[int, tuple[list[tuple[float, float]], bool]] = {}

    def rng(self, *parts: object) -> random.Random:
        """A generator for one purpose: the same for the same seed and parts, whoever asks."""
        return random.Random("/".join(map(str, (self.seed, *parts))))

    def date(self, day: int) -> date:
        return self.start + timedelta(days=day)

    def midnight(self, day: int) -> int:
        """Unix seconds of local midnight starting story day ``day``."""
        found = self._midnights.get(day)
        if found is None:
            found = self._midnights[day] = self.clock.midnight(self.date(day))
        return found

    @property
    def seizure_ts(self) -> int:
        """When the phones were seized and the exports made: the morning after the story."""
        return self.midnight(self.days) + 9 * 3600 + 1_234

    def order_line(self, day: int) -> Line:
        """The advertised order line on ``day``: the first until it burns, then its replacement."""
        return self.cast.order_line if day < self.cast.new_order_line.first_day else self.cast.new_order_line

    def works(self, day: int) -> bool:
        """Whether the seized courier works on ``day`` (five or six days a week)."""
        return self.rng("works", day).random() < 0.8

    def tour(self, day: int) -> Tour | None:
        """The seized courier's first tour of ``day``, or None on a day off."""
        if day not in self._tours:
            self._tours[day] = self._draw_tour(day) if self.works(day) else None
        return self._tours[day]

    def _draw_tour(self, day: int) -> Tour:
        rng = self.rng("tour", day)
        base = self.midnight(day)
        pickup = base + rng.randrange(13 * 3600, 16 * 3600)
        ts = pickup + rng.randrange(1_200, 2_400)
        stops = []
        for _ in range(rng.randrange(3, 8)):
            customer = rng.choice(self.cast.customers)
            products = self.prices.available(day)
            chosen = rng.sample(products, k=1 if rng.random() < 0.7 else min(2, len(products)))
            items = tuple((code, rng.choice(GRAMS)) for code in chosen)
            amount = sum(self.prices.price(code, day) * grams for code, grams in items)
            where = draw_address(rng, customer.home.zone if customer.home else None)
            stops.append(Stop(where, customer, items, ts, amount))
            ts += rng.randrange(900, 2_700)
        return Tour(day, pickup, tuple(stops), ts + rng.randrange(600, 2_400))

    def _plan(self, day: int) -> tuple[list[tuple[float, float]], bool]:
        """The dispatcher's position per two-hour slot, and whether the order phone stayed home."""
        found = self._plans.get(day)
        if found is None:
            rng = self.rng("dispatcher", day)
            home = self.cast.dispatcher.home or draw_address(rng)
            front = self.cast.front.home or home
            spots = []
            for slot in range(12):
                if slot < 4 or slot > 10:
                    spots.append((home.lat, home.lon))
                    continue
                pick = rng.random()
                where = front if pick < 0.3 else home if pick < 0.45 else draw_address(rng, rng.choice(ZONES))
                spots.append((where.lat, where.lon))
            found = self._plans[day] = (spots, rng.random() < 0.1)
        return found

    def dispatcher_spot(self, ts: int, order_phone: bool) -> tuple[float, float]:
        """Where the dispatcher's personal phone (or order phone) is at ``ts``."""
        day = self.day_of(ts)
        spots, order_stays_home = self._plan(day)
        if order_phone and order_stays_home:
            return spots[0]
        slot = min(11, max(0, (ts - self.midnight(day)) // 7_200))
        return spots[slot]

    def courier_spot(self, ts: int) -> tuple[float, float]:
        """Where the seized courier's phone is at ``ts``: home, stash, along the tour, the front."""
        day = self.day_of(ts)
        home = self.cast.couriers[0].home or self.cast.stash
        tour = self.tour(day)
        if tour is None or ts < tour.pickup_ts or ts > tour.drop_ts + 3_600:
            return home.lat, home.lon
        if ts >= tour.drop_ts:
            front = self.cast.front.home or home
            return front.lat, front.lon
        where: Address = self.cast.stash
        for stop in tour.stops:
            if stop.ts <= ts:
                where = stop.address
        return where.lat, where.lon

    def day_of(self, ts: int) -> int:
        """The story day that contains ``ts`` (clamped to the story)."""
        day = (ts - self.midnight(0)) // 86_400
        while day > 0 and self.midnight(day) > ts:
            day -= 1
        while day + 1 < self.days and self.midnight(day + 1) <= ts:
            day += 1
        return max(0, min(self.days - 1, day))
