"""Products: an amount that is a unit price times a count (按600元/人…共计退回…), and an
average stated after its total and its count (共发放120万元，救助4,000人，人均300元).
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from ..sentences import sentence_index
from .wording import is_a_change, of_last_year, per_unit, relation_patterns, vocabulary

# what a price per head or per household prices
_COUNT_KINDS = {"head": ("headcount", "person_times"), "household": ("households",)}


def products_in(block, facts: list, spans: list, earlier: list, totals: dict) -> list:
    """按600元/人兜底，共计退回246,600.00元 with 411人 before it: price × count = amount (the
    price may be an amount per head in words: 人均补助1.2万元, 户均补贴672元 for households).
    A count that is the last part of a 其中 list (`totals`: part id → total id) may stand for
    its total too. An average after its total and its count, the three in one sentence, is
    the same product read backwards (see _total_before)."""
    out = []
    for i, f in enumerate(facts):
        si = sentence_index(spans, f.source["start"])
        if relation_patterns()["guarantee_line"].search(f.context or ""):
            continue  # (a minimum-living line, 保障标准为每人每年5400元: paid up to, not paid as is)
        per, periods = _priced(f), None
        if per is None or _PER_PERIOD.match(block.text, f.source["end"]) or _listed_after_period_price(block.text, facts, i):
            # 100元/人·月, 每人每月100元: a price per month or day, checked only where its
            # sentence states how many (全年按12个月发放, 按在校200天计算)
            per, periods = _over_periods(block.text, f, spans[si])
            if per is None:
                continue
        # (a standard over the months it was paid names what it paid in all with a sum word,
        # or with the paying itself: 按月人均补差480元、2,150人、全年12个月测算，全年需发放低保金…)
        # A price in brackets right after an amount is that amount's (下达经费15840.88万元（人均94元）)
        amount = _bracketed_after_amount(block.text, facts, i) or next((g for g in facts[i + 1:] if g.kind == "amount" and sentence_index(spans, g.source["start"]) == si
                       and (relation_patterns()["sum_words"].search(g.context)
                            or periods is not None and _PAID_IN_ALL.search(g.context or ""))
                       and not _other_group(f, g)), None)
        # the figure after the price, past the days or months it was paid for (每生每天5元，
        # 按在校200天计算，下达资金…)
        following = [g for g in facts[i + 1:i + 3] if not (periods and g.text.strip() == periods[1].strip())][:1]
        if following and following[0].kind in _COUNT_KINDS[per] and i + 2 < len(facts) \
                and not _NOT_PAID_AS_IS.search(f.context or "") and not _CAP_AFTER.match(block.text, f.source["end"]):
            # 每人266元，资助15,482人，资助资金411.28万元: the count it paid for between (not a
            # standard someone else pays, 个人缴费标准为每人220元, nor a cap, 每户2000元以内)
            following = [facts[i + 2]]
        if amount is None and following and _paid_right_after(following[0], si, spans) and not _other_group(f, following[0]) \
                and not _ITEM_BREAK.search(block.text, f.source["end"], following[0].source["start"]) \
                and not any(_priced(g) for g in facts if g is not f and sentence_index(spans, g.source["start"]) == si
                            and not _apart(block.text, f, g)):
            # (the sentence's only price: several share one total; a price of another item of
            # a list, past a ；, has its own: 甲按600元…，发放349.92万元；乙按1200元…，发放75.68万元)
            amount = following[0]
        paid_before = None
        if amount is None and following and following[0].kind in _COUNT_KINDS[per] \
                and sentence_index(spans, following[0].source["start"]) == si:
            # (补助资金54万元，按1500元/人的标准发放给380名对象: what it paid opens the sentence, whom after)
            amount = paid_before = _paid_before(block.text, facts[:i], f, si, spans)
        # (not a change nor last year's: 较上年的22,040人减少690人; nor a count per unit: 每村3人)
        def countable(g):
            return g.kind in _COUNT_KINDS[per] and not is_a_change(block.text, g) \
                and not of_last_year(block.text, g) and not per_unit(g)
        counts = [g for g in reversed(facts[:i]) if countable(g) and (
            sentence_index(spans, g.source["start"]) == si
            or sentence_index(spans, g.source["start"]) == si - 1 and not _CUMULATIVE.search(block.text, *spans[si - 1]))]
        if paid_before is not None:
            counts = [following[0]] if countable(following[0]) else []
        elif amount is not None:
            # the count named between the price and what it paid, in their sentence (按每人每年
            # 1200元标准，对3185名老年人发放…共计428.2万元) is whom the price paid first
            counts = [g for g in facts[i + 1:facts.index(amount)] if countable(g)] + counts
        count = counts[0] if counts else None
        # (an average is written in words, 人均补贴720元; a standard in its unit, 720元/人, or
        # named one: 补助标准为小学每人每年1,000元 is no quotient of the sentence before)
        average = amount is None and count is not None and "/" not in f.text and periods is None \
            and not _NOT_PAID_AS_IS.search(f.context or "")
        if average:
            amount, count = _total_before(facts[:i], spans, si, per)
            if amount and count and _PART_OPENS.search(
                    block.text, min(amount.source["end"], count.source["end"]), f.source["start"]):
                # …资金861.20万元，其中学前教育阶段按人均每年1000元, …合计26.70万元，其中：省级12名，
                # 每人每年补助8,000元: a part's standard, no average of all
                amount = None
        if amount and count:
            out.append({"type": "product", "rate": f.id, "count": count.id, "amount": amount.id,
                        "source": {"block": block.index, "page": block.page}})
            if average:
                out[-1]["average"] = True  # the report states the quotient: check it as one
            if periods is not None:
                out[-1]["periods"], out[-1]["periods_text"] = periods
            # the price may be of another count near it (签约15.80万人 … 重点人群签约8.92万人 …
            # 每人每年12元，共计189.60万元): the checker tries each before it flags
            alternatives = ([totals[count.id]] if count.id in totals else []) + \
                ([g.id for g in counts[1:]] if not average else [])
            if alternatives:
                out[-1]["count_alternatives"] = alternatives
            # (an amount before the summed one may be what the price paid: 按每生每天4元…核定，全年
            # 应安排资金2,291.2万元；另由…186.5万元，项目资金合计2,477.7万元): the checker tries it too
            before = [g.id for g in facts[i + 1:facts.index(amount)] if g.kind == "amount" and not g.approx
                      and sentence_index(spans, g.source["start"]) == si] if not average else []
            if before:
                out[-1]["amount_alternatives"] = before
    # prices of several groups with one total after them (1200人按350元/人，7450人按291.5元/人，
    # 共计259.2万元): the total is their products' sum, not either product
    shared = Counter(r["amount"] for r in out)
    return [r for r in out if shared[r["amount"]] == 1]


def _paid_before(text: str, before: list, price, si: int, spans: list):
    """The amount that opens the price's sentence and says it was paid out (补助资金54万元，按1500元/人
    的标准发放给380名对象), where it is the sentence's only figure before the price, not a price
    itself, and no ； parts them; else None."""
    same = [g for g in before if sentence_index(spans, g.source["start"]) == si]
    if len(same) != 1 or same[0].kind != "amount" or same[0].approx or _priced(same[0]) is not None:
        return None
    g = same[0]
    if _price_patterns()["paid"].search(g.context or "") is None or _apart(text, g, price):
        return None
    return g


def _apart(text: str, f, g) -> bool:
    """Do a ； or ; stand between two figures (items of a list, each with its own total)?"""
    a, b = sorted((f.source["start"], g.source["start"]))
    return _ITEM_BREAK.search(text, a, b) is not None


_PART_OPENS = regex.compile(r"其中")
# a sentence before the price that counts over years (2015年至2020年累计招收2840人, 项目实施以来
# 累计…) counts no year's payment: its counts are no price's (2023年累计签约4.20万人 is a year's)
_CUMULATIVE = regex.compile(r"(?:(?:19|20)\d{2}年?\s*[至到—－~-]\s*(?:19|20)\d{2}年|以来)[^。；;]{0,20}累计")
_NOT_PAID_AS_IS = regex.compile(r"标准|缴费|最高|不超过|上限")
_CAP_AFTER = regex.compile(r"\s*(?:以内|以下|为限|封顶)")
_PAID_IN_ALL = regex.compile(r"(?:发放|兑付|拨付|支付)\p{Han}{0,6}$")
# a semicolon between a price and the figure after it: the next item of a list (每人1万元；协调
# 发放创业担保贷款3,600.00万元), not what the price paid
_ITEM_BREAK = regex.compile(r"[；;]")


# the words between an amount and a price in brackets after it that says what the amount
# came to a head: （人均, (按每人每年 — not a share's words (（个人自缴150元/人 …）: its part)
_BRACKET_OPEN = regex.compile(r"\s*[（(]按?(?:人均|生均|户均|每人|每生|每户)(?:每?(?:年|月))?\s*")


def _bracketed_after_amount(text: str, facts: list, i: int):
    """The amount right before facts[i] where the price stands in brackets after it (…15840.88万元
    （人均94元）): the price says what that amount came to a head, not what a later one paid."""
    if i == 0 or facts[i - 1].kind != "amount":
        return None
    g = facts[i - 1]
    return g if _BRACKET_OPEN.fullmatch(text, g.source["end"], facts[i].source["start"]) else None


def _other_group(price, amount) -> bool:
    """Do the price's clause and the amount's name two different groups of people (分散供养人员
    …9,360元/人，全护理人员…发放182.16万元)? Then the amount is not what the price paid."""
    group = _price_patterns()["group"]
    mine, theirs = group.findall(price.context or ""), group.findall(amount.context or "")
    return bool(mine and theirs) and not set(mine) & set(theirs)


def _paid_right_after(g, si: int, spans: list) -> bool:
    """Is g, the figure right after a price in its sentence, the amount it paid out in all
    (…每人每年960元，发放资金596.64万元)?"""
    return (g.kind == "amount" and not g.approx and sentence_index(spans, g.source["start"]) == si
            and _price_patterns()["paid"].search(g.context or "") is not None and _priced(g) is None)


# between two prices of one list (每人每月730元、560元): the second is priced as the first
_LIST_BREAK = regex.compile(r"\s*[、和及与]\s*")


def _listed_after_period_price(text: str, facts: list, i: int) -> bool:
    """Is facts[i] listed right after a price per month or day (城市、农村低保标准每人每月730元、
    560元), so that its period is that price's, though its own words do not repeat it?"""
    if i == 0 or facts[i].kind != "money_rate":
        return False
    g = facts[i - 1]
    return (g.kind == "money_rate" and _LIST_BREAK.fullmatch(text, g.source["end"], facts[i].source["start"]) is not None
            and (_price_patterns()["period"].search((g.context or "")[-12:]) is not None
                 or _PER_PERIOD.match(text, g.source["end"]) is not None))


