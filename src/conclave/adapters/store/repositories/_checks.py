"""Checks on values written by the identity repositories, made before the database sees them.

PostgreSQL refuses a NUL character in text and a string longer than its column, with an
error that names neither the field nor the fix; SQLite stores both. Checking first gives one
behaviour on every flavour, and a message that says what to change.
"""

from __future__ import annotations

from conclave.adapters.store.records import ROLE_NAMES
from conclave.errors import UserError


def check_text(value: str, *, what: str, limit: int, required: bool = True) -> None:
    """Refuse text that is empty (when ``required``), longer than ``limit`` or holds a NUL.

    Args:
        value: the text to write.
        what: how to name it in the message, such as ``"email"``.
        limit: the longest the column takes, in characters.
        required: whether an empty value is refused.
    """
    if required and not value:
        raise UserError(f"{what} must not be empty")
    if len(value) > limit:
        raise UserError(f"{what} is {len(value)} characters long; the limit is {limit}")
    if "\x00" in value:
        raise UserError(f"{what} must not contain a NUL character")


def check_role(role: str) -> None:
    """Refuse a role other than viewer, operator, admin or platform."""
    if role not in ROLE_NAMES:
        raise UserError(
            f"unknown role {role!r}; use viewer, operator, admin or platform", role=role
        )
