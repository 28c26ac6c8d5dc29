"""Neighbourhoods named in lists, which no gazetteer holds: read as communes after a town and a colon
("Cardiff: Splott, Adamsdown, Grangetown"), or a sign of where when a town is among them ("Grenoble ✅
Villeneuve, Mistral", Villeneuve a town too); after a word of delivery in a list whose names are
towns or places for half of them at least ("drops: Cabra, Phibsborough, Drumcondra", where the
gazetteer knows Cabra and Drumcondra); anywhere in a list of three names or more, more of them
zones already read than not, and two unknown at most ("📍 Brixton, Stockwell, Clapham"). A list
with one of the lexicon's words (a menu), a day, a month, a word of service, a person, a brand or a
club in it is none ("Lille: Amnesia, Gelato", "Paris : Lundi, Mardi", "Livraison Rapide et
Discrète", "Livraison Marseille, Julien, Kevin").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from filiere.extract.gazetteer import FIRST_NAMES, gazetteer
from filiere.extract.lexicon import Hit
from filiere.extract.weekdays import DAY_WORDS

if TYPE_CHECKING:
    from filiere.extract.zones import Zone

# A name: one to three capitalised words, each a capital then a small letter ("Croix-Rousse",
# "Garfield Park", "Bed-Stuy"), so that codes and shouting ("RM9", "MENU") are none.
_QUARTER = r"[A-ZÀ-Ý][a-zà-ÿ'’\-][\w'’\-]*(?: [A-ZÀ-Ý][a-zà-ÿ'’\-][\w'’\-]*){0,2}(?![\w'’\-])"
_NAME = re.compile(_QUARTER)
_AND = r"\s?(?:,|&|\+|/|\band\b|\bet\b)\s?"
# Two names or more, ending their clause: before a sign, a line's end or the text's.
_LIST = rf"(?P<list>{_QUARTER}(?:{_AND}{_QUARTER}){{1,9}})(?=\s*(?:[^\w\s,]|$))"
# After a town, "only" perhaps, and a colon, a dash or a sign ("Chicago: Austin & Garfield Park",
# "Grenoble ✅ Villeneuve, Mistral, Teisseire").
_AFTER_A_TOWN = re.compile(
    rf"(?: (?:only|uniquement|seulement))?\s?(?:(?P<colon>[:–—])|(?:✅|📍|🚗|🛵|🚚|🏠)\ufe0f?)\s?{_LIST}"
)  # the signs of where, not any emoji ("Lyon 😂 Mdr, Ptdr") nor a route ("Paris ➡ Londres")
# After a word of delivery, a colon perhaps ("Drops Salthill, Knocknacarra.", "Livraison : Bastide, Chartrons").
_AFTER_DELIVERY = re.compile(
    r"(?<![\w'’])(?i:drops|delivering|delivery|deliveries|livraisons?|on livre|secteurs?|zones|covering|areas)"
    rf"(?: (?i:only|uniquement|seulement|to|in|à|sur|dans))?\s?:?\s\(?{_LIST}",
    re.MULTILINE,
)
_LISTED = re.compile(rf"(?<![\w'’\-]){_LIST}")
# A courier's tour: names with their times ("Hackney Wick 8pm, Homerton 9pm", "Cenon 17h-18h,
# Lormont 18h-19h30, Floirac après 20h", "19h Bondy, 20h30 Noisy-le-Sec, 22h Romainville"). A time
# has its unit (18h, 9:30, 9pm) or is a range (6-8, 17h-18h); two names with times at least, half of
# them towns or neighbourhoods of the gazetteer, in a message that says it is a tour, a run or a round of drops.
_CLOCK = r"\d{1,2}(?:h\d{0,2}|[:.]\d{2})?(?:\s?[ap]\.?m\b\.?)?"
_TIMED = (
    rf"(?:{_CLOCK}\s?[-–]\s?{_CLOCK}|\d{{1,2}}(?:h\d{{0,2}}|:\d{{2}})(?:\s?[ap]\.?m\b\.?)?"
    r"|\d{1,2}\s?[ap]\.?m\b\.?)"
)
_TIMED_NAME = re.compile(
    rf"(?<![\w'’\-])(?P<name>{_QUARTER})\s(?:(?:à|a|at|from|after|till|until|dès|des|après|apres|vers|around|avant"
    rf"|before|de)\s)?{_TIMED}(?![\w:])"
    rf"|(?<![\w'’\-])(?P<before>{_QUARTER})\s(?:after|till|until|from|après|apres|dès|vers|avant|before)\s\d{{1,2}}\b"
    rf"|(?<![\w:/.,])(?<!\d\s){_TIMED}\s(?:(?:à|at|:|-|–|in)\s)?(?P<after>{_QUARTER})"
)
_TOUR = re.compile(
    r"(?i:tourn[ée]e|planning|itin[ée]raire|\bruns?\b|\bdrops\b|\bround\b|\broute\b|courses\b|livraisons?\b"
    r"|deliveries|on the road|en route)"
)
# Pieces of the words of ``_TOUR``: a message holding none of them is no tour.
_TOUR_WORDS = ("tourn", "planning", "itin", "run", "drop", "round", "rout", "road", "course", "livraison", "deliveries")
# Words of a timetable that are no place ("Déjeuner 12h-14h, Dîner 19h-22h", "Doors 7pm, Show 8pm").
_SCHEDULE = frozenset({
    "déjeuner", "dejeuner", "dîner", "diner", "brunch", "breakfast", "lunch", "dinner", "supper", "doors", "show",
    "check", "accueil", "permanence", "consultation", "consultations", "training", "entraînement", "entraînements",
    "entrainement", "matin", "midi", "soir", "soirée", "après", "morning", "afternoon", "evening", "night", "nuit",
    "cours", "class", "classes", "séance", "session", "messe", "mass", "ouverture", "fermeture", "opening",
    "closing", "retrait", "pickup", "collection", "pick", "drop", "drops", "run", "runs", "tour", "tournée", "route",
    "planning", "départ", "depart", "arrivée", "arrival", "departure", "rdv", "meet", "meeting", "réunion", "pause",
    "break", "kickoff", "match", "game", "school", "école", "sortie", "visite", "visit", "apéro", "concert", "film",
    "spectacle", "atelier", "workshop", "yoga", "slot", "créneau", "shift", "équipe", "team", "bus", "train", "vol",
    "flight", "gate", "then", "puis", "ensuite", "after", "first", "last", "premier", "dernier", "fin", "end",
    "start", "début", "retour", "back", "home", "maison", "bureau", "office", "work", "taf", "boulot", "ramassage",
    "récup", "recup", "livreur", "livreurs", "courier", "runner", "client", "clients", "customer", "customers",
    "jan", "janv", "feb", "fév", "févr", "mar", "apr", "avr", "jun", "jul", "juil", "aug", "sep", "sept", "oct",
    "nov", "dec", "déc", "gratuit", "warehouse", "depot", "dépôt", "entrepôt", "store", "shop", "magasin", "hub",
    "gare", "station", "bar", "kitchen", "cleaning", "reception", "cuisine", "caisse", "ménage", "check-in",
    "check-out",
})  # fmt: skip
# People's first names, and the gazetteer's towns named like them.
_PEOPLE = frozenset({
    "adam", "alex", "alice", "amine", "anna", "antoine", "arthur", "bilal", "bob", "chris", "dave", "david", "emma",
    "george", "hugo", "inès", "jack", "jade", "jean", "john", "jordan", "jul", "julie", "julien", "karim", "kev",
    "kevin", "léa", "lucas", "mehdi", "mike", "mo", "momo", "mohamed", "nabil", "nadia", "nico", "nicolas", "paul",
    "pierre", "rayan", "ringo", "ruby", "ryan", "sam", "sarah", "simon", "sofiane", "steve", "thomas", "tom",
    "yanis", "yassine", "amber", "jason", "kyle", "liam", "noah", "olivia", "sophie", "thierry", "victor",
}) | {name.lower() for name in FIRST_NAMES}  # fmt: skip
_NOT_QUARTERS = frozenset({
    "livraison", "delivery", "deliveries", "open", "ouvert", "menu", "cash", "signal", "snap", "telegram", "whatsapp",
    "dispo", "available", "horaires", "hours", "commande", "order", "orders", "promo", "contact", "new", "nouveau",
    *DAY_WORDS, "only", "closed", "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "noël", "paypal", "lydia", "espèces",
    "carte", "card", "united", "city", "bonjour", "merci", "hello", "thanks", "rapide", "discrète", "discret",
    "gratuite", "offerte", "express", "free", "fast", "discreet", "same", "day", "next", "tonight", "today",
    "ce", "soir", "demain", "everywhere", "partout", "toute", "tout", "all", "nationwide", "centre", "center",
    "tomorrow", "asap", "environs", "alentours", "banlieue", "nord", "sud", "est", "ouest", "north", "south", "east",
    "west", "service", "pro", "quality", "top", "more", "beyond", "nearby", "other", "surrounding", "any", "ring",
    "call", "ask", "mr", "uncle", "big", "patron", "boss", "tonton", "towns", "cities", "villages", "merry",
    "christmas", "happy", "bon", "appétit", "welcome", "bienvenue", "printemps", "été", "automne", "hiver", "spring",
    "summer", "autumn", "winter",
    # chat, which a list of places never holds
    "mdr", "ptdr", "lol", "ahah", "haha", "wesh", "frère", "frérot", "bisous", "bises", "salut", "coucou",
})  # fmt: skip
# Names a list of places never holds, whole: people ("Livraison Marseille, Julien, Kevin, Sofiane"; not
# "Saint-Paul"), brands, clubs.
_NOT_PLACE_NAMES = _PEOPLE | {
    "nike", "adidas", "puma", "reebok", "gucci", "prada", "airbus", "arsenal", "celtic", "rangers", "guinness",
    "jameson", "baileys",
}  # fmt: skip


def find_quarters(
    text: str,
    zones: Sequence[Zone],
    towns: Sequence[tuple[str, str, int, int]],
    words: Sequence[Hit],
    timed: bool = True,
) -> list[tuple[int, int]]:
    """The spans of the neighbourhoods listed in ``text``, but the towns of ``towns`` (read as
    towns, city or commune by their size) and the spans of ``zones`` already read. ``words`` are
    the lexicon's hits: a list holding one is a menu. ``timed`` False: ``text`` has no figure, so no
    courier's tour with its times."""
    starts = sorted(hit.start for hit in words if hit.entry.kind not in ("place", "trigger"))
    named = {(start, end) for _, _, start, end in towns}
    town_at_end = {end: start for start, end in named}
    found: list[tuple[int, int]] = []
    ends = [zone.end for zone in zones if zone.kind in ("city", "commune")] + [end for _, _, _, end in towns]
    for end in ends:
        match = _AFTER_A_TOWN.match(text, end)
        # After a colon, or after a sign with a town among them ("Grenoble ✅ Villeneuve").
        if match is not None and (match["colon"] is not None or _names_a_town(text, match)):
            found += _names(text, match, starts, named, town_at_end)
    known = named | {(zone.start, zone.end) for zone in zones}
    every_town = gazetteer()
    if len(known) > 1:  # a list anywhere, more of it known zones than not ("📍 Brixton, Stockwell, Clapham")
        for match in _LISTED.finditer(text):
            listed = [name.span() for name in _NAME.finditer(text, *match.span("list"))]
            named_towns = sum(span in known for span in listed)
            unknown = len(listed) - named_towns
            if len(listed) > 2 and named_towns > unknown and unknown <= 2:
                found += [span for span in _names(text, match, starts, named, town_at_end) if span not in known]
    for match in _AFTER_DELIVERY.finditer(text):
        listed = [name.span() for name in _NAME.finditer(text, *match.span("list"))]
        # Half the names at least are towns or places: a list of places, not of words
        # ("Nike, Adidas, Puma", "Sour Diesel, Cheese, Gushers", "Lyon, Nord, Sud, Est, Ouest").
        named_towns = sum(span in known or text[span[0] : span[1]] in every_town for span in listed)
        if len(listed) > 2 and 2 * named_towns >= len(listed):
            found += [span for span in _names(text, match, starts, named, town_at_end) if span not in known]
    if timed:
        found += _toured(text, known, starts, found)
    return found


