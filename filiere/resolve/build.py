"""The identity stage of ``analyze``: facts from the case, rules, judgements, actors written back."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from filiere.resolve import colocation, device, lineage, rules
from filiere.resolve.keys import display, kind_of, scoped
from filiere.resolve.merge import merge
from filiere.store import actors as store
from filiere.store import evidence as evidence_store
from filiere.store import facts

OF_KEPT = 1 << 20  # answers of ``Identities.of`` kept (a key and a file name each)


@dataclass(slots=True)
class Identities:
    """What the later stages need: every identifier's actor, and each actor's names and kind."""

    actor_of: dict[str, int] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)
    scopes: dict[str, str] = field(default_factory=dict)  # evidence sha256 -> scope
    links: list[rules.Link] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    # ``of`` is asked for every message and call of the case, about a few thousand distinct keys.
    _of: dict[tuple[str, str], int | None] = field(default_factory=dict, repr=False, compare=False)

    def of(self, key: str | None, evidence: str) -> int | None:
        """The actor of a record's ``key`` read in the file ``evidence`` (None if it has none)."""
        if key is None:
            return None
        asked = (key, evidence)
        if asked in self._of:
            return self._of[asked]
        actor = self.actor_of.get(scoped(key, self.scopes.get(evidence, evidence)))
        if len(self._of) < OF_KEPT:
            self._of[asked] = actor
        return actor


def resolve(conn: sqlite3.Connection) -> Identities:
    """Gather identifiers and links, merge them into actors, and write actors and links."""
    scopes = facts.scopes(conn)
    accounts = facts.accounts(conn)
    contacts = facts.contacts(conn)
    idents: set[str] = {scoped(a.key, a.scope) for a in accounts}
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for a in accounts:
        if a.name:
            names[scoped(a.key, a.scope)][a.name] += 2
    for c in contacts:
        for phone in c.phones:
            if c.name:
                names[f"phone:{phone}"][c.name] += 1
    for sha, party in facts.call_parties(conn):
        idents.add(scoped(party, scopes.get(sha, sha)))
    for sha, key, _kind, title, _loc in facts.group_conversations(conn):
        ident = scoped(key, scopes.get(sha, sha))
        idents.add(ident)
        if title:
            names[ident][title] += 3
    idents.update(f"phone:{value}" for value in facts.mentioned_phones(conn))
    links = [
        *rules.registered_phone(accounts),
        *rules.address_book(accounts, contacts),
        *rules.one_card_two_numbers(contacts),
        *rules.device_owner(accounts),
        *rules.same_handle(accounts),
        *_handset_and_colocation(conn, scopes),
    ]
    channel_links, lineage_rows = _channels(conn, scopes, {a.key for a in accounts})
    links.extend(channel_links)
    links.extend(device.chat_exporter(facts.conversations(conn), accounts))
    links.extend(_call_log_lines(conn, scopes, accounts))
    links.extend(device.announced_number(facts.announcements(conn), accounts, scopes))
    links.extend(device.advertised_contact(facts.peer_conversations(conn), facts.channel_handoffs(conn), scopes))
    links = _unique(links)
    # Address-book links only matter for names and numbers that appear in the case.
    links = [link for link in links if link.rule not in ("one_card",) or {link.a, link.b} <= idents]
    for link in links:
        idents.update((link.a, link.b))
    outcome = merge(idents, links, facts.judgements(conn))
    result = Identities(scopes=scopes, links=links, status=outcome.status)
    rows = []
    for actor_id, group in enumerate(outcome.groups, start=1):
        kind = "channel" if any(kind_of(i) == "channel" for i in group) else "person"
        result.labels[actor_id] = _label(group, names)
        result.kinds[actor_id] = kind
        store.write_actor(conn, actor_id, result.labels[actor_id], kind)
        for ident in group:
            result.actor_of[ident] = actor_id
            best = names[ident].most_common(1)
            rows.append((ident, actor_id, kind_of(ident), display(ident, best[0][0] if best else None)))
    store.write_identifiers(conn, rows)
    store.write_lineage(conn, [(a, b, score, json.dumps(reasons, ensure_ascii=False))
                               for a, b, score, reasons in lineage_rows])  # fmt: skip
    store.write_links(conn, [
        (link.a, link.b, link.rule, link.strength, link.score, json.dumps({"fr": link.fr, "en": link.en},
         ensure_ascii=False), json.dumps([{"sha256": s, "locator": loc} for s, loc in link.sources]), status)
        for link, status in zip(links, outcome.status, strict=True)
    ])  # fmt: skip
    return result


