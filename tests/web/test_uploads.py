"""Evidence uploaded through the browser: locked away under its SHA-256, read, reported file by file."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from fastapi.testclient import TestClient
from web_helpers import csrf_of
from workbench_case import Built

from filiere.case import Case


def test_upload_stores_reports_and_logs_each_file(built: Built, investigator: TestClient) -> None:
    first, second = b"\x00\x01 bytes no reader claims \xff", b"\x89PNG\r\n\x1a\n" + bytes(64)
    answer = investigator.post(
        f"/cases/{built.name}/evidence",
        data={"source_ref": "Scellé n°2", "tz": "Europe/Paris"},
        files=[("files", ("../../etc/passwd", first)), ("files", ("photo.bin", second))],
        headers={"X-CSRF-Token": csrf_of(investigator), "Accept": "application/json"},
    )
    assert answer.status_code == 200
    reports = answer.json()["reports"]
    assert [(r["file"], r["sha256"], r["status"], r["new"]) for r in reports] == [
        ("passwd", hashlib.sha256(first).hexdigest(), "unrecognised", True),
        ("photo.bin", hashlib.sha256(second).hexdigest(), "ingested", True),  # a PNG: kept as media
    ]
    assert "aucun lecteur ne reconnaît ce fichier" in reports[0]["error"]  # in the request's language
    with Case.open(built.cases_dir / built.name) as case:
        rows = {r.sha256: r for r in case.evidence()}
        stored = case.evidence_path(hashlib.sha256(first).hexdigest())
        actions = [(e.actor, e.action) for e in case.custody_log()]
    assert stored.read_bytes() == first and not stored.stat().st_mode & 0o222  # read-only copy
    assert rows[hashlib.sha256(first).hexdigest()].source_ref == "Scellé n°2"
    assert ("enqueteur", "evidence.add") in actions and ("enqueteur", "evidence.unrecognised") in actions
    # Nothing was written outside the case, and the scratch copies are gone.
    assert not (built.cases_dir.parent / "etc").exists()
    assert list((built.cases_dir / ".uploads").iterdir()) == []


def test_the_same_bytes_twice_add_nothing(built: Built, investigator: TestClient) -> None:
    export = (built.cases_dir.parent / "cerise-export.json").read_bytes()
    headers = {"X-CSRF-Token": csrf_of(investigator), "Accept": "application/json"}
    answer = investigator.post(
        f"/cases/{built.name}/evidence", files={"files": ("copie.json", export)}, headers=headers
    )
    [report] = answer.json()["reports"]
    assert (report["sha256"], report["new"]) == (built.sha256, False)
    with Case.open(built.cases_dir / built.name) as case:
        assert len(case.evidence()) == 1


def test_without_script_the_form_gets_a_report_page(built: Built, investigator: TestClient) -> None:
    form = {"csrf": csrf_of(investigator)}
    answer = investigator.post(f"/cases/{built.name}/evidence", data=form, files={"files": ("<img src=x>.txt", b"abc")})
    assert answer.status_code == 200
    assert "&lt;img src=x&gt;.txt" in answer.text and "<img src=x>" not in answer.text
    assert hashlib.sha256(b"abc").hexdigest() in answer.text


def test_bad_settings_are_refused_before_anything_is_stored(built: Built, investigator: TestClient) -> None:
    headers = {"X-CSRF-Token": csrf_of(investigator), "Accept": "application/json"}
    url = f"/cases/{built.name}/evidence"
    assert (
        investigator.post(url, data={"tz": "Mars/Olympus"}, files={"files": ("a", b"1")}, headers=headers).status_code
        == 400
    )
    assert (
        investigator.post(url, data={"format": "nope"}, files={"files": ("a", b"1")}, headers=headers).status_code
        == 400
    )
    assert investigator.post(url, data={}, headers=headers).status_code == 400
    with Case.open(built.cases_dir / built.name) as case:
        assert len(case.evidence()) == 1


def test_upload_form_and_script_are_on_the_dashboard(built: Built, investigator: TestClient) -> None:
    page = investigator.get(f"/cases/{built.name}").text
    assert 'enctype="multipart/form-data"' in page and '<script src="/static/upload.js"></script>' in page
    static = Path(__file__).resolve().parents[2] / "filiere" / "web" / "static"
    for script in ("upload.js", "network.js"):
        # Untrusted text reaches the page only through textContent, never parsed as HTML.
        assert not re.search(
            r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", (static / script).read_text()
        )
