"""A webhook: JSON posted to a URL someone set, whose failure fails nothing else.

It tells people outside the platform (a chat channel, a pager) that something needs them.
A webhook that is down, slow or refusing is logged and otherwise ignored: the event it
reports stands, and the run goes on.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import httpx2

from conclave.errors import ConfigError

__all__ = ["TIMEOUT_SECONDS", "Webhook"]

TIMEOUT_SECONDS = 5.0
logger = logging.getLogger(__name__)


class Webhook:
    """Posts JSON documents to one URL.

    Args:
        url: an ``http://`` or ``https://`` URL.
        timeout_seconds: how long a post may take before it is given up.

    Raises:
        ConfigError: ``url`` is not an http(s) URL.
    """

    __slots__ = ("host", "timeout_seconds", "url")

    def __init__(self, url: str, *, timeout_seconds: float = TIMEOUT_SECONDS) -> None:
        if not url.startswith(("http://", "https://")):
            raise ConfigError(f"a webhook URL must start with http:// or https://, not {url!r}")
        self.url = url
        self.host = urlsplit(url).hostname or "?"
        self.timeout_seconds = timeout_seconds

    async def post(self, document: dict[str, Any]) -> bool:
        """Post ``document``; whether the receiver accepted it (a 2xx answer)."""
        try:
            async with httpx2.AsyncClient(timeout=self.timeout_seconds) as client:
                response = await client.post(self.url, json=document)
            response.raise_for_status()
        except (httpx2.HTTPError, httpx2.InvalidURL) as error:
            # The host only: webhook URLs often carry their secret in the path.
            reason = str(error) or type(error).__name__
            logger.warning("webhook at %s failed: %s", self.host, reason.replace(self.url, "…"))
            return False
        return True
