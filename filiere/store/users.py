"""Who may use the workbench: accounts, roles, per-case membership and sessions (``users.sqlite``).

One ``users.sqlite`` sits in the folder that holds the cases. Passwords are kept as scrypt hashes
with a random salt and compared in constant time; sessions are kept as the SHA-256 of their token,
so a copy of the file lets nobody log in.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from filiere.errors import UsageError
from filiere.i18n import tr
from filiere.store.db import connect, transaction

__all__ = [
    "DB_NAME",
    "ROLES",
    "User",
    "add_user",
    "authenticate",
    "cases_of",
    "end_session",
    "get_user",
    "grant",
    "hash_password",
    "is_member",
    "list_users",
    "members",
    "new_session",
    "open_users",
    "revoke",
    "session_user",
    "set_password",
    "verify_password",
]

DB_NAME = "users.sqlite"
ROLES = ("administrator", "investigator", "reader")
MIN_PASSWORD = 10
SESSION_HOURS = 12
# scrypt cost: n=2**14, r=8 takes ~50 ms and 16 MiB per check, the figure the scrypt paper gives for
# interactive logins; parameters are stored with each hash so they can be raised later.
_N, _R, _P = 2**14, 8, 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('administrator', 'investigator', 'reader')),
    password TEXT NOT NULL,            -- scrypt$n$r$p$salt_hex$hash_hex
    created_at TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS memberships (
    user_id INTEGER NOT NULL REFERENCES users(id),
    case_name TEXT NOT NULL,           -- the case's folder name inside the cases folder
    granted_at TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    PRIMARY KEY (user_id, case_name)
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str

    @property
    def can_write(self) -> bool:
        """Investigators and administrators add evidence, create cases and record judgements."""
        return self.role in ("administrator", "investigator")

    @property
    def is_admin(self) -> bool:
        return self.role == "administrator"


def open_users(cases_dir: Path) -> sqlite3.Connection:
    """The accounts database of ``cases_dir``, created on first use."""
    path = Path(cases_dir) / DB_NAME
    new = not path.exists()
    conn = connect(path)
    if new:
        os.chmod(path, 0o600)  # password hashes and session hashes: for the server's account only
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    return conn


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


# -- passwords ------------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, expected = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(
            password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), expected)


@cache
def _dummy_hash() -> str:
    """A hash checked when the name is unknown, so that a wrong name costs as long as a wrong password."""
    return hash_password(secrets.token_hex(16))


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UsageError(
            tr(f"mot de passe trop court (au moins {MIN_PASSWORD} caractères)",
               f"password too short (at least {MIN_PASSWORD} characters)"),
            hint=tr("choisissez une phrase de passe", "choose a passphrase"),
        )  # fmt: skip


# -- accounts -------------------------------------------------------------------------------------


def _user(row: sqlite3.Row | None) -> User | None:
    return None if row is None else User(row["id"], row["name"], row["role"])


def add_user(conn: sqlite3.Connection, name: str, role: str, password: str) -> User:
    name = name.strip()
    if not name or len(name) > 64 or any(not (ch.isalnum() or ch in "._-@") for ch in name):
        raise UsageError(
            tr(f"nom d'utilisateur invalide : {name!r}", f"invalid user name: {name!r}"),
            hint=tr("lettres, chiffres et . _ - @ seulement (64 au plus)",
                    "letters, digits and . _ - @ only (64 at most)"),
        )  # fmt: skip
    if role not in ROLES:
        raise UsageError(tr(f"rôle inconnu : {role!r}", f"unknown role: {role!r}"),
                         hint=tr("rôles : ", "roles: ") + ", ".join(ROLES))  # fmt: skip
    _check_new_password(password)
    with transaction(conn):
        if conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            raise UsageError(tr(f"l'utilisateur {name} existe déjà", f"user {name} already exists"))
        cursor = conn.execute(
            "INSERT INTO users (name, role, password, created_at) VALUES (?, ?, ?, ?)",
            (name, role, hash_password(password), _iso(_now())),
        )
    return User(int(cursor.lastrowid or 0), name, role)


def set_password(conn: sqlite3.Connection, name: str, password: str) -> None:
    _check_new_password(password)
    with transaction(conn):
        user = _require(conn, name)
        conn.execute("UPDATE users SET password = ? WHERE id = ?", (hash_password(password), user.id))
        conn.execute("DELETE FROM sessions WHERE user_id = ?", (user.id,))


def get_user(conn: sqlite3.Connection, name: str) -> User | None:
    return _user(conn.execute("SELECT id, name, role FROM users WHERE name = ? AND disabled = 0", (name,)).fetchone())


def _require(conn: sqlite3.Connection, name: str) -> User:
    user = get_user(conn, name)
    if user is None:
        raise UsageError(
            tr(f"utilisateur inconnu : {name}", f"unknown user: {name}"),
            hint=tr("créez-le avec « filiere user add »", "create it with 'filiere user add'"),
        )
    return user


def list_users(conn: sqlite3.Connection) -> list[User]:
    return [User(r["id"], r["name"], r["role"]) for r in conn.execute("SELECT id, name, role FROM users ORDER BY name")]


def authenticate(conn: sqlite3.Connection, name: str, password: str) -> User | None:
    row = conn.execute("SELECT id, name, role, password FROM users WHERE name = ? AND disabled = 0", (name,)).fetchone()
    if row is None:
        verify_password(password, _dummy_hash())
        return None
    return _user(row) if verify_password(password, row["password"]) else None


# -- membership -----------------------------------------------------------------------------------


def grant(conn: sqlite3.Connection, name: str, case_name: str, by: str) -> None:
    with transaction(conn):
        user = _require(conn, name)
        conn.execute(
            "INSERT OR IGNORE INTO memberships (user_id, case_name, granted_at, granted_by) VALUES (?, ?, ?, ?)",
            (user.id, case_name, _iso(_now()), by),
        )


def revoke(conn: sqlite3.Connection, name: str, case_name: str) -> None:
    with transaction(conn):
        user = _require(conn, name)
        conn.execute("DELETE FROM memberships WHERE user_id = ? AND case_name = ?", (user.id, case_name))


def is_member(conn: sqlite3.Connection, user: User, case_name: str) -> bool:
    row = conn.execute("SELECT 1 FROM memberships WHERE user_id = ? AND case_name = ?", (user.id, case_name))
    return row.fetchone() is not None


def cases_of(conn: sqlite3.Connection, user: User) -> list[str]:
    rows = conn.execute("SELECT case_name FROM memberships WHERE user_id = ? ORDER BY case_name", (user.id,))
    return [r[0] for r in rows]


def members(conn: sqlite3.Connection, case_name: str) -> list[User]:
    rows = conn.execute(
        "SELECT u.id, u.name, u.role FROM memberships m JOIN users u ON u.id = m.user_id"
        " WHERE m.case_name = ? AND u.disabled = 0 ORDER BY u.name",
        (case_name,),
    )
    return [User(r["id"], r["name"], r["role"]) for r in rows]


# -- sessions -------------------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_session(conn: sqlite3.Connection, user: User, hours: int = SESSION_HOURS) -> str:
    """A fresh random token for ``user``; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    now = _now()
    with transaction(conn):
        conn.execute("DELETE FROM sessions WHERE expires_at < ?", (_iso(now),))
        conn.execute(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
            (_token_hash(token), user.id, _iso(now), _iso(now + timedelta(hours=hours))),
        )
    return token


def session_user(conn: sqlite3.Connection, token: str) -> User | None:
    row = conn.execute(
        "SELECT u.id, u.name, u.role FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0",
        (_token_hash(token), _iso(_now())),
    ).fetchone()
    return _user(row)


def end_session(conn: sqlite3.Connection, token: str) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM sessions WHERE token_hash = ?", (_token_hash(token),))
