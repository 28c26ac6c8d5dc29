"""The people, phone lines and channels of the demo story, drawn from a seed.

The dispatcher runs two phones: a personal line and an advertised order line; the order line is
burned three quarters of the way through and its replacement SIM goes into the same handset. The
channel is banned mid-way and comes back under a new name and id.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from filiere.demo import names
from filiere.demo.numbers import NumberPool, imei, imsi
from filiere.demo.places import Address, address
from filiere.demo.scale import Scale


@dataclass(slots=True)
class Actor:
    """A person or organisation of the story, with every identifier the evidence shows for it."""

    id: str
    name: str
    role: str  # advertiser | dispatcher | courier | customer | supplier | front | other
    phones: list[str] = field(default_factory=list)
    handles: list[str] = field(default_factory=list)
    telegram: list[str] = field(default_factory=list)
    whatsapp_names: list[str] = field(default_factory=list)
    signal_names: list[str] = field(default_factory=list)
    telegram_names: list[str] = field(default_factory=list)
    imeis: list[str] = field(default_factory=list)
    imsis: list[str] = field(default_factory=list)
    referred_by: str | None = None
    home: Address | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """A SIM in a handset: what operator records show for a phone number."""

    phone: str
    actor: str
    imei: str
    imsi: str
    first_day: int
    last_day: int  # inclusive


@dataclass(frozen=True, slots=True)
class Channel:
    """One Telegram channel of the lineage."""

    order: int
    telegram_id: int
    title: str  # title at creation
    final_title: str  # title at export time (what every message's ``from`` shows)
    username: str
    first_day: int
    last_day: int
    fate: str  # banned | active


@dataclass(slots=True)
class Cast:
    """Everyone in the story and the lines requisitioned from operators."""

    advertiser: Actor
    dispatcher: Actor
    couriers: list[Actor]  # couriers[0] is the courier whose phone was seized
    supplier: Actor
    front: Actor
    customers: list[Actor]  # customers[0] is the customer whose phone was seized
    others: list[Actor]
    channels: list[Channel]
    personal_line: Line
    order_line: Line  # advertised, burned on ``burn_day``
    new_order_line: Line  # replaces it, same handset
    courier_line: Line
    stash: Address  # where the courier picks up

    @property
    def actors(self) -> list[Actor]:
        fixed = [self.advertiser, self.dispatcher, *self.couriers, self.supplier, self.front]
        return [*fixed, *self.customers, *self.others]

    def other(self, actor_id: str) -> Actor:
        """One of the bystanders by id (``courier_mother``, ``agency``, ...)."""
        return next(actor for actor in self.others if actor.id == actor_id)

    @property
    def friends(self) -> list[Actor]:
        return [actor for actor in self.others if actor.id.startswith("courier_friend")]

    @property
    def lines(self) -> list[Line]:
        return [self.order_line, self.personal_line, self.new_order_line, self.courier_line]


def _actor(rng: random.Random, pool: NumberPool, actor_id: str, role: str, taken: set[str] | None = None) -> Actor:
    """A person with a mobile line and a home; ``taken`` keeps first names apart in one chat."""
    first, last = names.person(rng)
    while taken is not None and first in taken:
        first, last = names.person(rng)
    if taken is not None:
        taken.add(first)
    return Actor(actor_id, f"{first} {last}", role, phones=[pool.mobile()], home=address(rng))


def build_cast(rng: random.Random, scale: Scale, days: int, ban_day: int, burn_day: int) -> Cast:
    """Draw the cast for a story of ``days`` days."""
    pool = NumberPool(rng)
    taken: set[str] = set()  # the people who talk to each other in one export get distinct first names
    dispatcher = _actor(rng, pool, "dispatcher", "dispatcher", taken)
    order, personal, new_order = dispatcher.phones[0], pool.mobile(), pool.mobile()
    dispatcher.phones = [order, personal, new_order]
    order_handset, personal_handset = imei(rng), imei(rng)
    order_line = Line(order, dispatcher.id, order_handset, imsi(rng), 0, burn_day - 1)
    new_order_line = Line(new_order, dispatcher.id, order_handset, imsi(rng), burn_day, days - 1)
    personal_line = Line(personal, dispatcher.id, personal_handset, imsi(rng), 0, days - 1)
    dispatcher.imeis = [order_handset, personal_handset]
    dispatcher.imsis = [order_line.imsi, personal_line.imsi, new_order_line.imsi]
    dispatcher.whatsapp_names = ["Dispatch"]  # as the courier saved the personal line
    dispatcher.signal_names = ["Le Plug 🔌", "Plug nouveau"]  # as the customer saved both order lines

    couriers = [_actor(rng, pool, f"courier{i + 1}", "courier", taken) for i in range(scale.couriers)]
    courier = couriers[0]
    courier_line = Line(courier.phones[0], courier.id, imei(rng), imsi(rng), 0, days - 1)
    courier.imeis, courier.imsis = [courier_line.imei], [courier_line.imsi]
    courier.whatsapp_names = [courier.name.split()[0]]
    for other in couriers[1:]:
        other.handles = [rng.choice(names.NICKNAMES)]

    supplier = _actor(rng, pool, "supplier", "supplier", taken)
    supplier.handles = ["Tonton"]
    front = Actor("front", rng.choice(names.FRONT_NAMES), "front", phones=[pool.landline()], home=address(rng))

    customers = [_actor(rng, pool, "customer1", "customer", taken)]
    customers += [_actor(rng, pool, f"customer{i + 1}", "customer") for i in range(1, scale.customers)]
    for index, customer in enumerate(customers):
        first, last = customer.name.split(" ", 1)
        customer.telegram_names = [f"{first} {last[0]}."]
        if index and rng.random() < 0.6:  # vetted by referral from an earlier customer
            customer.referred_by = customers[rng.randrange(index)].id
    buyer = customers[0]
    buyer.signal_names = [buyer.name.split()[0]]
    if buyer.referred_by is None and len(customers) > 1:
        buyer.referred_by = customers[1].id

    others = [
        _actor(rng, pool, "courier_mother", "other"),
        _actor(rng, pool, "courier_sibling", "other", taken),
        _actor(rng, pool, "dispatcher_partner", "other"),
        Actor("agency", rng.choice(names.WORK_AGENCIES), "other", phones=[pool.landline()]),
        *(_actor(rng, pool, f"courier_friend{i + 1}", "other") for i in range(6)),
    ]
    family_name = courier.name.split(" ", 1)[1]
    for member in others[:2]:
        member.name = f"{member.name.split()[0]} {family_name}"

    brand = rng.choice(names.CHANNEL_BRANDS)
    sector, emoji = rng.choice(names.CHANNEL_SECTORS), rng.choice(names.CHANNEL_EMOJI)
    slug = names.ascii_slug(brand)
    first_id, second_id = rng.randrange(1_700_000_000, 1_999_999_999), rng.randrange(2_000_000_000, 2_400_000_000)
    reborn_title = f"{brand} {emoji} OFFICIEL"
    first_title = f"{brand} {emoji} {sector}"
    first_name = f"{slug}_{names.ascii_slug(sector)}"
    channels = [
        Channel(1, first_id, first_title, first_title, first_name, 0, ban_day, "banned"),
        Channel(
            2, second_id, reborn_title, f"{reborn_title} {sector}", f"{slug}_officiel", ban_day + 2, days - 1, "active"
        ),
    ]
    advertiser = Actor("centrale", f"{brand} (centrale)", "advertiser")
    advertiser.telegram = [f"channel{c.telegram_id}" for c in channels]
    advertiser.handles = [f"@{c.username}" for c in channels]
    advertiser.telegram_names = sorted({c.title for c in channels} | {c.final_title for c in channels})
    return Cast(
        advertiser,
        dispatcher,
        couriers,
        supplier,
        front,
        customers,
        others,
        channels,
        personal_line,
        order_line,
        new_order_line,
        courier_line,
        address(rng),
    )
