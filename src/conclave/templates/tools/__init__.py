"""The templates' tools: software delivery, trading (on synthetic prices) and business
analysis. Each does its work locally, without a network or a model."""

from __future__ import annotations

from conclave.engine.tools import Tool
from conclave.templates.tools.business import (
    break_even,
    irr,
    market_size,
    npv,
    plan_timeline,
    risk_matrix,
    unit_economics,
)
from conclave.templates.tools.software import (
    check_deployment,
    deploy_artifact,
    extract_code,
    lint_python,
    run_tests,
)
from conclave.templates.tools.trading import (
    moving_average_signal,
    news_sentiment,
    paper_trade,
    price_history,
    risk_check,
)

SOFTWARE_TOOLS: tuple[Tool, ...] = (
    run_tests,
    lint_python,
    extract_code,
    deploy_artifact,
    check_deployment,
)
TRADING_TOOLS: tuple[Tool, ...] = (
    price_history,
    moving_average_signal,
    news_sentiment,
    risk_check,
    paper_trade,
)
BUSINESS_TOOLS: tuple[Tool, ...] = (
    market_size,
    npv,
    irr,
    break_even,
    unit_economics,
    risk_matrix,
    plan_timeline,
)
TEMPLATE_TOOLS: tuple[Tool, ...] = (*SOFTWARE_TOOLS, *TRADING_TOOLS, *BUSINESS_TOOLS)

__all__ = ["BUSINESS_TOOLS", "SOFTWARE_TOOLS", "TEMPLATE_TOOLS", "TRADING_TOOLS"]
