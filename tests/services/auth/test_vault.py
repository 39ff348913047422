from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from conclave.config import Settings
from conclave.errors import ConfigError, MissingDependency
from conclave.services.auth import VaultSecrets, settings_from_vault
from tests.services.auth.support import make_settings
from tests.services.auth.vault_server import FakeVault, Request, running_vault

TOKEN = "s.test-token"
STORED = {
    "secret_key": "Jq3xV9nLw2Rb7Tz5Kd8Mh1Pc4Yg6Fs0Ea-Ut_Wo",
    "encryption_keys": "key-new, key-old",
    "database_url": "postgresql://conclave:pw@db/conclave",
    "openai_api_key": "sk-from-vault",
}


@pytest.fixture
def vault() -> Iterator[FakeVault]:
    with running_vault(FakeVault(token=TOKEN, secrets={("secret", "conclave"): STORED})) as fake:
        yield fake


def vault_settings(vault: FakeVault, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"vault_url": vault.url, "vault_token": TOKEN, **overrides}
    return make_settings(**values)


def test_read_returns_the_secret_data(vault: FakeVault) -> None:
    assert VaultSecrets(vault.url, TOKEN).read() == STORED


def test_read_sends_the_token_to_the_kv2_data_endpoint(vault: FakeVault) -> None:
    VaultSecrets(vault.url, TOKEN, "secret", "conclave").read()
    assert vault.requests == [Request(path="/v1/secret/data/conclave", token=TOKEN)]


def test_read_uses_the_given_mount_and_path(vault: FakeVault) -> None:
    vault.secrets[("kv", "teams/prod")] = {"secret_key": "other"}
    assert VaultSecrets(vault.url, TOKEN, mount="kv", path="teams/prod").read() == {
        "secret_key": "other"
    }


def test_the_settings_get_the_secrets_from_vault(vault: FakeVault) -> None:
    settings = settings_from_vault(vault_settings(vault))
    assert settings.secret_key is not None
    assert settings.secret_key.get_secret_value() == STORED["secret_key"]
    assert [key.get_secret_value() for key in settings.encryption_keys] == ["key-new", "key-old"]
    assert settings.database_url == STORED["database_url"]


def test_vault_values_replace_those_from_the_environment(vault: FakeVault) -> None:
    settings = settings_from_vault(vault_settings(vault, secret_key="from-the-environment"))
    assert settings.secret_key is not None
    assert settings.secret_key.get_secret_value() == STORED["secret_key"]


def test_settings_vault_does_not_hold_are_kept(vault: FakeVault) -> None:
    vault.secrets[("secret", "conclave")] = {"encryption_keys": ["k1", "k2"]}
    settings = settings_from_vault(vault_settings(vault, secret_key="kept", redis_url="redis://r"))
    assert settings.secret_key is not None
    assert settings.secret_key.get_secret_value() == "kept"
    assert settings.redis_url == "redis://r"
    assert [key.get_secret_value() for key in settings.encryption_keys] == ["k1", "k2"]


def test_settings_mount_and_path_choose_the_secret(vault: FakeVault) -> None:
    vault.secrets[("kv", "app")] = {"secret_key": "chosen"}
    settings = settings_from_vault(vault_settings(vault, vault_mount="kv", vault_path="app"))
    assert settings.secret_key is not None
    assert settings.secret_key.get_secret_value() == "chosen"


def test_without_a_vault_url_the_settings_are_unchanged(vault: FakeVault) -> None:
    settings = make_settings(secret_key="local")
    assert settings_from_vault(settings) is settings
    assert vault.requests == []


def test_a_wrong_token_is_a_config_error(vault: FakeVault) -> None:
    with pytest.raises(ConfigError, match="refused CONCLAVE_VAULT_TOKEN for secret/conclave"):
        settings_from_vault(vault_settings(vault, vault_token="s.wrong"))


def test_a_missing_secret_is_a_config_error_saying_how_to_write_it(vault: FakeVault) -> None:
    with pytest.raises(ConfigError, match="no secret at secret/absent; write one with: vault kv"):
        settings_from_vault(vault_settings(vault, vault_path="absent"))


def test_a_vault_url_without_a_token_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="CONCLAVE_VAULT_TOKEN is not"):
        settings_from_vault(make_settings(vault_url="http://127.0.0.1:8200"))


def test_an_unreachable_vault_is_a_config_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = make_settings(vault_url=f"http://127.0.0.1:{port}", vault_token=TOKEN)
    with pytest.raises(ConfigError, match="cannot read secret/conclave from Vault"):
        settings_from_vault(settings)


@pytest.mark.parametrize("value", ["", 42, ["a"]])
def test_a_secret_key_that_is_not_text_is_a_config_error(vault: FakeVault, value: object) -> None:
    vault.secrets[("secret", "conclave")] = {"secret_key": value}
    with pytest.raises(ConfigError, match="'secret_key' must be a non-empty string"):
        settings_from_vault(vault_settings(vault))


def test_empty_encryption_keys_are_a_config_error(vault: FakeVault) -> None:
    vault.secrets[("secret", "conclave")] = {"encryption_keys": " , "}
    with pytest.raises(ConfigError, match="'encryption_keys' is empty"):
        settings_from_vault(vault_settings(vault))


def test_without_hvac_vault_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hvac", None)
    settings = make_settings(vault_url="http://127.0.0.1:8200", vault_token=TOKEN)
    with pytest.raises(MissingDependency, match=r"CONCLAVE_VAULT_URL needs the 'hvac' package"):
        settings_from_vault(settings)
