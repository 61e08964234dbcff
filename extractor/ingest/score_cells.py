"""The cells of a score table written one cell a line or a row a line, as its readers tell
them apart (cell_score_tables.py, levels_with_points.py, spaced_score_tables.py): points (an
indicator's 分值 or 得分), a total row's label, a scoring rule's words; each header cell's role
(level, name, weight, score, criteria, reason); where such a table ends (its total row) and which
lines are a page's furniture between its cells. The vocabulary is patterns/forms.json's."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .form_signs import bare_cell
from .tables import NAMED_SUBTOTAL, SUBTOTAL_LABEL
from .text_rows import vocabulary

_MOST_LINES = 600  # a total row further down than this is no part of the table
MOST_HEADER_CELL = 12
POINTS = regex.compile(r"^\d{1,3}(?:\.\d{1,2})?(?:分)?$")
NOT_APPLICABLE = regex.compile(r"^[—\-－/／无]+$")


@lru_cache(maxsize=1)
def _total_labels() -> frozenset:
    return frozenset(load_json("forms.json")["total_rows"])


def is_total(cell: str) -> bool:
    return bare_cell(cell) in _total_labels()


def is_subtotal(cell: str) -> bool:
    """A level's subtotal row's label, named by its level or not (小计, 项目过程小计)."""
    label = bare_cell(cell)
    return bool(SUBTOTAL_LABEL.match(label) or label.endswith("小计") and NAMED_SUBTOTAL.match(label))


@lru_cache(maxsize=1)
def column_roles() -> dict:
    """Column name → its role: level, name, weight, score, criteria, reason."""
    forms = load_json("forms.json")
    ind, flat = forms["indicator_columns"], forms["flat_score_table"]
    roles = {}
    for role, words in (("level", forms["indicator_header"]), ("name", flat["name_columns"]),
                        ("weight", ind["weight"]), ("score", ind["score"] + flat["score_columns"]),
                        ("criteria", ind["skip"]), ("reason", ind["reason"] + flat["trailing_columns"])):
        for word in words:
            roles.setdefault(bare_cell(word), role)
    return roles


def end_of_table(lines: list, start: int, width: int) -> Optional[int]:
    """The line after the total row: its label, then its points, dashes and blank cells, at
    most the header's number of cells. None where no total row ends the table."""
    for k in range(start, min(len(lines), start + _MOST_LINES)):
        if is_total(lines[k]):
            end = k + 1
            while end < len(lines) and end - k < width and (not lines[end].strip() or is_points(lines[end])):
                end += 1
            return end
    return None


def is_points(cell: str) -> bool:
    """Points, or a dash for none (分值 and 得分 cells)."""
    text = cell.strip()
    return bool(POINTS.match(text) or NOT_APPLICABLE.match(text))


def without_page_furniture(body: list, header: list) -> list:
    """The body without the page's furniture (- 5 -, 第 2 页: text_rows' page_furniture; a bare
    number is a cell) and the header written again where a page broke."""
    out, k = [], 0
    while k < len(body):
        if body[k:k + len(header)] == header:
            k += len(header)
            continue
        if body[k] and vocabulary()["page_furniture"].match(body[k]):
            k += 1
            continue
        out.append(body[k])
        k += 1
    return out


@lru_cache(maxsize=1)
def scoring_rule() -> regex.Pattern:
    """The words of a scoring rule (patterns/forms.json scoring_rule), for ingest and the form
    reader alike."""
    return regex.compile(load_json("forms.json")["scoring_rule"])


def is_criteria(cell: str) -> bool:
    """A scoring rule's words (…得15-20分；…每缺一项扣2分): never an indicator's name."""
    return not is_points(cell) and scoring_rule().search(cell) is not None


def criteria_under_names(rows: list) -> bool:
    """Does a scoring rule's words stand under a level's or a name's column of the header (the
    first row)? The rows were cut out of step: an indicator's name is never a rule."""
    roles = [column_roles().get(bare_cell(str(h))) for h in rows[0]] if rows else []
    names = [k for k, role in enumerate(roles) if role in ("level", "name")]
    return any(k < len(row) and is_criteria(str(row[k])) for row in rows[1:] for k in names)
