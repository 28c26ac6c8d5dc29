"""Wallets and IBANs: kept only when their checksum is right (test vectors from the standards)."""

from __future__ import annotations

import pytest

from filiere.extract.checksums import iban_valid, keccak256, segwit_version
from filiere.extract.wallets import find_ibans, find_wallets, wallet_currency

# Bitcoin genesis address and the P2SH example of the Bitcoin wiki (Base58Check).
BTC_P2PKH = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
BTC_P2SH = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
# BIP-173 / BIP-350 valid segwit addresses (v0 Bech32, v1 Bech32m).
BTC_V0 = "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"
BTC_V1 = "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y"
# EIP-55 test vectors (mixed-case checksum).
ETH = ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"]
# Monero project's donation address (standard, 95 characters).
XMR = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A"
# TRON: the USDT (TRC-20) contract address.
TRX = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"


def _flip(address: str, index: int) -> str:
    char = address[index]
    other = "2" if char != "2" else "3"
    return address[:index] + other + address[index + 1 :]


def test_keccak256_of_empty_input() -> None:
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"


@pytest.mark.parametrize(
    ("address", "currency"),
    [(BTC_P2PKH, "BTC"), (BTC_P2SH, "BTC"), (BTC_V0, "BTC"), (BTC_V1, "BTC"), (XMR, "XMR"), (TRX, "TRX")]
    + [(a, "ETH") for a in ETH],
)
def test_valid_addresses(address: str, currency: str) -> None:
    assert wallet_currency(address) == currency
    assert wallet_currency(_flip(address, 10)) is None


def test_eth_checksum_case_matters() -> None:
    broken = ETH[0][:3] + ETH[0][3].swapcase() + ETH[0][4:]
    assert wallet_currency(broken) is None
    assert wallet_currency(ETH[0].lower()) == "ETH"  # one case carries no checksum


def test_bech32_rules() -> None:
    assert segwit_version(BTC_V0) == 0
    assert segwit_version(BTC_V1) == 1
    assert segwit_version("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5") is None  # checksum
    assert segwit_version("bc1qw508d6qejxtdg4y5r3zarvaRY0c5xw7kv8f3t4") is None  # mixed case


def test_wallets_in_text() -> None:
    text = f"Paiement BTC {BTC_V0.lower()} ou USDT {TRX}, pas {_flip(BTC_P2PKH, 5)}"
    assert [(w.currency, w.address) for w in find_wallets(text)] == [("BTC", BTC_V0.lower()), ("TRX", TRX)]


@pytest.mark.parametrize("iban", ["FR1420041010050500013M02606", "GB82WEST12345698765432", "DE89370400440532013000"])
def test_iban_check_digits(iban: str) -> None:
    assert iban_valid(iban)
    assert not iban_valid(iban[:4] + _flip(iban[4:], 3))


def test_ibans_in_text() -> None:
    text = "Virement sur FR14 2004 1010 0505 0001 3M02 606 ou FR15 2004 1010 0505 0001 3M02 606"
    assert [i.value for i in find_ibans(text)] == ["FR1420041010050500013M02606"]
