"""A zero-latency OpenAI Chat Completions server for the server benchmark.

It answers every ``POST .../chat/completions`` at once with the same short reply, plain or
streamed, over HTTP/1.1 keep-alive, on raw asyncio streams so that the provider side costs
as little CPU as possible and both servers under test wait on it equally.

Usage: ``python bench/_fake_llm.py PORT`` (it prints ``ready`` once listening).
"""

from __future__ import annotations

import asyncio
import json
import sys

REPLY = "Glad to help: the answer is 42."
USAGE = {"prompt_tokens": 24, "completion_tokens": 9, "total_tokens": 33}
_PLAIN = json.dumps(
    {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o-mini",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": REPLY},
                "finish_reason": "stop",
            }
        ],
        "usage": USAGE,
    }
).encode()


def _chunk(delta: dict[str, object], finish: str | None, usage: object = None) -> bytes:
    body = {
        "id": "chatcmpl-bench",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}] if delta else [],
        "usage": usage,
    }
    return b"data: " + json.dumps(body).encode() + b"\n\n"


_STREAM = (
    _chunk({"role": "assistant", "content": ""}, None)
    + _chunk({"content": REPLY[:16]}, None)
    + _chunk({"content": REPLY[16:]}, None)
    + _chunk({"content": ""}, "stop")
    + _chunk({}, None, USAGE)
    + b"data: [DONE]\n\n"
)


def _response(body: bytes, content_type: bytes) -> bytes:
    head = b"HTTP/1.1 200 OK\r\ncontent-type: " + content_type
    return head + b"\r\ncontent-length: " + str(len(body)).encode() + b"\r\n\r\n" + body


PLAIN_RESPONSE = _response(_PLAIN, b"application/json")
STREAM_RESPONSE = _response(_STREAM, b"text/event-stream")


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            body = await reader.readexactly(length) if length else b""
            streamed = b'"stream":true' in body.replace(b" ", b"")
            writer.write(STREAM_RESPONSE if streamed else PLAIN_RESPONSE)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(port: int) -> None:
    server = await asyncio.start_server(_serve, "127.0.0.1", port, backlog=512)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
