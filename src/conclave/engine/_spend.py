"""Spending inside a turn: admit a model call before it is made, settle it after.

:func:`admit` estimates the call, checks the run's own scopes (turn, run), reserves in the
shared ones through the run's :class:`~conclave.engine.budget.Budget`, and asks a person
when the policy says so. :func:`settle` and :func:`release` close the charge.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from conclave.engine._gates import ask
from conclave.engine.events import BudgetExceededEvent, BudgetSpike, Event
from conclave.engine.messages import Usage
from conclave.engine.tokens import count_messages
from conclave.errors import BudgetExceeded

if TYPE_CHECKING:
    from conclave.engine.agents import Agent
    from conclave.engine.budget import Charge, Scope
    from conclave.engine.models.base import ModelRequest, ModelResponse
    from conclave.engine.recorder import Recorder


async def admit(
    agent: Agent, rec: Recorder, request: ModelRequest, *, author: str, turn_spent: float
) -> Charge | None:
    """The call's charge, reserved; ``None`` when nothing watches this run's spending.

    Raises:
        BudgetExceeded: the call would pass a limit (recorded as ``budget.exceeded``), and
            the policy stops the run, or a person said no.
    """
    oversight = rec.oversight
    spec_budget = agent.spec.budget
    policy = oversight.policy
    if spec_budget is None and not oversight.watches_spending:
        return None  # nothing to check, and nobody keeps a ledger: the library default
    from conclave.engine.budget import UNLIMITED, Charge

    limits = oversight.limits_for(spec_budget.limits() if spec_budget is not None else None)
    if oversight.budget is None and limits == UNLIMITED and policy.cost_above_usd is None:
        return None
    estimate = _estimate(agent, request)
    charge = Charge(
        # Unique across processes: a run resumed elsewhere makes calls of its own, while
        # the holds of its dead process still stand until they lapse.
        id=f"{rec.run_id}:{os.urandom(6).hex()}",
        run_id=rec.run_id,
        agent=agent.spec.name,
        model=agent.blueprint.model.name,
        estimate_usd=estimate,
        limits=limits,
        conversation_id=oversight.conversation_id,
    )
    refusal = _own_scopes(charge, spent_turn=turn_spent, spent_run=rec.cost_usd)
    if refusal is None and oversight.budget is not None and estimate > 0 and limits.shared:
        try:
            await oversight.budget.reserve(charge)
        except BudgetExceeded as error:
            refusal = error
    if refusal is not None:
        await _over_budget(rec, refusal, author=author)
    elif policy.cost_above_usd is not None and estimate > policy.cost_above_usd:
        await _costly(rec, charge, author=author, above=policy.cost_above_usd)
    return charge


async def settle(
    rec: Recorder, charge: Charge | None, response: ModelResponse, cost: float
) -> None:
    """Record the answered call's real cost in the shared scopes."""
    budget = rec.oversight.budget
    if charge is not None and budget is not None:
        await budget.settle(charge, model=response.model, usage=response.usage, cost_usd=cost)


async def release(rec: Recorder, charge: Charge | None) -> None:
    """Give back the reservation of a call that failed."""
    budget = rec.oversight.budget
    if charge is not None and budget is not None:
        await budget.release(charge)


async def check_spike(rec: Recorder, *, author: str, turn_cost: float) -> Event | None:
    """``budget.spike``, recorded, for a turn above the configured share of the daily
    budget."""
    oversight = rec.oversight
    daily = oversight.limits.tenant_day
    if daily is None:
        daily = oversight.defaults.tenant_day
    if daily is None or turn_cost <= oversight.spike_share * daily:
        return None
    return await rec.record(
        BudgetSpike(
            run_id=rec.run_id,
            seq=rec.next_seq(),
            author=author,
            turn_cost_usd=turn_cost,
            daily_limit_usd=daily,
            share=turn_cost / daily,
        )
    )


def _estimate(agent: Agent, request: ModelRequest) -> float:
    """The call's worst case: every prompt token plus ``max_output_tokens``, priced.

    A model that costs nothing (offline, scripted, local) is not counted at all."""
    bp = agent.blueprint
    price = bp.prices.lookup(bp.model.name)
    if price is None or (price.input_per_mtok == 0 and price.output_per_mtok == 0):
        return 0.0
    worst = Usage(
        input_tokens=count_messages(request.messages),
        output_tokens=request.max_output_tokens or agent.spec.max_output_tokens,
    )
    return price.cost(worst)


def _own_scopes(charge: Charge, *, spent_turn: float, spent_run: float) -> BudgetExceeded | None:
    """The refusal of the run's own scopes (turn, then run), if either would pass."""
    from conclave.engine.budget import exceeded

    own: tuple[tuple[Scope, float], ...] = (("turn", spent_turn), ("run", spent_run))
    for scope, spent in own:
        limit = charge.limits.limit(scope)
        if limit is not None and spent + charge.estimate_usd > limit:
            return exceeded(
                scope,
                limit=limit,
                spent=spent,
                estimate=charge.estimate_usd,
                agent=charge.agent,
                run_id=charge.run_id,
            )
    return None


async def _over_budget(rec: Recorder, error: BudgetExceeded, *, author: str) -> None:
    """Record the refusal; then stop, or make the call if a person allows it."""
    asking = rec.oversight.policy.over_budget == "ask"
    scope = str(error.fields["scope"])
    await rec.record_aside(
        BudgetExceededEvent(
            run_id=rec.run_id,
            seq=rec.next_seq(),
            author=author,
            scope=scope,
            limit_usd=float(error.fields["limit_usd"]),
            spent_usd=float(error.fields["spent_usd"]),
            estimate_usd=float(error.fields["estimate_usd"]),
            reason=str(error),
            action="asked" if asking else "stopped",
        )
    )
    if not asking:
        raise error
    decision = await ask(
        rec,
        author=author,
        kind="budget",
        key=f"budget:{rec.seq}",
        prompt=f"{error} Make this call anyway?",
        details={"scope": scope, **{k: v for k, v in error.fields.items() if k != "run_id"}},
    )
    if not decision.granted:
        raise BudgetExceeded(
            f"{error} {decision.by} did not allow passing it", run_id=rec.run_id, scope=scope
        )


async def _costly(rec: Recorder, charge: Charge, *, author: str, above: float) -> None:
    decision = await ask(
        rec,
        author=author,
        kind="cost",
        key=f"cost:{rec.seq}",
        prompt=(
            f"{charge.agent!r} wants to call {charge.model}, which could cost "
            f"${charge.estimate_usd:.4f} (more than ${above:.4f}). Allow it?"
        ),
        details={"model": charge.model, "estimate_usd": charge.estimate_usd, "above": above},
    )
    if not decision.granted:
        await release(rec, charge)
        raise BudgetExceeded(
            f"{decision.by} did not allow a call of {charge.model} that could cost "
            f"${charge.estimate_usd:.4f}",
            run_id=rec.run_id,
            scope="cost",
        )
