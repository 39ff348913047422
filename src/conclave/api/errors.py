"""One mapping from errors to HTTP responses, with one JSON body shape.

Every error answers ``{"error": {"code", "message", "details"}}``:

==========================================  ======  ==========================
error                                       status  code
==========================================  ======  ==========================
``NotFound``, ``UnknownName``               404     ``not_found``
``VersionConflict``                         409     ``conflict``
``Unauthenticated``                         401     ``unauthenticated``
``PermissionDenied``                        403     ``forbidden``
``RateLimited``                             429     ``rate_limited``
``QuotaExceeded``                           403     ``quota_exceeded``
``TooLarge``                                413     ``too_large``
``PromptInjection``                         422     ``prompt_injection``
``SpecError``                               422     ``invalid_spec``
a body that is not JSON                     400     ``malformed_json``
a body sent as another media type           415     ``unsupported_media_type``
``RequestValidationError``                  422     ``invalid_request``
``ConfigError``                             400     ``config_error``
any other ``UserError``                     400     ``bad_request``
``HTTPException`` (unknown route, ...)      its     ``http_<status>``
anything else                               500     ``internal_error``
==========================================  ======  ==========================

A 500 never carries the exception's text or a stack trace; the exception is logged. The
OpenAPI schema says so too: every operation's 422 and its ``default`` response are this body.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from conclave.api.schemas.errors import ErrorBody
from conclave.errors import (
    ConfigError,
    NotFound,
    PermissionDenied,
    PromptInjection,
    QuotaExceeded,
    RateLimited,
    SpecError,
    TooLarge,
    Unauthenticated,
    UnknownName,
    UserError,
    VersionConflict,
)

__all__ = ["error_response", "install_error_handlers", "status_of"]

logger = logging.getLogger(__name__)

# Most specific first: the first class an error is an instance of decides.
_USER_ERRORS: tuple[tuple[type[UserError], int, str], ...] = (
    (NotFound, 404, "not_found"),
    (UnknownName, 404, "not_found"),
    (VersionConflict, 409, "conflict"),
    (Unauthenticated, 401, "unauthenticated"),
    (PermissionDenied, 403, "forbidden"),
    (RateLimited, 429, "rate_limited"),
    (QuotaExceeded, 403, "quota_exceeded"),
    (TooLarge, 413, "too_large"),
    (PromptInjection, 422, "prompt_injection"),
    (SpecError, 422, "invalid_spec"),
    (ConfigError, 400, "config_error"),
    (UserError, 400, "bad_request"),
)
_JSON_INVALID = "json_invalid"
_REF = "#/components/schemas/{model}"
_METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}
# FastAPI's own 422 body, which the handlers below replace.
_FASTAPI_SCHEMAS = ("HTTPValidationError", "ValidationError")


def error_response(
    status: int, code: str, message: str, details: Any = None, *, headers: Any = None
) -> JSONResponse:
    """The error body every failure answers with."""
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    return JSONResponse(body, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers on ``app``, and describe their body in its OpenAPI schema."""
    app.add_exception_handler(UserError, _user_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)
    _document_errors(app)


