"""Totals against their parts in tables: rows marked 合计/小计 and group rows (一/二 over
1/2/3) against the sum of their rows (sum.table). Breakdowns in text are sums.py's."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import regex

from ..header_names import NAMED_UNITS
from ..parts_runs import opens_parts, parts_runs
from . import rule
from .common import SEVERITY, make_flag, not_additive, show, sum_of, table_cells, written
from .tolerance import exact, exactly_off, interval_of, points_interval, verdict, whole_points_off


_DASH = regex.compile(r"\s*[-—－–/]+\s*")
_FIGURE = regex.compile(r"[\d.,%％]+")


def _blank_under_merged(table: dict, cells: dict, t: int, r: int, c: int) -> bool:
    """Is the cell blank in a row that goes on under the merged first cell of a level above
    it (that cell blank, or written again), while the row that opens the level writes this
    column (项目决策 | 20 | 18 | 目标设定 | 8 | 7 over 项目决策 | | | 决策过程 | 12 | 11)?"""
    rows = table["header"] + table["rows"]
    if r < 1 or r >= len(rows) or not rows[r] or (t, r, c) in cells \
            or c < len(rows[r]) and str(rows[r][c]).strip():
        return False
    level = str(rows[r][0]).strip()
    k = r - 1  # up through the rows under the same level, to the one that opens it
    while k >= 0 and rows[k] and str(rows[k][0]).strip() in ("", level) and (t, k, c) not in cells:
        k -= 1
    return k >= 0 and bool(rows[k]) and (t, k, c) in cells and (not level or str(rows[k][0]).strip() == level)


def _repeated_under_merged(table: dict, r: int, c: int) -> bool:
    """Does the row repeat, up to and with column c, the row above it, words and all (投入 | 20 |
    资金落实 | 10 over 投入 | 20 | 资金落实 | 10)? A merged cell a sheet's export wrote again in every
    row it spans: the figure is the row above's, no part of its own."""
    rows = table["header"] + table["rows"]
    if r < 1 or r >= len(rows) or c >= min(len(rows[r]), len(rows[r - 1])):
        return False
    here, above = [str(x).strip() for x in rows[r][:c + 1]], [str(x).strip() for x in rows[r - 1][:c + 1]]
    return here == above and bool(here[c]) and any(x and not _FIGURE.fullmatch(x) for x in here[:c])


def _dash_as_nothing(table: dict, r: int, c: int):
    """A part's cell holding a dash adds nothing to its column's total: a zero of no digits."""
    rows = table["header"] + table["rows"]
    if r < len(rows) and c < len(rows[r]) and _DASH.fullmatch(str(rows[r][c])):
        return {"value": 0, "kind": None, "decimals": 0, "scale": 1, "approx": False, "id": None,
                "text": str(rows[r][c]), "source": {}}
    return None


def _of_which(rows: list, r: int) -> bool:
    """Is row r labelled 其中 (其中：人员经费), a breakdown of the row above?"""
    return r < len(rows) and bool(rows[r]) and opens_parts(rows[r][0])


def _nested_reading(table: dict, cells: dict, whole: dict, part_rows: list, c: int) -> Optional[list]:
    """The parts once a run of rows opened by 其中 is read as the breakdown of the row above it
    (地方资金 3,348 | 其中：省级 1,900 | 市县级 1,448 | 合计 12,000), the run's end where they add
    up to the whole, else where they come nearest to it; None where no row is labelled 其中."""
    t = table["source"]["block"]
    rows = table["header"] + table["rows"]
    readings = []
    for k, r in enumerate(part_rows):
        if not _of_which(rows, r):
            continue
        for j in range(k + 1, len(part_rows) + 1):
            kept = [cells.get((t, x, c)) for x in part_rows[:k] + part_rows[j:]]
            if kept and all(f is not None for f in kept):
                readings.append(kept)
    every_run = _without_every_run(rows, cells, t, part_rows, c)
    if every_run is not None:
        readings.append(every_run)
    if not readings:
        return None
    target = Decimal(str(whole["value"]))
    return min(readings, key=lambda kept: (verdict(whole, sum_of(kept))[0] != "ok",
                                           abs(sum_of(kept).mid - target)))


