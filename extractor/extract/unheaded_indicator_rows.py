"""Indicator rows of a form's piece that carries no header and no title (a page of a web article
that splits a form over several pages: 安全隐患排查有效处置率 | ≥ | 90 | % | 91 | 10 |), where no
reader took a figure of the row. They are read by the shape the templates with 指标性质 and 度量单位
columns give them: a comparator cell, the target's figure, its unit in a cell of its own, the
result's figure in that unit, then 分值 and perhaps 得分 (a row with one figure after the result has
left 得分 empty). Only a table with two such rows or more: one row of that shape may be a chance."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..model import TABLE
from ..normalize import normalize
from .facts import Fact, written_unit_spec
from .form_vocab import spec, value_type, vocab
from .numbers import parse_cell_number

_FEWEST_ROWS = 2
_MOST_POINTS = Decimal(100)


def unheaded_indicator_facts(doc, facts: list) -> list:
    """The facts of the unheaded indicator rows of the document's tables (see the module)."""
    read = {(f.source.get("table"), f.source.get("row")) for f in facts if f.source.get("table") is not None}
    out: list = []
    for block in doc.blocks:
        if block.kind != TABLE:
            continue
        rows = [(r, shape) for r, row in enumerate(block.table.rows)
                if (block.index, r) not in read and (shape := _indicator_row(row)) is not None]
        if len(rows) >= _FEWEST_ROWS:
            for r, shape in rows:
                out += _row_facts(block, r, *shape)
    return out


def _indicator_row(row: list) -> Optional[tuple]:
    """(the name's cell, the target's, the unit, the result's, the points' cells) of a row of
    that shape; None otherwise."""
    cells = [c for c in row if c.merged_from is None and c.text.strip()]
    for k in range(1, len(cells) - 4):
        name, sign, target, unit, result = cells[k - 1:k + 4]
        points = cells[k + 4:]
        if normalize(sign.text.strip()) in spec()["comparators"] and value_type(name.text) is None \
                and value_type(target.text) == value_type(result.text) == "num" \
                and unit.text.strip() in vocab()["cell_units"] and _unit_kind(unit.text.strip()) is not None \
                and 1 <= len(points) <= 2 and all(_points(c.text) is not None for c in points):
            return name, target, unit.text.strip(), result, points
    return None


def _unit_kind(unit: str) -> Optional[tuple]:
    try:
        kind, base, mult = written_unit_spec(unit)
    except KeyError:
        return None
    return (kind, base, mult) if kind not in (None, "count") else None


def _points(text: str) -> Optional[Decimal]:
    parsed = parse_cell_number(text.strip()) if value_type(text) == "num" else None
    return parsed[0] if parsed is not None and parsed[0] <= _MOST_POINTS else None


def _row_facts(block, r: int, name, target, unit: str, result, points: list) -> list:
    kind, base, mult = _unit_kind(unit)
    subject = name.text.strip()
    out = []
    for cell, label, slot in [(target, "年度指标值", "target"), (result, "实际完成值", "actual")]:
        out.append(_cell_fact(block, r, cell, kind, base, mult, label, subject, slot, unit))
    for cell, (label, slot) in zip(points, [("分值", "weight"), ("得分", "score")]):
        out.append(_cell_fact(block, r, cell, "score", "分", Decimal(1), label, subject, slot, "分"))
    return out


def _cell_fact(block, r: int, cell, kind: str, base: str, mult: Decimal, label: str, subject: str, slot: str,
               written_unit: str) -> Fact:
    text = cell.text
    value, decimals, _ = parse_cell_number(text.strip())
    start = len(text) - len(text.lstrip())
    quote = text.strip()
    where = {"page": block.page, "block": block.index, "table": block.index, "row": r, "col": cell.col}
    return Fact(kind=kind, value=value * mult, unit=base, text=quote, decimals=decimals, approx=False, label=label,
                subject=subject, scale=mult, source={**where, "start": start, "end": start + len(quote), "quote": quote},
                extra={"slot": slot, "indicator_path": [subject], "written_unit": written_unit})
