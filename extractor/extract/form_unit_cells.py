"""A figure's comparator and unit where a form writes them in cells of their own or with the
figure: a target over three cells (≥ | 2600 | 人次; 计算符号 | 指标值 | 实际完成值 | 计量单位)
is the figure's token carrying the other two (join_split_targets, with_unit_cells); a cell
whose figure carries its own unit (1250.50万, 20分) is the figure's token carrying it
(unit_cell; as_points where only points are wanted)."""
from __future__ import annotations

from typing import Optional

import regex

from .form_tokens import Token
from .form_vocab import bare, is_label, spec, value_type, vocab


def join_split_targets(tokens: list) -> list:
    """A target written over three cells — comparator, figure, unit (the 指标性质 / 指标值 /
    度量单位 columns some provinces' forms have) — is one target again: the figure's token,
    carrying the other two; so is one whose unit follows the result (计算符号 | 指标值 | 实际
    完成值 | 计量单位, or 年度指标值 | 当前完成值 | 计算符号 | 计量单位), the result carrying the
    unit as well. The first cell may be a nature (定量, no comparator) or hold the
    comparator with the figure (≥ 2600 | 人); a 定性 before a qualitative target goes. Only
    where the shape keeps no columns; a cell alone is not read as a unit unless a figure
    stands right before it."""
    comparators, natures = spec()["comparators"], spec()["target_natures"]
    out, i = [], 0
    while i < len(tokens):
        c, n, u, after = tokens[i:i + 4] + [None] * (4 - len(tokens[i:i + 4]))
        typed = u is not None and not (c.positional or n.positional or u.positional)
        if typed and after is not None and not after.positional and c.text.strip() in comparators \
                and value_type(n.text) == value_type(u.text) == "num" and (unit := _cell_unit(after.text)):
            # 计算符号 | 指标值 | 实际完成值 | 计量单位 (the Tianjin forms): the unit after the result
            # is the target's too
            out += [with_unit_cells(n, c.text, unit), with_unit_cells(u, None, unit)]
            i += 4
        elif typed and (signed := _figures_then_sign(tokens, i)) is not None:
            # 年度指标值 | 当前完成值 (| 全年预计) | 计算符号 | 计量单位 (a monitoring form), the sign and
            # unit maybe run into one cell (≥ 人次): the sign after the figures is the target's
            figures, sign, unit, i = signed
            out += [with_unit_cells(f, sign if k == 0 else None, unit) for k, f in enumerate(figures)]
        elif typed and (c.text.strip() in comparators or c.text.strip() in natures) \
                and value_type(n.text) == "num" and (unit := _cell_unit(u.text)):
            out.append(with_unit_cells(n, c.text, unit))  # a nature (定量) is no comparator
            i += 3
        elif n is not None and not (c.positional or n.positional) and (unit := _cell_unit(n.text)) \
                and (split := _comparator_and_figure(c)) is not None:
            out.append(with_unit_cells(split[1], split[0], unit))  # ≥ 2600 | 人: a comparator kept with its figure
            i += 2
        elif n is not None and not (c.positional or n.positional) and c.text.strip() in natures \
                and not value_type(n.text) and not is_label(bare(n.text)):
            # 定性 before a qualitative target (优良中低差): the nature says nothing more, nor
            # does the placeholder the unit's cell holds after it (定性 | 健全 | 文字描述)
            if u is not None and not u.positional and u.text.strip() in vocab()["unit_placeholders"]:
                out.append(n)
                i += 3
            else:
                i += 1
        else:
            out.append(tokens[i])
            i += 1
    return out


def _figures_then_sign(tokens: list, i: int) -> Optional[tuple]:
    """(the figures, the sign, the unit, where the reading goes on) of two or three bare
    figures from i followed by a sign cell and a unit cell, or one cell holding both; None
    otherwise."""
    k = i
    while k < len(tokens) and k - i < 3 and not tokens[k].positional and value_type(tokens[k].text) == "num":
        k += 1
    if k - i < 2 or k >= len(tokens) or tokens[k].positional:
        return None
    if (both := _sign_and_unit(tokens[k].text)) is not None:
        return tokens[i:k], both[0], both[1], k + 1
    sign = tokens[k].text.strip()
    if sign in spec()["comparators"] and k + 1 < len(tokens) and not tokens[k + 1].positional \
            and (unit := _cell_unit(tokens[k + 1].text)):
        return tokens[i:k], sign, unit, k + 2
    return None


def _sign_and_unit(text: str) -> Optional[tuple]:
    """(comparator, unit) of a cell holding both (≥ 人次, =元/人·月); None otherwise."""
    m = _SIGN_THEN_WORD.match(text)
    if m is None or m["sign"] not in spec()["comparators"]:
        return None
    unit = _cell_unit(m["unit"])
    return (m["sign"], unit) if unit else None


_SIGN_THEN_WORD = regex.compile(r"^\s*(?P<sign>[^\s\d\p{Han}]{1,2}|\p{Han}{2,3}于|\p{Han}{2}过)\s*(?P<unit>\S+)\s*$")

# a unit cell that says in brackets what its unit is (%(百分比), 人(人数)): the Hebei forms'
# 单位(文字描述) column
_UNIT_DESCRIBED = regex.compile(r"^\s*(?P<unit>[^（()）]+?)\s*[（(]\p{Han}{1,6}[)）]\s*$")


def _cell_unit(text: str) -> Optional[str]:
    """The unit a cell of its own holds, as written (None for any other cell)."""
    text = text.strip()
    units = vocab()["cell_units"]
    if text in units:
        return text
    m = _UNIT_DESCRIBED.match(text)
    return m["unit"] if m and m["unit"] in units else None


_COMPARATOR_FIGURE = regex.compile(r"^\s*(\D+?)\s*([-+]?\d[\d,]*(?:\.\d+)?)\s*$")


def _comparator_and_figure(t: Token):
    """(comparator, figure's token) of a cell holding a comparator and a bare figure (≥ 2600)."""
    m = _COMPARATOR_FIGURE.match(t.text)
    if m is None or m.group(1) not in spec()["comparators"]:
        return None
    return m.group(1), t.piece(m.start(2), m.end(2))


_UNIT_SUFFIXED = regex.compile(r"^\s*([-+]?\d[\d,]*(?:\.\d+)?)\s*(万元|万|亿元|亿|元|分)\s*$")


def unit_cell(t: Token) -> Token:
    """A cell whose figure carries its own unit — money (1250.50万, 800万元) or points (20分):
    the figure's token carrying the unit, so it reads as a number of its block in its own
    unit (not the block's); any other cell as it is."""
    m = _UNIT_SUFFIXED.match(t.text)
    if m is None:
        return t
    out = t.piece(m.start(1), m.end(1))
    out.positional, out.col = t.positional, t.col
    out.unit = m.group(2) + ("元" if m.group(2) in ("万", "亿") else "")
    return out


def as_points(t: Token) -> Token:
    """A 分值 or 得分 written with its 分 (20分) as the bare figure it stands for."""
    out = unit_cell(t)
    return out if out.unit == "分" else t


def with_unit_cells(figure: Token, comparator: Optional[str], unit: str) -> Token:
    """A bare figure's token carrying the comparator and unit its row writes in cells of
    their own (None: no comparator, as 定量 in 指标性质 says nothing of one)."""
    out = figure.piece(0, len(figure.text))
    comparator = comparator.strip() if comparator else None
    out.comparator = comparator if comparator in spec()["comparators"] else None
    out.unit = unit.strip()
    return out