def _without_every_run(rows: list, cells: dict, t, part_rows: list, c: int) -> Optional[list]:
    """Column c's cells of the rows kept once every run opened by 其中 is taken as the breakdown
    of the row above it (投入 20 | 其中：目标设定 8 | 预算配置 12 | 过程 20 | 其中：…), each run ending
    where it makes that row, in this column or, where its own figures do not close every run
    (the 得分 a level's parts fall short of), in another of the table's columns; None where no
    column closes them all, or fewer than two rows open one."""
    n_cols = max((len(row) for row in rows), default=0)
    for cc in [c] + [k for k in range(n_cols) if k != c]:
        kept = _rows_without_runs(rows, cells, t, part_rows, cc)
        if kept is not None and all(cells.get((t, r, c)) is not None for r in kept):
            return [cells[(t, r, c)] for r in kept]
    return None


def _rows_without_runs(rows: list, cells: dict, t, part_rows: list, c: int) -> Optional[list]:
    """The part rows outside the 其中 runs, each run closed by column c's figures making the
    row above it exactly (parts_runs); None where one is not, or fewer than two rows open one."""
    values = [Decimal(str(cells[(t, r, c)]["value"])) if (t, r, c) in cells else None for r in part_rows]
    runs = parts_runs([rows[r][0] if rows[r] else "" for r in part_rows], values)
    if runs is None or sum(1 for _, parts in runs if parts) < 2:
        return None
    return [part_rows[k] for k, _ in runs]


# a total row's note that it counts something more than the rows above (含预算执行得分)
_INCLUDES_MORE = regex.compile(r"^(?:含|包含|包括)\p{Han}")


def _two_sided(table: dict) -> bool:
    """Is the header two halves naming the same columns after their first (收入项目 | 决算数 |
    支出项目 | 决算数: a 收支总表 set side by side)?"""
    names = [str(c).replace(" ", "") for c in (table["header"][-1] if table["header"] else [])]
    half = len(names) // 2
    if len(names) >= 4 and _LEVEL_COLUMN.match(names[0]) and _LEVEL_COLUMN.match(names[half]):
        return False  # 一级指标 | 分值 | 得分 | 二级指标 | 分值 | 得分: a level's points, then its rows'
    return len(names) >= 4 and len(names) % 2 == 0 and names[1:half] == names[half + 1:] and any(names[1:half])


_LEVEL_COLUMN = regex.compile(r"^[一二三]级指标$")


def _group_rows(parts: list, interval, alone: bool = False):
    """The group rows where the parts fall into groups, each a row followed by rows adding up
    to it (a class of spending over its items: 自然资源海洋气象等支出 5304.52 | 行政运行 612.45 |
    …), at least one group with more than its own row; else None. `alone`: a row no run after
    it adds up to is a group of its own (基本支出 | 人员经费 | 公用经费 | 项目支出)."""
    groups, i = [], 0
    while i < len(parts):
        if groups and not Decimal(str(parts[i]["value"])):
            i += 1  # (an item of nothing, —, after the group its figures made)
            continue
        running, j = exact(0), i + 1
        while j < len(parts):
            running = running + interval(parts[j])
            j += 1
            if verdict(parts[i], running)[0] == "ok":
                break
        else:
            if not alone:
                return None
            j = i + 1
        groups.append(parts[i])
        i = j
    return groups if len(groups) < len(parts) else None


_NAMED_SUBTOTAL = regex.compile(r"\p{Han}+(?:小计|合计)$")


def _names_a_subtotal(table: dict, rows: list) -> bool:
    """Is one of the rows labelled as a sum of others in its first cell (财政资金小计)?"""
    body = table["header"] + table["rows"]  # (as row_kinds counts them)
    return any(_NAMED_SUBTOTAL.match(_first_cell(body, r)) for r in rows)


_SCORE_TOTAL = regex.compile(r"^(?:总分|总得分|合计得分|得分合计|合计|总计)$")  # (in a form's own table)


