"""Indicator rows of a form's piece that carries no header and no title (a page of a web article
that splits a form over several pages: 安全隐患排查有效处置率 | ≥ | 90 | % | 91 | 10 |), where no
reader took a figure of the row. They are read by the shape the templates with 指标性质 and 度量单位
columns give them: a comparator cell, the target's figure, its unit in a cell of its own, the
result's figure in that unit, then 分值 and perhaps 得分 (a row with one figure after the result has
left 得分 empty) — in a table's row, or in a line whose cells a space separates. Only where two
such rows or more stand in the table or the text: one row of that shape may be a chance. Then the
piece's qualitative rows give their points too (图书馆管理机制健全性 | 定性 | 好坏 | 好 | 5 | 5:
words for target and result), and its total row after them its 分值 total of 100 and its 得分."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

import regex

from ..model import TABLE
from ..normalize import normalize
from .facts import Fact, written_unit_spec
from .form_tokens import lines_with_offsets
from .form_vocab import spec, value_type, vocab
from .numbers import parse_cell_number

_FEWEST_ROWS = 2
_NEAR = 8  # cells: a qualitative or total row stands right after the rows read
_MOST_POINTS = Decimal(100)


@dataclass
class _Piece:
    """A cell of a row: a table cell's text, or a run of a line's text between spaces."""
    text: str
    source: dict  # where it is: block, and table / row / col or the offset in the block's text
    start: int = 0  # where its text starts in the cell's (or the block's) text


def unheaded_indicator_facts(doc, facts: list) -> list:
    """The facts of the unheaded indicator rows of the document's tables and lines (see the
    module). A target the text reader took already (≥ 90% read as a percent) is that fact,
    relabelled as the row's target, not a second one."""
    read_rows = {(f.source.get("table"), f.source.get("row")) for f in facts if f.source.get("table") is not None}
    text_facts = {(f.source.get("block"), f.source.get("start")): f for f in facts if f.source.get("table") is None}
    out: list = []
    lines = []
    line_points = []  # (cells of a line whose points are a qualitative row's or the total's)
    stream = []  # (every line's cells in turn: a table written one cell a line, or run on in one)
    for block in doc.blocks:
        if block.kind == TABLE:
            unread = [_table_cells(block, r, row) for r, row in enumerate(block.table.rows) if (block.index, r) not in read_rows]
            rows = [shape for cells in unread if (shape := _indicator_row(cells))]
            if len(rows) >= _FEWEST_ROWS:
                out += [fact for shape in rows for fact in _row_facts(*shape)]
                out += _points_rows_facts(unread, rows[0][0])
            continue
        for line, line_start in lines_with_offsets(block.text):
            cells = _line_cells(block, line, line_start)
            stream += cells
            shape = _indicator_row(cells)
            if shape is not None and not _read_by_another(shape, text_facts):
                lines.append(shape)
            elif lines and not any(_place(p) in text_facts for p in cells):
                line_points.append(cells)
    rows, points_rows = _stream_rows(stream)
    if len(rows) >= _FEWEST_ROWS:
        read = {_place(shape[1]) for shape in lines}
        lines += [shape for shape in rows if _place(shape[1]) not in read and not _read_by_another(shape, text_facts)]
        line_points += points_rows
    if len(lines) >= _FEWEST_ROWS:
        out += _points_rows_facts(line_points, None)
        for shape in lines:
            taken = text_facts.get(_place(shape[1]))
            new = _row_facts(*shape)
            if taken is not None and taken.value == new[0].value and taken.unit == new[0].unit:
                taken.label, taken.subject = new[0].label, new[0].subject
                taken.extra.update(new[0].extra)
                new = new[1:]
            out += new
    # (a row both of its line and of the run of cells is read once)
    return list({(f.source.get("block"), f.source.get("row"), f.source.get("col"), f.source["start"]): f
                 for f in out}.values())


