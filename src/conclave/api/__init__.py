"""The HTTP interface: REST routes, SSE streams and the error handlers, over the services."""

from conclave.api.app import create_app

__all__ = ["create_app"]
