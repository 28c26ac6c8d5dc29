"""The name folding that identity rules compare names with."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from filiere.resolve.rules import fold_name


def _by_character(name: str) -> str:
    """The definition: letters, digits and spaces kept, accents and everything else dropped."""
    text = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(ch for ch in text if ch.isalnum() or ch.isspace()).split())


def test_names_fold_the_way_a_person_reads_them() -> None:
    assert fold_name("  Jérôme_DUPONT 🔥  ") == "jeromedupont"
    assert fold_name("Ｍａｘ\u2028le  Livreur") == "max le livreur"
    assert fold_name(None) == ""


@given(st.text())
def test_folding_is_the_character_by_character_definition(name: str) -> None:
    assert fold_name(name) == _by_character(name)
