"""A fake model provider that speaks the OpenAI and Anthropic wire protocols.

It answers ``POST /v1/chat/completions`` (OpenAI Chat Completions) and ``POST /v1/messages``
(Anthropic Messages), plain or as server-sent events, on 127.0.0.1 at an ephemeral port, from
a background thread. Tests queue behaviours; each request takes the next one:

- ``Reply``: text and/or tool calls, with usage.
- ``HttpError``: a status, a message and headers (``Retry-After`` and friends).
- ``Hang``: say nothing for a while, before the reply or part-way through a stream.
- ``Malformed``: a stream with a data line that is not JSON.
- ``Truncated``: a stream that stops before its end, cleanly or by dropping the connection.
- ``ErrorEvent``: a stream that reports a provider error part-way, as providers do.

Every request is recorded, so tests can assert on the exact wire format the SDKs sent.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class FakeToolCall:
    """A tool call the fake model makes; ``arguments`` is raw JSON text, valid or not."""

    id: str
    name: str
    arguments: str = "{}"


@dataclass(frozen=True)
class Reply:
    """A whole reply; streamed, its text goes out ``piece`` characters at a time."""

    text: str = ""
    tool_calls: tuple[FakeToolCall, ...] = ()
    input_tokens: int = 11
    output_tokens: int = 7
    piece: int = 4


@dataclass(frozen=True)
class HttpError:
    """An HTTP error response."""

    status: int
    message: str = "the fake provider failed"
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Hang:
    """Silence for ``seconds``; with ``after``, a stream first sends that many events."""

    seconds: float = 5.0
    after: int | None = None
    reply: Reply = Reply(text="too late")


@dataclass(frozen=True)
class Malformed:
    """A stream whose event number ``after`` is replaced by a line that is not JSON."""

    reply: Reply = Reply(text="hello there")
    after: int = 2


@dataclass(frozen=True)
class Truncated:
    """A stream that stops after ``after`` events; ``abrupt`` drops the connection."""

    reply: Reply = Reply(text="hello there")
    after: int = 2
    abrupt: bool = False


@dataclass(frozen=True)
class ErrorEvent:
    """A stream that sends ``after`` events, then an error event of type ``kind``."""

    kind: str = "overloaded_error"
    message: str = "the fake provider is overloaded"
    reply: Reply = Reply(text="hello there")
    after: int = 2


@dataclass(frozen=True)
class Verbatim:
    """A 200 answer with exactly this JSON body, whatever the wire format expects."""

    body: object


@dataclass(frozen=True)
class Raw:
    """An answer of this status with exactly this text as its body: a proxy's page, say."""

    status: int
    text: str


Behaviour = Reply | HttpError | Hang | Malformed | Truncated | ErrorEvent | Verbatim | Raw


