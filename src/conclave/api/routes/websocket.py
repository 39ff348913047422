"""WebSocket: follow one run, or every run and agent status change of the tenant.

Each socket sends one JSON object per text frame.

``GET /api/runs/{id}/ws?after=N`` follows one run, as its SSE stream does: the stored events
with a seq above ``after`` (0 by default), then the live ones, token deltas included, with
no gap and no duplicate. Each is ``{"type": "event", "durable": <bool>, "event": {...}}``,
the event as ``GET /api/runs/{id}/events`` gives it; token deltas (``message.delta``) are
live only and come with ``"durable": false``. To resume, reconnect with ``after`` set to
the seq of the last durable event received. The socket closes with 1000 after
``run.completed`` or ``run.failed``.

``GET /api/ws`` follows the whole tenant, from the moment the handshake completes: every
run's events, framed as above (live only: each run's durable events without a gap from the
first one heard), and the lifecycle messages of the bus as
``{"type": "agent" | "team" | "run" | "approval", "key": <routing key>, "payload": {...}}``,
for instance ``agent.started`` with ``{"tenant_id", "name"}``, or ``run.completed`` with
``{"tenant_id", "run_id", "target_kind", "target", "status", "output", "error"}``. Only the
caller's tenant is ever sent. ``runs=false`` leaves out run events and the ``run`` and
``approval`` messages; ``agents=false`` leaves out the ``agent`` and ``team`` ones.

Either socket answers ``{"type": "ping"}`` with ``{"type": "pong"}``. Any other client frame
is answered with an error frame, ``{"type": "error", "error": {"code", "message",
"details"}}`` (the body every HTTP error has), and the socket stays open. Idle sockets are
kept open by the WebSocket protocol's own pings, which the server sends.

A request that cannot be served is accepted, sent one error frame, then closed with 4000
plus the HTTP status it would have had, since a browser can read a close code and reason
but not a refused handshake:

=====  ====================================================================
code   when
=====  ====================================================================
1000   the run has ended
1001   the server is shutting down; reconnect (with ``after``) to go on
1011   an unexpected error, logged by the server
4400   a bad query parameter, such as an ``after`` that is not a seq
4401   no credential, or one that is not valid (send ``Authorization`` or ``?access_token=``)
4403   a credential whose role may not read
4404   no run with this id in the tenant
4429   the tenant is over its request rate
=====  ====================================================================

A client that reads too slowly is not waited for: the bus drops what it has no room for.
Durable run events dropped that way are read back from the store, so none is skipped;
dropped deltas and lifecycle messages are lost.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncGenerator
from contextlib import AsyncExitStack, aclosing, suppress
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.websockets import WebSocketState

from conclave.adapters.bus import EVENTS, BusClosed, EventFeed, Subscription, run_feed
from conclave.api.auth import SocketViewer
from conclave.api.deps import Services, ServicesDep
from conclave.api.errors import status_of
from conclave.api.routes._follow import FeedClosed, follow, last_sent, unsent
from conclave.engine.events import Event, event_to_dict
from conclave.errors import UserError

__all__ = ["router"]

logger = logging.getLogger(__name__)

router = APIRouter(tags=["runs"])

Frame = dict[str, Any]
Frames = AsyncGenerator[Frame, None]

RUN_ENDED = 1000
GOING_AWAY = 1001
SERVER_ERROR = 1011
BAD_REQUEST = 4400
NOT_FOUND = 4404

_RUN_KEYS = ("run.*", "approval.*")
_AGENT_KEYS = ("agent.*", "team.*")
_TRACKED_RUNS = 1024  # runs whose last seq the tenant socket remembers, to skip repeats
_MAX_REASON_BYTES = 123  # the WebSocket limit on a close reason
_FLAGS = {"true": True, "1": True, "yes": True, "on": True}
_FLAGS |= {"false": False, "0": False, "no": False, "off": False}


@router.websocket("/api/runs/{run_id}/ws")
async def follow_run(
    websocket: WebSocket,
    run_id: str,
    services: ServicesDep,
    caller: SocketViewer,
    after: str = "0",
) -> None:
    """One run's events after ``after``, stored then live, until it ends."""
    if isinstance(caller, UserError):
        return await _Socket(websocket).fail(caller)
    tenant_id = caller.tenant_id
    await websocket.accept()
    frames = _run_frames(services, tenant_id, run_id, after)
    await _Socket(websocket).serve(frames, end=RUN_ENDED, reason="the run has ended")


