"""Settings read from the environment: the approval policy."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from conclave.config import Settings
from conclave.engine.tools import tool


@tool(tags=["payments"])
def refund(order: str) -> str:
    """Refund an order."""
    return order


@tool()
def lookup(order: str) -> str:
    """Look an order up."""
    return order


def test_the_approval_policy_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCLAVE_APPROVAL_TAGS", "payments, trade")
    monkeypatch.setenv("CONCLAVE_APPROVAL_ROLES", "payments=admin,budget=platform")
    monkeypatch.setenv("CONCLAVE_APPROVAL_COST_ABOVE_USD", "0.25")
    monkeypatch.setenv("CONCLAVE_APPROVAL_OVER_BUDGET", "ask")
    monkeypatch.setenv("CONCLAVE_APPROVAL_ON_TIMEOUT", "escalate")
    monkeypatch.setenv("CONCLAVE_APPROVAL_TIMEOUT_SECONDS", "300")
    policy = Settings().approval_policy()
    assert policy.gates(refund) == "the tool is tagged payments"
    assert policy.gates(lookup) is None
    assert policy.role_for("tool", ("payments",)) == "admin"
    assert policy.role_for("budget") == "platform"
    assert (policy.cost_above_usd, policy.over_budget) == (0.25, "ask")
    assert (policy.timeout_seconds, policy.on_timeout) == (300.0, "escalate")


def test_by_default_sensitive_deployment_and_trade_tools_wait_for_an_operator() -> None:
    policy = Settings().approval_policy()
    assert policy.tags == frozenset({"sensitive", "deployment", "trade"})
    assert policy.role_for("tool", ("trade",)) == "operator"
    assert policy.cost_above_usd is None and policy.over_budget == "stop"


@pytest.mark.parametrize("roles", ["payments", "payments=boss", "=admin"])
def test_an_approval_role_pair_must_name_a_role(
    monkeypatch: pytest.MonkeyPatch, roles: str
) -> None:
    monkeypatch.setenv("CONCLAVE_APPROVAL_ROLES", roles)
    with pytest.raises(ValidationError, match="is not name=role"):
        Settings()
