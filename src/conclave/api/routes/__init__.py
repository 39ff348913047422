"""One router per resource; :data:`ROUTERS` lists those the application includes."""

from fastapi import APIRouter

from conclave.api.routes import (
    agents,
    approvals,
    audit,
    auth,
    completions,
    conversations,
    costs,
    guard,
    health,
    keys,
    runs,
    status,
    teams,
    tenants,
    users,
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
    guard.router,
    websocket.router,
    completions.router,
    auth.router,
    keys.router,
    users.router,
    audit.router,
    costs.router,
    tenants.router,
    tenants.own_router,
]

__all__ = ["ROUTERS"]
