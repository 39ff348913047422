from __future__ import annotations

import csv
import importlib.util
import json
import math
import statistics
from pathlib import Path

import pytest

from conclave.templates import DATA_DIR
from conclave.templates.tools.trading import (
    moving_average_signal,
    news_sentiment,
    paper_trade,
    price_history,
    risk_check,
)

PRICES = DATA_DIR / "prices.csv"


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCLAVE_DATA_DIR", str(tmp_path))


def rows(symbol: str) -> list[tuple[str, float]]:
    """The symbol's (date, close) rows, read straight from the CSV."""
    with PRICES.open(newline="") as file:
        return [
            (r["date"], float(r["close"])) for r in csv.DictReader(file) if r["symbol"] == symbol
        ]


def closes(symbol: str) -> list[float]:
    return [close for _, close in rows(symbol)]


def daily_returns(values: list[float]) -> list[float]:
    return [values[i] / values[i - 1] - 1 for i in range(1, len(values))]


def sma(values: list[float], window: int, end: int) -> float:
    return statistics.fmean(values[end - window : end])


def test_the_bundled_prices_cover_six_symbols_over_two_years() -> None:
    with PRICES.open(newline="") as file:
        data = list(csv.DictReader(file))
    symbols = {row["symbol"] for row in data}
    assert symbols == {"AAPL", "MSFT", "NVDA", "JPM", "XOM", "SPY"}
    assert all(len(rows(symbol)) == 522 for symbol in symbols)
    assert (data[0]["date"], data[-1]["date"]) == ("2023-01-02", "2024-12-31")
    assert PRICES.stat().st_size < 300_000


