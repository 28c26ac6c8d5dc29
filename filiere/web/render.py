"""One place that turns a page's data into HTML (Jinja2, autoescaped) or into its ``.json`` twin."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from filiere.types.moment import DEFAULT_TZ, zone
from filiere.web import text
from filiere.web.lang import COOKIE, Words, language

TEMPLATES = Path(__file__).resolve().parent / "templates"
EPOCH_DAY = date(1970, 1, 1)


def local(value: str | None, lang: str = "fr") -> str:
    """A local time as the evidence wrote it (``2026-03-01T14:05:00``), in the reader's habits."""
    if not value:
        return "—"
    day, _, clock = str(value).partition("T")
    if lang == "fr" and len(day) == 10:
        day = f"{day[8:10]}/{day[5:7]}/{day[0:4]}"
    return f"{day} {clock[:8]}".strip()


def from_epoch(seconds: int | float | None, lang: str = "fr", tz: str = DEFAULT_TZ) -> str:
    if seconds is None:
        return "—"
    moment = datetime.fromtimestamp(seconds, UTC).astimezone(zone(tz)).replace(tzinfo=None)
    return local(moment.isoformat(timespec="minutes"), lang)


def from_day(days: int | None, lang: str = "fr") -> str:
    """A day number of the ``edges`` table (days since 1970-01-01) as a date."""
    if not days:
        return "—"
    return local((EPOCH_DAY + timedelta(days=int(days))).isoformat(), lang)


def size(n: int | None) -> str:
    value = float(n or 0)
    for unit in ("o", "Kio", "Mio", "Gio"):
        if value < 1024 or unit == "Gio":
            return f"{value:.0f} {unit}" if unit == "o" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} Gio"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        visible=text.visible,
        highlighted=text.highlighted,
        with_evidence=text.with_evidence,
        size=size,
        compact_json=lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True),
    )
    return env


ENV = _environment()


def here(request: Request, drop: tuple[str, ...] = (), **changes: Any) -> str:
    """This page's path and query with ``changes`` made: relative, so it never names another host."""
    url = request.url.remove_query_params(list(drop)) if drop else request.url
    if changes:
        url = url.include_query_params(**changes)
    return url.path + (f"?{url.query}" if url.query else "")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str, separators=(",", ":"))


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def html(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    lang = language(request)
    words = Words(lang)
    session = getattr(request.state, "session", None)
    page = ENV.get_template(template).render(
        request=request,
        w=words,
        t=words.t,
        lang=lang,
        session=session,
        csrf=getattr(request.state, "csrf", ""),
        case_meta=getattr(request.state, "case_meta", None),
        local=lambda value: local(value, lang),
        epoch=lambda value, tz=DEFAULT_TZ: from_epoch(value, lang, tz),
        on_day=lambda value: from_day(value, lang),
        here=lambda *drop, **changes: here(request, drop, **changes),
        **context,
    )
    response = HTMLResponse(page, status_code=status)
    if request.query_params.get("lang") == lang:
        response.set_cookie(COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def respond(request: Request, template: str, data: dict[str, Any], **html_only: Any) -> Response:
    """The page, or its data as JSON when the path ends in ``.json``; ``html_only`` goes to the page only."""
    if wants_json(request):
        return Response(to_json(data), media_type="application/json")
    return html(request, template, {**data, **html_only})
