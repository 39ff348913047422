"""The HTTP transport under the provider SDKs.

Both SDKs default to an ``httpx2`` transport. Their documented ``aiohttp`` transport does
the same requests for about half the CPU per call (measured against a local server: 1.1-1.4
ms against 2.0-2.3 ms), which on a busy server is a large share of a whole turn. It is used
whenever ``aiohttp`` is installed (the ``openai`` and ``anthropic`` extras install it), and
the SDK's default client otherwise.

:class:`PlainPost` sends a ready JSON body on that same client, for a provider's one
request whose reply needs nothing of the SDK but its JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib.util import find_spec
from types import ModuleType
from typing import Any, Literal

__all__ = ["PlainError", "PlainPost", "refused", "sdk_http_client"]


def sdk_http_client(sdk: ModuleType, *, timeout: float) -> Any:
    """An HTTP client for ``sdk`` (``openai`` or ``anthropic``), to pass as its ``http_client``."""
    factory = getattr(sdk, "DefaultAioHttpClient", None)
    if factory is None or find_spec("aiohttp") is None:
        factory = sdk.DefaultAsyncHttpxClient
    return factory(timeout=timeout)


class PlainError(Exception):
    """A plain POST that failed, and how.

    Attributes:
        kind: ``status`` (the server answered with an error), ``timeout``, ``unreachable``
            or ``malformed`` (a success whose body is not JSON).
        status: the HTTP status, for ``status``.
        detail: what the server said, for ``status``.
        headers: the response's headers, for ``status`` (``Retry-After``).
    """

    def __init__(
        self,
        message: str,
        kind: Literal["status", "timeout", "unreachable", "malformed"],
        *,
        status: int | None = None,
        detail: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.detail = detail
        self.headers: Mapping[str, str] = headers or {}


class PlainPost:
    """One JSON POST to a fixed URL on an SDK's HTTP client, its reply read as JSON.

    Args:
        client: the ``httpx2.AsyncClient`` the SDK was given (its timeout applies).
        url: where to post.
        headers: the SDK's headers for the call, its key included; values that are not
            strings (the SDK's markers for an absent header) are left out.
    """

    __slots__ = ("_client", "_failures", "_headers", "_timeouts", "_url")

    def __init__(self, client: Any, url: str, headers: Mapping[str, object]) -> None:
        import httpx2

        self._client = client
        self._url = url
        self._headers = {name: value for name, value in headers.items() if isinstance(value, str)}
        failures: tuple[type[BaseException], ...] = (httpx2.HTTPError, OSError)
        if find_spec("aiohttp") is not None:
            import aiohttp

            failures += (aiohttp.ClientError,)
        self._failures = failures
        self._timeouts = httpx2.TimeoutException

    async def send(self, body: Mapping[str, Any]) -> Any:
        """The reply's JSON.

        Raises:
            PlainError: no reply, an error status, or a reply that is not JSON.
        """
        content = json.dumps(body).encode()
        try:
            response = await self._client.post(self._url, content=content, headers=self._headers)
        except self._failures as error:
            kind: Literal["timeout", "unreachable"] = (
                "timeout" if isinstance(error, self._timeouts) else "unreachable"
            )
            raise PlainError(str(error), kind) from error
        if not response.is_success:
            detail = _error_detail(response.status_code, response.text)
            raise PlainError(
                detail,
                "status",
                status=response.status_code,
                detail=detail,
                headers=response.headers,
            )
        try:
            return json.loads(response.content)
        except ValueError as error:
            raise PlainError(f"the reply is not JSON: {error}", "malformed") from error


def _error_detail(status: int, text: str) -> str:
    """What an error response says: its ``error.message`` if it has one, else its text."""
    text = text.strip()
    try:
        body = json.loads(text)
    except ValueError:
        return text or f"Error code: {status}"
    error = body.get("error", body) if isinstance(body, dict) else body
    if isinstance(error, dict) and isinstance(error.get("message"), str):
        return str(error["message"])
    return f"Error code: {status} - {body}"


def refused(error: BaseException) -> bool:
    """Whether ``error`` is a connection that failed at once, whatever the SDK called it.

    The aiohttp transport reports a refused connection as a connect timeout; a user told
    to wait longer for a server that is not running would look in the wrong place.
    """
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, OSError) and not isinstance(seen, TimeoutError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
