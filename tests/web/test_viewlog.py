"""A case busy reading evidence still shows its pages; the views reach the custody log afterwards."""

from __future__ import annotations

import sqlite3

from fastapi.testclient import TestClient
from workbench_case import Built

from filiere.case import Case


def views(built: Built) -> list[dict[str, object]]:
    with Case.open(built.cases_dir / built.name) as case:
        return [e.detail for e in case.custody_log() if e.action == "web.view"]


def test_views_during_a_long_write_are_served_then_logged_in_order(investigator: TestClient, built: Built) -> None:
    before = len(views(built))
    writer = sqlite3.connect(built.cases_dir / built.name / "case.sqlite", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # as `filiere add` holds it while it reads a large file
    try:
        first = investigator.get(f"/cases/{built.name}.json")
        second = investigator.get(f"/cases/{built.name}/search.json?q=beuh")
        assert first.status_code == 200 and second.status_code == 200
        assert len(views(built)) == before  # the log could not be written yet
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    investigator.get(f"/cases/{built.name}.json")
    logged = views(built)[before:]
    assert [v["path"] for v in logged] == [
        f"/cases/{built.name}.json",
        f"/cases/{built.name}/search.json",
        f"/cases/{built.name}.json",
    ]
    assert all("viewed_at" in v for v in logged)
