"""Detection and extraction of drug-trade content in messages, French and English, explainable.

``detect(text)`` is a pure function (safe in worker processes): it returns a ``Detection`` whose
``to_dict()`` is the public JSON form; every finding comes with the evidence spans that produced it.
``detect_conversation(texts)`` / ``in_context(detections)`` also read each message among its
neighbours in one conversation.
"""

from __future__ import annotations

# First: whether the detectors below are loaded compiled or from their source (see compiled.py).
from filiere.extract import compiled  # noqa: F401
from filiere.extract.context import detect_conversation, in_context
from filiere.extract.detection import CATEGORIES, PRODUCTS, Detection, Evidence
from filiere.extract.lexicon import Lexicon, default_lexicon
from filiere.extract.pipeline import MAX_CHARS, detect, detect_many

__all__ = [
    "CATEGORIES",
    "MAX_CHARS",
    "PRODUCTS",
    "Detection",
    "Evidence",
    "Lexicon",
    "default_lexicon",
    "detect",
    "detect_conversation",
    "detect_many",
    "in_context",
]
