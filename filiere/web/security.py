"""Response headers (a strict Content-Security-Policy among them), CSRF tokens and login throttling.

Every page is served with a policy that lets the browser run only the scripts and styles of this
server's ``/static`` folder: no inline script, no inline style, no plug-in, no framing, no form sent
elsewhere. Hostile text that slipped past escaping would still find nothing to run.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import HTTPException, Request

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware adding ``HEADERS`` to every HTTP response, and ``no-store`` to every non-static one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in dict(HEADERS)]
                headers.extend(HEADERS)
                if not static:
                    # Case pages must not stay in a shared machine's browser cache.
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_token(secret: bytes, binding: str) -> str:
    """The token forms carry: a keyed hash of the session (or pre-login) cookie, so it cannot be guessed."""
    return hmac.new(secret, b"csrf|" + binding.encode("utf-8"), hashlib.sha256).hexdigest()


def csrf_valid(secret: bytes, binding: str | None, submitted: str | None) -> bool:
    if not binding or not submitted:
        return False
    return hmac.compare_digest(csrf_token(secret, binding), submitted)


async def submitted_token(request: Request) -> str | None:
    """The token of a POST: from the header (scripts) or else the form field."""
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def forbidden() -> HTTPException:
    return HTTPException(status_code=403, detail="csrf")


class LoginThrottle:
    """After ``limit`` failed logins for one name from one address, refuse tries for ``seconds``."""

    def __init__(self, limit: int = 5, seconds: float = 60.0) -> None:
        self.limit = limit
        self.seconds = seconds
        self._failures: dict[tuple[str, str], tuple[int, float]] = {}
        self._lock = threading.Lock()

    def blocked(self, name: str, address: str) -> bool:
        with self._lock:
            count, since = self._failures.get((name, address), (0, 0.0))
            if count >= self.limit and time.monotonic() - since < self.seconds:
                return True
            if count >= self.limit:
                del self._failures[(name, address)]
            return False

    def failed(self, name: str, address: str) -> None:
        with self._lock:
            count, _ = self._failures.get((name, address), (0, 0.0))
            self._failures[(name, address)] = (count + 1, time.monotonic())
            if len(self._failures) > 10_000:  # a flood of names must not grow memory without end
                self._failures.clear()

    def succeeded(self, name: str, address: str) -> None:
        with self._lock:
            self._failures.pop((name, address), None)
