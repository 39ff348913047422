from __future__ import annotations

import time
from typing import Any

from conclave.engine.messages import Message, ToolCall
from conclave.engine.models.base import (
    ModelClient,
    ModelRequest,
    ModelResponse,
    StreamDone,
    TextDelta,
    ToolDefinition,
)
from conclave.engine.models.offline import OFFLINE_NOTICE, OfflineModel
from conclave.engine.tokens import count_messages, count_tokens


def _schema(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
    }


CALCULATOR = ToolDefinition(
    name="calculator",
    description="Evaluate an arithmetic expression, such as (1200 * 1.05) ** 3.",
    parameters=_schema({"expression": {"type": "string"}}),
)
WORD_COUNT = ToolDefinition(
    name="word_count",
    description="Count the words, characters and sentences of a text.",
    parameters=_schema({"text": {"type": "string"}}),
)
CONVERT = ToolDefinition(
    name="convert",
    description="Convert a value between units of length, mass or temperature.",
    parameters=_schema(
        {
            "value": {"type": "number"},
            "from_unit": {"type": "string"},
            "to_unit": {"type": "string"},
        }
    ),
)
PRICE = ToolDefinition(
    name="price_lookup",
    description="Look up the latest price of a stock by its ticker symbol.",
    parameters=_schema({"symbol": {"type": "string", "description": "a ticker"}}),
)
REPORT = ToolDefinition(
    name="sales_report",
    description="Build a sales report for a region and a period.",
    parameters=_schema(
        {
            "region": {"type": "string", "enum": ["emea", "americas", "apac"]},
            "start": {"type": "string", "format": "date"},
            "end": {"type": "string", "format": "date"},
            "include_returns": {"type": "boolean", "default": False},
        },
        ["region", "start", "end"],
    ),
)
TOOLS = (CALCULATOR, WORD_COUNT, CONVERT, PRICE, REPORT)


async def _ask(
    *messages: Message, tools: tuple[ToolDefinition, ...] = TOOLS, author: str | None = None
) -> ModelResponse:
    request = ModelRequest(messages=messages, tools=tools, author=author)
    return await OfflineModel().complete(request)


async def _call(text: str, tools: tuple[ToolDefinition, ...] = TOOLS) -> ToolCall:
    response = await _ask(Message.user(text), tools=tools)
    assert len(response.message.tool_calls) == 1, response.message.content
    return response.message.tool_calls[0]


async def _team_reply(system: str, author: str, *conversation: Message) -> str:
    response = await _ask(Message.system(system), *conversation, tools=(), author=author)
    return response.message.content


def _answered(text: str, call: ToolCall, result: str) -> tuple[Message, ...]:
    return (
        Message.user(text),
        Message.assistant("", tool_calls=(call,)),
        Message.tool(result, tool_call_id=call.id),
    )


def test_offline_model_is_a_model_client_named_after_its_model() -> None:
    model = OfflineModel("demo")
    assert isinstance(model, ModelClient)
    assert model.name == "offline:demo"
    assert OfflineModel().name == "offline:default"


async def test_named_calculator_is_called_with_the_expression() -> None:
    call = await _call("Use the calculator to work out 2 + 3 * 4")
    assert call.name == "calculator"
    assert call.arguments == {"expression": "2 + 3 * 4"}


async def test_word_operators_become_symbols_in_an_expression() -> None:
    call = await _call("calculator: 3 times 4 plus 2")
    assert call.arguments == {"expression": "3 * 4 + 2"}


async def test_word_count_takes_the_text_after_a_colon() -> None:
    call = await _call("word count of: hello there")
    assert call.name == "word_count"
    assert call.arguments == {"text": "hello there"}


async def test_word_count_takes_a_quoted_text() -> None:
    call = await _call("Run word_count on 'the quick brown fox', please")
    assert call.arguments == {"text": "the quick brown fox"}


async def test_convert_reads_the_value_and_both_units() -> None:
    call = await _call("convert 10 km to miles")
    assert call.name == "convert"
    assert call.arguments == {"value": 10, "from_unit": "km", "to_unit": "miles"}


async def test_key_value_pairs_fill_arguments_by_name() -> None:
    call = await _call("convert value=2.5 from_unit=kg to_unit=lb")
    assert call.arguments == {"value": 2.5, "from_unit": "kg", "to_unit": "lb"}


