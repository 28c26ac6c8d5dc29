"""A channel: its lineage (the channels that replaced one another), its menu and prices over time,
the hours, zones and hand-off contacts its messages announce."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from filiere.store.webqueries import messages, overview, places
from filiere.web.access import CaseDep
from filiere.web.lang import Words, language
from filiere.web.render import respond, wants_json
from filiere.web.routes.dashboard import price_chart

router = APIRouter()


def chain(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """The lineage links connected to ``key``, walking to predecessors and successors (cycles stop)."""
    related, frontier = {key}, {key}
    while frontier:
        found = {r["successor"] for r in rows if r["channel"] in frontier} | {
            r["channel"] for r in rows if r["successor"] in frontier
        }
        frontier = found - related
        related |= found
    return [r for r in rows if r["channel"] in related or r["successor"] in related]


@router.get("/cases/{case:case}/channel.json")
@router.get("/cases/{case:case}/channel")
def channel_page(request: Request, ref: CaseDep) -> Response:
    key = request.query_params.get("key", "")
    if not key:
        raise HTTPException(status_code=404)
    with ref.viewing("channel") as case:
        conn = case.conn
        info = messages.conversation_info(conn, key)
        if info is None:
            raise HTTPException(status_code=404)
        links = chain(places.lineage(conn), key)
        keys = {r["channel"] for r in links} | {r["successor"] for r in links}
        data: dict[str, Any] = {
            "case": ref.name,
            "channel": info,
            "lineage": links,
            "titles": messages.conversation_titles(conn, keys),
            "menu": places.channel_menu(conn, key),
            "prices": ref.figure(case, "channel.prices", lambda: overview.price_series(conn, key), key),
            "hours": ref.figure(case, "channel.hours", lambda: places.channel_hours(conn, key), key),
            "zones": ref.figure(case, "channel.zones", lambda: places.channel_zones(conn, key), key),
            "handoffs": ref.figure(case, "channel.handoffs", lambda: places.channel_handoffs(conn, key), key),
        }
        data["menu_detections"] = {
            str(k): v for k, v in messages.detections(conn, [m["id"] for m in data["menu"]]).items()
        }
    if wants_json(request):
        return respond(request, "channel.html", data)
    words = Words(language(request))
    return respond(request, "channel.html", data, price_chart=price_chart(data["prices"], words))
