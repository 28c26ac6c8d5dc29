"""Roles with reasons: advertiser, dispatcher, courier, customer, supplier, front.

Each role is scored from what an actor's messages are about (the detection categories of what they
send and receive) and from how they communicate (hub of many contacts, number advertised by a
channel, receives tours of addresses, moves across many cells a day). Every point of score comes
with the sentence that justifies it, in French and English.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

ROLES = ("advertiser", "dispatcher", "courier", "customer", "supplier", "front")
# How investigators name them, in French and English (the CLI, the reports and the web use these).
ROLE_NAMES = {
    "advertiser": ("annonceur", "advertiser"),
    "dispatcher": ("standardiste (dispatch)", "dispatcher"),
    "courier": ("livreur", "courier"),
    "customer": ("client", "customer"),
    "supplier": ("fournisseur", "supplier"),
    "front": ("commerce de façade", "front business"),
}
THRESHOLD = 0.35


@dataclass(slots=True)
class Features:
    """What is known of one actor's behaviour; filled by the analysis, read by ``score``."""

    kind: str = "person"  # person | channel
    sent: Counter[str] = field(default_factory=Counter)  # detection category -> messages sent
    received: Counter[str] = field(default_factory=Counter)
    trade_sent: int = 0
    sent_addresses: int = 0  # messages sent that carry street addresses (tours)
    received_addresses: int = 0
    partners: int = 0  # distinct actors in direct contact
    advertised_by: int = 0  # channels that publish this actor's number
    bulk_mentions: int = 0  # messages about wholesale quantities (kilos, "plaquettes")
    cells_per_day: float = 0.0  # distinct cell sites per active day, from operator records
    business: bool = False  # an organisation name in an address book
    trade_contacts: int = 0  # contacts whose own role is dispatcher or supplier (set by a second pass)
    to_dispatcher: int = 0  # calls, SMS and messages this actor started towards a dispatcher
    from_dispatcher: int = 0  # ... that a dispatcher started towards this actor
    dispatcher_days: int = 0  # distinct days in contact with a dispatcher


@dataclass(slots=True)
class RoleScore:
    role: str
    score: float
    reasons: list[dict[str, str]] = field(default_factory=list)

    def add(self, points: float, fr: str, en: str) -> None:
        self.score = min(1.0, self.score + points)
        self.reasons.append({"fr": fr, "en": en})

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "score": round(self.score, 3), "reasons": self.reasons}


def score(f: Features) -> list[RoleScore]:
    """Every role's score with its reasons, best first; only roles with some evidence are listed."""
    scores = {role: RoleScore(role, 0.0) for role in ROLES}
    _advertiser(f, scores["advertiser"])
    _dispatcher(f, scores["dispatcher"])
    _courier(f, scores["courier"])
    _customer(f, scores["customer"])
    _supplier(f, scores["supplier"])
    if f.business:
        scores["front"].add(0.3, "une raison sociale figure au répertoire pour ce numéro",
                            "an organisation name is saved for this number in an address book")  # fmt: skip
        if f.trade_contacts:
            n = f.trade_contacts
            scores["front"].add(0.3, f"en contact avec {n} acteur(s) du trafic (opérateur, fournisseur)",
                                f"in contact with {n} trade actor(s) (dispatcher, supplier)")  # fmt: skip
    ranked = sorted((s for s in scores.values() if s.score > 0), key=lambda s: (-s.score, ROLES.index(s.role)))
    return ranked


def best(ranked: list[RoleScore]) -> tuple[str | None, float | None]:
    """The role to show, and its confidence (score and margin over the runner-up), or none."""
    if not ranked or ranked[0].score < THRESHOLD:
        return None, None
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    return ranked[0].role, round(min(1.0, 0.5 * ranked[0].score + 0.5 * (ranked[0].score - runner_up)), 3)


def _advertiser(f: Features, s: RoleScore) -> None:
    public = sum(f.sent[c] for c in ("offer", "promo", "service", "handoff"))
    if f.kind == "channel" and public:
        s.add(0.6, f"canal qui publie {public} message(s) d'offre, de promotion, de service ou de contact",
              f"channel publishing {public} offer, promotion, service or contact message(s)")  # fmt: skip
        if f.sent["handoff"]:
            s.add(0.3, f"renvoie {f.sent['handoff']} fois vers un numéro ou une autre application pour commander",
                  f"points {f.sent['handoff']} time(s) to a number or another app to order")  # fmt: skip
    elif public >= 10 and f.sent["offer"] >= 5 and f.partners >= 5:
        s.add(0.4, f"diffuse {public} message(s) d'offre ou de promotion à {f.partners} interlocuteurs",
              f"sends {public} offer or promotion messages to {f.partners} parties")  # fmt: skip


