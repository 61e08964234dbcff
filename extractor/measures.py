"""Which figures measure alike, so that one may be a rate's numerator over the other: of one
kind and unit, or both of a group patterns/relations.json lists (people and person-times).
Shared by the relation finder (the figures it offers a rate) and the checker (the pairs it
tries before it says none reproduces the rate)."""
from __future__ import annotations

from functools import lru_cache

from .patterns import load_json


@lru_cache(maxsize=1)
def _alike() -> frozenset:
    return frozenset(tuple(m) for m in load_json("relations.json")["rate_measures_alike"])


def measures_of(kind: str, unit: str) -> frozenset:
    """The (kind, unit) pairs a figure of this kind and unit may be divided by or into."""
    own = (kind, unit)
    return _alike() if own in _alike() else frozenset({own})


def of_one_measure(a: dict, b: dict) -> bool:
    return (b["kind"], b["unit"]) in measures_of(a["kind"], a["unit"])
