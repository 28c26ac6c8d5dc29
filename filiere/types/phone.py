"""Phone numbers: normalise to E.164 or say nothing."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

DEFAULT_REGION = "FR"

_JUNK = re.compile(r"[^\d+]")


@lru_cache(maxsize=65536)
def normalize_phone(raw: str | None, region: str = DEFAULT_REGION) -> str | None:
    """Return the E.164 form of ``raw``, or None when it is not a phone number.

    >>> normalize_phone("06 39 98 12 21")
    '+33639981221'
    >>> normalize_phone("0033 6 39 98 12 21")
    '+33639981221'
    >>> normalize_phone("ORANGE") is None
    True

    Numbers only need to be *possible* (right length for their country), not assigned: ARCEP's
    ranges reserved for fiction, and new ranges the library does not know yet, must still match.
    Short codes (3 to 5 digits) are not phone numbers of a person and give None.
    """
    if not raw:
        return None
    text = raw.strip()
    digits = _JUNK.sub("", text)
    if len(digits.lstrip("+")) < 6 or len(digits) > 17:
        return None
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
