from __future__ import annotations

from conclave import Agent, InMemoryRunLog, ScriptedModel, ToolCallCompleted, call
from conclave.engine.context import InMemoryContextStore
from conclave.engine.events import ContextWritten, Event
from conclave.engine.runlog import read_all
from conclave.engine.teams import RoundRobinTeam


async def test_a_finding_shared_by_one_agent_is_read_by_the_next() -> None:
    researcher = Agent.define(
        "researcher",
        model=ScriptedModel(
            [call("share_finding", key="market", value="EU grows 8%"), "shared it"]
        ),
    )
    coder = Agent.define(
        "coder", model=ScriptedModel([call("read_findings", agent="researcher"), "using the 8%"])
    )
    log = InMemoryRunLog()
    team = RoundRobinTeam("crew", [researcher, coder])
    events: list[Event] = [e async for e in team.run("build the model", log=log)]
    written = [e for e in events if isinstance(e, ContextWritten)]
    assert len(written) == 1
    assert (written[0].author, written[0].namespace, written[0].key) == (
        "crew/researcher",
        "researcher",
        "market",
    )
    assert written[0].value == "EU grows 8%"
    recalled = [e for e in events if isinstance(e, ToolCallCompleted) and e.tool == "read_findings"]
    assert "EU grows 8%" in recalled[0].result
    stored = await read_all(log, events[0].run_id)
    assert written[0] in stored
    assert [e.seq for e in stored] == list(range(1, len(stored) + 1))


async def test_context_tools_outside_a_team_fail_with_a_clear_error() -> None:
    from conclave.engine.context import share

    result = await share.run({"key": "k", "value": "v"})
    assert result.is_error
    assert "only inside a team run" in result.content


async def test_context_entries_expire_after_their_ttl() -> None:
    now = [100.0]
    store = InMemoryContextStore(clock=lambda: now[0])
    await store.set("ns", "k", "v", ttl=5)
    await store.append("ns", "list", 1)
    await store.append("ns", "list", 2)
    assert await store.get("ns", "k") == "v"
    assert await store.items("ns") == {"k": "v", "list": [1, 2]}
    now[0] = 106.0
    assert await store.get("ns", "k") is None
    assert await store.items("ns") == {"list": [1, 2]}
    await store.delete("ns", "list")
    assert await store.items("ns") == {}


async def test_runs_sharing_one_store_do_not_see_each_other() -> None:
    store = InMemoryContextStore()
    writer = Agent.define(
        "a", model=ScriptedModel([call("share_finding", key="k", value="run one"), "ok"])
    )
    reader = Agent.define("b", model=ScriptedModel([call("read_findings", agent="a"), "ok"]))
    await _drain(RoundRobinTeam("one", [writer], context=store).run("x"))
    events = [e async for e in RoundRobinTeam("two", [reader], context=store).run("y")]
    recalled = next(e for e in events if isinstance(e, ToolCallCompleted))
    assert recalled.result == "a has shared nothing"


async def _drain(stream: object) -> None:
    async for _ in stream:  # type: ignore[attr-defined]
        pass
