"""A server killed with SIGKILL part-way through a run, then started again on its data.

Each trial runs an agent whose one tool charges a card (``tests.fakes.crash_tools``) against
the fake provider, kills the server at one point of the run, starts a new server on the same
data folder, and checks what became of the run once its lease expired and it was resumed:

- killed in the first model call (before the tool call), in the second (after it), or
  part-way through a streamed reply, the run completes;
- killed inside the tool call, an idempotent tool runs again and the run completes, while
  for a tool that is not idempotent the resumed run asks a person whether the call took
  effect ("uncertain" approval); told it did, the run completes without running it again;
- in every trial the card is charged exactly once, the log has no gap and no duplicate,
  the provider is asked nothing twice that was already answered, and the run is not lost.
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pytest

from tests.crash.conftest import Server, Trial, open_trial, wait_until
from tests.fakes.crash_tools import lines
from tests.fakes.llm_server import Behaviour, FakeToolCall, Hang, RecordedRequest, Reply

Tool = Literal["idempotent", "non-idempotent"]
KillPoint = Literal["before-tool", "during-tool", "after-tool", "during-stream"]

AGENT = "crash-cashier"
TOOLS: dict[Tool, tuple[str, str]] = {
    "idempotent": ("charge_once", "tests.fakes.crash_tools:charge_once"),
    "non-idempotent": ("charge_card", "tests.fakes.crash_tools:charge_card"),
}
# How many trials each kill point gets, for each tool: 20 in all.
TRIALS: dict[KillPoint, int] = {
    "before-tool": 2,
    "during-tool": 3,
    "after-tool": 2,
    "during-stream": 3,
}
# A hang outlasts the trial; the fake provider ends it when it stops.
HANG_SECONDS = 120.0
FINISH_SECONDS = 30.0
# Trials run side by side, each with its own servers, provider and folders.
CONCURRENT = 2
# The log at each place a kill can land (see check_stored).
FIRST_CALL = ("run.started",)
TOOL_REQUESTED = ("run.started", "usage.recorded", "message.completed", "tool.requested")
TOOL_COMPLETED = (*TOOL_REQUESTED, "tool.completed")


@dataclass(frozen=True)
class Case:
    """One trial: the tool's kind, where the server is killed, and the trial's number."""

    tool: Tool
    kill: KillPoint
    number: int

    def __str__(self) -> str:
        return f"{self.tool}-{self.kill}-{self.number}"

    @property
    def idempotent(self) -> bool:
        return self.tool == "idempotent"

    @property
    def uncertain(self) -> bool:
        """Whether the resumed run must ask a person rather than run the tool again."""
        return self.kill == "during-tool" and not self.idempotent


@dataclass(frozen=True)
class Plan:
    """What the provider answers, request by request, and where the kill lands.

    Attributes:
        behaviours: the provider's answers in order; their number is every request the run
            may make, so a request asked twice finds nothing queued.
        kill_at: kill once the provider has received this many requests (the last one
            hanging); ``None`` kills once the tool has charged and is held open.
        stored: the kinds of the events the log holds when the server is killed.
    """

    behaviours: tuple[Behaviour, ...]
    kill_at: int | None
    stored: tuple[str, ...]


CASES = [
    Case(tool, kill, number)
    for tool in TOOLS
    for kill, count in TRIALS.items()
    for number in range(1, count + 1)
]


@dataclass(frozen=True)
class Outcome:
    """How a trial ended: the error it failed with, if any, and what its servers wrote."""

    error: BaseException | None
    logs: str


@pytest.fixture(scope="module")
def outcomes(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Future[Outcome]]]:
    """The selected trials, started ``CONCURRENT`` at a time when the first is asked for.

    Most of a trial is two servers starting and a lease running out, which two trials can
    do side by side in little more time than one.
    """
    chosen = {
        item.callspec.id
        for item in request.session.items
        if isinstance(item, pytest.Function) and item.module is request.module
    }
    with ThreadPoolExecutor(CONCURRENT, thread_name_prefix="trial") as pool:
        futures = {
            str(case): pool.submit(attempt, case, tmp_path_factory.mktemp(str(case)))
            for case in CASES
            if str(case) in chosen
        }
        try:
            yield futures
        finally:
            pool.shutdown(cancel_futures=True)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_run_survives_a_killed_server_without_doing_anything_twice(
    case: Case, outcomes: dict[str, Future[Outcome]]
) -> None:
    outcome = outcomes[str(case)].result()
    if outcome.error is not None:
        print(outcome.logs)  # shown with the failure
        raise outcome.error


def attempt(case: Case, folder: Path) -> Outcome:
    """Run one trial in ``folder``; its servers are gone when this returns."""
    with open_trial(folder) as trial:
        try:
            run_trial(case, trial)
        except BaseException as error:  # pytest.fail raises a BaseException
            return Outcome(error, trial.logs())
        return Outcome(None, "")


def run_trial(case: Case, trial: Trial) -> None:
    """Start a run, kill the server where the case says, start another, check the run."""
    key = f"order-{case}-{time.time_ns()}"
    plan = plan_for(case, key)
    trial.write_agent(AGENT, TOOLS[case.tool][1])
    trial.fake.queue(*plan.behaviours)
    if plan.kill_at is not None:
        trial.open_gate()

    first = trial.start_server()
    run_id = start_run(first)
    wait_for_kill_point(trial, first, plan)
    stored = first.get(f"/api/runs/{run_id}/events")
    first.kill()
    check_executed_once(plan, trial, key)
    check_stored(plan, stored, requests=trial.fake.requests)
    charged = 0 if plan.stored == FIRST_CALL else 1
    assert lines(trial.tools / "charges", key) == charged

    trial.open_gate()
    second = trial.start_server()
    if case.uncertain:
        tell_it_took_effect(second, run_id)
    run = wait_finished(second, run_id)
    check_effects(case, trial, key)
    check_outcome(case, run)
    check_log(case, second.get(f"/api/runs/{run_id}/events"))
    assert len(trial.fake.requests) == len(plan.behaviours), "the provider was asked again"
    listed = second.get("/api/runs", limit=200)
    assert [item["id"] for item in listed["items"]] == [run_id], "a run was lost or added"


def plan_for(case: Case, key: str) -> Plan:
    """The provider's script for a case: ask for the tool, then answer after its result.

    A kill in a model call hangs that call; the resumed run makes it again, so its reply is
    queued once more. A streamed kill cuts, by trial number, the first reply's text, the
    second reply's text, or the first reply's tool-call arguments.
    """
    ask, answer = asking(TOOLS[case.tool][0], key), answering(key)
    if case.kill == "before-tool":
        return Plan((Hang(HANG_SECONDS), ask, answer), kill_at=1, stored=FIRST_CALL)
    if case.kill == "after-tool":
        return Plan((ask, Hang(HANG_SECONDS), answer), kill_at=2, stored=TOOL_COMPLETED)
    if case.kill == "during-tool":
        return Plan((ask, answer), kill_at=None, stored=TOOL_REQUESTED)
    if case.number % 3 == 2:
        cut = Hang(HANG_SECONDS, after=3, reply=answer)
        return Plan((ask, cut, answer), kill_at=2, stored=TOOL_COMPLETED)
    after = 3 if case.number % 3 == 1 else into_arguments(ask)
    cut = Hang(HANG_SECONDS, after=after, reply=ask)
    return Plan((cut, ask, answer), kill_at=1, stored=FIRST_CALL)


def asking(tool: str, key: str) -> Reply:
    call = FakeToolCall(id="call_charge", name=tool, arguments=json.dumps({"key": key}))
    return Reply(text="Charging the card now.", tool_calls=(call,))


def answering(key: str) -> Reply:
    return Reply(text=f"Done: the card is charged for {key}.")


def into_arguments(reply: Reply) -> int:
    """How many stream events reach into the tool call's arguments: the role, the text,
    the call's start and one piece of its arguments."""
    return 1 + math.ceil(len(reply.text) / reply.piece) + 2


