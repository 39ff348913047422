"""A second tenant's repositories see nothing of the first's: missing, never forbidden."""

from __future__ import annotations

import pytest

from conclave.adapters.store.repositories import (
    ApprovalRepository,
    ConversationRepository,
    DocumentRepository,
    RunRepository,
)
from conclave.errors import NotFound

SPEC = {"name": "research"}


@pytest.fixture
async def agent(documents: DocumentRepository) -> str:
    await documents.create("agent", "research", SPEC)
    await documents.update("agent", "research", SPEC)
    return "research"


@pytest.fixture
async def conversation(conversations: ConversationRepository) -> str:
    conversation_id = await conversations.create("agent", "research")
    await conversations.add_message(conversation_id, "user", "ana", "secret plans")
    return conversation_id


@pytest.fixture
async def run(runs: RunRepository) -> str:
    await runs.create("r1", "agent", "research", "secret task")
    return "r1"


@pytest.fixture
async def approval(approvals: ApprovalRepository, run: str) -> str:
    await approvals.create("a1", run, "buy", "Buy?")
    return "a1"


async def test_another_tenant_cannot_get_a_document(
    other_documents: DocumentRepository, agent: str
) -> None:
    with pytest.raises(NotFound, match="agent 'research' not found"):
        await other_documents.get("agent", agent)


async def test_another_tenant_cannot_get_a_version_of_a_document(
    other_documents: DocumentRepository, agent: str
) -> None:
    with pytest.raises(NotFound, match="agent 'research' not found"):
        await other_documents.get("agent", agent, version=1)


async def test_another_tenant_lists_no_documents(
    other_documents: DocumentRepository, agent: str
) -> None:
    assert (await other_documents.list("agent")).total == 0


async def test_another_tenant_cannot_see_versions(
    other_documents: DocumentRepository, agent: str
) -> None:
    with pytest.raises(NotFound):
        await other_documents.versions("agent", agent)


async def test_another_tenant_cannot_update_a_document(
    other_documents: DocumentRepository, documents: DocumentRepository, agent: str
) -> None:
    with pytest.raises(NotFound):
        await other_documents.update("agent", agent, {"hijacked": True})
    assert (await documents.get("agent", agent)).spec == SPEC


async def test_another_tenant_cannot_roll_back_a_document(
    other_documents: DocumentRepository, documents: DocumentRepository, agent: str
) -> None:
    with pytest.raises(NotFound):
        await other_documents.rollback("agent", agent, 1)
    assert (await documents.head("agent", agent)).version == 2


async def test_another_tenant_cannot_delete_a_document(
    other_documents: DocumentRepository, documents: DocumentRepository, agent: str
) -> None:
    with pytest.raises(NotFound):
        await other_documents.delete("agent", agent)
    assert (await documents.head("agent", agent)).version == 2


async def test_another_tenant_cannot_set_a_status(
    other_documents: DocumentRepository, documents: DocumentRepository, agent: str
) -> None:
    with pytest.raises(NotFound):
        await other_documents.set_status("agent", agent, "started")
    assert (await documents.head("agent", agent)).status == "stopped"


async def test_tenants_version_the_same_name_independently(
    other_documents: DocumentRepository, agent: str
) -> None:
    head = await other_documents.create("agent", agent, {"mine": True})
    assert (head.version, head.tenant_id) == (1, "t2")


async def test_another_tenant_cannot_get_a_conversation(
    other_conversations: ConversationRepository, conversation: str
) -> None:
    with pytest.raises(NotFound):
        await other_conversations.get(conversation)


async def test_another_tenant_lists_no_conversations(
    other_conversations: ConversationRepository, conversation: str
) -> None:
    assert (await other_conversations.list()).items == []


async def test_another_tenant_cannot_read_messages(
    other_conversations: ConversationRepository, conversation: str
) -> None:
    with pytest.raises(NotFound):
        await other_conversations.messages(conversation)


async def test_another_tenant_cannot_add_a_message(
    other_conversations: ConversationRepository,
    conversations: ConversationRepository,
    conversation: str,
) -> None:
    with pytest.raises(NotFound):
        await other_conversations.add_message(conversation, "user", "eve", "injected")
    assert (await conversations.messages(conversation)).total == 1


async def test_another_tenant_cannot_get_a_run(other_runs: RunRepository, run: str) -> None:
    with pytest.raises(NotFound, match="run 'r1' not found"):
        await other_runs.get(run)


async def test_another_tenant_lists_no_runs(other_runs: RunRepository, run: str) -> None:
    assert (await other_runs.list()).total == 0


async def test_another_tenant_has_no_unfinished_runs(other_runs: RunRepository, run: str) -> None:
    assert await other_runs.unfinished() == []


async def test_another_tenant_cannot_change_a_run(
    other_runs: RunRepository, runs: RunRepository, run: str
) -> None:
    with pytest.raises(NotFound):
        await other_runs.set_status(run, "cancelled")
    assert (await runs.get(run)).status == "pending"


async def test_another_tenant_cannot_get_an_approval(
    other_approvals: ApprovalRepository, approval: str
) -> None:
    with pytest.raises(NotFound):
        await other_approvals.get(approval)


async def test_another_tenant_lists_no_approvals(
    other_approvals: ApprovalRepository, approval: str
) -> None:
    assert (await other_approvals.list(status=None)).total == 0


async def test_another_tenant_cannot_decide_an_approval(
    other_approvals: ApprovalRepository, approvals: ApprovalRepository, approval: str
) -> None:
    with pytest.raises(NotFound):
        await other_approvals.decide(approval, granted=True, by="eve")
    assert (await approvals.get(approval)).status == "pending"


async def test_another_tenant_cannot_ask_approval_for_a_run(
    other_approvals: ApprovalRepository, run: str
) -> None:
    with pytest.raises(NotFound, match="run 'r1' not found"):
        await other_approvals.create("a2", run, "buy", "Buy?")
