"""Secrets at rest, such as a tenant's model-provider API keys, encrypted with Fernet.

The keys come from ``CONCLAVE_ENCRYPTION_KEYS``, newest first: the newest encrypts, every
one decrypts, so a key is rotated by putting a new one in front and calling
:meth:`SecretBox.rotate` on the stored values. With no keys configured, one key is derived
from the server's secret key.

Example::

    box = SecretBox.from_settings(settings, resolve_secret_key(settings))
    stored = box.encrypt("sk-...")
    plain = box.decrypt(stored)
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from conclave.config import Settings
from conclave.errors import ConfigError
from conclave.services.auth._kdf import derive_key

__all__ = ["SecretBox", "derive_encryption_key"]

# Changing the label changes the derived key, and every secret written with it is lost.
_LABEL = "conclave/secrets-at-rest/v1"
_MAKE_KEY = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)
_KEY_CHANGED = (
    "cannot decrypt a stored secret: CONCLAVE_ENCRYPTION_KEYS no longer holds the key it was "
    "written with; add the old key after the new one"
)
_SECRET_KEY_CHANGED = (
    "cannot decrypt a stored secret: it was written under another CONCLAVE_SECRET_KEY; "
    "restore the old secret key, or put the key derived from it "
    "(derive_encryption_key) in CONCLAVE_ENCRYPTION_KEYS after a new key"
)


def derive_encryption_key(secret: bytes) -> str:
    """The Fernet key used when ``CONCLAVE_ENCRYPTION_KEYS`` is empty, derived from ``secret``.

    Put it in ``CONCLAVE_ENCRYPTION_KEYS`` after a new key to move off the derived key
    without losing what it encrypted.
    """
    return base64.urlsafe_b64encode(derive_key(secret, label=_LABEL)).decode()


class SecretBox:
    """Encrypts and decrypts secrets at rest with a newest-first list of Fernet keys.

    Args:
        keys: URL-safe base64 Fernet keys, newest first.
        derived: whether the key was derived from the secret key, which changes the advice
            given when a secret cannot be decrypted.

    Raises:
        ConfigError: no keys, or a key that is not a Fernet key.
    """

    __slots__ = ("_derived", "_fernet")

    def __init__(self, keys: Sequence[str], *, derived: bool = False) -> None:
        if not keys:
            raise ConfigError(f"SecretBox needs at least one key; make one with: {_MAKE_KEY}")
        self._fernet = MultiFernet([_fernet(key, position) for position, key in enumerate(keys)])
        self._derived = derived

    @classmethod
    def from_settings(cls, settings: Settings, secret: bytes) -> SecretBox:
        """The box for ``CONCLAVE_ENCRYPTION_KEYS``, or for a key derived from ``secret``.

        Raises:
            ConfigError: a configured key is not a Fernet key.
        """
        if settings.encryption_keys:
            return cls([key.get_secret_value() for key in settings.encryption_keys])
        return cls([derive_encryption_key(secret)], derived=True)

    def __repr__(self) -> str:
        return f"SecretBox(derived={self._derived})"

    def encrypt(self, plain: str) -> str:
        """Encrypt ``plain`` with the newest key; the result is ASCII, safe to store as text."""
        return self._fernet.encrypt(plain.encode()).decode("ascii")

    def decrypt(self, token: str) -> str:
        """Decrypt a value made by :meth:`encrypt` with any of the keys.

        Raises:
            ConfigError: none of the keys can decrypt it.
        """
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise ConfigError(_SECRET_KEY_CHANGED if self._derived else _KEY_CHANGED) from None

    def rotate(self, token: str) -> str:
        """Encrypt a stored value again with the newest key, keeping what it holds.

        Raises:
            ConfigError: none of the keys can decrypt it.
        """
        try:
            return self._fernet.rotate(token.encode()).decode("ascii")
        except InvalidToken:
            raise ConfigError(_SECRET_KEY_CHANGED if self._derived else _KEY_CHANGED) from None


def _fernet(key: str, position: int) -> Fernet:
    try:
        return Fernet(key.strip())
    except (ValueError, binascii.Error):
        # The key is not echoed: a malformed key may still be most of a real one.
        raise ConfigError(
            f"CONCLAVE_ENCRYPTION_KEYS entry {position + 1} is not a Fernet key (32 bytes in "
            f"URL-safe base64); make one with: {_MAKE_KEY}"
        ) from None
