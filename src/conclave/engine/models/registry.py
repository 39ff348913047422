"""The one place a ``provider:model`` string becomes a ``ModelClient``.

Provider SDKs are imported only when a model of theirs is first built, so importing Conclave
stays fast and the SDKs stay optional extras.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from conclave.engine.models.base import ModelClient
from conclave.errors import ConfigError, UnknownName

# Providers that speak the OpenAI wire protocol at a known base URL.
OPENAI_COMPATIBLE: dict[str, tuple[str | None, str | None]] = {
    # provider: (default base URL, environment variable holding its key)
    "openai": (None, "OPENAI_API_KEY"),
    "azure": (None, "AZURE_OPENAI_API_KEY"),
    "ollama": ("http://localhost:11434/v1", None),
    "vllm": ("http://localhost:8000/v1", None),
    "lmstudio": ("http://localhost:1234/v1", None),
    "openrouter": ("https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"),
}
PROVIDERS = (*OPENAI_COMPATIBLE, "anthropic", "offline", "scripted")


@dataclass(frozen=True, kw_only=True, slots=True)
class ModelOptions:
    """How to reach and how hard to try a provider.

    Attributes:
        api_key: overrides the provider's usual environment variable.
        base_url: overrides the provider's default endpoint (Azure, a proxy, a local server).
        timeout: seconds one call may take before it counts as failed.
        max_retries: further attempts after the first, on 429, 5xx, timeouts and drops.
        backoff: seconds before the first retry; doubles each time, with jitter.
        max_backoff: the longest wait between attempts, ``Retry-After`` included.
        fallbacks: models to try, in order, once this one has failed its retries.
    """

    api_key: str | None = None
    base_url: str | None = None
    timeout: float = 60.0
    max_retries: int = 2
    backoff: float = 0.5
    max_backoff: float = 30.0
    fallbacks: tuple[str, ...] = ()


def parse_model_string(spec: str) -> tuple[str, str]:
    """Split ``provider:model``; a bare ``offline`` means the offline model."""
    provider, sep, model = spec.strip().partition(":")
    provider = provider.lower()
    if not sep:
        if provider in ("offline", "scripted"):
            return provider, "default"
        raise ConfigError(
            f"model {spec!r} names no provider; write it as provider:model, "
            f"for example 'openai:gpt-4o-mini' or 'anthropic:claude-sonnet-4-5', "
            f"or use 'offline'"
        )
    if provider not in PROVIDERS:
        raise UnknownName("model provider", provider, PROVIDERS)
    if not model:
        raise ConfigError(f"model {spec!r} names no model after {provider!r}:")
    return provider, model


def build_model(spec: str, options: ModelOptions | None = None) -> ModelClient:
    """Build the client for a ``provider:model`` string, with retries and fallbacks."""
    from conclave.engine.models.resilience import ResilientModel, RetryPolicy

    options = options or ModelOptions()
    primary = _build_one(spec, options)
    if primary.name.startswith(("offline:", "scripted:")) and not options.fallbacks:
        return primary
    fallbacks = [_build_one(name, replace(options, fallbacks=())) for name in options.fallbacks]
    policy = RetryPolicy(
        max_retries=options.max_retries,
        backoff=options.backoff,
        max_backoff=options.max_backoff,
        timeout=options.timeout,
    )
    return ResilientModel(primary, fallbacks=fallbacks, policy=policy)


def _build_one(spec: str, options: ModelOptions) -> ModelClient:
    provider, model = parse_model_string(spec)
    if provider == "offline":
        from conclave.engine.models.offline import OfflineModel

        return OfflineModel(model)
    if provider == "scripted":
        raise ConfigError(
            "the scripted model replays replies given in code; build it with "
            "ScriptedModel([...]) and pass it to the agent instead of a model string"
        )
    if provider == "anthropic":
        from conclave.engine.models.anthropic import AnthropicModelClient

        return AnthropicModelClient(
            model,
            api_key=options.api_key or os.environ.get("ANTHROPIC_API_KEY"),
            base_url=options.base_url or os.environ.get("ANTHROPIC_BASE_URL"),
            timeout=options.timeout,
        )
    return _build_openai_compatible(provider, model, options)


def _build_openai_compatible(provider: str, model: str, options: ModelOptions) -> ModelClient:
    from conclave.engine.models.openai import OpenAIModelClient

    default_url, key_var = OPENAI_COMPATIBLE[provider]
    env_url = os.environ.get(f"{provider.upper()}_BASE_URL")
    base_url = options.base_url or env_url or default_url
    api_key = options.api_key or (os.environ.get(key_var) if key_var else None)
    if provider == "azure" and not base_url:
        raise ConfigError(
            "azure needs its endpoint; set AZURE_BASE_URL to "
            "https://<resource>.openai.azure.com/openai/v1"
        )
    return OpenAIModelClient(
        model,
        provider=provider,
        api_key=api_key or ("not-needed" if key_var is None else None),
        base_url=base_url,
        timeout=options.timeout,
    )
