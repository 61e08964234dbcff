"""A fund row of a form's fund block, as the readers fill it (form_funds.py, form_fund_layouts.py,
form_fund_transposed.py)."""
from __future__ import annotations

from .form_vocab import spec


def fund_row(slot: str, name: str, source: dict) -> dict:
    """A fund row of the template's `slot`, named as the form writes it, with no cells yet.
    own_columns: the columns only this row writes (a total's 执行数 after sources written as
    columns): its parts have no cells there."""
    row_spec = spec()["fund_rows"][slot]
    row = {"slot": slot, "label": name, "part_of": row_spec["part_of"], "group": row_spec.get("group"),
           "minor": row_spec.get("minor", False), "cells": {}, "na": [], "blank": [], "unplaced": [],
           "own_columns": [], "source": source}
    if row_spec.get("totals_groups"):
        row["totals_groups"] = row_spec["totals_groups"]
    if row_spec.get("unread"):
        row["unread"] = True
    return row
