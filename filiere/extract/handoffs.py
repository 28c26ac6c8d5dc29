"""Hand-offs: where a message sends its reader to order (platform and account, number or link).

A platform named in the lexicon is tied to the first value written right after it ("Signal:
06 39 98 12 34", "snap 👉 frais.93"); invitation links and bot handles carry their platform.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from filiere.extract.compiled import by_fields
from filiere.extract.identifiers import Found
from filiere.extract.lexicon import Hit

_LINK_PLATFORM = (
    ("t.me/", "telegram"),
    ("telegram.me/", "telegram"),
    ("wa.me/", "whatsapp"),
    ("chat.whatsapp.com/", "whatsapp"),
    ("signal.me/", "signal"),
    ("signal.group/", "signal"),
    ("snapchat.com/", "snapchat"),
    ("instagram.com/", "instagram"),
    ("threema.id/", "threema"),
    ("potato.im/", "potato"),
)
# The account name right after a platform: "Snap: name", "Wickr ID name", "Threema, ID : ABCD1234",
# "Snap (pseudo plugparis)". A word sign ("at", "sur", "on") stands alone, not at a name's start
# ("snap atlanta_plug"); after a comma or a bracket (``aside``) a word that says where the account
# is or that there is none is no account ("Snap, pseudo dans la bio", "Telegram (ID on request)").
_VALUE_AFTER = re.compile(
    r"(?:(?P<aside>\s?[,(]\s?(?i:id|username|user|pseudo|handle)\b\s?)|\s?(?i:(?:id|username|user|pseudo|handle)\b\s?)?)"
    r"(?P<sign>:|=|-|–|>|->|→|👉|➡️|➡|⬇️|(?:at|sur|on)(?=\s))?\s?(?P<value>[A-Za-z0-9_][A-Za-z0-9_.\-]{2,31})"
)
_NO_ACCOUNT = frozenset({
    "dans", "en", "sur", "below", "above", "in", "on", "request", "demande", "bio", "dm", "mp", "privé", "prive",
    "private", "required", "obligatoire", "the", "le", "la", "les", "ici", "here", "après", "after", "soon",
})  # fmt: skip
_THREEMA_ID = re.compile(r"^[A-Z0-9*][A-Z0-9]{7}$")
_SESSION_ID = re.compile(r"(?<![0-9a-fA-F])05[0-9a-fA-F]{64}(?![0-9a-fA-F])")
_DESTINATION = re.compile(
    r"(?:\b(?:sur|on|via|en|go|dispo sur|passez sur|add|ajoute|ajoutez|to)\s+(?:notre\s|nos\s|mon\s|our\s|my\s)?)$",
    re.I,
)
_MAX_GAP = 30
# Two platforms that share the value after them: "WhatsApp/Signal: 06…", "Signal ou Threema".
_PLATFORM_LIST = re.compile(r"/|\s?[&+]\s?|\s(?:ou|or|et|and)\s", re.IGNORECASE)
_MAX_BEFORE = 12
# A value with its platforms after it in brackets: "06 39 98 77 21 (Signal + WhatsApp)".
_BRACKETED = re.compile(r"\s?\(\s?(?:[^\W\d_]+\s?(?:[+/&,]|\bet\b|\band\b|\bou\b|\bor\b)\s?)*", re.IGNORECASE)
# A platform named as the one left behind: "On quitte WhatsApp", "moved off Snapchat".
_LEFT_BEHIND = re.compile(
    r"(?:\b(?:quitte|quitter|quittons|quitté|plus de|leaving|moved off|moving off|no more on|no longer on"
    r"|(?:we're|we are|now) off)\s)$",
    re.IGNORECASE,
)
# A platform said to be the only way, or whose account is given elsewhere: "Signal uniquement",
# "Session ID in bio", "Snap dispo sur demande" (a hand-off; its account may follow: "Signal
# uniquement : coke_gros.69"). A platform that is also an everyday word (weight 1: "signal",
# "session", "potato") only when capitalised, and then only with its ID in the bio or its "only"
# ending the clause or starting from now: not "bad signal only in the kitchen", "Session on
# request", "Session only on Saturdays", "Signal only from the garden".
_ONLY_AFTER = re.compile(
    r"\s?(?:(?P<alone>only|uniquement|seulement|exclusivement)|(?P<id>id\s)?(?:in (?:the |my )?bio|dans (?:la|ma) bio)"
    r"|(?:dispo\s)?(?:sur demande|on request))\b",
    re.IGNORECASE,
)
# What may follow an everyday platform's "only": the end of its clause, or when it starts ("Signal
# only, ask for the username", "Signal only from now on", "Potato uniquement à partir de maintenant").
_ONLY_GOES_ON = re.compile(
    r"\s*(?:[^\w\s]|$|(?:now|maintenant|d[ée]sormais|from now|(?:à|a) partir de maintenant|d[èe]s maintenant"
    r"|for orders|pour command)\b)",
    re.IGNORECASE,
)
# An account given after the platform's clause about an account or where to order: "New Snap after
# the last one got banned: dub.grn.24", "Nouveau compte Snap, l'ancien a sauté : grinch.livraison2",
# "Move to Wickr for orders: freshplug_ldn" (an account's shape only: figures, "_", "."); not
# "WhatsApp moi quand t'es là, digicode : B1234", "email: john.doe@…", "ref: INV_2024.03".
_LATER_VALUE = re.compile(r"(?P<gap>[^\n:.!?]{0,40}?)(?<!\d)\s?:\s?(?P<value>[A-Za-z][A-Za-z0-9_.\-]{2,31})(?![\w@])")
_NOT_ACCOUNT_LABELS = frozenset({
    "code", "digicode", "email", "mail", "e-mail", "ref", "réf", "référence", "reference", "wifi", "wi-fi", "passe",
    "password", "mdp", "prix", "price", "list", "liste", "iban", "rib", "adresse", "address", "horaires", "hours",
    "promo", "portail", "pin", "error", "erreur", "version", "file", "fichier", "plaque", "immatriculation",
})  # fmt: skip
_ACCOUNT_TALK = re.compile(
    r"\b(?:new|nouveaux?|nouvelle|comptes?|account|add|ajoute[zr]?|backup|secours|ban(?:ned|ni)?|sauté|deleted"
    r"|supprimée?|cramée?|grillée?|hacked|piratée?|gone|old|ancien|seuls?|id|pseudo|username|handle|orders?"
    r"|commandes?|commander|now|maintenant|move[ds]?|moving|passe[zr]?|join|rejoins)\b",
    re.IGNORECASE,
)
_ID_WORDS = frozenset({"username", "user", "pseudo", "handle"})
_JUST_BEFORE = frozenset({"", ".", ",", "-", "–", "—", "|", ";"})  # between a value and its "X only"
_BY_NUMBER = frozenset({"whatsapp", "signal", "telegram"})  # the apps reached by a phone number
# Before a value: it is the one left behind ("Ancien numéro 06…. Signal uniquement", "RIP 07700…").
_FORMER = re.compile(
    r"\b(?:ancien|old|rip|not this|pas ce|grill[ée]|cram[ée]|burn(?:ed|t)|dead|mort|hs|don'?t|ne plus)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Handoff:
    """A place to go and order: ``platform`` code and ``value`` (handle, E.164 number, link or None)."""

    platform: str
    value: str | None
    start: int
    end: int

    def __reduce__(self) -> tuple[type[Handoff], tuple[Any, ...]]:
        return by_fields(self)


def _link_platform(link: str) -> str | None:
    lowered = link.lower().split("://", 1)[-1].removeprefix("www.")
    for prefix, platform in _LINK_PLATFORM:
        if lowered.startswith(prefix):
            if platform == "telegram" and lowered.rstrip("/").endswith("bot"):
                return "bot"
            return platform
    return None


def _bare_value(text: str, end: int, platform: str) -> tuple[str, int, int] | None:
    """An account name written right after a platform name, if it looks like one."""
    match = _VALUE_AFTER.match(text, end)
    if match is not None and match["value"].lower() in _ID_WORDS:
        match = _VALUE_AFTER.match(text, match.end("value"))  # "Signal ➡️ pseudo MenuDuSoir.88": the name after
    if match is None:
        return None
    value = match["value"].rstrip(".-")  # "Wickr: northwestplug_mcr.": the sentence's full stop
    stop = match.start("value") + len(value)
    following = text[stop : stop + 1]
    if len(value) < 3 or (following.isalpha() and not following.isascii()):
        return None  # too short, or a word cut at an accent ("ID demandé")
    separated = match.group().strip() != match["value"]  # "Snap: name", "snap 👉 name"
    if platform == "threema" and _THREEMA_ID.match(value):
        return value, match.start("value"), stop
    if match["aside"] is not None and value.lower() in _NO_ACCOUNT:
        return None  # "Snap, pseudo dans la bio", "Telegram (ID on request)"
    if separated or _looks_like_id(value):
        return value, match.start("value"), stop
    return None


def _inside(at: int, links: Sequence[Found], starts: list[int]) -> bool:
    """Whether ``at`` is inside one of ``links`` (sorted by start, ``starts`` theirs; links do not overlap)."""
    index = bisect.bisect_right(starts, at) - 1
    return index >= 0 and at < links[index].end


def _written_before(values: Sequence[Found], starts: list[int], at: int, longest: int) -> Found | None:
    """The last of ``values`` (sorted by start) to end at most ``_MAX_BEFORE`` characters before
    ``at``; only those starting within ``longest`` (the longest value) of that reach are looked at."""
    index = bisect.bisect_left(starts, at) - 1
    while index >= 0 and values[index].start >= at - _MAX_BEFORE - longest:
        if 0 <= at - values[index].end <= _MAX_BEFORE:
            return values[index]
        index -= 1
    return None


def find_handoffs(
    text: str,
    platforms: Iterable[Hit],
    phones: list[Found],
    handles: list[Found],
    links: list[Found],
) -> list[Handoff]:
    """Hand-offs in ``text`` from the platform hits and the identifiers already found in it."""
    found: list[Handoff] = []
    tied: set[tuple[int, int]] = set()
    for link in links:
        platform = _link_platform(link.value)
        if platform is not None:
            found.append(Handoff(platform, link.value, link.start, link.end))
            tied.add((link.start, link.end))
    for handle in handles:
        if handle.value.lower().endswith("bot"):
            found.append(Handoff("bot", handle.value, handle.start, handle.end))
            tied.add((handle.start, handle.end))
    values = sorted((v for v in [*phones, *handles, *links] if (v.start, v.end) not in tied), key=lambda v: v.start)
    starts = [value.start for value in values]  # each platform finds its values by bisection, not by a scan
    longest = max((value.end - value.start for value in values), default=0)
    link_starts = [link.start for link in links]
    hits = list(platforms)
    for index, hit in enumerate(hits):
        platform = hit.entry.code
        bare = _bare_value(text, hit.end, platform) if platform != "bot" else None
        if bare is not None and not (hit.entry.weight >= 2 or _separated(text, hit.end)):
            bare = None
        if bare is not None and _inside(bare[1], links, link_starts):
            bare = None  # "Telegram: t.me/plugnyc": the link, not "t.me"
        at = bisect.bisect_left(starts, hit.end)
        after = values[at] if at < len(values) and values[at].start - hit.end <= _MAX_GAP else None
        before = _written_before(values, starts, hit.start, longest)
        if (
            before is not None
            and bare is None
            and (after is None or ")" in text[hit.end : after.start])
            and _BRACKETED.fullmatch(text, before.end, hit.start)
        ):
            # "06 39 98 52 10 (Signal + WhatsApp). L'ancien, 06 39 98 47 03": the number before the
            # brackets, for each platform in them, not the next one written; an account written
            # in the brackets is the platform's own ("06 12 34 56 78 (Snap @dub.24)").
            found.append(Handoff(platform, before.value, before.start, hit.end))
            continue
        following = hits[index + 1] if index + 1 < len(hits) else None
        shared = False
        if after is not None and following is not None and hit.end <= following.start < after.start:
            # "Signal / Telegram @centrale93": the nearer platform's; "WhatsApp/Signal: 06…": both's
            shared = _PLATFORM_LIST.fullmatch(text, hit.end, following.start) is not None
            after = after if shared else None
        # "Snapchat: plug_lyon69, Telegram @centrale": the name right after is Snapchat's, when it
        # looks like an account name (not "Telegram : contactez @centrale93").
        nearest = bare is not None and (after is None or (bare[1] < after.start and _looks_like_id(bare[0])))
        if not nearest and after is not None and (after.start, after.end) not in tied:
            found.append(Handoff(platform, after.value, hit.start, after.end))
            if not shared:  # the next platform takes it too
                tied.add((after.start, after.end))
            continue
        # "06 39 98 45 12 sur Signal": the value written just before "sur/on <platform>".
        if (
            not nearest
            and before is not None
            and (before.start, before.end) not in tied
            and _DESTINATION.search(text, before.end, hit.start)
        ):
            found.append(Handoff(platform, before.value, before.start, hit.end))
            tied.add((before.start, before.end))
            continue
        only = False
        if bare is None:
            if _LEFT_BEHIND.search(text, max(0, hit.start - 16), hit.start):
                continue  # the platform the message says it leaves: no place to order
            bare, only = _further(text, hit, following)
            if bare is not None and _inside(bare[1], links, link_starts):
                bare = None  # "Telegram only 👉 t.me/…": the link, already its own hand-off
        if bare is not None:
            value, _, stop = bare
            found.append(Handoff(platform, value, hit.start, stop))
            continue
        if (
            only
            and before is not None
            and (before.start, before.end) not in tied
            and text[before.end : hit.start].strip() in _JUST_BEFORE
            and (platform in _BY_NUMBER or not before.value.startswith("+"))
            and not _left_behind(text, before.start)
        ):
            # "Save this one: 07700 900527. WhatsApp only.": the value that ends the clause before
            found.append(Handoff(platform, before.value, before.start, hit.end))
            tied.add((before.start, before.end))
            continue
        if only or hit.entry.weight >= 3 or _DESTINATION.search(text, max(0, hit.start - 20), hit.start):
            found.append(Handoff(platform, None, hit.start, hit.end))
    if "05" in text:
        ids = list(_SESSION_ID.finditer(text))
        if ids:  # "Session : 05f3…": the whole ID, not the 32 characters an account name may have
            whole = [match.group() for match in ids]
            found = [h for h in found if not (h.platform == "session" and _cut(h.value, whole))]
            found += [Handoff("session", match.group(), match.start(), match.end()) for match in ids]
    return _dedupe(found)


def _left_behind(text: str, at: int) -> bool:
    """Whether the value at ``at`` is said, in its own clause, to be the one left behind ("Ancien
    numéro 06…", "RIP 07700…"; not the new one after "l'ancien a sauté" on the line before)."""
    return _FORMER.search(text, _clause_start(text, at, 24), at) is not None


def _clause_start(text: str, at: int, reach: int) -> int:
    """Where the clause holding ``at`` starts, looked for at most ``reach`` characters back (after
    the last ". ", "! ", "? " or line break): never a scan back to the start of a long text."""
    low = max(0, at - reach)
    return max(low, *(text.rfind(mark, low, at) + 1 for mark in (". ", "! ", "? ", "\n")))


def _cut(value: str | None, whole: list[str]) -> bool:
    return value is not None and any(full.startswith(value) for full in whole)


def _further(text: str, hit: Hit, following: Hit | None) -> tuple[tuple[str, int, int] | None, bool]:
    """An account given further on than right after the platform, and whether the platform is said
    to be the only way or to have its account elsewhere, in the bio or on request (``_ONLY_AFTER``,
    ``_LATER_VALUE``): a hand-off even without its account."""
    if hit.entry.code == "bot":
        return None, False
    everyday = hit.entry.weight < 2  # "signal", "session", "potato", "wa" (of "was")
    if everyday and not text[hit.start].isupper():
        return None, False
    only = _ONLY_AFTER.match(text, hit.end)
    if only is not None and everyday:
        bio = only["alone"] is None and only["id"] is not None
        if not (bio or (only["alone"] is not None and _ONLY_GOES_ON.match(text, only.end()))):
            only = None  # "Session only on Saturdays", "Signal only works", "Session in bio for the shoot"
    if only is not None:
        bare = _bare_value(text, only.end(), hit.entry.code)
        if bare is not None and not (_looks_like_id(bare[0]) or _THREEMA_ID.match(bare[0])):
            bare = None  # "Wickr only – same handle": no account
        return bare, True
    if ":" in text:
        return _later_value(text, hit, following), False
    return None, False


def _later_value(text: str, hit: Hit, following: Hit | None) -> tuple[str, int, int] | None:
    """An account name after a colon that ends the platform's clause about a new account, before
    any other platform."""
    match = _LATER_VALUE.match(text, hit.end)
    if match is None or (following is not None and following.start < match.start("value")):
        return None
    reach = _clause_start(text, hit.start, 30)  # the account talk in the platform's own sentence, close before it
    if _ACCOUNT_TALK.search(text, reach, match.start("value")) is None:
        return None  # the account talk in the platform's own sentence
    if not _NOT_ACCOUNT_LABELS.isdisjoint(word.lower().strip(",") for word in match["gap"].split()[-3:]):
        return None  # "mot de passe wifi : Livebox_4521", "code portail: B1234", "code promo: NOEL_2024"
    value = match["value"].rstrip(".-")
    if len(value) < 3 or not _looks_like_id(value):
        return None
    return value, match.start("value"), match.start("value") + len(value)


def _looks_like_id(value: str) -> bool:
    return any(char.isdigit() or char in "_." for char in value)


def _separated(text: str, end: int) -> bool:
    return text[end : end + 3].lstrip()[:1] in (":", "=", "👉", "➡", "→", ">")


def _dedupe(found: list[Handoff]) -> list[Handoff]:
    """One hand-off per platform and value; a bare platform name only when it has no value."""
    valued = {handoff.platform for handoff in found if handoff.value is not None}
    seen: set[tuple[str, str | None]] = set()
    out = []
    for handoff in sorted(found, key=lambda h: h.start):
        key = (handoff.platform, handoff.value)
        if key in seen or (handoff.value is None and handoff.platform in valued):
            continue
        seen.add(key)
        out.append(handoff)
    return out
