"""Identity rules: each a plain function of facts returning links, each link with its reason in words.

A *strong* link merges two identifiers into one actor; a *weak* one only proposes it to the
investigator. The docstring of each rule is what it means, in the words used in a procedure.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from filiere.resolve.keys import display, kind_of, scoped
from filiere.store.facts import AccountFact, ContactFact

STRONG, WEAK = "strong", "weak"


@dataclass(frozen=True, slots=True)
class Link:
    a: str
    b: str
    rule: str
    strength: str
    score: float
    fr: str
    en: str
    sources: tuple[tuple[str, str], ...]  # (sha256, locator)


# What a name is not made of: ``\w`` is a letter, a digit or "_" (``str.isalnum`` or "_"), and ``\s`` is
# ``str.isspace``, so this keeps exactly letters, digits and spaces, at C speed.
_NOT_NAME = re.compile(r"[^\w\s]|_")


def fold_name(name: str | None) -> str:
    """Names compared the way a person reads them: case, accents, spacing and emoji ignored."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name.casefold())
    return " ".join(_NOT_NAME.sub("", text).split())


def _day(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%d/%m/%Y")


def registered_phone(accounts: Iterable[AccountFact]) -> list[Link]:
    """An account whose export states its phone number is that phone line."""
    links = []
    for acc in accounts:
        ident = scoped(acc.key, acc.scope)
        if acc.phone and ident != f"phone:{acc.phone}":
            who = display(ident, acc.name)
            links.append(Link(ident, f"phone:{acc.phone}", "registered_phone", STRONG, 1.0,
                              f"l'export indique que {who} est enregistré au {display('phone:' + acc.phone)}",
                              f"the export states that {who} is registered to {display('phone:' + acc.phone)}",
                              ((acc.sha256, acc.locator),)))  # fmt: skip
    return links


def address_book(accounts: Iterable[AccountFact], contacts: Iterable[ContactFact]) -> list[Link]:
    """A name shown by a chat export is the name the same phone's address book gives a number.

    WhatsApp and Signal text exports show the names saved in the phone's contacts; the address book
    (vCard, SMS backup) of the same seizure says which number carries that name. One number for the
    name: the same line. Several: a proposal for each.
    """
    book: dict[tuple[str, str], dict[str, tuple[str, str, str]]] = defaultdict(dict)
    for c in contacts:
        for phone in c.phones:
            book[(c.scope, fold_name(c.name))].setdefault(phone, (c.name or "", c.sha256, c.locator))
    for acc in accounts:
        if acc.phone and acc.name and kind_of(acc.key) == "phone":
            book[(acc.scope, fold_name(acc.name))].setdefault(acc.phone, (acc.name, acc.sha256, acc.locator))
    links = []
    for acc in accounts:
        if kind_of(acc.key) != "name" or not fold_name(acc.name):
            continue
        numbers = book.get((acc.scope, fold_name(acc.name)), {})
        strength, score = (STRONG, 0.95) if len(numbers) == 1 else (WEAK, 0.5 / max(len(numbers), 1))
        ident = scoped(acc.key, acc.scope)
        for phone, (saved, sha, locator) in sorted(numbers.items()):
            number = display("phone:" + phone)
            links.append(Link(ident, f"phone:{phone}", "address_book", strength, score,
                              f"sur le même appareil ({acc.scope[:40]}), l'export montre « {acc.name} » et le "
                              f"répertoire enregistre « {saved} » au {number}",
                              f"on the same device ({acc.scope[:40]}), the export shows '{acc.name}' and the address "
                              f"book saves '{saved}' as {number}",
                              ((acc.sha256, acc.locator), (sha, locator))))  # fmt: skip
    return links


def one_card_two_numbers(contacts: Iterable[ContactFact]) -> list[Link]:
    """An address-book card that lists two numbers: its owner believes they reach the same person."""
    links = []
    for c in contacts:
        for other in c.phones[1:]:
            first, second = display("phone:" + c.phones[0]), display("phone:" + other)
            links.append(Link(f"phone:{c.phones[0]}", f"phone:{other}", "one_card", WEAK, 0.4,
                              f"la fiche « {c.name} » du répertoire donne {first} et {second}",
                              f"the address-book card '{c.name}' lists {first} and {second}",
                              ((c.sha256, c.locator),)))  # fmt: skip
    return links


def device_owner(accounts: Iterable[AccountFact]) -> list[Link]:
    """The owner accounts of files from the same seizure are the phone's owner."""
    by_scope: dict[str, list[AccountFact]] = defaultdict(list)
    for acc in accounts:
        if acc.is_owner:
            by_scope[acc.scope].append(acc)
    links = []
    for scope, owners in by_scope.items():
        first = owners[0]
        a = scoped(first.key, scope)
        for other in owners[1:]:
            b = scoped(other.key, scope)
            if a != b:
                links.append(Link(a, b, "device_owner", STRONG, 0.9,
                                  f"{display(a, first.name)} et {display(b, other.name)} sont le titulaire des "
                                  f"exports d'un même scellé ({scope[:40]})",
                                  f"{display(a, first.name)} and {display(b, other.name)} both own exports from "
                                  f"the same seizure ({scope[:40]})",
                                  ((first.sha256, first.locator), (other.sha256, other.locator))))  # fmt: skip
    return links


def shared_handset(uses: Iterable[tuple[str, str, int, int, str, str]]) -> list[Link]:
    """Two lines used in the same handset (IMEI) are one user changing SIM: a "burned" line replaced.

    ``uses`` are ``(line, imei, first_ts, last_ts, sha256, locator)``.
    """
    by_imei: dict[str, list[tuple[str, int, int, str, str]]] = defaultdict(list)
    for line, imei, first, last, sha, locator in uses:
        by_imei[imei].append((line, first, last, sha, locator))
    links = []
    for imei, lines in sorted(by_imei.items()):
        lines.sort(key=lambda u: u[1])
        for line, first, last, sha, locator in lines:
            links.append(Link(line, f"imei:{imei}", "handset", STRONG, 1.0,
                              f"{display(line)} a utilisé le téléphone IMEI {imei} du {_day(first)} au {_day(last)}",
                              f"{display(line)} used the handset IMEI {imei} from {_day(first)} to {_day(last)}",
                              ((sha, locator),)))  # fmt: skip
        for (a, _fa, la, sha_a, loc_a), (b, fb, _lb, sha_b, loc_b) in itertools.pairwise(lines):
            if a != b:
                links.append(Link(a, b, "shared_handset", STRONG, 1.0,
                                  f"{display(a)} puis {display(b)} ont utilisé le même téléphone (IMEI {imei}) : "
                                  f"{display(a)} jusqu'au {_day(la)}, {display(b)} à partir du {_day(fb)}",
                                  f"{display(a)} then {display(b)} used the same handset (IMEI {imei}): "
                                  f"{display(a)} until {_day(la)}, {display(b)} from {_day(fb)}",
                                  ((sha_a, loc_a), (sha_b, loc_b))))  # fmt: skip
    return links


def same_handle(accounts: Iterable[AccountFact]) -> list[Link]:
    """The same handle on two platforms is often, not always, the same person: a proposal."""
    by_handle: dict[str, list[AccountFact]] = defaultdict(list)
    for acc in accounts:
        if acc.handle and len(acc.handle) >= 4:
            by_handle[acc.handle.casefold().lstrip("@")].append(acc)
    links = []
    for handle, accs in sorted(by_handle.items()):
        idents = sorted({(scoped(a.key, a.scope), a.platform, a.sha256, a.locator) for a in accs})
        platforms = {i[1] for i in idents}
        if len(platforms) < 2:
            continue
        a = idents[0]
        for b in idents[1:]:
            if b[1] != a[1]:
                links.append(Link(a[0], b[0], "same_handle", WEAK, 0.5,
                                  f"le même pseudonyme « {handle} » sur {a[1]} et {b[1]}",
                                  f"the same handle '{handle}' on {a[1]} and {b[1]}",
                                  ((a[2], a[3]), (b[2], b[3]))))  # fmt: skip
    return links
