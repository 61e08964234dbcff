"""Score sheets that score several units side by side, written a space between cells: a city's
sheet over its counties (… 评分标准 指标分值 甲县 乙县 丙县 平均分 备注), each row ending in its
分值 and then one 得分 per unit. The row's criteria run before its figures and wrap over lines,
so a row is known by its figures only: a line ending in exactly as many figures as the header
has the weight's and the units' columns, every score at most the weight.

The sheet gives facts only (分值, and each unit's 得分): its levels are written in the criteria
text, not apart from its rows, so no score rule is asked of it."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..model import Document, Table
from .numbers import parse_cell_number
from .regions import county_short_names, gazetteer_names
from .score_run_text import Places, Tree, tables_after_headers
from .worded_score_table import column_words

_FEWEST_UNITS = 2
_MOST_UNITS = 20
_FEWEST_ROWS = 2
_FIGURE = r"\d{1,3}(?:\.\d{1,2})?"


@lru_cache(maxsize=1)
def _header() -> regex.Pattern:
    # the weight's column, then the units' names (two to six characters each, a space apart);
    # a one-character piece (备 注 letter-spaced) ends them
    return regex.compile(rf"(?:{column_words('weight_columns')})(?P<units>(?:[ \t]+\p{{Han}}{{2,6}}){{{_FEWEST_UNITS},{_MOST_UNITS}}})(?=[ \t]|$)",
                         regex.MULTILINE)


@lru_cache(maxsize=1)
def _not_units() -> frozenset:
    # header words that are columns of their own, not units scored (得分, 备注, 评分标准 …)
    words = column_words("score_columns").split("|") + column_words("weight_columns").split("|")
    return frozenset(words) | frozenset(("备注", "说明", "评分标准", "评分依据", "扣分原因", "得分说明"))


_AVERAGE_COLUMNS = frozenset(("平均分", "平均", "均分", "平均值", "平均得分"))
_UNIT_SUFFIX = regex.compile(r"(?:县|区|市|镇|乡|街道|旗|州|盟|村|社区|局|院|校|中心)$")


def names_a_unit(name: str) -> bool:
    """Is a header's column name a place or a body scored (霍山, 金寨县, 城关镇, 县医保局)?"""
    return name in _place_names() or bool(_UNIT_SUFFIX.search(name))


@lru_cache(maxsize=1)
def _place_names() -> frozenset:
    # the gazetteer's names and its counties' names without their suffix (霍邱县 → 霍邱)
    return gazetteer_names() | frozenset(short for _, _, short in county_short_names(peoples_dropped=True))


def units_scored_columns(table: Table) -> frozenset:
    """The columns of a table that scores several units side by side (一级指标 | 分值 | 甲县 | 乙县 |
    丙县): after its weight's column, two or more columns each named by a place or a body, every
    figure in them at most its row's weight."""
    if not table.header_rows:
        return frozenset()
    header = [cell.text.replace("\n", "").strip() for cell in table.rows[table.header_rows - 1]]
    weight = next((c for c, name in enumerate(header) if _weight_column().fullmatch(name)), None)
    units = [c for c in range(weight + 1, len(header)) if names_a_unit(header[c])] if weight is not None else []
    if len(units) < _FEWEST_UNITS:
        return frozenset()
    for row in table.rows[table.header_rows:]:
        points = parse_cell_number(row[weight].text)
        for c in units:
            value = parse_cell_number(row[c].text)
            if value is not None and (points is None or value[0] > points[0]):
                return frozenset()
    return frozenset(units)


@lru_cache(maxsize=1)
def _weight_column() -> regex.Pattern:
    return regex.compile(column_words("weight_columns"))


def units_score_tables(doc: Document) -> list:
    """The score sheets of `doc` that score several units side by side, each a Tree."""
    return tables_after_headers(doc, _header(), _read, whole_match=True)


def _read(text: str, place: Places, header: "regex.Match") -> Optional[Tree]:
    units = header["units"].split()
    while units and units[-1] in _not_units():
        units.pop()  # (a note's column after the units: 备注)
    named = units[:-1] if units and units[-1] in _AVERAGE_COLUMNS else units
    # (the units must be places or bodies: columns such as 单位自评 | 再评价 are the sheet's own)
    if len(named) < _FEWEST_UNITS or not all(names_a_unit(u) for u in named):
        return None
    row = regex.compile(rf"(?:^|(?<=[^\d.]))(?P<run>{_FIGURE}(?:[ \t]+{_FIGURE}){{{len(units)}}})[ \t]*$", regex.MULTILINE)
    tree, rows = Tree(), 0
    for m in row.finditer(text, header.end()):
        a = m.start("run")
        spans = [(a + x.start(), a + x.end()) for x in regex.finditer(_FIGURE, m["run"])]
        values = [Decimal(text[s:e]) for s, e in spans]
        weight, scores = values[0], values[1:]
        if not 0 < weight <= 100 or any(s > weight for s in scores) or not place.within_one_block(spans):
            continue
        tree.figures.append(place.figure(spans[0], text, "分值", ("分值",)))
        tree.figures += [place.figure(span, text, "得分", (unit,)) for span, unit in zip(spans[1:], units)]
        tree.runs += place.covers(a, m.end())
        rows += 1
    return tree if rows >= _FEWEST_ROWS else None
