"""Teams: how several agents work on one task."""

from conclave.engine.teams.base import Participant, Team
from conclave.engine.teams.coordinator import CoordinatorTeam
from conclave.engine.teams.graph import GraphSpec, GraphWorkflow
from conclave.engine.teams.performance import PerformanceStore
from conclave.engine.teams.round_robin import RoundRobinTeam
from conclave.engine.teams.selector import SelectorTeam, SelectorWeights
from conclave.engine.teams.swarm import SwarmTeam
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
    "CoordinatorTeam",
    "CostBudget",
    "ExternalStop",
    "GraphSpec",
    "GraphWorkflow",
    "HandoffToUser",
    "MaxMessages",
    "MaxTurns",
    "Participant",
    "PerformanceStore",
    "RoundRobinTeam",
    "SelectorTeam",
    "SelectorWeights",
    "SwarmTeam",
    "Team",
    "TeamState",
    "Termination",
    "TextMention",
    "Timeout",
    "TokenBudget",
]
