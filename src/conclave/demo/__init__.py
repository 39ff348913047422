"""Demo agents and tools that ship with Conclave, so a new user has something to talk to."""

from __future__ import annotations

from pathlib import Path

from conclave.demo.tools import DEMO_TOOLS

AGENTS_DIR = Path(__file__).parent / "agents"

__all__ = ["AGENTS_DIR", "DEMO_TOOLS"]
