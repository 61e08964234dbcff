"""Form rows run together whose figures are written bare, as most rows are where the form
keeps the unit in the row's name (新建候车亭（座）24242020) or in a 计量单位 column: which runs
stand where a row's cells may be bare (form_glued.py cuts them with glued_cuts.py), and the
unit a 计量单位 cell run into the row's name gives its target and result.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from .form_tokens import Token
from .form_vocab import bare, is_label, spec, vocab
from .glued_cuts import cut_bare_pair, cut_bare_result, grammar


def points_after_result(order: list) -> Optional[list]:
    """The points columns right after the result (分值 and 得分, or 得分 alone) in a header
    whose target stands right before its result; else None."""
    if "target" not in order or "actual" not in order or order.index("actual") != order.index("target") + 1:
        return None
    points = order[order.index("actual") + 1:]
    return points if points in (["weight", "score"], ["score"]) else None


def bare_result_after_target(out: list, t: Token, order: list) -> Optional[list]:
    """Tokens for the result, 分值 and 得分 of a run of bare digits right after a target that
    stands alone with its comparator or unit (≧735人次 | 7351010); the result is in the
    target's unit. None where the header's order is another or the run cuts more than one way."""
    points = points_after_result(order)
    if t.positional or points is None or not out or out[-1].positional:
        return None
    cmp, unit, _ = grammar()
    m = regex.fullmatch(rf"(?P<cmp>{cmp.pattern})?(?P<figure>\d+(?:\.\d+)?)(?P<unit>{unit.pattern})?", out[-1].text.strip())
    if m is None or not (m["cmp"] or m["unit"]):
        return None
    cut = cut_bare_result(t.text.strip(), Decimal(m["figure"]), points, bool(m["cmp"]))
    if cut is None:
        return None
    start = len(t.text) - len(t.text.lstrip())
    cells = [t.piece(start + a, start + b) for a, b in cut]
    cells[0].unit = m["unit"] or None
    return cells


# what may follow a row's last cell: the next row's name or the end, not a unit or a date
# the figures are still written in (1250KVA, 2021年, 200余人)
ROW_END = regex.compile(r"$|(?![余多左以万亿千百至到年月日号个人元户次分项A-Za-z%‰])")


def bare_pair_run(text: str, m, order: list) -> Optional[list]:
    """cut_bare_pair of a run of bare figures that ends the row (the caller knows the row's
    name stands right before it)."""
    bare_figures = m.group(0).replace(".", "").isdigit()
    if not bare_figures or not ROW_END.match(text, m.end()):
        return None
    return cut_bare_pair(m.group(0), order)


def after_name(text: str, at: int) -> bool:
    """Does a run starting at `at` follow the row's name right after its words (or the
    bracket closing them)?"""
    return at > 0 and regex.match(r"[\p{Han}）)]", text[at - 1]) is not None


def unit_column_before_target(tokens: list) -> bool:
    """Does the indicator header put a 计量单位 column right before the target's (三级指标 |
    计量单位 | 年度指标值 | 实际完成值 | …)?"""
    columns = vocab()["ind_col"]
    slots = [columns.get(bare(t.text)) for t in tokens]
    return any(a == "unit" and b == "target" for a, b in zip(slots, slots[1:]))


@lru_cache(maxsize=1)
def _name_then_unit() -> regex.Pattern:
    """A row's name run into its 计量单位 cell, maybe the row's figures after it."""
    units = "|".join(regex.escape(u) for u in sorted(spec()["indicator_units"], key=len, reverse=True))
    return regex.compile(rf"^(?P<name>.*?[\p{{Han}}）)])(?P<unit>{units})(?P<rest>[≥≤><=＞＜＝\d].*)?$")


def split_name_units(tokens: list, start: int) -> tuple:
    """(tokens, {id of a name token: its unit}, {ids of tokens that follow a name}) where each
    row's name under the indicator header (from token `start` on) ran into the 计量单位 cell
    after it (享受补贴老年人数人 | ≥2500 | 2612, 补贴发放准确率%1001001010): the name cut from
    its unit, the figures after the unit a token of their own."""
    out, units, follows = [], {}, set()
    for k, t in enumerate(tokens):
        m = _name_then_unit().match(t.text.strip()) if k > start and not t.positional else None
        if m is None or is_label(bare(t.text)) or t.text.strip() in vocab()["cell_units"]:
            out.append(t)  # (万元 in a 计量单位 cell of its own is a unit, not 万 run into 元)
            continue
        lead = len(t.text) - len(t.text.lstrip())
        name = t.piece(lead, lead + m.end("name"))
        units[id(name)] = m["unit"]
        out.append(name)
        if m["rest"]:
            rest = t.piece(lead + m.start("rest"), lead + m.end("rest"))
            follows.add(id(rest))
            out.append(rest)
    return out, units, follows


_BARE_FIGURE = regex.compile(r"(?:[≥≤><=＞＜＝])?\d+(?:\.\d+)?")


def give_units(tokens: list, units: dict) -> None:
    """The target and result after a name whose 计量单位 cell ran into it take that unit, where
    they are bare figures; the row's points after them do not."""
    unit, left = None, 0
    for t in tokens:
        if id(t) in units:
            unit, left = units[id(t)], 2
        elif left and t.unit is None and _BARE_FIGURE.fullmatch(t.text.strip()):
            t.unit = unit
            left -= 1
        elif regex.search(r"\p{Han}", t.text):
            left = 0
