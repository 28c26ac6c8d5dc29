"""Fixtures of the workbench tests: a fictional case folder, the app, and logged-in clients."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import login
from workbench_case import Built, build

from filiere.store import users
from filiere.web import create_app


@pytest.fixture(autouse=True)
def _cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Interactive-login scrypt cost is 50 ms a hash; tests log in often, so they use a lower cost
    (the cost is stored with each hash, so checking works the same)."""
    monkeypatch.setattr(users, "_N", 2**10)


@pytest.fixture
def built(tmp_path: Path, _cheap_scrypt: None) -> Built:
    return build(tmp_path / "cases")


@pytest.fixture
def app_client(built: Built) -> Iterator[TestClient]:
    with TestClient(create_app(built.cases_dir)) as client:
        yield client


@pytest.fixture
def investigator(app_client: TestClient) -> TestClient:
    return login(app_client, "enqueteur")


@pytest.fixture
def make_client(built: Built) -> Iterator[object]:
    """Another browser: ``make_client("lecteur")`` is a client logged in as that user."""
    app = create_app(built.cases_dir)
    opened: list[TestClient] = []

    def make(name: str | None) -> TestClient:
        client = TestClient(app)
        client.__enter__()
        opened.append(client)
        return login(client, name) if name else client

    yield make
    for client in opened:
        client.__exit__(None, None, None)
