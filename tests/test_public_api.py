"""Everything public is exported from ``conclave`` and listed in ``__all__``."""

from __future__ import annotations

import conclave


def test_all_names_exist_once() -> None:
    for name in conclave.__all__:
        assert hasattr(conclave, name), name
    assert len(set(conclave.__all__)) == len(conclave.__all__)


def test_every_public_member_is_in_all() -> None:
    public = {
        name
        for name, value in vars(conclave).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("conclave")
    }
    assert public <= set(conclave.__all__)


def test_exported_classes_say_where_they_live() -> None:
    for name in conclave.__all__:
        value = getattr(conclave, name)
        module = getattr(value, "__module__", None)
        if isinstance(value, type):
            assert module is not None and module.startswith("conclave."), name
