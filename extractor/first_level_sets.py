"""The usual first levels of a score framework (决策、过程、产出、效益 …, patterns/checks.json
first_level_sets). Shared by what reads a report's summary of its first-level scores
(extract/summary_scores.py: a list of names with no count word is one only when it makes a
set whole) and what checks a score tree (check/first_level.py)."""
from __future__ import annotations

from .patterns import load_json


def whole_first_level(names: list) -> bool:
    """Do the first-level indicators hold every member of one of the usual sets (决策、过程、
    产出、效益 …)? Only then is a weight sum other than 100 a contradiction and not a part
    of the form left out of the excerpt. A name holding two members is words about the set
    (按照决策、过程、产出、效益四个维度…：决策), no indicator of it."""
    def holds(name: str, member: str, members: list) -> bool:
        return member in name and sum(m in name for m in members) == 1

    return any(all(any(holds(name, member, members) for name in names) for member in members)
               for members in load_json("checks.json")["first_level_sets"])
