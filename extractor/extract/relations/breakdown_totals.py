"""Which figure a breakdown's list breaks down where the figures before its marker in its own
sentence do not say: one of the sentence before, or of the one before that (total_before); the
one the words opening the sentence name (named_just_before); one further up, near the list's
sum (stated_earlier). An item of an earlier 分别为 list of the sentence is no total
(listed_before); the items listed right before a total (新建18座、改扩建24座) may be what a 其中
after it breaks down (list_items_before)."""
from __future__ import annotations

import regex

from .list_parts import LIST_GAP, is_change
from .wording import per_unit, relation_patterns, vocabulary


def stated_earlier(facts: list, spans: list, si: int, kind: str, summed) -> list:
    """The figure of the kind in the sentences before sentence si (as far back as a list's
    total is looked for) nearest the list's sum `summed`, within a tenth of it: [] when none."""
    lo = spans[max(0, si - vocabulary()["breakdown"]["sentences_back"])][0]
    near = [f for f in facts if lo <= f.source["start"] < spans[si][0] and f.kind == kind
            and abs(f.value - summed) * 10 <= summed and not f.approx and not is_change(f)]
    return sorted(near, key=lambda f: abs(f.value - summed))[:1]


def list_items_before(total, facts: list, text: str) -> list:
    """The figures of the total's kind listed right before it (新建18座、改扩建24座): a 其中
    after such a list may break down its sum (其中景区内26座，其余16座)."""
    items = []
    later = total
    for f in reversed([g for g in facts if g.source["end"] <= total.source["start"]]):
        gap = text[f.source["end"]:later.source["start"]]
        if f.kind != total.kind or f.approx or not LIST_GAP.match(gap) or "、" not in gap:
            break
        items.insert(0, f)
        later = f
    return items


def listed_before(found: list, k: int, f, s_start: int) -> bool:
    """Is f an item of an earlier 分别为 list of its sentence (基本支出分别为A和B，项目支出分别为
    C和D: B is no total of the second list)?"""
    complete = relation_patterns()["complete"]
    return any(s_start <= m.start() and m.end() <= f.source["start"] and complete.match(m.group(0))
               for m in found[:k])


def named_just_before(text: str, facts: list, spans: list, si: int, at: int, kind: str) -> list:
    """The figure of the sentence before si whose own words end with the words that open
    sentence si up to its marker at `at` (项目支出 of 项目支出892.6万元 for 项目支出包括：), if one."""
    lead = text[spans[si][0]:at].strip(" ，,：:\n")
    if not _NAME_ONLY.fullmatch(lead):
        return []
    lo, hi = spans[si - 1]
    named = [f for f in facts if lo <= f.source["start"] < hi and f.kind == kind and not f.approx
             and (f.context or "").rstrip(" ：:为是共计合计").endswith(lead)]
    return named[-1:]


_NAME_ONLY = regex.compile(r"\p{Han}{2,8}")


def total_before(facts: list, spans: list, si: int, kind: str, changes: bool, first_part) -> list:
    """The candidate totals of a marker that opens sentence si: the figures of the kind in
    the sentence before it, or — when that sentence only says how a figure changed on
    last year (收入792.22万元。同比增加189.25万元。其中…), or states only figures smaller
    than the list's first part while the one before that states one that can hold it
    (收入2,148.60万元…。一是新增150.00万元。其中财政拨款收入2,096.80万元) — in the one before."""
    too_small = None  # the nearest sentence's figures, each smaller than the first part
    for back in range(si - 1, max(-1, si - 1 - vocabulary()["breakdown"]["sentences_back"]), -1):
        lo, hi = spans[back]
        in_sentence = [f for f in facts if lo <= f.source["start"] < hi and f.kind == kind]
        totals = [f for f in in_sentence if not f.approx and is_change(f) == changes and not per_unit(f)]
        if totals and all(f.value < first_part.value for f in totals):
            # (orders of magnitude below it, 每月600元 before 1,839.60万元: no total of it at all)
            too_small = too_small or [f for f in totals if f.value * 10 >= first_part.value]
            continue
        if totals or not all(is_change(f) for f in in_sentence):
            return totals or too_small or []
    return too_small or []
