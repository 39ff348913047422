"""One mapping from errors to HTTP responses, with one JSON body shape.

Every error answers ``{"error": {"code", "message", "details"}}``:

==========================================  ======  ==================
error                                       status  code
==========================================  ======  ==================
``NotFound``, ``UnknownName``               404     ``not_found``
``VersionConflict``                         409     ``conflict``
``SpecError``                               422     ``invalid_spec``
a body that is not JSON                     400     ``malformed_json``
``RequestValidationError``                  422     ``invalid_request``
``ConfigError``                             400     ``config_error``
any other ``UserError``                     400     ``bad_request``
``HTTPException`` (unknown route, ...)      its     ``http_<status>``
anything else                               500     ``internal_error``
==========================================  ======  ==================

A 500 never carries the exception's text or a stack trace; the exception is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from conclave.errors import (
    ConfigError,
    NotFound,
    SpecError,
    UnknownName,
    UserError,
    VersionConflict,
)

__all__ = ["error_response", "install_error_handlers"]

logger = logging.getLogger(__name__)

# Most specific first: the first class an error is an instance of decides.
_USER_ERRORS: tuple[tuple[type[UserError], int, str], ...] = (
    (NotFound, 404, "not_found"),
    (UnknownName, 404, "not_found"),
    (VersionConflict, 409, "conflict"),
    (SpecError, 422, "invalid_spec"),
    (ConfigError, 400, "config_error"),
    (UserError, 400, "bad_request"),
)
_JSON_INVALID = "json_invalid"


def error_response(
    status: int, code: str, message: str, details: Any = None, *, headers: Any = None
) -> JSONResponse:
    """The error body every failure answers with."""
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(UserError, _user_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)


async def _user_error(_request: Request, error: UserError) -> JSONResponse:
    status, code = next((s, c) for kind, s, c in _USER_ERRORS if isinstance(error, kind))
    return error_response(status, code, error.message, _jsonable(error.fields))


async def _invalid_request(_request: Request, error: RequestValidationError) -> JSONResponse:
    problems = error.errors()
    broken = next((p for p in problems if p.get("type") == _JSON_INVALID), None)
    if broken is not None:
        reason = broken.get("ctx", {}).get("error") or broken.get("msg", "")
        return error_response(400, "malformed_json", f"malformed JSON: {reason}")
    fields = [_field(problem) for problem in problems]
    return error_response(422, "invalid_request", _summary(fields), {"fields": fields})


def _field(problem: dict[str, Any]) -> dict[str, Any]:
    return {"loc": list(problem.get("loc", ())), "msg": problem.get("msg", "")}


def _summary(fields: Sequence[dict[str, Any]]) -> str:
    first = fields[0] if fields else {"loc": [], "msg": "invalid request"}
    where = ".".join(str(part) for part in first["loc"]) or "request"
    more = f" (and {len(fields) - 1} more)" if len(fields) > 1 else ""
    return f"invalid request: {where}: {first['msg']}{more}"


async def _http_error(_request: Request, error: HTTPException) -> JSONResponse:
    headers = getattr(error, "headers", None)
    return error_response(
        error.status_code, f"http_{error.status_code}", str(error.detail), headers=headers
    )


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    logger.exception("%s %s failed", request.method, request.url.path, exc_info=error)
    return error_response(500, "internal_error", "internal server error; see the server log")


def _jsonable(fields: dict[str, Any]) -> dict[str, Any]:
    """The error's fields, with anything JSON cannot hold turned into text."""
    simple = (str, int, float, bool, type(None))
    return {
        key: value if isinstance(value, simple) else str(value) for key, value in fields.items()
    }
