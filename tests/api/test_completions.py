"""``/v1``: OpenAI's Chat Completions and Models APIs, driven by OpenAI's own SDK."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx2
import openai
import pytest
from fastapi import FastAPI
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from conclave import Reply, ScriptedModel, call
from tests.api.conftest import ADMIN_KEY, services

QUESTION = "what is 12 * 7?"
TEAM = "team:strategic-analysis"  # the quickest template team on the offline model


@pytest.fixture
async def sdk(client: httpx2.AsyncClient) -> AsyncIterator[openai.AsyncOpenAI]:
    """OpenAI's SDK, on the application in process, retrying as it does by default."""
    async with openai.AsyncOpenAI(
        base_url="http://test/v1", api_key=ADMIN_KEY, http_client=client
    ) as sdk:
        yield sdk


def ask(text: str = QUESTION) -> list[dict[str, Any]]:
    return [{"role": "user", "content": text}]


def run_id(completion: ChatCompletion | ChatCompletionChunk) -> str:
    return completion.id.removeprefix("chatcmpl-")


async def scripted(client: httpx2.AsyncClient, app: FastAPI, model: ScriptedModel) -> str:
    """A stored agent ``echo`` answering with ``model``."""
    services(app).catalog.factory._models[model.name] = model
    spec = {"name": "echo", "model": model.name}
    assert (await client.post("/api/agents", json={"spec": spec})).status_code == 201
    return "agent:echo"


async def streamed(sdk: openai.AsyncOpenAI, model: str, **params: Any) -> list[ChatCompletionChunk]:
    stream = await sdk.chat.completions.create(model=model, messages=ask(), stream=True, **params)
    return [chunk async for chunk in stream]


def content(chunks: list[ChatCompletionChunk]) -> str:
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


async def test_a_completion_is_the_agents_reply(sdk: openai.AsyncOpenAI) -> None:
    completion = await sdk.chat.completions.create(model="agent:assistant", messages=ask())
    assert completion.object == "chat.completion"
    assert completion.model == "agent:assistant"
    choice = completion.choices[0]
    assert (choice.index, choice.finish_reason, choice.message.role) == (0, "stop", "assistant")
    assert "84" in (choice.message.content or "")
    usage = completion.usage
    assert usage is not None and usage.prompt_tokens > 0 and usage.completion_tokens > 0
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens


async def test_a_bare_name_is_an_agent(sdk: openai.AsyncOpenAI, client: httpx2.AsyncClient) -> None:
    completion = await sdk.chat.completions.create(model="assistant", messages=ask())
    assert "84" in (completion.choices[0].message.content or "")
    run = (await client.get(f"/api/runs/{run_id(completion)}")).json()
    assert (run["target_kind"], run["target"]) == ("agent", "assistant")


async def test_a_team_answers_as_a_model(
    sdk: openai.AsyncOpenAI, client: httpx2.AsyncClient
) -> None:
    messages = ask("Should a small bakery open a second shop?")
    completion = await sdk.chat.completions.create(model=TEAM, messages=messages)
    reply = completion.choices[0].message.content
    run = (await client.get(f"/api/runs/{run_id(completion)}")).json()
    assert (run["target_kind"], run["target"], run["status"]) == ("team", TEAM[5:], "completed")
    assert reply and reply == run["output"]


async def test_a_completion_is_a_durable_run(
    sdk: openai.AsyncOpenAI, client: httpx2.AsyncClient
) -> None:
    completion = await sdk.chat.completions.create(model="assistant", messages=ask())
    runs = (await client.get("/api/runs")).json()["items"]
    assert [run["id"] for run in runs] == [run_id(completion)]
    assert runs[0]["status"] == "completed"
    assert runs[0]["output"] == completion.choices[0].message.content


