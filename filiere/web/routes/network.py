"""The network page: an interactive graph (Cytoscape.js) fed by its ``.json`` twin, and a GEXF export."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from filiere.case import Case
from filiere.store.webqueries import network
from filiere.web import gexf
from filiere.web.access import CaseDep, CaseRef
from filiere.web.render import from_day, respond

router = APIRouter()
OVERVIEW = 120
NEIGHBOURS = 30
EPOCH = date(1970, 1, 1)


def _day(value: str | None) -> int | None:
    try:
        return (date.fromisoformat(value or "") - EPOCH).days
    except ValueError:
        return None


def _params(request: Request) -> dict[str, Any]:
    p = request.query_params
    asked = [k for value in p.getlist("kind") for k in value.split(",") if k]
    kinds = [k for k in asked if k in network.KINDS] or ["message", "call", "sms", "advertises", "handoff"]
    try:
        focus: int | None = int(p["focus"]) if p.get("focus") else None
    except ValueError:
        focus = None
    return {
        "kinds": kinds,
        "from": p.get("from", ""),
        "to": p.get("to", ""),
        "metric": p.get("metric", "pagerank")[:40],
        "focus": focus,
    }


def graph(ref: CaseRef, case: Case, f: dict[str, Any]) -> dict[str, Any]:
    """Nodes and edges: the top actors by the chosen score, or one actor and its heaviest neighbours."""
    conn = case.conn
    day_from, day_to = _day(f["from"]), _day(f["to"])
    if f["focus"] is not None:
        around = ref.figure(
            case, "network.neighbours",
            lambda: network.neighbours(conn, f["focus"], f["kinds"], day_from, day_to, NEIGHBOURS),
            f["focus"], tuple(f["kinds"]), day_from, day_to,
        )  # fmt: skip
        ids = [f["focus"], *around]
    else:
        ids = network.top_actors(conn, f["metric"], OVERVIEW)
    found = network.nodes(conn, ids)
    nodes = [{"id": n["id"], "label": n["label"], "kind": n["kind"], "role": n["role"], "community": n["community"],
              "score": n["scores"].get(f["metric"]), "messages": n["messages"], "calls": n["calls"]}
             for n in found]  # fmt: skip
    present = [n["id"] for n in nodes]
    edges = [{"source": e["src"], "target": e["dst"], "kind": e["kind"], "count": e["count"],
              "duration_s": e["duration_s"], "first_ts": e["first_ts"], "last_ts": e["last_ts"]}
             for e in network.edges_among(conn, present, f["kinds"], day_from, day_to)]  # fmt: skip
    return {"nodes": nodes, "edges": edges}


@router.get("/cases/{case:case}/network.json")
@router.get("/cases/{case:case}/network")
def network_page(request: Request, ref: CaseDep) -> Response:
    f = _params(request)
    with ref.viewing("network") as case:
        data = {"case": ref.name, "filters": f, **graph(ref, case, f)}
        metrics = ref.whole(case, "metrics")
        span = ref.whole(case, "day_span")
    data["metrics"] = metrics
    data["days"] = [from_day(span[0], "en"), from_day(span[1], "en")] if span[0] else [None, None]
    return respond(request, "network.html", data, all_kinds=network.KINDS)


@router.get("/cases/{case:case}/network.gexf")
def network_gexf(request: Request, ref: CaseDep) -> Response:
    f = _params(request)
    with ref.viewing("network.gexf") as case:
        found = graph(ref, case, f)
    body = gexf.write(found["nodes"], found["edges"])
    return Response(body, media_type="application/xml",
                    headers={"Content-Disposition": f'attachment; filename="{ref.name}-network.gexf"'})  # fmt: skip
