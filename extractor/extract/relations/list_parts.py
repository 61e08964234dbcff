"""Where a breakdown's list of parts ends: of the figures after a marker (其中, 包括, 分别为),
those that are parts of its total, up to the first that states another quantity, a sibling
of the total, a plan, last year's level or the listed parts' own sum. With what the list
readers share of a list's figures: the gap between two of one list (LIST_GAP) and a part
worded as coming off its total (reduces)."""
from __future__ import annotations

from decimal import Decimal

import regex

from .wording import per_unit, relation_patterns, similarity, vocabulary

CLAUSE_BREAK = regex.compile(r"[，,；;]")
CLAUSE_GROUP_BREAK = regex.compile(r"[；;]")


def of_last_year(f) -> bool:
    """Does f's own clause say it is last year's (上年基本支出…)?"""
    return relation_patterns()["previous_year"].search(CLAUSE_BREAK.split(f.context or "")[-1]) is not None


def last_years_base(f) -> bool:
    """Is f the previous year's level a change is stated from (较上年的48,260万元增加…,
    比2022年的…)? Its clause names the previous year right before it, no change word."""
    lead = CLAUSE_BREAK.split(f.context or "")[-1]
    return bool(regex.search(r"(?:较|比)(?:上年|去年|(?:19|20)\d{2}年)(?:同期)?的?$", lead)) and not is_change(f)


def is_change(f) -> bool:
    """A change on last year (同比上年度增加189.25万元), by its label or its words. A label
    its own clause does not say (其中中央资金1,200万元 after 比上年减少200万元: the list's
    label) makes no change."""
    said = any(w in (f.context or "") for w in vocabulary()["change_words"])
    if f.label in vocabulary()["breakdown"]["change_labels"] and said:
        return True
    return bool(relation_patterns()["previous_year"].search(f.context or "")) and said




def _opens_other_statement(text: str, after: int, start: int, enders: tuple) -> bool:
    """Does the clause that leads to the figure at `start` open with a word that starts
    another statement (…其中管理费1.07万元，目前已拨付106.36万元)?"""
    gap = text[after:start]
    breaks = list(CLAUSE_BREAK.finditer(gap))
    return bool(breaks) and gap[breaks[-1].end():].lstrip().startswith(enders)


def _sibling_of_total(text: str, total, parts: list, f) -> bool:
    """Is the figure f, after a ；, the total's sibling rather than a further part: more than
    the whole total, or worded like the total rather than like the parts before it and more
    than the total leaves for it (中央资金1,200万元，其中产业发展1,000万元；省级资金500万元)?
    A part that completes the list (支出总额2500万元，其中人员经费…；公用经费…；项目支出642.5万元)
    stays one."""
    if not regex.search(r"[；;]", text[parts[-1].source["end"]:f.source["start"]]):
        return False
    if sum(p.value for p in parts) + f.value <= total.value:
        return False
    if f.value > total.value:
        return True  # (产妇1,586人，其中建册1,532人，建册率96.6%；儿童11,240人: more than the whole, no part)
    if 0 <= total.value - sum(p.value for p in parts) < f.value / 2:
        return True  # (在职人员93人，其中在编人员88人；退休人员52人: far more than the 5 the whole leaves)
    words = f.context or ""
    return similarity(words, total.context or "") > max(similarity(words, p.context or "") for p in parts)


# a rate after a figure, not worded as its share (占16.38%)
_RATE_AFTER = regex.compile(r"(?<![\d.]|占|占比|比重|比例)(?P<rate>\d+(?:\.\d+)?)\s*[%％]")
_CLAUSE_GROUP_END = regex.compile(r"[；;。！？\n]")


def _rate_of_the_total_after(text: str, total, parts: list, f) -> bool:
    """Is f, after a ；, more than the total leaves, and its clause group states a rate of f
    over the total (累计培训1550人，其中女性612人；取得证书1286人，取证率83%)? It counts some of the
    whole again, no further part. (A part's share of the whole, 占16.38%, is worded so.)"""
    if not regex.search(r"[；;]", text[parts[-1].source["end"]:f.source["start"]]) \
            or sum(p.value for p in parts) + f.value <= total.value or not total.value:
        return False
    end = _CLAUSE_GROUP_END.search(text, f.source["end"])
    share = f.value / total.value * 100
    for m in _RATE_AFTER.finditer(text, f.source["end"], end.start() if end else len(text)):
        digits = len(m["rate"].split(".")[1]) if "." in m["rate"] else 0
        if abs(Decimal(m["rate"]) - share) <= Decimal(5) / 10 ** (digits + 1):
            return True
    return False


def _deep_in_next_clause_group(text: str, last, f) -> bool:
    """Is f, after a ；, past a comma of the clause group it stands in (…其中38个按期建成，按期
    完成率95%；经县级验收，37个全部达标)? A list going on after a ； names its next part first
    (…；县级财政资金600万元); a figure further on is said of something else."""
    gap = text[last.source["end"]:f.source["start"]]
    breaks = list(CLAUSE_GROUP_BREAK.finditer(gap))
    if not breaks:
        return False
    lead = gap[breaks[-1].end():]
    # (an item stating its plan first, …；养老护理类计划500人次，实际培训560人次: the figure ends the item)
    return regex.search(r"[，,]", lead) is not None and regex.search(r"\d", lead) is None


