"""Folding keeps every offset: a span of the folded text is the same span of the original."""

from __future__ import annotations

import pytest

from filiere.extract.normalize import fold, fold_variants


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Cocaïne", "cocaine"),
        ("KÉTA", "keta"),
        ("l’herbe", "l herbe"),
        ("c0ke h3ro", "coke hero"),
        ("3-MMC", "3 mmc"),
        ("𝐂𝐎𝐊𝐄", "coke"),
        ("соке", "coke"),  # Cyrillic look-alike letters
        ("❄️", "❄ "),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_digits_outside_words_are_kept() -> None:
    assert fold("70 le G, 10g, 3mmc") == "70 le g  10g  3mmc"


@pytest.mark.parametrize("text", ["İstanbul ß Œuvre", "a\u0301b", "🍀" * 5, "\x00\x01\ufffd", "x" * 10_000])
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)
    for variant in fold_variants(text).variants:
        assert len(variant) == len(text)


def test_spelling_games_get_a_variant_and_a_region() -> None:
    folded = fold_variants("dispo b.e.u.h ce soir")
    assert "beuh" in folded.variants[-1]
    assert folded.widen(6, 10) == (6, 13)


def test_elongated_words_fold_to_one_and_two_letters() -> None:
    variants = fold_variants("weeeeed et beuuuuh").variants
    assert any("weed" in v.split() for v in variants)
    assert any("beuh" in v.split() for v in variants)


def test_plain_text_has_one_variant() -> None:
    assert fold_variants("rien de spécial ici").variants == ("rien de special ici",)


def test_spaces_split_words_where_other_separators_join_letters() -> None:
    folded = fold_variants("c.o.k.e p.u.r.e 80 le G")
    assert folded.variants[-1].split()[:2] == ["coke", "pure"]
    assert fold_variants("b e u h dispo").variants[-1].split()[0] == "beuh"


def test_regions_are_merged_in_order_and_a_match_widens_over_those_it_touches() -> None:
    folded = fold_variants("weeeed et shiiit et weeeed")
    assert list(folded.regions) == sorted(folded.regions)
    assert all(high <= low for (_, high), (low, _) in zip(folded.regions, folded.regions[1:], strict=False))
    first, last = folded.regions[0], folded.regions[-1]
    assert folded.widen(first[0] + 1, first[0] + 2) == first  # grown to the whole rewritten run
    assert folded.widen(first[1] + 1, first[1] + 3) == (first[1] + 1, first[1] + 3)  # touching none
    assert folded.widen(first[0], last[1]) == (first[0], last[1])
