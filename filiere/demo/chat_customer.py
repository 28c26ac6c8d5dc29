"""The seized customer's Signal chats with the order lines: vetting by referral, orders, delivery
and payment, promotions, and the switch to a new number when the old one burns.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from filiere.demo import names
from filiere.demo.catalogue import BY_CODE
from filiere.demo.chat_courier import ChatMessage
from filiere.demo.numbers import spoken
from filiere.demo.places import address
from filiere.demo.story import GRAMS, Story


class CustomerChat:
    """Messages of the customer (``me``) with the dispatcher's order line, per conversation."""

    def __init__(self, story: Story) -> None:
        self.story = story
        buyer = story.cast.customers[0]
        self.buyer = buyer
        self.me = buyer.signal_names[0]
        self.home = buyer.home.text if buyer.home else address(story.rng("buyer-home")).text

    def conversation(self, new_line: bool) -> Iterator[ChatMessage]:
        """The chat with the first order line (``new_line`` False) or with its replacement."""
        story = self.story
        burn = story.cast.new_order_line.first_day
        plug = story.cast.dispatcher.signal_names[1 if new_line else 0]
        days = range(burn, story.days) if new_line else range(0, burn)
        rng = story.rng("signal", int(new_line))
        for day in days:
            base = story.midnight(day)
            if day == days.start:
                yield from self._opening(base + rng.randrange(11 * 3600, 14 * 3600), plug, new_line)
            if not new_line and day == burn - 1:
                phone = spoken(story.cast.new_order_line.phone, rng)
                text = f"⚠️ Ce numéro va sauter. Nouveau numéro : {phone}, enregistre-le"
                yield ChatMessage(base + 10 * 3600, plug, text, ("handoff",))
            roll = rng.random()
            if roll < 0.3:
                yield from self._order(day, base + rng.randrange(17 * 3600, 22 * 3600), plug, rng)
            elif roll < 0.4:
                yield from self._broadcast(day, base + rng.randrange(12 * 3600, 14 * 3600), plug, rng)

    def _opening(self, ts: int, plug: str, new_line: bool) -> Iterator[ChatMessage]:
        if new_line:
            yield ChatMessage(
                ts, plug, "C'est le nouveau numéro du Plug 🔌, l'ancien a sauté. Même service 👌", ("handoff",)
            )
            yield ChatMessage(ts + 300, self.me, "Bien reçu 👍")
            return
        referrer = next((c for c in self.story.cast.customers if c.id == self.buyer.referred_by), None)
        sponsor = names.of(referrer.name.split()[0]) if referrer else "d'un pote"
        yield ChatMessage(ts, self.me, f"Salut, c'est {self.me}, de la part {sponsor} 🙏", ("verification",))
        yield ChatMessage(
            ts + 240, plug, "Bienvenue. Envoie ta commande et ton adresse, et un vocal pour la vérif", ("verification",)
        )

    def _order(self, day: int, ts: int, plug: str, rng: random.Random) -> Iterator[ChatMessage]:
        prices = self.story.prices
        chosen = rng.sample(prices.available(day), k=min(len(prices.available(day)), rng.choice((1, 1, 2))))
        items = [(code, rng.choice(GRAMS)) for code in chosen]
        amount = sum(prices.price(code, day) * grams for code, grams in items)
        wanted = " et ".join(f"{grams}g de {BY_CODE[code].word(rng.randrange(3))}" for code, grams in items)
        products = tuple(chosen)
        yield ChatMessage(ts, self.me, f"Salut ! {wanted} stp", ("order",), products)
        eta = ts + rng.randrange(1_800, 4_800)
        hour, minute = self.story.clock.split(eta)[3:5]
        text = f"Ça fait {amount}€. Livraison vers {hour}h{minute:02d}, toujours au {self.home} ?"
        yield ChatMessage(ts + 180, plug, text, ("order", "payment", "logistics"), products)
        if rng.random() < 0.8:
            yield ChatMessage(ts + 300, self.me, "Oui c'est ça")
        else:
            yield ChatMessage(
                ts + 300, self.me, f"Non, ce soir au {address(rng).text}\nCode porte 4B12, 3e étage", ("logistics",)
            )
        if rng.random() < 0.3:
            yield ChatMessage(ts + 360, self.me, "Je paie en espèces, t'as la monnaie sur 50 ?", ("payment",))
            yield ChatMessage(ts + 420, plug, "Oui pas de souci")
        yield ChatMessage(eta, plug, "Le livreur est en bas 🚗", ("logistics",))
        yield ChatMessage(eta + 60, self.me, rng.choice(("Je descends", "J'arrive", "2 min")))
        if rng.random() < 0.5:
            yield ChatMessage(eta + 900, self.me, rng.choice(("Merci 👌", "Top merci", "Nickel 🙏")))

    def _broadcast(self, day: int, ts: int, plug: str, rng: random.Random) -> Iterator[ChatMessage]:
        prices = self.story.prices
        if rng.random() < 0.5:
            code = rng.choice(prices.available(day))
            product = BY_CODE[code]
            text = f"🎁 Ce week-end 1 acheté = 1 offert sur {product.slang[0]} {product.emoji}"
            yield ChatMessage(ts, plug, text, ("promo",), (code,))
            return
        lines = ["Dispo ce soir :"]
        codes = prices.available(day)
        lines += [f"{BY_CODE[code].emoji} {prices.price(code, day)}€ le g" for code in codes]
        yield ChatMessage(ts, plug, "\n".join(lines), ("offer",), tuple(codes))
