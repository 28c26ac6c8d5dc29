"""Rules about seized phones: who owns them, which line they are, which contact is a new number.

- A one-to-one chat export is named after the other person: the remaining participant is the
  person who exported it, the phone's owner.
- A phone's own call log and SMS match the operator's records of exactly one line: that line is
  the phone's.
- "C'est le nouveau numéro du Plug, l'ancien a sauté": a contact that announces itself as the new
  number of another contact of the same phone is that contact.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

from filiere.resolve.keys import display, scoped
from filiere.resolve.rules import STRONG, WEAK, Link, fold_name
from filiere.store.facts import AccountFact
from filiere.types.phone import normalize_phone

MATCH_S = 120
MIN_MATCHES = 5
_ANNOUNCE = re.compile(
    r"nouveau (?:num|numero|06|07|tel)|nouvelle ligne|ancien (?:a saute|numero|num)|new (?:number|phone)|"
    r"old (?:one|number) (?:is )?(?:burned|burnt|dead)"
)
_STOP = {"le", "la", "les", "de", "du", "des", "the", "and", "et", "un", "une"}


def chat_exporter(
    conversations: Iterable[tuple[str, str, str, str | None, str]], accounts: Iterable[AccountFact]
) -> list[Link]:
    """Owners inferred from one-to-one chat exports, linked to the other owner records of the same phone."""
    by_file: dict[str, list[AccountFact]] = defaultdict(list)
    owners: dict[str, list[AccountFact]] = defaultdict(list)
    for acc in accounts:
        by_file[acc.sha256].append(acc)
        if acc.is_owner:
            owners[acc.scope].append(acc)
    inferred: dict[str, list[tuple[str, AccountFact, str]]] = defaultdict(list)
    for sha, _key, kind, title, locator in conversations:
        people = [a for a in by_file.get(sha, ()) if not a.is_owner and a.name]
        if kind not in ("direct", "unknown") or not title or len(people) != 2:
            continue
        named = [a for a in people if fold_name(a.name) == fold_name(title)]
        if len(named) != 1:
            continue
        exporter = people[0] if people[1] is named[0] else people[1]
        inferred[exporter.scope].append((scoped(exporter.key, exporter.scope), exporter, f"{title}|{locator}"))
    links = []
    for scope, found in inferred.items():
        ident, acc, _why = found[0]
        for owner in owners.get(scope, ()):
            other = scoped(owner.key, owner.scope)
            links.append(Link(ident, other, "chat_exporter", STRONG, 0.9,
                              f"« {acc.name} » est l'autre participant des conversations exportées de ce téléphone "
                              f"({scope[:40]}), donc son titulaire",
                              f"'{acc.name}' is the other participant of the chats exported from this phone "
                              f"({scope[:40]}), hence its owner",
                              ((acc.sha256, acc.locator), (owner.sha256, owner.locator))))  # fmt: skip
    return links


def call_log_line(
    owner_events: dict[str, list[tuple[str, int]]],
    owner_idents: dict[str, tuple[str, str, str]],
    lines: dict[str, list[tuple[str, int]]],
) -> list[Link]:
    """The line whose operator records contain the phone's own calls and SMS (same number, same minute).

    ``owner_events`` maps a scope to its ``(counterpart, ts)``; ``owner_idents`` a scope to the owner
    identifier and a source; ``lines`` a line identifier to its operator ``(counterpart, ts)``.
    """
    indexed: dict[str, dict[str, list[int]]] = {}
    for line, events in lines.items():
        table: dict[str, list[int]] = defaultdict(list)
        for counterpart, ts in events:
            table[counterpart].append(ts)
        for times in table.values():
            times.sort()
        indexed[line] = table
    links = []
    for scope, events in owner_events.items():
        if scope not in owner_idents or not events:
            continue
        best, best_matches = None, 0
        for line, table in indexed.items():
            matches = sum(_near(table.get(counterpart, []), ts) for counterpart, ts in events)
            if matches > best_matches:
                best, best_matches = line, matches
        if best is None or best_matches < MIN_MATCHES or best_matches < 0.3 * len(events):
            continue
        ident, sha, locator = owner_idents[scope]
        links.append(Link(ident, best, "call_log_line", STRONG, 0.95,
                          f"{best_matches} des {len(events)} appels et SMS du journal du téléphone ({scope[:40]}) "
                          f"figurent, même correspondant, même minute, dans les relevés opérateur de {display(best)}",
                          f"{best_matches} of the {len(events)} calls and SMS in the phone's own log ({scope[:40]}) "
                          f"appear, same party, same minute, in the operator records of {display(best)}",
                          ((sha, locator),)))  # fmt: skip
    return links


def _near(times: list[int], ts: int) -> bool:
    i = bisect.bisect_left(times, ts - MATCH_S)
    return i < len(times) and times[i] <= ts + MATCH_S


def announced_number(
    messages: Iterable[tuple[str, str | None, str, str]], accounts: Iterable[AccountFact], scopes: dict[str, str]
) -> list[Link]:
    """A contact that writes it is the new number of another contact of the same phone is that contact."""
    names: dict[str, list[tuple[str, set[str], AccountFact]]] = defaultdict(list)
    for acc in accounts:
        words = {w for w in fold_name(acc.name).split() if len(w) >= 3 and w not in _STOP}
        if words and not acc.is_owner:
            names[acc.scope].append((scoped(acc.key, acc.scope), words, acc))
    links = []
    folds: dict[str, str] = {}  # channels repost the same hand-off: fold each distinct text once
    for sha, sender, text, locator in messages:
        if sender is None:
            continue
        folded = folds.get(text)
        if folded is None:
            folded = folds[text] = fold_name(text)
        if not _ANNOUNCE.search(folded):
            continue
        scope = scopes.get(sha, sha)
        writer = scoped(sender, scope)
        said = set(folded.split())
        for ident, words, acc in names.get(scope, ()):
            if ident != writer and words <= said:
                quote = text if len(text) <= 120 else text[:117] + "…"
                links.append(Link(writer, ident, "announced_number", STRONG, 0.85,
                                  f"sur le même téléphone, un contact écrit « {quote} » : il se présente comme le "
                                  f"nouveau numéro de « {acc.name} »",
                                  f"on the same phone, a contact writes '{quote}': it presents itself as the new "
                                  f"number of '{acc.name}'",
                                  ((sha, locator), (acc.sha256, acc.locator))))  # fmt: skip
    return links


def advertised_contact(
    chats: Iterable[tuple[str, str, str, str | None, str, int, int, int, str]],
    handoffs: Iterable[tuple[str | None, str, int, str, str]],
    scopes: dict[str, str],
    region: str = "FR",
) -> list[Link]:
    """A contact someone orders from on an app, while channels publish a number to order on that app:
    perhaps that number. A proposal only: the export does not show the contact's number.

    ``chats`` are per-sender rows of one-to-one chats (the last flag but one: that sender placed an
    order); ``handoffs`` are ``(platform, value, ts, sha, locator)``.
    """
    published: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    for platform, value, ts, sha, locator in handoffs:
        phone = normalize_phone(value, region) if value else None
        if platform and phone:
            published[platform].append((ts, phone, sha, locator))
    conversations: dict[tuple[str, str], list[tuple[str, str | None, str, int, int, int, str]]] = defaultdict(list)
    for sha, conv, platform, title, sender, first, last, trade, locator in chats:
        conversations[(sha, conv)].append((platform, title, sender, first, last, trade, locator))
    links = []
    for (sha, _conv), senders in conversations.items():
        platform, title = senders[0][0], senders[0][1]
        peer = [s for s in senders if title and fold_name(s[2].rsplit(":", 1)[-1]) == fold_name(title)]
        if len(peer) != 1 or not any(s[5] for s in senders if s is not peer[0]):
            continue  # only a contact the phone's owner orders from
        first, last = min(s[3] for s in senders), max(s[4] for s in senders)
        counts: dict[str, int] = defaultdict(int)
        where: dict[str, tuple[str, str]] = {}
        for ts, phone, psha, plocator in published.get(platform, ()):
            if first - 2 * 86400 <= ts <= last:
                counts[phone] += 1
                where.setdefault(phone, (psha, plocator))
        if not counts:
            continue
        phone = max(counts, key=lambda p: (counts[p], p))
        _platform, _title, sender, _f, _l, _t, locator = peer[0]
        ident = scoped(sender, scopes.get(sha, sha))
        number = display("phone:" + phone)
        links.append(Link(ident, f"phone:{phone}", "advertised_contact", WEAK, 0.5,
                          f"on commande à « {title} » sur {platform} du {_day(first)} au {_day(last)}, période où les "
                          f"canaux publient {number} pour commander sur {platform} ({counts[phone]} fois)",
                          f"'{title}' takes orders on {platform} from {_day(first)} to {_day(last)}, while the "
                          f"channels publish {number} to order on {platform} ({counts[phone]} times)",
                          ((sha, locator), where[phone])))  # fmt: skip
    return links


def _day(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%d/%m/%Y")
