"""The OpenAI client, driving the real ``openai`` SDK against the fake provider."""

from __future__ import annotations

import socket

import pytest

from conclave.engine.messages import Message, ToolCall, Usage
from conclave.engine.models.base import (
    ModelClient,
    ModelRequest,
    StreamChunk,
    StreamDone,
    TextDelta,
    ToolCallDelta,
    ToolDefinition,
)
from conclave.engine.models.openai import OpenAIModelClient
from conclave.engine.models.registry import ModelOptions, build_model
from conclave.engine.models.resilience import ResilientModel
from conclave.errors import ConfigError, ModelError
from tests.engine.models.conftest import Connect
from tests.fakes.llm_server import (
    ErrorEvent,
    FakeLLMServer,
    FakeToolCall,
    HttpError,
    Malformed,
    Raw,
    Reply,
    Truncated,
    Verbatim,
)

HELLO = ModelRequest(messages=(Message.user("hi"),), author="helper")
WEATHER = FakeToolCall("call_1", "weather", '{"city": "Oslo", "days": 3}')


async def _collect(model: ModelClient, request: ModelRequest = HELLO) -> list[StreamChunk]:
    return [chunk async for chunk in model.stream(request)]


async def test_complete_returns_the_text_and_usage(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="Hello there", input_tokens=12, output_tokens=3))
    response = await connect("openai:gpt-4o-mini").complete(HELLO)
    assert response.message.content == "Hello there"
    assert response.message.author == "helper"
    assert response.usage == Usage(input_tokens=12, output_tokens=3)
    assert response.finish_reason == "stop"
    assert response.model == "openai:gpt-4o-mini"


async def test_complete_parses_tool_calls(llm_server: FakeLLMServer, connect: Connect) -> None:
    llm_server.queue(Reply(tool_calls=(WEATHER,)))
    response = await connect("openai:gpt-4o-mini").complete(HELLO)
    assert response.message.tool_calls == (
        ToolCall(id="call_1", name="weather", arguments={"city": "Oslo", "days": 3}),
    )
    assert response.finish_reason == "tool_calls"


async def test_stream_yields_text_and_tool_call_deltas_then_the_whole_reply(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="Let me look", tool_calls=(WEATHER,), piece=8))
    chunks = await _collect(connect("openai:gpt-4o-mini"))
    assert [c.text for c in chunks if isinstance(c, TextDelta)] == ["Let me l", "ook"]
    assert [c for c in chunks if isinstance(c, ToolCallDelta)] == [
        ToolCallDelta(index=0, id="call_1", name="weather", arguments=""),
        ToolCallDelta(index=0, arguments='{"city":'),
        ToolCallDelta(index=0, arguments=' "Oslo",'),
        ToolCallDelta(index=0, arguments=' "days":'),
        ToolCallDelta(index=0, arguments=" 3}"),
    ]
    assert isinstance(done := chunks[-1], StreamDone)
    assert done.response.message.content == "Let me look"
    assert done.response.message.tool_calls[0].arguments == {"city": "Oslo", "days": 3}
    assert done.response.usage == Usage(input_tokens=11, output_tokens=7)


async def test_stream_asks_for_usage_in_the_last_chunk(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="ok"))
    await _collect(connect("openai:gpt-4o-mini"))
    assert llm_server.bodies()[0]["stream"] is True
    assert llm_server.bodies()[0]["stream_options"] == {"include_usage": True}


async def test_a_call_sends_the_key_as_a_bearer_token_with_the_sdk_headers(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="ok"), Reply(text="ok"))
    model = connect("openai:gpt-4o-mini")
    await model.complete(HELLO)
    await _collect(model)
    for request in llm_server.requests:
        assert request.headers["authorization"] == "Bearer test"
        assert request.headers["content-type"] == "application/json"
        assert request.headers["user-agent"].startswith("AsyncOpenAI/Python")
    assert "stream" not in llm_server.bodies()[0]


