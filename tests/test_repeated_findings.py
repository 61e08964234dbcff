"""One inconsistency, one flag (check/repeated_findings.py). Flags written for the test."""
from decimal import Decimal

from extractor.check.repeated_findings import fold_repeated_findings


def _flag(rule, stated, computed, evidence, severity="error"):
    return {"rule": rule, "severity": severity, "message": f"{rule}: {stated} vs {computed}",
            "stated": Decimal(stated), "computed": Decimal(computed), "evidence": evidence}


def test_a_table_total_and_the_score_tree_stating_the_same_sum_are_one_flag():
    flags = [_flag("sum.table", "91", "89", ["f1", "f2", "f3"]), _flag("score.tree", "91", "89.0", ["f1", "f4"]),
             _flag("ratio.stated", "91", "89", ["f7", "f8"])]
    fold_repeated_findings(flags)
    assert [f["rule"] for f in flags] == ["score.tree", "ratio.stated"]
    assert flags[0]["also"][0]["original_rule"] == "sum.table" and flags[0]["also"][0]["evidence"] == ["f1", "f2", "f3"]


def test_two_findings_of_one_rule_or_of_other_sums_stay_apart():
    flags = [_flag("sum.table", "91", "89", ["f1"]), _flag("sum.table", "91", "89", ["f5"]),
             _flag("sum.breakdown", "120", "118", ["f9"]), _flag("score.tree", "91", "88", ["f1"]),
             _flag("sum.breakdown", "91", "89", ["f6"], severity="info")]
    fold_repeated_findings(flags)
    assert len(flags) == 5
