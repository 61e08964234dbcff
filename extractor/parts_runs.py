"""Rows of a list in which a row's parts follow it under 其中 (投入 20 | 其中：目标设定 8 | 预算配置 12 |
过程 20 | 其中：…): which rows are the list's own and which are each one's parts. A run of parts
opens at a row labelled 其中 and goes on until the parts' values make the row above it. Shared
by the score summary's reader (extract/table_indicators.py) and the table sums (check/table_sums.py)."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional


def opens_parts(label: str) -> bool:
    """Is a row labelled 其中 (其中：人员经费), opening the parts of the row above?"""
    return str(label).strip().startswith("其中")


def parts_runs(labels: list, values: list) -> Optional[list]:
    """(row, [its parts' rows]) for each of the list's own rows, by index into `labels` and
    `values` (Decimals); None where a value is missing, a run does not make its row exactly, a
    list opens with 其中, or a row opens a second run of parts."""
    out: list = []
    run, made = None, Decimal(0)  # (the row whose parts are being read, and what they make so far)
    for r, (label, value) in enumerate(zip(labels, values)):
        if value is None:
            return None
        if opens_parts(label) or run is not None and made < values[run[0]]:
            if opens_parts(label):
                if run is not None and made or not out:
                    return None
                run, made = out[-1], Decimal(0)
            run[1].append(r)
            made += value
            continue
        if run is not None and made != values[run[0]]:
            return None
        run = None
        out.append((r, []))
    if run is not None and made != values[run[0]]:
        return None
    return out