def _label_cell(body: list, r: int) -> str:
    """The row's first filled cell (a total's label may stand under a merged level column:
    | 总分 | | 100 | 98.60)."""
    return next((str(c).replace(" ", "") for c in (body[r] if r < len(body) else []) if str(c).strip()), "")


def _first_cell(body: list, r: int) -> str:
    return str(body[r][0]).replace(" ", "") if r < len(body) and body[r] else ""


def _sums_written_exactly(cells: dict, t: int, rows: list, c: int) -> bool:
    """Does another sum row of the column write its points with decimals (18.5)?"""
    return any(int(f.get("decimals") or 0) for r in rows if (f := cells.get((t, r, c))) is not None)


def _items_fit(cells: dict, t: int, whole: dict, item_rows, c: int, interval) -> bool:
    """Does the 合计 hold as the sum of the item rows of its column (every one written, each
    the interval `interval` gives it)?"""
    if not item_rows:
        return False
    items = [cells.get((t, r, c)) for r in item_rows]
    return all(i is not None for i in items) and verdict(whole, sum_of(items, interval))[0] == "ok"


_UNIT_NAMED = regex.compile(rf"[（(]\s*(?:{NAMED_UNITS}|分)\s*[)）]")


def _unit_named(table: dict, c: int) -> bool:
    """Does the header's cell over column c state the unit its figures are in (预算数（万元））?"""
    return any(c < len(row) and _UNIT_NAMED.search(str(row[c])) for row in table.get("header") or [])


def _cells_filled(row: list) -> int:
    """How far the row's filled cells reach: a blank between two filled cells was written
    there (合计 | 435,951 | | 5,006.49 with no one standard to total), not left out."""
    return max((n + 1 for n, cell in enumerate(row) if str(cell).strip()), default=0)


