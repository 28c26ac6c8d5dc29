"""An actor: identifiers, names seen, role with reasons, identity links with the investigator's
confirm / reject / split decisions, contacts ranked, activity over time and places."""

from __future__ import annotations

import sqlite3
from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from filiere.resolve import judge as judgements
from filiere.resolve.keys import key_and_scope, key_of, scope_id
from filiere.store import facts
from filiere.store.webqueries import actors
from filiere.web import charts
from filiere.web.access import CaseDep, CaseRef, WriterDep
from filiere.web.lang import Words, language
from filiere.web.render import from_day, respond, wants_json

router = APIRouter()


def senders_of(
    conn: sqlite3.Connection, identifiers: list[dict[str, Any]]
) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """The message senders behind an actor's identifiers: keys valid in every file, and keys valid
    only in the files of one seizure (with those files)."""
    files: dict[str, list[str]] = {}
    for sha, seizure in facts.scopes(conn).items():
        files.setdefault(scope_id(seizure), []).append(sha)
    plain: list[str] = []
    scoped: list[tuple[str, tuple[str, ...]]] = []
    for ident in identifiers:
        key, scope = key_and_scope(ident["identifier"])
        if scope is None:
            plain.append(key)
        else:
            scoped.append((key, tuple(sorted(files.get(scope, ())))))
    return tuple(sorted(set(plain))), tuple(sorted(set(scoped)))


def record_keys(identifiers: list[dict[str, Any]]) -> list[str]:
    """The record keys (message senders, callers) behind an actor's identifiers.

    A scoped identifier (a WhatsApp display name read on one seized phone) is its key plus the
    seizure; messages carry the bare key, so the same name read on another phone matches too.
    """
    return sorted({key_of(i["identifier"]) for i in identifiers})


@router.get("/cases/{case:case}/actors/{actor_id:int}.json")
@router.get("/cases/{case:case}/actors/{actor_id:int}")
def actor_page(request: Request, actor_id: int, ref: CaseDep) -> Response:
    with ref.viewing("actor") as case:
        conn = case.conn
        found = actors.actor(conn, actor_id)
        if found is None:
            raise HTTPException(status_code=404)
        idents = actors.identifiers(conn, actor_id)
        keys = [i["identifier"] for i in idents]
        records = record_keys(idents)
        found_links = actors.links(conn, keys)
        others = {link["actor_a"] for link in found_links} | {link["actor_b"] for link in found_links}
        labels = {i: a["label"] for i, a in actors.actors_by_id(conn, [o for o in others if o is not None]).items()}
        data: dict[str, Any] = {
            "case": ref.name,
            "actor": found,
            "identifiers": idents,
            "names": ref.figure(case, "actor.names", lambda: actors.names_seen(conn, records), actor_id),
            "links": [
                {**link, "label_a": labels.get(link["actor_a"]), "label_b": labels.get(link["actor_b"])}
                for link in found_links
            ],
            "judgements": actors.judgements(conn, keys),
            "contacts": ref.figure(case, "actor.contacts", lambda: actors.contacts(conn, actor_id), actor_id),
            "activity": ref.figure(case, "actor.activity", lambda: actors.activity(conn, actor_id), actor_id),
            "places": ref.figure(case, "actor.places", lambda: actors.places(conn, records), actor_id),
        }
    if wants_json(request):
        return respond(request, "actor.html", data)
    words = Words(language(request))
    per_day: Counter[int] = Counter()
    for row in data["activity"]:
        per_day[row["day"]] += row["n"]
    activity = charts.bars([(from_day(d, words.lang), per_day[d]) for d in sorted(per_day)],
                           words.t("échanges", "exchanges"), words.t("Aucune activité.", "No activity."))  # fmt: skip
    return respond(request, "actor.html", data, activity_chart=activity, can_write=ref.user.can_write)


def _back(actor_id: int | None, ref: CaseRef) -> str:
    return f"/cases/{ref.name}/actors/{actor_id}" if actor_id is not None else f"/cases/{ref.name}"


@router.post("/cases/{case:case}/judgements")
def judge(
    ref: CaseDep,
    who: WriterDep,
    link_id: Annotated[int, Form()],
    decision: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
    actor_id: Annotated[int | None, Form()] = None,
) -> Response:
    """Confirm or reject one identity link; stored and logged by ``filiere.resolve.judge``, honoured
    by the next analysis run."""
    with ref.acting() as case:
        judgements.judge_link(case, decision, link_id, note=note.strip()[:1000] or None, user=who.user.name)
    return RedirectResponse(_back(actor_id, ref), status_code=303)


@router.post("/cases/{case:case}/judgements/split")
def split(
    ref: CaseDep,
    who: WriterDep,
    identifier: Annotated[str, Form()],
    actor_id: Annotated[int, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    """Take one identifier out of an actor: its pairs with the others are rejected."""
    with ref.acting() as case:
        judgements.split(case, actor_id, [identifier], note=note.strip()[:1000] or None, user=who.user.name)
    return RedirectResponse(_back(actor_id, ref), status_code=303)
