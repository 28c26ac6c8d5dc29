"""``Server-Timing`` on every answer: the time the server spent on it, for the load benchmark and the
browser's developer tools."""

from __future__ import annotations

import time

from filiere.web.security import ASGIApp, Message, Receive, Scope, Send


class ServerTiming:
    """ASGI middleware: ``Server-Timing: app;dur=12.3`` (milliseconds until the response starts)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def send_timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                spent = (time.perf_counter() - started) * 1000
                message["headers"] = [*message.get("headers", []), (b"server-timing", f"app;dur={spent:.1f}".encode())]
            await send(message)

        await self.app(scope, receive, send_timed)