def start_run(server: Server) -> str:
    body = {"target_kind": "agent", "target": AGENT, "input": "Charge the card for my order."}
    response = server.client.post("/api/runs", json=body)
    assert response.status_code == 201, response.text
    run_id: str = response.json()["id"]
    return run_id


def wait_for_kill_point(trial: Trial, server: Server, plan: Plan) -> None:
    """Wait until the run is held where the plan kills it: in the tool, or in a model call
    that hangs (given a moment for a streamed reply's first events to arrive)."""
    if plan.kill_at is None:
        entered = trial.tools / "entered"
        wait_until(entered.exists, what="the tool call", timeout=20, alive=server)
        return
    requests = trial.fake.requests
    count = plan.kill_at
    wait_until(lambda: len(requests) >= count, what="the model call", timeout=20, alive=server)
    time.sleep(0.2)


def check_executed_once(plan: Plan, trial: Trial, key: str) -> None:
    """Up to the kill, the server made the model requests and tool calls of one execution
    of the run: a run executed twice at once would call a tool twice."""
    requests, calls = len(trial.fake.requests), lines(trial.tools / "calls", key)
    expected = plan.kill_at or 1
    if requests > expected or calls > 1:
        pytest.fail(
            f"the first server executed the run more than once at the same time: "
            f"{requests} model requests where one execution makes {expected}, {calls} tool "
            f"calls where it makes at most 1"
        )


