"""Engine overhead: what a turn costs Conclave beyond the model call itself.

Measures, on the scripted model with every durable event appended to the in-memory log:

(a) a plain reply turn, (b) a turn with one tool call, each in microseconds and as a ratio to
a bare asyncio baseline measured in the same run; (c) memory per agent instance; (d) the
import time of ``conclave``. The baseline builds the same messages as dicts, awaits an async
model function and appends the reply; for the tool turn it also parses the arguments, awaits
the tool and appends its result before the second model call.

Usage: ``python bench/engine_overhead.py [--turns N]``. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from typing import Any

from conclave import (
    Agent,
    AgentFactory,
    AgentSpec,
    InMemoryRunLog,
    Reply,
    ScriptedModel,
    ToolCall,
    Usage,
    tool,
)

SYSTEM = "You are helper: answers questions."
USAGE = Usage(input_tokens=20, output_tokens=5)
BARS = {"plain_ratio": 60.0, "tool_ratio": 25.0, "bytes_per_agent": 1536, "import_ms": 200.0}


@tool(idempotent=True)
async def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


async def _bare_model(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {"role": "assistant", "content": "Hello!"}


async def _bare_tool_model(messages: list[dict[str, Any]]) -> dict[str, Any]:
    if messages[-1]["role"] == "tool":
        return {"role": "assistant", "content": "The sum is 5."}
    call = {"id": "c1", "name": "add", "arguments": '{"a": 2, "b": 3}'}
    return {"role": "assistant", "content": "", "tool_calls": [call]}


async def _bare_add(a: int, b: int) -> int:
    return a + b


async def bare_plain() -> None:
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "hi"}]
    messages.append(await _bare_model(messages))


async def bare_tool() -> None:
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "add"}]
    reply = await _bare_tool_model(messages)
    messages.append(reply)
    call = reply["tool_calls"][0]
    result = await _bare_add(**json.loads(call["arguments"]))
    messages.append({"role": "tool", "tool_call_id": call["id"], "content": str(result)})
    messages.append(await _bare_tool_model(messages))


def _plain_agent(turns: int) -> Agent:
    script = [Reply(text="Hello!", usage=USAGE) for _ in range(turns)]
    return Agent.define("helper", model=ScriptedModel(script), description="answers questions.")


def _tool_agent(turns: int) -> Agent:
    script: list[Reply] = []
    for _ in range(turns):
        call = ToolCall(id="c1", name="add", arguments={"a": 2, "b": 3})
        script += [Reply(tool_calls=(call,), usage=USAGE), Reply(text="The sum is 5.", usage=USAGE)]
    return Agent.define(
        "helper", model=ScriptedModel(script), tools=[add], description="answers questions."
    )


async def _conclave_turns(agent: Agent, turns: int) -> float:
    log = InMemoryRunLog()
    started = time.perf_counter()
    for _ in range(turns):
        async for _event in agent.run("hi", log=log):
            pass
    return (time.perf_counter() - started) / turns


async def _bare_turns(turn: Callable[[], Awaitable[None]], turns: int) -> float:
    started = time.perf_counter()
    for _ in range(turns):
        await turn()
    return (time.perf_counter() - started) / turns


async def _measure(turns: int, repeats: int) -> dict[str, float]:
    """Best of ``repeats`` for each side, interleaved so machine noise hits both alike."""
    plain, tool_turn, bare_p, bare_t = [], [], [], []
    for _ in range(repeats):
        bare_p.append(await _bare_turns(bare_plain, turns))
        plain.append(await _conclave_turns(_plain_agent(turns), turns))
        bare_t.append(await _bare_turns(bare_tool, turns))
        tool_turn.append(await _conclave_turns(_tool_agent(turns), turns))
    return {
        "plain_us": min(plain) * 1e6,
        "bare_plain_us": min(bare_p) * 1e6,
        "tool_us": min(tool_turn) * 1e6,
        "bare_tool_us": min(bare_t) * 1e6,
        "plain_median_us": statistics.median(plain) * 1e6,
        "tool_median_us": statistics.median(tool_turn) * 1e6,
    }


def bytes_per_agent(count: int = 1000) -> float:
    """tracemalloc growth per agent over ``count`` agents built from one shared spec."""
    factory = AgentFactory(model=ScriptedModel([]))
    spec = AgentSpec(name="helper", description="answers questions.", personality="concise")
    factory.build(spec)  # the shared blueprint is built once, outside the measurement
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    agents = [factory.build(spec) for _ in range(count)]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(agents) == count
    return (after - before) / count


_FLOOR = "import asyncio; import pydantic; from pydantic import BaseModel, TypeAdapter"


def import_ms(statement: str = "import conclave", repeats: int = 9) -> float:
    """The fastest of several ``import conclave`` in fresh interpreters.

    Bytecode caches are allowed and warmed first, as after any install (pip compiles
    bytecode): an environment that forbids them would time the compiler, not the import.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = []
    for _ in range(repeats + 1):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        times.append(float(out.stdout.strip()) * 1000)
    return min(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    figures = asyncio.run(_measure(args.turns, args.repeats))
    figures["plain_ratio"] = figures["plain_us"] / figures["bare_plain_us"]
    figures["tool_ratio"] = figures["tool_us"] / figures["bare_tool_us"]
    figures["bytes_per_agent"] = bytes_per_agent()
    figures["import_ms"] = import_ms()
    figures["import_floor_ms"] = import_ms(_FLOOR)
    for key, value in figures.items():
        print(f"{key:>18}: {value:10.2f}")
    figures = {key: round(value, 3) for key, value in figures.items()}
    passed = {key: figures[key] <= bar for key, bar in BARS.items()}
    print(json.dumps({"bench": "engine_overhead", **figures, "bars": BARS, "passed": passed}))


if __name__ == "__main__":
    main()
