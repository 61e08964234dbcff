"""The cross-checker: small rule functions over facts, tables and sections (never raw
text). A rule is registered with @rule("name") and returns a list of flags."""
from __future__ import annotations

from typing import Callable

RULES: dict = {}


def rule(name: str) -> Callable:
    def register(fn: Callable) -> Callable:
        RULES[name] = fn
        return fn
    return register


def run_checks(extraction: dict) -> list:
    from . import rules, forms  # noqa: F401  (registers the rules: the older ones first, so their flag ids stay)
    from .confidence import rate_confidence
    from .ocr import weigh_ocr_readings
    from .repeated_findings import fold_repeated_findings
    from .tree_sums import name_tree_sums
    from .unit_slip import find_unit_slips

    flags = []
    for name, fn in RULES.items():
        for flag in fn(extraction):
            flag.setdefault("rule", name)
            flags.append(flag)
    facts = {f["id"]: f for f in extraction["facts"]}
    # a slip of 元 for 万元 is named before the OCR weighing, which may still lower it;
    # confidence comes last, from the evidence and what the weighing found
    find_unit_slips(flags, facts)
    fold_repeated_findings(flags, facts)
    name_tree_sums(flags, facts, extraction)
    weigh_ocr_readings(flags, facts, extraction)
    rate_confidence(flags, facts, extraction)
    for i, flag in enumerate(flags, 1):
        flag["id"] = f"x{i}"
    return flags
