from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conclave.engine.messages import Usage
from conclave.engine.models import pricing
from conclave.engine.models.pricing import Price, PriceTable
from conclave.errors import ConfigError

MILLION_IN = Usage(input_tokens=1_000_000)
MIXED = Usage(input_tokens=200_000, output_tokens=50_000)


@pytest.fixture
def table() -> PriceTable:
    return PriceTable.default()


def test_price_cost_is_per_million_tokens() -> None:
    price = Price(input_per_mtok=2.0, output_per_mtok=8.0)
    assert price.cost(Usage(input_tokens=500_000, output_tokens=250_000)) == pytest.approx(3.0)


def test_price_refuses_a_negative_amount() -> None:
    with pytest.raises(ConfigError, match="input_per_mtok"):
        Price(input_per_mtok=-1.0, output_per_mtok=1.0)


def test_default_table_is_loaded_once() -> None:
    assert PriceTable.default() is PriceTable.default()


def test_default_table_is_dated(table: PriceTable) -> None:
    assert isinstance(table.updated, date)


def test_default_table_prices_the_current_models(table: PriceTable) -> None:
    expected = {
        "openai:gpt-4o",
        "openai:gpt-4o-mini",
        "openai:gpt-4.1",
        "openai:gpt-4.1-mini",
        "openai:gpt-4.1-nano",
        "openai:o1",
        "openai:o1-mini",
        "openai:o3",
        "openai:o3-mini",
        "openai:o4-mini",
        "openai:gpt-5",
        "openai:gpt-5-mini",
        "openai:gpt-5-nano",
        "anthropic:claude-opus-4-1",
        "anthropic:claude-opus-4",
        "anthropic:claude-sonnet-4-5",
        "anthropic:claude-sonnet-4",
        "anthropic:claude-3-7-sonnet",
        "anthropic:claude-3-5-haiku",
        "anthropic:claude-haiku-4-5",
        "anthropic:claude-3-haiku",
    }
    assert expected <= set(table.prices)


def test_prices_mapping_is_read_only(table: PriceTable) -> None:
    prices: Any = table.prices
    with pytest.raises(TypeError):
        prices["openai:gpt-4o"] = Price(input_per_mtok=0, output_per_mtok=0)


def test_exact_key_wins_over_a_shorter_prefix(table: PriceTable) -> None:
    assert table.lookup("openai:gpt-4o-2024-05-13") != table.lookup("openai:gpt-4o")


@pytest.mark.parametrize(
    ("snapshot", "base"),
    [
        ("openai:gpt-4o-2024-08-06", "openai:gpt-4o"),
        ("openai:gpt-4.1-mini-2025-04-14", "openai:gpt-4.1-mini"),
        ("anthropic:claude-sonnet-4-5-20250929", "anthropic:claude-sonnet-4-5"),
        ("anthropic:claude-opus-4-1-20250805", "anthropic:claude-opus-4-1"),
    ],
)
def test_dated_snapshot_costs_what_its_base_model_costs(
    table: PriceTable, snapshot: str, base: str
) -> None:
    assert table.lookup(snapshot) == table.lookup(base)


def test_latest_alias_costs_what_its_base_model_costs(table: PriceTable) -> None:
    assert table.lookup("anthropic:claude-3-5-haiku-latest") == table.lookup(
        "anthropic:claude-3-5-haiku"
    )


def test_longest_known_prefix_wins(table: PriceTable) -> None:
    assert table.lookup("openai:gpt-4o-mini-2024-07-18") == table.lookup("openai:gpt-4o-mini")


def test_prefix_must_end_at_a_dash(table: PriceTable) -> None:
    assert table.lookup("openai:gpt-4oz") is None


def test_azure_uses_openai_prices(table: PriceTable) -> None:
    assert table.lookup("azure:gpt-4.1-mini") == table.lookup("openai:gpt-4.1-mini")


def test_openrouter_uses_the_vendor_prices(table: PriceTable) -> None:
    assert table.lookup("openrouter:openai/gpt-4o") == table.lookup("openai:gpt-4o")


def test_openrouter_dotted_anthropic_names_resolve(table: PriceTable) -> None:
    assert table.lookup("openrouter:anthropic/claude-sonnet-4.5") == table.lookup(
        "anthropic:claude-sonnet-4-5"
    )


