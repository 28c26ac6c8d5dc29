"""The map: cell sites, zones named in messages, and a courier's tour over one day, in plain SVG."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from filiere.store.webqueries import actors, places
from filiere.web import geo
from filiere.web.access import CaseDep
from filiere.web.render import respond, wants_json
from filiere.web.routes.actor import record_keys
from filiere.web.routes.search import day_start

router = APIRouter()


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def drawing(data: dict[str, Any]) -> dict[str, Any]:
    """Projected shapes for the template: every coordinate in SVG units, every label still raw text."""
    cells = data["cells"]
    # The map frames the cell sites and the tour; zones named in messages are placed only when they
    # fall inside (a department's centre would otherwise stretch the map to a whole region).
    points = [(c["lon"], c["lat"]) for c in cells] + [(s["lon"], s["lat"]) for s in data["tour"]]
    proj = geo.fit(points)
    peak = max((c["n"] for c in cells), default=1) or 1
    zones = []
    for z in data["zones"]:
        at = geo.zone_point(z.get("kind"), z.get("value"))
        if at is not None and geo.inside(proj, *at):
            x, y = proj.xy(*at)
            zones.append({"x": x, "y": y, "label": f"{z.get('value')}", "n": z["n"]})
    stops: list[dict[str, Any]] = []
    for s in data["tour"]:
        x, y = proj.xy(s["lon"], s["lat"])
        if stops and (stops[-1]["x"], stops[-1]["y"]) == (x, y):
            continue  # still at the same cell: one stop on the map, every record in the list
        i = len(stops) + 1
        stops.append(
            {"x": x, "y": y, "n": i, "time": s["local_time"], "cell": s["cell_id"], "address": s["cell_address"]}
        )
    return {
        "width": proj.width,
        "height": proj.height,
        "towns": [
            {"name": name, "x": proj.xy(lon, lat)[0], "y": proj.xy(lon, lat)[1]}
            for name, lon, lat in geo.landmarks(proj)
        ],
        "ring": geo.ring(proj, geo.PERIPHERIQUE),
        "cells": [
            {
                **c,
                "x": proj.xy(c["lon"], c["lat"])[0],
                "y": proj.xy(c["lon"], c["lat"])[1],
                "r": round(3 + 9 * math.sqrt(c["n"] / peak), 1),
            }
            for c in cells
        ],
        "zones": zones,
        "tour": " ".join(f"{s['x']},{s['y']}" for s in stops),
        "stops": stops,
    }


@router.get("/cases/{case:case}/map.json")
@router.get("/cases/{case:case}/map")
def map_page(request: Request, ref: CaseDep) -> Response:
    actor_id = _int(request.query_params.get("actor"))
    day = request.query_params.get("day", "")
    with ref.viewing("map") as case:
        conn = case.conn
        data: dict[str, Any] = {
            "case": ref.name,
            "cells": ref.whole(case, "cells"),
            "zones": ref.whole(case, "zones"),
            "couriers": places.actors_with_role(conn, "courier"),
            "actor": None,
            "days": [],
            "day": None,
            "tour": [],
        }
        if actor_id is not None:
            found = actors.actor(conn, actor_id)
            keys = record_keys(actors.identifiers(conn, actor_id))
            if found is not None:
                data["actor"] = {"id": found["id"], "label": found["label"], "role": found["role"]}
                data["days"] = places.tour_days(conn, keys)
                if not day and data["days"]:
                    day = max(data["days"], key=lambda d: (d["n"], d["day"]))["day"]
                start = day_start(day)
                if start is not None:
                    end = start + int(timedelta(days=1, hours=1).total_seconds())  # a DST day lasts 25 h at most
                    tour = places.tour(conn, keys, start, end)
                    data["tour"] = [s for s in tour if str(s["local_time"]).startswith(day)]
                    data["day"] = day
    if wants_json(request):
        return respond(request, "map.html", data)
    return respond(request, "map.html", data, drawing=drawing(data))
