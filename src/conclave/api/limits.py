"""The request-size limit, answered as every error is: JSON, with a code and the fix.

A body whose ``Content-Length`` says it is too large is refused before anything is read; a
body sent without one (chunked) is counted as it is read, and refused once it passes the
limit, before the route sees it whole.
"""

from __future__ import annotations

import json

from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["BodyLimit", "RateHeaders", "check_message", "too_large_message"]


class _TooLarge(HTTPException):
    """The body passed the limit while it was read; the error handlers answer it."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_message(limit))


def too_large_message(limit: int) -> str:
    """What a 413 says."""
    return f"the request body is larger than {limit} bytes; send less (CONCLAVE_MAX_BODY_BYTES)"


class BodyLimit:
    """Refuse a request whose declared body is larger than ``limit`` bytes, with a 413."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._declared(scope) > self.limit:
            await self._refuse(send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge(self.limit)
            return message

        await self.app(scope, counted, send)

    def _declared(self, scope: Scope) -> int:
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    return int(value)
                except ValueError:
                    return 0  # the server refuses a malformed length itself
        return 0

    async def _refuse(self, send: Send) -> None:
        error = {"code": "too_large", "message": too_large_message(self.limit), "details": {}}
        body = json.dumps({"error": error}).encode()
        headers = [(b"content-type", b"application/json"), (b"connection", b"close")]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def check_message(text: str, limit: int, *, loc: tuple[str | int, ...]) -> None:
    """Refuse a new message longer than ``limit`` characters with a 422 naming the field.

    Raises:
        RequestValidationError: the message is too long.
    """
    if len(text) > limit:
        message = (
            f"is {len(text)} characters long, above the limit of {limit}; "
            "shorten it (CONCLAVE_MAX_MESSAGE_CHARS)"
        )
        raise RequestValidationError([{"loc": loc, "msg": message, "type": "too_long"}])


class RateHeaders:
    """Put the caller's ``RateLimit-*`` headers on every answer to an admitted request,
    including those a route builds itself (streams, empty answers)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                rate = scope.get("state", {}).get("rate_headers")
                if rate:
                    message = _added(message, rate)
            await send(message)

        await self.app(scope, receive, with_headers)


def _added(start: Message, headers: dict[str, str]) -> Message:
    present = {name.lower() for name, _ in start.get("headers", [])}
    extra = [
        (name.lower().encode(), value.encode())
        for name, value in headers.items()
        if name.lower().encode() not in present
    ]
    return {**start, "headers": [*start.get("headers", []), *extra]}
