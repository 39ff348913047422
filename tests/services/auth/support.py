"""Values and helpers the authentication tests share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from conclave.config import Settings

SECRET = b"9k2Qw7x1Zr4Tn8Lp0Vb6Yc3Hs5Jd2Mf7Gq1Wa4Ue8Ri"
START = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


def make_settings(**overrides: Any) -> Settings:
    """Settings from the given values only, never from a .env file."""
    return Settings(_env_file=None, **overrides)


class Clock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime = START) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


@dataclass(frozen=True)
class KeyPair:
    """An RSA key pair, in memory and as PEM files."""

    private_key: rsa.RSAPrivateKey
    private_file: Path
    public_file: Path

    @property
    def public_pem(self) -> bytes:
        return self.public_file.read_bytes()


def make_key_pair(folder: Path) -> KeyPair:
    """A fresh 2048-bit RSA key pair, written to ``jwt.key`` and ``jwt.pub`` in ``folder``."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_file, public_file = folder / "jwt.key", folder / "jwt.pub"
    private_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public_file.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return KeyPair(private_key=key, private_file=private_file, public_file=public_file)