def test_openrouter_free_variant_costs_nothing(table: PriceTable) -> None:
    assert table.cost("openrouter:meta-llama/llama-3.3-70b-instruct:free", MILLION_IN) == 0.0
    assert table.is_known("openrouter:meta-llama/llama-3.3-70b-instruct:free")


@pytest.mark.parametrize(
    "model", ["offline", "scripted:demo", "ollama:llama3.2", "vllm:qwen2.5", "lmstudio:phi-4"]
)
def test_local_models_cost_nothing(table: PriceTable, model: str) -> None:
    assert table.is_known(model)
    assert table.cost(model, MILLION_IN) == 0.0


def test_a_local_model_can_be_given_a_price(table: PriceTable) -> None:
    priced = table.merged({"vllm:my-finetune": {"input_per_mtok": 0.2, "output_per_mtok": 0.4}})
    assert priced.cost("vllm:my-finetune", MILLION_IN) == pytest.approx(0.2)


def test_unknown_model_costs_nothing_and_is_not_known(table: PriceTable) -> None:
    assert table.cost("openai:text-embedding-3-small", MILLION_IN) == 0.0
    assert not table.is_known("openai:text-embedding-3-small")


@pytest.mark.parametrize("model", ["gpt-4o", "nowhere:gpt-4o", "openai:"])
def test_malformed_model_string_is_unknown(table: PriceTable, model: str) -> None:
    assert table.lookup(model) is None


def test_lookup_ignores_case(table: PriceTable) -> None:
    assert table.lookup("OpenAI:GPT-4o") == table.lookup("openai:gpt-4o")


def test_cost_uses_input_and_output_prices(table: PriceTable) -> None:
    # gpt-4o lists 2.50 in and 10.00 out: 0.2 * 2.5 + 0.05 * 10 = 1.0
    assert table.cost("openai:gpt-4o", MIXED) == pytest.approx(1.0)


