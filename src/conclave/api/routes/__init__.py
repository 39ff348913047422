"""One router per resource; :data:`ROUTERS` lists those the application includes."""

from fastapi import APIRouter

from conclave.api.routes import (
    agents,
    approvals,
    completions,
    conversations,
    health,
    runs,
    status,
    teams,
    websocket,
)

ROUTERS: list[APIRouter] = [
    health.router,
    status.router,
    agents.router,
    teams.router,
    teams.task_router,
    conversations.router,
    runs.router,
    runs.tasks_router,
    approvals.router,
    websocket.router,
    completions.router,
]

__all__ = ["ROUTERS"]