_PLANNED = regex.compile(r"目标|预期|任务数")
# a figure's own clause saying it is still to be done
_PENDING = regex.compile(r"尚未|尚有|正在|待\p{Han}{0,12}?(?:后|中)")
# a figure worded as the sum of the parts listed before it
_SUBTOTAL = regex.compile(r"上述|以上各|合计|共计|小计|总计")


_CLAUSE_OR_SENTENCE_END = regex.compile(r"[，,；;。！？!?\n]")


def _clause_after(text: str, f) -> str:
    """The words after the figure f to the end of its clause."""
    brk = _CLAUSE_OR_SENTENCE_END.search(text, f.source["end"])
    return text[f.source["end"]:brk.start() if brk else len(text)]


def _in_brackets(between: str) -> bool:
    """Does `between` leave a bracket open (the figure after it stands inside one)?"""
    return sum(between.count(c) for c in "（(") > sum(between.count(c) for c in "）)")


def list_parts(total, figures: list, changes: bool, text: str = "") -> list:
    """The parts a marker lists: its figures of the total's kind up to the first that is
    another quantity (收入 … 其中财政拨款收入…，全年支出…: the 支出 is no part of the 收入),
    without the changes on last year said of a part (…，同比增加209.28万元)."""
    families = vocabulary()["breakdown"]["label_families"]
    family = families.get(total.label)  # else the first part's says what the list lists
    parts = []
    enders = tuple(vocabulary()["breakdown"]["list_enders"])
    for f in figures:
        if is_change(f) != changes or per_unit(f):
            continue
        if not parts and last_years_base(f) and not last_years_base(total):
            continue  # 其中，日常养护支出较上年的1,384.60万元减少…: the level a change is measured from
        if text and parts and _in_brackets(text[parts[0].source["start"]:f.source["start"]]):
            continue  # 公务用车购置及运行维护费12.40万元（购置费0万元，运行维护费12.40万元）: a part's own breakdown
        if parts and _opens_other_statement(text, parts[-1].source["end"], f.source["start"], enders):
            break
        if parts and (_sibling_of_total(text, total, parts, f) or _deep_in_next_clause_group(text, parts[-1], f)
                      or _rate_of_the_total_after(text, total, parts, f)):
            break
        clause = CLAUSE_BREAK.split(f.context or "")[-1]
        if (_PLANNED.search(clause) or "计划" in clause and "实际" in (total.context or "")) \
                and not _PLANNED.search(total.context or ""):
            # 聘用护路员326人，其中脱贫劳动力214人，完成聘用目标300人; 实际培训2156人次，其中：技能类
            # 计划1200人次，实际培训1286人次…: a plan is no part of what was done (a 计划 beside
            # an actual total only: 雨露计划7.2万元 names a programme)
            continue
        if text and _PENDING.search(clause + _clause_after(text, f)) and not _PENDING.search(total.context or ""):
            # 已整改83.9万元。其中：…剩余7.1万元待返修后结算: what is still to be done is no part of what was
            continue
        if parts and _SUBTOTAL.search(clause) and not _names_the_rest(clause):
            break  # 上述三县合计8.02亿元: the listed parts' own sum, no further part
        if parts and of_last_year(f) and not of_last_year(total):
            break  # 上年基本支出29,535.12万元 after this year's: last year's, no part of this year's total
        other = families.get(f.label)
        if family and other and other != family:
            break
        if families.get(total.label) == "spending" and f.label in vocabulary()["breakdown"]["budget_under_spending"]:
            continue  # (其中中央资金预算960万元，执行720万元: the part's budget beside its spending)
        family = family or other
        parts.append(f)
        if _names_the_rest(clause):
            break  # 其余5个乡镇合计1.32万人: the last part
    return parts


def _names_the_rest(clause: str) -> bool:
    """Does a part's clause open with a word for the rest of the total (其余5个乡镇…)?"""
    return clause.lstrip("、和及与 ").startswith(tuple(vocabulary()["breakdown"]["remainder_words"]))


def ends_with_the_rest(parts: list) -> bool:
    """Does the list's last part (not its only one) name the rest of the total? It then names
    every part."""
    return len(parts) > 1 and _names_the_rest(CLAUSE_BREAK.split(parts[-1].context or "")[-1])


# between two figures of one list: a joiner and the next item's words, no other figure,
# no bracket (a part's own breakdown) and no end of a clause
LIST_GAP = regex.compile(r"^[^\d。；;！？!?（）()：:]{0,12}$")


def reduces(part) -> bool:
    """Is a part worded as coming off its total (调减105.40万元, 收回, 核减)?"""
    return any(w in (part.context or "") for w in vocabulary()["breakdown"]["reductions"])
