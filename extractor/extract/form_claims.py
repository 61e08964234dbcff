"""What the report claims of its form's targets: a form without points (a transfer form lists
targets and results only) may still be held to the report's word that every target was met
(各项绩效指标均已完成, 全面完成年度绩效目标). The claim is found here, where the text is; the
checker (form.target_missed) compares it with the form's rows."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..model import TABLE, Document
from ..patterns import load_json


@lru_cache(maxsize=1)
def _claim() -> regex.Pattern:
    return regex.compile("|".join(load_json("forms.json")["all_targets_met_claims"]))


def mark_all_targets_met_claims(forms: list, doc: Document) -> None:
    """The first sentence of the report (or of the form's own text) claiming every target met,
    on each form whose indicators carry no points."""
    unscored = [f for f in forms if f.get("indicators")
                and not any(i.get("weight") or i.get("score") for i in f["indicators"])]
    if not unscored:
        return
    for block in doc.blocks:
        if block.kind == TABLE:
            continue
        m = _claim().search(block.text)
        if m:
            claim = {"text": m.group(0), "source": {"block": block.index, "page": block.page,
                                                    "start": m.start(), "end": m.end(), "quote": m.group(0)}}
            for form in unscored:
                form["all_targets_met_claim"] = claim
            return
