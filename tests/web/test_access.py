"""Who may see and do what: login, sessions, per-case membership (404 everywhere), roles, CSRF."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from web_helpers import api_routes, csrf_of
from workbench_case import CHANNEL, CHAT, Built

from filiere.case import Case
from filiere.web import create_app


def case_urls(built: Built) -> list[str]:
    """One URL for every GET route of a case, built from the app's own route table so none is missed."""
    sample = {
        "case": built.name,
        "actor_id": str(built.actors["Cerise Dispatch"]),
        "sha256": built.sha256,
    }
    query = f"?key={CHANNEL}"
    urls = []
    for route in api_routes(create_app(built.cases_dir).routes):
        if "GET" in route.methods and "{case" in route.path:
            path = re.sub(r"\{(\w+)(:\w+)?\}", lambda m: sample[m.group(1)], route.path)
            urls.append(path + (query if path.endswith(("/conversation", "/channel", "conversation.json",
                                                        "channel.json")) else ""))  # fmt: skip
    return sorted(urls)


def test_every_case_url_works_for_a_member(built: Built, investigator: TestClient) -> None:
    urls = case_urls(built)
    assert len(urls) >= 17  # dashboard, search, conversations, conversation, actor, network, channel, map, files…
    for url in urls:
        assert investigator.get(url).status_code == 200, url


def test_a_non_member_gets_404_for_every_page_twin_and_file(
    built: Built, make_client: Callable[[str], TestClient]
) -> None:
    outsider = make_client("intrus")
    for url in case_urls(built):
        answer = outsider.get(url)
        assert answer.status_code == 404, url
        assert "Cerise" not in answer.text, url
    # ...exactly as for a case that does not exist, so a name cannot be confirmed by probing.
    assert outsider.get("/cases/nothing-here").status_code == 404
    assert outsider.get("/cases.json").json()["cases"] == []


def test_non_member_views_are_not_logged_and_member_views_are(
    built: Built, make_client: Callable[[str], TestClient]
) -> None:
    make_client("intrus").get(f"/cases/{built.name}")
    make_client("lecteur").get(f"/cases/{built.name}/search?q=beuh")
    with Case.open(built.cases_dir / built.name) as case:
        views = [e for e in case.custody_log() if e.action == "web.view"]
    assert [(e.actor, e.detail["page"], e.detail["query"]) for e in views] == [("lecteur", "search", {"q": "beuh"})]


