from __future__ import annotations

import pytest

from conclave.engine.teams._conditions import Check, Criteria, compile_pattern, parse_condition
from conclave.errors import SpecError

OUTPUTS = {"signal": "Signal: BUY 10 shares", "review": "  approved  ", "count": "3"}


def _holds(data: object) -> bool:
    return parse_condition(data, where="when").holds(OUTPUTS)


def test_contains_holds_when_the_output_has_the_text() -> None:
    assert _holds({"step": "signal", "contains": "BUY"})
    assert not _holds({"step": "signal", "contains": "SELL"})


def test_not_contains_holds_when_the_text_is_absent() -> None:
    assert _holds({"step": "signal", "not_contains": "SELL"})
    assert not _holds({"step": "signal", "not_contains": "BUY"})


def test_equals_ignores_surrounding_whitespace() -> None:
    assert _holds({"step": "review", "equals": "approved"})
    assert not _holds({"step": "review", "equals": "approve"})


def test_numbers_from_yaml_are_compared_as_text() -> None:
    assert _holds({"step": "count", "equals": 3})


def test_matches_searches_a_regular_expression() -> None:
    assert _holds({"step": "signal", "matches": r"BUY \d+"})
    assert not _holds({"step": "signal", "matches": r"^BUY"})


def test_a_list_of_texts_must_all_be_present() -> None:
    assert _holds({"step": "signal", "contains": ["BUY", "shares"]})
    assert not _holds({"step": "signal", "contains": ["BUY", "options"]})


def test_several_checks_on_one_step_must_all_pass() -> None:
    assert _holds({"step": "signal", "contains": "BUY", "not_contains": "SELL"})
    assert not _holds({"step": "signal", "contains": "BUY", "not_contains": "10"})


def test_a_step_that_has_not_run_reads_as_empty() -> None:
    assert _holds({"step": "later", "not_contains": "x"})
    assert not _holds({"step": "later", "contains": "x"})


def test_any_all_and_not_combine_conditions() -> None:
    buy = {"step": "signal", "contains": "BUY"}
    sell = {"step": "signal", "contains": "SELL"}
    assert _holds({"any": [sell, buy]})
    assert not _holds({"all": [sell, buy]})
    assert _holds({"not": sell})
    assert _holds({"all": [buy, {"not": sell}]})


def test_a_condition_describes_itself() -> None:
    condition = parse_condition(
        {"any": [{"step": "a", "contains": "X"}, {"not": {"step": "b", "equals": "Y"}}]},
        where="when",
    )
    assert condition.describe() == "(a contains 'X' or not b equals 'Y')"


def test_a_condition_lists_the_steps_it_reads_with_their_paths() -> None:
    condition = parse_condition(
        {"all": [{"step": "a", "contains": "X"}, {"step": "b", "contains": "Y"}]}, where="w"
    )
    assert list(condition.references()) == [("a", "w.all.0.step"), ("b", "w.all.1.step")]


def test_an_unknown_key_is_an_error_naming_its_path() -> None:
    with pytest.raises(SpecError, match=r"steps\.2\.when\.contain: unknown condition key"):
        parse_condition({"step": "a", "contain": "X"}, where="steps.2.when")


def test_a_test_without_a_step_is_an_error() -> None:
    with pytest.raises(SpecError, match=r"when\.step: name the step whose output to test"):
        parse_condition({"contains": "X"}, where="when")


def test_a_test_without_a_check_is_an_error() -> None:
    with pytest.raises(SpecError, match="say what to test in 'a'"):
        parse_condition({"step": "a"}, where="when")


def test_a_combiner_beside_other_keys_is_an_error() -> None:
    with pytest.raises(SpecError, match="'any' cannot sit beside other keys"):
        parse_condition({"any": [], "step": "a"}, where="when")


def test_any_needs_a_non_empty_list() -> None:
    with pytest.raises(SpecError, match=r"when\.any: give a non-empty list"):
        parse_condition({"any": []}, where="when")


def test_a_nested_error_names_the_full_path() -> None:
    with pytest.raises(SpecError, match=r"when\.all\.1\.step"):
        parse_condition({"all": [{"step": "a", "contains": "X"}, {"equals": "Y"}]}, where="when")


def test_a_bad_regular_expression_is_an_error_at_load() -> None:
    with pytest.raises(SpecError, match=r"when\.matches: invalid regular expression '\('"):
        parse_condition({"step": "a", "matches": "("}, where="when")


def test_a_condition_must_be_a_mapping() -> None:
    with pytest.raises(SpecError, match="when: expected a mapping"):
        parse_condition("signal contains BUY", where="when")


def test_a_check_value_must_be_text() -> None:
    with pytest.raises(SpecError, match=r"when\.contains: expected a text"):
        parse_condition({"step": "a", "contains": {"x": 1}}, where="when")


def test_criteria_accept_an_output_that_meets_them_all() -> None:
    criteria = Criteria((Check("contains", "PASS"), Check("not_contains", "TODO")), 3)
    assert criteria.miss("tests PASS") is None


def test_criteria_name_the_first_criterion_missed() -> None:
    criteria = Criteria(
        (Check("contains", "PASS"), Check("matches", r"\d+", compile_pattern(r"\d+", where="s"))),
        min_length=2,
    )
    assert criteria.miss(" ") == "min_length 2 (it has 0 characters)"
    assert criteria.miss("FAIL") == "contains 'PASS'"
    assert criteria.miss("PASS") == r"matches '\\d+'"
