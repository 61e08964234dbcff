"""Claims of completion against the figures beside them (claim.completion)."""
from __future__ import annotations

from decimal import Decimal

import regex

from . import rule
from .common import make_flag, relation_vocab, show, written
from .tolerance import interval_of


@rule("claim.completion")
def check_claim_completion(record: dict) -> list:
    """A row that claims completion (已完成, 完成质量100%) while the actual it states is
    below its own target."""
    claims = relation_vocab()["completion_claims"]
    targets = regex.compile("|".join(relation_vocab()["target_words"]))
    actuals = regex.compile("|".join(relation_vocab()["actual_words"]))
    flags = []
    for table in record.get("tables", []):
        t = table["source"]["block"]
        grid = table["header"] + table["rows"]
        header = [" ".join(table["header"][h][c] for h in range(len(table["header"]))) for c in range(len(grid[0]))] \
            if table["header"] else [""] * len(grid[0])
        for r in range(table["header_rows"], len(grid)):
            row_text = "".join(grid[r])
            claim = next((c for c in claims if c in row_text), None)
            if claim is None:
                continue
            row_facts = [f for f in record["facts"] if f["source"].get("table") == t and f["source"].get("row") == r]
            target = [f for f in row_facts if targets.search(header[f["source"]["col"]]) and f["kind"] != "percent"]
            actual = [f for f in row_facts if f["kind"] != "percent" and
                      (actuals.search(f.get("context") or "") or actuals.search(header[f["source"]["col"]]))
                      and f not in target]
            for tg in target:
                for ac in actual:
                    if ac["kind"] != tg["kind"] or ac["unit"] != tg["unit"]:
                        continue
                    if interval_of(ac).high < interval_of(tg).low:
                        claim_facts = [f for f in row_facts if f["kind"] == "percent" and Decimal(f["value"]) == 100]
                        gap = Decimal(tg["value"]) - Decimal(ac["value"])
                        flags.append(make_flag(
                            "error",
                            f"声称“{claim}”，但实际完成{written(ac)}，低于目标{written(tg)}（差{show(gap, tg)}）",
                            tg["value"], ac["value"], gap, Decimal(0), [tg, ac] + claim_facts, claim=claim))
    return flags

