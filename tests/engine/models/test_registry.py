from __future__ import annotations

import subprocess
import sys

import pytest

from conclave import ConfigError, UnknownName, build_model, parse_model_string


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("openai:gpt-4o-mini", ("openai", "gpt-4o-mini")),
        ("anthropic:claude-sonnet-4-5", ("anthropic", "claude-sonnet-4-5")),
        ("ollama:llama3.1:8b", ("ollama", "llama3.1:8b")),
        ("OpenRouter:openai/gpt-4o", ("openrouter", "openai/gpt-4o")),
        ("offline", ("offline", "default")),
    ],
)
def test_model_strings_parse_into_provider_and_model(spec: str, expected: tuple[str, str]) -> None:
    assert parse_model_string(spec) == expected


def test_unknown_provider_suggests_the_closest() -> None:
    with pytest.raises(UnknownName, match="did you mean 'openai'"):
        parse_model_string("opneai:gpt-4o")


def test_model_without_provider_says_how_to_write_it() -> None:
    with pytest.raises(ConfigError, match="provider:model"):
        parse_model_string("gpt-4o")


def test_scripted_cannot_be_built_from_a_string() -> None:
    with pytest.raises(ConfigError, match=r"ScriptedModel\(\[\.\.\.\]\)"):
        build_model("scripted:x")


def test_offline_model_is_built_without_a_key() -> None:
    assert build_model("offline").name == "offline:default"


def test_openai_without_a_key_says_which_variable_to_set() -> None:
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        build_model("openai:gpt-4o-mini")


def test_importing_conclave_loads_no_provider_sdk() -> None:
    code = (
        "import sys, conclave; "
        "print(sorted(m for m in ('openai', 'anthropic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