def test_a_model_string_is_resolved_once(
    table: PriceTable, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = table.merged({})
    calls: list[str] = []
    resolve = PriceTable._resolve

    def counting(self: PriceTable, model: str) -> object:
        calls.append(model)
        return resolve(self, model)

    monkeypatch.setattr(PriceTable, "_resolve", counting)
    for _ in range(3):
        fresh.lookup("openai:gpt-4o-2024-08-06")
    assert calls == ["openai:gpt-4o-2024-08-06"]


def test_resolution_cache_stays_bounded(table: PriceTable, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pricing, "_CACHE_LIMIT", 8)
    fresh = table.merged({})
    for number in range(50):
        fresh.lookup(f"openai:model-{number}")
    assert len(fresh._matches) <= 8


def test_merged_returns_a_new_table_and_leaves_the_original(table: PriceTable) -> None:
    cheaper = Price(input_per_mtok=1.0, output_per_mtok=4.0)
    merged = table.merged({"openai:gpt-4o": cheaper})
    assert merged.lookup("openai:gpt-4o") == cheaper
    assert table.lookup("openai:gpt-4o") != cheaper


def test_merged_override_reaches_dated_snapshots(table: PriceTable) -> None:
    cheaper = Price(input_per_mtok=1.0, output_per_mtok=4.0)
    merged = table.merged({"openai:gpt-4o": cheaper})
    assert merged.lookup("openai:gpt-4o-2024-08-06") == cheaper


def test_merged_refuses_a_bad_mapping_naming_the_field(table: PriceTable) -> None:
    with pytest.raises(ConfigError, match="output_per_mtok") as caught:
        table.merged({"openai:gpt-4o": {"input_per_mtok": 1.0, "output_per_mtok": "lots"}})
    assert caught.value.field == "output_per_mtok"


def test_merged_refuses_a_key_without_a_provider(table: PriceTable) -> None:
    with pytest.raises(ConfigError, match="provider:model"):
        table.merged({"gpt-4o": Price(input_per_mtok=1.0, output_per_mtok=1.0)})


def test_from_file_reads_yaml(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text(
        "updated: 2026-01-02\nmodels:\n"
        "  openai:gpt-4o: {input_per_mtok: 1.5, output_per_mtok: 6}\n",
        encoding="utf-8",
    )
    loaded = PriceTable.from_file(path)
    assert loaded.updated == date(2026, 1, 2)
    assert loaded.lookup("openai:gpt-4o") == Price(input_per_mtok=1.5, output_per_mtok=6.0)


def test_from_file_reads_json_with_exponents(tmp_path: Path) -> None:
    path = tmp_path / "prices.json"
    path.write_text(
        '{"models": {"openai:gpt-5-nano": {"input_per_mtok": 5e-2, "output_per_mtok": 0.4}}}',
        encoding="utf-8",
    )
    loaded = PriceTable.from_file(path)
    assert loaded.lookup("openai:gpt-5-nano") == Price(input_per_mtok=0.05, output_per_mtok=0.4)


def test_a_loaded_file_overrides_the_defaults(table: PriceTable, tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text(
        "models:\n  anthropic:claude-sonnet-4-5: {input_per_mtok: 2, output_per_mtok: 10}\n",
        encoding="utf-8",
    )
    merged = table.merged(PriceTable.from_file(path).prices)
    assert merged.cost("anthropic:claude-sonnet-4-5", MILLION_IN) == pytest.approx(2.0)
    assert merged.lookup("openai:gpt-4o") == table.lookup("openai:gpt-4o")


def test_bad_price_file_names_the_file_and_the_field(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text(
        "models:\n  openai:gpt-4o: {input_per_mtok: cheap, output_per_mtok: 10}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        PriceTable.from_file(path)
    assert str(path) in str(caught.value)
    assert caught.value.field == "models['openai:gpt-4o'].input_per_mtok"


def test_price_file_with_a_misspelt_field_says_so(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text(
        "models:\n  openai:gpt-4o: {input: 2.5, output_per_mtok: 10, input_per_mtok: 2.5}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="unknown field"):
        PriceTable.from_file(path)


def test_price_file_in_another_currency_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text("currency: EUR\nmodels: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="currency"):
        PriceTable.from_file(path)


def test_price_file_with_a_bad_key_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text(
        "models:\n  gpt-4o: {input_per_mtok: 2.5, output_per_mtok: 10}\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="provider:model") as caught:
        PriceTable.from_file(path)
    assert str(path) in str(caught.value)


def test_price_file_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text("- openai:gpt-4o\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="mapping"):
        PriceTable.from_file(path)


def test_price_file_that_does_not_parse_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "prices.json"
    path.write_text('{"models": {', encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid JSON"):
        PriceTable.from_file(path)


def test_missing_price_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        PriceTable.from_file(tmp_path / "absent.yaml")


def test_price_file_error_pickles(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text("models:\n  openai:gpt-4o: {input_per_mtok: -1, output_per_mtok: 1}\n")
    with pytest.raises(ConfigError) as caught:
        PriceTable.from_file(path)
    assert pickle.loads(pickle.dumps(caught.value)).field == caught.value.field


def test_cheapest_alternatives_are_cheaper_and_sorted(table: PriceTable) -> None:
    alternatives = table.cheapest_alternatives("openai:gpt-4o", MIXED)
    costs = [cost for _, cost in alternatives]
    assert alternatives[0][0] == "openai:gpt-5-nano"
    assert costs == sorted(costs)
    assert max(costs) < table.cost("openai:gpt-4o", MIXED)


def test_cheapest_alternatives_stay_with_the_provider(table: PriceTable) -> None:
    alternatives = table.cheapest_alternatives("anthropic:claude-sonnet-4-5", MIXED)
    assert [name for name, _ in alternatives] == [
        "anthropic:claude-3-haiku",
        "anthropic:claude-3-5-haiku",
        "anthropic:claude-haiku-4-5",
    ]


def test_cheapest_alternatives_keep_the_gateway_spelling(table: PriceTable) -> None:
    azure = table.cheapest_alternatives("azure:gpt-4o-mini", MIXED)
    routed = table.cheapest_alternatives("openrouter:anthropic/claude-haiku-4.5", MIXED)
    assert {name for name, _ in azure} == {"azure:gpt-5-nano", "azure:gpt-4.1-nano"}
    assert [name for name, _ in routed] == [
        "openrouter:anthropic/claude-3-haiku",
        "openrouter:anthropic/claude-3.5-haiku",
    ]


def test_cheapest_alternatives_leave_out_dated_snapshots(table: PriceTable) -> None:
    alternatives = table.cheapest_alternatives("openai:o1-pro", MIXED)
    assert "openai:gpt-4o-2024-05-13" not in dict(alternatives)


def test_cheapest_alternatives_of_an_unknown_model_are_none(table: PriceTable) -> None:
    assert table.cheapest_alternatives("openai:mystery", MIXED) == []
