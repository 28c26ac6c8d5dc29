"""A map without a tile server: an equirectangular projection over Île-de-France, drawn in SVG.

The background is a few reference points (Paris and its ring road, the prefectures), enough for an
investigator to place cell sites and a courier's tour; nothing is fetched. Zones named in messages
are placed when they are Paris arrondissements, Île-de-France departments or one of the towns here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# lon/lat bounds of the Île-de-France region, a little widened.
IDF = (1.40, 48.10, 3.60, 49.26)

TOWNS: dict[str, tuple[float, float]] = {
    "Paris": (2.3488, 48.8534), "Versailles": (2.1301, 48.8049), "Nanterre": (2.2069, 48.8924),
    "Bobigny": (2.4397, 48.9077), "Créteil": (2.4553, 48.7904), "Saint-Denis": (2.3574, 48.9362),
    "Évry": (2.4297, 48.6290), "Cergy": (2.0616, 49.0364), "Melun": (2.6554, 48.5421),
    "Meaux": (2.8786, 48.9601), "Roissy": (2.5490, 49.0097), "Argenteuil": (2.2466, 48.9472),
    "Montreuil": (2.4410, 48.8638), "Boulogne-Billancourt": (2.2399, 48.8352), "Orly": (2.3926, 48.7434),
    "Étampes": (2.1616, 48.4347), "Mantes-la-Jolie": (1.7172, 48.9908), "Fontainebleau": (2.7019, 48.4047),
    "Provins": (3.2994, 48.5597), "Rambouillet": (1.8355, 48.6437),
}  # fmt: skip
DEPARTMENTS: dict[str, tuple[float, float]] = {
    "75": (2.3488, 48.8534), "77": (2.9330, 48.6266), "78": (1.8417, 48.8147), "91": (2.2433, 48.5222),
    "92": (2.2452, 48.8472), "93": (2.4784, 48.9176), "94": (2.4688, 48.7775), "95": (2.1313, 49.0826),
}  # fmt: skip
# Centres of the twenty arrondissements of Paris (750NN).
ARRONDISSEMENTS: dict[int, tuple[float, float]] = {
    1: (2.3364, 48.8626), 2: (2.3428, 48.8683), 3: (2.3600, 48.8630), 4: (2.3576, 48.8543),
    5: (2.3507, 48.8445), 6: (2.3327, 48.8491), 7: (2.3122, 48.8562), 8: (2.3125, 48.8727),
    9: (2.3375, 48.8771), 10: (2.3607, 48.8762), 11: (2.3800, 48.8591), 12: (2.4212, 48.8350),
    13: (2.3621, 48.8283), 14: (2.3265, 48.8292), 15: (2.2928, 48.8401), 16: (2.2620, 48.8603),
    17: (2.3067, 48.8873), 18: (2.3482, 48.8925), 19: (2.3848, 48.8871), 20: (2.4013, 48.8634),
}  # fmt: skip
# The boulevard périphérique, roughly, clockwise from Porte Maillot.
PERIPHERIQUE: tuple[tuple[float, float], ...] = (
    (2.2820, 48.8780), (2.2950, 48.8890), (2.3250, 48.8990), (2.3600, 48.9010), (2.3900, 48.8990),
    (2.4030, 48.8840), (2.4110, 48.8700), (2.4140, 48.8500), (2.4120, 48.8350), (2.3890, 48.8260),
    (2.3630, 48.8170), (2.3310, 48.8170), (2.3000, 48.8260), (2.2720, 48.8360), (2.2550, 48.8460),
    (2.2520, 48.8600), (2.2600, 48.8700),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Projection:
    """Equirectangular: longitudes shrunk by the cosine of the middle latitude, so shapes look right."""

    west: float
    south: float
    east: float
    north: float
    width: int = 900

    @property
    def scale(self) -> float:
        return self.width / ((self.east - self.west) * math.cos(math.radians((self.north + self.south) / 2)))

    @property
    def height(self) -> int:
        return round((self.north - self.south) * self.scale)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) * math.cos(math.radians((self.north + self.south) / 2)) * self.scale
        return round(x, 1), round((self.north - lat) * self.scale, 1)


def fit(points: Iterable[tuple[float, float]], width: int = 900) -> Projection:
    """The box around the points, a little widened (Île-de-France when there is none)."""
    kept = [(lon, lat) for lon, lat in points if -180 <= lon <= 180 and -90 <= lat <= 90]
    if not kept:
        return Projection(*IDF, width=width)
    west, east = min(p[0] for p in kept), max(p[0] for p in kept)
    south, north = min(p[1] for p in kept), max(p[1] for p in kept)
    # At least ~6 km across, and a margin so that no point sits on the edge.
    pad_lon = max((east - west) * 0.15, 0.04)
    pad_lat = max((north - south) * 0.15, 0.03)
    return Projection(west - pad_lon, south - pad_lat, east + pad_lon, north + pad_lat, width)


def inside(projection: Projection, lon: float, lat: float) -> bool:
    return projection.west <= lon <= projection.east and projection.south <= lat <= projection.north


def landmarks(projection: Projection) -> list[tuple[str, float, float]]:
    """Named points inside the box: towns, and the arrondissements of Paris on a city-scale map."""
    found = [(name, lon, lat) for name, (lon, lat) in TOWNS.items() if name != "Paris"]
    if projection.east - projection.west < 0.6:
        found += [(f"{n}e" if n > 1 else "1er", lon, lat) for n, (lon, lat) in ARRONDISSEMENTS.items()]
    else:
        found.append(("Paris", *TOWNS["Paris"]))
    return [(name, lon, lat) for name, lon, lat in found if inside(projection, lon, lat)]


def zone_point(kind: str | None, value: str | None) -> tuple[float, float] | None:
    """Where to draw a zone named in messages, when it is one this module knows."""
    text = (value or "").strip()
    if kind in ("postcode", "arrondissement"):
        digits = "".join(ch for ch in text if ch.isdigit())
        if len(digits) == 5 and digits.startswith("75") and 1 <= int(digits[2:]) <= 20:
            return ARRONDISSEMENTS[int(digits[2:])]
        if kind == "arrondissement" and digits and 1 <= int(digits) <= 20:
            return ARRONDISSEMENTS[int(digits)]
        # Another postcode names a town this module does not place: better no point than a wrong one.
        return None
    if kind == "departement" and text[:2] in DEPARTMENTS:
        return DEPARTMENTS[text[:2]]
    for name, point in TOWNS.items():
        if name.casefold() == text.casefold():
            return point
    return None


def ring(projection: Projection, points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x},{y}" for x, y in (projection.xy(lon, lat) for lon, lat in points))
