"""Which slot a value goes to when the shape kept no empty cells: by the type each column
holds, never by a guess (see assign_by_type)."""
from __future__ import annotations

from itertools import combinations

from .form_facts import value_of
from .numbers import as_written
from .form_tokens import Token
from .form_vocab import ROW_NUMBER, completion_as_share, fund_column_kind, value_type
from .form_targets import parse_target


def assign_indicator_values(slots: list, taken: list, percent_written: frozenset = frozenset()) -> dict:
    """Slot → token for an indicator row written without its empty cells, in the column
    order of the form's header (分值 comes first in some provinces' forms). 分值 and 得分
    hold bare numbers; a bare number after a target written with its unit is a score
    column rather than the result. Of the fitting orders the one that fills the earliest
    columns is taken."""
    # a column of words between the value columns (单项指标完成情况 | 单项指标得分)
    words_between = "skip" in slots and any(s not in ("reason", "skip") for s in slots[slots.index("skip"):])
    header = slots
    slots = [s for s in slots if s not in ("reason", "skip")]
    score_slots = {"weight", "deduction", "score", "raw_score", "review_score", "set_weight", "weight_share"}
    def bare_number(t: Token) -> bool:  # a figure with its unit in the next cell is not bare
        return value_type(t.text) == "num" and t.unit is None

    def score_like(t: Token) -> bool:  # 分值 and 得分 are points of a 100-point form (20 or 20分)
        return value_type(t.text) == "num" and t.unit in (None, "分") and value_of(t.text) <= 100

    def share(slot: str, t: Token) -> bool:  # a 权重 written as a share of the whole (20% of 100 points)
        return slot == "weight" and "weight" in percent_written and value_type(t.text) == "pct" and value_of(t.text) <= 100

    has_unit = any(t.unit not in (None, "分") or parse_target(t.text)[2] is not None for t in taken)
    second_target = "measured_target" if "measured_target" in slots else "target" if "other_target" in slots else None
    best, best_key = None, None
    for chosen in combinations(range(len(slots)), min(len(taken), len(slots))):
        assigned = [(slots[c], t) for c, t in zip(chosen, taken)]
        if any(slot in score_slots and not (score_like(t) or value_type(t.text) == "na" or share(slot, t))
               for slot, t in assigned):
            continue
        if any(slot in ("completion", "deviation") and value_type(t.text) not in ("pct", "na")
               and not (slot in percent_written and value_type(t.text) == "num")
               and not completion_as_share(slot, t.text) for slot, t in assigned):
            continue  # 完成率 and 偏差率 are percentages (bare where the header writes the %; 得分系数 1.00)
        # bare numbers beside figures with units are 分值/得分
        misplaced = sum(1 for slot, t in assigned if slot not in score_slots
                        and (has_unit and bare_number(t) or t.unit == "分"))
        # (a second target column, mostly left empty — 调整指标值 beside 年初指标值 — is the one
        # left empty before any other)
        filled = {s for s, _ in assigned}
        core_empty = sum(1 for slot in slots if slot not in filled and slot != second_target)
        key = (misplaced, _unscored_pair(assigned, slots), core_empty, chosen)
        if best_key is None or key < best_key:
            best, best_key = assigned, key
    if best is None and words_between and any(not value_type(t.text) for t in taken):
        # no order fits: a word taken for a qualitative result may be the column of words the
        # header names between the figures (完成 under 单项指标完成情况, the 分值 column empty)
        figures = assign_indicator_values(header, [t for t in taken if value_type(t.text)], percent_written)
        return figures if score_slots & set(figures) else {}
    return dict(best or [])


def _unscored_pair(assigned: list, slots: list) -> bool:
    """Two bare figures, the second no more than the first, read as a 分值 and a target while
    the row's 得分 stays empty: a row whose target and result stand apart (on its sub-rows, or
    as words the shape dropped) writes its 分值 and 得分 alone (★补助种植面积 | 10 | 10)."""
    if len(assigned) != 2 or "score" not in slots or any(value_type(t.text) != "num" or t.unit for _, t in assigned):
        return False
    (first, a), (second, b) = assigned
    return first == "weight" and second in ("target", "actual") and value_of(b.text) <= value_of(a.text)


_FILL_PREFERENCE = {"行次": 5, "全年执行数": 3, "全年预算数": 2, "年初预算数": 1, "扣除统筹整合后预算数": 1, "全年到位数": 1}


_BUDGET_COLUMNS = ("全年预算数", "年初预算数", "扣除统筹整合后预算数")


def _rate_holds(cells: dict) -> int:
    """2 where the row's execution rate is its spending over one of its budgets (or 0 with
    no spending placed), 0 where it is over none of them or a rate above 0 has no spending
    to be of (412.60 | 356.84 | 84.69% is no 年初预算数 and 全年预算数), 1 where the placement
    does not say."""
    rate, spent = cells.get("执行率"), cells.get("全年执行数")
    if rate is None:
        return 1
    stated = value_of(rate.text)
    if spent is None:
        return 2 if stated == 0 else 0
    budgets = [value_of(cells[c].text) for c in _BUDGET_COLUMNS if c in cells]
    budgets = [b for b in budgets if b]
    if not budgets:
        return 1
    places = len(rate.text.rstrip("% ").partition(".")[2])
    return 2 if any(as_written(value_of(spent.text) / b * 100, stated, places) for b in budgets) else 0


