"""The agent factory: one blueprint per spec, built once, and not kept forever."""

from __future__ import annotations

import gc
import weakref

from conclave import AgentFactory, AgentSpec
from conclave.engine.factory import BLUEPRINTS_KEPT


def _spec(number: int) -> AgentSpec:
    return AgentSpec.from_data({"name": f"agent-{number}", "instructions": "Be brief."})


def test_a_spec_built_twice_shares_one_blueprint() -> None:
    factory = AgentFactory(model="offline")
    spec = _spec(1)
    assert factory.build(spec).blueprint is factory.build(spec).blueprint


def test_specs_built_once_each_are_not_kept_alive_forever() -> None:
    factory = AgentFactory(model="offline")
    first = _spec(0)
    factory.build(first)
    kept = weakref.ref(first)
    del first
    for number in range(1, BLUEPRINTS_KEPT + 1):
        factory.build(_spec(number))
    gc.collect()
    assert kept() is None


def test_a_spec_in_use_stays_cached_among_many_others() -> None:
    factory = AgentFactory(model="offline")
    hot = _spec(0)
    blueprint = factory.build(hot).blueprint
    for number in range(1, 2 * BLUEPRINTS_KEPT):
        factory.build(_spec(number))
        if number % 100 == 0:
            assert factory.build(hot).blueprint is blueprint
    assert factory.build(hot).blueprint is blueprint
