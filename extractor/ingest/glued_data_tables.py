"""A report's data table whose cells a document-sharing site ran together, one row a line:
a header of the columns' names with no break (支出内容(经济科目)计划支出数(万元)实际支出数(万元),
or 序号财政事权预算额度调整额度 under a caption stating 单位：万元), then rows of a name and its
figures (城区道路保洁补助56.0048.27), maybe a remark after them (注1), and a 合计 row closing
the table. The table is written out as rows with a tab between cells, so the reader of
tab-separated rows reads it — its figures then carry their table, row, column and the unit
the header or caption states.

A row's figures are cut only where one reading fits (glued_figures.py): every figure of the
table written with the same decimal places (each row's last figure shows how many), the run
cut right after each point's digits; and, where the table has more than one column of
figures, only under a 合计 row that proves the cuts, being the columns' sums (a figure written
with fewer places than the rest, 35.5 beside 34.80, would cut as 35.53 | 4.80). A run that reads more than one way (whole numbers run
together, 7373), or holds fewer figures than the table has columns of them (which columns?),
is read only where the 合计 row's figures leave one reading under which every column adds up
(column_sums.py); otherwise its row keeps its words and figures as written in its name's cell,
its figure cells left empty, so nothing is read from it.

The header is cut after each closing bracket and at the names of columns of figures listed
in patterns/text_tables.json (glued_figure_columns); the text before those names the rows
(after 序号, whose rows open with their numbers 1, 2, 3 …), a text after them a column of
remarks. Not a score table's (分值, 得分: the score readers').
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..patterns import load_json
from .column_sums import adds_up, choice_by_totals, placed
from .glued_figures import RUN, SPACED_FIGURE, cut_at_places, places_of, readings
from .one_space_tables import unit_stated_above
from .column_names import POINTS_NAME, UNIT_NAME
from .tables import is_caption_text
from .text_rows import NUMBER_HEADERS

_FEWEST_ROWS = 2
_MOST_HEADER = 80
_MOST_NAME = 60
_MOST_REMARK = 30
_MOST_COLUMNS = 8
_PROSE = regex.compile(r"[，。；！？,;!?]")
# a break between names: after a closing bracket (经济科目) or a unit's (万元)
_AFTER_BRACKET = regex.compile(r"(?<=[）)])(?=\S)")
_BRACKETED = regex.compile(r"^[（(][^（）()]*[)）]")
_BRACKET_AFTER = regex.compile(r"[（(][^（）()]*[)）]$")
# a caption line ending in the unit of the table under it (…安排情况表 单位:万元)
_UNIT_ENDS_CAPTION = regex.compile(r"单位\s*[:：]\s*(?:亿元|万元|千元|元|万人次|万人|人次|人|万户|户)\s*[)）]?\s*$")
_YEAR = regex.compile(r"(?:19|20)\d{2}年")
# cells a copy kept apart (a tab, a pipe, spaces between names): the readers of such rows' table
_CELL_BREAK = regex.compile(r"[\t|｜]|\S\s+\S")


@lru_cache(maxsize=1)
def _vocabulary() -> tuple:
    """(the names of figure columns, longest first, as one pattern; the note mark; the total
    row's name) from patterns/text_tables.json."""
    spec = load_json("text_tables.json")
    names = sorted(spec["glued_figure_columns"], key=len, reverse=True)
    return (regex.compile("|".join(regex.escape(n) for n in names)), regex.compile(spec["glued_note_mark"]),
            regex.compile(spec["glued_total_row"]))


def glued_data_table_at(lines: list, i: int) -> Optional[tuple]:
    """(rows of cell texts, the line after the table) for a run-together data table whose
    header is line i; None where there is none."""
    layout = _header_layout(lines[i].strip())
    if layout is None or not (layout["unit"] or _unit_above(lines, i)):
        return None
    rows, totals, end = [], None, i + 1
    while end < len(lines) and len(rows) < 200:
        parsed = _row(lines[end].strip(), layout, len(rows) + 1)
        if parsed is None:
            break
        end += 1
        if parsed["total"]:
            totals = parsed
            break
        rows.append(parsed)
    if not _read_figures(rows, totals, layout["columns"]) or sum(1 for r in rows if r["cells"] is not None) < _FEWEST_ROWS:
        return None
    return [layout["header"]] + [_cells(r, layout) for r in rows + ([totals] if totals else [])], end


def _header_layout(text: str) -> Optional[dict]:
    """The header's cells and where its columns stand: {header, numbered, columns (how many
    of figures), remark (a column of remarks last), unit (a figure column states one)}."""
    if not text or len(text) > _MOST_HEADER or _CELL_BREAK.search(text) or _PROSE.search(text) \
            or regex.search(r"\d", _YEAR.sub("", text)) or not regex.search(r"\p{Han}", text):
        return None
    numbered = next((h for h in sorted(NUMBER_HEADERS, key=len, reverse=True) if len(h) > 1 and text.startswith(h)), None)
    pieces = ([numbered] if numbered else []) + _pieces(text[len(numbered or ""):])
    first = 1 if numbered else 0
    figures = [k for k, p in enumerate(pieces) if k > first and _names_figures(p)]
    if not figures or figures != list(range(figures[0], figures[-1] + 1)) or len(figures) > _MOST_COLUMNS \
            or len(pieces) - figures[-1] - 1 > 1 or any(_names_figures(p) for p in pieces[first:figures[0]]):
        return None
    if any(POINTS_NAME.match(p) for p in pieces):
        return None  # (a score table's: the score readers')
    # (the names before the figures' columns one cell: the rows' names cannot be cut apart either)
    header = pieces[:first] + ["".join(pieces[first:figures[0]])] + pieces[figures[0]:]
    return {"header": header, "numbered": bool(numbered), "columns": len(figures),
            "remark": len(pieces) > figures[-1] + 1,
            "unit": any(UNIT_NAME.search(p) for p in pieces[figures[0]:figures[-1] + 1])}


def _pieces(text: str) -> list:
    """The header's names: cut after each closing bracket, and at each listed name of a
    figure column (its bracket, 预算额度（万元）, kept with it)."""
    named = _vocabulary()[0]
    out: list = []
    for part in _AFTER_BRACKET.split(text):
        pos = 0
        for m in named.finditer(part):
            if m.start() > pos:
                out.append(part[pos:m.start()])
            out.append(m.group())
            pos = m.end()
            if (bracket := _BRACKETED.match(part[pos:])) is not None:
                out[-1] += bracket.group()
                pos += bracket.end()
        if pos < len(part):
            out.append(part[pos:])
    return [p for p in out if p.strip()]


def _names_figures(piece: str) -> bool:
    """Does a header's name head a column of figures: a listed name, or one stating its unit?"""
    return bool(_vocabulary()[0].fullmatch(_BRACKET_AFTER.sub("", piece)) or UNIT_NAME.search(piece))


def _unit_above(lines: list, i: int) -> bool:
    """Does the line above state the table's unit (单位：万元, or a caption ending in it)?"""
    above = next((lines[k].strip() for k in (i - 1, i - 2) if k >= 0 and lines[k].strip()), "")
    return unit_stated_above(lines, i) or (is_caption_text(above) and _UNIT_ENDS_CAPTION.search(above) is not None)


def _row(text: str, layout: dict, number: int) -> Optional[dict]:
    """A row's parts {number, name, run, remark, total}, or None where the line is no row of
    the table: a name (after the row's number where the rows are numbered), its run of
    figures, and a remark where the header has a column of them."""
    if not text or _CELL_BREAK.search(text) or SPACED_FIGURE.search(text):
        return None
    total_name = _vocabulary()[2]
    written_number = str(number) if layout["numbered"] and text.startswith(str(number)) else None
    rest = text[len(written_number):] if written_number else text
    for run in RUN.finditer(rest):
        a, b = run.span()
        if a == 0 or rest[a - 1] in ".," or rest[b:b + 1] in (".", ","):
            continue  # (no whole run: the name's own digits, M102.)
        name, remark = rest[:a], rest[b:]
        total = total_name.match(name) is not None
        if not _is_name(name) or not _is_remark(remark, layout) or (not total and layout["numbered"] and not written_number):
            continue
        if total and written_number:
            continue
        return {"number": written_number, "name": name, "run": run.group(), "remark": remark, "total": total, "cells": None}
    return None


def _is_name(name: str) -> bool:
    return 0 < len(name) <= _MOST_NAME and not _PROSE.search(name) and bool(regex.search(r"\p{Han}", name))


def _is_remark(remark: str, layout: dict) -> bool:
    if not remark:
        return True
    return layout["remark"] and len(remark) <= _MOST_REMARK and not _PROSE.search(remark) \
        and (not regex.search(r"\d", remark) or _vocabulary()[1].fullmatch(remark) is not None)


def _read_figures(rows: list, totals: Optional[dict], columns: int) -> bool:
    """Each row's figure cells (its `cells`: a figure text or None per column) where one
    reading fits; a row read no way keeps None. False where the table shows no one number of
    decimal places, where a run reads no way at all (no row of the table), and where a table
    of several figure columns has no total row that proves the cuts: every row read, the
    total row is its columns' sums."""
    every = rows + ([totals] if totals else [])
    places = {p for p in (places_of(r["run"]) for r in every) if p is not None}
    if len(places) > 1:
        return False  # (figures written with different places: no cut is certain)
    place = places.pop() if places else 0
    open_rows, provable = [], True
    for row in every:
        row["cells"] = _whole_row(row["run"], place, columns)
        if row["cells"] is not None:
            continue
        found = readings(row["run"], place, columns)
        if found is None:
            provable = False  # (a run that reads too many ways: the columns' sums leave it out)
            continue
        candidates = []
        for figures in found:
            candidates += [cells for cells in placed(figures, columns) if cells not in candidates]
        if not candidates:
            return False
        open_rows.append((row, candidates))
    if not provable or totals is None or totals["cells"] is None or None in totals["cells"]:
        # (no total row to prove the cuts by: even a run that reads one way at the table's
        # decimal places may hold a figure written with fewer, 35.534.80 for 35.5 | 34.80)
        return columns == 1
    read = [r["cells"] for r in rows if r["cells"] is not None]
    if not open_rows:
        return adds_up(read, totals["cells"], place)
    chosen = choice_by_totals(read, [cands for _, cands in open_rows], totals["cells"], place)
    for (row, candidates), k in zip(open_rows, chosen or []):
        row["cells"] = candidates[k]
    return True


def _whole_row(run: str, place: int, columns: int) -> Optional[list]:
    """The row's cells where its run reads one way as a figure under each column: cut at the
    table's decimal places, or a single figure under a single column."""
    if columns == 1:
        figures = readings(run, place, 1)
        return figures[0] if len(figures) == 1 else None
    figures = cut_at_places(run, place)
    return figures if figures is not None and len(figures) == columns else None


def _cells(row: dict, layout: dict) -> list:
    """The row's cells under the header; a row not read keeps its run in its name's cell.
    A total row's name stands first, under 序号 where the rows are numbered."""
    columns = layout["columns"]
    figures = [c or "" for c in row["cells"]] if row["cells"] is not None else [""] * columns
    name = row["name"] if row["cells"] is not None else row["name"] + row["run"]
    lead = ([row["name"], ""] if row["total"] else [row["number"], name]) if layout["numbered"] else [name]
    return lead + figures + ([row["remark"]] if layout["remark"] else [])
