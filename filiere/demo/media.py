"""Tiny but valid JPEG pictures for the demo's channel photos, made with the standard library.

A baseline greyscale JPEG whose 8x8 blocks are flat needs only DC coefficients, so the encoder is a
few lines: a symmetric "identicon" pattern drawn in blocks keeps each picture under a kilobyte,
and the same seed always gives the same bytes (the channels share some pictures on purpose).
"""

from __future__ import annotations

import random
import struct

# Annex K.3 luminance DC table (code lengths per length 1..16, then the symbols 0..11).
_DC_BITS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)
_DC_VALUES = tuple(range(12))
# AC table with a single symbol: end-of-block, code "0" (every block is flat).
_AC_BITS = (1,) + (0,) * 15
_AC_VALUES = (0,)


def _codes(bits: tuple[int, ...], values: tuple[int, ...]) -> dict[int, tuple[int, int]]:
    """Canonical Huffman codes: symbol -> (code, length)."""
    table: dict[int, tuple[int, int]] = {}
    code = 0
    symbols = iter(values)
    for length, count in enumerate(bits, start=1):
        for _ in range(count):
            table[next(symbols)] = (code, length)
            code += 1
        code <<= 1
    return table


_DC_CODES = _codes(_DC_BITS, _DC_VALUES)


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">HH", 0xFF00 | marker, len(payload) + 2) + payload


class _Bits:
    """Big-endian bit writer with JPEG byte stuffing (0xFF is followed by 0x00)."""

    def __init__(self) -> None:
        self.out = bytearray()
        self.acc = 0
        self.count = 0

    def put(self, value: int, length: int) -> None:
        self.acc = (self.acc << length) | (value & ((1 << length) - 1))
        self.count += length
        while self.count >= 8:
            self.count -= 8
            byte = (self.acc >> self.count) & 0xFF
            self.out.append(byte)
            if byte == 0xFF:
                self.out.append(0)
        self.acc &= (1 << self.count) - 1

    def close(self) -> bytes:
        if self.count:
            self.put((1 << (8 - self.count)) - 1, 8 - self.count)  # pad with ones
        return bytes(self.out)


def jpeg_blocks(columns: int, rows: int, levels: list[int]) -> bytes:
    """A greyscale JPEG of ``columns`` x ``rows`` flat 8x8 blocks with the given grey ``levels``."""
    header = b"".join(
        (
            b"\xff\xd8",
            _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            _segment(0xDB, b"\x00" + b"\x01" * 64),
            _segment(0xC0, struct.pack(">BHHB", 8, rows * 8, columns * 8, 1) + b"\x01\x11\x00"),
            _segment(0xC4, b"\x00" + bytes(_DC_BITS) + bytes(_DC_VALUES)),
            _segment(0xC4, b"\x10" + bytes(_AC_BITS) + bytes(_AC_VALUES)),
            _segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
        )
    )
    bits = _Bits()
    previous = 0
    for level in levels:
        dc = 8 * (max(0, min(255, level)) - 128)  # a flat block's DC with a quantiser of 1
        diff = dc - previous
        previous = dc
        size = abs(diff).bit_length()
        code, length = _DC_CODES[size]
        bits.put(code, length)
        if size:
            bits.put(diff if diff > 0 else diff + (1 << size) - 1, size)
        bits.put(0, 1)  # end of block
    return header + bits.close() + b"\xff\xd9"


def identicon(rng: random.Random, columns: int = 40, rows: int = 30) -> tuple[bytes, int, int]:
    """A seeded symmetric pattern as a JPEG: (bytes, width, height)."""
    cells = 5
    grid = [[rng.random() < 0.5 for _ in range(3)] for _ in range(cells)]
    ink, paper = rng.randrange(20, 110), rng.randrange(170, 250)
    levels = []
    for y in range(rows):
        for x in range(columns):
            cx = min(x * cells // columns, cells - 1)
            cy = min(y * cells // rows, cells - 1)
            mirrored = cx if cx < 3 else cells - 1 - cx
            levels.append(ink if grid[cy][mirrored] else paper)
    return jpeg_blocks(columns, rows, levels), columns * 8, rows * 8
