"""The vCard reader: every real exporter file, a fixture mixing good and bad cards, broken files, streaming."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from filiere.errors import FormatError
from filiere.ingest.base import ReadContext
from filiere.ingest.vcard import VCardReader
from filiere.model import Contact, Record, Skipped

MIXED = Path(__file__).resolve().parents[1] / "fixtures" / "vcard" / "mixed.vcf"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FILIERE_LANG", "en")


@pytest.fixture(scope="module")
def vcards(shared_data: Path) -> Path:
    return shared_data / "chat_exports" / "vcard"


def read(data: bytes, name: str = "contacts.vcf") -> list[Record]:
    return list(VCardReader().read(io.BytesIO(data), ReadContext(sha256="0" * 64, name=name)))


def contacts(records: list[Record]) -> list[Contact]:
    return [r for r in records if isinstance(r, Contact)]


def phones(contact: Contact) -> list[tuple[str, str | None, str | None]]:
    return [(p.original, p.e164, p.label) for p in contact.phones]


# Per exporter file: number of cards, and values checked by hand against the file.
REAL = {
    "ez-vcard/John_Doe_ANDROID.vcf": 6,
    "ez-vcard/John_Doe_BLACK_BERRY.vcf": 1,
    "ez-vcard/John_Doe_EVOLUTION.vcf": 1,
    "ez-vcard/John_Doe_GMAIL.vcf": 1,
    "ez-vcard/John_Doe_IPHONE.vcf": 1,
    "ez-vcard/John_Doe_LOTUS_NOTES.vcf": 1,
    "ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf": 1,
    "ez-vcard/John_Doe_MS_OUTLOOK.vcf": 1,
    "ez-vcard/fullcontact.vcf": 1,
    "ez-vcard/gmail-list.vcf": 3,
    "ez-vcard/gmail-single.vcf": 1,
    "ez-vcard/gmail-single2.vcf": 1,
    "ez-vcard/issue114.vcf": 1,
    "ez-vcard/outlook-2003.vcf": 1,
    "ez-vcard/outlook-2007.vcf": 1,
    "ez-vcard/rfc2426-example.vcf": 2,
    "ez-vcard/rfc6350-example.vcf": 1,
    "ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf": 1,
    "raleighlittles_test.vcf": 1,
}


@pytest.mark.parametrize(("name", "cards"), sorted(REAL.items()))
def test_every_real_file_reads_whole(vcards: Path, name: str, cards: int) -> None:
    path = vcards / name
    data = path.read_bytes()
    records = read(data, path.name)
    assert len(contacts(records)) == cards
    assert not [r for r in records if isinstance(r, Skipped)]
    assert VCardReader.match(data[:65536], path.name) >= 90
    assert contacts(records)[0].source.locator == "card 1 (line 1)"


def test_real_files_have_no_unlisted_sibling(vcards: Path) -> None:
    found = {str(p.relative_to(vcards)) for p in vcards.rglob("*.vcf")}
    assert found == set(REAL)


def one(vcards: Path, name: str) -> Contact:
    (contact,) = contacts(read((vcards / name).read_bytes(), name))
    return contact


def test_android_21_quoted_printable_soft_breaks(vcards: Path) -> None:
    cards = contacts(read((vcards / "ez-vcard/John_Doe_ANDROID.vcf").read_bytes()))
    assert [c.name for c in cards[:2]] == [None, None]
    assert cards[0].emails == ("john.doe@company.com",)
    assert cards[2].name == "Ñ Ñ Ñ Ñ Ñ"
    assert phones(cards[2]) == [("123456789", "+33123456789", "cell")]
    assert cards[3].name == "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ"  # "=" soft break in the middle of the value
    assert [p.original for p in cards[3].phones] == ["123456", "234567", "3456789", "45678901"]
    assert cards[3].note is not None and cards[3].note.count("\n") == 1  # two NOTE properties
    assert phones(cards[4])[2] == ("123456", None, "work,fax")
    assert cards[4].emails == ("bob@company.com", "Ñ" * 14)
    assert cards[5].emails == ("henry@company.com",)
    # The last ORG ends in a stray =80 byte: invalid UTF-8 is replaced, the card is kept.
    assert cards[5].organisation is not None and cards[5].organisation.endswith("Ñ\ufffd")


def test_apple_labels_and_cr_cr_lf_line_ends(vcards: Path) -> None:
    iphone = one(vcards, "ez-vcard/John_Doe_IPHONE.vcf")
    assert iphone.name == "Mr. John Richter James Doe Sr."
    assert len(iphone.phones) == 7
    assert phones(iphone)[0] == ("905-555-1234", None, "cell")
    assert phones(iphone)[3] == ("905-888-1234", None, "home,fax")
    assert phones(iphone)[6] == ("905-222-1234", None, "AssistantPhone")  # item2.X-ABLabel:_$!<…>!$_
    assert iphone.organisation == "IBM, Accounting"
    mac = one(vcards, "ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf")
    assert phones(mac)[-1] == ("905-222-1234", None, "AssistantPhone")
    assert mac.name == "Mr. John Richter,James Doe Sr."


def test_folding_escapes_and_uid(vcards: Path) -> None:
    evolution = one(vcards, "ez-vcard/John_Doe_EVOLUTION.vcf")
    assert evolution.key == "vcard:477343c8e6bf375a9bac1f96a5000837"
    assert phones(evolution) == [("905-666-1234", None, "cell"), ("905-555-1234", None, "work")]  # folded
    assert evolution.name == "Mr. John Richter, James Doe Sr."
    assert evolution.handles == ("aim:johnny5@aol.com",)
    assert evolution.emails == ("john.doe@ibm.com",)  # folded after the "." of john.
    assert evolution.organisation == "IBM, Accounting, Dungeon"
    assert evolution.note is not None and "WARRANTIES, INCLUDING, BUT NOT LIMITED TO" in evolution.note
    thunderbird = one(vcards, "ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf")
    assert thunderbird.note is not None and thunderbird.note.endswith('"note" field; even curse words.')
    assert "\n\nFourth Line" in thunderbird.note


def test_outlook_21_quoted_printable_notes_and_im(vcards: Path) -> None:
    outlook = one(vcards, "ez-vcard/outlook-2007.vcf")
    assert outlook.note == (
        "This is the NOTE field\t\nI assume it encodes this text inside a NOTE vCard type.\n"
        "But I'm not sure because there's text formatting going on here.\nIt does not preserve the formatting"
    )
    assert phones(outlook)[-1] == ("(111) 555-4444", None, "callback")  # X-MS-TEL
    assert outlook.handles == ("im:im@aim.com",)
    assert outlook.emails == ("mike.angstadt@gmail.com",)
    old = one(vcards, "ez-vcard/outlook-2003.vcf")
    assert old.note == "This is the note field!!\nSecond line\n\nThird line is empty"
    assert [p.original for p in old.phones] == ["BusinessPhone", "HomePhone", "MobilePhone", "BusinessFaxPhone"]
    assert all(p.e164 is None for p in old.phones)
    assert old.emails == ("jdoe@hotmail.com",)  # after a folded base64 KEY and blank lines


def test_instant_messaging_handles(vcards: Path) -> None:
    gmail = one(vcards, "ez-vcard/gmail-single2.vcf")
    assert gmail.handles == (
        "gtalk:IM2", "aim:IM3", "yahoo:IM4", "skype:IM5", "qq:IM6", "msn:IM7", "icq:IM8", "jabber:IM9",
    )  # fmt: skip
    assert len(gmail.phones) == 11
    assert phones(gmail)[8] == ("5555551119", None, "GRAND_CENTRAL")
    full = one(vcards, "ez-vcard/fullcontact.vcf")
    assert "skype:skype" in full.handles and "gtalk:gtalk" in full.handles  # IMPP with X-SERVICE-TYPE
    assert full.organisation == "Organization1, Department1; Organization2, Department2"
    assert len(full.emails) == 5


def test_international_numbers_and_tel_uris(vcards: Path) -> None:
    (frank, tim) = contacts(read((vcards / "ez-vcard/rfc2426-example.vcf").read_bytes()))
    assert (frank.name, tim.name) == ("Frank Dawson", "Tim Howes")  # "BEGIN:vCard" in mixed case
    assert phones(frank)[0] == ("+1-919-676-9515", "+19196769515", "msg,work")
    simon = one(vcards, "ez-vcard/rfc6350-example.vcf")
    assert phones(simon)[0] == ("tel:+1-418-656-9254;ext=102", "+14186569254", "work,voice")
    lotus = one(vcards, "ez-vcard/John_Doe_LOTUS_NOTES.vcf")
    assert lotus.key == "vcard:0e7602cc-443e-4b82-b4b1-90f62f99a199"
    assert phones(lotus)[1] == ("00-1-212-555-7777", "+12125557777", "work,fax")
    dummy = one(vcards, "ez-vcard/issue114.vcf")
    assert dummy.name == "Dummy, Dummy"
    assert [p.e164 for p in dummy.phones] == ["+49123456789", "+49987654321"]
    blackberry = one(vcards, "ez-vcard/John_Doe_BLACK_BERRY.vcf")
    assert (blackberry.name, blackberry.organisation) == ("John Doe", "Acme Solutions")
    assert phones(blackberry) == [("+96123456789", "+96123456789", "cell")]


def test_vcard_40_with_almost_every_property(vcards: Path) -> None:
    card = one(vcards, "raleighlittles_test.vcf")
    assert card.key == "vcard:urn:uuid:da418720-3754-4631-a169-db89a02b831b"
    assert card.name == "Simon Perreault"
    assert phones(card) == [("(123) 555-5832", None, "cell")]
    assert card.handles == ("aim:johndoe@aol.com",)
    assert card.organisation == "Google, GMail Team, Spam Detection Squad"
    assert card.note is not None and card.note.startswith("I am proficient in Tiger-Crane Style,\nand I am")


def test_mixed_good_and_bad_cards() -> None:
    records = read(MIXED.read_bytes(), "mixed.vcf")
    skipped = {r.locator: r.reason for r in records if isinstance(r, Skipped)}
    assert skipped == {
        "card 2 (line 23)": "line 26: not a vCard property ('this line is not a property')",
        "card 4 (line 45)": "line 48: invalid quoted-printable (b'=ZZ')",
        "card 5 (line 50)": "no END:VCARD before the next card (line 54)",
        "line 115": "text outside any vCard card, ignored",
        "card 7 (line 116)": "no END:VCARD before the end of the file (line 119): truncated file?",
    }
    yanis, amelie, cafe = contacts(records)
    assert [c.source.locator for c in (yanis, amelie, cafe)] == [
        "card 1 (line 1)",
        "card 3 (line 29)",
        "card 6 (line 54)",
    ]
    assert yanis.key == "vcard:3f2a7c1e-6b8d-4e21-9a0f-5c4d3e2b1a01"
    assert phones(yanis) == [
        ("06 39 98 12 01", "+33639981201", "cell"),  # TYPE=cell,voice
        ("01 99 00 12 34", "+33199001234", "work,voice"),  # TYPE="work,voice" (quoted: one value)
        ("tel:+33639981203", "+33639981203", None),  # VALUE=uri
        ("+33 6 39 98 12 04", "+33639981204", "cell"),  # 2.1 bare CELL;VOICE
        ("06 39 98 12 05", "+33639981205", "téléphone caché"),  # item1.X-ABLabel
    ]
    assert yanis.handles == (
        "signal:+33639981201",
        "whatsapp:+33639981201",
        "telegram:yorlac",
        "snapchat:yorlac.42",
        "twitter:yorlac",
        "jabber:yorlac@jabber.example",
    )
    assert yanis.organisation == "Garage Orlac, père et fils, Atelier"
    assert yanis.note == "Ligne 1\nLigne 2 avec ; point-virgule et , virgule"  # tab-folded
    assert amelie.name == "Amélie Fèvre"  # QP UTF-8 with a soft break
    assert amelie.note == "Première ligne\nDeuxième ligne"  # QP Latin-1 bytes, no charset
    assert phones(amelie) == [("0639981207", "+33639981207", "cell"), ("01 99 00 12 35", "+33199001235", "home")]
    assert cafe.key == "vcard:urn:uuid:0b1c2d3e-4f50-4617-8899-aabbccddeeff"
    assert cafe.name == "Café 50€"  # CHARSET=windows-1252, after an inline base64 PHOTO
    assert phones(cafe) == [("+33 6 39 98 12 09", "+33639981209", "cell")]


def test_unfolding_keeps_the_space_in_21_and_drops_one_in_30() -> None:
    card = "BEGIN:VCARD\r\nVERSION:{v}\r\nFN:Yanis\r\n Orlac\r\nNOTE:deux\r\n\t mots\r\nEND:VCARD\r\n"
    (old,) = contacts(read(card.format(v="2.1").encode()))
    (new,) = contacts(read(card.format(v="3.0").encode()))
    assert (old.name, old.note) == ("Yanis Orlac", "deux\t mots")  # RFC 822 unfolding: the fold stays
    assert (new.name, new.note) == ("YanisOrlac", "deux mots")  # RFC 6350: one white space removed


def test_agent_card_inside_a_21_card_is_not_a_contact() -> None:
    names = [c.name for c in contacts(read(MIXED.read_bytes()))]
    assert "Assistant Imaginaire" not in names


def test_utf16_outlook_file_reads_like_utf8(vcards: Path) -> None:
    text = (vcards / "ez-vcard/outlook-2007.vcf").read_bytes().decode("utf-8")
    utf8 = contacts(read(text.encode("utf-8")))
    for encoding in ("utf-16", "utf-16-le"):  # with and without BOM
        records = read(text.encode(encoding))
        assert contacts(records) == utf8
        assert VCardReader.match(text.encode(encoding)[:65536], "x.vcf") >= 90


def test_cp1252_file_without_charset() -> None:
    data = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jérôme Faïence\r\nNOTE:payé 20€\r\nEND:VCARD\r\n".encode("cp1252")
    (card,) = contacts(read(data))
    assert (card.name, card.note) == ("Jérôme Faïence", "payé 20€")


def test_empty_and_blank_files_name_the_file_and_line() -> None:
    for data in (b"", b"\r\n\r\n", b"\xef\xbb\xbf"):
        with pytest.raises(FormatError) as caught:
            read(data, "vide.vcf")
        assert str(caught.value).startswith("vide.vcf, line 1: empty file")


def test_another_format_scores_zero_and_fails_on_its_first_line(shared_data: Path) -> None:
    whatsapp = shared_data / "chat_exports" / "whatstk" / "pokemon.txt"
    data = whatsapp.read_bytes()
    assert VCardReader.match(data[:65536], whatsapp.name) == 0
    with pytest.raises(FormatError) as caught:
        read(data, whatsapp.name)
    assert str(caught.value).startswith("pokemon.txt, line 1: expected BEGIN:VCARD")


def test_other_formats_in_shared_data_score_zero(shared_data: Path) -> None:
    for path in (shared_data / "chat_exports").rglob("*"):
        if path.is_file() and path.suffix != ".vcf":
            assert VCardReader.match(path.read_bytes()[:65536], path.name) == 0, path


def test_binary_junk_and_extension_only() -> None:
    junk = bytes(range(256)) * 64
    assert VCardReader.match(junk, "photo.jpg") == 0
    assert VCardReader.match(junk, "contacts.vcf") == 40
    with pytest.raises(FormatError) as caught:
        read(junk, "contacts.vcf")
    assert "contacts.vcf, line 1" in str(caught.value)


def test_truncated_real_file_keeps_the_complete_cards(vcards: Path) -> None:
    data = (vcards / "ez-vcard/gmail-list.vcf").read_bytes()
    cut = data[: data.rindex(b"FN:Doug") + 5]
    records = read(cut, "gmail-list.vcf")
    assert [c.name for c in contacts(records)] == ["Arnold Smith", "Chris Beatle"]
    assert records[-1] == Skipped(
        "card 3 (line 13)", "no END:VCARD before the end of the file (line 15): truncated file?"
    )


def test_truncated_quoted_printable_value_is_a_bad_card() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE:abc=\r\nEND:VCARD\r\n"
    assert read(data) == [Skipped("card 1 (line 1)", "line 3: truncated quoted-printable")]


def test_huge_photo_is_skipped_cheaply_and_the_card_kept() -> None:
    photo = b"A" * (12 << 20)  # 12 MiB of base64 on one line, as BlackBerry writes
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Photo Lourde\r\nPHOTO;ENCODING=BASE64;JPEG:" + photo
    data += b"\r\n\r\nTEL;CELL:06 39 98 12 11\r\nEND:VCARD\r\n"
    started = time.perf_counter()
    (card,) = read(data)
    assert time.perf_counter() - started < 5  # no decoding, no joining of the data
    assert isinstance(card, Contact) and phones(card) == [("06 39 98 12 11", "+33639981211", "cell")]


def test_oversized_text_line_makes_a_bad_card() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:" + b"x" * (2 << 20) + b"\r\nEND:VCARD\r\n"
    assert read(data) == [Skipped("card 1 (line 1)", "line 3: oversized line")]


class CountingReader(io.BytesIO):
    """A file that tells how far it has been read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.furthest = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.furthest = max(self.furthest, self.tell())
        return line


def test_cards_are_streamed_not_loaded() -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Personne {n}\r\nTEL:06 39 98 {a:02d} {b:02d}\r\nEND:VCARD\r\n"
    data = "".join(card.format(n=n, a=n // 100 % 100, b=n % 100) for n in range(20_000)).encode()
    fh = CountingReader(data)
    records = VCardReader().read(fh, ReadContext(sha256="0" * 64, name="big.vcf"))
    first = next(records)
    assert isinstance(first, Contact) and first.name == "Personne 0"
    assert fh.furthest < 100_000 < len(data)  # only the head sniff and the first card were read
    assert sum(1 for _ in records) == 19_999
