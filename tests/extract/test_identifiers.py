"""Phone numbers (E.164), links, e-mail addresses and handles written in messages."""

from __future__ import annotations

import pytest

from filiere.extract import detect
from filiere.extract.identifiers import find_cashtags, find_emails, find_handles, find_links, find_phones


@pytest.mark.parametrize(
    "text",
    ["06 39 98 12 34", "06.39.98.12.34", "0639981234", "+33 6 39 98 12 34", "+33639981234", "0033 6 39 98 12 34"],
)
def test_french_mobile_spellings(text: str) -> None:
    assert [f.value for f in find_phones(f"appelle {text} stp")] == ["+33639981234"]


def test_fixed_line_and_span() -> None:
    text = "Tel: 01 99 00 12 34."
    (found,) = find_phones(text)
    assert found.value == "+33199001234"
    assert text[found.start : found.end] == "01 99 00 12 34"


@pytest.mark.parametrize("text", ["le 93 et le 94", "10g 60€", "IBAN FR14 2004 1010", "code 4521B", "75018"])
def test_not_phones(text: str) -> None:
    assert find_phones(text) == []


def test_links() -> None:
    text = "Menu: t.me/lacentrale_idf, site https://exemple.fr/menu?x=1. Onion: abcdefghij234567.onion"
    assert [f.value for f in find_links(text)] == [
        "t.me/lacentrale_idf",
        "https://exemple.fr/menu?x=1",
        "abcdefghij234567.onion",
    ]


def test_emails_and_handles() -> None:
    text = "Écris à Frais.Paris@proton.me ou @frais_paris sur insta"
    emails = find_emails(text)
    assert [e.value for e in emails] == ["frais.paris@proton.me"]
    assert [h.value for h in find_handles(text, emails)] == ["@frais_paris"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("new line, save this 07700 900412", "+447700900412"),
        ("ring 07700-900-733 after 6", "+447700900733"),
        ("text (312) 555-0142 for the menu", "+13125550142"),
        ("call 416.555.0177", "+14165550177"),
        ("NANGS 🎈 tank $45. Text 0491 570 118", "+61491570118"),  # an Australian mobile in its groups
        ("call 0491570118", "+33491570118"),  # ten figures together: French, the default
    ],
)
def test_british_north_american_and_australian_national_spellings(text: str, value: str) -> None:
    assert [found.value for found in find_phones(text)] == [value]


def test_an_impossible_north_american_area_code_is_no_phone() -> None:
    assert find_phones("order 123 456-7890 shipped") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ring 07700 900 412 now", "+447700900412"),
        ("ring 07700-900-412 now", "+447700900412"),
        ("ring 07700.900.412 now", "+447700900412"),
        ("text 0491 570 118 for nangs", "+61491570118"),
    ],
)
def test_british_and_australian_mobiles_pass_the_detection_gate(text: str, value: str) -> None:
    from filiere.extract import detect

    assert detect(text, cache=False).phones == (value,)


@pytest.mark.parametrize("text", ["Order #0491 570 131 shipped", "Tracking number 0400 123 456 789"])
def test_references_in_groups_are_no_australian_mobiles(text: str) -> None:
    assert find_phones(text) == []


def test_cashtags_are_read_where_cash_app_is_named() -> None:
    assert [f.value for f in find_cashtags("Cash App $hazeplug or $Plug_NYC2, not $20 nor a$b nor ur $tag")] == [
        "$hazeplug",
        "$Plug_NYC2",
    ]
    # The account paid is an identifier, and a trade word in its name counts as in a handle's.
    found = detect("Pay via Cash App to $hazeplug and screenshot it", cache=False)
    assert found.handles == ("$hazeplug",)
    assert found.drug_trade
    assert detect("send it to my cashapp $JennyR22 for the tickets", cache=False).handles == ("$JennyR22",)
    # Without Cash App named, a "$" before letters is a share's ticker.
    assert detect("$TSLA and $AAPL up again, sold at $240", cache=False).handles == ()