def _priced(f) -> str | None:
    """What f is a price of: "head" (a money_rate, or 人均补助1.2万元), "household" (户均补贴672元),
    or None. A price per month or day (月人均600元) is none: the months are not stated."""
    if f.kind not in ("money_rate", "amount") or (f.kind == "amount" and (f.approx or not f.context)):
        return None
    p = _price_patterns()
    if p["period"].search((f.context or "")[-12:]):
        return None  # (每人每月100元 is money per head too, but per month)
    if f.kind == "money_rate":
        return "head"
    for per in ("head", "household"):
        if p[per].search(f.context):
            return per
    return None


def _total_before(before: list, spans: list, si: int, per: str) -> tuple:
    """(total, count) for an average stated after both in its own sentence (共发放救助资金120万元，
    救助对象4,000人，人均救助300元), when that sentence holds exactly one other amount, no
    other average, and exactly one count of what the average is per; (None, None) otherwise."""
    same = [g for g in before if sentence_index(spans, g.source["start"]) == si]
    amounts = [g for g in same if g.kind == "amount"]
    counts = [g for g in same if g.kind in _COUNT_KINDS[per]]
    if len(amounts) != 1 or len(counts) != 1 or amounts[0].approx or counts[0].approx:
        return None, None
    if any(_priced(g) is not None for g in same) or relation_patterns()["per_unit"].search(amounts[0].context or ""):
        return None, None
    return amounts[0], counts[0]


