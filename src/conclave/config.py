"""Settings: every option is an environment variable, documented in the README's table."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from conclave.engine.models.registry import ModelOptions


class Settings(BaseSettings):
    """Conclave's configuration, read from ``CONCLAVE_*`` environment variables (and .env)."""

    model_config = SettingsConfigDict(
        env_prefix="CONCLAVE_", env_file=".env", extra="ignore", frozen=True
    )

    env: Literal["development", "production", "test"] = "development"
    model: str = Field(default="offline", description="default provider:model for agents")
    fallback_models: tuple[str, ...] = ()
    model_timeout: float = Field(default=60.0, gt=0)
    model_retries: int = Field(default=2, ge=0, le=10)
    model_base_url: str | None = None
    prices_file: Path | None = None
    specs_dir: Path | None = None
    data_dir: Path = Path(".conclave")

    @field_validator("fallback_models", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    def model_options(self) -> ModelOptions:
        return ModelOptions(
            base_url=self.model_base_url,
            timeout=self.model_timeout,
            max_retries=self.model_retries,
            fallbacks=self.fallback_models,
        )
