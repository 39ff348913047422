"""Team overhead: what orchestration costs beyond the model calls themselves.

Measures, on the scripted model with every durable event appended to the in-memory log:

(a) a three-agent round-robin of 30 turns, in microseconds per turn;
(b) a ten-step graph workflow with a four-way fan-out, in microseconds per step.

Each is compared with a bare asyncio loop that makes the same model calls in the same order
(the fan-out with ``asyncio.gather``), measured in the same run.

Usage: ``python bench/team_overhead.py``. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from conclave import (
    Agent,
    GraphSpec,
    GraphWorkflow,
    InMemoryRunLog,
    MaxTurns,
    Reply,
    RoundRobinTeam,
    ScriptedModel,
    Usage,
)

USAGE = Usage(input_tokens=40, output_tokens=8)
TURNS = 30
BARS = {"round_robin_ratio": 300.0, "graph_ratio": 400.0}
GRAPH = {
    "steps": [
        {"id": "brief", "agent": "a0"},
        *({"id": f"branch{i}", "agent": f"a{i}", "depends_on": ["brief"]} for i in range(1, 5)),
        {"id": "merge", "agent": "a5", "depends_on": [f"branch{i}" for i in range(1, 5)]},
        {"id": "review", "agent": "a6", "depends_on": ["merge"]},
        {"id": "revise", "agent": "a7", "depends_on": ["review"]},
        {"id": "approve", "agent": "a8", "depends_on": ["revise"]},
        {"id": "publish", "agent": "a9", "depends_on": ["approve"]},
    ]
}
GRAPH_STEPS = len(GRAPH["steps"])


def _agent(name: str, replies: int) -> Agent:
    script = [Reply(text=f"{name} says something useful.", usage=USAGE) for _ in range(replies)]
    return Agent.define(name, model=ScriptedModel(script), description=f"the {name}")


async def _bare_model(transcript: list[dict[str, Any]]) -> dict[str, Any]:
    return {"role": "assistant", "content": "something useful."}


async def bare_round_robin() -> None:
    models = [_bare_model, _bare_model, _bare_model]
    transcript = [{"role": "user", "content": "plan the launch"}]
    for turn in range(TURNS):
        transcript.append(await models[turn % 3](transcript))


async def bare_graph() -> None:
    outputs: dict[str, dict[str, Any]] = {}
    outputs["brief"] = await _bare_model([])
    branches = await asyncio.gather(*(_bare_model([outputs["brief"]]) for _ in range(4)))
    outputs.update({f"branch{i}": reply for i, reply in enumerate(branches, 1)})
    previous = await _bare_model(list(outputs.values()))
    for step in ("review", "revise", "approve", "publish"):
        previous = await _bare_model([previous])
        outputs[step] = previous


async def _team_round_robin(runs: int) -> float:
    teams = [
        RoundRobinTeam(
            "crew",
            [_agent("planner", 10), _agent("writer", 10), _agent("critic", 10)],
            termination=MaxTurns(TURNS),
        )
        for _ in range(runs)
    ]
    log = InMemoryRunLog()
    started = time.perf_counter()
    for team in teams:
        async for _event in team.run("plan the launch", log=log):
            pass
    return (time.perf_counter() - started) / (runs * TURNS)


async def _graph(runs: int) -> float:
    spec = GraphSpec.from_data(GRAPH)
    workflows = [
        GraphWorkflow("flow", spec, agents={f"a{i}": _agent(f"a{i}", 1) for i in range(10)})
        for _ in range(runs)
    ]
    log = InMemoryRunLog()
    started = time.perf_counter()
    for workflow in workflows:
        async for _event in workflow.run("publish the report", log=log):
            pass
    return (time.perf_counter() - started) / (runs * GRAPH_STEPS)


async def _bare(loop: Callable[[], Awaitable[None]], runs: int, units: int) -> float:
    started = time.perf_counter()
    for _ in range(runs):
        await loop()
    return (time.perf_counter() - started) / (runs * units)


async def _measure(runs: int, repeats: int) -> dict[str, float]:
    rr, bare_rr, flow, bare_flow = [], [], [], []
    for _ in range(repeats):
        bare_rr.append(await _bare(bare_round_robin, runs, TURNS))
        rr.append(await _team_round_robin(runs))
        bare_flow.append(await _bare(bare_graph, runs, GRAPH_STEPS))
        flow.append(await _graph(runs))
    figures = {"round_robin_us": min(rr) * 1e6, "bare_round_robin_us": min(bare_rr) * 1e6}
    figures["round_robin_ratio"] = figures["round_robin_us"] / figures["bare_round_robin_us"]
    figures["graph_step_us"] = min(flow) * 1e6
    figures["bare_graph_step_us"] = min(bare_flow) * 1e6
    figures["graph_ratio"] = figures["graph_step_us"] / figures["bare_graph_step_us"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    figures = asyncio.run(_measure(args.runs, args.repeats))
    for key, value in figures.items():
        print(f"{key:>22}: {value:10.2f}")
    figures = {key: round(value, 3) for key, value in figures.items()}
    passed = {key: figures[key] <= bar for key, bar in BARS.items()}
    print(json.dumps({"bench": "team_overhead", **figures, "bars": BARS, "passed": passed}))


if __name__ == "__main__":
    main()
