"""API keys, and the server's secret key that makes their stored form.

An API key reads ``ck_<key_id>_<secret>``: ``key_id`` is 12 public characters that name the
key in listings, ``secret`` is 52 characters holding 256 random bits. Both parts use only
lowercase base32 (``a-z``, ``2-7``), so the key splits on ``_`` one way only and selects
with one double-click.

Only :func:`api_key_digest` of a key is stored: an HMAC-SHA-256 keyed with the server's
secret key. Authenticating a request is then one indexed equality lookup on the digest, and a
leaked table is useless without the secret key.

Example::

    new = generate_api_key(secret)       # show new.plaintext once; store key_id and digest
    digest = api_key_digest(presented, secret)   # later: SELECT ... WHERE digest = :digest
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from conclave.config import Settings
from conclave.errors import ConfigError

__all__ = [
    "API_KEY_PREFIX",
    "NewApiKey",
    "api_key_digest",
    "generate_api_key",
    "looks_like_api_key",
    "parse_api_key",
    "resolve_secret_key",
]

API_KEY_PREFIX = "ck_"
_KEY_ID_LENGTH = 12
_SECRET_BYTES = 32
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
# 32 bytes are 52 base32 characters once the padding is dropped.
_API_KEY = re.compile(r"ck_([a-z2-7]{12})_([a-z2-7]{52})")

_MIN_SECRET_KEY_LENGTH = 32
_SECRET_KEY_FILE = "secret_key"
_MAKE_SECRET_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'
# Placeholders people copy from examples; compared with case and punctuation removed.
_PLACEHOLDERS = ("changeme", "changethis", "replaceme", "yoursecret", "insecure", "notsecret")
_MIN_DISTINCT_CHARACTERS = 8


@dataclass(frozen=True, slots=True)
class NewApiKey:
    """A freshly made API key.

    Attributes:
        plaintext: the whole key; show it to its owner once and never store it.
        key_id: the public part, to name and list the key.
        digest: what to store, and to look the key up by.
    """

    # Kept out of the repr so that logging the object does not log the key.
    plaintext: str = field(repr=False)
    key_id: str
    digest: str


def generate_api_key(secret: bytes) -> NewApiKey:
    """Make a new API key and its digest under the server's ``secret``."""
    key_id = "".join(secrets.choice(_BASE32) for _ in range(_KEY_ID_LENGTH))
    random_part = base64.b32encode(secrets.token_bytes(_SECRET_BYTES)).decode().rstrip("=")
    plaintext = f"{API_KEY_PREFIX}{key_id}_{random_part.lower()}"
    return NewApiKey(plaintext=plaintext, key_id=key_id, digest=api_key_digest(plaintext, secret))


def api_key_digest(key: str, secret: bytes) -> str:
    """The stored form of ``key``: HMAC-SHA-256 under ``secret``, as 64 hex characters."""
    return hmac.new(secret, key.encode(), hashlib.sha256).hexdigest()


def parse_api_key(text: str) -> str | None:
    """The key id of an API key, or ``None`` when ``text`` is not shaped like one."""
    match = _API_KEY.fullmatch(text)
    return match.group(1) if match else None


def looks_like_api_key(text: str) -> bool:
    """Whether ``text`` is shaped like an API key (and not, say, a JWT)."""
    return parse_api_key(text) is not None


def resolve_secret_key(settings: Settings) -> bytes:
    """The server's secret key, which signs tokens and keys API-key digests.

    ``CONCLAVE_SECRET_KEY`` when it is set. In production it must be set, at least 32
    characters long and not a placeholder. In development and test, when it is not set, one
    is made once and kept in ``<data_dir>/secret_key`` (mode 0600), so a restarted server
    accepts the tokens and API keys it issued before.

    Raises:
        ConfigError: in production, the key is missing, short or a placeholder; or the kept
            key file is empty.
    """
    configured = settings.secret_key.get_secret_value().strip() if settings.secret_key else ""
    if settings.env != "production":
        return configured.encode() if configured else _kept_secret_key(settings.data_dir)
    _check_secret_key(configured, env=settings.env)
    return configured.encode()


def _check_secret_key(value: str, *, env: str) -> None:
    if not value:
        problem = "CONCLAVE_SECRET_KEY is not set"
    elif len(value) < _MIN_SECRET_KEY_LENGTH:
        problem = f"CONCLAVE_SECRET_KEY is {len(value)} characters long, below 32"
    elif _is_placeholder(value):
        problem = "CONCLAVE_SECRET_KEY is a placeholder, not a secret"
    else:
        return
    raise ConfigError(
        f"{problem} (CONCLAVE_ENV={env}); set it to a fresh random value made with: "
        f"{_MAKE_SECRET_KEY}"
    )


def _is_placeholder(value: str) -> bool:
    letters = re.sub(r"[^a-z0-9]", "", value.lower())
    if len(set(value)) < _MIN_DISTINCT_CHARACTERS:
        return True
    return any(placeholder in letters for placeholder in _PLACEHOLDERS)


def _kept_secret_key(data_dir: Path) -> bytes:
    path = data_dir.expanduser() / _SECRET_KEY_FILE
    if not path.exists():
        _create_secret_key_file(path)
    value = path.read_text(encoding="utf-8").strip()
    if not value:
        raise ConfigError(f"{path} is empty; delete it and restart to make a new secret key")
    return value.encode()


def _create_secret_key_file(path: Path) -> None:
    """Write a new key to a private file, without replacing one another process just made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(secrets.token_urlsafe(48) + "\n")
        # A link is atomic and never overwrites: of two servers starting together, the
        # second finds the first one's key and uses it too.
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink(missing_ok=True)
