from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conclave.engine.messages import Message, ToolCall
from conclave.engine.tokens import count_messages, count_tokens

REFERENCE = Path(__file__).parents[1] / "data" / "token_counts.json"


@pytest.fixture(scope="module")
def samples() -> list[dict[str, Any]]:
    document = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert document["encoding"].startswith("cl100k_base")
    return list(document["samples"])


def test_reference_corpus_is_large_and_varied(samples: list[dict[str, Any]]) -> None:
    assert len(samples) >= 60
    assert sum(not sample["text"].isascii() for sample in samples) >= 15


def test_estimated_total_is_within_ten_percent_of_the_exact_total(
    samples: list[dict[str, Any]],
) -> None:
    exact = sum(sample["tokens"] for sample in samples)
    estimated = sum(count_tokens(sample["text"]) for sample in samples)
    assert abs(estimated - exact) <= 0.10 * exact


def test_each_sample_of_twenty_tokens_or_more_is_within_a_quarter(
    samples: list[dict[str, Any]],
) -> None:
    misses = [
        (sample["text"][:40], count_tokens(sample["text"]), sample["tokens"])
        for sample in samples
        if sample["tokens"] >= 20
        and abs(count_tokens(sample["text"]) - sample["tokens"]) > 0.25 * sample["tokens"]
    ]
    assert misses == []


def test_empty_text_is_no_tokens() -> None:
    assert count_tokens("") == 0


def test_common_words_and_punctuation_are_a_token_each() -> None:
    assert count_tokens("Hello, world!") == 4


def test_digits_are_grouped_by_three() -> None:
    assert count_tokens("1234567") == 3


def test_an_indentation_is_one_token() -> None:
    assert count_tokens("\n        return") == count_tokens("\n    return") == 3


def test_an_emoji_is_several_tokens() -> None:
    assert count_tokens("🎉") == 3


def test_no_messages_cost_the_reply_header() -> None:
    assert count_messages([]) == 3


def test_each_message_adds_its_content_and_a_fixed_overhead() -> None:
    message = Message.user("What is the capital of France?")
    one, two = count_messages([message]), count_messages([message, message])
    assert two - one == count_tokens(message.content) + 3


def test_tool_calls_cost_their_name_and_json_arguments() -> None:
    call = ToolCall(id="call_1", name="get_weather", arguments={"city": "Paris", "days": 3})
    plain = Message.assistant("Let me check.")
    calling = Message.assistant("Let me check.", tool_calls=(call,))
    arguments = count_tokens('{"city": "Paris", "days": 3}')
    expected = 3 + count_tokens("get_weather") + arguments
    assert count_messages([calling]) - count_messages([plain]) == expected
