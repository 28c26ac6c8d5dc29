"""Where the demo story happens: zones of Paris and the inner suburbs, street addresses, cell sites.

Streets are names found in most French towns, so an address points at no real person; cell sites
are invented (identifiers, addresses and exact coordinates) around each zone's centre.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Zone:
    """An arrondissement or a suburb town, with its postcode and an approximate centre."""

    label: str  # as written in posts: "Paris 11e", "Montreuil"
    postcode: str
    town: str  # as written in an address: "Paris", "Montreuil"
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Address:
    """A street address with the coordinates it stands for."""

    text: str  # "14 rue Victor Hugo, 93100 Montreuil"
    zone: Zone
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class CellSite:
    """A mobile cell: ``208-01-LAC-CI`` identifier, site address and coordinates."""

    cell_id: str
    address: str
    lat: float
    lon: float


ZONES = (
    Zone("Paris 10e", "75010", "Paris", 48.8760, 2.3590),
    Zone("Paris 11e", "75011", "Paris", 48.8590, 2.3800),
    Zone("Paris 12e", "75012", "Paris", 48.8400, 2.3950),
    Zone("Paris 18e", "75018", "Paris", 48.8925, 2.3480),
    Zone("Paris 19e", "75019", "Paris", 48.8870, 2.3840),
    Zone("Paris 20e", "75020", "Paris", 48.8630, 2.4010),
    Zone("Montreuil", "93100", "Montreuil", 48.8638, 2.4485),
    Zone("Bagnolet", "93170", "Bagnolet", 48.8690, 2.4180),
    Zone("Saint-Denis", "93200", "Saint-Denis", 48.9362, 2.3574),
    Zone("Pantin", "93500", "Pantin", 48.8940, 2.4090),
    Zone("Aubervilliers", "93300", "Aubervilliers", 48.9146, 2.3821),
    Zone("Les Lilas", "93260", "Les Lilas", 48.8800, 2.4190),
    Zone("Romainville", "93230", "Romainville", 48.8840, 2.4350),
    Zone("Vincennes", "94300", "Vincennes", 48.8474, 2.4395),
    Zone("Ivry-sur-Seine", "94200", "Ivry-sur-Seine", 48.8157, 2.3849),
)

STREETS = (
    "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Gambetta",
    "rue Jules Ferry", "rue Pasteur", "rue des Écoles", "rue du Moulin", "allée des Tilleuls",
    "rue des Lilas", "place de la Mairie", "rue Voltaire", "rue Émile Zola", "rue Jean Moulin",
    "rue Anatole France", "rue de Paris", "avenue de la Résistance", "rue des Jardins",
)  # fmt: skip

SITE_PLACES = ("Toit-terrasse", "Pylône", "Château d'eau", "Immeuble", "Parking")


def address(rng: random.Random, zone: Zone | None = None) -> Address:
    """A plausible address in ``zone`` (or a random zone), a few hundred metres from its centre."""
    where = zone or rng.choice(ZONES)
    number = rng.randrange(1, 120)
    street = rng.choice(STREETS)
    lat = where.lat + rng.uniform(-0.006, 0.006)
    lon = where.lon + rng.uniform(-0.009, 0.009)
    return Address(f"{number} {street}, {where.postcode} {where.town}", where, lat, lon)


def cell_sites(rng: random.Random, per_zone: int = 3) -> tuple[CellSite, ...]:
    """Invented sites, ``per_zone`` around each zone centre, with unique identifiers."""
    sites: list[CellSite] = []
    used: set[str] = set()
    for zone in ZONES:
        lac = rng.randrange(10_000, 99_999)
        for _ in range(per_zone):
            cell_id = f"208-01-{lac}-{rng.randrange(100, 999)}"
            while cell_id in used:
                cell_id = f"208-01-{lac}-{rng.randrange(100, 999)}"
            used.add(cell_id)
            spot = address(rng, zone)
            place = rng.choice(SITE_PLACES)
            sites.append(CellSite(cell_id, f"{place}, {spot.text}", round(spot.lat, 6), round(spot.lon, 6)))
    return tuple(sites)


def nearest(sites: tuple[CellSite, ...], lat: float, lon: float) -> CellSite:
    """The site closest to a point (equirectangular distance is plenty at city scale)."""
    scale = math.cos(math.radians(lat))
    return min(sites, key=lambda s: (s.lat - lat) ** 2 + ((s.lon - lon) * scale) ** 2)
