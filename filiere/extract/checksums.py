"""Checksums of payment identifiers: Base58Check, Monero Base58, Bech32/Bech32m, Keccak-256, IBAN mod-97.

Pure functions, no dependency: they only say whether a string is well-formed, never touch a wallet.
"""

from __future__ import annotations

import hashlib

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {char: index for index, char in enumerate(B58)}


def b58decode(text: str) -> bytes | None:
    """Bitcoin-style Base58 to bytes (leading '1's are zero bytes); None on a foreign character."""
    number = 0
    for char in text:
        digit = _B58_INDEX.get(char)
        if digit is None:
            return None
        number = number * 58 + digit
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\x00" * (len(text) - len(text.lstrip("1"))) + body


def b58check(text: str) -> bytes | None:
    """The payload of a Base58Check string (version byte included), or None if the checksum fails."""
    raw = b58decode(text)
    if raw is None or len(raw) < 5:
        return None
    payload, checksum = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != checksum:
        return None
    return payload


# Monero cuts Base58 into blocks of 8 bytes (11 characters); the last block is shorter.
_XMR_BLOCK = {0: 0, 2: 1, 3: 2, 5: 3, 6: 4, 7: 5, 9: 6, 10: 7, 11: 8}


def xmr_b58decode(text: str) -> bytes | None:
    """Monero's block Base58 to bytes, or None when malformed."""
    out = bytearray()
    for offset in range(0, len(text), 11):
        block = text[offset : offset + 11]
        size = _XMR_BLOCK.get(len(block))
        if size is None:
            return None
        number = 0
        for char in block:
            digit = _B58_INDEX.get(char)
            if digit is None:
                return None
            number = number * 58 + digit
        if number >= 1 << (8 * size):
            return None
        out += number.to_bytes(size, "big")
    return bytes(out)


_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_CONST, _BECH32M_CONST = 1, 0x2BC830A3


def _bech32_polymod(values: list[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    check = 1
    for value in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ value
        for index in range(5):
            check ^= generator[index] if (top >> index) & 1 else 0
    return check


def segwit_version(address: str, hrp: str = "bc") -> int | None:
    """The witness version of a valid Bech32 (v0) or Bech32m (v1+) address of ``hrp``, else None."""
    if address.lower() != address and address.upper() != address:
        return None  # mixed case is invalid (BIP-173)
    text = address.lower()
    if not text.startswith(hrp + "1") or not 14 <= len(text) <= 90:
        return None
    data = []
    for char in text[len(hrp) + 1 :]:
        index = _BECH32_CHARSET.find(char)
        if index < 0:
            return None
        data.append(index)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    constant = _bech32_polymod(expanded + data)
    version = data[0]
    if version > 16 or len(data) < 7:
        return None
    wanted = _BECH32_CONST if version == 0 else _BECH32M_CONST
    if constant != wanted:
        return None
    program_bits = (len(data) - 7) * 5
    program_bytes = program_bits // 8
    if not 2 <= program_bytes <= 40 or (version == 0 and program_bytes not in (20, 32)):
        return None
    return version


_KECCAK_ROUNDS = (
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
    0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
    0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
)  # fmt: skip
_ROTATIONS = (
    (0, 36, 3, 41, 18), (1, 44, 10, 45, 2), (62, 6, 43, 15, 61), (28, 55, 25, 21, 56), (27, 20, 39, 8, 14),
)  # fmt: skip
_MASK = (1 << 64) - 1


def _rotl(value: int, shift: int) -> int:
    return ((value << shift) | (value >> (64 - shift))) & _MASK if shift else value


def _keccak_f(lanes: list[list[int]]) -> None:
    for constant in _KECCAK_ROUNDS:
        column = [lanes[x][0] ^ lanes[x][1] ^ lanes[x][2] ^ lanes[x][3] ^ lanes[x][4] for x in range(5)]
        delta = [column[(x - 1) % 5] ^ _rotl(column[(x + 1) % 5], 1) for x in range(5)]
        for x in range(5):
            for y in range(5):
                lanes[x][y] ^= delta[x]
        moved = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                moved[y][(2 * x + 3 * y) % 5] = _rotl(lanes[x][y], _ROTATIONS[x][y])
        for x in range(5):
            for y in range(5):
                lanes[x][y] = moved[x][y] ^ (~moved[(x + 1) % 5][y] & moved[(x + 2) % 5][y])
        lanes[0][0] ^= constant


def keccak256(data: bytes) -> bytes:
    """Keccak-256 as Ethereum and Monero use it (original padding, not NIST SHA3-256)."""
    rate = 136
    padded = bytearray(data) + b"\x01"
    padded += b"\x00" * (-len(padded) % rate)
    padded[-1] |= 0x80
    lanes = [[0] * 5 for _ in range(5)]
    for offset in range(0, len(padded), rate):
        block = padded[offset : offset + rate]
        for index in range(rate // 8):
            x, y = index % 5, index // 5
            lanes[x][y] ^= int.from_bytes(block[8 * index : 8 * index + 8], "little")
        _keccak_f(lanes)
    return b"".join(lanes[i % 5][i // 5].to_bytes(8, "little") for i in range(4))


def iban_valid(iban: str) -> bool:
    """ISO 13616 check digits: the rearranged number modulo 97 is 1.

    >>> iban_valid("FR1420041010050500013M02606")
    True
    """
    text = iban.replace(" ", "").upper()
    if len(text) < 15 or not text.isalnum() or not text[:2].isalpha() or not text[2:4].isdigit():
        return False
    digits = "".join(str(int(char, 36)) for char in text[4:] + text[:4])
    return int(digits) % 97 == 1
