"""Breakdowns set side by side (sum.breakdown): a total broken down by source (中央 / 市级 /
本级), then each of its components broken down by the same sources. The components are
shown to be a split of the total one of two ways, and each is then held to the other:
- their totals add up to the whole: each source across them must add up to that source's
  figure in the whole's breakdown (市级 343 against 208 + 136);
- every source across them adds up to the whole's: their totals must add up to the whole's
  total (4568 against 2740 + 1482 + 400, where 1482's own sources make 1428).
Each breakdown's own sum is check_sum_breakdown's."""
from __future__ import annotations

from .common import SEVERITY, facts_by_id, make_flag, relations_of, show, sum_of, written
from .tolerance import verdict

_MOST_COMPONENTS = 6


def parallel_breakdown_flags(record: dict) -> list:
    facts = facts_by_id(record)
    rels = sorted(relations_of(record, "breakdown"),  # (in the order the report states them)
                  key=lambda r: (facts[r["total"]]["source"].get("block") or 0, facts[r["total"]]["source"].get("start") or 0))
    flags = []
    for i, whole in enumerate(rels):
        names = _part_names(whole, facts)
        if names is None:
            continue
        run = _components(rels[i + 1:], names, whole, facts)
        if not run:
            continue
        totals = [facts[c["total"]] for c in run]
        by_source = {name: _across(run, name, facts) for name in names}
        total = facts[whole["total"]]
        if _adds_up(total, totals):
            for k, name in enumerate(names):
                flag = _flag(facts[whole["parts"][k]], by_source[name], name, f"（各部分总额{_plus(totals)} = {written(total)}）")
                if flag is not None:
                    flags.append(flag)
        else:  # (every source adds up: _components took the run for it)
            flag = _flag(total, totals, "总额", f"（各来源{'、'.join(names)}均与各部分之和相符）")
            if flag is not None:
                flags.append(flag)
    return flags


def _flag(stated: dict, parts: list, name: str, why: str):
    outcome, diff, tol = verdict(stated, sum_of(parts))
    if outcome not in ("error", "approx"):
        return None
    summed = sum_of(parts).mid
    return make_flag(
        SEVERITY[outcome],
        f"分项之和与总数不符：{name}合计{written(stated)}，而各组成部分的{name}{_plus(parts)} = {show(summed, stated)}，"
        f"差{show(abs(diff), stated)}{why}",
        stated["value"], summed, diff, tol, [stated] + parts)


def _plus(facts: list) -> str:
    return " + ".join(written(f) for f in facts)


def _adds_up(total: dict, parts: list) -> bool:
    return verdict(total, sum_of(parts))[0] == "ok"


def _part_names(rel: dict, facts: dict):
    """The names of a breakdown's parts (the words before each figure, its marker 其中 left
    out, else its label), when there are two or more, each named and no name twice; else None."""
    marker = rel.get("marker") or ""
    names = [(facts[p].get("context") or "").strip(" ：:").removeprefix(marker).strip(" ：:") or facts[p].get("label")
             for p in rel["parts"]]
    if len(names) < 2 or not all(names) or len(set(names)) != len(names):
        return None
    return names


def _across(run: list, name: str, facts: dict) -> list:
    """The part named `name` of each breakdown of the run (a component may list its sources
    in another order)."""
    return [facts[c["parts"][_part_names(c, facts).index(name)]] for c in run]


def _components(later: list, names: list, whole: dict, facts: dict) -> list:
    """The breakdowns right after `whole` into parts of its names (in any order) that are its
    components: the fewest, two or more, whose totals add up to its total or whose parts of
    each name add up to its part of that name; [] when no run does."""
    total = facts[whole["total"]]
    run = []
    for rel in later[:_MOST_COMPONENTS]:
        own = _part_names(rel, facts)
        if own is None or sorted(own) != sorted(names) or facts[rel["total"]]["unit"] != total["unit"]:
            return []
        run.append(rel)
        if len(run) >= 2 and (_adds_up(total, [facts[r["total"]] for r in run])
                              or all(_adds_up(facts[whole["parts"][k]], _across(run, name, facts))
                                     for k, name in enumerate(names))):
            return run
    return []