async def test_price_lookup_takes_the_ticker_symbol() -> None:
    call = await _call("price lookup for AAPL")
    assert call.name == "price_lookup"
    assert call.arguments == {"symbol": "AAPL"}


async def test_enum_dates_and_flags_are_read_from_the_text() -> None:
    call = await _call("sales_report for APAC from 2024-01-01 to March 31, 2024, include returns")
    assert call.arguments == {
        "region": "apac",
        "start": "2024-01-01",
        "end": "2024-03-31",
        "include_returns": True,
    }


async def test_arithmetic_question_calls_the_calculator_unnamed() -> None:
    call = await _call("What is 12 * (3 + 4)?")
    assert call.name == "calculator"
    assert call.arguments == {"expression": "12 * (3 + 4)"}


async def test_described_tool_is_called_without_its_name() -> None:
    call = await _call("How many words are in 'to be or not to be'?")
    assert call.name == "word_count"
    assert call.arguments == {"text": "to be or not to be"}


async def test_price_question_calls_the_price_tool_unnamed() -> None:
    call = await _call("What's the latest price of MSFT?")
    assert call.name == "price_lookup"
    assert call.arguments == {"symbol": "MSFT"}


async def test_unrelated_message_calls_no_tool() -> None:
    response = await _ask(Message.user("Tell me a story about a lighthouse keeper."))
    assert response.message.tool_calls == ()
    assert response.finish_reason == "stop"


async def test_weak_match_on_one_word_calls_no_tool() -> None:
    response = await _ask(Message.user("What is your favourite word of the day?"))
    assert response.message.tool_calls == ()


async def test_tool_the_user_declines_is_not_called() -> None:
    response = await _ask(Message.user("Don't use the calculator; what is 6 * 7?"))
    assert response.message.tool_calls == ()
    assert "6 * 7 = 42" in response.message.content


async def test_missing_required_argument_is_named_instead_of_calling() -> None:
    response = await _ask(Message.user("Use convert on 10 km"))
    assert response.message.tool_calls == ()
    assert "to_unit" in response.message.content
    assert "convert" in response.message.content


async def test_several_named_tools_are_called_in_one_reply() -> None:
    response = await _ask(Message.user("Use the calculator for 2+3 and word_count on 'hi there'"))
    calls = response.message.tool_calls
    assert [(c.name, c.arguments) for c in calls] == [
        ("calculator", {"expression": "2 + 3"}),
        ("word_count", {"text": "hi there"}),
    ]
    assert calls[0].id != calls[1].id
    assert response.finish_reason == "tool_calls"


async def test_tool_call_ids_are_stable_and_prefixed() -> None:
    first = await _call("calculator 1 + 1")
    second = await _call("calculator 1 + 1")
    assert first.id == second.id
    assert first.id.startswith("call_")


async def test_tool_result_is_answered_with_the_tool_and_its_result() -> None:
    call = await _call("what is 6 * 7?")
    response = await _ask(*_answered("what is 6 * 7?", call, "42"))
    assert response.message.tool_calls == ()
    assert response.message.content.startswith("The calculator returned 42 (for 6 * 7).")


async def test_several_tool_results_are_each_named() -> None:
    text = "Use the calculator for 2+3 and word_count on 'hi there'"
    calls = (await _ask(Message.user(text))).message.tool_calls
    response = await _ask(
        Message.user(text),
        Message.assistant("", tool_calls=calls),
        Message.tool("5", tool_call_id=calls[0].id),
        Message.tool('{"words": 2}', tool_call_id=calls[1].id),
    )
    lines = response.message.content.splitlines()
    assert lines[:2] == [
        "The calculator returned 5 (for 2 + 3).",
        "The word_count tool returned words: 2 (for hi there).",
    ]


async def test_object_results_are_summarised_as_pairs() -> None:
    call = await _call("word count of: a b")
    result = '{"words": 2, "characters": 3}'
    response = await _ask(*_answered("word count of: a b", call, result))
    assert "words: 2, characters: 3" in response.message.content


async def test_tool_failure_is_reported_plainly() -> None:
    call = await _call("convert 10 parsec to km")
    response = await _ask(*_answered("convert 10 parsec to km", call, "error: unknown unit"))
    assert "The convert tool failed: unknown unit." in response.message.content


