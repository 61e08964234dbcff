"""Breakdowns set side by side (sum.breakdown): a total broken down by source (中央 / 市级 /
本级), then each of its components broken down by the same sources. Where the components'
totals add up to the whole, each source's figures across the components must add up to
that source's figure in the whole's breakdown (市级 343 against 208 + 136); a source that
does not is flagged. Each breakdown's own sum is check_sum_breakdown's."""
from __future__ import annotations

from .common import SEVERITY, facts_by_id, make_flag, relations_of, show, sum_of, written
from .tolerance import verdict

_MOST_COMPONENTS = 6


def parallel_breakdown_flags(record: dict) -> list:
    facts = facts_by_id(record)
    rels = relations_of(record, "breakdown")
    flags = []
    for i, whole in enumerate(rels):
        names = _part_names(whole, facts)
        if names is None:
            continue
        components = _components(rels[i + 1:], names, whole, facts)
        for k, name in enumerate(names if components else ()):
            stated = facts[whole["parts"][k]]
            parts = [facts[c["parts"][k]] for c in components]
            outcome, diff, tol = verdict(stated, sum_of(parts))
            if outcome not in ("error", "approx"):
                continue
            summed = sum_of(parts).mid
            shown = " + ".join(written(p) for p in parts)
            flags.append(make_flag(
                SEVERITY[outcome],
                f"分项之和与总数不符：{name}合计{written(stated)}，而各组成部分的{name}{shown} = {show(summed, stated)}，"
                f"差{show(abs(diff), stated)}（各部分总额{' + '.join(written(facts[c['total']]) for c in components)}"
                f" = {written(facts[whole['total']])}）",
                stated["value"], summed, diff, tol,
                [stated] + parts + [facts[whole["total"]]] + [facts[c["total"]] for c in components]))
    return flags


def _part_names(rel: dict, facts: dict):
    """The names of a breakdown's parts (the words before each figure, its marker 其中 left
    out, else its label), when there are two or more, each named and no name twice; else None."""
    marker = rel.get("marker") or ""
    names = [(facts[p].get("context") or "").removeprefix(marker) or facts[p].get("label") for p in rel["parts"]]
    if len(names) < 2 or not all(names) or len(set(names)) != len(names):
        return None
    return names


def _components(later: list, names: list, whole: dict, facts: dict) -> list:
    """The breakdowns right after `whole` with its part labels in its order whose totals add
    up to its total (the fewest that do); [] when no run of two or more does."""
    unit = facts[whole["total"]]["unit"]
    run = []
    for rel in later[:_MOST_COMPONENTS]:
        if _part_names(rel, facts) != names or facts[rel["total"]]["unit"] != unit:
            return []
        run.append(rel)
        if len(run) >= 2 and verdict(facts[whole["total"]], sum_of([facts[r["total"]] for r in run]))[0] == "ok":
            return run
    return []