def _label(group: list[str], names: dict[str, Counter[str]]) -> str:
    """The name an investigator would use: a channel's title, the most used name, else the number."""
    counts: Counter[str] = Counter()
    for ident in group:
        counts.update(names.get(ident, Counter()))
    if counts:
        return counts.most_common(1)[0][0]
    phones = [i for i in group if kind_of(i) == "phone"]
    return display(sorted(phones)[0] if phones else group[0])


def _handset_and_colocation(conn: sqlite3.Connection, scopes: dict[str, str]) -> list[rules.Link]:
    lines = facts.subscriber_lines(conn)
    uses = []
    events: dict[str, list[tuple[int, str]]] = defaultdict(list)
    sources: dict[str, tuple[str, str]] = {}
    for sha, line in lines.items():
        ident = scoped(line, scopes.get(sha, sha))
        for imei, first, last, _n, locator in facts.handset_uses(conn, sha):
            uses.append((ident, imei, first, last, sha, locator))
        events[ident].extend(facts.cell_events(conn, sha))
        sources[ident] = (sha, facts.first_locators(conn, sha))
    talk = {frozenset((scoped(a, scopes.get(s, s)), scoped(b, scopes.get(s, s))))
            for s, a, b in facts.direct_pairs(conn)}  # fmt: skip
    measured = colocation.measure({line: sorted(evs) for line, evs in events.items()})
    return [*rules.shared_handset(uses), *colocation.colocation_links(measured, talk, sources)]


def _channels(
    conn: sqlite3.Connection, scopes: dict[str, str], account_keys: set[str]
) -> tuple[list[rules.Link], list[tuple[str, str, float, list[dict[str, str]]]]]:
    """Each channel is one identity with the account that signs its posts; channels that are the same
    shop are linked by lineage."""
    channels: dict[tuple[str, str], lineage.Channel] = {}
    links: list[rules.Link] = []
    for sha, key, title, native_id, locator, first, last in facts.channel_spans(conn):
        ident = scoped(key, scopes.get(sha, sha))
        channels[(sha, key)] = lineage.Channel(ident, title or key, first, last, (sha, locator))
        signer = f"telegram:channel{native_id}"
        if key.startswith("telegram:") and signer in account_keys:
            links.append(rules.Link(ident, signer, "channel_signature", rules.STRONG, 1.0,
                                    f"les publications du canal « {title} » sont signées par le canal lui-même",
                                    f"the posts of channel '{title}' are signed by the channel itself",
                                    ((sha, locator),)))  # fmt: skip
    for sha, conv, phone in facts.conversation_phones(conn):
        if (sha, conv) in channels:
            channels[(sha, conv)].phones.add(phone)
    media = lineage.media_hashes(list(facts.channel_media(conn)), evidence_store.paths(conn))
    for where, hashes in media.items():
        if where in channels:
            channels[where].media |= hashes
    for sha, conv, product, amount, quantity in facts.conversation_prices(conn):
        if (sha, conv) in channels and product and amount:
            channels[(sha, conv)].menu.add((product, round(amount / (quantity or 1), 1)))
    found, rows = lineage.lineage(list(channels.values()))
    return links + found, rows


def _call_log_lines(
    conn: sqlite3.Connection, scopes: dict[str, str], accounts: list[facts.AccountFact]
) -> list[rules.Link]:
    owners = {a.scope: (scoped(a.key, a.scope), a.sha256, a.locator) for a in accounts if a.is_owner}
    events: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for sha, counterpart, ts, _locator in facts.owner_events(conn):
        scope = scopes.get(sha, sha)
        if scope in owners and counterpart:
            events[scope].append((counterpart, ts))
    lines = {
        scoped(line, scopes.get(sha, sha)): facts.line_events(conn, sha, line)
        for sha, line in facts.subscriber_lines(conn).items()
    }
    return device.call_log_line(events, owners, lines)


def _unique(links: list[rules.Link]) -> list[rules.Link]:
    """One link per pair and rule (the same fact read from two files says nothing more)."""
    seen: set[tuple[frozenset[str], str]] = set()
    kept = []
    for link in links:
        key = (frozenset((link.a, link.b)), link.rule)
        if key not in seen:
            seen.add(key)
            kept.append(link)
    return kept
