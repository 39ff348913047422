"""``conclave guard``: screen texts with the built-in guard from the command line."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from conclave.engine.guard import Screening, default_guard

app = typer.Typer(help="Screen texts for prompt injection, exfiltration and leaks.")

_SOURCES = ("input", "tool", "document", "output")


class Mode(StrEnum):
    """When the learned classifier is consulted."""

    off = "off"
    auto = "auto"
    always = "always"


@app.command("scan")
def scan(
    file: Annotated[Path, typer.Argument(help='A JSONL file of {"id", "text"} lines.')],
    classifier: Annotated[
        Mode,
        typer.Option(
            "--classifier", help="Consult the learned classifier (conclave[guard]) or not."
        ),
    ] = Mode.off,
) -> None:
    """Screen each line of FILE and print one JSON verdict per line.

    A line may also carry "source" (input, tool, document or output) and "context"
    ({"system_prompt", "allowed_hosts"}). A malformed line is reported on stderr and skipped.
    """
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        typer.echo(f"cannot read {file}: {error}; pass a readable UTF-8 JSONL file", err=True)
        raise typer.Exit(1) from error
    guard = default_guard(classifier.value)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item_id, text, screening = _parse(line)
        except ValueError as error:
            typer.echo(f"{file}:{number}: skipped: {error}", err=True)
            continue
        verdict = guard.check(text, screening).to_dict()
        reasons = verdict["reasons"]
        typer.echo(
            json.dumps(
                {
                    "id": item_id,
                    "verdict": verdict["verdict"],
                    "score": verdict["score"],
                    "reasons": reasons,
                },
                ensure_ascii=False,
            )
        )


def _parse(line: str) -> tuple[Any, str, Screening]:
    """The id, text and screening context of one JSONL line; ValueError says what is wrong."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg})") from error
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        raise ValueError('expected an object with a string "text" field')
    source = item.get("source", "input")
    if source not in _SOURCES:
        raise ValueError(f"unknown source {source!r}; use one of {', '.join(_SOURCES)}")
    context = item.get("context") or {}
    if not isinstance(context, dict):
        raise ValueError('"context" must be an object with "system_prompt" and "allowed_hosts"')
    screening = Screening(
        source=source,
        system_prompt=str(context.get("system_prompt", "")),
        allowed_hosts=frozenset(context.get("allowed_hosts", ())),
    )
    return item.get("id"), item["text"], screening
