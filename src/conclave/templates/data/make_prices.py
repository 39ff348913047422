"""Generate the bundled price file, prices.csv: SYNTHETIC daily closes, not market data.

Each ticker follows a seeded geometric Brownian motion with its own drift and volatility,
over the weekdays of 2023 and 2024 (no holidays). The same script always writes the same
file; run it from anywhere with ``python make_prices.py`` to regenerate it::

    S[t+1] = S[t] * exp((mu - sigma**2 / 2) * dt + sigma * sqrt(dt) * Z),  dt = 1/252
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
import zlib
from pathlib import Path

SEED = 20240101
FIRST_DAY = dt.date(2023, 1, 2)
LAST_DAY = dt.date(2024, 12, 31)
TRADING_DAYS_PER_YEAR = 252
# Symbol: (annual drift, annual volatility, first close), chosen to look plausible.
TICKERS: dict[str, tuple[float, float, float]] = {
    "AAPL": (0.12, 0.25, 130.0),
    "MSFT": (0.14, 0.24, 240.0),
    "NVDA": (0.30, 0.50, 150.0),
    "JPM": (0.08, 0.22, 135.0),
    "XOM": (0.05, 0.27, 110.0),
    "SPY": (0.08, 0.16, 380.0),
}
OUTPUT = Path(__file__).with_name("prices.csv")


def weekdays(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every Monday to Friday from ``first`` to ``last``, inclusive."""
    days = (first + dt.timedelta(days=offset) for offset in range((last - first).days + 1))
    return [day for day in days if day.weekday() < 5]


def closes(symbol: str, count: int) -> list[float]:
    """``count`` closes of one ticker, from a generator seeded by the symbol."""
    drift, volatility, price = TICKERS[symbol]
    rng = random.Random(SEED + zlib.crc32(symbol.encode()))
    step = 1 / TRADING_DAYS_PER_YEAR
    values = [price]
    for _ in range(count - 1):
        shock = rng.gauss(0.0, 1.0)
        price *= math.exp((drift - volatility**2 / 2) * step + volatility * math.sqrt(step) * shock)
        values.append(price)
    return [round(value, 2) for value in values]


def render() -> str:
    """The whole CSV: ``date,symbol,close``, by symbol then date."""
    days = weekdays(FIRST_DAY, LAST_DAY)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["date", "symbol", "close"])
    for symbol in TICKERS:
        for day, close in zip(days, closes(symbol, len(days)), strict=True):
            writer.writerow([day.isoformat(), symbol, f"{close:.2f}"])
    return buffer.getvalue()


def main() -> None:
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