def _document_errors(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _with_error_body(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _with_error_body(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` (an OpenAPI document) with the error body on every operation.

    Each operation's 422 answers the error body rather than FastAPI's own, and a ``default``
    response covers the other errors (404, 409, 400, ...). An operation that documents its
    own ``default`` answers errors of its own shape, and is left as it is.
    """
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    body = ErrorBody.model_json_schema(ref_template=_REF)
    components.update(body.pop("$defs", {}))
    components[ErrorBody.__name__] = body
    for operation in _operations(schema):
        responses = operation.setdefault("responses", {})
        if "default" in responses:
            continue
        if "422" in responses:
            responses["422"] = _error_response("Invalid input; `details.fields` lists each fault")
        responses["default"] = _error_response("An error; `error.code` says which")
    for name in _FASTAPI_SCHEMAS:
        if _REF.format(model=name) not in json.dumps(schema):
            components.pop(name, None)
    return schema


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    paths = schema.get("paths", {}).values()
    return [op for item in paths for method, op in item.items() if method in _METHODS]


def _error_response(description: str) -> dict[str, Any]:
    ref = _REF.format(model=ErrorBody.__name__)
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


def status_of(error: UserError) -> tuple[int, str]:
    """The HTTP status and error code ``error`` answers with."""
    return next((s, c) for kind, s, c in _USER_ERRORS if isinstance(error, kind))


async def _user_error(request: Request, error: UserError) -> JSONResponse:
    status, code = status_of(error)
    headers = _headers(error)
    rate = getattr(request.state, "rate_headers", None)
    if rate and isinstance(error, RateLimited):
        headers = {**rate, **(headers or {})}
    return error_response(status, code, error.message, _jsonable(error.fields), headers=headers)


def _headers(error: UserError) -> dict[str, str] | None:
    if isinstance(error, Unauthenticated):
        return {"WWW-Authenticate": "Bearer"}
    if isinstance(error, RateLimited):
        return {"Retry-After": str(max(1, math.ceil(error.retry_after)))}
    return None


async def _invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
    problems = error.errors()
    broken = next((p for p in problems if p.get("type") == _JSON_INVALID), None)
    if broken is not None:
        reason = broken.get("ctx", {}).get("error") or broken.get("msg", "")
        return error_response(400, "malformed_json", f"malformed JSON: {reason}")
    media_type = _media_type(request)
    if media_type and not _is_json(media_type) and any(_at_body(p) for p in problems):
        message = f"send the body as JSON, with Content-Type: application/json, not {media_type}"
        return error_response(415, "unsupported_media_type", message)
    fields = [_field(problem) for problem in problems]
    return error_response(422, "invalid_request", _summary(fields), {"fields": fields})


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def _at_body(problem: dict[str, Any]) -> bool:
    """Whether the problem is the body as a whole, as when FastAPI did not read it as JSON."""
    return tuple(problem.get("loc", ())) == ("body",)


def _field(problem: dict[str, Any]) -> dict[str, Any]:
    return {"loc": list(problem.get("loc", ())), "msg": problem.get("msg", "")}


def _summary(fields: Sequence[dict[str, Any]]) -> str:
    first = fields[0] if fields else {"loc": [], "msg": "invalid request"}
    where = ".".join(str(part) for part in first["loc"]) or "request"
    more = f" (and {len(fields) - 1} more)" if len(fields) > 1 else ""
    return f"invalid request: {where}: {first['msg']}{more}"


async def _http_error(_request: Request, error: HTTPException) -> JSONResponse:
    unparsed = _unparsed_body(error)
    if unparsed is not None:
        return error_response(400, "malformed_json", f"malformed JSON: {unparsed}")
    headers = getattr(error, "headers", None)
    code = "too_large" if error.status_code == 413 else f"http_{error.status_code}"
    return error_response(error.status_code, code, str(error.detail), headers=headers)


def _unparsed_body(error: HTTPException) -> str | None:
    """Why FastAPI could not parse a JSON body, when that is what ``error`` reports.

    A body FastAPI fails to parse other than as bad JSON syntax becomes a bare 400 "There
    was an error parsing the body", with the reason as its cause.
    """
    cause = error.__cause__
    if error.status_code != 400:
        return None
    if isinstance(cause, RecursionError):
        return "nested too deeply; send a flatter body"
    if isinstance(cause, UnicodeDecodeError):
        return f"the body is not UTF-8 ({cause.reason}); encode it as UTF-8"
    return None


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    logger.exception("%s %s failed", request.method, request.url.path, exc_info=error)
    return error_response(500, "internal_error", "internal server error; see the server log")


_SIMPLE = (str, int, float, bool, type(None))


def _jsonable(fields: dict[str, Any]) -> dict[str, Any]:
    """The error's fields, with anything JSON cannot hold turned into text; a list of plain
    values (the guard's reasons, say) stays a list."""
    return {key: _json_value(value) for key, value in fields.items()}


def _json_value(value: Any) -> Any:
    if isinstance(value, _SIMPLE):
        return value
    if isinstance(value, list | tuple) and all(isinstance(item, _SIMPLE) for item in value):
        return list(value)
    return str(value)
