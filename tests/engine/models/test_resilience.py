"""Retries, timeouts and fallbacks: against the fake provider through both real SDKs, and
with in-process models that fail on cue."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import aclosing
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from conclave.engine.messages import ZERO_USAGE, Message
from conclave.engine.models.base import (
    ModelClient,
    ModelRequest,
    ModelResponse,
    StreamChunk,
    StreamDone,
    StreamReset,
    TextDelta,
)
from conclave.engine.models.resilience import ResilientModel, RetryPolicy, parse_retry_after
from conclave.errors import ModelError
from tests.engine.models.conftest import Connect, SleepRecorder
from tests.fakes.llm_server import FakeLLMServer, Hang, HttpError, Reply, Truncated

HELLO = ModelRequest(messages=(Message.user("hi"),))
PROVIDERS = pytest.mark.parametrize("spec", ["openai:gpt-4o-mini", "anthropic:claude-haiku-4-5"])


async def _collect(model: ModelClient) -> list[StreamChunk]:
    return [chunk async for chunk in model.stream(HELLO)]


def _texts(chunks: Sequence[StreamChunk]) -> list[str]:
    return [chunk.text for chunk in chunks if isinstance(chunk, TextDelta)]


# ---------------------------------------------------------------- through the real SDKs


@PROVIDERS
async def test_a_rate_limit_waits_as_long_as_retry_after_says(
    spec: str, llm_server: FakeLLMServer, connect: Connect, sleeps: SleepRecorder
) -> None:
    llm_server.queue(HttpError(429, "slow down", {"retry-after": "0.2"}), Reply(text="ok"))
    response = await connect(spec, sleep=sleeps).complete(HELLO)
    assert response.message.content == "ok"
    assert sleeps.waits == [pytest.approx(0.2)]


async def test_the_retry_really_waits_for_retry_after(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(HttpError(429, "slow down", {"retry-after": "0.2"}), Reply(text="ok"))
    await connect("openai:gpt-4o-mini").complete(HELLO)
    first, second = llm_server.requests
    assert second.at - first.at >= 0.2


@PROVIDERS
async def test_retry_after_ms_takes_precedence(
    spec: str, llm_server: FakeLLMServer, connect: Connect, sleeps: SleepRecorder
) -> None:
    headers = {"retry-after-ms": "250", "retry-after": "9"}
    llm_server.queue(HttpError(429, "slow down", headers), Reply(text="ok"))
    await connect(spec, sleep=sleeps).complete(HELLO)
    assert sleeps.waits == [pytest.approx(0.25)]


@PROVIDERS
async def test_server_errors_are_retried_until_one_succeeds(
    spec: str, llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(HttpError(500), HttpError(500), Reply(text="third time"))
    response = await connect(spec).complete(HELLO)
    assert response.message.content == "third time"
    assert len(llm_server.requests) == 3


@PROVIDERS
async def test_a_hanging_server_ends_in_a_model_error_quickly(
    spec: str, llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Hang(seconds=5), Hang(seconds=5))
    started = time.monotonic()
    with pytest.raises(ModelError, match=r"failed after 2 attempts: no reply within 0\.3s"):
        await connect(spec, timeout=0.3, max_retries=1).complete(HELLO)
    assert time.monotonic() - started < 2
    assert len(llm_server.requests) == 2


@PROVIDERS
async def test_a_stream_that_goes_quiet_ends_in_a_model_error_quickly(
    spec: str, llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Hang(seconds=5, after=4))
    started = time.monotonic()
    with pytest.raises(ModelError, match="no reply within"):
        await _collect(connect(spec, timeout=0.3, max_retries=0))
    assert time.monotonic() - started < 2


@PROVIDERS
async def test_a_fallback_answers_when_the_primary_keeps_failing(
    spec: str, llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(HttpError(500), HttpError(500), HttpError(500), Reply(text="fallback"))
    model = connect(spec, fallbacks=(f"{spec}-backup",))
    response = await model.complete(HELLO)
    assert response.message.content == "fallback"
    assert response.model == f"{spec}-backup"
    models = [body["model"] for body in llm_server.bodies()]
    assert models == [spec.partition(":")[2]] * 3 + [spec.partition(":")[2] + "-backup"]


async def test_a_fallback_may_be_another_provider(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(HttpError(401, "bad key"), Reply(text="from claude"))
    model = connect("openai:gpt-4o-mini", fallbacks=("anthropic:claude-haiku-4-5",))
    response = await model.complete(HELLO)
    assert response.model == "anthropic:claude-haiku-4-5"
    assert [r.path.rpartition("/")[2] for r in llm_server.requests] == ["completions", "messages"]


@PROVIDERS
async def test_a_stream_that_fails_before_its_first_chunk_is_retried_silently(
    spec: str, llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(HttpError(503), Reply(text="hello there"))
    chunks = await _collect(connect(spec))
    assert not any(isinstance(chunk, StreamReset) for chunk in chunks)
    assert "".join(_texts(chunks)) == "hello there"


@PROVIDERS
async def test_a_stream_dropped_part_way_is_reset_and_tried_again(
    spec: str, llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Truncated(after=4, abrupt=True), Reply(text="hello there"))
    chunks = await _collect(connect(spec))
    reset = next(chunk for chunk in chunks if isinstance(chunk, StreamReset))
    after_reset = chunks[chunks.index(reset) + 1 :]
    assert reset.attempt == 2
    assert "stream ended before the reply was complete" in reset.reason
    assert "".join(_texts(after_reset)) == "hello there"
    assert isinstance(chunks[-1], StreamDone)


@PROVIDERS
async def test_a_consumer_may_stop_reading_part_way(
    spec: str, llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="a long story told slowly", piece=2), Reply(text="next"))
    model = connect(spec)
    async with aclosing(model.stream(HELLO)) as chunks:
        async for chunk in chunks:
            if isinstance(chunk, TextDelta):
                break
    assert (await model.complete(HELLO)).message.content == "next"


# ---------------------------------------------------------------- the policy


def test_backoff_doubles_with_each_retry_up_to_the_cap() -> None:
    policy = RetryPolicy(backoff=0.5, max_backoff=3.0)
    waits = [policy.delay(retry, _error(), lambda: 1.0) for retry in range(1, 6)]
    assert waits == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_jitter_draws_the_wait_below_the_ceiling() -> None:
    policy = RetryPolicy(backoff=1.0)
    assert policy.delay(3, _error(), lambda: 0.25) == 1.0


def test_retry_after_is_a_floor_under_the_jitter() -> None:
    policy = RetryPolicy(backoff=0.5)
    assert policy.delay(1, _error(retry_after=4.0), lambda: 0.1) == 4.0


def test_retry_after_is_capped_by_max_backoff() -> None:
    policy = RetryPolicy(max_backoff=2.0)
    assert policy.delay(1, _error(retry_after=120.0), lambda: 0.1) == 2.0


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after": "soon"}, None),
        ({}, None),
    ],
)
def test_retry_after_headers_are_read_in_seconds(
    headers: dict[str, str], expected: float | None
) -> None:
    assert parse_retry_after(headers) == expected


def test_retry_after_may_be_an_http_date() -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert parse_retry_after({"retry-after": when}) == pytest.approx(30, abs=2)


# ---------------------------------------------------------------- with models that fail on cue


class FlakyModel:
    """Fails with ``errors`` in turn (``None`` is a success), then succeeds.

    A failing stream first sends ``fail_after`` of its pieces, like a connection that drops
    part-way; ``hang`` makes every call go quiet instead.
    """

    def __init__(
        self,
        name: str = "fake:flaky",
        errors: Sequence[ModelError | None] = (),
        *,
        fail_after: int = 0,
        hang: bool = False,
    ) -> None:
        self.name = name
        self.calls = 0
        self._errors = list(errors)
        self._fail_after = fail_after
        self._hang = hang

    async def complete(self, request: ModelRequest) -> ModelResponse:
        if (error := self._outcome()) is not None:
            raise error
        if self._hang:
            await asyncio.sleep(10)
        return _response(self.name)

    async def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        error = self._outcome()
        for index, piece in enumerate(("hel", "lo")):
            if error is not None and index == self._fail_after:
                raise error
            yield TextDelta(text=piece)
            if self._hang:
                await asyncio.sleep(10)
        yield StreamDone(response=_response(self.name))

    def _outcome(self) -> ModelError | None:
        self.calls += 1
        return self._errors.pop(0) if self._errors else None


class NoDoneModel(FlakyModel):
    """A broken provider whose stream ends without ``StreamDone``."""

    async def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        yield TextDelta(text="hel")


def _error(
    status: int | None = 500,
    *,
    name: str = "fake:flaky",
    retryable: bool = True,
    retry_after: float | None = None,
) -> ModelError:
    return ModelError(
        f"{name}: HTTP {status}: boom",
        provider="fake",
        status=status,
        retryable=retryable,
        retry_after=retry_after,
    )


def _response(name: str) -> ModelResponse:
    return ModelResponse(message=Message.assistant("hello"), usage=ZERO_USAGE, model=name)


def _resilient(
    *models: ModelClient, sleeps: SleepRecorder, policy: RetryPolicy | None = None
) -> ResilientModel:
    primary, *fallbacks = models
    return ResilientModel(
        primary,
        fallbacks=fallbacks,
        policy=policy or RetryPolicy(),
        sleep=sleeps,
        random=lambda: 1.0,
    )


def test_the_name_is_the_primary_name(sleeps: SleepRecorder) -> None:
    model = _resilient(FlakyModel("a:one"), FlakyModel("b:two"), sleeps=sleeps)
    assert model.name == "a:one"


async def test_waits_between_retries_grow_as_the_policy_says(sleeps: SleepRecorder) -> None:
    flaky = FlakyModel(errors=[_error(), _error()])
    await _resilient(flaky, sleeps=sleeps, policy=RetryPolicy(backoff=0.5)).complete(HELLO)
    assert sleeps.waits == [0.5, 1.0]
    assert flaky.calls == 3


async def test_a_non_retryable_error_is_not_retried(sleeps: SleepRecorder) -> None:
    flaky = FlakyModel(errors=[_error(400, retryable=False)])
    with pytest.raises(ModelError, match=r"failed after 1 attempt: HTTP 400: boom$"):
        await _resilient(flaky, sleeps=sleeps).complete(HELLO)
    assert flaky.calls == 1
    assert sleeps.waits == []


async def test_a_non_retryable_error_still_tries_the_fallbacks(sleeps: SleepRecorder) -> None:
    primary = FlakyModel("a:one", errors=[_error(401, retryable=False)])
    response = await _resilient(primary, FlakyModel("b:two"), sleeps=sleeps).complete(HELLO)
    assert response.model == "b:two"
    assert primary.calls == 1


async def test_the_final_error_names_the_model_status_attempts_and_the_fix(
    sleeps: SleepRecorder,
) -> None:
    flaky = FlakyModel(errors=[_error()] * 3)
    with pytest.raises(ModelError) as caught:
        await _resilient(flaky, sleeps=sleeps).complete(HELLO)
    assert str(caught.value) == (
        "fake:flaky failed after 3 attempts: HTTP 500: boom; check the provider's status "
        "page, raise CONCLAVE_MODEL_RETRIES, or set CONCLAVE_FALLBACK_MODELS"
    )
    assert (caught.value.status, caught.value.retryable) == (500, False)


async def test_the_final_error_names_every_model_of_the_chain(sleeps: SleepRecorder) -> None:
    primary = FlakyModel("a:one", errors=[_error(name="a:one")] * 3)
    fallback = FlakyModel("b:two", errors=[_error(503, name="b:two")] * 3)
    with pytest.raises(ModelError) as caught:
        await _resilient(primary, fallback, sleeps=sleeps).complete(HELLO)
    message = str(caught.value)
    assert message.startswith(
        "a:one failed after 3 attempts: HTTP 500: boom; "
        "b:two failed after 3 attempts: HTTP 503: boom; "
    )
    assert "CONCLAVE_FALLBACK_MODELS" not in message


async def test_an_attempt_that_takes_too_long_is_a_retryable_timeout(
    sleeps: SleepRecorder,
) -> None:
    flaky = FlakyModel(hang=True)
    policy = RetryPolicy(max_retries=1, timeout=0.05)
    with pytest.raises(ModelError, match=r"failed after 2 attempts: no reply within 0\.05s"):
        await _resilient(flaky, sleeps=sleeps, policy=policy).complete(HELLO)
    assert flaky.calls == 2


async def test_errors_that_are_not_model_errors_pass_through(sleeps: SleepRecorder) -> None:
    class Broken(FlakyModel):
        async def complete(self, request: ModelRequest) -> ModelResponse:
            raise RuntimeError("a bug, not an outage")

    with pytest.raises(RuntimeError, match="a bug"):
        await _resilient(Broken(), sleeps=sleeps).complete(HELLO)


async def test_a_stream_failing_before_its_first_chunk_is_retried_silently(
    sleeps: SleepRecorder,
) -> None:
    chunks = await _collect(_resilient(FlakyModel(errors=[_error()]), sleeps=sleeps))
    assert [type(chunk) for chunk in chunks] == [TextDelta, TextDelta, StreamDone]


async def test_a_stream_dropping_after_chunks_is_reset_then_tried_again(
    sleeps: SleepRecorder,
) -> None:
    flaky = FlakyModel(errors=[_error()], fail_after=1)
    chunks = await _collect(_resilient(flaky, sleeps=sleeps))
    assert chunks[:4] == [
        TextDelta(text="hel"),
        StreamReset(reason="fake:flaky: HTTP 500: boom", attempt=2),
        TextDelta(text="hel"),
        TextDelta(text="lo"),
    ]
    assert isinstance(chunks[4], StreamDone)
    assert len(chunks) == 5


async def test_no_reset_is_sent_when_no_attempt_follows(sleeps: SleepRecorder) -> None:
    flaky = FlakyModel(errors=[_error()], fail_after=1)
    model = _resilient(flaky, sleeps=sleeps, policy=RetryPolicy(max_retries=0))
    chunks = model.stream(HELLO)
    assert await anext(chunks) == TextDelta(text="hel")
    with pytest.raises(ModelError, match="failed after 1 attempt"):
        await anext(chunks)


async def test_a_stream_that_goes_quiet_is_ended_by_the_idle_timeout(
    sleeps: SleepRecorder,
) -> None:
    policy = RetryPolicy(max_retries=0, timeout=0.05)
    with pytest.raises(ModelError, match=r"no reply within 0\.05s"):
        await _collect(_resilient(FlakyModel(hang=True), sleeps=sleeps, policy=policy))


async def test_a_stream_without_its_done_chunk_is_incomplete(sleeps: SleepRecorder) -> None:
    model = _resilient(NoDoneModel(), sleeps=sleeps, policy=RetryPolicy(max_retries=0))
    with pytest.raises(ModelError, match="stream ended before the reply was complete"):
        await _collect(model)


async def test_the_happy_path_starts_no_tasks(sleeps: SleepRecorder) -> None:
    seen: list[int] = []

    class Counting(FlakyModel):
        async def complete(self, request: ModelRequest) -> ModelResponse:
            seen.append(len(asyncio.all_tasks()))
            return _response(self.name)

    before = len(asyncio.all_tasks())
    await _resilient(Counting(), sleeps=sleeps).complete(HELLO)
    assert seen == [before]
