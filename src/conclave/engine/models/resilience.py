"""Timeouts, retries and fallbacks around any ``ModelClient``.

Provider SDKs are built with their own retries off, so this is the one place a failed call
is tried again: the backoff, the respect for ``Retry-After`` and the final message are the
same for every provider. It also holds the helpers provider clients use to report failures
in one voice, since whether a failure is worth retrying is a retry decision.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import random as _random
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from conclave.engine.models.base import (
    ModelClient,
    ModelRequest,
    ModelResponse,
    StreamChunk,
    StreamDone,
    StreamReset,
)
from conclave.errors import ModelError

__all__ = [
    "ResilientModel",
    "RetryPolicy",
    "http_error",
    "parse_retry_after",
    "stream_incomplete",
    "timed_out",
    "tool_arguments",
]

Sleep = Callable[[float], Awaitable[object]]


@dataclass(frozen=True, kw_only=True, slots=True)
class RetryPolicy:
    """How hard to try one model.

    Attributes:
        max_retries: further attempts after the first, for retryable errors only.
        backoff: the longest first wait in seconds; it doubles with each retry.
        max_backoff: the longest any wait may be, a provider's ``Retry-After`` included.
        timeout: seconds an attempt may take, and that a stream may stay silent.
    """

    max_retries: int = 2
    backoff: float = 0.5
    max_backoff: float = 30.0
    timeout: float = 60.0

    def delay(self, retry: int, error: ModelError, random: Callable[[], float]) -> float:
        """Seconds to wait before retry number ``retry`` (1 for the first).

        The wait is drawn uniformly below an exponentially growing ceiling ("full jitter"),
        so clients that failed together do not come back together; a provider's
        ``Retry-After`` is a floor under it.
        """
        ceiling = min(self.max_backoff, self.backoff * 2.0 ** (retry - 1))
        wait = ceiling * random()
        if error.retry_after is not None:
            wait = max(wait, min(error.retry_after, self.max_backoff))
        return wait


class ResilientModel:
    """A model with a timeout on every attempt, retries with backoff, and fallbacks.

    Each model of the chain, the primary and then each fallback in order, gets one attempt
    plus ``policy.max_retries`` more for retryable errors (429, 408, 409, 5xx, timeouts,
    dropped connections); any other error moves straight on to the next model. When every
    model has failed, one ``ModelError`` says what was tried and what to do.

    Args:
        primary: the model to ask first; its name is this model's name.
        fallbacks: models to ask, in order, once the primary has failed.
        policy: the attempts, waits and timeout each model gets.
        sleep: how to wait between attempts (tests pass a recorder).
        random: a source of floats in [0, 1) for jitter.
    """

    def __init__(
        self,
        primary: ModelClient,
        *,
        fallbacks: Sequence[ModelClient] = (),
        policy: RetryPolicy = RetryPolicy(),
        sleep: Sleep = asyncio.sleep,
        random: Callable[[], float] = _random.random,
    ) -> None:
        self._models = (primary, *fallbacks)
        self._policy = policy
        self._sleep = sleep
        self._random = random

    @property
    def name(self) -> str:
        return self._models[0].name

    @property
    def models(self) -> tuple[ModelClient, ...]:
        """The primary, then the fallbacks."""
        return self._models

    @property
    def policy(self) -> RetryPolicy:
        return self._policy

    async def complete(self, request: ModelRequest) -> ModelResponse:
        """The reply of the first model of the chain that gives one."""
        run = _Run(self._models, self._policy, self._random)
        while True:
            try:
                return await self._complete_once(run.model, request)
            except ModelError as error:
                await self._wait(run.failed(error))

    async def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        """Stream the reply; a retry after chunks went out is announced by ``StreamReset``."""
        run = _Run(self._models, self._policy, self._random)
        while True:
            streamed = False
            try:
                # Closed on the spot if the consumer stops early, so the HTTP stream is too.
                async with aclosing(self._stream_once(run.model, request)) as chunks:
                    async for chunk in chunks:
                        streamed = True
                        yield chunk
                return
            except ModelError as error:
                wait = run.failed(error)
                if streamed:
                    yield StreamReset(reason=error.message, attempt=run.number)
                await self._wait(wait)

    async def aclose(self) -> None:
        """Release the connections of every model in the chain that holds any."""
        for model in self._models:
            aclose = getattr(model, "aclose", None)
            if aclose is not None:
                await aclose()

    async def _complete_once(self, model: ModelClient, request: ModelRequest) -> ModelResponse:
        try:
            async with asyncio.timeout(self._policy.timeout):
                return await model.complete(request)
        except TimeoutError as error:
            raise timed_out(model.name, self._policy.timeout) from error

    async def _stream_once(
        self, model: ModelClient, request: ModelRequest
    ) -> AsyncGenerator[StreamChunk, None]:
        chunks = aiter(model.stream(request))
        try:
            while True:
                chunk = await self._next_chunk(model, chunks)
                yield chunk
                if isinstance(chunk, StreamDone):
                    return
        finally:
            aclose = getattr(chunks, "aclose", None)
            if aclose is not None:
                await aclose()

    async def _next_chunk(
        self, model: ModelClient, chunks: AsyncIterator[StreamChunk]
    ) -> StreamChunk:
        # A timeout per chunk, not per stream: a long reply that keeps coming is healthy,
        # a stream that goes quiet is not.
        try:
            async with asyncio.timeout(self._policy.timeout):
                return await anext(chunks)
        except StopAsyncIteration:
            raise stream_incomplete(model.name) from None
        except TimeoutError as error:
            raise timed_out(model.name, self._policy.timeout) from error

    async def _wait(self, seconds: float) -> None:
        if seconds > 0:
            await self._sleep(seconds)


@dataclass(frozen=True, slots=True)
class _Failure:
    name: str
    attempts: int
    error: ModelError


class _Run:
    """One call's way through the chain: which model is up, which attempt, what failed."""

    def __init__(
        self,
        models: tuple[ModelClient, ...],
        policy: RetryPolicy,
        random: Callable[[], float],
    ) -> None:
        self._models = models
        self._policy = policy
        self._random = random
        self._index = 0
        self._attempt = 1
        self._number = 1
        self.failures: list[_Failure] = []

    @property
    def model(self) -> ModelClient:
        return self._models[self._index]

    @property
    def number(self) -> int:
        """The attempt under way, counted across the whole chain from 1."""
        return self._number

    def failed(self, error: ModelError) -> float:
        """Count a failed attempt and move on; the wait before the next attempt.

        Raises:
            ModelError: the final error, when no model has an attempt left.
        """
        self._number += 1
        if error.retryable and self._attempt <= self._policy.max_retries:
            self._attempt += 1
            return self._policy.delay(self._attempt - 1, error, self._random)
        self.failures.append(_Failure(self.model.name, self._attempt, error))
        self._index += 1
        self._attempt = 1
        if self._index == len(self._models):
            raise _final_error(self.failures, fallbacks=len(self._models) > 1) from error
        return 0.0


