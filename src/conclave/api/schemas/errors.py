"""The body every error answers with, as the OpenAPI schema describes it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

__all__ = ["ErrorBody", "ErrorDetail"]


class ErrorDetail(BaseModel):
    """What went wrong, and what to do about it.

    Attributes:
        code: the kind of error: ``not_found``, ``conflict``, ``invalid_request``,
            ``invalid_spec``, ``malformed_json``, ``bad_request``, ``http_<status>``, ...
        message: what went wrong, and how to fix it.
        details: the fields at fault (``fields``, for an invalid request), or the names
            the error is about.
    """

    code: str
    message: str
    details: dict[str, Any]


class ErrorBody(BaseModel):
    """``{"error": {"code", "message", "details"}}``."""

    error: ErrorDetail