def _dispatcher(f: Features, s: RoleScore) -> None:
    if f.kind == "channel":
        return
    if f.advertised_by:
        s.add(0.4, f"son numéro est publié par {f.advertised_by} canal(aux) de vente pour commander",
              f"its number is published by {f.advertised_by} selling channel(s) to take orders")  # fmt: skip
    if f.sent_addresses >= 2:
        s.add(0.3, f"envoie {f.sent_addresses} message(s) avec des adresses (tournées)",
              f"sends {f.sent_addresses} message(s) with addresses (tours)")  # fmt: skip
    if f.received["order"] >= 2:
        s.add(0.2, f"reçoit {f.received['order']} commande(s)", f"receives {f.received['order']} order(s)")
    if f.sent["logistics"] >= 3 and f.sent["logistics"] >= f.received["logistics"]:
        s.add(0.2, f"donne {f.sent['logistics']} consigne(s) logistiques (récupération, dépôt, paie)",
              f"gives {f.sent['logistics']} logistics instruction(s) (pickup, drop, pay)")  # fmt: skip
    if f.sent["verification"]:
        s.add(0.1, "vérifie l'identité des nouveaux clients", "vets new customers")
    if f.partners >= 8:
        s.add(
            0.15, f"en contact avec {f.partners} interlocuteurs (pivot)", f"in contact with {f.partners} parties (hub)"
        )


def _courier(f: Features, s: RoleScore) -> None:
    # Someone who places orders is told where his own delivery will be: a customer, not a courier.
    if f.kind == "channel" or f.sent["order"] >= 2:
        return
    if f.received_addresses >= 2:
        s.add(0.4, f"reçoit {f.received_addresses} message(s) d'adresses (tournées)",
              f"receives {f.received_addresses} message(s) of addresses (tours)")  # fmt: skip
    if f.received["logistics"] >= 3 and f.received["logistics"] > f.sent["logistics"] / 2:
        s.add(0.25, f"reçoit {f.received['logistics']} consigne(s) logistiques",
              f"receives {f.received['logistics']} logistics instruction(s)")  # fmt: skip
    if f.sent["logistics"] >= 2 and not f.advertised_by:
        s.add(0.15, f"rend compte de {f.sent['logistics']} livraison(s), récupération(s) ou dépôt(s)",
              f"reports {f.sent['logistics']} delivery, pickup or drop message(s)")  # fmt: skip
    pattern = f.to_dispatcher + f.from_dispatcher
    if pattern >= 10 and f.from_dispatcher >= 0.8 * pattern and f.dispatcher_days >= 10 and not f.business:
        s.add(0.4, f"l'opérateur le contacte de lui-même, {f.dispatcher_days} jours différents (profil livreur)",
              f"the dispatcher contacts him on his own initiative, on {f.dispatcher_days} different days "
              "(courier pattern)")  # fmt: skip
    if f.cells_per_day >= 4:
        s.add(0.2, f"borne en moyenne sur {f.cells_per_day:.1f} relais par jour (déplacements)",
              f"uses {f.cells_per_day:.1f} cell sites a day on average (on the move)")  # fmt: skip


def _customer(f: Features, s: RoleScore) -> None:
    if f.kind == "channel":
        return
    if f.sent["order"]:
        s.add(0.45, f"passe {f.sent['order']} commande(s)", f"places {f.sent['order']} order(s)")
        if f.partners <= 3:
            s.add(0.15, "peu d'interlocuteurs", "few contacts")
    pattern = f.to_dispatcher + f.from_dispatcher
    if 2 <= pattern <= 40 and f.to_dispatcher >= 0.7 * pattern and f.partners <= 3 and not f.business:
        s.add(0.4, f"contacte l'opérateur de lui-même ({f.to_dispatcher} fois sur {f.dispatcher_days} jours) et "
                   "presque personne d'autre (profil client)",
              f"contacts the dispatcher on his own initiative ({f.to_dispatcher} times over {f.dispatcher_days} days)"
              " and hardly anyone else (customer pattern)")  # fmt: skip
    if f.received["verification"] and not f.sent["verification"]:
        s.add(0.15, "se voit demander une pièce d'identité ou un parrain", "is asked for an ID or a referrer")
    if f.sent_addresses >= 2:  # hands out tours of addresses: not a customer's doing
        s.score = max(0.0, s.score - 0.2)


def _supplier(f: Features, s: RoleScore) -> None:
    if f.kind == "channel":
        return
    if f.bulk_mentions:
        s.add(0.45, f"parle de quantités de gros dans {f.bulk_mentions} message(s) (kilos, plaquettes)",
              f"talks of wholesale quantities in {f.bulk_mentions} message(s) (kilos, slabs)")  # fmt: skip
    if f.bulk_mentions and f.partners <= 3:
        s.add(0.15, "peu d'interlocuteurs", "few contacts")