def check_stored(
    plan: Plan, stored: list[dict[str, Any]], *, requests: list[RecordedRequest]
) -> None:
    """The log at the kill: the plan's, or the start of it, as long as it holds every tool
    event; the executor stores those before the run goes on, and others in the background."""
    expected, found = list(plan.stored), kinds(stored)
    tool_events = [place + 1 for place, kind in enumerate(expected) if kind.startswith("tool.")]
    asked = [(round(r.at - requests[0].at, 3), len(r.body["messages"])) for r in requests]
    landed = f"the kill landed elsewhere: {stored}; model requests (s, messages): {asked}"
    assert found == expected[: len(found)], landed
    assert len(found) >= max(tool_events, default=0), landed


def tell_it_took_effect(server: Server, run_id: str) -> None:
    """Wait for the resumed run's question about the cut-off call, and deny running it
    again: the card was charged."""
    deadline = time.monotonic() + FINISH_SECONDS
    while time.monotonic() < deadline:
        server.check_alive()
        events = server.get(f"/api/runs/{run_id}/events")
        asked = [e for e in events if e["kind"] == "approval.requested"]
        if asked:
            assert asked[0]["step"] == "uncertain:call_charge"
            path = f"/api/runs/{run_id}/approvals/{asked[0]['approval_id']}"
            decision = {"granted": False, "comment": "the card was charged"}
            response = server.client.post(path, json=decision)
            assert response.status_code == 200, response.text
            return
        time.sleep(0.1)
    pytest.fail(f"run {run_id} asked nobody about its cut-off call after the restart")


def wait_finished(server: Server, run_id: str) -> dict[str, Any]:
    """The run once the new server has resumed and finished it."""
    deadline = time.monotonic() + FINISH_SECONDS
    while time.monotonic() < deadline:
        server.check_alive()
        run: dict[str, Any] = server.get(f"/api/runs/{run_id}")
        if run["finished_at"] is not None:
            return run
        time.sleep(0.1)
    pytest.fail(f"run {run_id} was not finished {FINISH_SECONDS:g}s after the restart")


def check_outcome(case: Case, run: dict[str, Any]) -> None:
    assert (run["status"], run["error"]) == ("completed", None)
    assert run["output"].startswith("Done: the card is charged")


def check_log(case: Case, events: list[dict[str, Any]]) -> None:
    """Seqs 1..n with no gap; one start, one end, last; no message or call twice."""
    assert [event["seq"] for event in events] == list(range(1, len(events) + 1))
    counts = Counter(kinds(events))
    assert counts["run.started"] == 1
    assert counts["run.completed"] + counts["run.failed"] == 1
    assert events[-1]["kind"] == "run.completed"
    messages = [_message_key(e) for e in events if e["kind"] == "message.completed"]
    assert len(messages) == len(set(messages)) == 2
    for kind in ("tool.requested", "tool.completed"):
        calls = [e["call_id"] for e in events if e["kind"] == kind]
        assert len(calls) == len(set(calls)), f"{kind} twice for one call: {calls}"
    assert counts["tool.completed"] == 1
    if case.uncertain:
        decided = [e for e in events if e["kind"] == "approval.decided"]
        assert [(e["granted"], e["comment"]) for e in decided] == [(False, "the card was charged")]
        completed = next(e for e in events if e["kind"] == "tool.completed")
        assert completed["result"].startswith("not run again")


def check_effects(case: Case, trial: Trial, key: str) -> None:
    """The card is charged once; only an idempotent call cut off by the kill runs twice."""
    assert lines(trial.tools / "charges", key) == 1, "the card was charged twice (or never)"
    runs = 2 if case.kill == "during-tool" and case.idempotent else 1
    assert lines(trial.tools / "calls", key) == runs


def kinds(events: list[dict[str, Any]]) -> list[str]:
    return [event["kind"] for event in events]


def _message_key(event: dict[str, Any]) -> str:
    message = event["message"]
    return json.dumps([message["role"], message["content"], message.get("tool_calls")])
