"""The baseline of the server benchmark: a bare FastAPI endpoint making one model call.

``POST /chat`` takes ``{"message": ...}``, calls the model once through the official
``openai`` SDK (at ``OPENAI_BASE_URL``) with the same request shape as the agent's turn (a
system message, then the user's), and returns the reply. Nothing is stored, and there is
no agent, history or event log: it is the least a chat endpoint can do.
"""

from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI
from openai import AsyncOpenAI
from pydantic import BaseModel

SYSTEM = "You are bench: answers briefly.\n\nAnswer briefly."
app = FastAPI()
client = AsyncOpenAI(base_url=os.environ["OPENAI_BASE_URL"], api_key="bench", max_retries=0)


class ChatRequest(BaseModel):
    message: str


@app.post("/chat")
async def chat(body: ChatRequest) -> dict[str, Any]:
    completion = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": body.message},
        ],
    )
    return {"reply": completion.choices[0].message.content}


@app.get("/ping")
async def ping() -> dict[str, str]:
    return {"status": "ok"}
