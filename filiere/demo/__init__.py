"""Fictional demo case generator: a complete seized case in the real export formats, with the
ground truth an investigator should find (``truth.json``). Names and numbers are invented; phone
numbers come only from ARCEP's ranges kept for fiction.
"""

from __future__ import annotations

from filiere.demo.generator import DemoResult, dumps_summary, generate
from filiere.demo.scale import LARGE, SMALL, Scale, parse_scale

__all__ = ["LARGE", "SMALL", "DemoResult", "Scale", "dumps_summary", "generate", "parse_scale"]
