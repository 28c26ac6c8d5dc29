"""The pages' JSON twins and what their HTML shows, on the fictional case of ``workbench_case``."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from workbench_case import CHANNEL, CHAT, DISPATCH_PHONE, SUCCESSOR, Built

from filiere.case import Case
from filiere.resolve.keys import scope_id
from filiere.store import facts
from filiere.store.search import MARK_CLOSE, MARK_OPEN


def test_cases_list_shows_only_the_users_cases(built: Built, investigator: TestClient) -> None:
    cases = investigator.get("/cases.json").json()["cases"]
    assert cases == [{"name": "cerise", "title": "Affaire Cerise (fictive)", "reference": "PV 2026/0007",
                      "created_at": cases[0]["created_at"], "evidence": 1}]  # fmt: skip


def test_dashboard_twin(built: Built, investigator: TestClient) -> None:
    data = investigator.get(f"/cases/{built.name}.json").json()
    assert [(e["sha256"], e["name"], e["status"], e["source_ref"]) for e in data["evidence"]] == [
        (built.sha256, "cerise-export.json", "stored", "Scellé n°1")
    ]
    assert data["counts"] == {"evidence": 1, "conversations": 3, "accounts": 2, "messages": 6, "calls": 4,
                              "contacts": 0, "actors": 3, "trade_messages": 2, "proposed_links": 1}  # fmt: skip
    messages = data["heatmap"]["messages"]
    # Local times: Mondays 2 and 9 March at 12:00 and 12:05, Tuesday 21:15 and 21:20, Wednesday 09:00 and 10:30.
    assert messages[0][12] == 2 and messages[1][21] == 2 and messages[2][9] == 1 and messages[2][10] == 1
    assert sum(map(sum, messages)) == 6
    assert sum(map(sum, data["heatmap"]["calls"])) == 4 and data["heatmap"]["calls"][1][14] == 1
    week = {"week": "2026-03-02", "n": 1, "mean": 10.0, "low": 10.0, "high": 10.0}
    herb = {"product": "cannabis_herb", "unit": "g", "currency": "EUR", "n": 1, "inferred": 0, "points": [week]}
    assert data["prices"] == [herb]  # "10€ le g": its currency written
    assert [a["label"] for a in data["key_actors"]] == ["Cerise Dispatch", "Cerise Livraison", "Nino Livreur"]
    assert [m["id"] for m in data["latest_trade"]] == [built.ids["handoff"], built.ids["menu"]]
    assert [c["action"] for c in data["custody"]][:3] == ["web.view", "evidence.add", "case.create"]


def test_dashboard_page_in_french_and_in_english(built: Built, investigator: TestClient) -> None:
    french = investigator.get(f"/cases/{built.name}").text
    assert '<html lang="fr">' in french and "Pièces" in french and "Journal de traçabilité" in french
    assert built.sha256 in french
    english = investigator.get(f"/cases/{built.name}?lang=en")
    assert '<html lang="en">' in english.text and "Evidence" in english.text and "Custody log" in english.text
    # The choice is kept in a cookie for the next pages.
    assert '<html lang="en">' in investigator.get(f"/cases/{built.name}/search").text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=BEUH", ["menu"]),  # case ignored
        ("q=reunion", ["meeting"]),  # accents ignored
        ("q=%22de+midi+%C3%A0+minuit%22", ["menu"]),  # phrase
        ("q=%22midi+de%22", []),  # a phrase is not a bag of words
        ("q=livr*", ["menu"]),  # prefix of "livraison"; the sender name "Nino Livreur" is not message text
        ("q=gril*&trade=1", ["handoff"]),
        ("category=offer", ["menu"]),
        ("product=cannabis_herb", ["menu"]),
        ("category=handoff&q=numero", ["handoff"]),
        (f"conversation={CHAT}&q=la", ["meeting", "forward", "reply"]),
        ("from=2026-03-04&to=2026-03-04", ["meeting", "forward"]),
        ("to=2026-03-02", ["menu"]),
        ("from=not-a-date&q=jeudi", ["meeting"]),
    ],
)
def test_search_twin(built: Built, investigator: TestClient, query: str, expected: list[str]) -> None:
    data = investigator.get(f"/cases/{built.name}/search.json?{query}").json()
    names = {v: k for k, v in built.ids.items()}
    found = [names[h["id"]] for h in data["hits"]]
    assert found == expected
    assert data["total"] == len(expected)


def test_search_by_actor_uses_all_its_identifiers(built: Built, investigator: TestClient) -> None:
    data = investigator.get(f"/cases/{built.name}/search.json?actor={built.actors['Cerise Dispatch']}").json()
    assert [h["id"] for h in data["hits"]] == [built.ids["meeting"], built.ids["hostile"]]
    assert data["actor"] == {"id": built.actors["Cerise Dispatch"], "label": "Cerise Dispatch"}
    assert investigator.get(f"/cases/{built.name}/search.json?actor=999").json()["hits"] == []


def test_search_highlights_hits_in_the_page(built: Built, investigator: TestClient) -> None:
    page = investigator.get(f"/cases/{built.name}/search?q=%22de+midi%22").text
    assert "<mark>de midi</mark>" in page
    assert MARK_OPEN not in page and MARK_CLOSE not in page
    assert f"conversation?key={CHANNEL.replace(':', '%3A')}&amp;at={built.ids['menu']}" in page


def test_conversation_twin_links_replies_forwards_and_sources(built: Built, investigator: TestClient) -> None:
    data = investigator.get(f"/cases/{built.name}/conversation.json?key={CHAT}").json()
    assert data["conversation"]["title"] == "Nino" and data["conversation"]["messages"] == 4
    messages = data["messages"]
    assert [m["native_id"] for m in messages] == ["3", "4", "5", "6"]
    reply, forward = messages[1], messages[2]
    assert reply["reply_to"] == "3" and reply["reply_on_page"] is True
    assert forward["forwarded_from"] == CHANNEL and forward["forward_is_conversation"] is True
    assert {(m["evidence"], m["locator"]) for m in messages} >= {(built.sha256, "messages[4] id=4")}
    page = investigator.get(f"/cases/{built.name}/conversation?key={CHAT}").text
    assert 'href="#n-3"' in page and 'id="n-3"' in page
    assert f'href="/cases/{built.name}/conversation?key={CHANNEL.replace(":", "%3A")}">Cerise Livraison 🍒</a>' in page
    assert f'<code title="SHA-256">{built.sha256}</code> · messages[4] id=4' in page


def test_conversation_marks_detection_evidence_with_rules(built: Built, investigator: TestClient) -> None:
    page = investigator.get(f"/cases/{built.name}/conversation?key={CHANNEL}").text
    assert '<mark class="ev" title="product:cannabis_herb">beuh</mark>' in page
    assert '<mark class="ev" title="hours">de midi à minuit</mark>' in page
    assert "bubble flagged" in page


def test_conversation_pages_and_reply_targets(built: Built, investigator: TestClient) -> None:
    case = f"/cases/{built.name}/conversation.json?key={CHAT}"
    later = investigator.get(f"{case}&after={built.ids['reply']}").json()
    assert [m["native_id"] for m in later["messages"]] == ["5", "6"] and later["earlier"] and not later["later"]
    earlier = investigator.get(f"{case}&before={built.ids['forward']}").json()
    assert [m["native_id"] for m in earlier["messages"]] == ["3", "4"]
    target = investigator.get(f"/cases/{built.name}/conversation?key={CHAT}&native=3", follow_redirects=False)
    assert target.status_code == 303 and f"at={built.ids['hostile']}" in target.headers["location"]
    assert investigator.get(f"{case}&native=404").status_code == 404


def test_actor_twin(built: Built, investigator: TestClient) -> None:
    dispatch = built.actors["Cerise Dispatch"]
    data = investigator.get(f"/cases/{built.name}/actors/{dispatch}.json").json()
    assert data["actor"]["role"] == "dispatcher"
    assert data["actor"]["roles"][0]["reasons"][0]["en"] == "gives addresses to couriers"
    assert [i["identifier"] for i in data["identifiers"]] == ["telegram:user501", DISPATCH_PHONE]
    assert data["names"] == [{"name": "Cerise Dispatch", "n": 3}]
    assert [(link["a"], link["b"], link["status"], link["judgement"]) for link in data["links"]] == [
        ("telegram:user501", DISPATCH_PHONE, "proposed", None)
    ]
    assert [(c["label"], c["n"], c["kinds"]) for c in data["contacts"]] == [
        ("Nino Livreur", 7, ["call", "message"]),
        ("Cerise Livraison", 1, ["advertises"]),
    ]
    assert investigator.get(f"/cases/{built.name}/actors/999.json").status_code == 404


def test_actor_places_are_the_cells_of_its_own_lines(built: Built, investigator: TestClient) -> None:
    courier = investigator.get(f"/cases/{built.name}/actors/{built.actors['Nino Livreur']}.json").json()
    assert [(p["cell_id"], p["n"]) for p in courier["places"]] == [("208-01-1101", 2), ("208-01-1102", 1),
                                                                   ("208-01-1103", 1)]  # fmt: skip
    # The dispatcher only received these calls: the cells are the courier's, not his.
    dispatch = investigator.get(f"/cases/{built.name}/actors/{built.actors['Cerise Dispatch']}.json").json()
    assert dispatch["places"] == []


def test_actor_reasons_follow_the_language(built: Built, investigator: TestClient) -> None:
    url = f"/cases/{built.name}/actors/{built.actors['Cerise Dispatch']}"
    assert "donne les adresses aux livreurs" in investigator.get(url + "?lang=fr").text
    english = investigator.get(url + "?lang=en").text
    assert "gives addresses to couriers" in english and "the number the channel advertises" in english


def test_network_twin_filters_by_relation_and_day(built: Built, investigator: TestClient) -> None:
    case = f"/cases/{built.name}/network.json"
    overview = investigator.get(case).json()
    assert [n["label"] for n in overview["nodes"]] == ["Cerise Dispatch", "Cerise Livraison", "Nino Livreur"]
    assert sorted(e["kind"] for e in overview["edges"]) == ["advertises", "call", "message"]
    assert overview["metrics"] == ["betweenness", "degree", "pagerank"]
    calls = investigator.get(f"{case}?kind=call").json()
    assert [(e["kind"], e["count"], e["duration_s"]) for e in calls["edges"]] == [("call", 4, 160)]
    later = investigator.get(f"{case}?from=2026-03-04").json()
    assert [e["kind"] for e in later["edges"]] == ["advertises"]  # timeless relations stay
    by_degree = investigator.get(f"{case}?metric=betweenness").json()
    assert by_degree["nodes"][0]["score"] == 0.6


def test_network_expansion_gives_the_neighbours(built: Built, investigator: TestClient) -> None:
    courier = built.actors["Nino Livreur"]
    data = investigator.get(f"/cases/{built.name}/network.json?focus={courier}").json()
    assert [n["label"] for n in data["nodes"]] == ["Nino Livreur", "Cerise Dispatch"]
    assert {e["kind"] for e in data["edges"]} == {"call", "message"}
    page = investigator.get(f"/cases/{built.name}/network").text
    assert '<script src="/static/vendor/cytoscape.min.js"></script>' in page


def test_channel_twin(built: Built, investigator: TestClient) -> None:
    data = investigator.get(f"/cases/{built.name}/channel.json?key={CHANNEL}").json()
    assert [(r["channel"], r["successor"]) for r in data["lineage"]] == [(CHANNEL, SUCCESSOR)]
    assert data["titles"][SUCCESSOR] == "Cerise Livraison 2"
    assert [m["id"] for m in data["menu"]] == [built.ids["menu"]]
    assert [(h["from"], h["to"], h["days"]) for h in data["hours"]] == [("12:00", "00:00", ["mon", "tue"])]
    assert [(z["kind"], z["value"]) for z in data["zones"]] == [("arrondissement", "75011")]
    assert [(h["platform"], h["value"]) for h in data["handoffs"]] == [("signal", "+33639981202")]
    # The successor's sheet shows the same lineage from the other side.
    successor = investigator.get(f"/cases/{built.name}/channel.json?key={SUCCESSOR}").json()
    assert [(r["channel"], r["successor"]) for r in successor["lineage"]] == [(CHANNEL, SUCCESSOR)]
    assert investigator.get(f"/cases/{built.name}/channel.json?key=nope").status_code == 404


def test_map_twin_gives_the_couriers_day_in_time_order(built: Built, investigator: TestClient) -> None:
    courier = built.actors["Nino Livreur"]
    data = investigator.get(f"/cases/{built.name}/map.json?actor={courier}").json()
    assert data["couriers"] == [{"id": courier, "label": "Nino Livreur"}]
    assert data["days"] == [{"day": "2026-03-03", "n": 3}, {"day": "2026-03-04", "n": 1}]
    assert data["day"] == "2026-03-03"  # the busiest day when none is asked
    assert [(s["local_time"][11:16], s["cell_id"]) for s in data["tour"]] == [
        ("10:00", "208-01-1101"),
        ("11:30", "208-01-1102"),
        ("14:45", "208-01-1103"),
    ]
    other_day = investigator.get(f"/cases/{built.name}/map.json?actor={courier}&day=2026-03-04").json()
    assert [s["cell_id"] for s in other_day["tour"]] == ["208-01-1101"]
    page = investigator.get(f"/cases/{built.name}/map?actor={courier}").text
    assert page.count('class="stop"') == 3 and '<polyline points="' in page


PAGES = [
    ("dashboard", ""),
    ("search", "/search?q=beuh"),
    ("conversations", "/conversations"),
    ("conversation", f"/conversation?key={CHAT}"),
    ("actor", "/actors/2"),
    ("network", "/network"),
    ("network.gexf", "/network.gexf"),
    ("channel", f"/channel?key={CHANNEL}"),
    ("map", "/map?actor=3"),
]


@pytest.mark.parametrize(("page", "path"), PAGES)
@pytest.mark.parametrize("twin", [False, True])
def test_every_view_is_written_to_the_custody_log(built: Built, investigator: TestClient, page: str, path: str,
                                                  twin: bool) -> None:  # fmt: skip
    if twin and page == "network.gexf":
        return
    base, _, query = path.partition("?")
    url = f"/cases/{built.name}{base}{'.json' if twin else ''}" + (f"?{query}" if query else "")
    assert investigator.get(url).status_code == 200
    with Case.open(built.cases_dir / built.name) as case:
        last = case.custody_log()[-1]
    assert (last.actor, last.action, last.detail["page"]) == ("enqueteur", "web.view", page)
    assert last.detail["path"] == url.partition("?")[0]


def test_scoped_identifiers_find_their_records(built: Built, investigator: TestClient) -> None:
    """An identifier scoped to a seizure (``key|scope``) finds the messages carrying its key in the files
    of that seizure, and only there."""
    dispatch = built.actors["Cerise Dispatch"]
    with Case.open(built.cases_dir / built.name) as case:
        scope = scope_id(facts.scopes(case.conn)[built.sha256])
        case.conn.execute(
            "UPDATE actor_identifiers SET identifier = ? WHERE identifier = ?",
            (f"telegram:user501|{scope}", "telegram:user501"),
        )
    data = investigator.get(f"/cases/{built.name}/search.json?actor={dispatch}").json()
    assert [h["id"] for h in data["hits"]] == [built.ids["meeting"], built.ids["hostile"]]
    with Case.open(built.cases_dir / built.name) as case:
        case.conn.execute(  # the same key read on another seized phone is somebody else
            "UPDATE actor_identifiers SET identifier = ? WHERE identifier = ?",
            (f"telegram:user501|{scope_id('Scellé n°9')}", f"telegram:user501|{scope}"),
        )
    assert investigator.get(f"/cases/{built.name}/search.json?actor={dispatch}").json()["hits"] == []
    with Case.open(built.cases_dir / built.name) as case:
        case.conn.execute(
            "UPDATE actor_identifiers SET identifier = ? WHERE identifier = ?",
            (f"telegram:user501|{scope}", f"telegram:user501|{scope_id('Scellé n°9')}"),
        )
    actor = investigator.get(f"/cases/{built.name}/actors/{built.actors['Cerise Dispatch']}.json").json()
    assert actor["names"] == [{"name": "Cerise Dispatch", "n": 3}]
