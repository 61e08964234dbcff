"""Scores: a value against the bracket it was scored under (rule.bracket), and the indicator
tree — scores against their parents and the total, weights against 100, no score above its
weight (score.tree). The grade against the score band (score.grade) is registered here, in
its place among the score rules, and checked in grades.py."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

import regex

from ..points import whole_or_half
from . import rule
from .common import (SCORE_HEADER, SEVERITY, facts_by_id, make_flag, relations_of, rounded, sum_of, table_cells,
                     written)
from .first_level import stray_tops, top_weights, whole_first_level
from .grades import report_grade_flags, table_row_grade_flags
from .level_weights import level_weight_flags
from .tree_parts import parts_to_sum
from .tolerance import exactly_off, interval_of, points_interval, verdict, whole_points_off


@rule("score.grade")
def check_score_grade(record: dict) -> list:
    """The report's grade against its total score's band, and each row's of a table of
    projects against its row's scores."""
    return report_grade_flags(record) + table_row_grade_flags(record)


@rule("rule.bracket")
def check_rule_bracket(record: dict) -> list:
    """A value scored under a bracket it does not fall in (10.12% … 按11-30%档得4分)."""
    facts = facts_by_id(record)
    flags = []
    for rel in relations_of(record, "bracket"):
        value, bracket = facts[rel["value"]], facts[rel["bracket"]]
        low, high = Decimal(bracket["value"]), Decimal(bracket["range_high"])
        v = interval_of(value)
        if v.high >= low and v.low <= high:
            continue
        evidence = [value, bracket] + ([facts[rel["score"]]] if rel.get("score") else [])
        score_text = f"，据此得{written(facts[rel['score']])}" if rel.get("score") else ""
        flags.append(make_flag(
            "error", f"{rel['name']}为{written(value)}，不在所适用的{written(bracket)}档内{score_text}",
            value["value"], f"{low}-{high}", None, None, evidence))
    return flags


def _score_fact(value, source: dict, name: str, origin: Optional[str] = None) -> dict:
    """An indicator's score, shaped like a fact so tolerances and evidence work the same."""
    d = Decimal(str(value))
    return {"id": f"indicator:{name}", "value": d, "decimals": max(0, -d.as_tuple().exponent), "scale": 1,
            "unit": "分", "text": f"{d}分", "source": source or {}, "origin": origin}


def _awarded(fact: dict):
    """A score table's points, and those a report lists by indicator (得14分。其中项目立项5分、
    绩效目标4分…), are awarded as written: whole ones are exact (as form.score_total has
    them); a score a report's prose sums up (投入绩效为19分) may be rounded."""
    return points_interval(fact) if fact.get("origin") in ("table", "list") else interval_of(fact)


_FULL_MARKS = Decimal(100)


@rule("score.tree")
def check_score_tree(record: dict) -> list:
    """Indicator scores against their parents and the total; top-level weights sum to 100;
    no score above its weight. A gap the report explains by a row without a score is a
    warning that names that row."""
    flags = _deduction_totals(record) + _report_score_against_table(record) + level_weight_flags(record)
    # each score table written as running text is a tree of its own (indicators["table"]); the
    # others are read as one
    groups: dict = {}
    for i in record.get("indicators") or []:
        groups.setdefault(i.get("table"), []).append(i)
    for indicators in groups.values():
        flags += _tree_flags(record, indicators, alone=len(groups) == 1)
    return flags


# the column of a score table's weights (its points awarded: common.SCORE_HEADER)
_WEIGHT_HEADER = regex.compile(r"^(?:分值|权重|指标分值|指标权重|标准分)$")
# a report score that is a review's or an adjustment's, not the table's own total
_REVISED_SCORE = regex.compile(r"复核|复评|调整|核定|审定|最终|折算|加分|扣分")