async def test_long_tool_result_is_shortened() -> None:
    call = await _call("word count of: hello")
    response = await _ask(*_answered("word count of: hello", call, "word " * 500))
    assert len(response.message.content) < 500
    assert "…" in response.message.content


async def test_answered_message_gets_no_second_call() -> None:
    call = await _call("what is 6 * 7?")
    conversation = (
        *_answered("what is 6 * 7?", call, "42"),
        Message.assistant("The calculator returned 42."),
    )
    response = await _ask(*conversation)
    assert response.message.tool_calls == ()


async def test_team_agent_calls_a_tool_another_agent_names() -> None:
    response = await _ask(
        Message.user("Check Apple's stock"),
        Message.assistant("Please use price_lookup for AAPL.", author="planner"),
        author="analyst",
    )
    assert [c.arguments for c in response.message.tool_calls] == [{"symbol": "AAPL"}]


async def test_another_offline_agents_report_triggers_no_call() -> None:
    report = f"The calculator returned 42 (for 6 * 7).\n{OFFLINE_NOTICE}"
    response = await _ask(
        Message.user("What is 6 * 7?"),
        Message.assistant(report, author="solver"),
        author="checker",
    )
    assert response.message.tool_calls == ()


async def test_researcher_role_from_the_system_prompt_lists_findings() -> None:
    text = await _team_reply(
        "You are the researcher of the team.",
        "agent-1",
        Message.user("Write a report on the impact of remote work on productivity."),
    )
    assert text.startswith("Findings on the impact of remote work on productivity:")
    assert text.count("\n- ") >= 3


async def test_reviewer_role_from_the_author_gives_a_verdict() -> None:
    text = await _team_reply(
        "Be thorough. Respond with APPROVE when the draft addresses the task.",
        "team/reviewer",
        Message.user("Write about solar power costs."),
        Message.assistant(
            "Solar power costs fell sharply; panels now pay back fast.", author="writer"
        ),
    )
    assert "Verdict: ready" in text
    assert "\nAPPROVE\n" in text


async def test_reviewer_withholds_its_word_when_the_draft_misses_the_task() -> None:
    text = await _team_reply(
        "You are the reviewer. Reply APPROVE when the draft addresses the task.",
        "reviewer",
        Message.user("Write about tidal energy storage economics."),
        Message.assistant("Cats are lovely pets.", author="writer"),
    )
    assert "Verdict: needs changes" in text
    assert "APPROVE" not in text


async def test_planner_lists_one_step_per_part_of_the_task() -> None:
    text = await _team_reply(
        "Role: planner",
        "lead",
        Message.user("Collect the sales figures; then chart them, and email the chart."),
    )
    assert "1. Collect the sales figures." in text
    assert "2. Chart them." in text
    assert "3. Email the chart." in text


async def test_planner_says_its_word_only_once_others_have_contributed() -> None:
    system = "You are the planner. When every step has a contribution, reply TERMINATE."
    task = Message.user("Plan a product launch.")
    first = await _team_reply(system, "planner", task)
    later = await _team_reply(
        system,
        "planner",
        task,
        Message.assistant(first, author="planner"),
        Message.assistant("Launch notes drafted for the press.", author="writer"),
    )
    assert "TERMINATE" not in first
    assert "TERMINATE" in later


async def test_writer_summarises_the_other_agents() -> None:
    text = await _team_reply(
        "You are a writer who synthesises the team's work.",
        "writer",
        Message.user("Report on bee populations."),
        Message.assistant("Bee populations fell 30% in a decade.", author="researcher"),
        Message.assistant("Pesticides are the main driver of bee decline.", author="analyst"),
    )
    assert "- researcher: Bee populations fell 30% in a decade." in text
    assert "- analyst: Pesticides are the main driver of bee decline." in text


async def test_coordinator_assigns_subtasks_to_team_members() -> None:
    text = await _team_reply(
        "You are the coordinator. Your team members are: researcher, writer and reviewer.",
        "coordinator",
        Message.user("Research electric bikes for commuters."),
    )
    assert "1. researcher: Gather the key facts" in text
    assert "2. writer: Draft the answer" in text
    assert "3. reviewer: Check the draft" in text


async def test_quoted_finishing_words_of_others_are_not_repeated() -> None:
    text = await _team_reply(
        "You are a writer.",
        "writer",
        Message.user("Summarise the discussion on bees."),
        Message.assistant("Bees need flowers to thrive. APPROVE", author="reviewer"),
    )
    assert "APPROVE" not in text


