"""Running one step of a graph workflow: its attempts, SLA, approvals and failure policy.

A :class:`StepRun` runs one step on its own branch recorder and hands every event to the
workflow's stream through ``emit``. Its result is the step's output, or ``None`` when the
step failed and its policy skips it; an error it raises fails the workflow.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from conclave.engine.approvals import ApprovalDecision, ApprovalRequest
from conclave.engine.context import SharedContext
from conclave.engine.events import (
    ApprovalDecided,
    ApprovalRequested,
    Event,
    SlaBreached,
    StepCompleted,
    StepFailed,
    StepSkipped,
    StepStarted,
    ToolCallCompleted,
    ToolCallRequested,
)
from conclave.engine.messages import Message
from conclave.engine.recorder import Recorder
from conclave.engine.teams._graph_plan import PlannedStep, Template
from conclave.engine.teams.termination import TeamState
from conclave.engine.tools import Tool
from conclave.errors import ApprovalDenied, ConclaveError, RunError, ToolFailed

if TYPE_CHECKING:
    from conclave.engine.teams.graph import GraphWorkflow

FailureAction = Literal["retry", "skip", "fail", "escalate"]


@dataclass(slots=True, kw_only=True)
class WorkflowRun:
    """What the steps of one workflow run share.

    Attributes:
        outputs: each step's latest output, by id.
        starts: how often each step has started (its attempt number).
        emit: hands an event to the workflow's stream.
    """

    workflow: GraphWorkflow
    author: str
    stream: bool
    state: TeamState
    context: SharedContext
    emit: Callable[[Event], None]
    outputs: dict[str, str]
    starts: dict[str, int]


class StepRun:
    """One step, run once (with its retries and escalations) on a branch recorder."""

    __slots__ = ("attempt", "context", "last_seq", "rec", "run", "step")

    def __init__(self, run: WorkflowRun, step: PlannedStep, rec: Recorder) -> None:
        self.run = run
        self.step = step
        self.rec = rec
        self.attempt = 0
        self.last_seq = 0  # of the last event this step recorded itself
        # Bound to this branch, so what its agents share is numbered and yielded with it.
        self.context = SharedContext(run.context.store, rec, scope=run.context.scope)

    async def execute(self) -> str | None:
        """Run the step under its failure policy: the output, or ``None`` if skipped.

        Steps: an attempt within the SLA (:meth:`_within_sla`); on a failure, another
        attempt while ``retries`` allow (``on_failure: retry``), then skip or fail.
        """
        spec = self.step.spec
        tries = 1 + (spec.retries if spec.on_failure == "retry" else 0)
        tried = 0
        while True:
            tried += 1
            try:
                return await self._within_sla()
            except RunError as error:
                if tried >= tries:
                    await self._give_up(error)
                    return None
                await self._failed(error, "retry")

    async def _give_up(self, error: RunError) -> None:
        if self.step.spec.on_failure == "skip":
            await self._failed(error, "skip")
            await self._emit(self._skipped(f"it failed and on_failure is skip: {error}"))
            return None
        await self._failed(error, "fail")
        workflow = self.run.workflow.name
        raise restate(error, f"workflow {workflow!r} failed at step {self.step.id!r}: {error}")

    async def _within_sla(self) -> str:
        """One attempt; past ``timeout_s``, report the breach and escalate."""
        spec = self.step.spec
        if spec.timeout_s is None:
            return await self._attempt(spec.agent)
        output = await self._timed(spec.agent, spec.timeout_s)
        if output is None:
            output = await self._escalate(spec.timeout_s)
        return output

    async def _escalate(self, seconds: float) -> str:
        """After ``sla.breached``: fail, or run once more (on the backup agent for
        ``retry_on``, if the approver agrees for ``ask_approver``); a second breach fails."""
        spec = self.step.spec
        escalation = spec.escalation
        await self._breached(escalation.describe())
        breach = RunError(f"ran past its SLA of {seconds:g}s")
        if escalation.action == "fail":
            raise RunError(f"{breach}; raise timeout_s or set an escalation")
        await self._failed(breach, "escalate")
        if escalation.action == "ask_approver":
            await self._may_retry(seconds)
        agent = escalation.agent if escalation.action == "retry_on" else spec.agent
        output = await self._timed(agent, seconds)
        if output is None:
            await self._breached("fail")
            raise RunError(f"{breach} again after escalating ({escalation.describe()})")
        return output

    async def _timed(self, agent: str | None, seconds: float) -> str | None:
        """An attempt within ``seconds``; ``None`` if it ran past them."""
        limit = asyncio.timeout(seconds)
        try:
            async with limit:
                return await self._attempt(agent)
        except TimeoutError:
            if limit.expired():
                return None
            raise

    async def _may_retry(self, seconds: float) -> None:
        prompt = f"Step {self.step.id!r} ran past its SLA of {seconds:g}s. Run it again?"
        decision = await self._ask(prompt, {"timeout_s": seconds})
        if not decision.granted:
            raise ApprovalDenied(
                f"ran past its SLA of {seconds:g}s and {decision.by} declined to run it "
                "again" + _comment(decision)
            )

    async def _attempt(self, agent: str | None) -> str:
        """``step.started``, the work, the success criteria, then ``step.completed``."""
        step, run = self.step, self.run
        self.attempt = run.starts[step.id] = run.starts.get(step.id, 0) + 1
        await self._emit(self._started())
        if step.kind == "agent":
            assert agent is not None
            output = await self._agent(agent)
        elif step.kind == "tool":
            output = await self._tool()
        else:
            output = await self._gate()
        miss = step.success.miss(output) if step.success is not None else None
        if miss is not None:
            raise RunError(f"its output misses the success criterion {miss}")
        await self._emit(self._completed(output))
        return output

    async def _agent(self, ref: str) -> str:
        run = self.run
        workflow = run.workflow
        member = workflow.members[workflow.agent_names[ref]]
        assert self.step.prompt is not None
        transcript = [Message.user(await self._render(self.step.prompt))]
        async for event in workflow._take_turn(
            self.rec,
            member,
            transcript,
            run.state,
            author=run.author,
            stream=run.stream,
            context=self.context,
        ):
            run.emit(event)
        return transcript[-1].content if len(transcript) > 1 else ""

    async def _tool(self) -> str:
        step, run = self.step, self.run
        tool = run.workflow.tools[step.id]
        assert step.arguments is not None
        arguments = step.arguments.render(
            run.state.task, run.outputs, await self._context_values(step.arguments.context_refs)
        )
        why = self.rec.oversight.policy.gates(tool)
        if why is not None:
            prompt = f"Run tool {tool.name!r} with {arguments}? ({why})"
            decision = await self._ask(prompt, arguments)
            if not decision.granted:
                raise ApprovalDenied(f"{decision.by} denied tool {tool.name!r}{_comment(decision)}")
        call_id = f"{step.id}:{self.attempt}"
        await self._emit(self._requested(call_id, tool, arguments))
        result = await tool.run(arguments)
        await self._emit(
            ToolCallCompleted(
                run_id=self.rec.run_id,
                seq=self.rec.next_seq(),
                author=run.author,
                call_id=call_id,
                tool=tool.name,
                result=result.content,
                is_error=result.is_error,
                duration_ms=result.duration_ms,
            )
        )
        if result.is_error:
            raise ToolFailed(result.content.removeprefix("error: "), tool=tool.name)
        return result.content

    async def _gate(self) -> str:
        step, run = self.step, self.run
        assert step.prompt is not None and step.spec.approval is not None
        inputs = {need: run.outputs.get(need, "") for need in step.needs}
        details = {**step.spec.approval.details, "workflow": run.workflow.name, "inputs": inputs}
        decision = await self._ask(await self._render(step.prompt), details)
        if not decision.granted:
            raise ApprovalDenied(f"denied by {decision.by}{_comment(decision)}")
        return decision.comment or f"approved by {decision.by}"

    async def _ask(self, prompt: str, details: Mapping[str, Any]) -> ApprovalDecision:
        """Ask the approver, recording the request and the decision."""
        step, rec = self.step.id, self.rec
        # Every request follows an event of its own (step.started, sla.breached...), so
        # that event's seq makes the id unique in the run, across loops and nested workflows.
        approval_id = f"{rec.run_id}:{step}:{self.last_seq}"
        policy = rec.oversight.policy
        role = policy.role_for("gate")
        await self._emit(
            ApprovalRequested(
                run_id=rec.run_id,
                seq=rec.next_seq(),
                author=self.run.author,
                approval_id=approval_id,
                step=step,
                prompt=prompt,
                details={"kind": "gate", "required_role": role, **details},
            )
        )
        decision = await self.run.workflow.approver.decide(
            ApprovalRequest(
                approval_id=approval_id,
                run_id=rec.run_id,
                step=step,
                prompt=prompt,
                details=details,
                kind="gate",
                required_role=role,
                timeout_seconds=policy.timeout_seconds,
                on_timeout=policy.on_timeout,
            )
        )
        await self._emit(
            ApprovalDecided(
                run_id=rec.run_id,
                seq=rec.next_seq(),
                author=self.run.author,
                approval_id=approval_id,
                granted=decision.granted,
                by=decision.by,
                comment=decision.comment,
            )
        )
        return decision

    async def _render(self, template: Template) -> str:
        if not template.context_refs:
            return template.render(self.run.state.task, self.run.outputs)
        values = await self._context_values(template.context_refs)
        return template.render(self.run.state.task, self.run.outputs, values)

    async def _context_values(
        self, refs: tuple[tuple[str, str], ...]
    ) -> dict[tuple[str, str], str]:
        values: dict[tuple[str, str], str] = {}
        for agent, key in refs:
            value = await self.context.read(agent, key)
            if value is not None:
                values[agent, key] = str(value)
        return values

    async def _emit(self, event: Event) -> None:
        recorded = await self.rec.record(event)
        self.last_seq = recorded.seq
        self.run.emit(recorded)

    async def _failed(self, error: ConclaveError, action: FailureAction) -> None:
        await self._emit(
            StepFailed(
                run_id=self.rec.run_id,
                seq=self.rec.next_seq(),
                author=self.run.author,
                step=self.step.id,
                error=str(error),
                attempt=self.attempt,
                action=action,
            )
        )

    async def _breached(self, escalation: str) -> None:
        timeout = self.step.spec.timeout_s
        assert timeout is not None
        await self._emit(
            SlaBreached(
                run_id=self.rec.run_id,
                seq=self.rec.next_seq(),
                author=self.run.author,
                step=self.step.id,
                timeout_s=timeout,
                escalation=escalation,
            )
        )

    def _started(self) -> StepStarted:
        rec = self.rec
        return StepStarted(
            run_id=rec.run_id,
            seq=rec.next_seq(),
            author=self.run.author,
            step=self.step.id,
            attempt=self.attempt,
        )

    def _completed(self, output: str) -> StepCompleted:
        rec = self.rec
        return StepCompleted(
            run_id=rec.run_id,
            seq=rec.next_seq(),
            author=self.run.author,
            step=self.step.id,
            output=output,
            attempt=self.attempt,
        )

    def _skipped(self, reason: str) -> StepSkipped:
        return skipped(self.rec, self.run.author, self.step.id, reason)

    def _requested(self, call_id: str, tool: Tool, arguments: dict[str, Any]) -> ToolCallRequested:
        rec = self.rec
        return ToolCallRequested(
            run_id=rec.run_id,
            seq=rec.next_seq(),
            author=self.run.author,
            call_id=call_id,
            tool=tool.name,
            arguments=arguments,
            idempotent=tool.idempotent,
            requires_approval=tool.requires_approval,
        )


def skipped(rec: Recorder, author: str, step: str, reason: str) -> StepSkipped:
    """The ``step.skipped`` event for a step, saying why."""
    return StepSkipped(
        run_id=rec.run_id, seq=rec.next_seq(), author=author, step=step, reason=reason
    )


def restate(error: ConclaveError, message: str) -> ConclaveError:
    """The same kind of error with the same fields, saying more about where it happened."""
    restated = type(error).__new__(type(error))
    ConclaveError.__init__(restated, message, **error.fields)
    return restated


def _comment(decision: ApprovalDecision) -> str:
    return f": {decision.comment}" if decision.comment else ""
