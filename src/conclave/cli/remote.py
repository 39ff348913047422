"""A client of a running Conclave server, for the commands that administer it.

Where it connects: ``CONCLAVE_URL``, else the server of the stored login, else
``http://127.0.0.1:8000`` (where ``conclave serve`` listens by default). With what:
``CONCLAVE_API_KEY``, else the credential ``conclave login`` stored in
``$CONCLAVE_CONFIG_DIR/credentials.json`` (``~/.config/conclave/credentials.json`` by
default, readable by its owner only).

A stored member login carries an access token and a refresh token: when the server refuses
the access token, the client spends the refresh token once for new ones, stores them, and
sends the request again.

The server's error body (``{"error": {"code", "message", "details"}}``) becomes the matching
Conclave error, which the commands print as one line. httpx2 is imported inside the client:
the other commands do not need it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import typer
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from conclave.errors import (
    ConfigError,
    NotFound,
    PermissionDenied,
    RateLimited,
    TooLarge,
    Unauthenticated,
    UserError,
    VersionConflict,
)

if TYPE_CHECKING:
    import httpx2

__all__ = [
    "DEFAULT_URL",
    "Credentials",
    "Remote",
    "as_json",
    "call",
    "connect",
    "credentials_path",
    "forget_credentials",
    "load_credentials",
    "print_fields",
    "print_secret",
    "print_table",
    "readable_credentials",
    "save_credentials",
    "server_url",
    "when",
]

DEFAULT_URL = "http://127.0.0.1:8000"
TIMEOUT_SECONDS = 30.0
_ERRORS: dict[str, type[UserError]] = {
    "unauthenticated": Unauthenticated,
    "forbidden": PermissionDenied,
    "not_found": NotFound,
    "conflict": VersionConflict,
    "rate_limited": RateLimited,
    "too_large": TooLarge,
    "config_error": ConfigError,
}
_LOGIN_HINT = "run `conclave login --key <API key>` (or set CONCLAVE_API_KEY)"


class Credentials(BaseModel):
    """What ``conclave login`` stores: the server, and an API key or a member's tokens."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    url: str
    kind: Literal["key", "token"]
    key: str | None = None
    access_token: str | None = None
    refresh_token: str | None = None
    tenant: str | None = None
    email: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> Credentials:
        if self.kind == "key" and not self.key:
            raise ValueError("a key login needs its key")
        if self.kind == "token" and not (self.access_token and self.refresh_token):
            raise ValueError("a token login needs an access token and a refresh token")
        return self

    @property
    def bearer(self) -> str:
        """What to send as ``Authorization: Bearer``."""
        secret = self.key if self.kind == "key" else self.access_token
        assert secret is not None  # the validator holds this
        return secret


def credentials_path() -> Path:
    """Where the login is stored: ``$CONCLAVE_CONFIG_DIR/credentials.json``."""
    folder = os.environ.get("CONCLAVE_CONFIG_DIR") or Path.home() / ".config" / "conclave"
    return Path(folder) / "credentials.json"


def load_credentials() -> Credentials | None:
    """The stored login, or ``None`` without one.

    Raises:
        ConfigError: the file is there but is not a login this client wrote.
    """
    path = credentials_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}; check its permissions") from None
    try:
        return Credentials.model_validate_json(text)
    except ValidationError:
        raise ConfigError(
            f"{path} is not a Conclave login; delete it, or run `conclave login` again"
        ) from None


def readable_credentials() -> Credentials | None:
    """The stored login, or ``None`` without one or when it cannot be read."""
    try:
        return load_credentials()
    except ConfigError:
        return None


def save_credentials(credentials: Credentials) -> Path:
    """Store ``credentials``, readable and writable by the owner only (mode 0600)."""
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(path.name + ".partial")
    # Created 0600 rather than narrowed afterwards, so the secret is never readable by others.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(credentials.model_dump_json(exclude_none=True, indent=2) + "\n")
    os.chmod(partial, 0o600)  # it may have existed, with a wider mode
    os.replace(partial, path)
    return path


def forget_credentials() -> bool:
    """Delete the stored login; whether there was one."""
    try:
        credentials_path().unlink()
    except FileNotFoundError:
        return False
    return True


def server_url(given: str | None = None, *, stored: Credentials | None = None) -> str:
    """The server to talk to: ``given``, else ``CONCLAVE_URL``, else the stored login's,
    else :data:`DEFAULT_URL`.

    Raises:
        ConfigError: the URL is not an http(s) URL.
    """
    url = given or os.environ.get("CONCLAVE_URL") or (stored.url if stored else DEFAULT_URL)
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"the server URL must start with http:// or https://, not {url!r}")
    return url


def connect() -> Remote:
    """A client of the server, with ``CONCLAVE_API_KEY`` or else the stored login.

    Raises:
        ConfigError: no credential, or a stored login for another server than
            ``CONCLAVE_URL`` names (it is not sent elsewhere).
    """
    key = os.environ.get("CONCLAVE_API_KEY", "").strip()
    if key:
        url = server_url(stored=readable_credentials())
        return Remote(Credentials(url=url, kind="key", key=key), stored=False)
    stored = load_credentials()
    url = server_url(stored=stored)
    if stored is None:
        raise ConfigError(f"not logged in; {_LOGIN_HINT}")
    if stored.url.rstrip("/") != url:
        raise ConfigError(
            f"logged in to {stored.url}, not {url}; run `conclave login --url {url}`, "
            "or unset CONCLAVE_URL"
        )
    return Remote(stored, stored=True)


