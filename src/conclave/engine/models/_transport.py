"""The HTTP transport under the provider SDKs.

Both SDKs default to an ``httpx2`` transport. Their documented ``aiohttp`` transport does
the same requests for about half the CPU per call (measured against a local server: 1.1-1.4
ms against 2.0-2.3 ms), which on a busy server is a large share of a whole turn. It is used
whenever ``aiohttp`` is installed (the ``openai`` and ``anthropic`` extras install it), and
the SDK's default client otherwise.

:class:`PlainPost` sends a ready JSON body straight on ``aiohttp``, for a provider's one
request whose reply needs nothing of the SDK but its JSON.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib.util import find_spec
from types import ModuleType
from typing import Any, Literal
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

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
    """One JSON POST to a fixed URL, its reply read as JSON, on an ``aiohttp`` session.

    The SDK's request path (its options models, and the header and URL objects of the
    ``httpx2`` client rebuilt on every call) costs several times the exchange itself, so a
    provider's plain request is sent here with the SDK's own headers and key: about a
    quarter of the CPU of the same call through the SDK.

    Args:
        url: where to post.
        headers: the SDK's headers for the call, its key included; values that are not
            strings (the SDK's markers for an absent header) are left out.
        timeout: seconds to connect, and seconds the server may stay silent, as the SDK
            applies its own timeout.
    """

    __slots__ = ("_headers", "_proxy", "_session", "_timeout", "_url")

    def __init__(self, url: str, headers: Mapping[str, object], *, timeout: float) -> None:
        import aiohttp

        self._url = url
        self._headers = {name: value for name, value in headers.items() if isinstance(value, str)}
        self._timeout = aiohttp.ClientTimeout(
            total=None, connect=timeout, sock_connect=timeout, sock_read=timeout
        )
        self._session: aiohttp.ClientSession | None = None
        self._proxy = _env_proxy(url)

    async def send(self, body: Mapping[str, Any]) -> Any:
        """The reply's JSON.

        Raises:
            PlainError: no reply, an error status, or a reply that is not JSON.
        """
        import aiohttp

        if self._session is None:  # made on first use: a session belongs to a running loop
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        content = json.dumps(body).encode()
        try:
            async with self._session.post(
                self._url,
                data=content,
                headers=self._headers,
                proxy=self._proxy,
                allow_redirects=False,
            ) as response:
                status, text = response.status, await response.text(errors="replace")
                headers = response.headers
        except TimeoutError as error:  # aiohttp's timeouts are asyncio's TimeoutError
            raise PlainError(str(error) or "timed out", "timeout") from error
        except (aiohttp.ClientError, OSError) as error:
            raise PlainError(str(error), "unreachable") from error
        if not 200 <= status < 300:
            detail = _error_detail(status, text)
            raise PlainError(detail, "status", status=status, detail=detail, headers=headers)
        try:
            return json.loads(text)
        except ValueError as error:
            raise PlainError(f"the reply is not JSON: {error}", "malformed") from error

    async def aclose(self) -> None:
        """Close the session's connections."""
        if self._session is not None:
            await self._session.close()
            self._session = None


def _env_proxy(url: str) -> str | None:
    """The proxy the environment names for ``url`` (``HTTPS_PROXY``, ``NO_PROXY``...).

    Read once: ``aiohttp``'s ``trust_env`` reads the environment, and ``~/.netrc``, on
    every request, which costs more than the request itself.
    """
    parts = urlsplit(url)
    if parts.hostname and proxy_bypass(parts.hostname):
        return None
    return getproxies().get(parts.scheme)


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
