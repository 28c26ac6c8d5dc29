"""French first, English available: pick the language from FILIERE_LANG or the locale.

Strings are written in both languages where they are used, ``tr("Fichier introuvable", "File not
found")``, so that a module carries its own words and no catalogue drifts from the code.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("fr", "en")

_chosen: ContextVar[str | None] = ContextVar("filiere_language", default=None)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Within this block (and the tasks and threads it starts), messages are in ``lang``: the web
    workbench answers each request in its user's language, whatever the server's locale."""
    token = _chosen.set(lang if lang in LANGUAGES else None)
    try:
        yield
    finally:
        _chosen.reset(token)


def language() -> str:
    """``fr`` or ``en``: the language chosen for this request or task, else FILIERE_LANG, else the
    first of LC_ALL, LC_MESSAGES, LANG; French by default."""
    chosen = _chosen.get()
    if chosen:
        return chosen
    for var in ("FILIERE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


def tr(fr: str, en: str) -> str:
    """The French or English wording, by ``language()``."""
    return en if language() == "en" else fr
