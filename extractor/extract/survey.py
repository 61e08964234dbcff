"""Satisfaction surveys a report describes: questionnaires issued and returned and the
satisfaction they gave (共计发放183份问卷，收回有效问卷183份，满意度综合得分为89.31分).

Read from the labelled facts, not the text: a survey starts at a questionnaire count
whose words say it was issued; the returned count and the satisfaction figures after it,
up to the next survey and within a few blocks of it, belong to it. The overall satisfaction is the one its words call
overall (综合满意度), else the one a formula computes (…×50%+…×40%…=94.73%), else the
last one. Approximate figures (90%以上) are thresholds, not results."""
from __future__ import annotations

from functools import lru_cache

from ..patterns import load_json

QUESTIONNAIRES = "问卷数"
REACH_BLOCKS = 3  # a survey's figures follow it closely; a target far off is not its result
SATISFACTION = "满意度"


@lru_cache(maxsize=1)
def _words() -> dict:
    return load_json("documents.json")["survey"]


def extract_surveys(facts: list) -> list:
    words = _words()
    surveys = []
    for f in facts:
        said = f.context
        if f.label == QUESTIONNAIRES and any(w in said for w in words["issued"]):
            surveys.append({"issued": f, "returned": None, "satisfaction": []})
        elif not surveys or f.source["block"] > surveys[-1]["issued"].source["block"] + REACH_BLOCKS:
            continue
        elif f.label == QUESTIONNAIRES and surveys[-1]["returned"] is None and any(w in said for w in words["returned"]):
            surveys[-1]["returned"] = f
        elif f.label == SATISFACTION and f.kind in ("percent", "score") and f.range_high is None and not f.approx:
            surveys[-1]["satisfaction"].append(f)
    return [_survey_dict(i, s, words["overall"]) for i, s in enumerate(surveys, 1)]


def _survey_dict(n: int, survey: dict, overall_words: list) -> dict:
    found = survey["satisfaction"]
    overall = next((f for f in found if any(w in f.context for w in overall_words)), None) \
        or next((f for f in found if f.context.rstrip().endswith(("=", "＝"))), None) or (found[-1] if found else None)
    returned = survey["returned"]
    return {"id": f"s{n}", "issued": survey["issued"].value,
            "returned": returned.value if returned else None,
            "satisfaction": overall.value if overall else None,
            "satisfaction_unit": overall.unit if overall else None,
            "evidence": [f.id for f in [survey["issued"], returned, *found] if f is not None]}
