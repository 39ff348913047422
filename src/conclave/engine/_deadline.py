"""A time limit on one await, for the hot path of every tool call."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

T = TypeVar("T")


async def within(awaitable: Awaitable[T], seconds: float) -> T:
    """Await ``awaitable``; raise ``TimeoutError`` if it takes longer than ``seconds``.

    Semantics follow ``asyncio.timeout`` (an outside cancellation stays a cancellation),
    with one bare timer handle instead of its bookkeeping: every tool call pays this, and
    ``asyncio.timeout`` costs about three times as much.
    """
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    if task is None:  # pragma: no cover - always inside a task under asyncio.run
        return await awaitable
    cancelling = task.cancelling()
    expired = False

    def expire() -> None:
        nonlocal expired
        expired = True
        task.cancel()

    handle = loop.call_later(seconds, expire)
    try:
        return await awaitable
    except asyncio.CancelledError:
        if expired and task.uncancel() <= cancelling:
            raise TimeoutError(f"timed out after {seconds:g}s") from None
        raise
    finally:
        handle.cancel()
