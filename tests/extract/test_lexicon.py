"""The lexicon is data: every row must parse, name a known code and a declared source."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from filiere.errors import FormatError
from filiere.extract.detection import CATEGORIES, PRODUCTS
from filiere.extract.lexicon import LEXICON_DIR, TRIGGERS, Lexicon, default_lexicon, read_entries
from filiere.extract.normalize import fold_variants

PLATFORMS = {"signal", "whatsapp", "telegram", "snapchat", "threema", "potato", "wickr", "session", "instagram", "bot"}
LOOKALIKES = {
    "legal_cbd",
    "food",
    "garden",
    "pharmacy",
    "news",
    "prevention",
    "weather",
    "job",
    "parcel",
    "banking",
    "party",
    "shopping",
    "sport",
    "transport",
    "household",
    "security",
    "music",
    "chat",
    "gaming",
}


def test_version_and_rows() -> None:
    version, entries = read_entries()
    assert version.count(".") == 2
    assert len(entries) > 1000


def test_codes_are_known() -> None:
    _, entries = read_entries()
    allowed = {
        "product": set(PRODUCTS),
        "drug": {"drug"},
        "cue": set(CATEGORIES),
        "platform": PLATFORMS,
        "lookalike": LOOKALIKES,
        "place": {"city", "commune", "place"},
        "trigger": set(TRIGGERS),
    }
    for entry in entries:
        if entry.kind == "place" and entry.code.startswith("departement."):
            # a departement by its name: its number ("departement.93")
            assert re.fullmatch(r"departement\.(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])", entry.code), entry.rule
            continue
        assert entry.code in allowed[entry.kind], entry.rule


def test_no_duplicate_rows() -> None:
    _, entries = read_entries()
    seen: dict[tuple[str, str, str], str] = {}
    for entry in entries:
        code = "" if entry.kind == "place" else entry.code  # a place is one kind of place only
        key = (entry.term.lower(), entry.kind, code)
        assert key not in seen, f"{entry.rule} repeats {seen.get(key)}"
        seen[key] = entry.rule


def test_dea_terms_are_curated_not_copied() -> None:
    _, entries = read_entries()
    dea = [entry for entry in entries if entry.source == "DEA-2018"]
    assert 30 < len(dea) < 400  # a selection, not the 2,000-term list


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, target)
    return target


def test_bad_row_names_file_and_line(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    with (directory / "cues_fr.tsv").open("a", encoding="utf-8") as fh:
        fh.write("frappe\tcue\toffer\t9\t\tfr\tteam\n")
    with pytest.raises(FormatError, match=r"cues_fr\.tsv:\d+.*weight"):
        read_entries(directory)


def test_undeclared_source_is_refused(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    with (directory / "products_fr.tsv").open("a", encoding="utf-8") as fh:
        fh.write("zebi\tproduct\tcannabis_herb\t3\t\tfr\tsomewhere\n")
    with pytest.raises(FormatError, match="not declared"):
        read_entries(directory)


def test_an_analyst_row_is_matched(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    with (directory / "products_fr.tsv").open("a", encoding="utf-8") as fh:
        fh.write("zebi\tproduct\tcannabis_herb\t3\t\tfr\tteam\n")
    lexicon = Lexicon(*read_entries(directory))
    hits = lexicon.scan(fold_variants("du ZEBI dispo"), "du ZEBI dispo")
    assert [(h.start, h.end, h.entry.code) for h in hits if h.entry.kind == "product"] == [(3, 7, "cannabis_herb")]


def test_word_boundaries_and_plurals() -> None:
    lexicon = default_lexicon()

    def products(text: str) -> list[str]:
        return [h.entry.term for h in lexicon.scan(fold_variants(text), text) if h.entry.kind == "product"]

    assert products("pochon de beuh") == ["beuh"]
    assert products("ketchup et cocktail") == []  # "ket" and "coc" inside words
    assert products("des taz") == ["taz"]
    assert products("3 kétas") == ["kéta"]


def test_capital_letter_codes() -> None:
    lexicon = default_lexicon()

    def codes(text: str) -> list[str]:
        return [h.entry.code for h in lexicon.scan(fold_variants(text), text) if h.entry.kind == "product"]

    assert "cocaine" in codes("la C à 70")
    assert codes("c'est la c") == []
    assert codes("C'est bon") == []


def test_counted_codes_are_read_only_after_a_count() -> None:
    lexicon = default_lexicon()

    def codes(text: str) -> list[str]:
        return [h.entry.code for h in lexicon.scan(fold_variants(text), text) if h.entry.kind == "product"]

    assert codes("3 w at flat 12 then 2 b to the lad") == ["crack", "heroin"]
    assert codes("2 x £20 w n 1 x £10 b") == ["crack", "heroin"]
    assert codes("need 2 white 1 dark, garages") == ["crack", "heroin"]  # not also "white" as cocaine

    def counted(text: str) -> list[str]:
        return [h.entry.term for h in lexicon.scan(fold_variants(text), text) if h.entry.counted]

    assert counted("plan b, then w/e") == []  # no count: letters
    assert counted("customer is flat 4B, leave at door") == []  # a flat, not a code
    assert counted("2 white wines and 1 dark beer") == []  # adjectives of the next word
    assert counted("the 2 white vans") == []


def test_single_letters_survive_spelling_games() -> None:
    # A text with a spelled-out word has two folded variants; one-letter codes found after the
    # variants were merged were once added to a list already replaced, and lost.
    lexicon = default_lexicon()
    text = "C dispo, b e u h aussi"
    folded = fold_variants(text, spaced=True)
    assert len(folded.variants) == 2
    codes = {h.entry.code for h in lexicon.scan(folded, text) if h.entry.kind == "product"}
    assert codes == {"cocaine", "cannabis_herb"}


def test_a_phrase_with_punctuation_matches_as_written() -> None:
    lexicon = default_lexicon()
    text = "Parents' evening talk: spotting the signs"
    rules = [h.entry.code for h in lexicon.scan(fold_variants(text), text) if h.entry.kind == "lookalike"]
    assert "prevention" in rules


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("cash app\ttrigger\tcashtags\t1\t\tany\tteam\n", "unknown trigger 'cashtags'"),
        ("speed\tproduct\tamphetamine\t2\tmask\ten\tteam\n", "mask is for look-alikes only"),
    ],
)
def test_a_trigger_no_detector_reads_or_a_mask_on_a_product_is_refused(tmp_path: Path, row: str, problem: str) -> None:
    directory = _copy(tmp_path)
    with (directory / "triggers.tsv").open("a", encoding="utf-8") as fh:
        fh.write(row)
    with pytest.raises(FormatError, match=rf"triggers\.tsv:\d+.*{problem}"):
        read_entries(directory)
