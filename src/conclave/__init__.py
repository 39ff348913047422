"""Conclave: a self-hostable platform for teams of AI agents.

Everything a library user needs is importable from here::

    from conclave import Agent, ScriptedModel, tool

    @tool
    def add(a: int, b: int) -> int:
        "Add two numbers."
        return a + b

    agent = Agent.define("calc", model=ScriptedModel([call("add", a=1, b=2), "3"]), tools=[add])
"""

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
from conclave.engine.models.pricing import Price, PriceTable
from conclave.engine.models.registry import ModelOptions, build_model, parse_model_string
from conclave.engine.models.scripted import Reply, ScriptedModel, call
from conclave.engine.recorder import Recorder
from conclave.engine.runlog import InMemoryRunLog, RunLog
from conclave.engine.runstate import RunState
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
    RunCancelled,
    RunError,
    ScriptExhausted,
    SpecError,
    ToolFailed,
    UnknownName,
    UserError,
)

__version__ = "0.1.0"

__all__ = [
    "Agent",
    "AgentBudget",
    "AgentFactory",
    "AgentSpec",
    "ApprovalDenied",
    "Blueprint",
    "BudgetExceeded",
    "ConclaveError",
    "ConfigError",
    "Event",
    "InMemoryRunLog",
    "Interrupt",
    "Message",
    "MessageCompleted",
    "MessageDelta",
    "MissingDependency",
    "ModelClient",
    "ModelError",
    "ModelOptions",
    "ModelRequest",
    "ModelResponse",
    "Price",
    "PriceTable",
    "Recorder",
    "Reply",
    "RunCancelled",
    "RunCompleted",
    "RunError",
    "RunFailed",
    "RunLog",
    "RunStarted",
    "RunState",
    "ScriptExhausted",
    "ScriptedModel",
    "SpecError",
    "StreamChunk",
    "StreamDone",
    "StreamReset",
    "StreamRestarted",
    "TextDelta",
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
    "__version__",
    "build_model",
    "call",
    "count_messages",
    "count_tokens",
    "dump_event",
    "event_to_dict",
    "load_agent_specs",
    "load_event",
    "parse_model_string",
    "tool",
]
