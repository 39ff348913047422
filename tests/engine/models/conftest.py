"""Fixtures for the provider tests: a fake provider, and real SDK clients pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from conclave.engine.models.registry import ModelOptions, build_model
from conclave.engine.models.resilience import ResilientModel, Sleep
from tests.fakes.llm_server import FakeLLMServer

# Variables the SDKs read on their own; a developer's shell must not leak into the tests.
_SDK_VARIABLES = (
    "OPENAI_BASE_URL",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
    "ANTHROPIC_BASE_URL",
    "ANTHROPIC_AUTH_TOKEN",
    "ANTHROPIC_CUSTOM_HEADERS",
    "ANTHROPIC_PROFILE",
    "OLLAMA_BASE_URL",
)

Connect = Callable[..., ResilientModel]


@pytest.fixture(autouse=True)
def _clean_sdk_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in _SDK_VARIABLES:
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def llm_server() -> Iterator[FakeLLMServer]:
    """A fake OpenAI and Anthropic provider on 127.0.0.1, empty of behaviours."""
    with FakeLLMServer() as server:
        yield server


@pytest.fixture
async def connect(llm_server: FakeLLMServer) -> AsyncIterator[Connect]:
    """Build models through ``build_model`` against the fake; they are closed afterwards.

    ``connect(spec, sleep=recorder, **options)`` takes ``ModelOptions`` fields; retries
    wait 10 ms unless told otherwise, and ``sleep`` replaces the wait between attempts.
    """
    built: list[ResilientModel] = []

    def connect(spec: str, *, sleep: Sleep | None = None, **options: Any) -> ResilientModel:
        options = {"api_key": "test", "backoff": 0.01, "timeout": 5.0, **options}
        anthropic = spec.startswith("anthropic:")
        options.setdefault("base_url", llm_server.url if anthropic else llm_server.openai_url)
        model = build_model(spec, ModelOptions(**options))
        assert isinstance(model, ResilientModel)
        if sleep is not None:
            model = ResilientModel(
                model.models[0], fallbacks=model.models[1:], policy=model.policy, sleep=sleep
            )
        built.append(model)
        return model

    yield connect
    for model in built:
        await model.aclose()


class SleepRecorder:
    """Stands in for ``asyncio.sleep``: remembers each wait and returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()
