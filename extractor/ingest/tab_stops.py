"""Tables typed with tab stops rather than cells: a short row name is followed by two tabs to
reach the next stop, a long one by one (乡镇名称 ⇥⇥ 受益户数 … over 大阁镇 ⇥⇥ 412 … and
南关蒙古族乡 ⇥ 295 …). Read as cells, the short names' rows get an empty column the long names'
rows lack, and every row after a long name is shifted. Used by txt.py before its readers of
tab rows."""
from __future__ import annotations

from .spaced_cells import display_width

_LEAST_ROWS = 3  # rows the empty stop column must run through (the header among them)


def tab_stops_collapsed(lines: list) -> list:
    """The lines with each run of tab rows whose empty column is a tab stop's, not a cell's,
    written without it."""
    out = list(lines)
    i = 0
    while i < len(out):
        if not _tab_row(out[i]):
            i += 1
            continue
        j = i
        # (a row name broken before its tabs stands on a short line of its own inside the run)
        while j < len(out) and (_tab_row(out[j]) or _name_piece(out, j)):
            j += 1
        at = [k for k in range(i, j) if _tab_row(out[k])]
        rows = [out[k].rstrip("\n").split("\t") for k in at]
        col = _stop_column(rows)
        if col is not None:
            for k, r in zip(at, rows):
                if r[col:col + 1] == [""]:
                    out[k] = "\t".join(r[:col] + r[col + 1:])
        i = j
    return out


def _tab_row(line: str) -> bool:
    return "\t" in line.strip("\t ")


def _name_piece(lines: list, j: int) -> bool:
    return 0 < len(lines[j].strip()) <= _NAME_PIECE and j + 1 < len(lines) and _tab_row(lines[j + 1])


_NAME_PIECE = 18


def _stop_column(rows: list):
    """The column that is a tab stop's: empty under the header's first name (the header's own
    cell empty too) in every row whose first cell is short, and missing from every row whose
    first cell is wider than all of those (its name ran past the stop); None where no row
    shows that, or a row with a short first cell fills the column."""
    header, col = rows[0], 1
    if len(header) < 4 or not header[0].strip() or header[col] != "":
        return None
    padded = [r for r in rows if len(r) > col and r[col] == ""]
    past = [r for r in rows if len(r) > col and r[col] != ""]
    if len(padded) < _LEAST_ROWS or not past:
        return None
    widest_padded = max(display_width(r[0].strip()) for r in padded)
    if not all(display_width(r[0].strip()) > widest_padded for r in past):
        return None
    # (the rows that reached past the stop write one cell fewer, or the same where a trailing
    # empty note was left off the others)
    if any(len(r) > len(header) for r in past):
        return None
    return col
