"""Settings: every option is an environment variable, documented in the README's table."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from conclave.engine.models.registry import ModelOptions
from conclave.engine.oversight import DEFAULT_GATED_TAGS, ApprovalPolicy
from conclave.errors import ConfigError

_ROLES = ("viewer", "operator", "admin", "platform")
# URL schemes people write, and the async driver each one means.
_SCHEME_ALIASES = {
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "sqlite": "sqlite+aiosqlite",
}
# Async drivers the store runs on: the module to import, and the extra that installs it
# (None: the package itself).
_DRIVERS = {
    "postgresql+asyncpg": ("asyncpg", "postgres"),
    "postgresql+psycopg": ("psycopg", None),
    "sqlite+aiosqlite": ("aiosqlite", None),
}


class Settings(BaseSettings):
    """Conclave's configuration, read from ``CONCLAVE_*`` environment variables (and .env)."""

    model_config = SettingsConfigDict(
        env_prefix="CONCLAVE_", env_file=".env", extra="ignore", frozen=True
    )

    env: Literal["development", "production", "test"] = "development"
    model: str = Field(default="offline", description="default provider:model for agents")
    # NoDecode: a comma-separated list, not JSON, in the environment.
    fallback_models: Annotated[tuple[str, ...], NoDecode] = ()
    model_timeout: float = Field(default=60.0, gt=0)
    model_retries: int = Field(default=2, ge=0, le=10)
    model_base_url: str | None = None
    prices_file: Path | None = None
    specs_dir: Path | None = None
    data_dir: Path = Path(".conclave")
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "CONCLAVE_DATABASE_URL", "database_url"),
        description="SQLAlchemy URL of the store; empty means SQLite in data_dir",
    )
    cors_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(), description="origins browsers may call the API from; * for any"
    )
    run_lease_seconds: float = Field(default=30.0, gt=0, description="a run lease's length")
    run_heartbeat_seconds: float = Field(default=10.0, gt=0, description="lease renewal period")
    run_poll_seconds: float = Field(default=2.0, gt=0, description="orphaned-run poll period")
    run_max_attempts: int = Field(default=5, ge=1, description="claims before a run fails")
    approval_poll_seconds: float = Field(
        default=1.0, gt=0, description="how often a waiting run reads its approval again"
    )
    approval_timeout_seconds: float | None = Field(
        default=None, gt=0, description="deadline of approvals whose policy sets none; empty: none"
    )
    approval_webhook_url: str | None = Field(
        default=None, description="where each approval escalation is posted as JSON"
    )
    approval_tags: Annotated[tuple[str, ...], NoDecode] = tuple(sorted(DEFAULT_GATED_TAGS))
    approval_tools: Annotated[tuple[str, ...], NoDecode] = ()
    approval_roles: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(), description="tag=role or kind=role pairs: who may decide what"
    )
    approval_cost_above_usd: float | None = Field(default=None, gt=0)
    approval_over_budget: Literal["stop", "ask"] = "stop"
    approval_on_timeout: Literal["deny", "escalate"] = "deny"

    # Security. Outside development every secret must be given; in development a missing
    # one is generated once and kept in data_dir, so an embedded server restarts with it.
    secret_key: SecretStr | None = Field(
        default=None, description="signs tokens, keys API-key hashes, derives encryption keys"
    )
    encryption_keys: Annotated[tuple[SecretStr, ...], NoDecode] = Field(
        default=(), description="Fernet keys for secrets at rest, newest first; empty: derived"
    )
    admin_key: SecretStr | None = Field(
        default=None, description="a platform API key (ck_…) the default tenant accepts"
    )
    jwt_algorithm: Literal["HS256", "RS256"] = "HS256"
    jwt_private_key_file: Path | None = None
    jwt_public_key_file: Path | None = None
    jwt_issuer: str = "conclave"
    jwt_audience: str = "conclave-api"
    access_token_minutes: float = Field(default=15.0, gt=0)
    refresh_token_days: float = Field(default=14.0, gt=0)
    redis_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("REDIS_URL", "CONCLAVE_REDIS_URL", "redis_url"),
        description="Redis for rate limits and shared state; empty means in-process memory",
    )
    default_tier: str = Field(
        default="internal", description="the tier the embedded default tenant is created on"
    )
    redis_namespace: str = Field(
        default="conclave", min_length=1, description="the prefix of every Redis key"
    )
    tiers_file: Path | None = Field(default=None, description="YAML or JSON tier overrides")
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    max_message_chars: int = Field(default=4000, ge=1)
    guard: bool = Field(default=True, description="screen inputs, tool results and replies")
    guard_classifier: Literal["off", "auto", "always"] = "off"
    budget_spike_share: float = Field(default=0.10, gt=0, le=1)
    vault_url: str | None = None
    vault_token: SecretStr | None = None
    vault_mount: str = "secret"
    vault_path: str = "conclave"

    @field_validator(
        "approval_timeout_seconds", "approval_webhook_url", "approval_cost_above_usd", mode="before"
    )
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        # An empty environment variable means "not set", as the README's table says.
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("approval_webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @field_validator("approval_roles")
    @classmethod
    def _roles(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pair in value:
            name, equals, role = pair.partition("=")
            if not equals or not name.strip() or role.strip() not in _ROLES:
                raise ValueError(
                    f"{pair!r} is not name=role; write trade=admin,deployment=admin with a "
                    f"role of {', '.join(_ROLES)}"
                )
        return value

    @field_validator(
        "fallback_models",
        "cors_origins",
        "encryption_keys",
        "approval_tags",
        "approval_tools",
        "approval_roles",
        mode="before",
    )
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    def approval_policy(self) -> ApprovalPolicy:
        """Which actions of a run wait for a person, as configured."""
        roles = dict(pair.replace(" ", "").split("=", 1) for pair in self.approval_roles)
        return ApprovalPolicy(
            tools=frozenset(self.approval_tools),
            tags=frozenset(self.approval_tags),
            cost_above_usd=self.approval_cost_above_usd,
            over_budget=self.approval_over_budget,
            roles=roles,  # type: ignore[arg-type]  # checked by _roles
            timeout_seconds=self.approval_timeout_seconds,
            on_timeout=self.approval_on_timeout,
        )

    def model_options(self) -> ModelOptions:
        return ModelOptions(
            base_url=self.model_base_url,
            timeout=self.model_timeout,
            max_retries=self.model_retries,
            fallbacks=self.fallback_models,
        )

    def effective_database_url(self) -> str:
        """The store's async URL: ``DATABASE_URL``, else SQLite in ``data_dir``.

        Raises:
            ConfigError: the URL names a database or driver Conclave cannot use.
        """
        if self.database_url:
            return normalize_database_url(self.database_url)
        folder = self.data_dir.expanduser().resolve()
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite+aiosqlite:///{folder / 'conclave.db'}"


def normalize_database_url(url: str) -> str:
    """Point a database URL at its async driver, and check the driver is installed.

    ``postgres://`` and ``postgresql://`` become ``postgresql+asyncpg://``; ``sqlite://``
    becomes ``sqlite+aiosqlite://``.

    Raises:
        ConfigError: an unsupported scheme, or a driver that is not installed.
    """
    scheme, separator, rest = url.partition("://")
    if not separator:
        # Not echoed: what was meant as a URL may hold a password.
        raise ConfigError("DATABASE_URL is not a URL; use postgresql://user:password@host/db")
    scheme = _SCHEME_ALIASES.get(scheme.lower(), scheme.lower())
    if scheme not in _DRIVERS:
        known = ", ".join(f"{name}://" for name in _DRIVERS)
        raise ConfigError(f"DATABASE_URL scheme {scheme!r} is not supported; use one of {known}")
    _require_driver(scheme, url)
    return f"{scheme}://{rest}"


def _require_driver(scheme: str, url: str) -> None:
    module, extra = _DRIVERS[scheme]
    try:
        importlib.import_module(module)
    except ImportError:
        # Name the scheme only: the rest of the URL may hold a password.
        install = f"conclave[{extra}]" if extra else module
        raise ConfigError(
            f"install {install} to use DATABASE_URL={url.partition('://')[0]}://…"
        ) from None
