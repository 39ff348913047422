from __future__ import annotations

import pytest

from conclave import (
    Message,
    ModelRequest,
    Reply,
    ScriptedModel,
    ScriptExhausted,
    StreamDone,
    TextDelta,
    Usage,
    call,
)

REQUEST = ModelRequest(messages=(Message.user("hi"),), author="bot")


async def test_replays_text_tool_calls_and_replies_in_order() -> None:
    model = ScriptedModel(
        ["first", call("add", a=1), Reply(text="third", usage=Usage(input_tokens=7))]
    )
    first = await model.complete(REQUEST)
    second = await model.complete(REQUEST)
    third = await model.complete(REQUEST)
    assert first.message.content == "first"
    assert first.message.author == "bot"
    assert second.message.tool_calls[0].name == "add"
    assert second.finish_reason == "tool_calls"
    assert third.usage == Usage(input_tokens=7)
    model.assert_consumed()


async def test_a_function_item_sees_the_request() -> None:
    model = ScriptedModel([lambda request: f"echo {request.messages[-1].content}"])
    assert (await model.complete(REQUEST)).message.content == "echo hi"


async def test_an_error_item_is_raised() -> None:
    model = ScriptedModel([TimeoutError("slow")])
    with pytest.raises(TimeoutError):
        await model.complete(REQUEST)


async def test_running_out_of_script_says_how_many_were_scripted() -> None:
    model = ScriptedModel(["only"])
    await model.complete(REQUEST)
    with pytest.raises(ScriptExhausted, match="called 2 times but scripts only 1"):
        await model.complete(REQUEST)


def test_unconsumed_replies_are_reported() -> None:
    model = ScriptedModel(["a", call("add")])
    with pytest.raises(AssertionError, match="2 scripted replies never used"):
        model.assert_consumed()


async def test_usage_is_estimated_when_not_scripted() -> None:
    response = await ScriptedModel(["a short reply"]).complete(REQUEST)
    assert response.usage.input_tokens > 0
    assert response.usage.output_tokens == 3


async def test_stream_yields_words_then_the_whole_response() -> None:
    chunks = [chunk async for chunk in ScriptedModel(["one two three"]).stream(REQUEST)]
    assert [c.text for c in chunks if isinstance(c, TextDelta)] == ["one ", "two ", "three"]
    assert isinstance(chunks[-1], StreamDone)
    assert chunks[-1].response.message.content == "one two three"
