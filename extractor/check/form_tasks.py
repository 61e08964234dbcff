"""A department form's task rows (年度主要任务) whose money column is split into a total and its
sources (预算金额 over 总额 | 财政拨款 | 其他资金): each row's total against its sources. The
sources make the whole where one of them is the 其他 part, which leaves none out; otherwise
they may fall short of it but never exceed it."""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from ..patterns import load_json
from .common import facts_by_id
from .forms_common import forms_of, shown
from .row_sums import subtotal_names
from .table_breakdowns import whole_against_parts


@lru_cache(maxsize=1)
def _source_names() -> frozenset:
    """The names of the year's money by where it comes from (patterns/forms.json fund_rows:
    财政拨款, 上年结转资金, 其他资金 …): a task's sub-columns are its sources only when so named."""
    rows = load_json("forms.json")["fund_rows"]
    return frozenset(w for row in rows.values() if isinstance(row, dict) and row.get("part_of") == "total"
                     for w in row["labels"])


@lru_cache(maxsize=1)
def _column_of() -> dict:
    """A task column's label → the fund block's column it names (预算执行率 → 执行率, 全年预算数
    → 全年预算数), from patterns/forms.json fund_columns."""
    return {spelling: column for column, spellings in load_json("forms.json")["fund_columns"].items()
            for spelling in spellings}


def task_rows(form: dict) -> list:
    """The form's task rows as rows of its fund block ({label, cells: {column: fact id}}), their
    money and rate columns named as the block's (预算执行率 → 执行率), their sub-columns
    (全年执行数·财政拨款) left out: the budget rules read them as they read the block's rows."""
    rows = []
    for n, task in enumerate(form.get("tasks") or [], 1):
        cells = {_column_of()[label]: fid for label, fid in task["cells"].items()
                 if "·" not in label and label in _column_of()}
        rows.append({"label": f"年度主要任务第{n}项", "cells": cells, "na": []})
    return rows


def task_total_flags(record: dict) -> list:
    facts = facts_by_id(record)
    totals, sources = subtotal_names(), _source_names()
    flags = []
    for form in forms_of(record):
        for task in form.get("tasks") or []:
            groups = defaultdict(dict)  # money column → {sub-column: fact}
            for label, fid in task["cells"].items():
                column, _, sub = label.partition("·")
                if sub and fid in facts:
                    groups[column][sub] = facts[fid]
            for column, subs in groups.items():
                named_total = [s for s in subs if s in totals]
                name = f"{form.get('name') or '自评表'}年度主要任务{column}"
                if not named_total and column in task["cells"] and all(s in sources for s in subs):
                    # 全年执行数 | 其中：财政拨款: the parts written beside their whole, under it
                    whole = facts.get(task["cells"][column])
                    flag = whole and _against_its_parts(whole, subs, f"{name}{shown(whole)}与其中所列不符：")
                elif len(named_total) == 1:
                    total = named_total[0]
                    parts = {s: f for s, f in subs.items() if s != total}
                    flag = None if len(parts) < 2 or any(s not in sources for s in parts) else _against_its_parts(
                        subs[total], parts, f"{name}{total}与其来源之和不符：{total}{shown(subs[total])}，")
                else:
                    flag = None
                if flag:
                    flags.append(flag)
    return flags


def _against_its_parts(whole: dict, parts: dict, head: str):
    """The flag of a task's money its sources ({name: fact}) do not make, or None: they make
    it all where one of them is the 其他 part, else they may fall short of it."""
    listed = "、".join(f"{s}{shown(f)}" for s, f in parts.items())
    return whole_against_parts(whole, list(parts.values()), any(s.startswith("其他") for s in parts),
                               f"{head}{listed}，合计")
