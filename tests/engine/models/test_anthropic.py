"""The Anthropic client, driving the real ``anthropic`` SDK against the fake provider."""

from __future__ import annotations

import pytest

from conclave.engine.messages import Message, ToolCall, Usage
from conclave.engine.models.anthropic import AnthropicModelClient
from conclave.engine.models.base import (
    ModelClient,
    ModelRequest,
    StreamChunk,
    StreamDone,
    TextDelta,
    ToolCallDelta,
    ToolDefinition,
)
from conclave.errors import ConfigError, ModelError
from tests.engine.models.conftest import Connect
from tests.fakes.llm_server import (
    ErrorEvent,
    FakeLLMServer,
    FakeToolCall,
    HttpError,
    Malformed,
    Reply,
    Truncated,
)

CLAUDE = "anthropic:claude-haiku-4-5"
HELLO = ModelRequest(messages=(Message.user("hi"),), author="helper")
WEATHER = FakeToolCall("toolu_1", "weather", '{"city": "Oslo", "days": 3}')


async def _collect(model: ModelClient, request: ModelRequest = HELLO) -> list[StreamChunk]:
    return [chunk async for chunk in model.stream(request)]


async def test_complete_returns_the_text_and_usage(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="Hello there", input_tokens=12, output_tokens=3))
    response = await connect(CLAUDE).complete(HELLO)
    assert response.message.content == "Hello there"
    assert response.message.author == "helper"
    assert response.usage == Usage(input_tokens=12, output_tokens=3)
    assert response.model == CLAUDE
    assert llm_server.requests[0].path == "/v1/messages"


async def test_finish_reasons_are_given_in_openai_terms(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="done"), Reply(tool_calls=(WEATHER,)))
    model = connect(CLAUDE)
    assert (await model.complete(HELLO)).finish_reason == "stop"
    assert (await model.complete(HELLO)).finish_reason == "tool_calls"


async def test_complete_parses_tool_use_blocks(llm_server: FakeLLMServer, connect: Connect) -> None:
    llm_server.queue(Reply(text="Let me look.", tool_calls=(WEATHER,)))
    response = await connect(CLAUDE).complete(HELLO)
    assert response.message.content == "Let me look."
    assert response.message.tool_calls == (
        ToolCall(id="toolu_1", name="weather", arguments={"city": "Oslo", "days": 3}),
    )


async def test_stream_yields_text_and_tool_call_deltas_then_the_whole_reply(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="Let me look", tool_calls=(WEATHER,), piece=8))
    chunks = await _collect(connect(CLAUDE))
    assert [c.text for c in chunks if isinstance(c, TextDelta)] == ["Let me l", "ook"]
    assert [c for c in chunks if isinstance(c, ToolCallDelta)] == [
        ToolCallDelta(index=0, id="toolu_1", name="weather", arguments=""),
        ToolCallDelta(index=0, arguments='{"city":'),
        ToolCallDelta(index=0, arguments=' "Oslo",'),
        ToolCallDelta(index=0, arguments=' "days":'),
        ToolCallDelta(index=0, arguments=" 3}"),
    ]
    assert isinstance(done := chunks[-1], StreamDone)
    assert done.response.message.content == "Let me look"
    assert done.response.message.tool_calls[0].arguments == {"city": "Oslo", "days": 3}
    assert done.response.usage == Usage(input_tokens=11, output_tokens=7)
    assert done.response.finish_reason == "tool_calls"


async def test_a_conversation_with_tool_calls_goes_out_in_messages_format(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="Sunny in both."))
    calls = (
        ToolCall(id="toolu_1", name="weather", arguments={"city": "Oslo"}),
        ToolCall(id="toolu_2", name="weather", arguments={"city": "Rome"}),
    )
    conversation = (
        Message.system("Be brief."),
        Message.user("Weather in Oslo and Rome?"),
        Message.assistant("Checking.", author="helper", tool_calls=calls),
        Message.tool("sunny, 21C", tool_call_id="toolu_1"),
        Message.tool("sunny, 30C", tool_call_id="toolu_2"),
        Message.user("Thanks!"),
    )
    await connect(CLAUDE).complete(ModelRequest(messages=conversation))
    body = llm_server.bodies()[0]
    assert body["system"] == "Be brief."
    assert body["messages"] == [
        {"role": "user", "content": "Weather in Oslo and Rome?"},
        {
            "role": "assistant",
            "content": [
                {"type": "text", "text": "Checking."},
                {"type": "tool_use", "id": "toolu_1", "name": "weather", "input": {"city": "Oslo"}},
                {"type": "tool_use", "id": "toolu_2", "name": "weather", "input": {"city": "Rome"}},
            ],
        },
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "toolu_1", "content": "sunny, 21C"},
                {"type": "tool_result", "tool_use_id": "toolu_2", "content": "sunny, 30C"},
            ],
        },
        {"role": "user", "content": "Thanks!"},
    ]


