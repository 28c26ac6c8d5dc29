"""Channel lineage: a banned channel and the one that replaces it are the same shop.

A shop that loses its channel opens another under a new name and keeps what its customers know:
the hand-off number, the product photos, the menu. Two channels that share a hand-off number or
identical media files (same SHA-256) are linked strongly; a similar menu alone is a proposal. The
older channel comes first.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from filiere.resolve.keys import display
from filiere.resolve.rules import STRONG, WEAK, Link

SUCCESSION_S = 14 * 86400


@dataclass(slots=True)
class Channel:
    ident: str
    title: str
    first: int
    last: int
    source: tuple[str, str]
    phones: set[str] = field(default_factory=set)
    media: set[str] = field(default_factory=set)  # SHA-256 of media files
    menu: set[tuple[str, float]] = field(default_factory=set)  # (product, price per unit)


def media_hashes(
    media: list[tuple[str, str, str]], paths: list[tuple[str, str, str | None]]
) -> dict[tuple[str, str], set[str]]:
    """Media named in channel exports, resolved to the SHA-256 of the files found beside the export.

    ``media`` is ``(export sha256, conversation, relative media path)``; ``paths`` is where every
    evidence file was found. A media path is looked up next to the export file that names it.
    """
    where: dict[str, list[str]] = defaultdict(list)
    by_path: dict[str, str] = {}
    for sha, path, _ref in paths:
        where[sha].append(path)
        by_path[path] = sha
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sha, conv, name in media:
        for export_path in where.get(sha, ()):
            candidate = posixpath.normpath(posixpath.join(posixpath.dirname(export_path), name))
            if candidate in by_path:
                found[(sha, conv)].add(by_path[candidate])
    return found


def _day(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%d/%m/%Y")


def lineage(channels: list[Channel]) -> tuple[list[Link], list[tuple[str, str, float, list[dict[str, str]]]]]:
    """Links between channels that are the same shop, and the lineage rows (older, newer, score, reasons)."""
    links: list[Link] = []
    rows: list[tuple[str, str, float, list[dict[str, str]]]] = []
    ordered = sorted(channels, key=lambda c: (c.first, c.ident))
    for i, old in enumerate(ordered):
        for new in ordered[i + 1 :]:
            if old.ident == new.ident:
                continue
            reasons: list[dict[str, str]] = []
            score = 0.0
            phones = sorted(old.phones & new.phones)
            if phones:
                score += 0.5
                shown = ", ".join(display("phone:" + p) for p in phones)
                reasons.append({"fr": f"même numéro de commande publié : {shown}",
                                "en": f"same order number published: {shown}"})  # fmt: skip
            media = old.media & new.media
            if media:
                score += 0.4
                reasons.append({"fr": f"{len(media)} fichier(s) média identique(s) (même SHA-256)",
                                "en": f"{len(media)} identical media file(s) (same SHA-256)"})  # fmt: skip
            union = old.menu | new.menu
            similarity = len(old.menu & new.menu) / len(union) if union else 0.0
            if similarity >= 0.3:
                score += 0.2 * similarity
                reasons.append({"fr": f"cartes semblables ({similarity:.0%} des produits et prix en commun)",
                                "en": f"similar menus ({similarity:.0%} of products and prices shared)"})  # fmt: skip
            if not reasons:
                continue
            if 0 <= new.first - old.last <= SUCCESSION_S:
                score += 0.1
                reasons.append({"fr": f"« {new.title} » commence le {_day(new.first)}, quand « {old.title} » "
                                      f"s'arrête ({_day(old.last)})",
                                "en": f"'{new.title}' starts on {_day(new.first)}, as '{old.title}' stops "
                                      f"({_day(old.last)})"})  # fmt: skip
            strength = STRONG if (phones or media) else WEAK
            fr = f"« {new.title} » prend la suite de « {old.title} » : " + " ; ".join(r["fr"] for r in reasons)
            en = f"'{new.title}' takes over from '{old.title}': " + "; ".join(r["en"] for r in reasons)
            links.append(Link(old.ident, new.ident, "channel_lineage", strength, min(score, 1.0), fr, en,
                              (old.source, new.source)))  # fmt: skip
            rows.append((old.ident, new.ident, round(min(score, 1.0), 3), reasons))
    return links, rows