def test_logged_out_pages_redirect_to_login_and_twins_answer_401(built: Built, app_client: TestClient) -> None:
    page = app_client.get(f"/cases/{built.name}/search?q=x", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == f"/login?next=%2Fcases%2F{built.name}%2Fsearch%3Fq%3Dx"
    assert app_client.get(f"/cases/{built.name}.json").status_code == 401
    file = app_client.get(f"/cases/{built.name}/evidence/{built.sha256}", follow_redirects=False)
    assert file.status_code == 303
    assert "fictional" not in file.text


def test_wrong_password_is_refused_then_throttled(app_client: TestClient) -> None:
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', app_client.get("/login").text)
    assert token
    for _ in range(5):
        answer = app_client.post("/login", data={"name": "enqueteur", "password": "wrong", "csrf": token.group(1)})
        assert answer.status_code == 401
    answer = app_client.post("/login", data={"name": "enqueteur", "password": "correct horse battery",
                                             "csrf": token.group(1)})  # fmt: skip
    assert answer.status_code == 429
    assert "filiere_session" not in app_client.cookies


def test_login_only_redirects_inside_the_site(app_client: TestClient) -> None:
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', app_client.get("/login").text)
    assert token
    answer = app_client.post("/login", data={"name": "enqueteur", "password": "correct horse battery",
                                             "csrf": token.group(1), "next": "//evil.invalid/x"},
                             follow_redirects=False)  # fmt: skip
    assert answer.headers["location"] == "/cases"


def test_logout_ends_the_session_on_the_server(built: Built, investigator: TestClient) -> None:
    token = investigator.cookies["filiere_session"]
    answer = investigator.post("/logout", data={"csrf": csrf_of(investigator)}, follow_redirects=False)
    assert answer.status_code == 303
    # The old cookie, replayed, no longer opens anything.
    investigator.cookies.set("filiere_session", token)
    assert investigator.get(f"/cases/{built.name}.json").status_code == 401


def post_routes(built: Built) -> list[str]:
    paths = []
    for route in api_routes(create_app(built.cases_dir).routes):
        if "POST" in route.methods:
            paths.append(re.sub(r"\{(\w+)(:\w+)?\}", built.name, route.path))
    return sorted(paths)


def test_every_post_without_its_csrf_token_is_refused(built: Built, investigator: TestClient) -> None:
    paths = post_routes(built)
    assert {"/login", "/logout", "/cases", f"/cases/{built.name}/evidence", f"/cases/{built.name}/judgements"} <= set(
        paths
    )
    for path in paths:
        assert investigator.post(path, data={"title": "x"}).status_code == 403, path
        assert investigator.post(path, data={"title": "x", "csrf": "0" * 64}).status_code == 403, path
    with Case.open(built.cases_dir / built.name) as case:
        assert case.conn.execute("SELECT COUNT(*) FROM judgements").fetchone()[0] == 0


def test_a_token_from_another_session_does_not_work(built: Built, make_client: Callable[[str], TestClient]) -> None:
    mine, theirs = make_client("enqueteur"), make_client("chef")
    answer = mine.post(f"/cases/{built.name}/judgements",
                       data={"csrf": csrf_of(theirs), "link_id": built.link_id, "decision": "confirm"})  # fmt: skip
    assert answer.status_code == 403


@pytest.mark.parametrize("action", ["judgement", "split", "upload", "create"])
def test_a_reader_cannot_change_anything(built: Built, make_client: Callable[[str], TestClient], action: str) -> None:
    reader = make_client("lecteur")
    token = csrf_of(reader)
    case = f"/cases/{built.name}"
    if action == "judgement":
        answer = reader.post(
            f"{case}/judgements", data={"csrf": token, "link_id": built.link_id, "decision": "confirm"}
        )
    elif action == "split":
        answer = reader.post(f"{case}/judgements/split",
                             data={"csrf": token, "identifier": "telegram:user501", "actor_id": 2})  # fmt: skip
    elif action == "upload":
        answer = reader.post(f"{case}/evidence", data={"csrf": token}, files={"files": ("a.txt", b"hello")})
    else:
        answer = reader.post("/cases", data={"csrf": token, "title": "Nouvelle"})
    assert answer.status_code == 403
    assert reader.get(f"{case}.json").status_code == 200  # reading is still allowed
    with Case.open(built.cases_dir / built.name) as opened:
        assert opened.conn.execute("SELECT COUNT(*) FROM judgements").fetchone()[0] == 0
        assert len(opened.evidence()) == 1
    assert sorted(p.name for p in built.cases_dir.iterdir() if p.is_dir() and not p.name.startswith(".")) == ["cerise"]


def test_an_investigator_creates_a_case_and_becomes_its_only_member(
    built: Built, make_client: Callable[[str], TestClient]
) -> None:
    mine = make_client("enqueteur")
    answer = mine.post("/cases", data={"csrf": csrf_of(mine), "title": "Opération Été 2026", "reference": "PV 9"},
                       follow_redirects=False)  # fmt: skip
    assert answer.headers["location"] == "/cases/operation-ete-2026"
    assert mine.get("/cases/operation-ete-2026.json").json()["meta"]["title"] == "Opération Été 2026"
    assert make_client("chef").get("/cases/operation-ete-2026").status_code == 404
    listed = [c["name"] for c in mine.get("/cases.json").json()["cases"]]
    assert listed == ["cerise", "operation-ete-2026"]


def test_chat_and_channel_keys_of_another_case_are_not_reachable(built: Built, investigator: TestClient) -> None:
    assert investigator.get(f"/cases/{built.name}/conversation.json?key=telegram:chat:9999").status_code == 404
    assert investigator.get(f"/cases/{built.name}/conversation.json?key={CHAT}").status_code == 200
