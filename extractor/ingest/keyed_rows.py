"""Rows a web page prints as labelled parts rather than cells: 三级指标：受益学生人数；指标值：≥1200人；
实际完成值：1236人；分值：10；得分：10. A run of such lines is a table whose header is their labels
(in the order they first appear) and whose rows are their values, each under its label; it is
written out as pipe rows, so the pipe reader reads it like any table. A level named on a line of
its own before the rows (一级指标：产出指标（50分）, 二级指标：数量指标) is the rows' level: it
becomes a column of theirs too, the line itself staying text.

Only lines of three labelled parts or more, each label a short name (2–12 characters, no figure)
and each value filled, are such rows; a line of prose with a colon in it is not one."""
from __future__ import annotations

from typing import Optional

import regex

_PART_BREAK = regex.compile(r"\s*[；;]\s*")
_PART = regex.compile(r"^(?P<key>[\p{Han}（）()]{2,12})[：:]\s*(?P<value>[^：:|｜]+?)\s*$")
_FEWEST_PARTS = 3
# a level named on a line of its own (一级指标：产出指标（50分）): its name, without the points
_LEVEL_LINE = regex.compile(r"^\s*(?P<key>一级指标|二级指标)[：:]\s*(?P<name>[^（(：:；;]+?)\s*(?:[（(][^）)]*[)）])?\s*$")
# the labels of a row's name that a level heads
_NAME_KEYS = ("三级指标", "指标名称", "绩效指标")


def keyed_rows_as_pipes(lines: list) -> list:
    """`lines` with each run of labelled-part lines written out as pipe rows under a header."""
    out, levels, k = [], {}, 0
    while k < len(lines):
        level = _LEVEL_LINE.match(lines[k])
        if level:
            levels[level["key"]] = level["name"]
            if level["key"] == "一级指标":
                levels.pop("二级指标", None)
        run = []
        while k < len(lines) and (parts := _parts(lines[k])) is not None:
            run.append(parts)
            k += 1
        if not run:
            out.append(lines[k])
            k += 1
            continue
        out.extend(_as_pipes(run, levels))
    return out


def _parts(line: str) -> Optional[list]:
    """[(label, value)] of a line of labelled parts, or None."""
    pieces = [p for p in _PART_BREAK.split(line.strip().rstrip("。")) if p]
    if len(pieces) < _FEWEST_PARTS:
        return None
    parts = [m for p in pieces if (m := _PART.match(p))]
    if len(parts) != len(pieces) or len({m["key"] for m in parts}) != len(parts):
        return None
    return [(m["key"], m["value"]) for m in parts]


def _as_pipes(run: list, levels: dict) -> list:
    """The run as pipe rows: the levels named before it first where its rows name indicators."""
    header = []
    for parts in run:
        header += [key for key, _ in parts if key not in header]
    lead = [key for key in ("一级指标", "二级指标") if key in levels and key not in header] \
        if header[0] in _NAME_KEYS else []
    rows = [[levels[key] for key in lead] + [dict(parts).get(key, "") for key in header] for parts in run]
    return [""] + ["| " + " | ".join(row) + " |" for row in [lead + header] + rows] + [""]
