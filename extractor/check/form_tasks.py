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
                if len(named_total) != 1:
                    continue
                total = named_total[0]
                parts = {s: f for s, f in subs.items() if s != total}
                if len(parts) < 2 or any(s not in sources for s in parts):
                    continue
                listed = "、".join(f"{s}{shown(f)}" for s, f in parts.items())
                flag = whole_against_parts(subs[total], list(parts.values()), any(s.startswith("其他") for s in parts),
                                           f"{form.get('name') or '自评表'}年度主要任务{column}{total}与其来源之和不符："
                                           f"{total}{shown(subs[total])}，{listed}，合计")
                if flag:
                    flags.append(flag)
    return flags
