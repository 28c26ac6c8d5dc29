"""Who is asking and what they may open: the session, the CSRF check, and per-case membership.

A case the user is not a member of answers 404, exactly like a case that does not exist, so that
its name is not confirmed either. Every view of a case page is written to that case's custody log.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Request
from starlette.convertors import Convertor, register_url_convertor

from filiere.case import DB_NAME, Case
from filiere.store import users
from filiere.web import figures
from filiere.web.cache import FigureCache
from filiere.web.config import WebConfig
from filiere.web.security import UNSAFE_METHODS, csrf_token, csrf_valid, forbidden, submitted_token
from filiere.web.viewlog import ViewLog

SESSION_COOKIE = "filiere_session"
PRE_COOKIE = "filiere_pre"  # binds the login form's CSRF token before there is a session
CASE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
T = TypeVar("T")


class CaseNameConvertor(Convertor[str]):
    """Case folder names in URLs: no dot, so ``/cases/NAME.json`` is never ambiguous, and no path."""

    regex = CASE_NAME.pattern

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("case", CaseNameConvertor())


class LoginRequired(Exception):
    """No valid session: pages redirect to the login form, JSON twins answer 401."""


@dataclass(frozen=True, slots=True)
class Session:
    user: users.User
    token: str
    csrf: str


def config(request: Request) -> WebConfig:
    value: WebConfig = request.app.state.config
    return value


def session(request: Request) -> Session:
    """The logged-in user (a FastAPI dependency); raises ``LoginRequired`` otherwise."""
    cfg = config(request)
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise LoginRequired()
    with closing(users.open_users(cfg.cases_dir)) as conn:
        user = users.session_user(conn, token)
    if user is None:
        raise LoginRequired()
    found = Session(user, token, csrf_token(cfg.secret, token))
    request.state.session = found
    request.state.csrf = found.csrf
    return found


async def csrf_guard(request: Request) -> None:
    """Applied to every route: a POST must carry the token bound to its session (or login form)."""
    if request.method not in UNSAFE_METHODS:
        return
    cookie = PRE_COOKIE if request.url.path == "/login" else SESSION_COOKIE
    if not csrf_valid(config(request).secret, request.cookies.get(cookie), await submitted_token(request)):
        raise forbidden()


SessionDep = Annotated[Session, Depends(session)]


def writer(who: SessionDep) -> Session:
    """Only investigators and administrators change a case (evidence, judgements, new cases)."""
    if not who.user.can_write:
        raise HTTPException(status_code=403, detail="role")
    return who


def case_names(cases_dir: Path) -> list[str]:
    """Case folders directly inside ``cases_dir`` whose names can be served."""
    if not cases_dir.is_dir():
        return []
    return sorted(p.name for p in cases_dir.iterdir() if CASE_NAME.fullmatch(p.name) and (p / DB_NAME).is_file())


@dataclass
class CaseRef:
    """A case the user may open. Open it with ``viewing`` (logs the view) or ``acting`` (the action logs)."""

    name: str
    root: Path
    user: users.User
    request: Request

    @contextmanager
    def acting(self) -> Iterator[Case]:
        try:
            case = Case.open(self.root)
        except sqlite3.OperationalError as exc:
            raise busy() from exc
        try:
            yield case
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise busy() from exc
            raise
        finally:
            case.close()

    @contextmanager
    def viewing(self, page: str) -> Iterator[Case]:
        with self.acting() as case:
            query = {k: v[:500] for k, v in self.request.query_params.items()}
            views: ViewLog = self.request.app.state.views
            views.record(case, self.user.name, {"page": page, "path": self.request.url.path, "query": query})
            self.request.state.case_meta = {"name": self.name, **case.meta()}
            yield case

    def whole(self, case: Case, name: str) -> Any:
        """A whole-case figure of ``figures.WHOLE``, computed once per state of the case."""
        return figures.whole(self.request.app.state.figures, self.root, case.conn, name)

    def figure(self, case: Case, name: str, compute: Callable[[], T], *parts: Any) -> T:
        """A figure of one object of the case (an actor, a channel), kept like the whole-case ones."""
        cache: FigureCache = self.request.app.state.figures
        return cache.get(figures.key(self.root, name, case.conn, *parts), compute)


def busy() -> HTTPException:
    return HTTPException(status_code=503, detail="busy", headers={"Retry-After": "5"})


def case_ref(request: Request, case: str, who: SessionDep) -> CaseRef:
    """The case named in the path, if it exists and the user is a member; 404 otherwise, the same."""
    cfg = config(request)
    root = cfg.cases_dir / case
    if not CASE_NAME.fullmatch(case) or not (root / DB_NAME).is_file():
        raise HTTPException(status_code=404)
    with closing(users.open_users(cfg.cases_dir)) as conn:
        if not users.is_member(conn, who.user, case):
            raise HTTPException(status_code=404)
    return CaseRef(case, root, who.user, request)


WriterDep = Annotated[Session, Depends(writer)]
CaseDep = Annotated[CaseRef, Depends(case_ref)]
