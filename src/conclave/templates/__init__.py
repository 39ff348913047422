"""Workflow templates that ship with Conclave: agents, teams, tools and their data.

Five teams of kind ``graph``: ``strategic-analysis``, ``product-launch``, ``market-entry``,
``software-delivery`` and ``trading-desk``. Their agent specs are in :data:`AGENTS_DIR`,
their team specs in :data:`TEAMS_DIR`, and the tools their specs name in
:data:`TEMPLATE_TOOLS`. The trading tools read :data:`DATA_DIR`, whose prices are synthetic.
"""

from __future__ import annotations

from pathlib import Path

from conclave.templates.tools import TEMPLATE_TOOLS

ROOT = Path(__file__).parent
AGENTS_DIR = ROOT / "agents"
TEAMS_DIR = ROOT / "teams"
DATA_DIR = ROOT / "data"
TEMPLATE_NAMES = (
    "strategic-analysis",
    "product-launch",
    "market-entry",
    "software-delivery",
    "trading-desk",
)

__all__ = ["AGENTS_DIR", "DATA_DIR", "TEAMS_DIR", "TEMPLATE_NAMES", "TEMPLATE_TOOLS"]
