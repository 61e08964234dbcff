"""A report's own score table is its indicator tree (score.tree in the design): the sums the
table and form readings check in it — a 合计 or 小计 row of points against its rows
(sum.table), a score table's total against its indicators (form.score_total, which reads a
score table as it reads a form's indicator block) — are named score.tree once the findings
are folded (repeated_findings.py: each rule's own name decides which one is kept). A standard
form's sums stay form.score_total, and a 合计 row in a table a standard form was read from
stays sum.table."""
from __future__ import annotations


def name_tree_sums(flags: list, facts: dict, extraction: dict) -> None:
    forms = extraction.get("forms") or []
    trees = {form.get("id") for form in forms if not form.get("report_type")}
    form_blocks = {b for form in forms if form.get("report_type") for b in form.get("value_blocks") or []}
    for flag in flags:
        first = facts.get(flag["evidence"][0]) if flag.get("evidence") else None
        if flag["rule"] == "form.score_total" and flag.get("form") in trees \
                or flag["rule"] == "sum.table" and first is not None and first["kind"] == "score" \
                and first["source"].get("block") not in form_blocks:
            flag["rule"] = "score.tree"
