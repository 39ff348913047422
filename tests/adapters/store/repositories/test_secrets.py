from __future__ import annotations

import pytest

from conclave.adapters.store.repositories import SecretRepository
from conclave.errors import NotFound, UserError


async def test_put_then_get_returns_the_ciphertext(secrets: SecretRepository) -> None:
    stored = await secrets.put("openai", "gAAAA-ciphertext")
    assert (stored.tenant_id, stored.name, stored.ciphertext) == (
        "t1",
        "openai",
        "gAAAA-ciphertext",
    )
    assert await secrets.get("openai") == stored


async def test_put_again_replaces_the_value_and_keeps_the_creation_time(
    secrets: SecretRepository,
) -> None:
    first = await secrets.put("openai", "one")
    second = await secrets.put("openai", "two")
    assert (second.ciphertext, second.created_at) == ("two", first.created_at)
    assert second.updated_at >= first.updated_at
    assert (await secrets.get("openai")).ciphertext == "two"


async def test_list_gives_the_names_in_order(secrets: SecretRepository) -> None:
    await secrets.put("openai", "x")
    await secrets.put("anthropic", "y")
    assert await secrets.list() == ["anthropic", "openai"]


async def test_delete_forgets_a_secret_once(secrets: SecretRepository) -> None:
    await secrets.put("openai", "x")
    await secrets.delete("openai")
    with pytest.raises(NotFound, match="secret 'openai' not found"):
        await secrets.get("openai")
    with pytest.raises(NotFound):
        await secrets.delete("openai")


async def test_the_ciphertext_stays_out_of_the_repr(secrets: SecretRepository) -> None:
    assert "gAAAA" not in repr(await secrets.put("openai", "gAAAA-ciphertext"))


async def test_an_unusable_name_is_refused(secrets: SecretRepository) -> None:
    for name in ["", "open\x00ai", "x" * 65]:
        with pytest.raises(UserError, match="secret name"):
            await secrets.put(name, "x")
