from __future__ import annotations

import asyncio

import pytest

from conclave.engine._deadline import within


async def _value_after(seconds: float, value: int = 1) -> int:
    await asyncio.sleep(seconds)
    return value


async def test_a_fast_await_returns_its_value() -> None:
    assert await within(_value_after(0, 7), 1) == 7


async def test_a_slow_await_raises_timeout_error() -> None:
    with pytest.raises(TimeoutError):
        await within(_value_after(1), 0.01)


async def test_the_task_is_not_left_cancelling_after_a_timeout() -> None:
    with pytest.raises(TimeoutError):
        await within(_value_after(1), 0.01)
    task = asyncio.current_task()
    assert task is not None
    assert task.cancelling() == 0
    assert await _value_after(0.001, 3) == 3


async def test_a_cancellation_from_outside_stays_a_cancellation() -> None:
    task = asyncio.create_task(within(_value_after(1), 5))
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_the_timer_is_cancelled_when_the_await_finishes() -> None:
    loop = asyncio.get_running_loop()
    before = sum(1 for handle in loop._scheduled if not handle.cancelled())  # type: ignore[attr-defined]
    await within(_value_after(0), 60)
    after = sum(1 for handle in loop._scheduled if not handle.cancelled())  # type: ignore[attr-defined]
    assert after == before