@lru_cache(maxsize=1)
def _price_patterns() -> dict:
    v = vocabulary()
    return {"head": regex.compile(v["price_per_head"]), "household": regex.compile(v["price_per_household"]),
            "period": regex.compile(v["price_per_period"]), "paid": regex.compile(v["paid_total"]),
            "group": regex.compile(v["group_of_people"])}


_PER_PERIOD = regex.compile(r"\s*[·/／每]?\s*(?P<p>月|季|季度|天|日|周)")
# how many months or days a sentence says a price per month or day was paid for (not a
# deadline: 3个月内; nor a month of the year: 12月)
_PERIOD_COUNTS = {"月": regex.compile(r"(?<![\d.])(?P<n>\d{1,3})\s*个月(?!内|以内|后|前|以上|以下)"),
                  "天": regex.compile(r"(?<![\d.])(?P<n>\d{1,3})\s*天(?!内|以内|后|前|以上|以下)")}
_PERIOD_OF_PRICE = regex.compile(r"每(?P<p>月|天|日)|(?P<q>月|日)(?:人均|均)|(?:人均|户均|生均)(?P<r>月|天|日)")


def _over_periods(text: str, f, sentence: tuple) -> tuple:
    """("head", (n, "12个月")) for money per head per month or day (每人每月100元, 150元/人·月,
    每生每天5元) whose sentence states the one number of months or days it was paid for;
    (None, None) otherwise."""
    if f.kind != "money_rate" or f.approx:
        return None, None
    before = _PERIOD_OF_PRICE.search((f.context or "")[-12:])
    after = _PER_PERIOD.match(text, f.source["end"])
    unit = (before and (before["p"] or before["q"] or before["r"])) or (after and after["p"] in ("月", "天", "日") and after["p"])
    if not unit:
        return None, None
    counts = {(int(m["n"]), m.group(0)) for m in _PERIOD_COUNTS["月" if unit == "月" else "天"].finditer(text, *sentence)}
    if len(counts) != 1:
        return None, None
    (n, quote), = counts
    return ("head", (n, quote)) if n > 0 else (None, None)
