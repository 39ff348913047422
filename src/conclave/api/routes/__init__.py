"""One router per resource; :data:`ROUTERS` lists those the application includes."""

from fastapi import APIRouter

from conclave.api.routes import approvals, health, runs

ROUTERS: list[APIRouter] = [health.router, runs.router, runs.tasks_router, approvals.router]

__all__ = ["ROUTERS"]
