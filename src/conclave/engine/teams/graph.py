"""Graph workflows: steps with dependencies, run in parallel where they can be.

A workflow is a list of steps read from YAML (see :class:`GraphSpec`): agent steps, tool
steps and approval gates, with dependencies, conditions, bounded loops, SLAs and failure
policies. Every step whose dependencies are done starts at once, up to ``max_parallel``,
as an asyncio task on its own branch recorder; their events reach the run's one stream
through a queue, in the order they were logged::

    spec = GraphSpec.from_data({"steps": [
        {"id": "research", "agent": "researcher"},
        {"id": "write", "agent": "writer", "depends_on": ["research"]},
    ]})
    workflow = GraphWorkflow("report", spec, agents={"researcher": r, "writer": w})
    async for event in workflow.run("the EU battery market"):
        ...

The workflow's output is that of the last step, in spec order, that completed.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from conclave.engine.approvals import Approver
from conclave.engine.context import SharedContext
from conclave.engine.events import Event
from conclave.engine.messages import Message
from conclave.engine.recorder import BranchRecorder, Recorder
from conclave.engine.teams._graph_plan import PlannedStep
from conclave.engine.teams._graph_spec import GraphSpec, StepSpec
from conclave.engine.teams._graph_steps import StepRun, WorkflowRun, skipped
from conclave.engine.teams.base import Participant, Team
from conclave.engine.teams.termination import TeamState
from conclave.engine.tools import Tool
from conclave.errors import SpecError, UnknownName

__all__ = ["GraphSpec", "GraphWorkflow", "StepSpec"]

Status = Literal["pending", "running", "done", "skipped"]
_FINISHED: tuple[Status, ...] = ("done", "skipped")
_NO_TOOLS: Mapping[str, Tool] = MappingProxyType({})


class GraphWorkflow(Team):
    """A team whose work is a graph of steps rather than a conversation.

    Args:
        name: the workflow's name, the first part of every author path in its runs.
        spec: the steps.
        agents: the agents and teams the steps name, by the name the steps use.
        tools: the tools the tool steps name.
        approver: decides approval gates and SLA escalations that ask a person.
        **team_kwargs: the rest of :class:`Team`'s options (``max_turns``, ``context``...).

    Raises:
        UnknownName: a step names an agent or tool that was not given.
    """

    needs_participants = False  # a workflow of tool steps and gates alone is valid

    def __init__(
        self,
        name: str,
        spec: GraphSpec,
        *,
        agents: Mapping[str, Participant],
        tools: Mapping[str, Tool] = _NO_TOOLS,
        approver: Approver | None = None,
        **team_kwargs: Any,
    ) -> None:
        participants = _participants(name, spec, agents)
        # Steps pass their outputs on through templates ({steps.x}); lending every agent
        # the shared-context tools as well would only give models a wrong path to take.
        team_kwargs.setdefault("share_context", False)
        super().__init__(name, participants, approver=approver, **team_kwargs)
        self.spec = spec
        self.steps = spec.plan
        self.agent_names = {ref: p.name for ref, p in agents.items() if p in participants}
        self.tools = {step.id: _tool(name, step, tools) for step in self.steps if step.spec.tool}

    async def _play(
        self,
        rec: Recorder,
        transcript: list[Message],
        state: TeamState,
        *,
        author: str,
        stream: bool,
        context: SharedContext,
    ) -> AsyncGenerator[Event, None]:
        """Run the steps and add the workflow's output to the conversation.

        Steps: start every ready step (:meth:`_Scheduler.launch`); yield events as they
        arrive; when a step ends, settle it (record its output, run a loop again, or fail
        the workflow) and start what it unblocked; last, the output and why it stopped.
        """
        scheduler = _Scheduler(self, rec, state, author=author, stream=stream, context=context)
        # Closed with this generator, so a reader that stops early stops the running steps.
        async with contextlib.aclosing(scheduler.events()) as events:
            async for event in events:
                yield event
        transcript.append(Message.assistant(scheduler.output(), author=author))
        state.reason = scheduler.reason()


@dataclass(frozen=True, slots=True)
class _Finished:
    """A step task ended: with its output, ``None`` if it was skipped, or an error."""

    step: str
    output: str | None
    error: Exception | None = None


class _Scheduler:
    """One run of a workflow: which steps are done, running, waiting; and the queue."""

    def __init__(
        self,
        workflow: GraphWorkflow,
        rec: Recorder,
        state: TeamState,
        *,
        author: str,
        stream: bool,
        context: SharedContext,
    ) -> None:
        self.workflow = workflow
        self.steps = {step.id: step for step in workflow.steps}
        self.root = _root(rec)
        self.rec = self.root.branch()  # the scheduler's own events, numbered with the steps'
        self.queue: asyncio.Queue[Event | _Finished] = asyncio.Queue()
        self.run = WorkflowRun(
            workflow=workflow,
            author=author,
            stream=stream,
            state=state,
            context=context,
            emit=self.queue.put_nowait,
            outputs={},
            starts={},
        )
        self.status: dict[str, Status] = dict.fromkeys(self.steps, "pending")
        self.rounds: dict[str, int] = {}
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self.order = {step.id: step.index for step in workflow.steps}
        self.limit = workflow.spec.max_parallel
        self.check: list[str] = list(self.steps)  # steps that may have become ready
        self.ready: list[tuple[int, str]] = []  # ready steps waiting for a free slot
        self.queued: set[str] = set()
        self.stopped: str | None = None

    async def events(self) -> AsyncGenerator[Event, None]:
        """Every event of the run's steps, in the order they were logged."""
        try:
            await self.launch()
            while self.tasks or not self.queue.empty():
                item = await self.queue.get()
                if not isinstance(item, _Finished):
                    yield item
                    continue
                error = self.settle(item)
                if error is not None:
                    async for event in self._abandon():
                        yield event
                    raise error
                await self.launch()
        finally:
            await self._cancel()

    async def launch(self) -> None:
        """Skip, saying why, or queue each step whose dependencies are done; then start
        queued steps, in spec order, while fewer than ``max_parallel`` run."""
        while self.check:
            batch = self.check
            if len(batch) > 1:
                batch = sorted(set(batch), key=self.order.__getitem__)
            self.check = []
            for step_id in batch:
                await self._consider(self.steps[step_id])
        while self.ready and len(self.tasks) < self.limit:
            step = self.steps[heapq.heappop(self.ready)[1]]
            self.queued.discard(step.id)
            if self._stopped():
                await self._skip(step, f"the workflow stopped: {self.stopped}")
            else:
                self._start(step)

    async def _consider(self, step: PlannedStep) -> None:
        """Queue a step whose dependencies are done, or skip it; leave it if they are not."""
        if self.status[step.id] != "pending" or step.id in self.queued:
            return
        if not all(self.status[before] in _FINISHED for before in step.waits_for):
            return  # the last of them to finish will bring it back here
        reason = self._skip_reason(step)
        if reason is not None:
            await self._skip(step, reason)  # its dependents come back here in turn
        else:
            heapq.heappush(self.ready, (step.index, step.id))
            self.queued.add(step.id)

    def settle(self, finished: _Finished) -> Exception | None:
        """Record how a step ended; the error that fails the workflow, if any."""
        del self.tasks[finished.step]
        if finished.error is not None:
            return finished.error
        step = self.steps[finished.step]
        if finished.output is None:
            self.status[step.id] = "skipped"
        else:
            self.status[step.id] = "done"
            self.run.outputs[step.id] = finished.output
            if self._loop_again(step):
                return None
        self.check.extend(step.dependents)
        return None

    def output(self) -> str:
        """The output of the last step, in spec order, that completed."""
        for step in reversed(self.workflow.steps):
            if self.status[step.id] == "done":
                return self.run.outputs[step.id]
        return ""

    def reason(self) -> str:
        """Why the workflow stopped."""
        if self.stopped is not None:
            return self.stopped
        statuses = list(self.status.values())
        done, skips = statuses.count("done"), statuses.count("skipped")
        return f"completed {done} of {len(statuses)} steps" + (
            f" ({skips} skipped)" if skips else ""
        )

    def _stopped(self) -> bool:
        """Whether the termination (or the turn cap) says to start no more steps."""
        if self.stopped is None:
            self.stopped = self.workflow._stop_reason(self.run.state)
        return self.stopped is not None

    def _skip_reason(self, step: PlannedStep) -> str | None:
        if self._stopped():
            return f"the workflow stopped: {self.stopped}"
        for before in step.needs:
            if self.status[before] == "skipped":
                return f"it depends on {before!r}, which was skipped"
        if step.when is not None and not step.when.holds(self.run.outputs):
            return f"its condition is false: {step.when.describe()}"
        return None

    async def _skip(self, step: PlannedStep, reason: str) -> None:
        self.status[step.id] = "skipped"
        self.check.extend(step.dependents)
        event = skipped(self.rec, self.run.author, step.id, reason)
        self.queue.put_nowait(await self.rec.record(event))

    def _start(self, step: PlannedStep) -> None:
        self.status[step.id] = "running"
        runner = StepRun(self.run, step, self.root.branch())
        name = f"{self.workflow.name}:{step.id}"
        self.tasks[step.id] = asyncio.create_task(self._execute(runner), name=name)

    async def _execute(self, runner: StepRun) -> None:
        try:
            output = await runner.execute()
        except Exception as error:
            self.queue.put_nowait(_Finished(runner.step.id, None, error))
        else:
            self.queue.put_nowait(_Finished(runner.step.id, output))

    def _loop_again(self, step: PlannedStep) -> bool:
        """Start another round of the loop that ends at ``step``, if its condition holds."""
        loop = step.loop
        if loop is None:
            return False
        taken = self.rounds.get(step.id, 0)
        if taken >= loop.max or not loop.condition.holds(self.run.outputs):
            return False
        for member in loop.body:
            self.status[member] = "pending"
            self.rounds.pop(member, None)  # loops inside this one start their count over
        self.rounds[step.id] = taken + 1
        self.check.extend(loop.body)
        return True

    async def _abandon(self) -> AsyncIterator[Event]:
        """Stop the running steps, then pass on what they logged before they stopped."""
        await self._cancel()
        while not self.queue.empty():
            item = self.queue.get_nowait()
            if not isinstance(item, _Finished):
                yield item

    async def _cancel(self) -> None:
        tasks = list(self.tasks.values())
        self.tasks.clear()
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


