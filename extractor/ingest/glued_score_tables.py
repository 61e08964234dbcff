"""A score table whose cells a document-sharing site ran together, one row a line: a header of
its columns' names with no break (考核内容分值计分标准分数备注), then each level's row, its name
and 分值 (一、项目管理情况40) with its score alone on the line after it (37), and under it its
indicators' rows, each a name, its 分值, the scoring rule's words and its score run together
(1、制度建设情况20制度健全、执行有效的，得16-20分；…得0-7分。18), and a total row (合计, its score
alone on the next line). Written out as rows with a tab between cells, so the reader of
tab-separated rows reads it as the table it was: its figures carry their row and column.

No digit is cut: a row's 分值 is the figure between its name and its rule's words, its score
the figure that ends the line, each standing between words. The rule's words hold figures of
their own (得16-20分), so which figure is the 分值 is read first and then proved by the table's
own arithmetic, all of it or nothing: every score at most its 分值, each level's 分值 and score
the sums of its indicators', the levels' 分值 100 in all (or the total row's), and the total
score the sum of the levels' (or of the indicators' where no level states one).
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..numbering import numbering_of
from ..patterns import load_json
from .tables import is_total_label

_MOST_HEADER = 40
_MOST_NAME = 40
_MOST_ROWS = 60
_FEWEST_INDICATORS = 2
_POINTS = r"(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?"
# a level's row: its name, then its 分值 ending the line
_LEVEL_ROW = regex.compile(rf"(?P<name>[^\d]*[^\d\s.,])(?P<points>{_POINTS})")
# a figure alone on a line: the score of the row above
_SCORE_LINE = regex.compile(_POINTS)
# an indicator's 分值: a figure between its name's words and its rule's, no unit after it (a
# figure of the name's own, 2020年, 3个, says what it counts)
_POINTS_IN_ROW = regex.compile(rf"(?<=[\p{{Han}}）)”\"])(?P<points>{_POINTS})(?=\p{{Han}})"
                               r"(?![余多左以万亿千百至到年月日号个人元户次分项名所家%])")
# the score ending an indicator's row, after its rule's last word or stop
_SCORE_ENDS = regex.compile(rf"(?<![\d.,])(?P<score>{_POINTS})$")


@lru_cache(maxsize=1)
def _columns() -> tuple:
    """(one pattern of every column name, longest first; {name: its column's role}) from
    patterns/text_tables.json's glued_score_columns."""
    spec = load_json("text_tables.json")["glued_score_columns"]
    roles = {name: role for role, names in spec.items() for name in names}
    names = sorted(roles, key=len, reverse=True)
    return regex.compile("|".join(regex.escape(n) for n in names)), roles


def glued_score_table_at(lines: list, i: int) -> Optional[tuple]:
    """(rows of cell texts, the line after the table) for a run-together score table whose
    header is line i; None where there is none or its arithmetic does not hold."""
    header = _header(lines[i].strip())
    if header is None:
        return None
    levels, indicators, total, end = [], [], None, i + 1
    while end < len(lines) and end - i <= _MOST_ROWS:
        text = lines[end].strip()
        row = _indicator_row(text) if "criteria" in header else None
        if row is not None:
            indicators.append(row)
            (levels[-1]["children"] if levels else []).append(row)
            end += 1
            continue
        level = _LEVEL_ROW.fullmatch(text)
        if is_total_label(text) or level is not None and is_total_label(level["name"]):
            total, end = _total(lines, end)
            break
        if level is None or len(level["name"]) > _MOST_NAME or regex.search(r"[。；;]", level["name"]):
            break
        score, end = _score_below(lines, end + 1)
        levels.append({"name": level["name"], "points": level["points"], "score": score, "children": []})
    if not _adds_up(levels, indicators, total):
        return None
    rows = [list(header.values())]
    for level in levels or [{"children": indicators}]:
        if "name" in level:
            rows.append(_cells(header, level["name"], level["points"], "", level["score"] or ""))
        rows += [_cells(header, r["name"], r["points"], r["criteria"], r["score"]) for r in level["children"]]
    if total is not None:
        rows.append(_cells(header, total["name"], total["points"] or "", "", total["score"] or ""))
    return rows, end


def _header(text: str) -> Optional[dict]:
    """{role: the column's name} in the header's order, roles name, points, criteria, score,
    remark; None where the line is no such header (its 分值 and score columns are needed, in
    that order, after the rows' names' column)."""
    if not text or len(text) > _MOST_HEADER or regex.search(r"[\d，。；\t|｜\s]", text):
        return None
    named, roles = _columns()
    pieces, pos = [], 0
    for m in named.finditer(text):
        if m.start() > pos:
            pieces.append(("name", text[pos:m.start()]))
        pieces.append((roles[m.group()], m.group()))
        pos = m.end()
    if pos < len(text):
        return None  # (words after the last column's name: no header of these columns)
    order = [role for role, _ in pieces]
    if order[:1] != ["name"] or len(set(order)) != len(order) or "points" not in order or "score" not in order \
            or order.index("points") > order.index("score"):
        return None
    return dict(pieces)


def _indicator_row(text: str) -> Optional[dict]:
    """{name, points, criteria, score} of an indicator's row: its name (after its numbering),
    its 分值, its rule's words and its score ending the line; None where the line is not one."""
    end = _SCORE_ENDS.search(text)
    if end is None:
        return None
    numbering = numbering_of(text)[0] or ""
    start = text.find(numbering) + len(numbering) if numbering else 0
    points = _POINTS_IN_ROW.search(text, start, end.start())
    if points is None:
        return None
    name, criteria = text[:points.start()], text[points.end():end.start()]
    if not name[start:].strip() or len(name) > _MOST_NAME or regex.search(r"[。；;]", name) or not criteria.strip():
        return None
    return {"name": name, "points": points["points"], "criteria": criteria, "score": end["score"]}


def _score_below(lines: list, k: int) -> tuple:
    """(the score alone on line k, the line after it) or (None, k)."""
    if k < len(lines) and _SCORE_LINE.fullmatch(lines[k].strip()):
        return lines[k].strip(), k + 1
    return None, k


def _total(lines: list, k: int) -> tuple:
    """({name, points, score} of the total row at line k, the line after it): its name alone
    with its score on the next line (合计 / 94), or its one figure after its name, taken as its
    score (its 分值 is the levels' 100, which the arithmetic asks)."""
    text = lines[k].strip()
    level = _LEVEL_ROW.fullmatch(text)
    if level is not None:
        return {"name": level["name"], "points": None, "score": level["points"]}, k + 1
    score, after = _score_below(lines, k + 1)
    return {"name": text, "points": None, "score": score}, after


def _adds_up(levels: list, indicators: list, total: Optional[dict]) -> bool:
    """Does the table's arithmetic hold, every part of it written?"""
    if len(indicators) < _FEWEST_INDICATORS or any(Decimal(r["score"]) > Decimal(r["points"]) for r in indicators):
        return False
    if levels and sum(len(level["children"]) for level in levels) != len(indicators):
        return False  # (indicators before the first level's row: under none)
    for level in levels:
        children = level["children"]
        if not children or Decimal(level["points"]) != sum(Decimal(r["points"]) for r in children):
            return False
        if level["score"] is not None and Decimal(level["score"]) != sum(Decimal(r["score"]) for r in children):
            return False
    tops = levels or indicators
    if sum(Decimal(r["points"]) for r in tops) != 100:
        return False
    if total is not None and total["score"] is not None:
        scored = [r["score"] for r in tops]
        if any(s is None for s in scored) or Decimal(total["score"]) != sum(Decimal(s) for s in scored):
            return False
    return True


def _cells(header: dict, name: str, points: str, criteria: str, score: str) -> list:
    cells = {"name": name, "points": points, "criteria": criteria, "score": score}
    return [cells.get(role, "") for role in header]