async def test_an_agent_streams_its_reply_token_by_token(
    sdk: openai.AsyncOpenAI, client: httpx2.AsyncClient
) -> None:
    chunks = await streamed(sdk, "agent:assistant")
    assert chunks[0].choices[0].delta.role == "assistant"
    pieces = [c.choices[0].delta.content for c in chunks[1:-1]]
    assert len(pieces) > 2 and all(pieces)
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert {c.id for c in chunks} == {chunks[0].id}
    assert {c.model for c in chunks} == {"agent:assistant"}
    run = (await client.get(f"/api/runs/{run_id(chunks[0])}")).json()
    assert content(chunks) == run["output"]
    assert "84" in run["output"]


async def test_a_stream_ends_with_the_usage_when_asked(
    sdk: openai.AsyncOpenAI, client: httpx2.AsyncClient
) -> None:
    chunks = await streamed(sdk, "assistant", stream_options={"include_usage": True})
    last = chunks[-1]
    assert last.choices == []
    assert chunks[-2].choices[0].finish_reason == "stop"
    run = (await client.get(f"/api/runs/{run_id(last)}")).json()
    assert last.usage is not None
    assert (last.usage.prompt_tokens, last.usage.completion_tokens) == (
        run["input_tokens"],
        run["output_tokens"],
    )


async def test_a_stream_has_no_usage_unless_asked(sdk: openai.AsyncOpenAI) -> None:
    chunks = await streamed(sdk, "assistant")
    assert all(chunk.usage is None and chunk.choices for chunk in chunks)


async def test_a_team_streams_its_final_output(
    sdk: openai.AsyncOpenAI, client: httpx2.AsyncClient
) -> None:
    chunks = await streamed(sdk, TEAM)
    run = (await client.get(f"/api/runs/{run_id(chunks[0])}")).json()
    assert content(chunks) == run["output"]
    assert chunks[-1].choices[0].finish_reason == "stop"


async def test_a_stream_is_sent_as_openai_sends_it(client: httpx2.AsyncClient) -> None:
    body = {"model": "assistant", "messages": ask(), "stream": True}
    response = await client.post("/v1/chat/completions", json=body)
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.text.startswith('data: {"id":"chatcmpl-')
    assert response.text.endswith("\n\ndata: [DONE]\n\n")
    assert "\r" not in response.text


