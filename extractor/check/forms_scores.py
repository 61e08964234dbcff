"""Form rule on the points of the indicator block: Σ 分值 and Σ 得分 against the form's totals, and a
level's 小计 row against its rows (form.score_total; see forms.py)."""
from __future__ import annotations

from decimal import Decimal

import regex

from . import rule
from .common import SEVERITY, facts_by_id, make_flag, rounded, sum_of
from .forms_common import HUNDRED, cell, column_named, forms_of, is_na, points
from .level_weights import rows_groups_excess
from .tolerance import awarded_interval, exact, interval_of, points_against, points_interval, weight_verdict


def _leaf_indicators(form: dict) -> list:
    """The indicators that carry their own 分值 and 得分: a row whose path heads another is a
    subtotal, not a further part of the sum."""
    indicators = form.get("indicators") or []
    heads = {tuple(i["path"][:n]) for i in indicators for n in range(1, len(i.get("path") or []))}
    return [i for i in indicators if tuple(i.get("path") or []) not in heads]


@rule("form.score_total")
def check_score_total(record: dict) -> list:
    """Σ indicator 得分 (and the budget-execution 得分) against the form's total score, and
    Σ 分值 against its total weight (100 when the form states none). A sum is checked only
    when every score (every weight) in it is filled."""
    facts = facts_by_id(record)
    flags = []
    for form in forms_of(record):
        leaves = _leaf_indicators(form)
        budget_rows = [r for r in form.get("funds") or [] if not r.get("unread")
                       and any(c in (r.get("cells") or {}) and not is_na(r, c) for c in (column_named("weight"), column_named("score")))]
        # (其中 rows that write the total's 分值 and 得分 again beside their own rate: the total's count once)
        budget_rows = [r for r in budget_rows if r.get("slot") == "total"] or budget_rows
        name = form.get("name") or "自评表"
        flags += _subtotal_flags(form, leaves, facts, name)  # (each level's rows apart: see there)
        if form.get("unread_rows") and not (form["unread_rows"] == form.get("unread_word_lines")
                                            and _weights_make_the_total(form, leaves, budget_rows, facts)):
            continue  # rows of the indicator block were not read: their sum is unknown
        if {column_named("weight"), column_named("score")} & set(form.get("fund_columns") or []) and not budget_rows \
                and not _points_columns_dashed(form):
            continue  # the fund block scores budget execution, but its row was not read
        room = _unread_weight(form, leaves, budget_rows, facts)
        if _rows_left_out(form, leaves, budget_rows, facts):
            continue  # both sums short, the 得分 by no more than the 分值: rows the reader did not take
        if _levels_read_as_rows(form, leaves, facts):
            continue
        if not budget_rows:
            flags += _review_total_flags(form, leaves, facts, name)
        for key, column, total_key, interval, what in (
                # points are awarded, not measured: a whole-number 得分 is exact, like a 分值
                ("score", column_named("score"), "total_score", points_interval, "得分"),
                ("weight", column_named("weight"), "total_weight", points_interval, "分值")):
            indicator_items, budget_items = _column_items(leaves, budget_rows, facts, key, column)
            items = indicator_items + budget_items
            if not indicator_items or any(f is None for f in items):
                continue  # a form partly unfilled: nothing to add up
            total = facts.get(form.get(total_key)) if form.get(total_key) else None
            if total is None and (key == "score" or form.get("total_score") is None):
                continue  # no 总分 row read: the form may go on beyond what was read
            if any(f["value"] > HUNDRED for f in items):
                continue  # a weight or score above 100 is a misread cell, not the form's arithmetic
            # the budget row's 分值 is inside the 100 on most forms and outside it on some
            # (a province's template scores budget execution apart): either reading may hold,
            # unless the form's note counts it among the first-level weights
            readings = [items, indicator_items] if budget_items and not form.get("budget_in_total") else [items]
            results = []
            for parts in readings:
                # (the indicators' points are awarded by halves at most: 2.5 is exact, not a
                # rounded 2.45; the budget row's 9.5 may round 分值 × 执行率)
                summed = sum_of(indicator_items, awarded_interval) + sum_of(parts[len(indicator_items):], interval)
                if total is not None:
                    # a total may round the sum (97.5 → 98) but a point more is no rounding:
                    # points are counted, so a miss beyond half a unit is an error
                    outcome, diff, tol = points_against(interval_of(total), summed) if key == "score" \
                        else weight_verdict(total, summed)
                else:
                    outcome, diff, tol = points_against(exact(HUNDRED), summed)
                results.append((outcome, diff, tol, summed, parts))
            if any(r[0] == "ok" for r in results):
                continue
            outcome, diff, tol, summed, parts = results[0]
            if key == "weight" and total is not None and (excess := rows_groups_excess(form, facts)) \
                    and summed.mid - total["value"] == excess:
                continue  # the rows exceed their group's 分值 by what the sum is off: that group's slip (score.tree)
            if room and (key == "weight" or 0 <= diff <= room):
                continue  # rows worth the missing weight were not read (a 预算执行情况 line apart)
            if total is not None:
                stated, shown, evidence = total["value"], points(total), [total] + parts
            else:
                stated, shown, evidence = HUNDRED, "100分（未列合计，按满分100分）", parts
            flags.append(make_flag(
                SEVERITY[outcome],
                f"{name}各项{what}之和与合计不符：合计{shown}，各项{what}之和{rounded(summed.mid, 2)}分，差{rounded(abs(diff), 2)}分",
                stated, rounded(summed.mid, 4), rounded(diff, 4), rounded(tol, 4), evidence, form=form.get("id")))
    return flags


