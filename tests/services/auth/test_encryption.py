from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from conclave.errors import ConfigError
from conclave.services.auth import SecretBox, derive_encryption_key
from tests.services.auth.support import SECRET, make_settings

OLD = Fernet.generate_key().decode()
NEW = Fernet.generate_key().decode()
PROVIDER_KEY = "sk-test-0123456789abcdef"
KEY_CHANGED = (
    "cannot decrypt a stored secret: CONCLAVE_ENCRYPTION_KEYS no longer holds the key it was "
    "written with; add the old key after the new one"
)


def test_a_secret_round_trips() -> None:
    box = SecretBox([NEW])
    assert box.decrypt(box.encrypt(PROVIDER_KEY)) == PROVIDER_KEY


def test_non_ascii_text_round_trips() -> None:
    box = SecretBox([NEW])
    assert box.decrypt(box.encrypt("clé secrète ✓")) == "clé secrète ✓"


def test_the_stored_form_hides_the_secret_and_differs_each_time() -> None:
    box = SecretBox([NEW])
    first, second = box.encrypt(PROVIDER_KEY), box.encrypt(PROVIDER_KEY)
    assert PROVIDER_KEY not in first
    assert first != second


def test_an_older_key_still_decrypts() -> None:
    stored = SecretBox([OLD]).encrypt(PROVIDER_KEY)
    assert SecretBox([NEW, OLD]).decrypt(stored) == PROVIDER_KEY


def test_new_secrets_are_written_with_the_newest_key() -> None:
    stored = SecretBox([NEW, OLD]).encrypt(PROVIDER_KEY)
    assert SecretBox([NEW]).decrypt(stored) == PROVIDER_KEY
    with pytest.raises(ConfigError):
        SecretBox([OLD]).decrypt(stored)


def test_rotate_moves_a_secret_to_the_newest_key() -> None:
    stored = SecretBox([OLD]).encrypt(PROVIDER_KEY)
    rotated = SecretBox([NEW, OLD]).rotate(stored)
    assert SecretBox([NEW]).decrypt(rotated) == PROVIDER_KEY


def test_a_secret_written_with_a_dropped_key_says_how_to_fix_it() -> None:
    stored = SecretBox([OLD]).encrypt(PROVIDER_KEY)
    with pytest.raises(ConfigError) as caught:
        SecretBox([NEW]).decrypt(stored)
    assert str(caught.value) == KEY_CHANGED


def test_rotating_a_secret_no_key_can_read_says_how_to_fix_it() -> None:
    stored = SecretBox([OLD]).encrypt(PROVIDER_KEY)
    with pytest.raises(ConfigError, match="add the old key after the new one"):
        SecretBox([NEW]).rotate(stored)


def test_settings_keys_are_used_newest_first() -> None:
    box = SecretBox.from_settings(make_settings(encryption_keys=f"{NEW},{OLD}"), SECRET)
    assert box.decrypt(SecretBox([OLD]).encrypt(PROVIDER_KEY)) == PROVIDER_KEY
    assert SecretBox([NEW]).decrypt(box.encrypt(PROVIDER_KEY)) == PROVIDER_KEY


def test_without_keys_the_derived_key_is_stable_for_one_secret() -> None:
    stored = SecretBox.from_settings(make_settings(), SECRET).encrypt(PROVIDER_KEY)
    assert SecretBox.from_settings(make_settings(), SECRET).decrypt(stored) == PROVIDER_KEY
    assert SecretBox([derive_encryption_key(SECRET)]).decrypt(stored) == PROVIDER_KEY


def test_the_derived_key_is_not_the_secret_key_itself() -> None:
    assert SECRET not in derive_encryption_key(SECRET).encode()
    assert derive_encryption_key(SECRET) != derive_encryption_key(SECRET + b"x")


def test_a_secret_written_under_another_secret_key_says_so() -> None:
    stored = SecretBox.from_settings(make_settings(), SECRET).encrypt(PROVIDER_KEY)
    box = SecretBox.from_settings(make_settings(), SECRET + b"-changed")
    with pytest.raises(ConfigError, match="written under another CONCLAVE_SECRET_KEY"):
        box.decrypt(stored)


def test_a_malformed_key_is_a_config_error_naming_its_position_not_its_value() -> None:
    with pytest.raises(ConfigError, match="entry 2 is not a Fernet key") as caught:
        SecretBox.from_settings(make_settings(encryption_keys=f"{NEW},not-a-key"), SECRET)
    assert "not-a-key" not in str(caught.value)
    assert "Fernet.generate_key()" in str(caught.value)


def test_a_box_needs_a_key() -> None:
    with pytest.raises(ConfigError, match="at least one key"):
        SecretBox([])


def test_the_repr_shows_no_key() -> None:
    assert NEW not in repr(SecretBox([NEW]))
