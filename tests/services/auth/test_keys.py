from __future__ import annotations

import base64
import hashlib
import hmac
import re
import stat
from pathlib import Path

import pytest

from conclave.errors import ConfigError
from conclave.services.auth import (
    api_key_digest,
    generate_api_key,
    looks_like_api_key,
    parse_api_key,
    resolve_secret_key,
)
from tests.services.auth.support import SECRET, make_settings

FIX = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'
STRONG = "Jq3xV9nLw2Rb7Tz5Kd8Mh1Pc4Yg6Fs0Ea-Ut_Wo"


# API keys


def test_a_new_key_has_the_documented_format() -> None:
    new = generate_api_key(SECRET)
    assert re.fullmatch(r"ck_[a-z2-7]{12}_[a-z2-7]{52}", new.plaintext)
    assert new.plaintext.startswith(f"ck_{new.key_id}_")


def test_a_new_key_holds_256_random_bits() -> None:
    secret_part = generate_api_key(SECRET).plaintext.rsplit("_", 1)[1]
    raw = base64.b32decode(secret_part.upper() + "====")
    assert len(raw) == 32


def test_new_keys_and_their_ids_are_unique() -> None:
    keys = [generate_api_key(SECRET) for _ in range(500)]
    assert len({key.plaintext for key in keys}) == 500
    assert len({key.key_id for key in keys}) == 500


def test_new_keys_use_the_whole_alphabet() -> None:
    text = "".join(generate_api_key(SECRET).plaintext[3:] for _ in range(50))
    assert set(text.replace("_", "")) == set("abcdefghijklmnopqrstuvwxyz234567")


def test_parse_returns_the_key_id_of_a_key() -> None:
    new = generate_api_key(SECRET)
    assert parse_api_key(new.plaintext) == new.key_id
    assert looks_like_api_key(new.plaintext)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
        "ck_abcdefghijkl",
        "xk_abcdefghijkl_" + "a" * 52,
        "ck_ABCDEFGHIJKL_" + "a" * 52,
        "ck_abcdefghijk_" + "a" * 53,
        "ck_abcdefghijkl_" + "a" * 51,
        "ck_abcdefghijkl_" + "a" * 51 + "_",
        "ck_abcdefghijkl_" + "a" * 52 + "\n",
        " ck_abcdefghijkl_" + "a" * 52,
    ],
)
def test_text_not_shaped_like_a_key_parses_to_none(text: str) -> None:
    assert parse_api_key(text) is None
    assert not looks_like_api_key(text)


def test_the_digest_is_hmac_sha256_of_the_whole_key_under_the_secret() -> None:
    new = generate_api_key(SECRET)
    expected = hmac.new(SECRET, new.plaintext.encode(), hashlib.sha256).hexdigest()
    assert new.digest == expected
    assert api_key_digest(new.plaintext, SECRET) == expected


def test_the_digest_is_stable() -> None:
    key = generate_api_key(SECRET).plaintext
    assert api_key_digest(key, SECRET) == api_key_digest(key, SECRET)


def test_the_digest_depends_on_the_secret() -> None:
    key = generate_api_key(SECRET).plaintext
    assert api_key_digest(key, SECRET) != api_key_digest(key, SECRET + b"x")


def test_the_digest_depends_on_every_part_of_the_key() -> None:
    key = generate_api_key(SECRET).plaintext
    other = key[:-1] + ("b" if key[-1] == "a" else "a")
    assert api_key_digest(key, SECRET) != api_key_digest(other, SECRET)


def test_the_repr_of_a_new_key_hides_the_plaintext() -> None:
    new = generate_api_key(SECRET)
    assert new.plaintext not in repr(new)
    assert new.key_id in repr(new)


# The server's secret key


def test_development_makes_a_private_secret_key_file(tmp_path: Path) -> None:
    secret = resolve_secret_key(make_settings(env="development", data_dir=tmp_path / "data"))
    path = tmp_path / "data" / "secret_key"
    assert path.read_text().strip().encode() == secret
    assert len(secret) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_development_reuses_the_kept_secret_key(tmp_path: Path) -> None:
    settings = make_settings(env="development", data_dir=tmp_path)
    assert resolve_secret_key(settings) == resolve_secret_key(settings)


def test_development_reads_a_key_file_written_earlier(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text(STRONG + "\n")
    assert resolve_secret_key(make_settings(env="development", data_dir=tmp_path)) == (
        STRONG.encode()
    )


def test_development_leaves_no_draft_files_behind(tmp_path: Path) -> None:
    resolve_secret_key(make_settings(env="development", data_dir=tmp_path))
    assert [path.name for path in tmp_path.iterdir()] == ["secret_key"]


def test_an_empty_kept_key_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("\n")
    with pytest.raises(ConfigError, match="is empty; delete it"):
        resolve_secret_key(make_settings(env="development", data_dir=tmp_path))


def test_a_configured_key_is_used_and_no_file_is_made(tmp_path: Path) -> None:
    settings = make_settings(env="development", data_dir=tmp_path, secret_key="short dev key")
    assert resolve_secret_key(settings) == b"short dev key"
    assert not (tmp_path / "secret_key").exists()


def test_production_accepts_a_strong_key(tmp_path: Path) -> None:
    settings = make_settings(env="production", data_dir=tmp_path, secret_key=STRONG)
    assert resolve_secret_key(settings) == STRONG.encode()


def test_in_production_a_missing_key_is_refused_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is not set") as caught:
        resolve_secret_key(make_settings(env="production", data_dir=tmp_path))
    assert FIX in str(caught.value)
    assert not (tmp_path / "secret_key").exists()


def test_a_test_server_keeps_a_generated_key_as_development_does(tmp_path: Path) -> None:
    settings = make_settings(env="test", data_dir=tmp_path)
    assert resolve_secret_key(settings) == resolve_secret_key(settings)
    assert (tmp_path / "secret_key").exists()


def test_production_refuses_a_short_key_with_the_fix(tmp_path: Path) -> None:
    settings = make_settings(env="production", data_dir=tmp_path, secret_key=STRONG[:31])
    with pytest.raises(ConfigError, match="31 characters long, below 32") as caught:
        resolve_secret_key(settings)
    assert FIX in str(caught.value)


@pytest.mark.parametrize(
    "value",
    [
        "change-me-change-me-change-me-change-me",
        "CHANGEME_please_0123456789_abcdefghijkl",
        "replace-me-with-a-real-secret-value-123",
        "secretsecretsecretsecretsecretsecret",
        "x" * 40,
    ],
)
def test_production_refuses_a_placeholder_key_with_the_fix(value: str, tmp_path: Path) -> None:
    settings = make_settings(env="production", data_dir=tmp_path, secret_key=value)
    with pytest.raises(ConfigError, match="is a placeholder") as caught:
        resolve_secret_key(settings)
    assert FIX in str(caught.value)