def _report_score_against_table(record: dict) -> list:
    """The report's score against the 合计 row of its one score table (综合得分为86分 under a
    table whose 合计 | 100 | 88): one total stated twice. Not where the report states other
    totals beside it, names a review or an adjustment, or has a form (its own rules)."""
    meta, src = record.get("metadata", {}), record.get("metadata_sources", {}).get("score") or {}
    if meta.get("score") is None or src.get("other_scores") or src.get("revised") \
            or _REVISED_SCORE.search(src.get("quote", "")) \
            or any(form.get("indicators") or form.get("total_score") for form in record.get("forms") or []):
        return []
    cells = table_cells(record)
    totals = []
    for table in record.get("tables", []):
        header = [str(c).replace(" ", "") for c in (table["header"][-1] if table["header"] else [])]
        score_cols = [c for c, h in enumerate(header) if SCORE_HEADER.match(h)]
        weight_cols = [c for c, h in enumerate(header) if _WEIGHT_HEADER.match(h)]
        total_rows = [r for r, k in enumerate(table["row_kinds"]) if k == "total"]
        if len(score_cols) != 1 or len(total_rows) != 1:
            continue
        t, r = table["source"]["block"], total_rows[0]
        score, weight = cells.get((t, r, score_cols[0])), next((cells.get((t, r, c)) for c in weight_cols), None)
        if score is not None and score["kind"] == "score" and (weight is None or Decimal(str(weight["value"])) == 100):
            totals.append(score)
    if len(totals) != 1:
        return []  # (several score tables: which one the report's score is, is not known)
    total = totals[0]
    stated = {**_score_fact(meta["score"], src, "报告得分"), "id": "metadata.score"}
    outcome, diff, tol = verdict(stated, points_interval(total))
    if outcome == "ok":
        return []
    return [make_flag(SEVERITY[outcome], f"报告得分{meta['score']}分与评分表合计得分{written(total)}不符，"
                      f"差{rounded(abs(diff), 2)}分", Decimal(str(meta["score"])), total["value"],
                      rounded(diff, 4), rounded(tol, 4), [stated, total])]


def _tree_flags(record: dict, indicators: list, alone: bool) -> list:
    """score.tree on one tree of indicators; the report's score stands for a total row the
    tree lacks only when it is the report's one tree (`alone`)."""
    # a self-evaluation form's 总分 against its rows is the form rules' (form.score_total):
    # a piece of its indicator block that a table reader also took is no whole tree to sum
    form_owns_total = any(form.get("indicators") for form in record.get("forms") or [])
    tree = _tree_of(indicators)
    report_score = record.get("metadata", {}).get("score")
    flags = _scores_above_weights(tree, report_score)
    level_slips = _level_slips(tree, descend=not form_owns_total)
    flags += level_slips
    if not form_owns_total:
        flags += _total_flags(record, tree, level_slips, alone)
    return flags + _first_level_weights(tree, report_score, form_owns_total)


@dataclass
class _Tree:
    """One tree of indicators: its rows by path, its total row, and how the paths nest."""
    indicators: list  # (without a lower level's row read alone as a first-level name: first_level.stray_tops)
    explicit: dict  # path → its row, every row but the total's
    total_entry: Optional[dict]
    paths: list
    children_of: dict  # path → its direct children, in the indicators' order
    leaves: list  # the paths with none below them


def _tree_of(indicators: list) -> _Tree:
    """The tree the indicators make."""
    strays = stray_tops(indicators)
    indicators = [i for i in indicators if not (len(i["path"]) == 1 and i["path"][0] in strays)]
    explicit = {tuple(i["path"]): i for i in indicators if not i.get("total")}
    paths = list(explicit)
    children_of: dict = {}
    for q in paths:
        children_of.setdefault(q[:-1], []).append(q)
    inner = {q[:n] for q in paths for n in range(1, len(q))}  # every path above another
    return _Tree(indicators, explicit, next((i for i in indicators if i.get("total")), None), paths, children_of,
                 [p for p in paths if p not in inner])


def _scores_above_weights(tree: _Tree, report_score) -> list:
    """A row's score above its 分值 (not the report's own total read as a heading's score)."""
    flags = []
    for p, ind in tree.explicit.items():
        if len(p) == 1 and report_score is not None and ind.get("score") is not None \
                and Decimal(str(ind["score"])) == Decimal(str(report_score)):
            continue  # the report's own total read as a heading's score (绩效指标（90分） … 98.70)
        if ind.get("score") is not None and ind.get("weight") is not None and Decimal(ind["score"]) > Decimal(ind["weight"]):
            fact = _score_fact(ind["score"], ind.get("source"), "›".join(p))
            flags.append(make_flag("error", f"指标得分超过分值：{'›'.join(p)} 得{ind['score']}分，分值{ind['weight']}分",
                                   ind["score"], ind["weight"], Decimal(ind["score"]) - Decimal(ind["weight"]), Decimal(0),
                                   [fact]))
    return flags


