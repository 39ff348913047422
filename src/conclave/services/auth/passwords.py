"""Password hashing with Argon2id, and the password policy.

The library's default parameters (about 50 ms and 64 MiB a hash) are used unless a
``PasswordHasher`` is passed; cheaper parameters are for tests only.

Example::

    stored = hash_password("correct horse battery staple")
    if verify_password(stored, attempt) and needs_rehash(stored):
        stored = hash_password(attempt)
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from conclave.errors import UserError

__all__ = [
    "MAX_PASSWORD_LENGTH",
    "MIN_PASSWORD_LENGTH",
    "check_password_policy",
    "hash_password",
    "needs_rehash",
    "verify_password",
]

MIN_PASSWORD_LENGTH = 12
# Hashing cost grows with the input, so an upper bound keeps each login's work bounded.
MAX_PASSWORD_LENGTH = 1024

_DEFAULT_HASHER = PasswordHasher()


def check_password_policy(plain: str) -> None:
    """Check a new password against the policy.

    Raises:
        UserError: the password is shorter than 12 or longer than 1024 characters.
    """
    if len(plain) < MIN_PASSWORD_LENGTH:
        raise UserError(
            f"the password is {len(plain)} characters long; use at least "
            f"{MIN_PASSWORD_LENGTH} (a few unrelated words make a good one)"
        )
    if len(plain) > MAX_PASSWORD_LENGTH:
        raise UserError(f"the password is too long; use at most {MAX_PASSWORD_LENGTH} characters")


def hash_password(plain: str, *, hasher: PasswordHasher | None = None) -> str:
    """Check ``plain`` against the policy and hash it with Argon2id.

    Args:
        plain: the new password.
        hasher: Argon2 parameters; the library defaults when ``None``.

    Raises:
        UserError: the password breaks the policy.
    """
    check_password_policy(plain)
    return (hasher or _DEFAULT_HASHER).hash(plain)


def verify_password(stored_hash: str, plain: str, *, hasher: PasswordHasher | None = None) -> bool:
    """Whether ``plain`` matches ``stored_hash``.

    Returns ``False``, never raises, for a wrong password, an oversized one, and a stored
    hash that is not an Argon2 hash, so a login handler has one failure path.
    """
    if len(plain) > MAX_PASSWORD_LENGTH:
        return False
    try:
        return (hasher or _DEFAULT_HASHER).verify(stored_hash, plain)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str, *, hasher: PasswordHasher | None = None) -> bool:
    """Whether ``stored_hash`` was made with other parameters than the current ones.

    Call it after a successful login, and store a fresh hash of the password if it is true.
    A hash that cannot be read needs replacing too.
    """
    try:
        return (hasher or _DEFAULT_HASHER).check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
