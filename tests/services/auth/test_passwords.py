from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from conclave.errors import UserError
from conclave.services.auth import (
    MAX_PASSWORD_LENGTH,
    hash_password,
    needs_rehash,
    verify_password,
)

PASSWORD = "correct horse battery staple"


def test_a_hash_verifies_its_password(cheap_hasher: PasswordHasher) -> None:
    stored = hash_password(PASSWORD, hasher=cheap_hasher)
    assert verify_password(stored, PASSWORD, hasher=cheap_hasher)


def test_a_wrong_password_does_not_verify(cheap_hasher: PasswordHasher) -> None:
    stored = hash_password(PASSWORD, hasher=cheap_hasher)
    assert not verify_password(stored, PASSWORD + "!", hasher=cheap_hasher)


def test_the_hash_is_salted_argon2id_and_does_not_hold_the_password(
    cheap_hasher: PasswordHasher,
) -> None:
    first = hash_password(PASSWORD, hasher=cheap_hasher)
    second = hash_password(PASSWORD, hasher=cheap_hasher)
    assert first.startswith("$argon2id$")
    assert first != second
    assert PASSWORD not in first


@pytest.mark.parametrize(
    "stored",
    ["", "not a hash", "$argon2id$v=19$m=8,t=1,p=1$garbage", "$2b$12$" + "a" * 53],
)
def test_a_malformed_stored_hash_verifies_nothing(
    stored: str, cheap_hasher: PasswordHasher
) -> None:
    assert verify_password(stored, PASSWORD, hasher=cheap_hasher) is False


def test_an_oversized_password_is_refused_without_hashing(cheap_hasher: PasswordHasher) -> None:
    huge = "x" * (MAX_PASSWORD_LENGTH + 1)
    stored = cheap_hasher.hash(huge)
    assert not verify_password(stored, huge, hasher=cheap_hasher)


def test_a_short_password_breaks_the_policy_with_the_fix_in_the_message() -> None:
    with pytest.raises(UserError, match="11 characters long; use at least 12"):
        hash_password("x" * 11)


def test_a_password_above_1024_characters_breaks_the_policy() -> None:
    with pytest.raises(UserError, match="use at most 1024 characters"):
        hash_password("x" * 1025)


@pytest.mark.parametrize("length", [12, 1024])
def test_passwords_at_the_policy_limits_are_accepted(
    length: int, cheap_hasher: PasswordHasher
) -> None:
    stored = hash_password("p" * length, hasher=cheap_hasher)
    assert verify_password(stored, "p" * length, hasher=cheap_hasher)


def test_the_default_hasher_uses_the_library_parameters() -> None:
    stored = hash_password(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(stored, PASSWORD)


def test_a_hash_made_with_other_parameters_needs_rehash(cheap_hasher: PasswordHasher) -> None:
    stored = hash_password(PASSWORD, hasher=cheap_hasher)
    assert needs_rehash(stored)
    assert not needs_rehash(stored, hasher=cheap_hasher)


def test_a_malformed_hash_needs_rehash() -> None:
    assert needs_rehash("not a hash")
