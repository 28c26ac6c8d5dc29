"""Building blocks of the demo: numbers, clock, pictures, scale of the story."""

from __future__ import annotations

import random
import struct
from datetime import UTC, datetime

from filiere.demo.clock import Clock
from filiere.demo.media import identicon
from filiere.demo.numbers import NumberPool, compact, imei, luhn_digit, national, spoken
from filiere.types.phone import normalize_phone


def test_numbers_stay_in_the_fiction_ranges() -> None:
    pool = NumberPool(random.Random(1))
    mobiles = [pool.mobile() for _ in range(10_000)]
    assert len(set(mobiles)) == 10_000 and all(m.startswith("+3363998") and len(m) == 12 for m in mobiles)
    assert pool.mobile() == mobiles[0]  # the space is reused in the same order past 10,000
    landline = pool.landline()
    assert landline.startswith("+3319900") and national(landline).startswith("01 99 00 ")
    assert compact("+33639981221") == "0639981221" and national("+33639981221", ".") == "06.39.98.12.21"
    rng = random.Random(2)
    assert {normalize_phone(spoken("+33639981221", rng)) for _ in range(50)} == {"+33639981221"}


def test_imei_check_digit() -> None:
    assert luhn_digit("49015420323751") == "8"  # the textbook example IMEI 490154203237518
    for _ in range(20):
        value = imei(random.Random(_))
        assert len(value) == 15 and luhn_digit(value[:-1]) == value[-1]


def test_clock_follows_paris_time_changes() -> None:
    clock = Clock()
    before = int(datetime(2024, 3, 31, 0, 59, 59, tzinfo=UTC).timestamp())
    assert clock.telegram(before) == "2024-03-31T01:59:59"
    assert clock.telegram(before + 1) == "2024-03-31T03:00:00"
    assert clock.whatsapp(before + 1) == "31/03/2024 03:00" and clock.signal(before) == "2024-03-31, 01:59"
    assert clock.readable(before) == "31 mars 2024 01:59:59" and clock.cdr(before) == ("31/03/2024", "01:59:59")
    assert clock.iso(before + 1) == "2024-03-31T03:00:00+02:00"
    autumn = int(datetime(2024, 10, 27, 0, 30, tzinfo=UTC).timestamp())
    assert clock.telegram(autumn) == clock.telegram(autumn + 3600) == "2024-10-27T02:30:00"


def test_pictures_are_baseline_jpegs_of_the_stated_size() -> None:
    data, width, height = identicon(random.Random(3))
    again, *_ = identicon(random.Random(3))
    other, *_ = identicon(random.Random(4))
    assert data == again and data != other and len(data) < 4_000
    assert data[:2] == b"\xff\xd8" and data[-2:] == b"\xff\xd9"
    start = data.index(b"\xff\xc0")
    precision, rows, columns = struct.unpack(">BHH", data[start + 4 : start + 9])
    assert (precision, columns, rows) == (8, width, height) == (8, 320, 240)
