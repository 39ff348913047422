"""Approvals in the terminal: ask the person at the keyboard, or say why nobody could."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable

import typer

from conclave.cli.options import shorten
from conclave.engine.approvals import ApprovalDecision, ApprovalRequest, DenyingApprover

YES = {"y", "yes"}


class TerminalApprover:
    """Asks ``approve? [y/N]`` in the terminal, showing the prompt and its details.

    Without a terminal there is nobody to ask, so every request is denied with a message that
    says how to decide, unless ``auto_approve`` grants them all.

    Args:
        auto_approve: grant every request without asking.
        interactive: whether a person can answer; by default, whether stdin is a terminal.
        ask: reads the answer to a prompt; ``input`` by default.
    """

    def __init__(
        self,
        *,
        auto_approve: bool = False,
        interactive: bool | None = None,
        ask: Callable[[str], str] = input,
    ) -> None:
        self.auto_approve = auto_approve
        self.interactive = sys.stdin.isatty() if interactive is None else interactive
        self._ask = ask
        # Parallel workflow branches may ask at once; one question at a time is readable.
        self._lock = asyncio.Lock()

    async def decide(self, request: ApprovalRequest) -> ApprovalDecision:
        if self.auto_approve:
            return ApprovalDecision(granted=True, by="auto-approve", comment="--auto-approve")
        if not self.interactive:
            return await self._nobody(request)
        async with self._lock:
            return await self._question(request)

    async def _nobody(self, request: ApprovalRequest) -> ApprovalDecision:
        denied = await DenyingApprover().decide(request)
        comment = f"{denied.comment}; or pass --auto-approve to grant every approval"
        return ApprovalDecision(granted=False, by=denied.by, comment=comment)

    async def _question(self, request: ApprovalRequest) -> ApprovalDecision:
        # The run's queued events (the step starting, the request itself) are printed
        # first, so the question comes after them rather than in the middle.
        await asyncio.sleep(0)
        typer.secho(f"  {request.prompt} (step {request.step})", bold=True)
        for key, value in request.details.items():
            typer.echo(f"    {key}: {shorten(value, 300)}")
        try:
            # The answer is read on a thread, so other branches of the run keep going.
            answer = await asyncio.to_thread(self._ask, "  approve? [y/N] ")
        except (EOFError, KeyboardInterrupt):
            answer = ""
        if answer.strip().lower() in YES:
            return ApprovalDecision(granted=True, by="terminal")
        return ApprovalDecision(granted=False, by="terminal", comment="denied at the terminal")
