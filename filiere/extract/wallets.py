"""Crypto wallets (BTC, ETH, XMR, TRX/USDT) and IBANs written in a message, kept only when checksum-valid."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from filiere.extract.checksums import b58check, iban_valid, keccak256, segwit_version, xmr_b58decode
from filiere.extract.compiled import by_fields

_LONG_TOKEN = re.compile(r"(?<![A-Za-z0-9])(?:0x[0-9a-fA-F]{40}|[A-Za-z0-9]{25,106})(?![A-Za-z0-9])")
# IBAN: country, check digits, then groups of up to 4, spaces optional ("FR76 3000 6000 0112 ...").
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])")
# ISO 13616 registry lengths of the countries seen in French cases (others checked by mod-97 only).
_IBAN_LENGTH = {
    "FR": 27, "MC": 27, "BE": 16, "LU": 20, "CH": 21, "DE": 22, "ES": 24, "IT": 27, "PT": 25,
    "NL": 18, "GB": 22, "IE": 22, "LT": 20, "EE": 20, "MT": 31, "AT": 20, "PL": 28, "RO": 24,
    "MA": 28, "DZ": 26, "TN": 24,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Wallet:
    """A checksum-valid address: ``currency`` is BTC, ETH, XMR or TRX (TRON, where USDT circulates)."""

    currency: str
    address: str
    start: int
    end: int

    def __reduce__(self) -> tuple[type[Wallet], tuple[Any, ...]]:
        return by_fields(self)


def _eth_valid(address: str) -> bool:
    """EIP-55: mixed case must match the Keccak checksum; all one case carries no checksum."""
    body = address[2:]
    if body.lower() == body or body.upper() == body:
        return True
    digest = keccak256(body.lower().encode("ascii")).hex()
    return all(
        (low.upper() if int(digest[i], 16) >= 8 else low) == written
        for i, (low, written) in enumerate(zip(body.lower(), body, strict=True))
    )


def wallet_currency(token: str) -> str | None:
    """The currency of ``token`` if it is a checksum-valid address, else None.

    >>> wallet_currency("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    'BTC'
    """
    first = token[0]
    if token[:2] in ("0x", "0X"):
        return "ETH" if len(token) == 42 and _eth_valid(token) else None
    if token[:3].lower() == "bc1":
        return "BTC" if segwit_version(token) is not None else None
    if first in "13" and 25 <= len(token) <= 35:
        payload = b58check(token)
        return "BTC" if payload is not None and len(payload) == 21 and payload[0] in (0, 5) else None
    if first == "T" and len(token) == 34:
        payload = b58check(token)
        return "TRX" if payload is not None and len(payload) == 21 and payload[0] == 0x41 else None
    if first in "48" and len(token) in (95, 106):
        raw = xmr_b58decode(token)
        if raw is not None and len(raw) in (69, 77) and keccak256(raw[:-4])[:4] == raw[-4:]:
            return "XMR" if raw[0] in (18, 19, 42) else None
    return None


def find_wallets(text: str) -> list[Wallet]:
    """Checksum-valid wallet addresses in ``text``."""
    found = []
    for match in _LONG_TOKEN.finditer(text):
        currency = wallet_currency(match.group())
        if currency is not None:
            found.append(Wallet(currency, match.group(), match.start(), match.end()))
    return found


@dataclass(frozen=True, slots=True)
class Iban:
    """A checksum-valid IBAN, without spaces."""

    value: str
    start: int
    end: int

    def __reduce__(self) -> tuple[type[Iban], tuple[Any, ...]]:
        return by_fields(self)


def find_ibans(text: str) -> list[Iban]:
    """IBANs whose length fits their country and whose mod-97 check digits are right."""
    found = []
    upper = text.upper()
    if len(upper) != len(text):  # 'ß' upper-cases to two letters: keep offsets right
        upper = text
    for match in _IBAN.finditer(upper):
        value = match.group().replace(" ", "")
        expected = _IBAN_LENGTH.get(value[:2])
        if expected is not None and len(value) != expected:
            continue
        if iban_valid(value):
            found.append(Iban(value, match.start(), match.end()))
    return found
