"""Confirming, rejecting and splitting identity links: stored for the analysis, logged in custody."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from web_helpers import csrf_of
from workbench_case import DISPATCH_PHONE, Built

from filiere.case import Case


def _judgements(built: Built) -> list[tuple[str, str, str, str, str | None]]:
    with Case.open(built.cases_dir / built.name) as case:
        rows = case.conn.execute("SELECT user, decision, a, b, note FROM judgements ORDER BY id").fetchall()
    return [tuple(r) for r in rows]


def _custody(built: Built, prefix: str = "judgement.") -> list[tuple[str, str, dict[str, object]]]:
    with Case.open(built.cases_dir / built.name) as case:
        return [(e.actor, e.action, e.detail) for e in case.custody_log() if e.action.startswith(prefix)]


def test_confirm_a_link(built: Built, investigator: TestClient) -> None:
    dispatch = built.actors["Cerise Dispatch"]
    answer = investigator.post(
        f"/cases/{built.name}/judgements",
        data={"csrf": csrf_of(investigator), "link_id": built.link_id, "decision": "confirm", "actor_id": dispatch,
              "note": "vu en audition"},
        follow_redirects=False,
    )  # fmt: skip
    assert answer.status_code == 303 and answer.headers["location"] == f"/cases/{built.name}/actors/{dispatch}"
    assert _judgements(built) == [("enqueteur", "confirm", "telegram:user501", DISPATCH_PHONE, "vu en audition")]
    [(actor, action, detail)] = _custody(built)
    assert (actor, action) == ("enqueteur", "judgement.confirm")
    assert detail == {"a": "telegram:user501", "b": DISPATCH_PHONE, "note": "vu en audition"}
    link = investigator.get(f"/cases/{built.name}/actors/{dispatch}.json").json()["links"][0]
    assert link["judgement"]["decision"] == "confirm" and link["judgement"]["user"] == "enqueteur"


def test_reject_then_the_latest_decision_shows(built: Built, make_client: Callable[[str], TestClient]) -> None:
    chef, enqueteur = make_client("chef"), make_client("enqueteur")
    for client, decision in ((enqueteur, "confirm"), (chef, "reject")):
        client.post(f"/cases/{built.name}/judgements",
                    data={"csrf": csrf_of(client), "link_id": built.link_id, "decision": decision})  # fmt: skip
    assert [(u, d) for u, d, *_ in _judgements(built)] == [("enqueteur", "confirm"), ("chef", "reject")]
    assert [a for _, a, _ in _custody(built)] == ["judgement.confirm", "judgement.reject"]
    link = enqueteur.get(f"/cases/{built.name}/actors/{built.actors['Cerise Dispatch']}.json").json()["links"][0]
    assert (link["judgement"]["decision"], link["judgement"]["user"]) == ("reject", "chef")


def test_bad_decisions_change_nothing(built: Built, investigator: TestClient) -> None:
    token = csrf_of(investigator)
    url = f"/cases/{built.name}/judgements"
    assert (
        investigator.post(url, data={"csrf": token, "link_id": built.link_id, "decision": "merge"}).status_code == 400
    )
    assert investigator.post(url, data={"csrf": token, "link_id": 999, "decision": "confirm"}).status_code == 400
    assert investigator.post(url, data={"csrf": token, "link_id": "x", "decision": "confirm"}).status_code == 400
    assert _judgements(built) == [] and _custody(built) == []


def test_split_rejects_the_identifier_with_each_other_one(built: Built, investigator: TestClient) -> None:
    dispatch = built.actors["Cerise Dispatch"]
    answer = investigator.post(
        f"/cases/{built.name}/judgements/split",
        data={
            "csrf": csrf_of(investigator),
            "identifier": DISPATCH_PHONE,
            "actor_id": dispatch,
            "note": "deux personnes",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert _judgements(built) == [("enqueteur", "reject", DISPATCH_PHONE, "telegram:user501", "deux personnes")]
    [(actor, action, detail)] = _custody(built)
    assert (actor, action, detail["out"], detail["stay"]) == (
        "enqueteur",
        "judgement.split",
        [DISPATCH_PHONE],
        ["telegram:user501"],
    )
    # An identifier that is not the actor's is not split from it: a message, and nothing stored.
    other = investigator.post(
        f"/cases/{built.name}/judgements/split",
        data={"csrf": csrf_of(investigator), "identifier": DISPATCH_PHONE, "actor_id": built.actors["Nino Livreur"]},
    )
    assert other.status_code == 400 and "appartient pas" in other.text  # in the request's language
    assert len(_judgements(built)) == 1


def test_the_actor_page_offers_the_buttons_to_writers_only(
    built: Built, make_client: Callable[[str], TestClient]
) -> None:
    url = f"/cases/{built.name}/actors/{built.actors['Cerise Dispatch']}"
    page = make_client("enqueteur").get(url).text
    assert 'name="decision" value="confirm"' in page and 'name="decision" value="reject"' in page
    assert "/judgements/split" in page
    reader_page = make_client("lecteur").get(url).text
    assert 'name="decision"' not in reader_page and "/judgements/split" not in reader_page
