"""Teams: how several agents work on one task."""

from conclave.engine.teams.base import Participant, Team
from conclave.engine.teams.round_robin import RoundRobinTeam
from conclave.engine.teams.termination import (
    AllOf,
    AnyOf,
    CostBudget,
    ExternalStop,
    HandoffToUser,
    MaxMessages,
    MaxTurns,
    TeamState,
    Termination,
    TextMention,
    Timeout,
    TokenBudget,
)

__all__ = [
    "AllOf",
    "AnyOf",
    "CostBudget",
    "ExternalStop",
    "HandoffToUser",
    "MaxMessages",
    "MaxTurns",
    "Participant",
    "RoundRobinTeam",
    "Team",
    "TeamState",
    "Termination",
    "TextMention",
    "Timeout",
    "TokenBudget",
]