def _level_slips(tree: _Tree, descend: bool) -> list:
    """Parents with their own score against their children's scores; where some parent's
    score is written with its half point (18.5), the whole ones are not rounded either.
    `descend`: a parent's parts may be its rows further down (not under a form's levels,
    which the form rules check against rows named in paths only)."""
    explicit = tree.explicit
    parts_of = {p: parts_to_sum(p, explicit, tree.children_of, descend=descend)
                for p, ind in explicit.items() if ind.get("score") is not None}
    parents = [p for p, parts in parts_of.items() if parts]
    halves = any(Decimal(str(explicit[p]["score"])).as_tuple().exponent < 0 for p in parents)
    slips_of: dict = {}
    for p in sorted(parents, key=len, reverse=True):  # (the deepest first: a slip below is known above)
        # a child off its own rows (flagged) is summed as those rows: the parent that makes
        # them is right, and the one slip is not flagged twice
        # (a parent that adds up the child as written is right too: off both, it is flagged
        # against the rows)
        slips = _sum_read_both_ways(explicit[p]["score"], explicit[p].get("source"), "›".join(p),
                                    [explicit[q] for q in parts_of[p]], exact_whole=halves)
        parts = _rows_of_slipped(parts_of[p], slips_of, parts_of)
        if slips and parts != parts_of[p]:
            slips = _sum_read_both_ways(explicit[p]["score"], explicit[p].get("source"), "›".join(p),
                                        [explicit[q] for q in parts], exact_whole=halves)
        slips_of[p] = slips
    return [flag for p in parents for flag in slips_of[p]]


def _total_flags(record: dict, tree: _Tree, level_slips: list, alone: bool) -> list:
    """The tree's total (its total row's score, or the report's where the tree is the report's
    one) against the report's summary line of its levels, else against the first level or
    the rows."""
    total_entry = tree.total_entry
    total = total_entry["score"] if total_entry else record.get("metadata", {}).get("score") if alone else None
    if total is None:
        return []
    summary = [i for i in tree.indicators if i.get("summary") and not i.get("total")]
    if summary:
        # the report's own summary line (投入绩效为13分，…，总绩效为94.9分) is what adds up;
        # not where its levels' weights make less than the whole (产出50分 … 效益30分 … 满意度
        # 10分 beside a budget level written with no weight, 预算执行得9.44分: a level unread)
        src = total_entry.get("source") if total_entry else None
        if _weights_short(summary, total_entry.get("weight") if total_entry else None):
            return []
        return _sum_read_both_ways(total, src, "总分", summary)
    explicit, paths, leaves = tree.explicit, tree.paths, tree.leaves
    tops = [p for p in paths if len(p) == 1]
    scored_tops = [explicit[p] for p in tops if explicit[p].get("score") is not None]
    # (first-level groups named only in their rows' paths, 产出指标 › 资助参保人数, are tops
    # too: a scored row of its own beside them, 预算执行率 | 9, is not all of the first level)
    unnamed_tops = {p[0] for p in paths if len(p) > 1} - {p[0] for p in tops}
    parts = scored_tops if scored_tops and len(scored_tops) == len(tops) and not unnamed_tops \
        else [explicit[p] for p in leaves]
    rows_read = level_slips and parts is scored_tops and all(explicit[p].get("score") is not None for p in leaves)
    src = total_entry.get("source") if total_entry else record.get("metadata_sources", {}).get("score")
    # where not every first-level indicator was read, one left without a score may not be
    # the only one missing: a gap beyond its weight says nothing then
    whole = whole_first_level([p[0] for p in tops])
    # (the rows read are all of the table's where the first level's names or the rows'
    # weights say so)
    weights = [part.get("weight") for part in parts]
    short_of_the_scale = total_entry is None and None not in weights \
        and sum(Decimal(str(w)) for w in weights) != _FULL_MARKS
    # (not the report's score against rows whose weights make less than 100: rows were not read)
    if short_of_the_scale or not (whole or whole_first_level(list(dict.fromkeys(p[0] for p in paths)))
                                  or _weights_make(parts, total_entry.get("weight") if total_entry else None)):
        return []
    found = _sum_read_both_ways(total, src, "总分", parts, partial=not whole)
    if found and rows_read:
        # a level off its rows (flagged above): the total may add up the first level as
        # written or the rows under it; off both, it is checked against the rows, so
        # that the one slip is not flagged twice
        found = _sum_read_both_ways(total, src, "总分", [explicit[p] for p in leaves], partial=not whole)
    return found


