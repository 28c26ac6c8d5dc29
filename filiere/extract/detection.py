"""What ``detect`` returns: a Detection with its findings and the evidence behind each, as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from filiere.extract.addresses import Address
from filiere.extract.handoffs import Handoff
from filiere.extract.hours import Hours
from filiere.extract.prices import Price
from filiere.extract.wallets import Iban, Wallet
from filiere.extract.zones import Zone

CATEGORIES = ("offer", "promo", "service", "handoff", "order", "logistics", "verification", "payment")
PRODUCTS = (
    "cannabis_herb", "cannabis_resin", "cannabis_other", "cocaine", "crack", "heroin", "mdma",
    "ketamine", "cathinone", "amphetamine", "methamphetamine", "lsd", "psilocybin", "ghb",
    "opioid", "benzodiazepine", "nitrous_oxide", "poppers",
)  # fmt: skip


class Evidence(NamedTuple):
    """A span of the original text and the rule it matched (``product.cocaine (products_fr.tsv:117)``)."""

    start: int
    end: int
    text: str
    rule: str


@dataclass(slots=True)
class Detection:
    """Everything found in one message; ``evidence`` lists every match that counted, for or against.

    Treat it as a value: it is not frozen only because freezing costs a tenth of the detection time.
    """

    drug_trade: bool
    score: float
    categories: tuple[str, ...]
    products: tuple[str, ...]
    prices: tuple[Price, ...]
    handoffs: tuple[Handoff, ...]
    phones: tuple[str, ...]
    links: tuple[str, ...]
    handles: tuple[str, ...]
    wallets: tuple[Wallet, ...]
    ibans: tuple[Iban, ...]
    emails: tuple[str, ...]
    hours: tuple[Hours, ...]
    zones: tuple[Zone, ...]
    addresses: tuple[Address, ...]
    evidence: tuple[Evidence, ...]
    lexicon: str
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (the schema documented in docs/DETECTION.md)."""
        return {
            "drug_trade": self.drug_trade,
            "score": self.score,
            "categories": list(self.categories),
            "products": list(self.products),
            "prices": [
                {
                    "amount": p.amount,
                    "currency": p.currency,
                    "currency_stated": p.stated,
                    "quantity": p.quantity,
                    "unit": p.unit,
                    "product": p.product,
                }
                for p in self.prices
            ],
            "handoffs": [{"platform": h.platform, "value": h.value} for h in self.handoffs],
            "phones": list(self.phones),
            "links": list(self.links),
            "handles": list(self.handles),
            "wallets": [{"currency": w.currency, "address": w.address} for w in self.wallets],
            "ibans": [i.value for i in self.ibans],
            "emails": list(self.emails),
            "hours": [{"from": h.start, "to": h.end, "days": list(h.days) if h.days else None} for h in self.hours],
            "zones": [{"kind": z.kind, "value": z.value} for z in self.zones],
            "addresses": [
                {"text": a.text, "number": a.number, "street": a.street, "postcode": a.postcode, "commune": a.commune}
                for a in self.addresses
            ],
            "evidence": [{"start": e.start, "end": e.end, "text": e.text, "rule": e.rule} for e in self.evidence],
            "lexicon": self.lexicon,
            "truncated": self.truncated,
        }
