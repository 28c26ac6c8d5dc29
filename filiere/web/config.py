"""The workbench's settings and its secret, kept once per cases folder."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

SECRET_NAME = ".filiere-web-secret"


@dataclass(frozen=True, slots=True)
class WebConfig:
    """Where the cases are and how cookies are sent.

    ``secure_cookies`` marks cookies ``Secure``: turn it on when a TLS proxy sits in front, off for the
    plain loopback HTTP a single workstation uses.
    """

    cases_dir: Path
    secret: bytes
    secure_cookies: bool = False
    session_hours: int = 12


def load_secret(cases_dir: Path) -> bytes:
    """The secret of this cases folder, made on first use in a file only the server's account reads."""
    path = Path(cases_dir) / SECRET_NAME
    try:
        with open(path, "rb") as fh:
            value = fh.read()
        if len(value) >= 32:
            return value
    except FileNotFoundError:
        pass
    value = secrets.token_hex(32).encode("ascii")
    # O_EXCL: two servers started at once must not each write a different secret.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as fh:
        fh.write(value)
    return value
