from __future__ import annotations

import pytest

from conclave.engine.personas import NEUTRAL, PERSONALITIES, Persona, personality_from_spec
from conclave.errors import SpecError, UnknownName

BUILT_INS = [name for name in PERSONALITIES if name != "neutral"]


@pytest.mark.parametrize("name", BUILT_INS)
def test_each_built_in_prompt_states_its_traits_tone_and_approach(name: str) -> None:
    persona = PERSONALITIES[name]
    prompt = personality_from_spec(name).prompt()
    assert all(trait in prompt for trait in persona.traits)
    assert persona.tone in prompt
    assert persona.approach in prompt


def test_built_ins_differ_in_tone() -> None:
    tones = {PERSONALITIES[name].tone for name in BUILT_INS}
    assert len(tones) == len(BUILT_INS)


def test_analytical_prompt_describes_a_precise_evidence_driven_agent() -> None:
    prompt = personality_from_spec("analytical").prompt()
    assert "precise" in prompt
    assert "evidence" in prompt


def test_concise_prompt_asks_for_brevity() -> None:
    assert "brief" in personality_from_spec("concise").prompt()


def test_none_gives_the_neutral_personality_with_an_empty_prompt() -> None:
    personality = personality_from_spec(None)
    assert personality is NEUTRAL
    assert personality.prompt() == ""


def test_names_ignore_case_and_surrounding_spaces() -> None:
    assert personality_from_spec("  Supportive ") is PERSONALITIES["supportive"]


def test_mapping_overrides_the_tone_and_keeps_the_other_fields() -> None:
    personality = personality_from_spec({"name": "creative", "tone": "calm and quiet"})
    prompt = personality.prompt()
    assert "calm and quiet" in prompt
    assert PERSONALITIES["creative"].tone not in prompt
    assert "imaginative" in prompt
    assert personality.name == "creative"


def test_mapping_overrides_the_traits() -> None:
    personality = personality_from_spec({"name": "analytical", "traits": ["curious", "bold"]})
    assert "curious, bold" in personality.prompt()
    assert "methodical" not in personality.prompt()


def test_mapping_without_a_name_builds_a_custom_personality_from_neutral() -> None:
    personality = personality_from_spec({"traits": ["witty"], "approach": "use examples"})
    assert personality.name == "custom"
    assert "witty" in personality.prompt()
    assert "Tone" not in personality.prompt()


def test_mapping_with_only_a_name_is_that_built_in() -> None:
    assert personality_from_spec({"name": "concise"}) is PERSONALITIES["concise"]


def test_persona_prompt_does_not_double_full_stops() -> None:
    prompt = Persona("x", tone="warm.", approach="listen first.").prompt()
    assert ".." not in prompt


def test_unknown_name_suggests_the_closest_built_in() -> None:
    with pytest.raises(UnknownName, match="did you mean 'analytical'"):
        personality_from_spec("analitical")


def test_unknown_base_name_in_a_mapping_suggests_the_closest_built_in() -> None:
    with pytest.raises(UnknownName, match="did you mean 'supportive'"):
        personality_from_spec({"name": "suportive", "tone": "kind"})


def test_unknown_field_gives_a_spec_error_naming_it() -> None:
    with pytest.raises(SpecError, match="'humour'") as caught:
        personality_from_spec({"name": "creative", "humour": "dry"})
    assert caught.value.fields["field"] == "humour"


def test_traits_given_as_one_string_give_a_spec_error_naming_traits() -> None:
    with pytest.raises(SpecError, match="'traits'") as caught:
        personality_from_spec({"traits": "curious"})
    assert caught.value.fields["field"] == "traits"


def test_a_value_that_is_neither_name_nor_mapping_gives_a_spec_error() -> None:
    with pytest.raises(SpecError, match="name or a mapping"):
        personality_from_spec(42)  # type: ignore[arg-type]
