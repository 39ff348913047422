from __future__ import annotations

import pytest

from conclave.adapters.store.repositories import ConversationRepository
from conclave.errors import NotFound, UserError


async def test_create_returns_an_id_to_get_the_conversation_by(
    conversations: ConversationRepository,
) -> None:
    conversation_id = await conversations.create("agent", "research", title="Rates")
    got = await conversations.get(conversation_id)
    assert (got.id, got.target_kind, got.target, got.title) == (
        conversation_id,
        "agent",
        "research",
        "Rates",
    )


async def test_a_conversation_has_no_title_by_default(
    conversations: ConversationRepository,
) -> None:
    conversation_id = await conversations.create("team", "desk")
    assert (await conversations.get(conversation_id)).title == ""


async def test_a_conversation_needs_a_known_target_kind(
    conversations: ConversationRepository,
) -> None:
    with pytest.raises(UserError, match="unknown document kind"):
        await conversations.create("robot", "desk")


async def test_get_of_an_unknown_conversation_raises_not_found(
    conversations: ConversationRepository,
) -> None:
    with pytest.raises(NotFound, match="conversation 'nope' not found"):
        await conversations.get("nope")


async def test_list_shows_the_newest_conversation_first(
    conversations: ConversationRepository,
) -> None:
    first = await conversations.create("agent", "a")
    second = await conversations.create("agent", "b")
    assert [c.id for c in (await conversations.list()).items] == [second, first]


async def test_a_new_message_brings_its_conversation_to_the_top(
    conversations: ConversationRepository,
) -> None:
    first = await conversations.create("agent", "a")
    second = await conversations.create("agent", "b")
    await conversations.add_message(first, "user", "ana", "hello")
    assert [c.id for c in (await conversations.list()).items] == [first, second]


async def test_list_pages_conversations(conversations: ConversationRepository) -> None:
    ids = [await conversations.create("agent", f"a{n}") for n in range(5)]
    page = await conversations.list(limit=2, offset=1)
    assert ([c.id for c in page.items], page.total) == ([ids[3], ids[2]], 5)


async def test_add_message_returns_it_with_its_tokens_and_cost(
    conversations: ConversationRepository,
) -> None:
    conversation_id = await conversations.create("agent", "a")
    message = await conversations.add_message(
        conversation_id,
        "assistant",
        "a",
        "hi",
        input_tokens=12,
        output_tokens=3,
        cost_usd=0.25,
        run_id="r1",
    )
    assert (message.role, message.author, message.content, message.run_id) == (
        "assistant",
        "a",
        "hi",
        "r1",
    )
    assert (message.input_tokens, message.output_tokens, message.cost_usd) == (12, 3, 0.25)


async def test_messages_are_stored_as_added(conversations: ConversationRepository) -> None:
    conversation_id = await conversations.create("agent", "a")
    added = await conversations.add_message(conversation_id, "user", "ana", "hello", cost_usd=0.5)
    [stored] = (await conversations.messages(conversation_id)).items
    assert stored == added


async def test_messages_come_in_the_order_they_were_added(
    conversations: ConversationRepository,
) -> None:
    conversation_id = await conversations.create("agent", "a")
    for text in ["one", "two", "three"]:
        await conversations.add_message(conversation_id, "user", "ana", text)
    page = await conversations.messages(conversation_id)
    assert [m.content for m in page.items] == ["one", "two", "three"]


async def test_messages_page_by_offset(conversations: ConversationRepository) -> None:
    conversation_id = await conversations.create("agent", "a")
    for n in range(5):
        await conversations.add_message(conversation_id, "user", "ana", str(n))
    page = await conversations.messages(conversation_id, limit=2, offset=2)
    assert ([m.content for m in page.items], page.total, page.has_more) == (["2", "3"], 5, True)


async def test_messages_page_after_a_message_id(conversations: ConversationRepository) -> None:
    conversation_id = await conversations.create("agent", "a")
    added = [
        await conversations.add_message(conversation_id, "user", "ana", str(n)) for n in range(4)
    ]
    page = await conversations.messages(conversation_id, after_id=added[1].id)
    assert ([m.content for m in page.items], page.total) == (["2", "3"], 2)


async def test_messages_of_one_conversation_leave_out_the_others(
    conversations: ConversationRepository,
) -> None:
    first = await conversations.create("agent", "a")
    second = await conversations.create("agent", "b")
    await conversations.add_message(first, "user", "ana", "for a")
    await conversations.add_message(second, "user", "ana", "for b")
    assert [m.content for m in (await conversations.messages(second)).items] == ["for b"]


async def test_adding_to_an_unknown_conversation_raises_not_found(
    conversations: ConversationRepository,
) -> None:
    with pytest.raises(NotFound, match="conversation 'nope' not found"):
        await conversations.add_message("nope", "user", "ana", "hello")


async def test_messages_of_an_unknown_conversation_raise_not_found(
    conversations: ConversationRepository,
) -> None:
    with pytest.raises(NotFound, match="conversation 'nope' not found"):
        await conversations.messages("nope")


async def test_a_conversation_id_with_a_nul_character_is_not_found(
    conversations: ConversationRepository,
) -> None:
    with pytest.raises(NotFound, match="not found"):
        await conversations.get("c\x00")
    with pytest.raises(NotFound, match="not found"):
        await conversations.messages("c\x00")
