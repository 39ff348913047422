"""HashiCorp Vault as the source of Conclave's secrets (the ``vault`` extra).

When ``CONCLAVE_VAULT_URL`` is set, :func:`settings_from_vault` reads the KV version 2
secret at ``CONCLAVE_VAULT_MOUNT``/``CONCLAVE_VAULT_PATH`` (``secret``/``conclave`` by
default) with ``CONCLAVE_VAULT_TOKEN`` and puts its values in the settings, over any set in
the environment, so every replica runs with the secrets Vault holds. Keys it reads:

- ``secret_key``: the server's secret key.
- ``encryption_keys``: Fernet keys, newest first, comma-separated or a list.
- ``database_url`` and ``redis_url``: connection URLs, which usually hold passwords.

Other keys, such as model-provider API keys, are left to callers of
:meth:`VaultSecrets.read`. Write them with, for example::

    vault kv put secret/conclave secret_key=... encryption_keys=key1,key2
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from pydantic import SecretStr

from conclave.config import Settings
from conclave.errors import ConfigError, MissingDependency

__all__ = ["VaultSecrets", "settings_from_vault"]

_TIMEOUT_SECONDS = 10


class VaultSecrets:
    """One KV version 2 secret in Vault.

    Args:
        url: Vault's address, such as ``https://vault.internal:8200``.
        token: a token whose policy may read the secret.
        mount: where the KV engine is mounted.
        path: the secret's path under the mount.
    """

    __slots__ = ("_token", "mount", "path", "url")

    def __init__(self, url: str, token: str, mount: str = "secret", path: str = "conclave") -> None:
        self.url = url
        self._token = token
        self.mount = mount
        self.path = path

    def __repr__(self) -> str:
        return f"VaultSecrets(url={self.url!r}, mount={self.mount!r}, path={self.path!r})"

    def read(self) -> dict[str, Any]:
        """The secret's latest version, as the mapping of its keys to values.

        Raises:
            MissingDependency: the ``vault`` extra is not installed.
            ConfigError: Vault cannot be reached, refuses the token, or has no such secret.
        """
        hvac = _import_hvac()
        client = hvac.Client(url=self.url, token=self._token, timeout=_TIMEOUT_SECONDS)
        where = f"{self.mount}/{self.path}"
        try:
            response = client.secrets.kv.v2.read_secret_version(
                path=self.path, mount_point=self.mount, raise_on_deleted_version=True
            )
        except hvac.exceptions.Forbidden:
            raise ConfigError(
                f"Vault at {self.url} refused CONCLAVE_VAULT_TOKEN for {where}; check the "
                "token and that its policy may read the secret"
            ) from None
        except hvac.exceptions.InvalidPath:
            raise ConfigError(
                f"Vault at {self.url} has no secret at {where}; write one with: "
                f"vault kv put {where} secret_key=..."
            ) from None
        except (hvac.exceptions.VaultError, OSError) as error:
            # requests' connection errors are OSErrors.
            raise ConfigError(f"cannot read {where} from Vault at {self.url}: {error}") from None
        return _secret_data(response, where)


def settings_from_vault(settings: Settings) -> Settings:
    """``settings`` with the secrets Vault holds, or unchanged when no Vault is configured.

    Raises:
        MissingDependency: ``CONCLAVE_VAULT_URL`` is set but the ``vault`` extra is not
            installed.
        ConfigError: ``CONCLAVE_VAULT_TOKEN`` is not set, or the secret cannot be read.
    """
    if not settings.vault_url:
        return settings
    if settings.vault_token is None:
        raise ConfigError("CONCLAVE_VAULT_URL is set but CONCLAVE_VAULT_TOKEN is not; set both")
    vault = VaultSecrets(
        settings.vault_url,
        settings.vault_token.get_secret_value(),
        mount=settings.vault_mount,
        path=settings.vault_path,
    )
    return settings.model_copy(update=_settings_update(vault.read()))


def _import_hvac() -> Any:
    # Imported here so that the package works without the extra until Vault is configured.
    try:
        return importlib.import_module("hvac")
    except ImportError:
        raise MissingDependency("hvac", extra="vault", purpose="CONCLAVE_VAULT_URL") from None


def _secret_data(response: object, where: str) -> dict[str, Any]:
    data = response.get("data") if isinstance(response, Mapping) else None
    values = data.get("data") if isinstance(data, Mapping) else None
    if not isinstance(values, Mapping):
        raise ConfigError(f"{where} in Vault is not a KV version 2 secret; check the mount")
    return dict(values)


def _settings_update(values: Mapping[str, Any]) -> dict[str, Any]:
    """The settings fields the Vault secret sets, in the types the fields hold.

    ``model_copy`` does not validate, so each value is converted here.
    """
    update: dict[str, Any] = {}
    if "secret_key" in values:
        update["secret_key"] = SecretStr(_text(values, "secret_key"))
    if "encryption_keys" in values:
        update["encryption_keys"] = tuple(SecretStr(key) for key in _keys(values))
    for name in ("database_url", "redis_url"):
        if name in values:
            update[name] = _text(values, name)
    return update


def _text(values: Mapping[str, Any], name: str) -> str:
    value = values[name]
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"Vault key {name!r} must be a non-empty string")
    return value.strip()


def _keys(values: Mapping[str, Any]) -> list[str]:
    raw = values["encryption_keys"]
    parts = raw.split(",") if isinstance(raw, str) else raw
    if not isinstance(parts, list) or not all(isinstance(part, str) for part in parts):
        raise ConfigError("Vault key 'encryption_keys' must be a comma-separated string or a list")
    keys = [part.strip() for part in parts if part.strip()]
    if not keys:
        raise ConfigError("Vault key 'encryption_keys' is empty; put at least one Fernet key in it")
    return keys
