"""Logging in and out, and the front door."""

from __future__ import annotations

import secrets
from contextlib import closing
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from filiere.store import users
from filiere.web.access import PRE_COOKIE, SESSION_COOKIE, SessionDep, config
from filiere.web.render import html
from filiere.web.security import csrf_token

router = APIRouter()


@router.get("/")
def home() -> Response:
    return RedirectResponse("/cases", status_code=303)


def _safe_next(target: str | None) -> str:
    """Only a path of this site: ``//host`` or ``http://`` would send the user elsewhere after login."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/cases"
    return target


def _login_form(request: Request, error: str | None, status: int = 200) -> Response:
    pre = request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(24)
    request.state.csrf = csrf_token(config(request).secret, pre)
    response = html(
        request, "login.html", {"error": error, "next": _safe_next(request.query_params.get("next"))}, status=status
    )
    response.set_cookie(PRE_COOKIE, pre, httponly=True, samesite="strict", secure=config(request).secure_cookies)
    return response


@router.get("/login")
def login_form(request: Request) -> Response:
    return _login_form(request, None)


@router.post("/login")
def login(
    request: Request,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/cases",
) -> Response:
    cfg = config(request)
    address = request.client.host if request.client else "?"
    throttle = request.app.state.throttle
    if throttle.blocked(name, address):
        return _login_form(request, "throttled", status=429)
    with closing(users.open_users(cfg.cases_dir)) as conn:
        user = users.authenticate(conn, name, password)
        if user is None:
            throttle.failed(name, address)
            return _login_form(request, "wrong", status=401)
        throttle.succeeded(name, address)
        token = users.new_session(conn, user, cfg.session_hours)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="strict", secure=cfg.secure_cookies,
        max_age=cfg.session_hours * 3600,
    )  # fmt: skip
    response.delete_cookie(PRE_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, who: SessionDep) -> Response:
    with closing(users.open_users(config(request).cases_dir)) as conn:
        users.end_session(conn, who.token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
