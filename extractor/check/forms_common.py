"""What the form rules (forms_budget.py, forms_fund_totals.py, forms_scores.py, forms_targets.py,
forms_deductions.py) share: their settings, the cells of a form's rows by fact id, and how a
form's points and weights are read and shown."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from .common import check_settings, rounded, show

HUNDRED = Decimal(100)


def form_settings() -> dict:
    """checks.json's settings of the form rules."""
    return check_settings()["forms"]


def column_named(name: str) -> str:
    return form_settings()["columns"][name]


def forms_of(record: dict) -> list:
    return record.get("forms") or []


def cell(row: dict, column: str, facts: dict) -> Optional[dict]:
    """The fact in a fund row's column; None when the column is absent, not applicable or
    its fact was not found."""
    if is_na(row, column):
        return None
    fid = (row.get("cells") or {}).get(column)
    return facts.get(fid) if fid else None


def is_na(row: dict, column: str) -> bool:
    return column in (row.get("na") or [])


def row_name(row: dict) -> str:
    return row.get("label") or row.get("slot") or ""


def shown(fact: dict) -> str:
    """A figure in the unit it was written in, with that unit (a bare cell under a 万元
    header: 120.40 → 120.40万元)."""
    return show(fact["value"], fact)


def points(fact: dict) -> str:
    """A 分值 or 得分 as written, with 分 (cells under those columns are written bare)."""
    return fact["text"] if fact["text"].endswith("分") else fact["text"] + "分"


def percent(value: Decimal) -> str:
    return f"{rounded(value, 2)}%"
