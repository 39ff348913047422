from __future__ import annotations

import importlib

import conclave.services.auth as auth

MODULES = ("encryption", "keys", "passwords", "roles", "tokens", "vault")


def test_the_package_exports_every_public_name_of_its_modules() -> None:
    public = set()
    for name in MODULES:
        public.update(importlib.import_module(f"conclave.services.auth.{name}").__all__)
    assert set(auth.__all__) == public


def test_every_exported_name_exists() -> None:
    assert all(hasattr(auth, name) for name in auth.__all__)
