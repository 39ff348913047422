"""Roles, ordered from least to most trusted: viewer < operator < admin < platform.

``viewer`` reads a tenant's objects, ``operator`` also starts and steers runs, ``admin`` also
manages the tenant's members, keys and secrets, and ``platform`` administers the platform
itself, above every tenant.
"""

from __future__ import annotations

from enum import StrEnum

from conclave.errors import UnknownName

__all__ = ["Role"]


class Role(StrEnum):
    """A member's role; a role allows everything the roles below it allow.

    Roles compare by rank, not alphabetically: ``Role.ADMIN > Role.VIEWER`` is true.
    """

    VIEWER = "viewer"
    OPERATOR = "operator"
    ADMIN = "admin"
    PLATFORM = "platform"

    @property
    def rank(self) -> int:
        """The role's place in the order; higher is more trusted."""
        return _RANKS[self]

    def allows(self, needed: Role) -> bool:
        """Whether this role may do what ``needed`` may do."""
        return self.rank >= needed.rank

    @classmethod
    def parse(cls, text: str) -> Role:
        """The role named by ``text``, ignoring case and surrounding spaces.

        Raises:
            UnknownName: ``text`` names no role; the message suggests the closest one.
        """
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise UnknownName("role", text, [role.value for role in cls]) from None

    # A StrEnum would otherwise compare as strings, which puts "admin" below "viewer".
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Role):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Role):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Role):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Role):
            return NotImplemented
        return self.rank >= other.rank


_RANKS = {role: rank for rank, role in enumerate(Role)}