def _root(rec: Recorder) -> Recorder:
    """The recorder that numbers the run: branches of a branch number through it."""
    while isinstance(rec, BranchRecorder):
        rec = rec.parent
    return rec


def _participants(
    name: str, spec: GraphSpec, agents: Mapping[str, Participant]
) -> list[Participant]:
    """The agents the steps use, each once, in the order the steps name them."""
    used: dict[str, Participant] = {}
    for step in spec.plan:
        for ref in (step.spec.agent, step.spec.escalation.agent):
            if ref is None:
                continue
            if ref not in agents:
                hint = f"step {step.id!r} of workflow {name!r}; pass it in agents="
                raise UnknownName("agent", ref, agents, hint=hint)
            participant = agents[ref]
            other = used.setdefault(participant.name, participant)
            if other is not participant:
                raise SpecError(
                    f"workflow {name!r}: two different agents are named {participant.name!r}; "
                    "give each its own name"
                )
    return list(used.values())


def _tool(name: str, step: PlannedStep, tools: Mapping[str, Tool]) -> Tool:
    ref = step.spec.tool
    assert ref is not None
    if ref not in tools:
        hint = f"step {step.id!r} of workflow {name!r}; pass it in tools="
        raise UnknownName("tool", ref, tools, hint=hint)
    return tools[ref]