@pytest.mark.parametrize("body", [{"choices": []}, {"id": "x"}, [], {"choices": ["not an object"]}])
async def test_a_reply_without_choices_is_a_model_error(
    llm_server: FakeLLMServer, connect: Connect, body: object
) -> None:
    llm_server.queue(Verbatim(body))
    with pytest.raises(ModelError, match="the reply had no choices"):
        await connect("openai:gpt-4o-mini", max_retries=0).complete(HELLO)


async def test_a_reply_that_is_not_json_is_a_clear_model_error_and_not_retried(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Raw(200, "<html>welcome to the captive portal</html>"))
    with pytest.raises(ModelError, match="malformed reply from openai:gpt-4o-mini") as caught:
        await connect("openai:gpt-4o-mini").complete(HELLO)
    assert not caught.value.retryable
    assert len(llm_server.requests) == 1


async def test_an_error_page_that_is_not_json_is_reported_in_its_own_words(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Raw(502, "Bad Gateway"))
    with pytest.raises(ModelError, match="HTTP 502: Bad Gateway") as caught:
        await connect("openai:gpt-4o-mini", max_retries=0).complete(HELLO)
    assert caught.value.status == 502
    llm_server.queue(Raw(502, "Bad Gateway"), Reply(text="back again"))
    response = await connect("openai:gpt-4o-mini").complete(HELLO)  # a gateway error passes
    assert response.message.content == "back again"
    assert len(llm_server.requests) == 3


async def test_an_error_without_a_message_shows_its_body(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Raw(400, '{"detail": "no such field: temprature"}'))
    with pytest.raises(ModelError, match=r"HTTP 400: .*no such field: temprature") as caught:
        await connect("openai:gpt-4o-mini").complete(HELLO)
    assert not caught.value.retryable
    assert len(llm_server.requests) == 1


async def test_a_reply_with_nulls_where_values_belong_reads_as_empty(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    choice = {"message": {"role": "assistant", "content": None}, "finish_reason": None}
    llm_server.queue(Verbatim({"choices": [choice], "usage": {"prompt_tokens": None}}))
    response = await connect("openai:gpt-4o-mini").complete(HELLO)
    assert response.message.content == ""
    assert response.finish_reason == "stop"
    assert response.usage == Usage()


async def test_a_tool_call_without_a_function_is_read_with_empty_arguments(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    call = {"id": "call_9", "type": "function", "function": None}
    choice = {"message": {"content": "", "tool_calls": [call]}, "finish_reason": "tool_calls"}
    llm_server.queue(Verbatim({"choices": [choice]}))
    response = await connect("openai:gpt-4o-mini").complete(HELLO)
    assert response.message.tool_calls == (ToolCall(id="call_9", name="", arguments={}),)


async def test_a_conversation_with_tool_calls_goes_out_in_chat_completions_format(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="Sunny."))
    call = ToolCall(id="call_1", name="weather", arguments={"city": "Oslo"})
    conversation = (
        Message.system("Be brief."),
        Message.user("Weather in Oslo?"),
        Message.assistant("", author="helper", tool_calls=(call,)),
        Message.tool("sunny, 21C", tool_call_id="call_1"),
    )
    await connect("openai:gpt-4o-mini").complete(ModelRequest(messages=conversation))
    assert llm_server.bodies()[0]["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Weather in Oslo?"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "weather", "arguments": '{"city": "Oslo"}'},
                }
            ],
        },
        {"role": "tool", "content": "sunny, 21C", "tool_call_id": "call_1"},
    ]


async def test_tools_limit_and_temperature_go_out_as_openai_expects(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="ok"))
    schema = {"type": "object", "properties": {"city": {"type": "string"}}}
    tool = ToolDefinition(name="weather", description="Today's weather.", parameters=schema)
    request = ModelRequest(
        messages=(Message.user("hi"),), tools=(tool,), max_output_tokens=50, temperature=0.2
    )
    await connect("openai:gpt-4o-mini").complete(request)
    body = llm_server.bodies()[0]
    function = {"name": "weather", "description": "Today's weather.", "parameters": schema}
    assert body["tools"] == [{"type": "function", "function": function}]
    assert body["max_completion_tokens"] == 50
    assert body["temperature"] == 0.2


