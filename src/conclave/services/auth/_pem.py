"""Reading the RSA key pair that RS256 tokens are signed and verified with."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey
from cryptography.hazmat.primitives.serialization import (
    load_pem_private_key,
    load_pem_public_key,
)

from conclave.errors import ConfigError

__all__ = ["SigningKeys", "load_rsa_keys"]

_MIN_RSA_BITS = 2048
_MAKE_KEYS = (
    "make a pair with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 "
    "-out jwt.key && openssl pkey -in jwt.key -pubout -out jwt.pub"
)


@dataclass(frozen=True, slots=True)
class SigningKeys:
    """The key tokens are signed with, and the key they are verified with."""

    # Kept out of the repr so that logging the object does not log a private key.
    signing: Any = field(repr=False)
    verifying: Any = field(repr=False)


def load_rsa_keys(private_file: Path | None, public_file: Path | None) -> SigningKeys:
    """Read and check the PEM key pair named by the settings.

    Raises:
        ConfigError: a file is not set, cannot be read, is not an unencrypted PEM RSA key of
            at least 2048 bits, or the two keys are not a pair.
    """
    private_key = _private_key(private_file)
    public_key = _public_key(public_file)
    if private_key.public_key().public_numbers() != public_key.public_numbers():
        raise ConfigError(
            "CONCLAVE_JWT_PUBLIC_KEY_FILE does not hold the public half of "
            "CONCLAVE_JWT_PRIVATE_KEY_FILE; export it with: openssl pkey -in jwt.key -pubout"
        )
    return SigningKeys(signing=private_key, verifying=public_key)


def _private_key(path: Path | None) -> RSAPrivateKey:
    variable = "CONCLAVE_JWT_PRIVATE_KEY_FILE"
    data = _read(path, variable)
    try:
        key = load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        # TypeError: a key protected by a passphrase, which a server cannot type in.
        raise ConfigError(
            f"{variable}={path} is not an unencrypted PEM private key; {_MAKE_KEYS}"
        ) from None
    if not isinstance(key, RSAPrivateKey) or key.key_size < _MIN_RSA_BITS:
        raise ConfigError(f"{variable}={path} is not an RSA key of 2048 bits or more; {_MAKE_KEYS}")
    return key


def _public_key(path: Path | None) -> RSAPublicKey:
    variable = "CONCLAVE_JWT_PUBLIC_KEY_FILE"
    data = _read(path, variable)
    try:
        key = load_pem_public_key(data)
    except (ValueError, TypeError):
        raise ConfigError(f"{variable}={path} is not a PEM public key; {_MAKE_KEYS}") from None
    if not isinstance(key, RSAPublicKey) or key.key_size < _MIN_RSA_BITS:
        raise ConfigError(f"{variable}={path} is not an RSA key of 2048 bits or more; {_MAKE_KEYS}")
    return key


def _read(path: Path | None, variable: str) -> bytes:
    if path is None:
        raise ConfigError(f"CONCLAVE_JWT_ALGORITHM=RS256 needs {variable}; {_MAKE_KEYS}")
    try:
        return path.expanduser().read_bytes()
    except OSError as error:
        raise ConfigError(f"cannot read {variable}={path}: {error.strerror}") from None