async def test_tools_and_temperature_go_out_as_anthropic_expects(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="ok"))
    schema = {"type": "object", "properties": {"city": {"type": "string"}}}
    tool = ToolDefinition(name="weather", description="Today's weather.", parameters=schema)
    request = ModelRequest(
        messages=(Message.user("hi"),), tools=(tool,), max_output_tokens=50, temperature=0.2
    )
    await connect(CLAUDE).complete(request)
    body = llm_server.bodies()[0]
    assert body["tools"] == [
        {"name": "weather", "description": "Today's weather.", "input_schema": schema}
    ]
    assert body["max_tokens"] == 50
    assert body["temperature"] == 0.2


async def test_max_tokens_defaults_when_the_request_sets_no_limit(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="ok"))
    await connect(CLAUDE).complete(HELLO)
    assert llm_server.bodies()[0]["max_tokens"] == 1024


async def test_a_malformed_stream_chunk_is_a_clear_model_error(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Malformed(after=3))
    with pytest.raises(ModelError, match=f"malformed stream from {CLAUDE}"):
        await _collect(connect(CLAUDE, max_retries=0))


async def test_a_stream_that_stops_before_message_stop_is_an_incomplete_reply(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Truncated(after=4))
    with pytest.raises(ModelError, match="stream ended before the reply was complete"):
        await _collect(connect(CLAUDE, max_retries=0))


async def test_a_connection_dropped_mid_stream_is_an_incomplete_reply(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Truncated(after=4, abrupt=True))
    with pytest.raises(ModelError, match="stream ended before the reply was complete") as caught:
        await _collect(connect(CLAUDE, max_retries=0))
    assert "connection dropped" in str(caught.value)


async def test_an_overloaded_event_mid_stream_counts_as_a_retryable_529(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(ErrorEvent(kind="overloaded_error", after=3))
    with pytest.raises(ModelError, match="HTTP 529") as caught:
        await _collect(connect(CLAUDE, max_retries=0))
    assert caught.value.status == 529


async def test_overloaded_529_is_retried(llm_server: FakeLLMServer, connect: Connect) -> None:
    llm_server.queue(HttpError(529, "Overloaded"), Reply(text="back"))
    response = await connect(CLAUDE).complete(HELLO)
    assert response.message.content == "back"
    assert len(llm_server.requests) == 2


async def test_tool_arguments_that_are_not_json_are_a_non_retryable_error(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(tool_calls=(FakeToolCall("toolu_1", "weather", '{"city": '),)))
    with pytest.raises(ModelError, match="tool 'weather' are not valid JSON"):
        await _collect(connect(CLAUDE))
    assert len(llm_server.requests) == 1


async def test_a_rejected_key_is_not_retried_and_names_the_variable(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(HttpError(401, "invalid x-api-key"))
    with pytest.raises(ModelError, match=r"invalid x-api-key.*ANTHROPIC_API_KEY") as caught:
        await connect(CLAUDE).complete(HELLO)
    assert caught.value.status == 401
    assert len(llm_server.requests) == 1


def test_a_missing_key_is_a_config_error_that_says_what_to_set() -> None:
    with pytest.raises(ConfigError, match="set ANTHROPIC_API_KEY or use model='offline'"):
        AnthropicModelClient("claude-haiku-4-5", api_key=None)


def test_the_name_is_anthropic_and_the_model() -> None:
    assert AnthropicModelClient("claude-x", api_key="k").name == "anthropic:claude-x"
