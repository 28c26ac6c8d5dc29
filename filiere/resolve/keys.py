"""Identifiers: which record keys name the same thing across files, and how to show them.

A phone number, a Telegram id, a Snapchat username or an IMEI means the same thing in every file:
those keys are *global*. A WhatsApp display name, a Signal profile name or a phone's "owner" only
means something on the device it was read from: those keys are scoped to the seizure (the
evidence's source reference), or to the file when no seizure was given.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from filiere.i18n import tr

_GLOBAL = re.compile(r"^(phone:\+\d{6,15}|telegram:.+|snapchat:.+|instagram:.+|imei:\d{14,16}|imsi:\d{6,15})$")


def is_global(key: str) -> bool:
    return bool(_GLOBAL.match(key))


def scoped(key: str, scope: str) -> str:
    """The identifier of ``key`` as read in ``scope`` (a seizure or a file).

    The scope is shortened to a hash so that no text of the scope can be mistaken for the key.
    """
    return key if is_global(key) else f"{key}|{scope_id(scope)}"


@lru_cache(maxsize=4096)
def scope_id(scope: str) -> str:
    """The short hash that stands for a scope inside identifiers."""
    return hashlib.sha256(scope.encode()).hexdigest()[:10]


def key_and_scope(identifier: str) -> tuple[str, str | None]:
    """``(record key, scope id)``; the scope id is None for a global identifier."""
    key, sep, scope = identifier.rpartition("|")
    return (key, scope) if sep and len(scope) == 10 else (identifier, None)


def key_of(identifier: str) -> str:
    """The record key an identifier was made from."""
    return key_and_scope(identifier)[0]


def kind_of(identifier: str) -> str:
    """phone | channel | account | imei | imsi | name."""
    key = key_of(identifier)
    if key.startswith("phone:+"):
        return "phone"
    if key.startswith(("imei:", "imsi:")):
        return key.split(":", 1)[0]
    if ":channel:" in key or ":group:" in key:
        return "channel"
    if ":name:" in key:
        return "name"
    return "account"


def display(identifier: str, name: str | None = None) -> str:
    """How an investigator reads an identifier: ``+33 6 39 98 12 21``, ``WhatsApp « Dispatch »``…"""
    platform, _, rest = key_of(identifier).partition(":")
    if platform == "phone" and rest.startswith("+33") and len(rest) == 12:
        digits = rest[3:]
        return "+33 " + digits[0] + " " + " ".join(digits[i : i + 2] for i in range(1, 9, 2))
    if platform == "phone" and rest.startswith("+"):
        return rest
    if platform in ("imei", "imsi"):
        return f"{platform.upper()} {rest}"
    if rest == "owner":
        return tr("titulaire du téléphone", "phone owner") + f" ({platform})"
    label = name or rest.split(":", 1)[-1]
    pretty = {"whatsapp": "WhatsApp", "telegram": "Telegram", "signal": "Signal", "snapchat": "Snapchat",
              "sms": "SMS", "phone": "Tél."}.get(platform, platform)  # fmt: skip
    return f"{pretty} « {label} »"
