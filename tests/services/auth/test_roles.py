from __future__ import annotations

import json

import pytest

from conclave.errors import UnknownName
from conclave.services.auth import Role


def test_roles_sort_by_rank_not_alphabetically() -> None:
    assert sorted([Role.PLATFORM, Role.VIEWER, Role.ADMIN, Role.OPERATOR]) == [
        Role.VIEWER,
        Role.OPERATOR,
        Role.ADMIN,
        Role.PLATFORM,
    ]


def test_admin_compares_above_viewer() -> None:
    # As strings, "admin" < "viewer"; as roles, the other way round.
    assert Role.ADMIN > Role.VIEWER
    assert Role.VIEWER < Role.ADMIN
    assert Role.OPERATOR <= Role.OPERATOR


def test_a_role_allows_itself_and_every_role_below() -> None:
    assert Role.ADMIN.allows(Role.ADMIN)
    assert Role.ADMIN.allows(Role.OPERATOR)
    assert Role.ADMIN.allows(Role.VIEWER)


def test_a_role_does_not_allow_a_role_above() -> None:
    assert not Role.OPERATOR.allows(Role.ADMIN)
    assert not Role.VIEWER.allows(Role.OPERATOR)
    assert not Role.ADMIN.allows(Role.PLATFORM)


def test_platform_allows_every_role() -> None:
    assert all(Role.PLATFORM.allows(role) for role in Role)


def test_parse_ignores_case_and_surrounding_spaces() -> None:
    assert Role.parse(" Operator ") is Role.OPERATOR


def test_parse_of_an_unknown_role_suggests_the_closest() -> None:
    with pytest.raises(UnknownName, match="unknown role 'admn'; did you mean 'admin'"):
        Role.parse("admn")


def test_a_role_serialises_as_its_lowercase_name() -> None:
    assert json.dumps([Role.PLATFORM, Role.VIEWER]) == '["platform", "viewer"]'
    assert f"{Role.OPERATOR}" == "operator"
