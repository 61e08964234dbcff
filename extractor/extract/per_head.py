"""Money per head written as an amount with its per-head words around it.

Reports state a subsidy standard in words rather than in a unit: 每人每月100元, 按生均1000元,
人均补助300元, 按人均490元标准, a list 每人每月100元、200元、300元. Such a figure is money
per head (a `money_rate` in 元/人), not an amount of money spent; the words are
`per_head_before` (and `per_head_bare_before` with `per_head_standard_after`) in units.json.
Income and gains per head (人均可支配收入12500元) and money per head and per thing
(每人每亩100元) are not standards and stay amounts.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..patterns import load_json
from .labels import clause_before

@lru_cache(maxsize=1)
def _patterns() -> tuple:
    """(words before, bare words before, 标准 after, what joins two figures of one standard:
    a list 100元、200元和300元 or a from-to 由620元提高到680元, what opens a standard's shares)."""
    spec = load_json("units.json")
    return tuple(regex.compile(spec[key]) for key in ("per_head_before", "per_head_bare_before",
                                                      "per_head_standard_after", "per_head_same_standard_join",
                                                      "per_head_breakdown_open"))


def per_head_words_before(text: str, start: int) -> bool:
    """Does the clause before the figure at `start` end in words of money per head
    (每人每月, 生均, 人均交通补助)?"""
    return _per_head_before(_words_before(text, start))


def _per_head_before(words: str) -> bool:
    """Words of money per head, or a count of people and a times sign (40425人×)."""
    return _patterns()[0].search(words) is not None or _times_a_count().search(words) is not None


@lru_cache(maxsize=1)
def _times_a_count() -> regex.Pattern:
    return regex.compile(load_json("units.json")["per_head_times_before"])


def standard_words_before(text: str, start: int) -> bool:
    """Does the clause before the figure at `start` end in a standard's name (低保标准为, 生活费
    标准提高到)? With a period after the figure (620元/月) that is money per head."""
    return _standard_before().search(_words_before(text, start)) is not None


@lru_cache(maxsize=1)
def _standard_before() -> regex.Pattern:
    return regex.compile(load_json("units.json")["per_head_standard_period_before"])


def per_thing_words_before(text: str, start: int) -> bool:
    """Does the clause before the figure at `start` make it money per a thing (每亩补贴,
    每平方米造价): a price, neither an amount nor money per head?"""
    return _per_thing().search(_words_before(text, start)) is not None


def _words_before(text: str, start: int) -> str:
    """The clause before a figure up to its last word (每生每天 5 元: a text layer's spaces
    around a figure part it from nothing)."""
    return clause_before(text, start).rstrip()


_BY_CLASS_REACH = 48  # (每人每月按 and a list of classes before the figure)


@lru_cache(maxsize=1)
def _by_class_before() -> regex.Pattern:
    return regex.compile(load_json("units.json")["per_head_by_class_before"])


@lru_cache(maxsize=1)
def _per_thing() -> regex.Pattern:
    return regex.compile(load_json("units.json")["per_thing_before"])


def mark_per_head(text: str, quantities: list) -> None:
    """Turn the amounts of `quantities` (sorted, found in `text`) that are money per head into
    money rates (元/人), in place; a figure joined to a standard by a list or a from-to is one too."""
    _, bare_before, standard_after, same_standard, shares_open = _patterns()
    by_class = _by_class_before()
    previous = None
    standard, shares_end = None, -1  # a standard whose shares follow, and where they end
    for q in quantities:
        if q.kind == "amount":
            context = _words_before(text, q.start)
            if (_per_head_before(context)
                    or bare_before.search(context) is not None and standard_after.match(text, q.end) is not None
                    or by_class.search(text, max(0, q.start - _BY_CLASS_REACH), q.start) is not None
                    or previous is not None and same_standard.fullmatch(text, previous.end, q.start) is not None
                    or q.start < shares_end and q.written_unit == "元" and q.value < standard.value):
                q.kind, q.unit = "money_rate", "元/人"
        if q.kind == "money_rate" and q.start > shares_end and (m := shares_open.match(text, q.end)):
            close = _SHARES_CLOSE[bool(m.group("bracket"))].search(text, m.end())
            standard, shares_end = q, close.start() if close else len(text)
        previous = q if q.kind == "money_rate" else None


# (a bracket's shares end at its close; a clause's at the end of its clause group)
_SHARES_CLOSE = {True: regex.compile(r"[）)]"), False: regex.compile(r"[；;。]")}
