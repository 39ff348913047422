from __future__ import annotations

import asyncio
import threading
import time
from typing import Literal

import pytest
from pydantic import BaseModel

from conclave import SpecError, Tool, ToolFailed, UnknownName, tool
from conclave.engine.tools import render_result, resolve_tool
from tests.factories import add, explode, shout, sleepy


def test_schema_comes_from_type_hints_and_docstring() -> None:
    @tool
    def search(query: str, limit: int = 5, mode: Literal["fast", "deep"] = "fast") -> list[str]:
        """Search the notes.

        Longer text the model does not need.
        """
        return []

    definition = search.definition
    assert definition.name == "search"
    assert definition.description == "Search the notes."
    params = definition.parameters
    assert params["required"] == ["query"]
    assert params["properties"]["query"] == {"type": "string"}
    assert params["properties"]["limit"] == {"type": "integer", "default": 5}
    assert params["properties"]["mode"]["enum"] == ["fast", "deep"]


async def test_arguments_are_validated_and_coerced() -> None:
    result = await add.run({"a": "2", "b": 3})
    assert result.content == "5"
    assert not result.is_error


async def test_bad_arguments_give_an_error_result_that_names_the_field() -> None:
    result = await add.run({"a": "two", "b": 3})
    assert result.is_error
    assert "bad arguments for tool 'add'" in result.content
    assert "a:" in result.content


async def test_unexpected_argument_is_refused() -> None:
    result = await add.run({"a": 1, "b": 2, "c": 3})
    assert result.is_error
    assert "c:" in result.content


async def test_missing_argument_is_refused() -> None:
    result = await add.run({"a": 1})
    assert result.is_error
    assert "b:" in result.content


async def test_exception_in_a_tool_becomes_an_error_result() -> None:
    result = await explode.run({"reason": "no disk"})
    assert result.is_error
    assert "RuntimeError: no disk" in result.content


async def test_async_tool_timeout_becomes_an_error_result() -> None:
    result = await sleepy.run({"seconds": 2})
    assert result.is_error
    assert "timed out after 0.05s" in result.content


async def test_sync_tool_runs_off_the_event_loop() -> None:
    loop_thread = threading.get_ident()
    seen: list[int] = []

    @tool
    def blocking() -> str:
        """Blocks for a moment."""
        seen.append(threading.get_ident())
        time.sleep(0.05)
        return "done"

    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    task = asyncio.create_task(ticker())
    result = await blocking.run({})
    task.cancel()
    assert result.content == "done"
    assert seen and seen[0] != loop_thread
    assert ticks >= 3


async def test_sync_tool_timeout_is_enforced() -> None:
    @tool(timeout=0.05)
    def slow() -> str:
        """Too slow."""
        time.sleep(0.3)
        return "late"

    result = await slow.run({})
    assert result.is_error
    assert "timed out" in result.content


async def test_tool_failed_raised_by_a_tool_keeps_its_message() -> None:
    @tool
    def picky(n: int) -> int:
        """Refuses negatives."""
        if n < 0:
            raise ToolFailed("n must be 0 or more", tool="picky")
        return n

    result = await picky.run({"n": -1})
    assert result.content == "error: n must be 0 or more"


def test_flags_and_tags_are_kept() -> None:
    @tool(idempotent=True, requires_approval=True, tags=["sensitive"], name="wire")
    def transfer(amount: float) -> str:
        """Moves money."""
        return "ok"

    assert transfer.name == "wire"
    assert transfer.idempotent and transfer.requires_approval
    assert transfer.tags == frozenset({"sensitive"})
    assert shout.idempotent is False


async def test_calling_a_tool_directly_returns_its_value() -> None:
    assert await add(a=4, b=5) == 9


def test_results_render_as_text_or_json() -> None:
    class Point(BaseModel):
        x: int

    assert render_result("plain") == "plain"
    assert render_result({"a": [1, 2]}) == '{"a": [1, 2]}'
    assert render_result(Point(x=1)) == '{"x":1}'


def test_tools_resolve_by_name_or_import_path() -> None:
    registry = {"add": add}
    assert resolve_tool("add", registry) is add
    imported = resolve_tool("tests.factories:shout", registry)
    assert imported is shout
    plain = resolve_tool("os.path:basename", registry)
    assert isinstance(plain, Tool) and plain.name == "basename"


def test_unknown_tool_name_suggests_the_closest() -> None:
    with pytest.raises(UnknownName, match="did you mean 'add'"):
        resolve_tool("ad", {"add": add})


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("no_such_module_xyz:f", "cannot import tool module"),
        ("os.path:nope", "has no 'nope'"),
        ("os:sep", "not a function or a tool"),
    ],
)
def test_bad_import_paths_say_what_is_wrong(path: str, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        resolve_tool(path, {})
