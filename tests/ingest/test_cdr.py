"""The call-detail-record reader: presets, TOML mappings, CSV and XLSX, real VAST 2008 data, bad input."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from filiere.errors import FormatError, UnsafeInputError, UsageError
from filiere.ingest.base import ReadContext
from filiere.ingest.cdr import CdrReader
from filiere.ingest.cdr_mapping import Mapping, load_mapping, norm, parse_mapping, preset
from filiere.ingest.cdr_values import duration
from filiere.model import Account, Call, Cell, Record, Skipped

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cdr"
FR = FIXTURES / "fr_operator.csv"
HEADER = "Date;Heure;Durée;Type;Sens;Numéro appelant;Numéro appelé;IMEI;IMSI;Cellule;Adresse cellule;Latitude;Longitude"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FILIERE_LANG", "en")


def read(data: bytes, name: str = "cdr.csv", **options: Any) -> list[Record]:
    ctx = ReadContext(sha256="0" * 64, name=name, options=options)
    return list(CdrReader().read(io.BytesIO(data), ctx))


def calls(records: list[Record]) -> dict[str, Call]:
    return {r.native_id: r for r in records if isinstance(r, Call)}


def skipped(records: list[Record]) -> list[Skipped]:
    return [r for r in records if isinstance(r, Skipped)]


def fr_rows() -> list[list[str]]:
    with FR.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


def test_fr_operator_fixture() -> None:
    records = read(FR.read_bytes())
    assert Counter(type(r).__name__ for r in records) == {"Call": 28, "Account": 6, "Skipped": 2}
    assert skipped(records) == [
        Skipped("row 9", "unreadable date: '32/13/2024'"),
        Skipped("row 16", "neither calling nor called number"),
    ]
    got = calls(records)
    first = got["row 2"]
    assert (first.caller, first.callee, first.kind, first.direction) == (
        "phone:+33639982001",
        "phone:+33639982002",
        "voice",
        "outgoing",
    )
    assert (first.start.iso_utc(), first.start.local, first.start.tz) == (
        "2024-03-04T07:00:00Z",
        "2024-03-04T08:00:00",
        "Europe/Paris",
    )
    assert first.cell == Cell("208-01-21001-10021", 48.8559, 2.358, "12 rue de Rivoli, 75004 Paris")
    assert (first.imei, first.imsi, first.source.locator) == ("353000001234567", "208010000012345", "row 2")
    incoming = got["row 3"]
    assert (incoming.caller, incoming.direction, incoming.duration_s) == ("phone:+33639982003", "incoming", 437)
    assert incoming.cell is not None and incoming.cell.lat == 48.8822  # decimal point here, comma above
    data = got["row 6"]
    assert (data.kind, data.callee, data.duration_s) == ("data", None, 244)
    assert got["row 4"].kind == "sms"


def test_formula_text_is_kept_as_written() -> None:
    row = calls(read(FR.read_bytes()))["row 23"]
    assert row.cell is not None and row.cell.address == '=HYPERLINK("http://exemple.invalid/x";"Voir")'


def test_accounts_yielded_once_before_use() -> None:
    seen: set[str] = set()
    for record in read(FR.read_bytes()):
        if isinstance(record, Account):
            assert record.key not in seen and record.platform == "phone"
            seen.add(record.key)
        elif isinstance(record, Call):
            assert {record.caller, record.callee} - {None} <= seen
    assert "phone:+33199002005" in seen


def write_xlsx(path: Path, rows: list[list[Any]], title: str = "Appels") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_same_records_from_xlsx_with_a_title_block(tmp_path: Path) -> None:
    rows = fr_rows()
    rows[22][10] = '=HYPERLINK("http://exemple.invalid/x";"Voir")'  # stored as a formula by openpyxl
    path = write_xlsx(tmp_path / "releve.xlsx", [["Réquisition n° 2024-001 (ligne 06 39 98 20 01)"], [], *rows])
    records = read(path.read_bytes(), name="releve.xlsx")
    from_csv = calls(read(FR.read_bytes()))
    from_xlsx = calls(records)
    assert len(from_xlsx) == 28
    # two rows above the header: the same call is two rows further down
    for number, call in from_csv.items():
        moved = from_xlsx[f"row {int(number.split()[1]) + 2}"]
        assert (moved.caller, moved.callee, moved.start, moved.duration_s, moved.kind, moved.direction) == (
            call.caller,
            call.callee,
            call.start,
            call.duration_s,
            call.kind,
            call.direction,
        )
        assert moved.cell == call.cell
    assert [s.locator for s in skipped(records)] == ["row 11", "row 18"]
    assert CdrReader.match(path.read_bytes()[:65536], "releve.xlsx") >= 90


def test_xlsx_native_cells(tmp_path: Path) -> None:
    from datetime import datetime, time

    path = write_xlsx(
        tmp_path / "natif.xlsx",
        [
            ["Date", "Heure", "Durée", "Type", "Sens", "N° appelant", "N° appelé"],
            [datetime(2024, 3, 4), time(8, 30), timedelta(minutes=1, seconds=5), "Appel", "MO", 639982001, 33639982002],
        ],
    )
    call = calls(read(path.read_bytes(), name="natif.xlsx"))["row 2"]
    assert (call.start.local, call.duration_s, call.kind, call.direction) == (
        "2024-03-04T08:30:00",
        65,
        "voice",
        "outgoing",
    )
    assert (call.caller, call.callee) == ("phone:+33639982001", "phone:+33639982002")


def test_generic_preset_with_offsets() -> None:
    records = read((FIXTURES / "generic.csv").read_bytes(), name="generic.csv")
    got = calls(records)
    assert len(got) == 12 and not skipped(records)
    first = got["row 2"]
    assert (first.start.iso_utc(), first.start.local, first.start.tz) == (
        "2024-05-01T07:00:00Z",
        "2024-05-01T09:00:00",
        "+02:00",
    )
    assert (first.direction, got["row 5"].kind, got["row 5"].callee) == ("unknown", "data", None)


def test_vast2008_with_a_mapping(shared_data: Path) -> None:
    path = shared_data / "cdr" / "vast2008_mc3" / "cdr.csv"
    assert CdrReader.match(path.read_bytes()[:65536], path.name) == 0  # needs --mapping
    records = read(path.read_bytes(), name="cdr.csv", mapping=str(FIXTURES / "vast2008.toml"))
    got = calls(records)
    assert len(got) == 9834 and not skipped(records)
    assert len([r for r in records if isinstance(r, Account)]) == 400
    first = got["row 2"]  # 349,23,20060601 0008,1634,1
    assert (first.caller, first.callee, first.duration_s, first.start.iso_utc()) == (
        "phone:349",
        "phone:23",
        1634,
        "2006-06-01T00:08:00Z",
    )
    assert first.cell == Cell("1")
    assert min(c.start.utc for c in got.values()).isoformat() == "2006-06-01T00:08:00+00:00"
    assert max(c.start.utc for c in got.values()).isoformat() == "2006-06-10T23:56:00+00:00"
    # published with the data: id 200 calls id 5 most often (7 calls)
    by_200 = Counter(c.callee for c in got.values() if c.caller == "phone:200")
    assert by_200.most_common(1) == [("phone:5", 7)]


def test_headerless_file_with_indices(tmp_path: Path) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text("has_header = false\n[columns]\ncaller = 0\ncallee = 1\ndatetime = 2\nduration = 3\n")
    data = b"0639982001,0639982002,2024-03-01 10:00:00,12\n0639982002,0639982001,2024-03-01 11:00:00,1:05\n"
    got = calls(read(data, mapping=str(mapping)))
    assert (got["row 1"].duration_s, got["row 2"].duration_s, got["row 2"].caller) == (12, 65, "phone:+33639982002")


def test_preset_option_and_custom_value_aliases() -> None:
    data = f"{HEADER}\n01/03/2024;10:00:00;65;Phonie;Sortie;0639982001;0639982002;;;;;;\n"
    plain = calls(read(data.encode(), preset="fr_operator"))["row 2"]
    assert (plain.kind, plain.direction, plain.extra) == (
        "voice",
        "unknown",
        {"type": "Phonie", "direction": "Sortie"},
    )
    mapping = parse_mapping(
        {
            "columns": {
                "date": "Date",
                "time": "Heure",
                "caller": "Numéro appelant",
                "type": "Type",
                "direction": "Sens",
            },
            "values": {"type": {"voice": ["Phonie"]}, "direction": {"outgoing": "Sortie"}},
        },
        "inline",
    )
    assert (mapping.value("type", "PHONIE"), mapping.value("direction", "sortie")) == (
        "voice",
        "outgoing",
    )
    custom = calls(
        read(
            data.encode(),
            mapping={"columns": dict(mapping.columns), "values": {"direction": {"outgoing": ["Sortie"]}}},
        )
    )
    assert custom["row 2"].direction == "outgoing"


@pytest.mark.parametrize(
    ("cell", "kind", "direction"),
    [
        ("Appel sortant", "voice", "outgoing"),
        ("SMS MO", "sms", "outgoing"),
        ("Appel vidéo", "video", None),
        ("GPRS", "data", None),
    ],
)
def test_builtin_value_aliases(cell: str, kind: str, direction: str | None) -> None:
    fr = preset("fr_operator")
    assert (fr.value("type", cell), fr.value("direction", cell)) == (kind, direction)


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [("65", 65), ("65,0", 65), ("00:01:05", 65), ("1:05", 65), ("1 min 05 s", 65), ("1h02m03s", 3723), ("2 mn", 120),
     (timedelta(seconds=7), 7), (12.4, 12), ("", None), (None, None)],
)  # fmt: skip
def test_durations(raw: Any, seconds: int | None) -> None:
    assert duration(raw) == seconds


@pytest.mark.parametrize("raw", ["abc", "1 an", "12 min et des poussières"])
def test_bad_durations(raw: str) -> None:
    with pytest.raises(ValueError):
        duration(raw)


def test_header_normalisation() -> None:
    assert norm(" N° Appelé (MSISDN) ") == "n appele msisdn"
    variants = ["Date début", "Heure début", "Durée (s)", "N° appelant", "Numero B", "CGI", "Adresse du relais"]
    found, _ = preset("fr_operator").resolve(variants)
    assert set(found) == {"date", "time", "duration", "caller", "callee", "cell_id", "cell_address"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("colour = 1\n[columns]\ncaller = 'A'\ndate = 'D'\n", "colour"),
        ("[columns]\ncaller = 'A'\nwhen = 'D'\n", "columns.when"),
        ("[columns]\ncaller = 'A'\n", "columns"),
        ("[columns]\ncaller = 1.5\ndate = 'D'\n", "columns.caller"),
        ("has_header = false\n[columns]\ncaller = 'A'\ndate = 0\n", "columns.caller"),
        ("has_header = 'yes'\n[columns]\ncaller = 'A'\ndate = 'D'\n", "has_header"),
        ("delimiter = ';;'\n[columns]\ncaller = 'A'\ndate = 'D'\n", "delimiter"),
        ("tz = 'Paris'\n[columns]\ncaller = 'A'\ndate = 'D'\n", "tz"),
        ("[columns]\ncaller = 'A'\ndate = 'D'\n[values.direction]\nsideways = ['X']\n", "values.direction.sideways"),
        ("[columns]\ncaller = 'A'\ndate = 'D'\n[values.colour]\nred = ['X']\n", "values.colour"),
    ],
)
def test_bad_mappings_name_the_key(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(UsageError) as caught:
        load_mapping(path)
    assert f"key {key!r}" in str(caught.value) and "bad.toml" in str(caught.value)
    assert caught.value.hint and "CDR_MAPPING.md" in caught.value.hint


def test_unreadable_mapping_files(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read mapping file"):
        load_mapping(tmp_path / "missing.toml")
    (tmp_path / "broken.toml").write_text("[columns\n")
    with pytest.raises(UsageError, match="invalid TOML"):
        load_mapping(tmp_path / "broken.toml")
    with pytest.raises(UsageError, match="unknown CDR preset"):
        preset("belgian")


def test_mapping_that_does_not_fit_the_file(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text("[columns]\ncaller = 'Numéro A'\ndate = 'Jour'\n")
    with pytest.raises(FormatError) as caught:
        read(FR.read_bytes(), mapping=str(path))
    assert "caller, date" in str(caught.value) and caught.value.path == "cdr.csv"
    assert caught.value.hint and "Numéro appelant" in caught.value.hint


def test_cp1252_and_utf16_copies_read_the_same() -> None:
    text = FR.read_text(encoding="utf-8")
    expected = calls(read(FR.read_bytes()))
    assert calls(read(text.encode("cp1252"))) == expected
    assert calls(read(text.encode("utf-16"))) == expected


def test_undecodable_bytes_far_in_the_file_name_the_line() -> None:
    rows = [HEADER] + [
        f"01/03/2024;10:{i % 60:02d}:00;65;Voix;Sortant;0639982001;0639982002;;;;;;" for i in range(1500)
    ]
    data = "\n".join(rows).encode() + b"\n01/03/2024;10:00:00;65;Voix;Sortant;0639982001;\xff\xfe;;;;;;\n"
    assert len(data) > 65536
    got: list[Record] = []
    with pytest.raises(FormatError) as caught:
        got.extend(CdrReader().read(io.BytesIO(data), ReadContext(sha256="0" * 64, name="cdr.csv")))
    # text_lines decodes by blocks of 8 KiB: the error surfaces at the start of the bad block
    assert caught.value.path == "cdr.csv" and (caught.value.locator or "").startswith("line ")
    assert 1300 < len(calls(got)) <= 1500 and int((caught.value.locator or "0 0").split()[1]) <= 1502


def test_short_rows_truncation_and_blank_lines() -> None:
    data = FR.read_bytes()
    cut = data[: data.index(b"\r\n", 2000) - 20]  # the last row loses its last columns
    records = read(cut)
    assert (
        skipped(records)[-1].reason.startswith("8 columns instead of 13")
        or "columns instead of 13" in skipped(records)[-1].reason
    )
    data = f"{HEADER}\n\n01/03/2024;10:00:00\n;;;;;;;;;;;;\n".encode()
    assert read(data) == [Skipped("row 3", "2 columns instead of 13")]


def test_empty_header_only_and_foreign_files(shared_data: Path) -> None:
    with pytest.raises(FormatError) as caught:
        read(b"")
    assert (caught.value.path, caught.value.locator) == ("cdr.csv", "lines 1-20")
    assert read(f"{HEADER}\n".encode()) == []  # an answer with no communication is a valid answer
    whatsapp = next((shared_data / "chat_exports" / "whatstk").glob("*.txt"))
    with pytest.raises(FormatError) as caught:
        read(whatsapp.read_bytes(), name=whatsapp.name)
    assert caught.value.hint and "--mapping" in caught.value.hint
    with pytest.raises(FormatError):
        read((FIXTURES.parent / "sbr" / "sms.xml").read_bytes(), name="sms.xml")


def test_garbage_xlsx(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(FormatError) as caught:
        read(buffer.getvalue(), name="releve.xlsx")
    assert caught.value.path == "releve.xlsx" and "XLSX" in str(caught.value)
    with pytest.raises(FormatError):
        read(b"PK\x03\x04" + b"\x00" * 100, name="releve.xlsx")


def test_xlsx_with_entity_declarations_is_refused(tmp_path: Path) -> None:
    original = zipfile.ZipFile(write_xlsx(tmp_path / "ok.xlsx", fr_rows()[:3]))
    hostile = io.BytesIO()
    with zipfile.ZipFile(hostile, "w") as archive:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + data.split(b"?>", 1)[-1]
            archive.writestr(item, data)
    with pytest.raises(UnsafeInputError) as caught:
        read(hostile.getvalue(), name="releve.xlsx")
    assert caught.value.path == "releve.xlsx"


def test_xlsx_sheet_option_and_unknown_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", fr_rows(), title="Feuil1")
    assert len(calls(read(path.read_bytes(), name="r.xlsx", mapping={"sheet": "Feuil1", **_fr_columns()}))) == 28
    with pytest.raises(FormatError, match="no sheet 'Appels'"):
        read(path.read_bytes(), name="r.xlsx", mapping={"sheet": "Appels", **_fr_columns()})


def _fr_columns() -> dict[str, Any]:
    return {"columns": {"date": "Date", "time": "Heure", "caller": "Numéro appelant", "callee": "Numéro appelé"}}


def test_match() -> None:
    assert CdrReader.match(FR.read_bytes(), "releve.csv") >= 90
    assert CdrReader.match(FR.read_text(encoding="utf-8").encode("utf-16"), "releve.csv") >= 90
    assert CdrReader.match(FR.read_text(encoding="utf-8").encode("cp1252"), "releve.txt") >= 90
    assert CdrReader.match((FIXTURES / "generic.csv").read_bytes(), "x.csv") >= 90
    assert CdrReader.match(f"sep=;\nRelevé de la ligne\n\n{HEADER}\n".encode(), "x.csv") >= 90
    assert CdrReader.match(b"PK\x03\x04" + b"\x00" * 40, "x.xlsx") <= 50
    assert CdrReader.match(bytes(range(256)) * 10, "x.csv") == 0
    assert CdrReader.match((FIXTURES.parent / "sbr" / "calls.xml").read_bytes(), "calls.xml") == 0


def test_match_is_low_for_other_formats(shared_data: Path) -> None:
    for path in (p for p in (shared_data / "chat_exports").rglob("*") if p.is_file()):
        assert CdrReader.match(path.read_bytes()[:65536], path.name) <= 35, path


def test_mapping_is_a_frozen_value() -> None:
    fr = preset("fr_operator")
    assert isinstance(fr, Mapping) and fr.partial and fr.fits(HEADER.split(";")) == 13
    assert fr.fits(["Date", "Heure"]) == 0
