"""Relations between facts that the report's wording states: which figures are parts of
which total (其中 / 包括), which rate is defined by which formula or numerator and
denominator, which figure is a change on last year, which amount is a unit price times
a count, which value was scored under which bracket.

This is extraction, not checking: relations only name facts. The checker decides whether
the arithmetic holds. Vocabularies live in patterns/relations.json.
"""
from __future__ import annotations

from typing import Optional

from ...model import HEADING, TABLE, Document
from ..sentences import sentence_spans
from .brackets import brackets_in
from .breakdowns import breakdowns_in, labelled_breakdowns
from .changes import changes_in, from_to_changes_in, rate_changes_in
from .count_rates import count_rates_in
from .deductions import deductions_in, listed_deductions_in
from .formulas import formulas_in, rates_in
from .line_lists import continue_over_lines, lists_under_a_line
from .listed_totals import listed_totals_in
from .numbered_lists import numbered_lists
from .products import products_in
from .score_rates import score_rates_in
from .shares import rate_amounts_in, shares_in


_LOOK_BACK = 6  # blocks before a sentence whose figures its rate, share or change may be of


def _same_section_before(blocks: list, n: int) -> list:
    """The last few blocks before blocks[n], not past a heading of any level (（二）过程情况,
    二、绩效目标完成情况), which opens another part of the report: what was spent there (三公
    经费实际支出) is no numerator of the next part's rate (1.预算执行。全年预算执行率…)."""
    before = blocks[max(0, n - _LOOK_BACK):n]
    for k in range(len(before) - 1, -1, -1):
        if before[k].kind == HEADING:
            return before[k + 1:]
    return before


def extract_relations(doc: Document, facts: list, year: Optional[int] = None) -> list:
    by_block: dict = {}
    in_tables: dict = {}
    for f in facts:
        if f.extra.get("score_tree_path"):
            continue  # a score table's cell run into text: no sentence's figure
        (by_block if f.source.get("table") is None else in_tables).setdefault(f.source["block"], []).append(f)
    relations = []
    blocks = [b for b in doc.blocks if b.kind != TABLE]
    for n, block in enumerate(blocks):
        bf = sorted(by_block.get(block.index, []), key=lambda f: f.source["start"])
        if not bf:
            continue
        spans = sentence_spans(block.text)
        earlier = [f for b in blocks[max(0, n - _LOOK_BACK):n] for f in by_block.get(b.index, [])]
        found = breakdowns_in(block, bf, spans, ends_document=block is doc.blocks[-1])
        values = {f.id: f.value for f in bf}
        listed = {(tuple(r["parts"]), values.get(r["total"])) for r in found}
        # (按机具类别分：A、B、C，合计…: a list its marker breaks a total into, read once; its 合计
        # restates that total — unless it writes another value, checked against the list too)
        relations += found + [r for r in listed_totals_in(block, bf, spans)
                              if (tuple(r["parts"]), values.get(r["total"])) not in listed]
        formulas = formulas_in(block, bf, earlier, year)
        relations += formulas
        in_formula = {r["result"] for r in formulas}
        # a rate stated after a breakdown is of the total: its parts, which share the
        # total's label, are not candidate numerators or denominators — but one may be
        # the rate's own (其中2022年度支出1680万元，年度执行率84%): the checker tries them too
        parts = {p for r in relations if r["type"] == "breakdown" for p in r["parts"]}
        # (the table right above may hold the rate's own pair: 合计 | 4131.50 | 3955.65 | 95.74%)
        above = in_tables.get(block.index - 1, [])
        same_section = {f.id for b in _same_section_before(blocks, n) for f in by_block.get(b.index, [])}
        relations += rates_in(block, [f for f in bf if f.id not in parts],
                              [f for f in earlier if f.id not in parts][-3:],
                              in_formula | {f.id for f in bf if any(r["name"] in f.context for r in formulas)},
                              paragraph=bf + above, other_part={f.id for f in earlier} - same_section,
                              parts=[f for f in bf if f.id in parts], looked_back=earlier)
        totals = {p: r["total"] for r in relations if r["type"] == "breakdown" for p in r["parts"]}
        relations += count_rates_in(block, bf, spans, in_formula, totals)
        relations += shares_in(block, bf, spans, earlier, totals)
        relations += rate_amounts_in(block, bf, spans)
        changes = changes_in(block, bf, spans, earlier, totals)
        relations += changes
        # (a change is one of this block's figures: only this block's readings can hold it)
        relations += from_to_changes_in(block, bf, spans, {r["change"] for r in changes})
        relations += rate_changes_in(block, bf, spans)
        relations += products_in(block, bf, spans, earlier, totals)
        relations += brackets_in(block, bf, relations)
        relations += deductions_in(block, bf) or listed_deductions_in(block, bf)
        relations += score_rates_in(block, bf)
    relations += labelled_breakdowns(facts)
    in_order = {b: sorted(fs, key=lambda f: f.source["start"]) for b, fs in by_block.items()}
    relations += lists_under_a_line(blocks, in_order, relations)
    relations += numbered_lists(blocks, in_order, relations)
    continue_over_lines(relations, blocks, in_order)
    for i, r in enumerate(relations, 1):
        r["id"] = f"rel{i}"
    return relations