@router.websocket("/api/ws")
async def follow_tenant(
    websocket: WebSocket,
    services: ServicesDep,
    caller: SocketViewer,
    runs: str = "true",
    agents: str = "true",
) -> None:
    """Every run's events and lifecycle messages of the tenant, live, until the client leaves."""
    socket = _Socket(websocket)
    if isinstance(caller, UserError):
        return await socket.fail(caller)
    tenant_id = caller.tenant_id
    async with AsyncExitStack() as stack:
        try:
            flags = _flag("runs", runs), _flag("agents", agents)
            # Bound before the handshake completes: nothing published after it is missed.
            sources = await _tenant_sources(stack, services, tenant_id, *flags)
        except UserError as error:
            return await socket.fail(error)
        await websocket.accept()
        await socket.serve(*sources, end=GOING_AWAY, reason="the server is shutting down")


class _Socket:
    """An accepted WebSocket: frames sent one at a time, client frames answered."""

    def __init__(self, websocket: WebSocket) -> None:
        self._websocket = websocket
        self._sending = asyncio.Lock()

    async def send(self, frame: Frame) -> None:
        """Send one frame as JSON text; frames from several tasks never interleave."""
        text = json.dumps(frame, separators=(",", ":"), default=str)
        async with self._sending:
            await self._websocket.send_text(text)

    async def close(self, code: int, reason: str) -> None:
        """Close, unless the client has already gone."""
        with suppress(WebSocketDisconnect):
            await self._websocket.close(code, _truncated(reason))

    async def fail(self, error: BaseException) -> None:
        """Close as ``error`` calls for, accepting first if need be; see the close codes."""
        if isinstance(error, WebSocketDisconnect):
            return  # the client has gone
        if self._websocket.application_state == WebSocketState.CONNECTING:
            await self._websocket.accept()
        if isinstance(error, FeedClosed | BusClosed):
            await self.close(GOING_AWAY, "the server is shutting down; reconnect to go on")
        elif isinstance(error, UserError):
            await self._refuse(error)
        else:
            logger.error("WebSocket %s failed", self._websocket.url.path, exc_info=error)
            await self.close(SERVER_ERROR, "internal server error; see the server log")

    async def _refuse(self, error: UserError) -> None:
        with suppress(WebSocketDisconnect):
            await self.send(_error_frame(error))
        await self.close(_close_code(error), error.message)

    async def serve(self, *sources: Frames, end: int, reason: str) -> None:
        """Send every source's frames, answering the client, until they end or it leaves.

        When the sources end the socket closes with ``end`` and ``reason``; when one fails
        it closes as :meth:`fail` says; a client that leaves stops them all.
        """
        sender = asyncio.create_task(self._send_all(sources))
        listener = asyncio.create_task(self._listen())
        try:
            await asyncio.wait((sender, listener), return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sender, listener):
                task.cancel()
            await asyncio.wait((sender, listener))
        sent, heard = _outcome(sender), _outcome(listener)  # both read: no error goes unseen
        error = sent or heard
        if error is not None:
            await self.fail(error)
        elif not sender.cancelled():
            await self.close(end, reason)

    async def _send_all(self, sources: tuple[Frames, ...]) -> None:
        async with asyncio.TaskGroup() as group:
            for source in sources:
                group.create_task(self._pump(source))

    async def _pump(self, source: Frames) -> None:
        async with aclosing(source):
            async for frame in source:
                await self.send(frame)

    async def _listen(self) -> None:
        """Answer the client's frames until it leaves."""
        with suppress(WebSocketDisconnect):
            while True:
                message = await self._websocket.receive()
                if message["type"] == "websocket.disconnect":
                    return
                await self._answer(message.get("text"))

    async def _answer(self, text: str | None) -> None:
        if _frame_type(text) == "ping":
            await self.send({"type": "pong"})
            return
        received = (text or "<a binary frame>")[:100]
        error = UserError(
            f'unknown client frame {received!r}; the only one is {{"type": "ping"}}, '
            "sent as a JSON text frame",
            received=received,
        )
        await self.send(_error_frame(error))


