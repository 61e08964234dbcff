"""A form's fund total restated in the report's prose with another value (repeat.conflict):
全年预算数3281.60万元 in the text where the one form's 年度资金总额 row writes 3218.60 under
全年预算数. The prose figure must be worded as that column and nothing more — the project's
or the year's, never a part's (中央资金全年预算数), another project's or another year's — and
the report must hold one form only, so that whose total it is, is not in doubt."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from ..patterns import load_json
from .common import check_settings, facts_by_id, make_flag, show_exact, within_tenfold, written
from .tolerance import interval_of

# words a clause may put before the column's name and still state the project's own total
_OWN_WORDS = regex.compile(r"^(?:(?:19|20)\d\d年(?:度)?|本年度?|当年|年度|本?项目|该项目|本部门|本单位|资金|的|，|,)*")
_COLUMNS = ("年初预算数", "全年预算数", "全年执行数")


@lru_cache(maxsize=1)
def _names() -> dict:
    """Column slot → the names a clause may state it by (patterns/forms.json fund_columns)."""
    columns = load_json("forms.json")["fund_columns"]
    return {slot: sorted(set(columns[slot]), key=len, reverse=True) for slot in _COLUMNS}


def form_total_restated_flags(record: dict) -> list:
    forms = [f for f in record.get("forms") or [] if f.get("funds")]
    if len(forms) != 1:
        return []
    total = next((row for row in forms[0]["funds"] if row.get("slot") == "total"), None)
    if total is None:
        return []
    facts = facts_by_id(record)
    flags = []
    for column in _COLUMNS:
        cell = facts.get(total["cells"].get(column, ""))
        if cell is None or cell["kind"] != "amount":
            continue
        worded = [f for f in record["facts"]
                  if f["kind"] == "amount" and f["source"].get("table") is None and not f.get("form")
                  and not f.get("approx") and f.get("range_high") is None and not f.get("subject")
                  and _worded_as(f.get("context") or "", column)]
        if len({f["value"] for f in worded}) > 1:
            continue  # (the prose states two such figures, 实际支出598.75万元 and 176.40万元: whose is whose is not known)
        for f in worded:
            if interval_of(f).overlaps(interval_of(cell)) or not _same_order(f, cell):
                continue
            hi, lo = (f, cell) if f["value"] > cell["value"] else (cell, f)
            gap = hi["value"] - lo["value"]
            flags.append(make_flag(
                "error", f"同一指标两处数值不一致：正文{column}{written(f)}，自评表{total['label']}{column}"
                         f"{written(cell)}，差{show_exact(gap, hi)}",
                hi["value"], lo["value"], gap, 0, [f, cell]))
    return flags


def _same_order(f: dict, cell: dict) -> bool:
    """Is the prose figure within ten times the form's (a restatement's slip, not another
    quantity: 598.75万元 against a 三公 table's 7.62), or exactly 10⁴ apart (元 written for 万元,
    unit.slip's)?"""
    a, b = Decimal(str(f["value"])), Decimal(str(cell["value"]))
    return within_tenfold(f, interval_of(cell)) or (a > 0 and b > 0 and max(a, b) / min(a, b) == 10000)


def _worded_as(context: str, column: str) -> bool:
    """Is a clause's wording before its figure the column's name and only the project's own
    words before it (2020年项目全年预算数, 本年度全年执行)?"""
    rest = _OWN_WORDS.sub("", context.strip())
    return any(rest == name for name in _names()[column])


def indicator_restated_flags(record: dict) -> list:
    """A form indicator's actual value restated in the prose with another value: 秸秆综合利用率
    达到91.3% in the text where the annexed form's row 秸秆综合利用率 writes 93.1% as 实际完成值.
    The clause must name the indicator just before its figure (only a verb between) and say
    nothing that makes the figure a target, a change, an average, another year's or another
    level's; every row of that name must give one actual value, and a prose figure equal to
    the row's target or actual, or worded twice with different values, is left alone. A
    warning: the prose may speak of a narrower scope than the form without saying so."""
    settings = check_settings()["indicator_restated"]
    facts = facts_by_id(record)
    rows: dict = {}  # indicator name → [(target fact, actual fact)]
    for form in record.get("forms") or []:
        for row in form.get("indicators") or []:
            actual = facts.get((row.get("actual") or {}).get("fact") or "")
            name = _indicator_name((row.get("path") or [""])[-1])
            if actual is not None and len(name) >= settings["min_name_chars"]:
                rows.setdefault(name, []).append((facts.get((row.get("target") or {}).get("fact") or ""), actual))
    flags = []
    for name, cells in rows.items():
        actuals = {(c["kind"], c["unit"], Decimal(c["value"])) for _, c in cells}
        if len(actuals) != 1:
            continue
        cell = cells[0][1]
        worded = [f for f in record["facts"]
                  if f["kind"] == cell["kind"] and f["unit"] == cell["unit"] and f["source"].get("table") is None
                  and not f.get("form") and not f.get("approx") and f.get("range_high") is None
                  and _restates(f, name, record, settings)]
        if len({Decimal(f["value"]) for f in worded}) != 1:
            continue  # (none, or the prose gives two values: whose is whose is not known)
        f = worded[0]
        if any(interval_of(f).overlaps(interval_of(c)) for pair in cells for c in pair if c is not None):
            continue
        hi, lo = (f, cell) if Decimal(f["value"]) > Decimal(cell["value"]) else (cell, f)
        gap = Decimal(hi["value"]) - Decimal(lo["value"])
        flags.append(make_flag(
            "warning", f"同一指标两处数值不一致：正文{name}{written(f)}，自评表{name}实际完成值{written(cell)}，"
                       f"差{show_exact(gap, _in_points(hi))}",
            hi["value"], lo["value"], gap, 0, [f, cell]))
    return flags


_NAME_NOISE = regex.compile(r"[（(][^）)]*[）)]|^[\s\d.、★☆*]+|\s+")


def _indicator_name(text: str) -> str:
    """An indicator row's name without its bracketed unit or remark and its numbering
    (1.秸秆综合利用率（%） → 秸秆综合利用率)."""
    return _NAME_NOISE.sub("", text or "")


def _restates(f: dict, name: str, record: dict, settings: dict) -> bool:
    context = (f.get("context") or "").strip()
    for verb in settings["verbs"]:
        if context.endswith(verb):
            context = context[:-len(verb)]
            break
    if not context.endswith(name):
        return False
    if f.get("year") not in (None, (record.get("metadata") or {}).get("year")):
        return False
    return f.get("subject") is None and not regex.search(settings["other_quantity"], context)


def _in_points(f: dict) -> dict:
    """A difference of two percentages is shown in points (相差1.8个百分点)."""
    return {**f, "unit": "百分点"} if f["unit"] == "%" else f
