from __future__ import annotations

import datetime as dt

import pytest

from conclave.demo.tools import (
    calculator,
    compound_interest,
    convert_units,
    current_time,
    days_between,
    word_count,
)


@pytest.mark.parametrize(
    ("expression", "value"),
    [("2 + 3 * 4", 14), ("(1 + 1) ^ 10", 1024), ("sqrt(16) + pi - pi", 4.0), ("-7 % 3", 2)],
)
async def test_calculator_evaluates_arithmetic(expression: str, value: float) -> None:
    assert await calculator(expression=expression) == value


@pytest.mark.parametrize("expression", ["__import__('os')", "open('x')", "2 ** 99999", "1 +"])
async def test_calculator_refuses_anything_but_arithmetic(expression: str) -> None:
    result = await calculator.run({"expression": expression})
    assert result.is_error


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (10, "km", "miles", 6.213712),
        (100, "c", "f", 212.0),
        (1, "lb", "g", 453.59237),
        (2, "h", "min", 120),
    ],
)
async def test_convert_units(value: float, source: str, target: str, expected: float) -> None:
    assert await convert_units(value=value, from_unit=source, to_unit=target) == expected


async def test_convert_units_refuses_mixed_dimensions() -> None:
    result = await convert_units.run({"value": 1, "from_unit": "kg", "to_unit": "km"})
    assert result.is_error
    assert "cannot convert mass" in result.content


async def test_days_between_parses_iso_dates() -> None:
    result = await days_between.run({"start": "2024-01-01", "end": "2024-03-01"})
    assert result.content == "60"
    assert await days_between(start=dt.date(2024, 1, 1), end=dt.date(2024, 3, 1)) == 60


async def test_word_count_counts() -> None:
    counts = await word_count(text="One two. Three four five!")
    assert counts == {"words": 5, "characters": 25, "sentences": 2}


async def test_compound_interest() -> None:
    result = await compound_interest(principal=1000, rate_percent=12, years=1, per_year=1)
    assert result == {"final_value": 1120.0, "interest_earned": 120.0}


async def test_current_time_rejects_unknown_zones() -> None:
    result = await current_time.run({"timezone": "Mars/Olympus"})
    assert result.is_error
    assert "IANA" in result.content
    assert (await current_time(timezone="UTC")).endswith("+00:00")