def _sum_read_both_ways(stated, source, name: str, parts: list, **how) -> list:
    """_sum_scores, and where it finds the sum holds or is a rounding of every figure, the same
    with whole or half points taken as awarded (exact, as a score table's), when the stated
    score and every part are such points (决策16分、过程18分、产出29分、效益24分，合计88分): one
    point off is then a slip, though each written figure may also be a rounded one (16 for
    15.6). A warning that says so."""
    found = _sum_scores(stated, source, name, parts, **how)
    if any(f["severity"] != "info" for f in found) or not whole_or_half(stated) \
            or not all(p.get("score") is not None and whole_or_half(p["score"]) for p in parts) \
            or all(p.get("origin") in ("table", "list") for p in parts):  # (read as awarded already)
        return found
    exact = _sum_scores(stated, source, name, [{**p, "origin": "list"} for p in parts], **how)
    for flag in exact:
        flag["severity"] = "warning"
        flag["explanation"] = "各项得分与总分均为整数分或半分，按所写分数相加不等于总分；若各项是四舍五入后的分数，可能相符"
    return exact or found


def _first_level_weights(tree: _Tree, report_score, form_owns_total: bool) -> list:
    """The first level's weights against the scale the report states for its framework
    (指标体系总分150分), else 100."""
    total_entry = tree.total_entry
    weights = top_weights(tree.indicators)
    scale = Decimal(str(total_entry["weight"])) if total_entry and total_entry.get("weight") is not None else 100
    # (a form's weights are the form rules' too, form.weight_total: names read with their
    # weights from its cells, 产出指标（40分） | 集中供养人数（10分）, are no first level of their own)
    if not weights or form_owns_total or not all(w is not None for w in weights.values()) \
            or not whole_first_level(list(weights)):
        return []
    s = sum(weights.values())
    # (headings' points adding up to the report's own total score, 决策（14.0分） … under 得分
    # 91.5分, are the points awarded, not the weights)
    awarded = {Decimal(str(x)) for x in (report_score, total_entry.get("score") if total_entry else None)
               if x is not None}
    if s == scale or s in awarded or _a_heading_over_the_others(list(weights.values())):
        return []
    evidence = [_score_fact(w, explicit_source(tree.indicators, name), name) for name, w in weights.items()]
    return [make_flag("error", f"一级指标分值合计{s}分，不是{scale}分（"
                      + "、".join(f"{n}{w}分" for n, w in weights.items()) + "）",
                      s, scale, s - scale, Decimal(0), evidence)]


def _rows_of_slipped(parts: list, slips_of: dict, parts_of: dict) -> list:
    """`parts` with each part whose score is off its own parts' (`slips_of` it) replaced by
    those, all the way down."""
    out = []
    for q in parts:
        out += _rows_of_slipped(parts_of[q], slips_of, parts_of) if slips_of.get(q) else [q]
    return out


def _weights_short(parts: list, total_weight) -> bool:
    """Does every part state its 分值 and do they make less than the total's (100 where it
    writes none)? Then a part was not read."""
    both = _weights_and_whole(parts, total_weight)
    return both is not None and both[0] < both[1]


def _weights_make(parts: list, total_weight) -> bool:
    """Do the parts' 分值 add up to the total's (100 where it writes none)? Where neither
    they nor the first level's names show the rows read are all of them, a table the reader
    took in part (its rows broken over lines) is no sum to hold the total against."""
    both = _weights_and_whole(parts, total_weight)
    return both is not None and both[0] == both[1]


def _weights_and_whole(parts: list, total_weight) -> Optional[tuple]:
    """(the parts' 分值 summed, the total's 分值 or 100) where every part states one; else None."""
    weights = [p.get("weight") for p in parts]
    if not weights or None in weights:
        return None
    whole = Decimal(str(total_weight)) if total_weight is not None else _FULL_MARKS
    return sum(Decimal(str(w)) for w in weights), whole


def _a_heading_over_the_others(weights: list) -> bool:
    """Is one weight the sum of the others after it, a heading read as a level of its own
    (预算执行 20 | 年度绩效目标 80 | 产出 40 | 效益 30 | 满意度 10), the rest then making 100?"""
    for i, w in enumerate(weights):
        rest = weights[i + 1:]
        if len(rest) >= 2 and any(sum(rest[:n]) == w for n in range(2, len(rest) + 1)) \
                and sum(weights) - w == 100:
            return True
    return False


