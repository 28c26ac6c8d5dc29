"""Text files of any encoding and line end, read with exact line numbers."""

from __future__ import annotations

import io

import pytest

from filiere.errors import FormatError
from filiere.ingest.text import sniff_encoding, text_lines


def lines(data: bytes, encoding: str | None = None) -> list[tuple[int, str]]:
    return list(text_lines(io.BytesIO(data), "f.txt", encoding))


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"])
def test_every_line_end(end: bytes) -> None:
    data = end.join("café;Élodie;1".encode("cp1252") for _ in range(3)) + end
    assert lines(data) == [(1, "café;Élodie;1"), (2, "café;Élodie;1"), (3, "café;Élodie;1")]


def test_utf16_and_bom() -> None:
    assert lines("\ufeffa\nb\n".encode("utf-16")) == [(1, "a"), (2, "b")]
    assert lines("\ufeffa\nb\n".encode("utf-8")) == [(1, "a"), (2, "b")]


def test_a_bad_byte_is_named_on_its_own_line() -> None:
    data = b"ok\n" * 30000 + b"bad \xff byte\n" + b"ok\n"  # beyond the 64 KiB the encoding is guessed from
    assert sniff_encoding(data[:65536]) == "utf-8"
    with pytest.raises(FormatError, match=r"f\.txt, line 30001: bytes not valid as utf-8"):
        lines(data)


def test_a_short_windows_file_is_not_taken_for_utf8() -> None:
    # "café" in Windows-1252 ends on a byte that opens a UTF-8 sequence: the whole file is read.
    assert lines("Sofiane;café".encode("cp1252")) == [(1, "Sofiane;café")]
    assert lines("Sofiane;café\n".encode("cp1252")) == [(1, "Sofiane;café")]
    # A UTF-8 character cut by the end of the sniffed block is still UTF-8.
    data = ("a" * 65535 + "é").encode("utf-8")
    assert sniff_encoding(data[:65536]) == "utf-8"
    assert lines(data)[0][1].endswith("aé")


def test_a_file_of_exactly_the_sniffed_size_is_read_whole() -> None:
    from filiere.ingest.text import HEAD

    data = ("a" * (HEAD - 5) + ";café").encode("cp1252")
    assert len(data) == HEAD
    assert lines(data) == [(1, "a" * (HEAD - 5) + ";café")]
