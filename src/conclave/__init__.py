"""Conclave: a self-hostable platform for teams of AI agents.

Everything a library user needs is importable from here::

    from conclave import Agent, ScriptedModel, tool

    @tool
    def add(a: int, b: int) -> int:
        "Add two numbers."
        return a + b

    agent = Agent.define("calc", model=ScriptedModel([call("add", a=1, b=2), "3"]), tools=[add])
"""

import importlib
from typing import TYPE_CHECKING, Any

from conclave.engine.agents import Agent, Blueprint
from conclave.engine.events import (
    Event,
    MessageCompleted,
    MessageDelta,
    RunCompleted,
    RunFailed,
    RunStarted,
    StreamRestarted,
    ToolCallCompleted,
    ToolCallRequested,
    UsageRecorded,
    dump_event,
    event_to_dict,
    load_event,
)
from conclave.engine.factory import AgentFactory
from conclave.engine.messages import Message, ToolCall, Usage
from conclave.engine.models.base import (
    ModelClient,
    ModelRequest,
    ModelResponse,
    StreamChunk,
    StreamDone,
    StreamReset,
    TextDelta,
    ToolCallDelta,
    ToolDefinition,
)
from conclave.engine.models.registry import ModelOptions, build_model, parse_model_string
from conclave.engine.models.scripted import Reply, ScriptedModel, call
from conclave.engine.recorder import Recorder
from conclave.engine.runlog import InMemoryRunLog, RunLog
from conclave.engine.specs import AgentBudget, AgentSpec, load_agent_specs
from conclave.engine.tokens import count_messages, count_tokens
from conclave.engine.tools import Tool, ToolResult, tool
from conclave.errors import (
    ApprovalDenied,
    BudgetExceeded,
    ConclaveError,
    ConfigError,
    Interrupt,
    MissingDependency,
    ModelError,
    PromptInjection,
    RunCancelled,
    RunError,
    ScriptExhausted,
    SpecError,
    ToolFailed,
    UnknownName,
    UserError,
)

if TYPE_CHECKING:
    from conclave.engine.approvals import (
        ApprovalDecision,
        ApprovalRequest,
        Approver,
        DenyingApprover,
        ScriptedApprover,
    )
    from conclave.engine.budget import Budget, Charge, MemoryBudget, SpendLimits
    from conclave.engine.context import ContextStore, InMemoryContextStore
    from conclave.engine.guard import (
        CombinedGuard,
        Guard,
        RuleGuard,
        Screening,
        Verdict,
        default_guard,
    )
    from conclave.engine.models.pricing import Price, PriceTable
    from conclave.engine.oversight import ApprovalPolicy, Oversight
    from conclave.engine.runstate import RunState
    from conclave.engine.team_specs import TeamFactory, TeamSpec, load_specs
    from conclave.engine.teams import (
        CoordinatorTeam,
        CostBudget,
        ExternalStop,
        GraphSpec,
        GraphWorkflow,
        HandoffToUser,
        MaxMessages,
        MaxTurns,
        Participant,
        RoundRobinTeam,
        SelectorTeam,
        SelectorWeights,
        SwarmTeam,
        Team,
        Termination,
        TextMention,
        Timeout,
        TokenBudget,
    )

__version__ = "0.1.0"

__all__ = [
    "Agent",
    "AgentBudget",
    "AgentFactory",
    "AgentSpec",
    "ApprovalDecision",
    "ApprovalDenied",
    "ApprovalPolicy",
    "ApprovalRequest",
    "Approver",
    "Blueprint",
    "Budget",
    "BudgetExceeded",
    "Charge",
    "CombinedGuard",
    "ConclaveError",
    "ConfigError",
    "ContextStore",
    "CoordinatorTeam",
    "CostBudget",
    "DenyingApprover",
    "Event",
    "ExternalStop",
    "GraphSpec",
    "GraphWorkflow",
    "Guard",
    "HandoffToUser",
    "InMemoryContextStore",
    "InMemoryRunLog",
    "Interrupt",
    "MaxMessages",
    "MaxTurns",
    "MemoryBudget",
    "Message",
    "MessageCompleted",
    "MessageDelta",
    "MissingDependency",
    "ModelClient",
    "ModelError",
    "ModelOptions",
    "ModelRequest",
    "ModelResponse",
    "Oversight",
    "Participant",
    "Price",
    "PriceTable",
    "PromptInjection",
    "Recorder",
    "Reply",
    "RoundRobinTeam",
    "RuleGuard",
    "RunCancelled",
    "RunCompleted",
    "RunError",
    "RunFailed",
    "RunLog",
    "RunStarted",
    "RunState",
    "Screening",
    "ScriptExhausted",
    "ScriptedApprover",
    "ScriptedModel",
    "SelectorTeam",
    "SelectorWeights",
    "SpecError",
    "SpendLimits",
    "StreamChunk",
    "StreamDone",
    "StreamReset",
    "StreamRestarted",
    "SwarmTeam",
    "Team",
    "TeamFactory",
    "TeamSpec",
    "Termination",
    "TextDelta",
    "TextMention",
    "Timeout",
    "TokenBudget",
    "Tool",
    "ToolCall",
    "ToolCallCompleted",
    "ToolCallDelta",
    "ToolCallRequested",
    "ToolDefinition",
    "ToolFailed",
    "ToolResult",
    "UnknownName",
    "Usage",
    "UsageRecorded",
    "UserError",
    "Verdict",
    "__version__",
    "build_model",
    "call",
    "count_messages",
    "count_tokens",
    "default_guard",
    "dump_event",
    "event_to_dict",
    "load_agent_specs",
    "load_event",
    "load_specs",
    "parse_model_string",
    "tool",
]

# Teams, team specs, approvals, the shared context, prices and run-state folding load on
# first use, like provider SDKs: importing Conclave should not pay for what a program may
# never touch.
_LAZY = {
    **dict.fromkeys(
        (
            "CoordinatorTeam",
            "CostBudget",
            "ExternalStop",
            "GraphSpec",
            "GraphWorkflow",
            "HandoffToUser",
            "MaxMessages",
            "MaxTurns",
            "Participant",
            "RoundRobinTeam",
            "SelectorTeam",
            "SelectorWeights",
            "SwarmTeam",
            "Team",
            "Termination",
            "TextMention",
            "Timeout",
            "TokenBudget",
        ),
        "conclave.engine.teams",
    ),
    **dict.fromkeys(("TeamFactory", "TeamSpec", "load_specs"), "conclave.engine.team_specs"),
    **dict.fromkeys(
        (
            "ApprovalDecision",
            "ApprovalRequest",
            "Approver",
            "DenyingApprover",
            "ScriptedApprover",
        ),
        "conclave.engine.approvals",
    ),
    **dict.fromkeys(("ContextStore", "InMemoryContextStore"), "conclave.engine.context"),
    **dict.fromkeys(("Budget", "Charge", "MemoryBudget", "SpendLimits"), "conclave.engine.budget"),
    **dict.fromkeys(
        ("CombinedGuard", "Guard", "RuleGuard", "Screening", "Verdict", "default_guard"),
        "conclave.engine.guard",
    ),
    **dict.fromkeys(("ApprovalPolicy", "Oversight"), "conclave.engine.oversight"),
    **dict.fromkeys(("Price", "PriceTable"), "conclave.engine.models.pricing"),
    "RunState": "conclave.engine.runstate",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'conclave' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
