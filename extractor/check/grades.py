"""A grade against the band of its score (score.grade): the report's stated grade against its
total score's band (the bands the report states for itself, else the usual ones), and each
row's grade in a table of projects against its row's scores. The rule is registered in
scores.py, in its place among the score rules."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import regex

from .common import SCORE_HEADER, check_settings, make_flag, table_cells, written


def _usual_bands() -> list:
    return [{"grade": g, "low": low, "high": high, "high_inclusive": False} for g, low, high in check_settings()["grade_bands"]]


def _band(score: Decimal, bands: list) -> Optional[str]:
    """The band holding score. A band's top is its own only when no other band starts
    there (60-80分为合格 and 80-90分为良好 share 80; 80-89分 is 80 to 89 inclusive)."""
    starts = {b["low"] for b in bands if b["low"] is not None}
    for b in bands:
        low, high = b["low"], b["high"]
        if low is not None and score < Decimal(str(low)):
            continue
        if high is None or score < Decimal(str(high)) or (
                score == Decimal(str(high)) and b["high_inclusive"] and high not in starts):
            return b["grade"]
    return None


def report_grade_flags(record: dict) -> list:
    """The stated grade against the band of the stated total score: the bands the report
    states for itself when it does, else the usual ones."""
    meta = record.get("metadata", {})
    score, grade = meta.get("score"), meta.get("grade")
    if score is None or not grade:
        return []
    stated = meta.get("grade_bands")
    expected = _band(Decimal(str(score)), stated or _usual_bands())
    aliases = check_settings()["grade_aliases"]
    if expected is None or aliases.get(grade, grade) == aliases.get(expected, expected):
        return []
    if not stated and aliases.get(grade, grade) not in {b["grade"] for b in _usual_bands()}:
        return []  # a grade of another scale (好 / 较好) that the report gives no bands for
    src = record.get("metadata_sources", {})
    for other in (src.get("score") or {}).get("other_scores") or []:
        band = _band(Decimal(str(other)), stated or _usual_bands())
        if band is not None and aliases.get(grade, grade) == aliases.get(band, band):
            return []  # the grade is that of another total of the score's paragraph (评价得分 beside 自评得分)
    if not stated and _graded_in_order(meta.get("graded_scores") or [], aliases):
        return []  # the report grades its scores by bands of its own, and this pair by them too
    keys = ("score", "grade") + (("grade_bands",) if stated else ())
    evidence = [{"id": f"metadata.{k}", "source": src.get(k, {})} for k in keys]
    basis = "报告所列等级标准" if stated else "通常等级标准"
    flag = make_flag("error", f"等级与得分不符：按{basis}，得分{score}分对应“{expected}”，报告写“{grade}”",
                     grade, expected, None, None, evidence)
    return [flag]


_GRADE_HEADER = regex.compile(r"(?:等级|等次|评级)$")


def table_row_grade_flags(record: dict) -> list:
    """Each row's grade in a table of many projects (项目 | 自评得分 | 复核得分 | 复核等级)
    against the band of its row's scores (the report's own bands where it states them): a
    grade no score of its row falls in is flagged."""
    # the bands the report states and the usual ones: a grade either gives its row's score
    # is no slip (stated bands read without their lower bounds but the last, 80分≤得分<90分
    # 为良 read as <90, say too little)
    stated = record.get("metadata", {}).get("grade_bands")
    complete = stated and sum(1 for b in stated if b["low"] is None) <= 1
    readings = [b for b in (stated if complete else None, _usual_bands()) if b]
    aliases = check_settings()["grade_aliases"]
    cells = table_cells(record)
    flags = []
    for table in record.get("tables", []):
        header = [str(c).replace(" ", "") for c in (table["header"][-1] if table["header"] else [])]
        grade_cols = [c for c, h in enumerate(header) if _GRADE_HEADER.search(h)]
        score_cols = [c for c, h in enumerate(header) if SCORE_HEADER.match(h) or h.endswith("得分")]
        if len(grade_cols) != 1 or not score_cols:
            continue
        # (复核等级 is the grade of the 复核得分 beside a 自评得分)
        prefix = _GRADE_HEADER.sub("", header[grade_cols[0]])
        score_cols = [c for c in score_cols if prefix and header[c].startswith(prefix)] or score_cols
        t, first = table["source"]["block"], len(table["header"])
        for r, row in enumerate(table["rows"], start=first):
            grade = str(row[grade_cols[0]]).strip() if grade_cols[0] < len(row) else ""
            scores = [f for c in score_cols if (f := cells.get((t, r, c))) is not None and f["kind"] == "score"]
            if grade not in aliases and grade not in {b["grade"] for b in readings[-1]} or not scores:
                continue
            expected = [_band(Decimal(str(f["value"])), bands) for f in scores for bands in readings]
            if None in expected or any(aliases.get(e, e) == aliases.get(grade, grade) for e in expected):
                continue
            flags.append(make_flag("error", f"表格第{r - first + 1}行等级与得分不符：得分"
                                   + "、".join(written(f) for f in scores) + f"对应“{expected[-1]}”，表中写“{grade}”",
                                   grade, expected[-1], None, None, scores))
    return flags


def _graded_in_order(graded: list, aliases: dict) -> bool:
    """Do the report's scores stated with their grades (two grades or more) rank alike — no
    higher score with a lower grade — so that it grades by bands of its own that the usual
    ones need not be (91.75 优秀, 85.81 优秀, 81 良好: its 优 starts at or below 85.81)?"""
    order = [g for g, _, _ in check_settings()["grade_bands"]]  # best first
    ranked = [(Decimal(str(g["score"])), order.index(aliases.get(g["grade"], g["grade"]))) for g in graded
              if aliases.get(g["grade"], g["grade"]) in order]
    if len({r for _, r in ranked}) < 2:
        return False
    return all(not (a > b and ra > rb) for a, ra in ranked for b, rb in ranked)