def _frame_type(text: str | None) -> object:
    try:
        data = json.loads(text) if text is not None else None
    except ValueError:
        return None
    return data.get("type") if isinstance(data, dict) else None


def _outcome(task: asyncio.Task[None]) -> BaseException | None:
    """What the task raised (the first error of a task group), if it ran to its end."""
    error = None if task.cancelled() else task.exception()
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    return error


def _close_code(error: UserError) -> int:
    return 4000 + status_of(error)[0]


def _error_frame(error: UserError) -> Frame:
    code = status_of(error)[1]
    return {
        "type": "error",
        "error": {"code": code, "message": error.message, "details": error.fields},
    }


def _truncated(reason: str) -> str:
    return reason.encode()[:_MAX_REASON_BYTES].decode(errors="ignore")


def _event_frame(event: Event) -> Frame:
    return {"type": "event", "durable": event.durable, "event": event_to_dict(event)}


def _seq(after: str) -> int:
    try:
        seq = int(after)
    except ValueError:
        seq = -1
    if seq < 0:
        raise UserError(
            f"after={after[:40]!r} is not an event seq; send the seq of the last durable "
            "event received (a whole number), or leave it out to start at the beginning",
            parameter="after",
        )
    return seq


def _flag(name: str, value: str) -> bool:
    flag = _FLAGS.get(value.lower())
    if flag is None:
        raise UserError(
            f"{name}={value[:40]!r} is neither true nor false; send {name}=false to leave "
            f"{name} out, or leave the parameter out",
            parameter=name,
        )
    return flag


# --- one run ----------------------------------------------------------------------------


async def _run_frames(services: Services, tenant_id: str, run_id: str, after: str) -> Frames:
    start = _seq(after)
    await services.runs.get(tenant_id, run_id)  # an unknown run is refused before any frame
    async with aclosing(follow(services, tenant_id, run_id, start)) as events:
        async for event in events:
            yield _event_frame(event)


# --- the tenant ---------------------------------------------------------------------------


async def _tenant_sources(
    stack: AsyncExitStack, services: Services, tenant_id: str, runs: bool, agents: bool
) -> list[Frames]:
    """The frame sources the flags ask for, their subscriptions entered on ``stack``."""
    if not (runs or agents):
        raise UserError("runs=false with agents=false leaves nothing to send; drop one of them")
    sources: list[Frames] = []
    if runs:
        feed = await stack.enter_async_context(run_feed(services.bus, tenant_id))
        sources.append(_tenant_events(services, tenant_id, feed))
    for pattern in (_RUN_KEYS if runs else ()) + (_AGENT_KEYS if agents else ()):
        messages = await stack.enter_async_context(services.bus.subscribe(EVENTS, pattern))
        sources.append(_lifecycle(messages, tenant_id))
    return sources


async def _tenant_events(services: Services, tenant_id: str, feed: EventFeed) -> Frames:
    """Every run's live events, each run's without gaps from the first one heard."""
    sent: dict[str, int] = {}
    async for event in feed:
        last = sent.get(event.run_id, event.seq - 1 if event.durable else event.seq)
        for fresh in await unsent(services, tenant_id, event, last):
            yield _event_frame(fresh)
        sent[event.run_id] = last_sent(event, last)
        if len(sent) > _TRACKED_RUNS:
            del sent[next(iter(sent))]  # the run heard of first


async def _lifecycle(messages: Subscription, tenant_id: str) -> Frames:
    """The tenant's lifecycle messages; another tenant's, or one naming none, are skipped."""
    async for message in messages:
        if message.payload.get("tenant_id") != tenant_id:
            continue
        key = message.routing_key
        yield {"type": key.split(".", 1)[0], "key": key, "payload": dict(message.payload)}
