"""What the fictional centrale posts on its Telegram channel, as seized: menus, promos, hand-offs.

Each builder returns a ``Post``: the text as Telegram entity parts, and the categories and products
that ``truth.json`` records for it. Wording mimics real French channel slang; nothing here explains
how to do anything.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from filiere.demo.catalogue import BY_CODE, PriceBook
from filiere.demo.numbers import spoken
from filiere.demo.places import ZONES


@dataclass(slots=True)
class Post:
    """A channel post: entity parts ``(type, text, href)``, truth labels and attachments."""

    parts: list[tuple[str, str, str | None]] = field(default_factory=list)
    categories: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    prices: tuple[tuple[str, int], ...] = ()  # (product, price per unit) as the post shows them
    photo: bool = False
    video: bool = False
    forwarded: bool = False  # a customer's review, forwarded into the channel
    reply_to_menu: bool = False
    rendered: tuple[str, str, str] | None = None  # text, text_entities, truth text (JSON), once made

    def add(self, text: str, kind: str = "plain", href: str | None = None) -> Post:
        """Append text; consecutive plain runs merge, as Telegram stores them."""
        if kind == "plain" and self.parts and self.parts[-1][0] == "plain":
            self.parts[-1] = ("plain", self.parts[-1][1] + text, None)
        elif text:
            self.parts.append((kind, text, href))
        return self

    @property
    def text(self) -> str:
        return "".join(text for _, text, _ in self.parts)


HEADERS = ("🔌 MENU DU JOUR 🔌", "📋 LA CARTE", "✨ CARTE DISPO ✨", "🔥 MENU + ARRIVAGE 🔥", "🍽️ MENU")
HOURS = (
    "⏰ De midi à minuit, 7j/7", "⏰ 12h - 00h tous les jours", "⏰ Ouvert de midi à minuit, 2h le week-end",
    "⏰ 7j/7 de 13h à minuit",
)  # fmt: skip
DELIVERY = ("🚗 Livraison offerte dès 50€", "🛵 Livraison en 30 min chrono", "🚗 Livraison rapide et discrète")
HANDOFF_LEADS = ("📲 Commande sur Signal : ", "📲 Signal / WhatsApp : ", "☎️ Commandes : ", "📲 Signal uniquement : ")
NOISE = (
    "Bon week-end à tous 🙏", "Merci pour votre fidélité ❤️", "Il fait beau aujourd'hui ☀️ profitez bien",
    "Gros match ce soir ⚽ qui gagne ?", "Bonne semaine à tous 💪", "Prenez soin de vous et de vos proches 🙏",
    "Respect à tous ceux qui se lèvent tôt 💯",
)  # fmt: skip
REVIEWS = (
    "Livré en 20 min, {slang} est top 👌", "Service au top, livreur poli et rapide 🙏",
    "Franchement {slang} de cette semaine 🔥🔥", "Toujours carré, merci la team 💯",
    "Commande reçue nickel, je recommande",
)  # fmt: skip


def _zones(rng: random.Random) -> str:
    picked = rng.sample(ZONES, k=rng.randrange(3, 7))
    if rng.random() < 0.5:
        return ", ".join(z.postcode for z in picked)
    return ", ".join(f"{z.label} ({z.postcode})" if z.town != "Paris" else z.label for z in picked)


POOL = 40  # variants kept per kind of post and state; real channels repost the same texts too


class PostMaker:
    """Builds posts for one channel; ``phone`` is the order line advertised at the time.

    Regular posts come from pools of variants per kind and state (prices, number shown): a
    million-post channel then costs a few thousand texts to compose, and a pooled post keeps
    its rendered JSON.
    """

    def __init__(self, rng: random.Random, prices: PriceBook, backup: str) -> None:
        self.rng = rng
        self.prices = prices
        self.backup = backup  # username of the reborn channel, announced before the ban
        self._pools: dict[tuple[object, ...], list[Post]] = {}

    def pooled(self, key: tuple[object, ...], build: Callable[[], Post]) -> Post:
        """A post of the pool for ``key``: new ones until the pool is full, then a reused one."""
        pool = self._pools.setdefault(key, [])
        if len(pool) < POOL:
            pool.append(build())
            return pool[-1]
        return self.rng.choice(pool)

    def regular(self, kind: str, day: int, phone: str) -> Post:
        """A regular post of ``kind`` for ``day``, when ``phone`` is the advertised order line."""
        if kind == "menu":
            state: tuple[object, ...] = (phone, *((c, self.prices.price(c, day)) for c in self.prices.available(day)))
            return self.pooled(("menu", *state), lambda: self.menu(day, phone))
        if kind == "handoff":
            return self.pooled(("handoff", phone), lambda: self.handoff(phone))
        if kind in ("promo", "arrival", "review"):
            builders = {"promo": self.promo, "arrival": self.arrival, "review": self.review}
            return self.pooled((kind, *self.prices.available(day)), lambda: builders[kind](day))
        builders_static = {
            "service": self.service,
            "verification": self.verification,
            "payment": self.payment,
            "reminder": self.reminder,
            "noise": self.noise,
        }
        return self.pooled((kind,), builders_static[kind])

    def _handoff(self, post: Post, phone: str) -> Post:
        post.add(self.rng.choice(HANDOFF_LEADS)).add(spoken(phone, self.rng), "phone")
        return post

    def menu(self, day: int, phone: str) -> Post:
        rng = self.rng
        post = Post(categories=("offer", "service", "handoff"))
        post.add(rng.choice(HEADERS), "bold").add("\n\n")
        shown = []
        for code in self.prices.available(day):
            product, price = BY_CODE[code], self.prices.price(code, day)
            bundle = product.bundle
            post.add(f"{product.emoji} {rng.choice(product.labels)} : {price}€ le g | ")
            post.add(f"{price * (bundle - 1)}€ les {bundle}g\n")
            shown.append((code, price))
        post.add(f"\n{rng.choice(HOURS)}\n📍 {_zones(rng)}\n{rng.choice(DELIVERY)}\n")
        self._handoff(post, phone)
        if rng.random() < 0.3:
            post.add("\n\n").add("#menu", "hashtag").add(" ").add("#livraison", "hashtag")
        post.products = tuple(code for code, _ in shown)
        post.prices = tuple(shown)
        return post

    def promo(self, day: int) -> Post:
        rng = self.rng
        product = BY_CODE[rng.choice(self.prices.available(day))]
        slang, label = rng.choice(product.slang), rng.choice(product.labels)
        offers = (
            (f"🎁 PROMO WEEK-END 🎁\n1 acheté = 1 offert sur {slang} {product.emoji} jusqu'à dimanche soir !", True),
            ("💳 Carte de fidélité : la 10e commande est offerte 🎉 demandez votre carte au livreur", False),
            (f"🎟️ Ticket à gratter offert dès 50€ de commande ! À gagner : 5g de {label} {product.emoji}", True),
            ("🤝 Parrainage : ramène un pote et gagne 1g offert sur ta prochaine commande", False),
            (f"⚡ Happy hour de 18h à 20h : -20% sur {slang} {product.emoji}", True),
        )
        text, names_product = rng.choice(offers)
        return Post(categories=("promo",), products=(product.code,) if names_product else ()).add(text)

    def service(self) -> Post:
        rng = self.rng
        texts = (
            f"{rng.choice(HOURS)}\n📍 Zones : {_zones(rng)}",
            f"🚗 On livre {_zones(rng)}. Hors zone : +10€",
            "⚠️ Ce soir fermeture à 22h, reprise demain midi",
            "🛵 Les livreurs tournent, comptez 30 à 45 min d'attente ce soir",
        )
        return Post(categories=("service",)).add(rng.choice(texts))

    def handoff(self, phone: str) -> Post:
        post = Post(categories=("handoff",))
        self._handoff(post, phone)
        tail = ("\nPas de commande en commentaire ❌", "\nMéfiez-vous des copies, un seul numéro ✅", "")
        return post.add(self.rng.choice(tail))

    def verification(self) -> Post:
        texts = (
            "🔒 Nouveaux clients : parrainage obligatoire. Donnez le nom de la personne qui vous envoie.",
            "🔒 Pour les nouveaux : vocal obligatoire avant la première commande. Pas de vocal, pas de livraison.",
            "❌ Aucune commande sans vérif. On ne répond pas aux numéros masqués.",
        )
        return Post(categories=("verification",)).add(self.rng.choice(texts))

    def payment(self) -> Post:
        texts = ("💶 Paiement en espèces uniquement, préparez l'appoint 🙏", "💶 Espèces ou PCS, pas de virement")
        return Post(categories=("payment",)).add(self.rng.choice(texts))

    def arrival(self, day: int) -> Post:
        product = BY_CODE[self.rng.choice(self.prices.available(day))]
        label = self.rng.choice(product.labels)
        post = Post(categories=("offer",), products=(product.code,), video=self.rng.random() < 0.3)
        return post.add("🔥 ARRIVAGE 🔥", "bold").add(f"\n{label} {product.emoji} de retour en stock, qualité 🔝")

    def launch(self, day: int, code: str) -> Post:
        product, price = BY_CODE[code], self.prices.price(code, day)
        post = Post(categories=("offer",), products=(code,), prices=((code, price),))
        return post.add("🆕 Nouveauté", "bold").add(
            f" : {product.labels[0]} {product.emoji} dispo dès aujourd'hui, {price}€ le g"
        )

    def price_change(self, code: str, old: int, new: int) -> Post:
        label = BY_CODE[code].labels[0]
        post = Post(categories=("offer",), products=(code,), prices=((code, new),))
        return post.add(
            f"⚠️ Changement de tarif : {label} passe à {new}€ le g (au lieu de {old}€). Les promos restent valables."
        )

    def reminder(self) -> Post:
        texts = ("Toujours dispo ⬆️ commandez avant la rupture", "⬆️ Menu toujours valable ce soir", "Rappel ⬆️")
        return Post(categories=("offer",), reply_to_menu=True).add(self.rng.choice(texts))

    def review(self, day: int) -> Post:
        product = BY_CODE[self.rng.choice(self.prices.available(day))]
        template = self.rng.choice(REVIEWS)
        products = (product.code,) if "{slang}" in template else ()
        text = template.format(slang=self.rng.choice(product.slang))
        return Post(categories=("service",), products=products, forwarded=True).add(text)

    def noise(self) -> Post:
        return Post().add(self.rng.choice(NOISE))

    def backup_notice(self) -> Post:
        post = Post(categories=("handoff",)).add("📢 Canal de secours si on saute : ").add(f"@{self.backup}", "mention")
        post.add("\n").add("Abonnez-vous maintenant", "text_link", f"https://t.me/{self.backup}")
        return post.add(" 🙏")

    def comeback(self, phone: str) -> Post:
        post = Post(categories=("handoff", "service"), photo=True)
        post.add("🔙 ON EST DE RETOUR 🔙", "bold").add("\nL'ancien canal a été banni. Même équipe, même numéro : ")
        return post.add(spoken(phone, self.rng), "phone").add(", même qualité 💯")

    def new_number(self, phone: str) -> Post:
        post = Post(categories=("handoff",))
        post.add("⚠️ NOUVEAU NUMÉRO ⚠️", "bold").add(
            "\nL'ancien a sauté, supprimez-le. Commande maintenant sur Signal : "
        )
        return post.add(spoken(phone, self.rng), "phone")
