"""Search over all the case's messages: words, phrases and prefixes (accents ignored), with filters."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from filiere.store.search import Query, search
from filiere.store.webqueries import actors
from filiere.types.moment import DEFAULT_TZ, zone
from filiere.web.access import CaseDep
from filiere.web.render import respond
from filiere.web.routes.actor import senders_of

router = APIRouter()
PAGE = 50


def day_start(value: str | None, tz: str = DEFAULT_TZ) -> int | None:
    """Midnight of a ``YYYY-MM-DD`` day in the case's zone, as epoch seconds; junk gives ``None``."""
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return None
    return int(datetime(day.year, day.month, day.day, tzinfo=zone(tz)).timestamp())


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def filters_from(request: Request) -> dict[str, Any]:
    p = request.query_params
    return {
        "q": p.get("q", "")[:500],
        "from": p.get("from", ""),
        "to": p.get("to", ""),
        "conversation": p.get("conversation", ""),
        "actor": _int(p.get("actor")),
        "category": p.get("category", ""),
        "product": p.get("product", ""),
        "trade": p.get("trade") in ("1", "on", "true"),
        "page": max(0, _int(p.get("page")) or 0),
    }


@router.get("/cases/{case:case}/search.json")
@router.get("/cases/{case:case}/search")
def search_page(request: Request, ref: CaseDep) -> Response:
    f = filters_from(request)
    start = day_start(f["from"])
    end = day_start(f["to"])
    if end is not None:
        end += int(timedelta(days=1).total_seconds())  # the "to" day is included
    with ref.viewing("search") as case:
        conn = case.conn
        senders: tuple[str, ...] = ()
        scoped: tuple[tuple[str, tuple[str, ...]], ...] = ()
        actor_row = None
        if f["actor"] is not None:
            actor_row = actors.actor(conn, f["actor"])
            senders, scoped = senders_of(conn, actors.identifiers(conn, f["actor"]))
            if not senders and not scoped:
                senders = ("\x00",)  # an unknown actor matches nothing rather than everything
        query = Query(
            text=f["q"],
            start=start,
            end=end,
            conversation=f["conversation"] or None,
            senders=senders,
            scoped_senders=scoped,
            categories=(f["category"],) if f["category"] else (),
            products=(f["product"],) if f["product"] else (),
            trade_only=f["trade"],
            limit=PAGE,
            offset=f["page"] * PAGE,
        )
        searched = bool(f["q"] or start or end or f["conversation"] or senders or scoped or f["category"]
                        or f["product"] or f["trade"])  # fmt: skip
        results = search(conn, query) if searched else None
        conversations = ref.whole(case, "conversations")
        labels = ref.whole(case, "labels")
    titles = {c["key"]: c["title"] for c in conversations if c.get("title")}
    hits = []
    for hit in results.hits if results else []:
        hits.append({**hit, "conversation_title": titles.get(hit["conversation"])})
    data = {
        "case": ref.name,
        "filters": f,
        "actor": None if actor_row is None else {"id": actor_row["id"], "label": actor_row["label"]},
        "total": results.total if results else 0,
        "capped": results.capped if results else False,
        "page_size": PAGE,
        "hits": hits,
    }
    return respond(
        request, "search.html", data,
        conversations=[c for c in conversations[:500]], labels=labels, searched=searched,
    )  # fmt: skip
