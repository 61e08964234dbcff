"""Score tables whose rows are numbered (序号 | 一级指标 | 二级指标 | 三级指标 | 指标分值 | 指标解释 |
评分标准 | 自评得分), run together by a document-sharing site: each row opens with its number, and
that number runs into the 得分 closing the row before (…是否明确可操作(3分)34绩效目标 (6分)… is
得分 3, then row 4).

The rows are found by their numbers in sequence, 1, 2, 3 …: a row ends where the next number
opens the next row's names and 分值. Each number, and each row's words between its 分值 and its
得分 (the scoring rule's own points among them, (1分)), are blanked out in place, so that
glued_score_tree.py reads the table as any other run together; its arithmetic (every level's
分值 the sum of its rows', no 得分 above its 分值) is what verifies the cuts. Where the numbers do
not run in sequence, nothing is blanked.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

import regex

from .numbers import POINTS

_NAME_CHAR = r"[^\d\s(（)）,，。;；、:：]"
# a level's name with its 分值 in brackets (规划 (15分)), then the row's own name and its 分值
# run into the words after it (基础信息 完整性3部门及所属…)
_LEVEL = rf"{_NAME_CHAR}[^\d(（)）,，。;；、:：]{{0,29}}?\s*[(（]\s*{POINTS}\s*分?\s*[)）]\s*"
_HEAD = regex.compile(rf"\s*(?:{_LEVEL})*{_NAME_CHAR}[^\d(（)）,，。;；、:：]{{0,29}}?\s*(?P<weight>{POINTS})(?=[^\d.\s])")
_SCORE = regex.compile(POINTS)
# the table's total row after the last row's 得分
_TOTAL = regex.compile(r"\s*(?:自评|评价)?(?:合\s*计|总\s*[分计]|综合得分)")
_FEWEST_ROWS = 3
_MOST_ROWS = 120


def numbered_rows_blanked(text: str, at: int) -> Optional[tuple]:
    """(`text` with the numbers of the rows from `at` on and each row's words between its 分值
    and its 得分 blanked out (spaces, so every offset stays), the numbers' spans); None where
    the rows do not open with 1, 2, 3 … (the table is not this shape)."""
    first = regex.match(r"\s*1(?=\D)", text[at:at + 8])
    if first is None:
        return None
    numbers = [(at + first.end() - 1, at + first.end())]
    blanks = []
    pos, n = at + first.end(), 1
    while n < _MOST_ROWS:
        head = _HEAD.match(text, pos)
        if head is None or Decimal(head["weight"]) > 100:
            break
        weight_end = head.end("weight")
        end = _row_end(text, weight_end, Decimal(head["weight"]), n + 1)
        if end is None:
            blanks.append((weight_end, len(text)))  # the last row, or one the excerpt cuts off
            break
        score_at, number, pos = end
        blanks.append((weight_end, score_at))
        if number is None:
            break  # the total row follows
        numbers.append(number)
        n += 1
    if n < _FEWEST_ROWS:
        return None
    chars = list(text)
    for a, b in blanks + numbers:
        chars[a:b] = [" " if not c.isspace() else c for c in chars[a:b]]
    return "".join(chars), numbers


def _row_end(text: str, start: int, weight: Decimal, number: int) -> Optional[tuple]:
    """(where the row's 得分 starts, the span of the next row's number or None before the total
    row, where the next row starts) of the row whose 分值 ends at `start`: the first 得分 (no more
    than the 分值, after words) run into the next number and that row's names and 分值, or into
    the total row; None where none is."""
    written = str(number)
    for q in range(start + 1, len(text)):
        if not text[q].isdigit() or text[q - 1].isdigit() or text[q - 1] == ".":
            continue
        for score in _score_ends(text, q):
            if Decimal(text[q:score]) > weight:
                continue
            gap = regex.match(r"\s*", text, pos=score).end()
            if text.startswith(written, gap) and not text[gap + len(written):gap + len(written) + 1].isdigit() \
                    and _HEAD.match(text, gap + len(written)):
                return q, (gap, gap + len(written)), gap + len(written)
            if _TOTAL.match(text, score):
                return q, None, score
    return None


def _score_ends(text: str, q: int) -> list:
    return [k for k in range(q + 1, min(len(text), q + 6) + 1) if _SCORE.fullmatch(text, q, k)]
