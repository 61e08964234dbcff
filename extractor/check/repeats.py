"""The same quantity stated twice with different values (repeat.conflict). Two figures
state the same quantity only when they are worded alike, with no word that tells
quantities apart; a gap the report explains (清退411人) is attached to the flag."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Optional

import regex

from ..document_caches import document_cache
from ..numbering import numbering_of
from ..patterns import load_json
from . import rule
from ..subjects import same_subject, subject_names
from .common import (TOTAL_ROW, check_settings, facts_by_id, make_flag, relation_vocab, relations_of, show,
                     show_exact, written)
from .form_restated import form_total_restated_flags, indicator_restated_flags
from .tolerance import exact, interval_of


def _discriminators() -> list:
    return check_settings()["discriminators"]


def _same_quantity(a: dict, b: dict, cores_a: Optional[list] = None, cores_b: Optional[list] = None) -> bool:
    """Two figures state the same quantity when their wording differs only in words that
    do not tell quantities apart (兜底 moved, 的 added), never in a discriminating word
    (已/未 脱贫, 住院/门诊, another year or number). `cores_a`/`cores_b`: their _cores,
    when the caller has them already."""
    first = next(((x, y) for x in (cores_a or _cores(a)) for y in (cores_b or _cores(b)) if _similar(x, y)), None)
    if first is None:
        return False
    ca, cb = first
    # the labels take part in telling quantities apart (兜底人数 vs 清退人数); a table
    # cell's wording is put together from its row and column (人数 where a sentence says
    # 代缴), so only two sentences are held to the words they swap
    in_text = a["source"].get("table") is None and b["source"].get("table") is None
    return not _changes_discriminate(ca + "|" + (a.get("label") or ""), cb + "|" + (b.get("label") or ""), in_text)


# A table row's wording is asked after for every pair of its figures: one answer per
# pair of texts and document.
@document_cache(maxsize=4096)
def _changes_discriminate(ca: str, cb: str, swaps_count: bool = True) -> bool:
    """Does a change between the two wordings hold a number or a discriminating word (or,
    with `swaps_count`, put one word for another)? A discriminating word of two characters
    or more that one wording has and the other lacks tells them apart wherever the change
    falls (全县…资金 / 县级…资金: the change is 全 / 级, the word 县级)."""
    if any((w in ca) != (w in cb) for w in _discriminators() if len(w) >= 2):
        return True
    removed, added = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ca, cb, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        changed = ca[i1:i2] + "|" + cb[j1:j2]
        if _DIGIT.search(changed) or any(w in changed for w in _discriminators()):
            return True
        removed.append(ca[i1:i2])
        added.append(cb[j1:j2])
    return swaps_count and _swaps_words("".join(removed), "".join(added))


def _swaps_words(x: str, y: str) -> bool:
    """Do the words one wording has and the other lacks (x, y) put one word for another?
    That names another quantity (临江新区 / 高新园区, 计划 / 实际, 高中 / 职高, A标段 /
    B标段, 一标段 / 二标段); a filler swapped (为 / 达到), one character changed (参保人数 /
    参保人员), words moved or only added (兜底) are the same quantity worded again."""
    settings = check_settings()
    if any(w in x or w in y for w in settings["whole_area_words"]):
        return False  # 全县 for 青禾镇: the whole may be what the other figure was stated for
    for filler in sorted(settings["wording_fillers"], key=len, reverse=True):
        x, y = x.replace(filler, ""), y.replace(filler, "")
    only_x, only_y = Counter(x) - Counter(y), Counter(y) - Counter(x)  # a moved word is in both
    if not only_x or not only_y:
        return False
    x, y = "".join(only_x.elements()), "".join(only_y.elements())
    return max(len(x), len(y)) >= 2 or bool(_LATIN.search(x + y)) or bool(_NUMERAL.fullmatch(x) and _NUMERAL.fullmatch(y))


_LATIN = regex.compile(r"[A-Za-z]")
_NUMERAL = regex.compile(r"[一二三四五六七八九十甲乙丙丁]+")


@document_cache(maxsize=4096)
def _similar(x: str, y: str) -> bool:
    """SequenceMatcher(None, x, y).ratio() reaches the threshold. Its quick_ratio (the
    characters both share, as multisets) is an upper bound of ratio and much cheaper:
    most pairs stop there, before a matcher is built."""
    if min(len(x), len(y)) < check_settings()["min_context_chars"]:
        return False
    least = check_settings()["min_context_similarity"]
    total = len(x) + len(y)
    if 2.0 * min(len(x), len(y)) / total < least:  # real_quick_ratio: lengths alone
        return False
    cy = _characters(y)
    shared = sum(min(n, cy.get(c, 0)) for c, n in _characters(x).items())
    if 2.0 * shared / total < least:
        return False
    return SequenceMatcher(None, x, y, autojunk=False).ratio() >= least


@document_cache(maxsize=4096)
def _characters(text: str) -> dict:
    return Counter(text)


_NOISE = regex.compile(r"[\s\p{P}]+")
_DIGIT = regex.compile(r"\d")
_DASHES = regex.compile(r"[-—－–]+")  # a dash cell: an explicit zero, not a stated figure


def _cores(f: dict) -> list:
    """Ways to word a figure: its clause; for a table cell, its row, and its row with the
    column group (2016年脱贫人员 + 计划 › 人数 reads like 2016年脱贫人员计划代缴…人)."""
    core = _core(f)
    if f["source"].get("table") is not None and f.get("column"):
        return [core, core + _NOISE.sub("", regex.sub(r"[（(][^（）()]*[)）]", "", f["column"]))]
    return [core]


def _core(f: dict) -> str:
    # a number in a table cell is about its row; a figure in text, about its clause
    text = (f.get("subject") or "") if f["source"].get("table") is not None and not f.get("context") \
        else f.get("context") or ""
    label, _ = numbering_of(text)  # a list number (1. / （2）) is layout, not wording
    if label and text.startswith(label):
        text = text[len(label):]
    # (the year first, wherever the clause wrote it: 本部门2018年度总支出 is 2018年度部门总支出
    # worded again; a year changed is still a digit changed)
    years = _YEAR.findall(text)
    return _NOISE.sub("", "".join(years) + _YEAR.sub("", text))


_YEAR = regex.compile(r"(?:19|20)\d\d年度?")


def _explain(difference: Decimal, kind: str, unit: str, record: dict, exclude: set) -> tuple:
    """A stated quantity nearby that equals the gap (清退411人), and any product relation
    that prices it (600元/人 × 411人 = 246,600.00元)."""
    facts = facts_by_id(record)
    words = relation_vocab()["explanation_words"]
    for f in record["facts"]:
        if f["id"] in exclude or f["kind"] != kind or f["unit"] != unit:
            continue
        said = (f.get("context") or "") + (f.get("label") or "") + (f.get("reason") or "")
        if interval_of(f).overlaps(exact(difference)) and any(w in said for w in words):
            extra = []
            for rel in relations_of(record, "product"):
                # the same count stated again where it is priced (该批411人 … 按600元/人)
                if Decimal(facts[rel["count"]]["value"]) == Decimal(f["value"]):
                    extra = [facts[rel["amount"]], facts[rel["rate"]]]
                    break
            return f, extra
    return None, []


@rule("repeat.conflict")
def check_repeat_conflict(record: dict) -> list:
    """The same quantity (same kind, unit, year and wording) stated with different values
    in two places. A gap that equals another stated quantity (清退411人) is attached as the
    explanation and lowers the severity to warning."""
    flags = []
    candidates = [f for f in record["facts"] if f["kind"] in ("headcount", "amount", "person_times", "households")
                  and f.get("range_high") is None and not _DASHES.fullmatch(f["text"].strip())
                  and not (f.get("written_unit") and (not f.get("subject") or TOTAL_ROW.match(f["subject"])))]
    seen = set()
    intervals = [interval_of(f) for f in candidates]
    captions = {t["source"]["block"]: t.get("caption") for t in record.get("tables", [])}
    cores: dict = {}  # candidate index → its _cores, worked out when first needed
    by_sentence: dict = {}  # (block, sentence) → the values of its figures of each kind and unit
    whole_of = _wholes(record)
    for f in candidates:
        if f["source"].get("table") is None:
            by_sentence.setdefault((f["source"]["block"], f["source"].get("sentence")), set()).add(
                (f["kind"], f["unit"], Decimal(f["value"])))
    for i, j in _pairs_alike(candidates):
        a, b = candidates[i], candidates[j]
        if a["source"]["block"] == b["source"]["block"] and (
                a["source"].get("table") is not None or a["source"].get("sentence") == b["source"].get("sentence")):
            continue  # one sentence, or one table: plan and actual side by side are not a repeat
        if intervals[i].overlaps(intervals[j]) or _about_different_subjects(a, b, captions) \
                or _on_different_occasions(a, b) or _changes_of_what_came_before(a, b) \
                or _other_stated_beside(a, b, by_sentence) \
                or _other_stated_beside(b, a, by_sentence) or _shares_of_different_wholes(a, b, whole_of):
            continue
        for k in (i, j):
            if k not in cores:
                cores[k] = _cores(candidates[k])
        if not _same_quantity(a, b, cores[i], cores[j]):
            continue
        hi, lo = (a, b) if Decimal(a["value"]) > Decimal(b["value"]) else (b, a)
        key = (Decimal(hi["value"]), Decimal(lo["value"]), hi["kind"])
        if key in seen:
            continue
        seen.add(key)
        gap = Decimal(hi["value"]) - Decimal(lo["value"])
        reason, priced = _explain(gap, hi["kind"], hi["unit"], record, {hi["id"], lo["id"]})
        explanation = None
        evidence = [hi, lo] + _same_row_mentions(record, (hi, lo))
        if reason:
            why = f"（{reason['reason']}）" if reason.get("reason") and reason["reason"] not in reason["context"] else ""
            explanation = (f"文中说明：{reason['context']}{written(reason)}{why}，"
                           f"{show(hi['value'], hi)} − {written(reason)} = {written(lo)}")
            evidence.append(reason)
            if priced:
                amount, price = priced
                explanation += f"；{written(price)} × {written(reason)} = {written(amount)}"
                evidence += priced
        flags.append(make_flag(
            "warning" if reason or a.get("approx") or b.get("approx") else "error",
            f"同一指标两处数值不一致：{written(hi)}（{where_written(hi)}），{written(lo)}（{where_written(lo)}），差{show_exact(gap, hi)}",
            hi["value"], lo["value"], gap, Decimal(0), evidence, explanation))
    return flags + form_total_restated_flags(record) + indicator_restated_flags(record)


def _wholes(record: dict) -> dict:
    """Each part of a stated breakdown (其中 / 即：…) → the value of its total."""
    facts = facts_by_id(record)
    return {p: Decimal(facts[r["total"]]["value"]) for r in relations_of(record, "breakdown") for p in r["parts"]}


def _shares_of_different_wholes(a: dict, b: dict, whole_of: dict) -> bool:
    """Are a and b parts of two breakdowns of different totals (the carried-over money's
    list and the mid-year supplement's, each naming the same item)? Then each is the
    item's share of its own whole: two allocations, not one quantity stated twice."""
    wa, wb = whole_of.get(a["id"]), whole_of.get(b["id"])
    return wa is not None and wb is not None and wa != wb


def _other_stated_beside(a: dict, b: dict, by_sentence: dict) -> bool:
    """Does a's own sentence also state b's value (基数690.00万元 … 扣减18.15万元，实际应付671.85万元
    beside a table's 671.85)? Then the sentence tells the two apart: b is that other figure's."""
    if a["source"].get("table") is not None:
        return False
    return (b["kind"], b["unit"], Decimal(b["value"])) in by_sentence.get((a["source"]["block"], a["source"].get("sentence")), ())


def _named_subjects(f: dict, captions: dict) -> list:
    """Whom a figure is about, by name: the subject its sentence names (extraction found
    it) or the place heading it stands under, or for a table cell the names in its row's, its
    column's and its table's caption's wording (表1 青禾镇参保情况表). `captions`: table block →
    caption."""
    table = f["source"].get("table")
    if table is None:
        # (else the place the heading above its paragraph names: （二）溪口县 over its figures)
        if f.get("subject"):
            return [f["subject"]]
        if f.get("section_place"):
            return [f["section_place"]]
        whole = _whole_area().search(f.get("context") or "")
        return [whole.group(0)] if whole else []  # (全市下达…: the whole, no county under it)
    return [n.text for text in (f.get("subject"), f.get("column"), captions.get(table)) if text
            for n in subject_names(text)]


@lru_cache(maxsize=1)
def _whole_area() -> "regex.Pattern":
    return regex.compile(load_json("subjects.json")["whole_area"])


def _about_different_subjects(a: dict, b: dict, captions: dict) -> bool:
    """Both figures name whom they are about, and no name is shared (青禾镇 vs 白川镇, 一组
    vs 二组): two towns' insured persons are two quantities, however alike the wording.
    A figure that names no one may be about either, and is still compared."""
    names_a, names_b = _named_subjects(a, captions), _named_subjects(b, captions)
    return bool(names_a and names_b) and not any(same_subject(x, y) for x in names_a for y in names_b)


def _on_different_occasions(a: dict, b: dict) -> bool:
    """Figures in different items of a numbered list (1、… 2、…), or stated with different
    dates or document numbers in their sentences, are two things (two projects, two
    allocations), however alike their wording."""
    for key in ("item", "occasion"):
        if a.get(key) and b.get(key) and a[key] != b[key]:
            return True
    return False


def _changes_of_what_came_before(a: dict, b: dict) -> bool:
    """Two changes whose clauses name no quantity, only the change (较2023年度决算数增加1.12万元
    after 其他收入3.46万元, …增加21.35万元 after 本年支出275.41万元): each is said of the figure
    before it, and their wordings are alike because they name nothing else."""
    labels = relation_vocab()["breakdown"]["change_labels"]
    return a.get("label") in labels and b.get("label") in labels


def _pairs_alike(facts: list):
    """(i, j), i < j, in the order of itertools.combinations, of the facts with the same
    kind, unit and a year, the same year: only those can state the same quantity."""
    groups: dict = {}
    for i, f in enumerate(facts):
        if f.get("year") is not None:
            groups.setdefault((f["kind"], f["unit"], f["year"]), []).append(i)
    later = {}
    for members in groups.values():
        for n, i in enumerate(members):
            later[i] = members[n + 1:]
    for i in sorted(later):
        for j in later[i]:
            yield i, j


def _same_row_mentions(record: dict, pair: tuple) -> list:
    """Where one side is a table cell, the other value stated in the same row (目标1199人 |
    已完成（实际完成788人）) is evidence too: the auditor sees both cells in the row."""
    out = []
    for a, b in (pair, pair[::-1]):
        s = a["source"]
        if s.get("table") is None:
            continue
        for f in record["facts"]:
            t = f["source"]
            if (t.get("table"), t.get("row")) == (s["table"], s["row"]) and f["id"] not in (a["id"], b["id"]) \
                    and f["kind"] == b["kind"] and Decimal(f["value"]) == Decimal(b["value"]):
                out.append(f)
    return out


def where_written(f: dict) -> str:
    s = f["source"]
    page = f"第{s['page']}页" if s.get("page") else ""
    if s.get("table") is not None:
        return f"{page}表格第{s['row'] + 1}行"
    return f"{page}正文"

