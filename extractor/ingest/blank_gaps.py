"""What the blank lines between cells written a line each say, where a page's text sets its
cells apart by blank lines (g of them, the run's usual gap): a cell's text on two lines with
no blank line between is one cell broken over lines (收入 / 合计 is 收入合计), and g + m(g + 1)
blank lines before a cell are m empty cells, each an empty line and its gap; where the cells
stand on consecutive lines as a rule (g = 0), each blank line is an empty cell. Where gaps
of every size come, the lines say nothing."""
from __future__ import annotations

from collections import Counter


def set_apart(found: list) -> tuple:
    """(texts, for each the line after it, for each how many empty cells stand before it) of
    the cells found as (text, line number) one a line."""
    gaps = [b - a - 1 for (_, a), (_, b) in zip(found, found[1:])]
    usual = Counter(gaps).most_common(1)
    g = usual[0][0] if usual and usual[0][0] >= 1 and 2 * usual[0][1] >= len(gaps) else 0
    # cells on consecutive lines as a rule, blank lines now and then: an empty cell a blank line
    packed = bool(usual) and usual[0][0] == 0 and 2 * usual[0][1] >= len(gaps)
    texts, ends, empties = [], [], []
    for k, (text, line) in enumerate(found):
        gap = gaps[k - 1] if k else None
        if g and gap == 0:
            texts[-1] += text  # (no blank line in a run that sets its cells apart: the same cell)
            ends[-1] = line + 1
            continue
        texts.append(text)
        ends.append(line + 1)
        if not g and packed and gap:
            empties.append(gap)  # (cells on consecutive lines: each blank line an empty cell)
        else:
            empties.append((gap - g) // (g + 1) if g and gap is not None and gap > g and (gap - g) % (g + 1) == 0 else 0)
    return texts, ends, empties