def test_the_price_generator_reproduces_the_bundled_file() -> None:
    spec = importlib.util.spec_from_file_location("make_prices", DATA_DIR / "make_prices.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == PRICES.read_text()


def test_the_data_readme_says_the_prices_are_synthetic() -> None:
    assert "synthetic" in (DATA_DIR / "README.md").read_text().lower()
    for tool in (price_history, moving_average_signal, risk_check, paper_trade):
        assert "SYNTHETIC" in tool.description  # what the model reads


async def test_price_history_gives_the_last_closes_with_return_and_volatility() -> None:
    data = rows("MSFT")[-30:]
    values = [close for _, close in data]
    volatility = statistics.stdev(daily_returns(values))
    result = await price_history(symbol="msft", days=30)
    assert result["closes"] == values
    assert (result["from"], result["to"]) == (data[0][0], data[-1][0])
    assert result["return_percent"] == round((values[-1] / values[0] - 1) * 100, 4)
    assert result["daily_volatility_percent"] == round(volatility * 100, 4)
    assert result["annualised_volatility_percent"] == round(volatility * math.sqrt(252) * 100, 4)


async def test_price_history_suggests_a_known_symbol() -> None:
    result = await price_history.run({"symbol": "APPL"})
    assert result.is_error
    assert "did you mean 'AAPL'?" in result.content
    assert "synthetic data covers AAPL, JPM, MSFT, NVDA, SPY, XOM" in result.content


async def test_price_history_refuses_a_window_longer_than_the_data() -> None:
    result = await price_history.run({"symbol": "SPY", "days": 1000})
    assert result.is_error
    assert "days must be from 2 to 522" in result.content


@pytest.mark.parametrize("symbol", ["AAPL", "MSFT", "NVDA", "JPM", "XOM", "SPY"])
async def test_moving_average_signal_follows_the_crossover_rule(symbol: str) -> None:
    values = closes(symbol)
    fast, slow = sma(values, 10, len(values)), sma(values, 30, len(values))
    spread = (fast / slow - 1) * 100
    expected = "BUY" if spread > 0.5 else "SELL" if spread < -0.5 else "HOLD"
    result = await moving_average_signal(symbol=symbol)
    assert result["signal"] == expected
    assert (result["fast_ma_10"], result["slow_ma_30"]) == (round(fast, 4), round(slow, 4))
    assert result["spread_percent"] == round(spread, 4)


async def test_moving_average_signal_dates_the_last_crossover() -> None:
    data = rows("XOM")
    values = [close for _, close in data]
    above = [sma(values, 10, end) > sma(values, 30, end) for end in range(30, len(values) + 1)]
    flip = max(i for i in range(1, len(above)) if above[i] != above[i - 1])
    crossed_at = 30 + flip - 1  # the index of the close whose average crossed
    result = await moving_average_signal(symbol="XOM")
    assert result["last_crossover"] == {
        "date": data[crossed_at][0],
        "direction": "up" if above[flip] else "down",
        "sessions_ago": len(values) - 1 - crossed_at,
    }


async def test_moving_average_signal_needs_the_fast_window_shorter() -> None:
    result = await moving_average_signal.run({"symbol": "SPY", "fast": 30, "slow": 10})
    assert result.is_error
    assert "need 1 <= fast < slow" in result.content


def squash(total: float) -> float:
    return round(total / math.sqrt(total * total + 15), 4)


@pytest.mark.parametrize(
    ("text", "total", "label"),
    [
        ("Revenue surged to a record.", 4.0, "positive"),  # two strong words
        ("Profits did not rise.", 0.0, "neutral"),  # profits +1, "not rise" -1
        ("The outlook is not weak, and sales are strong.", 2.0, "positive"),
        ("Margins were very weak after the recall.", -2.5, "negative"),  # 1.5 x weak, recall
        ("Shares didn't fall; the fraud probe widened.", -2.0, "negative"),  # +1 -2 -1
    ],
)
async def test_news_sentiment_scores_by_lexicon_with_negation(
    text: str, total: float, label: str
) -> None:
    result = await news_sentiment(text=text)
    assert (result["total_weight"], result["score"], result["label"]) == (
        total,
        squash(total),
        label,
    )


async def test_news_sentiment_lists_the_words_that_moved_it() -> None:
    result = await news_sentiment(text="Earnings beat forecasts but guidance was not strong.")
    assert (result["positive"], result["negative"]) == (["beat"], ["not strong"])


async def test_news_sentiment_asks_for_text() -> None:
    assert (await news_sentiment.run({"text": "  "})).is_error


async def test_risk_check_measures_value_at_risk_from_the_history() -> None:
    values = closes("NVDA")
    returns = daily_returns(values[-251:])
    fifth = sorted(returns)[math.floor(0.05 * 250)]
    value = values[-1] * 100
    result = await risk_check(symbol="NVDA", quantity=100, capital=100_000)
    assert result["position_value"] == round(value, 2)
    assert result["percent_of_capital"] == round(value / 1000, 4)
    assert result["daily_volatility_percent"] == round(statistics.stdev(returns) * 100, 4)
    assert result["var_95_one_day"] == round(-fifth * value, 2)
    assert (result["verdict"], result["breaches"]) == ("PASS", [])


async def test_risk_check_fails_a_position_over_the_limits() -> None:
    result = await risk_check(symbol="SPY", quantity=500, capital=100_000)
    assert result["verdict"] == "FAIL"
    assert result["breaches"][0].startswith("position is 183.81% of capital, over the 20.0%")
    assert result["breaches"][1].startswith("one-day VaR is")


async def test_risk_check_needs_a_positive_quantity() -> None:
    assert (await risk_check.run({"symbol": "SPY", "quantity": 0, "capital": 1})).is_error


async def test_paper_trade_records_each_trade_at_the_last_close(tmp_path: Path) -> None:
    date, close = rows("JPM")[-1]
    first = await paper_trade(symbol="JPM", side="BUY", quantity=10)
    second = await paper_trade(symbol="JPM", side="SELL", quantity=4)
    assert (first["price"], first["price_date"], first["value"]) == (
        close,
        date,
        round(close * 10, 2),
    )
    assert (first["net_position"], second["net_position"]) == (10, 6)
    ledger = json.loads((tmp_path / "paper_trades.json").read_text())
    assert [(t["side"], t["quantity"]) for t in ledger["trades"]] == [("BUY", 10), ("SELL", 4)]


async def test_paper_trade_takes_only_buy_or_sell() -> None:
    result = await paper_trade.run({"symbol": "JPM", "side": "HOLD", "quantity": 1})
    assert result.is_error
    assert "side" in result.content


def test_only_paper_trade_needs_approval_and_is_not_idempotent() -> None:
    assert paper_trade.requires_approval and not paper_trade.idempotent
    for tool in (price_history, moving_average_signal, news_sentiment, risk_check):
        assert tool.idempotent and not tool.requires_approval
