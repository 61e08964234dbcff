"""Score rates: a stated 得分率 with the weight and the score written right before it in its
sentence (过程指标（25分）得分21分，得分率84%; 权重20分，实际得分18分，得分率90%): the score
over the weight, a ratio relation the checker reads as it reads the money rates.
"""
from __future__ import annotations

import regex

from ..sentences import sentence_bounds

_RATE_LABEL = "得分率"
# the words that make the first of the two points a weight: its label, or its own words
_WEIGHT_WORDS = regex.compile(r"权重|满分|分值|总分")


def score_rates_in(block, facts: list) -> list:
    """Ratio relations for the 得分率 of one paragraph (`facts` in text order): the two points
    nearest before the rate in its sentence, a weight and then the score it gave."""
    out = []
    for i, rate in enumerate(facts):
        if rate.kind != "percent" or rate.label != _RATE_LABEL or rate.approx or rate.range_high is not None:
            continue
        start = sentence_bounds(block.text, rate.source["start"])[0]
        points = [g for g in facts[:i] if g.source["start"] >= start]
        if len(points) < 2 or any(g.kind != "score" for g in points[-2:]):
            continue  # (another figure between: not the score and its weight)
        weight, score = points[-2:]
        if score.label != "得分" or score.approx or weight.approx or score.value > weight.value or not (
                weight.label == "分值" or _WEIGHT_WORDS.search(weight.context or "")):
            continue
        out.append({"type": "ratio", "rate": rate.id, "numerators": [score.id], "denominators": [weight.id],
                    "paragraph_figures": [], "source": {"block": block.index, "page": block.page}})
    return out