def _place(piece: _Piece) -> tuple:
    """Where a line's cell stands, as the text reader's facts are keyed: (block, start)."""
    return piece.source["block"], piece.start


def _read_by_another(shape: tuple, text_facts: dict) -> bool:
    """Did a text reader take the row's result or points (then the row is that reader's)?"""
    return any(_place(p) in text_facts for p in [shape[3]] + shape[4])


def _stream_rows(cells: list) -> tuple:
    """The indicator rows of the text's cells taken in turn, as a table written one cell a line
    or run on in one line gives them (name, ≥, 90, %, 93, 10, 9, the next row's name), and the
    cells of the qualitative and total rows right after them. A row's points are the figures
    after its result up to the next words: one or two."""
    shapes, points_rows, last = [], [], None
    for k, cell in enumerate(cells):
        key = normalize(cell.text)
        near = last is not None and k - last <= _NEAR
        if k and key in spec()["comparators"]:
            row = cells[k - 1:k + 4]
            points = _points_from(cells, k + 4)
            if len(row) == 5 and points and (shape := _indicator_row(row + points)):
                shapes.append(shape)
                last = k + 4 + len(points)
        elif near and key in _qualitative_natures():
            j = _words_end(cells, k + 1)
            if points := _points_from(cells, j):
                points_rows.append(cells[k - 1:j] + points)
                last = j + len(points)
        elif near and key in vocab()["total"]:
            if points := _points_from(cells, k + 1):
                points_rows.append([cell] + points)
    return shapes, points_rows


def _points_from(cells: list, i: int) -> list:
    """The one or two points cells from cells[i] on, where words or the end follow them."""
    n = 0
    while i + n < len(cells) and n <= 2 and value_type(cells[i + n].text) == "num":
        n += 1
    points = cells[i:i + n]
    return points if 1 <= n <= 2 and all(_points(c.text) is not None for c in points) else []


def _table_cells(block, r: int, row: list) -> list:
    where = {"page": block.page, "block": block.index, "table": block.index, "row": r}
    return [_Piece(c.text.strip(), {**where, "col": c.col}, len(c.text) - len(c.text.lstrip()))
            for c in row if c.merged_from is None and c.text.strip()]


_RUN = regex.compile(r"\S+")


def _line_cells(block, line: str, line_start: int) -> list:
    """A line's runs between spaces, a figure run together with its unit (90%, 6万元: the text
    reader joins a unit spaced off its figure) as two pieces, the figure's and the unit's."""
    where = {"page": block.page, "block": block.index, "table": None, "row": None, "col": None}
    out = []
    for m in _RUN.finditer(line):
        start = line_start + m.start()
        unit = _FIGURE_UNIT.fullmatch(m.group())
        if unit is not None and unit["unit"] in vocab()["cell_units"]:
            out += [_Piece(unit["figure"], where, start), _Piece(unit["unit"], where, start + unit.start("unit"))]
        else:
            out.append(_Piece(m.group(), where, start))
    return out


_FIGURE_UNIT = regex.compile(r"(?P<figure>\d[\d,]*(?:\.\d+)?)(?P<unit>[^\d\s.,].*)")


def _indicator_row(cells: list) -> Optional[tuple]:
    """(the name's cell, the target's, the unit, the result's, the points' cells) of a row of
    that shape; None otherwise."""
    for k in range(1, len(cells) - 4):
        name, sign, target, unit, result = cells[k - 1:k + 4]
        points = cells[k + 4:]
        if normalize(sign.text) in spec()["comparators"] and value_type(name.text) is None \
                and value_type(target.text) == value_type(result.text) == "num" \
                and unit.text in vocab()["cell_units"] and _unit_kind(unit.text) is not None \
                and 1 <= len(points) <= 2 and all(_points(c.text) is not None for c in points):
            return name, target, unit.text, result, points
    return None


