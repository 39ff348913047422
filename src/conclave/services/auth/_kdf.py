"""One derivation for every key made from the server's secret key."""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

__all__ = ["derive_key"]


def derive_key(secret: bytes, *, label: str, length: int = 32) -> bytes:
    """A key for one purpose, derived from ``secret`` with HKDF-SHA256.

    Each purpose has its own ``label``, so a key for one purpose reveals nothing about
    another, and every derived key has full length however long the secret is.
    """
    hkdf = HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=label.encode())
    return hkdf.derive(secret)
