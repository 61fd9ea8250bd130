from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from actions.choices import Status


@dataclass(frozen=True)
class ActionProgress:
    """How far a set of actions has got: how many, how many closed, mean percent."""

    count: int
    closed: int
    mean_percent: int

    @classmethod
    def of(cls, actions: Iterable) -> ActionProgress:
        actions = list(actions)
        if not actions:
            return cls(0, 0, 0)
        closed = sum(action.status == Status.CLOSED for action in actions)
        mean = round(sum(action.percent_complete for action in actions) / len(actions))
        return cls(len(actions), closed, mean)
