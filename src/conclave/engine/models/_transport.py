"""The HTTP transport under the provider SDKs.

Both SDKs default to an ``httpx2`` transport. Their documented ``aiohttp`` transport does
the same requests for about half the CPU per call (measured against a local server: 1.1-1.4
ms against 2.0-2.3 ms), which on a busy server is a large share of a whole turn. It is used
whenever ``aiohttp`` is installed (the ``openai`` and ``anthropic`` extras install it), and
the SDK's default otherwise.
"""

from __future__ import annotations

from importlib.util import find_spec
from types import ModuleType
from typing import Any

__all__ = ["sdk_http_client"]


def sdk_http_client(sdk: ModuleType, *, timeout: float) -> Any | None:
    """An HTTP client for ``sdk`` (``openai`` or ``anthropic``), or ``None`` for its default."""
    factory = getattr(sdk, "DefaultAioHttpClient", None)
    if factory is None or find_spec("aiohttp") is None:
        return None
    return factory(timeout=timeout)


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
