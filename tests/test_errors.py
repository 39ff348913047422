from __future__ import annotations

import pickle

import pytest

import conclave.errors as errors
from conclave.errors import (
    BudgetExceeded,
    ConclaveError,
    Interrupt,
    MissingDependency,
    ModelError,
    RunError,
    UnknownName,
    UserError,
)


def test_errors_pickle_with_their_fields() -> None:
    original = ModelError(
        "HTTP 429", provider="openai", status=429, retryable=True, retry_after=2.0
    )
    copy = pickle.loads(pickle.dumps(original))
    assert type(copy) is ModelError
    assert str(copy) == "HTTP 429"
    assert (copy.provider, copy.status, copy.retryable, copy.retry_after) == (
        "openai",
        429,
        True,
        2.0,
    )


def test_budget_error_keeps_run_fields_across_pickle() -> None:
    copy = pickle.loads(pickle.dumps(BudgetExceeded("over", run_id="r1", spent_usd=1.0)))
    assert copy.run_id == "r1"  # type: ignore[attr-defined]


def test_unknown_name_suggests_the_closest_name() -> None:
    error = UnknownName("agent", "reserch", ["research", "coder"], hint="conclave agents list")
    assert str(error) == "unknown agent 'reserch'; did you mean 'research'? (conclave agents list)"


def test_unknown_name_lists_known_names_when_nothing_is_close() -> None:
    assert "known: coder, research" in str(UnknownName("agent", "zzz", ["research", "coder"]))


def test_missing_dependency_says_what_to_install() -> None:
    error = MissingDependency("openai", extra="openai", purpose="the openai: provider")
    assert "pip install 'conclave[openai]'" in str(error)


def test_every_error_sits_in_one_of_three_families() -> None:
    families = (UserError, RunError, Interrupt)
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, ConclaveError)
        if cls not in (ConclaveError, *families):
            assert issubclass(cls, families), name


@pytest.mark.parametrize("name", errors.__all__)
def test_every_error_is_drawn_in_the_module_docstring(name: str) -> None:
    assert name in (errors.__doc__ or "")