async def test_assistant_that_is_told_to_terminate_says_so() -> None:
    text = await _team_reply(
        "You are a helpful assistant. Reply with TERMINATE when the task is done.",
        "assistant",
        Message.user("Explain why the sky is blue."),
    )
    assert "TERMINATE" in text


async def test_selector_prompt_gets_the_next_participant() -> None:
    system = (
        "Read the conversation. Then select the next role from ['researcher', 'writer'] "
        "to play. Only return the role."
    )
    text = await _team_reply(
        system,
        "selector",
        Message.user("Write about bees."),
        Message.assistant("Bees pollinate crops.", author="researcher"),
    )
    assert text.splitlines()[0] == "writer"


async def test_same_request_gets_the_same_reply() -> None:
    conversation = (
        Message.system("You are the researcher."),
        Message.user("Research tidal power in Scotland."),
    )
    replies = {(await _ask(*conversation, author="r")).message.content for _ in range(3)}
    assert len(replies) == 1


async def test_every_text_reply_ends_with_the_offline_notice() -> None:
    for text in ("hello", "What is the capital of France?", "Research solar power."):
        response = await _ask(Message.user(text))
        assert response.message.content.endswith(OFFLINE_NOTICE)


async def test_greeting_is_answered_in_kind() -> None:
    response = await _ask(Message.user("hello"))
    assert response.message.content.startswith("Hello!")


async def test_stream_deltas_join_to_the_complete_text_and_end_with_done() -> None:
    model = OfflineModel()
    request = ModelRequest(messages=[Message.user("Research tidal power in Scotland.")])
    chunks = [chunk async for chunk in model.stream(request)]
    complete = await model.complete(request)
    assert isinstance(chunks[-1], StreamDone)
    deltas = [chunk.text for chunk in chunks[:-1] if isinstance(chunk, TextDelta)]
    assert len(deltas) == len(chunks) - 1 > 1
    assert "".join(deltas) == complete.message.content == chunks[-1].response.message.content


async def test_usage_counts_the_prompt_and_the_reply() -> None:
    messages = (Message.system("You are terse."), Message.user("Research tidal power."))
    response = await _ask(*messages, tools=())
    assert response.usage.input_tokens == count_messages(messages)
    assert response.usage.output_tokens == count_tokens(response.message.content)
    assert response.message.usage == response.usage


async def test_usage_of_a_tool_call_counts_its_arguments() -> None:
    response = await _ask(Message.user("calculator 2 + 2"))
    assert response.usage.output_tokens == count_tokens('{"expression": "2 + 2"}')


async def test_reply_carries_the_requesting_author() -> None:
    response = await _ask(Message.user("hello"), author="helper")
    assert response.message.author == "helper"
    assert response.model == "offline:default"


async def test_a_typical_turn_takes_well_under_a_millisecond() -> None:
    model = OfflineModel()
    request = ModelRequest(messages=[Message.user("convert 10 km to miles")], tools=TOOLS)
    await model.complete(request)
    started = time.perf_counter()
    for _ in range(200):
        await model.complete(request)
    # Generous against slow CI machines: typical turns take about a quarter of this.
    assert (time.perf_counter() - started) / 200 < 0.002


async def test_a_teammates_relayed_reply_does_not_trigger_the_tools_it_names() -> None:
    relayed = Message(
        role="user",
        content=f"[crew/analyst] the word_count of the draft matters\n{OFFLINE_NOTICE}",
        author="crew/analyst",
    )
    request = ModelRequest(
        messages=(Message.user("write the summary"), relayed),
        tools=(WORD_COUNT,),
        author="crew/writer",
    )
    response = await OfflineModel().complete(request)
    assert response.message.tool_calls == ()


async def test_a_workflow_prompt_quoting_earlier_outputs_still_triggers_tools() -> None:
    prompt = (
        f"Earlier step said:\nfindings here\n{OFFLINE_NOTICE}\n"
        "Now use the word_count tool on: alpha beta gamma"
    )
    request = ModelRequest(messages=(Message.user(prompt),), tools=(WORD_COUNT,), author="s")
    response = await OfflineModel().complete(request)
    assert [call.name for call in response.message.tool_calls] == ["word_count"]