async def test_every_standard_parameter_is_accepted(sdk: openai.AsyncOpenAI) -> None:
    tool = {"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}
    completion = await sdk.chat.completions.create(
        model="assistant",
        messages=ask(),
        n=2,
        max_tokens=50,
        max_completion_tokens=50,
        temperature=0.2,
        top_p=0.9,
        stop=["\n\n", "END"],
        frequency_penalty=0.1,
        presence_penalty=0.1,
        logit_bias={"50256": -100},
        logprobs=True,
        top_logprobs=2,
        user="someone",
        seed=7,
        tools=[tool],  # type: ignore[list-item]
        tool_choice="auto",
        parallel_tool_calls=False,
        response_format={"type": "text"},
        metadata={"purpose": "test"},
        store=False,
        service_tier="auto",
        modalities=["text"],
        reasoning_effort="low",
        prediction={"type": "content", "content": "84"},
        prompt_cache_key="k",
        safety_identifier="s",
        verbosity="low",
    )
    assert "84" in (completion.choices[0].message.content or "")


async def test_stop_may_be_one_string(sdk: openai.AsyncOpenAI) -> None:
    completion = await sdk.chat.completions.create(model="assistant", messages=ask(), stop="END")
    assert "84" in (completion.choices[0].message.content or "")


async def test_n_above_one_answers_one_choice(sdk: openai.AsyncOpenAI) -> None:
    completion = await sdk.chat.completions.create(model="assistant", messages=ask(), n=3)
    assert len(completion.choices) == 1


async def test_unknown_fields_are_ignored(sdk: openai.AsyncOpenAI) -> None:
    extra = {"a_future_parameter": {"x": 1}, "another": [1, 2]}
    completion = await sdk.chat.completions.create(
        model="assistant", messages=ask(), extra_body=extra
    )
    assert "84" in (completion.choices[0].message.content or "")


async def test_a_wrong_type_is_a_422_naming_the_field(sdk: openai.AsyncOpenAI) -> None:
    with pytest.raises(openai.UnprocessableEntityError) as raised:
        await sdk.chat.completions.create(
            model="assistant",
            messages=ask(),
            temperature="warm",  # type: ignore[arg-type]
        )
    assert "temperature" in raised.value.message


async def test_a_wrong_role_is_a_422_naming_the_message(sdk: openai.AsyncOpenAI) -> None:
    with pytest.raises(openai.UnprocessableEntityError) as raised:
        await sdk.chat.completions.create(
            model="assistant",
            messages=[{"role": "narrator", "content": "hi"}],  # type: ignore[list-item]
        )
    assert "messages.0.role" in raised.value.message


async def test_an_unknown_model_is_a_404_that_lists_the_models(
    sdk: openai.AsyncOpenAI,
) -> None:
    with pytest.raises(openai.NotFoundError) as raised:
        await sdk.chat.completions.create(model="agent:nobody", messages=ask())
    message = raised.value.message
    assert "'agent:nobody'" in message
    assert "assistant" in message
    assert "GET /v1/models" in message


async def test_a_misspelt_model_suggests_the_right_one(sdk: openai.AsyncOpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as raised:
        await sdk.chat.completions.create(model="team:strategic-analisys", messages=ask())
    assert "did you mean 'strategic-analysis'?" in raised.value.message


async def test_a_model_of_another_kind_is_a_404(sdk: openai.AsyncOpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as raised:
        await sdk.chat.completions.create(model="openai:gpt-4o", messages=ask())
    assert "'agent:<name>' or 'team:<name>'" in raised.value.message


async def test_an_unknown_model_is_a_404_before_a_stream_starts(
    sdk: openai.AsyncOpenAI, client: httpx2.AsyncClient
) -> None:
    with pytest.raises(openai.NotFoundError):
        await streamed(sdk, "agent:nobody")
    assert (await client.get("/api/runs")).json()["total"] == 0


async def test_messages_without_a_user_message_are_a_400(sdk: openai.AsyncOpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as raised:
        await sdk.chat.completions.create(
            model="assistant", messages=[{"role": "system", "content": "Be brief."}]
        )
    assert "no user message" in raised.value.message


async def test_a_user_message_without_text_is_a_400(sdk: openai.AsyncOpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as raised:
        await sdk.chat.completions.create(model="assistant", messages=ask("  "))
    assert "has no text" in raised.value.message


async def test_no_messages_are_a_422(sdk: openai.AsyncOpenAI) -> None:
    with pytest.raises(openai.UnprocessableEntityError) as raised:
        await sdk.chat.completions.create(model="assistant", messages=[])
    assert "messages" in raised.value.message


async def test_models_are_the_agents_and_teams(
    sdk: openai.AsyncOpenAI, app: FastAPI, client: httpx2.AsyncClient
) -> None:
    await scripted(client, app, ScriptedModel(name="models"))
    models = [model async for model in sdk.models.list()]
    ids = {model.id for model in models}
    assert {"agent:assistant", "agent:echo", TEAM} <= ids
    assert {model.owned_by for model in models} == {"conclave"}
    found = services(app)
    assert len(ids) == len(found.catalog.specs) + len(found.catalog.teams) + 1


async def test_a_model_is_read_by_id(sdk: openai.AsyncOpenAI) -> None:
    model = await sdk.models.retrieve(TEAM)
    assert (model.id, model.object, model.created) == (TEAM, "model", 0)


async def test_an_unknown_model_id_is_a_404(sdk: openai.AsyncOpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as raised:
        await sdk.models.retrieve("agent:asistant")
    assert "did you mean 'assistant'?" in raised.value.message


async def test_the_request_history_is_stored_in_the_conversation(
    sdk: openai.AsyncOpenAI, client: httpx2.AsyncClient
) -> None:
    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "what is 2 + 2?"},
        {"role": "assistant", "content": [{"type": "text", "text": "4"}]},
        {"role": "user", "content": QUESTION},
    ]
    completion = await sdk.chat.completions.create(model="assistant", messages=messages)  # type: ignore[arg-type]
    run = (await client.get(f"/api/runs/{run_id(completion)}")).json()
    page = (await client.get(f"/api/conversations/{run['conversation_id']}/messages")).json()
    stored = [(m["role"], m["author"], m["content"]) for m in page["items"]]
    assert stored == [
        ("user", "system", "[system] Be brief."),
        ("user", None, "what is 2 + 2?"),
        ("assistant", "assistant", "4"),
        ("user", None, QUESTION),
        ("assistant", "assistant", completion.choices[0].message.content),
    ]


async def test_the_agent_sees_the_history_with_its_system_messages(
    sdk: openai.AsyncOpenAI, app: FastAPI, client: httpx2.AsyncClient
) -> None:
    model = ScriptedModel(["Second answer."], name="history")
    messages = [
        {"role": "developer", "content": "Answer in French."},
        {"role": "user", "content": [{"type": "text", "text": "one"}, {"type": "image_url"}]},
        {"role": "assistant", "content": "First answer."},
        {"role": "tool", "tool_call_id": "call_1", "content": "42"},
        {"role": "user", "content": "two"},
    ]
    completion = await sdk.chat.completions.create(
        model=await scripted(client, app, model),
        messages=messages,  # type: ignore[arg-type]
    )
    assert completion.choices[0].message.content == "Second answer."
    seen = [(m.role, m.content) for m in model.requests[0].messages if m.role != "system"]
    assert seen == [
        ("user", "[system] Answer in French."),
        ("user", "one"),
        ("assistant", "First answer."),
        ("user", "[tool] 42"),
        ("user", "two"),
    ]


async def test_a_failed_run_is_a_502_naming_it_and_not_retried(
    sdk: openai.AsyncOpenAI, app: FastAPI, client: httpx2.AsyncClient
) -> None:
    model = ScriptedModel([RuntimeError("the model broke")], name="broken")
    with pytest.raises(openai.InternalServerError) as raised:
        await sdk.chat.completions.create(model=await scripted(client, app, model), messages=ask())
    assert raised.value.status_code == 502
    runs = (await client.get("/api/runs")).json()["items"]
    assert [run["status"] for run in runs] == ["failed"]
    assert runs[0]["id"] in raised.value.message
    assert "the model broke" in raised.value.message


async def test_a_failed_streamed_run_raises_an_api_error(
    sdk: openai.AsyncOpenAI, app: FastAPI, client: httpx2.AsyncClient
) -> None:
    model = ScriptedModel([RuntimeError("the model broke")], name="broken")
    agent = await scripted(client, app, model)
    with pytest.raises(openai.APIError) as raised:
        await streamed(sdk, agent)
    assert "the model broke" in raised.value.message
    run = (await client.get("/api/runs")).json()["items"][0]
    assert run["id"] in raised.value.message


async def test_text_before_a_tool_call_streams_apart_from_the_reply(
    sdk: openai.AsyncOpenAI, app: FastAPI, client: httpx2.AsyncClient
) -> None:
    calculate = call("calculator", expression="2 + 2")
    model = ScriptedModel([Reply(text="Let me check.", tool_calls=(calculate,)), "It is 4."])
    services(app).catalog.factory._models[model.name] = model
    spec = {"name": "checker", "model": model.name, "tools": ["calculator"]}
    assert (await client.post("/api/agents", json={"spec": spec})).status_code == 201
    chunks = await streamed(sdk, "checker")
    assert content(chunks) == "Let me check.\n\nIt is 4."
    run = (await client.get(f"/api/runs/{run_id(chunks[0])}")).json()
    assert run["output"] == "It is 4."