@dataclass(frozen=True)
class RecordedRequest:
    """A request as the fake received it."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float


# ---------------------------------------------------------------- OpenAI Chat Completions


def _openai_reply(reply: Reply, model: str) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.text or None}
    if reply.tool_calls:
        message["tool_calls"] = [
            {
                "id": call.id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments},
            }
            for call in reply.tool_calls
        ]
    choice = {"index": 0, "message": message, "finish_reason": _openai_finish(reply)}
    return {**_openai_head(model, "chat.completion"), "choices": [choice], **_openai_usage(reply)}


def _openai_events(reply: Reply, model: str, body: dict[str, Any]) -> list[str]:
    def chunk(delta: dict[str, Any], finish: str | None = None) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish}
        return _data({**_openai_head(model, "chat.completion.chunk"), "choices": [choice]})

    events = [chunk({"role": "assistant", "content": ""})]
    events += [chunk({"content": piece}) for piece in _pieces(reply.text, reply.piece)]
    for index, call in enumerate(reply.tool_calls):
        function = {"name": call.name, "arguments": ""}
        first = {"index": index, "id": call.id, "type": "function", "function": function}
        events.append(chunk({"tool_calls": [first]}))
        for piece in _pieces(call.arguments, reply.piece):
            more = {"index": index, "function": {"arguments": piece}}
            events.append(chunk({"tool_calls": [more]}))
    events.append(chunk({}, _openai_finish(reply)))
    if (body.get("stream_options") or {}).get("include_usage"):
        usage_chunk = {**_openai_head(model, "chat.completion.chunk"), "choices": []}
        events.append(_data({**usage_chunk, **_openai_usage(reply)}))
    return [*events, "data: [DONE]\n\n"]


def _openai_head(model: str, kind: str) -> dict[str, Any]:
    return {"id": "chatcmpl-fake", "object": kind, "created": 1700000000, "model": model}


def _openai_usage(reply: Reply) -> dict[str, Any]:
    total = reply.input_tokens + reply.output_tokens
    return {
        "usage": {
            "prompt_tokens": reply.input_tokens,
            "completion_tokens": reply.output_tokens,
            "total_tokens": total,
        }
    }


def _openai_finish(reply: Reply) -> str:
    return "tool_calls" if reply.tool_calls else "stop"


def _openai_error(error: HttpError | ErrorEvent) -> dict[str, Any]:
    kind = error.kind if isinstance(error, ErrorEvent) else "fake_error"
    return {"error": {"message": error.message, "type": kind, "param": None, "code": None}}


def _openai_error_event(error: ErrorEvent) -> str:
    return _data(_openai_error(error))


# ---------------------------------------------------------------- Anthropic Messages


def _anthropic_reply(reply: Reply, model: str) -> dict[str, Any]:
    content: list[dict[str, Any]] = [{"type": "text", "text": reply.text}] if reply.text else []
    content += [
        {"type": "tool_use", "id": call.id, "name": call.name, "input": json.loads(call.arguments)}
        for call in reply.tool_calls
    ]
    usage = {"input_tokens": reply.input_tokens, "output_tokens": reply.output_tokens}
    return {**_anthropic_head(reply, model), "content": content, "usage": usage}


def _anthropic_events(reply: Reply, model: str, body: dict[str, Any]) -> list[str]:
    start = {**_anthropic_head(reply, model), "content": [], "stop_reason": None}
    start["usage"] = {"input_tokens": reply.input_tokens, "output_tokens": 1}
    events = [_event("message_start", {"message": start}), _event("ping", {})]
    blocks: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
    if reply.text:
        deltas = [{"type": "text_delta", "text": p} for p in _pieces(reply.text, reply.piece)]
        blocks.append(({"type": "text", "text": ""}, deltas))
    for call in reply.tool_calls:
        block = {"type": "tool_use", "id": call.id, "name": call.name, "input": {}}
        pieces = _pieces(call.arguments, reply.piece)
        blocks.append((block, [{"type": "input_json_delta", "partial_json": p} for p in pieces]))
    for index, (block, deltas) in enumerate(blocks):
        events.append(_event("content_block_start", {"index": index, "content_block": block}))
        events += [_event("content_block_delta", {"index": index, "delta": d}) for d in deltas]
        events.append(_event("content_block_stop", {"index": index}))
    delta = {"stop_reason": _anthropic_head(reply, model)["stop_reason"], "stop_sequence": None}
    usage = {"output_tokens": reply.output_tokens}
    events.append(_event("message_delta", {"delta": delta, "usage": usage}))
    return [*events, _event("message_stop", {})]


def _anthropic_head(reply: Reply, model: str) -> dict[str, Any]:
    stop = "tool_use" if reply.tool_calls else "end_turn"
    return {
        "id": "msg_fake",
        "type": "message",
        "role": "assistant",
        "model": model,
        "stop_reason": stop,
        "stop_sequence": None,
    }


def _anthropic_error(error: HttpError | ErrorEvent) -> dict[str, Any]:
    kind = error.kind if isinstance(error, ErrorEvent) else "api_error"
    return {"type": "error", "error": {"type": kind, "message": error.message}}


def _anthropic_error_event(error: ErrorEvent) -> str:
    return f"event: error\ndata: {json.dumps(_anthropic_error(error))}\n\n"


# ---------------------------------------------------------------- shared


def _pieces(text: str, size: int) -> list[str]:
    return [text[start : start + size] for start in range(0, len(text), size)]


def _data(payload: dict[str, Any]) -> str:
    return f"data: {json.dumps(payload)}\n\n"


def _event(kind: str, payload: dict[str, Any]) -> str:
    return f"event: {kind}\ndata: {json.dumps({'type': kind, **payload})}\n\n"


@dataclass(frozen=True)
class _Wire:
    reply: Callable[[Reply, str], dict[str, Any]]
    events: Callable[[Reply, str, dict[str, Any]], list[str]]
    error: Callable[[HttpError], dict[str, Any]]
    error_event: Callable[[ErrorEvent], str]
    bad_event: str


# Routed by the end of the path, so one base URL serves both SDKs (a fallback chain that
# mixes providers shares its options, base URL included).
_WIRES = {
    "/chat/completions": _Wire(
        _openai_reply,
        _openai_events,
        _openai_error,
        _openai_error_event,
        'data: {"choices": [{"delta": \n\n',
    ),
    "/messages": _Wire(
        _anthropic_reply,
        _anthropic_events,
        _anthropic_error,
        _anthropic_error_event,
        'event: content_block_delta\ndata: {"type": "content_block_delta", \n\n',
    ),
}

_NOTHING_QUEUED = HttpError(400, "the fake llm server has no behaviour queued for this request")


class FakeLLMServer:
    """A fake provider on 127.0.0.1; use as a context manager or call start and stop.

    Attributes:
        requests: every request received, in order.
    """

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._behaviours: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self.stopping = threading.Event()
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.fake = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        """The server's root URL; the Anthropic SDK takes this as its base URL."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def openai_url(self) -> str:
        """The base URL for the OpenAI SDK."""
        return f"{self.url}/v1"

    def queue(self, *behaviours: Behaviour) -> None:
        """Add behaviours for the next requests, in order."""
        with self._lock:
            self._behaviours.extend(behaviours)

    def bodies(self) -> list[dict[str, Any]]:
        """The JSON bodies of the requests received so far."""
        return [request.body for request in self.requests]

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop serving; requests still hanging give up at once."""
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeLLMServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _take(self, request: RecordedRequest) -> Behaviour:
        with self._lock:
            self.requests.append(request)
            return self._behaviours.popleft() if self._behaviours else _NOTHING_QUEUED


class _HTTPServer(ThreadingHTTPServer):
    fake: FakeLLMServer
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that time out hang up mid-response on purpose; that is the test, not a fault.
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        wire = next((w for end, w in _WIRES.items() if self.path.endswith(end)), None)
        if wire is None:
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})
            return
        headers = {key.lower(): value for key, value in self.headers.items()}
        fake = self.server.fake
        behaviour = fake._take(RecordedRequest(self.path, headers, body, time.monotonic()))
        self._act(fake, wire, behaviour, body)

    def _act(
        self, fake: FakeLLMServer, wire: _Wire, behaviour: Behaviour, body: dict[str, Any]
    ) -> None:
        model = str(body.get("model", "fake"))
        streaming = bool(body.get("stream"))
        if isinstance(behaviour, HttpError):
            self._send_json(behaviour.status, wire.error(behaviour), behaviour.headers)
        elif isinstance(behaviour, Verbatim):
            self._send_json(200, behaviour.body)
        elif isinstance(behaviour, Raw):
            self._send_text(behaviour.status, behaviour.text)
        elif isinstance(behaviour, Hang) and (behaviour.after is None or not streaming):
            fake.stopping.wait(behaviour.seconds)
            self.close_connection = True
        elif not streaming:
            self._send_json(200, wire.reply(_reply_of(behaviour), model))
        else:
            self._stream(fake, wire.events(_reply_of(behaviour), model, body), behaviour, wire)

    def _stream(
        self, fake: FakeLLMServer, events: list[str], behaviour: Behaviour, wire: _Wire
    ) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        for event in _shape(events, behaviour, wire):
            self._send_chunk(event.encode())
        if isinstance(behaviour, Hang):
            fake.stopping.wait(behaviour.seconds)
        if isinstance(behaviour, Hang) or (isinstance(behaviour, Truncated) and behaviour.abrupt):
            self.close_connection = True
            return
        self.wfile.write(b"0\r\n\r\n")

    def _send_chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _send_text(self, status: int, text: str) -> None:
        data = text.encode()
        self.send_response(status)
        self.send_header("content-type", "text/html")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _send_json(
        self, status: int, payload: object, headers: Mapping[str, str] | None = None
    ) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)


def _reply_of(behaviour: Reply | Hang | Malformed | Truncated | ErrorEvent) -> Reply:
    return behaviour if isinstance(behaviour, Reply) else behaviour.reply


def _shape(events: list[str], behaviour: Behaviour, wire: _Wire) -> Iterator[str]:
    """The events a streaming behaviour actually sends."""
    if isinstance(behaviour, Malformed):
        yield from events[: behaviour.after]
        yield wire.bad_event
        yield from events[behaviour.after + 1 :]
    elif isinstance(behaviour, ErrorEvent):
        yield from events[: behaviour.after]
        yield wire.error_event(behaviour)
    elif isinstance(behaviour, Truncated | Hang):
        yield from events[: behaviour.after]
    else:
        yield from events
