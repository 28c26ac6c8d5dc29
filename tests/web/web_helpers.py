"""Helpers of the workbench tests: logging a test client in, reading a page's CSRF token, listing routes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from workbench_case import PASSWORD


def login(client: TestClient, name: str, password: str = PASSWORD) -> TestClient:
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text)
    assert token, page.text
    answer = client.post("/login", data={"name": name, "password": password, "csrf": token.group(1)},
                         follow_redirects=False)  # fmt: skip
    assert answer.status_code == 303, answer.text
    return client


def api_routes(routes: Iterable[Any]) -> Iterator[APIRoute]:
    """Every route of the app, looking inside included routers."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(route, "original_router", None) or getattr(route, "router", None)
        if inner is not None and hasattr(inner, "routes"):
            yield from api_routes(inner.routes)


def csrf_of(client: TestClient, path: str = "/cases") -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get(path).text)
    assert found
    return found.group(1)
