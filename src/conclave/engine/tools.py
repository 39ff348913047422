"""Tools: typed Python callables that agents can call.

``@tool`` turns a function (sync or async) into a :class:`Tool`: its JSON schema and argument
validation come from the type hints through pydantic, its description from the docstring.
A tool that raises, times out or gets bad arguments does not crash the run: :meth:`Tool.run`
returns an error result that the model reads and can recover from.

Sync tools run in a worker thread, so a slow one neither blocks the event loop nor escapes
its timeout.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any, overload

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from conclave.engine._deadline import within
from conclave.engine.models.base import ToolDefinition
from conclave.engine.specs import explain
from conclave.errors import SpecError, ToolFailed, UnknownName

DEFAULT_TIMEOUT = 60.0


@dataclass(frozen=True, kw_only=True, slots=True)
class ToolResult:
    """What a tool call gave back: text for the model, and whether it is an error."""

    content: str
    is_error: bool = False
    duration_ms: float = 0.0


class Tool:
    """A callable an agent can use, with its schema, timeout and safety flags.

    Attributes:
        name: what the model calls it.
        description: what it does, for the model.
        timeout: seconds one call may take.
        idempotent: running it twice has the same effect as once (safe to retry on resume).
        requires_approval: a human must approve each call before it runs.
        tags: free labels, such as ``sensitive``, that policies can match.
    """

    __slots__ = (
        "_arguments",
        "_definition",
        "_is_async",
        "description",
        "fn",
        "idempotent",
        "name",
        "requires_approval",
        "tags",
        "timeout",
    )

    def __init__(
        self,
        fn: Callable[..., Any],
        *,
        name: str | None = None,
        description: str | None = None,
        timeout: float | None = DEFAULT_TIMEOUT,
        idempotent: bool = False,
        requires_approval: bool = False,
        tags: Iterable[str] = (),
    ) -> None:
        self.fn = fn
        self.name = name or fn.__name__
        self.description = description or _first_paragraph(inspect.getdoc(fn) or self.name)
        self.timeout = timeout
        self.idempotent = idempotent
        self.requires_approval = requires_approval
        self.tags = frozenset(tags)
        self._is_async = inspect.iscoroutinefunction(fn)
        # The schema and validator are built on first use: modules define many tools at
        # import, and building each costs about a millisecond.
        self._arguments: type[BaseModel] | None = None
        self._definition: ToolDefinition | None = None

    def __repr__(self) -> str:
        return f"Tool({self.name!r})"

    @property
    def arguments_model(self) -> type[BaseModel]:
        """The pydantic model of the arguments, from the function's type hints."""
        if self._arguments is None:
            self._arguments = _arguments_model(self.fn, self.name)
        return self._arguments

    @property
    def definition(self) -> ToolDefinition:
        """The tool as a model sees it: name, description and JSON schema."""
        if self._definition is None:
            self._definition = ToolDefinition(
                name=self.name,
                description=self.description,
                parameters=_schema(self.arguments_model),
            )
        return self._definition

    async def __call__(self, **arguments: Any) -> Any:
        """Call the tool directly with validated arguments; errors propagate."""
        return await self._invoke(self.validate(arguments))

    def validate(self, arguments: dict[str, Any]) -> dict[str, Any]:
        """Check arguments against the type hints; raises ToolFailed saying what is wrong."""
        try:
            parsed = self.arguments_model.model_validate(arguments)
        except ValidationError as error:
            raise ToolFailed(
                f"bad arguments for tool {self.name!r}: {explain(error, whole='arguments')}",
                tool=self.name,
            ) from None
        # A validated model keeps exactly its fields in __dict__ (extra fields are refused).
        return dict(parsed.__dict__)

    async def run(self, arguments: dict[str, Any]) -> ToolResult:
        """Validate, call with the timeout, and turn any failure into an error result."""
        started = time.perf_counter()
        try:
            value = await self._invoke(self.validate(arguments))
            content, is_error = render_result(value), False
        except ToolFailed as error:
            content, is_error = f"error: {error}", True
        except TimeoutError:
            content = f"error: tool {self.name!r} timed out after {self.timeout:g}s"
            is_error = True
        except Exception as error:  # a tool's bug must not end the run
            content, is_error = f"error: tool {self.name!r} failed: {_describe(error)}", True
        return ToolResult(
            content=content,
            is_error=is_error,
            duration_ms=(time.perf_counter() - started) * 1000,
        )

    async def _invoke(self, arguments: dict[str, Any]) -> Any:
        call: Awaitable[Any]
        if self._is_async:
            call = self.fn(**arguments)
        else:
            call = asyncio.to_thread(self.fn, **arguments)
        if self.timeout is None:
            return await call
        return await within(call, self.timeout)