def _final_error(failures: list[_Failure], *, fallbacks: bool) -> ModelError:
    parts = [
        f"{failure.name} failed after {failure.attempts} "
        f"attempt{'' if failure.attempts == 1 else 's'}: "
        f"{failure.error.message.removeprefix(failure.name + ': ')}"
        for failure in failures
    ]
    last = failures[-1].error
    return ModelError(
        "; ".join(parts) + _advice(failures, fallbacks=fallbacks),
        provider=last.provider,
        status=last.status,
    )


def _advice(failures: list[_Failure], *, fallbacks: bool) -> str:
    # Errors that are not worth retrying carry their own advice (a key, a model name).
    if not any(failure.error.retryable for failure in failures):
        return ""
    steps = ["check the provider's status page", "raise CONCLAVE_MODEL_RETRIES"]
    if not fallbacks:
        steps.append("set CONCLAVE_FALLBACK_MODELS")
    return "; " + ", ".join(steps[:-1]) + ", or " + steps[-1]


# ---------------------------------------------------------------- errors providers raise


def http_error(
    name: str, status: int, detail: str, *, headers: Mapping[str, str], key_var: str | None
) -> ModelError:
    """The ``ModelError`` for an HTTP error status from the model ``name``.

    Args:
        name: the ``provider:model`` that answered.
        status: the HTTP status.
        detail: what the provider said.
        headers: the response headers, for ``Retry-After``.
        key_var: the environment variable holding the provider's key, for 401 and 403.
    """
    retryable = status in (408, 409, 429) or status >= 500
    return ModelError(
        f"{name}: HTTP {status}: {detail}{_status_advice(status, key_var)}",
        provider=name.partition(":")[0],
        status=status,
        retryable=retryable,
        retry_after=parse_retry_after(headers) if retryable else None,
    )


def _status_advice(status: int, key_var: str | None) -> str:
    if status in (401, 403):
        where = key_var or "the API key the server expects"
        return f"; check that {where} holds a valid key with access to this model"
    if status == 404:
        return "; check the model name and the base URL"
    return ""


def timed_out(name: str, seconds: float) -> ModelError:
    """The retryable ``ModelError`` for a model that said nothing for ``seconds``."""
    return ModelError(
        f"{name}: no reply within {seconds:g}s; raise CONCLAVE_MODEL_TIMEOUT if it needs longer",
        provider=name.partition(":")[0],
        retryable=True,
    )


def stream_incomplete(name: str, cause: str = "") -> ModelError:
    """The retryable ``ModelError`` for a stream that stopped before its end."""
    because = f" ({cause})" if cause else ""
    return ModelError(
        f"{name}: stream ended before the reply was complete{because}",
        provider=name.partition(":")[0],
        retryable=True,
    )


def tool_arguments(name: str, tool: str, text: str) -> dict[str, Any]:
    """The parsed arguments of a tool call the model ``name`` wrote as JSON text.

    Raises:
        ModelError: the text is not a JSON object. Not retryable: the model wrote it, and
            asking the same model the same thing tends to get the same mistake.
    """
    try:
        parsed = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as error:
        raise _bad_arguments(name, tool, f"are not valid JSON ({error})") from error
    if not isinstance(parsed, dict):
        raise _bad_arguments(name, tool, "are not a JSON object")
    return parsed


def _bad_arguments(name: str, tool: str, problem: str) -> ModelError:
    return ModelError(
        f"{name}: the arguments of its call to tool {tool!r} {problem}; the model wrote "
        f"malformed output, so try again or use a model that is better at tool calls",
        provider=name.partition(":")[0],
    )


def parse_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds a provider asked us to wait, from ``retry-after-ms`` or ``retry-after``.

    ``retry-after`` may hold seconds or an HTTP date; anything unreadable counts as unsaid.
    """
    millis = _number(headers.get("retry-after-ms"))
    if millis is not None:
        return millis / 1000
    value = headers.get("retry-after")
    seconds = _number(value)
    if seconds is not None or not value:
        return seconds
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)  # HTTP dates are GMT even when they do not say
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _number(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
