"""``conclave costs`` against a real server whose ledger holds known amounts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import create_engine, make_url

from tests.api.conftest import ADMIN_KEY
from tests.api.test_costs import A_LEDGER, A_RUNS, ledger_row, record
from tests.cli.test_login import Served, conclave, serving

TODAY = datetime.now(UTC).date()


def fill(served: Served) -> None:
    """Write the API tests' ledger, and a call today and eight days ago, into the server's
    store, through a connection of its own."""
    url = make_url(served.app.state.services.database.url).set(drivername="sqlite+pysqlite")
    recent = [
        ledger_row("default", run_id="t", agent="research", cost_nano=n, day=TODAY - timedelta(ago))
        for ago, n in ((0, 3_000), (8, 1_000))
    ]
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            record(connection, ledger=[*A_LEDGER, *recent], run_rows=A_RUNS)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("server")) as running:
        fill(running)
        yield running


def costs(served: Served, home: Path, *args: str) -> Result:
    return conclave("costs", *args, home=home, url=served.url, key=ADMIN_KEY)


def lines_of(result: Result) -> list[list[str]]:
    assert result.exit_code == 0, result.output
    return [line.split() for line in result.output.splitlines()]


def test_summary_by_agent_prints_a_row_per_agent_and_the_total(
    served: Served, tmp_path: Path
) -> None:
    lines = lines_of(costs(served, tmp_path, "summary", "--by", "agent", "--until", "2025-12-31"))
    assert lines == [
        ["AGENT", "CALLS", "INPUT", "OUTPUT", "COST"],
        ["research", "3", "1,410", "605", "$1.623457"],
        ["writer", "2", "201", "101", "$0.250000"],
        ["total", "5", "1,611", "706", "$1.873457"],
    ]


def test_summary_by_day_within_dates(served: Served, tmp_path: Path) -> None:
    result = costs(served, tmp_path, "summary", "--since", "2025-01-02", "--until", "2025-01-02")
    assert lines_of(result)[1:] == [
        ["2025-01-02", "2", "410", "105", "$0.623457"],
        ["total", "2", "410", "105", "$0.623457"],
    ]


def test_efficiency_prints_runs_and_the_cost_per_success(served: Served, tmp_path: Path) -> None:
    lines = lines_of(costs(served, tmp_path, "efficiency", "--until", "2025-12-31"))
    assert lines[0] == ["AGENT", "RUNS", "COMPLETED", "FAILED", "COST", "PER", "SUCCESS"]
    assert lines[1] == ["research", "2", "1", "1", "$1.623457", "$1.623457"]


def test_trends_prints_each_day_and_the_weekly_change(served: Served, tmp_path: Path) -> None:
    result = costs(served, tmp_path, "trends", "--days", "3")
    lines = lines_of(result)
    assert [line[0] for line in lines[1:4]] == [
        (TODAY - timedelta(days=ago)).isoformat() for ago in (2, 1, 0)
    ]
    assert lines[3][1:] == ["1", "$0.000003"]
    assert lines[4] == [
        "last", "7", "days:", "$0.000003;", "the", "7", "before:", "$0.000001;", "change:",
        "+200.0%",
    ]  # fmt: skip


def test_recommend_names_the_cheapest_model(served: Served, tmp_path: Path) -> None:
    lines = lines_of(costs(served, tmp_path, "recommend"))
    assert lines[0] == ["AGENT", "MODEL", "LIST", "COST", "CHEAPEST", "SAVING", "SHARE"]
    # 1,610 input and 705 output tokens at $2.50 and $10 a million.
    assert lines[1][:4] == ["research", "openai:gpt-4o", "$0.011075", "openai:gpt-5-nano"]


def test_a_bad_date_is_one_line_naming_the_option(served: Served, tmp_path: Path) -> None:
    result = costs(served, tmp_path, "summary", "--since", "2025-13-01")
    assert result.exit_code == 1
    assert result.output.startswith("error: invalid request: query.since: ")
    assert len(result.output.strip().splitlines()) == 1
