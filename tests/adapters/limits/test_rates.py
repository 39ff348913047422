"""Rates as written in configuration, and what a decision tells a client."""

from __future__ import annotations

import pytest

from conclave.adapters.limits import Rate, RateDecision
from conclave.errors import ConfigError, RateLimited

NOW = 1_700_000_000.0


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("120/minute", Rate(120, 60)),
        ("10 per second", Rate(10, 1)),
        ("1000/5 minutes", Rate(1000, 300)),
        (" 5/Hour ", Rate(5, 3600)),
        ("2/days", Rate(2, 86400)),
    ],
)
def test_a_rate_is_parsed_from_how_people_write_it(text: str, rate: Rate) -> None:
    assert Rate.parse(text) == rate


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (Rate(120, 60), "120/minute"),
        (Rate(1000, 300), "1000/5 minutes"),
        (Rate(5, 90), "5/90 seconds"),
        (Rate(7, 7200), "7/2 hours"),
    ],
)
def test_a_rate_reads_back_as_it_parses(rate: Rate, text: str) -> None:
    assert str(rate) == text
    assert Rate.parse(text) == rate


@pytest.mark.parametrize("text", ["120", "120/minit", "many/minute", "", "1/minute;2/hour"])
def test_a_rate_that_cannot_be_read_says_how_to_write_one(text: str) -> None:
    with pytest.raises(ConfigError, match=r"not understood; write <count>/<period> such as"):
        Rate.parse(text)


def test_a_rate_of_nothing_is_refused() -> None:
    with pytest.raises(ConfigError, match="at least 1 request per at least 1 second"):
        Rate.parse("0/minute")


def test_per_minute_is_a_sixty_second_period() -> None:
    assert Rate.per_minute(600) == Rate(600, 60)


def _decision(*, allowed: bool, remaining: int, retry_after: float) -> RateDecision:
    return RateDecision(
        allowed=allowed,
        rate=Rate(120, 60),
        remaining=remaining,
        reset_at=NOW + 12.2,
        retry_after=retry_after,
    )


def test_an_allowed_decision_has_rate_limit_headers_and_no_retry_after() -> None:
    decision = _decision(allowed=True, remaining=7, retry_after=0)
    assert decision.limit == 120
    assert decision.headers(now=NOW) == {
        "RateLimit-Limit": "120",
        "RateLimit-Remaining": "7",
        "RateLimit-Reset": "13",
        "RateLimit-Policy": "120;w=60",
    }


def test_a_refused_decision_asks_for_whole_seconds_rounded_up() -> None:
    headers = _decision(allowed=False, remaining=0, retry_after=0.2).headers(now=NOW)
    assert headers["Retry-After"] == "1"
    assert headers["RateLimit-Remaining"] == "0"


def test_a_reset_in_the_past_is_reported_as_zero() -> None:
    decision = _decision(allowed=True, remaining=3, retry_after=0)
    assert decision.headers(now=NOW + 60)["RateLimit-Reset"] == "0"


def test_a_refused_decision_becomes_a_rate_limited_error_naming_the_wait() -> None:
    error = _decision(allowed=False, remaining=0, retry_after=2.5).error()
    assert isinstance(error, RateLimited)
    assert (error.limit, error.retry_after) == ("120/minute", 2.5)
    assert "rate limit of 120/minute reached; retry in 3 s" in str(error)
