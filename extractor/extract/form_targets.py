"""An indicator's target or result as a form's cell writes it (≥95%, 不少于1200人, 100, 保障率达到100%,
每人每年3000元): its comparator, figure and unit by the forms' vocabulary (form_vocab.py), and the
units that make the figure a fact of ours."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import regex

from .form_vocab import spec


_SPACE = regex.compile(r"\s+")


def looks_like_target(text: str) -> bool:
    comparator, value, unit = parse_target(text.strip())
    return value is not None


# a figure and the word it counts in (%, 人, 平方米, 个, 元/人·月 …)
_TARGET = regex.compile(r"^([-+]?\d[\d,]*(?:\.\d+)?)\s*(%|[\p{Han}A-Za-z㎡/·*]{1,8})?$")
# units of an indicator's figure that make it a fact of ours (counts of things do not)
FACT_UNITS = {"%", "人", "万人", "人次", "万人次", "户", "元", "万元", "亿元", "分", "名"}


def compared_bare(text: str) -> bool:
    """A figure with its comparator but no unit (≥ 5200, 不超过 1,700): its unit is its row's cell."""
    comparator, value, unit = parse_target(text)
    return comparator is not None and value is not None and unit is None


def parse_target(text: str) -> tuple:
    """(comparator, value, unit) of an indicator's target or result: ≥95% → ('>=', 95, '%');
    不少于1200人 → ('>=', 1200, '人'); 100 → (None, 100, None); 良好 → (None, None, None)."""
    s = spec()
    t = _UNIT_DESCRIBED_AFTER.sub("", _SPACE.sub("", text))  # ≥2400人次(人次数): its unit described
    comparator = None
    for word in _comparators_longest_first():
        if t.startswith(word):
            comparator = s["comparators"][word]
            t = t[len(word):]
            break
    for word, comp in sorted(s["comparator_suffixes"].items(), key=lambda kv: -len(kv[0])):
        if t.endswith(word):
            comparator = comparator or comp
            t = t[: -len(word)]
            break
    m = _TARGET.match(t)
    if not m and (per := _PER_HEAD_TARGET.match(t)):
        # 每人每年3000元: a standard per head (or per household) written in words
        unit = "元/户" if per["head"].endswith("户") or per["head"].startswith("户") else "元/人"
        return comparator, Decimal(per["figure"].replace(",", "")), unit
    if not m:
        found = _subject_target(t)
        return (comparator or found[0], found[1], found[2]) if found[1] is not None else (comparator, None, None)
    value = Decimal(m.group(1).replace(",", ""))
    unit = without_about(m.group(2)) if m.group(2) else None
    return comparator, value, unit


_ABOUT = regex.compile(r"^(万|亿)?[余多](?=\p{Han})")
# a figure's unit with its description in brackets after it (the Hebei forms' 单位(文字描述)
# column run into the figure: 2400人次(人次数), 100%(百分比))
_UNIT_DESCRIBED_AFTER = regex.compile(r"(?<=\d\s*(?:%|％|\p{Han}{1,4}(?:/\p{Han}{1,3}(?:·\p{Han})?)?))[（(]\p{Han}{1,6}[)）]$")


def without_about(unit: str) -> str:
    """The unit written after a figure given about, its 余 or 多 left out (600余人: 人; 4万余人次:
    万人次)."""
    return _ABOUT.sub(r"\1", unit)


_PER_HEAD_TARGET = regex.compile(r"^(?P<head>每人|每名|每生|每户|人均|生均|户均)(?:每?(?:年|月|学期|学年|天|日))?"
                                 r"(?P<figure>\d[\d,]*(?:\.\d+)?)元$")


@lru_cache(maxsize=1)
def _comparators_longest_first() -> tuple:
    """The comparator words, longest first (不低于 before 低于): parse_target runs on every cell."""
    return tuple(sorted(spec()["comparators"], key=len, reverse=True))


def _subject_target(t: str) -> tuple:
    """A target that names its subject before the comparator (保障率达到100%, 满意度≥90%):
    the comparator, figure and unit after it; (None, None, None) when there are none."""
    s = spec()
    for k in range(1, min(9, len(t))):
        if not regex.match(r"\p{Han}", t[k - 1]):
            break
        rest = t[k:]
        if rest.startswith("达") and not rest.startswith(_comparators_longest_first()) and _TARGET.match(rest[1:]):
            rest = "达到" + rest[1:]  # 覆盖率达95%: 达 alone reads as 达到 after a subject
        elif not rest.startswith(_comparators_longest_first()):
            continue
        comparator, value, unit = parse_target(rest)
        if value is not None and (unit is None or unit in s["indicator_units"]):
            return comparator, value, unit  # (扶持企业≥150家得满分 is a scoring rule, not a target)
    return None, None, None
