"""The accounts store: scrypt hashes, roles, membership, sessions kept as hashes."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from filiere.errors import UsageError
from filiere.store import users


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = users.open_users(tmp_path)
    yield connection
    connection.close()


def test_passwords_are_salted_scrypt_hashes(conn: sqlite3.Connection, tmp_path: Path) -> None:
    one, two = users.hash_password("même phrase de passe"), users.hash_password("même phrase de passe")
    assert one != two and one.startswith("scrypt$") and "même" not in one
    assert users.verify_password("même phrase de passe", one)
    assert not users.verify_password("meme phrase de passe", one)
    assert not users.verify_password("x", "md5$abc") and not users.verify_password("x", "garbage")
    users.add_user(conn, "alice", "investigator", "une longue phrase")
    stored = conn.execute("SELECT password FROM users").fetchone()[0]
    assert "une longue phrase" not in stored
    assert stat.S_IMODE((tmp_path / users.DB_NAME).stat().st_mode) == 0o600


def test_authenticate(conn: sqlite3.Connection) -> None:
    created = users.add_user(conn, "alice", "reader", "une longue phrase")
    assert users.authenticate(conn, "alice", "une longue phrase") == created
    assert users.authenticate(conn, "alice", "une longue phrasE") is None
    assert users.authenticate(conn, "bob", "une longue phrase") is None
    assert not created.can_write and not created.is_admin


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("alice", "boss", "une longue phrase", "unknown role"),
        ("al ice", "reader", "une longue phrase", "invalid user name"),
        ("", "reader", "une longue phrase", "invalid user name"),
        ("alice", "reader", "court", "password too short"),
    ],
)
def test_bad_accounts_are_refused(conn: sqlite3.Connection, name: str, role: str, password: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        users.add_user(conn, name, role, password)
    assert users.list_users(conn) == []


def test_names_are_unique(conn: sqlite3.Connection) -> None:
    users.add_user(conn, "alice", "reader", "une longue phrase")
    with pytest.raises(UsageError, match="already exists"):
        users.add_user(conn, "alice", "administrator", "une autre phrase")


def test_membership(conn: sqlite3.Connection) -> None:
    alice = users.add_user(conn, "alice", "investigator", "une longue phrase")
    users.grant(conn, "alice", "cerise", by="chef")
    users.grant(conn, "alice", "cerise", by="chef")  # granting twice changes nothing
    users.grant(conn, "alice", "abricot", by="chef")
    assert users.cases_of(conn, alice) == ["abricot", "cerise"]
    assert users.is_member(conn, alice, "cerise") and not users.is_member(conn, alice, "datte")
    assert users.members(conn, "cerise") == [alice]
    users.revoke(conn, "alice", "cerise")
    assert users.cases_of(conn, alice) == ["abricot"]
    with pytest.raises(UsageError, match="unknown user"):
        users.grant(conn, "bob", "cerise", by="chef")


def test_sessions_are_stored_as_hashes_and_end(conn: sqlite3.Connection) -> None:
    alice = users.add_user(conn, "alice", "investigator", "une longue phrase")
    token = users.new_session(conn, alice)
    assert users.session_user(conn, token) == alice
    assert conn.execute("SELECT COUNT(*) FROM sessions WHERE token_hash = ?", (token,)).fetchone()[0] == 0
    assert users.session_user(conn, token + "x") is None
    users.end_session(conn, token)
    assert users.session_user(conn, token) is None


def test_expired_sessions_and_new_passwords_close_sessions(conn: sqlite3.Connection) -> None:
    alice = users.add_user(conn, "alice", "investigator", "une longue phrase")
    assert users.session_user(conn, users.new_session(conn, alice, hours=0)) is None
    token = users.new_session(conn, alice)
    users.set_password(conn, "alice", "une nouvelle phrase")
    assert users.session_user(conn, token) is None
    assert users.authenticate(conn, "alice", "une nouvelle phrase") == alice