def _review_total_flags(form: dict, leaves: list, facts: dict, name: str) -> list:
    """A reviewer's scores (复核分, a re-evaluation's 评价得分 beside the unit's own) against the
    reviewer's total, where every row has one. (Forms that score the budget's execution apart
    are left alone: whether the reviewer's total holds that row the form does not say.)"""
    total = facts.get(form.get("total_review")) if form.get("total_review") else None
    items = [facts.get(i.get("review_score")) if i.get("review_score") else None for i in leaves]
    if total is None or not items or any(f is None for f in items) or any(f["value"] > HUNDRED for f in items):
        return []
    summed = sum_of(items, awarded_interval)
    outcome, diff, tol = points_against(interval_of(total), summed)
    if outcome == "ok":
        return []
    return [make_flag(SEVERITY[outcome],
                      f"{name}各项复核得分之和与复核总分不符：复核总分{points(total)}，各项之和{rounded(summed.mid, 2)}分，差{rounded(abs(diff), 2)}分",
                      total["value"], rounded(summed.mid, 4), rounded(diff, 4), rounded(tol, 4), [total] + items,
                      form=form.get("id"))]


def _column_items(leaves: list, budget_rows: list, facts: dict, key: str, column: str) -> tuple:
    """(the indicators' 分值 or 得分 facts, the budget rows' cells of that column), None where
    one is not filled."""
    return ([facts.get(i.get(key)) if i.get(key) else None for i in leaves],
            [cell(r, column, facts) for r in budget_rows])


def _rows_left_out(form: dict, leaves: list, budget_rows: list, facts: dict) -> bool:
    """Do the rows read fall short of the form's total 分值 (100 when unstated) by some points
    and of its 总分 by no more than those (rows worth 18 and scored 18 not read: a text layer
    ran them into a header)? A form's own slip leaves one sum off, not both so."""
    sums = {}
    for key, column in (("weight", column_named("weight")), ("score", column_named("score"))):
        items = sum(_column_items(leaves, budget_rows, facts, key, column), [])
        if not items or any(f is None for f in items):
            return False
        sums[key] = sum(Decimal(f["value"]) for f in items)
    score_total = facts.get(form.get("total_score")) if form.get("total_score") else None
    if score_total is None:
        return False
    weight_short = _total_weight(form, facts) - sums["weight"]
    score_short = Decimal(score_total["value"]) - sums["score"]
    return 0 < score_short <= weight_short  # (得分 adding up: no row scored was left out)


def _points_columns_dashed(form: dict) -> bool:
    """Does every row of the fund block hold a dash under its points columns (自评得分 | — on
    each row, the budget's execution scored as an indicator row instead)?"""
    columns = {column_named("weight"), column_named("score")} & set(form.get("fund_columns") or [])
    rows = [r for r in form.get("funds") or [] if not r.get("unread")]
    return bool(rows) and all(is_na(r, c) for r in rows for c in columns)


def _weights_make_the_total(form: dict, leaves: list, budget_rows: list, facts: dict) -> bool:
    """Do the 分值 of the rows read (with or without the budget row's) make the form's total
    分值 (100 where it states none) exactly? Then the lines of words left unread (a page's
    header and footer, a wrapped reason) held no weighted row, and the 得分 of the rows read
    are all there are."""
    indicator_items, budget_items = _column_items(leaves, budget_rows, facts, "weight", column_named("weight"))
    if not indicator_items or any(f is None for f in indicator_items + budget_items):
        return False
    rows = sum(Decimal(f["value"]) for f in indicator_items)
    total = _total_weight(form, facts)
    return total in (rows, rows + sum(Decimal(f["value"]) for f in budget_items))