@rule("sum.table")
def check_sum_table(record: dict) -> list:
    """Rows marked 合计/小计 and group rows (一/二 over 1/2/3) against the sum of their parts."""
    cells = table_cells(record)
    flags = []
    # the tables a form's indicators were read from: their 总分 row is form.score_total's
    scored_form_blocks = {b for form in record.get("forms") or [] if form.get("indicators")
                          for b in form.get("value_blocks") or []}
    # the tables a form's fund rows were read from: their totals are form.funds_total's (a
    # piece of the block may hold a 小计 without the rows above it: 中央补助 read with its label)
    fund_tables = {row["source"].get("table") for form in record.get("forms") or []
                   for row in form.get("funds") or [] if (row.get("source") or {}).get("table") is not None}
    # the score tables whose levels only the points tell (each row one name, whatever its level:
    # extract/table_indicators.py): their sums are score.tree's, by the tree those points make
    nested_tables = {(i.get("source") or {}).get("table") for i in record.get("indicators") or []
                     if i.get("levels_by_points")}
    for table in record.get("tables", []):
        if _two_sided(table) or table["source"]["block"] in fund_tables | nested_tables:
            continue  # 收入项目 | 决算数 | 支出项目 | 决算数: each row two records, no column one list
        t = table["source"]["block"]
        body = table["header"] + table["rows"]
        kinds = [None if k == "total" and t in scored_form_blocks and _SCORE_TOTAL.match(_label_cell(body, r)) else k
                 for r, k in enumerate(table["row_kinds"])]
        n_cols = max((len(r) for r in table["header"] + table["rows"]), default=0)
        groups = {}  # group row → its item rows (a level's row → its second level's rows, each
        # of those → its items)
        levels = []  # the first level's rows, which the 合计 adds up
        current = sub = None
        totals = []
        subtotals, uncovered = [], []  # 小计 rows, and the item rows no 小计 has added up yet
        checks = []
        for r, k in enumerate(kinds):
            if k == "group":
                current, sub = r, None
                groups[r] = []
                levels.append(r)
            elif k == "subgroup" and current is not None:
                groups[current].append(r)
                sub = r
                groups[r] = []
            elif k == "item" and (sub if sub is not None else current) is not None:
                groups[sub if sub is not None else current].append(r)
            elif k == "item":
                uncovered.append(r)
            elif k == "subtotal":
                # a 小计 adds up the item rows since the one before it
                checks.append((r, uncovered))
                subtotals.append(r)
                uncovered = []
            elif k == "total":
                totals.append(r)
        if subtotals and checks and checks[0] == (subtotals[0], []):
            # the 小计 rows head their levels (一、投入 | 小计 | 15 | 14, then the level's rows): each
            # adds up the item rows after it, up to the next 小计 or 合计
            ends = sorted(subtotals[1:] + totals) + [len(kinds)]
            heads = [(s, [r for r, k in enumerate(kinds) if k == "item" and s < r < next(e for e in ends if e > s)])
                     for s in subtotals]
            checks = [c for c in checks if c[0] not in subtotals] + heads
            uncovered = []
        # (a level's row over one row only, 二、项目支出 over 年末结转结余, is no breakdown of it)
        checks += [(g, items) for g, items in groups.items() if len(items) >= 2]
        # the 合计 adds up the groups, else the 小计 rows and the items none of them took
        tops = levels or (subtotals + uncovered if subtotals else [r for r, k in enumerate(kinds) if k == "item"])
        if not _names_a_subtotal(table, tops):
            # (an item row named …小计 — 财政资金小计 over its sources — adds up other rows: the
            # 合计 is not the sum of all of them)
            # (a 合计 adds up the rows above it; one at the top, the rows under it)
            # (收入总计 then 支出总计 in one final-accounts table: each adds up the rows since the last;
            # a lone 合计 at the top, the rows under it)
            checks += [(tr, [r for r in tops if before < r < tr] or [r for r in tops if r > tr and len(totals) == 1])
                       for before, tr in zip([-1] + totals, totals)]
        # a 合计 over 小计 rows may add up the item rows instead (one 小计 written wrong, the 合计
        # right): that 小计's own flag says what is off
        items_of = {tr: [r for r, k in enumerate(kinds) if k == "item" and r < tr] for tr in totals} if subtotals else {}
        for whole_row, part_rows in checks:
            row_flags_from = len(flags)
            if len(part_rows) < 2:
                continue  # a total over one row: the table's other rows are elsewhere (a page before)
            if any(_INCLUDES_MORE.match(str(x).strip()) for x in body[whole_row]):
                continue  # 合计 | 100 | 97.09 | 含预算执行得分: the total counts a figure outside the rows
            # rows of different lengths (padded where short): a column is no column, its sum
            # means nothing — but for rows that fill every cell (a county table whose pipe rows run
            # on into the form's goal rows), or every cell up to a column whose header states its
            # unit (金额（万元） | 备注 with the 备注 left empty at the rows' end)
            filled = min(_cells_filled(body[r]) if r < len(body) else 0 for r in [whole_row] + part_rows)
            # (unless a row holds a figure past where the shortest one ends: the short rows left
            # out figures' cells, not only trailing words, so no column is known to be one)
            dropped_figures = table.get("ragged") and any(
                (t, r, c) in cells for r in [whole_row] + part_rows for c in range(filled, n_cols))
            for c in range(n_cols):
                if table.get("ragged") and filled < n_cols and (dropped_figures or not (c < filled and _unit_named(table, c))):
                    continue
                whole = cells.get((t, whole_row, c))
                if whole is None or whole["kind"] not in ("amount", "headcount", "person_times", "households",
                                                          "count", "score"):
                    continue
                if not_additive(whole.get("label")) or table["header"] and not_additive(
                        (table["header"][-1] + [""] * n_cols)[c]):
                    continue  # 次均住院费用: the 合计 row's average, no sum
                # (a row going on under its level's merged first cell, blank in this column too,
                # holds no part of it: 项目决策 | 20 | 18 | 目标设定 | 8 | 7 over | | | 决策过程 | 12 | 11)
                # (nor does one that writes that merged cell again: 投入 | 20 in each of its rows)
                parts = [cells.get((t, r, c)) or _dash_as_nothing(table, r, c) for r in part_rows
                         if not _blank_under_merged(table, cells, t, r, c) and not _repeated_under_merged(table, r, c)]
                if not parts or any(p is None for p in parts):
                    continue  # a part without a figure, or no rows under the total: nothing to add up
                if len(parts) >= 2 and all(Decimal(str(p["value"])) == Decimal(str(whole["value"])) for p in parts):
                    continue  # (参保人数 498,650 on each source's row and the 合计's: the base each row shares)
                points = whole["kind"] == "score"  # (a score table's points are awarded as written)
                summed = sum_of(parts, points_interval if points else interval_of)
                outcome, diff, tol = verdict(whole, summed)
                if points and outcome == "ok" and not whole["decimals"] \
                        and _sums_written_exactly(cells, t, [r for r, _ in checks if r != whole_row], c) \
                        and (off := exactly_off(whole, summed)):
                    outcome, diff, tol = off  # a whole subtotal beside sums written with their halves
                each = points_interval if points else interval_of
                if outcome == "ok":
                    continue
                nested = _nested_reading(table, cells, whole, part_rows, c)
                if nested is not None and verdict(whole, sum_of(nested))[0] == "ok" \
                        or _items_fit(cells, t, whole, items_of.get(whole_row), c, each):
                    continue
                if nested is not None:
                    # (shown as the rows add up without the 其中 run nearest the whole: 合计 41.80 over
                    # 0 + 6.30 + 34.50, not over the 34.50 of its 其中 row too)
                    parts, summed = nested, sum_of(nested, each)
                    outcome, diff, tol = verdict(whole, summed)
                if diff > 0 and part_rows and _of_which(body, part_rows[0]):
                    continue  # (二、项目支出 | 其中：饮水工程: a 其中 may name the main parts only, as in text)
                if (groups := _group_rows(parts, each)) is not None:
                    # two levels listed (a class over its items): the whole is the classes' sum
                    # (where that reading fails too, a score table's rows are shown as written: a
                    # points cell 5 may hold the 4.5 under it by its rounding alone)
                    if verdict(whole, sum_of(groups, each))[0] == "ok":
                        continue
                    if not points:
                        parts, summed = groups, sum_of(groups, each)
                        outcome, diff, tol = verdict(whole, summed)
                elif (groups := _group_rows(parts, each, alone=True)) is not None \
                        and verdict(whole, sum_of(groups, each))[0] == "ok":
                    continue  # some classes without items (基本支出 over its two items, then 项目支出)
                flags.append(make_flag(
                    "error" if points and whole_points_off(outcome, whole, summed) else SEVERITY[outcome],
                    f"表格合计行与明细之和不符（{_column_name(whole)}）：合计{written(whole)}，"
                    f"明细之和{show(summed.mid, whole, max(int(p.get('decimals') or 0) for p in [whole] + parts))}",
                    whole["value"], summed.mid, diff, tol, [whole] + [p for p in parts if p["id"]]))
            flags[row_flags_from:] = _columns_alike_merged(flags[row_flags_from:])
    return flags


def _columns_alike_merged(flags: list) -> list:
    """A total row's flags, one for the columns that repeat the same figures (本年预算数 and
    其中：财政拨款 both 41.80 over 0 + 6.30 + 34.50): one finding, its columns named together."""
    out: list = []
    for flag in flags:
        twin = next((f for f in out if (f["stated"], f["computed"], f["severity"]) ==
                     (flag["stated"], flag["computed"], flag["severity"])), None)
        if twin is None:
            out.append(flag)
            continue
        column = flag["message"][flag["message"].index("（") + 1:flag["message"].index("）")]
        twin["message"] = twin["message"].replace("）", f"、{column}）", 1)
        twin["evidence"] += [e for e in flag["evidence"] if e not in twin["evidence"]]
        twin["evidence_quotes"] += [q for q in flag.get("evidence_quotes") or [] if q not in twin["evidence_quotes"]]
    return out


def _column_name(whole: dict) -> str:
    """The name of the column a total row's cell sums: its header's last name (分值, not the 得分
    its row's label gives every points cell of a total row), else its label."""
    column = (whole.get("column") or "").split("›")[-1].strip()
    return column or whole.get("label") or ""
