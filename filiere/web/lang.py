"""French first, English available, per request: the ``lang`` query parameter, then the cookie.

Words are written in both languages where they are used, ``t("Pièces", "Evidence")``, as in the
rest of filiere; this module only holds the names of the analysis' codes (roles, relations,
categories, products), which several pages share.
"""

from __future__ import annotations

from collections.abc import Mapping
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qs

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from filiere.analyse.roles import ROLE_NAMES
from filiere.i18n import LANGUAGES, speaking

COOKIE = "filiere_lang"
DEFAULT = "fr"

ROLES: Mapping[str, tuple[str, str]] = ROLE_NAMES
RELATIONS: Mapping[str, tuple[str, str]] = {
    "message": ("messages", "messages"),
    "call": ("appels", "calls"),
    "sms": ("SMS", "SMS"),
    "advertises": ("annonce le numéro", "advertises"),
    "handoff": ("renvoi de contact", "hand-off"),
    "same_device": ("même appareil", "same device"),
    "colocation": ("même antenne", "co-location"),
    "same_person": ("même personne ? (proposé)", "same person? (proposed)"),
}
CATEGORIES: Mapping[str, tuple[str, str]] = {
    "offer": ("offre", "offer"),
    "promo": ("promotion", "promotion"),
    "service": ("service (horaires, zones)", "service (hours, zones)"),
    "handoff": ("renvoi de contact", "hand-off"),
    "order": ("commande", "order"),
    "logistics": ("logistique", "logistics"),
    "verification": ("vérification", "verification"),
    "payment": ("paiement", "payment"),
}
PRODUCTS: Mapping[str, tuple[str, str]] = {
    "cannabis_herb": ("herbe de cannabis", "cannabis herb"),
    "cannabis_resin": ("résine de cannabis", "cannabis resin"),
    "cannabis_other": ("autre cannabis", "other cannabis"),
    "cocaine": ("cocaïne", "cocaine"),
    "crack": ("crack", "crack"),
    "heroin": ("héroïne", "heroin"),
    "mdma": ("MDMA", "MDMA"),
    "ketamine": ("kétamine", "ketamine"),
    "cathinone": ("cathinones", "cathinones"),
    "amphetamine": ("amphétamine", "amphetamine"),
    "methamphetamine": ("méthamphétamine", "methamphetamine"),
    "lsd": ("LSD", "LSD"),
    "psilocybin": ("psilocybine", "psilocybin"),
    "ghb": ("GHB/GBL", "GHB/GBL"),
    "opioid": ("opioïdes", "opioids"),
    "benzodiazepine": ("benzodiazépines", "benzodiazepines"),
    "nitrous_oxide": ("protoxyde d'azote", "nitrous oxide"),
    "poppers": ("poppers", "poppers"),
}
STATUSES: Mapping[str, tuple[str, str]] = {
    "stored": ("sous scellé, non lue", "stored, not read"),
    "ingested": ("lue", "read"),
    "already": ("déjà présente", "already present"),
    "failed": ("échec de lecture", "read failed"),
    "unrecognised": ("format non reconnu", "format not recognised"),
    "merged": ("fusionné", "merged"),
    "proposed": ("proposé", "proposed"),
    "confirmed": ("confirmé", "confirmed"),
    "rejected": ("rejeté", "rejected"),
}
TABLES: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "role": ROLES,
    "relation": RELATIONS,
    "category": CATEGORIES,
    "product": PRODUCTS,
    "status": STATUSES,
}


def language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    kept = request.cookies.get(COOKIE)
    return kept if kept in LANGUAGES else DEFAULT


class Words:
    """The per-request wording helpers templates call: ``t(fr, en)`` and ``name(table, code)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def t(self, fr: str, en: str) -> str:
        return en if self.lang == "en" else fr

    def name(self, table: str, code: str | None) -> str:
        if not code:
            return "—"
        pair = TABLES.get(table, {}).get(code)
        return code if pair is None else self.t(*pair)

    def pick(self, value: object) -> str:
        """The reader's language of a ``{fr, en}`` object the analysis stored; other values as text."""
        if isinstance(value, Mapping):
            chosen = value.get(self.lang) or value.get("fr") or value.get("en")
            return str(chosen) if chosen is not None else ""
        return "" if value is None else str(value)


class LanguageMiddleware:
    """Messages from the library (errors, reasons) in the language of the request, not the server's."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [""])[0]
        if asked not in LANGUAGES:
            cookies = SimpleCookie()
            for name, value in scope.get("headers", ()):
                if name == b"cookie":
                    try:
                        cookies.load(value.decode("latin-1"))
                    except CookieError:  # a malformed cookie header only loses the preference
                        continue
            kept = cookies.get(COOKIE)
            asked = kept.value if kept is not None and kept.value in LANGUAGES else DEFAULT
        with speaking(asked):
            await self.app(scope, receive, send)