def _levels_read_as_rows(form: dict, leaves: list, facts: dict) -> bool:
    """Do the rows' 分值 add up to half as much again as the form's total (100 when unstated)
    or more? A level's own row with its points (项目立项 | 6 | 6.0 over 立项依据充分性 | 3 …,
    one cell a line) was then read as a row beside its rows: every point counted twice, no
    slip of the form's."""
    weights = [facts.get(i.get("weight")) for i in leaves if i.get("weight")]
    return sum(Decimal(f["value"]) for f in weights if f is not None) >= _total_weight(form, facts) * Decimal("1.5")


def _total_weight(form: dict, facts: dict) -> Decimal:
    """The form's total 分值, 100 where it states none."""
    total = facts.get(form.get("total_weight")) if form.get("total_weight") else None
    return Decimal(str(total["value"])) if total else HUNDRED


def _level_name(text: str) -> str:
    """产出指标（50分） → 产出指标: a level as its 小计 row names it."""
    return regex.sub(r"[（(][^）)]*[）)]|\s", "", text or "")


def _subtotal_flags(form: dict, leaves: list, facts: dict, name: str) -> list:
    """A level's 小计 row (效益指标小计 | 30 | 29) against the 分值 and 得分 of the rows read since
    the 小计 before it, when every one of them is filled, all are of its level and no row
    between was left unread (a row placed under another level is a misread path, an unread
    one a missing part: the sum is not known)."""
    flags = []
    start, unread = 0, 0  # where the rows since the last 小计 begin, and the rows left unread before them
    for subtotal in form.get("subtotals") or []:
        rows = (form.get("indicators") or [])[start:subtotal["after_rows"]]
        unread_here = subtotal["unread_before"] > unread
        start, unread = subtotal["after_rows"], subtotal["unread_before"]
        level = _level_name(subtotal["level"])
        if unread_here or not rows or any(not i.get("path") or _level_name(i["path"][0]) != level or i not in leaves
                                          for i in rows) or _points_left_between(rows, subtotal, facts):
            continue
        for key, what in (("score", "得分"), ("weight", "分值")):
            total = facts.get(subtotal.get(key)) if subtotal.get(key) else None
            items = [facts.get(i.get(key)) if i.get(key) else None for i in rows]
            if total is None or not items or any(f is None for f in items):
                continue
            summed = sum_of(items, points_interval)
            outcome, diff, tol = points_against(interval_of(total), summed) if key == "score" else weight_verdict(total, summed)
            if outcome == "ok":
                continue
            flags.append(make_flag(
                SEVERITY[outcome],
                f"{name}{subtotal['level']}小计{what}与该级各项不符：小计{points(total)}，各项{what}之和{rounded(summed.mid, 2)}分，"
                f"差{rounded(abs(diff), 2)}分",
                total["value"], rounded(summed.mid, 4), rounded(diff, 4), rounded(tol, 4), [total] + items,
                form=form.get("id")))
    return flags


def _points_left_between(rows: list, subtotal: dict, facts: dict) -> bool:
    """Do points stand between a level's first row and its 小计 that no row read took (效益 |
    满意度 | 5 | 4.5 read as neither a row nor an unread one)? The level's rows are then not all
    known."""
    order = {fid: k for k, fid in enumerate(facts)}
    taken = {i.get(key) for i in rows for key in ("weight", "score")} | {subtotal.get("weight"), subtotal.get("score")}
    ends = [order[f] for f in taken if f in order]
    return bool(ends) and any(f["kind"] == "score" and f["id"] not in taken
                              for f in list(facts.values())[min(ends):max(ends) + 1])


def _unread_weight(form: dict, leaves: list, budget_rows: list, facts: dict) -> Decimal:
    """The weight the rows read leave of the form's total weight (100 where it states none),
    where no fund row was read at all (0 otherwise, and when they fill it or one is missing):
    the budget execution's points may stand where no rule reads them (a 预算执行情况 | 权重 | 10
    | 得分 | 8.80 line beside a fund block of label and value pairs, or under a header this
    reader does not place)."""
    if budget_rows or any(not r.get("unread") for r in form.get("funds") or []) or form.get("template") == "score_table":
        return Decimal(0)  # (an evaluation's score table has no budget block to leave out)
    weights = [facts.get(i.get("weight")) if i.get("weight") else None for i in leaves]
    if not weights or any(w is None for w in weights):
        return Decimal(0)
    return max(Decimal(0), _total_weight(form, facts) - sum(Decimal(str(w["value"])) for w in weights))
