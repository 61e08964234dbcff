"""A department form's task rows (年度主要任务) whose money column is split into a total and its
sources (预算金额 over 总额 | 财政拨款 | 其他资金): each row's total against its sources. The
sources make the whole where one of them is the 其他 part, which leaves none out; otherwise
they may fall short of it but never exceed it."""
from __future__ import annotations

from collections import defaultdict

from ..patterns import load_json
from .common import SEVERITY, facts_by_id, make_flag, show, sum_of
from .forms_common import forms_of, shown
from .tolerance import interval_of, verdict


def _source_names() -> frozenset:
    """The names of the year's money by where it comes from (patterns/forms.json fund_rows:
    财政拨款, 上年结转资金, 其他资金 …): a task's sub-columns are its sources only when so named."""
    rows = load_json("forms.json")["fund_rows"]
    return frozenset(w for row in rows.values() if isinstance(row, dict) and row.get("part_of") == "total"
                     for w in row["labels"])


def task_total_flags(record: dict) -> list:
    facts = facts_by_id(record)
    totals, sources = frozenset(load_json("labels.json")["subtotal_headers"]), _source_names()
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
                whole = subs[named_total[0]]
                parts = [f for s, f in subs.items() if s != named_total[0]]
                if len(parts) < 2 or any(s not in sources for s in subs if s != named_total[0]) or any((f["kind"], f["unit"]) != (whole["kind"], whole["unit"]) for f in [whole] + parts):
                    continue
                summed = sum_of(parts, interval_of)
                outcome, diff, tol = verdict(whole, summed)
                complete = any(s.startswith("其他") for s in subs)
                if outcome == "ok" or summed.high < interval_of(whole).low and not complete:
                    continue
                digits = max(int(f.get("decimals") or 0) for f in [whole] + parts)
                flags.append(make_flag(
                    SEVERITY[outcome], f"{form.get('name') or '自评表'}年度主要任务{column}{named_total[0]}与其来源之和不符："
                    f"{named_total[0]}{shown(whole)}，" + "、".join(f"{s}{shown(f)}" for s, f in subs.items()
                                                              if s != named_total[0])
                    + f"，合计{show(summed.mid, whole, digits)}，差{show(abs(diff), whole, digits)}",
                    whole["value"], summed.mid, diff, tol, [whole] + parts))
    return flags
