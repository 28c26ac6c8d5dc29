"""Invented people and handles for the demo: common French first names and surnames, mixed at random.

No list here names a real person; channel names and handles are made-up words.
"""

from __future__ import annotations

import random
import unicodedata

FIRST_NAMES = (
    "Karim", "Yanis", "Sofiane", "Mehdi", "Inès", "Léa", "Nadia", "Thomas", "Lucas", "Hugo",
    "Camille", "Sarah", "Amine", "Bilal", "Moussa", "Ibrahim", "Julie", "Manon", "Kevin", "Jordan",
    "Enzo", "Théo", "Wassim", "Rayan", "Ilyes", "Samir", "Nabil", "Fatou", "Aïcha", "Chloé",
    "Emma", "Louis", "Nathan", "Maxime", "Antoine", "Yasmine", "Lina", "Adama", "Mamadou", "Dylan",
    "Quentin", "Alexis", "Clara", "Jade", "Zoé", "Nicolas", "Florian", "Océane", "Kenza", "Hamza",
    "Walid", "Sabrina", "Mélissa", "Anthony", "Romain", "Pauline", "Malik", "Idriss", "Sami", "Élodie",
)  # fmt: skip

SURNAMES = (
    "Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre",
    "Michel", "Garcia", "Roux", "Fournier", "Girard", "Bonnet", "Lambert", "Fontaine", "Rousseau",
    "Vincent", "Mercier", "Blanc", "Guérin", "Boyer", "Chevalier", "Robin", "Gauthier", "Perrin",
    "Morel", "Benali", "Haddad", "Diallo", "Traoré", "Mendy", "Cissé", "Kaci", "Amrani", "Bensaïd",
    "Ferreira", "Da Silva", "Nguyen", "Tran", "Meunier", "Barbier", "Renaud", "Colin", "Hamidi",
)  # fmt: skip

NICKNAMES = (
    "Le Blond", "Tito", "Zizou", "Bebeto", "Nounours", "Pitbull", "Gros", "Mimi", "Chico", "Djo",
    "Kiki", "Tchoupi", "Ramos", "Vava", "Lolo", "Bibi", "Sosso", "Titi",
)  # fmt: skip

# Channel names are a made-up brand, a sector and an emoji.
CHANNEL_BRANDS = (
    "Jardin d'Oz", "Potager Express", "La Serre Urbaine", "Green Pigeon", "Le Verger Noir",
    "Chez Tonton Flex", "Délices de Minuit", "La Cueillette", "Le Petit Primeur", "Herbier Royal",
)  # fmt: skip
CHANNEL_SECTORS = ("75/93", "Paris Est", "IDF", "93 & 75", "Paris 11-20")
CHANNEL_EMOJI = ("🍀", "🌿", "🔌", "🌱", "🍃")

WORK_AGENCIES = ("Intérim Plus Rosny", "Agence Tempo Services", "Travail Express 93")
FRONT_NAMES = ("Snack Le Carrefour", "Lavage Auto Éclair", "Taxiphone du Marché", "Chicken Street 93")
PIZZA_SENDERS = ("PIZZATOP", "SPEEDPIZZA", "ALLOPIZZA")
JOB_SENDERS = ("LIVRAPIDE", "JOBCOURSES", "COURSIER24")


def person(rng: random.Random) -> tuple[str, str]:
    """(first name, surname)."""
    return rng.choice(FIRST_NAMES), rng.choice(SURNAMES)


def ascii_slug(text: str) -> str:
    """``Jardin d'Oz`` -> ``jardindoz``: how people turn names into handles."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.lower() if c.isascii() and c.isalnum())


def of(name: str) -> str:
    """``de Karim``, ``d'Antoine``: French elision before a vowel."""
    return f"d'{name}" if name[:1].lower() in "aeiouyéèêâîôûh" else f"de {name}"


def handle(rng: random.Random, first: str) -> str:
    """An invented username built from a first name (``yanis_93x``)."""
    tail = rng.choice(("_93", "_75", "94", "_off", "x", "_idf", "du77", "_bzh"))
    return f"{ascii_slug(first)}{tail}{rng.randrange(10, 99)}"
