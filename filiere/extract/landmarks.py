"""The landmarks a delivery zone may be: "cité des 4000", "gare de Lyon", "place Bellecour",
"quartier du Panier", "Penn Station", "Getty Square"; and the spots in a building ("bât B",
"hall 3") that are no zone. ``PLACE`` finds both; ``zones.find_zones`` reads them before towns."""

from __future__ import annotations

import re

from filiere.extract.signals import BUILDING
from filiere.extract.weekdays import FULL_DAY_WORDS

_PARTICLE = r"(?:de\sla\s|des\s|du\s|de\sl'|de\sl’|d'|d’|de\s)"
_DAY_NAMES = rf"(?i:{'|'.join(FULL_DAY_WORDS)})\b"  # "place Samedi", "my place Saturday"
_LEADING_PARTICLE = re.compile(_PARTICLE)
# After "quartier", words that name no neighbourhood ("quartier Nord" stays a place, "Quartier Général" is none).
_NOT_QUARTIERS = frozenset({
    "Général", "Latin", "Libre", "Nord", "Sud", "Est", "Ouest", "Centre", "Haut", "Bas", "Prioritaire", "Sensible",
    "Du", "De", "Des", "Rouge", "Chinois", "Européen", "Gare", "Historique", "Piéton", "Résidentiel", "Populaire",
    "Vieux",
})  # fmt: skip
_NAMED = r"[A-ZÀ-Ý][a-zà-ÿ][\w'’\-]*(?: (?:[dl]['’])?[A-ZÀ-Ý][\w'’\-]*){0,2}"  # a name in words
PLACE = re.compile(
    # "cité des 4000", "gare de Lyon", "porte de la Chapelle": the noun, then the name (figures too).
    r"(?<![\w])(?P<place>(?:(?:cit[ée]|r[ée]sidence|[Qq]uartier|gare|m[ée]tro|parking|centre commercial)\s"
    rf"{_PARTICLE}?|porte\s{_PARTICLE})"
    r"[A-Z0-9][\w'’\-]*(?: (?:[dl]['’])?[A-Z][\w'’\-]*){0,2}"
    # "aéroport d'Orly", "péage du Boulou", "parc de la Tête d'Or", "station Châtelet": a name in
    # words ("stade 4", "camping 4 étoiles", "Metro station 9pm" are no places).
    rf"|(?:a[ée]roport|p[ée]age|camping|(?:city[ -])?stade|parc|station) {_PARTICLE}?{_NAMED}"
    # A square: "place" before "de"/"du"/"des" and a name ("place du Marché", "place de la République";
    # not "à la place de Karim", "de la place pour"), or before a name alone ("RDV place Bellecour",
    # "police place Bellecour", "sur la place Jean-Jaurès"; not "my place Saturday", "ta place Lundi",
    # "Laisse la place Julie", "Première place Marseille").
    r"|(?<!à la )(?<!a la )(?<!de la )(?<!plus de )[Pp]lace (?:de la |des |du |de l'|de l’|d'|d’|de )"
    rf"(?!{_DAY_NAMES}){_NAMED}"
    r"|(?:(?<=à la )|(?<=a la )|(?<=sur la )|(?<=vers la )|(?<=devant la )|(?<=près de la )"
    r"|(?<![\w'’])(?<!la )(?<!La )(?<!ma )(?<!ta )(?<!sa )(?<!une )(?<!my )(?<!your )(?<!his )(?<!her )(?<!our )"
    r"(?<!their )(?<!'s )(?<!’s )(?<!nice )(?<!Nice )(?<!première )(?<!Première )(?<!first )(?<!First )"
    r"(?<!second )(?<!plus de ))"
    rf"[Pp]lace (?!{_DAY_NAMES}|(?:Tonight|Tomorrow|Mate|Bro|STP|Svp)\b){_NAMED})"
    rf"|(?P<spot>{BUILDING}\s[A-Z0-9]{{1,3}})(?![\w])"
    # English landmarks: a name, then what it is ("Penn Station", "Getty Square", "Heathrow Terminal 5",
    # "Kentish Town station"). Each name word a capital then small letters, on one line, not words of
    # trade, of the place's kind, that ask which or that say where from ("Black Market", "Police
    # Academy", "Which station", "Outside Brixton station": Brixton's).
    r"|(?P<landmark>(?<![\w'’\-])(?:(?!(?:The|A|An|At|In|To|On|My|Our|Your|Their|His|Her|Its|This|That|Which|What"
    r"|Next|Every|Any|Each|Nice|Last|First|Main|Same|Wrong|Right|Other|Nearest|Closest|Local|Docking|Play"
    r"|Outside|Leaving|Near|Behind|Opposite|Past|By|From|Into|Towards|Going|Heading|Arrived|Arriving|Just|Back"
    r"|Round|Around|Over|Metro|Subway|Underground|Tram|Shell|Pizza|Coffee|Ranger|Lifeguard"
    r"|Black|Stock|Real|Police|Flea|Super|Best|Darknet|Dark|Housing|Council|Fish|Farmers|Only|Meet|Dropping"
    r"|Covering|Livraison|Fire|Petrol|Gas|Service|Bus|Train|Tube|Coach|Railway|Power|Radio|Space|Weather|Work"
    r"|Filling|Charging|Polling|Base)\b)[A-Z][a-z'’\-]+ (?:and (?=[A-Z][a-z'’\-]+ station))?){1,3}"
    r"(?:Station|Square|Sq|Airport|Terminal(?: \d)?|Mall|Tube|DLR|Arena|Stadium|Market|Estate|Academy|Retail Park"
    r"|Shopping Cent(?:re|er)|(?:bus |train |tube |overground )?station|BART))(?![\w])",
    re.MULTILINE,
)


def neighbourhood_at(name: str) -> int | None:
    """Where the neighbourhood's own name starts in a landmark ``name`` that is "quartier" and a
    name ("quartier du Panier": at "Panier"); 0 for any other landmark, kept whole as a place
    ("gare de Lyon", "quartier Nord", "quartier des 4000"); None for a capitalised "Quartier" before
    a word that names no neighbourhood ("Quartier Général", "Quartier Libre Lyon"): no zone."""
    if name[:9].lower() != "quartier ":
        return 0
    particle = _LEADING_PARTICLE.match(name, 9)
    at = 9 if particle is None else particle.end()
    if name[at:].split(" ", 1)[0].split("-", 1)[0] in _NOT_QUARTIERS:
        return None if name[0] == "Q" else 0
    return at if name[at].isalpha() else 0