def _points_rows_facts(rows: list, first_name: Optional[_Piece]) -> list:
    """The points of a piece's qualitative rows and of its total row (after its first
    indicator row `first_name`'s, where given): cells of rows no other shape read."""
    out, after = [], first_name is None
    for cells, below in zip(rows, rows[1:] + [[]]):
        after = after or any(c is first_name for c in cells)
        # (a qualitative row's result and points may go on in the row below: 定性 | 健全 |
        # then | 基本健全 | 10 | 8 |)
        if after and (found := _qualitative_row(cells) or _total_row(cells)
                      or not any(value_type(c.text) for c in cells) and _qualitative_row(cells + below)):
            name, points = found
            out += _points_facts(points, name)
    return out


def _qualitative_row(cells: list) -> Optional[tuple]:
    """(name, points' cells) of a qualitative row: name | 定性 | target words | result words |
    分值 | 得分 (a unit placeholder's cell maybe before the result)."""
    for k in range(1, len(cells) - 3):
        name, nature = cells[k - 1:k + 1]
        if normalize(nature.text) not in _qualitative_natures() or value_type(name.text) is not None:
            continue
        j = _words_end(cells, k + 1)
        words, points = cells[k + 1:j], cells[j:]
        if 2 <= sum(value_type(c.text) is None for c in words) <= len(words) <= 3 and 1 <= len(points) <= 2 \
                and all(_points(c.text) is not None for c in points):
            return name.text, points
    return None


def _qualitative_natures() -> list:
    return [n for n in spec()["target_natures"] if n.startswith("定性")]


def _words_end(cells: list, i: int) -> int:
    """Where the cells of words from cells[i] end (a qualitative row's target, result and a
    unit cell written — or /), three at most."""
    j = i
    while j < len(cells) and j - i < 3 and value_type(cells[j].text) in (None, "na"):
        j += 1
    return j


def _total_row(cells: list) -> Optional[tuple]:
    """(合计, points' cells) of a total row: 合计 | 100 | 得分."""
    if len(cells) in (2, 3) and normalize(cells[0].text) in vocab()["total"] \
            and all(_points(c.text) is not None for c in cells[1:]) and _points(cells[1].text) == _MOST_POINTS:
        return "合计", cells[1:]
    return None


def _unit_kind(unit: str) -> Optional[tuple]:
    try:
        kind, base, mult = written_unit_spec(unit)
    except KeyError:
        return None
    return (kind, base, mult) if kind not in (None, "count") else None


def _points(text: str) -> Optional[Decimal]:
    parsed = parse_cell_number(text) if value_type(text) == "num" else None
    return parsed[0] if parsed is not None and parsed[0] <= _MOST_POINTS else None


def _row_facts(name, target, unit: str, result, points: list) -> list:
    kind, base, mult = _unit_kind(unit)
    out = []
    for piece, label, slot in [(target, "年度指标值", "target"), (result, "实际完成值", "actual")]:
        out.append(_fact(piece, kind, base, mult, label, name.text, slot, unit))
    return out + _points_facts(points, name.text)


def _points_facts(points: list, name: str) -> list:
    """A row's 分值 and, where written, its 得分."""
    return [_fact(piece, "score", "分", Decimal(1), label, name, slot, "分")
            for piece, (label, slot) in zip(points, [("分值", "weight"), ("得分", "score")])]


def _fact(piece: _Piece, kind: str, base: str, mult: Decimal, label: str, subject: str, slot: str,
          written_unit: str) -> Fact:
    value, decimals, _ = parse_cell_number(piece.text)
    source = {**piece.source, "start": piece.start, "end": piece.start + len(piece.text), "quote": piece.text}
    return Fact(kind=kind, value=value * mult, unit=base, text=piece.text, decimals=decimals, approx=False, label=label,
                subject=subject, scale=mult, source=source,
                extra={"slot": slot, "indicator_path": [subject], "written_unit": written_unit})
