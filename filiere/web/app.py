"""The FastAPI application: settings, middleware, error pages and the page routers.

``create_app(cases_dir)`` serves every case folder inside ``cases_dir`` to the users of its
``users.sqlite``. Errors become status codes in one place here: a missing or forbidden case is a
404 page, bad input a 400, a case busy reading evidence a 503, filiere's own errors their
``http_status``; never a traceback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from filiere.errors import FiliereError
from filiere.web import figures
from filiere.web.access import LoginRequired, case_names, csrf_guard
from filiere.web.cache import FigureCache
from filiere.web.config import WebConfig, load_secret
from filiere.web.lang import LanguageMiddleware, Words, language
from filiere.web.render import html, wants_json
from filiere.web.routes import actor, cases, channel, conversation, dashboard, mapview, network, search, session
from filiere.web.security import LoginThrottle, SecurityHeaders
from filiere.web.timing import ServerTiming
from filiere.web.viewlog import ViewLog

STATIC = Path(__file__).resolve().parent / "static"
LOG = logging.getLogger("filiere.web")

_MESSAGES = {
    400: ("Requête invalide.", "Bad request."),
    401: ("Connexion requise.", "Login required."),
    403: ("Action refusée : votre rôle ne le permet pas, ou le formulaire a expiré (rechargez la page).",
          "Refused: your role does not allow it, or the form has expired (reload the page)."),
    404: ("Page introuvable.", "Page not found."),
    405: ("Méthode non permise.", "Method not allowed."),
    500: ("Erreur interne : elle est consignée dans le journal du serveur.",
          "Internal error: it is written to the server's log."),
    503: ("L'affaire est occupée (lecture de pièces en cours) : réessayez dans un instant.",
          "The case is busy (evidence is being read): try again in a moment."),
}  # fmt: skip


def create_app(cases_dir: Path, *, secure_cookies: bool = False, warm: bool = False) -> FastAPI:
    """The workbench over the case folders inside ``cases_dir`` (created if missing).

    ``warm`` computes the whole-case figures of every case in the background when the server starts.
    """
    cases_dir = Path(cases_dir).resolve()
    cases_dir.mkdir(parents=True, exist_ok=True)
    figure_cache = FigureCache()
    views = ViewLog()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            roots = [cases_dir / name for name in case_names(cases_dir)]
            threading.Thread(target=figures.warm, args=(figure_cache, roots), name="filiere-warm", daemon=True).start()
        yield
        views.flush()

    app = FastAPI(
        lifespan=lifespan,
        title="filiere",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(csrf_guard)],
    )
    app.state.config = WebConfig(cases_dir, load_secret(cases_dir), secure_cookies=secure_cookies)
    app.state.figures = figure_cache
    app.state.views = views
    app.state.throttle = LoginThrottle()
    app.state.case_locks = {}
    app.state.case_locks_guard = threading.Lock()
    app.add_middleware(LanguageMiddleware)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ServerTiming)  # added last, so outermost: it times everything else
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (session, cases, dashboard, search, conversation, actor, network, channel, mapview):
        app.include_router(module.router)
    _errors(app)
    return app


def error_page(request: Request, status: int, detail: str | None = None) -> Response:
    words = Words(language(request))
    fr, en = _MESSAGES.get(status, ("Erreur.", "Error."))
    message = detail or words.t(fr, en)
    if wants_json(request) or request.headers.get("accept", "").startswith("application/json"):
        return JSONResponse({"error": status, "message": message}, status_code=status)
    return html(request, "error.html", {"status": status, "message": message}, status=status)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if wants_json(request) or request.method != "GET":
            return error_page(request, 401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = error_page(request, exc.status_code)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return error_page(request, 400)

    @app.exception_handler(FiliereError)
    async def filiere_error(request: Request, exc: FiliereError) -> Response:
        return error_page(request, exc.http_status, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # A bug: logged with its traceback for the administrator, a plain 500 page for the user.
        LOG.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_page(request, 500)
