"""Fixtures for the authentication primitives: a clock, cheap hashing, RSA key pairs."""

from __future__ import annotations

import os

import pytest
from argon2 import PasswordHasher

from tests.services.auth.support import Clock, KeyPair, make_key_pair


@pytest.fixture(autouse=True)
def _no_conclave_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Settings read CONCLAVE_* variables; a developer's own must not change these tests.
    for name in list(os.environ):
        if name.startswith("CONCLAVE_"):
            monkeypatch.delenv(name)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="session")
def cheap_hasher() -> PasswordHasher:
    """Argon2id at its minimum cost, so hashing in tests takes microseconds."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(scope="session")
def key_pair(tmp_path_factory: pytest.TempPathFactory) -> KeyPair:
    return make_key_pair(tmp_path_factory.mktemp("rsa"))


@pytest.fixture(scope="session")
def other_key_pair(tmp_path_factory: pytest.TempPathFactory) -> KeyPair:
    return make_key_pair(tmp_path_factory.mktemp("rsa-other"))