def _may_tour(low: str) -> bool:
    """Whether the lower-cased ``low`` holds a piece of the words of a tour (``_TOUR_WORDS``)."""
    return any(word in low for word in _TOUR_WORDS)


def _toured(
    text: str, known: set[tuple[int, int]], starts: list[int], found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The names of a courier's tour, each with its time, not yet read."""
    if not _may_tour(text.lower()) or _TOUR.search(text) is None:
        return []  # no word of a tour (the substrings first: the pattern costs ten times more)
    timed: list[tuple[int, int]] = []
    for match in _TIMED_NAME.finditer(text):
        group = "name" if match["name"] is not None else "before" if match["before"] is not None else "after"
        low, high = match.span(group)
        for word in re.finditer(r"[^\s]+", text[low:high]):  # "Drops Hackney Wick 8pm": Hackney Wick
            if word.group().lower() not in _SCHEDULE:
                low += word.start()
                break
        else:
            continue
        name = text[low:high]
        words = name.lower().split()  # "Bar-le-Duc" is a town, "Bar" a shift's post
        if _NOT_QUARTERS.isdisjoint(words) and _SCHEDULE.isdisjoint(words) and name.lower() not in _NOT_PLACE_NAMES:
            timed.append((low, high))
    towns = gazetteer()
    placed = sum(span in known or text[span[0] : span[1]] in towns for span in timed)
    if len(timed) < 2 or 2 * placed < len(timed):
        return []  # half the stops at least are places ("Planning : Piscine 10h, Bondy 14h, Judo 17h" is no tour)
    taken = set(found)
    toured = []
    for low, high in timed:
        at = bisect.bisect_left(starts, low)
        if (low, high) in known or (low, high) in taken or (at < len(starts) and starts[at] < high):
            continue  # a town read already; a word of the lexicon ("Beuh 10h-20h")
        toured.append((low, high))
    return toured


def _names_a_town(text: str, match: re.Match[str]) -> bool:
    """Whether a name of the list ``match`` is a town of the gazetteer."""
    towns = gazetteer()
    return any(name.group() in towns for name in _NAME.finditer(text, *match.span("list")))


def _names(
    text: str, match: re.Match[str], starts: list[int], named: set[tuple[int, int]], town_at_end: dict[int, int]
) -> list[tuple[int, int]]:
    """The names of a list ``match``, but the towns of ``named`` (``town_at_end``: their starts by
    their ends); none if the list holds a word of ``_NOT_QUARTERS`` or starting at one of ``starts``
    (the lexicon's words)."""
    low, high = match.span("list")
    listed = text[low:high].replace("-", " ").split()
    if not _NOT_QUARTERS.isdisjoint(word.lower().strip(",&+/") for word in listed):
        return []  # "Paris : Lundi, Mardi, Jeudi", "Lyon : Livraison Rapide et Discrète"
    names = [name.group().lower() for name in _NAME.finditer(text, low, high)]
    if not _NOT_PLACE_NAMES.isdisjoint(names):
        return []  # "Livraison Marseille, Julien, Kevin", "Delivering London, Nike, Adidas"
    at = bisect.bisect_left(starts, low)
    if at < len(starts) and starts[at] < high:
        return []  # a menu of the lexicon's words
    return [  # not a name of two letters: "St. Thomas" is no "St"; nor words before a town ("Serving Toronto")
        name.span()
        for name in _NAME.finditer(text, low, high)
        if name.span() not in named
        and name.end() - name.start() > 2
        and not name.start() < town_at_end.get(name.end(), name.start())
    ]