async def test_a_compatible_server_gets_the_limit_as_max_tokens(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(text="ok"))
    request = ModelRequest(messages=(Message.user("hi"),), max_output_tokens=50)
    await connect("vllm:qwen2").complete(request)
    assert llm_server.bodies()[0]["max_tokens"] == 50
    assert "max_completion_tokens" not in llm_server.bodies()[0]


async def test_an_ollama_model_talks_to_the_server_at_its_base_url(
    llm_server: FakeLLMServer,
) -> None:
    llm_server.queue(Reply(text="Hi from llama"))
    model = build_model("ollama:llama3", ModelOptions(base_url=llm_server.openai_url))
    assert isinstance(model, ResilientModel)
    response = await model.complete(HELLO)
    await model.aclose()
    assert model.name == "ollama:llama3"
    assert response.message.content == "Hi from llama"
    assert llm_server.requests[0].path == "/v1/chat/completions"
    assert llm_server.bodies()[0]["model"] == "llama3"


async def test_a_malformed_stream_chunk_is_a_clear_model_error(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Malformed(after=2))
    with pytest.raises(ModelError, match="malformed stream from openai:gpt-4o-mini") as caught:
        await _collect(connect("openai:gpt-4o-mini", max_retries=0))
    assert caught.value.__cause__ is not None


async def test_a_stream_that_stops_early_is_an_incomplete_reply(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Truncated(after=2))
    with pytest.raises(ModelError, match="stream ended before the reply was complete"):
        await _collect(connect("openai:gpt-4o-mini", max_retries=0))


async def test_a_connection_dropped_mid_stream_is_an_incomplete_reply(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Truncated(after=2, abrupt=True))
    with pytest.raises(ModelError, match="stream ended before the reply was complete"):
        await _collect(connect("openai:gpt-4o-mini", max_retries=0))


async def test_an_error_event_mid_stream_is_retried(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(ErrorEvent(after=2), Reply(text="second time lucky"))
    chunks = await _collect(connect("openai:gpt-4o-mini", max_retries=1))
    assert isinstance(done := chunks[-1], StreamDone)
    assert done.response.message.content == "second time lucky"


async def test_tool_arguments_that_are_not_json_are_a_non_retryable_error(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(Reply(tool_calls=(FakeToolCall("call_1", "weather", '{"city": '),)))
    with pytest.raises(ModelError, match="tool 'weather' are not valid JSON"):
        await _collect(connect("openai:gpt-4o-mini"))
    assert len(llm_server.requests) == 1


async def test_a_rejected_key_is_not_retried_and_names_the_variable(
    llm_server: FakeLLMServer, connect: Connect
) -> None:
    llm_server.queue(HttpError(401, "Incorrect API key provided"))
    with pytest.raises(ModelError, match=r"Incorrect API key provided.*OPENAI_API_KEY") as caught:
        await connect("openai:gpt-4o-mini").complete(HELLO)
    assert caught.value.status == 401
    assert len(llm_server.requests) == 1


async def test_an_unreachable_server_says_to_check_it(connect: Connect) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    model = connect("ollama:llama3", base_url=f"http://127.0.0.1:{closed_port}/v1", max_retries=0)
    with pytest.raises(ModelError, match=r"cannot reach .* check that the server is running"):
        await model.complete(HELLO)


def test_a_missing_key_is_a_config_error_that_says_what_to_set() -> None:
    with pytest.raises(ConfigError, match="set OPENROUTER_API_KEY or use model='offline'"):
        OpenAIModelClient("gpt-4o", provider="openrouter", api_key=None)


def test_the_name_is_provider_and_model() -> None:
    client = OpenAIModelClient("llama3", provider="ollama", api_key="x", base_url="http://x/v1")
    assert client.name == "ollama:llama3"


async def test_a_plain_reply_goes_through_the_proxy_the_environment_names(
    llm_server: FakeLLMServer, connect: Connect, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", llm_server.url)
    llm_server.queue(Reply(text="via the proxy"))
    model = connect("ollama:llama3", base_url="http://models.invalid/v1", max_retries=0)
    response = await model.complete(HELLO)
    assert response.message.content == "via the proxy"
    assert llm_server.requests[0].path == "http://models.invalid/v1/chat/completions"
