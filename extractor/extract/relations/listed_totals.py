"""A list of figures followed by their 合计/共计 in the same sentence (1260万元、540万元和200万元，
合计2100万元): a complete breakdown, the list all of the total's parts."""
from __future__ import annotations

import regex

from ..sentences import sentence_index
from .list_parts import LIST_GAP, reduces
from .wording import per_unit, relation_patterns

# a list's total after it: 1260万元、540万元和200万元，合计2100万元
_TOTAL_AFTER_LIST = regex.compile(r"[，,、]?\s*(?:合计|共计|总计|共)(?:为|达|下达|投入|安排|拨付|发放|筹集)?\s*$")


def listed_totals_in(block, facts: list, spans: list) -> list:
    """A list of figures followed by their 合计/共计 in the same sentence: a complete
    breakdown (the list is all of the total's parts)."""
    out = []
    text = block.text
    for i, total in enumerate(facts):
        if total.kind not in ("amount", "headcount", "person_times", "households", "count") or total.approx or per_unit(total):
            continue
        si = sentence_index(spans, total.source["start"])
        parts = []
        end = total.source["start"]
        head = _TOTAL_AFTER_LIST.search(text, max(spans[si][0], end - 6), end)
        if head is None:
            continue
        end = head.start()
        whole_list = True  # the list runs back to its sentence's first figure
        for g in reversed(facts[:i]):
            if sentence_index(spans, g.source["start"]) != si:
                break
            if relation_patterns()["markers"].search(text, g.source["end"], end):
                break  # (…2,864.00万元，按学段分，小学…、初中…，合计…: the figure before the marker is the total)
            if g.kind != total.kind or g.approx or per_unit(g) or not LIST_GAP.match(text[g.source["end"]:end]):
                whole_list = False  # a figure of something else, or in brackets: the list is not known
                break
            if reduces(g):
                whole_list = False  # 调减105.40万元: it comes off the total, the list is no sum
                break
            parts.append(g)
            end = g.source["start"]
        if whole_list and len(parts) >= 2:
            out.append({"type": "breakdown", "total": total.id, "parts": [f.id for f in reversed(parts)],
                        "marker": head.group(0).strip("，,、 "), "complete": True,
                        "source": {"block": block.index, "page": block.page}})
    return out
