"""French first, English available: pick the language from FILIERE_LANG or the locale.

Strings are written in both languages where they are used, ``tr("Fichier introuvable", "File not
found")``, so that a module carries its own words and no catalogue drifts from the code.
"""

from __future__ import annotations

import os

LANGUAGES = ("fr", "en")


def language() -> str:
    """``fr`` or ``en``: FILIERE_LANG, else the first of LC_ALL, LC_MESSAGES, LANG; French by default."""
    for var in ("FILIERE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


def tr(fr: str, en: str) -> str:
    """The French or English wording, by ``language()``."""
    return en if language() == "en" else fr
