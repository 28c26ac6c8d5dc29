"""Whole-case figures several pages share, computed once per state of the case and warmed at start-up.

On a 1,000,000-message case the heat map alone scans every message (about a second); a figure is
kept in the ``FigureCache`` under the case's fingerprint, so it is computed again only after new
evidence is read or the analysis re-runs. ``warm`` computes them all in the background when the
server starts, so the first investigator of the day does not wait either.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from filiere.case import Case
from filiere.errors import FiliereError
from filiere.store.webqueries import network, overview, places
from filiere.store.webqueries.overview import fingerprint
from filiere.web.cache import FigureCache

LOG = logging.getLogger("filiere.web")

WHOLE: dict[str, Callable[[sqlite3.Connection], Any]] = {
    "counts": overview.counts,
    "heat.messages": lambda conn: overview.heatmap(conn, "messages"),
    "heat.calls": lambda conn: overview.heatmap(conn, "calls"),
    "prices": overview.price_series,
    "conversations": overview.conversations,
    "labels": overview.labels,
    "metrics": network.metrics,
    "day_span": network.day_span,
    "cells": places.cell_sites,
    "zones": places.case_zones,
}


def key(root: Path, name: str, conn: sqlite3.Connection, *parts: Any) -> tuple[Any, ...]:
    return (str(root), name, parts, fingerprint(conn))


def whole(cache: FigureCache, root: Path, conn: sqlite3.Connection, name: str) -> Any:
    return cache.get(key(root, name, conn), lambda: WHOLE[name](conn))


def warm(cache: FigureCache, roots: Iterable[Path]) -> None:
    """Compute every whole-case figure of every case (run in a background thread)."""
    for root in roots:
        try:
            with Case.open(root) as case:
                for name in WHOLE:
                    whole(cache, root, case.conn, name)
        except (FiliereError, sqlite3.Error) as exc:
            # A case that cannot be read now is reported when someone opens it; warming just goes on.
            LOG.warning("figures of %s not prepared: %s", root, exc)
