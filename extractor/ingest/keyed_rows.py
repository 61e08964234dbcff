"""Rows a web page prints as labelled parts rather than cells: 三级指标：受益学生人数；指标值：≥1200人；
实际完成值：1236人；分值：10；得分：10. A run of such lines is a table whose header is their labels
(in the order they first appear) and whose rows are their values, each under its label; it is
written out as pipe rows, so the pipe reader reads it like any table. A level named on a line of
its own before the rows (一级指标：产出指标（50分）, 二级指标：数量指标) is the rows' level: it
becomes a column of theirs too, the line itself staying text. An indicator written one labelled
part a line, its name first (指标名称：…↵年度指标值：…↵分值：8), is such a row too.

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
        while k < len(lines):
            if (parts := _parts(lines[k])) is not None:
                run.append(parts)
                k += 1
            elif (block := _block_at(lines, k)) is not None:
                run.append(block[0])
                k = block[1]
            else:
                break
        if not run:
            out.append(lines[k])
            k += 1
        elif _rows_of_a_table(run):
            out.extend(_as_pipes(run, levels))
        else:
            # a form's statements (年度资金总额：…；其中财政拨款：…): one a line, as cells of its own
            out.extend(f"{key}：{value}" for parts in run for key, value in parts)
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


def _rows_of_a_table(run: list) -> bool:
    """Are the run's lines rows of one table: each led by the same label, a name's (三级指标：…
    on every line)? Lines each led by another label (年度资金总额：…；其中财政拨款：… then
    全年执行数：…；执行率：…) are a form's statements, read where they stand."""
    first = {parts[0][0] for parts in run}
    return len(first) == 1 and (len(run) >= 2 or first <= set(_NAME_KEYS))


def _block_at(lines: list, k: int) -> Optional[tuple]:
    """([(label, value)], the line after it) of an indicator written one labelled part a line
    (指标名称：…↵年度指标值：…↵实际完成值：…↵分值：8↵得分：8), blank lines before it passed over;
    None where no such block starts at k."""
    while k < len(lines) and not lines[k].strip():
        k += 1
    parts, j = [], k
    while j < len(lines) and (m := _PART.match(lines[j].strip())) and m["key"] not in {key for key, _ in parts}:
        parts.append((m["key"], m["value"]))
        j += 1
    if len(parts) < _FEWEST_PARTS or parts[0][0] not in _NAME_KEYS:
        return None
    return parts, j


def _as_pipes(run: list, levels: dict) -> list:
    """The run as pipe rows: the levels named before it first where its rows name indicators."""
    header = []
    for parts in run:
        header += [key for key, _ in parts if key not in header]
    lead = [key for key in ("一级指标", "二级指标") if key in levels and key not in header] \
        if header[0] in _NAME_KEYS else []
    rows = [[levels[key] for key in lead] + [dict(parts).get(key, "") for key in header] for parts in run]
    return [""] + ["| " + " | ".join(row) + " |" for row in [lead + header] + rows] + [""]