def assign_by_type(columns: list, values: list, row_slot: str, total_scored: bool = False) -> list:
    """(column, kind, token) for values written without their empty cells: each value goes
    to a column whose type it fits, in order. Of the orders that fit, the most plausible
    one is taken when the row's rate pins its middle and that order is the only one that
    plausible (the total row carries 分值; the spending column is filled before the
    budgets); otherwise a value gets a column only
    where every fitting order agrees, else only its kind where they agree on that — an
    amount, but of which column is unknown — else nothing. Never a guess. Where the block's
    total row holds its 分值 (`total_scored`), another row's figures are no points, unless the
    row fills every column."""
    kinds = {c: fund_column_kind(c) for c in columns}

    def fits(column: str, token: Token) -> bool:
        vt = value_type(token.text)
        if vt == "na":
            return True
        if kinds[column] == "other":
            return False
        if kinds[column] == "ordinal":  # 行次: a row's number
            return vt == "num" and ROW_NUMBER.fullmatch(token.text.strip()) is not None
        if kinds[column] == "percent":
            # 执行率 written without % only where every column is written
            return vt == "pct" or (vt == "num" and len(values) == len(columns))
        if vt != "num":
            return False
        if token.unit is not None:  # a figure written with its unit (see form_unit_cells.unit_cell)
            return kinds[column] == ("score" if token.unit == "分" else "amount")
        if kinds[column] == "score":  # (a row with a cell for every column is read in order, points and all)
            return value_of(token.text) <= 100 and not (total_scored and row_slot != "total" and len(values) < len(columns))
        return True

    def plausibility(chosen: tuple) -> tuple:
        filled = {columns[c]: t for c, t in zip(chosen, values) if value_type(t.text) != "na"}
        # a placement under which the row's own rate holds comes first (2 | 0.00 — 0.0%: the
        # budgets, no spending), then the total row's 分值 and the columns filled first
        return (_rate_holds(filled),
                4 * (row_slot == "total" and "分值" in filled) + sum(_FILL_PREFERENCE.get(c, 0) for c in filled))

    if not values:
        return []
    amount_columns = [c for c in columns if kinds[c] == "amount"]
    figures = [t for t in values if value_type(t.text) != "na"]
    if len(figures) == len(amount_columns) < len(columns) and all(value_type(t.text) == "num" for t in figures) \
            and (len(figures) == len(values) or row_slot != "total" and len(values) < len(columns)
                 and values[:len(figures)] == figures):
        # as many plain figures as money columns, and no rate: a row of amounts only
        # (其中 rows leave 分值, 执行率 and 得分 to the total row, empty or dashed: 0 | 0 | 0 | — | —);
        # a row with a cell for every column (— | 18.00 | 16.38 | 0.91 | — | —) is read in order,
        # and so is one whose dash stands among its figures (130 | 130 | — | 100 | —: the last is no amount)
        amounts = iter(amount_columns)
        return [(next(amounts), "amount", t) for t in figures]
    rates = [c for c in columns if kinds[c] == "percent"]
    if total_scored and row_slot != "total" and len(rates) == 1 and len(figures) == len(values) == len(amount_columns) + 1 \
            and all(value_type(t.text) == "num" for t in figures) \
            and columns.index(rates[0]) > max(map(columns.index, amount_columns)):
        # the total row holds the block's 分值 and 得分: a 其中 row's one figure past its amounts
        # is its 执行率, written bare as the total's may be (单位资金 120,000 | 120,000 | 30,000 | 25)
        return [(c, "amount", t) for c, t in zip(amount_columns, figures)] + [(rates[0], "percent", figures[-1])]
    fitting = [chosen for chosen in combinations(range(len(columns)), len(values))
               if all(fits(columns[c], t) for c, t in zip(chosen, values))]
    if not fitting:
        return []
    ranked = sorted(fitting, key=plausibility, reverse=True)
    pinned = any(value_type(t.text) == "pct" for t in values)  # the rate fixes where the row's middle is

    def figures_placed(chosen: tuple) -> tuple:  # (orders that differ only in their dashes' columns read alike)
        return tuple(c for c, t in zip(chosen, values) if value_type(t.text) != "na")

    rivals = [r for r in ranked if figures_placed(r) != figures_placed(ranked[0])]
    if len(ranked) == 1 or (pinned and (not rivals or plausibility(ranked[0]) > plausibility(rivals[0]))):
        # a dash placed by preference says nothing certain about its column
        return [(columns[c] if len(ranked) == 1 or value_type(t.text) != "na" else None, kinds[columns[c]], t)
                for c, t in zip(ranked[0], values)]
    out = []
    for k, token in enumerate(values):
        cols = {columns[f[k]] for f in fitting}
        if len(cols) == 1:
            column = cols.pop()
            out.append((column, kinds[column], token))
        elif cols and len({kinds[c] for c in cols}) == 1:
            out.append((None, kinds[next(iter(cols))], token))
    return out