@overload
def tool(fn: Callable[..., Any], /) -> Tool: ...


@overload
def tool(
    *,
    name: str | None = None,
    description: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    idempotent: bool = False,
    requires_approval: bool = False,
    tags: Iterable[str] = (),
) -> Callable[[Callable[..., Any]], Tool]: ...


def tool(
    fn: Callable[..., Any] | None = None,
    /,
    *,
    name: str | None = None,
    description: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    idempotent: bool = False,
    requires_approval: bool = False,
    tags: Iterable[str] = (),
) -> Tool | Callable[[Callable[..., Any]], Tool]:
    """Make a typed function into a tool; use bare (``@tool``) or with options.

    Example::

        @tool(idempotent=True)
        async def price(symbol: str) -> float:
            "The last close of a symbol."
    """

    def wrap(function: Callable[..., Any]) -> Tool:
        return Tool(
            function,
            name=name,
            description=description,
            timeout=timeout,
            idempotent=idempotent,
            requires_approval=requires_approval,
            tags=tags,
        )

    return wrap(fn) if fn is not None else wrap


def render_result(value: Any) -> str:
    """A tool's return value as text for the model: strings as they are, the rest as JSON."""
    if isinstance(value, str):
        return value
    if type(value) is int or type(value) is float:
        return repr(value)
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(value)


def resolve_tool(reference: str | Tool | Callable[..., Any], registry: dict[str, Tool]) -> Tool:
    """Find a tool by name in ``registry``, or import it from ``package.module:function``."""
    if isinstance(reference, Tool):
        return reference
    if callable(reference):
        return Tool(reference)
    if ":" not in reference:
        found = registry.get(reference)
        if found is None:
            hint = "or reference one by import path, package.module:function"
            raise UnknownName("tool", reference, registry, hint=hint)
        return found
    return _import_tool(reference)


def _import_tool(path: str) -> Tool:
    module_name, _, attribute = path.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise SpecError(f"cannot import tool module {module_name!r} ({error})") from None
    found = getattr(module, attribute, None)
    if found is None:
        raise SpecError(f"module {module_name!r} has no {attribute!r}; check the tool path")
    if isinstance(found, Tool):
        return found
    if callable(found):
        return Tool(found)
    raise SpecError(f"{path!r} is a {type(found).__name__}, not a function or a tool")


def _arguments_model(fn: Callable[..., Any], name: str) -> type[BaseModel]:
    """A pydantic model of the function's parameters, built from its type hints."""
    fields: dict[str, Any] = {}
    for parameter in inspect.signature(fn, eval_str=True).parameters.values():
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        annotation = (
            Any if parameter.annotation is inspect.Parameter.empty else parameter.annotation
        )
        default = ... if parameter.default is inspect.Parameter.empty else parameter.default
        fields[parameter.name] = (annotation, default)
    config = ConfigDict(extra="forbid", arbitrary_types_allowed=False)
    try:
        model: type[BaseModel] = create_model(f"{name}_arguments", __config__=config, **fields)
    except Exception as error:
        raise SpecError(
            f"tool {name!r} has a parameter type pydantic cannot check: {error}"
        ) from None
    return model


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema.pop("title", None)
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)
    return schema


def _first_paragraph(doc: str) -> str:
    return doc.strip().split("\n\n", 1)[0].replace("\n", " ")


def _describe(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
