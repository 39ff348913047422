"""How well each participant of a team has done, for choosing who speaks next.

A :class:`PerformanceStore` keeps, per participant name, how many turns it took, how many
succeeded and how long they took, and, per pair of consecutive speakers, how often the
second succeeded after the first. A selector reads it as three numbers between 0 and 1:
:meth:`~PerformanceStore.success_rate`, :meth:`~PerformanceStore.speed` and
:meth:`~PerformanceStore.affinity`; each is 0.5 for a name it knows nothing about, so a
newcomer is neither favoured nor held back.

Rates are smoothed (one success and one failure are assumed up front), so one lucky or
unlucky turn moves a rate without deciding it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PerformanceStore"]

_UNKNOWN = 0.5


@dataclass(slots=True)
class _Record:
    turns: int = 0
    successes: int = 0
    seconds: float = 0.0

    @property
    def mean_seconds(self) -> float:
        return self.seconds / self.turns


def _smoothed(successes: int, total: int) -> float:
    """The success rate with one success and one failure assumed: 0.5 with no data."""
    return (successes + 1) / (total + 2)


class PerformanceStore:
    """Past turns of a team's participants, kept in memory.

    A team keeps one store across its runs, so it learns who does well; pass the same
    store to several teams to share what they learn.

    Example::

        store = PerformanceStore()
        store.record_turn("writer", success=True, seconds=1.5)
        store.record_transition("researcher", "writer", success=True)
        store.affinity("researcher", "writer")   # 0.667
    """

    __slots__ = ("_pairs", "_records", "_typical")

    def __init__(self) -> None:
        self._records: dict[str, _Record] = {}
        self._pairs: dict[tuple[str, str], list[int]] = {}
        self._typical: float | None = None

    def record_turn(self, name: str, *, success: bool, seconds: float) -> None:
        """Note one turn of ``name``: whether it succeeded and its wall time."""
        record = self._records.get(name)
        if record is None:
            record = self._records[name] = _Record()
        record.turns += 1
        record.successes += success
        record.seconds += max(0.0, seconds)
        self._typical = None  # the typical turn time changed; recompute when asked

    def record_transition(self, previous: str, current: str, *, success: bool) -> None:
        """Note that ``current`` spoke right after ``previous``, and whether it succeeded."""
        counts = self._pairs.get((previous, current))
        if counts is None:
            counts = self._pairs[(previous, current)] = [0, 0]
        counts[0] += 1
        counts[1] += success

    def success_rate(self, name: str) -> float:
        """The smoothed share of ``name``'s turns that succeeded; 0.5 when unknown."""
        record = self._records.get(name)
        return _smoothed(record.successes, record.turns) if record else _UNKNOWN

    def speed(self, name: str) -> float:
        """How fast ``name``'s turns are compared with the others', from 0 (slow) to 1.

        Relative rather than absolute, because a fast turn on a local model and on a
        remote one differ by orders of magnitude. A participant as fast as the typical
        one (the mean of every participant's mean turn time) scores 0.5.
        """
        record = self._records.get(name)
        if record is None:
            return _UNKNOWN
        typical = self._typical_seconds()
        mean = record.mean_seconds
        return _UNKNOWN if typical + mean == 0.0 else typical / (typical + mean)

    def affinity(self, previous: str, current: str) -> float:
        """How well ``current`` has done right after ``previous``; 0.5 when unknown."""
        counts = self._pairs.get((previous, current))
        return _smoothed(counts[1], counts[0]) if counts else _UNKNOWN

    def turns(self, name: str) -> int:
        """How many turns of ``name`` the store has seen."""
        record = self._records.get(name)
        return record.turns if record else 0

    def _typical_seconds(self) -> float:
        if self._typical is None:
            means = [record.mean_seconds for record in self._records.values()]
            self._typical = sum(means) / len(means)
        return self._typical
