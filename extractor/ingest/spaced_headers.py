"""A spaced table's header written over two lines: the names' rest under them (预算数（万 over
元）), or the names of the columns of figures over their units beside the names of the columns
on their left (补贴数量 | 受益主体 over 序号 | 机具品目 | （台） | （户））."""
from __future__ import annotations

from typing import Optional

import regex

from .spaced_cells import ALIGN_SLACK, is_figure, spaced_cells

# the second line of a header under the names of the columns of figures: their units in
# brackets, or the short rest of a long name (补贴数量 over （台）, 占补贴总额 over 比重)
_UNDER_A_NAME = regex.compile(r"^[（(][^（）()]{1,8}[）)]$|^\p{Han}{1,4}$")


def names_over_their_units(lines: list, i: int) -> Optional[list]:
    """A header on two lines whose first holds the names of the columns of figures only
    (补贴数量 | 受益主体 | 补贴资金 | 占补贴总额) and whose second holds the names of the columns
    on their left (序号 | 机具品目), then under each name above its unit or the rest of it:
    the header's names made whole, else None."""
    if i + 2 >= len(lines):
        return None
    top, under = spaced_cells(lines[i]), spaced_cells(lines[i + 1])
    own = len(under) - len(top)
    if len(top) < 2 or own < 1 or any(is_figure(c.text) for c in top + under) \
            or any(c.right >= top[0].left for c in under[:own]) \
            or not all(_UNDER_A_NAME.match(c.text) for c in under[own:]) \
            or not any(c.text[:1] in "（(" for c in under[own:]):
        return None
    return [c.text for c in under[:own]] + [head.text + rest.text for head, rest in zip(top, under[own:])]


def header_rest(lines: list, i: int) -> Optional[list]:
    """The header's names at line i made whole with the rest of them the next line holds
    under them, where each name there closes a bracket its name above left open (预算数（万
    over 元）), else None."""
    if i + 2 >= len(lines) or "（" not in lines[i] and "(" not in lines[i]:
        return None
    top, rest = spaced_cells(lines[i]), spaced_cells(lines[i + 1])
    if len(top) < 3 or not rest or len(rest) > len(top):
        return None
    names = [cell.text for cell in top]
    for cell in rest:
        k = next((n for n, h in enumerate(top) if h.left - ALIGN_SLACK <= cell.left <= h.right), None)
        head = names[k] if k is not None else ""
        opened = head.count("（") + head.count("(") > head.count("）") + head.count(")")
        if not opened or is_figure(cell.text) or not regex.search(r"[）)]$", cell.text):
            return None
        names[k] = head + cell.text
    return names