class Remote:
    """A client of one server with one credential.

    Args:
        credentials: the server and the credential to send.
        stored: whether ``credentials`` is the stored login, to update when its tokens are
            refreshed.
    """

    def __init__(self, credentials: Credentials, *, stored: bool) -> None:
        self.credentials = credentials
        self.stored = stored

    @property
    def url(self) -> str:
        return self.credentials.url

    def get(self, path: str, **params: Any) -> Any:
        """``GET path``; parameters that are ``None`` are left out."""
        clean = {name: value for name, value in params.items() if value is not None}
        return self.request("GET", path, params=clean)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.request("POST", path, body=body)

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return self.request("PATCH", path, body=body)

    def delete(self, path: str) -> Any:
        return self.request("DELETE", path)

    def request(
        self,
        method: str,
        path: str,
        *,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        """Send a request; the decoded answer, after one token refresh if it was needed.

        Raises:
            UserError: the server refused it (the subclass its error code names), or could
                not be reached.
        """
        response = self._send(method, path, body, params)
        if response.status_code == 401 and self.credentials.kind == "token":
            self._refresh()
            response = self._send(method, path, body, params)
        return _answer(self.url, response)

    def _send(
        self, method: str, path: str, body: dict[str, Any] | None, params: dict[str, Any] | None
    ) -> httpx2.Response:
        bearer = self.credentials.bearer
        return _send(self.url, method, path, bearer=bearer, body=body, params=params)

    def _refresh(self) -> None:
        """Spend the refresh token for new tokens, and store them."""
        try:
            session = call(
                self.url,
                "POST",
                "/api/auth/refresh",
                body={"refresh_token": self.credentials.refresh_token},
            )
        except Unauthenticated as error:
            raise Unauthenticated(
                f"your session has ended ({error}); log in again with `conclave login "
                f"--tenant {self.credentials.tenant or '<tenant>'} "
                f"--email {self.credentials.email or '<email>'}`"
            ) from None
        self.credentials = self.credentials.model_copy(
            update={
                "access_token": session["access_token"],
                "refresh_token": session["refresh_token"],
            }
        )
        if self.stored:
            save_credentials(self.credentials)


def call(
    url: str,
    method: str,
    path: str,
    *,
    bearer: str | None = None,
    body: dict[str, Any] | None = None,
) -> Any:
    """One request to the server at ``url``, without a stored login; the decoded answer.

    Raises:
        UserError: the server refused it, or could not be reached.
    """
    return _answer(url, _send(url, method, path, bearer=bearer, body=body))


def _send(
    url: str,
    method: str,
    path: str,
    *,
    bearer: str | None,
    body: dict[str, Any] | None = None,
    params: dict[str, Any] | None = None,
) -> httpx2.Response:
    import httpx2

    headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
    timeout = httpx2.Timeout(TIMEOUT_SECONDS, connect=5.0)
    try:
        with httpx2.Client(base_url=url, timeout=timeout) as client:
            return client.request(method, path, json=body, params=params, headers=headers)
    except httpx2.ConnectError:
        raise ConfigError(f"cannot reach {url}; is `conclave serve` running?") from None
    except httpx2.TimeoutException:
        raise ConfigError(f"{url} did not answer within {TIMEOUT_SECONDS:g}s") from None
    except httpx2.HTTPError as error:
        raise ConfigError(f"cannot talk to {url}: {error or type(error).__name__}") from None


def _answer(url: str, response: httpx2.Response) -> Any:
    """The decoded body of a success; the error it reports, raised, otherwise."""
    if response.status_code == 204:
        return None
    try:
        document = response.json()
    except ValueError:
        document = None
    if response.is_success and document is not None:
        return document
    error = document.get("error") if isinstance(document, dict) else None
    if not isinstance(error, dict) or not isinstance(error.get("message"), str):
        raise UserError(
            f"{url} answered {response.status_code} {response.reason_phrase} in a form "
            "Conclave does not use; is it a Conclave server?",
            status=response.status_code,
        )
    code = str(error.get("code", ""))
    kind = _ERRORS.get(code, UserError)
    details = error.get("details") or {}
    raise kind(error["message"], status=response.status_code, code=code, details=details)


def when(value: str | None, *, seconds: bool = False) -> str:
    """A timestamp from the API in UTC, to the minute (or second); ``-`` for none."""
    if not value:
        return "-"
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, empty: str) -> None:
    """Print ``rows`` in aligned columns under ``headers``; ``empty`` when there are none."""
    cells = [[str(cell) for cell in row] for row in rows]
    if not cells:
        typer.echo(empty)
        return
    widths = [max(len(row[i]) for row in [list(headers), *cells]) for i in range(len(headers))]
    for row in [list(headers), *cells]:
        typer.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def print_fields(fields: Sequence[tuple[str, Any]]) -> None:
    """Print ``name: value`` lines with the values aligned."""
    width = max(len(name) for name, _ in fields) + 1
    for name, value in fields:
        typer.echo(f"{name + ':':<{width}} {value}")


def print_secret(secret: str, what: str) -> None:
    """Print a secret the server shows only once, set apart so it is hard to miss."""
    typer.secho(f"\n{what} (shown this once; keep it now, it cannot be shown again):\n", bold=True)
    typer.secho(f"    {secret}\n", fg=typer.colors.YELLOW, bold=True)


def as_json(value: Any) -> str:
    """``value`` as compact JSON, for settings and details in a line."""
    return json.dumps(value, sort_keys=True, separators=(", ", ": "))
