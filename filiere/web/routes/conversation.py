"""A conversation as a chat: detections marked with their rules, sources, replies and forwards linked;
and the list of the case's conversations."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from filiere.store.webqueries import messages
from filiere.web.access import CaseDep
from filiere.web.render import here, respond

router = APIRouter()
PAGE = 100
SHOWN = 500  # conversations listed at once, busiest first; the filter finds the others


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@router.get("/cases/{case:case}/conversations.json")
@router.get("/cases/{case:case}/conversations")
def conversations_page(request: Request, ref: CaseDep) -> Response:
    wanted = request.query_params.get("filter", "").strip().casefold()[:200]
    with ref.viewing("conversations") as case:
        listed = ref.whole(case, "conversations")
    if wanted:
        listed = [c for c in listed if wanted in (c.get("title") or "").casefold() or wanted in c["key"].casefold()]
    data = {"case": ref.name, "filter": wanted, "total": len(listed), "conversations": listed[:SHOWN]}
    return respond(request, "conversations.html", data)


@router.get("/cases/{case:case}/conversation.json")
@router.get("/cases/{case:case}/conversation")
def conversation_page(request: Request, ref: CaseDep) -> Response:
    p = request.query_params
    key = p.get("key", "")
    if not key:
        raise HTTPException(status_code=404)
    with ref.viewing("conversation") as case:
        conn = case.conn
        info = messages.conversation_info(conn, key)
        if info is None:
            raise HTTPException(status_code=404)
        native = p.get("native")
        if native:
            # A reply's target, named by its exporter id: show the page around it.
            found = messages.find_native(conn, key, native)
            if found is None:
                raise HTTPException(status_code=404)
            return RedirectResponse(here(request, ("native",), at=found), 303)
        anchor_id, direction = _int(p.get("at")), "around"
        if anchor_id is None and _int(p.get("before")) is not None:
            anchor_id, direction = _int(p.get("before")), "before"
        elif anchor_id is None and _int(p.get("after")) is not None:
            anchor_id, direction = _int(p.get("after")), "after"
        anchor_row = messages.message(conn, anchor_id) if anchor_id is not None else None
        if anchor_row is not None and anchor_row["conversation"] != key:
            anchor_row = None
        anchor = None if anchor_row is None else (anchor_row["ts"], anchor_row["id"])
        rows = messages.page(conn, key, anchor=anchor, direction=direction if anchor else "latest", limit=PAGE)
        found_detections = messages.detections(conn, [r["id"] for r in rows])
        earlier = bool(rows) and messages.has_more(conn, key, (rows[0]["ts"], rows[0]["id"]), later=False)
        later = bool(rows) and messages.has_more(conn, key, (rows[-1]["ts"], rows[-1]["id"]), later=True)
        forwarded = {r["forwarded_from"] for r in rows if r["forwarded_from"]}
        linked = messages.conversation_titles(conn, forwarded)
        mine = messages.owners(conn, {r["evidence"] for r in rows})
    on_page = {r["native_id"] for r in rows if r["native_id"]}
    shown: list[dict[str, Any]] = []
    for r in rows:
        detection = found_detections.get(r["id"])
        shown.append({
            **r,
            "detection": detection,
            "mine": r["direction"] == "out" or r["sender"] in mine,
            "reply_on_page": r["reply_to"] in on_page if r["reply_to"] else False,
            "forward_is_conversation": r["forwarded_from"] in linked if r["forwarded_from"] else False,
        })  # fmt: skip
    data = {
        "case": ref.name,
        "conversation": info,
        "anchor": anchor_id if anchor else None,
        "earlier": earlier,
        "later": later,
        "messages": shown,
    }
    return respond(request, "conversation.html", data, forwarded_titles=linked)
