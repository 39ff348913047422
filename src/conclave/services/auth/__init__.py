"""Authentication primitives for multi-tenant access.

- ``roles``: :class:`Role`, viewer < operator < admin < platform.
- ``passwords``: Argon2id hashing and the password policy.
- ``keys``: API keys (``ck_<key_id>_<secret>``, stored as a keyed digest) and the server's
  secret key.
- ``tokens``: access and refresh JWTs (:class:`TokenCodec`).
- ``encryption``: secrets at rest with rotating Fernet keys (:class:`SecretBox`).
- ``vault``: HashiCorp Vault as the source of the secrets (the ``vault`` extra).

Wiring, at start::

    settings = settings_from_vault(settings)
    secret = resolve_secret_key(settings)
    codec = TokenCodec.from_settings(settings, secret)
    box = SecretBox.from_settings(settings, secret)
"""

from conclave.services.auth.encryption import SecretBox, derive_encryption_key
from conclave.services.auth.keys import (
    API_KEY_PREFIX,
    NewApiKey,
    api_key_digest,
    generate_api_key,
    looks_like_api_key,
    parse_api_key,
    resolve_secret_key,
)
from conclave.services.auth.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    check_password_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from conclave.services.auth.roles import Role
from conclave.services.auth.tokens import Claims, IssuedToken, TokenCodec, TokenKind
from conclave.services.auth.vault import VaultSecrets, settings_from_vault

__all__ = [
    "API_KEY_PREFIX",
    "MAX_PASSWORD_LENGTH",
    "MIN_PASSWORD_LENGTH",
    "Claims",
    "IssuedToken",
    "NewApiKey",
    "Role",
    "SecretBox",
    "TokenCodec",
    "TokenKind",
    "VaultSecrets",
    "api_key_digest",
    "check_password_policy",
    "derive_encryption_key",
    "generate_api_key",
    "hash_password",
    "looks_like_api_key",
    "needs_rehash",
    "parse_api_key",
    "resolve_secret_key",
    "settings_from_vault",
    "verify_password",
]