def _deduction_totals(record: dict) -> list:
    """A score stated as full marks less a total of deductions (满分100分…合计扣7分…最终得分93分):
    points are counted, so 100 − 7 is 93 exactly."""
    facts = facts_by_id(record)
    flags = []
    for rel in relations_of(record, "deduction"):
        if "deducted_each" in rel:
            flags += _listed_deductions(rel, facts)
            continue
        full, taken, score = facts[rel["full"]], facts[rel["deducted"]], facts[rel["score"]]
        expected = Decimal(str(full["value"])) - Decimal(str(taken["value"]))
        outcome, diff, tol = verdict(score, points_interval(full) - points_interval(taken))
        if outcome == "ok":
            continue
        flags.append(make_flag(SEVERITY[outcome],
                               f"得分与满分减扣分不符：{written(full)} − {written(taken)} = {rounded(expected, 2)}分，"
                               f"文中{written(score)}", score["value"], expected, diff, tol, [score, full, taken]))
    return flags


def _listed_deductions(rel: dict, facts: dict) -> list:
    """A level's 得分 against its 分值 less the points each shortcoming listed after it took off
    (分值30分，得27分 … 扣2分 … 扣1分 … 扣1分 is 26): flagged only where the deductions take off
    more than the score shows lost (a paragraph may name its main shortcomings only), as a
    warning: the deductions are read from prose."""
    full, score = facts[rel["full"]], facts[rel["score"]]
    taken = [facts[i] for i in rel["deducted_each"]]
    left = points_interval(full) - sum((points_interval(t) for t in taken[1:]), points_interval(taken[0]))
    outcome, diff, tol = verdict(score, left)
    if outcome == "ok" or left.high >= interval_of(score).low:
        return []
    expected = Decimal(str(full["value"])) - sum(Decimal(str(t["value"])) for t in taken)
    shown = " − ".join(written(t) for t in taken)
    return [make_flag("warning", f"得分与分值减各项扣分不符：{written(full)} − {shown} = {rounded(expected, 2)}分，"
                                 f"文中{written(score)}", score["value"], expected, diff, tol, [score, full] + taken)]


def explicit_source(indicators: list, top: str) -> dict:
    return next((i.get("source") or {} for i in indicators if i["path"] and i["path"][0] == top), {})


def _sum_scores(stated, source, name: str, parts: list, partial: bool = False, exact_whole: bool = False) -> list:
    whole = _score_fact(stated, source, name)
    missing = [p for p in parts if p.get("score") is None]
    scored = [_score_fact(p["score"], p.get("source"), "›".join(p["path"]), p.get("origin"))
              for p in parts if p.get("score") is not None]
    if not scored:
        return []
    if len(scored) >= 3 and all(2 * Decimal(str(f["value"])) >= Decimal(str(stated)) for f in scored):
        return []  # scores each at least half the total (四个县区 91.20, 87.50…; 全市 86.79) are no parts of it
    # points a report writes with a decimal where it has one (17.5分 beside 18分) are written
    # as awarded: its whole ones are exact too
    summed = sum_of(scored, points_interval if any(f["decimals"] for f in scored) else _awarded)
    if summed.low > 2 * Decimal(str(stated)):
        return []  # parts adding to more than twice the whole (320 under 合计100分) are several levels' points read as one
    outcome, diff, tol = verdict(whole, summed)
    if outcome == "ok" and exact_whole and not whole["decimals"] and (off := exactly_off(whole, summed)):
        outcome, diff, tol = off  # a whole score where its peers are written with their halves
    if outcome == "ok":
        return []
    message = f"{name}{stated}分与下级指标得分之和{rounded(summed.mid, 2)}分不符，差{rounded(abs(diff), 2)}分"
    explanation = None
    severity = "error" if whole_points_off(outcome, whole, summed) else SEVERITY[outcome]
    if missing:
        names = "、".join("›".join(m["path"]) + (f"（分值{m['weight']}分）" if m.get("weight") else "") for m in missing)
        room = sum(Decimal(m["weight"]) for m in missing if m.get("weight") is not None)
        explanation = f"有指标没有得分：{names}；差额{rounded(abs(diff), 2)}分" + ("不超过其分值" if abs(diff) <= room else "")
        if abs(diff) <= room:
            severity = "warning"
        elif partial:
            return []  # more may be missing than the rows read without a score
    return [make_flag(severity, message, Decimal(str(stated)), rounded(summed.mid, 4), rounded(diff, 4), rounded(tol, 4),
                      [whole] + scored, explanation)]

