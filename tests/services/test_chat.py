"""Chat turns: a conversation's turns as durable runs, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from conclave.adapters.store.engine import Database
from conclave.adapters.store.repositories import ConversationRepository
from conclave.engine.agents import Agent
from conclave.engine.messages import Message
from conclave.engine.models.scripted import ScriptedModel
from conclave.errors import NotFound, UserError
from conclave.services.runs import RunService
from tests.services.conftest import TENANT, ScriptTargets


def _helper(model: ScriptedModel) -> Agent:
    return Agent.define("helper", model=model, instructions="Answer briefly.")


async def _messages(database: Database, conversation_id: str) -> list[tuple[str, str]]:
    page = await ConversationRepository(database.engine, TENANT).messages(conversation_id)
    return [(m.role, m.content) for m in page.items]


async def test_a_turn_stores_the_message_the_run_and_then_the_reply(
    service: RunService, targets: ScriptTargets, database: Database
) -> None:
    targets.agents["helper"] = _helper(ScriptedModel(["Hi there."]))
    turn = await service.chat(TENANT, "agent", "helper", "hello")
    done = await service.outcome(turn.run)
    assert (done.status, done.output, done.conversation_id) == (
        "completed",
        "Hi there.",
        turn.conversation_id,
    )
    stored = await service.get(TENANT, turn.run.id)
    assert (stored.status, stored.output, stored.lease_owner) == ("completed", "Hi there.", None)
    assert await _messages(database, turn.conversation_id) == [
        ("user", "hello"),
        ("assistant", "Hi there."),
    ]
    events = await service.events(TENANT, turn.run.id)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].kind == "run.started" and events[-1].kind == "run.completed"


async def test_the_next_turn_sees_the_conversation_so_far(
    service: RunService, targets: ScriptTargets
) -> None:
    model = ScriptedModel(["Noted: 5k.", "Within 5k."])
    targets.agents["helper"] = _helper(model)
    first = await service.chat(TENANT, "agent", "helper", "our budget is 5k")
    await service.outcome(first.run)
    second = await service.chat(
        TENANT, "agent", "helper", "plan within it", conversation_id=first.conversation_id
    )
    assert (await service.outcome(second.run)).output == "Within 5k."
    seen = [(m.role, m.content) for m in model.requests[1].messages if m.role != "system"]
    assert seen == [
        ("user", "our budget is 5k"),
        ("assistant", "Noted: 5k."),
        ("user", "plan within it"),
    ]


async def test_earlier_messages_start_a_new_conversation(
    service: RunService, targets: ScriptTargets, database: Database
) -> None:
    model = ScriptedModel(["Yes."])
    targets.agents["helper"] = _helper(model)
    earlier = [Message.user("is it on?"), Message.assistant("It is.", author="helper")]
    turn = await service.chat(TENANT, "agent", "helper", "sure?", earlier=earlier)
    await service.outcome(turn.run)
    assert await _messages(database, turn.conversation_id) == [
        ("user", "is it on?"),
        ("assistant", "It is."),
        ("user", "sure?"),
        ("assistant", "Yes."),
    ]
    assert [m.content for m in model.requests[0].messages if m.role != "system"] == [
        "is it on?",
        "It is.",
        "sure?",
    ]


async def test_a_turn_in_another_targets_conversation_is_refused_and_stores_nothing(
    service: RunService, targets: ScriptTargets, database: Database
) -> None:
    targets.agents["helper"] = _helper(ScriptedModel(["Hi."]))
    targets.agents["other"] = Agent.define("other", model=ScriptedModel([]))
    turn = await service.chat(TENANT, "agent", "helper", "hello")
    await service.outcome(turn.run)
    with pytest.raises(UserError, match="is with agent 'helper'"):
        await service.chat(TENANT, "agent", "other", "hi", conversation_id=turn.conversation_id)
    with pytest.raises(NotFound):
        await service.chat(TENANT, "agent", "helper", "hi", conversation_id="missing")
    assert len(await _messages(database, turn.conversation_id)) == 2
    assert (await service.list(TENANT)).total == 1
