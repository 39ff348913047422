"""Fixtures for the services: a migrated store of each flavour, a bus, scripted targets.

Every case runs on SQLite and on a fresh PostgreSQL database, as the adapter tests do.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from conclave.adapters.bus import InProcessBus
from conclave.adapters.store import migrate
from conclave.adapters.store.engine import Database
from conclave.adapters.store.records import RunRecord
from conclave.adapters.store.repositories import RunRepository, TenantRepository
from conclave.engine.agents import Agent
from conclave.engine.events import Event, event_to_dict
from conclave.engine.messages import Message, ToolCall, Usage
from conclave.engine.models.base import (
    ModelRequest,
    ModelResponse,
    StreamChunk,
    stream_from_complete,
)
from conclave.engine.teams.base import Team
from conclave.engine.tools import Tool, tool
from conclave.errors import UnknownName
from conclave.services.executor import RunExecutor
from conclave.services.runs import RunService
from conclave.services.targets import check_target_kind
from tests.adapters.conftest import fresh_postgres_url

TENANT = "acme"


class CountingModel:
    """Asks for the ``effect`` tool once, then answers with its result; counts its calls."""

    name = "test:counting"

    def __init__(self) -> None:
        self.calls = 0

    async def complete(self, request: ModelRequest) -> ModelResponse:
        self.calls += 1
        results = [m.content for m in request.messages if m.role == "tool"]
        if results:
            message = Message.assistant("done: " + ", ".join(results), author=request.author)
        else:
            calls = (ToolCall(id="c1", name="effect", arguments={"n": 1}),)
            message = Message.assistant("", author=request.author, tool_calls=calls)
        usage = Usage(input_tokens=10, output_tokens=5)
        return ModelResponse(message=message, usage=usage, model=self.name)

    def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        return stream_from_complete(self, request)


class Effects:
    """A tool with a side effect: it counts its runs, and can be held until released."""

    def __init__(self, *, idempotent: bool = False, hold: bool = False) -> None:
        self.done: list[int] = []
        self.started = asyncio.Event()
        self.release = asyncio.Event()
        if not hold:
            self.release.set()
        self.tool = self._make(idempotent)

    def _make(self, idempotent: bool) -> Tool:
        @tool(name="effect", idempotent=idempotent)
        async def effect(n: int) -> str:
            """Has a side effect."""
            self.started.set()
            await self.release.wait()
            self.done.append(n)
            return f"effect {n}"

        return effect


def worker(model: Any, effects: Effects, name: str = "worker") -> Agent:
    """An agent whose model and tool the test controls."""
    return Agent.define(name, model=model, tools=[effects.tool])


class ScriptTargets:
    """Targets from dicts, so tests decide what each run executes."""

    def __init__(self, agents: dict[str, Agent] | None = None) -> None:
        self.agents = agents or {}
        self.teams: dict[str, Team] = {}

    async def agent(self, tenant_id: str, name: str) -> Agent:
        if name not in self.agents:
            raise UnknownName("agent", name, self.agents)
        return self.agents[name]

    async def team(self, tenant_id: str, name: str) -> Team:
        if name not in self.teams:
            raise UnknownName("team", name, self.teams)
        return self.teams[name]

    def build(self, connection: Any, tenant_id: str, kind: str, name: str) -> Agent | Team:
        check_target_kind(kind)
        found: dict[str, Any] = dict(self.agents if kind == "agent" else self.teams)
        if name not in found:
            raise UnknownName(kind, name, found)
        built: Agent | Team = found[name]
        return built


@pytest.fixture(params=["sqlite", "postgres"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """An empty database of each flavour, as a URL."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'conclave.db'}"
        return
    async for url in fresh_postgres_url():
        yield url


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """A migrated store with the tenant ``acme``."""
    await migrate.upgrade(database_url)
    database = Database(database_url)
    await TenantRepository(database.engine).create(TENANT, "Acme")
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture
async def bus() -> AsyncIterator[InProcessBus]:
    bus = InProcessBus()
    try:
        yield bus
    finally:
        await bus.close()


@pytest.fixture
def targets() -> ScriptTargets:
    return ScriptTargets()


ExecutorFactory = Callable[..., RunExecutor]


@pytest.fixture
async def executors(
    database: Database, bus: InProcessBus, targets: ScriptTargets
) -> AsyncIterator[ExecutorFactory]:
    """Builds executors (on this store unless given another), stopped at the end."""
    made: list[RunExecutor] = []

    def make(owner: str = "one", **options: Any) -> RunExecutor:
        options = {"poll_seconds": 0.05, **options}
        store = options.pop("database", database)
        executor = RunExecutor(store, bus, options.pop("targets", targets), owner=owner, **options)
        made.append(executor)
        return executor

    try:
        yield make
    finally:
        for executor in made:
            await executor.stop()


@pytest.fixture
def service(
    database: Database, bus: InProcessBus, targets: ScriptTargets, executors: ExecutorFactory
) -> RunService:
    return RunService(database, bus, targets, executor=executors())


async def until(check: Callable[[], Awaitable[bool]], *, seconds: float = 10.0) -> None:
    """Wait until ``check`` holds, failing after ``seconds``."""
    async with asyncio.timeout(seconds):
        # The store is the only witness across executors, so it is polled.
        while not await check():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


async def finished(database: Database, run_id: str) -> RunRecord:
    """The run once it has finished."""
    runs = RunRepository(database.engine, TENANT)

    async def done() -> bool:
        return (await runs.get(run_id)).finished

    await until(done)
    return await runs.get(run_id)


def comparable(event: Event) -> dict[str, Any]:
    """An event without what differs between a run and its replay."""
    data = event_to_dict(event)
    for key in ("run_id", "at", "duration_ms"):
        data.pop(key, None)
    return data
