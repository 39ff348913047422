"""``conclave tenants``, ``keys``, ``users`` and ``audit`` against a real server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result

from tests.api.conftest import ADMIN_KEY
from tests.cli.test_login import Served, conclave, serving

KEY = re.compile(r"^\s+(ck_\S+)$", re.MULTILINE)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("server")) as running:
        yield running


def admin(served: Served, home: Path, *args: str, stdin: str | None = None) -> Result:
    """The CLI with the platform key of the default tenant."""
    return conclave(*args, home=home, url=served.url, key=ADMIN_KEY, stdin=stdin)


def secret_in(result: Result) -> str:
    assert result.exit_code == 0, result.output
    found = KEY.findall(result.output)
    assert len(found) == 1, result.output
    return str(found[0])


def new_tenant(served: Served, home: Path, tenant_id: str) -> str:
    """Onboard ``tenant_id``; its first admin key."""
    created = admin(served, home, "tenants", "create", tenant_id, "--name", f"{tenant_id} Ltd")
    return secret_in(created)


def test_tenants_create_prints_a_working_admin_key_once(served: Served, tmp_path: Path) -> None:
    result = admin(
        served, tmp_path, "tenants", "create", "acme", "--name", "Acme", "--tier", "pro",
        "--admin-email", "boss@acme.example",
    )  # fmt: skip
    key = secret_in(result)
    assert "created tenant acme (Acme)" in result.output
    assert re.search(r"^tier: +pro$", result.output, re.MULTILINE), result.output
    assert "shown this once" in result.output
    keys = conclave("keys", "list", home=tmp_path, url=served.url, key=key)
    assert keys.exit_code == 0, keys.output
    assert keys.output.splitlines()[0].split()[:4] == ["ID", "NAME", "ROLE", "STATE"]
    assert " admin " in keys.output
    users = conclave("users", "list", home=tmp_path, url=served.url, key=key)
    assert "boss@acme.example" in users.output


def test_tenants_list_and_show(served: Served, tmp_path: Path) -> None:
    new_tenant(served, tmp_path, "listed")
    listing = admin(served, tmp_path, "tenants", "list")
    assert listing.exit_code == 0, listing.output
    row = next(line for line in listing.output.splitlines() if line.startswith("listed "))
    assert row.split()[:5] == ["listed", "listed", "Ltd", "free", "active"]
    shown = admin(served, tmp_path, "tenants", "show", "listed")
    assert shown.exit_code == 0, shown.output
    assert re.search(r"^name: +listed Ltd$", shown.output, re.MULTILINE), shown.output


def test_tenants_show_of_an_unknown_tenant_is_one_line(served: Served, tmp_path: Path) -> None:
    result = admin(served, tmp_path, "tenants", "show", "nobody")
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("error: ")


def test_a_suspended_tenant_is_refused_until_reactivated(served: Served, tmp_path: Path) -> None:
    key = new_tenant(served, tmp_path, "paused")
    suspended = admin(served, tmp_path, "tenants", "update", "paused", "--status", "suspended")
    assert suspended.exit_code == 0, suspended.output
    assert re.search(r"^status: +suspended$", suspended.output, re.MULTILINE), suspended.output
    refused = conclave("whoami", home=tmp_path, url=served.url, key=key)
    assert refused.exit_code == 1
    assert "tenant 'paused' is suspended" in refused.output
    admin(served, tmp_path, "tenants", "update", "paused", "--status", "active", "--tier", "pro")
    assert conclave("whoami", home=tmp_path, url=served.url, key=key).exit_code == 0


def test_tenants_update_without_a_change_says_what_to_give(served: Served, tmp_path: Path) -> None:
    result = admin(served, tmp_path, "tenants", "update", "acme")
    assert result.exit_code == 1
    assert "nothing to change; give --name, --tier or --status" in result.output


def test_tenants_need_a_platform_credential(served: Served, tmp_path: Path) -> None:
    key = new_tenant(served, tmp_path, "small")
    result = conclave("tenants", "list", home=tmp_path, url=served.url, key=key)
    assert result.exit_code == 1
    assert "this needs the platform role; this credential is admin" in result.output


def test_keys_create_list_and_revoke(served: Served, tmp_path: Path) -> None:
    created = admin(served, tmp_path, "keys", "create", "ci", "--role", "operator")
    key = secret_in(created)
    key_id = re.search(r"created key (\S+) \(ci, role operator\)", created.output)
    assert key_id, created.output
    whoami = conclave("whoami", home=tmp_path, url=served.url, key=key)
    assert "role:   operator" in whoami.output
    listed = admin(served, tmp_path, "keys", "list")
    row = next(line for line in listed.output.splitlines() if line.startswith(key_id[1]))
    assert row.split()[1:4] == ["ci", "operator", "active"]
    revoked = admin(served, tmp_path, "keys", "revoke", key_id[1])
    assert revoked.exit_code == 0, revoked.output
    assert f"revoked key {key_id[1]} (ci)" in revoked.output
    after = admin(served, tmp_path, "keys", "list")
    assert "revoked" in next(line for line in after.output.splitlines() if key_id[1] in line)
    refused = conclave("whoami", home=tmp_path, url=served.url, key=key)
    assert refused.exit_code == 1
    assert "invalid API key" in refused.output


def test_keys_create_takes_an_expiry_in_utc_unless_zoned(served: Served, tmp_path: Path) -> None:
    result = admin(served, tmp_path, "keys", "create", "temp", "--expires", "2999-01-31T12:00")
    assert result.exit_code == 0, result.output
    assert "expires 2999-01-31 12:00 UTC" in result.output
    zoned = admin(served, tmp_path, "keys", "create", "tz", "--expires", "2999-01-31T12:00+02:00")
    assert "expires 2999-01-31 10:00 UTC" in zoned.output


def test_keys_create_refuses_a_bad_expiry_in_one_line(served: Served, tmp_path: Path) -> None:
    result = admin(served, tmp_path, "keys", "create", "temp", "--expires", "next week")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "error: --expires 'next week' is not an ISO date or time; "
        "write 2026-01-31 or 2026-01-31T12:00Z"
    )


def test_users_create_and_list(served: Served, tmp_path: Path) -> None:
    created = admin(
        served, tmp_path, "users", "create", "ann@example.com", "--role", "operator",
        "--name", "Ann", "--password", stdin="a long password!\na long password!\n",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    assert "added ann@example.com as operator (with a password" in created.output
    assert "a long password!" not in created.output
    listed = admin(served, tmp_path, "users", "list")
    row = next(line for line in listed.output.splitlines() if line.startswith("ann@"))
    assert row.split()[:4] == ["ann@example.com", "Ann", "operator", "active"]


def test_users_create_reports_a_short_password_in_one_line(served: Served, tmp_path: Path) -> None:
    result = admin(
        served, tmp_path, "users", "create", "bob@example.com", "--password-stdin", stdin="short\n"
    )
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: invalid request: body.password: ")
    assert "12" in line


def test_users_create_takes_one_way_to_give_a_password(served: Served, tmp_path: Path) -> None:
    result = admin(
        served, tmp_path, "users", "create", "cy@example.com", "--password", "--password-stdin"
    )
    assert result.exit_code == 1
    assert "give --password or --password-stdin, not both" in result.output


def actions(output: str) -> set[str]:
    """The ACTION column of ``conclave audit``'s table."""
    return set(re.findall(r"  ((?:key|user|tenant)\.[a-z_]+)  ", output))


