"""The case dashboard: evidence with hashes and status, counts, activity heat map, prices, key actors,
latest trade messages and the custody log."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from filiere.store.webqueries import overview
from filiere.web import charts
from filiere.web.access import CaseDep
from filiere.web.lang import STATUSES, Words, language
from filiere.web.render import respond, wants_json
from filiere.web.routes.cases import formats

router = APIRouter()


def price_chart(series: list[dict[str, Any]], words: Words, top: int = 6) -> Any:
    """The most quoted products' unit prices, one line each; a line whose currencies were partly
    inferred (no currency written: the country's, or euros) says how many."""
    shown = series[:top]
    names = [
        f"{words.name('product', s['product'])} ({s['currency'] or '?'}/{s['unit'] or words.t('unité', 'unit')})"
        + (f" — {words.t('devise déduite', 'currency inferred')} {s['inferred']}/{s['n']}" if s.get("inferred") else "")
        for s in shown
    ]
    points = [{"points": [{"x": p["week"], "y": p["mean"], "n": p["n"]} for p in s["points"]]} for s in shown]
    return charts.lines(points, names, words.t("prix unitaire moyen par semaine", "mean unit price per week"),
                        words.t("Aucun prix relevé.", "No price found."))  # fmt: skip


@router.get("/cases/{case:case}.json")
@router.get("/cases/{case:case}")
def dashboard(request: Request, ref: CaseDep) -> Response:
    with ref.viewing("dashboard") as case:
        conn = case.conn
        data: dict[str, Any] = {
            "case": ref.name,
            "meta": case.meta(),
            "evidence": [asdict(row) for row in case.evidence()],
            "counts": ref.whole(case, "counts"),
            "heatmap": {
                "messages": ref.whole(case, "heat.messages"),
                "calls": ref.whole(case, "heat.calls"),
            },
            "prices": ref.whole(case, "prices"),
            "key_actors": overview.key_actors(conn),
            "latest_trade": overview.latest_trade(conn),
            "custody": overview.latest_custody(conn, 15),
        }
    if wants_json(request):
        return respond(request, "dashboard.html", data)
    words = Words(language(request))
    return respond(
        request,
        "dashboard.html",
        data,
        heat_messages=charts.heatmap(data["heatmap"]["messages"], words.lang, words.t("messages", "messages")),
        heat_calls=charts.heatmap(data["heatmap"]["calls"], words.lang, words.t("appels", "calls")),
        price_chart=price_chart(data["prices"], words),
        formats=formats(),
        statuses={code: words.t(*pair) for code, pair in STATUSES.items()},
        can_write=ref.user.can_write,
    )
