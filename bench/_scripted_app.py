"""Conclave on scripted models for the server benchmark: ``uvicorn --factory _scripted_app:create``.

``scripted:bench`` answers every call at once; ``scripted:streamer`` streams its reply in
pieces a few milliseconds apart, so that a client following the run's SSE stream receives
events live. Agents: ``bench`` (the default model) and ``streamer``.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI

from conclave.api import create_app
from conclave.config import Settings
from conclave.engine.messages import Message, Usage
from conclave.engine.models.base import (
    ModelRequest,
    ModelResponse,
    StreamChunk,
    StreamDone,
    TextDelta,
)

REPLY = "Glad to help: the answer is 42."
USAGE = Usage(input_tokens=24, output_tokens=9)


class EndlessModel:
    """Replies ``REPLY`` to every call; streamed, in ``pieces`` spaced ``gap`` seconds."""

    def __init__(self, name: str, *, pieces: int = 1, gap: float = 0.0) -> None:
        self._name = name
        self._pieces = pieces
        self._gap = gap

    @property
    def name(self) -> str:
        return self._name

    async def complete(self, request: ModelRequest) -> ModelResponse:
        message = Message(role="assistant", content=REPLY, author=request.author, usage=USAGE)
        return ModelResponse(message=message, usage=USAGE, model=self._name)

    async def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        size = -(-len(REPLY) // self._pieces)
        for start in range(0, len(REPLY), size):
            await asyncio.sleep(self._gap)
            yield TextDelta(text=REPLY[start : start + size])
        yield StreamDone(response=await self.complete(request))


def create() -> FastAPI:
    specs = Path(tempfile.mkdtemp(prefix="conclave-bench-"))
    (specs / "bench.yaml").write_text("name: bench\ninstructions: Answer briefly.\n")
    (specs / "streamer.yaml").write_text(
        "name: streamer\ninstructions: Answer briefly.\nmodel: scripted:streamer\n"
    )
    models = {
        "scripted:bench": EndlessModel("scripted:bench"),
        "scripted:streamer": EndlessModel("scripted:streamer", pieces=8, gap=0.003),
    }
    data = Path(os.environ.get("CONCLAVE_DATA_DIR", specs / "data"))
    settings = Settings(model="scripted:bench", specs_dir=specs, data_dir=data, env="test")
    return create_app(settings, models=models)