def test_audit_shows_the_actions(served: Served, tmp_path: Path) -> None:
    key = new_tenant(served, tmp_path, "audited")
    conclave("keys", "create", "ops", home=tmp_path, url=served.url, key=key)
    conclave("users", "create", "dee@example.com", home=tmp_path, url=served.url, key=key)
    result = conclave("audit", home=tmp_path, url=served.url, key=key)
    assert result.exit_code == 0, result.output
    assert result.output.split()[:7] == [
        "ID",
        "AT",
        "ACTOR",
        "ACTION",
        "TARGET",
        "OUTCOME",
        "DETAILS",
    ]
    assert {"key.create", "user.create"} <= actions(result.output)
    keys_only = conclave("audit", "--action", "key.", home=tmp_path, url=served.url, key=key)
    assert actions(keys_only.output) == {"key.create"}


def test_audit_pages_on_with_after(served: Served, tmp_path: Path) -> None:
    key = new_tenant(served, tmp_path, "paged")
    for name in ("one", "two"):
        conclave("keys", "create", name, home=tmp_path, url=served.url, key=key)
    first = conclave(
        "audit", "--action", "key.", "--limit", "1", home=tmp_path, url=served.url, key=key
    )
    assert first.exit_code == 0, first.output
    hint = first.output.splitlines()[-1]
    assert re.fullmatch(r"\d+ more: conclave audit --action key\. --after \d+", hint), hint
    after = hint.split()[-1]
    rest = conclave(
        "audit", "--action", "key.", "--after", after, home=tmp_path, url=served.url, key=key
    )
    ids = [int(line.split()[0]) for line in rest.output.splitlines()[1:]]
    assert ids and min(ids) > int(after)
