"""The number grammar: find quantities (number + unit) in normalised text.

Numbers are parsed here into `Decimal` from the written span itself — never through
float — so "16.4亿元" is exactly 1640000000 and "575.82万元" exactly 5758200. What was
written is kept: the text, how many decimals were written (in the written unit, which
is what tolerances are derived from) and whether the figure was approximate (余, 约 …).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .per_head import mark_per_head, per_head_words_before, per_thing_words_before, standard_words_before

CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
            "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNIT = {"万": 10000, "亿": 100000000}
_CN_CHARS = "零〇○一二两三四五六七八九十百千万亿"

ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# points as a form writes them in a cell run together with others: up to 999, two decimals at
# most, no leading 0 a figure does not need (the glued-cell readers cut runs into these)
POINTS = r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?"
POINTS_FIGURE = regex.compile(POINTS)


def same_places(weight: str, score: str) -> bool:
    """Is a 得分 written with the decimals of its 分值 where that has them (5.00 | 4.50, never
    5.0 | 0)? A whole 分值 takes any 得分."""
    places = len(weight.partition(".")[2])
    return not places or len(score.partition(".")[2]) == places


def points_pairs(text: str, a: int, b: int) -> list:
    """Every cut of text[a:b], a 分值 and its 得分 run together, into [(a, k), (k', b)] (points
    figures, 得分 ≤ 分值 ≤ 100, same_places); at its line break when it has one."""
    brk = text.find("\n", a, b)
    if brk >= 0:
        both = POINTS_FIGURE.fullmatch(text, a, brk) and POINTS_FIGURE.fullmatch(text, brk + 1, b)
        splits = [(brk, brk + 1)] if both else []
    else:
        splits = [(k, k) for k in points_cuts(text, a, b)]
    return [[(a, k), (after, b)] for k, after in splits
            if Decimal(text[after:b]) <= Decimal(text[a:k]) <= 100 and same_places(text[a:k], text[after:b])]


# a rate's column (执行率) holds no bare figure above this: one that does is another column's
# cell the row's spacing moved under it
_MOST_BARE_RATE = Decimal(1000)
_MOST_PERCENT_DIGITS = 5  # a stated rate has at most this many digits before its point (增长12500%)


def beyond_any_rate(value: Decimal) -> bool:
    return value > _MOST_BARE_RATE


def points_cuts(text: str, a: int, b: int) -> list:
    """Where text[a:b], two points figures run together (1510, 8.57.5), may be cut: every k
    with a points figure on either side."""
    return [k for k in range(a + 1, b) if POINTS_FIGURE.fullmatch(text, a, k) and POINTS_FIGURE.fullmatch(text, k, b)]


def weight_then_score_cut(text: str, a: int, b: int, scored: bool = False) -> Optional[int]:
    """Where text[a:b], a 分值 and its 得分 run together (1010, 109.69), is cut: the one cut
    that makes them points of a 100-point form, 得分 no more than 分值 (`scored`: and above 0);
    None where none or more than one does."""
    cuts = [k for k in points_cuts(text, a, b)
            if (0 if scored else -1) < Decimal(text[k:b]) <= Decimal(text[a:k]) <= 100]
    if len(cuts) > 1:  # (10.310.3: 10.3 | 10.3, not 10.31 | 0.3, a pair written with two decimals and one)
        cuts = [k for k in cuts if same_decimals(text[a:k], text[k:b])]
    return cuts[0] if len(cuts) == 1 else None


def same_decimals(weight: str, score: str) -> bool:
    """Are a 分值 and its 得分 written with as many decimals each? Where a run cuts into two
    pairs of points, the one written alike is the form's (a column keeps its decimals)."""
    return len(weight.partition(".")[2]) == len(score.partition(".")[2])


# Chinese numerals: at least two characters, so idioms like 一人一档 or 两不愁 are not read
# as quantities; 百分之九十 is handled separately.
CHINESE = rf"[{_CN_CHARS}]{{2,}}(?:点[{_CN_CHARS[:-5]}]+)?"


@dataclass(slots=True)
class Quantity:
    value: Decimal  # in base units (元, 人, %, 分 …)
    kind: str
    unit: str  # base unit
    text: str  # exactly as written in the normalised text, number through unit
    start: int
    end: int
    decimals: int  # decimals written, in the written unit
    approx: bool = False
    written_unit: str = ""
    written_value: Decimal = Decimal(0)  # the number as written, before the unit's multiplier
    range_high: Optional[Decimal] = None
    negative: bool = False
    scale: Decimal = Decimal(1)  # base units per written unit (10000 for 万元)


def parse_chinese_numeral(text: str) -> Optional[Decimal]:
    """两千 → 2000, 一万二千 → 12000, 三千 → 3000, 十五 → 15, 二〇一九 → 2019 (digit string)."""
    if not text:
        return None
    if "点" in text:
        whole, frac = text.split("点", 1)
        w = parse_chinese_numeral(whole) if whole else Decimal(0)
        digits = "".join(str(CN_DIGIT[c]) for c in frac if c in CN_DIGIT)
        return None if w is None or not digits else w + Decimal("0." + digits)
    if all(c in CN_DIGIT for c in text):
        if len(text) == 1:
            return Decimal(CN_DIGIT[text])
        # 二〇一九 is digits read out one by one; 两三 / 三四 is "two or three", not 23.
        if any(c in "零〇○" for c in text):
            return Decimal("".join(str(CN_DIGIT[c]) for c in text))
        return None
    total = Decimal(0)
    section = Decimal(0)
    digit = None
    for c in text:
        if c in CN_DIGIT:
            digit = Decimal(CN_DIGIT[c])
        elif c in CN_SMALL_UNIT:
            section += (digit if digit is not None else Decimal(1)) * CN_SMALL_UNIT[c]
            digit = None
        elif c in CN_BIG_UNIT:
            section += digit or 0
            total = (total + section) * CN_BIG_UNIT[c] if CN_BIG_UNIT[c] > 10000 else total + section * CN_BIG_UNIT[c]
            section = Decimal(0)
            digit = None
        else:
            return None
    return total + section + (digit or 0)


def within_last_digit(value: Decimal, written: Decimal) -> bool:
    """Is `value` the figure `written`, to its last decimal, rounded or cut (9.668 as 9.67 or
    9.66): within one unit of that digit?"""
    return abs(value - written) < Decimal(1).scaleb(written.as_tuple().exponent)


def as_written(value: Decimal, written: Decimal, decimals: int) -> bool:
    """Is `value` the figure `written` with `decimals` decimals, to its digits (within half a
    unit of its last digit)?"""
    return abs(value - written) <= Decimal(1).scaleb(-decimals) / 2


def parse_arabic(text: str) -> tuple[Decimal, int]:
    plain = text.replace(",", "") if "," in text else text
    point = plain.find(".")
    return Decimal(plain), (len(plain) - point - 1 if point >= 0 else 0)


# re's \s also takes \x1c-\x1f; this is \s as the regex module reads it
_SPACE = r"[^\S\x1c-\x1f]"


COUNTED_KINDS = ("headcount", "households")
# after a labelled figure, a unit, a date or a range says it is something else (人数1200人 is read
# with its unit; 人数2023年 is no count)
_NOT_AFTER_COUNT = r"%‰元人户个次名分年月日号岁天项家所万亿倍~～至到\-"


@lru_cache(maxsize=1)
def _grammar():
    spec = load_json("units.json")
    units = sorted(spec["units"], key=len, reverse=True)
    unit_alt = "|".join(re.escape(u) for u in units)
    mags = "".join(spec["magnitudes"])
    before = "|".join(re.escape(w) for w in sorted(spec["approx_before"], key=len, reverse=True))
    after = "|".join(re.escape(w) for w in sorted(spec["approx_after"], key=len, reverse=True))
    # the digits are atomic: no tail (unit, range, 余 …) starts with a digit, comma or
    # point, so a shorter run of the same digits never matches where the whole run failed,
    # and the engine need not try each (2019年 would be tried as 201, 20, 2)
    number = rf"(?P<num>(?>{ARABIC})|{CHINESE})"
    # Opened by a class of the characters a figure can start with, so that the standard
    # library's re skips straight to them; the regex module would try the whole pattern at
    # every position, a quarter slower over a report.
    opens = "".join(sorted({re.escape(w[0]) for w in spec["approx_before"]})) + r"\-+\d" + _CN_CHARS
    # (a long dash joins a range only where it stands tight against its ends, 80—90分; one a
    # space apart is a not-applicable cell between two figures: 207.4538 — 100%)
    pattern = re.compile(
        rf"(?=[{opens}])(?P<pre>{before})?(?P<sign>[-+])?{number}"
        rf"(?:(?P<unit1>%)?(?P<range_sep>{_SPACE}*(?:[（(]含[)）])?{_SPACE}*[-~～至到]{_SPACE}*|(?:[（(]含[)）])?[—–－])(?P<num2>{ARABIC}))?"
        rf"(?P<post1>{after})?{_SPACE}*(?P<mag>[{mags}](?!元/))?(?P<post2>{after})?{_SPACE}*(?P<unit>{unit_alt})"
        rf"(?P<post3>左右|以上|以下)?",
    )
    percent_word = regex.compile(rf"百分之(?P<num>{ARABIC}|[{_CN_CHARS}点]+)")
    # a figure its label names the unit of, written without it (参保人数12.5万, 救助户数为368,
    # 自评得分95, 学生资助资金86.5万, and points opening a line, bracket or clause: 分值：8,
    # （分值15，得分14）):
    # the label's end says what it is (header_suffix_units:
    # 人数 → 人; prose_label_units: 得分 → 分, 资金 → 元); prose writes the figure right after its
    # label (a space between them is a flattened table's cells)
    counted_units = {w: u for w, u in spec["header_suffix_units"].items()
                     if spec["units"].get(u, [None])[0] in COUNTED_KINDS}
    label_units = {**counted_units, **spec["prose_label_units"]}
    suffixes = "|".join(map(re.escape, sorted(label_units, key=len, reverse=True)))
    labelled_count = re.compile(
        rf"(?:(?<=[\u4e00-\u9fff])|(?<![^\n（(，,；;])(?=得分|分值))(?P<suffix>{suffixes})(?:为|达到|达|共计|共|是)?[:：]?"
        rf"(?P<num>{ARABIC})(?![\d.]|,\d)(?P<mag>[万亿])?(?P<post>余|多)?(?![{_NOT_AFTER_COUNT}])")
    # money in 万 or 亿 a space from its label and its 万 (资金额度 3862 万, 预算为 1781.86 万): a
    # figure written so is no flattened table's cell, which writes no magnitude apart
    money_labels = "|".join(map(re.escape, sorted((w for w, u in label_units.items()
                                                   if spec["units"].get(u, [None])[0] == "amount"), key=len, reverse=True)))
    spaced_money = re.compile(
        rf"(?<=[\u4e00-\u9fff])(?P<suffix>{money_labels})(?:为|达到|达|共计|共|是)?[:：]? (?P<num>{ARABIC})(?![\d.]|,\d) ?"
        rf"(?P<mag>[万亿])(?P<post>余|多)?(?!\s*[{_NOT_AFTER_COUNT}])")  # (万 元 a line's break apart is 万元)
    # a count's label and its figure as two cells of a flattened form (编制人数     86  实有人数
    # 79): the label opens its cell, the figure fills the next one
    counts = "|".join(map(re.escape, sorted((w for w in counted_units if label_units[w] == counted_units[w]),
                                            key=len, reverse=True)))
    cell_count = re.compile(rf"(?:^|(?<=\t)|(?<=  ))[\u4e00-\u9fff]{{0,10}}?(?P<suffix>{counts})[ \t]+(?P<num>\d+)"
                            rf"(?P<mag>)(?P<post>)(?=\t|  |[ \t]*$)", re.MULTILINE)
    # a figure in 万 or 亿 right before a word for money (141.8万补助资金) or what money is used
    # for (130万用于…) is an amount, and one before a word for people (4.2万农村人口) a headcount
    before_noun = []
    for key, kind, base_unit in (("money_nouns", "amount", "元"), ("money_uses", "amount", "元"),
                                 ("people_nouns", "headcount", "人")):
        nouns = "|".join(map(re.escape, sorted(spec[key], key=len, reverse=True)))
        before_noun.append((re.compile(rf"(?<![\d.,])(?P<num>{ARABIC})(?P<mag>[万亿])(?P<post>余|多)?(?={nouns})"),
                            kind, base_unit))
    person_before = re.compile(spec["per_head_after_person"])
    # a grade band written as a comparison with the score itself, its bounds bare (80≤得分＜90,
    # 总分≥90为优): both bounds are points
    score_words = "|".join(map(re.escape, spec["score_band_words"]))
    score_band = regex.compile(
        rf"(?<![\d.])(?P<num>{ARABIC})\s*[≤<＜≦](?=\s*(?:{score_words})(?!率))"
        rf"|(?<=(?:{score_words}))\s*[≤<＜≦≥>＞≧]\s*(?P<num2>{ARABIC})(?![\d.]|\s*[分%％])")
    return (spec, pattern, percent_word, (labelled_count, cell_count, spaced_money, score_band), before_noun,
            label_units, person_before)


def _labelled_quantity(m, kind: str, base_unit: str) -> Quantity:
    """A figure whose unit its label or the word after it gives (see _grammar)."""
    value, decimals = parse_arabic(m["num"])
    factor = _factor("1", m["mag"])
    start, end = m.start("num"), m.end()
    return Quantity(value=value * factor, kind=kind, unit=base_unit, text=m.string[start:end], start=start, end=end,
                    decimals=decimals, approx=bool(m["post"]), written_unit=(m["mag"] or "") + base_unit,
                    written_value=value, scale=factor)


_RANGE_BEFORE_DASH = (")", "）")
_MULTIPLIER_BEFORE = regex.compile(r"[×*÷/]\s*[（(]?\s*$")
_DATE_AFTER = regex.compile(r"[年月日号]")
# the words a form's next cell opens with after money run together (…25.3万元年度总体目标)
_YEAR_WORD_AFTER = regex.compile(r"年(?:度|初|底|末|内|中)")
# A number directly preceded by one of these is part of a code, date or name, not a quantity
# (a comma only after a digit: 1,2900 is no 2900, but 工资,290万元 is 290万元).
_BAD_BEFORE = regex.compile(r"(?:[\d.A-Za-z_〔【\[第%]|\d,)$")
# "分" after a number is a score only when not a verb or part of a word (分两批, 分别, 分钟);
# 分为 before a grade is the score and the grade it earns (90分为优, 60分以下为差)
_BAD_AFTER = {"分": regex.compile(r"^(?:别|钟|批|期|类|辨|为(?![“\"「]?(?:优|良|中|差|合格|不合格|一般|较差|好))|成|之|管|配|摊|解|步|析|档|段|组|级|项|值|布|局|队|行|享|公司|中心)"),
              "次": regex.compile(r"^(?:性|要|日|年|月)"),
              "个": regex.compile(r"^(?:月|工作日|小时|别)"),
              "名": regex.compile(r"^(?:称|单|义|额)"),
              "件": regex.compile(r"^(?:号)"),
              "起": regex.compile(r"^(?:来|到|止|至|步|付|草|诉)"),
              "人": regex.compile(r"^(?:民|员|口|群|社|大|力|事|才|均)"),
              "家": regex.compile(r"^(?:庭|中|属)")}
# money per a thing (1,500元/件, 500元/亩, 120万元/公里, 3100元每平方米) is a price, no amount;
# per person is a unit of its own, per household (5300元/户) is read as the amount a household
# gets, and money per a period (100万元每年) is an amount
_PER_THING = regex.compile(r"^\s*(?:[/／]\s*(?!户)\p{Han}|每(?![人户生名年月天日学季半周期])\p{Han})")
_MONEY_UNITS = ("元", "万元", "亿元", "千元")
_BAD_AFTER.update({unit: _PER_THING for unit in _MONEY_UNITS})
# money per a period, read as money per head when a person is written right before it
_PER_PERIOD_AFTER = regex.compile(r"\s*[/／]\s*(?:学年|学期|年|月)")

# a caption's numbering right before a figure, at the start of its line (表3, 附表2, 图1)
_CAPTION_NUMBER = regex.compile(r"[ \t]*(?:附)?[表图][ \t]*")

# The words after a figure that _BAD_AFTER and _DATE_AFTER look at are shorter than this.
_AFTER_WINDOW = 8


@lru_cache(maxsize=64)
def _factor(mult, mag: Optional[str]) -> Decimal:
    """Base units per written unit: the unit's multiplier times the magnitude's (万 …)."""
    return Decimal(mult) * (Decimal(_grammar()[0]["magnitudes"][mag]) if mag else 1)


def find_quantities(text: str) -> list:
    spec, pattern, percent_word, labelled_count, before_noun, label_units, person_before = _grammar()
    units = spec["units"]
    out = []
    for m in pattern.finditer(text):
        # every group at once, in the order the pattern opens them
        pre, sign, num_text, unit1, _, num2, post1, mag, post2, unit, post3 = m.groups()
        start, end = m.span()
        # `$` looks at the last character, or the one before a final newline: two
        # characters decide, and slicing the whole text before each figure is quadratic
        if _BAD_BEFORE.search(text[max(0, start - 2):start]) and not (unit == "%" and text[start - 1] == "%"):
            continue  # (a percentage right after one is a form's next cell: 目标100%实际98%, run together)
        if unit1 and unit != "%":
            continue
        # (the line's start looked for a few characters back only: a long line costs nothing more)
        line_start = text.rfind("\n", max(0, start - 5), start) + 1
        if start - line_start <= 4 and _CAPTION_NUMBER.fullmatch(text, line_start, start):
            continue  # 表3  分县区…: a table's or figure's number, no score
        after = text[end:end + _AFTER_WINDOW]
        if unit in _BAD_AFTER and _BAD_AFTER[unit].match(after):
            per_period = _PER_PERIOD_AFTER.match(after) if unit == "元" else None
            figure = m.start("num")  # (after an approximating word: 每人不超过600元/年)
            if per_period is None or not (person_before.search(text[max(0, figure - 4):figure])
                                          or per_head_words_before(text, figure)
                                          or standard_words_before(text, figure)):
                continue
            # 小学生300元/年, 人均交通补助120元/月: money per head and period, the period in its quote
            unit, end = "元/人", end + per_period.end()
        if mag and unit in ("%", "个百分点", "百分点"):
            continue
        if unit == "%" and len(num_text.split(".")[0].replace(",", "")) > _MOST_PERCENT_DIGITS:
            continue  # 1260113495%: a form's cells run together (1260 | 1134 | 95%), no rate
        if unit == "%" and _MULTIPLIER_BEFORE.search(text[max(0, start - 3):start]):
            continue  # ×100% in a formula is a constant, not a stated figure
        if _DATE_AFTER.match(after) and units[unit][0] != "money_rate" \
                and not (unit in _MONEY_UNITS and _YEAR_WORD_AFTER.match(after)):
            continue  # (350元/人年: a per-head standard's period; 25.3万元年度总体目标 run together is money)
        if num_text[0].isdigit():
            value, decimals = parse_arabic(num_text)
        else:
            if num_text in _BARE_MAGNITUDES:
                continue  # 单位：百万元, 千元: a unit's name, no figure
            value = parse_chinese_numeral(num_text)
            decimals = 0
            if value is None:
                continue
        kind, base_unit, mult = units[unit]
        if mag and unit not in ("元", "人", "人次", "户", "名", "个"):
            continue
        written_unit = (mag or "") + unit
        factor = _factor(mult, mag)
        negative = sign == "-"
        if negative and not pre and text[start - 1:start] in _RANGE_BEFORE_DASH:
            # 80%（含）-90%: the dash joins a range whose first end closed with a bracket
            negative, start = False, start + 1
        written_value = -value if negative else value
        high = parse_arabic(num2)[0] * factor if num2 else None
        if pre and text[max(0, start - 1):start + len(pre)] in spec["approx_not_words"]:
            start, pre = start + len(pre), None  # 签约158,500人: the 约 of a word, not "about"
        out.append(Quantity(
            value=written_value * factor, kind=kind, unit=base_unit, text=text[start:end], start=start,
            end=end, decimals=decimals, approx=bool(pre or post1 or post2 or post3),
            written_unit=written_unit, written_value=written_value, range_high=high, negative=negative,
            scale=factor))
    for m in percent_word.finditer(text):
        raw = m.group("num")
        if raw[0].isdigit():
            value, decimals = parse_arabic(raw)
        else:
            value, decimals = parse_chinese_numeral(raw), 0
            if value is None:
                continue
        out.append(Quantity(value=value, kind="percent", unit="%", text=m.group(0), start=m.start(), end=m.end(),
                            decimals=decimals, written_unit="%", written_value=value))
    labelled_count, cell_count, spaced_money, score_band = labelled_count
    for m in itertools.chain(labelled_count.finditer(text), cell_count.finditer(text), spaced_money.finditer(text)):
        kind, base_unit, _ = units[label_units[m["suffix"]]]
        if (kind == "amount" and not m["mag"]) or (kind == "score" and m["mag"]):
            continue  # 资金865 says no unit; 得分9万 is no score
        out.append(_labelled_quantity(m, kind, base_unit))
    read = {q.start for q in out}
    for m in score_band.finditer(text):
        group = "num" if m["num"] else "num2"
        if m.start(group) in read:
            continue  # 评价得分90≤总分: the labelled figure is the band's bound
        value, decimals = parse_arabic(m[group])
        out.append(Quantity(value=value, kind="score", unit="分", text=m[group], start=m.start(group),
                            end=m.end(group), decimals=decimals, written_unit="分", written_value=value))
    for noun_after, kind, base_unit in before_noun:
        out.extend(_labelled_quantity(m, kind, base_unit) for m in noun_after.finditer(text))
    out.sort(key=lambda q: q.start)
    mark_per_head(text, out)
    # money per a thing written out before the figure (每亩补贴120元) is a price: no fact
    return [q for q in out if q.kind != "amount" or not per_thing_words_before(text, q.start)]


_BARE_MAGNITUDES = ("百", "千", "百万", "千万")
_DASHES = regex.compile(r"[-—－–]+")
_CELL_NUMBER = regex.compile(rf"([-+]?)({ARABIC})(%?)")


def parse_cell_number(text: str) -> Optional[tuple]:
    """A table cell holding just a number (maybe with %): (Decimal, decimals, has_percent).
    A dash is an explicit zero."""
    t = text.strip().replace(" ", "")
    if _DASHES.fullmatch(t):
        return Decimal(0), 0, False
    m = _CELL_NUMBER.fullmatch(t)
    if not m:
        return None
    value, decimals = parse_arabic(m.group(2))
    return (-value if m.group(1) == "-" else value), decimals, bool(m.group(3))
